/* iop-live.c: a read-only window on a running SPDK, through its JSON-RPC socket
 *
 * SPDK's JSON-RPC server (lib/jsonrpc) reads JSON-RPC 2.0 requests, one JSON
 * object each, {"jsonrpc": "2.0", "method": ..., "id": N[, "params": {...}]},
 * and answers each with one object carrying the same id and a "result" or an
 * "error". A reply can arrive in several reads; bytes are gathered until one
 * whole object is there (iop_json_scan_value), then parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-live.h"

G_STATIC_ASSERT (IOP_LIVE_MAX_REPLY == IOP_JSON_MAX_BYTES);

/* Read-only methods only: each returns state and changes nothing. Checked
 * in SPDK's schema at v26.01 and v26.05 by test-live. bdev_get_iostat is sent
 * without reset_mode, so it resets nothing. */
typedef struct
{
  const char *method;
  const char *params;   /* JSON text or NULL */
} AllowedMethod;

static const AllowedMethod allowlist[] = {
  { "spdk_get_version", NULL },
  { "rpc_get_methods", NULL },
  { "framework_get_reactors", NULL },
  { "framework_get_subsystems", NULL },
  { "thread_get_stats", NULL },
  { "thread_get_pollers", NULL },
  { "thread_get_io_channels", NULL },
  { "iobuf_get_stats", NULL },
  { "bdev_get_bdevs", NULL },
  { "bdev_get_iostat", NULL },
  { "bdev_nvme_get_controllers", NULL },
  { "bdev_nvme_get_io_paths", NULL },
  { "bdev_raid_get_bdevs", "{\"category\":\"all\"}" },
  { "bdev_lvol_get_lvstores", NULL },
  { "nvmf_get_subsystems", NULL },
  { "nvmf_get_stats", NULL },
  { "nvmf_get_transports", NULL },
};

static const char *const default_methods[] = {
  "iobuf_get_stats", "thread_get_stats", "thread_get_pollers", "framework_get_reactors", NULL
};

struct _IopLive
{
  GObject              parent_instance;

  char                *socket_path;
  guint                interval_ms;
  guint                timeout_ms;
  GPtrArray           *methods;        /* const AllowedMethod *, the round */

  IopLiveState         state;
  char                *error;
  gboolean             running;
  gboolean             writing;        /* a request is still being written */
  guint                gen;            /* bumps with every connection */

  GSocketClient       *client;
  GSocketConnection   *conn;
  GCancellable        *cancellable;
  gboolean             connecting;

  GByteArray          *buf;            /* bytes received, not yet a whole reply */
  IopJsonScanner       scanner;        /* how far buf has been scanned */
  GQueue               queue;          /* const AllowedMethod * to send */
  const AllowedMethod *pending;        /* sent, reply awaited */
  guint                pending_id;
  guint                next_id;
  gboolean             in_round;
  JsonObject          *round;          /* results of the round so far */
  guint                sent;
  guint                failures;       /* connection attempts failed in a row */

  guint                tick_id;
  guint                timeout_id;
};

enum
{
  PROP_0,
  PROP_SOCKET,
  PROP_STATE,
  N_PROPS
};

enum
{
  SIGNAL_REPLY,
  SIGNAL_SAMPLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IopLive, iop_live, G_TYPE_OBJECT)

/* An asynchronous operation: it holds the object weakly, so dropping the last
 * reference ends everything, and remembers the connection it belongs to. */
typedef struct
{
  GWeakRef  self;
  guint     gen;
  guint8    chunk[16384];
  GBytes   *bytes;
} Op;

static void live_read (IopLive *self);
static void live_send_next (IopLive *self);
static void live_connect (IopLive *self);

/* --- States ------------------------------------------------------------- */

GType
iop_live_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { IOP_LIVE_STOPPED, "IOP_LIVE_STOPPED", "stopped" },
        { IOP_LIVE_CONNECTING, "IOP_LIVE_CONNECTING", "connecting" },
        { IOP_LIVE_CONNECTED, "IOP_LIVE_CONNECTED", "connected" },
        { IOP_LIVE_TIMED_OUT, "IOP_LIVE_TIMED_OUT", "timed-out" },
        { IOP_LIVE_CLOSED, "IOP_LIVE_CLOSED", "closed" },
        { IOP_LIVE_MALFORMED_REPLY, "IOP_LIVE_MALFORMED_REPLY", "malformed-reply" },
        { IOP_LIVE_RECONNECTING, "IOP_LIVE_RECONNECTING", "reconnecting" },
        { 0, NULL, NULL }
      };
      GType t = g_enum_register_static ("IopLiveState", values);
      g_once_init_leave (&type, t);
    }
  return type;
}

