/* test-knobs.c: the registry, parsing, and SPDK's schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "iop-test-util.h"

static void
test_registry_complete (void)
{
  /* Every knob the seed names, with its RPC method and parameter */
  static const struct { const char *id; IopHostId host; } seed[] = {
    { "iobuf_set_options.small_pool_count", IOP_HOST_BAREMETAL },
    { "iobuf_set_options.large_pool_count", IOP_HOST_BAREMETAL },
    { "iobuf_set_options.small_bufsize", IOP_HOST_BAREMETAL },
    { "iobuf_set_options.large_bufsize", IOP_HOST_BAREMETAL },
    { "bdev_set_options.bdev_io_pool_size", IOP_HOST_STORAGE },
    { "bdev_set_options.bdev_io_cache_size", IOP_HOST_BAREMETAL },
    { "bdev_set_options.iobuf_small_cache_size", IOP_HOST_BAREMETAL },
    { "bdev_set_options.iobuf_large_cache_size", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.io_queue_requests", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.nvme_ioq_poll_period_us", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.delay_cmd_submit", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.transport_ack_timeout", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.rdma_srq_size", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.rdma_max_cq_size", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.rdma_cm_event_timeout_ms", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.keep_alive_timeout_ms", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.reconnect_delay_sec", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.ctrlr_loss_timeout_sec", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.fast_io_fail_timeout_sec", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.io_path_stat", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.timeout_us", IOP_HOST_BAREMETAL },
    { "bdev_nvme_set_options.action_on_timeout", IOP_HOST_BAREMETAL },
    { "nvmf_create_transport.num_shared_buffers", IOP_HOST_STORAGE },   /* RDMA */
    { "nvmf_create_transport.num_shared_buffers", IOP_HOST_BAREMETAL }, /* VFIOUSER */
    { "nvmf_create_transport.buf_cache_size", IOP_HOST_STORAGE },
    { "nvmf_create_transport.io_unit_size", IOP_HOST_STORAGE },
    { "nvmf_create_transport.max_io_size", IOP_HOST_STORAGE },
    { "nvmf_create_transport.max_queue_depth", IOP_HOST_BAREMETAL },
    { "nvmf_create_transport.max_io_qpairs_per_ctrlr", IOP_HOST_BAREMETAL },
    { "nvmf_set_config.poll_groups_mask", IOP_HOST_BAREMETAL },
    { "spdk_tgt.cpumask", IOP_HOST_STORAGE },
  };
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
    {
      g_autoptr(GError) error = NULL;
      const IopKnobDef *d = iop_scenario_find_knob (sc, seed[i].host, seed[i].id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (d->description);
      g_assert_nonnull (d->layer);
    }
  /* The two transports' knobs are distinct definitions with their own defaults */
  {
    const IopKnobDef *v = iop_scenario_find_knob (sc, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_queue_depth", NULL);
    const IopKnobDef *r = iop_scenario_find_knob (sc, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth", NULL);
    g_assert_cmpstr (v->trtype, ==, "VFIOUSER");
    g_assert_cmpstr (r->trtype, ==, "RDMA");
    g_assert_cmpint (iop_knob_def_default (v, IOP_SPDK_V26_01), ==, 256);
    g_assert_cmpint (iop_knob_def_default (r, IOP_SPDK_V26_01), ==, 128);
  }
}

static void
test_defaults (void)
{
  static const struct { const char *id; const char *tr; gint64 v1, v5; } d[] = {
    { "iobuf_set_options.small_pool_count", NULL, 8192, 8192 },
    { "iobuf_set_options.large_pool_count", NULL, 1024, 1024 },
    { "iobuf_set_options.large_bufsize", NULL, 135168, 135168 },
    { "bdev_set_options.bdev_io_pool_size", NULL, 65535, 65535 },
    { "bdev_set_options.bdev_io_cache_size", NULL, 256, 256 },
    { "bdev_set_options.iobuf_small_cache_size", NULL, 128, 128 },
    { "bdev_set_options.iobuf_large_cache_size", NULL, 16, 16 },
    { "bdev_nvme_set_options.io_queue_requests", NULL, 0, 0 },
    { "bdev_nvme_set_options.keep_alive_timeout_ms", NULL, 10000, 10000 },
    { "nvmf_create_transport.num_shared_buffers", "RDMA", 4095, 0 },
    /* v26.05: nvmf_rdma_opts_init no longer sets it (lib/nvmf/rdma.c 2604-2617) */
    { "nvmf_create_transport.io_unit_size", "RDMA", 8192, 0 },
    { "nvmf_create_transport.buf_cache_size", "RDMA", IOP_KNOB_AUTO, IOP_KNOB_AUTO },
    { "nvmf_create_transport.num_shared_buffers", "TCP", 511, 0 },
    { "nvmf_create_transport.max_queue_depth", "VFIOUSER", 256, 256 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (d); i++)
    {
      IopHostId h = d[i].tr && g_str_equal (d[i].tr, "VFIOUSER") ? IOP_HOST_BAREMETAL : IOP_HOST_STORAGE;
      const IopKnobDef *k1 = iop_knob_def_find (d[i].id, h, d[i].tr, IOP_SPDK_V26_01);
      const IopKnobDef *k5 = iop_knob_def_find (d[i].id, h, d[i].tr, IOP_SPDK_V26_05);

      g_assert_nonnull (k1);
      g_assert_nonnull (k5);
      g_assert_cmpint (iop_knob_def_default (k1, IOP_SPDK_V26_01), ==, d[i].v1);
      g_assert_cmpint (iop_knob_def_default (k5, IOP_SPDK_V26_05), ==, d[i].v5);
    }
  /* Knobs that only exist at v26.05 */
  g_assert_null (iop_knob_def_find ("nvmf_create_transport.iobuf_small_cache_size", IOP_HOST_STORAGE, "RDMA", IOP_SPDK_V26_01));
  g_assert_nonnull (iop_knob_def_find ("nvmf_create_transport.iobuf_small_cache_size", IOP_HOST_STORAGE, "RDMA", IOP_SPDK_V26_05));
}

static void
test_parse (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  const IopKnobDef *pool = iop_scenario_find_knob (sc, IOP_HOST_BAREMETAL, "iobuf_set_options.small_pool_count", NULL);
  const IopKnobDef *b = iop_scenario_find_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.delay_cmd_submit", NULL);
  const IopKnobDef *e = iop_scenario_find_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.action_on_timeout", NULL);
  const IopKnobDef *m = iop_scenario_find_knob (sc, IOP_HOST_BAREMETAL, "nvmf_set_config.poll_groups_mask", NULL);
  const IopKnobDef *a = iop_scenario_find_knob (sc, IOP_HOST_STORAGE, "nvmf_create_transport.buf_cache_size", NULL);
  gint64 v;
  g_autoptr(GError) error = NULL;

  g_assert_true (iop_knob_parse (pool, "64K", &v, NULL)); g_assert_cmpint (v, ==, 65536);
  g_assert_true (iop_knob_parse (pool, "1M", &v, NULL)); g_assert_cmpint (v, ==, 1048576);
  g_assert_true (iop_knob_parse (pool, " 4096 ", &v, NULL)); g_assert_cmpint (v, ==, 4096);
  g_assert_true (iop_knob_parse (b, "false", &v, NULL)); g_assert_cmpint (v, ==, 0);
  g_assert_true (iop_knob_parse (e, "abort", &v, NULL)); g_assert_cmpint (v, ==, 2);
  g_assert_true (iop_knob_parse (m, "0xE0", &v, NULL)); g_assert_cmpint (v, ==, 0xE0);
  g_assert_true (iop_knob_parse (a, "auto", &v, NULL)); g_assert_cmpint (v, ==, IOP_KNOB_AUTO);

  /* Wrong type, out of range, absurd */
  g_assert_false (iop_knob_parse (pool, "lots", &v, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "whole number"));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (pool, "10", &v, &error));
  g_assert_nonnull (strstr (error->message, "out of range"));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (pool, "99999999999999999999999", &v, &error));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (pool, "9000000000000000000G", &v, &error));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (b, "maybe", &v, &error));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (e, "explode", &v, &error));
  g_assert_nonnull (strstr (error->message, "none, reset, abort"));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (m, "0xZZ", &v, &error));
  g_clear_error (&error);
  g_assert_false (iop_knob_parse (pool, "-5", &v, &error));
  g_clear_error (&error);

  /* Unknown knob, knob of another version, of another transport */
  g_assert_false (iop_scenario_set_knob_text (sc, IOP_HOST_BAREMETAL, "bdev_set_options.nope", "1", &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_UNKNOWN_KNOB);
  g_clear_error (&error);
  g_assert_false (iop_scenario_set_knob_text (sc, IOP_HOST_STORAGE, "nvmf_create_transport.iobuf_small_cache_size", "1", &error));
  g_assert_nonnull (strstr (error->message, "v26.01"));
  g_clear_error (&error);
  g_assert_false (iop_scenario_apply_assignment (sc, IOP_HOST_BAREMETAL, "no-equals-sign", &error));
  g_clear_error (&error);
}

