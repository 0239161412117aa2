/* iopath-cli.c: the headless front end of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <locale.h>
#include <string.h>

#include "iop-abcompare.h"
#include "iop-abfile.h"
#include "iop-error.h"
#include "iop-explanations.h"
#include "iop-json-util.h"
#include "iop-knobs.h"
#include "iop-refs.h"
#include "iop-scenario.h"
#include "iop-memory.h"
#include "iop-outcome.h"
#include "iop-sim.h"
#include "iop-workload.h"
#include "iopath-cli.h"
#ifdef IOP_HAVE_RENDER
#include "iop-export.h"
#include "iop-handout.h"
#endif

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,   /* input refused: scenario, knob, file */
  EXIT_USAGE = 2,    /* bad command line */
};

typedef struct
{
  IopHostId host;
  char     *host_name;
  GPtrArray *sets;     /* "host\tassignment" */
} SetState;

static SetState set_state = { IOP_HOST_BAREMETAL, NULL, NULL };
static gboolean host_given = FALSE;

static gboolean
host_cb (const char *option, const char *value, gpointer data, GError **error)
{
  host_given = TRUE;
  return iop_host_parse (value, &set_state.host, error);
}

/* "[HOST:]METHOD.PARAM=VALUE" as "host\tassignment", the host of the last --host by default */
static gboolean
add_assignment (GPtrArray *list, const char *value, GError **error)
{
  IopHostId host = set_state.host;
  const char *assign = value;
  const char *colon = strchr (value, ':');
  const char *eq = strchr (value, '=');

  /* "storage:bdev_set_options.bdev_io_cache_size=64" */
  if (colon != NULL && (eq == NULL || colon < eq))
    {
      g_autofree char *h = g_strndup (value, colon - value);
      if (!iop_host_parse (h, &host, error))
        return FALSE;
      assign = colon + 1;
    }
  g_ptr_array_add (list, g_strdup_printf ("%d\t%s", host, assign));
  return TRUE;
}

static gboolean
set_cb (const char *option, const char *value, gpointer data, GError **error)
{
  return add_assignment (set_state.sets, value, error);
}

/* compare: what run B changes */
static GPtrArray *sets_b = NULL;
static char *opt_scenario_b = NULL;
static gboolean opt_ab_workload = FALSE;
static char *opt_save = NULL;

static gboolean
set_b_cb (const char *option, const char *value, gpointer data, GError **error)
{
  return add_assignment (sets_b, value, error);
}

/* --fault SPEC [--fault-until T] [--fault-period T], in order */
static GArray *cli_faults = NULL;
static gint64 opt_io_at = -1;
static int opt_step = 0;
static gboolean opt_step_given = FALSE;

static gboolean
fault_cb (const char *name, const char *value, gpointer data, GError **error)
{
  IopFault f;

  if (!iop_fault_parse (value, &f, error))
    return FALSE;
  g_array_append_val (cli_faults, f);
  return TRUE;
}

static gboolean
fault_time_cb (const char *name, const char *value, gpointer data, GError **error)
{
  IopFault *f;
  gint64 ns;

  if (cli_faults->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("%s comes after the --fault it applies to"), name);
      return FALSE;
    }
  if (!iop_duration_parse (value, &ns, error))
    return FALSE;
  f = &g_array_index (cli_faults, IopFault, cli_faults->len - 1);
  if (g_str_equal (name, "--fault-until"))
    f->until_ns = ns;
  else if (f->kind != IOP_FAULT_PATH_FLAP)
    {
      g_autofree char *spec = iop_fault_to_spec (f);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s applies to a flapping path (replica-X-pathN-flap); %s does not flap"), name, spec);
      return FALSE;
    }
  else
    f->period_ns = ns;
  return TRUE;
}

static gboolean
step_cb (const char *name, const char *value, gpointer data, GError **error)
{
  gint64 v;

  if (!g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &v, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--step takes a whole number, not “%s”"), value);
      return FALSE;
    }
  opt_step = (int)v;
  opt_step_given = TRUE;
  return TRUE;
}

static gboolean
io_at_cb (const char *name, const char *value, gpointer data, GError **error)
{
  return iop_duration_parse (value, &opt_io_at, error);
}

static char *opt_scenario = NULL;
static char *opt_op = NULL;
static char *opt_size = NULL;
static char *opt_version = NULL;
static char *opt_spdk_dir = NULL;
static gboolean opt_json = FALSE;
static int opt_inflight = G_MININT;   /* G_MININT: not given */
static gboolean opt_first_write = FALSE;
static int opt_qd = G_MININT;   /* G_MININT: not given */
static int opt_qpairs = G_MININT;
static char *opt_rw = NULL;
static int opt_mix = G_MININT;
static char *opt_ios = NULL;
static char *opt_time = NULL;
static gint64 opt_seed = 1;
static gboolean opt_fresh = FALSE;
static char *opt_config = NULL;
static char *opt_core_mask = NULL;
static char *opt_output = NULL;
static char *opt_frames = NULL;
static char *opt_video = NULL;
static char *opt_captions = NULL;
static double opt_fps = 30.0;
static double opt_speed = 1.5;
static double opt_duration = 0.0;
static double opt_hold = 4.0;
static gboolean opt_force = FALSE;
static gboolean opt_dark = FALSE;
static gboolean opt_presentation = FALSE;
static gboolean opt_portrait = FALSE;
static char *opt_io_size = NULL;