const char *
iop_live_state_name (IopLiveState state)
{
  GEnumClass *klass = g_type_class_ref (IOP_TYPE_LIVE_STATE);
  GEnumValue *v = g_enum_get_value (klass, state);
  const char *name = v ? v->value_nick : "unknown";

  g_type_class_unref (klass);
  return name;
}

const char *
iop_live_state_label (IopLiveState state)
{
  switch (state)
    {
    case IOP_LIVE_STOPPED: return _("Stopped");
    case IOP_LIVE_CONNECTING: return _("Connecting");
    case IOP_LIVE_CONNECTED: return _("Connected");
    case IOP_LIVE_TIMED_OUT: return _("Timed out");
    case IOP_LIVE_CLOSED: return _("Closed");
    case IOP_LIVE_MALFORMED_REPLY: return _("Malformed reply");
    case IOP_LIVE_RECONNECTING: return _("Reconnecting");
    default: return _("Unknown");
    }
}

/* --- The allowlist ------------------------------------------------------ */

static const AllowedMethod *
allowed_lookup (const char *method)
{
  if (method == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (allowlist); i++)
    if (strcmp (allowlist[i].method, method) == 0)
      return &allowlist[i];
  return NULL;
}

const char *const *
iop_live_allowed_methods (void)
{
  static const char *names[G_N_ELEMENTS (allowlist) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (allowlist); i++)
      names[i] = allowlist[i].method;
  return names;
}

gboolean
iop_live_method_allowed (const char *method)
{
  return allowed_lookup (method) != NULL;
}

const char *
iop_live_method_params (const char *method)
{
  const AllowedMethod *m = allowed_lookup (method);
  return m ? m->params : NULL;
}

/* --- Helpers ------------------------------------------------------------ */

static Op *
op_new (IopLive *self)
{
  Op *op = g_new0 (Op, 1);

  g_weak_ref_init (&op->self, self);
  op->gen = self->gen;
  return op;
}

static void
op_free (Op *op)
{
  g_weak_ref_clear (&op->self);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op);
}

/* The object if it lives and the operation belongs to its current connection */
static IopLive *
op_owner (Op *op)
{
  IopLive *self = g_weak_ref_get (&op->self);

  if (self != NULL && (op->gen != self->gen || !self->running))
    g_clear_object (&self);
  return self;
}

static void
set_state (IopLive     *self,
           IopLiveState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (IopLive    *self,
           const char *fmt,
           ...) G_GNUC_PRINTF (2, 3);

static void
set_error (IopLive    *self,
           const char *fmt,
           ...)
{
  va_list args;

  g_free (self->error);
  va_start (args, fmt);
  self->error = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_debug ("%s: %s", self->socket_path, self->error);
}

static void
drop_connection (IopLive *self)
{
  self->gen++;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Close the socket itself: the stream refuses to close while the cancelled
   * read is still pending, and SPDK should see the connection go now. */
  if (self->conn)
    g_socket_close (g_socket_connection_get_socket (self->conn), NULL);
  g_clear_object (&self->conn);
  self->connecting = FALSE;
  self->writing = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->buf)
    g_byte_array_set_size (self->buf, 0);
  iop_json_scanner_init (&self->scanner);
  g_queue_clear (&self->queue);
  self->pending = NULL;
  self->in_round = FALSE;
  g_clear_pointer (&self->round, json_object_unref);
}

/* A failed connection; the next tick reconnects */
static void
fail_connection (IopLive     *self,
                 IopLiveState state)
{
  drop_connection (self);
  set_state (self, state);
}

/* --- Writing: the one place bytes go to the socket ---------------------- */

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  g_autoptr(IopLive) self = op_owner (op);

  op_free (op);
  if (self == NULL)
    return;
  self->writing = FALSE;
  if (!ok)
    {
      set_error (self, _("Writing to %s failed: %s"), self->socket_path, error->message);
      fail_connection (self, IOP_LIVE_CLOSED);
      return;
    }
  /* A fast server may have answered before this write was reported done */
  live_send_next (self);
}

static gboolean
timeout_cb (gpointer user_data)
{
  IopLive *self = user_data;

  self->timeout_id = 0;
  set_error (self, _("%s did not answer %s within %u ms"), self->socket_path,
             self->pending ? self->pending->method : "?", self->timeout_ms);
  fail_connection (self, IOP_LIVE_TIMED_OUT);
  return G_SOURCE_REMOVE;
}

