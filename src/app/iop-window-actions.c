/* iop-window-actions.c: the main window's playback and view actions
 *
 * Play, step, speed, op and size, revert, the views and panels, the SPDK
 * folder, fault injection, presentation mode with its key indicator, and
 * the keys that drive playback from anywhere in the window.
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

/* --- Keys ------------------------------------------------------------------ */

static gboolean
hide_key_label_cb (gpointer data)
{
  IopWindow *self = data;

  gtk_widget_set_visible (GTK_WIDGET (self->key_label), FALSE);
  self->key_label_timeout = 0;
  return G_SOURCE_REMOVE;
}

static void show_key_label (IopWindow *self, const char *text, guint ms);

/* Presentation mode: each key pressed shows for a moment above the canvas
 * (Preferences: Show Keys in Presentation Mode). Never consumes the key. */
static gboolean
key_indicator_cb (IopWindow             *self,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  GtkEventControllerKey *controller)
{
  g_autofree char *label = NULL;

  if (!self->presentation || (self->settings != NULL && !g_settings_get_boolean (self->settings, "show-keys")))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Shift_L: case GDK_KEY_Shift_R: case GDK_KEY_Control_L: case GDK_KEY_Control_R:
    case GDK_KEY_Alt_L: case GDK_KEY_Alt_R: case GDK_KEY_Super_L: case GDK_KEY_Super_R:
    case GDK_KEY_Meta_L: case GDK_KEY_Meta_R: case GDK_KEY_ISO_Level3_Shift: case GDK_KEY_Caps_Lock:
      return FALSE;   /* shown with the key they modify */
    default:
      break;
    }
  label = gtk_accelerator_get_label (gdk_keyval_to_lower (keyval),
                                     state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK));
  if (label == NULL || *label == '\0')
    return FALSE;
  show_key_label (self, label, 1200);
  return FALSE;
}

/* The playback keys have no modifier, so they cannot be application
 * accelerators (those run before the focused widget and would eat Space,
 * arrows, Home, End, + and - in every entry). This runs in the capture
 * phase too, but steps aside when the focus is where text is typed. */
gboolean
iop_window_playback_key_cb (IopWindow             *self,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *action = NULL;

  key_indicator_cb (self, keyval, keycode, state, controller);
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Escape && self->presentation)
    {
      iop_window_set_presentation (self, FALSE);
      return TRUE;
    }
  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) ||
       (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus))) ||
       gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      action = "win.play";
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      action = "win.step-forward";
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      action = "win.step-back";
      break;
    case GDK_KEY_e:
    case GDK_KEY_E:
      if (self->presentation)
        action = "win.presentation-explanation";
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      action = "win.restart";
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      action = "win.end";
      break;
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_equal:
      action = "win.speed-up";
      break;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      action = "win.speed-down";
      break;
    default:
      return FALSE;
    }
  return gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* --- Actions --------------------------------------------------------------- */

static void
choose_spdk_dir_response_cb (GtkNativeDialog *native,
                             int              response,
                             gpointer         user_data)
{
  IopWindow *self = IOP_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (path != NULL)
        {
          /* The choice made now wins over --spdk-dir for this session */
          if (app != NULL)
            iop_application_set_spdk_dir_override (IOP_APPLICATION (app), path);
          if (self->settings != NULL)
            g_settings_set_string (self->settings, "spdk-dir", path);
          iop_window_refresh_spdk_dir (self);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

/* Actions */

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (self->comparing)
    return;   /* the Compare view steps, it does not play (win.play is off there) */
  iop_session_set_playing (self->session, !iop_session_get_playing (self->session));
}

static void
step_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (iop_window_compare_step (self, 1))
    return;
  iop_session_set_playing (self->session, FALSE);
  iop_session_step (self->session, 1);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (iop_window_compare_step (self, -1))
    return;
  iop_session_set_playing (self->session, FALSE);
  iop_session_step (self->session, -1);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (iop_window_compare_step (self, G_MININT))
    return;
  iop_session_set_playing (self->session, FALSE);
  iop_session_seek (self->session, 0, FALSE);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (iop_window_compare_step (self, G_MAXINT))
    return;
  iop_session_set_playing (self->session, FALSE);
  /* clamped to the last step */
  iop_session_seek (self->session, G_MAXDOUBLE, FALSE);
}

static void
speed_up_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  guint i = iop_window_speed_index (self->speed);

  if (i + 1 < G_N_ELEMENTS (iop_window_speed_presets))
    iop_window_set_speed (self, iop_window_speed_presets[i + 1]);
}

