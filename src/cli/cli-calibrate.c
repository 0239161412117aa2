/* cli-calibrate.c: iopath-cli calibrate DIR... --output FILE
 *
 * Fits the model's timing to real tracepoint captures and writes the
 * calibrated scenario.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "iop-calibrate.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

int
iop_cli_calibrate_main (int argc, char **argv)
{
  gboolean json = FALSE, loo = FALSE, force = FALSE;
  g_autofree char *scenario = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the calibrated scenario to FILE (an existing file is kept unless --force)"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE when it exists"), NULL },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, N_("Scenario to calibrate (default: realrun-tcp, the recorded deployment)"), N_("SCENARIO") },
    { "leave-one-out", 0, 0, G_OPTION_ARG_NONE, &loo, N_("Also predict each capture by a fit of the others"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (keys base, parameters, captures, not_fitted)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopCalibration) cal = NULL;

  ctx = g_option_context_new (_("DIR... — fit the model's timing to real tracepoint captures"));
  g_option_context_set_summary (ctx,
    _("Follows the I/Os of each capture folder (spdk_trace -j per host, as iopath-cli replay reads\n"
      "them) and sets each hop beside the model's trace of the same I/O. The network hops fit the\n"
      "wire (rdma_one_way_ns, where the waits for a CPU between hosts land too), the hops within\n"
      "a host's call chain fit a step's CPU time (cpu_step_ns), and the backing bdev fits the\n"
      "malloc copy rate (memcpy_gbit). Says how well each is determined, runs each capture's own\n"
      "workload (its guest.bdevperf.log) on the calibrated model, and writes the scenario.\n"
      "\n"
      "Examples:\n"
      "  iopath-cli calibrate ../shared/spdk/trace/a_write4k_qd1 ../shared/spdk/trace/b_read4k_qd1 -o cal.json\n"
      "  iopath-cli workload --scenario cal.json --rw randrw --qd 32 --size 4096 --ios 2000"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr (_("iopath-cli calibrate: %s (see iopath-cli calibrate --help)\n"), error->message);
      return EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr (_("iopath-cli calibrate: give one or more capture folders (see iopath-cli calibrate --help)\n"));
      return EXIT_USAGE;
    }
  cal = iop_calibrate ((const char *const *)(argv + 1), scenario, loo, &error);
  if (cal == NULL)
    {
      g_printerr ("iopath-cli calibrate: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = iop_calibration_to_json (cal);
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_calibration_to_text (cal);
      g_print ("%s", text);
    }
  if (output != NULL)
    {
      if (!iop_calibration_write (cal, output, force, &error))
        {
          g_printerr ("iopath-cli calibrate: %s\n", error->message);
          return EXIT_FAILED;
        }
      if (!json)
        g_print (_("\nWrote %s: run it with iopath-cli workload --scenario %s\n"), output, output);
    }
  return EXIT_OK;
}
