/* iop-sim.c: the discrete-event engine and the raid_270 data path
 *
 * The engine owns no timer: it pops events from a heap ordered by (virtual
 * time, sequence number) until none is left. Every pool, cache and queue
 * follows SPDK's own rules (see the comments at each), and every step of a
 * traced I/O is recorded with the objects it took or gave back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-refs.h"
#include "iop-sim.h"
#include "iop-trace-private.h"
#include "iop-workload.h"

#define IOBUF_BATCH_SIZE 32          /* lib/thread/iobuf.c */
#define IOBUF_POPULATE_BATCH_SIZE 64
#define NVME_DEFAULT_IO_QUEUE_SIZE 256     /* lib/nvme/nvme_internal.h */
#define NVME_DEFAULT_IO_QUEUE_REQUESTS 512
#define BLOB_MAX_CHANNEL_OPS 512     /* SPDK_BLOB_OPTS_MAX_CHANNEL_OPS */
#define MAX_LEGS 8
#define HORIZON_NS G_GINT64_CONSTANT (10000000000)  /* 10 s of virtual time */
#define MAX_EVENTS 20000000

typedef struct _Io Io;
typedef struct _ThreadState ThreadState;

typedef struct
{
  gint64       t;
  guint64      seq;
  Io          *io;      /* NULL: a sample (wake == NULL) or a thread wake-up */
  int          leg;
  int          stage;
  ThreadState *wake;
} Event;

/* Work waiting for a busy reactor, in arrival order */
typedef struct
{
  Event *buf;
  guint  cap, head, len;
} RunQueue;
typedef struct _Sim Sim;

/* --- Resources ----------------------------------------------------------- */

typedef struct
{
  Io   *io;
  int   leg;      /* -1: the parent */
  int   stage;
} Waiter;

typedef struct
{
  gint64   level;     /* available */
  gint64   capacity;
  int      gauge;     /* -1 when the trace does not follow it */
  GQueue   waiters;   /* Waiter* */
} Res;

typedef enum { SMALL, LARGE } BufClass;

typedef struct
{
  Res    *central[2];     /* the ring of this thread's NUMA node */
} IobufNode;

/* One module's iobuf channel on one thread (spdk_iobuf_channel) */
typedef struct
{
  const char *module;     /* "bdev", "accel", "nvmf_RDMA" */
  Res        *cache[2];   /* level = cache_count, capacity = cache_size */
  Res        *central[2];
  GQueue     *queue[2];   /* the thread's wait queues, shared by its modules */
  guint64     stats_cache[2], stats_main[2], stats_retry[2];
} IobufChan;

typedef struct
{
  Res   *nvme_reqs;       /* nvme_request objects (io_queue_requests) */
  Res   *wire_slots;      /* rdma_req / PCIe trackers: the queue size */
  GQueue queued;          /* requests queued in the driver when wire slots run out */
} Qpair;

struct _ThreadState
{
  IopThread *t;
  GQueue     iobuf_queue[2];
  IobufChan  bdev, accel, transport;
  gboolean   has_transport_cache;
  Res       *bdev_io_cache;
  GQueue     io_wait;
  Qpair     *qpairs;      /* per controller */
  Res       *blob_reqs;
  Res       *target_reqs; /* target request slots of the qpairs landing here */
  guint64    read_blocks_outstanding[MAX_LEGS]; /* raid1 read balancing per channel */
  gint64     busy_until; /* the reactor runs one thing at a time */
  gint64     busy_ns;    /* CPU time spent, for utilisation */
  RunQueue   runq;
  gboolean   wake_pending;
};

typedef struct
{
  IopHostId  host;
  int        node;        /* storage instance, -1 on the baremetal */
  IopPlace   place;
  Res       *central[2];
  Res       *bdev_io_pool;
  GPtrArray *threads;     /* ThreadState* */
  char      *tag;         /* "baremetal", "storage0" */
  IopHostCounters ctr;
  gint64     ssd_busy;
} HostState;

/* --- I/Os ------------------------------------------------------------------ */

/* The transport buffers one request holds */
typedef struct
{
  guint        needed, got;
  BufClass     cls;
  gint64       unit;
  gboolean     polling;     /* v26.01 RDMA: retried each poll, no wait entry */
  int          obj;         /* trace object, -1 */
} BufReq;

typedef struct
{
  int          idx;
  int          stage;
  gboolean     granted;
  int          node;
  ThreadState *st;          /* storage thread */
  Qpair       *bq;          /* baremetal qpair */
  Qpair       *sq;          /* storage PCIe qpair */
  gboolean     in_capsule;
  BufReq       buf;         /* transport buffers on the storage node */
  gboolean     alloc_cluster;
  /* Faults */
  int          path;        /* path (controller) of the replica it uses */
  guint        tgt_visits;  /* times this leg's command reached the target */
  gboolean     held;        /* in bdev_nvme's retry queue, waiting for a path */
  gboolean     on_wire;     /* sent, response not reaped yet */
  gboolean     zombie;      /* the host gave the command up; the target may still answer */
  gboolean     dnr;         /* aborted with Do Not Retry: it fails instead */
  gboolean     failed;
  guint        attempt;     /* the controller's epoch it was sent in */
  gint64       held_since;
  /* Object ids in the trace, -1 when untraced */
  int o_child_io, o_nvme_req, o_rdma_req, o_tgt_req, o_bufs, o_data_wr, o_lvol_io, o_blob_req, o_nvme_io, o_s_nvme_req, o_tracker;
} Leg;

struct _Io
{
  guint        id;
  gboolean     traced;
  IopOp        op;
  gint64       size;
  int          stage;
  gboolean     granted;
  ThreadState *bt;
  int          guest_qp;
  guint        n_legs;
  guint        legs_done;
  int          read_leg;
  gboolean     has_bdev_buf;
  Leg          legs[MAX_LEGS];
  int          o_vfu_req, o_bdev_io, o_bdev_buf;
  BufReq       fbuf;        /* front-end transport buffers (TCP guest) */
  gboolean     front_in_capsule;
  gint64       t_start, t_end;
  int          live;        /* parent + legs whose target request is not released yet */
  gboolean     first_write; /* first write to its thin cluster */
  guint        legs_failed;
  gboolean     failed;      /* the guest sees an error */
  gboolean     late;        /* a fault made it wait */
  int          repair_leg;  /* a read failed there: RAID1 writes it back after the other read */
};

/* bdev_nvme's nvme_ctrlr for one path of one replica (multipath: one per path) */
typedef struct
{
  guint         leg, path;
  IopCtrlrState state;
  gboolean      qpair_up;
  guint         gen;          /* bumps cancel pending detection events */
  guint         epoch;        /* bumps when its qpairs are torn down */
  gboolean      detect_pending;
  gint64        detect_at;
  gint64        strand_first; /* first send lost on the dead link, -1 */
  gint64        reset_start;  /* reset_start_tsc, -1 */
  gboolean      fast_fail;    /* fast_io_fail_timedout */
  gint64        next_attempt;
  guint         attempts;
  GQueue        stranded;     /* Waiter*: sends lost on the wire */
  gint64        assoc_start;  /* the target's keep-alive timer started then */
  gboolean      loss_cut;     /* this attempt ends at the ctrlr_loss_timeout_sec deadline */
  gint64        link_next;    /* the link's next change is scheduled then, -1 none */
  gboolean      link_was_up;
  gboolean      by_keepalive; /* the failure was found by a keep-alive on the admin queue */
} Ctrlr;


struct _Sim
{
  IopScenario *sc;
  IopTopology *topo;
  IopTrace    *trace;
  gint64       now;
  guint64      seq;
  Event       *heap;       /* binary heap on (t, seq) */
  guint        heap_len, heap_cap;
  ThreadState *running;    /* the thread whose step is executing */
  Event        next;       /* its call chain's next step */
  gboolean     has_next;
  gint64       link_tx, link_rx;  /* the baremetal NIC, busy until */
  GPtrArray   *ios;
  GPtrArray   *res;        /* Res* owner */
  HostState    bm;
  HostState   *st;         /* [instances] */
  guint        n_st;
  Res        **guest_sqs;  /* VFIO-user SQ request slots per guest queue pair */
  guint        n_guest_qp;
  struct _Wl  *wl;         /* workload mode, or NULL when tracing one I/O */
  GPtrArray   *io_free;    /* recycled I/Os (workload) */
  Io          *traced;
  int          cur_step;
  /* Values read once */
  gint64       small_bufsize[IOP_N_HOSTS], large_bufsize[IOP_N_HOSTS];
  gint64       icd;        /* storage target in-capsule data size */
  gint64       io_unit_size[IOP_N_HOSTS];
  gint64       io_queue_size, io_queue_reqs;
  gint64       s_io_queue_reqs;
  gboolean     rdma_polls_for_buffers; /* v26.01 RDMA: no iobuf wait entry */
  gboolean     delay_submit[IOP_N_HOSTS];
  gboolean     front_tcp;       /* the guest reaches the baremetal over NVMe-oF TCP */
  gboolean     fabric_tcp;      /* the baremetal reaches the replicas over TCP */
  gboolean     malloc_backend;  /* the storage node's lvstore sits on a malloc bdev */
  gint64       front_icd;       /* in_capsule_data_size of the guest-facing TCP target */
  gint64       ioq_period_ns[IOP_N_HOSTS];
  gboolean     stalled;
  GPtrArray   *scratch;    /* strings that live as long as the run */
  gint64       horizon_ns;
  /* Faults */
  gboolean     faults_on;
  Ctrlr       *ctrlrs;     /* [leg * paths_per_leg + path] */
  guint        n_ctrlrs;
  gboolean     leg_removed[MAX_LEGS];
  guint        held[MAX_LEGS];
  gint64       per_try_ns; /* one RDMA retransmission timeout */
  gint64       detect_ns;  /* a dead path is noticed this long after the first lost send */
  gint64       ka_interval_ns, kato_ns;
  /* bdev_nvme's recovery knobs on the baremetal, read once */
  gint64       ctl_sec, rd_sec, ff_sec, retry_count, timeout_us, timeout_action;
  guint64      io_failed, io_late;
  gint64       ctl_stop_ns;   /* workload: no control events after its end */
  GPtrArray   *fault_events;  /* workload: IopFaultEvent* */
};

enum
{
  /* Parent, baremetal */
  P_START, P_VFU_POLL, P_VFU_CMD, P_NVMF_EXEC, P_NVMF_BDEV, P_BDEV_GETIO, P_BDEV_SUBMIT,
  P_RAID_SUBMIT, P_RAID_GETBUF, P_RAID1_READ, P_RAID1_WRITE,
  P_BDEV_COMPLETE, P_NVMF_COMPLETE, P_VFU_COMPLETE, P_DONE,
  /* Parent, when the guest comes over NVMe-oF TCP */
  P_GUEST_NET, P_TCP_RECV, P_TCP_GETBUF, P_TCP_R2T, P_TCP_H2C, P_TCP_COMPLETE, P_GUEST_RESP, P_TCP_RELEASE,
  /* Legs */
  L_CHILD_IO, L_NVME_SUBMIT, L_NS_CMD, L_RDMA_SUBMIT, L_NET_CMD,
  L_T_RECV, L_T_GETBUF, L_NET_RDMA_READ, L_T_EXEC, L_T_BDEV, L_T_GETIO, L_T_SUBMIT,
  L_LVOL, L_BLOB, L_BLOB_ALLOC, L_BLOB_DEV, L_S_NVME_SUBMIT, L_S_NS_CMD, L_PCIE, L_MEDIA,
  L_S_POLL, L_S_NVME_COMPLETE, L_BLOB_COMPLETE, L_T_BDEV_COMPLETE, L_T_NVMF_COMPLETE,
  L_T_COMPLETE, L_NET_RDMA_WRITE, L_NET_RESP, L_T_RELEASE, L_B_POLL, L_B_RDMA_COMPLETE,
  L_B_NVME_COMPLETE, L_RAID_PART,
  /* Legs over TCP, and a malloc backend */
  L_NET_R2T, L_H2C_SEND, L_NET_H2C, L_MALLOC, L_ACCEL_COPY, L_MALLOC_DONE,
  /* Faults */
  L_ABORTED, L_LEG_FAILED, L_TIMEOUT,
  /* Control plane (io == NULL, leg = controller | gen << 8) */
  FE_BASE = 1000, FE_LINK, FE_DETECT, FE_CONNECT_DONE, FE_RECONNECT, FE_KA_DROP,
};

/* --- Heap ------------------------------------------------------------------ */

static gboolean
ev_less (const Event *a, const Event *b)
{
  return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void
heap_push (Sim *sim, const Event *e)
{
  guint i;

  if (sim->heap_len == sim->heap_cap)
    {
      sim->heap_cap = MAX (sim->heap_cap * 2, 256);
      sim->heap = g_renew (Event, sim->heap, sim->heap_cap);
    }
  /* Sift the hole up, then drop the event in */
  i = sim->heap_len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      if (!ev_less (e, &sim->heap[parent]))
        break;
      sim->heap[i] = sim->heap[parent];
      i = parent;
    }
  sim->heap[i] = *e;
}

static ThreadState *event_thread (const Event *e);

static void
schedule (Sim *sim, Io *io, int leg, int stage, gint64 delay)
{
  Event e = { sim->now + MAX (delay, 0), sim->seq++, io, leg, stage, NULL };

  /* Run to completion: the next step of a call chain on the thread that is
   * running now does not go through the queue (see sim_loop) */
  if (sim->running != NULL && !sim->has_next && event_thread (&e) == sim->running)
    {
      sim->next = e;
      sim->has_next = TRUE;
      return;
    }
  heap_push (sim, &e);
}

static void
schedule_wake (Sim *sim, ThreadState *ts, gint64 at)
{
  Event e = { at, sim->seq++, NULL, -1, 0, ts };

  heap_push (sim, &e);
}

static void
runq_push (RunQueue *q, const Event *e)
{
  if (q->len == q->cap)
    {
      guint ncap = MAX (q->cap * 2, 16);
      Event *nb = g_new (Event, ncap);
      for (guint i = 0; i < q->len; i++)
        nb[i] = q->buf[(q->head + i) & (q->cap - 1)];   /* cap is a power of two */
      g_free (q->buf);
      q->buf = nb;
      q->cap = ncap;
      q->head = 0;
    }
  q->buf[(q->head + q->len) & (q->cap - 1)] = *e;
  q->len++;
}

static Event
runq_pop (RunQueue *q)
{
  Event e = q->buf[q->head];

  q->head = (q->head + 1) & (q->cap - 1);
  q->len--;
  return e;
}

static gboolean
pop (Sim *sim, Event *out)
{
  Event *h = sim->heap;
  Event last;
  guint n, i = 0;

  if (sim->heap_len == 0)
    return FALSE;
  *out = h[0];
  n = --sim->heap_len;
  if (n == 0)
    return TRUE;
  last = h[n];
  /* Sift the hole down, then drop the last event in */
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m;
      if (l >= n)
        break;
      m = (r < n && ev_less (&h[r], &h[l])) ? r : l;
      if (!ev_less (&h[m], &last))
        break;
      h[i] = h[m];
      i = m;
    }
  h[i] = last;
  return TRUE;
}

/* --- Resources ------------------------------------------------------------ */

static Res *
res_new (Sim *sim, gint64 capacity, gint64 level)
{
  Res *r = g_new0 (Res, 1);

  r->capacity = capacity;
  r->level = level;
  r->gauge = -1;
  g_queue_init (&r->waiters);
  g_ptr_array_add (sim->res, r);
  return r;
}

static void
res_free (gpointer p)
{
  Res *r = p;

  g_queue_clear_full (&r->waiters, g_free);
  g_free (r);
}

static void
follow (Sim *sim, Res *r, IopPlace place, int node, const char *key, const char *label,
        const char *owner, IopGaugeKind kind, const char *knob)
{
  IopGauge *g;

  if (r == NULL || r->gauge >= 0)
    return;
  g = g_new0 (IopGauge, 1);
  g->id = sim->trace->gauges->len;
  g->key = g_strdup (key);
  g->label = g_strdup (label);
  g->owner = g_strdup (owner);
  g->kind = kind;
  g->place = place;
  g->node = node;
  g->capacity = r->capacity;
  g->initial = r->level;
  g->knob = knob;
  r->gauge = (int)g->id;
  g_ptr_array_add (sim->trace->gauges, g);
}

static void
park (Res *r, Io *io, int leg, int stage)
{
  Waiter *w = g_new0 (Waiter, 1);

  w->io = io;
  w->leg = leg;
  w->stage = stage;
  g_queue_push_tail (&r->waiters, w);
}

static void
park_queue (GQueue *q, Io *io, int leg, int stage)
{
  Waiter *w = g_new0 (Waiter, 1);

  w->io = io;
  w->leg = leg;
  w->stage = stage;
  g_queue_push_tail (q, w);
}

static void
grant (Sim *sim, Waiter *w)
{
  if (w->leg < 0)
    w->io->granted = TRUE;
  else
    w->io->legs[w->leg].granted = TRUE;
  schedule (sim, w->io, w->leg, w->stage, sim->sc->model.cpu_step_ns);
  g_free (w);
}

/* Plain slots: take one or wait in FIFO order; a freed slot goes to the first waiter. */
static gboolean
slot_get (Res *r)
{
  if (r->level > 0 && g_queue_is_empty (&r->waiters))
    {
      r->level--;
      return TRUE;
    }
  return FALSE;
}

static void
slot_put (Sim *sim, Res *r)
{
  Waiter *w = g_queue_pop_head (&r->waiters);

  if (w != NULL)
    grant (sim, w);
  else
    r->level++;
}

/* spdk_iobuf_get(): the local cache, then a batch of min(32, max(cache_size, 1))
 * from the central ring, then the thread's wait queue. */
typedef enum { IOBUF_FROM_CACHE, IOBUF_FROM_MAIN, IOBUF_RETRY } IobufResult;

static IobufResult
iobuf_get (IobufChan *ch, BufClass c, gint64 *batch)
{
  gint64 want, got;

  if (ch->cache[c]->level > 0)
    {
      ch->cache[c]->level--;
      ch->stats_cache[c]++;
      return IOBUF_FROM_CACHE;
    }
  want = MIN (IOBUF_BATCH_SIZE, MAX (ch->cache[c]->capacity, 1));
  got = MIN (want, ch->central[c]->level);
  if (got == 0)
    {
      ch->stats_retry[c]++;
      return IOBUF_RETRY;
    }
  ch->central[c]->level -= got;
  ch->stats_main[c]++;
  ch->cache[c]->level += got - 1;
  if (batch)
    *batch = got;
  return IOBUF_FROM_MAIN;
}

/* spdk_iobuf_put(): a waiter on this thread first, then the cache; a cache
 * that grows past its size plus a batch gives a batch back to the ring. */
static void
iobuf_put (Sim *sim, IobufChan *ch, BufClass c)
{
  Waiter *w = g_queue_pop_head (ch->queue[c]);
  gint64 sz;

  if (w != NULL)
    {
      grant (sim, w);
      return;
    }
  if (ch->cache[c]->capacity == 0)
    {
      ch->central[c]->level++;
      return;
    }
  ch->cache[c]->level++;
  sz = MIN (IOBUF_BATCH_SIZE, ch->cache[c]->capacity);
  if (ch->cache[c]->level >= ch->cache[c]->capacity + sz)
    {
      ch->cache[c]->level -= sz;
      ch->central[c]->level += sz;
    }
}

/* bdev_channel_get_io(): the per-thread cache, else the mempool unless others
 * already wait, else NULL (the caller queues on io_wait). */
typedef enum { BDEV_IO_CACHE, BDEV_IO_MEMPOOL, BDEV_IO_NONE } BdevIoResult;

static BdevIoResult
bdev_io_get (HostState *hs, ThreadState *ts)
{
  if (ts->bdev_io_cache->level > 0)
    {
      ts->bdev_io_cache->level--;
      hs->ctr.bdev_io_cache++;
      return BDEV_IO_CACHE;
    }
  if (g_queue_is_empty (&ts->io_wait) && hs->bdev_io_pool->level > 0)
    {
      hs->bdev_io_pool->level--;
      hs->ctr.bdev_io_mempool++;
      return BDEV_IO_MEMPOOL;
    }
  hs->ctr.bdev_io_wait++;
  return BDEV_IO_NONE;
}

/* spdk_bdev_free_io(): back into the cache while it has room (then wake the
 * io_wait queue while the cache lasts), else back to the mempool. */
static void
bdev_io_put (Sim *sim, HostState *hs, ThreadState *ts)
{
  if (ts->bdev_io_cache->level < ts->bdev_io_cache->capacity)
    {
      ts->bdev_io_cache->level++;
      while (ts->bdev_io_cache->level > 0 && !g_queue_is_empty (&ts->io_wait))
        {
          ts->bdev_io_cache->level--;
          grant (sim, g_queue_pop_head (&ts->io_wait));
        }
    }
  else
    hs->bdev_io_pool->level++;
}

/* --- Trace recording ----------------------------------------------------- */

static const char *
scratch (Sim *sim, char *owned)
{
  g_ptr_array_add (sim->scratch, owned);
  return owned;
}

/* Levels of every followed gauge: a new row (STEP -1) or the row of STEP */
static void
snap (Sim *sim, int step)
{
  guint n = sim->trace->gauges->len;
  gint64 *row = g_newa (gint64, MAX (n, 1));

  for (guint i = 0; i < sim->res->len; i++)
    {
      Res *r = g_ptr_array_index (sim->res, i);
      if (r->gauge >= 0)
        row[r->gauge] = r->level;
    }
  if (step < 0)
    iop_trace_push_levels (sim->trace, row);
  else
    iop_trace_set_levels (sim->trace, step, row);
}

static IopStep *
record (Sim *sim, Io *io, int leg, const char *key, IopPlace place, int node,
        ThreadState *ts, gint64 dur, const char *title, char *detail)
{
  IopStep *s;
  IopRef ref;
  const char *host = place == IOP_PLACE_STORAGE ? "storage" : place == IOP_PLACE_BAREMETAL ? "baremetal" : NULL;

  if (!io->traced)
    {
      g_free (detail);
      return NULL;
    }

  s = iop_step_new ();
  s->index = sim->trace->steps->len;
  s->t_ns = sim->now;
  s->dur_ns = dur;
  s->key = key;
  s->place = place;
  s->node = place == IOP_PLACE_STORAGE ? node : -1;
  s->leg = leg;
  s->core = ts ? (int)ts->t->core : -1;
  s->thread = ts ? g_strdup (ts->t->name) : NULL;
  s->title = g_strdup (title);
  s->detail = detail;
  if (iop_refs_lookup (sim->sc->version, key, host, iop_op_name (io->op), &ref))
    {
      s->file = g_strdup (ref.file);
      s->function = g_strdup (ref.function);
      s->highlight = g_strdup (ref.highlight);
      s->line = ref.line;
    }
  g_ptr_array_add (sim->trace->steps, s);
  sim->cur_step = (int)s->index;
  snap (sim, -1);
  return s;
}

/* Refresh the snapshot of the last step after allocations made "in" it */
static void
resnap (Sim *sim, IopStep *s)
{
  if (s != NULL)
    snap (sim, (int)s->index);
}

static void
knob (Sim *sim, IopStep *s, IopHostId host, const char *id, char *effect)
{
  IopStepKnob *k;
  const IopKnobDef *def;

  if (s == NULL)
    {
      g_free (effect);
      return;
    }
  def = iop_scenario_find_knob (sim->sc, host, id, NULL);
  g_return_if_fail (def != NULL);
  k = g_new0 (IopStepKnob, 1);
  k->def = def;
  k->host = host;
  k->value = iop_scenario_knob_value (sim->sc, host, def);
  k->is_set = iop_scenario_knob_is_set (sim->sc, host, def);
  k->effect = effect;
  g_ptr_array_add (s->knobs, k);
}

static int
obj_alloc (Sim *sim, IopStep *s, Io *io, int leg, const char *kind, const char *label,
           Res *from_res, gint64 before, const char *from, guint count, gint64 bytes,
           IopPlace place, int node)
{
  IopObject *o;
  IopObjectEvent e;

  if (s == NULL)
    return -1;
  o = g_new0 (IopObject, 1);
  o->id = sim->trace->objects->len;
  o->kind = g_strdup (kind);
  o->label = g_strdup (label);
  o->gauge = from_res ? from_res->gauge : -1;
  o->from = g_strdup (from);
  o->place = place;
  o->node = place == IOP_PLACE_STORAGE ? node : -1;
  o->leg = leg;
  o->count = count;
  o->bytes = bytes;
  o->alloc_step = (int)s->index;
  o->free_step = -1;
  g_ptr_array_add (sim->trace->objects, o);

  e.object = o->id;
  e.gauge = o->gauge;
  e.before = before;
  e.after = from_res ? from_res->level : 0;
  g_array_append_val (s->allocs, e);
  return (int)o->id;
}

static void
obj_free (Sim *sim, IopStep *s, int *obj, Res *to_res, gint64 before)
{
  IopObjectEvent e;
  IopObject *o;

  if (s == NULL || obj == NULL || *obj < 0)
    return;
  o = g_ptr_array_index (sim->trace->objects, *obj);
  o->free_step = (int)s->index;
  e.object = o->id;
  e.gauge = to_res ? to_res->gauge : -1;
  e.before = before;
  e.after = to_res ? to_res->level : 0;
  g_array_append_val (s->frees, e);
  *obj = -1;
}

