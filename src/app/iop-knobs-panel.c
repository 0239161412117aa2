/* iop-knobs-panel.c: every knob of both hosts, editable
 *
 * Grouped by host (AdwPreferencesGroup) then by RPC method (AdwExpanderRow).
 * The panel follows the window's IopSession and asks it for every change:
 * iop_knobs_panel_set_knob_text() hands the text to the session, which
 * copies the scenario, sets the knob, re-runs the trace and only then swaps
 * it in; the rows follow what the session then shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-KnobsPanel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <string.h>

#include "iop-knobs-panel.h"
#include "iop-sim.h"

struct _IopKnobsPanel
{
  GtkWidget            parent_instance;

  IopSession          *session;
  IopTrace            *trace;           /* the session's: NULL while SPDK refuses the scenario */
  IopScenario         *scenario;        /* trace->scenario, or the refused one */
  char                *refusal;         /* why SPDK refuses it */
  char                *structure;       /* what the rows were built for */
  gboolean             rows_stale;      /* the rows wait for the panel to show */
  GHashTable          *rows;            /* "host/id" -> IopKnobRow, once built */
  GHashTable          *expanders;       /* "host/method" -> AdwExpanderRow */
  GHashTable          *knob_expanders;  /* "host/id" -> AdwExpanderRow holding its row */
  GPtrArray           *host_groups;     /* AdwPreferencesGroup */
  GPtrArray           *diagnostic_rows; /* GtkWidget in diagnostics_group */
  guint                reveal_id;
  IopKnobRow          *reveal_row;
  guint                n_changed;
  IopScenario         *undo_scenario;   /* before "Set All to SPDK Defaults" */
  AdwToast            *undo_toast;      /* weak */

  /* Template widgets */
  GtkLabel            *summary_label;
  GtkScrolledWindow   *scroller;
  GtkWidget           *groups_box;
  AdwPreferencesGroup *diagnostics_group;
};

G_DEFINE_FINAL_TYPE (IopKnobsPanel, iop_knobs_panel, GTK_TYPE_WIDGET)

enum {
  EDIT_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
row_key (IopHostId   host,
         const char *id)
{
  return g_strdup_printf ("%s/%s", iop_host_name (host), id);
}

static char *
structure_key (const IopScenario *sc)
{
  GString *s = g_string_new (iop_spdk_version_tag (sc->version));

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    g_string_append_printf (s, "|%d:%s", sc->hosts[h].present,
                            sc->hosts[h].target_trtype ? sc->hosts[h].target_trtype : "");
  return g_string_free (s, FALSE);
}

/* As iop_knob_row_sync() decides a row's "changed" */
static gboolean
knob_changed (const IopScenario *sc,
              IopHostId          host,
              const IopKnobDef  *def)
{
  return iop_scenario_knob_value (sc, host, def) != iop_knob_def_default (def, sc->version);
}

static guint
count_changed (const IopScenario *sc)
{
  guint n = 0;

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) knobs = NULL;

      if (!sc->hosts[h].present)
        continue;
      knobs = iop_scenario_host_knobs (sc, h);
      for (guint i = 0; i < knobs->len; i++)
        n += knob_changed (sc, h, g_ptr_array_index (knobs, i));
    }
  return n;
}

