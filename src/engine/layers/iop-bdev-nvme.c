/* iop-bdev-nvme.c: module/bdev/nvme/bdev_nvme.c, the I/O path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme-ctrlr.h"
#include "iop-bdev-nvme.h"
#include "iop-bdev.h"
#include "iop-kernel.h"
#include "iop-nvme.h"
#include "iop-pool.h"
#include "iop-recorder.h"

#define REPLICA(l) ((char)('A' + (l)))
#define MAX_SGL_DESCRIPTORS 16   /* NVME_RDMA_MAX_SGL_DESCRIPTORS, NVME_TCP_MAX_SGL_DESCRIPTORS */

guint
iop_bdev_nvme_max_segments (Sim *sim)
{
  /* nvme_disk_create: the controller's own io_queue_requests / 2 (at least
   * max(512, queue size) / 2, nvme_ctrlr.c; bdev_nvme_set_options sets the
   * qpairs', not the controller's), capped by the controller's max SGEs, 16
   * for an SPDK NVMe-oF controller */
  return MAX_SGL_DESCRIPTORS;
}

/* --- The baremetal: a replica over NVMe-oF ---------------------------------------- */

static void bm_rw_done (Sim *sim, IopNvmeReq *req, IopNvmeStatus status);
static void bm_submit (Sim *sim, gpointer obj, int idx);

static Piece *
piece_of (gpointer obj, int idx)
{
  return &((Io *)obj)->pieces[idx];
}

/* The bdev layer parks a NOMEM'd bdev_io at the head of its shared
 * resource's nomem_io list and retries the list only when no more than
 * nomem_threshold = max(outstanding / 2, outstanding - 8) I/Os are still
 * outstanding (bdev_queue_nomem_io_head, bdev_shared_ch_retry_io). The
 * model counts the qpair's nvme_requests in use as the outstanding I/O. */
#define NOMEM_THRESHOLD_COUNT 8

static gint64
nomem_threshold (Res *r)
{
  gint64 out = r->capacity - r->level;

  return MAX (out / 2, out - NOMEM_THRESHOLD_COUNT);
}

/* A request was given back to the waiter (FN, OBJ, ARG): TRUE when the
 * retry may run now. Below the threshold the request stays on the free
 * list, and the waiter stays first in line: I/O submitted meanwhile queues
 * behind the nomem list, so nothing else takes it. */
static gboolean
nomem_may_retry (Res *r, gint64 thr, IopResumeFn fn, gpointer obj, int arg)
{
  Waiter *w;

  if (r->capacity - r->level - 1 <= thr)
    return TRUE;
  r->level++;
  w = g_new (Waiter, 1);
  w->fn = fn;
  w->obj = obj;
  w->arg = arg;
  g_queue_push_head (&r->waiters, w);
  return FALSE;
}

static void
bm_nomem_retry (Sim *sim, gpointer obj, int idx)
{
  Piece *p = piece_of (obj, idx);

  iop_nvme_ns_cmd (sim, &p->nreq, p->io, p->leg, p->bq, &sim->bm, p->io->bt, p->bio,
                   p->iovcnt <= 1, bm_rw_done, TRUE, p);
}

static void
bm_nomem_granted (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;
  Piece *p = piece_of (obj, idx);

  if (!nomem_may_retry (p->bq->nvme_reqs, p->nomem_thr, bm_nomem_granted, obj, idx))
    return;
  iop_after (sim, 0, io->bt, bm_nomem_retry, io, idx);
}