static void
test_cross_checks (void)
{
  g_autoptr(GError) error = NULL;

  /* bdev_set_options' own check: pool >= cache x (threads + 1) */
  {
    const char *sets[] = { "baremetal:bdev_set_options.bdev_io_pool_size=100", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_assert_null (iop_trace_run (sc, &error));
    g_assert_nonnull (strstr (error->message, "bdev_io_pool_size must be at least 256"));
    g_clear_error (&error);
  }
  /* bdev_nvme_set_options' reconnect rules, in SPDK's words */
  {
    const char *sets[] = { "baremetal:bdev_nvme_set_options.reconnect_delay_sec=200", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_assert_false (iop_scenario_validate (sc, &error));
    g_assert_nonnull (strstr (error->message, "reconnect_delay_sec can't be more than ctrlr_loss_timeout_sec."));
    g_clear_error (&error);
  }
  /* v26.01 RDMA: explicit caches that the shared buffers cannot fill */
  {
    const char *sets[] = { "storage:nvmf_create_transport.buf_cache_size=512", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_assert_null (iop_trace_run (sc, &error));
    g_assert_nonnull (strstr (error->message, "There are not enough buffers to satisfyper-poll group caches for each thread."));
    g_clear_error (&error);
  }
  /* small_bufsize must stay below large_bufsize */
  {
    const char *sets[] = { "storage:iobuf_set_options.small_bufsize=262144", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_assert_false (iop_scenario_validate (sc, &error));
    g_clear_error (&error);
  }
}

/* Every knob's method and parameter exist in SPDK's own RPC schema, with a
 * compatible type, at every version where the registry says it exists. */
static void
test_schema (void)
{
  const char *shared = g_getenv ("IOPATH_SHARED_DIR");

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/spdk/schema/schema-%s.json", shared ? shared : "", iop_spdk_version_tag (v));
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *methods;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("SPDK's schema is not next to the project (../shared/spdk/schema)");
          return;
        }
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      methods = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "methods");

      for (guint i = 0; i < iop_knob_def_count (); i++)
        {
          const IopKnobDef *d = iop_knob_def_nth (i);
          gboolean found = FALSE;

          if (!(d->versions & IOP_SPDK_BIT (v)) || g_str_equal (d->method, "spdk_tgt"))
            continue;
          for (guint m = 0; m < json_array_get_length (methods) && !found; m++)
            {
              JsonObject *mo = json_array_get_object_element (methods, m);
              JsonArray *params;

              if (!g_str_equal (json_object_get_string_member (mo, "name"), d->method))
                continue;
              params = json_object_get_array_member (mo, "params");
              for (guint p = 0; params && p < json_array_get_length (params); p++)
                {
                  JsonObject *po = json_array_get_object_element (params, p);
                  const char *type = json_object_get_string_member (po, "type");

                  if (!g_str_equal (json_object_get_string_member (po, "name"), d->param))
                    continue;
                  found = TRUE;
                  if (d->type == IOP_KNOB_BOOL)
                    g_assert_cmpstr (type, ==, "boolean");
                  else if (d->type == IOP_KNOB_INT)
                    g_assert_true (g_str_equal (type, "number") || g_str_has_prefix (type, "uint") || g_str_has_prefix (type, "int"));
                  else
                    g_assert_true (g_str_equal (type, "string") || g_str_equal (type, "enum"));
                  if (json_object_get_boolean_member_with_default (po, "deprecated", FALSE))
                    g_assert_true (d->deprecated & IOP_SPDK_BIT (v));
                }
            }
          if (!found)
            g_error ("%s is not in SPDK %s's schema", d->id, iop_spdk_version_tag (v));
        }
    }
}

/* The values the knob audit at both tags corrected (docs/audit.md, "Knobs at
 * v26.01 and v26.05"); each assertion fails on the value before the audit */
static void
test_audit (void)
{
  const IopKnobDef *d;

  /* nvmf_vfio_user_opts_init still sets io_unit_size at v26.05 (vfio_user.c:5214) */
  d = iop_knob_def_find ("nvmf_create_transport.io_unit_size", IOP_HOST_BAREMETAL, "VFIOUSER", IOP_SPDK_V26_05);
  g_assert_nonnull (d);
  g_assert_cmpint (iop_knob_def_default (d, IOP_SPDK_V26_05), ==, 131072);
  g_assert_true (d->deprecated & IOP_SPDK_BIT (IOP_SPDK_V26_05));
  d = iop_knob_def_find ("nvmf_create_transport.io_unit_size", IOP_HOST_STORAGE, "TCP", IOP_SPDK_V26_05);
  g_assert_cmpint (iop_knob_def_default (d, IOP_SPDK_V26_05), ==, 0);

  /* spdk_json_decode_uint16 (bdev_nvme_rpc.c) */
  d = iop_knob_def_find ("bdev_nvme_set_options.rdma_cm_event_timeout_ms", IOP_HOST_BAREMETAL, NULL, IOP_SPDK_V26_01);
  g_assert_cmpint (d->max, ==, 65535);
  g_assert_nonnull (strstr (d->description, "1000 ms"));
  /* spdk_json_decode_uint32 */
  d = iop_knob_def_find ("bdev_nvme_set_options.reconnect_delay_sec", IOP_HOST_BAREMETAL, NULL, IOP_SPDK_V26_01);
  g_assert_cmpint (d->max, ==, G_GINT64_CONSTANT (4294967295));
  d = iop_knob_def_find ("bdev_nvme_set_options.fast_io_fail_timeout_sec", IOP_HOST_BAREMETAL, NULL, IOP_SPDK_V26_01);
  g_assert_cmpint (d->max, ==, G_GINT64_CONSTANT (4294967295));
  /* nvmf_rpc_decode_max_io_qpairs: a uint16 plus the admin queue */
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      d = iop_knob_def_find ("nvmf_create_transport.max_io_qpairs_per_ctrlr", IOP_HOST_STORAGE, "RDMA", v);
      g_assert_cmpint (d->max, ==, 65534);
    }
  /* data_wr_pool serves only the extra work requests */
  d = iop_knob_def_find ("nvmf_create_transport.data_wr_pool_size", IOP_HOST_STORAGE, "RDMA", IOP_SPDK_V26_01);
  g_assert_nonnull (strstr (d->description, "more than the one built into each request"));
  /* TCP reads transport_ack_timeout too (lib/nvme/nvme_tcp.c) */
  d = iop_knob_def_find ("bdev_nvme_set_options.transport_ack_timeout", IOP_HOST_BAREMETAL, NULL, IOP_SPDK_V26_01);
  g_assert_nonnull (strstr (d->description, "TCP_USER_TIMEOUT"));
  /* SPDK decodes transport_ack_timeout as a uint8 (bdev_nvme_rpc.c) */
  g_assert_cmpint (d->max, ==, 255);
  /* transport_retry_count: the TCP driver (lib/nvme/nvme_tcp.c) never reads it */
  d = iop_knob_def_find ("bdev_nvme_set_options.transport_retry_count", IOP_HOST_BAREMETAL, NULL, IOP_SPDK_V26_01);
  g_assert_nonnull (strstr (d->description, "the TCP driver does not read it"));
  /* max_aq_depth: transport.c raises 0..31 to 32 before TCP's own floor of 2 */
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      d = iop_knob_def_find ("nvmf_create_transport.max_aq_depth", IOP_HOST_STORAGE, "TCP", v);
      g_assert_cmpint (d->min, ==, 0);
    }

  /* A bound that is not SPDK's is marked as Iopath's in the knob's text */
  {
    static const char *const own[] = {
      "iobuf_set_options.small_pool_count", "iobuf_set_options.large_pool_count",
      "iobuf_set_options.small_bufsize", "iobuf_set_options.large_bufsize",
      "bdev_set_options.bdev_io_pool_size", "bdev_nvme_set_options.io_queue_requests",
      "bdev_nvme_set_options.nvme_ioq_poll_period_us", "bdev_nvme_set_options.nvme_adminq_poll_period_us",
      "bdev_nvme_set_options.keep_alive_timeout_ms", "bdev_nvme_set_options.rdma_srq_size",
      "bdev_nvme_set_options.rdma_max_cq_size", "bdev_nvme_set_options.timeout_us",
      "bdev_nvme_set_options.bdev_retry_count", "nvmf_create_transport.in_capsule_data_size",
      "nvmf_create_transport.max_io_size", "nvmf_create_transport.io_unit_size",
      "nvmf_create_transport.max_aq_depth", "nvmf_create_transport.max_srq_depth",
      "nvmf_create_transport.data_wr_pool_size", "bdev_nvme_set_options.transport_retry_count",
    };
    for (guint i = 0; i < G_N_ELEMENTS (own); i++)
      {
        d = iop_knob_def_find (own[i], IOP_HOST_STORAGE, "RDMA", IOP_SPDK_V26_01);
        g_assert_nonnull (d);
        if (strstr (d->description, "Iopath's") == NULL)
          g_error ("%s: its own bound is not marked as Iopath's", own[i]);
      }
  }
}