/* M can only come from allowed_lookup(): no other method can be written. */
static void
write_request (IopLive             *self,
               const AllowedMethod *m)
{
  g_autoptr(GString) req = g_string_new (NULL);
  Op *op;

  g_assert (m >= allowlist && m < allowlist + G_N_ELEMENTS (allowlist));
  g_assert (self->conn != NULL && self->pending == NULL);

  self->pending = m;
  self->pending_id = ++self->next_id;
  g_string_append_printf (req, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"id\":%u", m->method, self->pending_id);
  if (m->params)
    g_string_append_printf (req, ",\"params\":%s", m->params);
  g_string_append (req, "}");

  op = op_new (self);
  op->bytes = g_bytes_new (req->str, req->len);
  self->sent++;
  self->writing = TRUE;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (self->conn)),
                                   g_bytes_get_data (op->bytes, NULL), g_bytes_get_size (op->bytes),
                                   G_PRIORITY_DEFAULT, self->cancellable, write_cb, op);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->timeout_ms, timeout_cb, self);
}

gboolean
iop_live_send (IopLive    *self,
               const char *method,
               GError    **error)
{
  const AllowedMethod *m;

  g_return_val_if_fail (IOP_IS_LIVE (self), FALSE);

  m = allowed_lookup (method);
  if (m == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("“%s” is not one of the read-only methods Iopath may send to SPDK; refused"),
                   method ? method : "");
      return FALSE;
    }
  if (self->conn == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("Not connected to %s"), self->socket_path);
      return FALSE;
    }
  g_queue_push_tail (&self->queue, (gpointer)m);
  if (self->pending == NULL)
    live_send_next (self);
  return TRUE;
}

static void
live_send_next (IopLive *self)
{
  const AllowedMethod *m;

  /* one request at a time, and never while the stream still writes the last */
  if (self->conn == NULL || self->pending != NULL || self->writing)
    return;
  m = g_queue_pop_head (&self->queue);
  if (m != NULL)
    {
      write_request (self, m);
      return;
    }
  if (self->in_round)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      self->in_round = FALSE;
      json_node_take_object (node, g_steal_pointer (&self->round));
      g_signal_emit (self, signals[SIGNAL_SAMPLE], 0, node, g_get_monotonic_time () / 1e6);
    }
}

/* --- Reading ------------------------------------------------------------ */

/* One whole reply in RAW; FALSE when it is not the reply awaited */
static gboolean
handle_reply (IopLive    *self,
              const char *raw,
              gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const AllowedMethod *m = self->pending;
  JsonObject *o;
  JsonNode *id, *result;

  /* bounded like every JSON Iopath reads: depth, size, 64-bit integers */
  root = iop_json_parse_document (raw, len, _("the reply"), &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (self, _("%s sent something that is not a JSON-RPC reply: %s"), self->socket_path,
                 error ? error->message : _("not an object"));
      return FALSE;
    }
  o = json_node_get_object (root);
  id = json_object_get_member (o, "id");
  if (m == NULL || id == NULL || !iop_json_node_is_int (id) || json_node_get_int (id) != self->pending_id)
    {
      g_autofree char *got = id && iop_json_node_is_int (id)
                             ? g_strdup_printf ("%" PRId64, json_node_get_int (id)) : g_strdup ("?");

      set_error (self, _("%s answered a request Iopath did not send (id %s; the request in flight has id %u)"),
                 self->socket_path, got, self->pending_id);
      return FALSE;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->pending = NULL;

  result = json_object_get_member (o, "result");
  if (result != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_REPLY], 0, m->method, result);
      if (self->in_round && self->round)
        json_object_set_member (self->round, m->method, json_node_copy (result));
    }
  else
    {
      JsonObject *err = iop_json_get_object (o, "error");
      const char *msg = iop_json_get_str (err, "message");

      if (err == NULL)
        {
          set_error (self, _("%s sent a reply with neither result nor error"), self->socket_path);
          return FALSE;
        }
      /* An SPDK without that module, say: keep going */
      set_error (self, _("SPDK refused %s: %s"), m->method, msg ? msg : "?");
    }
  return TRUE;
}

