/* test-faults.c: a replica path goes down, and the reconnect knobs come alive
 *
 * Every case runs at both supported SPDK versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-sim.h"
#include "iop-test-util.h"
#include "iop-workload.h"

#define S(x) ((gint64)((x) * 1e9))

static IopScenario *
seed (IopSpdkVersion v)
{
  g_autoptr(GError) error = NULL;
  IopScenario *sc = iop_scenario_new_builtin ("raid270", &error);

  g_assert_no_error (error);
  iop_scenario_set_version (sc, v);
  return sc;
}

static void
add_fault (IopScenario *sc, const char *spec, gint64 until)
{
  g_autoptr(GError) error = NULL;
  IopFault f;

  g_assert_true (iop_fault_parse (spec, &f, &error));
  g_assert_no_error (error);
  f.until_ns = until;
  g_assert_true (iop_scenario_add_fault (sc, &f, &error));
  g_assert_no_error (error);
}

static IopTrace *
run (IopScenario *sc)
{
  g_autoptr(GError) error = NULL;
  IopTrace *t = iop_trace_run (sc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  /* every object the I/O took is given back, whatever the fault did */
  for (guint i = 0; i < t->objects->len; i++)
    {
      IopObject *o = g_ptr_array_index (t->objects, i);
      if (o->free_step < 0)
        g_error ("%s (%s) is never freed", o->label, o->kind);
    }
  return t;
}

static int
find_step (IopTrace *t, const char *key, int leg, int from)
{
  for (guint i = (guint)MAX (from, 0); i < t->steps->len; i++)
    {
      IopStep *s = iop_trace_step (t, i);
      if (g_strcmp0 (s->key, key) == 0 && (leg < 0 || s->leg == leg))
        return (int)i;
    }
  return -1;
}

static gint64
done_at (IopTrace *t)
{
  int i = find_step (t, "vfu.complete", -1, 0);
  g_assert_cmpint (i, >=, 0);
  return iop_trace_step (t, (guint)i)->t_ns;
}

/* The same write with no fault: the baseline latency */
static gint64
baseline (IopSpdkVersion v, IopOp op)
{
  g_autoptr(IopScenario) sc = seed (v);
  g_autoptr(IopTrace) t = NULL;

  sc->op = op;
  t = run (sc);
  return t->end_ns;
}

static void
one_path_costs_only_failover (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      gint64 base = baseline (v, IOP_OP_WRITE);
      int abort_step, wc;
      IopPathState ps;

      add_fault (sc, "replica-b-path0-down@5ms", 0);
      t = run (sc);
      g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
      /* the write never waited for a reconnect: no retry-queue wait, nothing failed */
      g_assert_cmpint (find_step (t, "bdev_nvme.hold", -1, 0), <, 0);
      g_assert_cmpint (find_step (t, "raid1.write_leg_failed", -1, 0), <, 0);
      g_assert_cmpint (t->held_ns, ==, 0);
      wc = find_step (t, "nvme_rdma.wc_error", 1, 0);
      abort_step = find_step (t, "bdev_nvme.abort_retry", 1, 0);
      g_assert_cmpint (wc, >=, 0);
      g_assert_cmpint (abort_step, >, wc);
      /* the retried command goes out on path 1 and completes */
      g_assert_cmpint (find_step (t, "raid1.write_complete", 1, abort_step), >, abort_step);
      /* its cost: the detection (RDMA retransmissions), the disconnect's
       * wait for the connection manager (rdma_cm_event_timeout_ms, the
       * driver's 1000 ms), plus one normal trip */
      g_assert_cmpint (done_at (t) - t->start_ns, <, iop_trace_step (t, (guint)wc)->t_ns - t->start_ns + S (1) + 2 * base);
      g_assert_cmpint (done_at (t) - t->start_ns, <, S (2));
      /* path 0's controller is left reconnecting, path 1 stays connected */
      g_assert_true (iop_trace_path_state_at (t, 1, 0, done_at (t), &ps));
      g_assert_cmpint (ps.state, !=, IOP_CTRLR_CONNECTED);
      iop_trace_path_state_at (t, 1, 1, done_at (t), &ps);
      g_assert_cmpint (ps.state, ==, IOP_CTRLR_CONNECTED);
      g_assert_true (ps.qpair_up);
    }
}

static void
outage_delays_writes (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      gint64 rd = iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.reconnect_delay_sec");
      gint64 lat;
      IopLegState ls;

      add_fault (sc, "replica-b-down@5ms", S (10.005));
      t = run (sc);
      g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
      lat = done_at (t) - t->start_ns;
      /* about the outage: 10 s, plus at most one reconnect delay and one retry tick */
      g_assert_cmpint (lat, >=, S (10));
      g_assert_cmpint (lat, <=, S (10) + rd * S (1) + S (1) + S (0.1));
      g_assert_cmpint (find_step (t, "raid1.write_leg_failed", -1, 0), <, 0);
      g_assert_cmpint (find_step (t, "bdev_nvme.ctrlr_loss", -1, 0), <, 0);
      g_assert_cmpint (find_step (t, "bdev_nvme.reset_ok", 1, 0), >, 0);
      g_assert_cmpint (find_step (t, "bdev_nvme.hold", 1, 0), >, 0);
      iop_trace_leg_state_at (t, 1, t->end_ns, &ls);
      g_assert_false (ls.removed);
    }
}