static void
set_summary (IopKnobsPanel *self)
{
  g_autofree char *text = NULL;

  if (self->scenario == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  /* Translators: "SPDK v26.01 · 14 knobs differ from SPDK’s defaults" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "SPDK %s · %u knob differs from SPDK’s defaults",
                                       "SPDK %s · %u knobs differ from SPDK’s defaults",
                                       self->n_changed),
                          iop_spdk_version_tag (self->scenario->version), self->n_changed);
  gtk_label_set_text (self->summary_label, text);
}

static void update_diagnostics (IopKnobsPanel *self);

/* A change the session made or refused: the row that asked says why it
 * was refused, and a change made clears every reason shown so far */
static gboolean
edit_done (IopKnobsPanel *self,
           gboolean       ok,
           IopKnobRow    *row,
           GError        *local,
           GError       **error)
{
  GHashTableIter iter;
  gpointer value;

  if (!ok)
    {
      if (row != NULL)
        {
          iop_knob_row_set_error (row, local->message);
          iop_knob_row_sync (row, self->scenario);
        }
      g_propagate_error (error, g_error_copy (local));
      return FALSE;
    }
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    iop_knob_row_set_error (value, NULL);
  return TRUE;
}

static void
row_edit_cb (IopKnobRow *row,
             const char *text,
             gpointer    user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);

  iop_knobs_panel_set_knob_text (self, iop_knob_row_get_host (row),
                                 iop_knob_row_get_def (row)->id, text, NULL);
}

static void
row_reset_cb (IopKnobRow *row,
              gpointer    user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);

  iop_knobs_panel_reset_knob (self, iop_knob_row_get_host (row), iop_knob_row_get_def (row)->id, NULL);
}

static void
row_done_cb (IopKnobRow *row,
             gpointer    user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);

  /* an edit over (Enter, Escape) before a reveal's scroll: the keyboard goes
   * where the edit sends it, not back to the revealed knob */
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_clear_object (&self->reveal_row);
  g_signal_emit (self, signals[EDIT_DONE], 0);
}

/* The toast goes away by itself (timeout, its button): forget it, so it is
 * never dismissed twice (libadwaita 1.2 would unref it twice) */
static void
undo_toast_dismissed_cb (AdwToast *toast,
                         gpointer  user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);

  if (self->undo_toast == toast)
    g_clear_weak_pointer (&self->undo_toast);
}

static void
undo_clicked_cb (AdwToast *toast,
                 gpointer  user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);

  undo_toast_dismissed_cb (toast, self);
  iop_knobs_panel_undo_defaults (self, NULL);
}

/* knobs.set-defaults: SPDK's defaults everywhere, with a toast to undo it
 * (the scenario's own values are one click away, not lost) */
static void
set_defaults_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (widget);
  g_autoptr(IopScenario) before = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (self->scenario == NULL)
    return;
  before = iop_scenario_ref (self->scenario);
  if (!iop_knobs_panel_reset_all (self, &error))
    {
      g_warning ("SPDK defaults do not trace: %s", error->message);
      return;
    }
  g_clear_pointer (&self->undo_scenario, iop_scenario_unref);
  self->undo_scenario = g_steal_pointer (&before);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  toast = adw_toast_new (_("Every knob is at SPDK’s default"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  g_set_weak_pointer (&self->undo_toast, toast);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
show_knob_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);
  const char *id = g_object_get_data (G_OBJECT (button), "knob");
  IopHostId host = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "host"));

  iop_knobs_panel_reveal_knob (self, host, id);
}

static void
clear_rows (IopKnobsPanel *self)
{
  for (guint i = 0; i < self->host_groups->len; i++)
    gtk_box_remove (GTK_BOX (self->groups_box), g_ptr_array_index (self->host_groups, i));
  g_ptr_array_set_size (self->host_groups, 0);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->expanders);
  g_hash_table_remove_all (self->knob_expanders);
  g_clear_pointer (&self->structure, g_free);
}

/* A method's knob rows are built when its expander first opens (or a row is
 * asked for): a collapsed AdwExpanderRow still measures its rows, and the
 * ~100 wrapped descriptions cost a second of text layout before the first
 * frame. The expander's subtitle is counted from the scenario meanwhile. */