static const GOptionEntry common_entries[] = {
  { "scenario", 's', 0, G_OPTION_ARG_STRING, &opt_scenario, N_("Built-in scenario id or a .json file (default: raid270)"), N_("SCENARIO") },
  { "spdk-version", 0, 0, G_OPTION_ARG_STRING, &opt_version, N_("SPDK release to model: v26.01 or v26.05 (default: the scenario's)"), N_("TAG") },
  { "host", 'H', 0, G_OPTION_ARG_CALLBACK, host_cb, N_("Host the following --set options apply to: baremetal (default) or storage"), N_("HOST") },
  { "set", 0, 0, G_OPTION_ARG_CALLBACK, set_cb, N_("Change a knob for this run (repeatable); HOST: prefix optional"), N_("[HOST:]METHOD.PARAM=VALUE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON instead of a table"), NULL },
  { "fault", 0, 0, G_OPTION_ARG_CALLBACK, fault_cb, N_("Inject a fault (repeatable): replica-b-down@5ms, replica-b-path0-down@5ms, replica-b-path0-flap@1s, replica-b-keepalive-lost@1s, replica-b-stall@2ms"), N_("SPEC") },
  { "fault-until", 0, 0, G_OPTION_ARG_CALLBACK, fault_time_cb, N_("When the fault before it heals (virtual time, such as 15s)"), N_("TIME") },
  { "fault-period", 0, 0, G_OPTION_ARG_CALLBACK, fault_time_cb, N_("A flapping path's time down, then up (default 2s)"), N_("TIME") },
  { "io-at", 0, 0, G_OPTION_ARG_CALLBACK, io_at_cb, N_("trace: when the traced I/O starts (default: when the first fault strikes)"), N_("TIME") },
  { NULL }
};

static const GOptionEntry trace_entries[] = {
  { "op", 0, 0, G_OPTION_ARG_STRING, &opt_op, N_("read or write (default: the scenario's)"), N_("OP") },
  { "size", 0, 0, G_OPTION_ARG_STRING, &opt_size, N_("I/O size in bytes; K and M suffixes allowed"), N_("BYTES") },
  { "inflight", 0, 0, G_OPTION_ARG_INT, &opt_inflight, N_("I/Os already in flight on the same queue pair"), N_("N") },
  { "first-write", 0, 0, G_OPTION_ARG_NONE, &opt_first_write, N_("The write is the first to its thin-provisioned cluster"), NULL },
  { "spdk-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_spdk_dir, N_("SPDK source tree for the source and handout subcommands"), N_("DIR") },
  { "step", 0, 0, G_OPTION_ARG_CALLBACK, step_cb, N_("A step, numbered from 1 as the app shows it (render, source; handout: its page, 0 the title)"), N_("N") },
  { NULL }
};

static const GOptionEntry workload_entries[] = {
  { "qd", 0, 0, G_OPTION_ARG_INT, &opt_qd, N_("workload: queue depth per guest queue pair (default: the scenario's)"), N_("N") },
  { "qpairs", 0, 0, G_OPTION_ARG_INT, &opt_qpairs, N_("workload: guest I/O queue pairs (default: the scenario's)"), N_("N") },
  { "rw", 0, 0, G_OPTION_ARG_STRING, &opt_rw, N_("workload: read, write, rw, randread, randwrite or randrw (default: the scenario's)"), N_("PATTERN") },
  { "rwmixread", 0, 0, G_OPTION_ARG_INT, &opt_mix, N_("workload: percentage of reads for rw and randrw (default 50)"), N_("PERCENT") },
  { "ios", 0, 0, G_OPTION_ARG_STRING, &opt_ios, N_("workload: number of I/Os (default 100000; K and M suffixes allowed)"), N_("N") },
  { "time", 0, 0, G_OPTION_ARG_STRING, &opt_time, N_("workload: virtual duration instead of a count, such as 50ms or 2s"), N_("DURATION") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, N_("workload: random seed (default 1)"), N_("N") },
  { "fresh-lvol", 0, 0, G_OPTION_ARG_NONE, &opt_fresh, N_("workload: the thin lvol starts empty, so first writes allocate clusters"), NULL },
  { "config", 0, 0, G_OPTION_ARG_FILENAME, &opt_config, N_("memory: an SPDK JSON config (save_config) instead of a scenario"), N_("FILE") },
  { "core-mask", 'm', 0, G_OPTION_ARG_STRING, &opt_core_mask, N_("memory: the spdk_tgt core mask for --config"), N_("MASK") },
  { NULL }
};

static const GOptionEntry compare_entries[] = {
  { "set-b", 0, 0, G_OPTION_ARG_CALLBACK, set_b_cb, N_("compare: change a knob in run B only (repeatable)"), N_("[HOST:]METHOD.PARAM=VALUE") },
  { "workload", 0, 0, G_OPTION_ARG_NONE, &opt_ab_workload, N_("compare: run a workload in both (--qd, --rw, --ios ...) instead of tracing one I/O"), NULL },
  { "scenario-b", 0, 0, G_OPTION_ARG_STRING, &opt_scenario_b, N_("compare: run B is this scenario, with the same I/O (default: A's)"), N_("SCENARIO") },
  { "save", 0, 0, G_OPTION_ARG_FILENAME, &opt_save, N_("compare: also write the comparison to FILE.json, which “compare FILE.json” and the app open (an existing file only with --force)"), N_("FILE") },
  { NULL }
};

static const GOptionEntry render_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("render: the canvas at --step to FILE (.png, .svg or .pdf)"), N_("FILE") },
  { "frames", 0, 0, G_OPTION_ARG_FILENAME, &opt_frames, N_("render: the playback as DIR/frame-00001.png, …"), N_("DIR") },
  { "video", 0, 0, G_OPTION_ARG_FILENAME, &opt_video, N_("render: the playback as a video, FILE.webm (VP9) or FILE.mp4 (H.264, where an encoder is installed)"), N_("FILE") },
  { "captions", 0, 0, G_OPTION_ARG_FILENAME, &opt_captions, N_("render: the video’s step captions as FILE.vtt (WebVTT) or FILE.srt"), N_("FILE") },
  { "fps", 0, 0, G_OPTION_ARG_DOUBLE, &opt_fps, N_("render: frames per second (default 30)"), N_("N") },
  { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &opt_speed, N_("render: steps per second, as the app's speed (default 1.5)"), N_("N") },
  { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &opt_duration, N_("render: seconds of playback (default: all of it)"), N_("SECONDS") },
  { "hold", 0, 0, G_OPTION_ARG_DOUBLE, &opt_hold, N_("render: seconds the last step and its outcome card stay at the end of the whole playback (default 4)"), N_("SECONDS") },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &opt_dark, N_("render: the dark style"), NULL },
  { "presentation", 0, 0, G_OPTION_ARG_NONE, &opt_presentation, N_("render: presentation mode's larger text"), NULL },
  { "portrait", 0, 0, G_OPTION_ARG_NONE, &opt_portrait, N_("handout: A4 portrait instead of landscape"), NULL },
  { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force, N_("render, compare --save: replace files that exist"), NULL },
  { "io-size", 0, 0, G_OPTION_ARG_STRING, &opt_io_size, N_("render: I/O size in bytes (--size is the picture's size here)"), N_("BYTES") },
  { NULL }
};