static void
workload_outage_fails_none (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopWorkload) wl = NULL;
      g_autoptr(GError) error = NULL;
      IopWorkloadParams p;
      const IopSeries *iops;
      gint64 during = -1, after = 0;

      add_fault (sc, "replica-b-down@200ms", S (10.2));
      iop_workload_params_init (&p, sc);
      p.queue_depth = 4;
      p.queue_pairs = 1;
      p.read_percent = 0;
      p.ios = 0;
      p.duration_ns = S (12.5);
      wl = iop_workload_run (sc, &p, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (wl->failed, ==, 0);
      g_assert_cmpuint (wl->late, >=, 4);
      g_assert_cmpint (wl->lat_max_ns, >=, S (9.8));
      g_assert_cmpint (wl->lat_max_ns, <=, S (13.5));
      iops = iop_workload_find_series (wl, "baremetal/io.iops");
      g_assert_nonnull (iops);
      for (guint i = 0; i < wl->sample_t->len; i++)
        {
          gint64 t = g_array_index (wl->sample_t, gint64, i);
          gint64 val = g_array_index (iops->values, gint64, i);
          if (t > S (2) && t < S (10))
            during = MAX (during, val);
          if (t > S (11.5))
            after = MAX (after, val);
        }
      /* writes stall through the outage (every one waits for replica B), then resume */
      g_assert_cmpint (during, ==, 0);
      g_assert_cmpint (after, >, 1000);
    }
}

static void
ctrlr_loss_degrades (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      g_autoptr(GError) error = NULL;
      int loss, removed;
      gint64 at;
      IopLegState ls;

      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", 3, &error));
      add_fault (sc, "replica-b-down@5ms", 0);
      t = run (sc);
      loss = find_step (t, "bdev_nvme.ctrlr_loss", 1, 0);
      removed = find_step (t, "raid.remove_base", 1, 0);
      g_assert_cmpint (loss, >=, 0);
      g_assert_cmpint (removed, >, loss);
      at = iop_trace_step (t, (guint)loss)->t_ns;
      /* exactly 3 s after that controller's reset began: the deadline falls
       * while an attempt runs (reconnect_delay_sec 2, failed connects of 1 s),
       * and bdev_nvme_reconnect_ctrlr_poll cuts the attempt there */
      {
        int rs = find_step (t, "bdev_nvme.reset_start", 1, 0);
        IopStep *ls_step = iop_trace_step (t, (guint)loss);
        IopStep *rs_step;
        g_assert_cmpint (rs, >=, 0);
        rs_step = iop_trace_step (t, (guint)rs);
        g_assert_true (g_str_has_prefix (ls_step->title, "Controller of replica B path 0") ||
                       g_str_has_prefix (ls_step->title, "Controller of replica B path 1"));
        g_assert_cmpint (at - rs_step->t_ns, >=, S (3));
        g_assert_cmpint (at - rs_step->t_ns, <, S (3.001));
      }
      g_assert_true (iop_trace_leg_state_at (t, 1, t->end_ns, &ls));
      g_assert_true (ls.removed);
      /* the held write is failed on B and succeeds on A: the guest sees success */
      g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
      g_assert_cmpint (find_step (t, "raid1.write_leg_failed", 1, 0), >, 0);
    }
}

static void
degraded_write_skips_leg (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", 3, &error));
      add_fault (sc, "replica-b-down@5ms", 0);
      /* an idle dead path is found by the keep-alive (every 15 s), deleted 3 s later */
      sc->io_at_ns = S (25);
      t = run (sc);
      g_assert_cmpint (find_step (t, "raid1.write_skip", 1, 0), >=, 0);
      /* the degraded write does not wait for anything: A alone completes it */
      g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_COMPLETED);
      g_assert_cmpint (t->held_ns, ==, 0);
    }
}

