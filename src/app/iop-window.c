/* iop-window.c: the main window
 *
 * One direction for data: the window's IopSession owns the scenario (+ knob
 * edits, op, size), the one engine run that makes its immutable IopTrace,
 * and the playhead. Widgets ask the session for changes and follow it: the
 * canvas, timeline, ruler and panels through iop_session_follow(), the
 * window's own chrome (title, header, diagnostics, views) through
 * session_trace_cb(). Every change makes a new scenario copy and a new
 * trace; the playhead keeps its step.
 *
 * This file holds the window's state, its header, its signal handlers, the
 * properties and the public API. The playback and view actions (and the keys
 * of presentation mode) are in iop-window-actions.c; files in and out
 * (SPDK configs, exports, dumps, drag and drop) in iop-window-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-scenario.h"
#include "iop-sim.h"
#include "iop-window-private.h"
#include "iop-runtime-view.h"
#include "iop-workload-view.h"
#include "iop-memory-view.h"
#include "iop-export.h"
#include "iop-painter.h"
#include "iop-config.h"
#include "iop-fault-popover.h"
#include "iop-lesson-panel.h"

G_DEFINE_FINAL_TYPE (IopWindow, iop_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

const double iop_window_speed_presets[IOP_WINDOW_N_SPEEDS] = { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0 };
#define N_SIZES 6

void
iop_window_notify (IopWindow *self,
                   guint      prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}
/* Helpers */

static AdwToast *
add_toast (IopWindow        *self,
           const char       *message,
           guint             timeout,
           AdwToastPriority  priority)
{
  /* a toast's title is markup: a path or a message may hold < or & */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_set_priority (toast, priority);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

AdwToast *
iop_window_show_toast (IopWindow  *self,
                       const char *message,
                       guint       timeout)
{
  return add_toast (self, message, timeout, ADW_TOAST_PRIORITY_NORMAL);
}

/* A refusal: shown at once, ahead of any toast waiting its turn */
void
iop_window_show_error_toast (IopWindow  *self,
                             const char *message)
{
  add_toast (self, message, 10, ADW_TOAST_PRIORITY_HIGH);
}

void
iop_window_show_error_dialog (IopWindow  *self,
                              const char *heading,
                              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static guint
size_index (gint64 bytes)
{
  for (guint i = 0; i < N_SIZES; i++)
    if ((gint64)4096 << i == bytes)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

guint
iop_window_speed_index (double speed)
{
  guint best = 2;

  for (guint i = 0; i < G_N_ELEMENTS (iop_window_speed_presets); i++)
    if (fabs (log (iop_window_speed_presets[i] / speed)) < fabs (log (iop_window_speed_presets[best] / speed)))
      best = i;
  return best;
}

static char *
scenario_short_name (const char *ref)
{
  if (strchr (ref, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (ref, ".json"))
    {
      g_autofree char *base = g_path_get_basename (ref);
      if (g_str_has_suffix (base, ".json"))
        base[strlen (base) - 5] = '\0';
      return g_steal_pointer (&base);
    }
  return g_strdup (ref);
}

static guint
scenario_model_find (IopWindow  *self,
                     const char *ref)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenario_model));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->scenario_model, i), ref) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

