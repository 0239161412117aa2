/* cli-replay.c: iopath-cli replay PATH...
 *
 * Follows real I/Os through spdk_trace -j captures of several hosts and
 * prints the time of each hop of the path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "iop-replay.h"
#include "iop-scenario.h"
#include "iop-sim.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* --io WHICH: one followed I/O as a trace */
static int
print_io (IopReplay  *replay,
          const char *io,
          const char *scenario,
          gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_load (scenario ? scenario : "realrun-tcp", &error);
  g_autoptr(IopTrace) trace = NULL;
  guint index;
  char *end = NULL;
  guint64 n;

  if (sc == NULL)
    {
      g_printerr ("iopath-cli replay: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (g_strcmp0 (io, "median") == 0 || g_strcmp0 (io, "slowest") == 0 || g_strcmp0 (io, "first") == 0)
    index = iop_replay_pick (replay, io);
  else
    {
      n = g_ascii_strtoull (io, &end, 10);
      if (end == io || *end != '\0' || n < 1 || n > iop_replay_n_followed (replay))
        {
          g_printerr (_("iopath-cli replay: --io takes median, slowest, first or a number from 1 to %u, not %s\n"),
                      iop_replay_n_followed (replay), io);
          return EXIT_USAGE;
        }
      index = (guint)n - 1;
    }
  trace = iop_replay_to_trace (replay, index, sc, &error);
  if (trace == NULL)
    {
      g_printerr ("iopath-cli replay: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = iop_trace_to_json (trace);
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *table = iop_trace_to_table (trace);
      g_print (_("Recorded I/O %u of %u:\n%s"), index + 1, iop_replay_n_followed (replay), table);
    }
  return EXIT_OK;
}

int
iop_cli_replay_main (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean compare = FALSE;
  g_autofree char *scenario = NULL;
  g_autofree char *io = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (keys hosts, ios_seen, ios_followed, by_op, hops, ios, partial, warnings)"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare, N_("Set the model's trace of the capture's most common I/O beside it, hop by hop (JSON key compare)"), NULL },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, N_("Scenario for --compare and --io (default: realrun-tcp, the recorded deployment)"), N_("SCENARIO") },
    { "io", 0, 0, G_OPTION_ARG_STRING, &io, N_("Print one followed I/O as a trace, step by step: median, slowest, first or its number"), N_("WHICH") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopReplay) replay = NULL;
  g_autoptr(IopTrace) model = NULL;

  ctx = g_option_context_new (_("PATH... — follow real I/Os through SPDK tracepoint captures"));
  g_option_context_set_summary (ctx,
    _("Reads the JSON of spdk_trace -j, one file per host (HOST.spdk_trace.json: the host is the\n"
      "name before the first dot) or a folder of them. Follows each I/O within a host by the\n"
      "objects its tracepoints create and relate (bdev_io, raid_bdev_io, bdev_nvme io, NVMe\n"
      "request, transport request, blob request set), across hosts by the command's LBA and\n"
      "opcode, and prints the median and p99 time of each hop from the guest to the storage\n"
      "and back. Tracepoints are known by the names in each file's tpoints table; the TSC\n"
      "rate is the file's. The hosts must share one TSC (one machine).\n"
      "\n"
      "Examples:\n"
      "  iopath-cli replay ../shared/spdk/trace/a_write4k_qd1\n"
      "  iopath-cli replay guest.spdk_trace.json baremetal.spdk_trace.json storageA.spdk_trace.json --json"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr (_("iopath-cli replay: %s (see iopath-cli replay --help)\n"), error->message);
      return EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr (_("iopath-cli replay: give a folder of *.spdk_trace.json or the files (see iopath-cli replay --help)\n"));
      return EXIT_USAGE;
    }

  replay = iop_replay_new ();
  for (int i = 1; i < argc; i++)
    if (!iop_replay_add_path (replay, argv[i], &error))
      {
        g_printerr ("iopath-cli replay: %s\n", error->message);
        return EXIT_FAILED;
      }
  iop_replay_follow (replay);

  if (io != NULL && iop_replay_n_followed (replay) > 0)
    return print_io (replay, io, scenario, json);

  if (compare && iop_replay_n_followed (replay) > 0)
    {
      const char *op = NULL;
      guint64 blocks = 0;
      g_autoptr(IopScenario) sc = iop_scenario_load (scenario ? scenario : "realrun-tcp", &error);

      if (sc == NULL)
        {
          g_printerr ("iopath-cli replay: %s\n", error->message);
          return EXIT_FAILED;
        }
      iop_replay_main_io (replay, &op, &blocks);
      if (blocks == 0 || blocks > (16 * 1024 * 1024) / sc->block_size)
        {
          g_printerr (_("iopath-cli replay: the capture's I/O (%s of %" PRIu64 " blocks) is not one the model runs (512 B to 16 MiB)\n"),
                      op, blocks);
          return EXIT_FAILED;
        }
      iop_op_parse (op, &sc->op, NULL);
      sc->io_size = (gint64)(blocks * sc->block_size);
      model = iop_trace_run (sc, &error);
      if (model == NULL)
        {
          g_printerr ("iopath-cli replay: %s\n", error->message);
          return EXIT_FAILED;
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) node = iop_replay_to_json (replay);
      if (model != NULL)
        json_object_set_member (json_node_get_object (node), "compare", iop_replay_compare_to_json (replay, model));
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_replay_to_text (replay);
      g_print ("%s", text);
      if (model != NULL)
        {
          g_autofree char *ctext = iop_replay_compare_to_text (replay, model);
          g_print ("%s", ctext);
        }
    }
  if (iop_replay_n_followed (replay) == 0)
    {
      g_printerr (_("iopath-cli replay: no I/O could be followed from a guest through to the storage and back\n"));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}
