/* iop-window.c: the main window
 *
 * One direction for data: scenario (+ knob edits, op, size) -> iop_trace_run()
 * -> an immutable IopTrace -> canvas, timeline and panels. Every change makes
 * a new scenario copy and a new trace; the playhead keeps its step.
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
#include "iop-window.h"
#include "iop-runtime-view.h"
#include "iop-workload-view.h"
#include "iop-memory-view.h"
#include "iop-export.h"
#include "iop-painter.h"
#include "iop-config.h"
#include "iop-fault-popover.h"

#define DEFAULT_SCENARIO "raid270"
/* "1×": steps per second of playback */
#define BASE_STEPS_PER_SECOND 1.5

struct _IopWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  IopScenario          *scenario;      /* what is shown: trace->scenario, or one SPDK refuses */
  IopTrace             *trace;         /* NULL while SPDK refuses the scenario */
  IopScenario          *original;      /* as loaded, for "Revert Knob Changes" */
  char                 *scenario_ref;  /* built-in id or path of the loaded scenario */
  GtkStringList        *scenario_model;
  GHashTable           *scenario_titles;
  int                   current_step;
  double                speed;
  guint                 presentation : 1;
  guint                 updating : 1;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwToast             *presentation_toast;  /* weak */
  AdwHeaderBar         *header_bar;
  GtkDropDown          *scenario_dropdown;
  GtkDropDown          *size_dropdown;
  GtkDropDown          *speed_dropdown;
  GtkMenuButton        *fault_button;
  IopFaultPopover      *fault_popover;
  GtkButton            *play_button;
  GtkButton            *diagnostics_button;
  GtkPaned             *main_paned;
  GtkPaned             *side_paned;
  GtkWidget            *side_box;
  AdwViewStack         *side_stack;
  AdwViewSwitcher      *side_switcher;
  AdwViewStackPage     *knobs_page;
  GtkStack             *canvas_stack;
  IopCanvas            *canvas;
  IopTimeline          *timeline;
  IopExplainPanel      *explain_panel;
  IopSourcePanel       *source_panel;
  IopObjectsPanel      *objects_panel;
  IopKnobsPanel        *knobs_panel;
  GtkLabel             *key_label;       /* presentation mode's key indicator */
  guint                 key_label_timeout;
  AdwViewStack         *mode_stack;
  GtkWidget            *mode_switcher;
  GtkWidget            *playback_box;
  GtkWidget            *op_box;
  IopMemoryView        *memory_view;
  IopWorkloadView      *workload_view;
  IopRuntimeView       *runtime_view;
};

G_DEFINE_FINAL_TYPE (IopWindow, iop_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_OP,
  PROP_IO_SIZE,
  PROP_SPEED,
  PROP_PLAYING,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const double speed_presets[] = { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0 };
#define N_SIZES 6

static void iop_window_set_presentation (IopWindow *self, gboolean presentation);
static void iop_window_set_speed        (IopWindow *self, double speed);

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

static AdwToast *
show_toast (IopWindow  *self,
            const char *message,
            guint       timeout)
{
  return add_toast (self, message, timeout, ADW_TOAST_PRIORITY_NORMAL);
}

/* A refusal: shown at once, ahead of any toast waiting its turn */
static void
show_error_toast (IopWindow  *self,
                  const char *message)
{
  add_toast (self, message, 10, ADW_TOAST_PRIORITY_HIGH);
}

static void
show_error_dialog (IopWindow  *self,
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

static guint
speed_index (double speed)
{
  guint best = 2;

  for (guint i = 0; i < G_N_ELEMENTS (speed_presets); i++)
    if (fabs (log (speed_presets[i] / speed)) < fabs (log (speed_presets[best] / speed)))
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

static void
update_current_step (IopWindow *self,
                     gboolean   force)
{
  int step = iop_canvas_get_current_step (self->canvas);

  if (self->trace == NULL)
    return;
  if (!force && step == self->current_step)
    return;
  self->current_step = step;
  iop_explain_panel_set_step (self->explain_panel, self->trace, step);
  iop_source_panel_set_step (self->source_panel, self->trace, step);
}

static void
update_header (IopWindow *self)
{
  IopScenario *sc = self->scenario;
  g_autofree char *title = NULL;
  guint pos;

  if (sc == NULL)
    return;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->size_dropdown, size_index (sc->io_size));
  pos = scenario_model_find (self, self->scenario_ref);
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->scenario_dropdown, pos);
  self->updating = FALSE;

  {
    g_autofree char *name = scenario_short_name (self->scenario_ref);
    /* Translators: window title, %s is a scenario name */
    title = g_strdup_printf (_("Iopath — %s"), name);
  }
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_diagnostics (IopWindow *self)
{
  guint n_problems = 0;

  if (self->trace != NULL)
    for (guint i = 0; i < self->trace->diagnostics->len; i++)
      {
        const IopDiagnostic *d = g_ptr_array_index (self->trace->diagnostics, i);
        if (d->level >= IOP_DIAG_WARNING)
          n_problems++;
      }

  if (self->trace == NULL && self->scenario != NULL)
    n_problems = 1;
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_button), n_problems > 0);
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
}

