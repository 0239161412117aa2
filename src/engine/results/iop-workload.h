/* iop-workload.h: many I/Os at once, and what they do to pools and queues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

typedef struct
{
  guint    queue_depth;    /* per guest queue pair */
  guint    queue_pairs;    /* guest I/O queue pairs (capped by max_io_qpairs_per_ctrlr) */
  gint64   io_size;
  guint    read_percent;   /* 0 = all writes, 100 = all reads */
  gboolean random;         /* random offsets (else sequential) */
  gboolean fresh_lvol;     /* thin clusters start unallocated: first writes allocate */
  guint64  ios;            /* stop after this many completions (0: use duration) */
  gint64   duration_ns;    /* or after this much virtual time */
  guint64  seed;
  guint    samples;        /* points in each time series (default 240) */
} IopWorkloadParams;

void iop_workload_params_init (IopWorkloadParams *params, const IopScenario *scenario);

/* One time series: a pool, cache or queue level of one host, or latency */
typedef struct
{
  char      *key;       /* "baremetal/iobuf.small", "storage0/transport.small.cached" ... */
  char      *label;     /* translated */
  IopPlace   place;
  int        node;
  gint64     capacity;  /* 0 when unbounded */
  const char *knob;     /* "method.param" that sizes it, or NULL */
  GArray    *values;    /* gint64, one per sample */
} IopSeries;

typedef struct
{
  IopPlace place;
  int      node;
  guint64  bdev_io_cache;     /* bdev_io taken from a per-thread cache */
  guint64  bdev_io_mempool;   /* ... from the global mempool */
  guint64  bdev_io_wait;      /* io_wait entries */
  guint64  nvme_nomem;        /* no nvme_request: NOMEM, retried */
  guint64  qpair_queued;      /* requests queued for a free qpair slot */
  gint64   qpair_slots_max;   /* most qpair slots in use on one qpair */
  gint64   qpair_slots;       /* slots per qpair */
  gint64   target_reqs_max;   /* most transport requests in use on one poll group */
  gint64   target_reqs;       /* requests per qpair (max_queue_depth) */
  guint64  buffer_waits;      /* requests that waited for a transport buffer */
} IopHostCounters;

/* A fault's event during a workload: a link, a controller, RAID1 */
typedef struct
{
  gint64      t_ns;
  const char *key;       /* step key, see docs/step-keys.md */
  int         leg;
  char       *title;     /* translated, as the trace's step title */
} IopFaultEvent;

typedef struct
{
  grefcount         ref_count;
  IopScenario      *scenario;
  IopWorkloadParams params;
  guint             queue_pairs;     /* effective */
  guint64           ios;             /* completed */
  guint64           reads, writes;
  guint64           failed;          /* the guest saw an error */
  guint64           late;            /* a fault made them wait */
  gint64            elapsed_ns;      /* virtual */
  double            iops;
  double            mib_per_s;
  gint64            lat_mean_ns, lat_p50_ns, lat_p99_ns, lat_p999_ns, lat_max_ns;
  guint64           events;
  GArray           *sample_t;        /* gint64 ns */
  GPtrArray        *series;          /* IopSeries* */
  GPtrArray        *iobuf_stats;     /* IopIobufStats* */
  GPtrArray        *counters;        /* IopHostCounters* */
  GPtrArray        *diagnostics;     /* IopDiagnostic* */
  GPtrArray        *fault_events;    /* IopFaultEvent*, in time order */
} IopWorkload;

IopWorkload *iop_workload_run   (IopScenario              *scenario,
                                 const IopWorkloadParams  *params,
                                 GError                  **error);
IopWorkload *iop_workload_ref   (IopWorkload *self);
void         iop_workload_unref (IopWorkload *self);
JsonNode    *iop_workload_to_json (const IopWorkload *self);
char        *iop_workload_to_text (const IopWorkload *self);
const IopSeries *iop_workload_find_series (const IopWorkload *self, const char *key);
const IopIobufStats *iop_workload_find_iobuf_stats (const IopWorkload *self, IopPlace place, int node, const char *module);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopWorkload, iop_workload_unref)

G_END_DECLS
