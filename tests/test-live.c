/* test-live.c: the live attach against a fake SPDK JSON-RPC server
 *
 * The server runs in the test process on a temporary Unix socket
 * (GSocketService): normal replies, replies cut in pieces, malformed JSON, no
 * reply, a server that closes and comes back. The allowlist is checked
 * against SPDK's schema when IOPATH_SHARED_DIR is set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-live.h"
#include "iop-runtime.h"

typedef enum
{
  MODE_NORMAL,
  MODE_SPLIT,        /* every reply in 7-byte pieces, 2 ms apart */
  MODE_MALFORMED,    /* garbage instead of the reply to iobuf_get_stats */
  MODE_WRONG_ID,     /* a reply to a request never sent */
  MODE_SILENT,       /* reads, never answers */
  MODE_CLOSE,        /* closes the connection on the first request */
  MODE_RPC_ERROR,    /* an error reply to thread_get_pollers */
  MODE_DEEP,         /* iobuf_get_stats answered with [[[... 200,000 deep */
  MODE_WRAPPED,      /* iobuf_get_stats with a count beyond 64 bits */
  MODE_BIG,          /* iobuf_get_stats answered with a 32 MB reply */
} Mode;

#define DEEP_LEVELS 200000
#define BIG_REPLY_BYTES (32 * 1024 * 1024)
#define BIG_ENTRY "{\"module\":\"m%07u\",\"small_pool\":{\"cache\":%u,\"main\":1,\"retry\":0},\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":0}}"

typedef struct
{
  GSocketService *service;
  char           *path;
  Mode            mode;
  GPtrArray      *methods;      /* every method received, in order */
  GPtrArray      *conns;        /* ServerConn */
  guint           accepted;
  guint           tick;
  guint           busy;         /* reads and pieces in flight */
} Server;

typedef struct
{
  Server            *server;
  GSocketConnection *conn;
  GByteArray        *buf;
  guint8             chunk[4096];
  GCancellable      *cancel;
  gboolean           closed;
} ServerConn;

static void server_read (ServerConn *sc);

/* --- The fake SPDK ------------------------------------------------------- */

static char *
result_for (Server     *server,
            const char *method)
{
  server->tick++;
  if (g_str_equal (method, "iobuf_get_stats"))
    return g_strdup_printf ("[{\"module\":\"nvmf_TCP\",\"small_pool\":{\"cache\":%u,\"main\":%u,\"retry\":0},"
                            "\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":0}}]", server->tick * 1000, server->tick);
  if (g_str_equal (method, "thread_get_stats"))
    return g_strdup_printf ("{\"tick_rate\":1000,\"threads\":[{\"name\":\"app_thread\",\"id\":1,\"cpumask\":\"1\",\"busy\":%u,\"idle\":%u}]}",
                            server->tick * 100, server->tick * 300);
  if (g_str_equal (method, "thread_get_pollers"))
    return g_strdup ("{\"tick_rate\":1000,\"threads\":[{\"name\":\"app_thread\",\"id\":1,\"active_pollers\":[],"
                     "\"timed_pollers\":[{\"name\":\"rpc_subsystem_poll_servers\",\"id\":1,\"state\":\"waiting\",\"run_count\":5,\"busy_count\":5,\"period_ticks\":4}],\"paused_pollers\":[]}]}");
  if (g_str_equal (method, "framework_get_reactors"))
    return g_strdup ("{\"tick_rate\":1000,\"reactors\":[{\"lcore\":0,\"busy\":1,\"idle\":3,\"lw_threads\":[{\"name\":\"app_thread\",\"id\":1,\"cpumask\":\"1\",\"elapsed\":4}]}]}");
  if (g_str_equal (method, "spdk_get_version"))
    return g_strdup ("{\"version\":\"SPDK v26.01\",\"fields\":{\"major\":26,\"minor\":1,\"patch\":0,\"suffix\":\"\"}}");
  return g_strdup ("[]");
}

typedef struct
{
  ServerConn *sc;
  GBytes     *data;
  gsize       offset;
} Piece;

