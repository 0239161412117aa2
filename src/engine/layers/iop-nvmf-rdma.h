/* iop-nvmf-rdma.h: lib/nvmf/rdma.c, the NVMf RDMA target
 *
 * A command capsule lands in a receive buffer (the poll group's shared
 * receive queue by default) and the poller hands it to
 * nvmf_rdma_request_process with a request of the SRQ's pool (max_srq_depth;
 * the qpair's own array of max_queue_depth with no_srq). parse_sgl: an
 * in-capsule write needs no buffer (nvmf_rdma_request_parse_icd); a keyed
 * SGL takes transport buffers (spdk_nvmf_request_get_buffers), and a write
 * pulls its payload with an RDMA READ first. When NVMf completes the
 * request, request_transfer_out posts the response SEND (after an RDMA
 * WRITE of the data for a read); the SEND's completion frees the request
 * and its buffers (_nvmf_rdma_request_free).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* Event on the leg's storage poll group: a command capsule was received.
 * ARG: iop_nvme_rdma_arg (leg, send) */
void iop_nvmf_rdma_recv         (Sim *sim, gpointer io, int arg);
/* Event: the RDMA READ of CMD's payload completed */
void iop_nvmf_rdma_data_in      (Sim *sim, gpointer cmd, int unused);
/* spdk_nvmf_request_complete on an RDMA request */
void iop_nvmf_rdma_req_complete (Sim *sim, TgtCmd *cmd);
/* Event: the response SEND of CMD completed */
void iop_nvmf_rdma_release      (Sim *sim, gpointer cmd, int unused);

/* Shared with nvmf_tcp: take CMD's transport buffers, one spdk_iobuf_get
 * each; FALSE when the request waits (on the thread's iobuf queue, or, at
 * v26.01 RDMA, on the poll group's pending_buf_queue). RESUME runs when it
 * may go on; GRANTED: one buffer was handed over by an iobuf put. */
gboolean iop_nvmf_take_buffers  (Sim *sim, TgtCmd *cmd, gboolean granted, IopResumeFn resume,
                                 IopStage got_stage, IopStage wait_stage);
/* Gives CMD's buffers back to the poll group's cache */
void     iop_nvmf_put_buffers   (Sim *sim, TgtCmd *cmd);

G_END_DECLS
