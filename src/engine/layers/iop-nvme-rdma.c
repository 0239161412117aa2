/* iop-nvme-rdma.c: lib/nvme/nvme_rdma.c, the NVMe-oF RDMA initiator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme-ctrlr.h"
#include "iop-fabric.h"
#include "iop-kernel.h"
#include "iop-nvme-rdma.h"
#include "iop-nvme.h"
#include "iop-pool.h"
#include "iop-recorder.h"

#define REPLICA(l) ((char)('A' + (l)))

static void
resubmit (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;

  iop_nvme_rdma_submit (sim, &io->pieces[idx].nreq, TRUE);
}

/* A queued request goes out when a completion has freed a slot: in
 * nvme_qpair_resubmit_requests, after the completions of the pass */
static void
slot_granted (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;

  iop_after (sim, 0, io->bt, resubmit, io, idx);
}

/* nvme_rdma_req_init picks the builder: a write no larger than the target's
 * in-capsule size takes the inline one, which sends inline only a payload of
 * one element and hands any other to the keyed SGL builder */
/* delay_cmd_submit: the SENDs queued during a pass go out at the next
 * bdev_nvme_poll (nvme_rdma_qpair_submit_sends), once the pass is over */
static void
post_sends (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;

  iop_fabric_send_cmd (sim, &io->pieces[idx], sim->now + sim->m->doorbell_batch_ns);
}

static IopStage
build_stage (Piece *p, gboolean fits)
{
  if (fits)
    return p->iovcnt <= 1 ? IOP_STAGE_NVME_RDMA_SUBMIT_INLINE : IOP_STAGE_NVME_RDMA_SUBMIT_INLINE_SGL;
  return p->iovcnt <= 1 ? IOP_STAGE_NVME_RDMA_SUBMIT_KEYED : IOP_STAGE_NVME_RDMA_SUBMIT_KEYED_SGL;
}

void
iop_nvme_rdma_submit (Sim *sim, IopNvmeReq *req, gboolean granted)
{
  const IopModel *m = sim->m;
  Piece *p = req->owner;
  Io *io = p->io;
  int L = p->leg;
  Res *slots = req->qp->wire_slots;
  const gboolean rd = iop_leg_reads (io, L);
  gboolean batch = sim->delay_submit[IOP_HOST_BAREMETAL];
  gboolean fits;
  IopStep *s;
  char sz[32];

  if (!iop_res_take_or_wait (slots, granted, slot_granted, io, p->idx))
    {
      sim->bm.ctr.qpair_queued++;
      s = REC (io, L, IOP_STAGE_NVME_QUEUED, io->bt, 0,
               _("Qpair full: request queued"),
               g_strdup_printf (_("All %" PRId64 " rdma_req slots of this qpair (its queue size minus one, the queue size capped by the target's max_queue_depth) are outstanding: nvme_rdma_qpair_submit_request answers -EAGAIN and nvme_qpair_submit_request puts the request on the qpair's queued list. It is sent again when bdev_nvme_poll has processed completions that freed a slot."),
                                slots->capacity));
      KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth", g_strdup (_("the target's queue depth bounds the host's queue size")));
      return;
    }
  sim->bm.ctr.qpair_slots_max = MAX (sim->bm.ctr.qpair_slots_max, slots->capacity - slots->level);
  fits = !rd && p->size <= sim->icd;
  p->in_capsule = fits && p->iovcnt <= 1;
  s = REC (io, L, build_stage (p, fits), io->bt, m->cpu_step_ns,
           p->in_capsule ? _("RDMA request: the data rides in the capsule")
           : fits ? _("RDMA request: too many pieces to ride inline, keyed SGL")
           : _("RDMA request with a keyed SGL"),
           g_strdup_printf (_("nvme_rdma_qpair_submit_request takes an rdma_req of the qpair (%" PRId64 " of %" PRId64 " left) and nvme_rdma_req_init builds it. %s %s"),
                            slots->level, slots->capacity,
                            p->in_capsule
                            ? _("The write fits the target's in-capsule size: the SEND carries the command and the payload, gathered straight from its buffer, and no memory key is given.")
                            : fits
                            ? iop_scratch (sim, g_strdup_printf (_("The write fits the target's in-capsule size, so the inline builder runs, but its payload is %u separate buffers: it sends inline only a payload of one element and hands this one to the keyed SGL builder. The capsule carries %u keyed SGL descriptors and the target will RDMA READ each one into its own buffers."),
                                                                 p->iovcnt, p->iovcnt))
                            : p->iovcnt <= 1
                            ? (rd ? _("One keyed SGL descriptor (address, length, remote key) describes the read buffer: the target will RDMA WRITE the data into it.")
                                  : _("The write is larger than the target's in-capsule size, so one keyed SGL descriptor lets the target RDMA READ the payload."))
                            : iop_scratch (sim, g_strdup_printf (_("The data is %u separate buffers (%s in all), so the capsule carries %u keyed SGL descriptors after the command: the target will RDMA %s each one."),
                                                                 p->iovcnt, iop_size_str (p->size, sz, sizeof sz), p->iovcnt, rd ? "WRITE" : "READ")),
                            batch ? _("With delay_cmd_submit the SEND is only queued: bdev_nvme_poll posts it when it next runs on this thread, usually right after this poller.")
                                  : _("The SEND is posted at once.")));
  p->o_wire_req = OBJ (s, L, "rdma_req", _("RDMA request + SEND WR (host)"), slots, slots->level + 1,
                       _("qpair rdma_req array"), 1, 0, &sim->bm);
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.delay_cmd_submit",
        g_strdup (batch ? _("the SEND waits for the next bdev_nvme_poll pass, batched with others") : _("SEND posted immediately")));
  KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.in_capsule_data_size",
        g_strdup_printf (p->in_capsule ? _("%" PRId64 " bytes advertised by the target: this write fits")
                         : fits ? _("%" PRId64 " bytes advertised by the target: this write fits, but only a one-buffer payload rides inline")
                         : _("%" PRId64 " bytes advertised by the target"), sim->icd));
  p->send_gen++;
  p->on_wire = TRUE;
  if (sim->faults_on)
    iop_ctrlr_sent (sim, p);
  if (batch)
    iop_at_end (sim, post_sends, io, p->idx);
  else
    iop_fabric_send_cmd (sim, p, sim->now);
}

