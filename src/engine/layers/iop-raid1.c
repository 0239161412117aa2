/* iop-raid1.c: module/bdev/raid/bdev_raid.c and raid1.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme.h"
#include "iop-bdev-nvme-ctrlr.h"
#include "iop-bdev.h"
#include "iop-raid1.h"
#include "iop-recorder.h"

#define REPLICA(l) ((char)('A' + (l)))

static void submit_read (Sim *sim, gpointer obj, int unused);
static void submit_write (Sim *sim, gpointer obj, int unused);
static void read_other (Sim *sim, gpointer obj, int unused);
static void correct_read_error (Sim *sim, gpointer obj, int unused);

void
iop_raid_submit (Sim *sim, IopBdevIo *bio)
{
  Io *io = bio->io;
  const gboolean rd = io->op == IOP_OP_READ;

  REC (io, -1, IOP_STAGE_RAID_SUBMIT, io->bt, sim->m->cpu_step_ns,
       _("RAID bdev takes the I/O"),
       g_strdup_printf (_("raid_bdev_submit_request sends the %s to the raid1 module%s."), rd ? "read" : "write",
                        rd ? _(", asking spdk_bdev_io_get_buf for a data buffer first") : ""));
  if (rd)
    {
      iop_bdev_get_buf (sim, bio);
      submit_read (sim, io, -1);
      return;
    }
  {
    IopStep *s = REC (io, -1, IOP_STAGE_RAID1_WRITE, io->bt, sim->m->cpu_step_ns,
                      _("RAID1 fans the write out to every replica"),
                      g_strdup_printf (_("raid1_submit_write_request sends one child write per base bdev (%u replicas), in slot order: each child goes all the way down to its NVMe-oF qpair before the next starts. The write starts as FAILED and turns successful as soon as one leg writes it; the parent completes when every leg has answered."),
                                       io->n_legs));
    if (s)
      sim->trace->split_step = (int)s->index;
  }
  submit_write (sim, io, -1);
}

/* --- Completing the RAID bdev_io ------------------------------------------------- */

/* raid_bdev_io_complete: the parent bdev_io completes towards NVMf */
static void
raid_io_complete (Sim *sim, Io *io)
{
  const gboolean rd = io->op == IOP_OP_READ;
  const char *title;
  char *detail;

  if (io->traced)
    {
      sim->trace->outcome = io->failed ? IOP_OUTCOME_FAILED : io->late ? IOP_OUTCOME_LATE : IOP_OUTCOME_COMPLETED;
      if (io->failed)
        {
          title = _("RAID1 I/O fails");
          detail = g_strdup (_("No replica completed the I/O: spdk_bdev_io_complete reports FAILED and the guest gets an error status for its command."));
        }
      else if (io->legs_failed > 0 && rd && !io->repair_failed)
        {
          /* raid1_correct_read_error_completion with success: nothing is failed out */
          title = _("RAID1 read completes, repaired");
          detail = g_strdup (_("The read failed on one replica and came from another, and the write-back succeeded: every replica stays in the array, and raid_bdev_io_complete reports success, so spdk_bdev_io_complete runs NVMf's callback."));
        }
      else if (io->legs_failed > 0)
        {
          title = _("RAID1 I/O completes, degraded");
          detail = g_strdup_printf (_("%u of %u replica(s) have the data: that is enough for RAID1, so raid_bdev_io_complete reports success and spdk_bdev_io_complete runs NVMf's callback."),
                                    rd ? 1u : io->n_legs - io->legs_failed, rd ? 1u : io->n_legs);
        }
      else
        {
          title = _("RAID1 I/O completes");
          detail = g_strdup_printf (_("All %u leg(s) are done: raid_bdev_io_complete calls spdk_bdev_io_complete on the RAID bdev_io, which runs NVMf's callback on this thread."),
                                    rd ? 1u : io->n_legs);
        }
      /* the join is the parent's completion, recorded next */
      sim->trace->join_step = (int)sim->trace->steps->len;
    }
  else
    {
      title = NULL;
      detail = NULL;
    }
  iop_bdev_io_complete (sim, &io->bio, !io->failed, title, detail);
}

/* raid_bdev_io_complete_part */
static void
complete_part (Sim *sim, Io *io)
{
  io->legs_done++;
  if (io->legs_done == io->n_legs)
    {
      io->failed = io->legs_failed >= io->n_legs;
      raid_io_complete (sim, io);
    }
}

/* --- Writes --------------------------------------------------------------------- */

