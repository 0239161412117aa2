/* iop-lesson-panel.c: a lesson played in the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-lesson-panel.h"
#include "iop-window-private.h"

#define BANNER_SECONDS 5
#define DATA_KEY "iop-lesson-panel"

struct _IopLessonPanel
{
  GtkBox              parent_instance;

  IopWindow          *window;          /* weak: the panel is inside it */
  IopLesson          *lesson;
  IopScenario        *base;
  int                 chapter;
  guint               next_pause;      /* the pause playback stops at next */
  int                 pause_step;
  int                 last_step;
  gboolean            applying;

  GtkLabel           *title_label;
  GtkLabel           *description_label;
  GtkListBox         *list;
  GtkRevealer        *banner;
  GtkLabel           *banner_label;
  guint               banner_timeout;
  IopPresenterWindow *presenter;
};

enum {
  LESSON_PROP_0,
  PROP_CHAPTER = 1,
  PROP_PAUSE_STEP,
  N_LESSON_PROPS
};

static GParamSpec *properties[N_LESSON_PROPS];

G_DEFINE_FINAL_TYPE (IopLessonPanel, iop_lesson_panel, GTK_TYPE_BOX)

static void set_actions_enabled (IopWindow *window,
                                 gboolean   enabled);

static const IopLessonChapter *
current_chapter (IopLessonPanel *self)
{
  if (self->lesson == NULL || self->chapter < 0)
    return NULL;
  return iop_lesson_get_chapter (self->lesson, (guint)self->chapter);
}

/* The presenter window: chapter, step, the note at this pause, the next pause */
static void
update_presenter (IopLessonPanel *self)
{
  const IopLessonChapter *c = current_chapter (self);
  IopTrace *trace;
  g_autofree char *chapter = NULL, *position = NULL, *next = NULL;
  const char *note = NULL;
  int step;

  if (self->presenter == NULL || c == NULL)
    return;
  trace = iop_window_get_trace (self->window);
  step = iop_window_get_current_step (self->window);
  chapter = g_strdup_printf (_("Chapter %d of %u: %s"), self->chapter + 1,
                             iop_lesson_get_n_chapters (self->lesson), iop_lesson_text (c->title));
  if (trace != NULL)
    position = g_strdup_printf (_("Step %d of %u"), MAX (step, 0) + 1, trace->steps->len);
  for (guint i = 0; i < c->pauses->len; i++)
    if ((int)g_array_index (c->pauses, IopLessonPause, i).step == self->pause_step)
      note = iop_lesson_text (g_array_index (c->pauses, IopLessonPause, i).note);
  if (note == NULL && step <= 0 && c->intro != NULL)
    note = iop_lesson_text (c->intro);
  if (self->next_pause < c->pauses->len)
    next = g_strdup_printf (_("Next pause: step %u"), g_array_index (c->pauses, IopLessonPause, self->next_pause).step + 1);
  else if ((guint)self->chapter + 1 < iop_lesson_get_n_chapters (self->lesson))
    next = g_strdup_printf (_("Next chapter: %s"),
                            iop_lesson_text (iop_lesson_get_chapter (self->lesson, self->chapter + 1)->title));
  else
    next = g_strdup (_("The last chapter"));
  iop_presenter_window_update (self->presenter, iop_lesson_text (self->lesson->title), chapter, position,
                               note ? note : "", next);
}

static void
set_pause_step (IopLessonPanel *self,
                int             step)
{
  if (self->pause_step == step)
    return;
  self->pause_step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE_STEP]);
}

/* The first pause after STEP (at or after it when INCLUSIVE) */
static guint
pause_after (const IopLessonChapter *c,
             int                     step,
             gboolean                inclusive)
{
  guint i;

  for (i = 0; i < c->pauses->len; i++)
    {
      int s = (int)g_array_index (c->pauses, IopLessonPause, i).step;

      if (s > step || (inclusive && s == step))
        break;
    }
  return i;
}

