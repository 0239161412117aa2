/* test-trace.c: the path, its objects, and what knobs do to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-placement.h"
#include "iop-test-util.h"

static void
test_write_touches_everything (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(IopTrace) t = test_trace (sc);
  gboolean place[3] = { 0 }, leg[2] = { 0 };

  g_assert_cmpstr (iop_trace_spdk_tag (t), ==, "v26.01");
  for (guint i = 0; i < t->steps->len; i++)
    {
      IopStep *s = iop_trace_step (t, i);
      place[s->place] = TRUE;
      if (s->leg >= 0)
        leg[s->leg] = TRUE;
      if (i > 0)
        g_assert_cmpint (s->t_ns, >=, iop_trace_step (t, i - 1)->t_ns);
    }
  g_assert_true (place[IOP_PLACE_BAREMETAL] && place[IOP_PLACE_NETWORK] && place[IOP_PLACE_STORAGE]);
  g_assert_true (leg[0] && leg[1]);
  g_assert_cmpint (t->split_step, >=, 0);
  g_assert_cmpint (t->join_step, >, t->split_step);
  /* Both replicas' storage nodes did the work */
  g_assert_nonnull (test_find_step (t, "media", 0));
  g_assert_nonnull (test_find_step (t, "media", 1));
  g_assert_cmpint (test_find_step (t, "media", 0)->node, ==, 0);
  g_assert_cmpint (test_find_step (t, "media", 1)->node, ==, 1);
  /* The join comes after both legs completed */
  g_assert_cmpint (test_find_step (t, "raid1.write_complete", 0)->index, <, (guint)t->join_step);
  g_assert_cmpint (test_find_step (t, "raid1.write_complete", 1)->index, <, (guint)t->join_step);
  g_assert_cmpint (t->end_ns, >, 0);
  g_assert_cmpint (t->diagnostics->len, ==, 0);
}

static void
check_balanced (IopTrace *t)
{
  /* Every object is freed after it was allocated */
  for (guint i = 0; i < t->objects->len; i++)
    {
      IopObject *o = g_ptr_array_index (t->objects, i);
      g_assert_cmpint (o->free_step, >=, o->alloc_step);
    }
  /* Pools, caches and queues end where they started */
  for (guint g = 0; g < t->gauges->len; g++)
    {
      IopGauge *gauge = g_ptr_array_index (t->gauges, g);
      gint64 end = iop_trace_level (t, (int)t->steps->len - 1, g);

      if (end != gauge->initial)
        g_error ("%s ends at %" G_GINT64_FORMAT " but started at %" G_GINT64_FORMAT, gauge->key, end, gauge->initial);
    }
}

static void
test_balanced (void)
{
  const char *ops[] = { "write", "read" };
  const gint64 sizes[] = { 4096, 8192, 65536, 131072 };

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
          g_autoptr(IopTrace) t = NULL;

          iop_scenario_set_version (sc, v);
          g_assert_true (iop_op_parse (ops[o], &sc->op, NULL));
          sc->io_size = sizes[s];
          t = test_trace (sc);
          g_test_message ("%s %s %" G_GINT64_FORMAT, iop_spdk_version_tag (v), ops[o], sizes[s]);
          check_balanced (t);
          g_assert_cmpstr (iop_trace_spdk_tag (t), ==, iop_spdk_version_tag (v));
        }
}

static void
test_read_picks_one_replica (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(IopTrace) t = NULL;
  IopStep *s;

  sc->op = IOP_OP_READ;
  t = test_trace (sc);
  /* No step of leg B: the read went to one replica, the least loaded, A on a tie */
  g_assert_nonnull (test_find_step (t, "media", 0));
  g_assert_null (test_find_step (t, "media", 1));
  /* The guest brought its buffer: no bdev iobuf buffer */
  s = test_find_step (t, "bdev.get_buf", -2);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->allocs->len, ==, 0);
  g_assert_cmpuint (iop_trace_find_iobuf_stats (t, IOP_PLACE_BAREMETAL, -1, "bdev")->small_cache, ==, 0);
  g_assert_cmpuint (iop_trace_find_iobuf_stats (t, IOP_PLACE_BAREMETAL, -1, "bdev")->small_main, ==, 0);
}

