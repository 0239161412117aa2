/* iop-nvme-tcp.c: lib/nvme/nvme_tcp.c, the NVMe-oF TCP initiator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-fabric.h"
#include "iop-kernel.h"
#include "iop-nvme-tcp.h"
#include "iop-nvme.h"
#include "iop-pool.h"
#include "iop-recorder.h"

#define REPLICA(l) ((char)('A' + (l)))

static void
resubmit (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;

  iop_nvme_tcp_submit (sim, &io->pieces[idx].nreq, TRUE);
}

static void
slot_granted (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;

  iop_after (sim, 0, io->bt, resubmit, io, idx);
}

void
iop_nvme_tcp_submit (Sim *sim, IopNvmeReq *req, gboolean granted)
{
  Piece *p = req->owner;
  Io *io = p->io;
  int L = p->leg;
  Res *slots = req->qp->wire_slots;
  const gboolean rd = iop_leg_reads (io, L);
  IopStep *s;

  if (!iop_res_take_or_wait (slots, granted, slot_granted, io, p->idx))
    {
      sim->bm.ctr.qpair_queued++;
      s = REC (io, L, IOP_STAGE_NVME_QUEUED, io->bt, 0,
               _("Qpair full: request queued"),
               g_strdup_printf (_("All %" PRId64 " tcp_req slots of this qpair are outstanding: the request waits on the qpair's queued list and is sent after a completion frees one."),
                                slots->capacity));
      (void)s;
      return;
    }
  sim->bm.ctr.qpair_slots_max = MAX (sim->bm.ctr.qpair_slots_max, slots->capacity - slots->level);
  p->in_capsule = !rd && p->size <= sim->icd;
  s = REC (io, L, IOP_STAGE_NVME_TCP_SUBMIT, io->bt, sim->m->cpu_step_ns,
           _("TCP request queued to the socket"),
           g_strdup_printf (_("A tcp_req of the qpair (%" PRId64 " of %" PRId64 " left) carries the command PDU; %s The PDU is queued on the socket, which the poll group flushes before it next waits (delay_cmd_submit does not apply to TCP)."),
                            slots->level, slots->capacity,
                            rd ? _("the read data will come back in C2H DATA PDUs.")
                               : p->in_capsule ? _("the payload fits the controller's in-capsule size and rides in the PDU.")
                                                 : _("the payload is above the in-capsule size: the target will ask for it with an R2T.")));
  p->o_wire_req = OBJ (s, L, "nvme_tcp_req", _("TCP request (host)"), slots, slots->level + 1,
                         _("qpair tcp_req array"), 1, 0, &sim->bm);
  KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.in_capsule_data_size",
        g_strdup_printf (_("%" PRId64 " bytes advertised by the target"), sim->icd));
  p->send_gen++;
  p->on_wire = TRUE;
  iop_fabric_send_cmd (sim, p, sim->now);
}

void
iop_nvme_tcp_r2t (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Io *io = cmd->io;
  char sz[32];

  REC (io, cmd->leg, IOP_STAGE_NVME_TCP_H2C, io->bt, sim->m->cpu_step_ns, _("Host answers the R2T with H2C data"),
       g_strdup_printf (_("bdev_nvme's poller on %s reads the R2T and queues H2C DATA PDUs for %s, sent from %s."),
                        io->bt->t->name, iop_size_str (cmd->size, sz, sizeof sz),
                        sim->front_tcp ? _("the baremetal TCP target's iobuf buffers, where the guest's data arrived")
                                       : _("the guest's pages, which VFIO-user mapped")));
  iop_fabric_tcp_h2c (sim, cmd);
}

void
iop_nvme_tcp_poll (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;
  Piece *p = &io->pieces[arg & 0xff];
  int L = p->leg;
  guint gen = (guint)arg >> 8;
  Res *slots = p->nreq.qp->wire_slots;
  gint64 before;
  IopStep *s;

  if (!p->on_wire || (gen & 0x3fffff) != (p->send_gen & 0x3fffff))
    return;
  p->on_wire = FALSE;
  REC (io, L, IOP_STAGE_NVME_TCP_POLL, io->bt, sim->m->cpu_step_ns,
       iop_scratch (sim, g_strdup_printf (_("Host reaps replica %c's response"), REPLICA (L))),
       g_strdup_printf (_("bdev_nvme_poll on %s lets the TCP poll group read its sockets and finds the %s."),
                        io->bt->t->name, iop_leg_reads (io, L) ? _("last C2H DATA PDU, flagged as the completion") : _("response PDU")));
  /* nvme_tcp_req_complete: the tcp_req goes back first ... */
  before = slots->level;
  iop_res_put (sim, slots);
  s = REC (io, L, IOP_STAGE_NVME_TCP_REQ_PUT, io->bt, sim->m->cpu_bdev_io_ns, _("TCP request freed first"),
           g_strdup (_("nvme_tcp_req_complete copies the completion, puts the tcp_req back on the qpair (nvme_tcp_req_put) and only then calls nvme_complete_request: unlike RDMA, the transport's request is free before the callbacks run.")));
  FREE (s, &p->o_wire_req, slots, before);
  /* ... then the request and everything above it */
  iop_nvme_complete_request (sim, &p->nreq, IOP_NVME_OK);
}