#define fail iop_cli_fail

int
iop_cli_fail (int code, const char *fmt, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("iopath-cli: %s\n", msg);
  return code;
}

static gboolean
apply_assignments (IopScenario *sc, GPtrArray *list, const char *option, GError **error)
{
  for (guint i = 0; i < list->len; i++)
    {
      const char *entry = g_ptr_array_index (list, i);
      IopHostId host = (IopHostId)(entry[0] - '0');

      if (!iop_scenario_apply_assignment (sc, host, entry + 2, error))
        {
          g_prefix_error (error, "%s %s (%s): ", option, entry + 2, iop_host_name (host));
          return FALSE;
        }
    }
  return TRUE;
}

static IopScenario *
load_scenario (GError **error)
{
  g_autoptr(IopScenario) sc = iop_scenario_load (opt_scenario ? opt_scenario : "raid270", error);
  IopSpdkVersion v;

  if (sc == NULL)
    return NULL;
  if (opt_version != NULL)
    {
      if (!iop_spdk_version_parse (opt_version, &v, error))
        return NULL;
      iop_scenario_set_version (sc, v);
    }
  if (!apply_assignments (sc, set_state.sets, "--set", error))
    return NULL;
  if (opt_op != NULL && !iop_op_parse (opt_op, &sc->op, error))
    return NULL;
  if (opt_size != NULL)
    {
      static const IopKnobDef size_def = { "--size", NULL, NULL, NULL, IOP_KNOB_INT, NULL, 512, 16 * 1024 * 1024 };
      gint64 size;

      if (!iop_knob_parse (&size_def, opt_size, &size, error))
        return NULL;
      sc->io_size = size;
    }
  if (opt_inflight != G_MININT)
    {
      if (opt_inflight < 0)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("--inflight takes 0 to 65536 I/Os, not %d"), opt_inflight);
          return NULL;
        }
      if (opt_inflight > 65536)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("--inflight %d is more than Iopath models (65536)"), opt_inflight);
          return NULL;
        }
      sc->background_inflight = (guint)opt_inflight;
    }
  if (opt_first_write)
    sc->first_write_to_cluster = TRUE;
  for (guint i = 0; i < cli_faults->len; i++)
    if (!iop_scenario_add_fault (sc, &g_array_index (cli_faults, IopFault, i), error))
      {
        g_autofree char *spec = iop_fault_to_spec (&g_array_index (cli_faults, IopFault, i));
        g_prefix_error (error, "--fault %s: ", spec);
        return NULL;
      }
  if (opt_io_at >= 0)
    {
      if (opt_io_at > IOP_FAULT_MAX_AT_NS)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("--io-at must be within the first 600 s"));
          return NULL;
        }
      sc->io_at_ns = opt_io_at;
    }
  if (!iop_scenario_validate (sc, error))
    return NULL;
  return g_steal_pointer (&sc);
}

void
iop_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *out = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  out = json_generator_to_data (gen, NULL);
  g_print ("%s\n", out);
}

static int
cmd_trace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = load_scenario (&error);
  g_autoptr(IopTrace) trace = NULL;
  g_autoptr(IopOutcomeReport) report = NULL;

  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  trace = iop_trace_run (sc, &error);
  if (trace == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  report = iop_outcome_report_new (trace);
  if (opt_json)
    {
      g_autoptr(JsonNode) node = iop_trace_to_json (trace);

      json_object_set_member (json_node_get_object (node), "outcome_card", iop_outcome_report_to_json (report));
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *table = iop_trace_to_table (trace);
      g_autofree char *card = iop_outcome_report_to_text (report);

      g_print ("%s\n%s", table, card);
    }
  return EXIT_OK;
}

