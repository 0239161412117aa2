/* iop-window-lesson-export.c: Export Lesson, the open lesson's video,
 * captions, chapters and handout written into a folder in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.lesson-export takes a folder: "" asks for one (a folder chooser with
 * the size as its choice); a path writes there at 1280×720 and never
 * replaces a file (scripts and tests). From the chooser, files of an
 * earlier export in the folder are replaced once the user says so. The
 * lesson plays at the window's speed and style, as Export Video does. The
 * work is iop_lesson_export() in the window's export runner
 * (iop-window-video.c): a dialog with the frames and Cancel, and a cancel
 * or an error leaves none of the four files.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iop-application.h"
#include "iop-lesson-panel.h"
#include "iop-lesson-render.h"
#include "iop-window-private.h"

typedef struct
{
  IopLesson           *lesson;
  GPtrArray           *traces;
  IopLessonExportOpts  opts;
  char                *spdk_dir;
  char                *dir;
} LessonExport;

/* What the export will do, kept while the user confirms a replace */
typedef struct
{
  IopWindow *window;
  char      *dir;
  int        width;
  int        height;
} Pending;

static IopLesson *
open_lesson (IopWindow *self)
{
  IopLessonPanel *panel = iop_lesson_panel_for_window (self);

  return panel ? iop_lesson_panel_get_lesson (panel) : NULL;
}

static void
lesson_export_free (gpointer data)
{
  LessonExport *e = data;

  g_clear_pointer (&e->lesson, iop_lesson_unref);
  g_clear_pointer (&e->traces, g_ptr_array_unref);
  g_free (e->spdk_dir);
  g_free (e->dir);
  g_free (e);
}

static void
pending_free (Pending *p)
{
  g_clear_object (&p->window);
  g_free (p->dir);
  g_free (p);
}

static gboolean
lesson_run (gpointer              data,
            GCancellable         *cancellable,
            IopVideoProgressFunc  progress,
            gpointer              progress_data,
            GError              **error)
{
  LessonExport *e = data;

  return iop_lesson_export (e->lesson, e->traces, &e->opts, e->dir, cancellable, progress, progress_data, error);
}

static char *
lesson_done_message (gpointer data)
{
  LessonExport *e = data;
  g_autoptr(IopLessonPlan) plan = iop_lesson_plan_new (e->lesson, e->traces, e->opts.fps, e->opts.speed, e->opts.hold, NULL);
  g_auto(GStrv) paths = iop_lesson_export_paths (e->lesson, e->dir);
  g_autofree char *video = g_path_get_basename (paths[IOP_LESSON_FILE_VIDEO]);
  g_autofree char *dir = g_filename_display_name (e->dir);

  /* TRANSLATORS: "Saved write-memory.webm (279.3 s) with its captions, chapters and handout in /home/me/out" */
  return g_strdup_printf (_("Saved %s (%.1f s) with its captions, chapters and handout in %s"),
                          video, plan ? iop_lesson_plan_get_duration (plan) : 0.0, dir);
}

static const IopExportJobClass lesson_job = {
  N_("Exporting Lesson"),
  N_("Could Not Export the Lesson"),
  N_("Lesson export cancelled; no file was written"),
  lesson_run,
  lesson_done_message,
};