static gboolean
write_piece_cb (gpointer user_data)
{
  Piece *p = user_data;
  gsize len = g_bytes_get_size (p->data);
  gsize n = MIN (7, len - p->offset);

  if (!p->sc->closed)
    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (p->sc->conn)),
                               (const char *)g_bytes_get_data (p->data, NULL) + p->offset, n, NULL, NULL, NULL);
  p->offset += n;
  if (p->offset < len && !p->sc->closed)
    return G_SOURCE_CONTINUE;
  p->sc->server->busy--;
  g_bytes_unref (p->data);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
server_send (ServerConn *sc,
             const char *text)
{
  if (sc->server->mode == MODE_SPLIT)
    {
      Piece *p = g_new0 (Piece, 1);

      p->sc = sc;
      p->data = g_bytes_new (text, strlen (text));
      sc->server->busy++;
      g_timeout_add (2, write_piece_cb, p);
      return;
    }
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (sc->conn)), text, strlen (text), NULL, NULL, NULL);
}

typedef struct
{
  ServerConn *sc;
  GBytes     *data;
} AsyncWrite;

static void
write_all_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncWrite *w = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  w->sc->server->busy--;
  g_bytes_unref (w->data);
  g_free (w);
}

/* A reply too large for the socket's buffer: written while the client reads */
static void
server_send_async (ServerConn *sc,
                   GString    *text)
{
  AsyncWrite *w = g_new0 (AsyncWrite, 1);

  w->sc = sc;
  w->data = g_string_free_to_bytes (text);
  sc->server->busy++;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (sc->conn)),
                                   g_bytes_get_data (w->data, NULL), g_bytes_get_size (w->data),
                                   G_PRIORITY_DEFAULT, sc->cancel, write_all_cb, w);
}

static GString *
big_reply (gint64 id)
{
  GString *r = g_string_sized_new (BIG_REPLY_BYTES + 256);

  g_string_append_printf (r, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":[", id);
  for (guint i = 0; r->len < BIG_REPLY_BYTES; i++)
    {
      if (i > 0)
        g_string_append_c (r, ',');
      g_string_append_printf (r, BIG_ENTRY, i, i);
    }
  g_string_append (r, "]}\n");
  return r;
}

static void
server_close (ServerConn *sc)
{
  if (sc->closed)
    return;
  sc->closed = TRUE;
  g_cancellable_cancel (sc->cancel);
  g_io_stream_close (G_IO_STREAM (sc->conn), NULL, NULL);
}

static void
server_handle (ServerConn *sc,
               JsonObject *req)
{
  Server *s = sc->server;
  const char *method = json_object_get_string_member_with_default (req, "method", "");
  gint64 id = json_object_get_int_member_with_default (req, "id", -1);
  g_autofree char *result = NULL;
  g_autofree char *reply = NULL;

  g_ptr_array_add (s->methods, g_strdup (method));
  g_assert_cmpstr (json_object_get_string_member_with_default (req, "jsonrpc", ""), ==, "2.0");
  switch (s->mode)
    {
    case MODE_SILENT:
      return;
    case MODE_CLOSE:
      server_close (sc);
      return;
    case MODE_MALFORMED:
      if (g_str_equal (method, "iobuf_get_stats"))
        {
          server_send (sc, "{\"jsonrpc\":\"2.0\",\"id\":");
          server_send (sc, "oops, not JSON}");
          return;
        }
      break;
    case MODE_WRONG_ID:
      id += 1000;
      break;
    case MODE_DEEP:
      if (g_str_equal (method, "iobuf_get_stats"))
        {
          GString *r = g_string_new (NULL);

          g_string_append_printf (r, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":", id);
          for (guint i = 0; i < DEEP_LEVELS; i++)
            g_string_append_c (r, '[');
          for (guint i = 0; i < DEEP_LEVELS; i++)
            g_string_append_c (r, ']');
          g_string_append (r, "}\n");
          server_send_async (sc, r);
          return;
        }
      break;
    case MODE_WRAPPED:
      if (g_str_equal (method, "iobuf_get_stats"))
        {
          /* json-glib 1.6 would read this count as 1 */
          reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":[{\"module\":\"bdev\","
                                   "\"small_pool\":{\"cache\":18446744073709551617,\"main\":0,\"retry\":0},"
                                   "\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":0}}]}\n", id);
          server_send (sc, reply);
          return;
        }
      break;
    case MODE_BIG:
      if (g_str_equal (method, "iobuf_get_stats"))
        {
          server_send_async (sc, big_reply (id));
          return;
        }
      break;
    case MODE_RPC_ERROR:
      if (g_str_equal (method, "thread_get_pollers"))
        {
          reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}", id);
          server_send (sc, reply);
          return;
        }
      break;
    default:
      break;
    }
  result = result_for (s, method);
  reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"result\":%s}\n", id, result);
  server_send (sc, reply);
}

