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
#include "iop-pool.h"
#include "iop-recorder.h"

/* accel_sequence_complete: the task back to the channel's pool
 * (accel_sequence_complete_task), then the sequence (accel_sequence_put),
 * then malloc_sequence_done -> malloc_done */
static void
malloc_done (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  ThreadState *ts = cmd->st;
  gint64 before_t = ts->accel_tasks->level;
  gint64 before_s;
  IopStep *s;

  s = REC (cmd->io, cmd->leg, IOP_STAGE_MALLOC_COMPLETE, cmd->st, sim->m->cpu_step_ns,
           _("malloc bdev I/O done"),
           g_strdup (_("The accel completion poller completes the sequence: accel_sequence_complete puts the copy's task back on this channel's task pool, then the sequence on its sequence pool, and then runs the malloc bdev's callback, malloc_sequence_done, which calls malloc_done, and malloc_done calls spdk_bdev_io_complete: the blobstore's callback runs next, inside this call.")));
  iop_res_put (sim, ts->accel_tasks);
  FREE (s, &cmd->o_accel_task, ts->accel_tasks, before_t);
  before_s = ts->accel_seqs->level;
  iop_res_put (sim, ts->accel_seqs);
  FREE (s, &cmd->o_accel_seq, ts->accel_seqs, before_s);
  iop_bdev_io_complete (sim, &cmd->dev_io, TRUE, NULL, NULL);
}

void
iop_malloc_submit (Sim *sim, IopBdevIo *bio)
{
  TgtCmd *cmd = bio->owner;
  ThreadState *ts = cmd->st;
  const IopModel *m = sim->m;
  gint64 copy = cmd->size * 8 / MAX (m->memcpy_gbit, 1);
  gint64 before_s = ts->accel_seqs->level;
  gint64 before_t;
  char sz[32];
  IopStep *s;

  /* spdk_accel_append_copy: the bdev_io carries no sequence yet, so
   * accel_sequence_get takes one, then accel_sequence_get_task a task. The
   * pools hold 2048 each and one I/O of a thread never exhausts them. */
  ts->accel_seqs->level--;
  before_t = ts->accel_tasks->level;
  ts->accel_tasks->level--;
  s = REC (cmd->io, cmd->leg, IOP_STAGE_MALLOC_SUBMIT, cmd->st, m->cpu_step_ns,
           _("malloc bdev: a memory copy"),
           g_strdup_printf (_("The malloc bdev has no device: %s appends a copy %s its memory to an accel sequence on this thread's accel channel. spdk_accel_append_copy takes a sequence from the channel's sequence pool (the bdev_io brought none) and a task from its task pool. accel_set_options sizes both pools per channel: sequence_count and task_count, 2048 each by default (Iopath does not offer them as knobs)."),
                            cmd->reads ? "bdev_malloc_readv" : "bdev_malloc_writev",
                            cmd->reads ? _("out of") : _("into")));
  cmd->o_accel_seq = OBJ (s, cmd->leg, "accel_sequence", _("accel sequence"), ts->accel_seqs, before_s,
                          _("accel channel's sequence pool"), 1, 0, cmd->hs);
  cmd->o_accel_task = OBJ (s, cmd->leg, "accel_task", _("accel task (copy)"), ts->accel_tasks, before_t,
                           _("accel channel's task pool"), 1, 0, cmd->hs);
  /* the software module copies on this reactor: it is busy meanwhile */
  REC (cmd->io, cmd->leg, IOP_STAGE_ACCEL_COPY, cmd->st, copy,
       _("The CPU copies the data"),
       g_strdup_printf (_("The software accel module copies %s with the CPU of %s (%" PRId64 " ns at %" PRId64 " Gbit/s); the reactor does nothing else meanwhile."),
                        iop_size_str (cmd->size, sz, sizeof sz), cmd->st->t->name, copy, m->memcpy_gbit));
  iop_after (sim, m->poll_loop_ns / 2, cmd->st, malloc_done, cmd, 0);
}