/* Makes TRACE the one everything shows. Takes ownership. */
static void
adopt_trace (IopWindow *self,
             IopTrace  *trace)
{
  IopOp old_op = self->scenario ? self->scenario->op : (IopOp)-1;
  gint64 old_size = self->scenario ? self->scenario->io_size : -1;
  gboolean was_refused = self->trace == NULL;

  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace;
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  self->scenario = iop_scenario_ref (trace->scenario);
  if (was_refused)
    {
      iop_explain_panel_set_refusal (self->explain_panel, NULL, NULL);
      gtk_stack_set_visible_child_name (self->canvas_stack, "canvas");
      gtk_widget_set_sensitive (GTK_WIDGET (self->timeline), TRUE);
    }

  iop_canvas_set_trace (self->canvas, trace);
  iop_timeline_set_trace (self->timeline, trace);
  iop_objects_panel_set_trace (self->objects_panel, trace);
  iop_knobs_panel_set_trace (self->knobs_panel, trace);
  iop_timeline_set_position (self->timeline, iop_canvas_get_position (self->canvas));
  iop_objects_panel_set_position (self->objects_panel, iop_canvas_get_position (self->canvas));
  update_header (self);
  update_diagnostics (self);
  update_current_step (self, TRUE);
  iop_memory_view_set_scenario (self->memory_view, self->scenario);
  iop_workload_view_set_scenario (self->workload_view, self->scenario);
  iop_fault_popover_set_scenario (self->fault_popover, self->scenario);
  if (self->scenario->faults->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->fault_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->fault_button), "warning");

  if (old_op != trace->scenario->op)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OP]);
  if (old_size != trace->scenario->io_size)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IO_SIZE]);
}

/* SPDK would refuse SC at start-up (ERROR says why): no trace to show, but
 * the knobs are there to fix it. Takes a reference on SC. */
static void
adopt_refused (IopWindow    *self,
               IopScenario  *sc,
               const GError *error)
{
  IopOp old_op = self->scenario ? self->scenario->op : (IopOp)-1;
  gint64 old_size = self->scenario ? self->scenario->io_size : -1;

  g_clear_pointer (&self->trace, iop_trace_unref);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  self->scenario = iop_scenario_ref (sc);

  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_set_trace (self->canvas, NULL);
  iop_timeline_set_trace (self->timeline, NULL);
  iop_objects_panel_set_trace (self->objects_panel, NULL);
  iop_knobs_panel_set_refused (self->knobs_panel, sc, error->message);
  iop_explain_panel_set_refusal (self->explain_panel, sc, error->message);
  iop_source_panel_set_step (self->source_panel, NULL, -1);
  gtk_stack_set_visible_child_name (self->canvas_stack, "refused");
  gtk_widget_set_sensitive (GTK_WIDGET (self->timeline), FALSE);
  update_header (self);
  update_diagnostics (self);
  iop_memory_view_set_scenario (self->memory_view, self->scenario);
  iop_workload_view_set_scenario (self->workload_view, NULL);
  iop_window_show_panel (self, "knobs");

  if (old_op != sc->op)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OP]);
  if (old_size != sc->io_size)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IO_SIZE]);
}

/* Traces SC (a private copy we may keep) and shows the result */
static gboolean
apply_scenario (IopWindow    *self,
                IopScenario  *sc,
                GError      **error)
{
  IopTrace *trace = iop_trace_run (sc, error);

  if (trace == NULL)
    return FALSE;
  adopt_trace (self, trace);
  return TRUE;
}

