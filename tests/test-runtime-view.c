/* test-runtime-view.c: the runtime view with a display (Xvfb in CI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the real run in ../shared/spdk/runtime through the API and looks for
 * what a reader must see in the widget tree (a thread by name, the roles);
 * checks that bad input (broken JSON, a folder with nothing usable, a missing
 * path) shows the engine's message and keeps the page on screen; runs the
 * comparison with the model in its thread and waits for the rows; and
 * attaches to a missing socket and to a small fake SPDK served by this test
 * (read-only methods answered with the recorded baremetal dumps).
 */
#include "config.h"

#include <adwaita.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>

#include "iop-cores-diagram.h"
#include "iop-error.h"
#include "iop-runtime-view.h"

static char *runtime_dir;   /* NULL: no shared dumps, those tests skip */

/* --- Helpers --------------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until DONE (ptr to gboolean or a predicate) or SECONDS pass */
typedef gboolean (*Predicate) (gpointer data);

static gboolean
wait_for (Predicate pred,
          gpointer  data,
          double    seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint)(seconds * 1000), timeout_cb, &timed_out);

  while (!pred (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return pred (data);
}

static void
spin (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint)(seconds * 1000), timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Every text a reader can see: labels, and the thread names the cores diagram draws */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  if (IOP_IS_CORES_DIAGRAM (widget))
    {
      const IopRuntimeHost *host = iop_cores_diagram_get_host (IOP_CORES_DIAGRAM (widget));

      for (guint i = 0; host && i < host->threads->len; i++)
        {
          g_string_append (out, ((IopThreadInfo *)g_ptr_array_index (host->threads, i))->name);
          g_string_append_c (out, '\n');
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static gboolean
tree_has_text (GtkWidget  *widget,
               const char *needle)
{
  g_autoptr(GString) all = g_string_new (NULL);

  collect_text (widget, all);
  return strstr (all->str, needle) != NULL;
}

static GtkLabel *
find_label_with_link (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_markup (GTK_LABEL (widget)) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), "href=\"knob:") != NULL &&
      gtk_widget_get_visible (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *l = find_label_with_link (c);
      if (l)
        return l;
    }
  return NULL;
}

typedef struct
{
  GtkWindow      *window;
  IopRuntimeView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->view = IOP_RUNTIME_VIEW (iop_runtime_view_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  spin (0.05);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  iop_runtime_view_detach (f->view);
  gtk_window_destroy (f->window);
  spin (0.05);
}

static gboolean
load_shared (Fixture *f)
{
  const char *paths[] = { runtime_dir, NULL };
  g_autoptr(GError) error = NULL;

  if (runtime_dir == NULL)
    {
      g_test_skip ("IOPATH_SHARED_DIR is unset or has no spdk/runtime: no real SPDK dumps to load");
      return FALSE;
    }
  g_assert_true (iop_runtime_view_load_paths (f->view, paths, &error));
  g_assert_no_error (error);
  spin (0.05);
  return TRUE;
}

/* --- Tests ----------------------------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_assert_false (iop_runtime_view_get_loaded (f->view));
  g_assert_null (iop_runtime_view_get_error (f->view));
  g_assert_cmpint (iop_runtime_view_get_live_state (f->view), ==, IOP_LIVE_STOPPED);
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "Explain a Running SPDK"));
  g_assert_false (iop_runtime_view_run_comparison (f->view));
}

static void
test_load_shared (Fixture       *f,
                  gconstpointer  data)
{
  gboolean loaded = FALSE;

  if (!load_shared (f))
    return;
  g_object_get (f->view, "loaded", &loaded, NULL);
  g_assert_true (loaded);
  g_assert_cmpstr (iop_runtime_view_get_current_host (f->view), ==, "baremetal");

  /* The busiest poll group, drawn on its core and named in "where to look first" */
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_tgt_poll_group_000"));
  /* The roles, by name and as Iopath says them */
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "tcp_target"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "NVMe-oF TCP target"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_initiator"));
  /* The iobuf module of the TCP transport, and the clue's source dump */
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_TCP"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "thread_get_pollers"));

  /* Every host has its page; the storage node's runs on one core */
  g_assert_true (iop_runtime_view_show_page (f->view, "storage"));
  g_assert_cmpstr (iop_runtime_view_get_current_host (f->view), ==, "storage");
  g_assert_false (iop_runtime_view_show_page (f->view, "no-such-host"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "local_malloc"));
}

static void
test_bad_input_keeps_page (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *empty_dir = NULL;
  g_autofree char *junk = NULL;
  g_autofree char *missing = NULL;
  const char *paths[2] = { NULL, NULL };

  if (!load_shared (f))
    return;
  tmp = g_dir_make_tmp ("iopath-rtv-XXXXXX", &error);
  g_assert_no_error (error);

  /* Broken JSON given by name: refused with the line and column */
  broken = g_build_filename (tmp, "baremetal.thread_get_stats.json", NULL);
  g_assert_true (g_file_set_contents (broken, "{\n  \"tick_rate\": 100,\n  \"threads\": [ {\"name\": \"x\", }\n", -1, NULL));
  paths[0] = broken;
  g_assert_false (iop_runtime_view_load_paths (f->view, paths, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "baremetal.thread_get_stats.json"));
  g_assert_cmpstr (iop_runtime_view_get_error (f->view), ==, error->message);
  spin (0.1);
  /* The message is on screen (a toast), and so is what was there before */
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), error->message));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_tgt_poll_group_000"));
  g_assert_true (iop_runtime_view_get_loaded (f->view));
  g_clear_error (&error);

  /* A folder with nothing usable */
  empty_dir = g_build_filename (tmp, "nothing", NULL);
  g_assert_cmpint (g_mkdir (empty_dir, 0700), ==, 0);
  junk = g_build_filename (empty_dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (junk, "{\"hello\": \"world\"}", -1, NULL));
  paths[0] = empty_dir;
  g_assert_false (iop_runtime_view_load_paths (f->view, paths, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_tgt_poll_group_000"));
  g_clear_error (&error);

  /* A path that is not there */
  missing = g_build_filename (tmp, "no-such-file.json", NULL);
  paths[0] = missing;
  g_assert_false (iop_runtime_view_load_paths (f->view, paths, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_tgt_poll_group_000"));
  g_clear_error (&error);

  g_unlink (junk);
  g_rmdir (empty_dir);
  g_unlink (broken);
  g_rmdir (tmp);
}

static gboolean
has_comparison (gpointer data)
{
  return iop_runtime_view_get_comparison (data) != NULL;
}

static gboolean
not_comparing (gpointer data)
{
  return !iop_runtime_view_get_comparing (data);
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  const IopComparison *cmp;
  gboolean any_agrees = FALSE;

  if (!load_shared (f))
    return;
  g_assert_null (iop_runtime_view_get_comparison (f->view));
  g_assert_true (iop_runtime_view_run_comparison (f->view));
  g_assert_true (iop_runtime_view_get_comparing (f->view));
  /* The main loop runs while the model does */
  g_assert_true (wait_for (has_comparison, f->view, 60));
  g_assert_false (iop_runtime_view_get_comparing (f->view));
  cmp = iop_runtime_view_get_comparison (f->view);
  g_assert_cmpuint (cmp->rows->len, >, 3);
  for (guint i = 0; i < cmp->rows->len; i++)
    any_agrees |= ((IopCompareRow *)g_ptr_array_index (cmp->rows, i))->agrees;
  g_assert_true (any_agrees);

  /* The rows are on the comparison page: a topic, a mark, a reason */
  g_assert_true (iop_runtime_view_show_page (f->view, "compare"));
  g_assert_null (iop_runtime_view_get_current_host (f->view));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "IOPS"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "✓"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), ((IopCompareRow *)g_ptr_array_index (cmp->rows, 0))->why));

  /* Loading again drops the old comparison; showing the page runs a new one */
  g_assert_true (load_shared (f));
  g_assert_true (wait_for (has_comparison, f->view, 60));
  g_assert_true (wait_for (not_comparing, f->view, 60));
}