static void
write_done (Sim *sim, IopBdevIo *child, gboolean success)
{
  Io *io = child->io;
  int L = child->leg;

  if (!success)
    {
      io->legs_failed++;
      io->late = TRUE;
      io->legs[L].failed = TRUE;
      REC (io, L, IOP_STAGE_RAID1_WRITE_LEG_FAILED, io->bt, sim->m->cpu_step_ns,
           iop_scratch (sim, g_strdup_printf (_("Replica %c's write failed"), REPLICA (L))),
           g_strdup_printf (_("raid1_write_bdev_io_completion gets a failed child write: it fails replica %c's base bdev (raid_bdev_fail_base_bdev), frees the child and counts the part as failed. "
                              "A RAID1 write starts as FAILED and turns successful as soon as one leg writes it, so the guest still sees success if another replica has the data (%u of %u legs answered)."),
                            REPLICA (L), io->legs_done + 1, io->n_legs));
      iop_raid_remove_leg (sim, (guint)L, TRUE);
    }
  else
    REC (io, L, IOP_STAGE_RAID1_WRITE_COMPLETE, io->bt, sim->m->cpu_step_ns,
         iop_scratch (sim, g_strdup_printf (_("Replica %c's write done"), REPLICA (L))),
         g_strdup_printf (_("raid1_write_bdev_io_completion frees the child bdev_io, then raid_bdev_io_complete_part counts %u of %u legs done%s."),
                          io->legs_done + 1, io->n_legs,
                          io->legs_done + 1 == io->n_legs ? _(": the parent completes, inside this call") : _(": the parent waits for the others")));
  iop_bdev_free_io (sim, child);
  complete_part (sim, io);
}

/* raid1_submit_write_request, from the first slot not submitted yet */
static void
submit_write (Sim *sim, gpointer obj, int unused)
{
  Io *io = obj;
  for (guint l = 0; l < io->n_legs; l++)
    {
      Leg *leg = &io->legs[l];
      const char *label;

      if (leg->started)
        continue;
      if (sim->leg_removed[l])
        {
          /* a missing base bdev's slot is skipped as a failed part */
          leg->started = TRUE;
          io->legs_failed++;
          REC (io, (int)l, IOP_STAGE_RAID1_WRITE_SKIP, io->bt, 0,
               iop_scratch (sim, g_strdup_printf (_("Replica %c is out of the array: skipped"), REPLICA (l))),
               g_strdup (_("The array runs degraded: this base bdev's slot has no channel, so raid1_submit_write_request counts it as a failed part and writes the other replicas only. The data on the missing replica falls behind until a rebuild.")));
          complete_part (sim, io);
          continue;
        }
      label = io->traced ? iop_scratch (sim, g_strdup_printf (_("bdev_io (write to replica %c)"), REPLICA (l))) : "bdev_io";
      if (!iop_bdev_get_io (sim, &leg->child, io, (int)l, &sim->bm, io->bt, label, write_done, FALSE))
        {
          iop_bdev_queue_io_wait (sim, io, (int)l, io->bt, submit_write, io, (int)l,
                                  N_("raid_bdev_queue_io_wait queues the RAID I/O with spdk_bdev_queue_io_wait; it goes on from this slot when a bdev_io is freed on this thread."));
          return;
        }
      leg->started = TRUE;
      iop_bdev_submit_child (sim, io, (int)l);
    }
}

/* --- Reads ---------------------------------------------------------------------- */

static void
read_done (Sim *sim, IopBdevIo *child, gboolean success)
{
  Io *io = child->io;
  int L = child->leg;
  IopStep *s;

  s = REC (io, L, IOP_STAGE_RAID1_READ_COMPLETE, io->bt, sim->m->cpu_step_ns,
           success ? _("Replica read done") : iop_scratch (sim, g_strdup_printf (_("Read failed on replica %c"), REPLICA (L))),
           success ? g_strdup (_("raid1_read_bdev_io_completion frees the child bdev_io, lowers this channel's outstanding read blocks for the replica, and completes the RAID I/O."))
                   : g_strdup (_("raid1_read_bdev_io_completion frees the child bdev_io and lowers the replica's read count; the read failed, so raid1_read_other_base_bdev tries the other replicas.")));
  (void)s;
  iop_bdev_free_io (sim, child);
  io->bt->read_blocks_outstanding[L] -= io->size / sim->sc->block_size;
  if (!success)
    {
      io->legs[L].failed = TRUE;
      io->late = TRUE;
      io->repair_leg = L;
      read_other (sim, io, -1);
      return;
    }
  if (io->traced)
    sim->trace->served_by = L;
  io->legs_done = io->n_legs;
  raid_io_complete (sim, io);
}