static void
refresh_spdk_dir (IopWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *why = NULL;
  g_autofree char *dir = NULL;

  if (app == NULL)
    return;
  dir = iop_application_resolve_spdk_dir (IOP_APPLICATION (app), &why);
  iop_source_panel_set_spdk_dir (self->source_panel, dir, why);
  iop_source_panel_set_step (self->source_panel, self->trace, self->current_step);
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
                                width < 1200 || side < 360 ? ADW_VIEW_SWITCHER_POLICY_NARROW
                                                           : ADW_VIEW_SWITCHER_POLICY_WIDE);
}

static void
canvas_position_notify_cb (IopWindow  *self,
                           GParamSpec *pspec,
                           IopCanvas  *canvas)
{
  double position = iop_canvas_get_position (canvas);

  iop_timeline_set_position (self->timeline, position);
  iop_objects_panel_set_position (self->objects_panel, position);
  update_current_step (self, FALSE);
}

static void
canvas_playing_notify_cb (IopWindow  *self,
                          GParamSpec *pspec,
                          IopCanvas  *canvas)
{
  gboolean playing = iop_canvas_get_playing (canvas);

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
  iop_canvas_seek (canvas, step, TRUE);
}

static void
timeline_seek_cb (IopWindow   *self,
                  double       position,
                  gboolean     animate,
                  IopTimeline *timeline)
{
  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_seek (self->canvas, position, animate);
}

static void
objects_seek_step_cb (IopWindow       *self,
                      guint            step,
                      IopObjectsPanel *panel)
{
  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_seek (self->canvas, step, TRUE);
}

static void
knobs_trace_changed_cb (IopWindow     *self,
                        IopTrace      *trace,
                        IopKnobsPanel *panel)
{
  adopt_trace (self, iop_trace_ref (trace));
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
  if (g_strcmp0 (ref, self->scenario_ref) == 0)
    return;
  if (!iop_window_load_scenario (self, ref, &error))
    {
      show_error_dialog (self, _("Could Not Open Scenario"), error->message);
      update_header (self);
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

  if (self->updating || pos >= G_N_ELEMENTS (speed_presets))
    return;
  iop_window_set_speed (self, speed_presets[pos]);
}

static void
spdk_dir_changed_cb (IopWindow *self)
{
  refresh_spdk_dir (self);
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
  refresh_spdk_dir (self);
}

static void
scenario_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_list_item_set_child (item, label);
}

static void
scenario_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *obj = gtk_list_item_get_item (item);
  g_autofree char *name = scenario_short_name (gtk_string_object_get_string (obj));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), name);
}

static void
scenario_list_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 44);
  gtk_label_set_width_chars (GTK_LABEL (subtitle), 30);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
scenario_list_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  IopWindow *self = IOP_WINDOW (user_data);
  const char *ref = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *name = scenario_short_name (ref);
  const char *desc = g_hash_table_lookup (self->scenario_titles, ref);

  gtk_label_set_text (GTK_LABEL (title), name);
  gtk_label_set_text (GTK_LABEL (subtitle), desc ? desc : ref);
}

static gboolean
hide_key_label_cb (gpointer data)
{
  IopWindow *self = data;

  gtk_widget_set_visible (GTK_WIDGET (self->key_label), FALSE);
  self->key_label_timeout = 0;
  return G_SOURCE_REMOVE;
}

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
  gtk_label_set_text (self->key_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
  g_clear_handle_id (&self->key_label_timeout, g_source_remove);
  self->key_label_timeout = g_timeout_add (1200, hide_key_label_cb, self);
  return FALSE;
}

/* The playback keys have no modifier, so they cannot be application
 * accelerators (those run before the focused widget and would eat Space,
 * arrows, Home, End, + and - in every entry). This runs in the capture
 * phase too, but steps aside when the focus is where text is typed. */
static gboolean
playback_key_cb (IopWindow             *self,
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
          refresh_spdk_dir (self);
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

  iop_canvas_set_playing (self->canvas, !iop_canvas_get_playing (self->canvas));
}

static void
step_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_step (self->canvas, 1);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_step (self->canvas, -1);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_seek (self->canvas, 0, FALSE);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  if (self->trace == NULL)
    return;
  iop_canvas_set_playing (self->canvas, FALSE);
  iop_canvas_seek (self->canvas, self->trace->steps->len - 1, FALSE);
}

static void
speed_up_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  guint i = speed_index (self->speed);

  if (i + 1 < G_N_ELEMENTS (speed_presets))
    iop_window_set_speed (self, speed_presets[i + 1]);
}