static void
server_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ServerConn *sc = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  sc->server->busy--;
  if (n <= 0 || sc->closed)
    {
      server_close (sc);
      return;
    }
  g_byte_array_append (sc->buf, sc->chunk, (guint)n);
  for (;;)
    {
      gsize end = 0;
      g_autoptr(JsonParser) parser = NULL;

      if (iop_json_scan_value ((const char *)sc->buf->data, sc->buf->len, &end, NULL) != IOP_JSON_SCAN_COMPLETE)
        break;
      parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, (const char *)sc->buf->data, end, NULL));
      g_byte_array_remove_range (sc->buf, 0, end);
      server_handle (sc, json_node_get_object (json_parser_get_root (parser)));
      if (sc->closed)
        return;
    }
  server_read (sc);
}

static void
server_read (ServerConn *sc)
{
  sc->server->busy++;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (sc->conn)), sc->chunk, sizeof sc->chunk,
                             G_PRIORITY_DEFAULT, sc->cancel, server_read_cb, sc);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *conn,
             GObject           *source,
             gpointer           user_data)
{
  Server *s = user_data;
  ServerConn *sc = g_new0 (ServerConn, 1);

  sc->server = s;
  sc->conn = g_object_ref (conn);
  sc->buf = g_byte_array_new ();
  sc->cancel = g_cancellable_new ();
  g_ptr_array_add (s->conns, sc);
  s->accepted++;
  server_read (sc);
  return TRUE;
}

static void
server_conn_free (gpointer p)
{
  ServerConn *sc = p;

  server_close (sc);
  g_object_unref (sc->conn);
  g_object_unref (sc->cancel);
  g_byte_array_unref (sc->buf);
  g_free (sc);
}

static void
server_listen (Server *s)
{
  g_autoptr(GSocketAddress) addr = g_unix_socket_address_new (s->path);
  g_autoptr(GError) error = NULL;

  s->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), addr, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (s->service, "incoming", G_CALLBACK (incoming_cb), s);
  g_socket_service_start (s->service);
}

/* SPDK goes away: no listener, no socket file, every connection closed */
static void
server_stop (Server *s)
{
  for (guint i = 0; i < s->conns->len; i++)
    server_close (g_ptr_array_index (s->conns, i));
  g_socket_service_stop (s->service);
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_clear_object (&s->service);
  g_unlink (s->path);
}

static Server *
server_new (Mode mode)
{
  Server *s = g_new0 (Server, 1);
  g_autofree char *dir = g_dir_make_tmp ("iopath-live-XXXXXX", NULL);

  s->path = g_build_filename (dir, "spdk.sock", NULL);
  s->mode = mode;
  s->methods = g_ptr_array_new_with_free_func (g_free);
  s->conns = g_ptr_array_new_with_free_func (server_conn_free);
  server_listen (s);
  return s;
}

static void
server_free (Server *s)
{
  g_autofree char *dir = g_path_get_dirname (s->path);

  if (s->service)
    server_stop (s);
  /* let cancelled reads and pending pieces finish before their connections go */
  while (s->busy > 0)
    g_main_context_iteration (NULL, TRUE);
  g_ptr_array_unref (s->conns);
  g_ptr_array_unref (s->methods);
  g_rmdir (dir);
  g_free (s->path);
  g_free (s);
}

