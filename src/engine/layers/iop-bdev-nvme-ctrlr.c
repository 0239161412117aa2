/* iop-bdev-nvme-ctrlr.c: bdev_nvme's controllers and paths (faults)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme-ctrlr.h"
#include "iop-kernel.h"
#include "iop-nvme-rdma.h"
#include "iop-pool.h"
#include "iop-raid1.h"
#include "iop-recorder.h"
#include "iop-startup.h"

#define REPLICA(l) ((char)('A' + (l)))
#define B IOP_HOST_BAREMETAL

Ctrlr *
iop_ctrlr_of (Sim *sim, guint leg, int path)
{
  return &sim->ctrlrs[leg * sim->sc->paths_per_leg + (guint)path];
}

gboolean
iop_ctrlr_link_up (Sim *sim, guint leg, guint path, gint64 t)
{
  for (guint i = 0; i < sim->sc->faults->len; i++)
    if (!iop_fault_link_up (&g_array_index (sim->sc->faults, IopFault, i), leg, path, t))
      return FALSE;
  return TRUE;
}

gboolean
iop_ctrlr_stalled_at (Sim *sim, guint leg, gint64 t, gint64 *until)
{
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      if (f->kind == IOP_FAULT_STALL && f->leg == leg && t >= f->at_ns && (f->until_ns == 0 || t < f->until_ns))
        {
          *until = f->until_ns > 0 ? f->until_ns : sim->horizon_ns + 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* The thread the controller's work shows on: the traced I/O's poll group
 * for what its qpair sees, app_thread for the controller itself */
static ThreadState *
io_thread (Sim *sim)
{
  return sim->traced ? sim->traced->bt : g_ptr_array_index (sim->bm.threads, MIN (1, sim->bm.threads->len - 1));
}

static ThreadState *
app_thread (Sim *sim)
{
  return g_ptr_array_index (sim->bm.threads, 0);
}

static void
schedule_ctl (Sim *sim, IopEventFn fn, Ctrlr *c, gint64 at)
{
  at = MAX (at, sim->now);
  if (at > sim->horizon_ns)
    return;
  if (sim->ctl_stop_ns > 0 && at > sim->ctl_stop_ns)
    return;
  iop_at (sim, at, NULL, fn, c, (int)c->gen);
}

static void
push_path_state (Sim *sim, Ctrlr *c)
{
  IopPathState ps = { 0 };
  gint64 ctl = sim->ctl_sec;
  gint64 ff = sim->ff_sec;

  if (sim->wl != NULL)
    return;
  ps.t_ns = sim->now;
  ps.leg = c->leg;
  ps.path = c->path;
  ps.link_up = iop_ctrlr_link_up (sim, c->leg, c->path, sim->now);
  ps.qpair_up = c->qpair_up;
  ps.state = c->state;
  ps.next_attempt_ns = c->state == IOP_CTRLR_DELAYED || c->state == IOP_CTRLR_RESETTING ? c->next_attempt : -1;
  ps.loss_at_ns = c->reset_start >= 0 && ctl > 0 && c->state != IOP_CTRLR_DELETED ? c->reset_start + ctl * IOP_NS_PER_S : -1;
  ps.fast_fail_at_ns = c->reset_start >= 0 && ff > 0 && !c->fast_fail && c->state != IOP_CTRLR_DELETED ? c->reset_start + ff * IOP_NS_PER_S : -1;
  g_array_append_val (sim->trace->path_states, ps);
}

void
iop_ctrlr_push_leg_state (Sim *sim, guint leg)
{
  IopLegState ls = { sim->now, leg, sim->leg_removed[leg], sim->held[leg] };

  if (sim->wl == NULL && sim->faults_on)
    g_array_append_val (sim->trace->leg_states, ls);
}

/* nvme_ctrlr_is_failed: no path of this controller will come back by itself */
static gboolean
ctrlr_failed (Sim *sim, Ctrlr *c)
{
  if (c->state == IOP_CTRLR_DELETED || c->fast_fail)
    return TRUE;
  if (c->state == IOP_CTRLR_RESETTING)
    return sim->rd_sec == 0;
  if (c->state == IOP_CTRLR_DELAYED)
    return FALSE;
  return c->state == IOP_CTRLR_FAILED;
}

gboolean
iop_ctrlr_leg_may_recover (Sim *sim, guint leg)
{
  for (guint p = 0; p < sim->sc->paths_per_leg; p++)
    {
      Ctrlr *c = iop_ctrlr_of (sim, leg, (int)p);
      if (c->qpair_up || !ctrlr_failed (sim, c))
        return TRUE;
    }
  return FALSE;
}

/* bdev_nvme_find_io_path: the first connected path (the cache is cleared on
 * every reset, so traffic fails back to path 0 when it returns) */
int
iop_ctrlr_pick_path (Sim *sim, guint leg)
{
  for (guint p = 0; p < sim->sc->paths_per_leg; p++)
    {
      Ctrlr *c = iop_ctrlr_of (sim, leg, (int)p);
      if (c->qpair_up && c->state == IOP_CTRLR_CONNECTED)
        return (int)p;
    }
  return -1;
}

void
iop_ctrlr_use_path (Sim *sim, Piece *p, int path)
{
  if (path == p->path)
    return;
  p->path = path;
  iop_startup_connect (sim, p);
}

/* --- Timeouts (timeout_us, action_on_timeout) -------------------------------------- */

static gboolean reset_mark (Sim *sim, Ctrlr *c);
static void start_attempt (Sim *sim, Ctrlr *c);
static gboolean other_path_up (Sim *sim, Ctrlr *c);

/* bdev_nvme_reset_ctrlr for a timed-out command: timeout_cb itself
 * (action reset at v26.01, on the poll group), or app_thread (every reset
 * at v26.05 goes there as a message; nvme_abort_cpl runs on app_thread's
 * admin queue poller). Its qpairs are then deleted on their own threads
 * with Do Not Retry set (dont_retry), which aborts the command. */