static void
fill_expander (IopKnobsPanel  *self,
               AdwExpanderRow *expander)
{
  GPtrArray *defs = g_object_get_data (G_OBJECT (expander), "defs");
  IopHostId host = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "host"));

  if (g_object_get_data (G_OBJECT (expander), "filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < defs->len; i++)
    {
      const IopKnobDef *def = g_ptr_array_index (defs, i);
      GtkWidget *row = iop_knob_row_new (def, host, self->scenario->version);

      g_object_set_data (G_OBJECT (row), "expander", expander);
      g_signal_connect (row, "edit", G_CALLBACK (row_edit_cb), self);
      g_signal_connect (row, "reset", G_CALLBACK (row_reset_cb), self);
      g_signal_connect (row, "done", G_CALLBACK (row_done_cb), self);
      iop_knob_row_sync (IOP_KNOB_ROW (row), self->scenario);
      adw_expander_row_add_row (expander, row);
      g_hash_table_insert (self->rows, row_key (host, def->id), row);
    }
}

static void
expander_expanded_cb (AdwExpanderRow *expander,
                      GParamSpec     *pspec,
                      gpointer        user_data)
{
  if (adw_expander_row_get_expanded (expander))
    fill_expander (IOP_KNOBS_PANEL (user_data), expander);
}

static void
build_rows (IopKnobsPanel *self)
{
  const IopScenario *sc = self->scenario;

  clear_rows (self);
  self->structure = structure_key (sc);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) knobs = NULL;
      AdwPreferencesGroup *group;
      AdwExpanderRow *expander = NULL;
      const char *method = NULL;
      g_autofree char *desc = NULL;

      if (!sc->hosts[h].present)
        continue;

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, iop_host_label (h));
      if (sc->hosts[h].label != NULL && sc->hosts[h].target_trtype != NULL)
        /* Translators: a host's role and its NVMf target transport: "Baremetal (VFIO-user bridge) · VFIOUSER target" */
        desc = g_strdup_printf (_("%s · %s target"), sc->hosts[h].label, sc->hosts[h].target_trtype);
      else if (sc->hosts[h].label != NULL)
        desc = g_strdup (sc->hosts[h].label);
      if (desc != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (desc, -1);
          adw_preferences_group_set_description (group, escaped);
        }
      gtk_box_append (GTK_BOX (self->groups_box), GTK_WIDGET (group));
      g_ptr_array_add (self->host_groups, group);

      knobs = iop_scenario_host_knobs (sc, h);
      for (guint i = 0; i < knobs->len; i++)
        {
          const IopKnobDef *def = g_ptr_array_index (knobs, i);

          if (g_strcmp0 (def->method, method) != 0)
            {
              g_autofree char *title = NULL;

              method = def->method;
              expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
              if (def->trtype != NULL)
                title = g_strdup_printf ("%s (%s)", def->method, def->trtype);
              else
                title = g_strdup (def->method);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
              gtk_widget_add_css_class (GTK_WIDGET (expander), "knob-method");
              adw_preferences_group_add (group, GTK_WIDGET (expander));
              g_hash_table_insert (self->expanders, row_key (h, def->method), expander);
              g_object_set_data_full (G_OBJECT (expander), "layer",
                                      g_strdup (def->layer ? _(def->layer) : ""), g_free);
              g_object_set_data (G_OBJECT (expander), "host", GINT_TO_POINTER (h));
              g_object_set_data_full (G_OBJECT (expander), "defs", g_ptr_array_new (),
                                      (GDestroyNotify)g_ptr_array_unref);
              g_signal_connect (expander, "notify::expanded", G_CALLBACK (expander_expanded_cb), self);
            }

          g_ptr_array_add (g_object_get_data (G_OBJECT (expander), "defs"), (gpointer)def);
          g_hash_table_insert (self->knob_expanders, row_key (h, def->id), expander);
        }
    }
}

static void
sync_rows (IopKnobsPanel *self)
{
  const IopScenario *sc = self->scenario;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    iop_knob_row_sync (value, sc);

  /* Counted from the scenario: most rows are not built yet */
  g_hash_table_iter_init (&iter, self->expanders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *defs = g_object_get_data (value, "defs");
      IopHostId host = GPOINTER_TO_INT (g_object_get_data (value, "host"));
      const char *layer = g_object_get_data (value, "layer");
      g_autofree char *subtitle = NULL;
      guint n = 0;

      for (guint i = 0; i < defs->len; i++)
        n += knob_changed (sc, host, g_ptr_array_index (defs, i));

      if (n > 0)
        /* Translators: an RPC method's group: its layer and how many knobs differ from the defaults */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u changed", "%s · %u changed", n), layer, n);
      else
        subtitle = g_strdup (layer);
      adw_expander_row_set_subtitle (value, subtitle);
      if (n > 0)
        gtk_widget_add_css_class (value, "changed");
      else
        gtk_widget_remove_css_class (value, "changed");
    }
}

