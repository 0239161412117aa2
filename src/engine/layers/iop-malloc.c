/* iop-malloc.c: module/bdev/malloc/bdev_malloc.c with the software accel module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev.h"
#include "iop-kernel.h"
#include "iop-malloc.h"
#include "iop-recorder.h"

static void
malloc_done (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  REC (cmd->io, cmd->leg, IOP_STAGE_MALLOC_COMPLETE, cmd->st, sim->m->cpu_step_ns,
       _("malloc bdev I/O done"),
       g_strdup (_("The accel completion poller runs the malloc bdev's callback, malloc_done, which calls spdk_bdev_io_complete: the blobstore's callback runs next, inside this call.")));
  iop_bdev_io_complete (sim, &cmd->dev_io, TRUE, NULL, NULL);
}

void
iop_malloc_submit (Sim *sim, IopBdevIo *bio)
{
  TgtCmd *cmd = bio->owner;
  const IopModel *m = sim->m;
  gint64 copy = cmd->size * 8 / MAX (m->memcpy_gbit, 1);
  char sz[32];

  REC (cmd->io, cmd->leg, IOP_STAGE_MALLOC_SUBMIT, cmd->st, m->cpu_step_ns,
       _("malloc bdev: a memory copy"),
       g_strdup_printf (_("The malloc bdev has no device: %s appends a copy %s its memory to an accel sequence on this thread's accel channel."),
                        cmd->reads ? "bdev_malloc_readv" : "bdev_malloc_writev",
                        cmd->reads ? _("out of") : _("into")));
  /* the software module copies on this reactor: it is busy meanwhile */
  REC (cmd->io, cmd->leg, IOP_STAGE_ACCEL_COPY, cmd->st, copy,
       _("The CPU copies the data"),
       g_strdup_printf (_("The software accel module copies %s with the CPU of %s (%" PRId64 " ns at %" PRId64 " Gbit/s); the reactor does nothing else meanwhile."),
                        iop_size_str (cmd->size, sz, sizeof sz), cmd->st->t->name, copy, m->memcpy_gbit));
  iop_after (sim, m->poll_loop_ns / 2, cmd->st, malloc_done, cmd, 0);
}