void
iop_window_update_header (IopWindow *self)
{
  IopScenario *sc = iop_session_get_scenario (self->session);
  const char *ref = iop_session_get_scenario_ref (self->session);
  g_autofree char *title = NULL;
  guint pos;

  if (sc == NULL || ref == NULL)
    return;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->size_dropdown, size_index (sc->io_size));
  pos = scenario_model_find (self, ref);
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->scenario_dropdown, pos);
  self->updating = FALSE;

  {
    g_autofree char *name = scenario_short_name (ref);
    /* Translators: window title, %s is a scenario name */
    title = g_strdup_printf (_("Iopath — %s"), name);
  }
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_diagnostics (IopWindow *self)
{
  IopTrace *trace = iop_session_get_trace (self->session);
  guint n_problems = 0, n_events = 0;

  /* problems with the settings (SPDK says so at start-up), apart from what
   * SPDK logs while a fault plays out */
  if (trace != NULL)
    for (guint i = 0; i < trace->diagnostics->len; i++)
      {
        const IopDiagnostic *d = g_ptr_array_index (trace->diagnostics, i);
        if (d->level < IOP_DIAG_WARNING)
          continue;
        if (d->during_io)
          n_events++;
        else
          n_problems++;
      }

  if (trace == NULL && iop_session_get_scenario (self->session) != NULL)
    n_problems = 1;
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_button), n_problems + n_events > 0);
  adw_view_stack_page_set_needs_attention (self->knobs_page, n_problems > 0);
  if (n_problems > 0)
    {
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "SPDK would report %u problem with these settings",
                                                           "SPDK would report %u problems with these settings",
                                                           n_problems),
                                              n_problems);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->diagnostics_button), tip);
    }
  else if (n_events > 0)
    {
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "SPDK would log %u warning while the fault plays out",
                                                           "SPDK would log %u warnings while the fault plays out",
                                                           n_events),
                                              n_events);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->diagnostics_button), tip);
    }
}

/* While comparing, the Workload view runs A (the scenario's knob values)
 * beside B (yours); called before it gets the new scenario, whose run then
 * runs both */
void
iop_window_update_workload_compare (IopWindow *self)
{
  IopScenario *original = iop_session_get_original (self->session);
  IopScenario *sc = iop_session_get_scenario (self->session);
  g_autoptr(IopScenario) a = NULL;

  if (self->workload_view == NULL)
    return;             /* it takes this when it is built */
  if (self->comparing && original != NULL && sc != NULL)
    a = iop_scenario_copy_with_knobs (sc, original);
  iop_workload_view_set_compare (self->workload_view, self->comparing, a,
                                 _("the scenario"), _("with your edits"));
}

/* The session shows a new trace, or SPDK's refusal of the scenario (the
 * knobs are there to fix it): what the window itself shows. The canvas and
 * the panels follow the session on their own. */
static void
session_trace_cb (IopWindow  *self,
                  GParamSpec *pspec,
                  IopSession *session)
{
  IopTrace *trace = iop_session_get_trace (session);
  IopScenario *sc = iop_session_get_scenario (session);

  if (sc == NULL)
    return;
  if (trace != NULL)
    {
      iop_explain_panel_set_refusal (self->explain_panel, NULL, NULL);
      gtk_stack_set_visible_child_name (self->canvas_stack, self->comparing ? "compare" : "canvas");
      gtk_widget_set_sensitive (GTK_WIDGET (self->timeline), TRUE);
      iop_fault_popover_set_scenario (self->fault_popover, sc);
    }
  else
    {
      iop_explain_panel_set_refusal (self->explain_panel, sc, iop_session_get_refusal (session));
      gtk_stack_set_visible_child_name (self->canvas_stack, "refused");
      gtk_widget_set_sensitive (GTK_WIDGET (self->timeline), FALSE);
      iop_window_show_panel (self, "knobs");
    }
  iop_window_update_header (self);
  update_diagnostics (self);
  iop_window_views_sync (self);
  if (sc->faults->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->fault_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->fault_button), "warning");

  if (self->shown_op != sc->op)
    {
      self->shown_op = sc->op;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OP]);
    }
  if (self->shown_size != sc->io_size)
    {
      self->shown_size = sc->io_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IO_SIZE]);
    }
}

void
iop_window_refresh_spdk_dir (IopWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *why = NULL;
  g_autofree char *dir = NULL;

  if (app == NULL)
    return;
  dir = iop_application_resolve_spdk_dir (IOP_APPLICATION (app), &why);
  iop_source_panel_set_spdk_dir (self->source_panel, dir, why);
  iop_source_panel_set_step (self->source_panel, iop_session_get_trace (self->session),
                             iop_session_get_current_step (self->session));
}