/* With a path chosen: bdev_nvme_{readv,writev} -> spdk_nvme_ns_cmd_* */
static void
bm_rw (Sim *sim, Piece *p)
{
  Io *io = p->io;
  int L = p->leg;
  IopStep *s;

  s = REC (io, L, IOP_STAGE_BDEV_NVME_SUBMIT, io->bt, sim->m->cpu_step_ns,
           iop_scratch (sim, io->n_parts > 1 ? g_strdup_printf (_("bdev_nvme submits part %d to replica %c"), p->part + 1, REPLICA (L))
                                             : g_strdup_printf (_("bdev_nvme submits to replica %c"), REPLICA (L))),
           g_strdup_printf (_("The bdev_io reaches bdev_nvme_submit_request, which picks the first usable path of replica %c's namespace (%u path(s), active-passive) and this thread's qpair on it; %s builds the command.%s"),
                            REPLICA (L), sim->sc->paths_per_leg, iop_leg_reads (io, L) ? "bdev_nvme_readv" : "bdev_nvme_writev",
                            /* deprecation.md 41-45, bdev_nvme.c 5759 (v26.05 only) */
                            sim->sc->version == IOP_SPDK_V26_05
                            ? _(" At v26.05 bdev_nvme_set_multipath_policy, the RPC that would change the policy, is deprecated (to be removed in v26.09): the policy goes in the multipath_opts of bdev_nvme_attach_controller or bdev_nvme_set_options instead.")
                            : ""));
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.io_path_stat", g_strdup (_("per-path counters")));
  if (!iop_nvme_ns_cmd (sim, &p->nreq, io, L, p->bq, &sim->bm, io->bt, p->bio,
                        p->iovcnt <= 1, bm_rw_done, FALSE, p))
    {
      sim->bm.ctr.nvme_nomem++;
      p->nomem_thr = nomem_threshold (p->bq->nvme_reqs);
      s = REC (io, L, IOP_STAGE_BDEV_NOMEM, io->bt, 0,
               _("No free nvme_request: NOMEM, retried later"),
               g_strdup_printf (_("All %" PRId64 " nvme_request objects of this qpair are in use: the driver returns -ENOMEM, bdev_nvme completes the bdev_io as NOMEM, and the bdev layer parks it at the head of the thread's nomem_io list for the NVMe module. "
                                  "It sets nomem_threshold to max(outstanding / 2, outstanding - 8) = %" PRId64 ": the list is retried when an I/O completes and no more than that many are still outstanding, so %" PRId64 " must complete first."),
                                p->bq->nvme_reqs->capacity, p->nomem_thr, p->bq->nvme_reqs->capacity - p->bq->nvme_reqs->level - p->nomem_thr));
      KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.io_queue_requests", g_strdup (_("the qpair's nvme_request count")));
      iop_res_wait (p->bq->nvme_reqs, bm_nomem_granted, io, p->idx);
    }
}

/* bdev_nvme_io_complete (-ENXIO) with a path that may come back: the retry queue */
static void
bm_hold (Sim *sim, Piece *p)
{
  Io *io = p->io;
  int L = p->leg;
  IopStep *s;

  if (p->held_since < 0)
    p->held_since = sim->now;
  p->held = TRUE;
  io->late = TRUE;
  sim->held[L]++;
  iop_ctrlr_push_leg_state (sim, (guint)L);
  s = REC (io, L, IOP_STAGE_BDEV_NVME_HOLD, io->bt, 0,
           iop_scratch (sim, g_strdup_printf (_("No path to replica %c: the I/O waits"), REPLICA (L))),
           g_strdup_printf (_("bdev_nvme_find_io_path finds no connected path of replica %c's namespace. A path may still come back (its controller is reconnecting), "
                              "so the I/O completes internally with -ENXIO and goes to this channel's retry queue: bdev_nvme resubmits it every second. "
                              "It keeps its bdev_io meanwhile (%u I/O(s) wait for this replica now)."),
                            REPLICA (L), sim->held[L]));
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec",
        sim->ff_sec == 0
        ? g_strdup (_("0: it waits as long as the controller is being reconnected"))
        : g_strdup (_("it waits until this much time has passed since the reset began")));
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.bdev_retry_count",
        g_strdup (_("path errors do not count against it: the wait has no retry limit")));
  /* bdev_nvme_retry_ios runs from a timed poller, never inside this chain */
  iop_after (sim, IOP_NS_PER_S, io->bt, bm_submit, io, p->idx);
}