static IopObject *
storage_buffers (IopTrace *t)
{
  return test_alloc_in (t, test_find_step (t, "nvmf_rdma.get_buffers", 0), "iobuf buffer");
}

static void
test_buffer_classes (void)
{
  /* v26.01: io_unit_size 8192 -> a 128 KiB read takes 16 small buffers.
   * The guest's 32 pages are 32 iovecs, above bdev_nvme's 16 segments, so the
   * bdev layer splits it into two 64 KiB children: 8 buffers each */
  {
    g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
    g_autoptr(IopTrace) t = NULL;
    const char *label = NULL;

    sc->op = IOP_OP_READ;
    sc->io_size = 131072;
    t = test_trace (sc);
    g_assert_nonnull (test_find_step (t, "bdev.split", 0));
    g_assert_nonnull (storage_buffers (t));
    g_assert_cmpuint (storage_buffers (t)->count, ==, 8);
    g_assert_cmpuint (test_count_allocs (t, "nvmf_rdma.get_buffers", 0, "iobuf buffer", &label), ==, 16);
    g_assert_true (strstr (label, "small") != NULL);
  }
  /* v26.01 with io_unit_size 128 KiB: one large buffer per 64 KiB child */
  {
    const char *sets[] = { "storage:nvmf_create_transport.io_unit_size=131072", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopTrace) t = NULL;
    const char *label = NULL;

    sc->op = IOP_OP_READ;
    sc->io_size = 131072;
    t = test_trace (sc);
    g_assert_cmpuint (test_count_allocs (t, "nvmf_rdma.get_buffers", 0, "iobuf buffer", &label), ==, 2);
    g_assert_true (strstr (label, "large") != NULL);
    g_assert_cmpuint (iop_trace_find_iobuf_stats (t, IOP_PLACE_STORAGE, 0, "nvmf_RDMA")->large_cache, ==, 2);
  }
  /* v26.05: the class follows the length: a 64 KiB child -> one large buffer */
  {
    g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
    g_autoptr(IopTrace) t = NULL;
    const char *label = NULL;

    iop_scenario_set_version (sc, IOP_SPDK_V26_05);
    sc->op = IOP_OP_READ;
    sc->io_size = 131072;
    t = test_trace (sc);
    g_assert_cmpuint (storage_buffers (t)->count, ==, 1);
    g_assert_cmpuint (test_count_allocs (t, "nvmf_rdma.get_buffers", 0, "iobuf buffer", &label), ==, 2);
    g_assert_true (strstr (label, "large") != NULL);
  }
  /* A 64 KiB read is 16 iovecs: not split, 8 small buffers at v26.01 */
  {
    g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
    g_autoptr(IopTrace) t = NULL;

    sc->op = IOP_OP_READ;
    sc->io_size = 65536;
    t = test_trace (sc);
    g_assert_null (test_find_step (t, "bdev.split", -2));
    g_assert_cmpuint (test_count_allocs (t, "nvmf_rdma.get_buffers", 0, "iobuf buffer", NULL), ==, 8);
  }
  /* v26.05: a small small_bufsize moves an 8 KiB read to the large pool */
  {
    const char *sets[] = { "storage:iobuf_set_options.small_bufsize=4096", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopTrace) t = NULL;

    iop_scenario_set_version (sc, IOP_SPDK_V26_05);
    sc->op = IOP_OP_READ;
    sc->io_size = 8192;
    t = test_trace (sc);
    g_assert_true (strstr (storage_buffers (t)->label, "large") != NULL);
  }
  /* A 4 KiB write travels in capsule: no transport buffer at all */
  {
    g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
    g_autoptr(IopTrace) t = test_trace (sc);

    g_assert_null (storage_buffers (t));
    g_assert_null (test_find_step (t, "net.rdma_read", 0));
  }
  /* An 8 KiB write does not: RDMA READ and buffers */
  {
    g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
    g_autoptr(IopTrace) t = NULL;

    sc->io_size = 8192;
    t = test_trace (sc);
    g_assert_nonnull (storage_buffers (t));
    g_assert_nonnull (test_find_step (t, "net.rdma_read", 0));
  }
}

