/* iop-fabric.c: the wire between the hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme-ctrlr.h"
#include "iop-fabric.h"
#include "iop-guest.h"
#include "iop-kernel.h"
#include "iop-nvme-rdma.h"
#include "iop-nvme-tcp.h"
#include "iop-nvmf-rdma.h"
#include "iop-nvmf-tcp.h"
#include "iop-recorder.h"

#define REPLICA(l) ((char)('A' + (l)))

gint64
iop_fabric_link_send (Sim *sim, gint64 *busy, gint64 t, gint64 bytes)
{
  gint64 start = MAX (t, *busy);

  /* bytes * 8 / Gbit/s = ns */
  *busy = start + bytes * 8 / MAX (sim->m->link_gbit, 1);
  return *busy - t;
}

gint64
iop_fabric_poll_wait (Sim *sim, IopHostId host, gboolean timed)
{
  gint64 period = timed ? sim->ioq_period_ns[host] : 0;

  return period > 0 ? period / 2 : sim->m->poll_loop_ns / 2;
}

/* --- Host -> target ------------------------------------------------------------------ */

static void
deliver_cmd (Sim *sim, Piece *p, gint64 t)
{
  iop_at (sim, t + iop_fabric_poll_wait (sim, IOP_HOST_STORAGE, FALSE), p->st,
          sim->fabric_tcp ? iop_nvmf_tcp_recv : iop_nvmf_rdma_recv, p->io, iop_nvme_rdma_arg (p->idx, p->send_gen));
}

