/* iop-compare.h: the model's prediction beside what a real run recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-runtime.h"
#include "iop-scenario.h"
#include "iop-workload.h"

G_BEGIN_DECLS

typedef struct
{
  char     *host;      /* "baremetal", "storage", "guest" */
  char     *topic;     /* translated: "iobuf nvmf_TCP small cache gets per read" */
  char     *model;     /* translated value the model gives */
  char     *run;       /* translated value the dumps show */
  gboolean  agrees;
  gboolean  unknown;   /* the dumps that would tell are missing: neither agrees nor differs */
  char     *why;       /* translated: why they differ, or what the agreement means */
} IopCompareRow;

/* bdevperf's summary: "Job: ... workload: randrw, percentage: 50, depth: 64,
 * IO size: 4096" and "Total : IOPS MiB/s Fail/s TO/s Average min max" */
typedef struct
{
  gboolean found;
  double   iops;
  double   avg_us;
  int      depth;
  int      read_pct;
  gint64   io_size;
  gboolean random;
} IopBdevperfRun;

/* Reads bdevperf's output TEXT into RUN; RUN->found says whether the totals
 * were there */
void           iop_bdevperf_parse   (const char     *text,
                                     IopBdevperfRun *run);

typedef struct
{
  IopWorkload *workload;  /* the model's run */
  GPtrArray   *rows;      /* IopCompareRow* */
} IopComparison;

/* Runs SCENARIO's workload as the dumps' run was loaded (queue depth, read
 * share and size from the scenario's workload section, or from the guest's
 * bdevperf log when the dumps have one) and sets the model beside the dumps:
 * roles, threads and their pollers, iobuf_get_stats per module, IOPS and
 * latency. RUNTIME must hold the dumps, grouped by host as "baremetal" and
 * "storage". */
IopComparison *iop_compare_run      (IopRuntime  *runtime,
                                     IopScenario *scenario,
                                     GError     **error);
void           iop_comparison_free  (IopComparison *self);
JsonNode      *iop_comparison_to_json (const IopComparison *self);
char          *iop_comparison_to_text (const IopComparison *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopComparison, iop_comparison_free)

G_END_DECLS