/* Auto-pause: playback that reaches (or jumps past) the next pause step
 * stops on it; a seek by hand picks the next pause anew */
static void
session_step_cb (IopSession     *session,
                 GParamSpec     *pspec,
                 IopLessonPanel *self)
{
  const IopLessonChapter *c = current_chapter (self);
  int step = iop_session_get_current_step (session);

  if (c == NULL || self->applying)
    return;
  if (iop_session_get_playing (session))
    {
      if (step < self->last_step)
        self->next_pause = pause_after (c, step, TRUE);
      if (self->next_pause < c->pauses->len &&
          step >= (int)g_array_index (c->pauses, IopLessonPause, self->next_pause).step)
        {
          int at = (int)g_array_index (c->pauses, IopLessonPause, self->next_pause).step;

          self->next_pause++;
          self->last_step = at;
          iop_session_set_playing (session, FALSE);
          iop_session_seek (session, at, FALSE);
          set_pause_step (self, at);
          update_presenter (self);
          return;
        }
      set_pause_step (self, -1);
    }
  else if (step != self->pause_step)
    {
      guint i = pause_after (c, step, TRUE);

      self->next_pause = pause_after (c, step, FALSE);
      set_pause_step (self, i < c->pauses->len && (int)g_array_index (c->pauses, IopLessonPause, i).step == step ? step : -1);
    }
  self->last_step = step;
  update_presenter (self);
}

static gboolean
banner_hide_cb (gpointer data)
{
  IopLessonPanel *self = data;

  self->banner_timeout = 0;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  return G_SOURCE_REMOVE;
}

/* The "knob changed" moment: a banner on the canvas and a toast */
static void
show_changes (IopLessonPanel *self)
{
  const IopLessonChapter *c = current_chapter (self);
  g_auto(GStrv) lines = iop_lesson_describe_changes (self->lesson, (guint)self->chapter);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = g_markup_printf_escaped (_("Chapter %d: %s"), self->chapter + 1, iop_lesson_text (c->title));
  g_autofree char *toast = NULL;

  g_string_append_printf (text, "<b>%s</b>", title);
  if (lines[0] == NULL)
    g_string_append_printf (text, "\n%s", _("The scenario’s own knobs"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *esc = g_markup_escape_text (lines[i], -1);
      g_string_append_printf (text, "\n%s %s", i == 0 ? _("Knob changed:") : "", esc);
    }
  gtk_label_set_markup (self->banner_label, text->str);
  if (lines[0] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner_label), "lesson-changed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->banner_label), "lesson-changed");
  gtk_revealer_set_reveal_child (self->banner, TRUE);
  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  self->banner_timeout = g_timeout_add_seconds (BANNER_SECONDS, banner_hide_cb, self);
  if (lines[0] != NULL)
    {
      toast = g_strdup_printf (_("Chapter %d: its knob changes are applied"), self->chapter + 1);
      iop_window_show_toast (self->window, toast, 3);
    }
}

gboolean
iop_lesson_panel_set_chapter (IopLessonPanel *self,
                              guint           index,
                              GError        **error)
{
  g_autoptr(IopScenario) sc = NULL;
  const IopLessonChapter *c;
  IopSession *session;
  gboolean ok;

  g_return_val_if_fail (IOP_IS_LESSON_PANEL (self), FALSE);
  if (self->lesson == NULL || index >= iop_lesson_get_n_chapters (self->lesson))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("The lesson has no chapter %u"), index + 1);
      return FALSE;
    }
  sc = iop_lesson_build_chapter (self->lesson, self->base, index, error);
  if (sc == NULL)
    return FALSE;
  session = iop_window_get_session (self->window);
  self->applying = TRUE;
  ok = iop_session_apply (session, sc, error);
  iop_session_set_playing (session, FALSE);
  iop_session_seek (session, 0, FALSE);
  self->applying = FALSE;
  if (!ok)
    return FALSE;
  c = iop_lesson_get_chapter (self->lesson, index);
  self->chapter = (int)index;
  self->last_step = 0;
  self->next_pause = pause_after (c, 0, FALSE);
  set_pause_step (self, c->pauses->len > 0 && g_array_index (c->pauses, IopLessonPause, 0).step == 0 ? 0 : -1);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int)index));
  show_changes (self);
  update_presenter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAPTER]);
  return TRUE;
}

