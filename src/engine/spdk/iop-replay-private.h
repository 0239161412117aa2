/* iop-replay-private.h: what the replay's files share
 *
 * iop-replay.c reads the captures and follows the I/Os; iop-replay-hops.c
 * measures the hops and writes the results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-replay.h"

G_BEGIN_DECLS

/* The tracepoints followed, by name; any other is counted and skipped */
typedef enum
{
  TP_OTHER,
  TP_BDEV_IO_START,
  TP_BDEV_IO_DONE,
  TP_RAID_START,
  TP_RAID_DONE,
  TP_BDEV_NVME_START,
  TP_BDEV_NVME_DONE,
  TP_NVME_SUBMIT,
  TP_NVME_COMPLETE,
  TP_REQ_NEW,
  TP_REQ_COMPLETED,
  TP_BLOB_START,
  TP_BLOB_DONE,
  TP_SOCK_PEND,
} Tp;

/* A capture of one lcore ring holds 65536 entries by default; a file with
 * far more than 64 rings' worth is refused before it fills memory */
#define MAX_ENTRIES (64 * 65536)
#define NONE G_MAXUINT

typedef struct
{
  Tp       tp;
  const char *name;                          /* interned */
  gboolean new_object;                       /* its entries each start an object */
  int      a_type, a_offset, a_opc, a_slba;  /* argument positions, -1 none */
} TpInfo;

/* One traced object: a bdev_io, raid_bdev_io, NVMe request, transport
 * request, blob request set or socket request */
typedef struct
{
  Tp       kind;          /* the tracepoint that created it */
  guint    parent;        /* object index, NONE at a root */
  guint    lcore;
  guint64  start, end;    /* tsc; end 0 while open */
  guint64  type, offset;  /* a bdev_io's I/O type and offset (blocks) */
  guint64  blocks;        /* the entry's size: a bdev_io's length in blocks */
  guint64  opc, slba;     /* an NVMe command's opcode and starting LBA */
  guint64  sent;          /* a request's last socket completion */
  char    *owner;         /* the poller field: which bdev or qpair */
  GArray  *entries;       /* Entry: every tracepoint of this object, in order */
  guint    io;            /* the HostIo it belongs to, NONE */
} Obj;

/* One tracepoint of an object */
typedef struct
{
  guint64     tsc;
  const char *name;       /* interned tracepoint name */
  guint64     size;       /* the entry's size field */
  guint       lcore;
} Entry;

typedef struct
{
  char      *name;
  char      *file;
  guint64    tsc_rate;
  guint64    first_tsc, last_tsc;
  guint      n_entries, n_unknown, n_orphans;
  guint64    lcores;       /* bit per lcore below 64 */
  gboolean   is_target;    /* it received NVMe-oF requests */
  GArray    *objs;         /* Obj */
} Host;

/* A leg: an NVMe command this host sent, and the request it became on the
 * host that received it */
typedef struct
{
  guint    host, obj;          /* the NVMe request (initiator side) */
  guint64  bdev_start;         /* the bdev_io it serves */
  guint    bdev;               /* that bdev_io (object index), NONE */
  const char *via;             /* that bdev_io's owner: which bdev (replica) */
  guint    route;              /* the host VIA's commands go to, NONE unknown */
  guint    to_host, to_obj;    /* the target request it matched, or NONE */
} RLeg;

/* An I/O as one host saw it */
typedef struct
{
  guint    host, root;         /* root object: guest bdev_io or target request */
  guint    bdev;               /* the top bdev_io (the root itself on a guest) */
  guint    raid;               /* raid_bdev_io or NONE */
  guint    blob, backing;      /* storage: blob request set, backing bdev_io */
  GArray  *legs;               /* RLeg */
  gboolean matched;            /* taken by an initiator's leg */
} HostIo;

struct _IopReplay
{
  GPtrArray *hosts;            /* Host */
  GArray    *ios;              /* HostIo, every host */
  GPtrArray *warnings;
  guint      n_followed, n_seen, n_reads, n_writes;
  GArray    *followed;         /* guint: index in ios of each followed guest I/O */
  gboolean   partial;
};

static inline Obj *
obj_at (Host *h,
        guint i)
{
  return &g_array_index (h->objs, Obj, i);
}

static inline double
ns_per_tick (Host *h)
{
  return 1e9 / (double)h->tsc_rate;
}

#define IOP_REPLAY_N_HOPS 16

/* The hops, in the order an I/O crosses them: key ("wire.to_storage") and
 * label (translated) */
const char *iop_replay_hop_key   (guint k);
const char *iop_replay_hop_label (guint k);
/* Median and p99 (ns, -1 none) and count of each hop over the followed I/Os
 * of type OP (1 read, 2 write; 0 every I/O) */
void        iop_replay_hop_stats (IopReplay *r,
                                  guint64    op,
                                  double    *median,
                                  double    *p99,
                                  guint     *count);

/* The recorded medians and counts over the I/Os of MODEL's op, and MODEL's
 * time for each hop (-1 where one side has none) */
void        iop_replay_compare_sides (IopReplay *r,
                                      IopTrace  *model,
                                      double    *median,
                                      double    *model_ns,
                                      guint     *count);

G_END_DECLS