/* Every method the server ever received is on the allowlist */
static void
assert_only_allowed (Server *s)
{
  for (guint i = 0; i < s->methods->len; i++)
    g_assert_true (iop_live_method_allowed (g_ptr_array_index (s->methods, i)));
}

/* --- Driving the main loop ----------------------------------------------- */

typedef struct
{
  guint      samples;
  JsonNode  *last;
  GArray    *states;
  guint      replies;
} Watch;

static void
sample_cb (IopLive  *live,
           JsonNode *sample,
           double    t,
           gpointer  user_data)
{
  Watch *w = user_data;

  w->samples++;
  g_clear_pointer (&w->last, json_node_unref);
  w->last = json_node_copy (sample);
}

static void
reply_cb (IopLive    *live,
          const char *method,
          JsonNode   *result,
          gpointer    user_data)
{
  ((Watch *)user_data)->replies++;
}

static void
state_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  Watch *w = user_data;
  IopLiveState st = iop_live_get_state (IOP_LIVE (object));

  g_array_append_val (w->states, st);
  g_test_message ("state: %s (%s)", iop_live_state_name (st), iop_live_get_error (IOP_LIVE (object)) ? iop_live_get_error (IOP_LIVE (object)) : "");
}

static gboolean
saw_state (Watch       *w,
           IopLiveState st)
{
  for (guint i = 0; i < w->states->len; i++)
    if (g_array_index (w->states, IopLiveState, i) == st)
      return TRUE;
  return FALSE;
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

#define RUN_UNTIL(cond, ms)                                                   \
  G_STMT_START {                                                              \
    gboolean _expired = FALSE;                                                \
    guint _id = g_timeout_add ((ms), timeout_flag_cb, &_expired);             \
    while (!(cond) && !_expired)                                              \
      g_main_context_iteration (NULL, TRUE);                                  \
    if (!_expired)                                                            \
      g_source_remove (_id);                                                  \
    g_assert_true (cond);                                                     \
  } G_STMT_END

static IopLive *
live_new (Server *s,
          Watch  *w,
          guint   interval_ms,
          guint   timeout_ms)
{
  IopLive *live = iop_live_new (s->path);

  iop_live_set_interval (live, interval_ms);
  iop_live_set_timeout (live, timeout_ms);
  w->states = g_array_new (FALSE, FALSE, sizeof (IopLiveState));
  g_signal_connect (live, "sample", G_CALLBACK (sample_cb), w);
  g_signal_connect (live, "reply", G_CALLBACK (reply_cb), w);
  g_signal_connect (live, "notify::state", G_CALLBACK (state_cb), w);
  return live;
}

static void
watch_clear (Watch *w)
{
  g_clear_pointer (&w->last, json_node_unref);
  g_clear_pointer (&w->states, g_array_unref);
}

static void
live_free (IopLive *live,
           Watch   *w)
{
  g_signal_handlers_disconnect_by_data (live, w);
  iop_live_stop (live);
  g_assert_finalize_object (live);
  watch_clear (w);
}

/* --- The allowlist --------------------------------------------------------- */

static void
test_allowlist_schema (void)
{
  const char *shared = g_getenv ("IOPATH_SHARED_DIR");
  const char *const *allowed = iop_live_allowed_methods ();

  g_assert_nonnull (allowed);
  g_assert_nonnull (allowed[0]);
  for (guint i = 0; allowed[i]; i++)
    {
      const char *params = iop_live_method_params (allowed[i]);

      /* read-only by name: they only get or report, never set, create or delete */
      g_assert_nonnull (strstr (allowed[i], "_get_"));
      g_assert_null (strstr (allowed[i], "set"));
      g_assert_null (strstr (allowed[i], "delete"));
      g_assert_null (strstr (allowed[i], "create"));
      if (params)
        g_assert_null (strstr (params, "reset"));
    }
  if (shared == NULL || *shared == '\0')
    {
      g_test_skip ("IOPATH_SHARED_DIR is not set: SPDK's schema is not at hand");
      return;
    }
  for (guint v = 0; v < 2; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/spdk/schema/schema-%s.json", shared, v ? "v26.05" : "v26.01");
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *methods;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("SPDK's schema is not in IOPATH_SHARED_DIR");
          return;
        }
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      methods = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "methods");
      for (guint i = 0; allowed[i]; i++)
        {
          JsonObject *m = NULL;
          const char *params = iop_live_method_params (allowed[i]);

          for (guint j = 0; j < json_array_get_length (methods); j++)
            if (g_str_equal (json_object_get_string_member (json_array_get_object_element (methods, j), "name"), allowed[i]))
              m = json_array_get_object_element (methods, j);
          if (m == NULL)
            g_error ("%s is not in %s", allowed[i], path);
          /* the params sent are ones the schema knows, and its required ones are there */
          {
            JsonArray *sp = json_object_has_member (m, "params") ? json_object_get_array_member (m, "params") : NULL;
            g_autoptr(JsonParser) pp = json_parser_new ();
            JsonObject *po = NULL;

            if (params)
              {
                g_assert_true (json_parser_load_from_data (pp, params, -1, NULL));
                po = json_node_get_object (json_parser_get_root (pp));
              }
            for (guint k = 0; sp && k < json_array_get_length (sp); k++)
              {
                JsonObject *p = json_array_get_object_element (sp, k);
                if (json_object_get_boolean_member_with_default (p, "required", FALSE))
                  g_assert_true (po && json_object_has_member (po, json_object_get_string_member (p, "name")));
              }
            if (po)
              {
                GList *keys = json_object_get_members (po);
                for (GList *l = keys; l; l = l->next)
                  {
                    gboolean known = FALSE;
                    for (guint k = 0; sp && k < json_array_get_length (sp); k++)
                      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (sp, k), "name"), l->data))
                        known = TRUE;
                    g_assert_true (known);
                  }
                g_list_free (keys);
              }
          }
        }
    }
}

