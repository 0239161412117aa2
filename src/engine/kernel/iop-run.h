/* iop-run.h: the state of one run, shared by the kernel and the layers
 *
 * Engine-private. A run is one trace or one workload: the hosts with their
 * reactors and SPDK threads, the pools and channels SPDK made at start-up,
 * the I/Os in flight, and the event queue that moves the virtual clock.
 *
 * Each layer module (src/engine/layers/) owns the fields of its section
 * below and is the only one to change them; the others call its functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-scenario.h"
#include "iop-stages.h"
#include "iop-topology.h"
#include "iop-trace.h"
#include "iop-workload.h"

G_BEGIN_DECLS

#define IOP_MAX_LEGS 8
#define IOP_NS_PER_S G_GINT64_CONSTANT (1000000000)

typedef struct _Sim Sim;
typedef struct _Io Io;
typedef struct _Leg Leg;
typedef struct _ThreadState ThreadState;
typedef struct _HostState HostState;
typedef struct _Piece Piece;

/* --- Kernel: events and reactors (kernel/iop-kernel.c) ---------------------- */

/* Work that runs at a virtual time, on an SPDK thread (its reactor is busy
 * meanwhile) or off the CPUs (THREAD NULL: the guest, the wire, a device, a
 * timer) */
typedef void (*IopEventFn) (Sim *sim, gpointer obj, int arg);

typedef struct
{
  IopEventFn   fn;
  gpointer     obj;
  ThreadState *thread;
  int          arg;
} Event;

/* The queue's entries: the time, and the order of scheduling (high bits)
 * with the slot of the event's payload (low bits) */
typedef struct
{
  gint64       t;
  guint64      key;
} HeapEntry;

/* The event queue: a calendar of buckets for the near future (sorted lists
 * of slots), and a heap for what lies beyond its window */
typedef struct
{
  gint64       cur;           /* the cursor's bucket number (time >> width) */
  gint64       first;         /* when first_ok: the first bucket holding an event, >= cur */
  gboolean     first_ok;
  guint        count;         /* events in the buckets */
  guint       *head;          /* per bucket: first slot, or G_MAXUINT */
  guint       *tail;          /* per bucket: last slot */
  guint64     *occ;           /* per bucket: one bit, set while it holds events */
  guint       *next;          /* per slot: next slot in its bucket */
  HeapEntry   *ent;           /* per slot: its time and key */
} Calendar;

typedef struct
{
  Event *buf;
  guint  cap, head, len;
} RunQueue;

/* --- Pools of plain slots, with waiters in FIFO order (kernel/iop-pool.c) ---- */

/* A waiter is resumed with the slot already handed over to it: FN (OBJ, ARG),
 * as an event's function */
typedef IopEventFn IopResumeFn;

typedef struct
{
  IopResumeFn fn;
  gpointer    obj;
  int         arg;
} Waiter;

typedef struct
{
  gint64  level;      /* available */
  gint64  capacity;
  int     gauge;      /* the trace follows it: its gauge, else -1 */
  GQueue  waiters;    /* Waiter* */
} Res;

/* --- lib/thread/iobuf.c (kernel/iop-iobuf.c) ------------------------------- */

typedef enum { IOP_BUF_SMALL, IOP_BUF_LARGE } IopBufClass;

typedef struct
{
  const char *module;      /* "bdev", "accel", "nvmf_RDMA" */
  HostState  *host;
  Res        *cache[2];    /* level = cache_count, capacity = cache_size */
  Res        *central[2];
  GQueue     *queue[2];    /* the thread's wait queues, shared by its modules */
  guint64     stats_cache[2], stats_main[2], stats_retry[2];
} IobufChan;

/* --- lib/nvme: a qpair of the host (baremetal: to a replica; storage: PCIe) -- */

typedef struct
{
  Res   *nvme_reqs;        /* nvme_request objects (io_queue_requests) */
  Res   *wire_slots;       /* rdma_req / tcp_req / PCIe trackers: the queue size */
} Qpair;

/* --- An incoming qpair on a target (nvmf_rdma / nvmf_tcp) ------------------- */