/* "the scenario raid270" or "bdev_set_options.bdev_io_cache_size=2 (baremetal)" */
static char *
run_label (const char *scenario_id, GPtrArray *list, gboolean say_scenario)
{
  GString *out = g_string_new (NULL);

  if (say_scenario)
    g_string_append_printf (out, _("scenario %s"), scenario_id);
  for (guint i = 0; i < list->len; i++)
    {
      const char *entry = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s%s (%s)", out->len > 0 ? ", " : "", entry + 2,
                              iop_host_name ((IopHostId)(entry[0] - '0')));
    }
  return g_string_free (out, FALSE);
}

static gboolean workload_params (IopScenario *sc, IopWorkloadParams *p, int *code, GError **error);

/* compare --workload: the same workload parameters in A and B */
static int
compare_workloads (IopScenario *sc_a, IopScenario *sc_b, const char *label_a, const char *label_b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopWorkload) wa = NULL;
  g_autoptr(IopWorkload) wb = NULL;
  IopWorkloadParams p;
  int code;

  if (!workload_params (sc_a, &p, &code, &error))
    return fail (code, "%s", error->message);
  wa = iop_workload_run (sc_a, &p, &error);
  if (wa == NULL)
    return fail (EXIT_FAILED, _("run A: %s"), error->message);
  wb = iop_workload_run (sc_b, &p, &error);
  if (wb == NULL)
    return fail (EXIT_FAILED, _("run B: %s"), error->message);
  if (opt_json)
    {
      g_autoptr(JsonNode) node = iop_ab_workload_to_json (wa, wb, label_a, label_b);
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_ab_workload_to_text (wa, wb, label_a, label_b);
      g_print ("%s", text);
    }
  return EXIT_OK;
}

/* The command line's runs, for comparison files (cli-compare.c) */
static IopCliRuns
cli_runs (void)
{
  IopCliRuns r = {
    opt_scenario, opt_scenario_b, opt_op, opt_size, opt_version, opt_inflight,
    cli_faults, set_state.sets, sets_b, opt_first_write, opt_io_at >= 0, host_given,
  };
  return r;
}

static int
cmd_compare (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc_a = NULL;
  g_autoptr(IopScenario) sc_b = NULL;
  g_autoptr(IopTrace) ta = NULL;
  g_autoptr(IopTrace) tb = NULL;
  g_autoptr(IopAbCompare) cmp = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  g_autoptr(IopAbFile) saved = NULL;
  char *scenario_a = opt_scenario;

  if (file == NULL && sets_b->len == 0 && opt_scenario_b == NULL)
    return fail (EXIT_USAGE, _("compare needs what run B changes: --set-b METHOD.PARAM=VALUE or --scenario-b SCENARIO, or a comparison file"));
  if (opt_save != NULL && *opt_save == '\0')
    return fail (EXIT_USAGE, _("--save needs a file name"));
  if (opt_save != NULL && !opt_force && g_file_test (opt_save, G_FILE_TEST_EXISTS))
    return fail (EXIT_FAILED, _("%s already exists; nothing was written (use --force to replace it)"), opt_save);
  if (file != NULL || opt_save != NULL)
    {
      IopCliRuns runs = cli_runs ();
      int code = iop_cli_compare_prepare (file, &runs, &saved, &sc_a, &sc_b);

      if (code != EXIT_OK)
        return code;
      label_a = iop_ab_file_describe_run (saved, FALSE);
      label_b = iop_ab_file_describe_run (saved, TRUE);
    }
  else
    {
      sc_a = load_scenario (&error);
      if (sc_a == NULL)
        return fail (EXIT_FAILED, _("run A: %s"), error->message);
      if (opt_scenario_b != NULL)
        opt_scenario = opt_scenario_b;
      sc_b = load_scenario (&error);
      opt_scenario = scenario_a;
      if (sc_b == NULL)
        return fail (EXIT_FAILED, _("run B: %s"), error->message);
      if (!apply_assignments (sc_b, sets_b, "--set-b", &error) || !iop_scenario_validate (sc_b, &error))
        return fail (EXIT_FAILED, _("run B: %s"), error->message);
      label_a = run_label (sc_a->id, set_state.sets, TRUE);
      label_b = run_label (sc_b->id, sets_b, opt_scenario_b != NULL);
    }
  if (opt_ab_workload)
    {
      int code = compare_workloads (sc_a, sc_b, label_a, label_b);

      return code == EXIT_OK ? iop_cli_compare_save (saved, opt_save, opt_force) : code;
    }
  if (sc_a->op != sc_b->op || sc_a->io_size != sc_b->io_size)
    return fail (EXIT_FAILED, _("runs A and B trace different I/Os (scenario %s and %s): give --op and --size"),
                 sc_a->id, sc_b->id);
  ta = iop_trace_run (sc_a, &error);
  if (ta == NULL)
    return fail (EXIT_FAILED, _("run A: %s"), error->message);
  tb = iop_trace_run (sc_b, &error);
  if (tb == NULL)
    return fail (EXIT_FAILED, _("run B: %s"), error->message);
  cmp = iop_ab_compare_new (ta, tb);
  if (opt_json)
    {
      g_autoptr(JsonNode) node = iop_ab_compare_to_json (cmp, label_a, label_b);

      if (file != NULL)
        {
          JsonObject *from = json_object_new ();

          json_object_set_string_member (from, "file", file);
          if (saved->title != NULL)
            json_object_set_string_member (from, "title", iop_ab_file_text (saved->title));
          json_object_set_object_member (json_node_get_object (node), "comparison", from);
        }
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_ab_compare_to_text (cmp, label_a, label_b);

      if (saved != NULL && saved->title != NULL && file != NULL)
        g_print ("%s\n\n", iop_ab_file_text (saved->title));
      g_print ("%s", text);
    }
  return iop_cli_compare_save (saved, opt_save, opt_force);
}

