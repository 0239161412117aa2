/* cli-attach.c: iopath-cli attach — read-only rates from a running SPDK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdarg.h>

#include "iop-live.h"
#include "iop-runtime.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* Give up after this many failed attempts when SPDK never answered at all */
#define MAX_FIRST_ATTEMPTS 3

typedef struct
{
  GMainLoop *loop;
  IopLive   *live;
  JsonNode  *prev;
  double     prev_t;
  int        count;
  int        printed;
  gboolean   json;
  gboolean   ever_connected;
  gboolean   ever_sampled;
  int        malformed;      /* malformed replies before any sample */
  int        exit_code;
} Attach;

static int
fail (int code, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static int
fail (int code, const char *fmt, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("iopath-cli attach: %s\n", msg);
  return code;
}

static void
sample_cb (IopLive  *live,
           JsonNode *sample,
           double    t,
           gpointer  user_data)
{
  Attach *a = user_data;

  a->ever_sampled = TRUE;
  if (a->prev != NULL)
    {
      g_autoptr(JsonNode) rates = iop_runtime_rates (a->prev, sample, t - a->prev_t);

      if (a->json)
        {
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          g_autofree char *out = NULL;

          json_generator_set_root (gen, rates);
          out = json_generator_to_data (gen, NULL);
          g_print ("%s\n", out);
        }
      else
        {
          g_autofree char *text = iop_runtime_rates_to_text (rates);
          g_print ("%s", text);
        }
      a->printed++;
      if (a->count > 0 && a->printed >= a->count)
        g_main_loop_quit (a->loop);
    }
  else if (!a->json)
    g_print (_("First sample taken; rates follow every interval.\n"));
  g_clear_pointer (&a->prev, json_node_unref);
  a->prev = json_node_copy (sample);
  a->prev_t = t;
}

static void
state_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  Attach *a = user_data;
  IopLiveState state = iop_live_get_state (a->live);
  const char *err = iop_live_get_error (a->live);

  if (state == IOP_LIVE_CONNECTED)
    a->ever_connected = TRUE;
  /* a peer that never once answers with a usable reply is not worth waiting for */
  if (state == IOP_LIVE_MALFORMED_REPLY && !a->ever_sampled && ++a->malformed >= MAX_FIRST_ATTEMPTS)
    {
      a->exit_code = EXIT_FAILED;
      g_main_loop_quit (a->loop);
    }
  if (state == IOP_LIVE_RECONNECTING || state == IOP_LIVE_CLOSED || state == IOP_LIVE_TIMED_OUT ||
      state == IOP_LIVE_MALFORMED_REPLY)
    {
      /* A fresh stretch of trouble starts a fresh prev: rates need two samples of one run */
      g_clear_pointer (&a->prev, json_node_unref);
    }
  g_printerr ("iopath-cli attach: %s%s%s\n", iop_live_state_label (state),
              err && state != IOP_LIVE_CONNECTED ? ": " : "", err && state != IOP_LIVE_CONNECTED ? err : "");
}

/* SPDK that never answered: give up; one that went away: wait for it */
static gboolean
watch_cb (gpointer user_data)
{
  Attach *a = user_data;

  if (!a->ever_connected && iop_live_get_failures (a->live) >= MAX_FIRST_ATTEMPTS)
    {
      a->exit_code = EXIT_FAILED;
      g_main_loop_quit (a->loop);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
sigint_cb (gpointer user_data)
{
  Attach *a = user_data;

  g_main_loop_quit (a->loop);
  return G_SOURCE_CONTINUE;
}

int
iop_cli_attach_main (int argc, char **argv)
{
  g_autofree char *socket = NULL;
  g_autofree char *methods = NULL;
  double interval = 1.0, timeout = 5.0;
  int count = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "socket", 's', 0, G_OPTION_ARG_FILENAME, &socket, N_("SPDK's JSON-RPC socket (default: /var/tmp/spdk.sock)"), N_("PATH") },
    { "interval", 'i', 0, G_OPTION_ARG_DOUBLE, &interval, N_("Seconds between samples (default: 1)"), N_("S") },
    { "count", 'c', 0, G_OPTION_ARG_INT, &count, N_("Stop after N intervals (default: run until Ctrl-C)"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, N_("Seconds a reply may take (default: 5)"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per interval"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(IopLive) live = NULL;
  g_autofree char *allowed = NULL;
  Attach a = { 0 };
  guint sig, watch;

  allowed = g_strjoinv (", ", (char **)iop_live_allowed_methods ());
  ctx = g_option_context_new (_("— rates from a running SPDK, read-only"));
  {
    g_autofree char *summary = g_strdup_printf (
      _("Connects to SPDK's JSON-RPC socket and, every interval, asks iobuf_get_stats,\n"
        "thread_get_stats, thread_get_pollers and framework_get_reactors, then prints the\n"
        "rates per second: buffers taken from the caches and the central pools, retries\n"
        "(a request found the pool empty), and each thread's busy share.\n"
        "\n"
        "Only read-only methods are ever sent: %s."), allowed);
    g_option_context_set_summary (ctx, summary);
  }
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail (EXIT_USAGE, _("%s (see iopath-cli attach --help)"), error->message);
  if (argc > 1)
    return fail (EXIT_USAGE, _("unexpected argument “%s”"), argv[1]);
  /* written so that NaN fails too */
  if (!(interval >= 0.05 && interval <= 3600))
    return fail (EXIT_USAGE, _("--interval must be between 0.05 and 3600 seconds"));
  if (!(timeout >= 0.05 && timeout <= 3600))
    return fail (EXIT_USAGE, _("--timeout must be between 0.05 and 3600 seconds"));
  if (count < 0)
    return fail (EXIT_USAGE, _("--count must be 0 (forever) or more"));

  loop = g_main_loop_new (NULL, FALSE);
  live = iop_live_new (socket);
  iop_live_set_interval (live, (guint)(interval * 1000));
  iop_live_set_timeout (live, (guint)(timeout * 1000));

  a.loop = loop;
  a.live = live;
  a.count = count;
  a.json = json;
  g_signal_connect (live, "sample", G_CALLBACK (sample_cb), &a);
  g_signal_connect (live, "notify::state", G_CALLBACK (state_cb), &a);
  sig = g_unix_signal_add (SIGINT, sigint_cb, &a);
  watch = g_timeout_add (100, watch_cb, &a);

  iop_live_start (live);
  g_main_loop_run (loop);
  g_signal_handlers_disconnect_by_data (live, &a);
  iop_live_stop (live);
  g_source_remove (sig);
  g_source_remove (watch);
  g_clear_pointer (&a.prev, json_node_unref);
  if (a.exit_code == EXIT_FAILED && a.malformed >= MAX_FIRST_ATTEMPTS)
    return fail (EXIT_FAILED, _("%s never sent a usable reply (%d tries): %s"), iop_live_get_socket (live),
                 a.malformed, iop_live_get_error (live) ? iop_live_get_error (live) : "?");
  if (a.exit_code == EXIT_FAILED)
    return fail (EXIT_FAILED, _("cannot reach SPDK at %s: %s"), iop_live_get_socket (live),
                 iop_live_get_error (live) ? iop_live_get_error (live) : "?");
  return EXIT_OK;
}