static void
test_cache_zero_goes_to_main (void)
{
  const char *sets[] = { "storage:nvmf_create_transport.buf_cache_size=0", NULL };
  g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
  g_autoptr(IopTrace) t = NULL;
  const IopIobufStats *st;
  int ring;

  sc->op = IOP_OP_READ;
  sc->io_size = 32768;   /* 4 buffers of 8 KiB */
  t = test_trace (sc);
  st = iop_trace_find_iobuf_stats (t, IOP_PLACE_STORAGE, 0, "nvmf_RDMA");
  g_assert_cmpuint (st->small_cache, ==, 0);
  g_assert_cmpuint (st->small_main, ==, 4);
  g_assert_cmpuint (st->small_retry, ==, 0);
  /* With no cache the buffers go straight back to the ring */
  ring = test_gauge (t, "storage0/iobuf.small");
  g_assert_cmpint (ring, >=, 0);
  g_assert_cmpint (iop_trace_level (t, (int)t->steps->len - 1, ring), ==, ((IopGauge *)g_ptr_array_index (t->gauges, ring))->initial);
  check_balanced (t);
}

static void
test_exhausted_pool_waits (void)
{
  /* v26.05: the transport registers a wait entry; 8 large buffers, no caches,
   * 24 writes of 128 KiB in flight before the traced one */
  const char *sets[] = {
    "storage:iobuf_set_options.large_pool_count=8",
    "storage:nvmf_create_transport.iobuf_large_cache_size=0",
    "storage:bdev_set_options.iobuf_large_cache_size=0",
    "storage:accel_set_options.large_cache_size=0",
    NULL
  };
  g_autoptr(IopScenario) sc = test_scenario_v ("raid270", IOP_SPDK_V26_05, sets);
  g_autoptr(IopTrace) t = NULL;
  IopStep *wait;
  const IopIobufStats *st;

  sc->io_size = 131072;
  sc->background_inflight = 24;
  t = test_trace (sc);
  wait = test_find_step (t, "nvmf_rdma.need_buffer", 0);
  g_assert_nonnull (wait);
  g_assert_true (wait->waited);
  st = iop_trace_find_iobuf_stats (t, IOP_PLACE_STORAGE, 0, "nvmf_RDMA");
  g_assert_cmpuint (st->large_retry, >, 0);
  g_assert_cmpuint (st->large_main, >, 0);
  /* It still completes */
  g_assert_nonnull (test_find_step (t, "vfu.complete", -2));

  /* v26.01 RDMA: no wait entry, no retry counted, the request polls */
  {
    const char *sets1[] = {
      "storage:iobuf_set_options.small_pool_count=64",
      "storage:nvmf_create_transport.buf_cache_size=0",
      "storage:bdev_set_options.iobuf_small_cache_size=0",
      "storage:accel_set_options.small_cache_size=0",
      "storage:nvmf_create_transport.num_shared_buffers=32",
      NULL
    };
    g_autoptr(IopScenario) sc1 = test_scenario ("raid270", sets1);
    g_autoptr(IopTrace) t1 = NULL;

    sc1->io_size = 131072;   /* 16 small buffers each */
    sc1->background_inflight = 8;
    t1 = test_trace (sc1);
    g_assert_nonnull (test_find_step (t1, "nvmf_rdma.need_buffer", -2));
    g_assert_cmpuint (iop_trace_find_iobuf_stats (t1, IOP_PLACE_STORAGE, 0, "nvmf_RDMA")->small_retry, ==, 0);
    g_assert_nonnull (test_find_step (t1, "vfu.complete", -2));
  }
}

static void
test_full_qpair_queues (void)
{
  /* spdk-defaults: the guest may have 256 commands per queue pair, the RDMA
   * qpair has 127 slots (queue size 128 from the target's max_queue_depth, minus one) */
  g_autoptr(IopScenario) sc = test_scenario ("spdk-defaults", NULL);
  g_autoptr(IopTrace) t = NULL;
  IopStep *q;

  sc->background_inflight = 130;
  t = test_trace (sc);
  q = test_find_step (t, "nvme.queued", -2);
  g_assert_nonnull (q);
  g_assert_true (q->waited);
  g_assert_nonnull (test_alloc_in (t, test_find_step (t, "nvme_rdma.submit_inline", 0), "rdma_req"));

  /* raid270's VFIO-user max_queue_depth 128 stops the guest: the 131st
   * command waits in the guest until one of the 128 completes */
  {
    g_autoptr(IopScenario) sc2 = test_scenario ("raid270", NULL);
    g_autoptr(IopTrace) t2 = NULL;
    IopStep *w;

    sc2->background_inflight = 130;
    t2 = test_trace (sc2);
    w = test_find_step (t2, "guest.queue_full", -2);
    g_assert_nonnull (w);
    g_assert_true (w->waited);
    g_assert_nonnull (strstr (w->title, "Guest queue full"));
  }
}

