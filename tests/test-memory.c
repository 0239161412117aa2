/* test-memory.c: the seed's memory arithmetic, and scripts/calc-iobuf.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "iop-memory.h"
#include "iop-test-util.h"

static IopMemoryLine *
find_line (IopMemoryHost *h, const char *item)
{
  for (guint i = 0; i < h->lines->len; i++)
    {
      IopMemoryLine *l = g_ptr_array_index (h->lines, i);
      if (g_str_equal (l->item, item))
        return l;
    }
  g_error ("no line %s", item);
}

static IopScalingRow *
find_scaling (IopMemoryHost *h, const char *thing)
{
  for (guint i = 0; i < h->scaling->len; i++)
    {
      IopScalingRow *r = g_ptr_array_index (h->scaling, i);
      if (g_str_equal (r->thing, thing))
        return r;
    }
  g_error ("no scaling row %s", thing);
}

static IopDemandRow *
find_demand (IopMemoryHost *h, const char *hop)
{
  for (guint i = 0; i < h->demand->len; i++)
    {
      IopDemandRow *d = g_ptr_array_index (h->demand, i);
      if (g_str_equal (d->hop, hop))
        return d;
    }
  g_error ("no in-flight row %s", hop);
}

static void
test_seed_figures (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IopMemoryReport) r = iop_memory_report_new (sc, &error);
  IopMemoryHost *bm;
  IopMemoryLine *l;
  gboolean headroom = FALSE;

  g_assert_no_error (error);
  bm = g_ptr_array_index (r->hosts, 0);
  g_assert_cmpuint (r->hosts->len, ==, 3);   /* baremetal + two storage nodes */

  /* 1,048,576 x 8,192 = 8 GiB small; 65,536 x 131,072 = 8 GiB large */
  l = find_line (bm, "small pool");
  g_assert_cmpint (l->bytes, ==, G_GINT64_CONSTANT (8589934592));
  l = find_line (bm, "large pool");
  g_assert_cmpint (l->bytes, ==, G_GINT64_CONSTANT (8589934592));
  /* 1 MiB small and 4 MiB large pinned per thread in the bdev caches, on the
   * 4 busy threads: app_thread + nvmf_tgt_poll_group_000/001/002 */
  l = find_line (bm, "bdev module small cache");
  g_assert_cmpint (l->bytes, ==, 4 * 1048576);
  g_assert_nonnull (strstr (l->scope, "4 threads, 1 MiB each"));
  l = find_line (bm, "bdev module large cache");
  g_assert_cmpint (l->bytes, ==, 4 * 4 * 1048576);
  g_assert_nonnull (strstr (l->scope, "4 MiB each"));
  /* 512 bdev_io pre-reserved across the 4 threads; 1,048,576 in the pool */
  l = find_line (bm, "of which pre-reserved in per-thread caches");
  g_assert_cmpint (l->count, ==, 512);
  l = find_line (bm, "bdev_io mempool");
  g_assert_cmpint (l->count, ==, 1048576);
  g_assert_true (l->assumed);
  /* VFIO-user: no transport iobuf cache */
  l = find_line (bm, "nvmf_VFIOUSER small cache");
  g_assert_cmpint (l->count, ==, 0);
  /* 16 qpairs: (3 poll groups + app_thread, where RAID keeps a channel to
   * each base bdev) x (2 replicas x 2 paths), 512 nvme_requests each although
   * io_queue_requests is 128 */
  l = find_line (bm, "nvme_request objects");
  g_assert_cmpint (l->count, ==, 16 * 512);
  g_assert_cmpint (find_scaling (bm, "NVMe I/O qpairs and io_paths")->count, ==, 16);
  g_assert_cmpint (find_scaling (bm, "I/O channels (raid, nvme bdev)")->count, ==, 3 * 3 + 2);
  /* A guest queue of max_queue_depth 128 entries holds 127 commands (MQES =
   * max_queue_depth - 1): 2 x 127 guest commands, and the replica qpair's
   * 127 slots are enough for them */
  {
    IopDemandRow *d = find_demand (bm, "guest commands (VFIO-user requests)");
    g_assert_cmpint (d->demand, ==, 2 * 127);
    g_assert_cmpint (d->supply, ==, 2 * 127);
    d = find_demand (bm, "RDMA slots per replica qpair");
    g_assert_cmpint (d->demand, ==, 127);
    g_assert_cmpint (d->supply, ==, 127);
  }

  for (guint i = 0; i < r->checks->len; i++)
    if (strstr (((IopDiagnostic *)g_ptr_array_index (r->checks, i))->message, "absurd headroom"))
      headroom = TRUE;
  g_assert_true (headroom);
  g_assert_nonnull (r->first_bottleneck);

  /* The storage node: 28 poll groups, the RDMA caches at v26.01's automatic size */
  {
    IopMemoryHost *st = g_ptr_array_index (r->hosts, 1);
    l = find_line (st, "nvmf_RDMA small cache");
    g_assert_cmpint (l->count, ==, 28 * ((4095 * 3 / 4) / 28));
    g_assert_cmpint (st->calc_small, ==, 28 * 128 + 28 * 128 + 28 * 109);
    g_assert_cmpint (st->pinned_small, ==, 29 * 128 + 29 * 128 + 28 * 109);
    /* The default shared receive queue: requests come from each poll
     * group's pool of max_srq_depth, not max_queue_depth x qpairs */
    l = find_line (st, "RDMA target requests (SRQ pools)");
    g_assert_cmpint (l->count, ==, 28 * 4096);
    g_assert_cmpint (find_demand (st, "RDMA requests (a poll group's SRQ pool)")->supply, ==, 4096);
    /* (3 poll groups + app_thread) x 2 paths come in; the blobstore's
     * metadata channel gives app_thread a local qpair and a request set */
    g_assert_cmpint (find_scaling (st, "Incoming RDMA qpairs")->count, ==, 8);
    g_assert_cmpint (find_scaling (st, "Local NVMe I/O qpairs")->count, ==, 29);
    g_assert_cmpint (find_line (st, "PCIe nvme_request objects")->count, ==, 29 * 512);
    g_assert_cmpint (find_line (st, "blobstore request sets, × 29 channels")->count, ==, 29 * 512);
  }
  for (guint i = 0; i < r->checks->len; i++)
    g_assert_cmpint (((IopDiagnostic *)g_ptr_array_index (r->checks, i))->level, !=, IOP_DIAG_WARNING);
}

