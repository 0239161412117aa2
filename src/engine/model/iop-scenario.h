/* iop-scenario.h: a deployment to trace (hosts, knobs, topology, model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>

#include "iop-fault.h"
#include "iop-knobs.h"
#include "iop-version.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_OP_READ,
  IOP_OP_WRITE,
} IopOp;

const char *iop_op_name  (IopOp op);
gboolean    iop_op_parse (const char *name, IopOp *out, GError **error);

/* The stated assumptions behind every latency and CPU cost in a trace. */
typedef struct
{
  gint64 guest_doorbell_ns;     /* guest writes the SQ tail doorbell in shared memory */
  gint64 poll_loop_ns;          /* one reactor pass over a thread's pollers */
  gint64 cpu_step_ns;           /* a software step of the data path */
  gint64 cpu_bdev_io_ns;        /* taking a bdev_io / buffer from a cache */
  gint64 cpu_mempool_ns;        /* going to a global mempool or central ring */
  gint64 doorbell_batch_ns;     /* delay_cmd_submit: wait until the end of the poller pass */
  gint64 rdma_one_way_ns;       /* NIC to NIC through the switch */
  gint64 link_gbit;             /* link speed, Gbit/s */
  gint64 pcie_ns;               /* doorbell write + command fetch by the SSD */
  gint64 media_read_ns;
  gint64 media_write_ns;
  gint64 ssd_gbit;              /* the SSD's data rate, Gbit/s */
  gint64 memcpy_gbit;           /* a CPU copy (malloc bdev), Gbit/s */
  gint64 guest_interrupt_ns;    /* completion entry + interrupt into the guest */
  /* Faults */
  gint64 rdma_ack_timeout_exp;  /* the fabric's ACK timeout when transport_ack_timeout is 0 */
  gint64 reconnect_ns;          /* a reconnect that succeeds */
  gint64 connect_fail_ns;       /* a connect to a dead path gives up */
  /* Object sizes for the memory arithmetic: they vary with the build */
  gint64 bdev_io_bytes;         /* sizeof (struct spdk_bdev_io) + the largest driver context */
  gint64 nvme_request_bytes;
  gint64 rdma_request_bytes;    /* host side, with its send WR and SGEs */
  gint64 transport_request_bytes; /* target side request with its WRs */
} IopModel;

typedef struct
{
  const char *name;
  gsize       offset;
  gint64      fallback;
  const char *unit;
  const char *description;      /* N_() */
} IopModelParam;

const IopModelParam *iop_model_params (guint *n_params);

typedef struct
{
  gboolean  present;
  char     *label;              /* "Baremetal (VFIO-user bridge)" */
  char     *target_trtype;      /* NVMf target transport: VFIOUSER, RDMA, TCP */
  char     *fabric_trtype;      /* baremetal: bdev_nvme towards the replicas: RDMA, TCP */
  char     *backend;            /* storage: "nvme" or "malloc" */
  guint     numa_nodes;
  guint     instances;          /* storage: one node per replica */
  gint64   *values;             /* per knob def index */
  gboolean *set;                /* explicitly set in the scenario or edited */
} IopHostConfig;

typedef struct
{
  grefcount      ref_count;
  char          *id;
  char          *title;
  char          *description;
  char          *source;        /* file path or resource path it came from */
  IopSpdkVersion version;
  IopHostConfig  hosts[IOP_N_HOSTS];

  /* Topology */
  guint          raid_legs;
  guint          paths_per_leg;
  guint          guest_queue_pairs;
  guint          guest_queue_depth;
  gboolean       lvol_thin;
  gint64         lvol_cluster_size;
  guint          block_size;

  /* The I/O to trace */
  IopOp          op;
  gint64         io_size;
  gboolean       first_write_to_cluster;
  guint          background_inflight; /* other I/Os already in flight on the same queue pair */
  gint64         io_at_ns;      /* when the traced I/O is submitted; -1: when the first fault strikes */
  /* Faults injected at a virtual time (IopFault) */
  GArray        *faults;

  /* The default workload (the guest's depth and queue pairs are in the topology) */
  guint          wl_read_percent;
  gboolean       wl_random;
  guint          wl_ios;
  gboolean       wl_fresh_lvol;

  IopModel       model;
} IopScenario;

