/* test-video-ui.c: Export Video and Export Lesson through the window's
 * actions
 *
 * win.export-video with a path: the progress dialog appears and its bar
 * moves while the main loop stays live; Cancel midway leaves neither the
 * video nor its temporary file; a second export finishes with a WebM and
 * its WebVTT captions, one cue per step, lasting the steps at the window's
 * speed and the outcome card's hold (checked with gst-discoverer-1.0 when
 * it is installed).
 *
 * win.lesson-export with a folder, once a lesson is open (disabled before):
 * Cancel midway leaves no file in the folder; a second export writes the
 * video, its captions, its chapters and the handout, and refuses to replace
 * them when asked again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "iop-application.h"
#include "iop-lesson-panel.h"
#include "iop-sim.h"
#include "iop-video.h"
#include "iop-window.h"

static IopApplication *app;
static IopWindow *window;

static gboolean
exporting (void)
{
  return g_object_get_data (G_OBJECT (window), "iop-video-job") != NULL;
}

static AdwMessageDialog *
find_dialog (GtkProgressBar **bar)
{
  g_autoptr(GList) tops = gtk_window_list_toplevels ();

  for (GList *l = tops; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        GtkWidget *child = adw_message_dialog_get_extra_child (l->data);

        *bar = GTK_IS_PROGRESS_BAR (child) ? GTK_PROGRESS_BAR (child) : NULL;
        return l->data;
      }
  return NULL;
}

/* Iterates the main loop until COND holds or SECONDS pass */
#define WAIT_FOR(cond, seconds) G_STMT_START {                                  \
    gint64 end_ = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;        \
    while (!(cond) && g_get_monotonic_time () < end_)                           \
      g_main_context_iteration (NULL, FALSE);                                   \
  } G_STMT_END

static guint
count_leftovers (const char *dir,
                 const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *temp_prefix = g_strdup_printf (".%s.", base);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, temp_prefix) || strcmp (name, base) == 0)
      n++;
  return n;
}

static void
test_cancel (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *path = g_build_filename (dir, "cut.webm", NULL);
  g_autofree char *vtt = g_build_filename (dir, "cut.vtt", NULL);
  AdwMessageDialog *dialog = NULL;
  GtkProgressBar *bar = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", "s", path);
  g_assert_true (exporting ());
  WAIT_FOR ((dialog = find_dialog (&bar)) != NULL, 10);
  g_assert_nonnull (dialog);
  g_assert_nonnull (bar);
  /* the bar moves while this loop runs: the main loop is live */
  WAIT_FOR (gtk_progress_bar_get_fraction (bar) > 0.05, 60);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0.05);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
  g_assert_cmpuint (count_leftovers (dir, "cut.webm"), ==, 1);   /* the temporary file */
  adw_message_dialog_response (dialog, "cancel");
  WAIT_FOR (!exporting (), 30);
  g_assert_false (exporting ());
  g_assert_cmpuint (count_leftovers (dir, "cut.webm"), ==, 0);
  g_assert_false (g_file_test (vtt, G_FILE_TEST_EXISTS));
  g_assert_null (find_dialog (&bar));
}

static double
discovered_duration (const char *path)
{
  g_autofree char *prog = g_find_program_in_path ("gst-discoverer-1.0");
  g_autofree char *out = NULL;
  const char *argv[] = { prog, path, NULL };
  const char *d;
  int h, m;
  double s;

  if (prog == NULL || !g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                     &out, NULL, NULL, NULL))
    return -1;
  d = strstr (out, "Duration: ");
  if (d == NULL || sscanf (d, "Duration: %d:%d:%lf", &h, &m, &s) != 3)
    return -2;
  return h * 3600 + m * 60 + s;
}

