/* iop-placement.h: which poll group a target gives each new queue pair
 *
 * spdk_nvmf_tgt_new_qpair (lib/nvmf/nvmf.c) asks the transport's
 * get_optimal_poll_group and sends the qpair to the group it names. Each
 * transport has its own rule (iop-placement.c), so where a connection lands
 * depends on every connection that reached the same transport before it.
 * The placement replays them in the order the initiators make them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-scenario.h"
#include "iop-topology.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_CONN_ADMIN,    /* a controller's admin queue */
  IOP_CONN_EXAMINE,  /* the I/O qpair of the channel bdev examine opens on the
                      * initiator's app_thread when a bdev registers; closed
                      * again when examine is done */
  IOP_CONN_IO,       /* an I/O qpair that stays */
} IopConnKind;

typedef struct
{
  IopConnKind kind;
  int         thread;   /* the initiator's thread: -1 app_thread, else its poll group */
  int         leg;      /* the replica it reaches, -1 on the guest-facing side */
  int         path;     /* the replica's path (controller), -1 on the guest-facing side */
  int         guest_qp; /* the guest's I/O queue pair (0-based), else -1 */
  guint       pg;       /* the target poll group it joined */
  guint       turn;     /* 1-based: its place among the qpairs that moved the same cursor */
  guint       io_index; /* IOP_CONN_IO: 0-based index among the lasting I/O qpairs */
} IopConn;

typedef struct
{
  IopHostId       host;
  int             node;        /* the storage instance; -1 for the baremetal's front */
  guint           n_nodes;     /* storage instances: 1 when one node holds every replica */
  char           *trtype;      /* the target transport: RDMA, TCP or VFIOUSER */
  IopSpdkVersion  version;
  guint           n_groups;    /* the target's poll groups */
  gboolean        spdk_initiator; /* the initiator is SPDK's bdev_nvme: its examine makes a qpair */
  GArray         *conns;       /* IopConn, in connect order */
  guint           n_io;        /* lasting I/O qpairs */
} IopPlacement;

/* The qpairs the baremetal host's bdev_nvme opens to storage node NODE */
IopPlacement  *iop_placement_new_storage (const IopScenario *scenario,
                                          const IopTopology *topology,
                                          guint              node);
/* The guest's qpairs to the baremetal host's target, N_GUEST_QP I/O queue pairs */
IopPlacement  *iop_placement_new_front   (const IopScenario *scenario,
                                          const IopTopology *topology,
                                          guint              n_guest_qp);
void           iop_placement_free        (IopPlacement *self);

/* The lasting I/O qpair of initiator thread THREAD (-1 app_thread) to
 * replica LEG over PATH, or of guest queue pair GUEST_QP on the front
 * (THREAD, LEG and PATH -1); NULL if there is none */
const IopConn *iop_placement_find        (const IopPlacement *self,
                                          int                 thread,
                                          int                 leg,
                                          int                 path,
                                          int                 guest_qp);

/* Translated: where C landed and why, in this run's words */
char          *iop_placement_describe    (const IopPlacement *self,
                                          const IopTopology  *topology,
                                          const IopConn      *c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopPlacement, iop_placement_free)

G_END_DECLS
