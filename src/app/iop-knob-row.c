/* iop-knob-row.c: one SPDK knob with the control that fits its type
 *
 * Integers get a GtkSpinButton (with an "Auto" toggle when SPDK computes the
 * value itself), booleans a GtkSwitch, choices a GtkDropDown, core masks a
 * GtkEntry. The row never changes the scenario: it emits "edit" with the
 * text the user gave, and IopKnobsPanel decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-KnobRow"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "iop-knob-row.h"

struct _IopKnobRow
{
  AdwActionRow      parent_instance;

  const IopKnobDef *def;
  IopHostId         host;
  IopSpdkVersion    version;
  gint64            value;
  char             *error;
  guint             syncing : 1;
  guint             changed : 1;
  guint             flash_id;

  GtkWidget        *dot;
  GtkWidget        *control;
  GtkWidget        *auto_button;
  GtkWidget        *default_label;
  GtkWidget        *error_label;
  GtkWidget        *reset_button;
};

G_DEFINE_FINAL_TYPE (IopKnobRow, iop_knob_row, ADW_TYPE_ACTION_ROW)

enum {
  EDIT,
  RESET,
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
phase_short (IopKnobPhase phase)
{
  switch (phase)
    {
    case IOP_PHASE_CMDLINE:
      return _("Command-line option: needs a restart");
    case IOP_PHASE_PRE_INIT:
      return _("Only before framework_start_init");
    case IOP_PHASE_PRE_ATTACH:
      return _("Only before NVMe controllers attach");
    case IOP_PHASE_TRANSPORT:
      return _("Fixed when the transport is created");
    case IOP_PHASE_PRE_SUBSYSTEM:
    default:
      return _("Before the NVMf target starts");
    }
}

static void
emit_edit (IopKnobRow *self,
           const char *text)
{
  if (self->syncing)
    return;
  g_signal_emit (self, signals[EDIT], 0, text);
}

static int
spin_input_cb (IopKnobRow    *self,
               double        *new_value,
               GtkSpinButton *spin)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  IopKnobDef relaxed = *self->def;
  g_autoptr(GError) error = NULL;
  gint64 v;

  /* Accept what iop_knob_parse accepts ("64K", "1M"); the range is checked
   * by the engine so the user sees its reason rather than a silent clamp. */
  relaxed.min = G_MININT64;
  relaxed.max = G_MAXINT64;
  if (!iop_knob_parse (&relaxed, text, &v, &error))
    {
      iop_knob_row_set_error (self, error->message);
      return GTK_INPUT_ERROR;
    }
  *new_value = (double)v;
  return TRUE;
}

static void
spin_value_changed_cb (IopKnobRow    *self,
                       GtkSpinButton *spin)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" PRId64, (gint64)gtk_spin_button_get_value (spin));
  emit_edit (self, text);
}

static void
auto_toggled_cb (IopKnobRow      *self,
                 GtkToggleButton *button)
{
  if (self->syncing)
    return;
  if (gtk_toggle_button_get_active (button))
    emit_edit (self, "auto");
  else
    {
      /* Leaving "auto": start from the default if it is a number, else the
       * value the spin button shows */
      gint64 d = iop_knob_def_default (self->def, self->version);
      char text[32];

      if (d == IOP_KNOB_AUTO)
        d = (gint64)gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->control));
      g_snprintf (text, sizeof text, "%" PRId64, d);
      emit_edit (self, text);
    }
}

static void
switch_active_cb (IopKnobRow *self,
                  GParamSpec *pspec,
                  GtkSwitch  *sw)
{
  emit_edit (self, gtk_switch_get_active (sw) ? "true" : "false");
}

static void
dropdown_selected_cb (IopKnobRow  *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (pos == GTK_INVALID_LIST_POSITION || self->def->choices == NULL)
    return;
  emit_edit (self, self->def->choices[pos]);
}

static void
entry_activate_cb (IopKnobRow *self,
                   GtkEntry   *entry)
{
  g_autofree char *current = iop_knob_format (self->def, self->value);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_ascii_strcasecmp (text, current) == 0 && self->error == NULL)
    return;
  emit_edit (self, text);
}

static void
entry_focus_leave_cb (IopKnobRow               *self,
                      GtkEventControllerFocus  *focus)
{
  entry_activate_cb (self, GTK_ENTRY (self->control));
}

/* Enter applies what was typed, Escape drops it; either way the edit is
 * over and "done" hands the keyboard back (the window gives it to the
 * canvas, so Space plays again) */