static void
diag (Sim *sim, IopDiagLevel level, IopHostId host, gboolean from_spdk, const char *source,
      const char *knob_id, char *message)
{
  IopDiagnostic *d;

  /* SPDK logs it once per thread; say it once, with the count */
  for (guint i = 0; i < sim->trace->diagnostics->len; i++)
    {
      d = g_ptr_array_index (sim->trace->diagnostics, i);
      if (d->level == level && d->host == host && g_strcmp0 (d->message, message) == 0)
        {
          d->count++;
          g_free (message);
          return;
        }
    }
  d = g_new0 (IopDiagnostic, 1);
  d->count = 1;
  d->level = level;
  d->host = host;
  d->from_spdk = from_spdk;
  d->message = message;
  d->source = g_strdup (source);
  d->knob = knob_id;
  g_ptr_array_add (sim->trace->diagnostics, d);
}

/* --- Start-up: pools, channels and SPDK's own checks ---------------------- */

static gint64
K (Sim *sim, IopHostId h, const char *id)
{
  return iop_scenario_get_knob (sim->sc, h, id);
}

static const char *
transport_iobuf_name (const char *trtype)
{
  if (g_strcmp0 (trtype, "RDMA") == 0) return "nvmf_RDMA";
  if (g_strcmp0 (trtype, "TCP") == 0) return "nvmf_TCP";
  return "nvmf_VFIOUSER";
}

/* iobuf_channel_node_populate(): fill a new cache from the ring in batches;
 * SPDK fails the channel when the ring runs dry. */
static gboolean
populate (Sim *sim, HostState *hs, IobufChan *ch, BufClass c, gint64 size, const char *thread)
{
  gint64 take = MIN (size, ch->central[c]->level);

  ch->central[c]->level -= take;
  ch->cache[c]->level = take;
  if (take < size)
    {
      const char *kind = c == SMALL ? "small" : "large";
      diag (sim, IOP_DIAG_ERROR, hs->host, TRUE, "lib/thread/iobuf.c",
            c == SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
            g_strdup_printf ("Failed to populate '%s' iobuf %s buffer cache at %" PRId64 "/%" PRId64
                             " entries. You may need to increase spdk_iobuf_opts.%s_pool_count (%" PRId64 ")",
                             ch->module, kind, take, size, kind, ch->central[c]->capacity));
      diag (sim, IOP_DIAG_ERROR, hs->host, TRUE, "lib/thread/iobuf.c", NULL,
            g_strdup ("See scripts/calc-iobuf.py for guidance on how to calculate this value."));
      (void)thread;
      return FALSE;
    }
  return TRUE;
}

static void
chan_init (Sim *sim, HostState *hs, ThreadState *ts, IobufChan *ch, const char *module,
           gint64 small, gint64 large)
{
  ch->module = module;
  for (guint c = 0; c < 2; c++)
    {
      ch->cache[c] = res_new (sim, c == SMALL ? small : large, 0);
      ch->central[c] = hs->central[c];
      ch->queue[c] = &ts->iobuf_queue[c];
    }
}

static gboolean
chan_populate (Sim *sim, HostState *hs, ThreadState *ts, IobufChan *ch)
{
  if (!populate (sim, hs, ch, SMALL, ch->cache[SMALL]->capacity, ts->t->name))
    {
      /* SPDK gives back what it took: spdk_iobuf_channel_fini */
      ch->central[SMALL]->level += ch->cache[SMALL]->level;
      ch->cache[SMALL]->level = 0;
      return FALSE;
    }
  if (!populate (sim, hs, ch, LARGE, ch->cache[LARGE]->capacity, ts->t->name))
    {
      for (guint c = 0; c < 2; c++)
        {
          ch->central[c]->level += ch->cache[c]->level;
          ch->cache[c]->level = 0;
        }
      return FALSE;
    }
  return TRUE;
}

static void
transport_cache_sizes (Sim *sim, IopHostId h, gint64 *small, gint64 *large, char **formula)
{
  iop_transport_cache_sizes (sim->sc, h, sim->topo->hosts[h].n_poll_groups, small, large, formula);
}

/* nvmf_create_transport: what SPDK checks and logs when the transport is made */
static gboolean
transport_checks (Sim *sim, IopHostId h, GError **error)
{
  const IopHostConfig *hc = &sim->sc->hosts[h];
  const char *tr = hc->target_trtype;
  const IopHostTopology *ht = &sim->topo->hosts[h];

  if (sim->sc->version == IOP_SPDK_V26_05)
    {
      static const struct { const char *param, *tag, *desc; } dep[] = {
        { "num_shared_buffers", "nvmf_create_transport_num_shared_buffers", "Use iobuf_large_cache_size and iobuf_small_cache_size instead" },
        { "buf_cache_size", "nvmf_create_transport_buf_cache_size", "buf_cache_size is deprecated" },
        { "io_unit_size", "nvmf_create_transport_io_unit_size", "io_unit_size is deprecated" },
      };
      for (guint i = 0; i < G_N_ELEMENTS (dep); i++)
        {
          g_autofree char *id = g_strconcat ("nvmf_create_transport.", dep[i].param, NULL);
          const IopKnobDef *def = iop_scenario_find_knob (sim->sc, h, id, NULL);
          if (def && iop_scenario_knob_is_set (sim->sc, h, def))
            diag (sim, IOP_DIAG_DEPRECATION, h, TRUE, "lib/nvmf/nvmf_rpc.c", def->id,
                  g_strdup_printf ("%s: deprecated feature %s to be removed in %s", dep[i].tag, dep[i].desc, "v26.09"));
        }
      for (guint c = 0; c < 2; c++)
        {
          const char *kind = c == SMALL ? "small" : "large";
          g_autofree char *id = g_strdup_printf ("nvmf_create_transport.iobuf_%s_cache_size", kind);
          gint64 v = K (sim, h, id);
          gint64 pool = K (sim, h, c == SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count");
          gint64 cores = ht->n_cores;
          if (v != IOP_KNOB_AUTO && v != 0 && v * cores > pool)
            {
              diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/transport.c", iop_scenario_find_knob (sim->sc, h, id, NULL)->id,
                    g_strdup_printf ("per core iobuf_%s_cache_size %" PRId64 " is larger than iobuf %s buffer count %" PRId64 ", limiting to 50%% of the pool",
                                     kind, v * cores, kind, pool));
              iop_scenario_set_knob (sim->sc, h, id, pool / cores / 2, NULL);
            }
        }
      return TRUE;
    }

  /* v26.01 */
  {
    gint64 nsb = K (sim, h, "nvmf_create_transport.num_shared_buffers");
    gint64 bcs = K (sim, h, "nvmf_create_transport.buf_cache_size");
    gint64 iou = K (sim, h, "nvmf_create_transport.io_unit_size");
    gint64 spc = K (sim, h, "iobuf_set_options.small_pool_count");
    gint64 lpc = K (sim, h, "iobuf_set_options.large_pool_count");
    gint64 count;

    if (iou > sim->large_bufsize[h])
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                     "%s: io_unit_size %" PRId64 " is larger than iobuf pool large buffer size %" PRId64,
                     iop_host_name (h), iou, sim->large_bufsize[h]);
        return FALSE;
      }
    count = iou <= sim->small_bufsize[h] ? spc : MIN (spc, lpc);
    if (nsb > count)
      diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/transport.c", "nvmf_create_transport.num_shared_buffers",
            g_strdup_printf ("The num_shared_buffers value (%" PRId64 ") is larger than the available iobuf pool size (%" PRId64 "). Please increase the iobuf pool sizes.",
                             nsb, count));
    if (g_strcmp0 (tr, "RDMA") == 0 && K (sim, h, "nvmf_create_transport.max_io_size") / iou > 16)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                     "%s: Unsupported IO Unit size specified, %" PRId64 " bytes (max_io_size / io_unit_size may be at most 16)",
                     iop_host_name (h), iou);
        return FALSE;
      }
    if (g_strcmp0 (tr, "RDMA") == 0 || g_strcmp0 (tr, "TCP") == 0)
      {
        if (g_strcmp0 (tr, "RDMA") == 0 && nsb < 32)
          {
            g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                         "%s: The number of shared data buffers (%" PRId64 ") is less thanthe minimum number required to guarantee that forward progress can be made (%d)",
                         iop_host_name (h), nsb, 32);
            return FALSE;
          }
        if (bcs != IOP_KNOB_AUTO && (gint64)ht->n_cores * bcs > nsb)
          {
            g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                         "%s: There are not enough buffers to satisfyper-poll group caches for each thread. (%" PRId64 ")supplied. (%" PRId64 ") required. Please specify a larger number of shared buffers",
                         iop_host_name (h), nsb, (gint64)ht->n_cores * bcs);
            return FALSE;
          }
      }
  }
  return TRUE;
}

static ThreadState *
thread_state_new (Sim *sim, HostState *hs, IopThread *t, guint n_ctrl, gint64 q_reqs, gint64 q_size)
{
  ThreadState *ts = g_new0 (ThreadState, 1);
  IopHostId h = hs->host;

  ts->t = t;
  g_queue_init (&ts->iobuf_queue[SMALL]);
  g_queue_init (&ts->iobuf_queue[LARGE]);
  g_queue_init (&ts->io_wait);
  chan_init (sim, hs, ts, &ts->bdev, "bdev",
             K (sim, h, "bdev_set_options.iobuf_small_cache_size"), K (sim, h, "bdev_set_options.iobuf_large_cache_size"));
  chan_init (sim, hs, ts, &ts->accel, "accel",
             K (sim, h, "accel_set_options.small_cache_size"), K (sim, h, "accel_set_options.large_cache_size"));
  ts->bdev_io_cache = res_new (sim, K (sim, h, "bdev_set_options.bdev_io_cache_size"), 0);
  ts->qpairs = g_new0 (Qpair, MAX (n_ctrl, 1));
  for (guint c = 0; c < n_ctrl; c++)
    {
      ts->qpairs[c].nvme_reqs = res_new (sim, q_reqs, q_reqs);
      ts->qpairs[c].wire_slots = res_new (sim, q_size, q_size);
      g_queue_init (&ts->qpairs[c].queued);
    }
  ts->blob_reqs = res_new (sim, BLOB_MAX_CHANNEL_OPS, BLOB_MAX_CHANNEL_OPS);
  {
    gint64 qd = K (sim, h, "nvmf_create_transport.max_queue_depth");
    ts->target_reqs = res_new (sim, qd, qd);
  }
  return ts;
}

static void
thread_state_free (gpointer p)
{
  ThreadState *ts = p;

  for (guint c = 0; c < 2; c++)
    g_queue_clear_full (&ts->iobuf_queue[c], g_free);
  g_queue_clear_full (&ts->io_wait, g_free);
  g_free (ts->runq.buf);
  g_free (ts->qpairs);
  g_free (ts);
}

static gboolean
host_start (Sim *sim, HostState *hs, IopHostId h, int node, GError **error)
{
  const IopHostTopology *ht = &sim->topo->hosts[h];
  const IopHostConfig *hc = &sim->sc->hosts[h];
  gint64 spc = K (sim, h, "iobuf_set_options.small_pool_count");
  gint64 lpc = K (sim, h, "iobuf_set_options.large_pool_count");
  gint64 pool = K (sim, h, "bdev_set_options.bdev_io_pool_size");
  gint64 cache = K (sim, h, "bdev_set_options.bdev_io_cache_size");
  gint64 tsmall = 0, tlarge = 0;
  guint n_ctrl;
  gint64 q_reqs, q_size;
  gboolean transport_cache;

  hs->host = h;
  hs->node = node;
  hs->place = h == IOP_HOST_BAREMETAL ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE;
  hs->tag = h == IOP_HOST_BAREMETAL ? g_strdup ("baremetal") : g_strdup_printf ("storage%d", node);
  hs->threads = g_ptr_array_new_with_free_func (thread_state_free);

  /* spdk_bdev_set_opts(): checked when the RPC runs, before framework_start_init,
   * when app_thread is the only SPDK thread. */
  if (pool < cache * (1 + 1))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   "%s: bdev_set_options refused: “Pool size %" PRId64 " too small for cache size %" PRId64 "” "
                   "(SPDK logs: bdev_io_pool_size %" PRId64 " is not compatible with bdev_io_cache_size %" PRId64 " and 1 threads; "
                   "bdev_io_pool_size must be at least %" PRId64 ")",
                   iop_host_name (h), pool, cache, pool, cache, cache * 2);
      return FALSE;
    }

  /* One pair of rings per process; enable_numa would give one per node, each
   * full size. The traced threads all sit on node 0 in the scenarios. */
  hs->central[SMALL] = res_new (sim, spc, spc);
  hs->central[LARGE] = res_new (sim, lpc, lpc);
  hs->bdev_io_pool = res_new (sim, pool, pool);

  if (h == IOP_HOST_BAREMETAL)
    {
      n_ctrl = ht->n_controllers;
      q_reqs = sim->io_queue_reqs;
      /* nvme_rdma: num_entries = queue size - 1 */
      q_size = sim->io_queue_size - 1;
    }
  else
    {
      n_ctrl = 1;
      q_reqs = sim->s_io_queue_reqs;
      /* PCIe: trackers = entries - max_completions_cap (entries / 4, at most 128) */
      q_size = NVME_DEFAULT_IO_QUEUE_SIZE - MIN (MAX (NVME_DEFAULT_IO_QUEUE_SIZE / 4, 1), 128);
    }

  transport_cache_sizes (sim, h, &tsmall, &tlarge, NULL);
  /* nvmf_transport_use_iobuf(): a transport with no shared buffers and no cache uses no iobuf */
  transport_cache = tsmall > 0 || tlarge > 0;

  for (guint i = 0; i < ht->threads->len; i++)
    {
      IopThread *t = g_ptr_array_index (ht->threads, i);
      ThreadState *ts = thread_state_new (sim, hs, t, t->role == IOP_THREAD_POLL_GROUP ? n_ctrl : 0, q_reqs, q_size);

      if (t->role == IOP_THREAD_POLL_GROUP)
        {
          chan_init (sim, hs, ts, &ts->transport, transport_iobuf_name (hc->target_trtype), tsmall, tlarge);
          ts->has_transport_cache = transport_cache;
          if (!transport_cache)
            for (guint c = 0; c < 2; c++)
              ts->transport.cache[c]->capacity = 0;
        }
      g_ptr_array_add (hs->threads, ts);
    }

  /* Channel creation in start-up order: app_thread's bdev management channel,
   * then each poll group's transport cache, then the bdev (and accel) channels
   * the poll groups open when namespaces attach. */
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);

      if (ts->t->role == IOP_THREAD_POLL_GROUP && ts->has_transport_cache &&
          !chan_populate (sim, hs, ts, &ts->transport))
        {
          /* SPDK falls back to a poll group without a cache */
          diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/nvmf/transport.c", NULL,
                g_strdup ("Unable to reserve the full number of buffers for the pg buffer cache."));
          for (guint c = 0; c < 2; c++)
            ts->transport.cache[c]->capacity = 0;
        }
    }
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);
      gint64 take;

      if (!chan_populate (sim, hs, ts, &ts->bdev))
        diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/bdev/bdev.c", NULL,
              g_strdup ("Failed to create iobuf channel: Cannot allocate memory"));
      take = MIN (ts->bdev_io_cache->capacity, hs->bdev_io_pool->level);
      hs->bdev_io_pool->level -= take;
      ts->bdev_io_cache->level = take;
      if (take < ts->bdev_io_cache->capacity)
        diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/bdev/bdev.c", "bdev_set_options.bdev_io_pool_size",
              g_strdup ("You need to increase bdev_io_pool_size using bdev_set_options RPC."));
      if (ts->t->accel && !chan_populate (sim, hs, ts, &ts->accel))
        diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/accel/accel.c", NULL,
              g_strdup ("Failed to initialize iobuf accel channel"));
    }
  return TRUE;
}

static void
host_clear (HostState *hs)
{
  g_clear_pointer (&hs->threads, g_ptr_array_unref);
  g_clear_pointer (&hs->tag, g_free);
}

static ThreadState *
host_pg (HostState *hs, guint pg)
{
  guint n = hs->threads->len - 1;

  return g_ptr_array_index (hs->threads, 1 + (pg % MAX (n, 1)));
}

/* --- The data path ----------------------------------------------------------- */

/* Only traced I/Os pay for words: arguments are not even evaluated otherwise */
#define REC(...) (io->traced ? record (sim, io, __VA_ARGS__) : NULL)
#define KNOB(s, ...) G_STMT_START { if (s) knob (sim, s, __VA_ARGS__); } G_STMT_END
#define OBJ(s, ...) ((s) ? obj_alloc (sim, s, __VA_ARGS__) : -1)

static gint64
wire_ns (Sim *sim, gint64 bytes)
{
  /* bytes * 8 / Gbit/s = ns */
  return bytes * 8 / MAX (sim->sc->model.link_gbit, 1);
}

/* Serialise BYTES on one direction of the baremetal NIC, which every replica
 * shares: returns the time until the last byte has left */
static gint64
link_send (Sim *sim, gint64 *busy, gint64 bytes)
{
  gint64 start = MAX (sim->now, *busy);

  *busy = start + wire_ns (sim, bytes);
  return *busy - sim->now;
}

static const char *
size_str (gint64 bytes, char *buf, gsize len)
{
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    g_snprintf (buf, len, "%" PRId64 " MiB", bytes / (1024 * 1024));
  else if (bytes >= 1024 && bytes % 1024 == 0)
    g_snprintf (buf, len, "%" PRId64 " KiB", bytes / 1024);
  else
    g_snprintf (buf, len, "%" PRId64 " B", bytes);
  return buf;
}

static char *
bdev_io_from (BdevIoResult r, ThreadState *ts, HostState *hs)
{
  if (r == BDEV_IO_CACHE)
    return g_strdup_printf (_("from %s's bdev_io cache (%" PRId64 " of %" PRId64 " left)"),
                            ts->t->name, ts->bdev_io_cache->level, ts->bdev_io_cache->capacity);
  return g_strdup_printf (_("from the global bdev_io mempool: %s's cache is empty (%" PRId64 " left in the pool)"),
                          ts->t->name, hs->bdev_io_pool->level);
}

static void step_parent (Sim *sim, Io *io, int stage);
static gboolean take_buffers (Sim *sim, Io *io, int L, int stage, HostState *hs, ThreadState *st, BufReq *br,
                              gboolean *granted, gboolean polls, const char *prefix);
static void step_leg (Sim *sim, Io *io, Leg *leg, int stage);

static HostState *
leg_host (Sim *sim, Leg *leg)
{
  return &sim->st[leg->node];
}

static void
start_leg (Sim *sim, Io *io, guint l, int stage, gint64 delay)
{
  io->live++;
  schedule (sim, io, (int)l, stage, delay);
}

static void io_done (Sim *sim, Io *io);

static void
io_unref (Sim *sim, Io *io)
{
  if (--io->live == 0)
    io_done (sim, io);
}

/* --- Faults: bdev_nvme's controllers, paths and RAID1's base bdevs ----------
 *
 * Multipath as raid_270 attaches it: every path of a replica is its own
 * nvme_ctrlr with its own qpairs, reset and reconnect state
 * (module/bdev/nvme/bdev_nvme.c). What follows keeps SPDK's rules:
 *  - an I/O that finds no usable path completes with -ENXIO and, while any
 *    path "may become available", waits in the channel's retry queue and is
 *    resubmitted every second (bdev_nvme_io_complete, 1000 ms);
 *  - a qpair that loses its link is noticed when a send runs out of RDMA
 *    retransmissions; its outstanding commands complete as aborted (SQ
 *    deletion) and are retried at once on another path
 *    (bdev_nvme_check_retry_io), and the controller is reset
 *    (bdev_nvme_disconnected_qpair_cb -> failover);
 *  - a failed reset sets fast_io_fail_timedout once fast_io_fail_timeout_sec
 *    has passed since the reset began, deletes the controller once
 *    ctrlr_loss_timeout_sec has, and otherwise waits reconnect_delay_sec for
 *    the next attempt (bdev_nvme_reset_ctrlr_complete). Both are checked only
 *    there, in whole seconds;
 *  - RAID1 fails a base bdev whose write failed (raid1_write_bdev_io_completion),
 *    retries a failed read on the other leg, and drops a base bdev that
 *    disappears; a write then succeeds if any leg wrote it.
 * The times SPDK does not fix (RDMA retransmission, connect) are the model's. */

#define CTL_GEN_SHIFT 8
#define NS_PER_S G_GINT64_CONSTANT (1000000000)

static Ctrlr *
ctrlr_of (Sim *sim, guint leg, int path)
{
  return &sim->ctrlrs[leg * sim->sc->paths_per_leg + (guint)path];
}

static gboolean
link_up (Sim *sim, guint leg, guint path, gint64 t)
{
  for (guint i = 0; i < sim->sc->faults->len; i++)
    if (!iop_fault_link_up (&g_array_index (sim->sc->faults, IopFault, i), leg, path, t))
      return FALSE;
  return TRUE;
}

static gboolean
stalled_at (Sim *sim, guint leg, gint64 t, gint64 *until)
{
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      if (f->kind == IOP_FAULT_STALL && f->leg == leg && t >= f->at_ns && (f->until_ns == 0 || t < f->until_ns))
        {
          *until = f->until_ns > 0 ? f->until_ns : sim->horizon_ns + 1;
          return TRUE;
        }
    }
  return FALSE;
}

static void
schedule_ctl (Sim *sim, int stage, Ctrlr *c, gint64 at)
{
  Event e = { MAX (at, sim->now), sim->seq++, NULL, 0, stage, NULL };

  if (e.t > sim->horizon_ns)
    return;
  if (sim->ctl_stop_ns > 0 && e.t > sim->ctl_stop_ns)
    return;
  e.leg = (int)((c - sim->ctrlrs) | (c->gen << CTL_GEN_SHIFT));
  heap_push (sim, &e);
}

static void
push_path_state (Sim *sim, Ctrlr *c)
{
  IopPathState ps = { 0 };
  gint64 ctl = sim->ctl_sec;
  gint64 ff = sim->ff_sec;

  if (sim->wl != NULL)
    return;
  ps.t_ns = sim->now;
  ps.leg = c->leg;
  ps.path = c->path;
  ps.link_up = link_up (sim, c->leg, c->path, sim->now);
  ps.qpair_up = c->qpair_up;
  ps.state = c->state;
  ps.next_attempt_ns = c->state == IOP_CTRLR_DELAYED || c->state == IOP_CTRLR_RESETTING ? c->next_attempt : -1;
  ps.loss_at_ns = c->reset_start >= 0 && ctl > 0 && c->state != IOP_CTRLR_DELETED ? c->reset_start + ctl * NS_PER_S : -1;
  ps.fast_fail_at_ns = c->reset_start >= 0 && ff > 0 && !c->fast_fail && c->state != IOP_CTRLR_DELETED ? c->reset_start + ff * NS_PER_S : -1;
  g_array_append_val (sim->trace->path_states, ps);
}

static void
push_leg_state (Sim *sim, guint leg)
{
  IopLegState ls = { sim->now, leg, sim->leg_removed[leg], sim->held[leg] };

  if (sim->wl == NULL)
    g_array_append_val (sim->trace->leg_states, ls);
}

/* A control-plane step: bdev_nvme's controller work runs on the app thread */
static IopStep *
record_ctl (Sim *sim, const char *key, IopPlace place, int node, int leg, const char *title, char *detail)
{
  IopStep *s;
  IopThread *app = g_ptr_array_index (sim->topo->hosts[place == IOP_PLACE_STORAGE ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL].threads, 0);

  if (sim->wl != NULL)
    {
      IopFaultEvent *fe = g_new0 (IopFaultEvent, 1);

      fe->t_ns = sim->now;
      fe->key = key;
      fe->leg = leg;
      fe->title = g_strdup (title);
      g_ptr_array_add (sim->fault_events, fe);
      g_free (detail);
      return NULL;
    }
  if (sim->traced == NULL)
    {
      g_free (detail);
      return NULL;
    }
  s = record (sim, sim->traced, leg, key, place, node, NULL, 0, title, detail);
  if (s != NULL)
    s->control = TRUE;
  if (s != NULL && place != IOP_PLACE_NETWORK)
    {
      s->thread = g_strdup (app->name);
      s->core = (int)app->core;
    }
  return s;
}

static char *
secs (gint64 ns)
{
  return g_strdup_printf (_("%.3f s"), ns / 1e9);
}

/* nvme_ctrlr_is_failed: no path of this controller will come back by itself */
static gboolean
ctrlr_failed (Sim *sim, Ctrlr *c)
{
  gint64 rd = sim->rd_sec;

  if (c->state == IOP_CTRLR_DELETED || c->fast_fail)
    return TRUE;
  if (c->state == IOP_CTRLR_RESETTING)
    return rd == 0;
  if (c->state == IOP_CTRLR_DELAYED)
    return FALSE;
  return c->state == IOP_CTRLR_FAILED;
}

/* any_io_path_may_become_available */
static gboolean
leg_may_recover (Sim *sim, guint leg)
{
  for (guint p = 0; p < sim->sc->paths_per_leg; p++)
    {
      Ctrlr *c = ctrlr_of (sim, leg, (int)p);
      if (c->qpair_up || !ctrlr_failed (sim, c))
        return TRUE;
    }
  return FALSE;
}

/* bdev_nvme_find_io_path: the first connected path (the cache is cleared on
 * every reset, so traffic fails back to path 0 when it returns) */