static void
test_refuses (void)
{
  Server *s = server_new (MODE_NORMAL);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 50, 2000);
  const char *bad[] = { "bdev_malloc_delete", "framework_start_init", "save_config", "iobuf_set_options",
                        "bdev_nvme_set_options", "spdk_kill_instance", "", "iobuf_get_stats\",\"x\":\"",
                        "IOBUF_GET_STATS", "iobuf_get_stats ", NULL };
  guint sent;

  iop_live_start (live);
  RUN_UNTIL (w.samples >= 1, 5000);
  sent = iop_live_get_sent_count (live);
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *methods[] = { bad[i], NULL };

      g_assert_false (iop_live_method_allowed (bad[i]));
      g_assert_false (iop_live_send (live, bad[i], &error));
      g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
      g_clear_error (&error);
      g_assert_false (iop_live_set_methods (live, methods, &error));
      g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (iop_live_send (live, NULL, &error));
    g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  }
  g_assert_cmpuint (iop_live_get_sent_count (live), ==, sent);
  /* an allowed one goes through */
  g_assert_true (iop_live_send (live, "spdk_get_version", NULL));
  RUN_UNTIL (s->methods->len > 0 && g_str_equal (g_ptr_array_index (s->methods, s->methods->len - 1), "spdk_get_version"), 5000);
  assert_only_allowed (s);
  for (guint i = 0; bad[i]; i++)
    for (guint j = 0; j < s->methods->len; j++)
      g_assert_cmpstr (g_ptr_array_index (s->methods, j), !=, bad[i]);
  live_free (live, &w);
  server_free (s);
}

/* --- Replies ------------------------------------------------------------- */