/* no_srq: every incoming qpair has its own requests, as many as its depth */
static void
test_no_srq (void)
{
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      const char *const sets[] = { "storage:nvmf_create_transport.no_srq=true", NULL };
      g_autoptr(IopScenario) sc = test_scenario_v ("raid270", (int)v, sets);
      g_autoptr(IopMemoryReport) r = iop_memory_report_new (sc, NULL);
      IopMemoryHost *st = g_ptr_array_index (r->hosts, 1);
      IopDemandRow *d;

      g_assert_cmpint (find_line (st, "RDMA target requests (per qpair, no_srq)")->count, ==, 8 * 128);
      d = find_demand (st, "transport requests per qpair");
      g_assert_cmpint (d->demand, ==, 127);
      g_assert_cmpint (d->supply, ==, 128);
    }
}

static void
test_v2605_caches (void)
{
  g_autoptr(IopScenario) sc = test_scenario_v ("raid270", IOP_SPDK_V26_05, NULL);
  g_autoptr(IopMemoryReport) r = iop_memory_report_new (sc, NULL);
  IopMemoryHost *st = g_ptr_array_index (r->hosts, 1);
  gboolean notice = FALSE;

  /* (small_pool_count / 2) / poll groups */
  g_assert_cmpint (find_line (st, "nvmf_RDMA small cache")->count, ==, 28 * ((16384 / 2) / 28));
  g_assert_cmpint (find_line (st, "nvmf_RDMA large cache")->count, ==, 28 * ((2048 / 2) / 28));
  for (guint i = 0; i < r->checks->len; i++)
    if (strstr (((IopDiagnostic *)g_ptr_array_index (r->checks, i))->message, "calc-iobuf.py at v26.05 still applies"))
      notice = TRUE;
  g_assert_true (notice);
}

static void
test_calc_iobuf_cases (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("IOPATH_TESTS_DIR"), "data", "calc-iobuf", NULL);
  g_autofree char *path = g_build_filename (dir, "expected.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *cases;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), >=, 25);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *cfg = g_build_filename (dir, json_object_get_string_member (c, "config"), NULL);
      g_autoptr(JsonParser) p = json_parser_new ();
      g_autoptr(GError) error = NULL;
      guint64 mask = g_ascii_strtoull (json_object_get_string_member (c, "core_mask"), NULL, 0);
      gint64 s = -1, l = -1;

      g_assert_true (json_parser_load_from_file (p, cfg, NULL));
      g_assert_true (iop_calc_iobuf (json_parser_get_root (p), mask, &s, &l, &error));
      g_assert_no_error (error);
      if (s != json_object_get_int_member (c, "small_pool_count") || l != json_object_get_int_member (c, "large_pool_count"))
        g_error ("%s with %s: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ", the script says %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                 json_object_get_string_member (c, "config"), json_object_get_string_member (c, "core_mask"),
                 s, l, json_object_get_int_member (c, "small_pool_count"), json_object_get_int_member (c, "large_pool_count"));
    }
}

