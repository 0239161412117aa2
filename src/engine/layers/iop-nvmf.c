/* iop-nvmf.c: lib/nvmf/ctrlr.c and ctrlr_bdev.c, the NVMf core on either host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev.h"
#include "iop-io.h"
#include "iop-lvol.h"
#include "iop-nvmf-rdma.h"
#include "iop-nvmf-tcp.h"
#include "iop-nvmf.h"
#include "iop-raid1.h"
#include "iop-recorder.h"
#include "iop-vfio-user.h"

TgtCmd *
iop_nvmf_req_new (Sim *sim, Io *io, Piece *p, HostState *hs, ThreadState *st)
{
  TgtCmd *cmd = sim->cmd_free;

  if (cmd != NULL)
    sim->cmd_free = cmd->next_free;
  else
    {
      cmd = g_new (TgtCmd, 1);
      g_ptr_array_add (sim->cmds, cmd);
    }
  memset (cmd, 0, sizeof *cmd);
  cmd->io = io;
  cmd->piece = p;
  cmd->leg = p ? p->leg : -1;
  cmd->gen = p ? p->send_gen : 0;
  cmd->reads = iop_leg_reads (io, cmd->leg);
  cmd->size = p ? p->size : io->size;
  cmd->descriptors = p ? MAX (p->iovcnt, 1) : 1;
  cmd->hs = hs;
  cmd->st = st;
  if (p != NULL)
    {
      cmd->tq = p->tq;
      cmd->sq = p->sq;
      cmd->in_capsule = p->in_capsule;
    }
  cmd->o_tgt_req = cmd->buf.obj = cmd->o_blob_req = cmd->o_tracker = cmd->o_data_wrs = -1;
  cmd->o_alloc_set = cmd->o_alloc_ctx = cmd->o_op_ctx = cmd->o_user_op = -1;
  cmd->lvol_io.obj = cmd->dev_io.obj = cmd->snreq.obj = -1;
  cmd->o_accel_task = cmd->o_accel_seq = -1;
  /* the I/O lives as long as a target holds a request of it */
  iop_io_ref (io);
  return cmd;
}

void
iop_nvmf_req_free (Sim *sim, TgtCmd *cmd)
{
  Io *io = cmd->io;

  cmd->io = NULL;
  cmd->next_free = sim->cmd_free;
  sim->cmd_free = cmd;
  iop_io_unref (sim, io);
}

static void bdev_rw (Sim *sim, gpointer obj, int unused);

void
iop_nvmf_exec (Sim *sim, TgtCmd *cmd)
{
  Io *io = cmd->io;
  const gboolean rd = cmd->reads;
  const IopModel *m = sim->m;
  char sz[32];

  if (cmd->leg < 0)
    {
      REC (io, -1, IOP_STAGE_NVMF_EXEC, cmd->st, m->cpu_step_ns,
           _("NVMf core dispatches the command"),
           g_strdup_printf (_("spdk_nvmf_request_exec checks the controller and namespace; nvmf_ctrlr_process_io_cmd sees an I/O command (%s) for the namespace backed by the RAID1 bdev."),
                            rd ? "Read" : "Write"));
      REC (io, -1, IOP_STAGE_NVMF_BDEV_RW, cmd->st, m->cpu_step_ns,
           rd ? _("Read command becomes a bdev read") : _("Write command becomes a bdev write"),
           g_strdup_printf (_("%s at this LBA, %s long, with the command's iovecs as the data buffer."),
                            rd ? "nvmf_bdev_ctrlr_read_cmd → spdk_bdev_readv_blocks_ext" : "nvmf_bdev_ctrlr_write_cmd → spdk_bdev_writev_blocks_ext",
                            iop_size_str (io->size, sz, sizeof sz)));
    }
  else
    {
      REC (io, cmd->leg, IOP_STAGE_NVMF_EXEC, cmd->st, m->cpu_step_ns,
           _("NVMf core on the storage node"),
           g_strdup_printf (_("The data is in place (%s); spdk_nvmf_request_exec dispatches the I/O to the lvol's namespace."),
                            rd ? _("buffers ready for the read")
                            : cmd->in_capsule ? _("in capsule")
                            : sim->fabric_tcp ? _("H2C data received") : _("RDMA READ completed")));
      REC (io, cmd->leg, IOP_STAGE_NVMF_BDEV_RW, cmd->st, m->cpu_step_ns,
           rd ? _("Read becomes a bdev read on the lvol") : _("Write becomes a bdev write on the lvol"),
           g_strdup_printf (_("%s on the lvol bdev, with %s as its iovecs."),
                            rd ? "nvmf_bdev_ctrlr_read_cmd → spdk_bdev_readv_blocks_ext" : "nvmf_bdev_ctrlr_write_cmd → spdk_bdev_writev_blocks_ext",
                            !rd && cmd->in_capsule ? _("the in-capsule buffer the command arrived in")
                            : _("the transport's iobuf buffers")));
    }
  bdev_rw (sim, cmd, 0);
}