static void
row_activated_cb (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  IopLessonPanel *self)
{
  g_autoptr(GError) error = NULL;
  int index = gtk_list_box_row_get_index (row);

  if (index != self->chapter && !iop_lesson_panel_set_chapter (self, (guint)index, &error))
    iop_window_show_error_toast (self->window, error->message);
}

/* The chapter list's subtitle, short enough for the sidebar:
 * "bdev_io_cache_size = 2 · baremetal", the I/O and faults, as markup */
static char *
chapter_summary (const IopLessonChapter *c)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < c->sets->len; i++)
    {
      const IopLessonSet *set = &g_array_index (c->sets, IopLessonSet, i);
      const char *eq = strchr (set->assignment, '=');
      const char *dot = set->assignment;
      g_autofree char *param = NULL, *line = NULL;

      for (const char *p = set->assignment; eq != NULL && p < eq; p++)
        if (*p == '.')
          dot = p + 1;
      param = eq ? g_strndup (dot, eq - dot) : g_strdup (set->assignment);
      line = g_markup_printf_escaped ("%s = %s · %s", param, eq ? eq + 1 : "", iop_host_name (set->host));
      g_string_append_printf (s, "%s%s", s->len ? "\n" : "", line);
    }
  for (guint i = 0; i < c->faults->len; i++)
    {
      g_autofree char *spec = iop_fault_to_spec (&g_array_index (c->faults, IopFault, i));
      g_autofree char *line = g_markup_escape_text (spec, -1);

      g_string_append_printf (s, "%s%s", s->len ? "\n" : "", line);
    }
  if (s->len == 0)
    g_string_append (s, _("The scenario as it is"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
fill_list (IopLessonPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < iop_lesson_get_n_chapters (self->lesson); i++)
    {
      const IopLessonChapter *c = iop_lesson_get_chapter (self->lesson, i);
      g_autofree char *title = g_markup_printf_escaped ("%u. %s", i + 1, iop_lesson_text (c->title));
      g_autofree char *subtitle = chapter_summary (c);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list, row);
    }
}

gboolean
iop_lesson_panel_open (IopLessonPanel *self,
                       const char     *id_or_path,
                       GError        **error)
{
  g_autoptr(IopLesson) lesson = NULL;
  g_autoptr(IopScenario) base = NULL;
  g_autofree char *ref = NULL;

  g_return_val_if_fail (IOP_IS_LESSON_PANEL (self), FALSE);
  lesson = iop_lesson_load (id_or_path, error);
  if (lesson == NULL || !iop_lesson_validate (lesson, NULL, error))
    return FALSE;
  base = iop_lesson_load_scenario (lesson, error);
  if (base == NULL)
    return FALSE;
  ref = iop_lesson_scenario_ref (lesson);
  if (!iop_window_load_scenario (self->window, ref, error))
    return FALSE;
  g_clear_pointer (&self->lesson, iop_lesson_unref);
  g_clear_pointer (&self->base, iop_scenario_unref);
  self->lesson = g_steal_pointer (&lesson);
  self->base = g_steal_pointer (&base);
  gtk_label_set_text (self->title_label, iop_lesson_text (self->lesson->title));
  gtk_label_set_text (self->description_label, self->lesson->description ? iop_lesson_text (self->lesson->description) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), self->lesson->description != NULL);
  fill_list (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  self->chapter = -1;
  set_actions_enabled (self->window, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.lesson-presenter", NULL);
  return iop_lesson_panel_set_chapter (self, 0, error);
}

gboolean
iop_lesson_panel_open_if_lesson (IopWindow  *window,
                                 const char *path,
                                 GError    **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_LESSON_MAX_BYTES, &data, &len, NULL) || !iop_lesson_data_is_lesson (data))
    return FALSE;
  iop_lesson_panel_open (iop_lesson_panel_for_window (window), path, error);
  return TRUE;
}

