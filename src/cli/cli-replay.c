/* cli-replay.c: iopath-cli replay PATH...
 *
 * Follows real I/Os through spdk_trace -j captures of several hosts and
 * prints the time of each hop of the path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "iop-replay.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

int
iop_cli_replay_main (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (keys hosts, ios_seen, ios_followed, by_op, hops, ios, partial, warnings)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopReplay) replay = NULL;

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

  if (json)
    {
      g_autoptr(JsonNode) node = iop_replay_to_json (replay);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *out = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_root (gen, node);
      out = json_generator_to_data (gen, NULL);
      g_print ("%s\n", out);
    }
  else
    {
      g_autofree char *text = iop_replay_to_text (replay);
      g_print ("%s", text);
    }
  if (iop_replay_n_followed (replay) == 0)
    {
      g_printerr (_("iopath-cli replay: no I/O could be followed from a guest through to the storage and back\n"));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}