IopScenario *iop_scenario_new_from_file     (const char   *path,
                                             GError      **error);
IopScenario *iop_scenario_new_from_data     (const char   *data,
                                             gssize        len,
                                             const char   *source,
                                             GError      **error);
/* A scenario shipped with Iopath: "raid270", "spdk-defaults", ... */
IopScenario *iop_scenario_new_builtin       (const char   *id,
                                             GError      **error);
char       **iop_scenario_list_builtin      (void);
/* Finds by built-in id, else as a path */
IopScenario *iop_scenario_load              (const char   *id_or_path,
                                             GError      **error);

IopScenario *iop_scenario_ref               (IopScenario *self);
void         iop_scenario_unref             (IopScenario *self);
IopScenario *iop_scenario_copy              (const IopScenario *self);
/* A copy of SELF (its I/O, version, topology and faults) with the knob
 * values of KNOBS: run A of an A/B comparison, when SELF has the user's
 * edits and KNOBS is the scenario as loaded */
IopScenario *iop_scenario_copy_with_knobs   (const IopScenario *self,
                                             const IopScenario *knobs);
/* The knobs whose value differs from FROM to TO, as TO has them:
 * "bdev_set_options.bdev_io_cache_size = 2 (baremetal), ..."; NULL when none */
char        *iop_scenario_describe_knob_changes (const IopScenario *from,
                                                 const IopScenario *to);

/* Changes the SPDK version; values set explicitly are kept when the knob exists there. */
void         iop_scenario_set_version       (IopScenario   *self,
                                             IopSpdkVersion version);

const IopKnobDef *iop_scenario_find_knob    (const IopScenario *self,
                                             IopHostId          host,
                                             const char        *id,
                                             GError           **error);
gint64       iop_scenario_get_knob          (const IopScenario *self,
                                             IopHostId          host,
                                             const char        *id);
gboolean     iop_scenario_knob_is_set       (const IopScenario *self,
                                             IopHostId          host,
                                             const IopKnobDef  *def);
gint64       iop_scenario_knob_value        (const IopScenario *self,
                                             IopHostId          host,
                                             const IopKnobDef  *def);
/* Parses, range-checks and stores a value given as text ("--set"). */
gboolean     iop_scenario_set_knob_text     (IopScenario *self,
                                             IopHostId    host,
                                             const char  *id,
                                             const char  *text,
                                             GError     **error);
gboolean     iop_scenario_set_knob          (IopScenario *self,
                                             IopHostId    host,
                                             const char  *id,
                                             gint64       value,
                                             GError     **error);
void         iop_scenario_reset_knob        (IopScenario *self,
                                             IopHostId    host,
                                             const char  *id);
void         iop_scenario_reset_all_knobs   (IopScenario *self,
                                             IopHostId    host);
/* "METHOD.PARAM=VALUE" */
gboolean     iop_scenario_apply_assignment  (IopScenario *self,
                                             IopHostId    host,
                                             const char  *assignment,
                                             GError     **error);

/* Knobs that apply to HOST at the scenario's version, in registry order. */
GPtrArray   *iop_scenario_host_knobs        (const IopScenario *self,
                                             IopHostId          host);

/* Adds a fault after checking it against the topology */
gboolean     iop_scenario_add_fault         (IopScenario    *self,
                                             const IopFault *fault,
                                             GError        **error);
/* When the traced I/O starts: io_at_ns, or the first fault's time */
gint64       iop_scenario_trace_start       (const IopScenario *self);
/* Cross-knob checks SPDK refuses at start-up (errors, never warnings). */
gboolean     iop_scenario_validate          (const IopScenario *self,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopScenario, iop_scenario_unref)

G_END_DECLS