static void
knob_cb (IopRuntimeView *view,
         const char     *knob,
         char          **out)
{
  g_free (*out);
  *out = g_strdup (knob);
}

static void
test_knob_link (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *knob = NULL;
  GtkLabel *label;
  gboolean handled = FALSE;

  if (!load_shared (f))
    return;
  label = find_label_with_link (GTK_WIDGET (f->view));
  g_assert_nonnull (label);
  g_signal_connect (f->view, "knob-activated", G_CALLBACK (knob_cb), &knob);
  g_signal_emit_by_name (label, "activate-link", "knob:nvmf_set_config.poll_groups_mask", &handled);
  g_assert_true (handled);
  g_assert_cmpstr (knob, ==, "nvmf_set_config.poll_groups_mask");
}

static gboolean
has_error (gpointer data)
{
  return iop_runtime_view_get_error (data) != NULL;
}

static void
test_live_missing_socket (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *tmp = g_dir_make_tmp ("iopath-rtv-XXXXXX", NULL);
  g_autofree char *sock = g_build_filename (tmp, "spdk.sock", NULL);
  IopLiveState state;

  iop_runtime_view_attach (f->view, sock, 0.2);
  g_assert_true (wait_for (has_error, f->view, 10));
  g_assert_nonnull (strstr (iop_runtime_view_get_error (f->view), sock));
  state = iop_runtime_view_get_live_state (f->view);
  g_assert_true (state == IOP_LIVE_RECONNECTING || state == IOP_LIVE_CONNECTING);
  /* The state and the engine's message are in sight */
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), iop_live_state_label (IOP_LIVE_RECONNECTING)));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), iop_runtime_view_get_error (f->view)));
  g_assert_false (iop_runtime_view_get_loaded (f->view));
  iop_runtime_view_detach (f->view);
  g_assert_cmpint (iop_runtime_view_get_live_state (f->view), ==, IOP_LIVE_STOPPED);
  g_rmdir (tmp);
}