void
iop_lesson_panel_close (IopLessonPanel *self)
{
  g_return_if_fail (IOP_IS_LESSON_PANEL (self));

  g_clear_pointer (&self->lesson, iop_lesson_unref);
  g_clear_pointer (&self->base, iop_scenario_unref);
  self->chapter = -1;
  set_pause_step (self, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  set_actions_enabled (self->window, FALSE);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAPTER]);
}

static void
presenter_destroy_cb (GtkWidget      *presenter,
                      IopLessonPanel *self)
{
  if (self->presenter == (IopPresenterWindow *)presenter)
    self->presenter = NULL;
}

static void
show_presenter (IopLessonPanel *self)
{
  if (self->lesson == NULL)
    return;
  if (self->presenter == NULL)
    {
      self->presenter = iop_presenter_window_new (GTK_WINDOW (self->window));
      gtk_window_set_application (GTK_WINDOW (self->presenter), gtk_window_get_application (GTK_WINDOW (self->window)));
      g_signal_connect_object (self->presenter, "destroy", G_CALLBACK (presenter_destroy_cb), self, 0);
    }
  update_presenter (self);
  gtk_window_present (GTK_WINDOW (self->presenter));
}

/* Actions */

static void
lesson_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IopLessonPanel *self = iop_lesson_panel_for_window (IOP_WINDOW (widget));
  g_autoptr(GError) error = NULL;
  int to;

  if (self == NULL || self->lesson == NULL)
    return;
  to = self->chapter + (g_str_equal (action_name, "win.lesson-next") ? 1 : -1);
  if (to < 0 || to >= (int)iop_lesson_get_n_chapters (self->lesson))
    return;
  if (!iop_lesson_panel_set_chapter (self, (guint)to, &error))
    iop_window_show_error_toast (self->window, error->message);
}

static void
lesson_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IopLessonPanel *self = iop_lesson_panel_for_window (IOP_WINDOW (widget));
  g_autoptr(GError) error = NULL;

  if (self != NULL && !iop_lesson_panel_open (self, g_variant_get_string (parameter, NULL), &error))
    iop_window_show_error_dialog (self->window, _("Could Not Open Lesson"), error->message);
}

static void
lesson_close_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IopLessonPanel *self = iop_lesson_panel_for_window (IOP_WINDOW (widget));

  if (self != NULL)
    iop_lesson_panel_close (self);
}

static void
lesson_presenter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  IopLessonPanel *self = iop_lesson_panel_for_window (IOP_WINDOW (widget));

  if (self != NULL)
    show_presenter (self);
}

void
iop_lesson_panel_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, lesson_step_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-previous", NULL, lesson_step_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-open", "s", lesson_open_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-close", NULL, lesson_close_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-presenter", NULL, lesson_presenter_action);
}

/* The chapter actions work while a lesson is open; disabled, their keys
 * go on to the widget with the focus (the timeline pages with Page Up/Down) */
static void
set_actions_enabled (IopWindow *window,
                     gboolean   enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.lesson-next", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.lesson-previous", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.lesson-close", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.lesson-presenter", enabled);
#ifdef IOP_HAVE_VIDEO
  /* iop-window-lesson-export.c */
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.lesson-export", enabled);
#endif
}

/* Ctrl+Page Down / Up, before a focused widget (the timeline, a list) sees them */
static void
add_shortcuts (IopWindow *window)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *sc = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (sc, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_CONTROL_MASK),
                                                              gtk_named_action_new ("win.lesson-next")));
  gtk_shortcut_controller_add_shortcut (sc, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, GDK_CONTROL_MASK),
                                                              gtk_named_action_new ("win.lesson-previous")));
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/* GObject */