static void
timeout_reset (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;
  Piece *p = &io->pieces[idx];
  int L = p->leg;
  Ctrlr *c = iop_ctrlr_of (sim, (guint)L, p->path);
  gboolean v26_01 = sim->sc->version == IOP_SPDK_V26_01;
  gboolean by_abort = sim->timeout_action == 2;
  IopStep *s;

  if (!reset_mark (sim, c))
    return;
  if (c->reset_start < 0)
    c->reset_start = sim->now;
  s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_RESET_START, &sim->bm, sim->running, L,
                   iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: controller reset begins"), REPLICA (L), c->path)),
                   g_strdup_printf (_("%s bdev_nvme_reset_ctrlr marks the controller resetting, keeps the reset's start time and sets dont_retry: "
                                      "_bdev_nvme_reset_ctrlr on app_thread then deletes its qpairs on every thread with Do Not Retry, so the commands they hold fail instead of being retried, and a reconnect starts. "
                                      "fast_io_fail_timeout_sec and ctrlr_loss_timeout_sec count from here. %s %s"),
                                    by_abort ? _("The Abort command's answer came back on the admin queue: “not aborted”. nvme_abort_cpl, on app_thread's admin queue poller, logs “Specified command could not be aborted.” and asks for a reset.")
                                             : _("action_on_timeout is reset: timeout_cb asks for a reset, not a failover."),
                                    by_abort ? (v26_01 ? _("At v26.01 it calls bdev_nvme_reset_ctrlr right there.") : _("At v26.05 it sends bdev_nvme_reset_ctrlr_msg to app_thread, which runs it."))
                                             : (v26_01 ? _("At v26.01 timeout_cb calls bdev_nvme_reset_ctrlr itself on the poll group's thread, under the controller's mutex, and only _bdev_nvme_reset_ctrlr goes to app_thread.")
                                                       : _("At v26.05 timeout_cb sends the request to app_thread (bdev_nvme_reset_ctrlr_async), which owns the controller's state.")),
                                    other_path_up (sim, c) ? _("The other path of this namespace is still connected, so new I/O goes there meanwhile.")
                                                          : _("No other path of this namespace is connected: I/O for this replica waits in bdev_nvme's retry queue.")));
  iop_step_ref_variant (sim, s, "timeout");
  KNOB (s, B, "bdev_nvme_set_options.action_on_timeout", g_strdup (_("a reset with Do Not Retry: the timed-out command fails")));
  KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", g_strdup (_("counted from this moment")));
  start_attempt (sim, c);
  /* bdev_nvme_reset_destroy_qpair on the command's poll group */
  if (p->on_wire)
    {
      p->dnr = TRUE;
      iop_after (sim, 0, io->bt, iop_nvme_rdma_abort, io, idx);
    }
}

static void
timeout (Sim *sim, gpointer obj, int idx)
{
  Io *io = obj;
  Piece *p = &io->pieces[idx];
  int L = p->leg;
  Ctrlr *c = iop_ctrlr_of (sim, (guint)L, p->path);
  gint64 action = sim->timeout_action;
  gboolean v26_01 = sim->sc->version == IOP_SPDK_V26_01;
  IopStep *s;

  if (!p->on_wire || p->attempt != c->epoch)
    return;
  s = iop_rec_ctl (sim, IOP_STAGE_NVME_TIMEOUT, &sim->bm, io->bt, L,
                   iop_scratch (sim, g_strdup_printf (_("Replica %c: the command timed out"), REPLICA (L))),
                   g_strdup_printf (_("The command has been outstanding for timeout_us: the driver calls bdev_nvme's timeout callback, which logs “Warning: Detected a timeout. ctrlr:…,qpair:…,cid:…”. %s"),
                                    action == 0 ? _("action_on_timeout is none: nothing else happens and the command keeps waiting.")
                                    : action == 1 ? _("action_on_timeout is reset: bdev_nvme resets the controller. A reset asked for this way sets dont_retry, so the commands its qpairs still hold are aborted with Do Not Retry and fail instead of being retried.")
                                    : _("action_on_timeout is abort: an Abort command goes to the target on the admin queue, and the command keeps waiting for its answer. The command is executing on the lvol, which has no abort, so the target will answer “not aborted”, and bdev_nvme will reset the controller.")));
  KNOB (s, B, "bdev_nvme_set_options.timeout_us", g_strdup (_("how long a command may be outstanding")));
  KNOB (s, B, "bdev_nvme_set_options.action_on_timeout",
        g_strdup (action == 0 ? _("none: the warning only")
                  : iop_leg_reads (io, L) ? _("the reset it leads to fails the command: RAID1 then reads the other replica and writes the data back, failing this one out only if that write fails")
                  : _("the reset it leads to fails the command: under RAID1 the replica is failed out")));
  iop_diag (sim, IOP_DIAG_WARNING, B, TRUE, "module/bdev/nvme/bdev_nvme.c", "bdev_nvme_set_options.timeout_us",
            g_strdup ("Warning: Detected a timeout. ctrlr:%p,qpair:%p,cid:%u"));
  if (action == 1)
    {
      if (v26_01)
        timeout_reset (sim, io, idx);
      else
        iop_after (sim, 0, app_thread (sim), timeout_reset, io, idx);
    }
  else if (action == 2 && iop_ctrlr_link_up (sim, (guint)L, (guint)p->path, sim->now))
    {
      /* spdk_nvme_ctrlr_cmd_abort: the Abort's round trip on the admin
       * queue, then nvme_abort_cpl on app_thread. Over a dead link no
       * answer comes: the transport's own detection resets the controller */
      gint64 rtt = 2 * sim->m->rdma_one_way_ns + 4 * sim->m->cpu_step_ns;
      iop_at (sim, sim->now + rtt, app_thread (sim), timeout_reset, io, idx);
    }
}

void
iop_ctrlr_sent (Sim *sim, Piece *p)
{
  p->attempt = iop_ctrlr_of (sim, (guint)p->leg, p->path)->epoch;
  /* nvme_qpair_check_timeouts runs while the poll group polls the qpair */
  if (sim->timeout_us > 0 && p->io->traced)
    iop_after (sim, sim->timeout_us * 1000, p->io->bt, timeout, p->io, p->idx);
}