static void
speed_down_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  guint i = speed_index (self->speed);

  if (i > 0)
    iop_window_set_speed (self, speed_presets[i - 1]);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (self->original == NULL || self->scenario == NULL)
    return;
  sc = iop_scenario_copy (self->original);
  sc->op = self->scenario->op;
  sc->io_size = self->scenario->io_size;
  if (!apply_scenario (self, sc, &error))
    show_toast (self, error->message, 6);
}

/* win.show-view: Alt+1…4 switch between Trace, Memory, Workload and Runtime */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (adw_view_stack_get_child_by_name (self->mode_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->mode_stack, name);
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

static void
iop_window_set_op (IopWindow  *self,
                   const char *name)
{
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;
  IopOp op;

  if (self->scenario == NULL || !iop_op_parse (name, &op, &error))
    return;
  if (op == self->scenario->op)
    return;
  sc = iop_scenario_copy (self->scenario);
  sc->op = op;
  if (!apply_scenario (self, sc, &error))
    {
      show_toast (self, error->message, 6);
      /* The action state goes back to the trace's op */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OP]);
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
static void
fault_apply_cb (IopWindow      *self,
                const IopFault *fault)
{
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (self->scenario == NULL)
    return;
  sc = iop_scenario_copy (self->scenario);
  g_array_set_size (sc->faults, 0);
  sc->io_at_ns = -1;
  if (!iop_scenario_add_fault (sc, fault, &error) || !apply_scenario (self, sc, &error))
    {
      show_toast (self, error->message, 6);
      return;
    }
  {
    g_autofree char *d = iop_fault_describe (fault);
    show_toast (self, d, 4);
  }
}

static void
fault_clear_cb (IopWindow *self)
{
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (self->scenario == NULL || self->scenario->faults->len == 0)
    return;
  sc = iop_scenario_copy (self->scenario);
  g_array_set_size (sc->faults, 0);
  sc->io_at_ns = -1;
  if (!apply_scenario (self, sc, &error))
    show_toast (self, error->message, 6);
}

static void
iop_window_set_io_size (IopWindow *self,
                        guint      size)
{
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) error = NULL;

  if (self->scenario == NULL || size == self->scenario->io_size)
    return;
  sc = iop_scenario_copy (self->scenario);
  sc->io_size = size;
  if (!apply_scenario (self, sc, &error))
    {
      show_toast (self, error->message, 6);
      update_header (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IO_SIZE]);
    }
}

static void
iop_window_set_speed (IopWindow *self,
                      double     speed)
{
  speed = CLAMP (speed, speed_presets[0], speed_presets[G_N_ELEMENTS (speed_presets) - 1]);
  if (speed == self->speed)
    return;
  self->speed = speed;
  iop_canvas_set_speed (self->canvas, speed * BASE_STEPS_PER_SECOND);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->speed_dropdown, speed_index (speed));
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static void
iop_window_set_presentation (IopWindow *self,
                             gboolean   presentation)
{
  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  self->presentation = presentation;

  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presentation);
  gtk_widget_set_visible (self->side_box, !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), !presentation);
  iop_canvas_set_presentation (self->canvas, presentation);
  iop_explain_panel_set_presentation (self->explain_panel, presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
      g_set_weak_pointer (&self->presentation_toast,
                          show_toast (self, _("Presentation mode: F11 or Esc to leave"), 3));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      if (self->presentation_toast != NULL)
        adw_toast_dismiss (self->presentation_toast);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
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
      g_value_set_string (value, self->scenario ? iop_op_name (self->scenario->op) : "write");
      break;
    case PROP_IO_SIZE:
      g_value_set_uint (value, self->scenario ? (guint)self->scenario->io_size : 4096);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, iop_canvas_get_playing (self->canvas));
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
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
      iop_canvas_set_playing (self->canvas, g_value_get_boolean (value));
      break;
    case PROP_PRESENTATION:
      iop_window_set_presentation (self, g_value_get_boolean (value));
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

  g_clear_weak_pointer (&self->presentation_toast);
  g_clear_handle_id (&self->key_label_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_WINDOW);
  g_clear_pointer (&self->trace, iop_trace_unref);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->original, iop_scenario_unref);
  g_clear_pointer (&self->scenario_ref, g_free);
  g_clear_pointer (&self->scenario_titles, g_hash_table_unref);
  g_clear_object (&self->scenario_model);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (iop_window_parent_class)->dispose (object);
}

/* --- SPDK configs in and out ------------------------------------------- */

typedef struct
{
  IopWindow *self;
  char      *path;
  gboolean   export_rpc;
} ConfigJob;