static void
process_buffer (IopLive *self)
{
  while (self->buf->len > 0 && self->conn != NULL)
    {
      g_autoptr(GError) error = NULL;
      gsize end = 0;
      /* resumes where the last read left off: each byte is scanned once */
      IopJsonScan scan = iop_json_scanner_feed (&self->scanner, (const char *)self->buf->data, self->buf->len,
                                                &end, &error);

      if (scan == IOP_JSON_SCAN_INCOMPLETE)
        {
          if (self->buf->len > IOP_LIVE_MAX_REPLY)
            {
              set_error (self, _("%s sent more than %d bytes without completing a reply"), self->socket_path, IOP_LIVE_MAX_REPLY);
              fail_connection (self, IOP_LIVE_MALFORMED_REPLY);
            }
          return;
        }
      if (scan == IOP_JSON_SCAN_INVALID)
        {
          set_error (self, _("%s sent something that is not a JSON-RPC reply: %s"), self->socket_path, error->message);
          fail_connection (self, IOP_LIVE_MALFORMED_REPLY);
          return;
        }
      {
        g_autofree char *raw = g_strndup ((const char *)self->buf->data, end);
        gsize skip = end;

        /* white space between replies */
        while (skip < self->buf->len && g_ascii_isspace (self->buf->data[skip]))
          skip++;
        g_byte_array_remove_range (self->buf, 0, skip);
        iop_json_scanner_init (&self->scanner);
        if (!handle_reply (self, raw, end))
          {
            fail_connection (self, IOP_LIVE_MALFORMED_REPLY);
            return;
          }
      }
      /* a "reply" handler may have stopped everything */
      live_send_next (self);
    }
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(IopLive) self = op_owner (op);

  if (self == NULL)
    {
      op_free (op);
      return;
    }
  if (n < 0)
    {
      set_error (self, _("Reading from %s failed: %s"), self->socket_path, error->message);
      op_free (op);
      fail_connection (self, IOP_LIVE_CLOSED);
      return;
    }
  if (n == 0)
    {
      set_error (self, _("SPDK closed %s"), self->socket_path);
      op_free (op);
      fail_connection (self, IOP_LIVE_CLOSED);
      return;
    }
  if (self->pending == NULL)
    {
      set_error (self, _("%s sent bytes nobody asked for"), self->socket_path);
      op_free (op);
      fail_connection (self, IOP_LIVE_MALFORMED_REPLY);
      return;
    }
  g_byte_array_append (self->buf, op->chunk, (guint)n);
  op_free (op);
  process_buffer (self);
  if (self->conn != NULL)
    live_read (self);
}

static void
live_read (IopLive *self)
{
  Op *op = op_new (self);

  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (self->conn)),
                             op->chunk, sizeof op->chunk, G_PRIORITY_DEFAULT,
                             self->cancellable, read_cb, op);
}

/* --- Connecting and polling --------------------------------------------- */

static void
start_round (IopLive *self)
{
  if (self->conn == NULL || self->in_round || self->pending != NULL)
    return;   /* still busy with the last one */
  self->in_round = TRUE;
  g_clear_pointer (&self->round, json_object_unref);
  self->round = json_object_new ();
  for (guint i = 0; i < self->methods->len; i++)
    g_queue_push_tail (&self->queue, g_ptr_array_index (self->methods, i));
  live_send_next (self);
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  g_autoptr(IopLive) self = op_owner (op);

  op_free (op);
  if (self == NULL)
    return;
  self->connecting = FALSE;
  if (conn == NULL)
    {
      set_error (self, _("Cannot connect to %s: %s"), self->socket_path, error->message);
      self->failures++;
      set_state (self, IOP_LIVE_RECONNECTING);
      return;
    }
  self->conn = g_steal_pointer (&conn);
  self->failures = 0;
  g_clear_pointer (&self->error, g_free);
  set_state (self, IOP_LIVE_CONNECTED);
  live_read (self);
  start_round (self);
}

static void
live_connect (IopLive *self)
{
  g_autoptr(GSocketAddress) addr = NULL;
  Op *op;

  drop_connection (self);
  self->cancellable = g_cancellable_new ();
  self->connecting = TRUE;
  if (self->state != IOP_LIVE_STOPPED && self->state != IOP_LIVE_CONNECTING)
    set_state (self, IOP_LIVE_RECONNECTING);
  else
    set_state (self, IOP_LIVE_CONNECTING);
  addr = g_unix_socket_address_new (self->socket_path);
  op = op_new (self);
  g_socket_client_connect_async (self->client, G_SOCKET_CONNECTABLE (addr), self->cancellable, connect_cb, op);
}

static gboolean
tick_cb (gpointer user_data)
{
  IopLive *self = user_data;

  if (self->conn != NULL)
    start_round (self);
  else if (!self->connecting)
    live_connect (self);
  return G_SOURCE_CONTINUE;
}

void
iop_live_start (IopLive *self)
{
  g_return_if_fail (IOP_IS_LIVE (self));

  if (self->running)
    return;
  self->running = TRUE;
  set_state (self, IOP_LIVE_STOPPED);
  live_connect (self);
  self->tick_id = g_timeout_add (self->interval_ms, tick_cb, self);
}