gboolean
iop_ctrlr_response_gets_through (Sim *sim, Piece *p, gint64 t)
{
  Ctrlr *c = iop_ctrlr_of (sim, (guint)p->leg, p->path);

  return iop_ctrlr_link_up (sim, (guint)p->leg, (guint)p->path, t) && c->qpair_up && p->attempt == c->epoch;
}

/* --- Lost sends -------------------------------------------------------------------- */

static void detect (Sim *sim, gpointer obj, int gen);

/* The first lost send gives up after every retransmission; an earlier
 * detection replaces a later one (the keep-alive's) */
static void
detect_later (Sim *sim, Ctrlr *c, gint64 first_send)
{
  gint64 at = first_send + sim->detect_ns;

  if (!c->qpair_up || (c->detect_pending && c->detect_at <= at))
    return;
  c->by_keepalive = FALSE;
  c->detect_pending = TRUE;
  c->detect_at = at;
  schedule_ctl (sim, detect, c, at);
}

void
iop_ctrlr_strand (Sim *sim, Piece *p, IopResumeFn redeliver)
{
  Ctrlr *c = iop_ctrlr_of (sim, (guint)p->leg, p->path);

  if (!c->qpair_up || p->attempt != c->epoch)
    {
      /* the qpair it went out on is already torn down: aborted at once */
      iop_after (sim, 0, p->io->bt, iop_nvme_rdma_abort, p->io, p->idx);
      return;
    }
  iop_queue_wait (&c->stranded, redeliver, p->io, p->idx);
  if (c->strand_first < 0)
    c->strand_first = sim->now;
  detect_later (sim, c, sim->now);
}

/* The qpair is gone: every command lost on it completes as aborted while
 * its poll group disconnects it (nvme_rdma_qpair_abort_reqs), before the
 * disconnected-qpair callback asks for a reset */
static void
abort_stranded (Sim *sim, Ctrlr *c)
{
  Waiter *w;

  while ((w = g_queue_pop_head (&c->stranded)) != NULL)
    {
      Io *io = w->obj;
      int idx = w->arg;

      g_free (w);
      iop_nvme_rdma_abort (sim, io, idx);
    }
}

/* --- Resets and reconnects ----------------------------------------------------------- */

static void connect_done (Sim *sim, gpointer obj, int gen);
static void reconnect (Sim *sim, gpointer obj, int gen);
static void keep_alive_drop (Sim *sim, gpointer obj, int gen);

static void
start_attempt (Sim *sim, Ctrlr *c)
{
  const IopModel *m = sim->m;
  gboolean up = iop_ctrlr_link_up (sim, c->leg, c->path, sim->now);
  gint64 cm = iop_knob (sim, B, "bdev_nvme_set_options.rdma_cm_event_timeout_ms");
  gint64 ctl = sim->ctl_sec;
  gint64 end;

  c->state = IOP_CTRLR_RESETTING;
  c->attempts++;
  /* a connect to a dead address ends when the connection manager gives up */
  end = sim->now + (up ? m->reconnect_ns : (cm > 0 ? cm * 1000000 : m->connect_fail_ns));
  /* bdev_nvme_reconnect_ctrlr_poll checks ctrlr_loss_timeout_sec while the
   * attempt runs: past it, the controller is failed and the attempt ends */
  c->loss_cut = FALSE;
  if (ctl > 0 && c->reset_start >= 0 && end > c->reset_start + ctl * IOP_NS_PER_S)
    {
      end = MAX (sim->now, c->reset_start + ctl * IOP_NS_PER_S);
      c->loss_cut = TRUE;
    }
  c->next_attempt = end;
  schedule_ctl (sim, connect_done, c, c->next_attempt);
  push_path_state (sim, c);
}

/* The qpairs go down for a reset: FALSE when the controller is gone or a
 * reset is already under way */
static gboolean
reset_mark (Sim *sim, Ctrlr *c)
{
  if (c->state == IOP_CTRLR_DELETED)
    return FALSE;
  c->qpair_up = FALSE;
  c->epoch++;
  c->gen++;
  c->detect_pending = FALSE;
  c->strand_first = -1;
  return c->state != IOP_CTRLR_RESETTING && c->state != IOP_CTRLR_DELAYED;
}

static gboolean
other_path_up (Sim *sim, Ctrlr *c)
{
  for (guint p = 0; p < sim->sc->paths_per_leg; p++)
    if (p != c->path && iop_ctrlr_pick_path (sim, c->leg) >= 0)
      return TRUE;
  return FALSE;
}

/* The failover itself: bdev_nvme_failover_ctrlr (v26.01, under the
 * controller's mutex, wherever it is called) or bdev_nvme_start_ctrlr_failover
 * (v26.05, on app_thread): resetting, reset_start_tsc, _bdev_nvme_reset_ctrlr */
static void
failover_begin (Sim *sim, Ctrlr *c, IopStep *s)
{
  if (c->reset_start < 0)
    c->reset_start = sim->now;
  KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", g_strdup (_("counted from this moment")));
  KNOB (s, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec", g_strdup (_("counted from this moment")));
  start_attempt (sim, c);
}

/* v26.05: bdev_nvme_failover_ctrlr_msg on app_thread */
static void
failover_msg (Sim *sim, gpointer obj, int gen)
{
  Ctrlr *c = obj;
  IopStep *s;

  if ((guint)gen != c->gen || c->state == IOP_CTRLR_DELETED || c->state == IOP_CTRLR_RESETTING || c->state == IOP_CTRLR_DELAYED)
    return;
  s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_RESET_START, &sim->bm, app_thread (sim), (int)c->leg,
                   iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: failover on app_thread"), REPLICA (c->leg), c->path)),
                   g_strdup_printf (_("The message reaches app_thread, which owns the controller's state at v26.05: bdev_nvme_failover_ctrlr calls bdev_nvme_start_ctrlr_failover, which marks the controller resetting, keeps the reset's start time "
                                      "(fast_io_fail_timeout_sec and ctrlr_loss_timeout_sec count from here) and runs _bdev_nvme_reset_ctrlr: its qpairs are deleted on every thread and a reconnect starts. %s"),
                                    other_path_up (sim, c) ? _("The other path of this namespace is still connected, so new I/O goes there meanwhile.")
                                                          : _("No other path of this namespace is connected: I/O for this replica waits in bdev_nvme's retry queue.")));
  iop_step_ref_variant (sim, s, "failover");
  failover_begin (sim, c, s);
}