static void
set_paned_positions (IopWindow *self)
{
  int w, h, side, explain;

  gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
  if (w <= 0)
    w = 1400;
  if (h <= 0)
    h = 880;
  /* The canvas wants 720x450 at least; the side column takes the rest, up to a third */
  side = CLAMP ((int)(w * 0.34), 290, 680);
  side = MIN (side, MAX (w - 735, 290));
  gtk_paned_set_position (self->main_paned, w - side);
  h -= 47;
  explain = CLAMP ((int)(h * 0.42), 150, 460);
  gtk_paned_set_position (self->side_paned, explain);
}

/* Callbacks */

/* Icons over labels when the side column is narrow (windows near 1024 px):
 * the wide switcher alone would ask for more than the column has */
static void
side_width_cb (IopWindow  *self,
               GParamSpec *pspec,
               GObject    *object)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height, side;

  if (width <= 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  side = gtk_widget_get_width (GTK_WIDGET (self->main_paned)) > 0
         ? gtk_widget_get_width (GTK_WIDGET (self->main_paned)) - gtk_paned_get_position (self->main_paned)
         : width;
  adw_view_switcher_set_policy (self->side_switcher,
                                side < 340 ? ADW_VIEW_SWITCHER_POLICY_NARROW
                                                           : ADW_VIEW_SWITCHER_POLICY_WIDE);
}

static void
session_playing_cb (IopWindow  *self,
                    GParamSpec *pspec,
                    IopSession *session)
{
  gboolean playing = iop_session_get_playing (session);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
canvas_step_activated_cb (IopWindow *self,
                          guint      step,
                          IopCanvas *canvas)
{
  iop_session_seek (self->session, step, TRUE);
}

static void
timeline_seek_cb (IopWindow   *self,
                  double       position,
                  gboolean     animate,
                  IopTimeline *timeline)
{
  iop_session_set_playing (self->session, FALSE);
  iop_session_seek (self->session, position, animate);
}

static void
time_ruler_seek_cb (IopWindow    *self,
                    double        position,
                    gboolean      animate,
                    IopTimeRuler *ruler)
{
  iop_session_set_playing (self->session, FALSE);
  iop_session_seek (self->session, position, animate);
}

static void
objects_seek_step_cb (IopWindow       *self,
                      guint            step,
                      IopObjectsPanel *panel)
{
  iop_session_set_playing (self->session, FALSE);
  iop_session_seek (self->session, step, TRUE);
}

static void
explain_knob_activated_cb (IopWindow       *self,
                           int              host,
                           const char      *id,
                           IopExplainPanel *panel)
{
  if (self->presentation)
    iop_window_set_presentation (self, FALSE);
  iop_window_show_panel (self, "knobs");
  iop_knobs_panel_reveal_knob (self->knobs_panel, (IopHostId)host, id);
}

static void
scenario_selected_cb (IopWindow   *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  const char *ref;

  if (self->updating || pos == GTK_INVALID_LIST_POSITION)
    return;
  ref = gtk_string_list_get_string (self->scenario_model, pos);
  if (g_strcmp0 (ref, iop_session_get_scenario_ref (self->session)) == 0)
    return;
  if (!iop_window_load_scenario (self, ref, &error))
    {
      iop_window_show_error_dialog (self, _("Could Not Open Scenario"), error->message);
      iop_window_update_header (self);
    }
}

static void
size_selected_cb (IopWindow   *self,
                  GParamSpec  *pspec,
                  GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (self->updating || pos == GTK_INVALID_LIST_POSITION)
    return;
  g_object_set (self, "io-size", (guint)(4096u << pos), NULL);
}

static void
speed_selected_cb (IopWindow   *self,
                   GParamSpec  *pspec,
                   GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (self->updating || pos >= G_N_ELEMENTS (iop_window_speed_presets))
    return;
  iop_window_set_speed (self, iop_window_speed_presets[pos]);
}

static void
spdk_dir_changed_cb (IopWindow *self)
{
  iop_window_refresh_spdk_dir (self);
}

static void
application_notify_cb (IopWindow  *self,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && g_signal_handler_find (app, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                            spdk_dir_changed_cb, self) == 0)
    g_signal_connect_object (app, "notify::spdk-dir-override",
                             G_CALLBACK (spdk_dir_changed_cb), self, G_CONNECT_SWAPPED);
  iop_window_refresh_spdk_dir (self);
}