/* bdev_nvme_submit_request on the baremetal, and every retry of it */
static void
bm_submit (Sim *sim, gpointer obj, int idx)
{
  Piece *p = piece_of (obj, idx);
  Io *io = p->io;
  int L = p->leg;

  if (sim->faults_on)
    {
      int path = iop_ctrlr_pick_path (sim, (guint)L);

      if (p->held)
        {
          p->held = FALSE;
          sim->held[L]--;
          iop_ctrlr_push_leg_state (sim, (guint)L);
        }
      if (path < 0)
        {
          IopStep *s;

          if (iop_ctrlr_leg_may_recover (sim, (guint)L) && sim->retry_count != 0)
            {
              bm_hold (sim, p);
              return;
            }
          s = REC (io, L, IOP_STAGE_BDEV_NVME_IO_FAILED, io->bt, sim->m->cpu_step_ns,
                   iop_scratch (sim, g_strdup_printf (_("Replica %c's I/O fails"), REPLICA (L))),
                   g_strdup_printf (_("No path of replica %c is connected and none may come back (fast_io_fail_timeout_sec has passed, the controller failed or was deleted): "
                                      "any_io_path_may_become_available says no, so bdev_nvme completes the bdev_io as FAILED."),
                                    REPLICA (L)));
          KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec", g_strdup (_("decides when waiting stops")));
          iop_bdev_io_complete (sim, p->bio, FALSE, NULL, NULL);
          return;
        }
      if (p->held_since >= 0)
        {
          if (io->traced)
            {
              g_autofree char *w = iop_secs (sim->now - p->held_since);

              sim->trace->held_ns += sim->now - p->held_since;
              REC (io, L, IOP_STAGE_BDEV_NVME_RETRY, io->bt, sim->m->cpu_step_ns,
                   iop_scratch (sim, g_strdup_printf (_("Retry: replica %c has a path again"), REPLICA (L))),
                   g_strdup_printf (_("bdev_nvme_retry_ios resubmits the I/O from the retry queue after %s of waiting; path %d of replica %c is connected now."),
                                    w, path, REPLICA (L)));
            }
          else
            iop_cpu (sim, sim->m->cpu_step_ns);
          p->held_since = -1;
        }
      iop_ctrlr_use_path (sim, p, path);
    }
  bm_rw (sim, p);
}

/* bdev_nvme_{readv,writev}_done -> bdev_nvme_io_complete_nvme_status */
static void
bm_rw_done (Sim *sim, IopNvmeReq *req, IopNvmeStatus status)
{
  Piece *p = req->owner;
  Io *io = p->io;
  int L = p->leg;
  IopStep *s;

  p->on_wire = FALSE;
  if (status == IOP_NVME_OK)
    {
      REC (io, L, IOP_STAGE_BDEV_NVME_COMPLETE, io->bt, sim->m->cpu_step_ns,
           _("bdev_nvme completes the bdev_io"),
           g_strdup_printf (_("bdev_nvme_%s_done sees a successful status; bdev_nvme_io_complete_nvme_status calls spdk_bdev_io_complete, which runs the callback of whoever submitted it (%s) right here."),
                            iop_leg_reads (io, L) ? "readv" : "writev",
                            io->n_parts > 1 ? _("the split") : _("RAID1")));
      iop_bdev_io_complete (sim, p->bio, TRUE, NULL, NULL);
      return;
    }
  if (p->dnr)
    {
      /* the reset's qpair deletion set Do Not Retry: no retry is considered */
      p->dnr = FALSE;
      s = REC (io, L, IOP_STAGE_BDEV_NVME_ABORT_RETRY, io->bt, sim->m->cpu_step_ns,
               iop_scratch (sim, g_strdup_printf (_("Replica %c: command aborted, Do Not Retry"), REPLICA (L))),
               g_strdup_printf (_("The reset deleted the qpair on path %d with dont_retry set: the command completed as ABORTED - SQ DELETION with the Do Not Retry bit. "
                                  "The nvme_request is already back on the qpair; bdev_nvme_io_complete_nvme_status sees DNR and completes the bdev_io as failed without asking bdev_nvme_check_retry_io."),
                                p->path));
      iop_step_ref_variant (sim, s, "dnr");
      KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.action_on_timeout", g_strdup (_("the reset's Do Not Retry: the command fails")));
      iop_bdev_io_complete (sim, p->bio, FALSE, NULL, NULL);
      return;
    }
  s = REC (io, L, IOP_STAGE_BDEV_NVME_ABORT_RETRY, io->bt, sim->m->cpu_step_ns,
           iop_scratch (sim, g_strdup_printf (_("Replica %c: command aborted"), REPLICA (L))),
           g_strdup_printf (_("The qpair on path %d was deleted with the command still outstanding: it completed as ABORTED - SQ DELETION, a path error. "
                              "The nvme_request is already back on the qpair; bdev_nvme_check_retry_io decides what happens to the I/O."),
                            p->path));
  if (sim->retry_count == 0)
    {
      /* the retry budget is checked before the kind of error: 0 retries nothing */
      KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.bdev_retry_count", g_strdup (_("0: nothing is retried, not even a path error: the I/O fails")));
      iop_bdev_io_complete (sim, p->bio, FALSE, NULL, NULL);
      return;
    }
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.bdev_retry_count", g_strdup (_("not counted: an aborted-by-deletion command is a path error, retried at once on whatever path is usable")));
  /* bdev_nvme_queue_retry_io with no delay: the retry poller runs when this
   * poller's pass (bdev_nvme_poll, with the disconnect callback) has ended */
  iop_after (sim, 0, io->bt, bm_submit, io, p->idx);
}

