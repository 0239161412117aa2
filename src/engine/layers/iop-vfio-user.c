/* iop-vfio-user.c: lib/nvmf/vfio_user.c, the guest-facing target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-guest.h"
#include "iop-kernel.h"
#include "iop-nvmf.h"
#include "iop-pool.h"
#include "iop-recorder.h"
#include "iop-vfio-user.h"

static void cmd_req (Sim *sim, gpointer obj, int leg);

void
iop_vfu_poll (Sim *sim, gpointer obj, int unused)
{
  Io *io = obj;
  ThreadState *bt = io->bt;
  IopStep *s;

  s = REC (io, -1, IOP_STAGE_VFU_POLL, bt, sim->m->cpu_step_ns,
           _("Poll group sees the guest's doorbell"),
           g_strdup_printf (_("%s on core %u reads the new SQ tail the guest wrote in shared memory for queue pair %d; nothing is allocated to notice it."),
                            bt->t->name, bt->t->core, io->guest_qp + 1));
  {
    /* nvmf_tgt.c 219 (both tags): with no mask every reactor gets a poll group;
       vfio_user.c nvmf_vfio_user_get_optimal_poll_group picks the group */
    gboolean unset = iop_scenario_get_knob (sim->sc, IOP_HOST_BAREMETAL, "nvmf_set_config.poll_groups_mask") == 0;
    const char *how = sim->sc->version >= IOP_SPDK_V26_05
                      ? _("the group with the fewest queue pairs")
                      : _("in round-robin order, where the controller's admin queue took the first turn");

    KNOB (s, IOP_HOST_BAREMETAL, "nvmf_set_config.poll_groups_mask",
          g_strdup_printf (unset
                           /* Translators: the last %s is "the group with the fewest queue pairs" or "in round-robin order, where ..." */
                           ? _("unset: every reactor core has a poll group; this queue pair joined the one on core %u, %s")
                           : _("picks the cores that have poll groups; this queue pair joined the one on core %u, %s"),
                           bt->t->core, how));
  }
  /* The guest never has more commands outstanding than the queue holds
   * minus one, so the SQ's array always has a free request; should one
   * be missing all the same, the command stays in the SQ until one is. */
  if (!iop_res_take_or_wait (sim->guest_sqs[io->guest_qp], FALSE, cmd_req, io, -1))
    return;
  cmd_req (sim, io, -1);
}

/* handle_cmd_req: with a request of the SQ's array in hand */
static void
cmd_req (Sim *sim, gpointer obj, int leg)
{
  Io *io = obj;
  Res *sq = sim->guest_sqs[io->guest_qp];
  gint64 pages = (io->size + 4095) / 4096;
  TgtCmd *cmd;
  IopStep *s;

  s = REC (io, -1, IOP_STAGE_VFU_CMD_REQ, io->bt, sim->m->cpu_step_ns,
           _("Take a VFIO-user request, map guest memory"),
           g_strdup_printf (_("A request of the SQ's own array is taken (%" PRId64 " of %" PRId64 " left) and the command's %" PRId64 " guest page(s) are mapped into iovecs: the payload stays in guest memory, no copy and no transport buffer."),
                            sq->level, sq->capacity, pages));
  cmd = io->front = iop_nvmf_req_new (sim, io, NULL, &sim->bm, io->bt);
  io->iovcnt = (guint)pages;   /* one iovec per PRP entry, never merged */
  cmd->o_tgt_req = OBJ (s, -1, "nvmf_vfio_user_req", _("VFIO-user request"), sq, sq->level + 1,
                        _("the SQ's request array"), 1, 0, &sim->bm);
  KNOB (s, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_queue_depth",
        g_strdup_printf (_("%" PRId64 " requests per queue pair"), sq->capacity));
  KNOB (s, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_io_qpairs_per_ctrlr", g_strdup (_("how many such queue pairs the guest may create")));
  KNOB (s, IOP_HOST_BAREMETAL, "nvmf_create_transport.num_shared_buffers", g_strdup (_("0 on VFIO-user: guest memory is the buffer")));
  iop_nvmf_exec (sim, cmd);
}

void
iop_vfu_req_complete (Sim *sim, TgtCmd *cmd)
{
  Io *io = cmd->io;
  Res *sq = sim->guest_sqs[io->guest_qp];
  gint64 before = sq->level;
  IopStep *s;

  iop_res_put (sim, sq);
  s = REC (io, -1, IOP_STAGE_VFU_COMPLETE, io->bt, sim->m->cpu_step_ns,
           _("Completion posted into the guest"),
           g_strdup (_("nvmf_vfio_user_req_complete runs handle_cmd_rsp, which unmaps the guest pages and has post_completion write the CQ entry straight into guest memory and signal the guest's interrupt; then the request goes back to the SQ's array.")));
  FREE (s, &cmd->o_tgt_req, sq, before);
  io->front = NULL;
  iop_guest_complete (sim, io, sim->now + sim->m->guest_interrupt_ns);
  iop_nvmf_req_free (sim, cmd);
}
