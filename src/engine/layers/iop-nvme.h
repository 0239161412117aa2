/* iop-nvme.h: lib/nvme/nvme_ns_cmd.c and nvme_qpair.c, the NVMe driver
 *
 * spdk_nvme_ns_cmd_*: _nvme_ns_cmd_rw takes an nvme_request from the
 * qpair's free list (-ENOMEM when there is none) and
 * nvme_qpair_submit_request hands it to the qpair's transport (nvme_rdma or
 * nvme_tcp on the baremetal, nvme_pcie on a storage node); a transport with
 * no free slot answers -EAGAIN and the request waits on the qpair's queued
 * list until completions have been processed. nvme_complete_request frees
 * the request first and then runs its callback (nvme_internal.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* spdk_nvme_ns_cmd_{read,write}{,v}_with_md for BIO on QP. GRANTED: the
 * nvme_request was handed over already (a NOMEM retry). FALSE: -ENOMEM,
 * nothing taken. */
gboolean iop_nvme_ns_cmd          (Sim *sim, IopNvmeReq *req, Io *io, int leg, Qpair *qp,
                                   HostState *hs, ThreadState *ts, IopBdevIo *bio,
                                   gboolean contig, IopNvmeCb cb, gboolean granted, gpointer owner);
/* nvme_complete_request */
void     iop_nvme_complete_request (Sim *sim, IopNvmeReq *req, IopNvmeStatus status);

G_END_DECLS