static void
speed_down_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  guint i = iop_window_speed_index (self->speed);

  if (i > 0)
    iop_window_set_speed (self, iop_window_speed_presets[i - 1]);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!iop_session_revert (self->session, &error))
    iop_window_show_toast (self, error->message, 6);
}

/* win.set-knob "[HOST:]METHOD.PARAM=VALUE": one knob edit, as the CLI's --set
 * (iopath --set at start, lessons, tests); a refused value says why in a toast */
static void
set_knob_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *text = g_variant_get_string (param, NULL);
  const char *assign = text;
  const char *colon = strchr (text, ':');
  const char *eq = strchr (text, '=');
  IopHostId host = IOP_HOST_BAREMETAL;
  IopScenario *shown = iop_window_get_scenario (self);
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (shown == NULL)
    return;
  if (colon != NULL && (eq == NULL || colon < eq))
    {
      g_autofree char *name = g_strndup (text, colon - text);

      if (!iop_host_parse (name, &host, &error))
        goto refused;
      assign = colon + 1;
    }
  sc = iop_scenario_copy (shown);
  if (!iop_scenario_apply_assignment (sc, host, assign, &error)
      || !iop_session_apply (self->session, sc, &error))
    goto refused;
  return;

refused:
  {
    /* TRANSLATORS: "--set VALUE: why it was refused" */
    g_autofree char *msg = g_strdup_printf (_("%s: %s"), text, error->message);
    iop_window_show_error_toast (self, msg);
  }
}

/* win.show-view: Alt+1…4 switch between Trace, Memory, Workload and Runtime */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  /* the Compare view lives in the Trace view, in place of the canvas */
  if (g_strcmp0 (name, "compare") == 0)
    {
      adw_view_stack_set_visible_child_name (self->mode_stack, "trace");
      iop_window_set_comparing (self, TRUE);
      return;
    }
  if (adw_view_stack_get_child_by_name (self->mode_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->mode_stack, name);
}

/* win.compare: the scenario's knobs (A) beside yours (B) on two canvases in
 * place of the one; the strip and the ruler make room for them. From the
 * Workload view it stays there: its plots show A's and B's curves. */
void
iop_window_set_comparing (IopWindow *self,
                          gboolean   comparing)
{
  comparing = !!comparing;
  if (comparing == self->comparing)
    return;
  self->comparing = comparing;
  /* the Workload view compares its own way: A's and B's curves */
  if (comparing && g_strcmp0 (adw_view_stack_get_visible_child_name (self->mode_stack), "workload") != 0)
    adw_view_stack_set_visible_child_name (self->mode_stack, "trace");
  if (iop_window_get_trace (self) != NULL)
    gtk_stack_set_visible_child_name (self->canvas_stack, comparing ? "compare" : "canvas");
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), !comparing && !self->presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->time_ruler), !comparing && !self->presentation);
  iop_window_update_workload_compare (self);
  iop_window_compare_sync_side (self);
  /* the Compare view steps (the arrows, Home, End), it does not play */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", !comparing);
  iop_window_notify (self, PROP_COMPARING);
}

static void
show_diagnostics_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (self->presentation)
    iop_window_set_presentation (self, FALSE);
  iop_window_show_panel (self, "knobs");
  iop_knobs_panel_reveal_diagnostics (self->knobs_panel);
}

static void
choose_spdk_dir_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose SPDK Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (choose_spdk_dir_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Properties */

void
iop_window_set_op (IopWindow  *self,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  IopOp op;

  if (!iop_op_parse (name, &op, &error))
    return;
  if (!iop_session_set_op (self->session, op, &error))
    {
      iop_window_show_toast (self, error->message, 6);
      /* The action state goes back to the trace's op */
      iop_window_notify (self, PROP_OP);
    }
}

static void
inject_fault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IopWindow *self = IOP_WINDOW (widget);

  gtk_menu_button_popup (self->fault_button);
}

/* The fault popover: one fault replaces the scenario's, at its time */
void
iop_window_fault_apply_cb (IopWindow      *self,
                           const IopFault *fault)
{
  IopScenario *shown = iop_window_get_scenario (self);
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (shown == NULL)
    return;
  sc = iop_scenario_copy (shown);
  g_array_set_size (sc->faults, 0);
  sc->io_at_ns = -1;
  if (!iop_scenario_add_fault (sc, fault, &error) || !iop_session_apply (self->session, sc, &error))
    {
      iop_window_show_toast (self, error->message, 6);
      return;
    }
  {
    g_autofree char *d = iop_fault_describe (fault);
    iop_window_show_toast (self, d, 4);
  }
}