static int
cmd_render (void)
{
#ifdef IOP_HAVE_RENDER
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(IopTrace) trace = NULL;
  IopExportOpts o = { 1920, 1080, opt_dark, opt_presentation, opt_force };
  /* --size is the picture's here; load_scenario reads the I/O size from opt_size */
  g_autofree char *picture_size = g_steal_pointer (&opt_size);

  gboolean video = opt_video != NULL || opt_captions != NULL;
  int code;

  if ((opt_output != NULL) + (opt_frames != NULL) + video != 1)
    return fail (EXIT_USAGE, _("render needs --output FILE (one step), --frames DIR or --video FILE (the playback)"));
  if ((opt_output != NULL && *opt_output == '\0') || (opt_frames != NULL && *opt_frames == '\0'))
    return fail (EXIT_USAGE, opt_output ? _("--output needs a file name") : _("--frames needs a folder name"));
  opt_size = g_steal_pointer (&opt_io_size);
  if (picture_size != NULL && !iop_export_parse_size (picture_size, &o.width, &o.height, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (!(opt_fps >= 1 && opt_fps <= 120))
    return fail (EXIT_USAGE, _("--fps takes 1 to 120"));
  if (!(opt_speed > 0 && opt_speed <= 100))
    return fail (EXIT_USAGE, _("--speed takes more than 0 and at most 100 steps a second"));
  if (!(opt_duration >= 0 && opt_duration <= 3600))
    return fail (EXIT_USAGE, _("--duration takes 0 to 3600 seconds"));
  if (!(opt_hold >= 0 && opt_hold <= 60))
    return fail (EXIT_USAGE, _("--hold takes 0 to 60 seconds"));
  /* Steps are numbered from 1, as the app, the handout and the trace table
   * show them; the JSON's "index" is the 0-based position (step - 1) */
  if (opt_step_given && opt_step < 1)
    return fail (EXIT_USAGE, _("--step counts from 1, the first step: %d is not a step"), opt_step);
  if (video && opt_duration > 0)
    return fail (EXIT_USAGE, _("--duration is for --frames: a video is the whole playback"));
  if (video && (code = iop_cli_video_check (opt_video, opt_captions, opt_fps, opt_force)) != EXIT_OK)
    return code;
  sc = load_scenario (&error);
  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  trace = iop_trace_run (sc, &error);
  if (trace == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  /* Ctrl-C or a kill leaves no .frame-NNNNN.png.XXXXXX behind */
  iop_export_remove_temp_on_signals ();
  if (video)
    return iop_cli_video_write (trace, &o, opt_video, opt_captions, opt_fps, opt_speed, opt_hold);
  if (opt_output != NULL)
    {
      guint step = opt_step_given ? (guint)opt_step : 1;

      if (step > trace->steps->len)
        return fail (EXIT_USAGE, _("--step must be from 1 to %u for this trace"), trace->steps->len);
      if (!iop_export_step (trace, &o, (double)(step - 1), opt_output, &error))
        return fail (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? EXIT_USAGE : EXIT_FAILED,
                     "%s", error->message);
      g_print (_("Wrote %s (%d×%d, step %u of %u)\n"), opt_output, o.width, o.height, step, trace->steps->len);
    }
  else
    {
      guint n = iop_export_frames (trace, &o, opt_frames, opt_fps, opt_speed, opt_duration, opt_hold, &error);

      if (n == 0)
        return fail (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? EXIT_USAGE : EXIT_FAILED,
                     "%s", error->message);
      g_print (_("Wrote %u frames to %s (%d×%d at %g frames a second)\n"), n, opt_frames, o.width, o.height, opt_fps);
      g_print (_("To make a video: ffmpeg -framerate %g -i %s/frame-%%05d.png -pix_fmt yuv420p iopath.mp4\n"), opt_fps, opt_frames);
    }
  return EXIT_OK;
#else
  return fail (EXIT_FAILED, _("This iopath-cli was built without cairo and pango, so it cannot render"));
#endif
}

static int
cmd_handout (void)
{
#ifdef IOP_HAVE_RENDER
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(IopTrace) trace = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *why = NULL;
  IopHandoutOpts o = IOP_HANDOUT_OPTS_INIT;

  if (opt_output == NULL || *opt_output == '\0')
    return fail (EXIT_USAGE, _("handout needs --output FILE.pdf"));
  if (opt_step < 0)
    return fail (EXIT_USAGE, _("--step is a page of the handout: 0 is the title page, N the page of step N; %d is not a page"), opt_step);
  /* the source of each step from a checkout, as `source --spdk-dir` reads it;
   * without one the pages give the reference */
  dir = iop_source_resolve_dir (opt_spdk_dir, NULL, &why);
  if (dir == NULL && opt_spdk_dir != NULL)
    return fail (EXIT_FAILED, "%s", why);
  sc = load_scenario (&error);
  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  trace = iop_trace_run (sc, &error);
  if (trace == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  o.portrait = opt_portrait;
  o.spdk_dir = dir;
  o.force = opt_force;
  iop_export_remove_temp_on_signals ();
  if (g_str_has_suffix (opt_output, ".png"))
    {
      /* One page to look at: --step N is the page of step N (numbered from 1,
       * as everywhere), 0 the title page */
      guint page = (guint)opt_step;

      if (!iop_handout_page_png (sc, trace, &o, page, opt_output, &error))
        return fail (EXIT_FAILED, "%s", error->message);
      g_print (_("Wrote page %u of the handout to %s\n"), page, opt_output);
      return EXIT_OK;
    }
  if (!iop_handout_write (sc, trace, &o, opt_output, &error))
    return fail (EXIT_FAILED, "%s", error->message);
  g_print (_("Wrote %s: a title page, %u steps and the outcome%s\n"), opt_output, trace->steps->len,
           dir ? _(", with the source from the SPDK checkout") : "");
  return EXIT_OK;
#else
  return fail (EXIT_FAILED, _("This iopath-cli was built without cairo and pango, so it cannot render"));
#endif
}

static int
cmd_knobs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = load_scenario (&error);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "spdk_tag");
  json_builder_add_string_value (b, iop_spdk_version_tag (sc->version));
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, sc->id);
  json_builder_set_member_name (b, "knobs");
  json_builder_begin_array (b);
  if (!opt_json)
    g_print ("%-10s %-24s %-28s %-14s %-14s %s\n", _("host"), _("method"), _("parameter"), _("value"), _("default"), _("set"));
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) knobs = iop_scenario_host_knobs (sc, h);

      for (guint i = 0; i < knobs->len; i++)
        {
          const IopKnobDef *d = g_ptr_array_index (knobs, i);
          gint64 v = iop_scenario_knob_value (sc, h, d);
          gint64 dv = iop_knob_def_default (d, sc->version);
          g_autofree char *vs = iop_knob_format (d, v);
          g_autofree char *ds = iop_knob_format (d, dv);
          gboolean set = iop_scenario_knob_is_set (sc, h, d);
          gboolean dep = (d->deprecated & IOP_SPDK_BIT (sc->version)) != 0;

          if (opt_json)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "host"); json_builder_add_string_value (b, iop_host_name (h));
              json_builder_set_member_name (b, "id"); json_builder_add_string_value (b, d->id);
              json_builder_set_member_name (b, "method"); json_builder_add_string_value (b, d->method);
              json_builder_set_member_name (b, "param"); json_builder_add_string_value (b, d->param);
              json_builder_set_member_name (b, "trtype");
              if (d->trtype) json_builder_add_string_value (b, d->trtype); else json_builder_add_null_value (b);
              json_builder_set_member_name (b, "type"); json_builder_add_string_value (b, iop_knob_type_name (d->type));
              json_builder_set_member_name (b, "unit");
              if (d->unit) json_builder_add_string_value (b, _(d->unit)); else json_builder_add_null_value (b);
              json_builder_set_member_name (b, "value"); json_builder_add_string_value (b, vs);
              json_builder_set_member_name (b, "default"); json_builder_add_string_value (b, ds);
              json_builder_set_member_name (b, "min"); json_builder_add_int_value (b, d->min);
              json_builder_set_member_name (b, "max"); json_builder_add_int_value (b, d->max);
              json_builder_set_member_name (b, "set"); json_builder_add_boolean_value (b, set);
              json_builder_set_member_name (b, "deprecated"); json_builder_add_boolean_value (b, dep);
              json_builder_set_member_name (b, "when"); json_builder_add_string_value (b, iop_knob_phase_note (d->phase));
              json_builder_set_member_name (b, "description"); json_builder_add_string_value (b, _(d->description));
              json_builder_end_object (b);
            }
          else
            g_print ("%-10s %-24s %-28s %-14s %-14s %s%s\n", iop_host_name (h), d->method, d->param, vs, ds,
                     set ? (v == dv ? _("set (= default)") : _("set")) : "", dep ? _(" deprecated") : "");
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      iop_cli_print_json (root);
    }
  return EXIT_OK;
}

