/* iop-window-video.c: exports made in a thread while a dialog shows their
 * progress and Cancel, and Export Video, the playback as a WebM or MP4 file
 * with its captions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner (iop_window_run_export) serves Export Video here and Export
 * Lesson (iop-window-lesson-export.c): the work runs in a GTask thread, a
 * progress callback counts frames, the dialog's Cancel and closing the
 * window cancel it, and the application is held until the thread has ended
 * (and removed its files).
 *
 * win.export-video takes a path: "" asks for one in a file chooser (with the
 * size and a Captions check box as the chooser's choices); a path writes
 * there directly at 1280×720 with captions beside it (FILE.vtt), never
 * replacing a file (scripts and tests). The video plays at the window's
 * speed, as the canvas does, and ends on the outcome card for
 * IOP_VIDEO_DEFAULT_HOLD seconds. While it is made a dialog shows a
 * progress bar and Cancel; cancelling removes the file in progress.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "iop-canvas.h"
#include "iop-painter.h"
#include "iop-video.h"
#include "iop-window-private.h"

/* An export in progress: the runner's part (one at a time per window) */
typedef struct
{
  IopWindow               *window;       /* weak: NULL once it is closed */
  const IopExportJobClass *klass;
  gpointer                 data;
  GDestroyNotify           free_data;
  GCancellable            *cancellable;
  gint                     frame;        /* atomic, written by the thread */
  gint                     n_frames;     /* atomic, written by the thread */
  GtkWidget               *dialog;       /* weak */
  GtkProgressBar          *bar;
  guint                    tick_id;
} ExportJob;

/* Export Video's part */
typedef struct
{
  IopTrace     *trace;
  IopVideoOpts  opts;
  char         *path;
  char         *captions;      /* NULL: none */
  gboolean      captions_force;
} VideoExport;

static void window_gone_cb (gpointer data, GObject *where_the_window_was);

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_handle_id (&job->tick_id, g_source_remove);
  if (job->window != NULL)
    g_object_weak_unref (G_OBJECT (job->window), window_gone_cb, job);
  g_application_release (g_application_get_default ());
  if (job->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (job->dialog), (gpointer *)&job->dialog);
      gtk_window_destroy (GTK_WINDOW (job->dialog));
    }
  g_clear_object (&job->cancellable);
  if (job->free_data != NULL)
    job->free_data (job->data);
  g_free (job);
}

static void
progress_cb (guint    frame,
             guint    n_frames,
             gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->n_frames, (gint)n_frames);
  g_atomic_int_set (&job->frame, (gint)frame);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (!job->klass->run (job->data, cancellable, progress_cb, job, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
tick_cb (gpointer user_data)
{
  ExportJob *job = user_data;
  int frame = g_atomic_int_get (&job->frame);
  int n_frames = g_atomic_int_get (&job->n_frames);
  g_autofree char *text = NULL;

  if (job->dialog == NULL)
    return G_SOURCE_CONTINUE;
  if (n_frames <= 0)
    {
      gtk_progress_bar_set_text (job->bar, _("Preparing…"));
      return G_SOURCE_CONTINUE;
    }
  gtk_progress_bar_set_fraction (job->bar, (double)frame / n_frames);
  if (frame >= n_frames)
    /* the muxer closing the file, and what is written after the video */
    text = g_strdup (_("Finishing…"));
  else
    /* TRANSLATORS: progress of a video export, "Frame 120 of 1,900" */
    text = g_strdup_printf (_("Frame %d of %d"), frame, n_frames);
  gtk_progress_bar_set_text (job->bar, text);
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  IopWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL)
    return;
  g_object_set_data (G_OBJECT (self), IOP_WINDOW_EXPORT_JOB, NULL);
  if (ok)
    {
      g_autofree char *msg = job->klass->done_message (job->data);

      iop_window_show_toast (self, msg, 6);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    iop_window_show_toast (self, _(job->klass->cancelled), 4);
  else
    iop_window_show_error_dialog (self, _(job->klass->error_heading), error->message);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportJob        *job)
{
  g_cancellable_cancel (job->cancellable);
}

/* The window closed: stop, and show nothing more */
static void
window_gone_cb (gpointer  data,
                GObject  *where_the_window_was)
{
  ExportJob *job = data;

  job->window = NULL;
  g_cancellable_cancel (job->cancellable);
  g_clear_handle_id (&job->tick_id, g_source_remove);
  if (job->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (job->dialog));
}

static void
show_progress (ExportJob  *job,
               const char *subtitle)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (job->window), _(job->klass->title), subtitle);
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_widget_set_size_request (bar, 280, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response_cb), job);
  job->dialog = dialog;
  job->bar = GTK_PROGRESS_BAR (bar);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&job->dialog);
  job->tick_id = g_timeout_add (100, tick_cb, job);
  tick_cb (job);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