/* bdev_nvme_disconnected_qpair_cb (on the poll group that polled the qpair)
 * or bdev_nvme_poll_adminq (app_thread) -> a failover */
static void
start_reset (Sim *sim, Ctrlr *c, const char *why)
{
  const char r = REPLICA (c->leg);
  gboolean v26_01 = sim->sc->version == IOP_SPDK_V26_01;
  gboolean other;
  IopStep *s;

  if (!reset_mark (sim, c))
    return;
  other = other_path_up (sim, c);
  if (c->by_keepalive)
    {
      /* the admin queue poller runs on app_thread and calls
       * bdev_nvme_failover_ctrlr directly at both tags */
      s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_ADMINQ_FAILOVER, &sim->bm, app_thread (sim), (int)c->leg,
                       iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: controller reset begins"), r, c->path)),
                       g_strdup_printf (_("%s bdev_nvme_poll_adminq, app_thread's admin queue poller, sees the admin queue fail and calls bdev_nvme_failover_ctrlr, which resets this path's controller: its qpairs are deleted on every thread and a reconnect starts. "
                                          "The reset's start time is kept: fast_io_fail_timeout_sec and ctrlr_loss_timeout_sec count from here. %s %s"),
                                        why,
                                        v26_01
                                        ? _("The admin poller runs on app_thread, the thread that created the controller, and calls bdev_nvme_failover_ctrlr directly; at v26.01 that takes the controller's mutex and sends the reset to app_thread as a message.")
                                        : _("The admin poller runs on app_thread, the thread that created the controller, and calls bdev_nvme_failover_ctrlr directly; at v26.05 that function requires app_thread and takes no mutex."),
                                        other ? _("The other path of this namespace is still connected, so new I/O goes there meanwhile.")
                                              : _("No other path of this namespace is connected: I/O for this replica waits in bdev_nvme's retry queue.")));
      failover_begin (sim, c, s);
      return;
    }
  s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_RESET_START, &sim->bm, io_thread (sim), (int)c->leg,
                   iop_scratch (sim, v26_01 ? g_strdup_printf (_("Replica %c path %u: controller reset begins"), r, c->path)
                                            : g_strdup_printf (_("Replica %c path %u: failover asked for"), r, c->path)),
                   v26_01
                   ? g_strdup_printf (_("%s bdev_nvme_disconnected_qpair_cb runs in this poll, right after the aborts, and, at v26.01, calls bdev_nvme_failover_ctrlr itself under the controller's mutex: "
                                        "the controller is marked resetting, the reset's start time is kept (fast_io_fail_timeout_sec and ctrlr_loss_timeout_sec count from here) and _bdev_nvme_reset_ctrlr is sent to app_thread, "
                                        "which deletes its qpairs on every thread and starts a reconnect. %s"),
                                      why,
                                      other ? _("The other path of this namespace is still connected, so new I/O goes there meanwhile.")
                                            : _("No other path of this namespace is connected: I/O for this replica waits in bdev_nvme's retry queue."))
                   : g_strdup_printf (_("%s bdev_nvme_disconnected_qpair_cb runs in this poll, right after the aborts; at v26.05 the controller's state lives on app_thread, so it only sends the failover there (bdev_nvme_failover_ctrlr_async) and returns."),
                                      why));
  if (v26_01)
    failover_begin (sim, c, s);
  else
    iop_after (sim, 0, app_thread (sim), failover_msg, c, (int)c->gen);
}