static int
cmd_scenarios (void)
{
  g_auto(GStrv) ids = iop_scenario_list_builtin ();

  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(IopScenario) sc = iop_scenario_new_builtin (ids[i], NULL);
      g_print ("%-16s %s\n", ids[i], sc && sc->title ? sc->title : "");
    }
  return EXIT_OK;
}

static int
cmd_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = load_scenario (&error);
  g_autoptr(IopTrace) trace = NULL;
  g_autoptr(IopSnippet) snip = NULL;
  g_autofree char *why = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *found = NULL;
  IopStep *step;
  IopRef ref;

  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  trace = iop_trace_run (sc, &error);
  if (trace == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  if (!opt_step_given)
    return fail (EXIT_USAGE, _("source needs --step N, from 1 to %u"), trace->steps->len);
  if (opt_step < 1 || (guint)opt_step > trace->steps->len)
    return fail (EXIT_USAGE, _("--step must be between 1 and %u"), trace->steps->len);
  step = iop_trace_step (trace, (guint)opt_step - 1);
  if (step->function == NULL)
    return fail (EXIT_FAILED, _("Step %d (%s) runs no SPDK function: it happens on the wire or in the device"), opt_step, step->key);
  dir = iop_source_resolve_dir (opt_spdk_dir, NULL, &why);
  if (dir == NULL)
    return fail (EXIT_FAILED, _("%s. Point --spdk-dir or IOPATH_SPDK_DIR at an SPDK checkout (reference: %s, %s())"),
                 why, step->file, step->function);
  ref.file = step->file;
  ref.function = step->function;
  ref.highlight = step->highlight;
  ref.line = step->line;
  snip = iop_source_find_function (dir, &ref, &error);
  if (snip == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  found = iop_source_detect_version (dir);
  g_print ("// %s:%d %s() — SPDK %s%s\n", step->file, snip->name_line, step->function,
           found ? found : _("(version unknown)"),
           found && g_strcmp0 (found, iop_trace_spdk_tag (trace)) != 0 ? _(" (the trace follows another version)") : "");
  {
    g_auto(GStrv) lines = g_strsplit (snip->text, "\n", -1);
    for (guint i = 0; lines[i]; i++)
      {
        int n = snip->first_line + (int)i;
        g_print ("%s%5d  %s\n", n == snip->highlight_line ? ">" : " ", n, lines[i]);
      }
  }
  return EXIT_OK;
}

static gboolean
parse_duration (const char *text, gint64 *out_ns)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  double mult;

  if (end == text || v <= 0)
    return FALSE;
  if (g_str_equal (end, "s")) mult = 1e9;
  else if (g_str_equal (end, "ms")) mult = 1e6;
  else if (g_str_equal (end, "us") || g_str_equal (end, "µs")) mult = 1e3;
  else if (g_str_equal (end, "ns")) mult = 1;
  else return FALSE;
  if (v * mult > 60e9)
    return FALSE;
  *out_ns = (gint64)(v * mult);
  return TRUE;
}