static gboolean
control_key_cb (IopKnobRow            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (GTK_IS_SPIN_BUTTON (self->control))
        gtk_spin_button_update (GTK_SPIN_BUTTON (self->control));
      else
        entry_activate_cb (self, GTK_ENTRY (self->control));
      break;
    case GDK_KEY_Escape:
      {
        g_autofree char *current = iop_knob_format (self->def, self->value);

        /* the value in force, not the half-typed text */
        iop_knob_row_set_error (self, NULL);
        self->syncing = TRUE;
        if (GTK_IS_SPIN_BUTTON (self->control) && self->value != IOP_KNOB_AUTO)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->control), (double)self->value);
        else if (!GTK_IS_SPIN_BUTTON (self->control))
          gtk_editable_set_text (GTK_EDITABLE (self->control), current);
        self->syncing = FALSE;
      }
      break;
    default:
      return FALSE;
    }
  g_signal_emit (self, signals[DONE], 0);
  return TRUE;
}

static void
reset_clicked_cb (IopKnobRow *self,
                  GtkButton  *button)
{
  g_signal_emit (self, signals[RESET], 0);
}

static gboolean
flash_done_cb (gpointer data)
{
  IopKnobRow *self = data;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "flash");
  self->flash_id = 0;
  return G_SOURCE_REMOVE;
}

static void
build_control (IopKnobRow *self)
{
  const IopKnobDef *def = self->def;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_END);

  switch (def->type)
    {
    case IOP_KNOB_INT:
      {
        /* A wide range on purpose: the engine refuses out-of-range values with its reason */
        GtkAdjustment *adj = gtk_adjustment_new (0, MIN ((double)def->min, -2147483648.0),
                                                 MAX ((double)def->max, 1099511627776.0), 1, 16, 0);
        self->control = gtk_spin_button_new (adj, 1, 0);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->control), FALSE);
        gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (self->control), GTK_UPDATE_ALWAYS);
        gtk_editable_set_width_chars (GTK_EDITABLE (self->control), 6);
        gtk_editable_set_max_width_chars (GTK_EDITABLE (self->control), 11);
        g_signal_connect_swapped (self->control, "input", G_CALLBACK (spin_input_cb), self);
        g_signal_connect_swapped (self->control, "value-changed", G_CALLBACK (spin_value_changed_cb), self);
        gtk_box_append (GTK_BOX (box), self->control);
        if (def->has_auto)
          {
            self->auto_button = gtk_toggle_button_new_with_label (C_("knob value", "Auto"));
            gtk_widget_set_tooltip_text (self->auto_button,
                                         _("Let SPDK compute the value (UINT32_MAX in the RPC)"));
            gtk_widget_add_css_class (self->auto_button, "auto-toggle");
            gtk_widget_add_css_class (self->auto_button, "caption");
            gtk_widget_set_valign (self->auto_button, GTK_ALIGN_CENTER);
            g_signal_connect_swapped (self->auto_button, "toggled", G_CALLBACK (auto_toggled_cb), self);
            /* placed on the line of the default, below */
          }
      }
      break;

    case IOP_KNOB_BOOL:
      self->control = gtk_switch_new ();
      gtk_widget_set_valign (self->control, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (self->control, "notify::active", G_CALLBACK (switch_active_cb), self);
      gtk_box_append (GTK_BOX (box), self->control);
      break;

    case IOP_KNOB_ENUM:
      self->control = gtk_drop_down_new_from_strings ((const char * const *)def->choices);
      gtk_widget_set_valign (self->control, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (self->control, "notify::selected", G_CALLBACK (dropdown_selected_cb), self);
      gtk_box_append (GTK_BOX (box), self->control);
      break;

    case IOP_KNOB_CPUMASK:
    default:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        self->control = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (self->control), 10);
        gtk_widget_add_css_class (self->control, "monospace");
        gtk_entry_set_input_purpose (GTK_ENTRY (self->control), GTK_INPUT_PURPOSE_FREE_FORM);
        gtk_widget_set_tooltip_text (self->control, _("A hexadecimal core mask such as 0xE0; press Enter to apply"));
        g_signal_connect_swapped (self->control, "activate", G_CALLBACK (entry_activate_cb), self);
        g_signal_connect_swapped (focus, "leave", G_CALLBACK (entry_focus_leave_cb), self);
        gtk_widget_add_controller (self->control, focus);
        gtk_box_append (GTK_BOX (box), self->control);
      }
      break;
    }

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self, NULL,
                                  -1);
  if (def->type == IOP_KNOB_INT || def->type == IOP_KNOB_CPUMASK)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (control_key_cb), self);
      gtk_widget_add_controller (self->control, keys);
    }

  {
    GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

    gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);
    gtk_widget_set_margin_top (vbox, 6);
    gtk_widget_set_margin_bottom (vbox, 6);
    gtk_box_append (GTK_BOX (vbox), box);

    /* The default, and the reset button beside it */
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

      gtk_widget_set_halign (line, GTK_ALIGN_END);
      if (self->auto_button != NULL)
        {
          gtk_widget_set_margin_end (self->auto_button, 4);
          gtk_box_append (GTK_BOX (line), self->auto_button);
        }
      self->default_label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->default_label), 1);
      /* whole, on two lines if it must: a cut default says nothing */
      gtk_label_set_wrap (GTK_LABEL (self->default_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (self->default_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (self->default_label), 22);
      gtk_label_set_justify (GTK_LABEL (self->default_label), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (self->default_label, "caption");
      gtk_widget_add_css_class (self->default_label, "dim-label");
      gtk_box_append (GTK_BOX (line), self->default_label);

      self->reset_button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
      gtk_widget_set_valign (self->reset_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->reset_button, "flat");
      gtk_widget_add_css_class (self->reset_button, "circular");
      gtk_widget_add_css_class (self->reset_button, "reset-button");
      g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (reset_clicked_cb), self);
      gtk_box_append (GTK_BOX (line), self->reset_button);

      gtk_box_append (GTK_BOX (vbox), line);
    }

    self->error_label = gtk_label_new (NULL);
    gtk_label_set_xalign (GTK_LABEL (self->error_label), 1);
    gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (self->error_label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_max_width_chars (GTK_LABEL (self->error_label), 30);
    gtk_label_set_justify (GTK_LABEL (self->error_label), GTK_JUSTIFY_RIGHT);
    gtk_widget_add_css_class (self->error_label, "caption");
    gtk_widget_add_css_class (self->error_label, "error");
    gtk_widget_add_css_class (self->error_label, "knob-error");
    gtk_widget_set_visible (self->error_label, FALSE);
    gtk_box_append (GTK_BOX (vbox), self->error_label);

    adw_action_row_add_suffix (ADW_ACTION_ROW (self), vbox);
  }
}