/* bdev_nvme_reset_ctrlr_complete (..., false) and what comes after */
static void
reset_failed (Sim *sim, Ctrlr *c)
{
  gint64 rd = sim->rd_sec;
  gint64 ctl = sim->ctl_sec;
  gint64 ff = sim->ff_sec;
  gint64 elapsed = (sim->now - c->reset_start) / IOP_NS_PER_S;   /* whole seconds, as SPDK */
  g_autofree char *el = iop_secs (sim->now - c->reset_start);
  const char r = REPLICA (c->leg);
  gboolean newly_fast_fail = FALSE;
  IopStep *s;

  if (ff != 0 && elapsed >= ff && !c->fast_fail)
    c->fast_fail = newly_fast_fail = TRUE;
  s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_RESET_FAILED, &sim->bm, app_thread (sim), (int)c->leg,
                   iop_scratch (sim, g_strdup_printf (_("Reconnect to replica %c path %u failed"), r, c->path)),
                   c->loss_cut
                   ? g_strdup_printf (_("Attempt %u is cut short: bdev_nvme_reconnect_ctrlr_poll finds ctrlr_loss_timeout_sec passed while it runs and fails the controller. bdev_nvme logs “Resetting controller failed.” %s since the reset began."),
                                      c->attempts, el)
                   : g_strdup_printf (_("Attempt %u found no answer on the path. bdev_nvme logs “Resetting controller failed.” %s since the reset began; SPDK compares whole seconds: %" PRId64 "."),
                                      c->attempts, el, elapsed));
  KNOB (s, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec",
        ff == 0 ? g_strdup (_("0: I/O never fails fast; it waits for the reconnect or the controller's deletion"))
        : newly_fast_fail ? g_strdup_printf (_("%" PRId64 " s have passed: fast_io_fail_timedout is set, and I/O waiting for this path fails at its next retry"), ff)
        : c->fast_fail ? g_strdup (_("already passed: I/O to this path fails"))
        : g_strdup_printf (_("%" PRId64 " s not reached yet: I/O keeps waiting"), ff));
  if (newly_fast_fail)
    iop_diag (sim, IOP_DIAG_WARNING, B, FALSE, "module/bdev/nvme/bdev_nvme.c", "bdev_nvme_set_options.fast_io_fail_timeout_sec",
              g_strdup_printf (_("fast_io_fail_timeout_sec (%" PRId64 " s) passed on replica %c path %u: I/O that needs it now fails instead of waiting."), ff, r, c->path));
  if (rd == 0)
    {
      /* OP_NONE: no delayed reconnect is scheduled, and I/O to this controller
       * fails. The admin queue poller is not paused, though: on the failed
       * controller it reports an error and bdev_nvme_poll_adminq starts
       * another failover at its next run */
      gint64 period = iop_knob (sim, B, "bdev_nvme_set_options.nvme_adminq_poll_period_us") * 1000;

      c->state = IOP_CTRLR_FAILED;
      c->next_attempt = sim->now + MAX (period, 1000);
      KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec",
            g_strdup (_("0: no delayed reconnect; the controller counts as failed and its I/O fails at once")));
      KNOB (s, B, "bdev_nvme_set_options.nvme_adminq_poll_period_us",
            g_strdup (_("the admin queue poller finds the controller failed at its next run and starts another reset")));
      schedule_ctl (sim, reconnect, c, c->next_attempt);
      push_path_state (sim, c);
      return;
    }
  if (ctl > 0 && elapsed >= ctl)
    {
      gboolean all_gone = TRUE;

      c->state = IOP_CTRLR_DELETED;
      KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
            g_strdup_printf (_("%" PRId64 " s have passed: the controller is deleted"), ctl));
      s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_CTRLR_LOSS, &sim->bm, app_thread (sim), (int)c->leg,
                       iop_scratch (sim, g_strdup_printf (_("Controller of replica %c path %u deleted"), r, c->path)),
                       g_strdup_printf (_("ctrlr_loss_timeout_sec (%" PRId64 " s) has passed since the reset began (%s): bdev_nvme stops reconnecting and deletes the controller with its qpairs. "
                                          "The deadline is checked while an attempt runs and when one fails, not while bdev_nvme waits reconnect_delay_sec (%" PRId64 " s) between attempts: passed during a wait, it takes effect when the next attempt starts."),
                                        ctl, el, rd));
      KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", g_strdup_printf (_("%" PRId64 " s: how long a lost controller is retried"), ctl));
      KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec", g_strdup_printf (_("%" PRId64 " s between attempts: the deletion waits for an attempt"), rd));
      iop_diag (sim, IOP_DIAG_WARNING, B, FALSE, "module/bdev/nvme/bdev_nvme.c", "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
                g_strdup_printf (_("Replica %c path %u was deleted after ctrlr_loss_timeout_sec (%" PRId64 " s): it will not come back without a new bdev_nvme_attach_controller."), r, c->path, ctl));
      push_path_state (sim, c);
      for (guint p = 0; p < sim->sc->paths_per_leg; p++)
        if (iop_ctrlr_of (sim, c->leg, (int)p)->state != IOP_CTRLR_DELETED)
          all_gone = FALSE;
      if (all_gone)
        iop_raid_remove_leg (sim, c->leg, FALSE);
      return;
    }
  c->state = IOP_CTRLR_DELAYED;
  c->next_attempt = sim->now + rd * IOP_NS_PER_S;
  KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec", g_strdup_printf (_("the next attempt in %" PRId64 " s"), rd));
  KNOB (s, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
        ctl == -1 ? g_strdup (_("-1: reconnect for ever"))
        : g_strdup_printf (_("%" PRId64 " s: once that much has passed since the reset began, the attempt under way (or the next one) fails and the controller is deleted"), ctl));
  schedule_ctl (sim, reconnect, c, c->next_attempt);
  push_path_state (sim, c);
}

/* --- Control events --------------------------------------------------------------- */

static void schedule_next_link (Sim *sim, Ctrlr *c, gint64 t);

static void
link_change (Sim *sim, gpointer obj, int gen)
{
  Ctrlr *c = obj;
  const char r = REPLICA (c->leg);
  gboolean up = iop_ctrlr_link_up (sim, c->leg, c->path, sim->now);
  IopStep *s;

  if (sim->now != c->link_next)
    return;   /* another fault already changed it at this time */
  schedule_next_link (sim, c, sim->now);
  if (up == c->link_was_up)
    return;   /* one fault ended as another began: no change */
  c->link_was_up = up;
  s = iop_rec_ctl (sim, up ? IOP_STAGE_NET_LINK_UP : IOP_STAGE_NET_LINK_DOWN, NULL, NULL, (int)c->leg,
                   up ? iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: link back"), r, c->path))
                      : iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: link lost"), r, c->path)),
                   up ? g_strdup (_("Packets cross this path again. Nothing in SPDK notices by itself: the next reconnect attempt, or a retransmission still under way, finds out."))
                      : g_strdup_printf (_("The fabric stops carrying this path's packets. The host does not know yet: it finds out when a send runs out of RDMA retransmissions (%s at most here), "
                                           "or when the next keep-alive (every %s) does."),
                                         iop_scratch (sim, iop_secs (sim->detect_ns)), iop_scratch (sim, iop_secs (sim->ka_interval_ns))));
  if (!up)
    {
      KNOB (s, B, "bdev_nvme_set_options.transport_ack_timeout",
            g_strdup_printf (_("one retransmission every %s; the send gives up after %" PRId64 " tries"),
                             iop_scratch (sim, iop_secs (sim->per_try_ns)), MIN (iop_knob (sim, B, "bdev_nvme_set_options.transport_retry_count"), 7) + 1));   /* NVME_RDMA_CTRLR_MAX_TRANSPORT_RETRY_COUNT */
      KNOB (s, B, "bdev_nvme_set_options.keep_alive_timeout_ms",
            g_strdup_printf (_("keep-alive sent every %s (half the timeout): it finds an idle dead path"), iop_scratch (sim, iop_secs (sim->ka_interval_ns))));
      if (c->qpair_up && !c->detect_pending && sim->ka_interval_ns > 0)
        {
          /* an idle path: the next keep-alive is the first send to be lost */
          gint64 next_ka = ((sim->now / sim->ka_interval_ns) + 1) * sim->ka_interval_ns;
          detect_later (sim, c, next_ka);
          c->by_keepalive = c->detect_at == next_ka + sim->detect_ns;
        }
    }
  else if (c->qpair_up && c->stranded.length > 0)
    {
      /* back before the NIC gave up: the next retransmission gets through */
      gint64 k = (sim->now - c->strand_first + sim->per_try_ns - 1) / MAX (sim->per_try_ns, 1);
      gint64 at = c->strand_first + k * sim->per_try_ns;
      Waiter *w;

      c->gen++;
      c->detect_pending = FALSE;
      c->strand_first = -1;
      while ((w = g_queue_pop_head (&c->stranded)) != NULL)
        {
          iop_at (sim, MAX (at, sim->now) + sim->m->rdma_one_way_ns, NULL, w->fn, w->obj, w->arg);
          g_free (w);
        }
    }
  push_path_state (sim, c);
}