static void
reads_served_by_other_leg (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopWorkload) wl = NULL;
      g_autoptr(GError) error = NULL;
      IopWorkloadParams p;

      /* reads under load while A is unreachable: a read sent to A waits in
       * bdev_nvme's retry queue, and its blocks count as outstanding on A.
       * raid1_channel_next_read_base_bdev picks the leg with the fewest
       * outstanding blocks, A on a tie, so A keeps taking reads until half
       * the queue depth waits there; B serves every read that completes */
      add_fault (sc, "replica-a-down@100ms", S (5.1));
      iop_workload_params_init (&p, sc);
      p.queue_depth = 8;
      p.queue_pairs = 1;
      p.read_percent = 100;
      p.ios = 0;
      p.duration_ns = S (3);
      wl = iop_workload_run (sc, &p, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (wl->failed, ==, 0);
      g_assert_cmpuint (wl->ios, >, 20000);
      {
        const IopSeries *held = iop_workload_find_series (wl, "baremetal/io.held");
        gint64 most = 0;

        g_assert_nonnull (held);
        for (guint i = 0; i < held->values->len; i++)
          most = MAX (most, g_array_index (held->values, gint64, i));
        g_assert_cmpint (most, ==, p.queue_depth / 2);
        /* those wait past the end of the run (the fault lasts to 5.1 s): the
         * reads that completed were all served by B, none waited */
        g_assert_cmpuint (wl->late, ==, 0);
        g_assert_cmpint (wl->lat_max_ns, <, 1000000);
      }

      {
        /* one read traced during the outage, with leg A already out (deleted) */
        g_autoptr(IopScenario) s2 = seed (v);
        g_autoptr(IopTrace) t = NULL;

        g_assert_true (iop_scenario_set_knob (s2, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", 3, &error));
        s2->op = IOP_OP_READ;
        add_fault (s2, "replica-a-down@5ms", 0);
        s2->io_at_ns = S (25);
        t = run (s2);
        g_assert_cmpint (t->served_by, ==, 1);
        g_assert_cmpint (t->outcome, !=, IOP_OUTCOME_FAILED);
      }
      {
        /* fast-fail: a read held on A fails over to B after fast_io_fail_timeout_sec */
        g_autoptr(IopScenario) s3 = seed (v);
        g_autoptr(IopTrace) t = NULL;
        gint64 lat;

        g_assert_true (iop_scenario_set_knob (s3, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec", 5, &error));
        s3->op = IOP_OP_READ;
        add_fault (s3, "replica-a-down@5ms", S (30));
        t = run (s3);
        g_assert_cmpint (t->served_by, ==, 1);
        g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
        g_assert_cmpint (find_step (t, "raid1.read_other", 1, 0), >, 0);   /* sent to B */
        lat = done_at (t) - t->start_ns;
        g_assert_cmpint (lat, >=, S (5));
        /* each path's disconnect waits 1 s for the connection manager */
        g_assert_cmpint (lat, <, S (10.5));
      }
    }
}

static void
fast_fail_degrades_on_write (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      g_autoptr(GError) error = NULL;
      IopLegState ls;

      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec", 5, &error));
      add_fault (sc, "replica-b-down@5ms", S (30));
      t = run (sc);
      /* the write completes (A has it) about 5 s in, and B is failed out */
      g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
      /* (plus 1 s per path: the disconnect waits for the connection manager) */
      g_assert_cmpint (done_at (t) - t->start_ns, <, S (10.5));
      g_assert_true (iop_trace_leg_state_at (t, 1, t->end_ns, &ls));
      g_assert_true (ls.removed);
      g_assert_cmpint (find_step (t, "raid.fail_base", 1, 0), >, 0);
    }
}

static void
flapping_path (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopWorkload) wl = NULL;
      g_autoptr(GError) error = NULL;
      IopWorkloadParams p;
      IopFault f;

      g_assert_true (iop_fault_parse ("replica-b-path0-flap@100ms", &f, &error));
      f.until_ns = S (4.1);
      f.period_ns = S (1);
      g_assert_true (iop_scenario_add_fault (sc, &f, &error));
      iop_workload_params_init (&p, sc);
      p.queue_depth = 4;
      p.queue_pairs = 1;
      p.ios = 0;
      p.duration_ns = S (5);
      wl = iop_workload_run (sc, &p, &error);
      g_assert_no_error (error);
      /* path 1 carries the traffic whenever path 0 is down: nothing fails;
       * the longest wait is an I/O caught on path 0: the detection, then
       * the disconnect's 1 s wait for the connection manager */
      g_assert_cmpuint (wl->failed, ==, 0);
      g_assert_cmpint (wl->lat_max_ns, <, S (1.5));
    }
}

static void
keepalive_loss (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      int drop;
      gint64 at, kato = iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.keep_alive_timeout_ms") * 1000000;

      add_fault (sc, "replica-b-keepalive-lost@1s", 0);
      sc->io_at_ns = 0;
      t = run (sc);
      drop = find_step (t, "nvmf.keep_alive_timeout", 1, 0);
      g_assert_cmpint (drop, >=, 0);
      at = iop_trace_step (t, (guint)drop)->t_ns;
      /* between one and two KATO after the last keep-alive that got through (at 0) */
      g_assert_cmpint (at, >, kato);
      g_assert_cmpint (at, <=, 2 * kato);
      g_assert_cmpint (find_step (t, "bdev_nvme.reset_ok", 1, drop), >, drop);
    }
}

/* SPDK never clears fast_io_fail_timedout: after one fast-fail, a second
 * outage fails the I/O at once instead of waiting */