static void
iop_lesson_panel_dispose (GObject *object)
{
  IopLessonPanel *self = IOP_LESSON_PANEL (object);

  g_clear_handle_id (&self->banner_timeout, g_source_remove);
  if (self->presenter != NULL)
    gtk_window_destroy (GTK_WINDOW (self->presenter));
  self->presenter = NULL;
  g_clear_pointer (&self->lesson, iop_lesson_unref);
  g_clear_pointer (&self->base, iop_scenario_unref);
  G_OBJECT_CLASS (iop_lesson_panel_parent_class)->dispose (object);
}

static void
iop_lesson_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IopLessonPanel *self = IOP_LESSON_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHAPTER:
      g_value_set_int (value, self->chapter);
      break;
    case PROP_PAUSE_STEP:
      g_value_set_int (value, self->pause_step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_lesson_panel_class_init (IopLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = iop_lesson_panel_dispose;
  object_class->get_property = iop_lesson_panel_get_property;
  properties[PROP_CHAPTER] = g_param_spec_int ("chapter", NULL, NULL, -1, G_MAXINT, -1,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSE_STEP] = g_param_spec_int ("pause-step", NULL, NULL, -1, G_MAXINT, -1,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_LESSON_PROPS, properties);
}

static GtkWidget *
panel_button (const char *icon,
              const char *tooltip,
              const char *action)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  return b;
}

static void
iop_lesson_panel_init (IopLessonPanel *self)
{
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *w;

  self->chapter = -1;
  self->pause_step = -1;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_size_request (GTK_WIDGET (self), 260, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "lesson-panel");

  w = gtk_label_new (_("Lesson"));
  gtk_widget_add_css_class (w, "heading");
  gtk_widget_set_hexpand (w, TRUE);
  gtk_label_set_xalign (GTK_LABEL (w), 0);
  gtk_box_append (GTK_BOX (head), w);
  gtk_widget_add_css_class (nav, "linked");
  gtk_box_append (GTK_BOX (nav), panel_button ("go-previous-symbolic", _("Previous Chapter (Ctrl+Page Up)"), "win.lesson-previous"));
  gtk_box_append (GTK_BOX (nav), panel_button ("go-next-symbolic", _("Next Chapter (Ctrl+Page Down)"), "win.lesson-next"));
  gtk_box_append (GTK_BOX (head), nav);
  gtk_box_append (GTK_BOX (head), panel_button ("view-dual-symbolic", _("Show the Speaker Notes"), "win.lesson-presenter"));
#ifdef IOP_HAVE_VIDEO
  w = panel_button ("document-save-as-symbolic", _("Export the Lesson’s Video, Captions and Handout…"), "win.lesson-export");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (w), "s", "");
  gtk_box_append (GTK_BOX (head), w);
#endif
  gtk_box_append (GTK_BOX (head), panel_button ("window-close-symbolic", _("Close the Lesson"), "win.lesson-close"));
  gtk_widget_set_margin_start (head, 12);
  gtk_widget_set_margin_end (head, 6);
  gtk_widget_set_margin_top (head, 6);
  gtk_box_append (GTK_BOX (self), head);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-4");
  self->description_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->description_label), "dim-label");
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *l = i == 0 ? self->title_label : self->description_label;

      gtk_label_set_wrap (l, TRUE);
      gtk_label_set_xalign (l, 0);
      gtk_widget_set_margin_start (GTK_WIDGET (l), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (l), 12);
      gtk_box_append (GTK_BOX (self), GTK_WIDGET (l));
    }

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (self), scroll);

  /* The banner lives on the canvas; attach() puts it there */
  self->banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->banner, GTK_REVEALER_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_halign (GTK_WIDGET (self->banner), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->banner), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->banner), 12);
  gtk_widget_set_can_target (GTK_WIDGET (self->banner), FALSE);
  self->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_justify (self->banner_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->banner_label), "lesson-banner");
  gtk_revealer_set_child (self->banner, GTK_WIDGET (self->banner_label));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* The app's main menu gets a Lessons submenu with the shipped lessons */