/* raid1_submit_read_request: one base bdev, the least busy on this channel */
static void
submit_read (Sim *sim, gpointer obj, int unused)
{
  Io *io = obj;
  ThreadState *bt = io->bt;
  guint best = 0;
  gboolean any = FALSE;
  IopStep *s;
  const char *label;

  /* raid1_channel_next_read_base_bdev: fewest read blocks outstanding, the
   * first slot on a tie; a slot without a channel does not count */
  for (guint l = 0; l < io->n_legs; l++)
    if (!sim->leg_removed[l] && (!any || bt->read_blocks_outstanding[l] < bt->read_blocks_outstanding[best]))
      best = l, any = TRUE;
  if (!any)
    {
      REC (io, -1, IOP_STAGE_RAID1_READ, bt, sim->m->cpu_step_ns, _("No replica left to read"),
           g_strdup (_("raid1_channel_next_read_base_bdev finds no base bdev on this channel: the read completes as FAILED.")));
      io->failed = TRUE;
      io->legs_failed = io->n_legs;
      raid_io_complete (sim, io);
      return;
    }
  s = REC (io, (int)best, IOP_STAGE_RAID1_READ, bt, sim->m->cpu_step_ns,
           _("RAID1 picks one replica"),
           g_strdup_printf (_("raid1_channel_next_read_base_bdev picks replica %c: %" PRIu64 " read blocks outstanding on this channel, the fewest%s. One child read goes to it."),
                            REPLICA (best), bt->read_blocks_outstanding[best],
                            io->n_legs > 1 && sim->leg_removed[best == 0 ? 1 : 0] ? _(" (the other replica is out of the array)") : _(" (the first slot wins a tie)")));
  if (s)
    sim->trace->split_step = (int)s->index;
  label = io->traced ? iop_scratch (sim, g_strdup_printf (_("bdev_io (read from replica %c)"), REPLICA (best))) : "bdev_io";
  if (!iop_bdev_get_io (sim, &io->legs[best].child, io, (int)best, &sim->bm, bt, label, read_done, FALSE))
    {
      iop_bdev_queue_io_wait (sim, io, (int)best, bt, submit_read, io, (int)best,
                              N_("raid1 could not get a child bdev_io: raid_bdev_queue_io_wait waits on io_wait and submits the read again."));
      return;
    }
  io->read_leg = (int)best;
  io->legs[best].started = TRUE;
  bt->read_blocks_outstanding[best] += io->size / sim->sc->block_size;
  iop_bdev_submit_child (sim, io, (int)best);
}

static void
read_other_done (Sim *sim, IopBdevIo *child, gboolean success)
{
  Io *io = child->io;

  iop_bdev_free_io (sim, child);
  if (!success)
    {
      io->legs[child->leg].failed = TRUE;
      read_other (sim, io, -1);
      return;
    }
  if (io->traced)
    sim->trace->served_by = child->leg;
  /* raid1_correct_read_error: write the good data back where the read failed */
  correct_read_error (sim, io, -1);
}

/* raid1_read_other_base_bdev: the next base bdev that has a channel */
static void
read_other (Sim *sim, gpointer obj, int unused)
{
  Io *io = obj;
  int other = -1;
  const char *label;

  for (guint l = 0; l < io->n_legs; l++)
    if ((int)l != io->repair_leg && !sim->leg_removed[l] && !io->legs[l].failed)
      {
        other = (int)l;
        break;
      }
  REC (io, other >= 0 ? other : io->repair_leg, IOP_STAGE_RAID1_READ_OTHER, io->bt, sim->m->cpu_step_ns,
       other >= 0 ? iop_scratch (sim, g_strdup_printf (_("RAID1 reads replica %c instead"), REPLICA (other)))
                  : _("Read failed on every replica"),
       other >= 0
       ? g_strdup_printf (_("raid1_read_other_base_bdev sends the read to replica %c. When it succeeds, raid1_correct_read_error writes the data back to replica %c; only if that write fails too is replica %c failed out of the array."),
                          REPLICA (other), REPLICA (io->repair_leg), REPLICA (io->repair_leg))
       : g_strdup (_("No other replica is left to read from: raid_bdev_fail_base_bdev fails the replica the read was first sent to, and the RAID bdev_io completes as FAILED.")));
  if (other < 0)
    {
      iop_raid_remove_leg (sim, (guint)io->repair_leg, TRUE);
      io->failed = TRUE;
      io->legs_failed = io->n_legs;
      io->legs_done = io->n_legs;
      raid_io_complete (sim, io);
      return;
    }
  label = io->traced ? iop_scratch (sim, g_strdup_printf (_("bdev_io (read from replica %c)"), REPLICA (other))) : "bdev_io";
  if (!iop_bdev_get_io (sim, &io->legs[other].child, io, other, &sim->bm, io->bt, label, read_other_done, FALSE))
    {
      iop_bdev_queue_io_wait (sim, io, other, io->bt, read_other, io, other,
                              N_("raid1 waits on io_wait for a bdev_io to read the other replica."));
      return;
    }
  io->legs[other].started = TRUE;
  iop_bdev_submit_child (sim, io, other);
}