void
iop_window_fault_clear_cb (IopWindow *self)
{
  IopScenario *shown = iop_window_get_scenario (self);
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (shown == NULL || shown->faults->len == 0)
    return;
  sc = iop_scenario_copy (shown);
  g_array_set_size (sc->faults, 0);
  sc->io_at_ns = -1;
  if (!iop_session_apply (self->session, sc, &error))
    iop_window_show_toast (self, error->message, 6);
}

void
iop_window_set_io_size (IopWindow *self,
                        guint      size)
{
  g_autoptr(GError) error = NULL;

  if (!iop_session_set_io_size (self->session, size, &error))
    {
      iop_window_show_toast (self, error->message, 6);
      iop_window_update_header (self);
      iop_window_notify (self, PROP_IO_SIZE);
    }
}

void
iop_window_set_speed (IopWindow *self,
                      double     speed)
{
  speed = CLAMP (speed, iop_window_speed_presets[0],
                 iop_window_speed_presets[G_N_ELEMENTS (iop_window_speed_presets) - 1]);
  if (speed == self->speed)
    return;
  self->speed = speed;
  iop_session_set_speed (self->session, speed * BASE_STEPS_PER_SECOND);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->speed_dropdown, iop_window_speed_index (speed));
  self->updating = FALSE;
  iop_window_notify (self, PROP_SPEED);
}

/* Presentation mode's hint and each key pressed share one label, in the
 * diagram's empty top-left corner: nothing covers the lower third */
static void
show_key_label (IopWindow  *self,
                const char *text,
                guint       ms)
{
  gtk_label_set_text (self->key_label, text);
  /* the opening hint (longer than a key's name) in smaller type */
  if (ms > 2000)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_label), "hint");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_label), "hint");
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
  g_clear_handle_id (&self->key_label_timeout, g_source_remove);
  self->key_label_timeout = g_timeout_add (ms, hide_key_label_cb, self);
}

/* The side column (explanation and panels): hidden with F9; in presentation
 * mode shown only when the explanation is asked for (E) */
void
iop_window_update_side_visibility (IopWindow *self)
{
  GtkWidget *side = gtk_paned_get_end_child (self->main_paned);

  gtk_widget_set_visible (side, !self->side_hidden && (!self->presentation || self->presentation_explain));
}

void
iop_window_set_presentation (IopWindow *self,
                             gboolean   presentation)
{
  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  self->presentation = presentation;

  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presentation);
  gtk_widget_set_visible (self->side_box, !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), !presentation && !self->comparing);
  gtk_widget_set_visible (GTK_WIDGET (self->time_ruler), !presentation && !self->comparing);
  iop_window_update_side_visibility (self);
  iop_canvas_set_presentation (self->canvas, presentation);
  iop_explain_panel_set_presentation (self->explain_panel, presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
      show_key_label (self, _("Presentation mode · Esc leaves · E shows the explanation"), 2500);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      /* the label's timeout too: it would fire on a closed window */
      g_clear_handle_id (&self->key_label_timeout, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->key_label), FALSE);
    }
  iop_window_notify (self, PROP_PRESENTATION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.presentation-explanation", presentation);
}

/* win.presentation-explanation: in presentation mode, the explanation beside
 * the diagram (E), short and in large type; hidden by default */
static void
presentation_explanation_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (!self->presentation)
    return;
  self->presentation_explain = !self->presentation_explain;
  iop_window_update_side_visibility (self);
}

/* --- Installed on the class ------------------------------------------------ */

void
iop_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.inject-fault", NULL, inject_fault_action);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, step_forward_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "win.end", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "win.speed-up", NULL, speed_up_action);
  gtk_widget_class_install_action (widget_class, "win.speed-down", NULL, speed_down_action);
  gtk_widget_class_install_action (widget_class, "win.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "win.show-diagnostics", NULL, show_diagnostics_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.set-knob", "s", set_knob_action);
  gtk_widget_class_install_property_action (widget_class, "win.compare", "comparing");
  gtk_widget_class_install_action (widget_class, "win.choose-spdk-dir", NULL, choose_spdk_dir_action);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_action (widget_class, "win.presentation-explanation", NULL, presentation_explanation_action);
  gtk_widget_class_install_property_action (widget_class, "win.set-op", "op");
  gtk_widget_class_install_property_action (widget_class, "win.set-size", "io-size");
}
