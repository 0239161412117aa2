/* iop-memory.h: where memory goes, what scales with what, what runs out first
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
  char       *group;    /* translated: "Central iobuf pools", "Per-thread caches" ... */
  char       *item;     /* translated: "bdev module small cache" */
  char       *scope;    /* translated: "per process", "× 4 threads" */
  gint64      count;    /* objects or buffers */
  gint64      bytes;
  gboolean    pinned;   /* taken out of a central pool at start-up */
  gboolean    assumed;  /* bytes come from a stated per-object size (the model) */
  char       *formula;  /* "1,048,576 × 8,192 B = 8 GiB" */
  const char *knob;     /* "method.param" that sizes it, or NULL */
} IopMemoryLine;

typedef struct
{
  char   *thing;        /* translated */
  char   *scope;        /* "per process", "per thread", "per controller or path", "per thread × controller" */
  gint64  count;
  char   *cost;         /* translated: what each costs */
  char   *how;          /* translated: how the count comes from the topology */
} IopScalingRow;

typedef struct
{
  char       *hop;      /* translated: "storage A: nvmf_RDMA transport buffers" */
  IopPlace    place;
  int         node;
  gint64      demand;   /* in flight at the offered load */
  gint64      supply;   /* what the pools, caches or slots hold for it */
  gint64      waiting;  /* wanted beyond DEMAND, held upstream (in the guest's driver) */
  char       *formula;  /* translated */
  const char *knob;
} IopDemandRow;

typedef struct
{
  IopHostId   host;
  int         node;               /* storage instance, -1 on the baremetal */
  char       *label;
  GPtrArray  *lines;              /* IopMemoryLine* */
  GPtrArray  *scaling;            /* IopScalingRow* */
  GPtrArray  *demand;             /* IopDemandRow* */
  gint64      total_bytes;
  gint64      pinned_small, pinned_large;  /* buffers the caches hold at start-up */
  /* scripts/calc-iobuf.py's answer for this host's knobs and core mask */
  gint64      calc_small, calc_large;
} IopMemoryHost;

typedef struct
{
  grefcount    ref_count;
  IopScenario *scenario;
  GPtrArray   *hosts;               /* IopMemoryHost*: baremetal, then each storage node */
  GPtrArray   *checks;              /* IopDiagnostic*: SPDK's own start-up messages and ours */
  char        *first_bottleneck;    /* translated, or NULL */
} IopMemoryReport;

IopMemoryReport *iop_memory_report_new   (IopScenario *scenario, GError **error);
IopMemoryReport *iop_memory_report_ref   (IopMemoryReport *self);
void             iop_memory_report_unref (IopMemoryReport *self);
JsonNode        *iop_memory_report_to_json (const IopMemoryReport *self, int only_host);
char            *iop_memory_report_to_text (const IopMemoryReport *self, int only_host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopMemoryReport, iop_memory_report_unref)

/* scripts/calc-iobuf.py, as the script computes it (the same at v26.01 and
 * v26.05): from an SPDK JSON config and a core mask, the minimum small and
 * large pool counts that fill every per-thread cache. When the script itself
 * would stop with a Python exception on this config, FALSE and why. */
gboolean iop_calc_iobuf (JsonNode *config,
                         guint64   core_mask,
                         gint64   *small_pool_count,
                         gint64   *large_pool_count,
                         GError  **error);

G_END_DECLS
