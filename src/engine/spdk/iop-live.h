/* iop-live.h: a read-only window on a running SPDK, through its JSON-RPC socket
 *
 * IopLive connects to SPDK's Unix socket (/var/tmp/spdk.sock by default) with
 * GIO's asynchronous calls, so it never blocks the main loop, and asks the
 * dump methods every interval. Only methods of a fixed allowlist of read-only
 * *_get_* methods can ever reach the socket: the one function that writes
 * takes an allowlist entry, and iop_live_send() refuses anything else.
 *
 * It is the one part of the engine that runs on the main loop's timers: it
 * polls a process that changes on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define IOP_LIVE_DEFAULT_SOCKET "/var/tmp/spdk.sock"
/* A reply larger than this is taken as malformed (IOP_JSON_MAX_BYTES) */
#define IOP_LIVE_MAX_REPLY (64 * 1024 * 1024)

typedef enum
{
  IOP_LIVE_STOPPED,
  IOP_LIVE_CONNECTING,
  IOP_LIVE_CONNECTED,
  IOP_LIVE_TIMED_OUT,       /* no whole reply within the time-out; the connection was dropped */
  IOP_LIVE_CLOSED,          /* SPDK closed the socket, or it broke */
  IOP_LIVE_MALFORMED_REPLY, /* bytes that are not a JSON-RPC reply to what was asked */
  IOP_LIVE_RECONNECTING,    /* waiting for SPDK to accept again */
} IopLiveState;

#define IOP_TYPE_LIVE_STATE (iop_live_state_get_type ())
GType       iop_live_state_get_type (void);
const char *iop_live_state_name     (IopLiveState state);   /* "connected", "timed-out" ... */
const char *iop_live_state_label    (IopLiveState state);   /* translated */

/* The read-only methods Iopath may send, NULL terminated */
const char *const *iop_live_allowed_methods (void);
gboolean           iop_live_method_allowed  (const char *method);
/* The params sent with METHOD as JSON text, or NULL for none */
const char        *iop_live_method_params   (const char *method);

#define IOP_TYPE_LIVE (iop_live_get_type ())
G_DECLARE_FINAL_TYPE (IopLive, iop_live, IOP, LIVE, GObject)

IopLive      *iop_live_new            (const char *socket_path);

/* Every INTERVAL_MS, one round: each polled method in turn. Default 1000. */
void          iop_live_set_interval   (IopLive    *self,
                                       guint       interval_ms);
/* A reply must be whole within TIMEOUT_MS. Default 5000. */
void          iop_live_set_timeout    (IopLive    *self,
                                       guint       timeout_ms);
/* The methods of each round; each must be allowed. Default: iobuf_get_stats,
 * thread_get_stats, thread_get_pollers, framework_get_reactors. */
gboolean      iop_live_set_methods    (IopLive            *self,
                                       const char *const  *methods,
                                       GError            **error);

void          iop_live_start          (IopLive    *self);
void          iop_live_stop           (IopLive    *self);

/* Asks METHOD once, now or after the request in flight. Refuses, without
 * touching the socket, any method outside the allowlist. */
gboolean      iop_live_send           (IopLive    *self,
                                       const char *method,
                                       GError    **error);

IopLiveState  iop_live_get_state      (IopLive    *self);
const char   *iop_live_get_socket     (IopLive    *self);
/* The last problem, translated, or NULL */
const char   *iop_live_get_error      (IopLive    *self);
/* Connection attempts that failed in a row (0 once connected) */
guint         iop_live_get_failures   (IopLive    *self);
/* Methods written to the socket so far (for tests and the status line) */
guint         iop_live_get_sent_count (IopLive    *self);

/* Signals:
 *   "reply"  (const char *method, JsonNode *result)   each reply
 *   "sample" (JsonNode *sample, gdouble seconds)      a whole round: {METHOD: result};
 *                                                     SECONDS is a monotonic time stamp
 *   notify::state
 */

G_END_DECLS