/* A send ran out of retransmissions (or a keep-alive did): found in the
 * next pass of the poller that polls it (lost_run) */
static void lost_run (Sim *sim, gpointer obj, int epoch);

static void
detect (Sim *sim, gpointer obj, int gen)
{
  Ctrlr *c = obj;

  if (!c->detect_pending || sim->now != c->detect_at || !c->qpair_up)
    return;
  c->detect_pending = FALSE;
  if (iop_ctrlr_link_up (sim, c->leg, c->path, sim->now) && c->stranded.length == 0)
    return;   /* the keep-alive went out after the link came back */
  iop_at (sim, sim->now, c->by_keepalive ? app_thread (sim) : io_thread (sim), lost_run, c, (int)c->epoch);
}

static void
abort_stranded_ev (Sim *sim, gpointer obj, int unused)
{
  abort_stranded (sim, obj);
}

/* spdk_nvme_transport_opts.rdma_cm_event_timeout_ms when bdev_nvme leaves
 * it at 0: lib/nvme/nvme_transport.c:31 at v26.01 and v26.05 */
#define RDMA_CM_EVENT_TIMEOUT_DRIVER_MS 1000

/* The later poll: nvme_rdma_poll_group_process_completions walks its
 * disconnected qpairs first; nvme_rdma_ctrlr_disconnect_qpair_poll finds
 * the connection manager's wait over, aborts the qpair's commands and
 * returns 0, and bdev_nvme_disconnected_qpair_cb runs right after */
static void
disconnected_run (Sim *sim, gpointer obj, int epoch)
{
  Ctrlr *c = obj;

  if ((guint)epoch != c->epoch || c->state == IOP_CTRLR_DELETED)
    return;
  abort_stranded (sim, c);
  start_reset (sim, c, _("A later poll of this poll group finds the qpair's disconnect finished (the wait for the connection manager's DISCONNECTED event is over) and has just aborted its commands."));
}

/* An I/O qpair: bdev_nvme_poll on its poll group reaps the error and
 * marks the qpair failed; the disconnect waits for the connection
 * manager's DISCONNECTED event, which a dead peer never sends, so a later
 * poll gives up after rdma_cm_event_timeout_ms, aborts the qpair's
 * commands and calls bdev_nvme_disconnected_qpair_cb; the retries they
 * queued run after it, from the retry poller. The admin queue:
 * bdev_nvme_poll_adminq on app_thread starts the failover, and the reset
 * deletes the I/O qpairs on their threads, which aborts their commands. */
static void
lost_run (Sim *sim, gpointer obj, int epoch)
{
  Ctrlr *c = obj;
  const char r = REPLICA (c->leg);
  gint64 cm = iop_knob (sim, B, "bdev_nvme_set_options.rdma_cm_event_timeout_ms");
  gint64 wait = (cm > 0 ? cm : RDMA_CM_EVENT_TIMEOUT_DRIVER_MS) * (gint64)1000000;
  IopStep *s;

  if ((guint)epoch != c->epoch || !c->qpair_up)
    return;
  if (c->by_keepalive)
    {
      start_reset (sim, c, _("A keep-alive on the admin queue got no answer."));
      iop_after (sim, 0, io_thread (sim), abort_stranded_ev, c, 0);
      return;
    }
  s = iop_rec_ctl (sim, IOP_STAGE_NVME_RDMA_WC_ERROR, &sim->bm, io_thread (sim), (int)c->leg,
                   iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: transport error"), r, c->path)),
                   g_strdup_printf (_("A send on this path ran out of RDMA retransmissions. bdev_nvme_poll on this poll group reaps the error work completion from its completion queue "
                                      "(SPDK logs “WC error, qp state …, status: (12): transport retry counter exceeded”) and marks the qpair failed, so bdev_nvme stops choosing this path at once. "
                                      "The disconnect then waits for the RDMA connection manager's DISCONNECTED event, which a peer that cannot be reached never sends: "
                                      "the driver gives up after rdma_cm_event_timeout_ms (%s). Only then, in a later poll of this poll group, do its %u outstanding command(s) complete as ABORTED - SQ DELETION "
                                      "(a path error that bdev_nvme_check_retry_io queues for an immediate retry without counting it against bdev_retry_count), "
                                      "and bdev_nvme_disconnected_qpair_cb runs right after them."),
                                    iop_scratch (sim, iop_secs (wait)), c->stranded.length));
  KNOB (s, B, "bdev_nvme_set_options.transport_ack_timeout",
        g_strdup_printf (_("%s per retransmission: the detection took %s"), iop_scratch (sim, iop_secs (sim->per_try_ns)), iop_scratch (sim, iop_secs (sim->detect_ns))));
  KNOB (s, B, "bdev_nvme_set_options.transport_retry_count", g_strdup (_("retransmissions before the NIC gives up")));
  KNOB (s, B, "bdev_nvme_set_options.rdma_cm_event_timeout_ms",
        g_strdup (cm > 0 ? _("how long the disconnect waits for the connection manager before the commands are aborted")
                         : _("0 keeps the driver's 1000 ms: how long the disconnect waits for the connection manager before the commands are aborted")));
  /* nvme_rdma_fail_qpair sets transport_failure_reason: nvme_qpair_is_connected
   * is false from here on */
  c->qpair_up = FALSE;
  c->detect_pending = FALSE;
  push_path_state (sim, c);
  iop_after (sim, wait, io_thread (sim), disconnected_run, c, (int)c->epoch);
}