static void
test_io_queue_requests (void)
{
  /* 128 is below the driver's 512: no change. 1024 raises it. */
  const char *sets[] = { "baremetal:bdev_nvme_set_options.io_queue_requests=1024", NULL };
  g_autoptr(IopScenario) a = test_scenario ("raid270", NULL);
  g_autoptr(IopScenario) b = test_scenario ("raid270", sets);
  g_autoptr(IopTrace) ta = test_trace (a);
  g_autoptr(IopTrace) tb = test_trace (b);
  IopObject *oa = test_alloc_in (ta, test_find_step (ta, "nvme.ns_cmd", 0), "nvme_request");
  IopObject *ob = test_alloc_in (tb, test_find_step (tb, "nvme.ns_cmd", 0), "nvme_request");

  g_assert_cmpint (((IopGauge *)g_ptr_array_index (ta->gauges, oa->gauge))->capacity, ==, 512);
  g_assert_cmpint (((IopGauge *)g_ptr_array_index (tb->gauges, ob->gauge))->capacity, ==, 1024);
}

static void
test_bdev_io_cache (void)
{
  const char *sets[] = { "baremetal:bdev_set_options.bdev_io_cache_size=64", NULL };
  g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
  g_autoptr(IopTrace) t = test_trace (sc);
  IopStep *s = test_find_step (t, "bdev.get_io", -1);
  IopObjectEvent *e = &g_array_index (s->allocs, IopObjectEvent, 0);

  g_assert_cmpint (e->before, ==, 64);
  g_assert_cmpint (e->after, ==, 63);
}

static void
test_thin_first_write (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(IopTrace) plain = test_trace (sc);
  g_autoptr(IopTrace) first = NULL;

  g_assert_null (test_find_step (plain, "blob.alloc_cluster", -2));
  sc->first_write_to_cluster = TRUE;
  first = test_trace (sc);
  g_assert_nonnull (test_find_step (first, "blob.alloc_cluster", 0));
  g_assert_nonnull (test_find_step (first, "blob.alloc_cluster", 1));
  g_assert_cmpint (first->end_ns, >, plain->end_ns);
}

static void
test_deterministic (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(IopScenario) sc = test_scenario (i ? "spdk-defaults" : "raid270", NULL);
      g_autoptr(IopTrace) a = NULL;
      g_autoptr(IopTrace) b = NULL;
      g_autoptr(JsonNode) ja = NULL;
      g_autoptr(JsonNode) jb = NULL;
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      sc->background_inflight = 40;
      sc->io_size = 65536;
      a = test_trace (sc);
      b = test_trace (sc);
      ja = iop_trace_to_json (a);
      jb = iop_trace_to_json (b);
      sa = json_to_string (ja, FALSE);
      sb = json_to_string (jb, FALSE);
      g_assert_cmpstr (sa, ==, sb);
    }
}

static void
test_startup_diagnostics (void)
{
  /* spdk-defaults' storage node: 28 poll groups cannot fill their caches from
   * 8192 small buffers; SPDK says so with its own words */
  g_autoptr(IopScenario) sc = test_scenario ("spdk-defaults", NULL);
  g_autoptr(IopTrace) t = test_trace (sc);
  gboolean seen = FALSE;

  for (guint i = 0; i < t->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (t->diagnostics, i);
      if (d->level == IOP_DIAG_ERROR && g_str_has_prefix (d->message, "Failed to populate '") && d->host == IOP_HOST_STORAGE)
        seen = TRUE;
    }
  g_assert_true (seen);
  /* said at start-up, before the traced I/O: a problem with the settings */
  for (guint i = 0; i < t->diagnostics->len; i++)
    g_assert_false (((IopDiagnostic *)g_ptr_array_index (t->diagnostics, i))->during_io);
}