static void
fast_fail_sticks (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      g_autoptr(GError) error = NULL;
      int failed;

      /* keep-alives every 5 s find the idle dead paths of the first outage;
       * with reconnect_delay_sec 1 and fast_io_fail_timeout_sec 2 they are
       * fast-failed before the link comes back at 12 s */
      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec", 2, &error));
      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.reconnect_delay_sec", 1, &error));
      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.keep_alive_timeout_ms", 10000, &error));
      sc->op = IOP_OP_READ;
      add_fault (sc, "replica-a-down@5ms", S (12));
      add_fault (sc, "replica-a-down@20s", 0);
      sc->io_at_ns = S (20);
      t = run (sc);
      /* the read at 20 s: A's qpairs go down, no path may come back, so it fails
       * over to B as soon as the loss is noticed, without waiting 5 s again */
      failed = find_step (t, "bdev_nvme.io_failed", 0, 0);
      g_assert_cmpint (failed, >=, 0);
      /* (two paths, each: the detection, then 1 s for the disconnect) */
      g_assert_cmpint (iop_trace_step (t, (guint)failed)->t_ns - S (20), <, S (3));
      g_assert_cmpint (t->served_by, ==, 1);
    }
}

/* bdev_retry_count 0 retries nothing, not even a path error */
static void
no_retries (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.bdev_retry_count", 0, &error));
      add_fault (sc, "replica-b-path0-down@5ms", 0);
      t = run (sc);
      /* even with path 1 up, the aborted command is not retried: B's write fails */
      g_assert_cmpint (find_step (t, "raid1.write_leg_failed", 1, 0), >, 0);
      g_assert_cmpint (find_step (t, "bdev_nvme.abort_retry", 1, 0), >, 0);
    }
}

/* SPDK's defaults: ctrlr_loss_timeout_sec 0 means no delayed reconnect, and
 * I/O fails as soon as the first reset fails; the admin queue poller keeps
 * starting failovers */
static void
spdk_defaults_fail_fast (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("spdk-defaults", &error);
      g_autoptr(IopTrace) t = NULL;
      IopLegState ls;

      iop_scenario_set_version (sc, v);
      add_fault (sc, "replica-b-down@5ms", S (5.005));
      t = run (sc);
      g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
      /* two paths, each: the detection and the disconnect's 1 s wait */
      g_assert_cmpint (done_at (t) - t->start_ns, <, S (3));
      g_assert_true (iop_trace_leg_state_at (t, 1, t->end_ns, &ls));
      g_assert_true (ls.removed);
      g_assert_cmpint (find_step (t, "bdev_nvme.adminq_failover", 1, 0), >, 0);
      g_assert_cmpint (find_step (t, "bdev_nvme.reconnect", 1, 0), <, 0);
    }
}

/* The qpair's loss takes two polls of its poll group: the first reaps the
 * error completion and marks the qpair failed; a later one, once the
 * disconnect has stopped waiting for the connection manager
 * (rdma_cm_event_timeout_ms), runs the aborts (each queues a 0 ms retry)
 * and bdev_nvme_disconnected_qpair_cb; the retries run afterwards, from the
 * retry poller. At v26.05 the callback only sends the failover to
 * app_thread (bdev_nvme_failover_ctrlr_async), which starts the reset. */
static void
retry_after_disconnect (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (guint f = 0; f < 2; f++)
      {
        g_autoptr(IopScenario) sc = seed (v);
        g_autoptr(IopTrace) t = NULL;
        int wc, ab, rs, next, fo;
        IopStep *sab, *srs;

        add_fault (sc, f == 0 ? "replica-b-down@5ms" : "replica-b-path0-down@5ms", 0);
        t = run (sc);
        wc = find_step (t, "nvme_rdma.wc_error", 1, 0);
        ab = find_step (t, "bdev_nvme.abort_retry", 1, wc);
        rs = find_step (t, "bdev_nvme.reset_start", 1, wc);
        g_assert_cmpint (wc, >=, 0);
        g_assert_cmpint (ab, >, wc);
        g_assert_cmpint (rs, >, ab);
        sab = iop_trace_step (t, (guint)ab);
        srs = iop_trace_step (t, (guint)rs);
        /* the aborts come in a later poll: the driver's 1000 ms after the
         * error, on the same thread; the callback right after them */
        g_assert_cmpint (sab->t_ns - iop_trace_step (t, (guint)wc)->t_ns, >=, S (1));
        g_assert_cmpint (sab->t_ns - iop_trace_step (t, (guint)wc)->t_ns, <, S (1.001));
        g_assert_cmpstr (sab->thread, ==, iop_trace_step (t, (guint)wc)->thread);
        g_assert_cmpint (srs->t_ns - sab->t_ns, <, 1000);
        /* the callback runs on the poll group that polled the qpair */
        g_assert_cmpstr (srs->thread, ==, sab->thread);
        g_assert_cmpstr (srs->function, ==, "bdev_nvme_disconnected_qpair_cb");
        /* the retry (a new submit, or the wait for a path) comes after it */
        next = find_step (t, "bdev_nvme.submit", 1, ab + 1);
        if (next < 0 || (find_step (t, "bdev_nvme.hold", 1, ab + 1) >= 0 && find_step (t, "bdev_nvme.hold", 1, ab + 1) < next))
          next = find_step (t, "bdev_nvme.hold", 1, ab + 1);
        g_assert_cmpint (next, >, rs);
        fo = find_step (t, "bdev_nvme.reset_start", 1, rs + 1);
        if (v == IOP_SPDK_V26_05)
          {
            /* the failover itself, on app_thread */
            IopStep *sfo;

            g_assert_cmpint (fo, >, rs);
            sfo = iop_trace_step (t, (guint)fo);
            g_assert_cmpstr (sfo->thread, ==, "app_thread");
            g_assert_cmpstr (sfo->function, ==, "bdev_nvme_start_ctrlr_failover");
            g_assert_cmpint (sfo->t_ns, >=, srs->t_ns);
          }
        else if (fo >= 0)
          g_assert_cmpstr (iop_trace_step (t, (guint)fo)->function, ==, "bdev_nvme_disconnected_qpair_cb");
      }
}

