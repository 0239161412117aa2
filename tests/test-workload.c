/* test-workload.c: many I/Os, and what knobs do to pools, queues and latency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "iop-abcompare.h"
#include "iop-test-util.h"
#include "iop-workload.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopWorkloadParams, g_free)

static IopWorkload *
run (IopScenario *sc, guint qd, gint64 size, guint read_percent, guint64 ios)
{
  g_autoptr(GError) error = NULL;
  IopWorkloadParams p;
  IopWorkload *wl;

  iop_workload_params_init (&p, sc);
  p.queue_depth = qd;
  p.io_size = size;
  p.read_percent = read_percent;
  p.ios = ios;
  wl = iop_workload_run (sc, &p, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wl);
  g_assert_cmpuint (wl->ios, ==, ios);
  return wl;
}

static guint64
total_retries (IopWorkload *wl)
{
  guint64 n = 0;

  for (guint i = 0; i < wl->iobuf_stats->len; i++)
    {
      IopIobufStats *st = g_ptr_array_index (wl->iobuf_stats, i);
      n += st->small_retry + st->large_retry;
    }
  return n;
}

static IopHostCounters *
counters (IopWorkload *wl, IopPlace place, int node)
{
  for (guint i = 0; i < wl->counters->len; i++)
    {
      IopHostCounters *c = g_ptr_array_index (wl->counters, i);
      if (c->place == place && c->node == node)
        return c;
    }
  g_assert_not_reached ();
}

static void
test_seed_knobs_no_retry (void)
{
  /* The seed's tuning: no iobuf starvation under 4 KiB or 8 KiB load, reads or writes */
  const gint64 sizes[] = { 4096, 8192, 131072 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
      g_autoptr(IopWorkload) wl = run (sc, 128, sizes[i], 50, 20000);

      g_assert_cmpuint (total_retries (wl), ==, 0);
      g_assert_cmpuint (wl->diagnostics->len, ==, 0);
      g_assert_cmpint (wl->lat_p50_ns, >, 0);
      g_assert_cmpint (wl->lat_p50_ns, <=, wl->lat_p99_ns);
      g_assert_cmpint (wl->lat_p99_ns, <=, wl->lat_p999_ns);
      g_assert_cmpint (wl->lat_p999_ns, <=, wl->lat_max_ns + wl->lat_max_ns / 50);
      g_assert_cmpuint (wl->reads + wl->writes, ==, 20000);
    }
}

static void
test_small_pool_retries (void)
{
  /* v26.05: the storage node's small pool below what its caches pin */
  const char *sets[] = { "storage:iobuf_set_options.small_pool_count=512", NULL };
  g_autoptr(IopScenario) sc = test_scenario_v ("raid270", IOP_SPDK_V26_05, sets);
  g_autoptr(IopWorkload) wl = run (sc, 128, 8192, 100, 10000);
  gboolean populate_error = FALSE;

  g_assert_cmpuint (total_retries (wl), >, 0);
  g_assert_cmpuint (counters (wl, IOP_PLACE_STORAGE, 0)->buffer_waits, >, 0);
  for (guint i = 0; i < wl->diagnostics->len; i++)
    if (g_str_has_prefix (((IopDiagnostic *)g_ptr_array_index (wl->diagnostics, i))->message, "Failed to populate"))
      populate_error = TRUE;
  g_assert_true (populate_error);
}