/* The target disconnected the association: the host's poll group finds
 * its qpair disconnected at its next poll */
static void
target_dropped (Sim *sim, gpointer obj, int epoch)
{
  Ctrlr *c = obj;

  if ((guint)epoch != c->epoch || !c->qpair_up)
    return;
  abort_stranded (sim, c);
  start_reset (sim, c, _("The target disconnected the qpairs."));
}

static void
connect_done (Sim *sim, gpointer obj, int gen)
{
  Ctrlr *c = obj;
  const char r = REPLICA (c->leg);
  IopStep *s;

  if ((guint)gen != c->gen || c->state != IOP_CTRLR_RESETTING)
    return;
  if (!iop_ctrlr_link_up (sim, c->leg, c->path, sim->now) || c->loss_cut)
    {
      reset_failed (sim, c);
      return;
    }
  {
    g_autofree char *dt = iop_secs (sim->now - c->reset_start);

    c->state = IOP_CTRLR_CONNECTED;
    c->qpair_up = TRUE;
    c->reset_start = -1;
    /* fast_io_fail_timedout stays set: SPDK never clears it, so a later
     * loss of every path fails this controller's I/O at once */
    c->assoc_start = sim->now;
    s = iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_RESET_OK, &sim->bm, app_thread (sim), (int)c->leg,
                     iop_scratch (sim, g_strdup_printf (_("Replica %c path %u reconnected"), r, c->path)),
                     g_strdup_printf (_("Attempt %u connects: the admin queue and a qpair per thread are created again and bdev_nvme logs “Resetting controller successful.”, %s after the reset began. "
                                        "The path caches are cleared, so I/O waiting in a retry queue takes this path at its next retry (within a second)."),
                                      c->attempts, dt));
    KNOB (s, B, "bdev_nvme_set_options.reconnect_delay_sec", g_strdup (_("no more attempts needed")));
  }
  c->attempts = 0;
  push_path_state (sim, c);
  /* keep-alives still lost: the target's timer starts again with the new association */
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      if (f->kind == IOP_FAULT_KEEPALIVE_LOST && f->leg == c->leg && sim->kato_ns > 0 &&
          (f->until_ns == 0 || f->until_ns > sim->now))
        schedule_ctl (sim, keep_alive_drop, c, sim->now + 2 * sim->kato_ns);
    }
}

static void
reconnect (Sim *sim, gpointer obj, int gen)
{
  Ctrlr *c = obj;
  const char r = REPLICA (c->leg);

  if ((guint)gen != c->gen || (c->state != IOP_CTRLR_DELAYED && c->state != IOP_CTRLR_FAILED))
    return;
  if (c->state == IOP_CTRLR_FAILED)
    iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_ADMINQ_FAILOVER, &sim->bm, app_thread (sim), (int)c->leg,
                 iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: reconnect attempt %u"), r, c->path, c->attempts + 1)),
                 g_strdup (_("With reconnect_delay_sec 0 no timer waits between attempts: bdev_nvme_poll_adminq finds the failed controller's admin queue in error and starts another failover at once. I/O meanwhile fails: a resetting controller with reconnect_delay_sec 0 counts as failed.")));
  else
    iop_rec_ctl (sim, IOP_STAGE_BDEV_NVME_RECONNECT, &sim->bm, app_thread (sim), (int)c->leg,
                 iop_scratch (sim, g_strdup_printf (_("Replica %c path %u: reconnect attempt %u"), r, c->path, c->attempts + 1)),
                 g_strdup_printf (_("reconnect_delay_sec (%" PRId64 " s) has passed: bdev_nvme_reconnect_delay_timer_expired starts another connect to the path."),
                                  sim->rd_sec));
  start_attempt (sim, c);
}

static void
keep_alive_drop (Sim *sim, gpointer obj, int gen)
{
  Ctrlr *c = obj;
  const char r = REPLICA (c->leg);
  gint64 kato = sim->kato_ns;
  HostState *hs = &sim->st[sim->n_st > 1 ? c->leg : 0];
  IopStep *s;

  if ((guint)gen != c->gen || !c->qpair_up)
    return;
  s = iop_rec_ctl (sim, IOP_STAGE_NVMF_KEEP_ALIVE_TIMEOUT, hs, NULL, (int)c->leg,
                   iop_scratch (sim, g_strdup_printf (_("Storage node %c drops the host: keep-alive timeout"), r)),
                   g_strdup_printf (_("nvmf_ctrlr_keep_alive_poll runs every KATO (%s, the host's keep_alive_timeout_ms) and finds no keep-alive for longer than that. "
                                      "It logs “Disconnecting host … from subsystem … due to keep alive timeout.”, sets the controller's fatal status and disconnects all of its qpairs. "
                                      "With keep-alives every half KATO, this happens between one and two KATO after the last one got through."),
                                    iop_scratch (sim, iop_secs (kato))));
  KNOB (s, B, "bdev_nvme_set_options.keep_alive_timeout_ms", g_strdup_printf (_("KATO %s: how long the target waits for a keep-alive"), iop_scratch (sim, iop_secs (kato))));
  iop_diag (sim, IOP_DIAG_NOTICE, IOP_HOST_STORAGE, TRUE, "lib/nvmf/ctrlr.c", "bdev_nvme_set_options.keep_alive_timeout_ms",
            g_strdup ("Disconnecting host %s from subsystem %s due to keep alive timeout."));
  /* every qpair of the association goes; the host sees the disconnect at once */
  iop_at (sim, sim->now, io_thread (sim), target_dropped, c, (int)c->epoch);
}

