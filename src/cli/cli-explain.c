/* cli-explain.c: iopath-cli explain PATH...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>

#include "iop-runtime.h"
#include "iop-compare.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

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
  g_printerr ("iopath-cli explain: %s\n", msg);
  return code;
}

int
iop_cli_explain_main (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean compare = FALSE;
  g_autofree char *scenario = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (keys roles, threads, findings, per host under hosts)"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare, N_("Run the scenario's workload as the dumps' run was loaded and set the model beside the run"), NULL },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, N_("Scenario for --compare (default: realrun-tcp, the recorded run)"), N_("SCENARIO") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopRuntime) rt = NULL;

  ctx = g_option_context_new (_("PATH... — explain the dumps of a running SPDK"));
  g_option_context_set_summary (ctx,
    _("Reads the JSON that SPDK's RPCs return (iobuf_get_stats, thread_get_pollers, thread_get_stats,\n"
      "framework_get_reactors, thread_get_io_channels, bdev_nvme_get_controllers, bdev_get_iostat,\n"
      "nvmf_get_subsystems, nvmf_get_stats, save_config...), one file each or a folder of them, and\n"
      "spdk_tgt or rpc.py logs. Each file is recognised by its content. Says which roles the host\n"
      "plays, which lcore is the control plane, which threads are hot, how the iobuf pools fare,\n"
      "and where to look first, with the knob to turn.\n"
      "\n"
      "Files from several hosts are told apart by the name before the first dot\n"
      "(baremetal.iobuf_get_stats.json, storage.iobuf_get_stats.json). Two iobuf_get_stats\n"
      "samples of one host are compared: retries still growing mean the pool is too small.\n"
      "\n"
      "Examples:\n"
      "  iopath-cli explain dumps/\n"
      "  iopath-cli explain ../shared/spdk/runtime --compare\n"
      "  iopath-cli explain iobuf.t0.json iobuf.t5.json pollers.json --json"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return fail (EXIT_USAGE, _("%s (see iopath-cli explain --help)"), error->message);
  if (argc < 2)
    return fail (EXIT_USAGE, _("give at least one file or folder (see iopath-cli explain --help)"));

  rt = iop_runtime_new ();
  for (int i = 1; i < argc; i++)
    if (!iop_runtime_add_path (rt, argv[i], &error))
      return fail (EXIT_FAILED, "%s", error->message);
  iop_runtime_explain (rt);

  if (compare)
    {
      g_autoptr(IopScenario) sc = iop_scenario_load (scenario ? scenario : "realrun-tcp", &error);
      g_autoptr(IopComparison) cmp = NULL;

      if (sc == NULL)
        return fail (EXIT_FAILED, "%s", error->message);
      cmp = iop_compare_run (rt, sc, &error);
      if (cmp == NULL)
        return fail (EXIT_FAILED, "%s", error->message);
      iop_runtime_explain (rt);
      if (json)
        {
          g_autoptr(JsonNode) node = iop_runtime_to_json (rt);
          g_autoptr(JsonNode) cnode = iop_comparison_to_json (cmp);

          json_object_set_member (json_node_get_object (node), "compare", g_steal_pointer (&cnode));
          iop_cli_print_json (node);
        }
      else
        {
          g_autofree char *text = iop_runtime_to_text (rt);
          g_autofree char *ctext = iop_comparison_to_text (cmp);
          g_print ("%s\n%s", text, ctext);
        }
      return EXIT_OK;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = iop_runtime_to_json (rt);
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_runtime_to_text (rt);
      g_print ("%s", text);
    }
  return EXIT_OK;
}
