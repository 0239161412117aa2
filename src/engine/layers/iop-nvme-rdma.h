/* iop-nvme-rdma.h: lib/nvme/nvme_rdma.c, the NVMe-oF RDMA initiator
 *
 * nvme_rdma_qpair_submit_request takes an rdma_req of the qpair (-EAGAIN
 * when all are outstanding) and nvme_rdma_req_init builds it: a write that
 * fits the target's in-capsule size travels inline in the SEND, anything
 * else carries a keyed SGL for the target to RDMA READ from or WRITE into.
 * With delay_cmd_submit the SEND is posted at the end of the poller's pass.
 * The completion comes from the poll group's CQ (bdev_nvme_poll):
 * nvme_rdma_req_complete runs nvme_complete_request, and the whole chain
 * above it, before nvme_rdma_req_put gives the rdma_req back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* nvme_rdma_qpair_submit_request; GRANTED: the rdma_req was handed over */
void iop_nvme_rdma_submit   (Sim *sim, IopNvmeReq *req, gboolean granted);
/* Event on the piece's poll group: the response's RECV is reaped. ARG packs
 * the piece and the send it answers (iop_nvme_rdma_arg) */
void iop_nvme_rdma_poll     (Sim *sim, gpointer io, int arg);
/* Event: the qpair piece IDX's command went out on is gone: the command
 * completes as ABORTED - SQ DELETION */
void iop_nvme_rdma_abort    (Sim *sim, gpointer io, int idx);

static inline int
iop_nvme_rdma_arg (int idx, guint gen)
{
  return idx | (int)((gen & 0x3fffff) << 8);
}

G_END_DECLS