static void
add_menu (IopWindow *window)
{
  g_auto(GStrv) ids = iop_lesson_list_builtin ();
  g_autoptr(GMenu) lessons = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GtkWidget *w;

  for (w = GTK_WIDGET (window->header_bar); w != NULL; )
    {
      if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (w)))
        break;
      /* depth first through the header bar */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (window->header_bar) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == GTK_WIDGET (window->header_bar)) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  if (w == NULL || !G_IS_MENU (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w))))
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(IopLesson) l = iop_lesson_new_builtin (ids[i], NULL);
      g_autoptr(GMenuItem) item = NULL;

      if (l == NULL)
        continue;
      item = g_menu_item_new (iop_lesson_text (l->title), NULL);
      g_menu_item_set_action_and_target (item, "win.lesson-open", "s", ids[i]);
      g_menu_append_item (lessons, item);
    }
  g_menu_append_submenu (section, _("_Lessons"), G_MENU_MODEL (lessons));
  g_menu_insert_section (G_MENU (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w))), 1, NULL, G_MENU_MODEL (section));
}

/* The banner's look, kept here rather than in the app's style sheet */
static const char banner_css[] =
  ".lesson-banner { background-color: rgba(30, 30, 34, 0.88); color: white; border-radius: 12px;"
  " padding: 10px 20px; font-size: 1.15em; }\n"
  ".lesson-banner.lesson-changed { background-color: rgba(198, 70, 0, 0.94); }\n";

static void
add_css (void)
{
  static gboolean done = FALSE;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done || gdk_display_get_default () == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, banner_css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
iop_lesson_panel_attach (IopWindow *window)
{
  IopLessonPanel *self = g_object_new (IOP_TYPE_LESSON_PANEL, NULL);
  GtkWidget *stage = gtk_paned_get_start_child (window->main_paned);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (window->canvas));
  GtkWidget *sep = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

  self->window = window;
  g_object_set_data (G_OBJECT (window), DATA_KEY, self);
  add_css ();
  /* The sidebar goes left of the stage (canvas and timeline) */
  g_object_ref (stage);
  gtk_paned_set_start_child (window->main_paned, row);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self));
  g_object_bind_property (self, "visible", sep, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (row), sep);
  gtk_widget_set_hexpand (stage, TRUE);
  gtk_box_append (GTK_BOX (row), stage);
  g_object_unref (stage);
  if (GTK_IS_OVERLAY (overlay))
    gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->banner));
  else
    g_object_ref_sink (self->banner);
  g_signal_connect_object (window->session, "notify::current-step", G_CALLBACK (session_step_cb), self, 0);
  add_menu (window);
  add_shortcuts (window);
  set_actions_enabled (window, FALSE);
}

IopLessonPanel *
iop_lesson_panel_for_window (IopWindow *window)
{
  return g_object_get_data (G_OBJECT (window), DATA_KEY);
}

IopLesson *
iop_lesson_panel_get_lesson (IopLessonPanel *self)
{
  return self->lesson;
}

int
iop_lesson_panel_get_chapter (IopLessonPanel *self)
{
  return self->chapter;
}

int
iop_lesson_panel_get_pause_step (IopLessonPanel *self)
{
  return self->pause_step;
}

gboolean
iop_lesson_panel_get_banner_visible (IopLessonPanel *self)
{
  return gtk_revealer_get_reveal_child (self->banner);
}

IopPresenterWindow *
iop_lesson_panel_get_presenter (IopLessonPanel *self)
{
  return self->presenter;
}