iop_window_export_running (IopWindow *self)
{
  ExportJob *running = g_object_get_data (G_OBJECT (self), IOP_WINDOW_EXPORT_JOB);

  if (running == NULL)
    return FALSE;
  if (running->dialog != NULL)
    gtk_window_present (GTK_WINDOW (running->dialog));
  return TRUE;
}

void
iop_window_run_export (IopWindow               *self,
                       const IopExportJobClass *klass,
                       const char              *subtitle,
                       gpointer                 data,
                       GDestroyNotify           free_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  GTask *task;

  job->window = self;
  g_object_weak_ref (G_OBJECT (self), window_gone_cb, job);
  job->klass = klass;
  job->data = data;
  job->free_data = free_data;
  job->cancellable = g_cancellable_new ();

  /* the application stays until the thread has finished or removed the file */
  g_application_hold (g_application_get_default ());

  /* no source object: the task must not keep a closed window alive */
  task = g_task_new (NULL, job->cancellable, export_done_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_object_set_data (G_OBJECT (self), IOP_WINDOW_EXPORT_JOB, job);
  show_progress (job, subtitle);
  g_task_run_in_thread (task, export_thread);
  g_object_unref (task);
}

/* --- Export Video ------------------------------------------------------- */

static void
video_export_free (gpointer data)
{
  VideoExport *v = data;

  g_clear_pointer (&v->trace, iop_trace_unref);
  g_free (v->path);
  g_free (v->captions);
  g_free (v);
}

static gboolean
video_run (gpointer              data,
           GCancellable         *cancellable,
           IopVideoProgressFunc  progress,
           gpointer              progress_data,
           GError              **error)
{
  VideoExport *v = data;

  return iop_video_export (v->trace, &v->opts, v->path, cancellable, progress, progress_data, error)
         && (v->captions == NULL
             || iop_video_write_captions (v->trace, v->opts.speed, v->opts.hold, v->captions, v->captions_force, error));
}

static char *
video_done_message (gpointer data)
{
  VideoExport *v = data;
  g_autofree char *base = g_path_get_basename (v->path);
  double seconds = iop_video_duration (v->trace, v->opts.speed, v->opts.hold);

  if (v->captions != NULL)
    {
      g_autofree char *cbase = g_path_get_basename (v->captions);
      /* TRANSLATORS: "Saved raid270-write.webm (63.3 s) and its captions raid270-write.vtt" */
      return g_strdup_printf (_("Saved %s (%.1f s) and its captions %s"), base, seconds, cbase);
    }
  /* TRANSLATORS: "Saved raid270-write.webm (63.3 s)" */
  return g_strdup_printf (_("Saved %s (%.1f s)"), base, seconds);
}

static const IopExportJobClass video_job = {
  N_("Exporting Video"),
  N_("Could Not Export the Video"),
  N_("Video export cancelled; no file was written"),
  video_run,
  video_done_message,
};

/* FILE.webm → FILE.vtt */
static char *
captions_path (const char *video)
{
  const char *dot = strrchr (video, '.');
  const char *slash = strrchr (video, '/');
  g_autofree char *stem = g_strndup (video, dot != NULL && (slash == NULL || dot > slash) ? (gsize)(dot - video) : strlen (video));

  return g_strconcat (stem, ".vtt", NULL);
}

static void
start_export (IopWindow  *self,
              const char *path,
              int         width,
              int         height,
              gboolean    captions,
              gboolean    force)
{
  VideoExport *v;
  IopVideoFormat format;
  g_autoptr(GError) error = NULL;
  g_autofree char *cpath = captions ? captions_path (path) : NULL;
  g_autofree char *base = g_path_get_basename (path);

  if (!iop_video_format_for (path, &format, &error) || !iop_video_can_encode (format, &error))
    {
      iop_window_show_error_dialog (self, _("Could Not Export the Video"), error->message);
      return;
    }
  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf (_("%s already exists; nothing was written"), path);
      iop_window_show_error_dialog (self, _("Could Not Export the Video"), msg);
      return;
    }
  /* the captions replace a file only along with the video the chooser
   * confirmed replacing */
  if (cpath != NULL && g_file_test (cpath, G_FILE_TEST_EXISTS) && !(force && g_file_test (path, G_FILE_TEST_EXISTS)))
    {
      g_autofree char *msg = g_strdup_printf (_("%s already exists; nothing was written"), cpath);
      iop_window_show_error_dialog (self, _("Could Not Export the Video"), msg);
      return;
    }
  v = g_new0 (VideoExport, 1);
  v->trace = iop_trace_ref (iop_window_get_trace (self));
  v->opts.picture.width = width;
  v->opts.picture.height = height;
  v->opts.picture.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  v->opts.picture.presentation = self->presentation;
  v->opts.picture.force = force;
  v->opts.fps = IOP_VIDEO_DEFAULT_FPS;
  v->opts.speed = self->speed * BASE_STEPS_PER_SECOND;
  v->opts.hold = IOP_VIDEO_DEFAULT_HOLD;
  v->path = g_strdup (path);
  v->captions = g_steal_pointer (&cpath);
  v->captions_force = force;
  iop_window_run_export (self, &video_job, base, v, video_export_free);
}

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && iop_window_get_trace (self) != NULL)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
      g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *size = gtk_file_chooser_get_choice (chooser, "size");
      const char *captions = gtk_file_chooser_get_choice (chooser, "captions");
      int width = 1280, height = 720;
      IopVideoFormat format;
      gboolean force = TRUE;

      if (size != NULL && !iop_export_parse_size (size, &width, &height, NULL))
        width = 1280, height = 720;
      if (path != NULL && !iop_video_format_for (path, &format, NULL))
        {
          /* a name typed without an extension gets .webm; the chooser
           * confirmed the name it showed, not this one */
          char *named = g_strconcat (path, ".webm", NULL);

          force = !g_file_test (named, G_FILE_TEST_EXISTS);
          g_free (path);
          path = named;
        }
      if (path == NULL)
        iop_window_show_error_dialog (self, _("Could Not Export the Video"), _("Only local files can be written"));
      else
        start_export (self, path, width, height, g_strcmp0 (captions, "true") == 0, force);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) f = gtk_file_filter_new ();

  gtk_file_filter_set_name (f, name);
  gtk_file_filter_add_pattern (f, pattern);
  gtk_file_chooser_add_filter (chooser, f);
}