static void
check_sample (JsonNode *sample)
{
  JsonObject *o = json_node_get_object (sample);
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  GList *members = json_object_get_members (o);

  g_assert_true (json_object_has_member (o, "iobuf_get_stats"));
  g_assert_true (json_object_has_member (o, "thread_get_stats"));
  g_assert_true (json_object_has_member (o, "framework_get_reactors"));
  /* a live sample explains like files do */
  for (GList *l = members; l; l = l->next)
    iop_runtime_add_node (rt, "live", l->data, json_object_get_member (o, l->data));
  g_list_free (members);
  g_assert_cmpuint (iop_runtime_explain (rt)->len, ==, 1);
}

static void
run_normal (Mode mode)
{
  Server *s = server_new (mode);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 30, 2000);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) rates = NULL;
  JsonArray *io;

  iop_live_start (live);
  RUN_UNTIL (w.samples >= 1, 5000);
  first = json_node_copy (w.last);
  RUN_UNTIL (w.samples >= 3, 5000);
  g_assert_cmpint (iop_live_get_state (live), ==, IOP_LIVE_CONNECTED);
  g_assert_true (saw_state (&w, IOP_LIVE_CONNECTING));
  g_assert_false (saw_state (&w, IOP_LIVE_MALFORMED_REPLY));
  g_assert_cmpuint (s->accepted, ==, 1);
  check_sample (w.last);
  g_assert_cmpuint (w.replies, >=, 12);
  /* rates between two samples */
  rates = iop_runtime_rates (first, w.last, 1.0);
  io = json_object_get_array_member (json_node_get_object (rates), "iobuf");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_array_get_object_element (io, 0), "small"), "cache"), >, 0);
  assert_only_allowed (s);
  live_free (live, &w);
  server_free (s);
}

static void
test_normal (void)
{
  run_normal (MODE_NORMAL);
}

static void
test_split (void)
{
  run_normal (MODE_SPLIT);
}

static void
test_rpc_error (void)
{
  Server *s = server_new (MODE_RPC_ERROR);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 30, 2000);

  iop_live_start (live);
  RUN_UNTIL (w.samples >= 2, 5000);
  /* SPDK refused one method: the others still come, the connection stays */
  g_assert_false (json_object_has_member (json_node_get_object (w.last), "thread_get_pollers"));
  g_assert_true (json_object_has_member (json_node_get_object (w.last), "iobuf_get_stats"));
  g_assert_cmpint (iop_live_get_state (live), ==, IOP_LIVE_CONNECTED);
  g_assert_nonnull (strstr (iop_live_get_error (live), "Method not found"));
  g_assert_cmpuint (s->accepted, ==, 1);
  live_free (live, &w);
  server_free (s);
}

/* --- Failures ------------------------------------------------------------ */

static void
run_failure (Mode         mode,
             IopLiveState expected)
{
  Server *s = server_new (mode);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 60, 150);

  iop_live_start (live);
  RUN_UNTIL (saw_state (&w, expected), 5000);
  g_assert_nonnull (iop_live_get_error (live));
  g_assert_cmpuint (w.samples, ==, 0);
  /* it tries again */
  RUN_UNTIL (s->accepted >= 2, 5000);
  g_assert_true (saw_state (&w, IOP_LIVE_RECONNECTING));
  assert_only_allowed (s);
  live_free (live, &w);
  server_free (s);
}

static void
test_malformed (void)
{
  run_failure (MODE_MALFORMED, IOP_LIVE_MALFORMED_REPLY);
}

static void
test_wrong_id (void)
{
  run_failure (MODE_WRONG_ID, IOP_LIVE_MALFORMED_REPLY);
}

static void
test_timeout (void)
{
  run_failure (MODE_SILENT, IOP_LIVE_TIMED_OUT);
}

static void
test_closed (void)
{
  run_failure (MODE_CLOSE, IOP_LIVE_CLOSED);
}

/* A reply nested 200,000 deep (json-glib's parser would recurse until the
 * stack ran out) or with an integer json-glib would wrap: refused as
 * malformed, with the reason, and the connection tried again */