typedef struct
{
  Res         *reqs;       /* requests: the poll group's SRQ pool, or this qpair's own */
  ThreadState *st;         /* the poll group the target placed it on (iop-placement.c) */
} TgtQpair;

/* --- A reactor's SPDK thread ------------------------------------------------ */

struct _ThreadState
{
  IopThread *t;
  HostState *host;
  /* Kernel */
  gint64     busy_until;   /* the reactor runs one thing at a time */
  gint64     busy_ns;      /* CPU time spent, for utilisation */
  RunQueue   runq;
  gboolean   wake_pending;
  HeapEntry  wake;         /* when it is free again to take its run queue, and the order key */
  /* iobuf */
  GQueue     iobuf_queue[2];
  IobufChan  bdev_iobuf, accel_iobuf, transport_iobuf;
  gboolean   has_transport_cache;
  /* bdev: the management channel */
  Res       *bdev_io_cache;
  GQueue     io_wait;       /* Waiter*: spdk_bdev_queue_io_wait */
  /* raid1: the RAID bdev's channel on this thread */
  guint64    read_blocks_outstanding[IOP_MAX_LEGS];
  /* nvme: this thread's I/O qpairs, one per controller */
  Qpair     *qpairs;
  guint      n_qpairs;
  /* nvmf_rdma: the poll group's shared receive queue pool */
  Res       *srq_reqs;
  /* nvmf_rdma v26.01: requests waiting for buffers, retried on every pass */
  GQueue     pending_buf;   /* Waiter*, in arrival order */
  gboolean   pending_poll;  /* a retry pass is scheduled */
  /* blobstore: this thread's channel */
  Res       *blob_reqs;
  /* accel: this thread's channel's task and sequence pools */
  Res       *accel_tasks, *accel_seqs;
  GQueue     need_cluster_alloc;  /* TgtCmd*: the write allocating a cluster first, then those queued behind it */
};

/* --- A host: the baremetal, or one storage node ----------------------------- */

struct _HostState
{
  IopHostId  host;
  int        node;          /* storage instance, -1 on the baremetal */
  IopPlace   place;
  Res       *central[2];    /* iobuf rings */
  Res       *bdev_io_pool;  /* the global bdev_io mempool */
  Res       *data_wr_pool;  /* nvmf_rdma: work requests beyond a request's own */
  GPtrArray *threads;       /* ThreadState*, [0] is app_thread */
  char      *tag;           /* "baremetal", "storage0" */
  IopHostCounters ctr;
  gint64     ssd_busy;      /* the local SSD moves one transfer at a time */
  TgtQpair  *tgt_qpairs;    /* incoming I/O qpairs, in connect order */
  guint      n_tgt_qpairs;
  guint     *tq_of;         /* [(1 + baremetal poll group) * n_local_ctrl + controller]: index in tgt_qpairs (row 0 app_thread) */
  guint      n_local_ctrl;  /* the baremetal's controllers to this node */
  guint      n_pending_threads; /* poll groups with requests waiting for buffers (v26.01 RDMA) */
};

/* --- The per-layer objects one I/O holds ------------------------------------ */

typedef struct _IopBdevIo IopBdevIo;
typedef void (*IopBdevIoCb) (Sim *sim, IopBdevIo *bio, gboolean success);

/* spdk_bdev_io: the submitter's callback runs when it completes */
struct _IopBdevIo
{
  Io          *io;
  int          leg;         /* -1: the parent's */
  HostState   *hs;
  ThreadState *ts;
  IopBdevIoCb  cb;
  int          obj;         /* trace object, -1 */
  const char  *label;       /* "bdev_io (RAID1 bdev)" */
  gpointer     owner;       /* on a storage node: its TgtCmd */
};

typedef struct _IopNvmeReq IopNvmeReq;

/* What an NVMe command's completion says */
typedef enum
{
  IOP_NVME_OK,
  IOP_NVME_ABORTED,     /* ABORTED - SQ DELETION: a path error */
  IOP_NVME_ERROR,
} IopNvmeStatus;