static void
test_finish (gconstpointer data)
{
  const char *dir = data;
  IopTrace *trace = iop_window_get_trace (window);
  g_autofree char *path = g_build_filename (dir, "whole.webm", NULL);
  g_autofree char *vtt = g_build_filename (dir, "whole.vtt", NULL);
  g_autofree char *video = NULL;
  g_autofree char *cues = NULL;
  gsize len = 0;
  guint n_cues = 0;
  double speed = 8.0 * IOP_VIDEO_DEFAULT_SPEED, duration;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", "s", path);
  WAIT_FOR (!exporting (), 240);
  g_assert_false (exporting ());
  g_assert_true (g_file_get_contents (path, &video, &len, NULL));
  /* a Matroska/WebM file starts with the EBML magic */
  g_assert_cmpuint (len, >, 4);
  g_assert_cmpmem (video, 4, "\x1a\x45\xdf\xa3", 4);
  g_assert_true (g_file_get_contents (vtt, &cues, NULL, NULL));
  g_assert_true (g_str_has_prefix (cues, "WEBVTT\n"));
  for (const char *c = cues; (c = strstr (c, " --> ")) != NULL; c++)
    n_cues++;
  g_assert_cmpuint (n_cues, ==, trace->steps->len);
  g_assert_cmpuint (count_leftovers (dir, "whole.webm"), ==, 1);

  duration = discovered_duration (path);
  if (duration == -1)
    g_test_message ("gst-discoverer-1.0 is not installed: the duration is not checked");
  else
    {
      g_test_message ("%.3f s of video for %u steps at %.1f steps a second", duration, trace->steps->len, speed);
      g_assert_cmpfloat_with_epsilon (duration, (trace->steps->len + 1) / speed + IOP_VIDEO_DEFAULT_HOLD,
                                      1.0 / IOP_VIDEO_DEFAULT_FPS + 1e-3);
    }

  /* a path given to the action never replaces a file */
  g_free (video);
  video = NULL;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", "s", path);
  g_assert_false (exporting ());
  {
    GtkProgressBar *bar = NULL;
    AdwMessageDialog *dialog = NULL;

    WAIT_FOR ((dialog = find_dialog (&bar)) != NULL, 10);
    g_assert_nonnull (dialog);
    /* "PATH already exists; nothing was written" */
    g_assert_true (strstr (adw_message_dialog_get_body (dialog), path) != NULL);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_true (g_file_get_contents (path, &video, &len, NULL));
  g_assert_cmpmem (video, 4, "\x1a\x45\xdf\xa3", 4);
}

/* Closing the window midway stops the export and removes its file */
static void
test_close (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *path = g_build_filename (dir, "closed.webm", NULL);
  IopWindow *other = iop_window_new (app);
  GtkProgressBar *bar = NULL;

  g_object_set (other, "speed", 8.0, NULL);
  gtk_window_present (GTK_WINDOW (other));
  gtk_widget_activate_action (GTK_WIDGET (other), "win.export-video", "s", path);
  WAIT_FOR (find_dialog (&bar) != NULL && gtk_progress_bar_get_fraction (bar) > 0.05, 60);
  g_assert_cmpuint (count_leftovers (dir, "closed.webm"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (other));
  WAIT_FOR (count_leftovers (dir, "closed.webm") == 0 && find_dialog (&bar) == NULL, 30);
  g_assert_cmpuint (count_leftovers (dir, "closed.webm"), ==, 0);
  g_assert_null (find_dialog (&bar));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
open_lesson (void)
{
  IopLessonPanel *panel = iop_lesson_panel_for_window (window);
  g_autofree char *path = g_build_filename (g_getenv ("IOPATH_TESTS_DIR"), "lessons", "good-minimal.json", NULL);

  if (iop_lesson_panel_get_lesson (panel) != NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-open", "s", path);
  g_assert_nonnull (iop_lesson_panel_get_lesson (panel));
}

/* No lesson open: the action does nothing */
static void
test_lesson_none (gconstpointer data)
{
  g_autofree char *dir = g_build_filename (data, "none", NULL);

  g_assert_null (iop_lesson_panel_get_lesson (iop_lesson_panel_for_window (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-export", "s", dir);
  g_assert_false (exporting ());
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_lesson_cancel (gconstpointer data)
{
  g_autofree char *dir = g_build_filename (data, "lesson-cut", NULL);
  AdwMessageDialog *dialog = NULL;
  GtkProgressBar *bar = NULL;

  open_lesson ();
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-export", "s", dir);
  g_assert_true (exporting ());
  WAIT_FOR ((dialog = find_dialog (&bar)) != NULL, 10);
  g_assert_nonnull (dialog);
  g_assert_nonnull (bar);
  /* the folder under the heading */
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, dir);
  WAIT_FOR (gtk_progress_bar_get_fraction (bar) > 0.05, 60);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0.05);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
  g_assert_cmpuint (count_leftovers (dir, "t.webm"), ==, 1);   /* the video's temporary file */
  adw_message_dialog_response (dialog, "cancel");
  WAIT_FOR (!exporting (), 30);
  g_assert_false (exporting ());
  /* none of the four files, no temporary file */
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_null (find_dialog (&bar));
}

static void
test_lesson_finish (gconstpointer data)
{
  g_autofree char *dir = g_build_filename (data, "lesson", NULL);
  static const char *const names[] = { "t.webm", "t.vtt", "t-chapters.vtt", "t-handout.pdf" };
  g_autofree char *chapters_path = g_build_filename (dir, "t-chapters.vtt", NULL);
  g_autofree char *video_path = g_build_filename (dir, "t.webm", NULL);
  g_autofree char *chapters = NULL;
  double duration;

  open_lesson ();
  /* the folder is made */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-export", "s", dir);
  WAIT_FOR (!exporting (), 240);
  g_assert_false (exporting ());
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (p, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 4);
      if (i == 0)
        g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
      else if (i == 3)
        g_assert_cmpmem (contents, 4, "%PDF", 4);
      else
        g_assert_true (g_str_has_prefix (contents, "WEBVTT\n"));
    }
  g_assert_cmpuint (count_files (dir), ==, G_N_ELEMENTS (names));
  g_assert_true (g_file_get_contents (chapters_path, &chapters, NULL, NULL));
  g_assert_nonnull (strstr (chapters, "Chapter 1: a"));
  /* the video lasts as long as its one chapter */
  duration = discovered_duration (video_path);
  if (duration >= 0)
    {
      const char *arrow = strstr (chapters, " --> ");
      int h, m;
      double s;

      g_assert_nonnull (arrow);
      g_assert_cmpint (sscanf (arrow, " --> %d:%d:%lf", &h, &m, &s), ==, 3);
      g_assert_cmpfloat_with_epsilon (duration, h * 3600 + m * 60 + s, 1.0 / IOP_VIDEO_DEFAULT_FPS + 1e-3);
    }

  /* a folder given to the action: nothing is replaced */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-export", "s", dir);
  g_assert_false (exporting ());
  {
    GtkProgressBar *bar = NULL;
    AdwMessageDialog *dialog = NULL;

    WAIT_FOR ((dialog = find_dialog (&bar)) != NULL, 10);
    g_assert_nonnull (dialog);
    /* "DIR/t.webm already exists; nothing was written" */
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), video_path));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", APP_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run -a\n");
      return 0;
    }
  adw_init ();
  if (!iop_video_can_encode (IOP_VIDEO_WEBM, &error))
    {
      g_print ("1..0 # SKIP %s\n", error->message);
      return 0;
    }
  app = iop_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = iop_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* 8x: about 8 s of video, 240 frames */
  g_object_set (window, "speed", 8.0, NULL);

  dir = g_dir_make_tmp ("iopath-video-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_data_func ("/video/cancel", dir, test_cancel);
  g_test_add_data_func ("/video/finish", dir, test_finish);
  g_test_add_data_func ("/video/close-window", dir, test_close);
  g_test_add_data_func ("/lesson-export/no-lesson", dir, test_lesson_none);
  g_test_add_data_func ("/lesson-export/cancel", dir, test_lesson_cancel);
  g_test_add_data_func ("/lesson-export/finish", dir, test_lesson_finish);
  ret = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        if (g_file_test (p, G_FILE_TEST_IS_DIR))
          {
            g_autoptr(GDir) sub = g_dir_open (p, 0, NULL);
            const char *inner;

            while (sub != NULL && (inner = g_dir_read_name (sub)) != NULL)
              {
                g_autofree char *q = g_build_filename (p, inner, NULL);
                g_unlink (q);
              }
            g_rmdir (p);
          }
        else
          g_unlink (p);
      }
    g_rmdir (dir);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  return ret;
}