static int
pick_path (Sim *sim, guint leg)
{
  for (guint p = 0; p < sim->sc->paths_per_leg; p++)
    {
      Ctrlr *c = ctrlr_of (sim, leg, (int)p);
      if (c->qpair_up && c->state == IOP_CTRLR_CONNECTED)
        return (int)p;
    }
  return -1;
}

static void detect_later (Sim *sim, Ctrlr *c, gint64 first_send);

/* A send or a response lost on a dead link: the NIC retransmits until it gives up */
static void
strand (Sim *sim, Io *io, Leg *leg, int resume_stage)
{
  Ctrlr *c = ctrlr_of (sim, (guint)leg->idx, leg->path);
  Waiter *w = g_new (Waiter, 1);

  w->io = io;
  w->leg = leg->idx;
  w->stage = resume_stage;
  if (!c->qpair_up || leg->attempt != c->epoch)
    {
      /* the qpair it went out on is already torn down: aborted at once */
      g_free (w);
      schedule (sim, io, leg->idx, L_ABORTED, 0);
      return;
    }
  g_queue_push_tail (&c->stranded, w);
  if (c->strand_first < 0)
    c->strand_first = sim->now;
  detect_later (sim, c, sim->now);
}

/* The first lost send gives up after every retransmission; an earlier
 * detection replaces a later one (the keep-alive's) */
static void
detect_later (Sim *sim, Ctrlr *c, gint64 first_send)
{
  gint64 at = first_send + sim->detect_ns;

  if (!c->qpair_up || (c->detect_pending && c->detect_at <= at))
    return;
  c->by_keepalive = FALSE;
  c->detect_pending = TRUE;
  c->detect_at = at;
  schedule_ctl (sim, FE_DETECT, c, at);
}

/* The qpair is gone: every send lost on it completes as aborted, now */
static void
abort_stranded (Sim *sim, Ctrlr *c)
{
  Waiter *w;

  while ((w = g_queue_pop_head (&c->stranded)) != NULL)
    {
      Event ab = { sim->now, sim->seq++, w->io, w->leg, L_ABORTED, NULL };
      heap_push (sim, &ab);
      g_free (w);
    }
}

static void
raid_remove_leg (Sim *sim, guint leg, gboolean failed_io)
{
  IopStep *s;
  const char r = 'A' + leg;
  guint left = 0;

  if (sim->leg_removed[leg])
    return;
  sim->leg_removed[leg] = TRUE;
  for (guint l = 0; l < sim->sc->raid_legs; l++)
    left += !sim->leg_removed[l];
  if (failed_io)
    s = record_ctl (sim, "raid.fail_base", IOP_PLACE_BAREMETAL, -1, (int)leg,
                    scratch (sim, g_strdup_printf (_("RAID1 fails replica %c out of the array"), r)),
                    g_strdup_printf (_("An I/O to replica %c failed, so raid_bdev_fail_base_bdev removes its base bdev (SPDK logs “Failing base bdev in slot %u (…) of raid bdev …”). "
                                       "RAID1 tolerates it: %u of %u base bdevs remain and the array runs degraded. Writes now go to the survivors only, reads are served by them, "
                                       "and replica %c needs a rebuild before it can return."),
                                     r, leg, left, sim->sc->raid_legs, r));
  else
    s = record_ctl (sim, "raid.remove_base", IOP_PLACE_BAREMETAL, -1, (int)leg,
                    scratch (sim, g_strdup_printf (_("Replica %c's bdev is gone: RAID1 runs degraded"), r)),
                    g_strdup_printf (_("With every path of replica %c deleted, bdev_nvme unregisters its namespace bdev; the hot-remove event reaches raid_bdev_remove_base_bdev, which quiesces the array and drops the base bdev. "
                                       "%u of %u base bdevs remain: the array stays online, degraded, and replica %c needs a rebuild."),
                                     r, left, sim->sc->raid_legs, r));
  (void)s;
  if (left == 0)
    diag (sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, "module/bdev/raid/bdev_raid.c", NULL,
          g_strdup (_("Every replica of the RAID1 bdev is gone: the volume is offline.")));
  else
    diag (sim, IOP_DIAG_WARNING, IOP_HOST_BAREMETAL, FALSE, "module/bdev/raid/bdev_raid.c", NULL,
          g_strdup_printf (_("RAID1 lost replica %c and runs degraded: it needs a rebuild when the replica returns."), r));
  push_leg_state (sim, leg);
}

/* bdev_nvme_reset_ctrlr_complete (..., false) and what comes after */
static void
reset_failed (Sim *sim, Ctrlr *c)
{
  const IopHostId B = IOP_HOST_BAREMETAL;
  gint64 rd = sim->rd_sec;
  gint64 ctl = sim->ctl_sec;
  gint64 ff = sim->ff_sec;
  gint64 elapsed = (sim->now - c->reset_start) / NS_PER_S;   /* whole seconds, as SPDK */
  g_autofree char *el = secs (sim->now - c->reset_start);
  const char r = 'A' + c->leg;
  IopStep *s;
  gboolean newly_fast_fail = FALSE;

  if (ff != 0 && elapsed >= ff && !c->fast_fail)
    c->fast_fail = newly_fast_fail = TRUE;
  s = record_ctl (sim, "bdev_nvme.reset_failed", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                  scratch (sim, g_strdup_printf (_("Reconnect to replica %c path %u failed"), r, c->path)),
                  c->loss_cut
                  ? g_strdup_printf (_("Attempt %u is cut short: bdev_nvme_reconnect_ctrlr_poll finds ctrlr_loss_timeout_sec passed while it runs and fails the controller. bdev_nvme logs “Resetting controller failed.” %s since the reset began."),
                                     c->attempts, el)
                  : g_strdup_printf (_("Attempt %u found no answer on the path. bdev_nvme logs “Resetting controller failed.” %s since the reset began; SPDK compares whole seconds: %" PRId64 "."),
                                     c->attempts, el, elapsed));
  KNOB (s, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec",
        ff == 0 ? g_strdup (_("0: I/O never fails fast; it waits for the reconnect or the controller's deletion"))
        : newly_fast_fail ? g_strdup_printf (_("%" PRId64 " s have passed: fast_io_fail_timedout is set, and I/O waiting for this path fails at its next retry"), ff)
        : c->fast_fail ? g_strdup (_("already passed: I/O to this path fails"))
        : g_strdup_printf (_("%" PRId64 " s not reached yet: I/O keeps waiting"), ff));
  if (newly_fast_fail)
    diag (sim, IOP_DIAG_WARNING, B, FALSE, "module/bdev/nvme/bdev_nvme.c", "bdev_nvme_set_options.fast_io_fail_timeout_sec",
          g_strdup_printf (_("fast_io_fail_timeout_sec (%" PRId64 " s) passed on replica %c path %u: I/O that needs it now fails instead of waiting."), ff, r, c->path));
  if (rd == 0)
    {
      /* OP_NONE: no delayed reconnect is scheduled, and I/O to this controller
       * fails. The admin queue poller is not paused, though: on the failed
       * controller it reports an error and bdev_nvme_poll_adminq starts
       * another failover at its next run */
      gint64 period = K (sim, B, "bdev_nvme_set_options.nvme_adminq_poll_period_us") * 1000;

      c->state = IOP_CTRLR_FAILED;
      c->next_attempt = sim->now + MAX (period, 1000);
      KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec",
            g_strdup (_("0: no delayed reconnect; the controller counts as failed and its I/O fails at once")));
      KNOB (s, B, "bdev_nvme_set_options.nvme_adminq_poll_period_us",
            g_strdup (_("the admin queue poller finds the controller failed at its next run and starts another reset")));
      schedule_ctl (sim, FE_RECONNECT, c, c->next_attempt);
      push_path_state (sim, c);
      return;
    }
  if (ctl > 0 && elapsed >= ctl)
    {
      gboolean all_gone = TRUE;

      c->state = IOP_CTRLR_DELETED;
      KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
            g_strdup_printf (_("%" PRId64 " s have passed: the controller is deleted"), ctl));
      s = record_ctl (sim, "bdev_nvme.ctrlr_loss", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                      scratch (sim, g_strdup_printf (_("Controller of replica %c path %u deleted"), r, c->path)),
                      g_strdup_printf (_("ctrlr_loss_timeout_sec (%" PRId64 " s) has passed since the reset began (%s): bdev_nvme stops reconnecting and deletes the controller with its qpairs. "
                                         "The deadline is checked while an attempt runs and when one fails, not while bdev_nvme waits reconnect_delay_sec (%" PRId64 " s) between attempts: passed during a wait, it takes effect when the next attempt starts."),
                                       ctl, el, rd));
      KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", g_strdup_printf (_("%" PRId64 " s: how long a lost controller is retried"), ctl));
      KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec", g_strdup_printf (_("%" PRId64 " s between attempts: the deletion waits for an attempt"), rd));
      diag (sim, IOP_DIAG_WARNING, B, FALSE, "module/bdev/nvme/bdev_nvme.c", "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
            g_strdup_printf (_("Replica %c path %u was deleted after ctrlr_loss_timeout_sec (%" PRId64 " s): it will not come back without a new bdev_nvme_attach_controller."), r, c->path, ctl));
      push_path_state (sim, c);
      for (guint p = 0; p < sim->sc->paths_per_leg; p++)
        if (ctrlr_of (sim, c->leg, (int)p)->state != IOP_CTRLR_DELETED)
          all_gone = FALSE;
      if (all_gone)
        raid_remove_leg (sim, c->leg, FALSE);
      return;
    }
  c->state = IOP_CTRLR_DELAYED;
  c->next_attempt = sim->now + rd * NS_PER_S;
  KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec", g_strdup_printf (_("the next attempt in %" PRId64 " s"), rd));
  KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
        ctl == -1 ? g_strdup (_("-1: reconnect for ever"))
        : g_strdup_printf (_("%" PRId64 " s: once that much has passed since the reset began, the attempt under way (or the next one) fails and the controller is deleted"), ctl));
  schedule_ctl (sim, FE_RECONNECT, c, c->next_attempt);
  push_path_state (sim, c);
}