static void
iop_knob_row_dispose (GObject *object)
{
  IopKnobRow *self = IOP_KNOB_ROW (object);

  g_clear_handle_id (&self->flash_id, g_source_remove);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (iop_knob_row_parent_class)->dispose (object);
}

static void
iop_knob_row_class_init (IopKnobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = iop_knob_row_dispose;

  signals[EDIT] =
    g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
iop_knob_row_init (IopKnobRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "knob-row");
}

GtkWidget *
iop_knob_row_new (const IopKnobDef *def,
                  IopHostId         host,
                  IopSpdkVersion    version)
{
  IopKnobRow *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *desc = NULL;
  GtkWidget *info, *popover, *note;

  g_return_val_if_fail (def != NULL, NULL);

  self = g_object_new (IOP_TYPE_KNOB_ROW, NULL);
  self->def = def;
  self->host = host;
  self->version = version;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), def->param);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), TRUE);
  desc = g_markup_escape_text (_(def->description), -1);
  if (def->deprecated & IOP_SPDK_BIT (version))
    {
      /* Translators: a knob SPDK logs a deprecation for, at this SPDK tag */
      g_autofree char *dep = g_strdup_printf (_("Deprecated at %s."), iop_spdk_version_tag (version));
      subtitle = g_strdup_printf ("<span weight=\"bold\" foreground=\"#c64600\">%s</span> %s", dep, desc);
      gtk_widget_add_css_class (GTK_WIDGET (self), "deprecated");
    }
  else if (def->deprecated != 0)
    {
      /* A later release deprecates it: say so, quietly */
      for (guint v = version + 1; v < IOP_SPDK_N_VERSIONS; v++)
        if (def->deprecated & IOP_SPDK_BIT (v))
          {
            g_autofree char *dep = g_strdup_printf (_("Deprecated at %s."), iop_spdk_version_tag (v));
            subtitle = g_strdup_printf ("<i>%s</i> %s", dep, desc);
            break;
          }
    }
  if (subtitle == NULL)
    subtitle = g_steal_pointer (&desc);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);

  /* Prefix: the "changed" dot, always there so titles stay aligned */
  self->dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_size_request (self->dot, 8, 8);
  gtk_widget_set_valign (self->dot, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->dot, "changed-dot");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->dot);

  /* When SPDK accepts it, quoting SPDK's own message */
  note = gtk_label_new (iop_knob_phase_note (def->phase));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 46);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_set_margin_top (note, 6);
  gtk_widget_set_margin_bottom (note, 6);
  gtk_widget_set_margin_start (note, 6);
  gtk_widget_set_margin_end (note, 6);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), note);
  info = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (info),
                                 def->phase == IOP_PHASE_PRE_SUBSYSTEM ? "dialog-information-symbolic"
                                                                       : "iop-phase-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (info), popover);
  gtk_widget_set_valign (info, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (info, "flat");
  gtk_widget_add_css_class (info, "circular");
  gtk_widget_add_css_class (info, "phase-button");
  gtk_widget_set_tooltip_text (info, phase_short (def->phase));
  gtk_accessible_update_property (GTK_ACCESSIBLE (info),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("When SPDK accepts this knob"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), info);

  build_control (self);


  return GTK_WIDGET (self);
}