/* Index of the first start-up diagnostic of HOST whose message contains
 * PART, or -1 */
static int
diag_index (IopTrace *t, IopHostId host, const char *part)
{
  for (guint i = 0; i < t->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (t->diagnostics, i);
      if (d->host == host && strstr (d->message, part))
        return (int)i;
    }
  return -1;
}

/* The message of the run's refusal, or NULL when it runs */
static char *
refusal (const char *id, IopSpdkVersion v, const char *const *sets)
{
  g_autoptr(IopScenario) sc = test_scenario_v (id, v, sets);
  g_autoptr(GError) error = NULL;
  g_autoptr(IopTrace) t = iop_trace_run (sc, &error);

  return t ? NULL : g_strdup (error->message);
}

/* The second reading of the knob audit (docs/audit.md, "Knobs at v26.01 and
 * v26.05"): what SPDK does at start-up, in its order; each assertion fails on
 * the behaviour before branch i14-knobs2 */
static void
test_audit_runs (void)
{
  IopHostId B = IOP_HOST_BAREMETAL, S = IOP_HOST_STORAGE;

  /* 1. TCP at v26.01 lowers io_unit_size first (tcp.c:812-816), then the ICD
   * warning prints that lowered io_unit_size (tcp.c:819-823) */
  {
    const char *sets[] = { "baremetal:nvmf_create_transport.max_io_size=65536",
                           "baremetal:nvmf_create_transport.in_capsule_data_size=131072", NULL };
    g_autoptr(IopScenario) sc = test_scenario_v ("realrun-tcp", IOP_SPDK_V26_01, sets);
    g_autoptr(IopTrace) t = test_trace (sc);
    int iou = diag_index (t, B, "TCP param io_unit_size 131072 can't be larger than max_io_size 65536");
    int icd = diag_index (t, B, "TCP param ICD size 65536 can't be larger than max_io_size 65536");
    g_assert_cmpint (iou, >=, 0);
    g_assert_cmpint (icd, >, iou);
  }
  /* 2. RDMA at v26.01 lowers io_unit_size to max_io_size silently
   * (rdma.c:2803-2806): 8192 fits a small buffer, so no large cache */
  {
    const char *sets[] = { "storage:nvmf_create_transport.max_io_size=8192",
                           "storage:nvmf_create_transport.io_unit_size=16384", NULL };
    g_autoptr(IopScenario) sc = test_scenario_v ("raid270", IOP_SPDK_V26_01, sets);
    g_autoptr(IopTrace) t = test_trace (sc);
    g_assert_cmpint (diag_index (t, S, "'nvmf_RDMA' iobuf large buffer cache"), ==, -1);
    g_assert_cmpint (diag_index (t, S, "TCP param io_unit_size"), ==, -1);
    g_assert_cmpint (iop_scenario_get_knob (t->scenario, S, "nvmf_create_transport.io_unit_size"), ==, 8192);
  }
  /* 3. Both checks against large_bufsize use it rounded up to 4 KiB
   * (iobuf.c:220-221): 15000 is 16384, 8193 is 12288 */
  {
    const char *sets[] = { "storage:iobuf_set_options.large_bufsize=15000",
                           "storage:nvmf_create_transport.max_io_size=262144", NULL };
    const char *sets1[] = { "storage:iobuf_set_options.large_bufsize=8193",
                            "storage:nvmf_create_transport.io_unit_size=12288", NULL };
    g_autofree char *e5 = refusal ("raid270", IOP_SPDK_V26_05, sets);
    g_autofree char *e1 = refusal ("raid270", IOP_SPDK_V26_01, sets1);
    g_assert_null (e5);
    g_assert_null (e1);
  }
  /* 4. transport_retry_count: RDMA lowers it with a notice
   * (nvme_rdma.c:2432-2435), TCP never reads it */
  {
    const char *sets[] = { "baremetal:bdev_nvme_set_options.transport_retry_count=9", NULL };
    g_autoptr(IopScenario) rs = test_scenario ("raid270", sets);
    g_autoptr(IopScenario) ts = test_scenario ("realrun-tcp", sets);
    g_autoptr(IopTrace) rt = test_trace (rs);
    g_autoptr(IopTrace) tt = test_trace (ts);
    g_assert_cmpint (diag_index (rt, B, "transport_retry_count exceeds max value 7"), >=, 0);
    g_assert_cmpint (diag_index (tt, B, "transport_retry_count"), ==, -1);
  }
  /* 5. max_aq_depth: SPDK takes 0 and raises it to 32 (transport.c:271-275) */
  {
    const char *sets[] = { "storage:nvmf_create_transport.max_aq_depth=0", NULL };
    g_autoptr(IopScenario) sc = test_scenario ("raid270", sets);
    g_autoptr(IopTrace) t = test_trace (sc);
    g_assert_cmpint (diag_index (t, S, "max_aq_depth 0 is less than minimum defined by NVMf spec"), >=, 0);
  }
  /* 6. transport_ack_timeout: one byte, lowered to 31 with a notice
   * (nvme_rdma.c:2438-2441, nvme_tcp.c:2668-2671) */
  for (guint tcp = 0; tcp < 2; tcp++)
    {
      const char *sets[] = { "baremetal:bdev_nvme_set_options.transport_ack_timeout=200", NULL };
      g_autoptr(IopScenario) sc = test_scenario (tcp ? "realrun-tcp" : "raid270", sets);
      g_autoptr(IopTrace) t = test_trace (sc);
      g_assert_cmpint (diag_index (t, B, "transport_ack_timeout exceeds max value 31, use max value"), >=, 0);
      g_assert_cmpint (iop_scenario_get_knob (t->scenario, B, "bdev_nvme_set_options.transport_ack_timeout"), ==, 31);
    }
  /* 7. Order: transport.c before the transport (VFIO-user's qpair limit
   * comes after io_unit_size 0); RDMA at v26.01 checks the shared buffers
   * before the units per I/O (rdma.c:2814-2840); at v26.05 the RPC's
   * deprecation comes before transport.c */
  {
    const char *sets[] = { "baremetal:nvmf_create_transport.io_unit_size=0",
                           "baremetal:nvmf_create_transport.max_io_qpairs_per_ctrlr=600", NULL };
    const char *rsets[] = { "storage:nvmf_create_transport.num_shared_buffers=16",
                            "storage:nvmf_create_transport.max_io_size=262144",
                            "storage:nvmf_create_transport.io_unit_size=8192", NULL };
    const char *dsets[] = { "storage:nvmf_create_transport.num_shared_buffers=4096",
                            "storage:nvmf_create_transport.max_aq_depth=8", NULL };
    g_autofree char *e = refusal ("raid270", IOP_SPDK_V26_01, sets);
    g_autofree char *r = refusal ("raid270", IOP_SPDK_V26_01, rsets);
    g_autoptr(IopScenario) sc = test_scenario_v ("raid270", IOP_SPDK_V26_05, dsets);
    g_autoptr(IopTrace) t = test_trace (sc);
    int dep = diag_index (t, S, "nvmf_create_transport_num_shared_buffers: deprecated feature");

    g_assert_nonnull (strstr (e, "io_unit_size cannot be 0"));
    g_assert_nonnull (strstr (r, "The number of shared data buffers (16)"));
    g_assert_cmpint (dep, >=, 0);
    g_assert_cmpint (dep, <, diag_index (t, S, "max_aq_depth 8 is less than minimum"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/knobs/registry-complete", test_registry_complete);
  g_test_add_func ("/knobs/defaults", test_defaults);
  g_test_add_func ("/knobs/parse", test_parse);
  g_test_add_func ("/knobs/cross-checks", test_cross_checks);
  g_test_add_func ("/knobs/schema", test_schema);
  g_test_add_func ("/knobs/audit", test_audit);
  g_test_add_func ("/knobs/audit-runs", test_audit_runs);
  return g_test_run ();
}