static void nvmf_bdev_complete (Sim *sim, IopBdevIo *bio, gboolean success);

/* spdk_bdev_{readv,writev}_blocks_ext on the namespace's bdev, or
 * spdk_bdev_queue_io_wait when there is no bdev_io */
static void
bdev_rw (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Io *io = cmd->io;
  gboolean front = cmd->leg < 0;
  IopBdevIo *bio = front ? &io->bio : &cmd->lvol_io;

  if (!iop_bdev_get_io (sim, bio, io, cmd->leg, cmd->hs, cmd->st,
                        front ? N_("bdev_io (RAID1 bdev)") : N_("bdev_io (lvol)"),
                        nvmf_bdev_complete, TRUE))
    {
      iop_bdev_queue_io_wait (sim, io, cmd->leg, cmd->st, bdev_rw, cmd, 0,
                              N_("NVMf queues the request with spdk_bdev_queue_io_wait until a bdev_io is freed on this thread."));
      return;
    }
  bio->owner = cmd;
  iop_bdev_submit (sim, bio, front ? iop_raid_submit : iop_lvol_submit,
                   front ? N_("Submit to the RAID module") : N_("Submit to the lvol module"),
                   front ? N_("bdev_io_submit checks for QoS and locked ranges, then calls the RAID bdev's submit_request on this thread.")
                         : N_("bdev_io_submit hands the bdev_io to the lvol vbdev on the same thread."));
}

/* nvmf_bdev_ctrlr_complete_cmd: the request completes first, then the bdev_io is freed */
static void
nvmf_bdev_complete (Sim *sim, IopBdevIo *bio, gboolean success)
{
  TgtCmd *cmd = bio->owner;
  Io *io = bio->io;

  if (cmd->leg < 0)
    REC (io, -1, IOP_STAGE_NVMF_COMPLETE, cmd->st, sim->m->cpu_step_ns,
         success ? _("NVMf completes the request") : _("NVMf completes the request with an error"),
         g_strdup (success ? _("nvmf_bdev_ctrlr_complete_cmd copies the bdev_io's status into the completion and calls spdk_nvmf_request_complete, which hands the request to its transport. It frees the bdev_io only after that returns.")
                           : _("nvmf_bdev_ctrlr_complete_cmd turns the failed bdev_io into an NVMe error status and calls spdk_nvmf_request_complete; the bdev_io is freed after that returns.")));
  else
    REC (io, cmd->leg, IOP_STAGE_NVMF_COMPLETE, cmd->st, sim->m->cpu_step_ns,
         _("NVMf completes on the storage node"),
         g_strdup (_("nvmf_bdev_ctrlr_complete_cmd fills the completion and calls spdk_nvmf_request_complete: the transport sends the response. The lvol bdev_io is freed after that returns.")));
  /* spdk_nvmf_request_complete -> the transport's req_complete */
  if (cmd->leg < 0 && !sim->front_tcp)
    iop_vfu_req_complete (sim, cmd);
  else if ((cmd->leg < 0 && sim->front_tcp) || (cmd->leg >= 0 && sim->fabric_tcp))
    iop_nvmf_tcp_req_complete (sim, cmd);
  else
    iop_nvmf_rdma_req_complete (sim, cmd);
  iop_bdev_free_io (sim, bio);
}
