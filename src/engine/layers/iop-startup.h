/* iop-startup.h: what SPDK builds before the first I/O
 *
 * spdk_tgt's start-up on each host, in SPDK's order: the checks
 * nvmf_create_transport and bdev_set_options make on the knobs (and their
 * messages), the iobuf rings and the bdev_io mempool, the reactors' SPDK
 * threads with their channels (the bdev management channel's caches, the
 * transport's poll-group caches, accel), the I/O qpairs bdev_nvme opens per
 * thread and controller, and the target's receive queues. Then the
 * connections: which poll group each guest queue pair and each initiator
 * qpair lands on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* Builds the hosts of SIM->sc into SIM (TRACE receives the diagnostics);
 * FALSE when SPDK would refuse to start */
gboolean iop_startup         (Sim *sim, IopTrace *trace, guint n_guest_qp, GError **error);
void     iop_startup_clear   (Sim *sim);

/* The poll-group thread PG of HS (wrapping) */
ThreadState *iop_startup_poll_group (HostState *hs, guint pg);
/* Points piece P at the qpairs of its current path: the baremetal's, and
 * the target's side of the same connection */
void     iop_startup_connect (Sim *sim, Piece *p);

G_END_DECLS