typedef void (*IopNvmeCb) (Sim *sim, IopNvmeReq *req, IopNvmeStatus status);

/* nvme_request: from the qpair's free list; bdev_nvme's callback */
struct _IopNvmeReq
{
  Io          *io;
  int          leg;
  Qpair       *qp;
  IopNvmeCb    cb;
  IopBdevIo   *bio;         /* the bdev_io bdev_nvme submitted it for */
  int          obj;
  gboolean     contig;      /* one buffer (else an iovec) */
  HostState   *hs;
  ThreadState *ts;
  gpointer     owner;       /* on a storage node: its TgtCmd; on the baremetal: its Piece */
};

/* The transport buffers one target request holds */
typedef struct
{
  guint        needed, got;
  IopBufClass  cls;
  gint64       unit;
  gboolean     polling;     /* v26.01 RDMA: retried each pass, no wait entry */
  int          obj;
} BufReq;

/* --- A request at an NVMf target (spdk_nvmf_request) and what it holds -------
 *
 * On the baremetal (LEG -1) it is the guest's command at the VFIO-user or
 * TCP target; on a storage node, one visit of a leg's command: a command the
 * host retried, or gave up on while the target still works on it, is
 * another TgtCmd than the one that follows it. */

typedef struct _TgtCmd TgtCmd;

struct _TgtCmd
{
  Io          *io;
  int          leg;
  Piece       *piece;         /* the baremetal's command it serves, NULL for the guest's */
  guint        gen;           /* the piece's send_gen it carries */
  guint        descriptors;   /* keyed SGL descriptors of the command */
  gint64       size;          /* its data */
  guint        extra_wrs;     /* data WRs taken from data_wr_pool */
  int          o_data_wrs;
  gboolean     reads;         /* a read (else a write) */
  HostState   *hs;
  ThreadState *st;            /* the poll group its qpair landed on */
  TgtQpair    *tq;
  Qpair       *sq;            /* the local PCIe qpair */
  gboolean     in_capsule;
  int          o_tgt_req;
  BufReq       buf;
  IopBdevIo    lvol_io;
  int          o_blob_req;
  gboolean     alloc_cluster;
  int          o_alloc_set, o_alloc_ctx;   /* a first write: the allocation's own request set and copy context */
  int          o_op_ctx;                   /* the cluster op context the metadata thread works with */
  int          o_user_op;                  /* the request set holding the queued write (bs_user_op_alloc) */
  IopBdevIo    dev_io;
  IopNvmeReq   snreq;
  gint64       nomem_thr;     /* the bdev layer's nomem_threshold when it went NOMEM */
  int          o_tracker;
  int          o_accel_task, o_accel_seq;  /* the malloc bdev's copy */
  TgtCmd      *next_free;
};

/* --- A bdev_io bdev_nvme handles on the baremetal ----------------------------
 *
 * The RAID child of a leg, or, when it has more iovecs than the NVMe bdev
 * takes (max_num_segments), each part the bdev layer splits it into. Each
 * piece is its own NVMe command: its path, its nvme_request and transport
 * request, its command at the target. */

struct _Piece
{
  Io          *io;
  int          leg;
  int          idx;           /* in io->pieces */
  int          part;          /* 0 .. n_parts - 1 */
  guint        round;         /* the split pass that submits it: 32 child iovecs a pass */
  gint64       size;
  guint        iovcnt;
  IopBdevIo    part_bio;      /* the split child's bdev_io, when split */
  IopBdevIo   *bio;           /* the bdev_io bdev_nvme handles */
  IopNvmeReq   nreq;
  gint64       nomem_thr;     /* the bdev layer's nomem_threshold when it went NOMEM */
  int          o_wire_req;    /* rdma_req / tcp_req (host) */
  gboolean     in_capsule;
  /* its path and connection */
  int          path;
  Qpair       *bq;            /* baremetal qpair to the replica */
  ThreadState *st;            /* the storage poll group the qpair landed on */
  TgtQpair    *tq;            /* the target's side of that qpair */
  Qpair       *sq;            /* storage PCIe qpair */
  /* faults */
  gboolean     held;          /* in bdev_nvme's retry queue, waiting for a path */
  gboolean     on_wire;       /* sent, response not reaped yet */
  gboolean     dnr;           /* aborted with Do Not Retry: it fails instead */
  guint        attempt;       /* the controller's epoch it was sent in */
  gint64       held_since;
  guint        send_gen;      /* bumps at every send: a response to an older one is stale */
};

