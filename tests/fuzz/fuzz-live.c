/* fuzz-live.c: the live-attach reply reader (iopath-cli attach, the app's
 * live view): the bytes a peer on SPDK's RPC socket sends, cut into replies,
 * parsed and matched to the requests, then explained as the app does with a
 * round of replies
 *
 * The input is what the peer sends, in segments cut at each form feed
 * ('\f'). A fake peer, run on the harness's own thread so that every run is
 * the same, accepts IopLive's connection and, each time the client has
 * nothing left to do (it waits for a reply), sends the next segment; after the
 * last one it closes its side. The run ends when IopLive leaves the
 * connected state (closed, malformed reply) or delivers a whole round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "iop-live.h"

#define MAX_SEGMENTS 64

static char *socket_path;
static int   listen_fd = -1;

typedef struct
{
  int           fd;            /* the accepted connection, or -1 */
  const guint8 *data;
  gsize         size;
  gsize         pos;           /* next byte to send */
  guint         segments;      /* sent so far */
  gboolean      shut;          /* our side closed */
  gboolean      client_gone;
  gsize         received;      /* request bytes read */
} Peer;

typedef struct
{
  JsonNode   *sample;
  GHashTable *replies;         /* method -> JsonNode */
  gboolean    done;
} Client;

static void
remove_socket (void)
{
  g_unlink (socket_path);
}

/* Sockets left by harnesses that died (a crash, libFuzzer's _Exit) */
static void
remove_stale_sockets (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      gint64 pid;
      char *end = NULL;

      if (!g_str_has_prefix (name, "iopath-fuzz-live-"))
        continue;
      pid = g_ascii_strtoll (name + strlen ("iopath-fuzz-live-"), &end, 10);
      if (pid > 0 && g_strcmp0 (end, ".sock") == 0 && kill ((pid_t)pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

          g_unlink (path);
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  g_autofree char *name = g_strdup_printf ("iopath-fuzz-live-%d.sock", (int)getpid ());

  fuzz_init_common ();
  remove_stale_sockets ();
  socket_path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_unlink (socket_path);
  g_assert_cmpuint (strlen (socket_path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, socket_path);
  listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  g_assert_cmpint (listen_fd, >=, 0);
  g_assert_cmpint (bind (listen_fd, (struct sockaddr *)&addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (listen_fd, 4), ==, 0);
  atexit (remove_socket);
  return 0;
}

/* One step of the peer; TRUE when it did something */
static gboolean
peer_step (Peer *peer)
{
  guint8 buf[4096];
  const guint8 *end, *seg_end;
  ssize_t n;

  if (peer->fd < 0)
    {
      peer->fd = accept (listen_fd, NULL, NULL);
      if (peer->fd < 0)
        return FALSE;
      g_assert_cmpint (fcntl (peer->fd, F_SETFL, O_NONBLOCK), ==, 0);
      return TRUE;
    }
  if (!peer->client_gone)
    {
      n = recv (peer->fd, buf, sizeof buf, 0);
      if (n > 0)
        {
          peer->received += (gsize)n;
          return TRUE;
        }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
        {
          peer->client_gone = TRUE;
          return TRUE;
        }
    }
  if (peer->client_gone || peer->shut)
    return FALSE;
  if (peer->pos >= peer->size || peer->segments >= MAX_SEGMENTS)
    {
      shutdown (peer->fd, SHUT_WR);
      peer->shut = TRUE;
      return TRUE;
    }
  /* The rest of the current segment, as much as the socket takes */
  end = peer->data + peer->size;
  seg_end = memchr (peer->data + peer->pos, '\f', end - (peer->data + peer->pos));
  if (seg_end == NULL)
    seg_end = end;
  if (seg_end > peer->data + peer->pos)
    {
      n = send (peer->fd, peer->data + peer->pos, seg_end - (peer->data + peer->pos), MSG_NOSIGNAL);
      if (n < 0)
        {
          if (errno != EAGAIN && errno != EWOULDBLOCK)
            peer->client_gone = TRUE;
          return errno != EAGAIN && errno != EWOULDBLOCK;
        }
      peer->pos += (gsize)n;
      if (peer->data + peer->pos < seg_end)
        return TRUE;
    }
  /* The segment is out: skip its form feed; the next goes when the client waits again */
  if (peer->pos < peer->size)
    peer->pos++;
  peer->segments++;
  return TRUE;
}

static void
reply_cb (IopLive    *live,
          const char *method,
          JsonNode   *result,
          Client     *client)
{
  g_assert_true (iop_live_method_allowed (method));
  g_assert_nonnull (result);
  g_hash_table_insert (client->replies, g_strdup (method), json_node_copy (result));
}

static void
sample_cb (IopLive  *live,
           JsonNode *sample,
           double    t,
           Client   *client)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (sample));
  if (client->sample == NULL)
    client->sample = json_node_copy (sample);
  client->done = TRUE;
}

static void
state_cb (IopLive    *live,
          GParamSpec *pspec,
          Client     *client)
{
  IopLiveState state = iop_live_get_state (live);

  if (state != IOP_LIVE_CONNECTING && state != IOP_LIVE_CONNECTED && state != IOP_LIVE_STOPPED)
    {
      /* Every way out says why */
      g_assert_nonnull (iop_live_get_error (live));
      client->done = TRUE;
    }
}

/* What the app's live view does with a round: explain it, and the rates */
static void
explain_round (Client *client)
{
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  g_autoptr(JsonNode) rates = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, client->replies);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      g_autofree char *name = g_strdup_printf ("live:%s", (char *)k);

      iop_runtime_add_node (rt, "spdk", name, v);
    }
  fuzz_explain (rt);
  rates = iop_runtime_rates (client->sample, client->sample, 1.0);
  if (rates != NULL)
    {
      text = iop_runtime_rates_to_text (rates);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(IopLive) live = iop_live_new (socket_path);
  Peer peer = { .fd = -1, .data = data, .size = size };
  Client client = { 0 };
  guint steps = 0;

  client.replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_node_unref);
  /* No second round and no time-out: the peer always ends by closing */
  iop_live_set_interval (live, 3600 * 1000);
  iop_live_set_timeout (live, 3600 * 1000);
  g_signal_connect (live, "reply", G_CALLBACK (reply_cb), &client);
  g_signal_connect (live, "sample", G_CALLBACK (sample_cb), &client);
  g_signal_connect (live, "notify::state", G_CALLBACK (state_cb), &client);
  iop_live_start (live);

  while (!client.done)
    {
      g_assert_cmpuint (++steps, <, 1000000);
      if (g_main_context_iteration (NULL, FALSE))
        continue;
      if (peer_step (&peer))
        continue;
      /* The client waits on something outside this thread */
      g_main_context_iteration (NULL, TRUE);
    }
  if (client.sample != NULL)
    explain_round (&client);

  iop_live_stop (live);
  g_signal_handlers_disconnect_by_data (live, &client);
  g_clear_object (&live);
  if (peer.fd >= 0)
    close (peer.fd);
  /* Cancelled reads and writes finish now, not in the next run */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&client.sample, json_node_unref);
  g_hash_table_unref (client.replies);
  return 0;
}