void
iop_fabric_send_cmd (Sim *sim, Piece *p, gint64 t)
{
  const IopModel *m = sim->m;
  Io *io = p->io;
  int L = p->leg;
  /* a capsule: the command, keyed SGL descriptors beyond the first, or the data */
  gint64 bytes = (sim->fabric_tcp ? 72 : 64) + (p->in_capsule ? p->size : p->iovcnt > 1 ? 16 * (gint64)p->iovcnt : 0);
  gint64 dur = iop_fabric_link_send (sim, &sim->link_tx, t, bytes) + m->rdma_one_way_ns;

  REC_AT (io, L, sim->fabric_tcp ? IOP_STAGE_NET_TCP_CAPSULE : IOP_STAGE_NET_CMD_CAPSULE, NULL, t, dur,
          iop_scratch (sim, g_strdup_printf (_("Command capsule to storage node %c"), REPLICA (L))),
          g_strdup_printf (sim->fabric_tcp
                           ? _("The 72-byte command capsule PDU%s crosses the TCP connection (%" PRId64 " Gbit/s, %" PRId64 " ns one way).")
                           : _("RDMA SEND of the 64-byte command%s over the fabric (%" PRId64 " Gbit/s, %" PRId64 " ns one way)."),
                           p->in_capsule ? _(" with the payload in capsule") : p->iovcnt > 1 ? _(" and its SGL descriptors") : "", m->link_gbit, m->rdma_one_way_ns));
  if (sim->faults_on && !iop_ctrlr_link_up (sim, (guint)L, (guint)p->path, t))
    {
      IopStep *s = REC_AT (io, L, IOP_STAGE_NET_LOST, NULL, t, 0,
                           iop_scratch (sim, g_strdup_printf (_("The capsule is lost on path %d"), p->path)),
                           g_strdup_printf (_("The link of this path is down: the SEND gets no acknowledgement and the NIC tries it every %s, %" PRId64 " tries in all (the first send and its retransmissions), before it reports an error. Meanwhile the command stays outstanding in its rdma_req on the host."),
                                            iop_scratch (sim, iop_secs (sim->per_try_ns)),
                                            MIN (iop_knob (sim, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.transport_retry_count"), 7) + 1));   /* capped at 7 by nvme_rdma */
      if (s)
        iop_step_token (s, IOP_TOKEN_BOX, IOP_PLACE_BAREMETAL, -1, IOP_LAYER_NVME_RDMA, IOP_DIR_WAIT);
      io->late = TRUE;
      iop_ctrlr_strand (sim, p, iop_fabric_cmd_retransmitted);
      return;
    }
  deliver_cmd (sim, p, t + dur);
}

void
iop_fabric_cmd_retransmitted (Sim *sim, gpointer obj, int idx)
{
  deliver_cmd (sim, &((Io *)obj)->pieces[idx], sim->now);
}

void
iop_fabric_rdma_read (Sim *sim, TgtCmd *cmd)
{
  const IopModel *m = sim->m;
  gint64 ow = m->rdma_one_way_ns;
  gint64 dur;
  char sz[32];

  /* the READ request travels one way, the data comes back through the
   * host's transmit side */
  dur = iop_fabric_link_send (sim, &sim->link_tx, sim->now + ow, cmd->size) + 2 * ow;
  REC_AT (cmd->io, cmd->leg, IOP_STAGE_NET_RDMA_READ, NULL, sim->now, dur,
          _("Target pulls the payload (RDMA READ)"),
          cmd->descriptors > 1
          ? g_strdup_printf (_("The target posts %u RDMA READ work requests, one per keyed descriptor, for %s from the guest's pages on the host: one round trip plus the transfer, with no CPU on the host."),
                             cmd->descriptors, iop_size_str (cmd->size, sz, sizeof sz))
          : g_strdup_printf (_("The target posts an RDMA READ for %s from the host's buffer described by the keyed SGL, in the work request the request carries: one round trip plus the transfer, with no CPU on the host."),
                             iop_size_str (cmd->size, sz, sizeof sz)));
  iop_at (sim, sim->now + dur + iop_fabric_poll_wait (sim, IOP_HOST_STORAGE, FALSE), cmd->st, iop_nvmf_rdma_data_in, cmd, 0);
}

/* --- Target -> host ------------------------------------------------------------------ */

static void
deliver_resp (Sim *sim, Piece *p, gint64 t)
{
  iop_at (sim, t + iop_fabric_poll_wait (sim, IOP_HOST_BAREMETAL, TRUE), p->io->bt,
          sim->fabric_tcp ? iop_nvme_tcp_poll : iop_nvme_rdma_poll, p->io, iop_nvme_rdma_arg (p->idx, p->send_gen));
}

void
iop_fabric_resp_retransmitted (Sim *sim, gpointer obj, int idx)
{
  deliver_resp (sim, &((Io *)obj)->pieces[idx], sim->now);
}

/* The response of CMD reaches the host at T, unless the host gave the command
 * up or the path is down */
static void
resp_to_host (Sim *sim, TgtCmd *cmd, gint64 t)
{
  Piece *p = cmd->piece;

  if (!p->on_wire || (cmd->gen & 0x3fffff) != (p->send_gen & 0x3fffff))
    return;   /* the host gave this command up: nothing waits for the answer */
  if (sim->faults_on && !iop_ctrlr_response_gets_through (sim, p, t))
    {
      cmd->io->late = TRUE;
      iop_ctrlr_strand (sim, p, iop_fabric_resp_retransmitted);
      return;
    }
  deliver_resp (sim, p, t);
}

void
iop_fabric_send_resp (Sim *sim, TgtCmd *cmd)
{
  const IopModel *m = sim->m;
  Io *io = cmd->io;
  int L = cmd->leg;
  char sz[32];

  if (sim->fabric_tcp)
    {
      gint64 bytes = cmd->reads ? cmd->size + 24 : 24;
      gint64 sent = iop_fabric_link_send (sim, &sim->link_rx, sim->now, bytes);

      if (cmd->reads)
        REC_AT (io, L, IOP_STAGE_NET_C2H_DATA, NULL, sim->now, sent + m->rdma_one_way_ns, _("C2H data and status to the host"),
                g_strdup_printf (_("%s reach the host in C2H DATA PDUs, the last one flagged as the successful completion."),
                                 iop_size_str (cmd->size, sz, sizeof sz)));
      else
        REC_AT (io, L, IOP_STAGE_NET_TCP_RESP, NULL, sim->now, sent + m->rdma_one_way_ns,
                iop_scratch (sim, g_strdup_printf (_("Response PDU from node %c"), REPLICA (L))),
                g_strdup (_("The capsule response PDU carries the 16-byte completion back; the target frees the request once the socket has taken it.")));
      /* the socket took the last PDU: the request is released */
      iop_at (sim, sim->now + sent, cmd->st, iop_nvmf_tcp_release, cmd, 0);
      resp_to_host (sim, cmd, sim->now + sent + m->rdma_one_way_ns);
      return;
    }
  {
    /* nvmf_rdma queues the work requests in request_transfer_out; the
     * nvmf_RDMA poller posts them at the end of its next pass (the
     * completion ran in bdev_nvme_poll) */
    gint64 t = sim->now + m->poll_loop_ns / 2;
    gint64 dur;

    if (cmd->reads)
      {
        gint64 w = iop_fabric_link_send (sim, &sim->link_rx, t, cmd->size);

        REC_AT (io, L, IOP_STAGE_NET_RDMA_WRITE, NULL, t, w, _("Read data to the host (RDMA WRITE)"),
                g_strdup_printf (cmd->descriptors > 1
                                 ? _("%s flow from the target's buffers into the guest's pages on the host, one RDMA WRITE per descriptor; no CPU on the host touches them.")
                                 : _("%s flow from the target's buffers into the guest-visible buffer on the host; no CPU on the host touches them."),
                                 iop_size_str (cmd->size, sz, sizeof sz)));
        t += w;
      }
    dur = m->rdma_one_way_ns + 16 * 8 / MAX (m->link_gbit, 1);
    REC_AT (io, L, IOP_STAGE_NET_RESP_CAPSULE, NULL, t, dur,
            iop_scratch (sim, g_strdup_printf (_("Response capsule from node %c"), REPLICA (L))),
            g_strdup (_("The 16-byte completion travels back in a SEND to the host's receive buffer.")));
    /* the SEND's completion on the target: the host's NIC acknowledged it */
    iop_at (sim, t + 2 * m->rdma_one_way_ns, cmd->st, iop_nvmf_rdma_release, cmd, 0);
    resp_to_host (sim, cmd, t + dur);
  }
}

/* --- TCP data phases ------------------------------------------------------------- */

void
iop_fabric_tcp_r2t (Sim *sim, TgtCmd *cmd)
{
  const IopModel *m = sim->m;
  Io *io = cmd->io;

  REC_AT (io, cmd->leg, IOP_STAGE_NET_R2T, NULL, sim->now, m->rdma_one_way_ns, _("R2T: the target asks for the data"),
          g_strdup (_("With its buffers ready, the target sends a Ready-to-Transfer PDU naming the range it wants.")));
  if (cmd->leg < 0)
    {
      /* the guest answers at once with its H2C data */
      gint64 t = sim->now + m->rdma_one_way_ns + m->poll_loop_ns / 2;
      gint64 dur = iop_fabric_link_send (sim, &sim->link_rx, t, io->size + 24) + m->rdma_one_way_ns;
      char sz[32];

      REC_AT (io, -1, IOP_STAGE_NET_H2C_DATA, NULL, t, dur, _("H2C data from the guest"),
              g_strdup_printf (_("The guest sends %s in H2C DATA PDUs straight into the transport buffers."),
                               iop_size_str (io->size, sz, sizeof sz)));
      iop_at (sim, t + dur + m->poll_loop_ns / 2, cmd->st, iop_nvmf_tcp_data_in, cmd, 0);
      return;
    }
  iop_at (sim, sim->now + m->rdma_one_way_ns + iop_fabric_poll_wait (sim, IOP_HOST_BAREMETAL, TRUE), io->bt,
          iop_nvme_tcp_r2t, cmd, 0);
}

void
iop_fabric_tcp_h2c (Sim *sim, TgtCmd *cmd)
{
  const IopModel *m = sim->m;
  Io *io = cmd->io;
  gint64 dur = iop_fabric_link_send (sim, &sim->link_tx, sim->now, cmd->size + 24) + m->rdma_one_way_ns;
  char sz[32];

  REC_AT (io, cmd->leg, IOP_STAGE_NET_H2C_DATA, NULL, sim->now, dur, _("H2C data to the storage node"),
          g_strdup_printf (_("%s cross the TCP connection into the target's transport buffers."),
                           iop_size_str (cmd->size, sz, sizeof sz)));
  iop_at (sim, sim->now + dur + m->poll_loop_ns / 2, cmd->st, iop_nvmf_tcp_data_in, cmd, 0);
}

/* --- The guest over NVMe/TCP ----------------------------------------------------- */

void
iop_fabric_guest_cmd (Sim *sim, Io *io)
{
  const IopModel *m = sim->m;
  gboolean inc = io->op == IOP_OP_WRITE && io->size <= sim->front_icd;
  gint64 dur = iop_fabric_link_send (sim, &sim->link_rx, sim->now, 72 + (inc ? io->size : 0)) + m->rdma_one_way_ns;

  REC_AT (io, -1, IOP_STAGE_NET_GUEST_CMD, NULL, sim->now, dur, _("The guest's command over NVMe-oF TCP"),
          g_strdup_printf (_("The guest's NVMe/TCP initiator sends a command capsule PDU%s to the baremetal's TCP target."),
                           inc ? _(" with the write data inside (at most in_capsule_data_size)") : ""));
  iop_at (sim, sim->now + dur + m->poll_loop_ns / 2, io->bt, iop_nvmf_tcp_recv_front, io, 0);
}

void
iop_fabric_guest_resp (Sim *sim, TgtCmd *cmd)
{
  const IopModel *m = sim->m;
  Io *io = cmd->io;
  gint64 sent = iop_fabric_link_send (sim, &sim->link_tx, sim->now, cmd->reads ? io->size + 24 : 24);
  char sz[32];

  REC_AT (io, -1, cmd->reads ? IOP_STAGE_NET_C2H_DATA : IOP_STAGE_NET_TCP_RESP, NULL, sim->now, sent + m->rdma_one_way_ns,
          cmd->reads ? _("C2H data and status to the guest") : _("Response to the guest"),
          g_strdup_printf (_("%s cross to the guest; the target frees the request once the socket has taken the PDU."),
                           cmd->reads ? iop_size_str (io->size, sz, sizeof sz) : _("16 bytes of completion")));
  iop_at (sim, sim->now + sent, cmd->st, iop_nvmf_tcp_release, cmd, 0);
  iop_guest_complete (sim, io, sim->now + sent + m->rdma_one_way_ns);
}