static void
scenario_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *dot = gtk_label_new ("•");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  /* the knobs differ from the scenario's values */
  gtk_widget_add_css_class (dot, "modified-mark");
  gtk_widget_set_tooltip_text (dot, _("Knobs changed from the scenario’s values"));
  g_object_bind_property (user_data, "modified", dot, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_list_item_set_child (item, box);
}

static void
scenario_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *obj = gtk_list_item_get_item (item);
  g_autofree char *name = scenario_short_name (gtk_string_object_get_string (obj));

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (gtk_list_item_get_child (item))), name);
}

static gboolean
selected_to_opacity (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.0);
  return TRUE;
}

/* The menu: each scenario's title, its name under it, a check on the one
 * shown */
static void
scenario_list_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_label_set_width_chars (GTK_LABEL (title), 28);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_bind_property_full (item, "selected", check, "opacity", G_BINDING_SYNC_CREATE,
                               selected_to_opacity, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (row), check);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);
  gtk_list_item_set_child (item, row);
}

static void
scenario_list_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  IopWindow *self = IOP_WINDOW (user_data);
  const char *ref = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *name = scenario_short_name (ref);
  const char *desc = g_hash_table_lookup (self->scenario_titles, ref);

  gtk_label_set_text (GTK_LABEL (title), desc ? desc : name);
  gtk_label_set_text (GTK_LABEL (subtitle), name);
}

static void
iop_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IopWindow *self = IOP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_OP:
      g_value_set_string (value, iop_window_get_scenario (self) ? iop_op_name (iop_window_get_scenario (self)->op) : "write");
      break;
    case PROP_IO_SIZE:
      g_value_set_uint (value, iop_window_get_scenario (self) ? (guint)iop_window_get_scenario (self)->io_size : 4096);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, iop_session_get_playing (self->session));
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    case PROP_SIDE_PANEL:
      g_value_set_boolean (value, !self->side_hidden);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, iop_session_get_modified (self->session));
      break;
    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  IopWindow *self = IOP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_OP:
      iop_window_set_op (self, g_value_get_string (value));
      break;
    case PROP_IO_SIZE:
      iop_window_set_io_size (self, g_value_get_uint (value));
      break;
    case PROP_SPEED:
      iop_window_set_speed (self, g_value_get_double (value));
      break;
    case PROP_PLAYING:
      iop_session_set_playing (self->session, g_value_get_boolean (value));
      break;
    case PROP_PRESENTATION:
      iop_window_set_presentation (self, g_value_get_boolean (value));
      break;
    case PROP_SIDE_PANEL:
      iop_window_set_side_panel (self, g_value_get_boolean (value));
      break;
    case PROP_COMPARING:
      iop_window_set_comparing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Overrides */