/* The next time after T the link of C may change, over every fault */
static void
schedule_next_link (Sim *sim, Ctrlr *c, gint64 t)
{
  gint64 next = -1;

  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      gint64 n;

      if (f->leg != c->leg || (f->path >= 0 && (guint)f->path != c->path) ||
          (f->kind != IOP_FAULT_PATH_DOWN && f->kind != IOP_FAULT_REPLICA_DOWN && f->kind != IOP_FAULT_PATH_FLAP))
        continue;
      n = t < 0 ? f->at_ns : iop_fault_next_change (f, t);
      if (n > t && (next < 0 || n < next))
        next = n;
    }
  c->link_next = next;
  if (next >= 0)
    schedule_ctl (sim, link_change, c, next);
}

/* --- Set-up ----------------------------------------------------------------------------- */

void
iop_ctrlr_setup (Sim *sim)
{
  gint64 ack = iop_knob (sim, B, "bdev_nvme_set_options.transport_ack_timeout");
  gint64 retries = iop_knob (sim, B, "bdev_nvme_set_options.transport_retry_count");
  gint64 horizon = 0;

  if (sim->sc->faults->len == 0)
    return;
  sim->faults_on = TRUE;
  sim->ctl_sec = iop_knob (sim, B, "bdev_nvme_set_options.ctrlr_loss_timeout_sec");
  sim->rd_sec = iop_knob (sim, B, "bdev_nvme_set_options.reconnect_delay_sec");
  sim->ff_sec = iop_knob (sim, B, "bdev_nvme_set_options.fast_io_fail_timeout_sec");
  sim->retry_count = iop_knob (sim, B, "bdev_nvme_set_options.bdev_retry_count");
  sim->timeout_us = iop_knob (sim, B, "bdev_nvme_set_options.timeout_us");
  sim->timeout_action = iop_knob (sim, B, "bdev_nvme_set_options.action_on_timeout");
  /* RDMA: 4.096 µs x 2^exponent per retransmission; with transport_ack_timeout
   * 0 SPDK leaves the exponent to the RDMA stack (the model's assumption) */
  if (ack == 0)
    ack = sim->m->rdma_ack_timeout_exp;
  sim->per_try_ns = (gint64)(4096.0 * (double)(G_GINT64_CONSTANT (1) << MIN (ack, 31)));
  sim->detect_ns = sim->per_try_ns * (MIN (retries, 7) + 1);
  /* The target grants a KATO of at least min_kato (10 s) and rounds it up to
   * its KAS granularity (10 s); the host adopts what it granted
   * (lib/nvmf/ctrlr.c, lib/nvme/nvme_ctrlr.c) */
  {
    gint64 kato = iop_knob (sim, B, "bdev_nvme_set_options.keep_alive_timeout_ms");
    if (kato > 0)
      kato = kato <= 10000 ? 10000 : (kato + 9999) / 10000 * 10000;
    sim->kato_ns = kato * 1000000;
  }
  sim->ka_interval_ns = sim->kato_ns / 2;
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);
      horizon = MAX (horizon, f->until_ns > 0 ? f->until_ns : f->at_ns);
    }
  /* Long enough to see a lost controller through its whole reconnect window */
  {
    gint64 ctl = sim->ctl_sec;
    gint64 tail = (ctl > 0 ? MIN (ctl, 600) : 30) * IOP_NS_PER_S + 5 * IOP_NS_PER_S;
    sim->horizon_ns = MAX (sim->horizon_ns, MAX (horizon, sim->sc->io_at_ns) + tail + sim->kato_ns * 2);
  }
  sim->n_ctrlrs = sim->sc->raid_legs * sim->sc->paths_per_leg;
  sim->ctrlrs = g_new0 (Ctrlr, sim->n_ctrlrs);
  for (guint i = 0; i < sim->n_ctrlrs; i++)
    {
      Ctrlr *c = &sim->ctrlrs[i];
      c->leg = i / sim->sc->paths_per_leg;
      c->path = i % sim->sc->paths_per_leg;
      c->state = IOP_CTRLR_CONNECTED;
      c->qpair_up = TRUE;
      c->reset_start = c->strand_first = c->next_attempt = -1;
      c->link_was_up = TRUE;
      g_queue_init (&c->stranded);
      schedule_next_link (sim, c, -1);
    }
  for (guint i = 0; i < sim->sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sim->sc->faults, IopFault, i);

      for (guint p = 0; p < sim->sc->paths_per_leg; p++)
        {
          Ctrlr *c;

          if (f->path >= 0 && (guint)f->path != p)
            continue;
          c = iop_ctrlr_of (sim, f->leg, (int)p);
          if (f->kind == IOP_FAULT_KEEPALIVE_LOST && sim->kato_ns > 0)
            {
              /* the last keep-alive that got through, and the target's next check after KATO */
              gint64 last = (f->at_ns / sim->ka_interval_ns) * sim->ka_interval_ns;
              gint64 poll = ((last + sim->kato_ns) / sim->kato_ns + 1) * sim->kato_ns;
              if (f->until_ns == 0 || poll < f->until_ns)
                schedule_ctl (sim, keep_alive_drop, c, poll);
            }
        }
    }
  for (guint i = 0; i < sim->n_ctrlrs; i++)
    push_path_state (sim, &sim->ctrlrs[i]);
  for (guint l = 0; l < sim->sc->raid_legs; l++)
    iop_ctrlr_push_leg_state (sim, l);
}

void
iop_ctrlr_free (Sim *sim)
{
  for (guint i = 0; i < sim->n_ctrlrs; i++)
    g_queue_clear_full (&sim->ctrlrs[i].stranded, g_free);
  g_clear_pointer (&sim->ctrlrs, g_free);
  sim->n_ctrlrs = 0;
}