/* The workload options (--qd, --qpairs, --rw, --rwmixread, --ios, --time,
 * --seed, --fresh-lvol) on top of SC's own workload */
static gboolean
usage_error (int *code, GError **error, const char *message)
{
  *code = EXIT_USAGE;
  g_set_error_literal (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, message);
  return FALSE;
}

static gboolean
workload_params (IopScenario *sc, IopWorkloadParams *p, int *code, GError **error)
{
  const char *rw = opt_rw;

  iop_workload_params_init (p, sc);
  if ((opt_qd != G_MININT && opt_qd < 1) || (opt_qpairs != G_MININT && opt_qpairs < 1))
    return usage_error (code, error, _("--qd and --qpairs must be at least 1"));
  if (opt_qd != G_MININT) p->queue_depth = (guint)opt_qd;
  if (opt_qpairs != G_MININT) p->queue_pairs = (guint)opt_qpairs;
  /* Without --rw the scenario's own workload applies */
  if (rw != NULL)
    {
      p->random = g_str_has_prefix (rw, "rand");
      if (g_str_equal (rw, "read") || g_str_equal (rw, "randread"))
        p->read_percent = 100;
      else if (g_str_equal (rw, "write") || g_str_equal (rw, "randwrite"))
        p->read_percent = 0;
      else if (g_str_equal (rw, "rw") || g_str_equal (rw, "randrw"))
        p->read_percent = opt_mix != G_MININT ? (guint)CLAMP (opt_mix, 0, 100) : 50;
      else
        {
          g_autofree char *msg = g_strdup_printf (_("--rw takes read, write, rw, randread, randwrite or randrw, not “%s”"), rw);
          return usage_error (code, error, msg);
        }
    }
  else if (opt_mix != G_MININT)
    p->read_percent = (guint)CLAMP (opt_mix, 0, 100);
  if (opt_mix != G_MININT && (opt_mix < 0 || opt_mix > 100))
    return usage_error (code, error, _("--rwmixread takes a percentage from 0 to 100"));
  if (opt_ios != NULL)
    {
      static const IopKnobDef ios_def = { "--ios", NULL, NULL, NULL, IOP_KNOB_INT, NULL, 1, 100000000 };
      gint64 n;

      if (!iop_knob_parse (&ios_def, opt_ios, &n, error))
        {
          *code = EXIT_FAILED;
          return FALSE;
        }
      p->ios = (guint64)n;
    }
  if (opt_time != NULL)
    {
      if (!parse_duration (opt_time, &p->duration_ns))
        {
          g_autofree char *msg = g_strdup_printf (_("--time takes a virtual duration up to 60s, such as 50ms or 2s, not “%s”"), opt_time);
          return usage_error (code, error, msg);
        }
      if (opt_ios == NULL)
        p->ios = 0;
    }
  p->seed = (guint64)opt_seed;
  p->fresh_lvol = opt_fresh;
  p->io_size = sc->io_size;
  return TRUE;
}

