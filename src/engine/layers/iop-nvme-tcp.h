/* iop-nvme-tcp.h: lib/nvme/nvme_tcp.c, the NVMe-oF TCP initiator
 *
 * nvme_tcp_qpair_submit_request takes a tcp_req of the qpair and queues
 * the command capsule PDU on the socket (write data inside it when it fits
 * the controller's in-capsule size; delay_cmd_submit does not apply: the
 * poll group flushes its sockets). An R2T from the target is answered with
 * H2C DATA PDUs. The response (or the last C2H DATA PDU of a read, flagged
 * as the completion) ends the request in nvme_tcp_req_complete, which puts
 * the tcp_req back *before* it calls nvme_complete_request - the other way
 * round from nvme_rdma.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

void iop_nvme_tcp_submit (Sim *sim, IopNvmeReq *req, gboolean granted);
/* Event on the leg's poll group: the target's R2T for CMD was read */
void iop_nvme_tcp_r2t    (Sim *sim, gpointer cmd, int unused);
/* Event: the response PDU arrived; ARG: iop_nvme_rdma_arg (leg, send) */
void iop_nvme_tcp_poll   (Sim *sim, gpointer io, int arg);

G_END_DECLS