static void
run_refused_reply (Mode        mode,
                   const char *reason)
{
  Server *s = server_new (mode);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 60, 5000);

  iop_live_start (live);
  RUN_UNTIL (saw_state (&w, IOP_LIVE_MALFORMED_REPLY), 20000);
  g_assert_nonnull (strstr (iop_live_get_error (live), reason));
  g_assert_cmpuint (w.samples, ==, 0);
  RUN_UNTIL (s->accepted >= 2, 20000);
  assert_only_allowed (s);
  live_free (live, &w);
  server_free (s);
}

static void
test_deep_reply (void)
{
  run_refused_reply (MODE_DEEP, "nested more than 512 levels deep");
}

static void
test_wrapped_reply (void)
{
  run_refused_reply (MODE_WRAPPED, "does not fit in 64 bits");
}

/* A 32 MB reply arrives whole and is read. Each byte is scanned once: before,
 * the scan restarted from the first byte after every 16 KiB read, and 32 MB
 * took about 30 s, far beyond the 5 s default time-out. The time-out here is
 * 20 s, so a scan that is quadratic again fails, and a busy machine does not. */
static void
test_big_reply (void)
{
  Server *s = server_new (MODE_BIG);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 60, 20000);
  gint64 start = g_get_monotonic_time ();
  JsonArray *stats;
  JsonObject *last;

  iop_live_start (live);
  RUN_UNTIL (w.samples >= 1 || saw_state (&w, IOP_LIVE_TIMED_OUT) || saw_state (&w, IOP_LIVE_MALFORMED_REPLY), 120000);
  g_test_message ("a 32 MB reply: %.2f s from the start to the first sample", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (w.samples, >=, 1);
  g_assert_false (saw_state (&w, IOP_LIVE_TIMED_OUT));
  stats = json_object_get_array_member (json_node_get_object (w.last), "iobuf_get_stats");
  g_assert_cmpuint (json_array_get_length (stats), >, 250000);
  last = json_array_get_object_element (stats, json_array_get_length (stats) - 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (last, "small_pool"), "cache"), ==,
                   json_array_get_length (stats) - 1);
  live_free (live, &w);
  server_free (s);
}

/* The scanner resumes: fed a buffer that grows a few bytes at a time, it
 * scans each byte once (its position follows the end of the buffer) and
 * finds the same end as one scan of the whole, across strings, escapes and
 * brackets in strings cut anywhere. */
static void
test_scanner_resumes (void)
{
  const char *text = "  {\"a\": \"x]}\\\"{[\", \"b\": [1, [2, {\"c\": \"\\\\\"}]], \"d\":\n\"e\nf\"} {\"next\": 1}";
  gsize len = strlen (text);
  gsize whole_end = 0, end = 0;
  IopJsonScanner scanner;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);

  g_assert_cmpint (iop_json_scan_value (text, len, &whole_end, NULL), ==, IOP_JSON_SCAN_COMPLETE);
  g_assert_cmpuint (whole_end, ==, (gsize)(strstr (text, " {\"next\"") - text));
  for (gsize step = 1; step <= 5; step++)
    {
      gsize n;
      IopJsonScan scan = IOP_JSON_SCAN_INCOMPLETE;

      iop_json_scanner_init (&scanner);
      for (n = step; scan == IOP_JSON_SCAN_INCOMPLETE && n <= len + step; n += step)
        {
          scan = iop_json_scanner_feed (&scanner, text, MIN (n, len), &end, NULL);
          if (scan == IOP_JSON_SCAN_INCOMPLETE)
            g_assert_cmpuint (scanner.pos, ==, MIN (n, len));
        }
      g_assert_cmpint (scan, ==, IOP_JSON_SCAN_COMPLETE);
      g_assert_cmpuint (end, ==, whole_end);
    }

  /* too deep: refused at the first bracket beyond the limit, fed in pieces */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  iop_json_scanner_init (&scanner);
  g_assert_cmpint (iop_json_scanner_feed (&scanner, deep->str, 300, &end, NULL), ==, IOP_JSON_SCAN_INCOMPLETE);
  g_assert_cmpint (iop_json_scanner_feed (&scanner, deep->str, deep->len, &end, &error), ==, IOP_JSON_SCAN_INVALID);
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "line 1, column 513"));
  g_assert_nonnull (strstr (error->message, "512"));
}