static void
repair_done (Sim *sim, IopBdevIo *child, gboolean success)
{
  Io *io = child->io;
  int L = child->leg;

  iop_bdev_free_io (sim, child);
  if (!success)
    {
      /* raid1_correct_read_error_completion: the base bdev is failed, the read still succeeds */
      REC (io, L, IOP_STAGE_RAID1_READ_REPAIR, io->bt, sim->m->cpu_step_ns,
           iop_scratch (sim, g_strdup_printf (_("The write-back to replica %c failed"), REPLICA (L))),
           g_strdup_printf (_("raid1_correct_read_error_completion frees the child; the write to replica %c failed, so raid_bdev_fail_base_bdev takes it out of the array. The RAID read itself completes successfully with the other replica's data."),
                            REPLICA (L)));
      io->repair_failed = TRUE;
      iop_raid_remove_leg (sim, (guint)L, TRUE);
    }
  io->repair_leg = -1;
  io->legs_done = io->n_legs;
  raid_io_complete (sim, io);
}

static void
correct_read_error (Sim *sim, gpointer obj, int unused)
{
  Io *io = obj;
  int L = io->repair_leg;
  const char *label;
  IopStep *s;

  s = REC (io, L, IOP_STAGE_RAID1_READ_REPAIR, io->bt, sim->m->cpu_step_ns,
       iop_scratch (sim, g_strdup_printf (_("RAID1 writes the data back to replica %c"), REPLICA (L))),
       g_strdup_printf (_("The read came from another replica, so raid1_correct_read_error writes it back to replica %c, where it failed: a child write to that base bdev, with the data just read."),
                        REPLICA (L)));
  /* this step is raid1_correct_read_error issuing the write, not its completion */
  iop_step_ref_variant (sim, s, "issue");
  label = io->traced ? iop_scratch (sim, g_strdup_printf (_("bdev_io (write-back to replica %c)"), REPLICA (L))) : "bdev_io";
  /* the write-back is a write from here on: its bdev_io comes from
   * bdev_writev_blocks_with_md, and its leg's command carries the data */
  io->legs[L].write_back = TRUE;
  if (!iop_bdev_get_io (sim, &io->legs[L].child, io, L, &sim->bm, io->bt, label, repair_done, FALSE))
    {
      iop_bdev_queue_io_wait (sim, io, L, io->bt, correct_read_error, io, L,
                              N_("raid1 waits on io_wait for a bdev_io to write the data back."));
      return;
    }
  io->legs[L].failed = FALSE;
  iop_bdev_submit_child (sim, io, L);
}

/* --- The array loses a member ------------------------------------------------------- */

static void remove_leg (Sim *sim, guint leg, gboolean failed_io);

/* _raid_bdev_fail_base_bdev when the removal is already under way */
static void
fail_base_scheduled (Sim *sim, guint leg)
{
  const char r = REPLICA (leg);
  IopStep *s;

  s = iop_rec_ctl (sim, IOP_STAGE_RAID_FAIL_BASE, &sim->bm, g_ptr_array_index (sim->bm.threads, 0), (int)leg,
                   iop_scratch (sim, g_strdup_printf (_("RAID1 tries to fail replica %c: its removal is already under way"), r)),
                   g_strdup_printf (_("The message from the failed I/O reaches app_thread: _raid_bdev_fail_base_bdev marks replica %c failed and logs “Failing base bdev in slot %u (…) of raid bdev …”. "
                                      "But the hot-remove has already scheduled this member's removal, so _raid_bdev_remove_base_bdev returns -ENODEV: raid_bdev_fail_base_remove_cb logs “Failed to remove base bdev …” and clears the failed mark again. "
                                      "The removal that is under way goes on; this message changes nothing else."),
                                    r, leg));
  iop_step_ref_variant (sim, s, "scheduled");
}