/* --- One leg of the RAID1 I/O: the RAID child to one replica --------------- */

struct _Leg
{
  int          idx;
  int          node;          /* the storage node */
  IopBdevIo    child;
  gboolean     started;       /* its child bdev_io exists */
  gboolean     failed;
  gboolean     write_back;    /* RAID1 writes a read's data back to this leg */
  gboolean     cluster_ready; /* a thin lvol's cluster under this I/O is allocated on the leg's node */
  guint        parts_done;    /* split children completed */
  guint        parts_out;     /* split children outstanding (split.outstanding) */
  guint        parts_next;    /* the next part the split submits */
  gboolean     parts_failed;
};

/* --- One guest I/O ------------------------------------------------------------ */

struct _Io
{
  guint        id;
  gboolean     traced;
  IopOp        op;
  gint64       size;
  ThreadState *bt;            /* the baremetal poll group of its guest queue pair */
  int          guest_qp;
  guint        n_legs;
  guint        legs_done;
  guint        legs_failed;
  int          read_leg;
  int          repair_leg;    /* a read failed there: RAID1 writes it back after the other read */
  gboolean     repair_failed; /* ... and that write-back failed: the replica is failed out */
  /* front end: vfio-user request, or the guest-facing TCP target's */
  TgtCmd      *front;         /* the guest's command at the baremetal's target */
  guint        iovcnt;        /* the guest data's iovecs on the baremetal */
  guint        n_parts;       /* pieces per leg: 1, or the bdev layer's split */
  Piece       *pieces;        /* [n_legs * n_parts]: inline_pieces or a larger array */
  IopBdevIo    bio;           /* the RAID1 bdev's bdev_io */
  gboolean     first_write;   /* first write to its thin cluster */
  gboolean     failed;        /* the guest sees an error */
  gboolean     late;          /* a fault made it wait */
  gint64       t_start, t_end;
  int          live;          /* the guest's part + target commands still held */
  Piece       *heap_pieces;   /* owned, when more than inline_pieces are needed */
  guint        heap_pieces_cap;
  Leg          legs[IOP_MAX_LEGS];   /* last: only the first n_legs are used */
  Piece        inline_pieces[IOP_MAX_LEGS];
};

static inline Piece *
iop_piece (Io *io, int leg, int part)
{
  return &io->pieces[leg * (int)io->n_parts + part];
}

/* A leg's read or write: a read's write-back is a write */
static inline gboolean
iop_leg_reads (const Io *io, int leg)
{
  return io->op == IOP_OP_READ && (leg < 0 || !io->legs[leg].write_back);
}

/* --- bdev_nvme's nvme_ctrlr for one path of one replica (faults) ----------- */

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

typedef struct _Wl Wl;

/* --- The run ---------------------------------------------------------------- */