static void
choose_file (IopWindow *self)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  static const char *ids[] = { "1280x720", "1920x1080", "3840x2160", NULL };
  const char *labels[] = { _("1280 × 720"), _("1920 × 1080"), _("3840 × 2160"), NULL };
  g_autofree char *name = NULL;

  name = iop_window_file_name (self, iop_op_name (iop_window_get_scenario (self)->op), "webm");
  native = gtk_file_chooser_native_new (_("Export the Playback as a Video"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  add_filter (chooser, _("WebM Video (VP9)"), "*.webm");
  if (iop_video_can_encode (IOP_VIDEO_MP4, NULL))
    add_filter (chooser, _("MP4 Video (H.264)"), "*.mp4");
  gtk_file_chooser_add_choice (chooser, "size", _("Size"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "size", "1280x720");
  /* no options: a check box */
  gtk_file_chooser_add_choice (chooser, "captions", _("Captions (WebVTT file beside the video)"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "captions", "true");
  gtk_file_chooser_set_current_name (chooser, name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_video_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);

  if (iop_window_export_running (self) || iop_window_get_trace (self) == NULL)
    return;
  if (*path == '\0')
    choose_file (self);
  else
    start_export (self, path, 1280, 720, TRUE, FALSE);
}

void
iop_window_class_install_video_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-video", "s", export_video_action);
}