const IopKnobDef *
iop_knob_row_get_def (IopKnobRow *self)
{
  g_return_val_if_fail (IOP_IS_KNOB_ROW (self), NULL);
  return self->def;
}

IopHostId
iop_knob_row_get_host (IopKnobRow *self)
{
  g_return_val_if_fail (IOP_IS_KNOB_ROW (self), IOP_HOST_BAREMETAL);
  return self->host;
}

void
iop_knob_row_sync (IopKnobRow        *self,
                   const IopScenario *scenario)
{
  const IopKnobDef *def;
  gint64 value, def_value;
  gboolean is_set;
  g_autofree char *value_text = NULL;
  g_autofree char *def_text = NULL;
  g_autofree char *default_markup = NULL;
  g_autofree char *reset_tip = NULL;

  g_return_if_fail (IOP_IS_KNOB_ROW (self));
  g_return_if_fail (scenario != NULL);

  def = self->def;
  value = iop_scenario_knob_value (scenario, self->host, def);
  def_value = iop_knob_def_default (def, scenario->version);
  is_set = iop_scenario_knob_is_set (scenario, self->host, def);
  value_text = iop_knob_format (def, value);
  def_text = iop_knob_format (def, def_value);

  self->syncing = TRUE;
  self->value = value;
  switch (def->type)
    {
    case IOP_KNOB_INT:
      {
        gboolean is_auto = def->has_auto && value == IOP_KNOB_AUTO;

        if (!is_auto)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->control), (double)value);
        else
          gtk_editable_set_text (GTK_EDITABLE (self->control), C_("knob value", "auto"));
        gtk_widget_set_sensitive (self->control, !is_auto);
        if (self->auto_button)
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->auto_button), is_auto);
      }
      break;
    case IOP_KNOB_BOOL:
      gtk_switch_set_active (GTK_SWITCH (self->control), value != 0);
      break;
    case IOP_KNOB_ENUM:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->control), (guint)value);
      break;
    case IOP_KNOB_CPUMASK:
    default:
      gtk_editable_set_text (GTK_EDITABLE (self->control), value_text);
      break;
    }
  self->syncing = FALSE;

  /* The default beside the control, with the unit */
  if (def->unit != NULL && !(def->has_auto && def_value == IOP_KNOB_AUTO))
    /* Translators: under a knob's control: "default 256 bdev_io" */
    default_markup = g_strdup_printf (_("default %s %s"), def_text, _(def->unit));
  else
    /* Translators: under a knob's control: "default auto" */
    default_markup = g_strdup_printf (_("default %s"), def_text);
  gtk_label_set_text (GTK_LABEL (self->default_label), default_markup);

  self->changed = value != def_value;
  if (self->changed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "changed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "changed");
  gtk_widget_set_tooltip_text (self->dot, self->changed ? _("Changed from SPDK’s default") : NULL);

  /* Reset is offered whenever the scenario sets the knob */
  gtk_widget_set_sensitive (self->reset_button, is_set);
  gtk_widget_set_opacity (self->reset_button, is_set ? 1.0 : 0.0);
  reset_tip = g_strdup_printf (_("Reset to SPDK’s default (%s)"), def_text);
  gtk_widget_set_tooltip_text (self->reset_button, reset_tip);
}

void
iop_knob_row_set_error (IopKnobRow *self,
                        const char *message)
{
  g_return_if_fail (IOP_IS_KNOB_ROW (self));

  if (g_strcmp0 (message, self->error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (self->control, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->control),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->control),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->control, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

const char *
iop_knob_row_get_error (IopKnobRow *self)
{
  g_return_val_if_fail (IOP_IS_KNOB_ROW (self), NULL);
  return self->error;
}

gboolean
iop_knob_row_get_changed (IopKnobRow *self)
{
  g_return_val_if_fail (IOP_IS_KNOB_ROW (self), FALSE);
  return self->changed;
}

GtkWidget *
iop_knob_row_get_control (IopKnobRow *self)
{
  g_return_val_if_fail (IOP_IS_KNOB_ROW (self), NULL);
  return self->control;
}

void
iop_knob_row_flash (IopKnobRow *self)
{
  g_return_if_fail (IOP_IS_KNOB_ROW (self));

  g_clear_handle_id (&self->flash_id, g_source_remove);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flash");
  self->flash_id = g_timeout_add (1600, flash_done_cb, self);
}