static void
config_job_free (ConfigJob *job)
{
  g_clear_object (&job->self);
  g_free (job->path);
  g_free (job);
}

static void
import_config_host_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ConfigJob        *job)
{
  IopWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopConfigImport) imp = NULL;
  IopHostId host;

  if (g_strcmp0 (response, "baremetal") != 0 && g_strcmp0 (response, "storage") != 0)
    {
      config_job_free (job);
      return;
    }
  host = g_str_equal (response, "storage") ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
  if (self->scenario == NULL)
    {
      config_job_free (job);
      return;
    }
  /* The current scenario is never changed: the import works on a copy and
   * only a traceable or SPDK-refused result replaces what is shown */
  imp = iop_config_import_file (self->scenario, host, job->path, &error);
  if (imp == NULL)
    show_error_dialog (self, _("Could Not Import the SPDK Config"), error->message);
  else
    {
      g_autoptr(GError) refusal = NULL;
      g_autofree char *msg = NULL;
      IopTrace *trace = iop_trace_run (imp->scenario, &refusal);

      if (trace != NULL)
        adopt_trace (self, trace);
      else
        adopt_refused (self, imp->scenario, refusal);
      msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %u knob into the %s host; %u entries are not modelled",
                                          "Imported %u knobs into the %s host; %u entries are not modelled",
                                          imp->applied->len),
                             imp->applied->len, iop_host_name (host), imp->unmodelled->len);
      show_toast (self, msg, 5);
    }
  config_job_free (job);
}

static void
import_config_response_cb (GtkNativeDialog *native,
                           int              response,
                           IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        iop_window_import_config (self, path);
    }
  g_object_unref (native);
  g_object_unref (self);
}