/* A retry on the other path takes its nvme_request and rdma_req from that
 * path's qpair: followed pools, with levels */
static void
retry_pools_followed (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      int ab, cmd, wire;

      add_fault (sc, "replica-b-path0-down@5ms", 0);
      t = run (sc);
      ab = find_step (t, "bdev_nvme.abort_retry", 1, 0);
      g_assert_cmpint (ab, >=, 0);
      cmd = find_step (t, "nvme.ns_cmd", 1, ab);
      wire = find_step (t, "nvme_rdma.submit_inline", 1, ab);
      g_assert_cmpint (cmd, >, ab);
      g_assert_cmpint (wire, >, cmd);
      for (int i = 0; i < 2; i++)
        {
          IopStep *s = iop_trace_step (t, (guint)(i == 0 ? cmd : wire));
          IopObjectEvent *e;
          IopGauge *g;

          g_assert_cmpuint (s->allocs->len, ==, 1);
          e = &g_array_index (s->allocs, IopObjectEvent, 0);
          g_assert_cmpint (e->gauge, >=, 0);
          g = g_ptr_array_index (t->gauges, (guint)e->gauge);
          g_assert_nonnull (strstr (g->key, "ctrlr1/path1/"));
          g_assert_cmpint (e->after, ==, e->before - 1);
        }
    }
}

/* action_on_timeout: the reset comes from timeout_cb (reset) or from
 * nvme_abort_cpl once the Abort's answer is back (abort), never from a
 * failover; it aborts the command with Do Not Retry, which
 * bdev_nvme_io_complete_nvme_status completes without a retry; RAID1 fails
 * the base bdev on app_thread after the completion chain */
static void
timeout_reset_and_dnr (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (gint64 action = 1; action <= 2; action++)
      {
        g_autoptr(IopScenario) sc = seed (v);
        g_autoptr(IopTrace) t = NULL;
        int to, rs, ab, fb, done;
        IopStep *sto, *srs, *sab, *sfb;

        /* the SSD answers after 5 s: the target's request is freed then */
        add_fault (sc, "replica-b-stall@2ms", S (5.002));
        g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.timeout_us", 1000000, NULL));
        g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.action_on_timeout", action, NULL));
        t = run (sc);
        to = find_step (t, "nvme.timeout", 1, 0);
        rs = find_step (t, "bdev_nvme.reset_start", 1, to);
        ab = find_step (t, "bdev_nvme.abort_retry", 1, to);
        g_assert_cmpint (to, >=, 0);
        g_assert_cmpint (rs, >, to);
        g_assert_cmpint (ab, >, rs);
        sto = iop_trace_step (t, (guint)to);
        srs = iop_trace_step (t, (guint)rs);
        sab = iop_trace_step (t, (guint)ab);
        g_assert_cmpstr (srs->function, ==, v == IOP_SPDK_V26_01 ? "bdev_nvme_reset_ctrlr_unsafe" : "bdev_nvme_get_reset_ctrlr_fn");
        if (action == 1 && v == IOP_SPDK_V26_01)
          g_assert_cmpstr (srs->thread, ==, sto->thread);
        else
          g_assert_cmpstr (srs->thread, ==, "app_thread");
        if (action == 2)
          /* the Abort command's round trip comes first */
          g_assert_cmpint (srs->t_ns - sto->t_ns, >=, 2 * sc->model.rdma_one_way_ns);
        else
          g_assert_cmpint (srs->t_ns - sto->t_ns, <, sc->model.rdma_one_way_ns);
        g_assert_cmpstr (sab->function, ==, "bdev_nvme_io_complete_nvme_status");
        g_assert_nonnull (strstr (sab->highlight, "dnr"));
        /* no retry of the command anywhere */
        g_assert_cmpint (find_step (t, "bdev_nvme.submit", 1, ab), <, 0);
        fb = find_step (t, "raid.fail_base", 1, ab);
        done = find_step (t, "nvmf.complete", -1, ab);
        g_assert_cmpint (fb, >, 0);
        g_assert_cmpint (done, >, ab);
        sfb = iop_trace_step (t, (guint)fb);
        g_assert_cmpstr (sfb->thread, ==, "app_thread");
        g_assert_cmpint (fb, >, done);
      }
}