/* --- A fake SPDK ------------------------------------------------------------ */

typedef struct
{
  GSocketService *service;
  GHashTable     *results;   /* method → JSON text */
  guint           iobuf_calls;
  guint           replies;
} FakeSpdk;

typedef struct
{
  FakeSpdk          *fake;
  GSocketConnection *conn;
  GString           *buf;
  char               chunk[4096];
} FakeConn;

static void fake_read (FakeConn *fc);

static char *
fake_result (FakeSpdk   *fake,
             const char *method)
{
  if (g_strcmp0 (method, "iobuf_get_stats") == 0)
    {
      /* The counters grow by 100,000 cache gets per call: thousands per second
       * even when a loaded machine stretches the 0.3 s interval tenfold */
      guint n = fake->iobuf_calls++;
      return g_strdup_printf ("[{\"module\": \"nvmf_TCP\", \"small_pool\": {\"cache\": %u, \"main\": 0, \"retry\": 0},"
                              " \"large_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0}}]", 100000 * n);
    }
  return g_strdup (g_hash_table_lookup (fake->results, method));
}

typedef struct
{
  FakeConn *fc;
  char     *reply;
} FakeReply;

/* SPDK polls its RPC server every 4 ms: answer a little later, as it does */
static gboolean
fake_send_cb (gpointer data)
{
  FakeReply *r = data;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (r->fc->conn)),
                             r->reply, strlen (r->reply), NULL, NULL, NULL);
  r->fc->fake->replies++;
  g_free (r->reply);
  g_free (r);
  return G_SOURCE_REMOVE;
}

static void
fake_handle (FakeConn   *fc,
             const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *req;
  g_autofree char *result = NULL;
  FakeReply *r;
  gint64 id;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return;
  req = json_node_get_object (json_parser_get_root (parser));
  id = json_object_get_int_member_with_default (req, "id", 0);
  result = fake_result (fc->fake, json_object_get_string_member_with_default (req, "method", ""));
  r = g_new0 (FakeReply, 1);
  r->fc = fc;
  r->reply = result
    ? g_strdup_printf ("{\"jsonrpc\": \"2.0\", \"id\": %" G_GINT64_FORMAT ", \"result\": %s}", id, result)
    : g_strdup_printf ("{\"jsonrpc\": \"2.0\", \"id\": %" G_GINT64_FORMAT ", \"error\": {\"code\": -32601, \"message\": \"Method not found\"}}", id);
  g_timeout_add (4, fake_send_cb, r);
}

static void
fake_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  FakeConn *fc = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  int depth = 0;
  gboolean in_string = FALSE;

  if (n <= 0)
    return;   /* the client went away; the connection is freed with the fake */
  g_string_append_len (fc->buf, fc->chunk, n);
  /* Whole objects, by brace depth outside strings */
  for (gsize i = 0; i < fc->buf->len; i++)
    {
      char c = fc->buf->str[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{')
        depth++;
      else if (c == '}' && --depth == 0)
        {
          g_autofree char *one = g_strndup (fc->buf->str, i + 1);

          fake_handle (fc, one);
          g_string_erase (fc->buf, 0, i + 1);
          i = (gsize)-1;
        }
    }
  fake_read (fc);
}

static void
fake_read (FakeConn *fc)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (fc->conn)), fc->chunk, sizeof fc->chunk,
                             G_PRIORITY_DEFAULT, NULL, fake_read_cb, fc);
}

static gboolean
fake_incoming_cb (GSocketService    *service,
                  GSocketConnection *conn,
                  GObject           *source,
                  FakeSpdk          *fake)
{
  FakeConn *fc = g_new0 (FakeConn, 1);

  fc->fake = fake;
  fc->conn = g_object_ref (conn);
  fc->buf = g_string_new (NULL);
  /* Kept for the test's life */
  fake_read (fc);
  return TRUE;
}

