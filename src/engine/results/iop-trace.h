/* iop-trace.h: the immutable result of tracing one I/O
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-scenario.h"
#include "iop-stages.h"
#include "iop-topology.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_PLACE_BAREMETAL,
  IOP_PLACE_NETWORK,
  IOP_PLACE_STORAGE,
} IopPlace;

const char *iop_place_name (IopPlace place); /* "baremetal", "network", "storage" */

typedef enum
{
  IOP_GAUGE_CENTRAL,   /* iobuf central ring */
  IOP_GAUGE_CACHE,     /* a per-thread cache (iobuf module cache, bdev_io cache) */
  IOP_GAUGE_MEMPOOL,   /* the global bdev_io mempool */
  IOP_GAUGE_SLOTS,     /* bounded request slots (queue entries, requests) */
} IopGaugeKind;

/* A pool, cache or queue whose level the trace follows. Level = objects available. */
typedef struct
{
  guint         id;
  char         *key;       /* stable: "storage1/iobuf.large", "baremetal/nvmf_tgt_poll_group_000/bdev_io.cache" */
  char         *label;     /* translated, short: "iobuf small pool" */
  char         *owner;     /* thread or qpair it belongs to, or NULL for process-wide */
  IopGaugeKind  kind;
  IopPlace      place;
  int           node;      /* storage node instance, -1 on the baremetal */
  gint64        capacity;
  gint64        initial;   /* level when the traced I/O starts */
  const char   *knob;      /* the knob that sizes it, "method.param", or NULL */
} IopGauge;

/* An object the traced I/O holds */
typedef struct
{
  guint       id;
  char       *kind;        /* "bdev_io", "iobuf buffer", "nvme_request" ... */
  char       *label;       /* "bdev_io (RAID parent)" */
  int         gauge;       /* pool or cache it came from; -1 none */
  char       *from;        /* translated: "per-thread cache", "central ring (batch of 32)" */
  IopPlace    place;
  int         node;
  int         leg;         /* -1 for none */
  guint       count;       /* e.g. 16 buffers of one request */
  gint64      bytes;       /* payload bytes, 0 for metadata objects */
  int         alloc_step;
  int         free_step;   /* -1 if never freed (a bug the tests catch) */
} IopObject;

typedef struct
{
  guint        object;
  int          gauge;      /* -1 none */
  gint64       before;
  gint64       after;
} IopObjectEvent;

typedef struct
{
  const IopKnobDef *def;
  IopHostId         host;
  gint64            value;
  gboolean          is_set;
  char             *effect;  /* translated: what the value did at this step */
} IopStepKnob;

/* Where the I/O's token stands during a step: in a layer's box on a host,
 * on the wire of a leg, or nowhere new (a control step: tokens stay put) */
typedef enum
{
  IOP_TOKEN_NONE,
  IOP_TOKEN_BOX,
  IOP_TOKEN_WIRE,
} IopTokenKind;

typedef struct
{
  IopTokenKind kind;
  IopPlace     place;     /* BOX: the host */
  int          node;      /* BOX on a storage node: its instance */
  IopLayer     layer;     /* BOX: the layer's box */
  int          leg;       /* the leg whose token it is, -1 the parent's */
  IopDirection direction; /* WIRE: DOWN towards the storage node, UP back */
} IopTokenAt;

typedef struct
{
  guint      index;
  gint64     t_ns;
  gint64     dur_ns;       /* CPU or wire time the step takes */
  const char *key;         /* step key, see docs/step-keys.md */
  IopStage   stage;        /* its row in the stage table (iop-stages.h) */
  IopLayer   layer;        /* the engine module (SPDK layer) that runs it */
  IopDirection direction;
  IopTokenAt token;        /* where the I/O stands meanwhile */
  IopPlace   place;
  int        node;         /* storage node instance, -1 elsewhere */
  int        leg;          /* RAID leg, -1 before the split and after the join */
  int        core;         /* -1 on the network */
  char      *thread;       /* NULL on the network */
  char      *title;        /* translated, short */
  char      *detail;       /* translated: what happened to this I/O here, with numbers */
  char      *file;         /* SPDK reference, or NULL */
  char      *function;
  char      *highlight;
  int        line;         /* of the function's definition at the scenario's tag, 0 unknown */
  gboolean   waited;       /* the I/O waited here for a resource */
  gboolean   control;      /* a fault or controller event, not the I/O itself */
  gboolean   reads;        /* the step's leg reads (a read's write-back leg writes) */
  GArray    *allocs;       /* IopObjectEvent */
  GArray    *frees;        /* IopObjectEvent */
  GPtrArray *knobs;        /* IopStepKnob* */
} IopStep;

typedef enum
{
  IOP_DIAG_INFO,
  IOP_DIAG_NOTICE,
  IOP_DIAG_WARNING,
  IOP_DIAG_DEPRECATION,
  IOP_DIAG_ERROR,
} IopDiagLevel;

const char *iop_diag_level_name (IopDiagLevel level);

typedef struct
{
  IopDiagLevel level;
  IopHostId    host;
  gboolean     from_spdk;  /* message is SPDK's own text */
  char        *message;
  char        *source;     /* "lib/nvmf/transport.c" or NULL */
  const char  *knob;       /* "method.param" to turn, or NULL */
  guint        count;      /* the same message this many times (once per thread...) */
  gboolean     during_io;  /* logged while the traced I/O ran (a fault's effect), not at start-up */
} IopDiagnostic;

