/* iop-fabric.h: the wire between the hosts
 *
 * Not SPDK code: the NICs, the links and the switch. A message takes the
 * time to serialise its bytes on the baremetal's NIC (shared by every
 * replica, one direction at a time) plus the one-way latency. A path whose
 * link is down loses what is sent on it: the sender's NIC retransmits until
 * it gives up (bdev_nvme's controller state machine takes over).
 *
 * Each function records the network step and schedules the receiver's work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* The time until the last of BYTES has left on the link busy until *BUSY, from T */
gint64 iop_fabric_link_send   (Sim *sim, gint64 *busy, gint64 t, gint64 bytes);
/* How long a poller takes to notice work that arrived: half a pass, or half
 * the period of a timed poller */
gint64 iop_fabric_poll_wait   (Sim *sim, IopHostId host, gboolean timed);

/* Host -> target: the command capsule of piece P leaves at T */
void   iop_fabric_send_cmd    (Sim *sim, Piece *p, gint64 t);
/* A lost capsule gets through on a retransmission: it reaches the target now */
void   iop_fabric_cmd_retransmitted  (Sim *sim, gpointer io, int idx);
/* Target -> host: RDMA READ of CMD's payload */
void   iop_fabric_rdma_read   (Sim *sim, TgtCmd *cmd);
/* Target -> host: the read data (RDMA WRITE or C2H) and the response */
void   iop_fabric_send_resp   (Sim *sim, TgtCmd *cmd);
/* A lost response gets through on a retransmission: it reaches the host now */
void   iop_fabric_resp_retransmitted (Sim *sim, gpointer io, int idx);
/* TCP: the target's R2T for CMD, and the host's H2C data */
void   iop_fabric_tcp_r2t     (Sim *sim, TgtCmd *cmd);
void   iop_fabric_tcp_h2c     (Sim *sim, TgtCmd *cmd);
/* The guest's NVMe/TCP initiator and the baremetal's TCP target */
void   iop_fabric_guest_cmd   (Sim *sim, Io *io);
void   iop_fabric_guest_resp  (Sim *sim, TgtCmd *cmd);

G_END_DECLS