/* The rows for the scenario, built or brought up to date */
static void
ensure_rows (IopKnobsPanel *self)
{
  g_autofree char *key = NULL;

  if (!self->rows_stale)
    return;
  self->rows_stale = FALSE;
  key = structure_key (self->scenario);
  if (g_strcmp0 (key, self->structure) != 0)
    build_rows (self);
  sync_rows (self);
}

static const char *
level_icon (IopDiagLevel level)
{
  switch (level)
    {
    case IOP_DIAG_ERROR:
      return "dialog-error-symbolic";
    case IOP_DIAG_WARNING:
    case IOP_DIAG_DEPRECATION:
      return "dialog-warning-symbolic";
    case IOP_DIAG_NOTICE:
    case IOP_DIAG_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static void
update_diagnostics (IopKnobsPanel *self)
{
  GPtrArray *diags = self->trace ? self->trace->diagnostics : NULL;

  for (guint i = 0; i < self->diagnostic_rows->len; i++)
    adw_preferences_group_remove (self->diagnostics_group, g_ptr_array_index (self->diagnostic_rows, i));
  g_ptr_array_set_size (self->diagnostic_rows, 0);

  if (self->refusal != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      g_autofree char *title = g_markup_escape_text (self->refusal, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("SPDK refuses to start with these settings, so there is nothing to trace. "
                                     "Change the knob it names below: the trace appears as soon as SPDK would accept them."));
      gtk_widget_add_css_class (row, "diagnostic");
      gtk_widget_add_css_class (row, "refusal");
      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->diagnostics_group, row);
      g_ptr_array_add (self->diagnostic_rows, row);
      gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_group), TRUE);
      return;
    }
  if (diags == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_group), FALSE);
      return;
    }

  for (guint i = 0; i < diags->len; i++)
    {
      const IopDiagnostic *d = g_ptr_array_index (diags, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (level_icon (d->level));
      g_autofree char *title = g_markup_escape_text (d->message, -1);
      g_autofree char *subtitle = NULL;

      if (d->source != NULL)
        /* Translators: under a diagnostic: the host, who says it, and SPDK's source file */
        subtitle = g_strdup_printf ("%s · %s · %s", iop_host_label (d->host),
                                    d->from_spdk ? _("SPDK’s own message") : _("Iopath’s note"), d->source);
      else
        subtitle = g_strdup_printf ("%s · %s", iop_host_label (d->host),
                                    d->from_spdk ? _("SPDK’s own message") : _("Iopath’s note"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      {
        g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      }
      gtk_widget_add_css_class (row, "diagnostic");
      gtk_widget_add_css_class (row, iop_diag_level_name (d->level));
      gtk_widget_add_css_class (icon, d->level == IOP_DIAG_ERROR ? "error" :
                                      d->level >= IOP_DIAG_WARNING ? "warning" : "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (d->knob != NULL && self->scenario != NULL)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Show Knob"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, d->knob);
          g_object_set_data_full (G_OBJECT (button), "knob", g_strdup (d->knob), g_free);
          g_object_set_data (G_OBJECT (button), "host", GINT_TO_POINTER (d->host));
          g_signal_connect (button, "clicked", G_CALLBACK (show_knob_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (self->diagnostics_group, row);
      g_ptr_array_add (self->diagnostic_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_group), diags->len > 0);
}

static gboolean
reveal_scroll_cb (gpointer user_data)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (user_data);
  IopKnobRow *row = self->reveal_row;
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t p;

  self->reveal_id = 0;
  self->reveal_row = NULL;
  if (row == NULL)
    return G_SOURCE_REMOVE;

  if (gtk_widget_compute_point (GTK_WIDGET (row), gtk_scrolled_window_get_child (self->scroller),
                                &GRAPHENE_POINT_INIT (0, 0), &p))
    {
      double page = gtk_adjustment_get_page_size (vadj);
      double target = p.y - page / 4;
      gtk_adjustment_set_value (vadj, CLAMP (target, 0, gtk_adjustment_get_upper (vadj) - page));
    }
  gtk_widget_grab_focus (iop_knob_row_get_control (row));
  iop_knob_row_flash (row);
  g_object_unref (row);
  return G_SOURCE_REMOVE;
}

static void
iop_knobs_panel_dispose (GObject *object)
{
  IopKnobsPanel *self = IOP_KNOBS_PANEL (object);

  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_clear_object (&self->reveal_row);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_KNOBS_PANEL);
  {
    GtkWidget *child;

    /* The template's root child is not bound to a field: unparent it too */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->undo_scenario, iop_scenario_unref);
  g_clear_object (&self->session);
  g_clear_pointer (&self->trace, iop_trace_unref);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->structure, g_free);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->expanders, g_hash_table_unref);
  g_clear_pointer (&self->knob_expanders, g_hash_table_unref);
  g_clear_pointer (&self->host_groups, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostic_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (iop_knobs_panel_parent_class)->dispose (object);
}

static void
iop_knobs_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_knobs_panel_parent_class)->map (widget);
  ensure_rows (IOP_KNOBS_PANEL (widget));
}