/* What SPDK logs while a fault plays out is not a problem with the settings:
 * the window counts them apart */
static void
test_fault_diagnostics_during_io (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270-outage-fast-fail", NULL);
  g_autoptr(IopTrace) t = test_trace (sc);
  guint n = 0;

  for (guint i = 0; i < t->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (t->diagnostics, i);
      if (d->level >= IOP_DIAG_WARNING)
        {
          g_assert_true (d->during_io);
          n++;
        }
    }
  g_assert_cmpuint (n, >=, 2);
}

static void
test_deprecations (void)
{
  const char *sets[] = { "storage:nvmf_create_transport.num_shared_buffers=8192", NULL };
  g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
  g_autoptr(IopTrace) t1 = test_trace (sc);
  g_autoptr(IopTrace) t5 = NULL;
  IopDiagnostic *d;

  /* v26.01 knows no deprecation of it */
  for (guint i = 0; i < t1->diagnostics->len; i++)
    g_assert_cmpint (((IopDiagnostic *)g_ptr_array_index (t1->diagnostics, i))->level, !=, IOP_DIAG_DEPRECATION);
  iop_scenario_set_version (sc, IOP_SPDK_V26_05);
  t5 = test_trace (sc);
  g_assert_cmpuint (t5->diagnostics->len, >=, 1);
  d = g_ptr_array_index (t5->diagnostics, 0);
  g_assert_cmpint (d->level, ==, IOP_DIAG_DEPRECATION);
  g_assert_cmpstr (d->message, ==, "nvmf_create_transport_num_shared_buffers: deprecated feature Use iobuf_large_cache_size and iobuf_small_cache_size instead to be removed in v26.09");
}

static void
test_stalled_io_is_reported (void)
{
  /* v26.05 with 8 KiB large buffers: one 128 KiB read needs 16 of them and
   * the storage node has 8. It waits for ever; the trace says so. Over
   * VFIO-user the bdev layer would cut the read into 64 KiB children (32
   * pages are 32 iovecs); the TCP guest's one 128 KiB buffer is one iovec. */
  const char *sets[] = {
    "storage:iobuf_set_options.small_bufsize=4096",
    "storage:iobuf_set_options.large_bufsize=8192",
    "storage:iobuf_set_options.large_pool_count=8",
    "storage:nvmf_create_transport.iobuf_large_cache_size=0",
    "storage:bdev_set_options.iobuf_large_cache_size=0",
    "storage:accel_set_options.large_cache_size=0",
    NULL
  };
  g_autoptr(IopScenario) sc = test_scenario_v ("realrun-tcp", IOP_SPDK_V26_05, sets);
  g_autoptr(IopTrace) t = NULL;
  gboolean reported = FALSE;

  sc->op = IOP_OP_READ;
  sc->io_size = 131072;
  t = test_trace (sc);
  for (guint i = 0; i < t->diagnostics->len; i++)
    if (strstr (((IopDiagnostic *)g_ptr_array_index (t->diagnostics, i))->message, "never completed"))
      reported = TRUE;
  g_assert_true (reported);
}

/* The storage node's RDMA target places the baremetal's I/O qpairs per
 * node, in connect order (bdev examine's, closed again; app_thread's for
 * RAID; then each poll group's), the admin queues on a cursor of their own
 * (lib/nvmf/rdma.c nvmf_rdma_get_optimal_poll_group, both tags). The old
 * model counted every controller of both nodes and skipped app_thread:
 * storage A on 004 and B on 006 at v26.01. */