/* SPDK stops, its socket disappears, it starts again on the same path */
static void
test_comes_back (void)
{
  Server *s = server_new (MODE_NORMAL);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 40, 1000);
  guint before;

  iop_live_start (live);
  RUN_UNTIL (w.samples >= 1, 5000);
  server_stop (s);
  RUN_UNTIL (iop_live_get_state (live) == IOP_LIVE_RECONNECTING && iop_live_get_failures (live) >= 2, 5000);
  g_assert_true (saw_state (&w, IOP_LIVE_CLOSED));
  before = w.samples;
  server_listen (s);
  RUN_UNTIL (w.samples >= before + 2, 5000);
  g_assert_cmpint (iop_live_get_state (live), ==, IOP_LIVE_CONNECTED);
  g_assert_cmpuint (iop_live_get_failures (live), ==, 0);
  g_assert_cmpuint (s->accepted, ==, 2);
  assert_only_allowed (s);
  live_free (live, &w);
  server_free (s);
}

/* No SPDK at all: reconnecting, with the reason */
static void
test_nobody_there (void)
{
  g_autofree char *dir = g_dir_make_tmp ("iopath-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "spdk.sock", NULL);
  IopLive *live = iop_live_new (path);
  Watch w = { 0 };

  w.states = g_array_new (FALSE, FALSE, sizeof (IopLiveState));
  g_signal_connect (live, "notify::state", G_CALLBACK (state_cb), &w);
  iop_live_set_interval (live, 20);
  g_assert_cmpint (iop_live_get_state (live), ==, IOP_LIVE_STOPPED);
  g_assert_cmpstr (iop_live_get_socket (live), ==, path);
  iop_live_start (live);
  RUN_UNTIL (iop_live_get_failures (live) >= 3, 5000);
  g_assert_cmpint (iop_live_get_state (live), ==, IOP_LIVE_RECONNECTING);
  g_assert_nonnull (strstr (iop_live_get_error (live), path));
  live_free (live, &w);
  g_rmdir (dir);

  /* The default socket is SPDK's */
  live = iop_live_new (NULL);
  g_assert_cmpstr (iop_live_get_socket (live), ==, "/var/tmp/spdk.sock");
  g_assert_finalize_object (live);
}

/* Dropping the object in the middle of a request is safe */
static void
test_drop_while_busy (void)
{
  Server *s = server_new (MODE_SILENT);
  Watch w = { 0 };
  IopLive *live = live_new (s, &w, 50, 5000);

  iop_live_start (live);
  RUN_UNTIL (s->methods->len >= 1, 5000);
  g_signal_handlers_disconnect_by_data (live, &w);
  g_assert_finalize_object (live);     /* no stop() first */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  watch_clear (&w);
  server_free (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live/allowlist-schema", test_allowlist_schema);
  g_test_add_func ("/live/refuses", test_refuses);
  g_test_add_func ("/live/normal", test_normal);
  g_test_add_func ("/live/split", test_split);
  g_test_add_func ("/live/rpc-error", test_rpc_error);
  g_test_add_func ("/live/malformed", test_malformed);
  g_test_add_func ("/live/wrong-id", test_wrong_id);
  g_test_add_func ("/live/timeout", test_timeout);
  g_test_add_func ("/live/closed", test_closed);
  g_test_add_func ("/live/comes-back", test_comes_back);
  g_test_add_func ("/live/nobody-there", test_nobody_there);
  g_test_add_func ("/live/drop-while-busy", test_drop_while_busy);
  g_test_add_func ("/live/deep-reply", test_deep_reply);
  g_test_add_func ("/live/wrapped-reply", test_wrapped_reply);
  g_test_add_func ("/live/big-reply", test_big_reply);
  g_test_add_func ("/live/scanner-resumes", test_scanner_resumes);
  return g_test_run ();
}
