/* test-replay-view.c: the Recorded view on the real captures
 *
 * Needs a display (xvfb-run) and ../shared/spdk/trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "iop-replay-view.h"
#include "iop-trace.h"

static GtkWindow *window;
static IopReplayView *view;

static gboolean
wait_state (const char *not_this,
            int         seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (g_strcmp0 (iop_replay_view_get_state (view), not_this) != 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

/* Every label's text under W, one per line */
static void
collect_text (GtkWidget *w,
              GString   *out)
{
  if (GTK_IS_LABEL (w) && gtk_widget_get_child_visible (w))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
shown_text (void)
{
  GString *s = g_string_new (NULL);

  collect_text (GTK_WIDGET (view), s);
  return g_string_free (s, FALSE);
}

static const char *
trace_dir (void)
{
  const char *shared = g_getenv ("IOPATH_SHARED_DIR");
  static char *dir;

  if (dir == NULL && shared != NULL)
    dir = g_build_filename (shared, "spdk", "trace", NULL);
  return dir;
}

static void
test_empty (void)
{
  g_assert_cmpstr (iop_replay_view_get_state (view), ==, "empty");
}

static void
test_write_run (void)
{
  g_autofree char *path = g_build_filename (trace_dir (), "a_write4k_qd1", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  g_assert_true (iop_replay_view_can_open (folder));
  iop_replay_view_open (view, folder);
  g_assert_cmpstr (iop_replay_view_get_state (view), ==, "loading");
  g_assert_true (wait_state ("loading", 60));
  g_assert_cmpstr (iop_replay_view_get_state (view), ==, "report");
  text = shown_text ();
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "a_write4k_qd1"));
  g_assert_nonnull (strstr (text, "37 of 37 guest I/Os followed"));
  g_assert_nonnull (strstr (text, "3 reads, 34 writes"));
  g_assert_nonnull (strstr (text, "Storage: backing bdev_io, start to done"));
  g_assert_nonnull (strstr (text, "Target and initiator (RAID1)"));
  /* the guest's own bdev layer is not in the model; the backing bdev is */
  g_assert_nonnull (strstr (text, "not modelled"));
}

static void
play_cb (IopReplayView *v,
         gpointer       trace,
         gpointer       data)
{
  IopTrace **out = data;
  *out = iop_trace_ref (trace);
}

static void
test_play (void)
{
  g_autoptr(GError) error = NULL;
  IopTrace *trace = NULL;
  gulong id = g_signal_connect (view, "play", G_CALLBACK (play_cb), &trace);
  gboolean storage_a = FALSE, storage_b = FALSE;

  /* the write run is open from the test before */
  g_assert_true (iop_replay_view_play (view, "median", &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (view, id);
  g_assert_nonnull (trace);
  g_assert_cmpuint (trace->steps->len, >, 40);
  g_assert_cmpstr (iop_trace_step (trace, 0)->key, ==, "guest.submit");
  g_assert_cmpstr (iop_trace_step (trace, trace->steps->len - 1)->key, ==, "guest.complete");
  for (guint i = 0; i < trace->steps->len; i++)
    {
      IopStep *s = iop_trace_step (trace, i);

      if (i > 0)
        g_assert_cmpint (s->t_ns, >=, iop_trace_step (trace, i - 1)->t_ns);
      if (s->place == IOP_PLACE_STORAGE && s->node == 0)
        storage_a = TRUE;
      if (s->place == IOP_PLACE_STORAGE && s->node == 1)
        storage_b = TRUE;
    }
  g_assert_true (storage_a && storage_b);
  iop_trace_unref (trace);
}

static void
test_bad_folder (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("iopath-replay-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (tmp, "guest.spdk_trace.json", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (file, "{\"tsc_rate\": 5, \"tpoints\": [", -1, NULL));
  g_assert_true (iop_replay_view_can_open (folder));
  iop_replay_view_open (view, folder);
  g_assert_true (wait_state ("loading", 30));
  g_assert_cmpstr (iop_replay_view_get_state (view), ==, "error");
  text = shown_text ();
  g_assert_nonnull (strstr (text, "guest.spdk_trace.json"));
  g_remove (file);
  g_rmdir (tmp);
}

static void
test_not_a_capture (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("iopath-replay-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp);

  g_assert_false (iop_replay_view_can_open (folder));
  g_rmdir (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();
  if (trace_dir () == NULL || !g_file_test (trace_dir (), G_FILE_TEST_IS_DIR))
    {
      g_print ("1..0 # SKIP ../shared/spdk/trace not found\n");
      return 0;
    }
  window = GTK_WINDOW (gtk_window_new ());
  view = IOP_REPLAY_VIEW (iop_replay_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_set_default_size (window, 1280, 720);
  gtk_window_present (window);

  g_test_add_func ("/replay-view/empty", test_empty);
  g_test_add_func ("/replay-view/write-run", test_write_run);
  g_test_add_func ("/replay-view/play", test_play);
  g_test_add_func ("/replay-view/bad-folder", test_bad_folder);
  g_test_add_func ("/replay-view/not-a-capture", test_not_a_capture);
  return g_test_run ();
}