static void
iop_window_constructed (GObject *object)
{
  IopWindow *self = IOP_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (iop_window_parent_class)->constructed (object);

  self->settings = iop_settings_new ();

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "speed", self, "speed", G_SETTINGS_BIND_DEFAULT);
    }
  set_paned_positions (self);
  side_width_cb (self, NULL, NULL);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::spdk-dir",
                             G_CALLBACK (spdk_dir_changed_cb), self, G_CONNECT_SWAPPED);
  /* "application" is set after construction: follow it */
  g_signal_connect (self, "notify::application", G_CALLBACK (application_notify_cb), NULL);
  if (app != NULL)
    application_notify_cb (self, NULL, NULL);

  last = self->settings ? g_settings_get_string (self->settings, "last-scenario") : NULL;
  if (last == NULL || *last == '\0' || !iop_window_load_scenario (self, last, &error))
    {
      if (error != NULL)
        g_debug ("Last scenario %s not loaded: %s", last, error->message);
      g_clear_error (&error);
      if (!iop_window_load_scenario (self, DEFAULT_SCENARIO, &error))
        g_critical ("The built-in scenario %s does not trace: %s", DEFAULT_SCENARIO, error->message);
    }
}

static void
iop_window_dispose (GObject *object)
{
  IopWindow *self = IOP_WINDOW (object);

  g_clear_handle_id (&self->key_label_timeout, g_source_remove);
  /* the window goes: nothing follows its session any more (the panels are
   * disposed first, and would be called half torn down) */
  if (self->session != NULL)
    g_signal_handlers_disconnect_matched (self->session, G_SIGNAL_MATCH_ID,
                                          g_signal_lookup ("notify", G_TYPE_OBJECT), 0, NULL, NULL, NULL);
  iop_window_layout_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->scenario_titles, g_hash_table_unref);
  g_clear_object (&self->scenario_model);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (iop_window_parent_class)->dispose (object);
}

static void
mode_changed_cb (IopWindow    *self,
                 GParamSpec   *pspec,
                 AdwViewStack *stack)
{
  gboolean trace = g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "trace") == 0;

  /* Playback belongs to the trace: the other views have their own controls */
  gtk_widget_set_visible (self->playback_box, trace);
  gtk_widget_set_visible (self->op_box, trace);
  gtk_widget_set_visible (GTK_WIDGET (self->size_dropdown), trace);
  if (!trace)
    iop_session_set_playing (self->session, FALSE);
}

static void
iop_window_class_init (IopWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = iop_window_constructed;
  object_class->dispose = iop_window_dispose;
  object_class->get_property = iop_window_get_property;
  object_class->set_property = iop_window_set_property;

  properties[PROP_OP] =
    g_param_spec_string ("op", NULL, NULL, "write",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IO_SIZE] =
    g_param_spec_uint ("io-size", NULL, NULL, 512, 16 * 1024 * 1024, 4096,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE_PANEL] =
    g_param_spec_boolean ("side-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the knobs differ from the loaded scenario's values */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* the Compare view in place of the canvas (win.compare, Alt+5) */
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IOP_TYPE_CANVAS);
  g_type_ensure (IOP_TYPE_TIME_RULER);
  g_type_ensure (IOP_TYPE_FAULT_POPOVER);
  g_type_ensure (IOP_TYPE_TIMELINE);
  g_type_ensure (IOP_TYPE_EXPLAIN_PANEL);
  g_type_ensure (IOP_TYPE_SOURCE_PANEL);
  g_type_ensure (IOP_TYPE_OBJECTS_PANEL);
  g_type_ensure (IOP_TYPE_KNOBS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IopWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, fault_button);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, fault_popover);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, diagnostics_button);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, side_box);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, side_switcher);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, knobs_page);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, explain_panel);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, source_panel);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, objects_panel);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, knobs_panel);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, key_label);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, mode_switcher);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, playback_box);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, op_box);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, compare_page);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, compare_button);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, memory_page);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, workload_page);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, runtime_page);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, recorded_page);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, time_ruler);

  iop_window_class_install_actions (widget_class);
  iop_window_class_install_file_actions (widget_class);
  iop_lesson_panel_install_actions (widget_class);
  iop_window_class_install_layout (widget_class);

}

/* The panels follow the session themselves; these only fit its calls to
 * their setters */
static void
follow_timeline_trace (gpointer observer, IopTrace *trace)
{
  iop_timeline_set_trace (observer, trace);
}