struct _Sim
{
  IopScenario *sc;
  IopTopology *topo;
  IopTrace    *trace;
  const IopModel *m;
  /* Kernel */
  gint64       now;
  guint64      seq;
  Calendar     cal;           /* the near future */
  HeapEntry   *heap;          /* binary heap on (t, key): the far future */
  guint        heap_len, heap_cap;
  ThreadState **wakes;        /* binary heap on (wake.t, wake.key): busy threads with queued work */
  guint        n_wakes, wakes_cap;
  GArray      *at_end;        /* Event: work for the end of the running event's call chain */
  gint64       last_t;        /* time of the last event taken */
  Event       *slots;         /* payloads of the scheduled events */
  guint       *free_slots;
  guint        n_slots, n_free;
  ThreadState *running;       /* the thread whose event is executing */
  guint64      events;
  guint64      max_events;
  gint64       horizon_ns;
  gboolean     stalled;
  /* Hosts */
  HostState    bm;
  HostState   *st;            /* [instances] */
  guint        n_st;
  Res        **guest_sqs;     /* VFIO-user / TCP request slots per guest queue pair */
  guint        n_guest_qp;
  guint       *front_pg;      /* the baremetal poll group each guest queue pair joined */
  gint64       guest_qd;      /* commands a guest queue pair may have outstanding (MQES) */
  guint       *guest_inflight;
  GQueue      *guest_waiting; /* Io* the guest holds because its queue is full */
  /* Fabric: the baremetal NIC, busy until */
  gint64       link_tx, link_rx;
  /* I/Os */
  GPtrArray   *ios;           /* every Io made (owner) */
  GPtrArray   *io_free;       /* recycled (workload) */
  Io          *traced;
  GPtrArray   *cmds;          /* every TgtCmd made (owner) */
  TgtCmd      *cmd_free;
  Wl          *wl;            /* workload mode, or NULL when tracing one I/O */
  /* Recorder (kernel/iop-recorder.c) */
  GPtrArray   *res;           /* Res* owner */
  GPtrArray   *scratch;       /* strings that live as long as the run */
  GArray      *rows;          /* gint64 level rows, one per recorded step, in recording order */
  IopStep     *last_rec;      /* the last step recorded in the running event */
  int          cur_step;
  /* Values read once */
  gint64       small_bufsize[IOP_N_HOSTS], large_bufsize[IOP_N_HOSTS];
  gint64       icd;           /* storage target in-capsule data size */
  gint64       io_unit_size[IOP_N_HOSTS];
  gint64       io_queue_size, io_queue_reqs;
  guint        max_segments;  /* the NVMe bdev's max_num_segments (bdev_nvme nvme_disk_create) */
  gint64       s_io_queue_reqs;
  gboolean     rdma_polls_for_buffers; /* v26.01 RDMA: no iobuf wait entry */
  gboolean     delay_submit[IOP_N_HOSTS];
  gboolean     front_tcp;     /* the guest reaches the baremetal over NVMe-oF TCP */
  gboolean     fabric_tcp;    /* the baremetal reaches the replicas over TCP */
  gboolean     malloc_backend;
  gboolean     srq;           /* the storage target's RDMA poll groups use a shared receive queue */
  gint64       front_icd;
  gint64       ioq_period_ns[IOP_N_HOSTS];
  /* Faults (layers/iop-bdev-nvme-ctrlr.c) */
  gboolean     faults_on;
  Ctrlr       *ctrlrs;        /* [leg * paths_per_leg + path] */
  guint        n_ctrlrs;
  gboolean     leg_removed[IOP_MAX_LEGS];
  gboolean     leg_failed[IOP_MAX_LEGS];   /* removed by raid_bdev_fail_base_bdev (is_failed) */
  guint        held[IOP_MAX_LEGS];
  gint64       per_try_ns;    /* one RDMA retransmission timeout */
  gint64       detect_ns;     /* a dead path is noticed this long after the first lost send */
  gint64       ka_interval_ns, kato_ns;
  gint64       ctl_sec, rd_sec, ff_sec, retry_count, timeout_us, timeout_action;
  gint64       ctl_stop_ns;   /* workload: no control events after its end */
  GPtrArray   *fault_events;  /* workload: IopFaultEvent* */
  /* A buffer went back to a host's iobuf (layers/iop-nvmf-rdma.c listens) */
  void       (*buffers_freed) (Sim *sim, HostState *hs);
  /* The guest saw an I/O complete; the last holder let it go (the
   * workload driver listens to both) */
  void       (*io_completed) (Sim *sim, Io *io);
  void       (*io_done) (Sim *sim, Io *io);
};

/* Reads a knob of HOST */
static inline gint64
iop_knob (Sim *sim, IopHostId h, const char *id)
{
  return iop_scenario_get_knob (sim->sc, h, id);
}

G_END_DECLS
