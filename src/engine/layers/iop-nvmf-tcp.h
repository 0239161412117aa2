/* iop-nvmf-tcp.h: lib/nvmf/tcp.c, the NVMf TCP target (either host)
 *
 * The poll group's socket poller reads a command capsule PDU and takes a
 * tcp_req of the qpair (max_queue_depth of them). Write data that came in
 * the capsule needs no buffer; otherwise nvmf_tcp_req_parse_sgl takes
 * transport buffers, and a write asks for its data with an R2T and waits
 * for the H2C DATA PDUs. At completion the target writes the C2H DATA PDUs
 * (a read, the last one flagged as the completion) or the response capsule;
 * the request and its buffers are freed once the socket has taken them.
 *
 * On the baremetal of the realrun-tcp scenario the guest itself reaches
 * this target; on the storage nodes, bdev_nvme over TCP does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* Event on the poll group: a capsule PDU was read. ARG: iop_nvme_rdma_arg
 * (piece, send) */
void iop_nvmf_tcp_recv         (Sim *sim, gpointer io, int arg);
/* The same for the guest's own command (the baremetal's TCP target) */
void iop_nvmf_tcp_recv_front   (Sim *sim, gpointer io, int unused);
/* Event: the H2C data of CMD arrived */
void iop_nvmf_tcp_data_in      (Sim *sim, gpointer cmd, int unused);
/* spdk_nvmf_request_complete on a TCP request */
void iop_nvmf_tcp_req_complete (Sim *sim, TgtCmd *cmd);
/* Event: the socket took the last PDU of CMD */
void iop_nvmf_tcp_release      (Sim *sim, gpointer cmd, int unused);

G_END_DECLS