/* A stalled SSD and a command timeout: none waits it out; reset (and abort,
 * which the lvol cannot honour) fail the command with Do Not Retry, and
 * RAID1 fails the replica out */
static void
stall_and_timeout (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (gint64 action = 0; action <= 2; action++)
      {
        g_autoptr(IopScenario) sc = seed (v);
        g_autoptr(IopTrace) t = NULL;
        g_autoptr(GError) error = NULL;
        gint64 lat;
        IopLegState ls;

        g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.timeout_us", 1000000, &error));
        g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.action_on_timeout", action, &error));
        add_fault (sc, "replica-b-stall@5ms", S (5.005));
        t = run (sc);
        lat = done_at (t) - t->start_ns;
        g_assert_cmpint (find_step (t, "nvme.timeout", 1, 0), >, 0);
        g_assert_cmpint (t->outcome, ==, IOP_OUTCOME_LATE);
        iop_trace_leg_state_at (t, 1, t->end_ns, &ls);
        if (action == 0)
          {
            /* the write waits for the SSD: 5 s */
            g_assert_cmpint (lat, >=, S (5));
            g_assert_false (ls.removed);
          }
        else
          {
            /* the write fails on B after 1 s and completes from A */
            g_assert_cmpint (lat, >=, S (1));
            g_assert_cmpint (lat, <, S (1.1));
            g_assert_true (ls.removed);
            g_assert_cmpint (find_step (t, "raid1.write_leg_failed", 1, 0), >, 0);
          }
      }
}

static void
bad_faults (void)
{
  g_autoptr(IopScenario) sc = seed (IOP_SPDK_V26_05);
  IopFault f;
  const char *bad[] = { "replica-b-down", "replica-z-down@1s", "replica-b-path9-down@1s", "replica-b-up@1s",
                        "replica-b-down@-1s", "replica-b-down@5 parsecs", "", "replica-b-down@1e400s" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      if (iop_fault_parse (bad[i], &f, &error))
        {
          g_assert_false (iop_scenario_add_fault (sc, &f, &error));
        }
      g_assert_nonnull (error);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (iop_fault_parse ("replica-c-down@1s", &f, NULL));
    g_assert_false (iop_scenario_add_fault (sc, &f, &error));
    g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (iop_fault_parse ("replica-b-down@2s", &f, NULL));
    f.until_ns = S (1);
    g_assert_false (iop_scenario_add_fault (sc, &f, &error));
  }
}

/* A scenario's "faults": good ones load, bad ones say where and why */
static void
json_faults (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/iopath/Iopath/scenarios/raid270.json", 0, NULL);
  static const struct { const char *faults; const char *fragment; } bad[] = {
    { "3", "faults: must be an array" },
    { "[1]", "faults[0]: must be an object" },
    { "[{\"kind\": \"meteor\", \"replica\": \"B\", \"at\": \"1s\"}]", "faults[0].kind" },
    { "[{\"kind\": \"replica-down\", \"replica\": \"B\"}]", "faults[0].at" },
    { "[{\"kind\": \"replica-down\", \"replica\": \"Z\", \"at\": \"1s\"}]", "faults[0].replica" },
    { "[{\"kind\": \"replica-down\", \"replica\": \"C\", \"at\": \"1s\"}]", "There is no replica C" },
    { "[{\"kind\": \"path-down\", \"replica\": \"B\", \"at\": \"1s\"}]", "names its path" },
    { "[{\"kind\": \"replica-down\", \"replica\": \"B\", \"at\": 5}]", "faults[0].at" },
    { "[{\"kind\": \"replica-down\", \"replica\": \"B\", \"at\": \"soon\"}]", "is not a time" },
    { "[{\"kind\": \"path-flap\", \"replica\": \"B\", \"path\": 0, \"at\": \"1s\"}]", "needs an end" },
  };
  const char *base = g_bytes_get_data (bytes, NULL);
  const char *io = strstr (base, "\"io\":");

  g_assert_nonnull (io);
  for (guint i = 0; i < G_N_ELEMENTS (bad) + 1; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IopScenario) sc = NULL;
      g_autofree char *json = NULL;
      const char *faults = i < G_N_ELEMENTS (bad) ? bad[i].faults
        : "[{\"kind\": \"path-flap\", \"replica\": \"B\", \"path\": 1, \"at\": \"1s\", \"until\": \"9s\", \"period\": \"500ms\"}]";

      json = g_strdup_printf ("%.*s\"faults\": %s, %s", (int)(io - base), base, faults, io);
      sc = iop_scenario_new_from_data (json, -1, "test.json", &error);
      if (i < G_N_ELEMENTS (bad))
        {
          g_assert_null (sc);
          g_assert_nonnull (error);
          if (strstr (error->message, bad[i].fragment) == NULL)
            g_error ("%s: “%s” lacks “%s”", bad[i].faults, error->message, bad[i].fragment);
        }
      else
        {
          const IopFault *f;
          g_assert_no_error (error);
          g_assert_cmpuint (sc->faults->len, ==, 1);
          f = &g_array_index (sc->faults, IopFault, 0);
          g_assert_cmpint (f->kind, ==, IOP_FAULT_PATH_FLAP);
          g_assert_cmpint (f->path, ==, 1);
          g_assert_cmpint (f->period_ns, ==, S (0.5));
          g_assert_cmpint (f->until_ns, ==, S (9));
        }
    }
}

