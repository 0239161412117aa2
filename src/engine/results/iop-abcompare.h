/* iop-abcompare.h: two traces of one I/O side by side (A/B comparison)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A trainer's "what changes when I turn this knob": the steps of run A and
 * run B are aligned by what they are (step key, host, leg, function), and each
 * aligned pair says whether an object came from another pool, the step ran on
 * another thread, waited in one run only, or started at another time. The
 * first pair that differs in anything but time is where the two runs part.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-trace.h"
#include "iop-workload.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_AB_ONLY_A   = 1 << 0,   /* the step happens in A only */
  IOP_AB_ONLY_B   = 1 << 1,
  IOP_AB_POOL     = 1 << 2,   /* an object is taken from, or returned to, another pool */
  IOP_AB_THREAD   = 1 << 3,   /* another thread runs it */
  IOP_AB_WAIT     = 1 << 4,   /* the I/O waits here in one run only */
  IOP_AB_TIME     = 1 << 5,   /* it starts at another time */
  IOP_AB_DURATION = 1 << 6,   /* it takes another time */
  IOP_AB_ORDER    = 1 << 7,   /* both runs take it, in another order among the other steps */
} IopAbDiff;

/* What makes the runs part: everything but time */
#define IOP_AB_PARTING (IOP_AB_ONLY_A | IOP_AB_ONLY_B | IOP_AB_POOL | IOP_AB_THREAD | IOP_AB_WAIT | IOP_AB_ORDER)

typedef struct
{
  int   a;        /* step index in A, -1 when the step happens in B only */
  int   b;        /* step index in B, -1 when only in A */
  guint differs;  /* IopAbDiff */
} IopAbRow;

typedef struct
{
  IopTrace *a;
  IopTrace *b;
  GArray   *rows;          /* IopAbRow, in the order of both runs */
  int       parted;        /* first row that differs in anything but time, -1 none */
  int       first_late;    /* first row whose start time differs, -1 none */
  gboolean  positional;    /* runs too long to align: paired by index */
} IopAbCompare;

/* Aligns the steps of A and B (both traces of the same I/O). Takes references. */
IopAbCompare *iop_ab_compare_new     (IopTrace *a,
                                      IopTrace *b);
void          iop_ab_compare_free    (IopAbCompare *self);

guint         iop_ab_compare_count   (const IopAbCompare *self,
                                      guint               mask);

/* Row INDEX's step as people count, from 1: "14", or "14/15" */
char         *iop_ab_compare_row_number   (const IopAbCompare *self,
                                           guint               index);
/* What differs in row INDEX, translated, one line per difference */
char         *iop_ab_compare_describe_row (const IopAbCompare *self,
                                           guint               index);

/* LABEL_A and LABEL_B say what each run is ("the scenario", "bdev_io_cache_size=2") */
JsonNode     *iop_ab_compare_to_json (const IopAbCompare *self,
                                      const char         *label_a,
                                      const char         *label_b);
char         *iop_ab_compare_to_text (const IopAbCompare *self,
                                      const char         *label_a,
                                      const char         *label_b);

/* Two workloads of one scenario (same parameters): throughput, latency,
 * counters and each pool's range, A beside B (iop-abworkload.c) */
JsonNode     *iop_ab_workload_to_json (const IopWorkload *a,
                                       const IopWorkload *b,
                                       const char        *label_a,
                                       const char        *label_b);
char         *iop_ab_workload_to_text (const IopWorkload *a,
                                       const IopWorkload *b,
                                       const char        *label_a,
                                       const char        *label_b);

/* How far apart the curves of the series KEY are in A and B: the largest
 * gap between them at any moment of either run (each run's last sample at
 * or before it), in percentage points of the series' capacity (each run's
 * own) or, for an unbounded series, of the highest value in either run.
 * 0 when they agree, -1 when a run lacks the series. */
double        iop_ab_workload_series_difference (const IopWorkload *a,
                                                 const IopWorkload *b,
                                                 const char        *key);

/* What a reader asks first, translated, one line each: B's IOPS and p99
 * against A's; where the runs wait (io_wait for a bdev_io, NOMEM, requests
 * queued for a qpair slot or waiting for a transport buffer, iobuf retries,
 * I/Os held for a path) where they differ; and where B's objects come from
 * when that moved (bdev_io from the mempool, iobuf from the central pool). */
char         *iop_ab_workload_summary (const IopWorkload *a,
                                       const IopWorkload *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopAbCompare, iop_ab_compare_free)

G_END_DECLS