/* --- A storage node: the local SSD under the blobstore ------------------------- */

static void st_rw_done (Sim *sim, IopNvmeReq *req, IopNvmeStatus status);

/* One buffer or an iovec: the target's buffers, one per io_unit_size
 * (v26.01) or one of the class's size (v26.05), or the request's own
 * in-capsule buffer */
static gboolean
st_contiguous (TgtCmd *cmd)
{
  return cmd->in_capsule || cmd->buf.needed <= 1;
}

static void
st_nomem_retry (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  iop_nvme_ns_cmd (sim, &cmd->snreq, cmd->io, cmd->leg, cmd->sq, cmd->hs, cmd->st, &cmd->dev_io,
                   st_contiguous (cmd), st_rw_done, TRUE, cmd);
}

static void
st_nomem_granted (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  if (!nomem_may_retry (cmd->sq->nvme_reqs, cmd->nomem_thr, st_nomem_granted, obj, 0))
    return;
  iop_after (sim, 0, cmd->st, st_nomem_retry, cmd, 0);
}

static void
st_submit (Sim *sim, IopBdevIo *bio)
{
  TgtCmd *cmd = bio->owner;
  IopStep *s;

  REC (cmd->io, cmd->leg, IOP_STAGE_BDEV_NVME_SUBMIT, cmd->st, sim->m->cpu_step_ns,
       _("bdev_nvme submits to the local SSD"),
       g_strdup_printf (_("bdev_nvme_submit_request on the NVMe bdev below the blobstore: its one path is this thread's PCIe I/O qpair; %s builds the command."),
                        cmd->reads ? "bdev_nvme_readv" : "bdev_nvme_writev"));
  if (!iop_nvme_ns_cmd (sim, &cmd->snreq, cmd->io, cmd->leg, cmd->sq, cmd->hs, cmd->st, bio,
                        st_contiguous (cmd), st_rw_done, FALSE, cmd))
    {
      cmd->hs->ctr.nvme_nomem++;
      cmd->nomem_thr = nomem_threshold (cmd->sq->nvme_reqs);
      s = REC (cmd->io, cmd->leg, IOP_STAGE_BDEV_NOMEM, cmd->st, 0,
               _("No free nvme_request: NOMEM, retried later"),
               g_strdup_printf (_("All %" PRId64 " nvme_request objects of the PCIe qpair are in use: the bdev_io waits at the head of the bdev layer's nomem_io list until no more than nomem_threshold = max(outstanding / 2, outstanding - 8) = %" PRId64 " I/Os are outstanding."),
                                cmd->sq->nvme_reqs->capacity, cmd->nomem_thr));
      KNOB (s, IOP_HOST_STORAGE, "bdev_nvme_set_options.io_queue_requests", g_strdup (_("the qpair's nvme_request count")));
      iop_res_wait (cmd->sq->nvme_reqs, st_nomem_granted, cmd, 0);
    }
}

static void
st_rw_done (Sim *sim, IopNvmeReq *req, IopNvmeStatus status)
{
  TgtCmd *cmd = req->owner;

  REC (cmd->io, cmd->leg, IOP_STAGE_BDEV_NVME_COMPLETE, cmd->st, sim->m->cpu_step_ns,
       _("NVMe status to bdev status"),
       g_strdup_printf (_("bdev_nvme_%s_done turns the NVMe status into a bdev status and calls spdk_bdev_io_complete on the blobstore's bdev_io: the blobstore's callback runs next, inside this call."),
                        cmd->reads ? "readv" : "writev"));
  iop_bdev_io_complete (sim, &cmd->dev_io, status == IOP_NVME_OK, NULL, NULL);
}

void
iop_bdev_nvme_submit (Sim *sim, IopBdevIo *bio)
{
  if (bio->hs->host == IOP_HOST_STORAGE)
    st_submit (sim, bio);
  else
    {
      Piece *p = bio->owner;
      bm_submit (sim, p->io, p->idx);
    }
}