static void
knob_checks (void)
{
  static const struct { gint64 ctl, rd, ff; const char *msg; } cases[] = {
    { 3, 0, 0, "reconnect_delay_sec can't be 0 if ctrlr_loss_timeout_sec is not 0." },
    { 0, 2, 0, "Both reconnect_delay_sec and fast_io_fail_timeout_sec must be 0 if ctrlr_loss_timeout_sec is 0." },
    { 3, 5, 0, "reconnect_delay_sec can't be more than ctrlr_loss_timeout_sec." },
    { 10, 2, 1, "reconnect_delay_sec can't be more than fast_io_fail_timeout_sec." },
    { 10, 2, 20, "fast_io_fail_timeout_sec can't be more than ctrlr_loss_timeout_sec." },
    { -1, 2, 1, "reconnect_delay_sec can't be more than fast_io-fail_timeout_sec." },
    { -1, 0, 0, "reconnect_delay_sec can't be 0 if ctrlr_loss_timeout_sec is not 0." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IopScenario) sc = seed (IOP_SPDK_V26_01);
      g_autoptr(GError) error = NULL;

      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", cases[i].ctl, NULL));
      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.reconnect_delay_sec", cases[i].rd, NULL));
      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec", cases[i].ff, NULL));
      g_assert_false (iop_scenario_validate (sc, &error));
      g_assert_nonnull (strstr (error->message, cases[i].msg));
    }
}

static void
shipped_scenarios (void)
{
  const char *ids[] = { "raid270-outage-30s", "raid270-outage-fast-fail", "raid270-flapping-path" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(IopScenario) sc = iop_scenario_new_builtin (ids[i], &error);
        g_autoptr(IopTrace) t = NULL;

        g_assert_no_error (error);
        g_assert_cmpuint (sc->faults->len, >, 0);
        iop_scenario_set_version (sc, v);
        t = run (sc);
        g_assert_cmpint (t->outcome, !=, IOP_OUTCOME_FAILED);
        if (i == 0)
          {
            /* seed values through 30 s: the write waits, nothing fails, B stays in */
            IopLegState ls;
            g_assert_cmpint (done_at (t) - t->start_ns, >=, S (30));
            iop_trace_leg_state_at (t, 1, t->end_ns, &ls);
            g_assert_false (ls.removed);
          }
        if (i == 1)
          {
            IopLegState ls;
            g_assert_cmpint (done_at (t) - t->start_ns, <, S (10.5));   /* 1 s per path for the disconnect */
            iop_trace_leg_state_at (t, 1, t->end_ns, &ls);
            g_assert_true (ls.removed);
          }
      }
}

/* rdma_cm_event_timeout_ms sets how long the disconnect waits before the
 * aborts; meanwhile the failed qpair's path is not chosen */
static void
disconnect_waits_for_cm (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(GError) error = NULL;
      g_autoptr(IopTrace) t = NULL;
      int wc, ab;
      IopPathState ps;
      IopStep *s;
      gboolean knob = FALSE;

      g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.rdma_cm_event_timeout_ms", 200, &error));
      g_assert_no_error (error);
      add_fault (sc, "replica-b-path0-down@5ms", 0);
      t = run (sc);
      wc = find_step (t, "nvme_rdma.wc_error", 1, 0);
      ab = find_step (t, "bdev_nvme.abort_retry", 1, wc);
      g_assert_cmpint (wc, >=, 0);
      g_assert_cmpint (ab, >, wc);
      s = iop_trace_step (t, (guint)wc);
      g_assert_cmpint (iop_trace_step (t, (guint)ab)->t_ns - s->t_ns, >=, S (0.2));
      g_assert_cmpint (iop_trace_step (t, (guint)ab)->t_ns - s->t_ns, <, S (0.201));
      for (guint k = 0; k < s->knobs->len; k++)
        knob |= g_strcmp0 (((IopStepKnob *)g_ptr_array_index (s->knobs, k))->def->id, "bdev_nvme_set_options.rdma_cm_event_timeout_ms") == 0;
      g_assert_true (knob);
      g_assert_nonnull (strstr (s->detail, "later poll"));
      /* between the error and the aborts the path is not usable */
      g_assert_true (iop_trace_path_state_at (t, 1, 0, s->t_ns + S (0.1), &ps));
      g_assert_false (ps.qpair_up);
    }
}

