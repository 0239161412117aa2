/* iop-lvol.c: module/bdev/lvol/vbdev_lvol.c, the logical volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "iop-bdev.h"
#include "iop-blobstore.h"
#include "iop-lvol.h"
#include "iop-recorder.h"

void
iop_lvol_submit (Sim *sim, IopBdevIo *bio)
{
  TgtCmd *cmd = bio->owner;

  /* a read: vbdev_lvol_submit_request makes sure it has a buffer first */
  if (cmd->reads)
    iop_bdev_get_buf (sim, bio);
  REC (cmd->io, cmd->leg, IOP_STAGE_LVOL_SUBMIT, cmd->st, sim->m->cpu_step_ns,
       _("lvol turns it into a blob I/O"),
       cmd->reads
       ? g_strdup (_("The buffer is there, so lvol_get_buf_cb calls lvol_read, which calls spdk_blob_io_readv_ext on the lvol's blob with this thread's blobstore channel; lvol_op_comp will complete the bdev_io."))
       : g_strdup (_("vbdev_lvol_submit_request calls lvol_write → spdk_blob_io_writev_ext on the lvol's blob with this thread's blobstore channel; lvol_op_comp will complete the bdev_io.")));
  iop_blob_rw (sim, cmd, FALSE);
}

void
iop_lvol_op_comp (Sim *sim, TgtCmd *cmd, gboolean success)
{
  REC (cmd->io, cmd->leg, IOP_STAGE_LVOL_COMPLETE, cmd->st, sim->m->cpu_step_ns,
       _("lvol completes its bdev_io"),
       g_strdup (g_strcmp0 (sim->sc->hosts[IOP_HOST_STORAGE].backend, "malloc") == 0
                 ? _("lvol_op_comp, the blob I/O's callback, calls spdk_bdev_io_complete on the lvol bdev_io: NVMf's callback runs next, still inside the malloc bdev's completion (malloc_done, called back when the accel copy is done).")
                 : _("lvol_op_comp, the blob I/O's callback, calls spdk_bdev_io_complete on the lvol bdev_io: NVMf's callback runs next, still inside the SSD's completion.")));
  if (cmd->io->traced)
    iop_bdev_io_complete (sim, &cmd->lvol_io, success,
                          _("lvol bdev_io completes"),
                          g_strdup (_("spdk_bdev_io_complete on the lvol bdev_io calls the NVMf target back.")));
  else
    iop_bdev_io_complete (sim, &cmd->lvol_io, success, NULL, NULL);
}