/* What iobuf_get_stats would report for one module on one host: the sum over
 * its channels (threads). */
typedef struct
{
  IopPlace  place;
  int       node;
  char     *module;        /* "bdev", "accel", "nvmf_RDMA" */
  guint64   small_cache, small_main, small_retry;
  guint64   large_cache, large_main, large_retry;
} IopIobufStats;

/* The NVMe-oF controller bdev_nvme keeps for one path of one replica */
typedef enum
{
  IOP_CTRLR_CONNECTED,
  IOP_CTRLR_RESETTING,   /* reset or reconnect attempt under way */
  IOP_CTRLR_DELAYED,     /* waiting reconnect_delay_sec for the next attempt */
  IOP_CTRLR_FAILED,      /* failed, no further attempt (reconnect_delay_sec 0) */
  IOP_CTRLR_DELETED,     /* ctrlr_loss_timeout_sec passed: deleted */
} IopCtrlrState;

const char *iop_ctrlr_state_name (IopCtrlrState state);   /* "connected" ... */
const char *iop_ctrlr_state_label (IopCtrlrState state);  /* translated */

/* One path's state from T_NS on (a change of link or controller) */
typedef struct
{
  gint64        t_ns;
  guint         leg, path;
  gboolean      link_up;
  gboolean      qpair_up;          /* the host's qpairs on it are connected */
  IopCtrlrState state;
  gint64        next_attempt_ns;   /* next reconnect attempt, -1 none */
  gint64        loss_at_ns;        /* ctrlr_loss_timeout_sec deletes it then, -1 never */
  gint64        fast_fail_at_ns;   /* fast_io_fail_timeout_sec fails its I/O then, -1 never */
} IopPathState;

/* One replica as RAID1 and bdev_nvme see it, from T_NS on */
typedef struct
{
  gint64   t_ns;
  guint    leg;
  gboolean removed;   /* RAID1 removed the base bdev: the array runs degraded */
  guint    held;      /* I/Os waiting in bdev_nvme's retry queue for a path */
} IopLegState;

typedef enum
{
  IOP_OUTCOME_COMPLETED,       /* completed, no fault touched it */
  IOP_OUTCOME_LATE,            /* completed after waiting for a path or a failover */
  IOP_OUTCOME_FAILED,          /* the guest saw an error */
} IopOutcome;

const char *iop_outcome_name (IopOutcome outcome);

typedef struct
{
  gatomicrefcount ref_count; /* atomic: a thread may paint a trace the app shows */
  IopScenario  *scenario;
  IopTopology  *topology;
  GPtrArray    *steps;       /* IopStep* */
  GPtrArray    *objects;     /* IopObject* */
  GPtrArray    *gauges;      /* IopGauge* */
  GArray       *levels;      /* gint64, (steps + 1) x gauges: before step 0, then after each step */
  GPtrArray    *diagnostics; /* IopDiagnostic* */
  GPtrArray    *iobuf_stats; /* IopIobufStats*, counted over the whole run */
  gint64        end_ns;
  int           split_step;  /* first step of the RAID fan-out, -1 none */
  int           join_step;   /* step where the legs joined, -1 none */
  guint         events;      /* events the engine processed */
  /* Faults (empty without) */
  GArray       *path_states; /* IopPathState, in time order */
  GArray       *leg_states;  /* IopLegState, in time order */
  gint64        start_ns;    /* when the traced I/O was submitted */
  IopOutcome    outcome;
  int           served_by;   /* leg that served a read, -1 */
  gint64        held_ns;     /* time the traced I/O's legs spent waiting for a path */
} IopTrace;

IopTrace    *iop_trace_ref           (IopTrace *self);
void         iop_trace_unref         (IopTrace *self);

static inline IopStep *
iop_trace_step (IopTrace *self, guint i)
{
  return g_ptr_array_index (self->steps, i);
}

/* Level of GAUGE after STEP (-1: before the first step) */
gint64       iop_trace_level         (const IopTrace *self, int step, guint gauge);
/* The step running at virtual time T (the last one started at or before T) */
int          iop_trace_step_at_time  (const IopTrace *self, gint64 t_ns);
const char  *iop_trace_spdk_tag      (const IopTrace *self);
/* The step's explanation, translated, with what the run did at its branch
   (iop-explanations-run.c); NULL when the step has none */
char        *iop_trace_step_explanation_text (const IopTrace *self, const IopStep *s);
const IopIobufStats *iop_trace_find_iobuf_stats (const IopTrace *self, IopPlace place, int node, const char *module);
/* Worst diagnostic level, or -1 when there is none */
int          iop_trace_worst_level   (const IopTrace *self);

gboolean     iop_trace_has_faults    (const IopTrace *self);
/* The path's state at T; FALSE (and a connected path) when no fault touched it */
gboolean     iop_trace_path_state_at (const IopTrace *self, guint leg, guint path, gint64 t_ns, IopPathState *out);
gboolean     iop_trace_leg_state_at  (const IopTrace *self, guint leg, gint64 t_ns, IopLegState *out);

/* The explanation of step S (the stage's own, or the one it shares), or NULL */
const struct _IopExplanation *iop_trace_step_explanation (const IopTrace *self, const IopStep *s);

JsonNode    *iop_trace_to_json       (const IopTrace *self);
char        *iop_trace_to_table      (const IopTrace *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopTrace, iop_trace_unref)

G_END_DECLS