static void
follow_timeline_position (gpointer observer, double position)
{
  iop_timeline_set_position (observer, position);
}

static void
follow_ruler_trace (gpointer observer, IopTrace *trace)
{
  iop_time_ruler_set_trace (observer, trace);
}

static void
follow_ruler_position (gpointer observer, double position)
{
  iop_time_ruler_set_position (observer, position);
}

static void
follow_objects_trace (gpointer observer, IopTrace *trace)
{
  iop_objects_panel_set_trace (observer, trace);
}

static void
follow_objects_position (gpointer observer, double position)
{
  iop_objects_panel_set_position (observer, position);
}

static void
follow_explain_step (gpointer observer, IopTrace *trace, int step)
{
  /* a refused scenario keeps its explanation of why */
  if (trace != NULL)
    iop_explain_panel_set_step (observer, trace, step);
}

static void
follow_source_step (gpointer observer, IopTrace *trace, int step)
{
  iop_source_panel_set_step (observer, trace, step);
}

/* Who follows the session. The window's own handler first: it takes the
 * explanation out of its refusal before the explanation follows the step. */
static void
observe_session (IopWindow *self)
{
  IopSession *session = self->session;

  g_signal_connect_object (session, "notify::trace", G_CALLBACK (session_trace_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::playing", G_CALLBACK (session_playing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::modified", G_CALLBACK (iop_window_update_modified), self, G_CONNECT_SWAPPED);
  iop_canvas_set_session (self->canvas, session);
  iop_knobs_panel_set_session (self->knobs_panel, session);
  iop_session_follow (session, self->timeline, follow_timeline_trace, follow_timeline_position, NULL);
  iop_session_follow (session, self->time_ruler, follow_ruler_trace, follow_ruler_position, NULL);
  iop_session_follow (session, self->objects_panel, follow_objects_trace, follow_objects_position, NULL);
  iop_session_follow (session, self->explain_panel, NULL, NULL, follow_explain_step);
  iop_session_follow (session, self->source_panel, NULL, NULL, follow_source_step);
}

static void
iop_window_init (IopWindow *self)
{
  GtkListItemFactory *factory;

  self->speed = 1.0;
  self->shown_op = (IopOp)-1;
  self->shown_size = -1;
  self->session = iop_session_new ();
  self->scenario_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->scenario_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.presentation-explanation", FALSE);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  /* Built-in scenarios */
  {
    g_auto(GStrv) ids = iop_scenario_list_builtin ();

    for (guint i = 0; ids && ids[i]; i++)
      {
        g_autoptr(IopScenario) sc = iop_scenario_new_builtin (ids[i], NULL);

        gtk_string_list_append (self->scenario_model, ids[i]);
        if (sc != NULL && sc->title != NULL)
          g_hash_table_insert (self->scenario_titles, g_strdup (ids[i]), g_strdup (sc->title));
      }
  }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (scenario_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (scenario_bind_cb), self);
  gtk_drop_down_set_factory (self->scenario_dropdown, factory);
  g_object_unref (factory);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (scenario_list_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (scenario_list_bind_cb), self);
  gtk_drop_down_set_list_factory (self->scenario_dropdown, factory);
  g_object_unref (factory);
  gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (self->scenario_model));

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (iop_window_playback_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->speed_dropdown, iop_window_speed_index (self->speed));
  self->updating = FALSE;
  iop_session_set_speed (self->session, self->speed * BASE_STEPS_PER_SECOND);

  g_signal_connect_object (self->main_paned, "notify::position",
                           G_CALLBACK (side_width_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-width",
                           G_CALLBACK (side_width_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fault_popover, "apply", G_CALLBACK (iop_window_fault_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fault_popover, "clear", G_CALLBACK (iop_window_fault_clear_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenario_dropdown, "notify::selected",
                           G_CALLBACK (scenario_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->size_dropdown, "notify::selected",
                           G_CALLBACK (size_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_dropdown, "notify::selected",
                           G_CALLBACK (speed_selected_cb), self, G_CONNECT_SWAPPED);
  observe_session (self);
  g_signal_connect_object (self->canvas, "step-activated",
                           G_CALLBACK (canvas_step_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "seek",
                           G_CALLBACK (timeline_seek_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_ruler, "seek",
                           G_CALLBACK (time_ruler_seek_cb), self, G_CONNECT_SWAPPED);
  iop_window_views_init (self);
  g_signal_connect_object (self->mode_stack, "notify::visible-child-name",
                           G_CALLBACK (mode_changed_cb), self, G_CONNECT_SWAPPED);
  iop_window_add_drop_target (self);
  iop_window_compare_init (self);
  iop_lesson_panel_attach (self);
  g_signal_connect_object (self->objects_panel, "seek-step",
                           G_CALLBACK (objects_seek_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->explain_panel, "knob-activated",
                           G_CALLBACK (explain_knob_activated_cb), self, G_CONNECT_SWAPPED);
  iop_window_layout_init (self);
}

/* Public API */

IopWindow *
iop_window_new (IopApplication *application)
{
  return g_object_new (IOP_TYPE_WINDOW, "application", application, NULL);
}

gboolean
iop_window_load_scenario (IopWindow   *self,
                          const char  *id_or_path,
                          GError     **error)
{
  g_autoptr(IopScenario) sc = NULL;

  g_return_val_if_fail (IOP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id_or_path != NULL, FALSE);

  sc = iop_scenario_load (id_or_path, error);
  if (sc == NULL)
    return FALSE;
  if (!iop_session_load_scenario (self->session, sc, id_or_path, error))
    return FALSE;

  if (scenario_model_find (self, id_or_path) == GTK_INVALID_LIST_POSITION)
    {
      /* a file: listed after the built-in ones, with its title */
      gtk_string_list_append (self->scenario_model, id_or_path);
      if (sc->title != NULL)
        g_hash_table_insert (self->scenario_titles, g_strdup (id_or_path), g_strdup (sc->title));
      iop_window_update_header (self);
    }
  if (iop_session_get_trace (self->session) == NULL)
    /* SPDK itself would refuse these settings: show why, and the knobs to fix it */
    iop_window_show_toast (self, _("SPDK would refuse this scenario’s settings: fix them in Knobs"), 5);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", id_or_path);
  return TRUE;
}

IopScenario *
iop_window_get_scenario (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return iop_session_get_scenario (self->session);
}

IopTrace *
iop_window_get_trace (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return iop_session_get_trace (self->session);
}

GtkWidget *
iop_window_get_fault_popover (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->fault_popover);
}

/* A file name to offer when saving: "raid270-WHAT.EXT" */
char *
iop_window_file_name (IopWindow  *self,
                      const char *what,
                      const char *ext)
{
  IopScenario *sc = iop_session_get_scenario (self->session);

  return g_strdup_printf ("%s-%s.%s", sc != NULL && sc->id != NULL ? sc->id : "iopath", what, ext);
}

IopSession *
iop_window_get_session (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->session;
}

IopCanvas *
iop_window_get_canvas (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->canvas;
}

IopTimeline *
iop_window_get_timeline (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->timeline;
}

IopKnobsPanel *
iop_window_get_knobs_panel (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->knobs_panel;
}

IopSourcePanel *
iop_window_get_source_panel (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->source_panel;
}

IopObjectsPanel *
iop_window_get_objects_panel (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->objects_panel;
}

IopExplainPanel *
iop_window_get_explain_panel (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->explain_panel;
}

int
iop_window_get_current_step (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), -1);
  return iop_session_get_current_step (self->session);
}

void
iop_window_show_panel (IopWindow  *self,
                       const char *name)
{
  g_return_if_fail (IOP_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->side_stack, name);
}
