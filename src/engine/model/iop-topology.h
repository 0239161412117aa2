/* iop-topology.h: reactors, SPDK threads and channels of each host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-scenario.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_THREAD_APP,        /* app_thread: RPC, admin queues, acceptor */
  IOP_THREAD_POLL_GROUP, /* nvmf_tgt_poll_group_NNN */
} IopThreadRole;

typedef struct
{
  char          *name;          /* "app_thread", "nvmf_tgt_poll_group_000" */
  IopThreadRole  role;
  guint          core;
  guint          numa_node;
  guint          poll_group;    /* index among poll groups, or G_MAXUINT */
  gboolean       bdev_mgmt;     /* opens a bdev management channel (bdev_io + "bdev" iobuf caches) */
  gboolean       accel;         /* opens an accel channel ("accel" iobuf caches) */
} IopThread;

typedef struct
{
  IopHostId  host;
  guint64    reactor_mask;
  guint      n_cores;
  guint      app_core;
  GPtrArray *threads;           /* IopThread*, [0] is app_thread */
  guint      n_poll_groups;
  guint      n_controllers;     /* baremetal: remote controllers (legs x paths); storage: local NVMe */
  guint      n_io_qpairs;       /* (poll groups + app_thread) x controllers: app_thread holds
                                 * RAID's channel to each base bdev on the baremetal and the
                                 * blobstore's metadata channel on a storage node */
} IopHostTopology;

typedef struct
{
  IopHostTopology hosts[IOP_N_HOSTS];
} IopTopology;

IopTopology *iop_topology_new  (const IopScenario *scenario);
void         iop_topology_free (IopTopology *self);
/* The poll-group thread of HOST with index PG */
IopThread   *iop_topology_poll_group (IopTopology *self, IopHostId host, guint pg);

/* The NVMf transport's per-poll-group iobuf cache sizes, as
 * nvmf_transport_poll_group_create computes them at the scenario's version;
 * FORMULA (optional) says how, in words and numbers. */
void         iop_transport_cache_sizes (const IopScenario *scenario,
                                        IopHostId          host,
                                        guint              n_poll_groups,
                                        gint64            *small,
                                        gint64            *large,
                                        char             **formula);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopTopology, iop_topology_free)

G_END_DECLS
