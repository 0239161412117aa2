/* iopath-cli.h: subcommands that parse their own options
 *
 * Each gets argv starting at its own name ("config", "import", ...), prints
 * its errors on stderr and returns the exit code: 0 done, 1 input refused
 * (file, JSON, value), 2 bad command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "iop-abfile.h"
#include "iop-scenario.h"

#ifdef IOP_HAVE_RENDER
#include "iop-export.h"
#endif

/* Exit codes of every subcommand */
enum
{
  IOP_CLI_EXIT_OK = 0,
  IOP_CLI_EXIT_FAILED = 1,   /* input refused: scenario, knob, file */
  IOP_CLI_EXIT_USAGE = 2,    /* bad command line */
};

/* "iopath-cli: MESSAGE" on stderr; returns CODE */
int iop_cli_fail (int code, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* memory --config FILE --core-mask M [--spdk-version TAG] [--json] */
int iop_cli_memory_config (const char *config,
                           const char *core_mask,
                           const char *version,
                           gboolean    json);

/* NODE as indented JSON on stdout, one newline after */
void iop_cli_print_json (JsonNode *node);

int iop_cli_config_main  (int argc, char **argv);
int iop_cli_explain_main (int argc, char **argv);
int iop_cli_attach_main  (int argc, char **argv);
int iop_cli_replay_main  (int argc, char **argv);
int iop_cli_calibrate_main (int argc, char **argv);
int iop_cli_lesson_main  (int argc, char **argv);

/* compare's runs as the command line gives them (cli-compare.c) */
typedef struct
{
  const char *scenario;       /* --scenario, NULL: raid270 */
  const char *scenario_b;     /* --scenario-b */
  const char *op;
  const char *size;
  const char *version;        /* --spdk-version */
  int         inflight;       /* G_MININT: not given */
  GArray     *faults;         /* IopFault */
  GPtrArray  *sets;           /* --set, "host\tassignment" */
  GPtrArray  *sets_b;         /* --set-b */
  gboolean    first_write;
  gboolean    io_at;          /* --io-at given */
  gboolean    host;           /* --host given */
} IopCliRuns;

/* compare FILE (RUNS must give nothing then), or RUNS as --save keeps
 * them: the comparison and its two runs built, or an exit code */
int iop_cli_compare_prepare (const char       *file,
                             const IopCliRuns *runs,
                             IopAbFile       **out,
                             IopScenario     **sc_a,
                             IopScenario     **sc_b);
/* --save PATH (NULL: none), once both runs traced */
int iop_cli_compare_save    (IopAbFile        *file,
                             const char       *path,
                             gboolean          force);

#ifdef IOP_HAVE_RENDER
/* render --video FILE --captions FILE: the arguments checked before the
 * trace runs (an exit code, 0 when fine), then the files written */
int iop_cli_video_check (const char *video,
                         const char *captions,
                         double      fps,
                         gboolean    force);
int iop_cli_video_write (IopTrace            *trace,
                         const IopExportOpts *picture,
                         const char          *video,
                         const char          *captions,
                         double               fps,
                         double               speed,
                         double               hold);
/* Refuses an existing file (without FORCE) or a folder that cannot be
 * written, before any work */
gboolean iop_cli_check_destination (const char *path,
                                    gboolean    force,
                                    GError    **error);
#ifdef IOP_HAVE_VIDEO
/* A video's progress on stderr: on a terminal one line rewritten, in a log
 * a line every tenth; USER_DATA is GINT_TO_POINTER (isatty (2)) */
void iop_cli_video_progress (guint    frame,
                             guint    n_frames,
                             gpointer user_data);
#endif
#endif