static void
iop_knobs_panel_class_init (IopKnobsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_knobs_panel_dispose;
  widget_class->map = iop_knobs_panel_map;

  signals[EDIT_DONE] =
    g_signal_new ("edit-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "knobs.set-defaults", NULL, set_defaults_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-knobs-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, IopKnobsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, IopKnobsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, IopKnobsPanel, groups_box);
  gtk_widget_class_bind_template_child (widget_class, IopKnobsPanel, diagnostics_group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopknobspanel");
}

static void
iop_knobs_panel_init (IopKnobsPanel *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->knob_expanders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host_groups = g_ptr_array_new ();
  self->diagnostic_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
iop_knobs_panel_new (void)
{
  return g_object_new (IOP_TYPE_KNOBS_PANEL, NULL);
}

static void refresh (IopKnobsPanel *self);

/* What the session shows: a trace's scenario, or one SPDK refuses (the
 * knobs are there to fix it, under the reason) */
static void
session_trace_cb (IopKnobsPanel *self,
                  GParamSpec    *pspec,
                  IopSession    *session)
{
  IopTrace *trace = iop_session_get_trace (session);
  IopScenario *sc = iop_session_get_scenario (session);
  gboolean refused = trace == NULL && sc != NULL;
  gboolean was_refused = self->refusal != NULL;

  if (trace != NULL)
    iop_trace_ref (trace);
  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace;
  if (sc != NULL)
    iop_scenario_ref (sc);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  self->scenario = sc;
  g_free (self->refusal);
  self->refusal = refused ? g_strdup (iop_session_get_refusal (session) ? iop_session_get_refusal (session) : "") : NULL;

  if (sc == NULL)
    {
      clear_rows (self);
      self->rows_stale = FALSE;
      self->n_changed = 0;
      set_summary (self);
      update_diagnostics (self);
      return;
    }
  refresh (self);
  if (refused && !was_refused)
    iop_knobs_panel_reveal_diagnostics (self);
}

void
iop_knobs_panel_set_session (IopKnobsPanel *self,
                             IopSession    *session)
{
  g_return_if_fail (IOP_IS_KNOBS_PANEL (self));
  g_return_if_fail (IOP_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::trace", G_CALLBACK (session_trace_cb), self, G_CONNECT_SWAPPED);
  session_trace_cb (self, NULL, session);
}

IopScenario *
iop_knobs_panel_get_scenario (IopKnobsPanel *self)
{
  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), NULL);
  return self->scenario;
}

const char *
iop_knobs_panel_get_refusal (IopKnobsPanel *self)
{
  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), NULL);
  return self->refusal;
}

