/* iop-nvme-pcie.c: lib/nvme/nvme_pcie_common.c and the SSD behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme-ctrlr.h"
#include "iop-kernel.h"
#include "iop-nvme-pcie.h"
#include "iop-nvme.h"
#include "iop-pool.h"
#include "iop-recorder.h"

static void
resubmit (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  iop_nvme_pcie_submit (sim, &cmd->snreq, TRUE);
}

static void
tracker_granted (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  iop_after (sim, 0, cmd->st, resubmit, cmd, 0);
}

/* bdev_nvme_poll -> nvme_pcie_qpair_process_completions */
static void
poll_cq (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Res *trackers = cmd->sq->wire_slots;
  gint64 period = sim->ioq_period_ns[IOP_HOST_STORAGE];
  gint64 before;
  IopStep *s;

  s = REC (cmd->io, cmd->leg, IOP_STAGE_NVME_PCIE_POLL, cmd->st, sim->m->cpu_step_ns,
           _("Completion reaped from the SSD"),
           g_strdup_printf (_("bdev_nvme_poll on %s finds the completion entry %s; nvme_pcie_qpair_complete_tracker calls nvme_complete_request, and everything above completes inside that call."),
                            cmd->st->t->name, period > 0 ? _("when its timed poller next runs") : _("on its next pass")));
  KNOB (s, IOP_HOST_STORAGE, "bdev_nvme_set_options.nvme_ioq_poll_period_us",
        g_strdup_printf (period > 0 ? _("polled every %" PRId64 " µs: about half a period of extra latency") : _("%" PRId64 ": polled on every reactor pass"), period / 1000));
  iop_nvme_complete_request (sim, &cmd->snreq, IOP_NVME_OK);
  before = trackers->level;
  iop_res_put (sim, trackers);
  s = REC (cmd->io, cmd->leg, IOP_STAGE_NVME_PCIE_TRACKER_FREE, cmd->st, sim->m->cpu_bdev_io_ns,
           _("The tracker goes back last"),
           g_strdup (_("When the callbacks have returned, nvme_pcie_qpair_complete_tracker puts the tracker back on the qpair's free list: it is the last object of this I/O on the storage node to go, before the transport's own request.")));
  FREE (s, &cmd->o_tracker, trackers, before);
}

static void
device (Sim *sim, TgtCmd *cmd, gint64 t)
{
  const IopModel *m = sim->m;
  HostState *hs = cmd->hs;
  gint64 xfer = cmd->size * 8 / MAX (m->ssd_gbit, 1);
  gint64 start = MAX (t, hs->ssd_busy);
  gint64 period = sim->ioq_period_ns[IOP_HOST_STORAGE];
  gint64 wait = period > 0 ? period / 2 : m->poll_loop_ns / 2;
  gint64 dur, until;
  char sz[32];

  /* the SSD moves data at its own rate, one transfer after another */
  hs->ssd_busy = start + xfer;
  dur = (start - t) + xfer + (cmd->reads ? m->media_read_ns : m->media_write_ns);
  if (sim->faults_on && cmd->leg >= 0 && iop_ctrlr_stalled_at (sim, (guint)cmd->leg, t, &until))
    {
      cmd->io->late = TRUE;
      REC_AT (cmd->io, cmd->leg, IOP_STAGE_MEDIA_STALL, hs, t, until - t,
              _("The SSD stalls the command"),
              g_strdup_printf (_("The SSD of storage node %c has stopped completing commands: this one stays on the device until %s. Nothing on the path fails; everything above waits."),
                               'A' + cmd->leg, iop_scratch (sim, iop_secs (until))));
      dur += until - t;
    }
  else
    REC_AT (cmd->io, cmd->leg, IOP_STAGE_MEDIA, hs, t, dur, _("The SSD does the work"),
            g_strdup_printf (_("The controller fetches the command, moves %s by DMA straight %s and posts a completion entry (%" PRId64 " µs assumed)."),
                             iop_size_str (cmd->size, sz, sizeof sz),
                             cmd->reads ? _("into the transport's iobuf buffers")
                             : cmd->in_capsule ? _("from the in-capsule buffer the command arrived in")
                             : _("from the transport's iobuf buffers"),
                             dur / 1000));
  iop_at (sim, t + dur + wait, cmd->st, poll_cq, cmd, 0);
}

void
iop_nvme_pcie_submit (Sim *sim, IopNvmeReq *req, gboolean granted)
{
  const IopModel *m = sim->m;
  TgtCmd *cmd = req->owner;
  Res *trackers = req->qp->wire_slots;
  gboolean batch = sim->delay_submit[IOP_HOST_STORAGE];
  IopStep *s;

  cmd->sq = req->qp;
  if (!iop_res_take_or_wait (trackers, granted, tracker_granted, cmd, 0))
    {
      s = REC (cmd->io, cmd->leg, IOP_STAGE_NVME_QUEUED, cmd->st, 0,
               _("No free tracker: request queued"),
               g_strdup_printf (_("All %" PRId64 " trackers of the PCIe qpair are outstanding: nvme_pcie_qpair_submit_request answers -EAGAIN and the request waits on the qpair's queued list until a completion frees one."),
                                trackers->capacity));
      (void)s;
      return;
    }
  s = REC (cmd->io, cmd->leg, req->contig ? IOP_STAGE_NVME_PCIE_SUBMIT : IOP_STAGE_NVME_PCIE_SUBMIT_SGL,
           cmd->st, m->pcie_ns,
           _("PCIe submission and doorbell"),
           g_strdup_printf (_("A tracker (%" PRId64 " of %" PRId64 " left) holds the command; %s %s (this SSD is modelled without SGL support, so the PRP column of the build table is used), the entry is copied into the SQ and the doorbell rung%s."),
                            trackers->level, trackers->capacity,
                            req->contig ? "nvme_pcie_qpair_build_contig_request"
                            : sim->sc->version >= IOP_SPDK_V26_05 ? "nvme_pcie_qpair_build_prps_iov_request"
                            : "nvme_pcie_qpair_build_prps_sgl_request",
                            cmd->size <= 4096 ? _("puts the one page in PRP1")
                            : cmd->size <= 8192 ? _("puts the two pages in PRP1 and PRP2")
                            : _("writes the pages after the first into the tracker's PRP list"),
                            batch ? _(" when bdev_nvme_poll next processes this qpair's completions (delay_cmd_submit)") : _(" at once")));
  cmd->o_tracker = OBJ (s, cmd->leg, "nvme_tracker", _("PCIe tracker + SQ entry"), trackers, trackers->level + 1,
                        _("qpair trackers"), 1, 0, cmd->hs);
  KNOB (s, IOP_HOST_STORAGE, "bdev_nvme_set_options.delay_cmd_submit", g_strdup (batch ? _("the doorbell waits for the next completion pass, batched with others") : _("doorbell rung at once")));
  device (sim, cmd, sim->now + (batch ? m->doorbell_batch_ns : 0));
}