static void
test_queue_depth_knobs (void)
{
  g_autoptr(IopScenario) base = test_scenario ("raid270", NULL);
  g_autoptr(IopWorkload) w0 = run (base, 128, 4096, 0, 20000);
  IopHostCounters *c0 = counters (w0, IOP_PLACE_BAREMETAL, -1);

  /* io_queue_requests below the driver's 512 changes nothing: SPDK takes the max */
  {
    const char *sets[] = { "baremetal:bdev_nvme_set_options.io_queue_requests=16", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopWorkload) w = run (sc, 128, 4096, 0, 20000);
    g_autoptr(JsonNode) a = iop_workload_to_json (w0);
    g_autoptr(JsonNode) b = iop_workload_to_json (w);

    g_assert_cmpint (w->lat_p99_ns, ==, w0->lat_p99_ns);
    g_assert_cmpuint (counters (w, IOP_PLACE_BAREMETAL, -1)->nvme_nomem, ==, 0);
    (void)a; (void)b;
  }

  /* The qpair's real bound: the target's max_queue_depth sets the host's queue
   * size; below the offered depth requests queue and p99 grows */
  {
    const char *sets[] = { "storage:nvmf_create_transport.max_queue_depth=4", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopWorkload) w = run (sc, 128, 4096, 0, 20000);
    IopHostCounters *c = counters (w, IOP_PLACE_BAREMETAL, -1);

    g_assert_cmpuint (c->qpair_queued, >, c0->qpair_queued + 1000);
    g_assert_cmpint (c->qpair_slots_max, ==, 3);
    g_assert_cmpint (w->lat_p99_ns, >, w0->lat_p99_ns);
    g_assert_cmpfloat (w->iops, <, w0->iops);
  }

  /* io_queue_requests at or above 512 bounds the nvme_requests of one qpair:
   * with the VFIO-user queue opened to 1024 and a guest offering 1024 on one
   * queue pair, 512 runs out (bdev_nvme sees -ENOMEM and the bdev layer queues
   * the I/O on its nomem list); 2048 does not run out. The SSDs set the pace
   * either way: the waiting only moves from the qpair's queue to the nomem
   * list, so the rate stays within a few percent. Both supported versions. */
  for (guint v = 0; v < 2; v++)
    {
      IopSpdkVersion ver = v == 0 ? IOP_SPDK_V26_01 : IOP_SPDK_V26_05;
      const char *low[] = { "baremetal:nvmf_create_transport.max_queue_depth=1024",
                            "baremetal:bdev_nvme_set_options.io_queue_requests=512", NULL };
      const char *high[] = { "baremetal:nvmf_create_transport.max_queue_depth=1024",
                             "baremetal:bdev_nvme_set_options.io_queue_requests=2048", NULL };
      g_autoptr(IopScenario) sl = test_scenario_v ("raid270", ver, low);
      g_autoptr(IopScenario) sh = test_scenario_v ("raid270", ver, high);
      g_autoptr(GError) error = NULL;
      g_autoptr(IopWorkload) wl = NULL;
      g_autoptr(IopWorkload) wh = NULL;
      IopWorkloadParams p;

      iop_workload_params_init (&p, sl);
      p.queue_pairs = 1;
      p.queue_depth = 1024;
      p.read_percent = 0;
      p.ios = 20000;
      wl = iop_workload_run (sl, &p, &error);
      g_assert_no_error (error);
      wh = iop_workload_run (sh, &p, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (counters (wl, IOP_PLACE_BAREMETAL, -1)->nvme_nomem, >, 1000);
      g_assert_cmpuint (counters (wh, IOP_PLACE_BAREMETAL, -1)->nvme_nomem, ==, 0);
      g_assert_cmpfloat (fabs (wl->iops - wh->iops), <, 0.05 * wh->iops);
    }

  /* max_io_qpairs_per_ctrlr on the VFIO-user side caps the guest's queue pairs */
  {
    g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(IopWorkload) w = NULL;
    IopWorkloadParams p;

    iop_workload_params_init (&p, sc);
    p.queue_pairs = 8;
    p.ios = 2000;
    w = iop_workload_run (sc, &p, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (w->queue_pairs, ==, 2);
    g_assert_cmpuint (w->diagnostics->len, ==, 1);
  }

  /* The VFIO-user max_queue_depth caps each queue pair's parallelism */
  {
    const char *sets[] = { "baremetal:nvmf_create_transport.max_queue_depth=8", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopWorkload) w = run (sc, 128, 4096, 0, 20000);
    const IopSeries *se = iop_workload_find_series (w, "baremetal/guest.sq");

    g_assert_nonnull (se);
    g_assert_cmpint (se->capacity, ==, 16);
    for (guint i = 0; i < se->values->len; i++)
      g_assert_cmpint (g_array_index (se->values, gint64, i), <=, 16);
    /* the rest wait in the guest, which the guest sees as latency */
    g_assert_cmpint (w->lat_p50_ns, >, 0);
  }
}

static void
test_latency_knobs (void)
{
  g_autoptr(IopScenario) base = test_scenario ("raid270", NULL);
  g_autoptr(IopWorkload) w0 = run (base, 1, 4096, 0, 2000);

  /* A timed I/O poller adds about half its period on each host */
  {
    const char *sets[] = { "baremetal:bdev_nvme_set_options.nvme_ioq_poll_period_us=100", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopWorkload) w = run (sc, 1, 4096, 0, 2000);
    g_assert_cmpint (w->lat_p50_ns, >=, w0->lat_p50_ns + 40000);
  }
  /* Without delay_cmd_submit the doorbell is not batched: lower latency at depth 1 */
  {
    const char *sets[] = { "baremetal:bdev_nvme_set_options.delay_cmd_submit=false",
                           "storage:bdev_nvme_set_options.delay_cmd_submit=false", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopWorkload) w = run (sc, 1, 4096, 0, 2000);
    /* the rest wait in the guest, which the guest sees as latency */
    g_assert_cmpint (w->lat_p50_ns, >, 0);
  }
}

static void
test_deterministic_and_seeded (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(IopWorkload) a = run (sc, 32, 8192, 30, 5000);
  g_autoptr(IopWorkload) b = run (sc, 32, 8192, 30, 5000);
  g_autoptr(JsonNode) ja = iop_workload_to_json (a);
  g_autoptr(JsonNode) jb = iop_workload_to_json (b);
  g_autofree char *sa = json_to_string (ja, FALSE);
  g_autofree char *sb = json_to_string (jb, FALSE);

  g_assert_cmpstr (sa, ==, sb);
  g_assert_cmpuint (a->reads, >, 1000);
  g_assert_cmpuint (a->reads, <, 2000);
  g_assert_cmpuint (a->sample_t->len, >, 10);
}

static void
test_fresh_thin_lvol (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IopWorkload) warm = NULL;
  g_autoptr(IopWorkload) fresh = NULL;
  IopWorkloadParams p;

  /* Sequential 128 KiB writes: one in 32 starts a 4 MiB cluster, whose
   * allocation persists metadata first */
  iop_workload_params_init (&p, sc);
  p.queue_depth = 1;
  p.io_size = 131072;
  p.ios = 320;
  p.random = FALSE;
  warm = iop_workload_run (sc, &p, &error);
  g_assert_no_error (error);
  p.fresh_lvol = TRUE;
  fresh = iop_workload_run (sc, &p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fresh->lat_max_ns, >, warm->lat_max_ns + sc->model.media_write_ns / 2);
  g_assert_cmpint (fresh->lat_p50_ns, ==, warm->lat_p50_ns);
}

static void
test_bad_params (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(GError) error = NULL;
  IopWorkloadParams p;

  iop_workload_params_init (&p, sc);
  p.queue_depth = 0;
  g_assert_null (iop_workload_run (sc, &p, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  iop_workload_params_init (&p, sc);
  p.io_size = 1 << 24;
  g_assert_null (iop_workload_run (sc, &p, &error));
  g_assert_nonnull (strstr (error->message, "max_io_size"));
  g_clear_error (&error);
  iop_workload_params_init (&p, sc);
  p.read_percent = 101;
  g_assert_null (iop_workload_run (sc, &p, &error));
}

static void
test_failure_scenarios (void)
{
  /* Retries climb when the large pool is smaller than 128 KiB writes in flight */
  {
    g_autoptr(IopScenario) sc = test_scenario ("large-pool-128k", NULL);
    g_autoptr(IopWorkloadParams) p = g_new0 (IopWorkloadParams, 1);
    g_autoptr(IopWorkload) w = NULL;
    const IopIobufStats *st;

    iop_workload_params_init (p, sc);
    p->ios = 5000;
    w = iop_workload_run (sc, p, NULL);
    st = NULL;
    for (guint i = 0; i < w->iobuf_stats->len; i++)
      {
        IopIobufStats *x = g_ptr_array_index (w->iobuf_stats, i);
        if (x->place == IOP_PLACE_STORAGE && g_str_equal (x->module, "nvmf_RDMA"))
          st = x;
      }
    g_assert_nonnull (st);
    g_assert_cmpuint (st->large_retry, >, 1000);
  }
  /* Both replicas on one node: its consumers wait on one pool */
  {
    g_autoptr(IopScenario) sc = test_scenario ("shared-storage-node", NULL);
    g_autoptr(IopWorkloadParams) p = g_new0 (IopWorkloadParams, 1);
    g_autoptr(IopWorkload) w = NULL;

    iop_workload_params_init (p, sc);
    p->ios = 5000;
    w = iop_workload_run (sc, p, NULL);
    g_assert_cmpuint (counters (w, IOP_PLACE_STORAGE, 0)->buffer_waits, >, 100);
    g_assert_cmpuint (w->counters->len, ==, 2);
  }
  /* v26.01's start-up error, in SPDK's words */
  {
    g_autoptr(IopScenario) sc = test_scenario ("too-many-poll-groups", NULL);
    g_autoptr(GError) error = NULL;
    IopWorkloadParams p;

    iop_workload_params_init (&p, sc);
    g_assert_null (iop_workload_run (sc, &p, &error));
    g_assert_nonnull (strstr (error->message, "(511)supplied. (896) required"));
    /* v26.05 takes the same numbers with a deprecation only */
    iop_scenario_set_version (sc, IOP_SPDK_V26_05);
    g_clear_error (&error);
    p.ios = 1000;
    {
      g_autoptr(IopWorkload) w = iop_workload_run (sc, &p, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (w->ios, ==, 1000);
    }
  }
}

/* A/B: the summary names where B waits, from the engine's own counters */
static void
test_ab_summary (void)
{
  const char *sets[] = { "storage:iobuf_set_options.small_pool_count=512", NULL };
  g_autoptr(IopScenario) sa = test_scenario_v ("raid270", IOP_SPDK_V26_05, NULL);
  g_autoptr(IopScenario) sb = test_scenario_v ("raid270", IOP_SPDK_V26_05, sets);
  g_autoptr(IopScenario) a_again = iop_scenario_copy_with_knobs (sb, sa);
  g_autoptr(IopWorkload) a = run (sa, 128, 8192, 100, 10000);
  g_autoptr(IopWorkload) b = run (sb, 128, 8192, 100, 10000);
  g_autoptr(IopWorkload) a2 = run (a_again, 128, 8192, 100, 10000);
  g_autofree char *changes = iop_scenario_describe_knob_changes (sa, sb);
  g_autofree char *none = iop_scenario_describe_knob_changes (sa, a_again);
  g_autofree char *summary = iop_ab_workload_summary (a, b);
  g_autofree char *same = iop_ab_workload_summary (a, a2);

  /* run A rebuilt from B and A's knobs is A */
  g_assert_cmpstr (changes, ==, "iobuf_set_options.small_pool_count = 512 (storage)");
  g_assert_null (none);
  g_assert_cmpfloat (a2->iops, ==, a->iops);
  g_assert_cmpfloat (iop_ab_workload_series_difference (a, a2, "storage0/iobuf.small"), ==, 0);

  g_test_message ("%s", summary);
  /* B's storage nodes wait for buffers, A's do not */
  g_assert_cmpuint (total_retries (a), ==, 0);
  g_assert_cmpuint (counters (b, IOP_PLACE_STORAGE, 0)->buffer_waits, >, 0);
  g_assert_true (g_str_has_prefix (summary, "B: "));
  g_assert_nonnull (strstr (summary, "\nWhere B waits: "));
  g_assert_nonnull (strstr (summary, "storage A, requests that waited for a transport buffer: "));
  g_assert_nonnull (strstr (summary, "storage A, iobuf retries: "));
  g_assert_null (strstr (summary, "Where B waits less"));
  g_assert_cmpfloat (iop_ab_workload_series_difference (a, b, "storage0/iobuf.small"), >, 1.0);

  /* the same run twice: no wait, no change */
  g_assert_nonnull (strstr (same, "(±0 % against"));
  g_assert_nonnull (strstr (same, "\nB waits for no object and no queue slot"));
  g_assert_null (strstr (same, "Where B’s objects come from"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workload/seed-knobs-no-retry", test_seed_knobs_no_retry);
  g_test_add_func ("/workload/small-pool-retries", test_small_pool_retries);
  g_test_add_func ("/workload/queue-depth-knobs", test_queue_depth_knobs);
  g_test_add_func ("/workload/latency-knobs", test_latency_knobs);
  g_test_add_func ("/workload/deterministic", test_deterministic_and_seeded);
  g_test_add_func ("/workload/fresh-thin-lvol", test_fresh_thin_lvol);
  g_test_add_func ("/workload/bad-params", test_bad_params);
  g_test_add_func ("/workload/failure-scenarios", test_failure_scenarios);
  g_test_add_func ("/workload/ab-summary", test_ab_summary);
  return g_test_run ();
}