static void
begin (IopWindow  *self,
       const char *dir,
       int         width,
       int         height,
       gboolean    force)
{
  IopLesson *lesson = open_lesson (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autofree char *shown = g_filename_display_name (dir);
  LessonExport *e;

  if (lesson == NULL || iop_window_export_running (self))
    return;
  /* every chapter traced here, before the thread: what the panel plays */
  if (!iop_lesson_validate (lesson, &traces, &error))
    {
      iop_window_show_error_dialog (self, _("Could Not Export the Lesson"), error->message);
      return;
    }
  e = g_new0 (LessonExport, 1);
  e->lesson = iop_lesson_ref (lesson);
  e->traces = g_steal_pointer (&traces);
  e->dir = g_strdup (dir);
  e->spdk_dir = app ? iop_application_resolve_spdk_dir (IOP_APPLICATION (app), NULL) : NULL;
  e->opts.picture.width = width;
  e->opts.picture.height = height;
  e->opts.picture.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  e->opts.picture.presentation = self->presentation;
  e->opts.picture.force = force;
  e->opts.fps = IOP_VIDEO_DEFAULT_FPS;
  e->opts.speed = self->speed * BASE_STEPS_PER_SECOND;
  e->opts.hold = IOP_VIDEO_DEFAULT_HOLD;
  e->opts.spdk_dir = e->spdk_dir;
  iop_window_run_export (self, &lesson_job, shown, e, lesson_export_free);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *p)
{
  if (g_strcmp0 (response, "replace") == 0)
    begin (p->window, p->dir, p->width, p->height, TRUE);
  pending_free (p);
}

/* Checks the folder and the files; ASK: offer to replace files that are
 * there (the chooser's way), else refuse them (a path given to the action) */
static void
start (IopWindow  *self,
       const char *dir,
       int         width,
       int         height,
       gboolean    ask)
{
  IopLesson *lesson = open_lesson (self);
  g_autoptr(GError) error = NULL;

  if (lesson == NULL)
    return;
  if (!iop_video_can_encode (IOP_VIDEO_WEBM, &error))
    {
      iop_window_show_error_dialog (self, _("Could Not Export the Lesson"), error->message);
      return;
    }
  if (iop_lesson_export_check (lesson, dir, FALSE, &error))
    {
      begin (self, dir, width, height, FALSE);
      return;
    }
  if (ask && g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_EXIST))
    {
      g_auto(GStrv) paths = iop_lesson_export_paths (lesson, dir);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *shown = g_filename_display_name (dir);
      GtkWidget *dialog;
      Pending *p = g_new0 (Pending, 1);

      for (guint i = 0; paths[i] != NULL; i++)
        if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
          {
            g_autofree char *base = g_path_get_basename (paths[i]);
            g_string_append_printf (names, "\n%s", base);
          }
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Lesson’s Files?"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s already holds files of this lesson:%s"), shown, names->str);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      p->window = g_object_ref (self);
      p->dir = g_strdup (dir);
      p->width = width;
      p->height = height;
      g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), p);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  iop_window_show_error_dialog (self, _("Could Not Export the Lesson"), error->message);
}

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (chooser);
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;
      const char *size = gtk_file_chooser_get_choice (chooser, "size");
      int width = 1280, height = 720;

      if (size != NULL && !iop_export_parse_size (size, &width, &height, NULL))
        width = 1280, height = 720;
      if (path == NULL)
        iop_window_show_error_dialog (self, _("Could Not Export the Lesson"), _("Only local files can be written"));
      else
        start (self, path, width, height, TRUE);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_folder (IopWindow *self)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  g_autoptr(GtkFileFilter) folders = gtk_file_filter_new ();
  static const char *ids[] = { "1280x720", "1920x1080", NULL };
  const char *labels[] = { _("1280 × 720"), _("1920 × 1080"), NULL };

  native = gtk_file_chooser_native_new (_("Export the Lesson into a Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  /* with a choice the chooser shows its filter list: name what it lists
   * rather than "(None)" */
  gtk_file_filter_set_name (folders, _("Folders"));
  gtk_file_filter_add_mime_type (folders, "inode/directory");
  gtk_file_chooser_add_filter (chooser, folders);
  gtk_file_chooser_add_choice (chooser, "size", _("Size"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "size", "1280x720");
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
lesson_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *dir = g_variant_get_string (param, NULL);

  if (open_lesson (self) == NULL || iop_window_export_running (self))
    return;
  if (*dir == '\0')
    choose_folder (self);
  else
    start (self, dir, 1280, 720, FALSE);
}

void
iop_window_class_install_lesson_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lesson-export", "s", lesson_export_action);
}