static void
test_storage_placement (void)
{
  /* v26.01: the guest's queue pair on baremetal 001 (after VFIO-user's
   * admin queue), whose path-0 qpair is the node's 6th I/O qpair; v26.05:
   * on 000, the 4th */
  const struct { int version; const char *pg; int core; const char *number; } want[] = {
    { IOP_SPDK_V26_01, "nvmf_tgt_poll_group_005", 10, "was number 6." },
    { IOP_SPDK_V26_05, "nvmf_tgt_poll_group_003", 8, "was number 4." },
  };

  for (guint v = 0; v < G_N_ELEMENTS (want); v++)
    {
      g_autoptr(IopScenario) sc = test_scenario_v ("raid270", want[v].version, NULL);
      g_autoptr(IopTrace) t = test_trace (sc);

      for (int leg = 0; leg < 2; leg++)
        {
          IopStep *s = test_find_step (t, "nvmf_rdma.recv", leg);
          g_autofree char *text = NULL;
          g_autofree char *where = g_strdup_printf ("%s (core %d)", want[v].pg, want[v].core);

          g_assert_nonnull (s);
          g_assert_cmpint (s->node, ==, leg);
          g_assert_cmpstr (s->thread, ==, want[v].pg);
          g_assert_cmpint (s->core, ==, want[v].core);
          /* the explanation follows the run */
          text = iop_trace_step_explanation_text (t, s);
          g_assert_nonnull (strstr (text, where));
          g_assert_nonnull (strstr (text, want[v].number));
          g_assert_null (strstr (text, "one of the 28 poll-group threads"));
        }
    }

  /* One node for both replicas, 4 poll groups: A's examine qpair and B's
   * move the cursor twice, app_thread has 4, so the baremetal group 000's
   * qpairs to A and B over path 0 are the 7th and 9th */
  {
    g_autoptr(IopScenario) sc = test_scenario ("shared-storage-node", NULL);
    g_autoptr(IopTrace) t = test_trace (sc);

    g_assert_cmpstr (test_find_step (t, "nvmf_rdma.recv", 0)->thread, ==, "nvmf_tgt_poll_group_002");
    g_assert_cmpstr (test_find_step (t, "nvmf_rdma.recv", 1)->thread, ==, "nvmf_tgt_poll_group_000");
  }
}