static void
start_attempt (Sim *sim, Ctrlr *c)
{
  IopModel *m = &sim->sc->model;
  gboolean up = link_up (sim, c->leg, c->path, sim->now);
  gint64 cm = K (sim, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.rdma_cm_event_timeout_ms");

  gint64 ctl = sim->ctl_sec;
  gint64 end;

  c->state = IOP_CTRLR_RESETTING;
  c->attempts++;
  /* a connect to a dead address ends when the connection manager gives up */
  end = sim->now + (up ? m->reconnect_ns : (cm > 0 ? cm * 1000000 : m->connect_fail_ns));
  /* bdev_nvme_reconnect_ctrlr_poll checks ctrlr_loss_timeout_sec while the
   * attempt runs: past it, the controller is failed and the attempt ends */
  c->loss_cut = FALSE;
  if (ctl > 0 && c->reset_start >= 0 && end > c->reset_start + ctl * NS_PER_S)
    {
      end = MAX (sim->now, c->reset_start + ctl * NS_PER_S);
      c->loss_cut = TRUE;
    }
  c->next_attempt = end;
  schedule_ctl (sim, FE_CONNECT_DONE, c, c->next_attempt);
  push_path_state (sim, c);
}

/* bdev_nvme_disconnected_qpair_cb -> bdev_nvme_failover_ctrlr: the reset begins */
static void
start_reset (Sim *sim, Ctrlr *c, const char *why)
{
  const IopHostId B = IOP_HOST_BAREMETAL;
  const char r = 'A' + c->leg;
  IopStep *s;
  gboolean other = FALSE;

  if (c->state == IOP_CTRLR_DELETED)
    return;
  c->qpair_up = FALSE;
  c->epoch++;
  c->gen++;
  c->detect_pending = FALSE;
  c->strand_first = -1;
  if (c->state == IOP_CTRLR_RESETTING || c->state == IOP_CTRLR_DELAYED)
    return;
  if (c->reset_start < 0)
    c->reset_start = sim->now;
  for (guint p = 0; p < sim->sc->paths_per_leg; p++)
    if (p != c->path && pick_path (sim, c->leg) >= 0)
      other = TRUE;
  s = record_ctl (sim, c->by_keepalive ? "bdev_nvme.adminq_failover" : "bdev_nvme.reset_start", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                  scratch (sim, g_strdup_printf (_("Replica %c path %u: controller reset begins"), r, c->path)),
                  g_strdup_printf (_("%s %s, which resets this path's controller: its qpairs are deleted on every thread and a reconnect starts. "
                                     "The reset's start time is kept: fast_io_fail_timeout_sec and ctrlr_loss_timeout_sec count from here. %s %s"),
                                   why,
                                   c->by_keepalive ? _("bdev_nvme_poll_adminq sees the admin queue fail and starts a failover")
                                                   : _("bdev_nvme_disconnected_qpair_cb asks for a failover"),
                                   sim->sc->version == IOP_SPDK_V26_01
                                   ? _("At v26.01 the poll group's thread calls bdev_nvme_failover_ctrlr itself, under the controller's mutex.")
                                   : _("At v26.05 the controller's state lives on the app thread: the request is sent there (bdev_nvme_failover_ctrlr_async) and no mutex is taken."),
                                   other ? _("The other path of this namespace is still connected, so new I/O goes there meanwhile.")
                                         : _("No other path of this namespace is connected: I/O for this replica waits in bdev_nvme's retry queue.")));
  KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", g_strdup (_("counted from this moment")));
  KNOB (s, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec", g_strdup (_("counted from this moment")));
  start_attempt (sim, c);
}

/* The next time after T the link of C may change, over every fault */
static void
schedule_next_link (Sim *sim, Ctrlr *c, gint64 t)
{
  gint64 next = -1;

  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      gint64 n;

      if (f->leg != c->leg || (f->path >= 0 && (guint)f->path != c->path) ||
          (f->kind != IOP_FAULT_PATH_DOWN && f->kind != IOP_FAULT_REPLICA_DOWN && f->kind != IOP_FAULT_PATH_FLAP))
        continue;
      n = t < 0 ? f->at_ns : iop_fault_next_change (f, t);
      if (n > t && (next < 0 || n < next))
        next = n;
    }
  c->link_next = next;
  if (next >= 0)
    schedule_ctl (sim, FE_LINK, c, next);
}

static void
fault_event (Sim *sim, const Event *e)
{
  const IopHostId B = IOP_HOST_BAREMETAL;
  IopModel *m = &sim->sc->model;
  Ctrlr *c = &sim->ctrlrs[e->leg & ((1 << CTL_GEN_SHIFT) - 1)];
  guint gen = (guint)e->leg >> CTL_GEN_SHIFT;
  const char r = 'A' + c->leg;
  IopStep *s;

  switch (e->stage)
    {
    case FE_LINK:
      {
        gboolean up = link_up (sim, c->leg, c->path, sim->now);

        if (sim->now != c->link_next)
          break;   /* another fault already changed it at this time */
        schedule_next_link (sim, c, sim->now);
        if (up == c->link_was_up)
          break;   /* one fault ended as another began: no change */
        c->link_was_up = up;
        s = record_ctl (sim, up ? "net.link_up" : "net.link_down", IOP_PLACE_NETWORK, -1, (int)c->leg,
                        up ? scratch (sim, g_strdup_printf (_("Replica %c path %u: link back"), r, c->path))
                           : scratch (sim, g_strdup_printf (_("Replica %c path %u: link lost"), r, c->path)),
                        up ? g_strdup (_("Packets cross this path again. Nothing in SPDK notices by itself: the next reconnect attempt, or a retransmission still under way, finds out."))
                           : g_strdup_printf (_("The fabric stops carrying this path's packets. The host does not know yet: it finds out when a send runs out of RDMA retransmissions (%s at most here), "
                                                "or when the next keep-alive (every %s) does."),
                                              scratch (sim, secs (sim->detect_ns)), scratch (sim, secs (sim->ka_interval_ns))));
        if (!up)
          {
            KNOB (s, B, "bdev_nvme_set_options.transport_ack_timeout",
                  g_strdup_printf (_("one retransmission every %s; the send gives up after %" PRId64 " tries"),
                                   scratch (sim, secs (sim->per_try_ns)), K (sim, B, "bdev_nvme_set_options.transport_retry_count") + 1));
            KNOB (s, B, "bdev_nvme_set_options.keep_alive_timeout_ms",
                  g_strdup_printf (_("keep-alive sent every %s (half the timeout): it finds an idle dead path"), scratch (sim, secs (sim->ka_interval_ns))));
            if (c->qpair_up && !c->detect_pending && sim->ka_interval_ns > 0)
              {
                /* an idle path: the next keep-alive is the first send to be lost */
                gint64 next_ka = ((sim->now / sim->ka_interval_ns) + 1) * sim->ka_interval_ns;
                detect_later (sim, c, next_ka);
                c->by_keepalive = c->detect_at == next_ka + sim->detect_ns;
              }
          }
        else if (c->qpair_up && c->stranded.length > 0)
          {
            /* back before the NIC gave up: the next retransmission gets through */
            gint64 k = (sim->now - c->strand_first + sim->per_try_ns - 1) / MAX (sim->per_try_ns, 1);
            gint64 at = c->strand_first + k * sim->per_try_ns;
            Waiter *w;

            c->gen++;
            c->detect_pending = FALSE;
            c->strand_first = -1;
            while ((w = g_queue_pop_head (&c->stranded)) != NULL)
              {
                Event re = { MAX (at, sim->now) + m->rdma_one_way_ns, sim->seq++, w->io, w->leg, w->stage, NULL };
                heap_push (sim, &re);
                g_free (w);
              }
          }
        push_path_state (sim, c);
      }
      break;

    case FE_DETECT:
      {
        if (!c->detect_pending || sim->now != c->detect_at || !c->qpair_up)
          break;
        c->detect_pending = FALSE;
        if (link_up (sim, c->leg, c->path, sim->now) && c->stranded.length == 0)
          break;   /* the keep-alive went out after the link came back */
        s = record_ctl (sim, "nvme_rdma.wc_error", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                        scratch (sim, g_strdup_printf (_("Replica %c path %u: transport error"), r, c->path)),
                        g_strdup_printf (_("A send on this path ran out of RDMA retransmissions: the completion queue returns an error work completion "
                                           "(SPDK logs “WC error, qp state …, status: (12): transport retry counter exceeded”) and the qpair is disconnected. "
                                           "Its %u outstanding command(s) complete as ABORTED - SQ DELETION, a path error that bdev_nvme_check_retry_io retries at once on another path, without counting against bdev_retry_count."),
                                         c->stranded.length));
        KNOB (s, B, "bdev_nvme_set_options.transport_ack_timeout",
              g_strdup_printf (_("%s per retransmission: the detection took %s"), scratch (sim, secs (sim->per_try_ns)), scratch (sim, secs (sim->detect_ns))));
        KNOB (s, B, "bdev_nvme_set_options.transport_retry_count", g_strdup (_("retransmissions before the NIC gives up")));
        abort_stranded (sim, c);
        start_reset (sim, c, c->by_keepalive ? _("A keep-alive on the admin queue got no answer.") : _("The qpair went down."));
      }
      break;

    case FE_CONNECT_DONE:
      if (gen != c->gen || c->state != IOP_CTRLR_RESETTING)
        break;
      if (link_up (sim, c->leg, c->path, sim->now) && !c->loss_cut)
        {
          g_autofree char *dt = secs (sim->now - c->reset_start);

          c->state = IOP_CTRLR_CONNECTED;
          c->qpair_up = TRUE;
          c->reset_start = -1;
          /* fast_io_fail_timedout stays set: SPDK never clears it, so a later
           * loss of every path fails this controller's I/O at once */
          c->assoc_start = sim->now;
          s = record_ctl (sim, "bdev_nvme.reset_ok", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                          scratch (sim, g_strdup_printf (_("Replica %c path %u reconnected"), r, c->path)),
                          g_strdup_printf (_("Attempt %u connects: the admin queue and a qpair per thread are created again and bdev_nvme logs “Resetting controller successful.”, %s after the reset began. "
                                             "The path caches are cleared, so I/O waiting in a retry queue takes this path at its next retry (within a second)."),
                                           c->attempts, dt));
          KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec", g_strdup (_("no more attempts needed")));
          c->attempts = 0;
          push_path_state (sim, c);
          /* keep-alives still lost: the target's timer starts again with the new association */
          for (guint i = 0; i < sim->sc->faults->len; i++)
            {
              const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
              if (f->kind == IOP_FAULT_KEEPALIVE_LOST && f->leg == c->leg && sim->kato_ns > 0 &&
                  (f->until_ns == 0 || f->until_ns > sim->now))
                schedule_ctl (sim, FE_KA_DROP, c, sim->now + 2 * sim->kato_ns);
            }
        }
      else
        reset_failed (sim, c);
      break;

    case FE_RECONNECT:
      if (gen != c->gen || (c->state != IOP_CTRLR_DELAYED && c->state != IOP_CTRLR_FAILED))
        break;
      if (c->state == IOP_CTRLR_FAILED)
        record_ctl (sim, "bdev_nvme.adminq_failover", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                    scratch (sim, g_strdup_printf (_("Replica %c path %u: reconnect attempt %u"), r, c->path, c->attempts + 1)),
                    g_strdup (_("With reconnect_delay_sec 0 no timer waits between attempts: bdev_nvme_poll_adminq finds the failed controller's admin queue in error and starts another failover at once. I/O meanwhile fails: a resetting controller with reconnect_delay_sec 0 counts as failed.")));
      else
        record_ctl (sim, "bdev_nvme.reconnect", IOP_PLACE_BAREMETAL, -1, (int)c->leg,
                    scratch (sim, g_strdup_printf (_("Replica %c path %u: reconnect attempt %u"), r, c->path, c->attempts + 1)),
                    g_strdup_printf (_("reconnect_delay_sec (%" PRId64 " s) has passed: bdev_nvme_reconnect_delay_timer_expired starts another connect to the path."),
                                     sim->rd_sec));
      start_attempt (sim, c);
      break;

    case FE_KA_DROP:
      {
        gint64 kato = sim->kato_ns;

        if (gen != c->gen || !c->qpair_up)
          break;
        s = record_ctl (sim, "nvmf.keep_alive_timeout", IOP_PLACE_STORAGE, (int)(sim->n_st > 1 ? c->leg : 0), (int)c->leg,
                        scratch (sim, g_strdup_printf (_("Storage node %c drops the host: keep-alive timeout"), r)),
                        g_strdup_printf (_("nvmf_ctrlr_keep_alive_poll runs every KATO (%s, the host's keep_alive_timeout_ms) and finds no keep-alive for longer than that. "
                                           "It logs “Disconnecting host … from subsystem … due to keep alive timeout.”, sets the controller's fatal status and disconnects all of its qpairs. "
                                           "With keep-alives every half KATO, this happens between one and two KATO after the last one got through."),
                                         scratch (sim, secs (kato))));
        KNOB (s, B, "bdev_nvme_set_options.keep_alive_timeout_ms", g_strdup_printf (_("KATO %s: how long the target waits for a keep-alive"), scratch (sim, secs (kato))));
        diag (sim, IOP_DIAG_NOTICE, IOP_HOST_STORAGE, TRUE, "lib/nvmf/ctrlr.c", "bdev_nvme_set_options.keep_alive_timeout_ms",
              g_strdup ("Disconnecting host %s from subsystem %s due to keep alive timeout."));
        /* every qpair of the association goes; the host sees the disconnect at once */
        abort_stranded (sim, c);
        start_reset (sim, c, _("The target disconnected the qpairs."));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
faults_setup (Sim *sim)
{
  const IopHostId B = IOP_HOST_BAREMETAL;
  gint64 ack = K (sim, B, "bdev_nvme_set_options.transport_ack_timeout");
  gint64 retries = K (sim, B, "bdev_nvme_set_options.transport_retry_count");
  gint64 horizon = 0;

  sim->horizon_ns = HORIZON_NS;
  if (sim->sc->faults->len == 0)
    return;
  sim->faults_on = TRUE;
  sim->ctl_sec = K (sim, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec");
  sim->rd_sec = K (sim, B, "bdev_nvme_set_options.reconnect_delay_sec");
  sim->ff_sec = K (sim, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec");
  sim->retry_count = K (sim, B, "bdev_nvme_set_options.bdev_retry_count");
  sim->timeout_us = K (sim, B, "bdev_nvme_set_options.timeout_us");
  sim->timeout_action = K (sim, B, "bdev_nvme_set_options.action_on_timeout");
  /* RDMA: 4.096 µs x 2^exponent per retransmission; with transport_ack_timeout
   * 0 SPDK leaves the exponent to the RDMA stack (the model's assumption) */
  if (ack == 0)
    ack = sim->sc->model.rdma_ack_timeout_exp;
  sim->per_try_ns = (gint64)(4096.0 * (double)(G_GINT64_CONSTANT (1) << MIN (ack, 31)));
  sim->detect_ns = sim->per_try_ns * (MIN (retries, 7) + 1);
  /* The target grants a KATO of at least min_kato (10 s) and rounds it up to
   * its KAS granularity (10 s); the host adopts what it granted
   * (lib/nvmf/ctrlr.c, lib/nvme/nvme_ctrlr.c) */
  {
    gint64 kato = K (sim, B, "bdev_nvme_set_options.keep_alive_timeout_ms");
    if (kato > 0)
      kato = kato <= 10000 ? 10000 : (kato + 9999) / 10000 * 10000;
    sim->kato_ns = kato * 1000000;
  }
  sim->ka_interval_ns = sim->kato_ns / 2;
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      horizon = MAX (horizon, f->until_ns > 0 ? f->until_ns : f->at_ns);
    }
  /* Long enough to see a lost controller through its whole reconnect window */
  {
    gint64 ctl = sim->ctl_sec;
    gint64 tail = (ctl > 0 ? MIN (ctl, 600) : 30) * NS_PER_S + 5 * NS_PER_S;
    sim->horizon_ns = MAX (HORIZON_NS, MAX (horizon, sim->sc->io_at_ns) + tail + sim->kato_ns * 2);
  }
  sim->n_ctrlrs = sim->sc->raid_legs * sim->sc->paths_per_leg;
  sim->ctrlrs = g_new0 (Ctrlr, sim->n_ctrlrs);
  for (guint i = 0; i < sim->n_ctrlrs; i++)
    {
      Ctrlr *c = &sim->ctrlrs[i];
      c->leg = i / sim->sc->paths_per_leg;
      c->path = i % sim->sc->paths_per_leg;
      c->state = IOP_CTRLR_CONNECTED;
      c->qpair_up = TRUE;
      c->reset_start = c->strand_first = c->next_attempt = -1;
      c->link_was_up = TRUE;
      g_queue_init (&c->stranded);
      schedule_next_link (sim, c, -1);
    }
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);

      for (guint p = 0; p < sim->sc->paths_per_leg; p++)
        {
          Ctrlr *c;

          if (f->path >= 0 && (guint)f->path != p)
            continue;
          c = ctrlr_of (sim, f->leg, (int)p);
          if (f->kind == IOP_FAULT_KEEPALIVE_LOST && sim->kato_ns > 0)
            {
              /* the last keep-alive that got through, and the target's next check after KATO */
              gint64 last = (f->at_ns / sim->ka_interval_ns) * sim->ka_interval_ns;
              gint64 poll = ((last + sim->kato_ns) / sim->kato_ns + 1) * sim->kato_ns;
              if (f->until_ns == 0 || poll < f->until_ns)
                schedule_ctl (sim, FE_KA_DROP, c, poll);
            }
        }
    }
  for (guint i = 0; i < sim->n_ctrlrs; i++)
    push_path_state (sim, &sim->ctrlrs[i]);
  for (guint l = 0; l < sim->sc->raid_legs; l++)
    push_leg_state (sim, l);
}

static void
faults_free (Sim *sim)
{
  for (guint i = 0; i < sim->n_ctrlrs; i++)
    g_queue_clear_full (&sim->ctrlrs[i].stranded, g_free);
  g_free (sim->ctrlrs);
}

static void
step_parent (Sim *sim, Io *io, int stage)
{
  IopModel *m = &sim->sc->model;
  ThreadState *bt = io->bt;
  HostState *bm = &sim->bm;
  IopStep *s;
  char sz[32];
  const gboolean rd = io->op == IOP_OP_READ;
  const IopHostId B = IOP_HOST_BAREMETAL;

  switch (stage)
    {
    case P_START:
      if (sim->front_tcp)
        schedule (sim, io, -1, P_GUEST_NET, 0);
      else
        schedule (sim, io, -1, P_VFU_POLL, m->guest_doorbell_ns + m->poll_loop_ns / 2);
      break;

    case P_GUEST_NET:
      {
        gint64 icd = sim->front_icd;
        gboolean inc = !rd && io->size <= icd;
        gint64 dur = link_send (sim, &sim->link_rx, 72 + (inc ? io->size : 0)) + m->rdma_one_way_ns;

        io->front_in_capsule = inc;
        REC (-1, "net.guest_cmd", IOP_PLACE_NETWORK, -1, NULL, dur, _("The guest's command over NVMe-oF TCP"),
             g_strdup_printf (_("The guest's NVMe/TCP initiator sends a command capsule PDU%s to the baremetal's TCP target."),
                              inc ? _(" with the write data inside (at most in_capsule_data_size)") : ""));
        schedule (sim, io, -1, P_TCP_RECV, dur + m->poll_loop_ns / 2);
      }
      break;

    case P_TCP_RECV:
      {
        gint64 before = sim->guest_sqs[io->guest_qp]->level;

        if (!io->granted && !slot_get (sim->guest_sqs[io->guest_qp]))
          {
            s = REC (-1, "nvmf_tcp.recv", IOP_PLACE_BAREMETAL, -1, bt, 0, _("No free TCP request: wait"),
                     g_strdup_printf (_("All %" PRId64 " requests of this queue pair are in use (max_queue_depth); the PDU waits in the socket until one is freed."),
                                      sim->guest_sqs[io->guest_qp]->capacity));
            if (s) s->waited = TRUE;
            park (sim->guest_sqs[io->guest_qp], io, -1, P_TCP_RECV);
            return;
          }
        io->granted = FALSE;
        s = REC (-1, "nvmf_tcp.recv", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("TCP target reads the command PDU"),
                 g_strdup_printf (_("%s's nvmf_TCP poller reads the capsule from the socket and takes a tcp_req of the queue pair (%" PRId64 " of %" PRId64 " left)%s."),
                                  bt->t->name, sim->guest_sqs[io->guest_qp]->level, sim->guest_sqs[io->guest_qp]->capacity,
                                  io->front_in_capsule ? _("; the write data came in the PDU, into the request's own in-capsule buffer") : ""));
        io->o_vfu_req = OBJ (s, io, -1, "nvmf_tcp_req", _("TCP target request"), sim->guest_sqs[io->guest_qp], before,
                             _("queue pair request array"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        KNOB (s, B, "nvmf_create_transport.max_queue_depth",
              g_strdup_printf (_("%" PRId64 " requests per queue pair"), sim->guest_sqs[io->guest_qp]->capacity));
        KNOB (s, B, "nvmf_create_transport.in_capsule_data_size",
              g_strdup_printf (_("%" PRId64 " bytes travel inside the command"), sim->front_icd));
        schedule (sim, io, -1, io->front_in_capsule ? P_NVMF_EXEC : P_TCP_GETBUF, m->cpu_step_ns);
      }
      break;

    case P_TCP_GETBUF:
      if (!take_buffers (sim, io, -1, P_TCP_GETBUF, bm, bt, &io->fbuf, &io->granted, FALSE, "nvmf_tcp"))
        return;
      schedule (sim, io, -1, rd ? P_NVMF_EXEC : P_TCP_R2T, m->cpu_step_ns);
      break;

    case P_TCP_R2T:
      REC (-1, "net.r2t", IOP_PLACE_NETWORK, -1, NULL, m->rdma_one_way_ns, _("R2T: the target asks for the data"),
           g_strdup (_("With its buffers ready, the target sends a Ready-to-Transfer PDU naming the range it wants.")));
      schedule (sim, io, -1, P_TCP_H2C, m->rdma_one_way_ns + m->poll_loop_ns / 2);
      break;

    case P_TCP_H2C:
      {
        gint64 dur = link_send (sim, &sim->link_rx, io->size + 24) + m->rdma_one_way_ns;

        REC (-1, "net.h2c_data", IOP_PLACE_NETWORK, -1, NULL, dur, _("H2C data from the guest"),
             g_strdup_printf (_("The guest sends %s in H2C DATA PDUs straight into the transport buffers."), size_str (io->size, sz, sizeof sz)));
        schedule (sim, io, -1, P_NVMF_EXEC, dur + m->poll_loop_ns / 2);
      }
      break;

    case P_TCP_COMPLETE:
      {
        s = REC (-1, "nvmf_tcp.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                 rd ? _("C2H data back to the guest") : _("Response capsule to the guest"),
                 g_strdup (rd ? _("The read data goes out in C2H DATA PDUs; with c2h_success the last one carries the success flag and no response capsule follows.")
                              : _("The target writes a capsule response PDU to the socket.")));
        io->live++;
        schedule (sim, io, -1, P_GUEST_RESP, m->cpu_step_ns);
      }
      break;

    case P_GUEST_RESP:
      {
        gint64 sent = link_send (sim, &sim->link_tx, rd ? io->size + 24 : 24);

        REC (-1, rd ? "net.c2h_data" : "net.tcp_resp", IOP_PLACE_NETWORK, -1, NULL, sent + m->rdma_one_way_ns,
             rd ? _("C2H data and status to the guest") : _("Response to the guest"),
             g_strdup_printf (_("%s cross to the guest; the target frees the request once the socket has taken the PDU."),
                              rd ? size_str (io->size, sz, sizeof sz) : _("16 bytes of completion")));
        schedule (sim, io, -1, P_TCP_RELEASE, sent);
        schedule (sim, io, -1, P_DONE, sent + m->rdma_one_way_ns);
      }
      break;

    case P_TCP_RELEASE:
      {
        gint64 before = sim->guest_sqs[io->guest_qp]->level;
        gint64 before_b = bt->transport.cache[io->fbuf.cls]->level;

        for (guint i = 0; i < io->fbuf.got; i++)
          iobuf_put (sim, &bt->transport, io->fbuf.cls);
        slot_put (sim, sim->guest_sqs[io->guest_qp]);
        s = REC (-1, "nvmf_tcp.release", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("PDU sent: request and buffers freed"),
                 g_strdup_printf (_("The socket took the last PDU: %u buffer(s) go back to the poll group's nvmf_TCP cache and the tcp_req to its queue pair."),
                                  io->fbuf.got));
        obj_free (sim, s, &io->fbuf.obj, bt->transport.cache[io->fbuf.cls], before_b);
        obj_free (sim, s, &io->o_vfu_req, sim->guest_sqs[io->guest_qp], before);
        io->fbuf.got = io->fbuf.needed = 0;
        io_unref (sim, io);
      }
      break;

    case P_VFU_POLL:
      s = REC (-1, "vfu.poll", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                  _("Poll group sees the guest's doorbell"),
                  g_strdup_printf (_("%s on core %u reads the new SQ tail the guest wrote in shared memory for queue pair %d; nothing is allocated to notice it."),
                                   bt->t->name, bt->t->core, io->guest_qp + 1));
      KNOB (s, B, "nvmf_set_config.poll_groups_mask",
            g_strdup_printf (_("places this queue pair's poll group on core %u"), bt->t->core));
      schedule (sim, io, -1, P_VFU_CMD, m->cpu_step_ns);
      break;

    case P_VFU_CMD:
      {
        gint64 before = sim->guest_sqs[io->guest_qp]->level;
        gint64 pages = (io->size + 4095) / 4096;

        if (!io->granted && !slot_get (sim->guest_sqs[io->guest_qp]))
          {
            s = REC (-1, "vfu.cmd_req", IOP_PLACE_BAREMETAL, -1, bt, 0,
                        _("Guest queue full"),
                        g_strdup_printf (_("All %" PRId64 " requests of this queue pair are in flight (max_queue_depth): the guest cannot post another command until one completes."),
                                         sim->guest_sqs[io->guest_qp]->capacity));
            if (s) s->waited = TRUE;
            KNOB (s, B, "nvmf_create_transport.max_queue_depth", g_strdup (_("caps the commands one guest queue pair can have outstanding")));
            park (sim->guest_sqs[io->guest_qp], io, -1, P_VFU_CMD);
            return;
          }
        io->granted = FALSE;
        s = REC (-1, "vfu.cmd_req", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                    _("Take a VFIO-user request, map guest memory"),
                    g_strdup_printf (_("A request of the SQ's own array is taken (%" PRId64 " of %" PRId64 " left) and the command's %" PRId64 " guest page(s) are mapped into iovecs: the payload stays in guest memory, no copy and no transport buffer."),
                                     sim->guest_sqs[io->guest_qp]->level, sim->guest_sqs[io->guest_qp]->capacity, pages));
        io->o_vfu_req = OBJ (s, io, -1, "nvmf_vfio_user_req", _("VFIO-user request"), sim->guest_sqs[io->guest_qp], before,
                                   _("the SQ's request array"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        KNOB (s, B, "nvmf_create_transport.max_queue_depth",
              g_strdup_printf (_("%" PRId64 " requests per queue pair"), sim->guest_sqs[io->guest_qp]->capacity));
        KNOB (s, B, "nvmf_create_transport.max_io_qpairs_per_ctrlr", g_strdup (_("how many such queue pairs the guest may create")));
        KNOB (s, B, "nvmf_create_transport.num_shared_buffers", g_strdup (_("0 on VFIO-user: guest memory is the buffer")));
        schedule (sim, io, -1, P_NVMF_EXEC, m->cpu_step_ns);
      }
      break;

    case P_NVMF_EXEC:
      REC (-1, "nvmf.exec", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
              _("NVMf core dispatches the command"),
              g_strdup_printf (_("An I/O command (%s) for the namespace backed by the RAID1 bdev."), rd ? "Read" : "Write"));
      schedule (sim, io, -1, P_NVMF_BDEV, m->cpu_step_ns);
      break;

    case P_NVMF_BDEV:
      REC (-1, "nvmf.bdev_rw", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
              rd ? _("Read command becomes a bdev read") : _("Write command becomes a bdev write"),
              g_strdup_printf (_("%s at this LBA, %s long, with the mapped guest iovecs as the data buffer."),
                               rd ? "spdk_bdev_readv_blocks_ext" : "spdk_bdev_writev_blocks_ext", size_str (io->size, sz, sizeof sz)));
      schedule (sim, io, -1, P_BDEV_GETIO, m->cpu_step_ns);
      break;

    case P_BDEV_GETIO:
      {
        gint64 before_c = bt->bdev_io_cache->level, before_p = bm->bdev_io_pool->level;
        BdevIoResult r;

        if (io->granted)
          r = BDEV_IO_CACHE, io->granted = FALSE;
        else
          {
            r = bdev_io_get (bm, bt);
            if (r == BDEV_IO_NONE)
              {
                s = REC (-1, "bdev.io_wait", IOP_PLACE_BAREMETAL, -1, bt, 0,
                            _("No bdev_io: wait"),
                            g_strdup_printf (_("%s's cache and the mempool are empty: NVMf queues the request with spdk_bdev_queue_io_wait until a bdev_io is freed on this thread."), bt->t->name));
                if (s) s->waited = TRUE;
                KNOB (s, B, "bdev_set_options.bdev_io_pool_size", g_strdup (_("the mempool ran dry")));
                park_queue (&bt->io_wait, io, -1, P_BDEV_GETIO);
                return;
              }
          }
        s = REC (-1, "bdev.get_io", IOP_PLACE_BAREMETAL, -1, bt, r == BDEV_IO_CACHE ? m->cpu_bdev_io_ns : m->cpu_mempool_ns,
                    _("Allocate the bdev_io"), bdev_io_from (r, bt, bm));
        io->o_bdev_io = OBJ (s, io, -1, "bdev_io", _("bdev_io (RAID1 bdev)"),
                                   r == BDEV_IO_CACHE ? bt->bdev_io_cache : bm->bdev_io_pool,
                                   r == BDEV_IO_CACHE ? before_c : before_p,
                                   r == BDEV_IO_CACHE ? _("per-thread cache") : _("global mempool"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        KNOB (s, B, "bdev_set_options.bdev_io_cache_size",
              g_strdup_printf (_("%" PRId64 " bdev_io cached on this thread"), bt->bdev_io_cache->capacity));
        KNOB (s, B, "bdev_set_options.bdev_io_pool_size", g_strdup (_("the mempool behind the caches")));
        schedule (sim, io, -1, P_BDEV_SUBMIT, m->cpu_step_ns);
      }
      break;

    case P_BDEV_SUBMIT:
      REC (-1, "bdev.submit", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
              _("Submit to the RAID module"),
              g_strdup (_("bdev_io_submit checks for QoS and locked ranges, then calls the RAID bdev's submit_request on this thread.")));
      schedule (sim, io, -1, P_RAID_SUBMIT, m->cpu_step_ns);
      break;

    case P_RAID_SUBMIT:
      REC (-1, "raid.submit", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
              _("RAID bdev takes the I/O"),
              g_strdup_printf (_("raid_bdev_submit_request sends the %s to the raid1 module%s."), rd ? "read" : "write",
                               rd ? _(", asking for a data buffer first") : ""));
      schedule (sim, io, -1, rd ? P_RAID_GETBUF : P_RAID1_WRITE, m->cpu_step_ns);
      break;

    case P_RAID_GETBUF:
      {
        /* spdk_bdev_io_get_buf: the guest's iovecs are already there */
        s = REC (-1, "raid.get_buf", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_bdev_io_ns,
                    _("Buffer check: the guest's memory is used"),
                    g_strdup (_("The bdev_io already carries the guest's iovecs (mapped by VFIO-user) and they are aligned, so spdk_bdev_io_get_buf calls back at once: no \"bdev\" iobuf buffer is taken. This is why the bdev module's iobuf counters stay at zero in iobuf_get_stats on this host.")));
        KNOB (s, B, "bdev_set_options.iobuf_small_cache_size", g_strdup (_("not used by this read: it brought its own buffer")));
        io->has_bdev_buf = FALSE;
        schedule (sim, io, -1, P_RAID1_READ, m->cpu_step_ns);
      }
      break;

    case P_RAID1_READ:
      {
        /* raid1_channel_next_read_base_bdev: fewest read blocks outstanding on this channel */
        guint best = 0;
        gint64 before;
        BdevIoResult r;

        gboolean any = FALSE;

        for (guint l = 0; l < io->n_legs; l++)
          if (!sim->leg_removed[l] &&
              (!any || bt->read_blocks_outstanding[l] < bt->read_blocks_outstanding[best]))
            best = l, any = TRUE;
        if (!any)
          {
            REC (-1, "raid1.read", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("No replica left to read"),
                 g_strdup (_("raid1_channel_next_read_base_bdev finds no base bdev on this channel: the read completes as FAILED.")));
            io->failed = TRUE;
            schedule (sim, io, -1, P_BDEV_COMPLETE, m->cpu_step_ns);
            return;
          }
        if (io->read_leg < 0)
          {
            io->read_leg = (int)best;
            bt->read_blocks_outstanding[best] += io->size / sim->sc->block_size;
          }
        before = bt->bdev_io_cache->level;
        if (io->granted)
          r = BDEV_IO_CACHE, io->granted = FALSE;
        else if ((r = bdev_io_get (bm, bt)) == BDEV_IO_NONE)
          {
            s = REC (-1, "bdev.io_wait", IOP_PLACE_BAREMETAL, -1, bt, 0, _("No bdev_io for the replica read: wait"),
                        g_strdup (_("raid1 could not get a child bdev_io and waits on io_wait.")));
            if (s) s->waited = TRUE;
            park_queue (&bt->io_wait, io, -1, P_RAID1_READ);
            return;
          }
        s = REC (-1, "raid1.read", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                    _("RAID1 picks one replica"),
                    g_strdup_printf (_("Replica %c has the fewest read blocks outstanding on this channel%s, so it serves the read; a child bdev_io is taken %s."),
                                     'A' + io->read_leg,
                                     sim->faults_on && sim->leg_removed[io->read_leg == 0 ? 1 : 0] ? _(" (the other replica is out of the array)") : "",
                                     r == BDEV_IO_CACHE ? _("from the per-thread cache") : _("from the mempool")));
        io->legs[io->read_leg].o_child_io = OBJ (s, io, io->read_leg, "bdev_io", _("bdev_io (replica read)"),
                                                       r == BDEV_IO_CACHE ? bt->bdev_io_cache : bm->bdev_io_pool, before,
                                                       r == BDEV_IO_CACHE ? _("per-thread cache") : _("global mempool"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        if (s) sim->trace->split_step = (int)s->index;
        start_leg (sim, io, (guint)io->read_leg, L_NVME_SUBMIT, m->cpu_step_ns);
      }
      break;

    case P_RAID1_WRITE:
      {
        s = REC (-1, "raid1.write", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns * io->n_legs,
                    _("RAID1 fans the write out to every replica"),
                    g_strdup_printf (_("One child write per base bdev (%u replicas); the parent completes only when all of them have."), io->n_legs));
        if (s) sim->trace->split_step = (int)s->index;
        for (guint l = 0; l < io->n_legs; l++)
          {
            gint64 before = bt->bdev_io_cache->level;
            BdevIoResult r;

            if (sim->leg_removed[l])
              {
                /* raid1_submit_write_request skips a missing base bdev's slot */
                io->legs_done++;
                io->legs_failed++;
                REC ((int)l, "raid1.write_skip", IOP_PLACE_BAREMETAL, -1, bt, 0,
                     scratch (sim, g_strdup_printf (_("Replica %c is out of the array: skipped"), 'A' + l)),
                     g_strdup (_("The array runs degraded: this base bdev's slot has no channel, so raid1_submit_write_request counts it as a failed part and writes the other replicas only. The data on the missing replica falls behind until a rebuild.")));
                if (io->legs_done == io->n_legs)
                  {
                    io->failed = io->legs_failed >= io->n_legs;
                    schedule (sim, io, -1, P_BDEV_COMPLETE, m->cpu_step_ns);
                  }
                continue;
              }
            r = bdev_io_get (bm, bt);

            if (r == BDEV_IO_NONE)
              {
                park_queue (&bt->io_wait, io, (int)l, L_CHILD_IO);
                continue;
              }
            io->legs[l].o_child_io = OBJ (s, io, (int)l, "bdev_io",
                                                l == 0 ? _("bdev_io (write to replica A)") : _("bdev_io (write to replica B)"),
                                                r == BDEV_IO_CACHE ? bt->bdev_io_cache : bm->bdev_io_pool, before,
                                                r == BDEV_IO_CACHE ? _("per-thread cache") : _("global mempool"), 1, 0, IOP_PLACE_BAREMETAL, -1);
            start_leg (sim, io, l, L_NVME_SUBMIT, m->cpu_step_ns * (l + 1));
          }
        KNOB (s, B, "bdev_set_options.bdev_io_cache_size", g_strdup (_("each child bdev_io also comes from this thread's cache")));
        resnap (sim, s);
      }
      break;

    case P_BDEV_COMPLETE:
      if (io->traced)
        sim->trace->outcome = io->failed ? IOP_OUTCOME_FAILED : io->late ? IOP_OUTCOME_LATE : IOP_OUTCOME_COMPLETED;
      if (io->failed)
        s = REC (-1, "bdev.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                 _("RAID1 I/O fails"),
                 g_strdup (_("No replica completed the I/O: spdk_bdev_io_complete reports FAILED and the guest gets an error status for its command.")));
      else if (io->legs_failed > 0)
        s = REC (-1, "bdev.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                 _("RAID1 I/O completes, degraded"),
                 g_strdup_printf (_("%u of %u replica(s) have the data: that is enough for RAID1, so spdk_bdev_io_complete reports success to NVMf."),
                                  rd ? 1u : io->n_legs - io->legs_failed, rd ? 1u : io->n_legs));
      else
      s = REC (-1, "bdev.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                  _("RAID1 I/O completes"),
                  g_strdup_printf (_("All %u leg(s) are done: spdk_bdev_io_complete runs the NVMf callback for the RAID bdev_io."),
                                   rd ? 1u : io->n_legs));
      if (s) sim->trace->join_step = (int)s->index;
      schedule (sim, io, -1, P_NVMF_COMPLETE, m->cpu_step_ns);
      break;

    case P_NVMF_COMPLETE:
      {
        gint64 before_c = bt->bdev_io_cache->level;

        bdev_io_put (sim, bm, bt);
        s = REC (-1, "nvmf.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                    _("NVMf completes the request"),
                    g_strdup (_("nvmf_bdev_ctrlr_complete_cmd copies the status into the completion and frees the bdev_io back to this thread's cache.")));
        obj_free (sim, s, &io->o_bdev_io, bt->bdev_io_cache, before_c);
        schedule (sim, io, -1, sim->front_tcp ? P_TCP_COMPLETE : P_VFU_COMPLETE, m->cpu_step_ns);
      }
      break;

    case P_VFU_COMPLETE:
      {
        gint64 before = sim->guest_sqs[io->guest_qp]->level;

        slot_put (sim, sim->guest_sqs[io->guest_qp]);
        s = REC (-1, "vfu.complete", IOP_PLACE_BAREMETAL, -1, bt, m->guest_interrupt_ns,
                    _("Completion posted into the guest"),
                    g_strdup (_("post_completion writes the CQ entry straight into guest memory and signals the guest's interrupt; the request goes back to the SQ's array.")));
        obj_free (sim, s, &io->o_vfu_req, sim->guest_sqs[io->guest_qp], before);
        schedule (sim, io, -1, P_DONE, m->guest_interrupt_ns);
      }
      break;

    case P_DONE:
      io->t_end = sim->now;
      io_unref (sim, io);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
iobuf_detail (GString *d, IobufResult r, IobufChan *ch, BufClass c, gint64 batch)
{
  const char *cls = c == SMALL ? _("small") : _("large");

  if (r == IOBUF_FROM_CACHE)
    g_string_append_printf (d, _("a %s buffer from the %s cache (%" PRId64 " left); "), cls, ch->module, ch->cache[c]->level);
  else
    g_string_append_printf (d, _("a %s buffer from the central ring: the %s cache was empty, a batch of %" PRId64 " came back (counted as main); "),
                            cls, ch->module, batch);
}

/* Takes the transport buffers of a request from THREAD's transport cache, as
 * spdk_nvmf_request_get_buffers does, one spdk_iobuf_get per buffer. TRUE when
 * all are held (a step is recorded); FALSE when the request waits: on the
 * thread's iobuf queue (counted as retry), or, with POLLS (v26.01 RDMA, no
 * wait entry), giving back what it took and trying again next pass. */
static gboolean
take_buffers (Sim *sim, Io *io, int L, int stage, HostState *hs, ThreadState *st, BufReq *br,
              gboolean *granted, gboolean polls, const char *prefix)
{
  const IopModel *m = &sim->sc->model;
  const IopHostId H = hs->host;
  IobufChan *tch = &st->transport;
  /* step keys must outlive the trace: static strings only */
  const gboolean tcp = g_str_equal (prefix, "nvmf_tcp");
  const char *k_get = tcp ? "nvmf_tcp.get_buffers" : "nvmf_rdma.get_buffers";
  const char *k_wait = tcp ? "nvmf_tcp.need_buffer" : "nvmf_rdma.need_buffer";
  GString *d = NULL;
  gint64 before;
  IopStep *s;
  char sz[32], sz2[32];

  if (br->needed == 0 && br->got == 0 && !*granted)
    {
      if (sim->sc->version == IOP_SPDK_V26_01)
        {
          gint64 unit = sim->io_unit_size[H];
          br->unit = unit;
          br->needed = (guint)((io->size + unit - 1) / unit);
          br->cls = MIN (unit, io->size) <= sim->small_bufsize[H] ? SMALL : LARGE;
        }
      else
        {
          br->cls = io->size > sim->small_bufsize[H] ? LARGE : SMALL;
          br->unit = br->cls == SMALL ? sim->small_bufsize[H] : sim->large_bufsize[H];
          br->needed = (guint)((io->size + br->unit - 1) / br->unit);
        }
    }
  if (io->traced)
    d = g_string_new (NULL);
  before = tch->cache[br->cls]->level;
  if (*granted)
    {
      *granted = FALSE;
      br->got++;
      if (d)
        g_string_append (d, _("a buffer handed over by an iobuf_put on this thread; "));
    }
  while (br->got < br->needed)
    {
      gint64 batch = 0;
      IobufResult r = iobuf_get (tch, br->cls, &batch);

      if (r == IOBUF_RETRY && polls)
        {
          guint got = br->got;

          tch->stats_retry[br->cls]--;
          for (guint i = 0; i < got; i++)
            iobuf_put (sim, tch, br->cls);
          br->got = 0;
          if (d)
            g_string_free (d, TRUE);
          if (!br->polling)
            {
              hs->ctr.buffer_waits++;
              s = REC (L, k_wait, hs->place, hs->node, st, 0,
                       _("No transport buffer: retried every poll"),
                       g_strdup_printf (_("The %s cache and the central %s ring ran out after %u of %u buffers. At v26.01 the RDMA transport gives back what it took and keeps the request on the poll group's pending_buf_queue, trying again on every pass: iobuf_get_stats shows no retry for it, nvmf_get_stats shows pending_data_buffer."),
                                        tch->module, br->cls == SMALL ? _("small") : _("large"), got, br->needed));
              if (s) s->waited = TRUE;
              KNOB (s, H, "nvmf_create_transport.num_shared_buffers", g_strdup (_("sizes the poll-group caches")));
              br->polling = TRUE;
            }
          schedule (sim, io, L, stage, m->poll_loop_ns);
          return FALSE;
        }
      if (r == IOBUF_RETRY)
        {
          hs->ctr.buffer_waits++;
          if (d)
            g_string_free (d, TRUE);
          s = REC (L, k_wait, hs->place, hs->node, st, 0,
                   _("No transport buffer: wait"),
                   g_strdup_printf (_("The %s cache and the central %s ring are empty after %u of %u buffers: the request waits on the thread's iobuf queue (counted as retry). SPDK logs this only at DEBUG level."),
                                    tch->module, br->cls == SMALL ? _("small") : _("large"), br->got, br->needed));
          if (s) s->waited = TRUE;
          KNOB (s, H, br->cls == SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
                g_strdup (_("the central ring is empty")));
          park_queue (tch->queue[br->cls], io, L, stage);
          return FALSE;
        }
      if (d)
        iobuf_detail (d, r, tch, br->cls, batch);
      br->got++;
    }
  if (d != NULL)
    {
      g_autofree char *formula = NULL;
      g_autofree char *label = g_strdup_printf (br->cls == SMALL ? _("iobuf small buffer(s) (%s)") : _("iobuf large buffer(s) (%s)"), tch->module);
      char *detail;

      transport_cache_sizes (sim, H, &(gint64){0}, &(gint64){0}, &formula);
      if (d->len >= 2)
        g_string_truncate (d, d->len - 2);
      detail = g_strdup_printf (_("%u × %s %s buffer(s) for %s of payload (%s): %s."),
                                br->needed, size_str (br->unit, sz, sizeof sz),
                                br->cls == SMALL ? _("small") : _("large"),
                                size_str (io->size, sz2, sizeof sz2),
                                sim->sc->version == IOP_SPDK_V26_01 ? _("v26.01: one buffer per io_unit_size") : _("v26.05: the buffer class follows the I/O length"),
                                d->str);
      g_string_free (d, TRUE);
      s = REC (L, k_get, hs->place, hs->node, st, m->cpu_bdev_io_ns * br->needed,
               _("Transport takes iobuf buffers"), detail);
      br->obj = OBJ (s, io, L, "iobuf buffer", label, tch->cache[br->cls], before, _("poll-group cache"),
                     br->needed, io->size, hs->place, hs->node);
      if (sim->sc->version == IOP_SPDK_V26_01)
        {
          KNOB (s, H, "nvmf_create_transport.io_unit_size",
                g_strdup_printf (_("%" PRId64 " bytes per buffer → %u buffer(s)"), sim->io_unit_size[H], br->needed));
          KNOB (s, H, "nvmf_create_transport.buf_cache_size", g_strdup (formula));
          KNOB (s, H, "nvmf_create_transport.num_shared_buffers", g_strdup (_("sizes the automatic cache")));
        }
      else
        KNOB (s, H, br->cls == SMALL ? "nvmf_create_transport.iobuf_small_cache_size" : "nvmf_create_transport.iobuf_large_cache_size",
              g_strdup (formula));
      KNOB (s, H, "iobuf_set_options.small_bufsize",
            g_strdup_printf (_("%" PRId64 " bytes: requests up to this use the small pool"), sim->small_bufsize[H]));
      KNOB (s, H, br->cls == SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
            g_strdup (_("the central ring behind the caches")));
    }
  return TRUE;
}

static void
step_leg (Sim *sim, Io *io, Leg *leg, int stage)
{
  IopModel *m = &sim->sc->model;
  ThreadState *bt = io->bt;
  HostState *bm = &sim->bm;
  HostState *sh = leg_host (sim, leg);
  ThreadState *st = leg->st;
  IopStep *s;
  const int L = leg->idx;
  const gboolean rd = io->op == IOP_OP_READ;
  const IopHostId B = IOP_HOST_BAREMETAL, S = IOP_HOST_STORAGE;
  const char replica = 'A' + L;
  char sz[32];

  switch (stage)
    {
    case L_CHILD_IO:
      {
        /* woken from io_wait with a bdev_io taken for us */
        s = REC (L, "bdev.get_io", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_bdev_io_ns,
                    _("Child bdev_io after waiting"), g_strdup (_("A bdev_io was freed on this thread and handed to the waiting RAID1 leg.")));
        leg->o_child_io = OBJ (s, io, L, "bdev_io", _("bdev_io (replica write)"), bt->bdev_io_cache, bt->bdev_io_cache->level + 1,
                                     _("per-thread cache"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        leg->granted = FALSE;
        schedule (sim, io, L, L_NVME_SUBMIT, m->cpu_step_ns);
      }
      break;

    case L_NVME_SUBMIT:
      if (sim->faults_on)
        {
          int p = pick_path (sim, (guint)L);

          if (leg->held)
            {
              leg->held = FALSE;
              sim->held[L]--;
              push_leg_state (sim, (guint)L);
            }
          if (p < 0)
            {
              if (leg_may_recover (sim, (guint)L) && sim->retry_count != 0)
                {
                  /* bdev_nvme_io_complete (-ENXIO): back to the retry queue for a second */
                  if (leg->held_since < 0)
                    leg->held_since = sim->now;
                  leg->held = TRUE;
                  io->late = TRUE;
                  sim->held[L]++;
                  push_leg_state (sim, (guint)L);
                  s = REC (L, "bdev_nvme.hold", IOP_PLACE_BAREMETAL, -1, bt, 0,
                           scratch (sim, g_strdup_printf (_("No path to replica %c: the I/O waits"), replica)),
                           g_strdup_printf (_("bdev_nvme_find_io_path finds no connected path of replica %c's namespace. A path may still come back (its controller is reconnecting), "
                                              "so the I/O completes internally with -ENXIO and goes to this channel's retry queue: bdev_nvme resubmits it every second. "
                                              "It keeps its child bdev_io meanwhile (%u I/O(s) wait for this replica now)."),
                                            replica, sim->held[L]));
                  if (s) s->waited = TRUE;
                  KNOB (s, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec",
                        sim->ff_sec == 0
                        ? g_strdup (_("0: it waits as long as the controller is being reconnected"))
                        : g_strdup (_("it waits until this much time has passed since the reset began")));
                  KNOB (s, B, "bdev_nvme_set_options.bdev_retry_count",
                        g_strdup (_("path errors do not count against it: the wait has no retry limit")));
                  {
                    /* a second later: never part of this thread's call chain */
                    Event re = { sim->now + NS_PER_S, sim->seq++, io, L, L_NVME_SUBMIT, NULL };
                    heap_push (sim, &re);
                  }
                  return;
                }
              s = REC (L, "bdev_nvme.io_failed", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                       scratch (sim, g_strdup_printf (_("Replica %c's I/O fails"), replica)),
                       g_strdup_printf (_("No path of replica %c is connected and none may come back (fast_io_fail_timeout_sec has passed, the controller failed or was deleted): "
                                          "any_io_path_may_become_available says no, so bdev_nvme completes the child bdev_io as FAILED."),
                                        replica));
              KNOB (s, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec", g_strdup (_("decides when waiting stops")));
              schedule (sim, io, L, L_LEG_FAILED, m->cpu_step_ns);
              return;
            }
          if (leg->held_since >= 0)
            {
              g_autofree char *w = secs (sim->now - leg->held_since);
              if (io->traced)
                sim->trace->held_ns += sim->now - leg->held_since;
              s = REC (L, "bdev_nvme.retry", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                       scratch (sim, g_strdup_printf (_("Retry: replica %c has a path again"), replica)),
                       g_strdup_printf (_("bdev_nvme_retry_ios resubmits the I/O from the retry queue after %s of waiting; path %d of replica %c is connected now."),
                                        w, p, replica));
              leg->held_since = -1;
            }
          if (p != leg->path)
            {
              leg->path = p;
              leg->bq = &bt->qpairs[(guint)L * sim->sc->paths_per_leg + (guint)p];
            }
        }
      s = REC (L, "nvme.submit", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                  scratch (sim, g_strdup_printf (_("bdev_nvme submits to replica %c"), replica)),
                  g_strdup_printf (_("The child bdev_io reaches bdev_nvme, which picks the first usable path of replica %c's namespace (%u path(s), active-passive) and this thread's qpair on it."),
                                   replica, sim->sc->paths_per_leg));
      KNOB (s, B, "bdev_nvme_set_options.io_path_stat", g_strdup (_("per-path counters")));
      schedule (sim, io, L, L_NS_CMD, m->cpu_step_ns);
      break;

    case L_NS_CMD:
      {
        gint64 before = leg->bq->nvme_reqs->level;

        if (!leg->granted && !slot_get (leg->bq->nvme_reqs))
          {
            bm->ctr.nvme_nomem++;
            s = REC (L, "bdev.nomem", IOP_PLACE_BAREMETAL, -1, bt, 0,
                        _("No free nvme_request: NOMEM, retried later"),
                        g_strdup_printf (_("All %" PRId64 " nvme_request objects of this qpair are in use: the driver returns -ENOMEM and the bdev_io waits on the bdev layer's nomem queue until an I/O completes."),
                                         leg->bq->nvme_reqs->capacity));
            if (s) s->waited = TRUE;
            KNOB (s, B, "bdev_nvme_set_options.io_queue_requests", g_strdup (_("the qpair's nvme_request count")));
            park (leg->bq->nvme_reqs, io, L, L_NS_CMD);
            return;
          }
        leg->granted = FALSE;
        s = REC (L, "nvme.ns_cmd", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                    _("NVMe driver takes an nvme_request"),
                    g_strdup_printf (_("The command is built in an nvme_request from the qpair's free list (%" PRId64 " of %" PRId64 " left)."),
                                     leg->bq->nvme_reqs->level, leg->bq->nvme_reqs->capacity));
        leg->o_nvme_req = OBJ (s, io, L, "nvme_request", _("nvme_request"), leg->bq->nvme_reqs, before,
                                     _("qpair free list"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        if (s != NULL)
        {
          gint64 ioqr = K (sim, B, "bdev_nvme_set_options.io_queue_requests");
          KNOB (s, B, "bdev_nvme_set_options.io_queue_requests",
                ioqr < leg->bq->nvme_reqs->capacity
                ? g_strdup_printf (_("%" PRId64 " is below the driver's own count, so the qpair has max(%" PRId64 ", max(512, queue size %" PRId64 ")) = %" PRId64 " requests: this setting changes nothing"),
                                   ioqr, ioqr, sim->io_queue_size, leg->bq->nvme_reqs->capacity)
                : g_strdup_printf (_("gives the qpair %" PRId64 " nvme_request objects"), leg->bq->nvme_reqs->capacity));
        }
        schedule (sim, io, L, L_RDMA_SUBMIT, m->cpu_step_ns);
      }
      break;

    case L_RDMA_SUBMIT:
      {
        gint64 before = leg->bq->wire_slots->level;
        /* the TCP initiator does not read delay_cmd_submit: its sockets batch */
        gboolean batch = sim->delay_submit[B] && !sim->fabric_tcp;
        gint64 extra = batch ? m->doorbell_batch_ns : 0;

        if (!leg->granted && !slot_get (leg->bq->wire_slots))
          {
            bm->ctr.qpair_queued++;
            s = REC (L, "nvme.queued", IOP_PLACE_BAREMETAL, -1, bt, 0,
                        _("Qpair full: request queued"),
                        g_strdup_printf (_("All %" PRId64 " RDMA request slots of this qpair (its queue size, capped by the target's max_queue_depth) are in flight: the request waits on the qpair's queued list and is sent when a completion frees a slot."),
                                         leg->bq->wire_slots->capacity));
            if (s) s->waited = TRUE;
            KNOB (s, S, "nvmf_create_transport.max_queue_depth", g_strdup (_("the target's queue depth bounds the host's queue size")));
            park (leg->bq->wire_slots, io, L, L_RDMA_SUBMIT);
            return;
          }
        leg->granted = FALSE;
        bm->ctr.qpair_slots_max = MAX (bm->ctr.qpair_slots_max, leg->bq->wire_slots->capacity - leg->bq->wire_slots->level);
        leg->in_capsule = !rd && io->size <= sim->icd;
        if (sim->fabric_tcp)
          s = REC (L, "nvme_tcp.submit", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns + extra,
                   _("TCP request queued to the socket"),
                   g_strdup_printf (_("A tcp_req of the qpair (%" PRId64 " of %" PRId64 " left) carries the command PDU; %s %s"),
                                    leg->bq->wire_slots->level, leg->bq->wire_slots->capacity,
                                    rd ? _("the read data will come back in C2H DATA PDUs.")
                                       : leg->in_capsule ? _("the payload fits the controller's in-capsule size and rides in the PDU.")
                                                         : _("the payload is above the in-capsule size: the target will ask for it with an R2T."),
                                    _("The PDU is queued on the socket, which the poll group flushes before it next waits (delay_cmd_submit does not apply to TCP).")));
        else
        s = REC (L, "nvme_rdma.submit", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns + extra,
                    _("RDMA request posted"),
                    g_strdup_printf (_("An rdma_req of the qpair (%" PRId64 " of %" PRId64 " left) carries the command; %s %s"),
                                     leg->bq->wire_slots->level, leg->bq->wire_slots->capacity,
                                     rd ? _("the data buffer is described by a keyed SGL for the target to RDMA WRITE into.")
                                        : leg->in_capsule ? _("the payload fits the target's in-capsule size and rides in the SEND.")
                                                          : _("the payload is above the in-capsule size, so a keyed SGL lets the target RDMA READ it."),
                                     batch ? _("With delay_cmd_submit the SEND is posted at the end of the poller's pass, batched with others.") : _("The SEND is posted at once.")));
        leg->o_rdma_req = OBJ (s, io, L, sim->fabric_tcp ? "nvme_tcp_req" : "rdma_req",
                               sim->fabric_tcp ? _("TCP request (host)") : _("RDMA request + SEND WR (host)"), leg->bq->wire_slots, before,
                               sim->fabric_tcp ? _("qpair tcp_req array") : _("qpair rdma_req array"), 1, 0, IOP_PLACE_BAREMETAL, -1);
        KNOB (s, B, "bdev_nvme_set_options.delay_cmd_submit",
              g_strdup (batch ? _("SEND batched to the end of the poll: +doorbell batching delay") : _("SEND posted immediately")));
        KNOB (s, S, "nvmf_create_transport.in_capsule_data_size",
              g_strdup_printf (_("%" PRId64 " bytes advertised by the target"), sim->icd));
        if (sim->faults_on)
          {
            gint64 tmo = sim->timeout_us;

            leg->attempt = ctrlr_of (sim, (guint)L, leg->path)->epoch;
            leg->on_wire = TRUE;
            if (tmo > 0 && io->traced)
              schedule (sim, io, L, L_TIMEOUT, tmo * 1000);
          }
        schedule (sim, io, L, L_NET_CMD, m->cpu_step_ns + extra);
      }
      break;

    case L_NET_CMD:
      {
        gint64 bytes = 64 + (leg->in_capsule ? io->size : 0);
        gint64 dur = link_send (sim, &sim->link_tx, bytes) + m->rdma_one_way_ns;

        s = REC (L, sim->fabric_tcp ? "net.tcp_capsule" : "net.cmd_capsule", IOP_PLACE_NETWORK, -1, NULL, dur,
                    scratch (sim, g_strdup_printf (_("Command capsule to storage node %c"), replica)),
                    g_strdup_printf (sim->fabric_tcp
                                     ? _("The 72-byte command capsule PDU%s crosses the TCP connection (%" PRId64 " Gbit/s, %" PRId64 " ns one way).")
                                     : _("RDMA SEND of the 64-byte command%s over the fabric (%" PRId64 " Gbit/s, %" PRId64 " ns one way)."),
                                     leg->in_capsule ? _(" with the payload in capsule") : "", m->link_gbit, m->rdma_one_way_ns));
        if (sim->faults_on && !link_up (sim, (guint)L, (guint)leg->path, sim->now))
          {
            REC (L, "net.lost", IOP_PLACE_NETWORK, -1, NULL, 0,
                 scratch (sim, g_strdup_printf (_("The capsule is lost on path %d"), leg->path)),
                 g_strdup_printf (_("The link of this path is down: the SEND gets no acknowledgement and the NIC retransmits it every %s, %" PRId64 " times in all, before it reports an error."),
                                  scratch (sim, secs (sim->per_try_ns)), K (sim, B, "bdev_nvme_set_options.transport_retry_count") + 1));
            io->late = TRUE;
            strand (sim, io, leg, L_T_RECV);
            break;
          }
        schedule (sim, io, L, L_T_RECV, dur);
      }
      break;

    case L_T_RECV:
      {
        gint64 before = st->target_reqs->level;

        if (!leg->granted && !slot_get (st->target_reqs))
          {
            park (st->target_reqs, io, L, L_T_RECV);
            return;
          }
        leg->granted = FALSE;
        if (leg->tgt_visits++ > 0)
          io->live++;   /* a retried command: this visit releases its own target request */
        sh->ctr.target_reqs_max = MAX (sh->ctr.target_reqs_max, st->target_reqs->capacity - st->target_reqs->level);
        if (sim->fabric_tcp)
          s = REC (L, "nvmf_tcp.recv", IOP_PLACE_STORAGE, leg->node, st, m->poll_loop_ns / 2,
                   _("TCP target reads the command PDU"),
                   g_strdup_printf (_("%s's nvmf_TCP poller reads the capsule from the socket and takes a tcp_req of the qpair (%" PRId64 " of %" PRId64 " left)."),
                                    st->t->name, st->target_reqs->level, st->target_reqs->capacity));
        else
        s = REC (L, "nvmf_rdma.recv", IOP_PLACE_STORAGE, leg->node, st, m->poll_loop_ns / 2,
                    _("RDMA target receives the command"),
                    g_strdup_printf (_("%s's poller reaps the RECV completion from the shared receive queue and takes an nvmf_rdma_request of the qpair (%" PRId64 " of %" PRId64 " left)."),
                                     st->t->name, st->target_reqs->level, st->target_reqs->capacity));
        leg->o_tgt_req = OBJ (s, io, L, sim->fabric_tcp ? "nvmf_tcp_req" : "nvmf_rdma_request",
                              sim->fabric_tcp ? _("TCP target request") : _("RDMA target request"), st->target_reqs, before,
                                    _("qpair request array"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        KNOB (s, S, "nvmf_create_transport.max_queue_depth",
              g_strdup_printf (_("%" PRId64 " requests per qpair"), st->target_reqs->capacity));
        if (!sim->fabric_tcp)
          KNOB (s, S, "nvmf_create_transport.max_srq_depth", g_strdup (_("receive entries shared by the poll group's qpairs")));
        schedule (sim, io, L, L_T_GETBUF, m->poll_loop_ns / 2);
      }
      break;

    case L_T_GETBUF:
      if (leg->buf.needed == 0 && leg->buf.got == 0 && !leg->granted && leg->in_capsule)
        {
          s = REC (L, sim->fabric_tcp ? "nvmf_tcp.get_buffers" : "nvmf_rdma.get_buffers", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
                   _("In-capsule data: no transport buffer"),
                   g_strdup_printf (sim->fabric_tcp
                                    ? _("The %s payload arrived inside the command PDU, into the request's own in-capsule buffer: the target takes no iobuf buffer and sends no R2T.")
                                    : _("The %s payload arrived in the capsule's own receive buffer, so the target takes no iobuf buffer and needs no RDMA READ."),
                                    size_str (io->size, sz, sizeof sz)));
          KNOB (s, S, "nvmf_create_transport.in_capsule_data_size", g_strdup_printf (_("%" PRId64 " bytes: this write fits"), sim->icd));
          schedule (sim, io, L, L_T_EXEC, m->cpu_step_ns);
          return;
        }
      if (!take_buffers (sim, io, L, L_T_GETBUF, sh, st, &leg->buf, &leg->granted,
                         sim->rdma_polls_for_buffers, sim->fabric_tcp ? "nvmf_tcp" : "nvmf_rdma"))
        return;
      schedule (sim, io, L, rd ? L_T_EXEC : (sim->fabric_tcp ? L_NET_R2T : L_NET_RDMA_READ), m->cpu_step_ns);
      break;

    case L_NET_RDMA_READ:
      {
        gint64 dur;

        /* the READ request travels one way, the data comes back through the
         * host's transmit side */
        sim->now += m->rdma_one_way_ns;
        dur = link_send (sim, &sim->link_tx, io->size) + 2 * m->rdma_one_way_ns;
        sim->now -= m->rdma_one_way_ns;

        s = REC (L, "net.rdma_read", IOP_PLACE_NETWORK, -1, NULL, dur,
                    _("Target pulls the payload (RDMA READ)"),
                    g_strdup_printf (_("The target posts an RDMA READ work request for %s from the host's buffer described by the keyed SGL: one round trip plus the transfer."),
                                     size_str (io->size, sz, sizeof sz)));
        leg->o_data_wr = OBJ (s, io, L, "rdma_data_wr", _("RDMA READ work request"), NULL, 0, _("data WR pool"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        KNOB (s, S, "nvmf_create_transport.data_wr_pool_size", g_strdup (_("work requests for data transfers")));
        schedule (sim, io, L, L_T_EXEC, dur);
      }
      break;

    case L_T_EXEC:
      s = REC (L, "nvmf.exec", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
                  _("NVMf core on the storage node"),
                  g_strdup_printf (_("The data is in place (%s); spdk_nvmf_request_exec dispatches the I/O to the lvol's namespace."),
                                   rd ? _("buffers ready for the read") : leg->in_capsule ? _("in capsule") : _("RDMA READ completed")));
      obj_free (sim, s, &leg->o_data_wr, NULL, 0);
      schedule (sim, io, L, L_T_BDEV, m->cpu_step_ns);
      break;

    case L_T_BDEV:
      REC (L, "nvmf.bdev_rw", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
              rd ? _("Read becomes a bdev read on the lvol") : _("Write becomes a bdev write on the lvol"),
              g_strdup (_("The command is translated into a bdev I/O on the lvol bdev, with the transport buffers as its iovecs.")));
      schedule (sim, io, L, L_T_GETIO, m->cpu_step_ns);
      break;

    case L_T_GETIO:
      {
        gint64 before_c = st->bdev_io_cache->level, before_p = sh->bdev_io_pool->level;
        BdevIoResult r;

        if (leg->granted)
          r = BDEV_IO_CACHE, leg->granted = FALSE;
        else if ((r = bdev_io_get (sh, st)) == BDEV_IO_NONE)
          {
            s = REC (L, "bdev.io_wait", IOP_PLACE_STORAGE, leg->node, st, 0, _("No bdev_io: wait"),
                        g_strdup (_("The thread's cache and the mempool are empty; the request waits on io_wait.")));
            if (s) s->waited = TRUE;
            park_queue (&st->io_wait, io, L, L_T_GETIO);
            return;
          }
        s = REC (L, "bdev.get_io", IOP_PLACE_STORAGE, leg->node, st,
                    r == BDEV_IO_CACHE ? m->cpu_bdev_io_ns : m->cpu_mempool_ns,
                    _("Allocate the bdev_io (lvol)"), bdev_io_from (r, st, sh));
        leg->o_lvol_io = OBJ (s, io, L, "bdev_io", _("bdev_io (lvol)"),
                                    r == BDEV_IO_CACHE ? st->bdev_io_cache : sh->bdev_io_pool, r == BDEV_IO_CACHE ? before_c : before_p,
                                    r == BDEV_IO_CACHE ? _("per-thread cache") : _("global mempool"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        KNOB (s, S, "bdev_set_options.bdev_io_cache_size",
              g_strdup_printf (_("%" PRId64 " bdev_io cached on this thread"), st->bdev_io_cache->capacity));
        KNOB (s, S, "bdev_set_options.bdev_io_pool_size", g_strdup (_("the storage node's own mempool")));
        schedule (sim, io, L, L_T_SUBMIT, m->cpu_step_ns);
      }
      break;

    case L_T_SUBMIT:
      REC (L, "bdev.submit", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("Submit to the lvol module"),
              g_strdup (_("bdev_io_submit hands the bdev_io to the lvol vbdev on the same thread.")));
      schedule (sim, io, L, L_LVOL, m->cpu_step_ns);
      break;

    case L_LVOL:
      REC (L, "lvol.submit", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("lvol turns it into a blob I/O"),
              g_strdup_printf (_("vbdev_lvol_submit_request calls %s on the lvol's blob with this thread's blobstore channel."),
                               rd ? "spdk_blob_io_readv_ext" : "spdk_blob_io_writev_ext"));
      schedule (sim, io, L, L_BLOB, m->cpu_step_ns);
      break;

    case L_BLOB:
      {
        gint64 before = st->blob_reqs->level;

        if (!leg->granted && !slot_get (st->blob_reqs))
          {
            park (st->blob_reqs, io, L, L_BLOB);
            return;
          }
        leg->granted = FALSE;
        leg->alloc_cluster = !rd && sim->sc->lvol_thin && io->first_write;
        s = REC (L, "blob.rw", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
                    _("Blobstore maps the LBA to a cluster"),
                    g_strdup_printf (_("A request set is taken from the channel (%" PRId64 " of %d left); the offset falls in a %s cluster%s."),
                                     st->blob_reqs->level, BLOB_MAX_CHANNEL_OPS, size_str (sim->sc->lvol_cluster_size, sz, sizeof sz),
                                     leg->alloc_cluster ? _(" that this thin lvol has not allocated yet") : _(" already allocated")));
        leg->o_blob_req = OBJ (s, io, L, "bs_request_set", _("blob request set"), st->blob_reqs, before,
                                     _("blobstore channel"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        schedule (sim, io, L, leg->alloc_cluster ? L_BLOB_ALLOC : L_BLOB_DEV, m->cpu_step_ns);
      }
      break;

    case L_BLOB_ALLOC:
      s = REC (L, "blob.alloc_cluster", IOP_PLACE_STORAGE, leg->node, st, m->media_write_ns,
                  _("First write: allocate the cluster"),
                  g_strdup_printf (_("The thin lvol claims a free %s cluster, and the blob's metadata is persisted before the data write proceeds: one extra metadata write on the device."),
                                   size_str (sim->sc->lvol_cluster_size, sz, sizeof sz)));
      schedule (sim, io, L, L_BLOB_DEV, m->media_write_ns + m->cpu_step_ns);
      break;

    case L_BLOB_DEV:
      {
        gint64 before = st->bdev_io_cache->level;
        BdevIoResult r;

        if (leg->granted)
          r = BDEV_IO_CACHE, leg->granted = FALSE;
        else if ((r = bdev_io_get (sh, st)) == BDEV_IO_NONE)
          {
            park_queue (&st->io_wait, io, L, L_BLOB_DEV);
            return;
          }
        s = REC (L, "blob.dev_io", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
                    _("Blobstore issues the device I/O"),
                    g_strdup_printf (_("The request goes to the blobstore's bs_dev, the NVMe bdev below: another bdev_io, %s."),
                                     r == BDEV_IO_CACHE ? _("from the same per-thread cache") : _("from the mempool")));
        leg->o_nvme_io = OBJ (s, io, L, "bdev_io", _("bdev_io (NVMe bdev)"),
                                    r == BDEV_IO_CACHE ? st->bdev_io_cache : sh->bdev_io_pool, before,
                                    r == BDEV_IO_CACHE ? _("per-thread cache") : _("global mempool"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        schedule (sim, io, L, sim->malloc_backend ? L_MALLOC : L_S_NVME_SUBMIT, m->cpu_step_ns);
      }
      break;

    case L_S_NVME_SUBMIT:
      REC (L, "nvme.submit", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("bdev_nvme submits to the local SSD"),
              g_strdup (_("The NVMe bdev builds the command for this thread's PCIe I/O qpair.")));
      schedule (sim, io, L, L_S_NS_CMD, m->cpu_step_ns);
      break;

    case L_S_NS_CMD:
      {
        gint64 before = leg->sq->nvme_reqs->level;

        if (!leg->granted && !slot_get (leg->sq->nvme_reqs))
          {
            park (leg->sq->nvme_reqs, io, L, L_S_NS_CMD);
            return;
          }
        leg->granted = FALSE;
        s = REC (L, "nvme.ns_cmd", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("NVMe driver takes an nvme_request"),
                    g_strdup_printf (_("From the PCIe qpair's free list (%" PRId64 " of %" PRId64 " left)."),
                                     leg->sq->nvme_reqs->level, leg->sq->nvme_reqs->capacity));
        leg->o_s_nvme_req = OBJ (s, io, L, "nvme_request", _("nvme_request (PCIe)"), leg->sq->nvme_reqs, before,
                                       _("qpair free list"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        KNOB (s, S, "bdev_nvme_set_options.io_queue_requests",
              g_strdup_printf (_("the qpair has %" PRId64 " requests"), leg->sq->nvme_reqs->capacity));
        schedule (sim, io, L, L_PCIE, m->cpu_step_ns);
      }
      break;

    case L_PCIE:
      {
        gint64 before = leg->sq->wire_slots->level;
        gboolean batch = sim->delay_submit[S];
        gint64 extra = batch ? m->doorbell_batch_ns : 0;

        if (!leg->granted && !slot_get (leg->sq->wire_slots))
          {
            park (leg->sq->wire_slots, io, L, L_PCIE);
            return;
          }
        leg->granted = FALSE;
        s = REC (L, "nvme_pcie.submit", IOP_PLACE_STORAGE, leg->node, st, m->pcie_ns + extra,
                    _("PCIe submission and doorbell"),
                    g_strdup_printf (_("A tracker (%" PRId64 " of %" PRId64 " left) holds the command's PRP list; the entry is copied into the SQ and the doorbell rung%s."),
                                     leg->sq->wire_slots->level, leg->sq->wire_slots->capacity,
                                     batch ? _(" at the end of the poller's pass (delay_cmd_submit)") : ""));
        leg->o_tracker = OBJ (s, io, L, "nvme_tracker", _("PCIe tracker + SQ entry"), leg->sq->wire_slots, before,
                                    _("qpair trackers"), 1, 0, IOP_PLACE_STORAGE, leg->node);
        KNOB (s, S, "bdev_nvme_set_options.delay_cmd_submit", g_strdup (batch ? _("doorbell batched") : _("doorbell rung at once")));
        schedule (sim, io, L, L_MEDIA, m->pcie_ns + extra);
      }
      break;

    case L_MEDIA:
      {
        gint64 xfer = io->size * 8 / MAX (m->ssd_gbit, 1);
        gint64 start = MAX (sim->now, sh->ssd_busy);
        gint64 dur;

        /* the SSD moves data at its own rate, one transfer after another */
        sh->ssd_busy = start + xfer;
        dur = (start - sim->now) + xfer + (rd ? m->media_read_ns : m->media_write_ns);
        if (sim->faults_on)
          {
            gint64 until;
            if (stalled_at (sim, (guint)L, sim->now, &until))
              {
                io->late = TRUE;
                s = REC (L, "media.stall", IOP_PLACE_STORAGE, leg->node, NULL, until - sim->now,
                         _("The SSD stalls the command"),
                         g_strdup_printf (_("The SSD of storage node %c has stopped completing commands: this one stays on the device until %s. Nothing on the path fails; everything above waits."),
                                          replica, scratch (sim, secs (until))));
                schedule (sim, io, L, L_S_POLL, until - sim->now + dur);
                break;
              }
          }

        REC (L, "media", IOP_PLACE_STORAGE, leg->node, NULL, dur, _("The SSD does the work"),
                g_strdup_printf (_("The controller fetches the command, moves %s by DMA straight %s the transport's buffers and posts a completion entry (%" PRId64 " µs assumed)."),
                                 size_str (io->size, sz, sizeof sz), rd ? _("into") : _("from"), dur / 1000));
        schedule (sim, io, L, L_S_POLL, dur);
      }
      break;

    case L_S_POLL:
      {
        gint64 period = sim->ioq_period_ns[S];
        gint64 wait = period > 0 ? period / 2 : m->poll_loop_ns / 2;
        gint64 before = leg->sq->wire_slots->level;

        slot_put (sim, leg->sq->wire_slots);
        s = REC (L, "nvme.poll", IOP_PLACE_STORAGE, leg->node, st, wait,
                    _("Completion reaped from the SSD"),
                    g_strdup_printf (_("bdev_nvme_poll on %s finds the completion entry %s; the tracker is free again."),
                                     st->t->name, period > 0 ? _("when its timed poller next runs") : _("on its next pass")));
        obj_free (sim, s, &leg->o_tracker, leg->sq->wire_slots, before);
        KNOB (s, S, "bdev_nvme_set_options.nvme_ioq_poll_period_us",
              g_strdup_printf (period > 0 ? _("polled every %" PRId64 " µs: about half a period of extra latency") : _("%" PRId64 ": polled on every reactor pass"), period / 1000));
        schedule (sim, io, L, L_S_NVME_COMPLETE, wait);
      }
      break;

    case L_S_NVME_COMPLETE:
      {
        gint64 before = leg->sq->nvme_reqs->level;

        slot_put (sim, leg->sq->nvme_reqs);
        s = REC (L, "nvme.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("NVMe status to bdev status"),
                    g_strdup (_("bdev_nvme turns the NVMe status into a bdev status and frees the nvme_request.")));
        obj_free (sim, s, &leg->o_s_nvme_req, leg->sq->nvme_reqs, before);
        schedule (sim, io, L, L_BLOB_COMPLETE, m->cpu_step_ns);
      }
      break;

    case L_BLOB_COMPLETE:
      {
        gint64 before = st->bdev_io_cache->level, before_b;

        bdev_io_put (sim, sh, st);
        before_b = st->blob_reqs->level;
        slot_put (sim, st->blob_reqs);
        s = REC (L, "blob.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("Blob request completes"),
                    g_strdup (_("The blobstore frees the NVMe bdev's bdev_io and its request set, and calls the lvol back.")));
        obj_free (sim, s, &leg->o_nvme_io, st->bdev_io_cache, before);
        obj_free (sim, s, &leg->o_blob_req, st->blob_reqs, before_b);
        schedule (sim, io, L, L_T_BDEV_COMPLETE, m->cpu_step_ns);
      }
      break;

    case L_T_BDEV_COMPLETE:
      REC (L, "bdev.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("lvol bdev_io completes"),
              g_strdup (_("spdk_bdev_io_complete on the lvol bdev_io calls the NVMf target back.")));
      schedule (sim, io, L, L_T_NVMF_COMPLETE, m->cpu_step_ns);
      break;

    case L_T_NVMF_COMPLETE:
      {
        gint64 before = st->bdev_io_cache->level;

        bdev_io_put (sim, sh, st);
        s = REC (L, "nvmf.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("NVMf completes on the storage node"),
                    g_strdup (_("nvmf_bdev_ctrlr_complete_cmd fills the completion and frees the lvol bdev_io to this thread's cache.")));
        obj_free (sim, s, &leg->o_lvol_io, st->bdev_io_cache, before);
        schedule (sim, io, L, L_T_COMPLETE, m->cpu_step_ns);
      }
      break;

    case L_T_COMPLETE:
      if (sim->fabric_tcp)
        REC (L, "nvmf_tcp.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
             rd ? _("Target sends C2H data") : _("Target sends the response"),
             g_strdup (rd ? _("The read data goes back in C2H DATA PDUs; with c2h_success on, the last one carries the success flag and no response capsule follows.")
                          : _("The target writes a capsule response PDU to the socket.")));
      else
        REC (L, "nvmf_rdma.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
             rd ? _("Target sends the data and the response") : _("Target sends the response"),
             g_strdup (rd ? _("The request state machine posts an RDMA WRITE of the data into the host's buffer, chained with the SEND of the response capsule.")
                          : _("The request state machine posts the SEND of the response capsule.")));
      schedule (sim, io, L, rd ? L_NET_RDMA_WRITE : L_NET_RESP, m->cpu_step_ns);
      break;

    case L_NET_RDMA_WRITE:
      if (sim->fabric_tcp)
        {
          gint64 sent = link_send (sim, &sim->link_rx, io->size + 24);

          REC (L, "net.c2h_data", IOP_PLACE_NETWORK, -1, NULL, sent + m->rdma_one_way_ns, _("C2H data and status to the host"),
               g_strdup_printf (_("%s reach the host in C2H DATA PDUs, the last one flagged as the successful completion."),
                                size_str (io->size, sz, sizeof sz)));
          schedule (sim, io, L, L_B_POLL, sent + m->rdma_one_way_ns);
          schedule (sim, io, L, L_T_RELEASE, sent);
          return;
        }
      {
        gint64 dur = link_send (sim, &sim->link_rx, io->size);

        REC (L, "net.rdma_write", IOP_PLACE_NETWORK, -1, NULL, dur, _("Read data to the host (RDMA WRITE)"),
                g_strdup_printf (_("%s flow from the target's buffers into the guest-visible buffer on the host; no CPU on the host touches them."),
                                 size_str (io->size, sz, sizeof sz)));
        schedule (sim, io, L, L_NET_RESP, dur);
      }
      break;

    case L_NET_RESP:
      if (sim->fabric_tcp)
        {
          gint64 sent = link_send (sim, &sim->link_rx, 24);

          REC (L, "net.tcp_resp", IOP_PLACE_NETWORK, -1, NULL, sent + m->rdma_one_way_ns,
               scratch (sim, g_strdup_printf (_("Response PDU from node %c"), replica)),
               g_strdup (_("The capsule response PDU carries the 16-byte completion back; the target frees the request once the socket has taken it.")));
          schedule (sim, io, L, L_B_POLL, sent + m->rdma_one_way_ns);
          schedule (sim, io, L, L_T_RELEASE, sent);
          return;
        }
      {
        gint64 dur = m->rdma_one_way_ns + wire_ns (sim, 16);

        REC (L, "net.resp_capsule", IOP_PLACE_NETWORK, -1, NULL, dur,
                scratch (sim, g_strdup_printf (_("Response capsule from node %c"), replica)),
                g_strdup (_("The 16-byte completion travels back in a SEND to the host's receive buffer.")));
        schedule (sim, io, L, L_T_RELEASE, 2 * m->rdma_one_way_ns);
        if (leg->zombie)
          {
            /* the host gave this command up: nothing waits for the answer */
            leg->zombie = FALSE;
            break;
          }
        if (sim->faults_on)
          {
            Ctrlr *c = ctrlr_of (sim, (guint)L, leg->path);
            if (!link_up (sim, (guint)L, (guint)leg->path, sim->now) || !c->qpair_up || leg->attempt != c->epoch)
              {
                io->late = TRUE;
                strand (sim, io, leg, L_B_POLL);
                break;
              }
          }
        schedule (sim, io, L, L_B_POLL, dur);
      }
      break;

    case L_T_RELEASE:
      {
        gint64 before = st->transport.cache[leg->buf.cls]->level;
        gint64 before_r;

        for (guint i = 0; i < leg->buf.got; i++)
          iobuf_put (sim, &st->transport, leg->buf.cls);
        before_r = st->target_reqs->level;
        slot_put (sim, st->target_reqs);
        if (sim->fabric_tcp)
          s = REC (L, "nvmf_tcp.release", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
                   _("PDU sent: buffers and request freed"),
                   g_strdup_printf (_("The socket took the last PDU: %u buffer(s) go back to the poll group's nvmf_TCP cache (or to a waiter on this thread first) and the tcp_req to its qpair."),
                                    leg->buf.got));
        else
          s = REC (L, "nvmf_rdma.release", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns,
                   _("SEND acknowledged: buffers and request freed"),
                   g_strdup_printf (_("The SEND completion shows the host has the response: %u buffer(s) go back to the poll group's cache (or to a waiter on this thread first) and the request to its qpair."),
                                    leg->buf.got));
        obj_free (sim, s, &leg->buf.obj, st->transport.cache[leg->buf.cls], before);
        obj_free (sim, s, &leg->o_tgt_req, st->target_reqs, before_r);
        leg->buf.got = leg->buf.needed = 0;
        io_unref (sim, io);
      }
      break;

    case L_B_POLL:
      if (leg->zombie)
        {
          leg->zombie = FALSE;
          break;
        }
      {
        gint64 period = sim->ioq_period_ns[B];
        gint64 wait = period > 0 ? period / 2 : m->poll_loop_ns / 2;

        s = REC (L, sim->fabric_tcp ? "nvme_tcp.poll" : "nvme.poll", IOP_PLACE_BAREMETAL, -1, bt, wait,
                 scratch (sim, g_strdup_printf (_("Host reaps replica %c's response"), replica)),
                 g_strdup_printf (sim->fabric_tcp ? _("bdev_nvme_poll on %s lets the TCP poll group read its sockets and finds the response PDU.")
                                                  : _("bdev_nvme_poll on %s polls the RDMA poll group's completion queue and finds the RECV of the response."), bt->t->name));
        KNOB (s, B, "bdev_nvme_set_options.nvme_ioq_poll_period_us",
              g_strdup_printf (period > 0 ? _("polled every %" PRId64 " µs: about half a period of extra latency") : _("%" PRId64 ": polled on every reactor pass"), period / 1000));
        schedule (sim, io, L, L_B_RDMA_COMPLETE, wait);
      }
      break;

    case L_B_RDMA_COMPLETE:
      {
        gint64 before = leg->bq->wire_slots->level;

        slot_put (sim, leg->bq->wire_slots);
        leg->on_wire = FALSE;
        if (sim->fabric_tcp)
          s = REC (L, "nvme_tcp.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("TCP request freed"),
                   g_strdup (_("The response PDU names its command id; the tcp_req is free again (a queued request would go out now).")));
        else
        s = REC (L, "nvme_rdma.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("RDMA request freed"),
                    g_strdup (_("The response matches its rdma_req by command id; the slot is free again (a queued request would be sent now).")));
        obj_free (sim, s, &leg->o_rdma_req, leg->bq->wire_slots, before);
        schedule (sim, io, L, L_B_NVME_COMPLETE, m->cpu_step_ns);
      }
      break;

    case L_B_NVME_COMPLETE:
      {
        gint64 before = leg->bq->nvme_reqs->level;

        slot_put (sim, leg->bq->nvme_reqs);
        s = REC (L, "nvme.complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("NVMe status to bdev status"),
                    g_strdup (_("bdev_nvme frees the nvme_request and completes the child bdev_io towards RAID1.")));
        obj_free (sim, s, &leg->o_nvme_req, leg->bq->nvme_reqs, before);
        schedule (sim, io, L, L_RAID_PART, m->cpu_step_ns);
      }
      break;

    case L_RAID_PART:
      {
        gint64 before = bt->bdev_io_cache->level;

        bdev_io_put (sim, bm, bt);
        io->legs_done++;
        if (rd)
          bt->read_blocks_outstanding[L] -= io->size / sim->sc->block_size;
        s = REC (L, rd ? "raid1.read_complete" : "raid1.write_complete", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                    rd ? _("Replica read done") : scratch (sim, g_strdup_printf (_("Replica %c's write done"), replica)),
                    rd ? g_strdup (_("raid1 frees the child bdev_io and completes the RAID I/O."))
                       : g_strdup_printf (_("raid1 frees the child bdev_io; raid_bdev_io_complete_part counts %u of %u legs done%s."),
                                          io->legs_done, io->n_legs, io->legs_done == io->n_legs ? _(": the parent can complete") : _(": the parent waits for the others")));
        obj_free (sim, s, &leg->o_child_io, bt->bdev_io_cache, before);
        if ((rd && io->legs_done == 1) || io->legs_done == io->n_legs)
          {
            if (!rd)
              io->failed = io->legs_failed >= io->n_legs;
            else if (io->traced)
              sim->trace->served_by = L;
            if (rd && io->repair_leg >= 0)
              {
                /* raid1_correct_read_error: the data goes back to the leg
                 * that failed; that write fails too, and the leg is failed */
                s = REC (io->repair_leg, "raid1.read_repair", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                         scratch (sim, g_strdup_printf (_("RAID1 writes the data back to replica %c"), 'A' + io->repair_leg)),
                         g_strdup_printf (_("The read came from replica %c, so raid1_correct_read_error writes it back to replica %c, where it failed. That replica still cannot be reached and the write fails at once: "
                                            "raid_bdev_fail_base_bdev takes it out of the array, and the read completes successfully."),
                                          'A' + L, 'A' + io->repair_leg));
                raid_remove_leg (sim, (guint)io->repair_leg, TRUE);
                io->repair_leg = -1;
              }
            schedule (sim, io, -1, P_BDEV_COMPLETE, m->cpu_step_ns);
          }
      }
      break;

    case L_ABORTED:
      {
        gint64 bw = leg->bq->wire_slots->level, bn = leg->bq->nvme_reqs->level;

        slot_put (sim, leg->bq->wire_slots);
        slot_put (sim, leg->bq->nvme_reqs);
        leg->on_wire = FALSE;
        s = REC (L, "bdev_nvme.abort_retry", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                 scratch (sim, g_strdup_printf (_("Replica %c: command aborted, retried"), replica)),
                 g_strdup_printf (_("The qpair on path %d was deleted with the command still outstanding: it completes as ABORTED - SQ DELETION, a path error. "
                                    "The rdma_req and the nvme_request go back to the qpair, and bdev_nvme_check_retry_io queues the I/O for an immediate retry on whatever path is usable."),
                                  leg->path));
        obj_free (sim, s, &leg->o_rdma_req, leg->bq->wire_slots, bw);
        obj_free (sim, s, &leg->o_nvme_req, leg->bq->nvme_reqs, bn);
        if (leg->dnr)
          {
            leg->dnr = FALSE;
            KNOB (s, B, "bdev_nvme_set_options.action_on_timeout", g_strdup (_("the reset's Do Not Retry: the command fails")));
            schedule (sim, io, L, L_LEG_FAILED, m->cpu_step_ns);
            break;
          }
        if (sim->retry_count == 0)
          {
            /* the retry budget is checked before the kind of error: 0 retries nothing */
            KNOB (s, B, "bdev_nvme_set_options.bdev_retry_count", g_strdup (_("0: nothing is retried, not even a path error: the I/O fails")));
            schedule (sim, io, L, L_LEG_FAILED, m->cpu_step_ns);
            break;
          }
        KNOB (s, B, "bdev_nvme_set_options.bdev_retry_count", g_strdup (_("not counted: an aborted-by-deletion command is a path error")));
        schedule (sim, io, L, L_NVME_SUBMIT, m->cpu_step_ns);
      }
      break;

    case L_LEG_FAILED:
      {
        gint64 before = bt->bdev_io_cache->level;

        bdev_io_put (sim, bm, bt);
        leg->failed = TRUE;
        io->legs_failed++;
        io->late = TRUE;
        if (leg->tgt_visits == 0)
          io_unref (sim, io);   /* the target never took it: its reference ends here */
        if (rd)
          {
            int other = -1;

            bt->read_blocks_outstanding[L] -= io->size / sim->sc->block_size;
            for (guint l = 0; l < io->n_legs; l++)
              if ((int)l != L && !sim->leg_removed[l] && !io->legs[l].failed)
                {
                  other = (int)l;
                  break;
                }
            s = REC (L, "raid1.read_other", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                     other >= 0 ? scratch (sim, g_strdup_printf (_("Read failed on %c: RAID1 reads replica %c"), replica, 'A' + other))
                                : _("Read failed on every replica"),
                     other >= 0
                     ? g_strdup_printf (_("raid1_read_bdev_io_completion sees the failure and raid1_read_other_base_bdev sends the read to replica %c. "
                                          "When it succeeds, raid1_correct_read_error writes the data back to replica %c; with that replica unreachable the write fails too, and replica %c is failed out of the array."),
                                        'A' + other, replica, replica)
                     : g_strdup (_("No other replica is left to read from: the RAID bdev_io completes as FAILED and the guest sees an error.")));
            obj_free (sim, s, &leg->o_child_io, bt->bdev_io_cache, before);
            if (other < 0)
              raid_remove_leg (sim, (guint)L, TRUE);
            else
              io->repair_leg = L;
            if (other >= 0)
              {
                gint64 b2 = bt->bdev_io_cache->level;
                BdevIoResult r = bdev_io_get (bm, bt);

                io->read_leg = other;
                bt->read_blocks_outstanding[other] += io->size / sim->sc->block_size;
                io->legs[other].o_child_io = OBJ (s, io, other, "bdev_io", _("bdev_io (replica read)"),
                                                  r == BDEV_IO_MEMPOOL ? bm->bdev_io_pool : bt->bdev_io_cache, b2,
                                                  r == BDEV_IO_MEMPOOL ? _("global mempool") : _("per-thread cache"), 1, 0, IOP_PLACE_BAREMETAL, -1);
                resnap (sim, s);
                start_leg (sim, io, (guint)other, L_NVME_SUBMIT, m->cpu_step_ns);
              }
            else
              {
                io->failed = TRUE;
                schedule (sim, io, -1, P_BDEV_COMPLETE, m->cpu_step_ns);
              }
            break;
          }
        io->legs_done++;
        s = REC (L, "raid1.write_leg_failed", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns,
                 scratch (sim, g_strdup_printf (_("Replica %c's write failed"), replica)),
                 g_strdup_printf (_("raid1_write_bdev_io_completion gets a failed child write: it fails replica %c's base bdev and counts the part as failed. "
                                    "A RAID1 write starts as FAILED and turns successful as soon as one leg writes it, so the guest still sees success if another replica has the data (%u of %u legs done)."),
                                  replica, io->legs_done, io->n_legs));
        obj_free (sim, s, &leg->o_child_io, bt->bdev_io_cache, before);
        raid_remove_leg (sim, (guint)L, TRUE);
        if (io->legs_done == io->n_legs)
          {
            io->failed = io->legs_failed >= io->n_legs;
            schedule (sim, io, -1, P_BDEV_COMPLETE, m->cpu_step_ns);
          }
      }
      break;

    case L_TIMEOUT:
      {
        Ctrlr *c = ctrlr_of (sim, (guint)L, leg->path);
        gint64 action = sim->timeout_action;

        if (!leg->on_wire || leg->attempt != c->epoch)
          break;
        s = REC (L, "nvme.timeout", IOP_PLACE_BAREMETAL, -1, bt, 0,
                 scratch (sim, g_strdup_printf (_("Replica %c: the command timed out"), replica)),
                 g_strdup_printf (_("The command has been outstanding for timeout_us: the driver calls bdev_nvme's timeout callback, which logs “Warning: Detected a timeout. ctrlr:…,qpair:…,cid:…”. %s"),
                                  action == 0 ? _("action_on_timeout is none: nothing else happens and the command keeps waiting.")
                                  : action == 1 ? _("action_on_timeout is reset: bdev_nvme resets the controller. A reset asked for this way sets dont_retry, so the commands its qpairs still hold are aborted with Do Not Retry and fail instead of being retried.")
                                  : _("action_on_timeout is abort: an Abort command goes to the target. The command is executing on the lvol, which has no abort, so the target answers “not aborted”; bdev_nvme logs “Specified command could not be aborted.” and resets the controller, and as for a reset the command fails with Do Not Retry.")));
        KNOB (s, B, "bdev_nvme_set_options.timeout_us", g_strdup (_("how long a command may be outstanding")));
        KNOB (s, B, "bdev_nvme_set_options.action_on_timeout",
              g_strdup (action == 0 ? _("none: the warning only") : _("the reset it leads to fails the command: under RAID1 the replica is failed out")));
        if (s) s->waited = TRUE;
        diag (sim, IOP_DIAG_WARNING, B, TRUE, "module/bdev/nvme/bdev_nvme.c", "bdev_nvme_set_options.timeout_us",
              g_strdup ("Warning: Detected a timeout. ctrlr:%p,qpair:%p,cid:%u"));
        if (action != 0)
          {
            /* the host gives the command up: its answer, when the SSD sends
             * one, finds no request; the reset aborts it with DNR */
            leg->zombie = TRUE;
            leg->dnr = TRUE;
            start_reset (sim, c, action == 1 ? _("action_on_timeout asked for a reset.") : _("The abort failed, so bdev_nvme resets the controller."));
            schedule (sim, io, L, L_ABORTED, m->cpu_step_ns);
          }
      }
      break;

    case L_NET_R2T:
      REC (L, "net.r2t", IOP_PLACE_NETWORK, -1, NULL, m->rdma_one_way_ns, _("R2T: the target asks for the data"),
           g_strdup (_("With its buffers ready, the target sends a Ready-to-Transfer PDU for the write's range.")));
      schedule (sim, io, L, L_H2C_SEND, m->rdma_one_way_ns + m->poll_loop_ns / 2);
      break;

    case L_H2C_SEND:
      REC (L, "nvme_tcp.h2c", IOP_PLACE_BAREMETAL, -1, bt, m->cpu_step_ns, _("Host answers the R2T with H2C data"),
           g_strdup_printf (_("bdev_nvme's poller on %s reads the R2T and queues H2C DATA PDUs for %s from the guest's buffer."),
                            bt->t->name, size_str (io->size, sz, sizeof sz)));
      schedule (sim, io, L, L_NET_H2C, m->cpu_step_ns);
      break;

    case L_NET_H2C:
      {
        gint64 dur = link_send (sim, &sim->link_tx, io->size + 24) + m->rdma_one_way_ns;

        REC (L, "net.h2c_data", IOP_PLACE_NETWORK, -1, NULL, dur, _("H2C data to the storage node"),
             g_strdup_printf (_("%s cross the TCP connection into the target's transport buffers."), size_str (io->size, sz, sizeof sz)));
        schedule (sim, io, L, L_T_EXEC, dur + m->poll_loop_ns / 2);
      }
      break;

    case L_MALLOC:
      REC (L, "malloc.submit", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("malloc bdev: a memory copy"),
           g_strdup_printf (_("The malloc bdev has no device: it %s its memory with an accel copy task on this thread's accel channel."),
                            rd ? _("copies the data out of") : _("copies the data into")));
      schedule (sim, io, L, L_ACCEL_COPY, m->cpu_step_ns);
      break;

    case L_ACCEL_COPY:
      {
        gint64 copy = io->size * 8 / MAX (m->memcpy_gbit, 1);

        /* the software module copies on this reactor: it is busy meanwhile */
        st->busy_until = MAX (st->busy_until, sim->now) + copy;
        st->busy_ns += copy;
        REC (L, "accel.copy", IOP_PLACE_STORAGE, leg->node, st, copy, _("The CPU copies the data"),
             g_strdup_printf (_("The software accel module copies %s with the CPU of %s (%" PRId64 " ns at %" PRId64 " Gbit/s); the reactor does nothing else meanwhile."),
                              size_str (io->size, sz, sizeof sz), st->t->name, copy, m->memcpy_gbit));
        schedule (sim, io, L, L_MALLOC_DONE, copy + m->poll_loop_ns / 2);
      }
      break;

    case L_MALLOC_DONE:
      REC (L, "malloc.complete", IOP_PLACE_STORAGE, leg->node, st, m->cpu_step_ns, _("malloc bdev I/O done"),
           g_strdup (_("The accel completion poller runs the malloc bdev's callback, which completes its bdev_io towards the blobstore.")));
      schedule (sim, io, L, L_BLOB_COMPLETE, m->cpu_step_ns);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* --- Driver -------------------------------------------------------------- */

static Io *
io_new (Sim *sim, guint id, gboolean traced, int guest_qp)
{
  Io *io;
  guint pg_index;

  if (sim->io_free != NULL && sim->io_free->len > 0)
    {
      io = g_ptr_array_steal_index_fast (sim->io_free, sim->io_free->len - 1);
      memset (io, 0, sizeof *io);
    }
  else
    {
      /* sim->ios owns every I/O made; io_free only lists the ones to reuse */
      io = g_new0 (Io, 1);
      g_ptr_array_add (sim->ios, io);
    }
  io->live = 1;
  io->first_write = traced && sim->sc->first_write_to_cluster;

  io->id = id;
  io->traced = traced;
  io->op = sim->sc->op;
  io->size = sim->sc->io_size;
  io->guest_qp = guest_qp;
  io->read_leg = -1;
  io->repair_leg = -1;
  io->o_vfu_req = io->o_bdev_io = io->o_bdev_buf = -1;
  io->fbuf.obj = -1;
  pg_index = (guint)guest_qp % MAX (sim->topo->hosts[IOP_HOST_BAREMETAL].n_poll_groups, 1);
  io->bt = host_pg (&sim->bm, pg_index);
  io->n_legs = sim->sc->raid_legs;
  for (guint l = 0; l < io->n_legs; l++)
    {
      Leg *leg = &io->legs[l];
      guint ctrl = l * sim->sc->paths_per_leg; /* active-passive: the first path */
      guint conn = pg_index * sim->topo->hosts[IOP_HOST_BAREMETAL].n_controllers + ctrl;

      leg->idx = (int)l;
      leg->node = sim->n_st > 1 ? (int)l : 0;
      leg->bq = &io->bt->qpairs[ctrl];
      /* The target assigns each new qpair to its poll groups in turn */
      leg->st = host_pg (&sim->st[leg->node], conn);
      leg->sq = &leg->st->qpairs[0];
      leg->o_child_io = leg->o_nvme_req = leg->o_rdma_req = leg->o_tgt_req = leg->buf.obj = leg->o_data_wr = -1;
      leg->held_since = -1;
      leg->o_lvol_io = leg->o_blob_req = leg->o_nvme_io = leg->o_s_nvme_req = leg->o_tracker = -1;
    }
  return io;
}

static void
follow_thread (Sim *sim, HostState *hs, ThreadState *ts, Leg *leg, gboolean bm_side)
{
  g_autofree char *k1 = g_strdup_printf ("%s/%s/bdev_io.cache", hs->tag, ts->t->name);
  IopPlace pl = hs->place;

  follow (sim, ts->bdev_io_cache, pl, hs->node, k1, _("bdev_io cache"), ts->t->name, IOP_GAUGE_CACHE, "bdev_set_options.bdev_io_cache_size");
  if (!bm_side || sim->front_tcp)
    for (guint c = 0; c < 2; c++)
        if (ts->transport.cache[c]->capacity > 0)
          {
            g_autofree char *k = g_strdup_printf ("%s/%s/%s.%s", hs->tag, ts->t->name, ts->transport.module, c == SMALL ? "small" : "large");
            g_autofree char *label = g_strdup_printf (c == SMALL ? _("%s small cache") : _("%s large cache"), ts->transport.module);
            follow (sim, ts->transport.cache[c], pl, hs->node, k, label, ts->t->name, IOP_GAUGE_CACHE,
                    sim->sc->version == IOP_SPDK_V26_01 ? "nvmf_create_transport.buf_cache_size"
                    : c == SMALL ? "nvmf_create_transport.iobuf_small_cache_size" : "nvmf_create_transport.iobuf_large_cache_size");
          }
  if (!bm_side)
    {
      {
        g_autofree char *k2 = g_strdup_printf ("%s/%s/target_reqs", hs->tag, ts->t->name);
        g_autofree char *k3 = g_strdup_printf ("%s/%s/blob_reqs", hs->tag, ts->t->name);
        g_autofree char *k4 = g_strdup_printf ("%s/%s/pcie.nvme_reqs", hs->tag, ts->t->name);
        g_autofree char *k5 = g_strdup_printf ("%s/%s/pcie.trackers", hs->tag, ts->t->name);
        follow (sim, ts->target_reqs, pl, hs->node, k2, sim->fabric_tcp ? _("TCP target requests") : _("RDMA target requests"),
                ts->t->name, IOP_GAUGE_SLOTS, "nvmf_create_transport.max_queue_depth");
        follow (sim, ts->blob_reqs, pl, hs->node, k3, _("blob request sets"), ts->t->name, IOP_GAUGE_SLOTS, NULL);
        if (!sim->malloc_backend)
          {
            follow (sim, leg->sq->nvme_reqs, pl, hs->node, k4, _("PCIe nvme_requests"), ts->t->name, IOP_GAUGE_SLOTS, "bdev_nvme_set_options.io_queue_requests");
            follow (sim, leg->sq->wire_slots, pl, hs->node, k5, _("PCIe trackers"), ts->t->name, IOP_GAUGE_SLOTS, NULL);
          }
      }
    }
}

static void
follow_gauges (Sim *sim, Io *io)
{
  HostState *hosts[1 + MAX_LEGS];
  guint nh = 0;

  hosts[nh++] = &sim->bm;
  for (guint i = 0; i < sim->n_st; i++)
    hosts[nh++] = &sim->st[i];
  for (guint i = 0; i < nh; i++)
    {
      HostState *hs = hosts[i];
      g_autofree char *ks = g_strdup_printf ("%s/iobuf.small", hs->tag);
      g_autofree char *kl = g_strdup_printf ("%s/iobuf.large", hs->tag);
      g_autofree char *kp = g_strdup_printf ("%s/bdev_io.mempool", hs->tag);

      follow (sim, hs->central[SMALL], hs->place, hs->node, ks, _("iobuf small pool"), NULL, IOP_GAUGE_CENTRAL, "iobuf_set_options.small_pool_count");
      follow (sim, hs->central[LARGE], hs->place, hs->node, kl, _("iobuf large pool"), NULL, IOP_GAUGE_CENTRAL, "iobuf_set_options.large_pool_count");
      follow (sim, hs->bdev_io_pool, hs->place, hs->node, kp, _("bdev_io mempool"), NULL, IOP_GAUGE_MEMPOOL, "bdev_set_options.bdev_io_pool_size");
    }
  {
    g_autofree char *kq = g_strdup_printf ("baremetal/guest_qp%d/vfu_reqs", io->guest_qp);
    follow (sim, sim->guest_sqs[io->guest_qp], IOP_PLACE_BAREMETAL, -1, kq,
            sim->front_tcp ? _("TCP requests (guest queue pair)") : _("VFIO-user SQ requests"),
            io->bt->t->name, IOP_GAUGE_SLOTS, "nvmf_create_transport.max_queue_depth");
  }
  follow_thread (sim, &sim->bm, io->bt, NULL, TRUE);
  for (guint l = 0; l < io->n_legs; l++)
    {
      Leg *leg = &io->legs[l];
      char replica = 'A' + l;
      g_autofree char *k1 = g_strdup_printf ("baremetal/%s/ctrlr%u/nvme_reqs", io->bt->t->name, l);
      g_autofree char *k2 = g_strdup_printf ("baremetal/%s/ctrlr%u/rdma_reqs", io->bt->t->name, l);
      g_autofree char *lb1 = g_strdup_printf (_("nvme_requests → %c"), replica);
      g_autofree char *lb2 = g_strdup_printf (sim->fabric_tcp ? _("TCP requests → %c") : _("RDMA requests → %c"), replica);

      follow (sim, leg->bq->nvme_reqs, IOP_PLACE_BAREMETAL, -1, k1, lb1, io->bt->t->name, IOP_GAUGE_SLOTS, "bdev_nvme_set_options.io_queue_requests");
      follow (sim, leg->bq->wire_slots, IOP_PLACE_BAREMETAL, -1, k2, lb2, io->bt->t->name, IOP_GAUGE_SLOTS, "nvmf_create_transport.max_queue_depth");
      follow_thread (sim, leg_host (sim, leg), leg->st, leg, FALSE);
    }
}

static void
collect_stats (Sim *sim, HostState *hs)
{
  IobufChan *(chans[3]);

  for (guint m = 0; m < 3; m++)
    {
      IopIobufStats *st = NULL;

      for (guint i = 0; i < hs->threads->len; i++)
        {
          ThreadState *ts = g_ptr_array_index (hs->threads, i);
          IobufChan *ch;

          chans[0] = &ts->bdev;
          chans[1] = &ts->accel;
          chans[2] = &ts->transport;
          ch = chans[m];
          if (ch->module == NULL)
            continue;
          if (st == NULL)
            {
              st = g_new0 (IopIobufStats, 1);
              st->place = hs->place;
              st->node = hs->node;
              st->module = g_strdup (ch->module);
            }
          st->small_cache += ch->stats_cache[SMALL];
          st->small_main += ch->stats_main[SMALL];
          st->small_retry += ch->stats_retry[SMALL];
          st->large_cache += ch->stats_cache[LARGE];
          st->large_main += ch->stats_main[LARGE];
          st->large_retry += ch->stats_retry[LARGE];
        }
      if (st != NULL)
        g_ptr_array_add (sim->trace->iobuf_stats, st);
    }
}

static void
sim_free (Sim *sim)
{
  host_clear (&sim->bm);
  for (guint i = 0; i < sim->n_st; i++)
    host_clear (&sim->st[i]);
  g_free (sim->st);
  g_free (sim->guest_sqs);
  g_free (sim->heap);
  g_ptr_array_unref (sim->ios);
  g_clear_pointer (&sim->io_free, g_ptr_array_unref);
  g_ptr_array_unref (sim->res);
  g_ptr_array_unref (sim->scratch);
  faults_free (sim);
}

/* Pools, caches and channels as SPDK makes them at start-up, after the checks
 * SPDK makes on the knobs. TRACE receives the diagnostics. */
static gboolean
sim_setup (Sim         *sim,
           IopTrace    *trace,
           guint        n_guest_qp,
           GError     **error)
{
  IopHostId B = IOP_HOST_BAREMETAL, S = IOP_HOST_STORAGE;
  gboolean ok = TRUE;

  sim->sc = trace->scenario;
  sim->topo = iop_topology_new (sim->sc);
  trace->topology = sim->topo;
  sim->trace = trace;
  sim->heap = NULL;
  sim->ios = g_ptr_array_new_with_free_func (g_free);
  sim->res = g_ptr_array_new_with_free_func (res_free);
  sim->scratch = g_ptr_array_new_with_free_func (g_free);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      sim->small_bufsize[h] = K (sim, h, "iobuf_set_options.small_bufsize");
      sim->large_bufsize[h] = K (sim, h, "iobuf_set_options.large_bufsize");
      sim->delay_submit[h] = K (sim, h, "bdev_nvme_set_options.delay_cmd_submit") != 0;
      sim->ioq_period_ns[h] = K (sim, h, "bdev_nvme_set_options.nvme_ioq_poll_period_us") * 1000;
    }
  sim->icd = K (sim, S, "nvmf_create_transport.in_capsule_data_size");
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    sim->io_unit_size[h] = sim->sc->version == IOP_SPDK_V26_01 ? K (sim, h, "nvmf_create_transport.io_unit_size") : 0;
  sim->front_tcp = g_strcmp0 (sim->sc->hosts[B].target_trtype, "TCP") == 0;
  sim->fabric_tcp = g_strcmp0 (sim->sc->hosts[S].target_trtype, "TCP") == 0;
  sim->malloc_backend = g_strcmp0 (sim->sc->hosts[S].backend, "malloc") == 0;
  sim->front_icd = K (sim, B, "nvmf_create_transport.in_capsule_data_size");
  /* The host's I/O queue size: the driver's 256, capped by the target's MQES
   * (max_queue_depth); nvme_request count: max(io_queue_requests, max(512, queue size)) */
  sim->io_queue_size = MIN (NVME_DEFAULT_IO_QUEUE_SIZE, K (sim, S, "nvmf_create_transport.max_queue_depth"));
  sim->io_queue_reqs = MAX (K (sim, B, "bdev_nvme_set_options.io_queue_requests"),
                            MAX (NVME_DEFAULT_IO_QUEUE_REQUESTS, sim->io_queue_size));
  sim->rdma_polls_for_buffers = sim->sc->version == IOP_SPDK_V26_01 &&
                                g_strcmp0 (sim->sc->hosts[S].target_trtype, "RDMA") == 0;
  sim->s_io_queue_reqs = MAX (K (sim, S, "bdev_nvme_set_options.io_queue_requests"),
                              MAX (NVME_DEFAULT_IO_QUEUE_REQUESTS, NVME_DEFAULT_IO_QUEUE_SIZE));

  for (guint h = 0; h < IOP_N_HOSTS && ok; h++)
    ok = transport_checks (sim, h, error);
  if (ok)
    ok = host_start (sim, &sim->bm, B, -1, error);
  sim->n_st = sim->sc->hosts[S].instances;
  sim->st = g_new0 (HostState, sim->n_st);
  for (guint i = 0; i < sim->n_st && ok; i++)
    ok = host_start (sim, &sim->st[i], S, (int)i, error);
  if (!ok)
    return FALSE;

  sim->n_guest_qp = MAX (n_guest_qp, 1);
  sim->guest_sqs = g_new0 (Res *, sim->n_guest_qp);
  for (guint q = 0; q < sim->n_guest_qp; q++)
    {
      gint64 qd = K (sim, B, "nvmf_create_transport.max_queue_depth");
      sim->guest_sqs[q] = res_new (sim, qd, qd);
    }
  faults_setup (sim);
  return TRUE;
}

static void sample (Sim *sim);
static void fault_event (Sim *sim, const Event *e);

/* The SPDK thread an event runs on, or NULL (guest, wire, device) */
static ThreadState *
event_thread (const Event *e)
{
  if (e->leg < 0)
    switch (e->stage)
      {
      case P_START: case P_DONE: case P_GUEST_NET: case P_TCP_R2T: case P_TCP_H2C: case P_GUEST_RESP:
        return NULL;
      default:
        return e->io->bt;
      }
  switch (e->stage)
    {
    case L_CHILD_IO: case L_NVME_SUBMIT: case L_NS_CMD: case L_RDMA_SUBMIT:
    case L_B_POLL: case L_B_RDMA_COMPLETE: case L_B_NVME_COMPLETE: case L_RAID_PART: case L_H2C_SEND:
    case L_ABORTED: case L_LEG_FAILED: case L_TIMEOUT:
      return e->io->bt;
    case L_NET_CMD: case L_NET_RDMA_READ: case L_NET_RDMA_WRITE: case L_NET_RESP: case L_MEDIA:
    case L_NET_R2T: case L_NET_H2C:
      return NULL;
    default:
      return e->io->legs[e->leg].st;
    }
}

static void
sim_loop (Sim *sim, guint64 *events, guint64 max_events)
{
  Event e;
  const gint64 cpu = sim->sc->model.cpu_step_ns;

  while (pop (sim, &e))
    {
      ThreadState *ts = NULL;

      sim->now = e.t;
      (*events)++;
      if (sim->now > sim->horizon_ns || *events > max_events)
        {
          sim->stalled = TRUE;
          break;
        }
      if (e.io == NULL && e.wake == NULL)
        {
          if (e.stage > FE_BASE)
            fault_event (sim, &e);
          else
            sample (sim);
          continue;
        }
      if (e.wake != NULL)
        {
          /* The reactor is free again: run the oldest waiting work */
          ts = e.wake;
          ts->wake_pending = FALSE;
          e = runq_pop (&ts->runq);
          ts->busy_until = sim->now + cpu;
          ts->busy_ns += cpu;
        }
      else
        {
          /* A reactor runs one poller at a time: work that arrives while its
           * thread is busy waits for it (this is where CPU saturation shows) */
          ts = event_thread (&e);
          if (ts != NULL)
            {
              if (ts->busy_until > sim->now || ts->runq.len > 0)
                {
                  runq_push (&ts->runq, &e);
                  if (!ts->wake_pending)
                    {
                      schedule_wake (sim, ts, MAX (ts->busy_until, sim->now));
                      ts->wake_pending = TRUE;
                    }
                  continue;
                }
              ts->busy_until = sim->now + cpu;
              ts->busy_ns += cpu;
            }
        }

      /* Run the step, then the rest of its call chain on the same thread while
       * nothing else is due earlier: SPDK runs a poller's work to completion.
       * Then the work that queued on the thread meanwhile, while nothing else
       * is due before the thread is free again. */
      for (;;)
        {
          sim->running = ts;
          sim->has_next = FALSE;
          if (e.leg < 0)
            step_parent (sim, e.io, e.stage);
          else
            step_leg (sim, e.io, &e.io->legs[e.leg], e.stage);
          sim->running = NULL;
          if (sim->has_next)
            {
              e = sim->next;
              sim->has_next = FALSE;
              /* Tracing keeps strict time order; a workload lets the chain run
               * ahead of other threads by its own length (about a microsecond),
               * which only reorders claims on shared rings within that window */
              if (sim->wl == NULL && sim->heap_len > 0 && ev_less (&sim->heap[0], &e))
                {
                  heap_push (sim, &e);
                  break;
                }
              sim->now = MAX (e.t, ts->busy_until);
            }
          else if (ts != NULL && ts->runq.len > 0 && !ts->wake_pending &&
                   (sim->heap_len == 0 || sim->heap[0].t > ts->busy_until))
            {
              e = runq_pop (&ts->runq);
              sim->now = ts->busy_until;
            }
          else
            break;
          ts->busy_until = sim->now + cpu;
          ts->busy_ns += cpu;
          (*events)++;
        }
      /* Work that queued meanwhile runs when the thread is free */
      if (ts != NULL && ts->runq.len > 0 && !ts->wake_pending)
        {
          schedule_wake (sim, ts, ts->busy_until);
          ts->wake_pending = TRUE;
        }
    }
}

IopTrace *
iop_trace_run (IopScenario *scenario,
               GError     **error)
{
  g_autoptr(IopTrace) trace = NULL;
  Sim sim = { 0 };
  guint64 events = 0;

  g_return_val_if_fail (scenario != NULL, NULL);

  if (!iop_scenario_validate (scenario, error))
    return NULL;

  trace = iop_trace_new (iop_scenario_copy (scenario));
  if (!sim_setup (&sim, trace, 1, error))
    {
      sim_free (&sim);
      return NULL;
    }

  /* The traced I/O and the ones already in flight before it, on its queue pair */
  trace->start_ns = iop_scenario_trace_start (sim.sc);
  sim.now = trace->start_ns;
  for (guint i = 0; i < sim.sc->background_inflight; i++)
    schedule (&sim, io_new (&sim, i + 1, FALSE, 0), -1, P_START, 0);
  sim.traced = io_new (&sim, 0, TRUE, 0);
  sim.traced->t_start = trace->start_ns;
  follow_gauges (&sim, sim.traced);
  snap (&sim, -1);
  schedule (&sim, sim.traced, -1, P_START, 0);
  sim.now = 0;

  sim_loop (&sim, &events, MAX_EVENTS);
  trace->events = (guint)events;
  trace->end_ns = sim.traced->t_end;
  if (trace->steps->len > 0)
    {
      IopStep *last = g_ptr_array_index (trace->steps, trace->steps->len - 1);
      trace->end_ns = MAX (trace->end_ns, last->t_ns + last->dur_ns);
    }
  if (sim.traced->t_end == 0)
    {
      trace->end_ns = sim.now;
      diag (&sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, NULL, NULL,
            sim.stalled
            ? g_strdup_printf (_("The traced I/O did not complete within %d s of virtual time: a pool or queue is too small for even one request to make progress (see the last waiting step)."), (int)(sim.horizon_ns / G_GINT64_CONSTANT (1000000000)))
            : g_strdup (_("The traced I/O never completed: it waits for a resource no one frees (see the last waiting step).")));
    }
  collect_stats (&sim, &sim.bm);
  for (guint i = 0; i < sim.n_st; i++)
    collect_stats (&sim, &sim.st[i]);
  iop_trace_finish (trace);

  sim_free (&sim);
  return g_steal_pointer (&trace);
}

/* --- Workload --------------------------------------------------------------- */

#define HIST_BUCKETS 4096

typedef struct _Wl
{
  IopWorkload  *result;
  guint64       issued;
  guint64       completed;
  guint64       rng;
  gint64        sample_ns;
  guint64      *hist;             /* latency histogram, see hist_index () */
  gint64        lat_sum_ns;
  guint64      *cluster_bits;     /* allocated clusters of the thin lvol */
  guint64       n_clusters;
  guint64       seq_lba;          /* next sequential block */
  guint64       n_blocks;
  gboolean      stopping;
  /* the current sample window */
  gint64        win_start;
  guint64       win_done;
  gint64        win_lat_sum;
  gint64        win_lat_max;
} Wl;

/* xorshift64*: small, fast, the same sequence everywhere */
static guint64
wl_rand (Wl *wl)
{
  guint64 x = wl->rng;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  wl->rng = x;
  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

/* Log-linear buckets: exact below 128 ns, then 64 per power of two (< 1.6 %) */
static guint
hist_index (guint64 v)
{
  int msb, shift;

  if (v < 128)
    return (guint)v;
  msb = 63 - __builtin_clzll (v);
  shift = msb - 6;
  return MIN (128 + (guint)(shift - 1) * 64 + (guint)((v >> shift) - 64), HIST_BUCKETS - 1);
}

static gint64
hist_value (guint idx)
{
  guint shift;

  if (idx < 128)
    return idx;
  shift = (idx - 128) / 64 + 1;
  return (gint64)(((guint64)(64 + (idx - 128) % 64) << shift) + ((G_GUINT64_CONSTANT (1) << shift) / 2));
}

static gint64
hist_percentile (Wl *wl, double p)
{
  guint64 want = (guint64)(p * wl->completed);
  guint64 seen = 0;

  if (wl->completed == 0)
    return 0;
  want = MIN (MAX (want, 1), wl->completed);
  for (guint i = 0; i < HIST_BUCKETS; i++)
    {
      seen += wl->hist[i];
      if (seen >= want)
        return hist_value (i);
    }
  return hist_value (HIST_BUCKETS - 1);
}

static void
wl_issue (Sim *sim, guint qp)
{
  Wl *wl = sim->wl;
  const IopWorkloadParams *p = &wl->result->params;
  Io *io = io_new (sim, (guint)wl->issued, FALSE, (int)qp);
  guint64 blocks = (guint64)(p->io_size / sim->sc->block_size);
  guint64 lba;

  wl->issued++;
  io->op = (wl_rand (wl) % 100) < p->read_percent ? IOP_OP_READ : IOP_OP_WRITE;
  io->size = p->io_size;
  io->t_start = sim->now;
  if (p->random)
    lba = (wl_rand (wl) % MAX (wl->n_blocks / MAX (blocks, 1), 1)) * blocks;
  else
    {
      lba = wl->seq_lba;
      wl->seq_lba = (wl->seq_lba + blocks) % MAX (wl->n_blocks, 1);
    }
  if (io->op == IOP_OP_WRITE && wl->cluster_bits != NULL)
    {
      guint64 c = (lba * sim->sc->block_size) / (guint64)sim->sc->lvol_cluster_size;
      if (c < wl->n_clusters && !(wl->cluster_bits[c / 64] & (G_GUINT64_CONSTANT (1) << (c % 64))))
        {
          wl->cluster_bits[c / 64] |= G_GUINT64_CONSTANT (1) << (c % 64);
          io->first_write = TRUE;
        }
    }
  schedule (sim, io, -1, P_START, 0);
}

static void
io_done (Sim *sim, Io *io)
{
  Wl *wl = sim->wl;
  const IopWorkloadParams *p;
  gint64 lat;

  if (wl == NULL)
    return;     /* tracing: the I/Os live until the end of the run */
  p = &wl->result->params;
  lat = io->t_end - io->t_start;
  wl->completed++;
  wl->lat_sum_ns += lat;
  wl->win_done++;
  wl->win_lat_sum += lat;
  wl->win_lat_max = MAX (wl->win_lat_max, lat);
  if (io->failed)
    wl->result->failed++;
  if (io->late)
    wl->result->late++;
  wl->hist[hist_index ((guint64)MAX (lat, 0))]++;
  wl->result->lat_max_ns = MAX (wl->result->lat_max_ns, lat);
  if (io->op == IOP_OP_READ)
    wl->result->reads++;
  else
    wl->result->writes++;
  wl->result->elapsed_ns = sim->now;

  if (!wl->stopping &&
      ((p->ios > 0 && wl->issued >= p->ios) || (p->duration_ns > 0 && sim->now >= p->duration_ns)))
    wl->stopping = TRUE;
  if (!wl->stopping)
    {
      guint qp = (guint)io->guest_qp;
      g_ptr_array_add (sim->io_free, io);
      wl_issue (sim, qp);
      return;
    }
  g_ptr_array_add (sim->io_free, io);
}

/* --- Workload time series ---------------------------------------------------- */

typedef enum
{
  SER_CENTRAL_SMALL,
  SER_CENTRAL_LARGE,
  SER_TRANSPORT_CACHE_SMALL,
  SER_TRANSPORT_CACHE_LARGE,
  SER_BDEV_IO_POOL,
  SER_BDEV_IO_CACHES,
  SER_QPAIR_SLOTS_USED,
  SER_QPAIR_QUEUED,
  SER_NVME_REQS_USED,
  SER_TARGET_REQS_USED,
  SER_GUEST_SQ_USED,
  SER_BUFFER_WAITERS,
  SER_IOPS,
  SER_LATENCY,
  SER_HELD,
  N_SER,
} SerKind;

static const struct
{
  const char *key;
  const char *label;
  const char *knob;
  gboolean    storage_only, baremetal_only;
} ser_info[N_SER] = {
  { "iobuf.small", N_("iobuf small pool: free"), "iobuf_set_options.small_pool_count", FALSE, FALSE },
  { "iobuf.large", N_("iobuf large pool: free"), "iobuf_set_options.large_pool_count", FALSE, FALSE },
  { "transport.cache.small", N_("transport caches: small buffers cached"), NULL, TRUE, FALSE },
  { "transport.cache.large", N_("transport caches: large buffers cached"), NULL, TRUE, FALSE },
  { "bdev_io.mempool", N_("bdev_io mempool: free"), "bdev_set_options.bdev_io_pool_size", FALSE, FALSE },
  { "bdev_io.caches", N_("bdev_io caches: cached"), "bdev_set_options.bdev_io_cache_size", FALSE, FALSE },
  { "qpair.slots", N_("RDMA qpair slots in use"), "nvmf_create_transport.max_queue_depth", FALSE, TRUE },
  { "qpair.queued", N_("requests queued for a qpair slot"), NULL, FALSE, TRUE },
  { "qpair.nvme_reqs", N_("nvme_requests in use"), "bdev_nvme_set_options.io_queue_requests", FALSE, FALSE },
  { "target.reqs", N_("transport requests in use"), "nvmf_create_transport.max_queue_depth", TRUE, FALSE },
  { "guest.sq", N_("guest commands in flight"), "nvmf_create_transport.max_queue_depth", FALSE, TRUE },
  { "iobuf.waiters", N_("requests waiting for a buffer"), NULL, TRUE, FALSE },
  { "io.iops", N_("guest I/Os completed per second"), NULL, FALSE, TRUE },
  { "io.latency", N_("longest latency of the I/Os completed in the interval (µs)"), NULL, FALSE, TRUE },
  { "io.held", N_("replica I/Os waiting for a path (bdev_nvme retry queue)"), "bdev_nvme_set_options.fast_io_fail_timeout_sec", FALSE, TRUE },
};

static gint64
series_value (Sim *sim, HostState *hs, SerKind k)
{
  gint64 v = 0;

  switch (k)
    {
    case SER_CENTRAL_SMALL: return hs->central[SMALL]->level;
    case SER_CENTRAL_LARGE: return hs->central[LARGE]->level;
    case SER_BDEV_IO_POOL: return hs->bdev_io_pool->level;
    case SER_GUEST_SQ_USED:
      for (guint q = 0; q < sim->n_guest_qp; q++)
        v += sim->guest_sqs[q]->capacity - sim->guest_sqs[q]->level;
      return v;
    case SER_IOPS:
      return sim->now > sim->wl->win_start ? (gint64)(sim->wl->win_done * 1e9 / (double)(sim->now - sim->wl->win_start)) : 0;
    case SER_LATENCY:
      return sim->wl->win_lat_max / 1000;
    case SER_HELD:
      for (guint l = 0; l < sim->sc->raid_legs; l++)
        v += sim->held[l];
      return v;
    default:
      break;
    }
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);
      guint n_ctrl = ts->t->role == IOP_THREAD_POLL_GROUP ? (hs->host == IOP_HOST_BAREMETAL ? sim->topo->hosts[hs->host].n_controllers : 1) : 0;

      switch (k)
        {
        case SER_TRANSPORT_CACHE_SMALL: if (ts->transport.module) v += ts->transport.cache[SMALL]->level; break;
        case SER_TRANSPORT_CACHE_LARGE: if (ts->transport.module) v += ts->transport.cache[LARGE]->level; break;
        case SER_BDEV_IO_CACHES: v += ts->bdev_io_cache->level; break;
        case SER_TARGET_REQS_USED: v += ts->target_reqs->capacity - ts->target_reqs->level; break;
        case SER_BUFFER_WAITERS: v += g_queue_get_length (&ts->iobuf_queue[SMALL]) + g_queue_get_length (&ts->iobuf_queue[LARGE]); break;
        case SER_QPAIR_SLOTS_USED:
        case SER_QPAIR_QUEUED:
        case SER_NVME_REQS_USED:
          for (guint c = 0; c < n_ctrl; c++)
            {
              Qpair *q = &ts->qpairs[c];
              if (k == SER_QPAIR_SLOTS_USED)
                v += q->wire_slots->capacity - q->wire_slots->level;
              else if (k == SER_QPAIR_QUEUED)
                v += g_queue_get_length (&q->wire_slots->waiters) + g_queue_get_length (&q->nvme_reqs->waiters);
              else
                v += q->nvme_reqs->capacity - q->nvme_reqs->level;
            }
          break;
        default:
          break;
        }
    }
  return v;
}

static gint64
series_capacity (Sim *sim, HostState *hs, SerKind k)
{
  gint64 v = 0;

  switch (k)
    {
    case SER_CENTRAL_SMALL: return hs->central[SMALL]->capacity;
    case SER_CENTRAL_LARGE: return hs->central[LARGE]->capacity;
    case SER_BDEV_IO_POOL: return hs->bdev_io_pool->capacity;
    case SER_GUEST_SQ_USED:
      for (guint q = 0; q < sim->n_guest_qp; q++)
        v += sim->guest_sqs[q]->capacity;
      return v;
    case SER_QPAIR_QUEUED:
    case SER_BUFFER_WAITERS:
    case SER_IOPS:
    case SER_LATENCY:
    case SER_HELD:
      return 0;
    default:
      break;
    }
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);
      guint n_ctrl = ts->t->role == IOP_THREAD_POLL_GROUP ? (hs->host == IOP_HOST_BAREMETAL ? sim->topo->hosts[hs->host].n_controllers : 1) : 0;

      switch (k)
        {
        case SER_TRANSPORT_CACHE_SMALL: if (ts->transport.module) v += ts->transport.cache[SMALL]->capacity; break;
        case SER_TRANSPORT_CACHE_LARGE: if (ts->transport.module) v += ts->transport.cache[LARGE]->capacity; break;
        case SER_BDEV_IO_CACHES: v += ts->bdev_io_cache->capacity; break;
        case SER_TARGET_REQS_USED: v += ts->target_reqs->capacity; break;
        case SER_QPAIR_SLOTS_USED: for (guint c = 0; c < n_ctrl; c++) v += ts->qpairs[c].wire_slots->capacity; break;
        case SER_NVME_REQS_USED: for (guint c = 0; c < n_ctrl; c++) v += ts->qpairs[c].nvme_reqs->capacity; break;
        default: break;
        }
    }
  return v;
}

static void
series_init (Sim *sim)
{
  IopWorkload *r = sim->wl->result;
  HostState *hosts[1 + MAX_LEGS];
  guint nh = 0;

  hosts[nh++] = &sim->bm;
  for (guint i = 0; i < sim->n_st; i++)
    hosts[nh++] = &sim->st[i];
  for (guint h = 0; h < nh; h++)
    for (guint k = 0; k < N_SER; k++)
      {
        IopSeries *se;

        if ((ser_info[k].storage_only && hosts[h]->host != IOP_HOST_STORAGE) ||
            (ser_info[k].baremetal_only && hosts[h]->host != IOP_HOST_BAREMETAL))
          continue;
        se = g_new0 (IopSeries, 1);
        se->key = g_strdup_printf ("%s/%s", hosts[h]->tag, ser_info[k].key);
        se->label = g_strdup (_(ser_info[k].label));
        se->place = hosts[h]->place;
        se->node = hosts[h]->node;
        se->capacity = series_capacity (sim, hosts[h], k);
        se->knob = ser_info[k].knob;
        se->values = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_ptr_array_add (r->series, se);
      }
}

static void
sample (Sim *sim)
{
  Wl *wl = sim->wl;
  IopWorkload *r = wl->result;
  HostState *hosts[1 + MAX_LEGS];
  guint nh = 0, si = 0;
  const guint max = MAX (r->params.samples, 16);

  hosts[nh++] = &sim->bm;
  for (guint i = 0; i < sim->n_st; i++)
    hosts[nh++] = &sim->st[i];

  /* Too many points: keep every other one and sample half as often */
  if (r->sample_t->len >= 2 * max)
    {
      guint n = r->sample_t->len / 2;
      for (guint i = 0; i < n; i++)
        g_array_index (r->sample_t, gint64, i) = g_array_index (r->sample_t, gint64, 2 * i + 1);
      g_array_set_size (r->sample_t, n);
      for (guint s = 0; s < r->series->len; s++)
        {
          IopSeries *se = g_ptr_array_index (r->series, s);
          for (guint i = 0; i < n; i++)
            g_array_index (se->values, gint64, i) = g_array_index (se->values, gint64, 2 * i + 1);
          g_array_set_size (se->values, n);
        }
      wl->sample_ns *= 2;
    }

  g_array_append_val (r->sample_t, sim->now);
  for (guint h = 0; h < nh; h++)
    for (guint k = 0; k < N_SER; k++)
      {
        IopSeries *se;
        gint64 v;

        if ((ser_info[k].storage_only && hosts[h]->host != IOP_HOST_STORAGE) ||
            (ser_info[k].baremetal_only && hosts[h]->host != IOP_HOST_BAREMETAL))
          continue;
        se = g_ptr_array_index (r->series, si++);
        v = series_value (sim, hosts[h], k);
        g_array_append_val (se->values, v);
      }
  wl->win_start = sim->now;
  wl->win_done = 0;
  wl->win_lat_sum = 0;
  wl->win_lat_max = 0;
  if (!wl->stopping || wl->completed < wl->issued)
    schedule (sim, NULL, -1, 0, wl->sample_ns);
}

void
iop_workload_params_init (IopWorkloadParams *params,
                          const IopScenario *scenario)
{
  memset (params, 0, sizeof *params);
  params->queue_depth = scenario ? scenario->guest_queue_depth : 32;
  params->queue_pairs = scenario ? scenario->guest_queue_pairs : 1;
  params->io_size = scenario ? scenario->io_size : 4096;
  params->read_percent = scenario ? scenario->wl_read_percent : 0;
  params->random = scenario ? scenario->wl_random : TRUE;
  params->fresh_lvol = scenario ? scenario->wl_fresh_lvol : FALSE;
  params->ios = scenario ? scenario->wl_ios : 100000;
  params->seed = 1;
  params->samples = 240;
  if (scenario != NULL && scenario->faults->len > 0)
    {
      /* long enough to see the last fault strike, heal, and the paths come back */
      gint64 end = 0;

      for (guint i = 0; i < scenario->faults->len; i++)
        {
          const IopFault *f = &g_array_index (scenario->faults, IopFault, i);
          end = MAX (end, f->until_ns > 0 ? f->until_ns : f->at_ns + G_GINT64_CONSTANT (5000000000));
        }
      params->ios = 0;
      params->duration_ns = MIN (end + G_GINT64_CONSTANT (3000000000), G_GINT64_CONSTANT (60000000000));
    }
}

static void
fault_event_free (gpointer p)
{
  IopFaultEvent *fe = p;

  g_free (fe->title);
  g_free (fe);
}

static void
series_free (gpointer p)
{
  IopSeries *se = p;

  g_free (se->key);
  g_free (se->label);
  g_array_unref (se->values);
  g_free (se);
}

IopWorkload *
iop_workload_ref (IopWorkload *self)
{
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_workload_unref (IopWorkload *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->sample_t, g_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->iobuf_stats, g_ptr_array_unref);
  g_clear_pointer (&self->counters, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->fault_events, g_ptr_array_unref);
  g_free (self);
}

const IopSeries *
iop_workload_find_series (const IopWorkload *self,
                          const char        *key)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      IopSeries *se = g_ptr_array_index (self->series, i);
      if (g_strcmp0 (se->key, key) == 0)
        return se;
    }
  return NULL;
}

IopWorkload *
iop_workload_run (IopScenario              *scenario,
                  const IopWorkloadParams  *params,
                  GError                  **error)
{
  g_autoptr(IopTrace) trace = NULL;
  g_autoptr(IopWorkload) r = NULL;
  Sim sim = { 0 };
  Wl wl = { 0 };
  guint64 events = 0;
  gint64 max_qps;
  HostState *hosts[1 + MAX_LEGS];
  guint nh = 0;

  g_return_val_if_fail (scenario != NULL && params != NULL, NULL);

  if (params->queue_depth < 1 || params->queue_depth > 65536 ||
      params->queue_pairs < 1 || params->queue_pairs > 1024 ||
      params->read_percent > 100 ||
      (params->ios == 0 && params->duration_ns <= 0) ||
      params->ios > G_GUINT64_CONSTANT (100000000) ||
      params->duration_ns > G_GINT64_CONSTANT (60000000000))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("A workload needs a queue depth of 1 to 65536, 1 to 1024 queue pairs, a read share of 0 to 100 %%, and at most 100,000,000 I/Os or 60 s of virtual time"));
      return NULL;
    }
  {
    g_autoptr(IopScenario) check = iop_scenario_copy (scenario);
    check->io_size = params->io_size;
    if (!iop_scenario_validate (check, error))
      return NULL;
  }

  r = g_new0 (IopWorkload, 1);
  g_ref_count_init (&r->ref_count);
  r->scenario = iop_scenario_copy (scenario);
  r->scenario->io_size = params->io_size;
  r->params = *params;
  if (r->params.samples == 0)
    r->params.samples = 240;
  r->sample_t = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->series = g_ptr_array_new_with_free_func (series_free);
  r->counters = g_ptr_array_new_with_free_func (g_free);

  trace = iop_trace_new (iop_scenario_copy (r->scenario));
  /* max_io_qpairs_per_ctrlr on the guest-facing transport caps the guest */
  max_qps = iop_scenario_get_knob (r->scenario, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_io_qpairs_per_ctrlr");
  r->queue_pairs = (guint)MIN ((gint64)params->queue_pairs, max_qps);

  sim.wl = &wl;
  sim.io_free = g_ptr_array_new ();
  sim.fault_events = r->fault_events = g_ptr_array_new_with_free_func (fault_event_free);
  wl.result = r;
  wl.rng = params->seed ? params->seed : 1;
  wl.hist = g_new0 (guint64, HIST_BUCKETS);
  if (!sim_setup (&sim, trace, r->queue_pairs, error))
    {
      sim_free (&sim);
      g_free (wl.hist);
      return NULL;
    }
  if ((gint64)params->queue_pairs > max_qps)
    diag (&sim, IOP_DIAG_NOTICE, IOP_HOST_BAREMETAL, FALSE, NULL, "nvmf_create_transport.max_io_qpairs_per_ctrlr",
          g_strdup_printf (_("The guest asked for %u I/O queue pairs; the VFIO-user controller allows %" PRId64 " (max_io_qpairs_per_ctrlr), so %u carry the load."),
                           params->queue_pairs, max_qps, r->queue_pairs));

  /* The thin lvol: 64 GiB of clusters, all allocated unless the run starts fresh */
  wl.n_blocks = (G_GUINT64_CONSTANT (64) << 30) / sim.sc->block_size;
  if (sim.sc->lvol_thin && params->fresh_lvol)
    {
      wl.n_clusters = (G_GUINT64_CONSTANT (64) << 30) / (guint64)sim.sc->lvol_cluster_size;
      wl.cluster_bits = g_new0 (guint64, (wl.n_clusters + 63) / 64);
    }

  if (params->duration_ns > 0)
    {
      sim.ctl_stop_ns = params->duration_ns;
      sim.horizon_ns = MAX (sim.horizon_ns, params->duration_ns + HORIZON_NS);
    }
  series_init (&sim);
  wl.sample_ns = 10000;
  schedule (&sim, NULL, -1, 0, 0);
  for (guint d = 0; d < params->queue_depth; d++)
    for (guint q = 0; q < r->queue_pairs; q++)
      if (params->ios == 0 || wl.issued < params->ios)
        wl_issue (&sim, q);

  sim_loop (&sim, &events, G_GUINT64_CONSTANT (4000000000));
  r->events = events;
  r->ios = wl.completed;
  if (r->elapsed_ns > 0)
    {
      r->iops = wl.completed * 1e9 / r->elapsed_ns;
      r->mib_per_s = r->iops * params->io_size / (1024.0 * 1024.0);
    }
  if (wl.completed > 0)
    r->lat_mean_ns = wl.lat_sum_ns / (gint64)wl.completed;
  r->lat_p50_ns = hist_percentile (&wl, 0.50);
  r->lat_p99_ns = hist_percentile (&wl, 0.99);
  r->lat_p999_ns = hist_percentile (&wl, 0.999);
  if (wl.completed < wl.issued && sim.faults_on)
    diag (&sim, IOP_DIAG_NOTICE, IOP_HOST_BAREMETAL, FALSE, NULL, "bdev_nvme_set_options.fast_io_fail_timeout_sec",
          g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " I/Os had not completed when the run ended: they still waited for a path (the fault outlasted the run)."),
                           wl.issued - wl.completed, wl.issued));
  else if (wl.completed < wl.issued)
    diag (&sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, NULL, NULL,
          g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " I/Os never completed: they wait for resources that no one frees (a circular wait, or a pool smaller than one request needs)."),
                           wl.issued - wl.completed, wl.issued));

  collect_stats (&sim, &sim.bm);
  for (guint i = 0; i < sim.n_st; i++)
    collect_stats (&sim, &sim.st[i]);
  hosts[nh++] = &sim.bm;
  for (guint i = 0; i < sim.n_st; i++)
    hosts[nh++] = &sim.st[i];
  for (guint h = 0; h < nh; h++)
    {
      IopHostCounters *c = g_new (IopHostCounters, 1);
      *c = hosts[h]->ctr;
      c->place = hosts[h]->place;
      c->node = hosts[h]->node;
      c->qpair_slots = sim.io_queue_size - 1;
      c->target_reqs = iop_scenario_get_knob (sim.sc, hosts[h]->host, "nvmf_create_transport.max_queue_depth");
      g_ptr_array_add (r->counters, c);
    }
  r->iobuf_stats = g_ptr_array_ref (trace->iobuf_stats);
  r->diagnostics = g_ptr_array_ref (trace->diagnostics);

  sim_free (&sim);
  g_free (wl.hist);
  g_free (wl.cluster_bits);
  return g_steal_pointer (&r);
}