void
iop_window_import_config (IopWindow  *self,
                          const char *path)
{
  ConfigJob *job = g_new0 (ConfigJob, 1);
  AdwMessageDialog *dialog;
  g_autofree char *base = g_path_get_basename (path);

  job->self = g_object_ref (self);
  job->path = g_strdup (path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import an SPDK Config"), NULL));
  adw_message_dialog_format_body (dialog, _("Which host does %s configure? Its knobs replace that host’s in a copy of the scenario; entries Iopath does not model are listed and left alone."), base);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "baremetal", _("_Baremetal Host"),
                                    "storage", _("_Storage Node"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "baremetal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "baremetal");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (import_config_host_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_config_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import an SPDK Config"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("SPDK JSON configs"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (import_config_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_config_save_cb (GtkNativeDialog *native,
                       int              response,
                       ConfigJob       *job)
{
  IopWindow *self = job->self;

  if (response == GTK_RESPONSE_ACCEPT && self->scenario != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      IopHostId host = g_str_equal (job->path, "storage") ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
      g_autofree char *text = iop_config_export (self->scenario, host,
                                                 job->export_rpc ? IOP_CONFIG_FORMAT_RPC : IOP_CONFIG_FORMAT_JSON, notes);

      /* Never overwrite silently what the user had: the chooser asked to confirm */
      if (file == NULL || !g_file_replace_contents (file, text, strlen (text), NULL, TRUE,
                                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        show_error_dialog (self, _("Could Not Export the SPDK Config"),
                           error ? error->message : _("No file was chosen"));
      else
        show_toast (self, job->export_rpc ? _("Exported the knobs as rpc.py commands")
                                          : _("Exported the knobs as an SPDK JSON config"), 4);
    }
  g_object_unref (native);
  config_job_free (job);
}

static void
export_config_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *target = param ? g_variant_get_string (param, NULL) : "baremetal-json";
  ConfigJob *job = g_new0 (ConfigJob, 1);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  job->self = g_object_ref (self);
  job->export_rpc = g_str_has_suffix (target, "-rpc");
  job->path = g_strdup (g_str_has_prefix (target, "storage") ? "storage" : "baremetal");
  name = g_strdup_printf ("%s-%s.%s", self->scenario && self->scenario->id ? self->scenario->id : "iopath",
                          job->path, job->export_rpc ? "sh" : "json");
  native = gtk_file_chooser_native_new (_("Export the Knobs"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_config_save_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The local path chosen for an export. A name typed without one of EXTS
 * (any case) gets the first; the chooser confirmed replacing the name it
 * showed, not that one, so FORCE is set only when the result is new or was
 * what the chooser confirmed. NULL for a file that is not local. */
static char *
chosen_export_path (GtkFileChooser     *chooser,
                    const char *const  *exts,
                    gboolean           *force)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *lower = NULL;

  *force = TRUE;
  if (path == NULL)
    return NULL;
  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; exts[i] != NULL; i++)
    if (g_str_has_suffix (lower, exts[i]))
      return g_steal_pointer (&path);
  {
    char *named = g_strconcat (path, exts[0], NULL);

    *force = !g_file_test (named, G_FILE_TEST_EXISTS);
    return named;
  }
}

/* win.export-picture: the canvas as it stands, to PNG, SVG or PDF */
static void
export_picture_cb (GtkNativeDialog *native,
                   int              response,
                   IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->trace != NULL)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
      static const char *const exts[] = { ".png", ".svg", ".pdf", NULL };
      const char *size = gtk_file_chooser_get_choice (chooser, "size");
      g_autoptr(GError) error = NULL;
      IopExportOpts o = { 1920, 1080, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                          self->presentation, TRUE };
      g_autofree char *path = chosen_export_path (chooser, exts, &o.force);

      if (g_strcmp0 (size, "window") == 0)
        {
          o.width = MAX (gtk_widget_get_width (GTK_WIDGET (self->canvas)), IOP_PAINTER_MIN_WIDTH);
          o.height = MAX (gtk_widget_get_height (GTK_WIDGET (self->canvas)), IOP_PAINTER_MIN_HEIGHT);
        }
      else if (size != NULL && !iop_export_parse_size (size, &o.width, &o.height, NULL))
        o.width = 1920, o.height = 1080;

      if (path == NULL)
        show_error_dialog (self, _("Could Not Export the Picture"), _("Only local files can be written"));
      else if (!iop_export_step (self->trace, &o, iop_canvas_get_position (self->canvas), path, &error))
        show_error_dialog (self, _("Could Not Export the Picture"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (_("Saved %s (%d × %d)"), base, o.width, o.height);
          show_toast (self, msg, 4);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_picture_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  static const char *ids[] = { "1920x1080", "1280x720", "3840x2160", "window", NULL };
  const char *labels[] = { _("1920 × 1080"), _("1280 × 720"), _("3840 × 2160"), _("The canvas’s size"), NULL };
  static const struct { const char *name; const char *pattern; } kinds[] = {
    { N_("PNG Picture"), "*.png" }, { N_("SVG Drawing"), "*.svg" }, { N_("PDF Document"), "*.pdf" },
  };

  if (self->trace == NULL)
    return;
  name = g_strdup_printf ("%s-%s-step%d.png", self->scenario && self->scenario->id ? self->scenario->id : "iopath",
                          self->scenario ? iop_op_name (self->scenario->op) : "io",
                          (int)floor (MAX (iop_canvas_get_position (self->canvas), 0.0)) + 1);
  native = gtk_file_chooser_native_new (_("Export the Canvas as a Picture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("PNG, SVG or PDF"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_file_filter_add_pattern (all, kinds[i].pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) f = gtk_file_filter_new ();
      gtk_file_filter_set_name (f, _(kinds[i].name));
      gtk_file_filter_add_pattern (f, kinds[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "size", _("Size"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "size", "1920x1080");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_picture_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* win.export-handout: the trace as a PDF handout, a page per step */
static void
export_handout_cb (GtkNativeDialog *native,
                   int              response,
                   IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->trace != NULL && self->scenario != NULL)
    {
      static const char *const exts[] = { ".pdf", NULL };
      gboolean force;
      g_autofree char *path = chosen_export_path (GTK_FILE_CHOOSER (native), exts, &force);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        show_error_dialog (self, _("Could Not Export the Handout"), _("Only local files can be written"));
      else if (!iop_export_handout (self->scenario, self->trace, path, force, &error))
        show_error_dialog (self, _("Could Not Export the Handout"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (_("Saved the handout %s (%u pages)"), base, self->trace->steps->len + 1);
          show_toast (self, msg, 4);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_handout_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->trace == NULL || self->scenario == NULL)
    return;
  name = g_strdup_printf ("%s-%s-handout.pdf", self->scenario->id ? self->scenario->id : "iopath",
                          iop_op_name (self->scenario->op));
  native = gtk_file_chooser_native_new (_("Export a Handout"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF Document"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pdf);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_handout_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
iop_window_open_dumps (IopWindow  *self,
                       const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  if (!iop_runtime_view_load_paths (self->runtime_view, paths, &error))
    {
      /* the view keeps what it had; the page shown stays too */
      show_error_toast (self, error->message);
      return FALSE;
    }
  adw_view_stack_set_visible_child_name (self->mode_stack, "runtime");
  return TRUE;
}

static void
open_dumps_response_cb (GtkNativeDialog *native,
                        int              response,
                        IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        iop_window_open_dumps (self, path);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
open_dumps_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Folder of Runtime Dumps"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  g_signal_connect (native, "response", G_CALLBACK (open_dumps_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
view_knob_activated (IopWindow  *self,
                     int         host,
                     const char *id)
{
  adw_view_stack_set_visible_child_name (self->mode_stack, "trace");
  if (self->presentation)
    iop_window_set_presentation (self, FALSE);
  iop_window_show_panel (self, "knobs");
  iop_knobs_panel_reveal_knob (self->knobs_panel, host, id);
}

static void
memory_knob_activated_cb (IopWindow     *self,
                          const char    *id,
                          int            host,
                          IopMemoryView *view)
{
  view_knob_activated (self, host, id);
}

static void
runtime_knob_activated_cb (IopWindow      *self,
                           const char     *id,
                           IopRuntimeView *view)
{
  const char *h = iop_runtime_view_get_current_host (view);
  view_knob_activated (self, g_strcmp0 (h, "storage") == 0 ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL, id);
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
    iop_canvas_set_playing (self->canvas, FALSE);
}

/* A file dropped on the window: a scenario, an SPDK config, or runtime dumps */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         IopWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  return iop_window_open_dropped (self, files->data);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IOP_TYPE_CANVAS);
  g_type_ensure (IOP_TYPE_FAULT_POPOVER);
  g_type_ensure (IOP_TYPE_TIMELINE);
  g_type_ensure (IOP_TYPE_EXPLAIN_PANEL);
  g_type_ensure (IOP_TYPE_SOURCE_PANEL);
  g_type_ensure (IOP_TYPE_OBJECTS_PANEL);
  g_type_ensure (IOP_TYPE_KNOBS_PANEL);
  g_type_ensure (IOP_TYPE_MEMORY_VIEW);
  g_type_ensure (IOP_TYPE_WORKLOAD_VIEW);
  g_type_ensure (IOP_TYPE_RUNTIME_VIEW);

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
  gtk_widget_class_bind_template_child (widget_class, IopWindow, memory_view);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, workload_view);
  gtk_widget_class_bind_template_child (widget_class, IopWindow, runtime_view);

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
  gtk_widget_class_install_action (widget_class, "win.export-picture", NULL, export_picture_action);
  gtk_widget_class_install_action (widget_class, "win.export-handout", NULL, export_handout_action);
  gtk_widget_class_install_action (widget_class, "win.choose-spdk-dir", NULL, choose_spdk_dir_action);
  gtk_widget_class_install_action (widget_class, "win.import-config", NULL, import_config_action);
  gtk_widget_class_install_action (widget_class, "win.open-dumps", NULL, open_dumps_action);
  gtk_widget_class_install_action (widget_class, "win.export-config", "s", export_config_action);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_property_action (widget_class, "win.set-op", "op");
  gtk_widget_class_install_property_action (widget_class, "win.set-size", "io-size");

}

static void
iop_window_init (IopWindow *self)
{
  GtkListItemFactory *factory;

  self->current_step = -2;
  self->speed = 1.0;
  self->scenario_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->scenario_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

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
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (playback_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->speed_dropdown, speed_index (self->speed));
  self->updating = FALSE;
  iop_canvas_set_speed (self->canvas, self->speed * BASE_STEPS_PER_SECOND);

  g_signal_connect_object (self->main_paned, "notify::position",
                           G_CALLBACK (side_width_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-width",
                           G_CALLBACK (side_width_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fault_popover, "apply", G_CALLBACK (fault_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fault_popover, "clear", G_CALLBACK (fault_clear_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenario_dropdown, "notify::selected",
                           G_CALLBACK (scenario_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->size_dropdown, "notify::selected",
                           G_CALLBACK (size_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_dropdown, "notify::selected",
                           G_CALLBACK (speed_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::position",
                           G_CALLBACK (canvas_position_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::playing",
                           G_CALLBACK (canvas_playing_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "step-activated",
                           G_CALLBACK (canvas_step_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "seek",
                           G_CALLBACK (timeline_seek_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->memory_view, "knob-activated",
                           G_CALLBACK (memory_knob_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workload_view, "knob-activated",
                           G_CALLBACK (memory_knob_activated_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self, "speed", self->workload_view, "speed", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->runtime_view, "knob-activated",
                           G_CALLBACK (runtime_knob_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_stack, "notify::visible-child-name",
                           G_CALLBACK (mode_changed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
    g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  g_signal_connect_object (self->objects_panel, "seek-step",
                           G_CALLBACK (objects_seek_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->knobs_panel, "trace-changed",
                           G_CALLBACK (knobs_trace_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->explain_panel, "knob-activated",
                           G_CALLBACK (explain_knob_activated_cb), self, G_CONNECT_SWAPPED);
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
  g_autoptr(GError) refusal = NULL;
  IopTrace *trace;
  gboolean is_file;

  g_return_val_if_fail (IOP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id_or_path != NULL, FALSE);

  sc = iop_scenario_load (id_or_path, error);
  if (sc == NULL)
    return FALSE;
  trace = iop_trace_run (sc, &refusal);
  if (trace == NULL && !g_error_matches (refusal, IOP_ERROR, IOP_ERROR_INVALID_VALUE))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&refusal), _("%s cannot be traced: "), id_or_path);
      return FALSE;
    }

  is_file = scenario_model_find (self, id_or_path) == GTK_INVALID_LIST_POSITION;
  if (is_file)
    {
      gtk_string_list_append (self->scenario_model, id_or_path);
      if (sc->title != NULL)
        g_hash_table_insert (self->scenario_titles, g_strdup (id_or_path), g_strdup (sc->title));
    }

  g_clear_pointer (&self->original, iop_scenario_unref);
  self->original = g_steal_pointer (&sc);
  g_free (self->scenario_ref);
  self->scenario_ref = g_strdup (id_or_path);

  if (trace != NULL)
    {
      adopt_trace (self, trace);
      iop_canvas_set_playing (self->canvas, FALSE);
      iop_canvas_seek (self->canvas, 0, FALSE);
      update_current_step (self, TRUE);
    }
  else
    {
      /* SPDK itself would refuse these settings: show why, and the knobs to fix it */
      adopt_refused (self, self->original, refusal);
      show_toast (self, _("SPDK would refuse this scenario’s settings: fix them in Knobs"), 5);
    }

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-scenario", id_or_path);
  return TRUE;
}

void
iop_window_open_file (IopWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (IOP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (&error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("%s is not a local file"), uri);
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* A folder is runtime dumps of a running SPDK */
      iop_window_open_dumps (self, path);
      return;
    }
  else
    iop_window_load_scenario (self, path, &error);

  if (error != NULL)
    show_error_dialog (self, _("Could Not Open Scenario"), error->message);
}

gboolean
iop_window_open_dropped (IopWindow *self,
                         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0, i;

  g_return_val_if_fail (IOP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *msg = g_strdup_printf (_("%s is not a local file"), uri);

      show_error_toast (self, msg);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return iop_window_open_dumps (self, path);
  /* bounded: a FIFO or a device is refused at once, without blocking */
  if (!iop_file_read_bounded (path, IOP_JSON_MAX_BYTES, &data, &len, &error))
    {
      show_error_toast (self, error->message);
      return FALSE;
    }
  /* JSON too deep for json-glib is refused here, before anything parses it
   * and before anything on screen changes (the loaders refuse it too) */
  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  if (i < len && (data[i] == '{' || data[i] == '['))
    {
      g_autofree char *checked = iop_json_prepare (data, len, path, &error);

      if (checked == NULL && g_error_matches (error, IOP_ERROR, IOP_ERROR_TOO_LARGE))
        {
          show_error_toast (self, error->message);
          return FALSE;
        }
      g_clear_error (&error);
    }
  if (strstr (data, "\"subsystems\"") != NULL)
    {
      iop_window_import_config (self, path);
      return TRUE;
    }
  if (strstr (data, "\"format\"") == NULL && strstr (data, "\"hosts\"") == NULL)
    return iop_window_open_dumps (self, path);
  if (!iop_window_load_scenario (self, path, &error))
    {
      show_error_toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}

IopScenario *
iop_window_get_scenario (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->scenario;
}

IopTrace *
iop_window_get_trace (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return self->trace;
}

GtkWidget *
iop_window_get_fault_popover (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->fault_popover);
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
  return iop_canvas_get_current_step (self->canvas);
}

void
iop_window_show_panel (IopWindow  *self,
                       const char *name)
{
  g_return_if_fail (IOP_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->side_stack, name);
}