static FakeSpdk *
fake_spdk_new (const char *sock)
{
  FakeSpdk *fake = g_new0 (FakeSpdk, 1);
  g_autoptr(GSocketAddress) addr = g_unix_socket_address_new (sock);
  g_autoptr(GError) error = NULL;
  const char *methods[] = { "thread_get_stats", "thread_get_pollers", "framework_get_reactors",
                            "spdk_get_version", "nvmf_get_transports", "nvmf_get_subsystems",
                            "bdev_nvme_get_controllers" };

  fake->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *name = g_strdup_printf ("baremetal.%s%s.json", methods[i],
                                               g_str_has_prefix (methods[i], "thread_") ||
                                               g_str_has_prefix (methods[i], "framework_get_reactors") ? ".randrw4k" : "");
      g_autofree char *path = g_build_filename (runtime_dir, name, NULL);
      char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL))
        g_hash_table_insert (fake->results, g_strdup (methods[i]), text);
    }
  fake->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (fake->service), addr, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fake->service, "incoming", G_CALLBACK (fake_incoming_cb), fake);
  g_socket_service_start (fake->service);
  return fake;
}

/* A label "N,NNN/s": a rate of thousands per second */
static gboolean
has_busy_rate (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *t = gtk_label_get_text (GTK_LABEL (widget));
      if (g_str_has_suffix (t, "/s") && strchr (t, ',') != NULL)
        return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_busy_rate (c))
      return TRUE;
  return FALSE;
}

static gboolean
has_rates (gpointer data)
{
  Fixture *f = data;
  return tree_has_text (GTK_WIDGET (f->view), "/s\n");
}

static void
test_live_fake_spdk (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *tmp = NULL;
  g_autofree char *sock = NULL;
  FakeSpdk *fake;

  if (runtime_dir == NULL)
    {
      g_test_skip ("IOPATH_SHARED_DIR is unset or has no spdk/runtime: no dumps to serve");
      return;
    }
  tmp = g_dir_make_tmp ("iopath-rtv-XXXXXX", NULL);
  sock = g_build_filename (tmp, "fake.sock", NULL);
  fake = fake_spdk_new (sock);

  iop_runtime_view_attach (f->view, sock, 0.3);
  /* Two samples make rates; the page of the live host shows them */
  g_assert_true (wait_for (has_rates, f, 20));
  g_assert_cmpint (iop_runtime_view_get_live_state (f->view), ==, IOP_LIVE_CONNECTED);
  g_assert_true (iop_runtime_view_get_loaded (f->view));
  g_assert_cmpstr (iop_runtime_view_get_current_host (f->view), ==, "fake");
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_tgt_poll_group_000"));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), iop_live_state_label (IOP_LIVE_CONNECTED)));
  /* 100,000 gets per sample every 0.3 s or so: thousands per second, digits grouped */
  g_assert_true (has_busy_rate (GTK_WIDGET (f->view)));
  /* The comparison needs a recorded run, not a live sample */
  g_assert_false (iop_runtime_view_run_comparison (f->view));

  /* Detached, the last sample stays */
  iop_runtime_view_detach (f->view);
  g_assert_cmpint (iop_runtime_view_get_live_state (f->view), ==, IOP_LIVE_STOPPED);
  g_assert_true (iop_runtime_view_get_loaded (f->view));
  g_assert_true (tree_has_text (GTK_WIDGET (f->view), "nvmf_tgt_poll_group_000"));
  g_assert_cmpuint (fake->replies, >, 4);

  /* Files replace the live page */
  if (load_shared (f))
    g_assert_cmpstr (iop_runtime_view_get_current_host (f->view), ==, "baremetal");

  g_socket_service_stop (fake->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  g_unlink (sock);
  g_rmdir (tmp);
  /* Connections and the service are left to the process's end: the engine may still hold its side */
}

int
main (int argc, char **argv)
{
  const char *shared = g_getenv ("IOPATH_SHARED_DIR");

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  if (shared != NULL && *shared != '\0')
    {
      runtime_dir = g_build_filename (shared, "spdk", "runtime", NULL);
      if (!g_file_test (runtime_dir, G_FILE_TEST_IS_DIR))
        {
          g_test_message ("%s is missing: the tests that load real dumps skip", runtime_dir);
          g_clear_pointer (&runtime_dir, g_free);
        }
    }
  else
    g_test_message ("IOPATH_SHARED_DIR is unset: the tests that load real dumps skip");

  if (!gtk_init_check ())
    {
      g_test_message ("no display (run under xvfb-run): skipping");
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, fn) g_test_add ("/runtime-view/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("load-shared", test_load_shared);
  ADD ("bad-input-keeps-page", test_bad_input_keeps_page);
  ADD ("compare", test_compare);
  ADD ("knob-link", test_knob_link);
  ADD ("live-missing-socket", test_live_missing_socket);
  ADD ("live-fake-spdk", test_live_fake_spdk);
#undef ADD
  return g_test_run ();
}