void
iop_live_stop (IopLive *self)
{
  g_return_if_fail (IOP_IS_LIVE (self));

  self->running = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  drop_connection (self);
  set_state (self, IOP_LIVE_STOPPED);
}

/* --- Settings ----------------------------------------------------------- */

void
iop_live_set_interval (IopLive *self,
                       guint    interval_ms)
{
  g_return_if_fail (IOP_IS_LIVE (self));

  self->interval_ms = MAX (interval_ms, 10);
  if (self->tick_id)
    {
      g_source_remove (self->tick_id);
      self->tick_id = g_timeout_add (self->interval_ms, tick_cb, self);
    }
}

void
iop_live_set_timeout (IopLive *self,
                      guint    timeout_ms)
{
  g_return_if_fail (IOP_IS_LIVE (self));
  self->timeout_ms = MAX (timeout_ms, 10);
}

gboolean
iop_live_set_methods (IopLive           *self,
                      const char *const *methods,
                      GError           **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (IOP_IS_LIVE (self), FALSE);

  for (guint i = 0; methods && methods[i]; i++)
    {
      const AllowedMethod *m = allowed_lookup (methods[i]);

      if (m == NULL)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       _("“%s” is not one of the read-only methods Iopath may send to SPDK"), methods[i]);
          return FALSE;
        }
      g_ptr_array_add (list, (gpointer)m);
    }
  g_ptr_array_set_size (self->methods, 0);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (self->methods, g_ptr_array_index (list, i));
  return TRUE;
}

IopLiveState
iop_live_get_state (IopLive *self)
{
  g_return_val_if_fail (IOP_IS_LIVE (self), IOP_LIVE_STOPPED);
  return self->state;
}

const char *
iop_live_get_socket (IopLive *self)
{
  g_return_val_if_fail (IOP_IS_LIVE (self), NULL);
  return self->socket_path;
}

const char *
iop_live_get_error (IopLive *self)
{
  g_return_val_if_fail (IOP_IS_LIVE (self), NULL);
  return self->error;
}

guint
iop_live_get_failures (IopLive *self)
{
  g_return_val_if_fail (IOP_IS_LIVE (self), 0);
  return self->failures;
}

guint
iop_live_get_sent_count (IopLive *self)
{
  g_return_val_if_fail (IOP_IS_LIVE (self), 0);
  return self->sent;
}

/* --- GObject ------------------------------------------------------------ */

static void
iop_live_dispose (GObject *object)
{
  IopLive *self = IOP_LIVE (object);

  self->running = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  drop_connection (self);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (iop_live_parent_class)->dispose (object);
}

static void
iop_live_finalize (GObject *object)
{
  IopLive *self = IOP_LIVE (object);

  g_free (self->socket_path);
  g_free (self->error);
  g_ptr_array_unref (self->methods);
  g_byte_array_unref (self->buf);
  G_OBJECT_CLASS (iop_live_parent_class)->finalize (object);
}

static void
iop_live_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  IopLive *self = IOP_LIVE (object);

  switch (prop_id)
    {
    case PROP_SOCKET:
      g_value_set_string (value, self->socket_path);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_live_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  IopLive *self = IOP_LIVE (object);

  switch (prop_id)
    {
    case PROP_SOCKET:
      g_free (self->socket_path);
      self->socket_path = g_value_dup_string (value);
      if (self->socket_path == NULL)
        self->socket_path = g_strdup (IOP_LIVE_DEFAULT_SOCKET);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_live_class_init (IopLiveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = iop_live_dispose;
  object_class->finalize = iop_live_finalize;
  object_class->get_property = iop_live_get_property;
  object_class->set_property = iop_live_set_property;

  properties[PROP_SOCKET] =
    g_param_spec_string ("socket", NULL, NULL, IOP_LIVE_DEFAULT_SOCKET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, IOP_TYPE_LIVE_STATE, IOP_LIVE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REPLY] =
    g_signal_new ("reply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_NODE);
  signals[SIGNAL_SAMPLE] =
    g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, JSON_TYPE_NODE, G_TYPE_DOUBLE);
}

static void
iop_live_init (IopLive *self)
{
  self->interval_ms = 1000;
  self->timeout_ms = 5000;
  self->methods = g_ptr_array_new ();
  self->buf = g_byte_array_new ();
  iop_json_scanner_init (&self->scanner);
  self->client = g_socket_client_new ();
  g_queue_init (&self->queue);
  iop_live_set_methods (self, default_methods, NULL);
}

IopLive *
iop_live_new (const char *socket_path)
{
  return g_object_new (IOP_TYPE_LIVE, "socket", socket_path ? socket_path : IOP_LIVE_DEFAULT_SOCKET, NULL);
}