/* The rules themselves, on the placement the engine replays */
static void
test_placement_rules (void)
{
  /* RDMA, 2 poll groups (cores 4 and 5): admin queues alternate on their
   * own cursor; examine's qpair takes 000 and leaves; the I/O qpairs then
   * alternate from 001, 4 on each group */
  {
    const char *sets[] = { "storage:spdk_tgt.cpumask=0x30", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopTopology) topo = iop_topology_new (sc);
    g_autoptr(IopPlacement) pl = iop_placement_new_storage (sc, topo, 0);
    guint on[2] = { 0 }, admin = 0, io = 0;

    g_assert_cmpuint (pl->n_groups, ==, 2);
    g_assert_cmpuint (pl->n_io, ==, 8);
    for (guint i = 0; i < pl->conns->len; i++)
      {
        const IopConn *c = &g_array_index (pl->conns, IopConn, i);

        g_assert_cmpint (c->leg, ==, 0);
        if (c->kind == IOP_CONN_ADMIN)
          g_assert_cmpuint (c->pg, ==, admin++ % 2);
        else if (c->kind == IOP_CONN_EXAMINE)
          g_assert_cmpuint (c->pg, ==, 0);
        else
          {
            g_assert_cmpuint (c->pg, ==, (io++ + 1) % 2);
            on[c->pg]++;
          }
      }
    g_assert_cmpuint (admin, ==, 2);
    g_assert_cmpuint (on[0], ==, 4);
    g_assert_cmpuint (on[1], ==, 4);
    /* node B sees only replica B's controllers */
    {
      g_autoptr(IopPlacement) b = iop_placement_new_storage (sc, topo, 1);

      g_assert_cmpuint (b->n_io, ==, 8);
      g_assert_nonnull (iop_placement_find (b, 1, 1, 0, -1));
      g_assert_null (iop_placement_find (b, 1, 0, 0, -1));
    }
  }

  /* TCP front end with 3 poll groups: the guest (SPDK's bdev_nvme) makes
   * its admin queue, examine's qpair, then its I/O queue pair, each on the
   * next group: the I/O queue pair on 002. The old model put it on 000. */
  {
    const char *sets[] = { "baremetal:spdk_tgt.cpumask=0x7", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("realrun-tcp", sets);
    g_autoptr(IopTopology) topo = iop_topology_new (sc);
    g_autoptr(IopPlacement) pl = iop_placement_new_front (sc, topo, 2);
    g_autoptr(IopTrace) t = test_trace (sc);
    IopStep *s = test_find_step (t, "nvmf_tcp.recv", -1);
    g_autofree char *text = NULL;

    g_assert_cmpuint (g_array_index (pl->conns, IopConn, 0).kind, ==, IOP_CONN_ADMIN);
    g_assert_cmpuint (g_array_index (pl->conns, IopConn, 0).pg, ==, 0);
    g_assert_cmpuint (g_array_index (pl->conns, IopConn, 1).kind, ==, IOP_CONN_EXAMINE);
    g_assert_cmpuint (g_array_index (pl->conns, IopConn, 1).pg, ==, 1);
    g_assert_cmpuint (iop_placement_find (pl, -1, -1, -1, 0)->pg, ==, 2);
    g_assert_cmpuint (iop_placement_find (pl, -1, -1, -1, 1)->pg, ==, 0);
    g_assert_cmpstr (s->thread, ==, "nvmf_tgt_poll_group_002");
    text = iop_trace_step_explanation_text (t, s);
    g_assert_nonnull (strstr (text, "nvmf_tgt_poll_group_002 (core 0)"));
    g_assert_nonnull (strstr (text, "took turn 3."));
  }

  /* The captured run (2 poll groups): the guest's I/O queue pair on 000,
   * as its nvmf_get_stats shows (shared/spdk/runtime) */
  {
    g_autoptr(IopScenario) sc = test_scenario ("realrun-tcp", NULL);
    g_autoptr(IopTrace) t = test_trace (sc);

    g_assert_cmpstr (test_find_step (t, "nvmf_tcp.recv", -1)->thread, ==, "nvmf_tgt_poll_group_000");
  }

  /* TCP storage node with 2 poll groups: admin queues take turns too */
  {
    const char *sets[] = { "storage:spdk_tgt.cpumask=0x3", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("realrun-tcp", sets);
    g_autoptr(IopTopology) topo = iop_topology_new (sc);
    g_autoptr(IopPlacement) pl = iop_placement_new_storage (sc, topo, 0);
    const IopConn *a = iop_placement_find (pl, 0, 0, 0, -1), *b = iop_placement_find (pl, 0, 1, 0, -1);

    g_assert_cmpuint (a->turn, ==, 7);
    g_assert_cmpuint (a->pg, ==, 0);
    g_assert_cmpuint (b->turn, ==, 8);
    g_assert_cmpuint (b->pg, ==, 1);
  }

  /* VFIO-user: v26.01 round robin with the admin queue's turn first,
   * v26.05 the fewest I/O qpairs */
  for (int v = IOP_SPDK_V26_01; v <= IOP_SPDK_V26_05; v++)
    {
      g_autoptr(IopScenario) sc = test_scenario_v ("raid270", v, NULL);
      g_autoptr(IopTopology) topo = iop_topology_new (sc);
      g_autoptr(IopPlacement) pl = iop_placement_new_front (sc, topo, 4);

      for (int q = 0; q < 4; q++)
        g_assert_cmpuint (iop_placement_find (pl, -1, -1, -1, q)->pg, ==, (guint)(q + (v == IOP_SPDK_V26_01)) % 3);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace/write-touches-everything", test_write_touches_everything);
  g_test_add_func ("/trace/balanced", test_balanced);
  g_test_add_func ("/trace/read-picks-one-replica", test_read_picks_one_replica);
  g_test_add_func ("/trace/buffer-classes", test_buffer_classes);
  g_test_add_func ("/trace/cache-zero-goes-to-main", test_cache_zero_goes_to_main);
  g_test_add_func ("/trace/exhausted-pool-waits", test_exhausted_pool_waits);
  g_test_add_func ("/trace/full-qpair-queues", test_full_qpair_queues);
  g_test_add_func ("/trace/io-queue-requests", test_io_queue_requests);
  g_test_add_func ("/trace/bdev-io-cache", test_bdev_io_cache);
  g_test_add_func ("/trace/thin-first-write", test_thin_first_write);
  g_test_add_func ("/trace/deterministic", test_deterministic);
  g_test_add_func ("/trace/startup-diagnostics", test_startup_diagnostics);
  g_test_add_func ("/trace/fault-diagnostics-during-io", test_fault_diagnostics_during_io);
  g_test_add_func ("/trace/deprecations", test_deprecations);
  g_test_add_func ("/trace/stalled-io-is-reported", test_stalled_io_is_reported);
  g_test_add_func ("/trace/storage-placement", test_storage_placement);
  g_test_add_func ("/trace/placement-rules", test_placement_rules);
  return g_test_run ();
}