static int
cmd_workload (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(IopWorkload) wl = NULL;
  IopWorkloadParams p;
  int code;

  /* The traced I/O's own checks do not apply to a workload's size */
  sc = load_scenario (&error);
  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  if (!workload_params (sc, &p, &code, &error))
    return fail (code, "%s", error->message);
  wl = iop_workload_run (sc, &p, &error);
  if (wl == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  if (opt_json)
    {
      g_autoptr(JsonNode) node = iop_workload_to_json (wl);
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_workload_to_text (wl);
      g_print ("%s", text);
    }
  return EXIT_OK;
}

static int
cmd_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(IopMemoryReport) r = NULL;
  int only = host_given ? (int)set_state.host : -1;

  if (opt_config != NULL)
    return iop_cli_memory_config (opt_config, opt_core_mask, opt_version, opt_json);
  sc = load_scenario (&error);
  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  r = iop_memory_report_new (sc, &error);
  if (r == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  if (opt_json)
    {
      g_autoptr(JsonNode) node = iop_memory_report_to_json (r, only);
      iop_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = iop_memory_report_to_text (r, only);
      g_print ("%s", text);
    }
  return EXIT_OK;
}

static const char *summary =
  N_("Commands:\n"
     "  trace       trace one I/O through the path (--op, --size, --inflight, --first-write)\n"
     "  knobs       list every knob with its value and default\n"
     "  workload    run many I/Os and show pools, queues and latency (--qd --qpairs --rw --ios)\n"
     "  memory      where memory goes, what scales, what runs out first (--host, or --config FILE --core-mask M)\n"
     "  scenarios   list the built-in scenarios\n"
     "  source      print the SPDK function of one step (--step N --spdk-dir DIR)\n"
     "  render      the canvas as PNG, SVG or PDF (--step N --output FILE --size 1920x1080),\n"
     "              or the playback as PNG frames (--frames DIR --fps 30 [--duration S])\n"
     "              or as a video with captions (--video FILE.webm --captions FILE.vtt)\n"
     "  handout     a PDF: a title page, a page per step, the outcome (--output FILE.pdf,\n"
     "              --portrait, --spdk-dir DIR for the source),\n"
     "              or one page as PNG (--step N --output FILE.png; page 0 is the title)\n"
     "  compare     one I/O under two knob settings, step by step (--set-b METHOD.PARAM=VALUE or --scenario-b S),\n"
     "              or as a comparison file gives them (compare FILE.json); --save FILE.json writes one\n"
     "  config      import or export SPDK JSON configs (iopath-cli config --help)\n"
     "  explain     explain runtime dumps of a running SPDK (iopath-cli explain --help)\n"
     "  attach      read-only rates from a running SPDK's RPC socket (iopath-cli attach --help)\n"
     "  replay      follow real I/Os through spdk_trace captures (iopath-cli replay --help)\n"
     "  calibrate   fit the model's timing to spdk_trace captures (iopath-cli calibrate --help)\n"
     "  lesson      check, render or export a lesson a trainer replays (iopath-cli lesson --help)\n"
     "\n"
     "Examples:\n"
     "  iopath-cli trace --scenario raid270 --op write --size 4096\n"
     "  iopath-cli trace --op read --size 128K --host storage --set nvmf_create_transport.io_unit_size=131072\n"
     "  iopath-cli workload --scenario raid270 --qd 128 --size 4096 --rw randwrite --ios 1000000\n"
     "  iopath-cli knobs --scenario raid270 --json\n"
     "  iopath-cli compare --scenario raid270 --op write --set-b bdev_set_options.bdev_io_cache_size=2\n"
     "  iopath-cli compare small-bdev-io-cache --json");

static const struct
{
  const char *name;
  int       (*main) (int argc, char **argv);
} subcommands[] = {
  { "config", iop_cli_config_main },
  { "explain", iop_cli_explain_main },
  { "attach", iop_cli_attach_main },
  { "replay", iop_cli_replay_main },
  { "calibrate", iop_cli_calibrate_main },
  { "lesson", iop_cli_lesson_main },
};

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  const char *cmd;
  int ret;

  setlocale (LC_ALL, "");
  /* uninstalled (tools/run-app, meson devenv): the catalogs built in build/po */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IOPATH_LOCALEDIR") && *g_getenv ("IOPATH_LOCALEDIR")
                                   ? g_getenv ("IOPATH_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands with options of their own */
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (argc >= 2 && strcmp (argv[1], subcommands[i].name) == 0)
      return subcommands[i].main (argc - 1, argv + 1);

  set_state.sets = g_ptr_array_new_with_free_func (g_free);
  cli_faults = g_array_new (FALSE, TRUE, sizeof (IopFault));
  sets_b = g_ptr_array_new_with_free_func (g_free);
  ctx = g_option_context_new (_("COMMAND — trace one I/O through SPDK"));
  g_option_context_set_summary (ctx, _(summary));
  g_option_context_add_main_entries (ctx, common_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, trace_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, workload_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, render_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, compare_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      ret = fail (EXIT_USAGE, _("%s (see iopath-cli --help)"), error->message);
      goto out;
    }
  if (argc < 2)
    {
      ret = fail (EXIT_USAGE, _("no command given: use trace, workload, memory, knobs, scenarios, source, render, handout, compare, lesson, config, explain, attach, replay or calibrate (see iopath-cli --help)"));
      goto out;
    }
  if (argc > 2 && !(argc == 3 && strcmp (argv[1], "compare") == 0))
    {
      ret = fail (EXIT_USAGE, _("unexpected argument “%s” (see iopath-cli --help)"), argv[strcmp (argv[1], "compare") == 0 ? 3 : 2]);
      goto out;
    }
  cmd = argv[1];
  if (strcmp (cmd, "trace") == 0)
    ret = cmd_trace ();
  else if (strcmp (cmd, "knobs") == 0)
    ret = cmd_knobs ();
  else if (strcmp (cmd, "workload") == 0)
    ret = cmd_workload ();
  else if (strcmp (cmd, "memory") == 0)
    ret = cmd_memory ();
  else if (strcmp (cmd, "scenarios") == 0)
    ret = cmd_scenarios ();
  else if (strcmp (cmd, "source") == 0)
    ret = cmd_source ();
  else if (strcmp (cmd, "render") == 0)
    ret = cmd_render ();
  else if (strcmp (cmd, "handout") == 0)
    ret = cmd_handout ();
  else if (strcmp (cmd, "compare") == 0)
    ret = cmd_compare (argc == 3 ? argv[2] : NULL);
  else
    ret = fail (EXIT_USAGE, _("unknown command “%s”: use trace, workload, memory, knobs, scenarios, source, render, handout, compare, lesson, config, explain, attach, replay or calibrate"), cmd);

out:
  g_ptr_array_unref (set_state.sets);
  g_ptr_array_unref (sets_b);
  return ret;
}