/* nvme_rdma_req_complete: nvme_complete_request (the whole chain above),
 * then nvme_rdma_req_put */
static void
req_complete (Sim *sim, Piece *p, IopNvmeStatus status)
{
  Io *io = p->io;
  Res *slots = p->nreq.qp->wire_slots;
  gint64 before;
  IopStep *s;

  iop_nvme_complete_request (sim, &p->nreq, status);
  before = slots->level;
  iop_res_put (sim, slots);
  s = REC (io, p->leg, IOP_STAGE_NVME_RDMA_REQ_PUT, io->bt, sim->m->cpu_bdev_io_ns,
           _("The rdma_req goes back last"),
           g_strdup (_("Only when nvme_complete_request and every callback above it have returned does nvme_rdma_req_complete call nvme_rdma_req_put: the rdma_req is free again. A request queued for a slot goes out at the end of this bdev_nvme_poll pass.")));
  FREE (s, &p->o_wire_req, slots, before);
}

void
iop_nvme_rdma_poll (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;
  Piece *p = &io->pieces[arg & 0xff];
  guint gen = (guint)arg >> 8;
  gint64 period = sim->ioq_period_ns[IOP_HOST_BAREMETAL];
  IopStep *s;

  /* the host gave this command up: nothing waits for the answer */
  if (!p->on_wire || (gen & 0x3fffff) != (p->send_gen & 0x3fffff))
    return;
  s = REC (io, p->leg, IOP_STAGE_NVME_RDMA_POLL, io->bt, sim->m->cpu_step_ns,
           iop_scratch (sim, g_strdup_printf (_("Host reaps replica %c's response"), REPLICA (p->leg))),
           g_strdup_printf (_("bdev_nvme_poll on %s polls the RDMA poll group's completion queue and finds the RECV of the response (its SEND's completion came before): nvme_rdma_request_ready calls nvme_rdma_req_complete."),
                            io->bt->t->name));
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.nvme_ioq_poll_period_us",
        g_strdup_printf (period > 0 ? _("polled every %" PRId64 " µs: about half a period of extra latency") : _("%" PRId64 ": polled on every reactor pass"), period / 1000));
  req_complete (sim, p, IOP_NVME_OK);
}

void
iop_nvme_rdma_abort (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;
  Piece *p = &io->pieces[idx];

  if (!p->on_wire)
    return;
  p->on_wire = FALSE;
  req_complete (sim, p, IOP_NVME_ABORTED);
}
