/* iop-outcome.h: what became of the traced I/O, read off a finished trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outcome card: where the time went hop by hop (along the critical
 * path: the parent request and, after a RAID1 split, the leg the join
 * waited for), which objects it took from which pool and whether every one
 * went back, which replica, path and threads it used, and with a fault what
 * happened (completed, late, failed) and how long it waited. GTK-free; the
 * CLI prints it, the painter draws it, the handout puts it on a page.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-trace.h"

G_BEGIN_DECLS

/* The hops of the path, in the order the I/O meets them going down */
typedef enum
{
  IOP_HOP_GUEST,       /* the VM's driver */
  IOP_HOP_FRONT,       /* the guest-facing target on the baremetal: VFIO-user, NVMf */
  IOP_HOP_RAID,        /* bdev and RAID1 on the baremetal */
  IOP_HOP_INITIATOR,   /* bdev_nvme, the NVMe driver, the NVMe-oF initiator */
  IOP_HOP_NETWORK,     /* the wire */
  IOP_HOP_TARGET,      /* the storage node's NVMf target */
  IOP_HOP_LVOL,        /* bdev, lvol and blobstore on the storage node */
  IOP_HOP_DRIVER,      /* the storage node's NVMe driver (PCIe) */
  IOP_HOP_MEDIA,       /* the SSD (or a malloc bdev's copy) */
  IOP_N_HOPS
} IopHop;

const char *iop_hop_name  (IopHop hop);   /* "rdma_initiator", stable for JSON */
const char *iop_hop_label (IopHop hop);   /* translated */
/* The hop a step belongs to (by its layer and host) */
IopHop      iop_hop_of_step (const IopStep *step);

typedef struct
{
  gint64 down_ns;    /* on the way to the media */
  gint64 up_ns;      /* the completion on its way back */
  gint64 wait_ns;    /* waiting for a resource, a retransmission or a path */
  guint  steps;      /* steps of the critical path in this hop */
} IopHopTime;

static inline gint64
iop_hop_time_total (const IopHopTime *h)
{
  return h->down_ns + h->up_ns + h->wait_ns;
}

/* Objects of one pool (or, without a pool, of one kind on one host) */
typedef struct
{
  int       gauge;      /* -1: no pool */
  char     *label;      /* translated: "bdev_io cache · nvmf_tgt_poll_group_000 (storage A)" */
  guint64   taken;
  guint64   returned;
  char     *held;       /* labels of what is still held, or NULL */
} IopPoolBalance;

typedef struct
{
  IopOutcome  outcome;
  char       *summary;       /* translated: "completed late, waited 10.000 s for a path" */
  gint64      start_ns;      /* the guest submits */
  gint64      end_ns;        /* the guest sees the completion */
  gint64      total_ns;      /* end_ns - start_ns: the hops add up to it */
  IopHopTime  hops[IOP_N_HOPS];
  int         critical_leg;  /* the leg the join waited for, -1 none */
  int         served_by;     /* the leg that served a read, -1 */
  guint       legs_used;     /* bit per leg that carried the I/O */
  guint       legs_failed;   /* bit per leg whose I/O failed */
  gint64      leg_wait_ns[2];/* time each leg waited (retransmissions, the retry queue) */
  int         leg_path[2];   /* the path each leg went out on, -1 none */
  GArray     *pools;         /* IopPoolBalance */
  gboolean    balanced;      /* every object went back */
  GPtrArray  *threads;       /* char*, translated: "baremetal: nvmf_tgt_poll_group_000 (core 5)" */
  char       *path;          /* translated: the replicas and paths taken */
  char       *fault;         /* translated: what the fault did to it, or NULL */
} IopOutcomeReport;

IopOutcomeReport *iop_outcome_report_new  (const IopTrace *trace);
void              iop_outcome_report_free (IopOutcomeReport *report);

/* The one-line outcome the CLI's table has always printed after "Outcome: " */
char             *iop_outcome_describe    (const IopTrace *trace);

/* The card as text (a heading and indented lines) and as JSON */
char             *iop_outcome_report_to_text (const IopOutcomeReport *report);
JsonNode         *iop_outcome_report_to_json (const IopOutcomeReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopOutcomeReport, iop_outcome_report_free)

G_END_DECLS