/* _raid_bdev_fail_base_bdev, on app_thread */
static void
fail_base_msg (Sim *sim, gpointer unused, int leg)
{
  remove_leg (sim, (guint)leg, TRUE);
}

/* The message leaves with the pass that sent it */
static void
fail_base_send (Sim *sim, gpointer unused, int leg)
{
  iop_after (sim, 0, g_ptr_array_index (sim->bm.threads, 0), fail_base_msg, NULL, leg);
}

void
iop_raid_remove_leg (Sim *sim, guint leg, gboolean failed_io)
{
  /* raid_bdev_fail_base_bdev is spdk_thread_exec_msg to app_thread: from
   * a poll group the base bdev is failed once the completion chain that
   * asked for it has returned to the reactor */
  if (failed_io)
    iop_at_end (sim, fail_base_send, NULL, (int)leg);
  else
    remove_leg (sim, leg, FALSE);
}

static void
remove_leg (Sim *sim, guint leg, gboolean failed_io)
{
  const char r = REPLICA (leg);
  ThreadState *app = g_ptr_array_index (sim->bm.threads, 0);
  guint left = 0;

  if (sim->leg_removed[leg])
    {
      /* _raid_bdev_fail_base_bdev after a hot-remove has scheduled the
       * member's removal: is_failed was clear, so it logs, asks for the
       * removal again and gets -ENODEV (remove_scheduled) */
      if (failed_io && !sim->leg_failed[leg])
        fail_base_scheduled (sim, leg);
      return;
    }
  sim->leg_removed[leg] = TRUE;
  sim->leg_failed[leg] = failed_io;
  for (guint l = 0; l < sim->sc->raid_legs; l++)
    left += !sim->leg_removed[l];
  if (failed_io)
    iop_rec_ctl (sim, IOP_STAGE_RAID_FAIL_BASE, &sim->bm, app, (int)leg,
                 iop_scratch (sim, g_strdup_printf (_("RAID1 fails replica %c out of the array"), r)),
                 g_strdup_printf (_("An I/O to replica %c failed, so raid_bdev_fail_base_bdev removes its base bdev (SPDK logs “Failing base bdev in slot %u (…) of raid bdev …”). "
                                    "RAID1 tolerates it: %u of %u base bdevs remain and the array runs degraded. Writes now go to the survivors only, reads are served by them, "
                                    "and replica %c needs a rebuild before it can return."),
                                  r, leg, left, sim->sc->raid_legs, r));
  else
    iop_rec_ctl (sim, IOP_STAGE_RAID_REMOVE_BASE, &sim->bm, app, (int)leg,
                 iop_scratch (sim, g_strdup_printf (_("Replica %c's bdev is gone: RAID1 runs degraded"), r)),
                 g_strdup_printf (_("With every path of replica %c deleted, bdev_nvme unregisters its namespace bdev; the hot-remove event reaches raid_bdev_remove_base_bdev, which starts the removal here: "
                                    "it quiesces the array, and the quiesce waits for every I/O the RAID bdev still has outstanding. Only once they have drained is the base bdev reset and released. %s"
                                    "%u of %u base bdevs remain: the array stays online, degraded, and replica %c needs a rebuild."),
                                  r,
                                  sim->held[leg] > 0
                                  ? iop_scratch (sim, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u I/O for replica %c still waits in bdev_nvme's retry queue, so the removal completes only when it fails and drains. ",
                                                                                 "%u I/Os for replica %c still wait in bdev_nvme's retry queue, so the removal completes only when they fail and drain. ", sim->held[leg]),
                                                                    sim->held[leg], r))
                                  : "",
                                  left, sim->sc->raid_legs, r));
  if (left == 0)
    iop_diag (sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, "module/bdev/raid/bdev_raid.c", NULL,
              g_strdup (_("Every replica of the RAID1 bdev is gone: the volume is offline.")));
  else
    iop_diag (sim, IOP_DIAG_WARNING, IOP_HOST_BAREMETAL, FALSE, "module/bdev/raid/bdev_raid.c", NULL,
              g_strdup_printf (_("RAID1 lost replica %c and runs degraded: it needs a rebuild when the replica returns."), r));
  iop_ctrlr_push_leg_state (sim, leg);
}