/* The summary and the diagnostics at once; the rows (a few dozen
 * AdwExpanderRows, tens of milliseconds of widgets, style and layout) when
 * the panel shows or a row is asked for: it is hidden at start-up */
static void
refresh (IopKnobsPanel *self)
{
  self->n_changed = count_changed (self->scenario);
  set_summary (self);
  self->rows_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_rows (self);
  update_diagnostics (self);
}

IopTrace *
iop_knobs_panel_get_trace (IopKnobsPanel *self)
{
  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), NULL);
  return self->trace;
}

IopKnobRow *
iop_knobs_panel_get_row (IopKnobsPanel *self,
                         IopHostId      host,
                         const char    *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), NULL);

  ensure_rows (self);
  key = row_key (host, id);
  if (!g_hash_table_contains (self->rows, key))
    {
      AdwExpanderRow *expander = g_hash_table_lookup (self->knob_expanders, key);

      if (expander != NULL)
        fill_expander (self, expander);
    }
  return g_hash_table_lookup (self->rows, key);
}

gboolean
iop_knobs_panel_set_knob_text (IopKnobsPanel *self,
                               IopHostId      host,
                               const char    *id,
                               const char    *text,
                               GError       **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), FALSE);
  g_return_val_if_fail (id != NULL && text != NULL, FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  ok = iop_session_set_knob_text (self->session, host, id, text, &local);
  return edit_done (self, ok, iop_knobs_panel_get_row (self, host, id), local, error);
}

gboolean
iop_knobs_panel_reset_knob (IopKnobsPanel *self,
                            IopHostId      host,
                            const char    *id,
                            GError       **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  ok = iop_session_reset_knob (self->session, host, id, &local);
  return edit_done (self, ok, iop_knobs_panel_get_row (self, host, id), local, error);
}

gboolean
iop_knobs_panel_reset_all (IopKnobsPanel *self,
                           GError       **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  ok = iop_session_reset_all_knobs (self->session, &local);
  return edit_done (self, ok, NULL, local, error);
}

gboolean
iop_knobs_panel_reveal_knob (IopKnobsPanel *self,
                             IopHostId      host,
                             const char    *id)
{
  IopKnobRow *row;
  AdwExpanderRow *expander;

  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), FALSE);

  row = iop_knobs_panel_get_row (self, host, id);
  if (row == NULL)
    return FALSE;
  expander = g_object_get_data (G_OBJECT (row), "expander");
  if (expander != NULL)
    adw_expander_row_set_expanded (expander, TRUE);

  /* Scroll once the expander's revealer has laid the row out */
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  g_clear_object (&self->reveal_row);
  self->reveal_row = g_object_ref (row);
  self->reveal_id = g_timeout_add (280, reveal_scroll_cb, self);
  return TRUE;
}

void
iop_knobs_panel_reveal_diagnostics (IopKnobsPanel *self)
{
  g_return_if_fail (IOP_IS_KNOBS_PANEL (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

guint
iop_knobs_panel_get_n_changed (IopKnobsPanel *self)
{
  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), 0);
  return self->n_changed;
}

/* Undoes the last "Set All to SPDK Defaults": the knob values from before,
 * with the I/O, version and faults now in force */
gboolean
iop_knobs_panel_undo_defaults (IopKnobsPanel *self,
                               GError       **error)
{
  g_autoptr(IopScenario) before = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), FALSE);

  if (self->undo_scenario == NULL || self->session == NULL)
    return FALSE;
  before = g_steal_pointer (&self->undo_scenario);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  ok = iop_session_restore_knobs (self->session, before, &local);
  return edit_done (self, ok, NULL, local, error);
}

AdwToast *
iop_knobs_panel_get_undo_toast (IopKnobsPanel *self)
{
  g_return_val_if_fail (IOP_IS_KNOBS_PANEL (self), NULL);
  return self->undo_toast;
}