static void
test_calc_iobuf_real_configs (void)
{
  const char *shared = g_getenv ("IOPATH_SHARED_DIR");
  /* The real run's save_config files with mask 0x3: what the script prints */
  const struct { const char *file; gint64 s, l; } runs[] = {
    { "runtime/baremetal.save_config.json", 894, 478 },
    { "runtime/storage.save_config.json", 894, 64 },
  };
  /* SPDK's test configs the script cannot read: Iopath says why */
  const char *refused[] = { "configs/bdevperf-conf.json", "configs/hello-blob.json", "configs/extra-key.json", "configs/alias-rpc-conf.json" };

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/spdk is not next to the project");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *path = g_build_filename (shared, "spdk", runs[i].file, NULL);
      g_autoptr(JsonParser) p = json_parser_new ();
      gint64 s, l;

      g_assert_true (json_parser_load_from_file (p, path, NULL));
      g_assert_true (iop_calc_iobuf (json_parser_get_root (p), 0x3, &s, &l, NULL));
      g_assert_cmpint (s, ==, runs[i].s);
      g_assert_cmpint (l, ==, runs[i].l);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_build_filename (shared, "spdk", refused[i], NULL);
      g_autoptr(JsonParser) p = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gint64 s, l;

      g_assert_true (json_parser_load_from_file (p, path, NULL));
      /* bdevperf and hello-blob have no nvmf: the script's sum is 0, and it
       * only fails when it prints JSON without an iobuf subsystem */
      if (iop_calc_iobuf (json_parser_get_root (p), 0x3, &s, &l, &error))
        {
          g_assert_cmpint (s, ==, 0);
          g_assert_cmpint (l, ==, 0);
        }
      else
        g_assert_nonnull (strstr (error->message, "calc-iobuf.py"));
    }
}

/* A config whose transports' caches add up beyond 64 bits (each value is in
 * range; 140,000 entries of 2^40 buffers on 64 cores): refused, not wrapped
 * (the sum was a signed overflow) */
static void
test_calc_iobuf_overflow (void)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *cfg = json_object_new ();
  JsonArray *subs = json_array_new ();
  JsonArray *nvmf = json_array_new ();
  JsonObject *transport = json_object_new ();
  JsonObject *params = json_object_new ();
  const char *names[] = { "iobuf", "bdev", "accel", "nvmf" };
  g_autoptr(GError) error = NULL;
  gint64 small = 0, large = 0;

  json_object_set_string_member (params, "trtype", "TCP");
  json_object_set_int_member (params, "buf_cache_size", G_GINT64_CONSTANT (1) << 40);
  json_object_set_int_member (params, "io_unit_size", 131072);
  json_object_set_int_member (params, "num_shared_buffers", G_GINT64_CONSTANT (1) << 40);
  json_object_set_string_member (transport, "method", "nvmf_create_transport");
  json_object_set_object_member (transport, "params", params);
  for (guint i = 0; i < 140000; i++)
    json_array_add_object_element (nvmf, json_object_ref (transport));
  json_object_unref (transport);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *sub = json_object_new ();

      json_object_set_string_member (sub, "subsystem", names[i]);
      json_object_set_array_member (sub, "config", i == 3 ? nvmf : json_array_new ());
      json_array_add_object_element (subs, sub);
    }
  json_object_set_array_member (cfg, "subsystems", subs);
  json_node_take_object (root, cfg);

  g_assert_false (iop_calc_iobuf (root, G_MAXUINT64, &small, &large, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_SCENARIO);
  g_assert_nonnull (strstr (error->message, "more buffers than 64 bits can count"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memory/seed-figures", test_seed_figures);
  g_test_add_func ("/memory/v26.05-caches", test_v2605_caches);
  g_test_add_func ("/memory/no-srq", test_no_srq);
  g_test_add_func ("/memory/calc-iobuf-cases", test_calc_iobuf_cases);
  g_test_add_func ("/memory/calc-iobuf-real-configs", test_calc_iobuf_real_configs);
  g_test_add_func ("/memory/calc-iobuf-overflow", test_calc_iobuf_overflow);
  return g_test_run ();
}