/* A write whose replica was hot-removed still sends raid_bdev_fail_base_bdev
 * to app_thread: _raid_bdev_remove_base_bdev says -ENODEV (remove_scheduled),
 * "Failed to remove base bdev"; the removal's text says it waits for the
 * held write */
static void
fail_base_after_remove (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = seed (v);
      g_autoptr(IopTrace) t = NULL;
      int rm, wf, fb;
      IopStep *s;

      add_fault (sc, "replica-b-down@5ms", 0);
      t = run (sc);
      rm = find_step (t, "raid.remove_base", 1, 0);
      wf = find_step (t, "raid1.write_leg_failed", 1, 0);
      g_assert_cmpint (rm, >=, 0);
      g_assert_cmpint (wf, >, rm);
      g_assert_nonnull (strstr (iop_trace_step (t, (guint)rm)->detail, "starts the removal"));
      g_assert_nonnull (strstr (iop_trace_step (t, (guint)rm)->detail, "completes only when it fails and drains"));
      fb = find_step (t, "raid.fail_base", 1, wf);
      g_assert_cmpint (fb, >, wf);
      s = iop_trace_step (t, (guint)fb);
      g_assert_cmpstr (s->thread, ==, "app_thread");
      g_assert_cmpstr (s->function, ==, "raid_bdev_fail_base_remove_cb");
      g_assert_cmpint (s->line, ==, v == IOP_SPDK_V26_01 ? 2303 : 2410);
      g_assert_nonnull (strstr (s->detail, "Failed to remove base bdev"));
      g_assert_nonnull (strstr (s->detail, "-ENODEV"));
      /* only one such step */
      g_assert_cmpint (find_step (t, "raid.fail_base", 1, fb + 1), <, 0);
    }
}

/* The write-back of a repaired read is a write from its bdev_io on */
static void
write_back_cites_write (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270-outage-fast-fail", &error);
      g_autoptr(IopTrace) t = NULL;
      int rr, gi;
      IopStep *s;

      g_assert_no_error (error);
      iop_scenario_set_version (sc, v);
      sc->op = IOP_OP_READ;
      sc->background_inflight = 1;
      t = run (sc);
      rr = find_step (t, "raid1.read_repair", -1, 0);
      g_assert_cmpint (rr, >=, 0);
      g_assert_cmpstr (iop_trace_step (t, (guint)rr)->function, ==, "raid1_correct_read_error");
      gi = find_step (t, "bdev.get_io", -1, rr);
      g_assert_cmpint (gi, ==, rr + 1);
      s = iop_trace_step (t, (guint)gi);
      g_assert_cmpstr (s->function, ==, "bdev_writev_blocks_with_md");
      g_assert_cmpint (s->line, ==, v == IOP_SPDK_V26_01 ? 6199 : 6213);
      g_assert_false (s->reads);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/one-path-costs-only-failover", one_path_costs_only_failover);
  g_test_add_func ("/faults/outage-delays-writes", outage_delays_writes);
  g_test_add_func ("/faults/workload-outage-fails-none", workload_outage_fails_none);
  g_test_add_func ("/faults/ctrlr-loss-degrades", ctrlr_loss_degrades);
  g_test_add_func ("/faults/degraded-write-skips-leg", degraded_write_skips_leg);
  g_test_add_func ("/faults/reads-served-by-other-leg", reads_served_by_other_leg);
  g_test_add_func ("/faults/fast-fail-degrades-on-write", fast_fail_degrades_on_write);
  g_test_add_func ("/faults/flapping-path", flapping_path);
  g_test_add_func ("/faults/keepalive-loss", keepalive_loss);
  g_test_add_func ("/faults/fast-fail-sticks", fast_fail_sticks);
  g_test_add_func ("/faults/no-retries", no_retries);
  g_test_add_func ("/faults/spdk-defaults-fail-fast", spdk_defaults_fail_fast);
  g_test_add_func ("/faults/stall-and-timeout", stall_and_timeout);
  g_test_add_func ("/faults/retry-after-disconnect", retry_after_disconnect);
  g_test_add_func ("/faults/retry-pools-followed", retry_pools_followed);
  g_test_add_func ("/faults/disconnect-waits-for-cm", disconnect_waits_for_cm);
  g_test_add_func ("/faults/fail-base-after-remove", fail_base_after_remove);
  g_test_add_func ("/faults/write-back-cites-write", write_back_cites_write);
  g_test_add_func ("/faults/timeout-reset-and-dnr", timeout_reset_and_dnr);
  g_test_add_func ("/faults/bad-faults", bad_faults);
  g_test_add_func ("/faults/json-faults", json_faults);
  g_test_add_func ("/faults/knob-checks", knob_checks);
  g_test_add_func ("/faults/shipped-scenarios", shipped_scenarios);
  return g_test_run ();
}
