/* test-config.c: SPDK JSON configs in and out, against SPDK's own files and schema
 *
 * SPDK's files come from IOPATH_SHARED_DIR (spdk/configs, spdk/runtime,
 * spdk/schema); the tests that need them skip when it is not set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "iop-config.h"
#include "iop-json-util.h"
#include "iop-test-util.h"

static char *
shared_path (const char *rel)
{
  const char *dir = g_getenv ("IOPATH_SHARED_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return NULL;
  path = g_build_filename (dir, rel, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_steal_pointer (&path);
}

#define NEED_SHARED(var, rel)                                                         \
  g_autofree char *var = shared_path (rel);                                           \
  if (var == NULL)                                                                    \
    {                                                                                 \
      g_test_skip ("IOPATH_SHARED_DIR is not set or lacks " rel " (SPDK's files)");   \
      return;                                                                         \
    }

static IopScenario *
builtin (const char *id)
{
  g_autoptr(GError) error = NULL;
  IopScenario *sc = iop_scenario_new_builtin (id, &error);

  g_assert_no_error (error);
  return sc;
}

/* A snapshot of every knob of a scenario, to prove it was not touched */
static char *
knob_snapshot (const IopScenario *sc)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%d;", sc->version);
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    for (guint i = 0; i < iop_knob_def_count (); i++)
      g_string_append_printf (s, "%u:%u:%d:%" G_GINT64_FORMAT ";", h, i, sc->hosts[h].set[i], sc->hosts[h].values[i]);
  return g_string_free (s, FALSE);
}

static IopConfigImport *
import_text (const IopScenario *base,
             IopHostId          host,
             const char        *text,
             GError           **error)
{
  return iop_config_import_data (base, host, text, -1, "test.json", error);
}

static const IopConfigApplied *
find_applied (const IopConfigImport *imp,
              const char            *id,
              const char            *trtype)
{
  for (guint i = 0; i < imp->applied->len; i++)
    {
      const IopConfigApplied *a = g_ptr_array_index (imp->applied, i);
      if (g_str_equal (a->def->id, id) && g_strcmp0 (a->def->trtype, trtype) == 0)
        return a;
    }
  return NULL;
}

static gboolean
has_warning (const IopConfigImport *imp,
             const char            *fragment)
{
  for (guint i = 0; i < imp->warnings->len; i++)
    if (strstr (((IopConfigWarning *)g_ptr_array_index (imp->warnings, i))->message, fragment))
      return TRUE;
  return FALSE;
}

static gboolean
has_unmodelled (const IopConfigImport *imp,
                const char            *method,
                const char            *param)
{
  for (guint i = 0; i < imp->unmodelled->len; i++)
    {
      const IopConfigUnmodelled *u = g_ptr_array_index (imp->unmodelled, i);
      if (g_str_equal (u->method, method) && g_strcmp0 (u->param, param) == 0)
        return TRUE;
    }
  return FALSE;
}

/* --- SPDK's sample configs --------------------------------------------- */

static void
test_shared_configs (void)
{
  NEED_SHARED (dir, "spdk/configs");
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(IopScenario) base = builtin ("raid270");
  g_autofree char *before = knob_snapshot (base);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(IopConfigImport) imp = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      n++;
      imp = iop_config_import_file (base, IOP_HOST_STORAGE, path, &error);
      if (g_str_has_prefix (name, "bad-"))
        {
          /* Broken on purpose: refused, with the reason, the file and the place */
          g_assert_null (imp);
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, path));
          if (g_str_equal (name, "bad-nonarray.json"))
            {
              g_assert_error (error, IOP_ERROR, IOP_ERROR_SCENARIO);
              g_assert_nonnull (strstr (error->message, ": subsystems: "));
              g_assert_nonnull (strstr (error->message, "'subsystems' should be an array"));
            }
          else
            {
              g_assert_error (error, IOP_ERROR, IOP_ERROR_PARSE);
              g_assert_nonnull (strstr (error->message, ":1:1:"));
              g_assert_nonnull (strstr (error->message, "not enclosed in {}"));
            }
          continue;
        }
      g_assert_no_error (error);
      g_assert_nonnull (imp);
      g_assert_true (imp->scenario != base);
      if (g_str_equal (name, "extra-key.json"))
        {
          const IopConfigApplied *a = find_applied (imp, "bdev_set_options.bdev_io_pool_size", NULL);

          g_assert_nonnull (a);
          g_assert_cmpint (a->new_value, ==, 65536);
          g_assert_cmpint (a->old_value, ==, 65535);
          g_assert_cmpstr (a->path, ==, "subsystems[0].config[0].params.bdev_io_pool_size");
          g_assert_cmpint (find_applied (imp, "bdev_nvme_set_options.nvme_adminq_poll_period_us", NULL)->new_value, ==, 100000);
          g_assert_cmpint (find_applied (imp, "bdev_nvme_set_options.action_on_timeout", NULL)->new_value, ==, 0);
          /* modelled since faults (RDMA retransmissions before a dead path is noticed) */
          g_assert_nonnull (find_applied (imp, "bdev_nvme_set_options.transport_retry_count", NULL));
          g_assert_false (has_unmodelled (imp, "bdev_nvme_set_options", "transport_retry_count"));
          g_assert_true (has_warning (imp, "extrakey"));
        }
      else
        {
          /* Malloc bdevs only: nothing applied, every entry listed */
          g_assert_cmpuint (imp->applied->len, ==, 0);
          g_assert_cmpuint (imp->unmodelled->len, ==, imp->n_entries);
          g_assert_true (has_unmodelled (imp, "bdev_malloc_create", NULL));
        }
    }
  g_assert_cmpuint (n, >=, 6);
  {
    g_autofree char *after = knob_snapshot (base);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_save_configs (void)
{
  NEED_SHARED (bm, "spdk/runtime/baremetal.save_config.json");
  g_autofree char *st = shared_path ("spdk/runtime/storage.save_config.json");

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) base = builtin ("raid270");
      g_autoptr(GError) error = NULL;
      g_autoptr(IopConfigImport) b = NULL;
      g_autoptr(IopConfigImport) s = NULL;
      const IopConfigApplied *a;

      iop_scenario_set_version (base, v);
      b = iop_config_import_file (base, IOP_HOST_BAREMETAL, bm, &error);
      g_assert_no_error (error);
      a = find_applied (b, "iobuf_set_options.small_pool_count", NULL);
      g_assert_cmpint (a->old_value, ==, 1048576);
      g_assert_cmpint (a->new_value, ==, 16384);
      g_assert_true (a->was_set);
      g_assert_cmpint (iop_scenario_get_knob (b->scenario, IOP_HOST_BAREMETAL, "iobuf_set_options.small_pool_count"), ==, 16384);
      g_assert_cmpint (iop_scenario_get_knob (base, IOP_HOST_BAREMETAL, "iobuf_set_options.small_pool_count"), ==, 1048576);
      g_assert_cmpint (find_applied (b, "bdev_set_options.bdev_io_pool_size", NULL)->new_value, ==, 65536);
      g_assert_cmpint (find_applied (b, "bdev_nvme_set_options.keep_alive_timeout_ms", NULL)->new_value, ==, 30000);
      g_assert_cmpint (find_applied (b, "bdev_nvme_set_options.ctrlr_loss_timeout_sec", NULL)->new_value, ==, 120);
      /* save_config's io_queue_requests is bdev_nvme's write-back: said so */
      g_assert_cmpint (find_applied (b, "bdev_nvme_set_options.io_queue_requests", NULL)->new_value, ==, 512);
      g_assert_true (has_warning (b, "writes back"));
      /* The TCP transport by its trtype, though raid270's baremetal serves VFIO-user */
      a = find_applied (b, "nvmf_create_transport.num_shared_buffers", "TCP");
      g_assert_nonnull (a);
      g_assert_cmpint (a->new_value, ==, 511);
      g_assert_cmpint (find_applied (b, "nvmf_create_transport.buf_cache_size", "TCP")->new_value, ==, IOP_KNOB_AUTO);
      g_assert_true (has_warning (b, "serves its NVMe-oF target over VFIOUSER"));
      g_assert_null (find_applied (b, "nvmf_create_transport.max_queue_depth", "VFIOUSER"));
      if (v == IOP_SPDK_V26_05)
        g_assert_true (has_warning (b, "deprecated at SPDK v26.05"));
      g_assert_true (has_unmodelled (b, "bdev_nvme_attach_controller", NULL));
      g_assert_true (has_unmodelled (b, "sock_impl_set_options", NULL));
      g_assert_true (has_unmodelled (b, "bdev_nvme_set_options", "timeout_admin_us"));
      g_assert_true (has_unmodelled (b, "nvmf_create_transport", "data_wr_pool_size")); /* RDMA-only in Iopath */

      if (st == NULL)
        continue;
      s = iop_config_import_file (base, IOP_HOST_STORAGE, st, &error);
      g_assert_no_error (error);
      g_assert_cmpint (find_applied (s, "nvmf_create_transport.io_unit_size", "TCP")->new_value, ==, 8192);
      g_assert_cmpint (find_applied (s, "iobuf_set_options.small_pool_count", NULL)->new_value, ==, 8192);
      g_assert_true (has_unmodelled (s, "bdev_malloc_create", NULL));
    }
}

/* --- Broken files -------------------------------------------------------- */

static void
test_refusals (void)
{
  static const struct { const char *text; int code; const char *where; const char *what; } cases[] = {
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": [ {\"method\": \"bdev_set_options\", \"params\": {\"bdev_io_pool_size\": \"lots\"}} ]} ]}",
      IOP_ERROR_SCENARIO, "subsystems[0].config[0].params.bdev_io_pool_size", "whole number" },
    { "{\"subsystems\": [ {\"subsystem\": \"x\", \"config\": []}, {\"subsystem\": \"iobuf\", \"config\": [ {\"method\": \"iobuf_set_options\", \"params\": {\"enable_numa\": 1}} ]} ]}",
      IOP_ERROR_SCENARIO, "subsystems[1].config[0].params.enable_numa", "true or false" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": [ {\"method\": \"bdev_nvme_set_options\", \"params\": {\"action_on_timeout\": \"explode\"}} ]} ]}",
      IOP_ERROR_SCENARIO, "params.action_on_timeout", "none, reset, abort" },
    { "{\"subsystems\": [ {\"subsystem\": \"nvmf\", \"config\": [ {\"method\": \"nvmf_set_config\", \"params\": {\"poll_groups_mask\": 224}} ]} ]}",
      IOP_ERROR_SCENARIO, "params.poll_groups_mask", "core mask" },
    { "{\"subsystems\": [ {\"subsystem\": \"nvmf\", \"config\": [ {\"method\": \"nvmf_create_transport\", \"params\": {\"max_queue_depth\": 64}} ]} ]}",
      IOP_ERROR_SCENARIO, "params.trtype", "needs trtype" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": [ {\"method\": \"bdev_set_options\", \"params\": null} ]} ]}",
      IOP_ERROR_SCENARIO, "config[0].params", "object" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": [ {\"method\": \"bdev_set_options\", \"parameters\": {}} ]} ]}",
      IOP_ERROR_SCENARIO, "subsystems[0].config[0]", "parameters" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\"} ]}", IOP_ERROR_SCENARIO, "subsystems[0].config", "missing" },
    { "{\"subsystems\": [ {\"config\": []} ]}", IOP_ERROR_SCENARIO, "subsystems[0].subsystem", "missing" },
    { "{\"subsystems\": [ 7 ]}", IOP_ERROR_SCENARIO, "subsystems[0]", "object" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": {}} ]}", IOP_ERROR_SCENARIO, "subsystems[0].config", "array" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": [ {\"params\": {}} ]} ]}", IOP_ERROR_SCENARIO, "config[0].method", "missing" },
    { "{\"subsystems\": [\n  {\"subsystem\": \"bdev\",\n   \"config\": [ }", IOP_ERROR_PARSE, "test.json:3:", "" },
    { "[ {\"subsystems\": []} ]", IOP_ERROR_PARSE, "test.json:1:1", "not enclosed in {}" },
    { "", IOP_ERROR_PARSE, "test.json", "empty" },
    { "   \n  ", IOP_ERROR_PARSE, "test.json", "empty" },
    { "{\"subsystems\": []} {\"subsystems\": []}", IOP_ERROR_PARSE, "test.json:1:20", "more content" },
    { "{\"subsystems\": [ {\"subsystem\": \"bdev\", \"config\": [ {\"method\": \"bdev_set_options\", \"params\": {\"bdev_io_pool_size\": 123456789012345678901234}} ]} ]}",
      IOP_ERROR_PARSE, "test.json:1:", "64 bits" },
    { "{ /* never closed", IOP_ERROR_PARSE, "test.json:1:3", "never ends" },
  };
  g_autoptr(IopScenario) base = builtin ("raid270");
  g_autofree char *before = knob_snapshot (base);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IopConfigImport) imp = import_text (base, IOP_HOST_BAREMETAL, cases[i].text, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (imp);
      g_assert_error (error, IOP_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].where));
      g_assert_nonnull (strstr (error->message, cases[i].what));
    }
  {
    g_autofree char *after = knob_snapshot (base);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Hostile configs: refused with the file, line:column and why; the
 * scenario is not touched */
static void
test_hostile (void)
{
  g_autoptr(IopScenario) base = builtin ("raid270");
  g_autofree char *before = knob_snapshot (base);
  g_autofree char *dir = g_dir_make_tmp ("iopath-config-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autoptr(GString) deep = g_string_new ("{\"subsystems\": ");
  /* a raw line break in a string (json-glib takes it) used to hide the
   * numbers after it from the 64-bit check: this one would import as 128 */
  const char *newline =
    "{\"subsystems\": [{\"subsystem\": \"iobuf\", \"config\": [\n"
    "  {\"method\": \"iobuf_set_options\", \"params\": {\"x\": \"a\nb\", \"small_pool_count\": 18446744073709551744}}]}]}\n";
  const char *hex =
    "{\"subsystems\": [{\"subsystem\": \"iobuf\", \"config\": [\n"
    "  {\"method\": \"iobuf_set_options\", \"params\": {\"small_pool_count\": 0x10000000000000080}}]}]}\n";
  struct { const char *text; int code; const char *fragment; } cases[] = {
    { newline, IOP_ERROR_PARSE, "hostile.json:3:25: the number 18446744073709551744 does not fit in 64 bits" },
    { hex, IOP_ERROR_PARSE, "hostile.json:2:66: 0x10000000000000080 is not a JSON number" },
    { NULL, IOP_ERROR_TOO_LARGE, "hostile.json:1:527: nested more than 512 levels deep" },
  };
  g_autoptr(GError) error = NULL;
  IopConfigImport *imp;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  cases[2].text = deep->str;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      imp = iop_config_import_data (base, IOP_HOST_BAREMETAL, cases[i].text, -1, "hostile.json", &error);
      g_assert_null (imp);
      g_assert_error (error, IOP_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
      g_clear_error (&error);
    }

  /* /dev/zero and a FIFO: refused at once, neither read for ever nor waited on */
  imp = iop_config_import_file (base, IOP_HOST_BAREMETAL, "/dev/zero", &error);
  g_assert_null (imp);
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  imp = iop_config_import_file (base, IOP_HOST_BAREMETAL, fifo, &error);
  g_assert_null (imp);
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_unlink (fifo);
  g_rmdir (dir);

  {
    g_autofree char *after = knob_snapshot (base);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_too_large (void)
{
  g_autoptr(IopScenario) base = builtin ("raid270");
  g_autoptr(GError) error = NULL;
  gsize n = IOP_CONFIG_MAX_BYTES + 16;
  g_autofree char *big = g_malloc (n + 1);
  g_autofree char *dir = g_dir_make_tmp ("iopath-config-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  IopConfigImport *imp;

  memset (big, ' ', n);
  big[0] = '{';
  big[n - 1] = '}';
  big[n] = '\0';
  imp = iop_config_import_data (base, IOP_HOST_BAREMETAL, big, n, "big.json", &error);
  g_assert_null (imp);
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, big, n, NULL));
  imp = iop_config_import_file (base, IOP_HOST_BAREMETAL, path, &error);
  g_assert_null (imp);
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_unlink (path);
  g_rmdir (dir);

  imp = iop_config_import_file (base, IOP_HOST_BAREMETAL, "/nonexistent/config.json", &error);
  g_assert_null (imp);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* --- What Iopath tells and tolerates ------------------------------------ */

static void
test_warnings (void)
{
  g_autoptr(IopScenario) base = builtin ("raid270");
  g_autoptr(GError) error = NULL;
  g_autoptr(IopConfigImport) imp = NULL;
  const char *text =
    "// SPDK accepts comments, and so does Iopath\n"
    "{\n"
    "  \"subsystems\": [\n"
    "    { \"subsystem\": \"nvmf\", \"config\": [\n"
    "      { \"method\": \"nvmf_create_transport\", \"params\": { \"trtype\": \"rdma\", \"iobuf_small_cache_size\": 64, \"max_queue_depth\": 256, \"num_cqe\": 4 } },\n"
    "      { \"method\": \"nvmf_create_transport\", \"params\": { \"trtype\": \"FC\", \"max_queue_depth\": 32 } },\n"
    "      { \"method\": \"nvmf_set_config\", \"params\": { \"poll_groups_mask\": \"[5-7]\" } }\n"
    "    ] },\n"
    "    { \"subsystem\": \"bdev\", \"config\": [\n"
    "      /* out of Iopath's range */\n"
    "      { \"method\": \"bdev_nvme_set_options\", \"params\": { \"io_queue_requests\": 70000, \"keep_alive_timeout_ms\": 20000 } },\n"
    "      { \"method\": \"bdev_nvme_set_options\", \"params\": { \"keep_alive_timeout_ms\": 25000 } },\n"
    "      { \"method\": \"bdev_wait_for_examine\" }\n"
    "    ] },\n"
    "    { \"subsystem\": \"scsi\", \"config\": null }\n"
    "  ]\n"
    "}\n";

  imp = import_text (base, IOP_HOST_STORAGE, text, &error);
  g_assert_no_error (error);
  /* v26.05 only: not applied at v26.01, said so */
  g_assert_null (find_applied (imp, "nvmf_create_transport.iobuf_small_cache_size", "RDMA"));
  g_assert_true (has_warning (imp, "exists only at SPDK v26.05"));
  /* trtype is compared without case, as SPDK does */
  g_assert_cmpint (find_applied (imp, "nvmf_create_transport.max_queue_depth", "RDMA")->new_value, ==, 256);
  g_assert_true (has_unmodelled (imp, "nvmf_create_transport", "num_cqe"));
  g_assert_true (has_unmodelled (imp, "nvmf_create_transport", NULL));      /* FC */
  g_assert_cmpint (find_applied (imp, "nvmf_set_config.poll_groups_mask", NULL)->new_value, ==, 0xE0);
  g_assert_null (find_applied (imp, "bdev_nvme_set_options.io_queue_requests", NULL));
  g_assert_true (has_warning (imp, "out of range"));
  g_assert_true (has_warning (imp, "second time"));
  g_assert_cmpint (iop_scenario_get_knob (imp->scenario, IOP_HOST_STORAGE, "bdev_nvme_set_options.keep_alive_timeout_ms"), ==, 25000);
  g_assert_true (has_unmodelled (imp, "bdev_wait_for_examine", NULL));
  g_assert_cmpuint (imp->n_entries, ==, 6);

  /* The same file at v26.05 applies the new parameter */
  {
    g_autoptr(IopScenario) b5 = builtin ("raid270");
    g_autoptr(IopConfigImport) i5 = NULL;

    iop_scenario_set_version (b5, IOP_SPDK_V26_05);
    i5 = import_text (b5, IOP_HOST_STORAGE, text, &error);
    g_assert_no_error (error);
    g_assert_cmpint (find_applied (i5, "nvmf_create_transport.iobuf_small_cache_size", "RDMA")->new_value, ==, 64);
  }
  /* A VFIO-user transport on the storage host, which Iopath models only on the baremetal */
  {
    g_autoptr(IopConfigImport) iv = import_text (base, IOP_HOST_STORAGE,
      "{\"subsystems\":[{\"subsystem\":\"nvmf\",\"config\":[{\"method\":\"nvmf_create_transport\",\"params\":{\"trtype\":\"VFIOUSER\",\"max_queue_depth\":64}}]}]}", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (iv->applied->len, ==, 0);
    g_assert_true (has_unmodelled (iv, "nvmf_create_transport", NULL));
  }
  /* No "subsystems": SPDK warns and starts empty */
  {
    g_autoptr(IopConfigImport) ie = import_text (base, IOP_HOST_STORAGE, "{}", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ie->applied->len, ==, 0);
    g_assert_true (has_warning (ie, "No 'subsystems' key"));
  }
  /* Values SPDK would refuse together are imported and flagged */
  {
    g_autoptr(IopConfigImport) ib = import_text (base, IOP_HOST_BAREMETAL,
      "{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":[{\"method\":\"bdev_nvme_set_options\",\"params\":{\"reconnect_delay_sec\":500}}]}]}", &error);
    g_assert_no_error (error);
    g_assert_true (has_warning (ib, "reconnect_delay_sec can't be more than ctrlr_loss_timeout_sec."));
  }
  /* JSON output */
  {
    g_autoptr(JsonNode) node = iop_config_import_to_json (imp);
    JsonObject *o = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (o, "host"), ==, "storage");
    g_assert_cmpstr (json_object_get_string_member (o, "spdk_tag"), ==, "v26.01");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "applied")), ==, imp->applied->len);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "unmodelled")), ==, imp->unmodelled->len);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, imp->warnings->len);
  }
}

/* --- Export --------------------------------------------------------------- */

/* Every knob of HOST at VERSION set to a value other than its default */
static IopScenario *
scenario_all_set (IopHostId      host,
                  IopSpdkVersion version)
{
  IopScenario *sc = builtin ("raid270");

  iop_scenario_set_version (sc, version);
  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);
      gint64 v, dv = iop_knob_def_default (d, version);

      if (!(d->hosts & IOP_HOST_BIT (host)) || !(d->versions & IOP_SPDK_BIT (version)))
        continue;
      switch (d->type)
        {
        case IOP_KNOB_BOOL: v = !dv; break;
        case IOP_KNOB_ENUM: v = dv == 0 ? 2 : 0; break;
        case IOP_KNOB_CPUMASK: v = 0x30; break;
        case IOP_KNOB_INT:
        default:
          v = d->min != dv ? d->min : d->min + 1;
          if (d->min < 0)
            v = 1;
          break;
        }
      g_assert_true (iop_knob_check (d, v, NULL));
      sc->hosts[host].values[i] = v;
      sc->hosts[host].set[i] = TRUE;
    }
  return sc;
}

typedef struct
{
  const char *id;
  const char *trtype;
  gint64      value;
} SetKnob;

static GArray *
set_knobs (const IopScenario *sc,
           IopHostId          host)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (SetKnob));

  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);
      SetKnob k = { d->id, d->trtype, sc->hosts[host].values[i] };

      if (sc->hosts[host].set[i] && (d->versions & IOP_SPDK_BIT (sc->version)) && (d->hosts & IOP_HOST_BIT (host)) &&
          !g_str_equal (d->method, "spdk_tgt"))
        g_array_append_val (out, k);
    }
  return out;
}

static void
assert_same_knobs (GArray *a,
                   GArray *b,
                   const char *what)
{
  g_test_message ("%s: %u and %u knobs", what, a->len, b->len);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      SetKnob *x = &g_array_index (a, SetKnob, i);
      SetKnob *y = &g_array_index (b, SetKnob, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->trtype, ==, y->trtype);
      g_assert_cmpint (x->value, ==, y->value);
    }
}

/* Export HOST of SC, import it into a copy with every knob of HOST unset */
static IopConfigImport *
round_trip (const IopScenario *sc,
            IopHostId          host)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = iop_config_export_json (sc, host, notes);
  g_autoptr(IopScenario) blank = iop_scenario_copy (sc);
  g_autoptr(GError) error = NULL;
  IopConfigImport *imp;

  iop_scenario_reset_all_knobs (blank, host);
  imp = iop_config_import_data (blank, host, text, -1, "exported.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (imp);
  g_assert_cmpuint (imp->unmodelled->len, ==, 0);
  return imp;
}

static void
test_roundtrip_scenarios (void)
{
  g_auto(GStrv) ids = iop_scenario_list_builtin ();

  for (guint s = 0; ids[s]; s++)
    for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
      for (guint h = 0; h < IOP_N_HOSTS; h++)
        {
          g_autoptr(IopScenario) sc = builtin (ids[s]);
          g_autoptr(IopConfigImport) imp = NULL;
          g_autoptr(GArray) a = NULL;
          g_autoptr(GArray) b = NULL;
          g_autofree char *what = g_strdup_printf ("%s %s %s", ids[s], iop_spdk_version_tag (v), iop_host_name (h));

          iop_scenario_set_version (sc, v);
          imp = round_trip (sc, h);
          a = set_knobs (sc, h);
          b = set_knobs (imp->scenario, h);
          /* At v26.05 one field has two names; the export writes the new one */
          if (v == IOP_SPDK_V26_05)
            for (guint i = a->len; i > 0; i--)
              {
                SetKnob *k = &g_array_index (a, SetKnob, i - 1);
                if (g_str_equal (k->id, "nvmf_create_transport.buf_cache_size"))
                  for (guint j = 0; j < a->len; j++)
                    if (g_str_equal (g_array_index (a, SetKnob, j).id, "nvmf_create_transport.iobuf_small_cache_size") &&
                        g_strcmp0 (g_array_index (a, SetKnob, j).trtype, k->trtype) == 0)
                      {
                        g_array_remove_index (a, i - 1);
                        break;
                      }
              }
          assert_same_knobs (a, b, what);
        }
  /* Every knob set, on both hosts and versions */
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (guint h = 0; h < IOP_N_HOSTS; h++)
      {
        g_autoptr(IopScenario) sc = scenario_all_set (h, v);
        g_autoptr(IopConfigImport) imp = round_trip (sc, h);
        g_autoptr(GArray) a = set_knobs (sc, h);
        g_autoptr(GArray) b = set_knobs (imp->scenario, h);

        if (v == IOP_SPDK_V26_05)
          {
            /* buf_cache_size yields to iobuf_small_cache_size: drop it from the expectation */
            for (guint i = a->len; i > 0; i--)
              if (g_str_equal (g_array_index (a, SetKnob, i - 1).id, "nvmf_create_transport.buf_cache_size"))
                g_array_remove_index (a, i - 1);
          }
        assert_same_knobs (a, b, "all knobs");
      }
}

/* Each shared sample: import, export, import again: every modelled knob stays */
static void
test_roundtrip_shared (void)
{
  NEED_SHARED (configs, "spdk/configs");
  g_autofree char *runtime = shared_path ("spdk/runtime");
  const char *dirs[] = { configs, runtime };

  for (guint di = 0; di < G_N_ELEMENTS (dirs); di++)
    {
      g_autoptr(GDir) d = dirs[di] ? g_dir_open (dirs[di], 0, NULL) : NULL;
      const char *name;

      while (d && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dirs[di], name, NULL);

          if (!g_str_has_suffix (name, ".json") || g_str_has_prefix (name, "bad-"))
            continue;
          if (di == 1 && !strstr (name, "save_config"))
            continue;
          for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
            for (guint h = 0; h < IOP_N_HOSTS; h++)
              {
                g_autoptr(IopScenario) base = builtin ("spdk-defaults");
                g_autoptr(GError) error = NULL;
                g_autoptr(IopConfigImport) first = NULL;
                g_autoptr(IopConfigImport) second = NULL;
                g_autoptr(GArray) a = NULL;
                g_autoptr(GArray) b = NULL;

                iop_scenario_set_version (base, v);
                iop_scenario_reset_all_knobs (base, h);
                first = iop_config_import_file (base, h, path, &error);
                g_assert_no_error (error);
                second = round_trip (first->scenario, h);
                a = set_knobs (first->scenario, h);
                b = set_knobs (second->scenario, h);
                /* every applied knob is among them */
                g_assert_cmpuint (a->len, >=, first->applied->len > 0 ? 1 : 0);
                assert_same_knobs (a, b, name);
              }
        }
    }
}

/* --- The exported config against SPDK's schema ---------------------------- */

static JsonObject *
schema_method (JsonObject *schema,
               const char *name)
{
  JsonArray *methods = json_object_get_array_member (schema, "methods");

  for (guint i = 0; i < json_array_get_length (methods); i++)
    {
      JsonObject *m = json_array_get_object_element (methods, i);
      if (g_str_equal (json_object_get_string_member (m, "name"), name))
        return m;
    }
  return NULL;
}

static gboolean
enum_has (JsonObject *schema,
          const char *klass,
          const char *value)
{
  JsonArray *enums = json_object_has_member (schema, "enums") ? json_object_get_array_member (schema, "enums") : NULL;

  for (guint i = 0; enums && i < json_array_get_length (enums); i++)
    {
      JsonObject *e = json_array_get_object_element (enums, i);
      JsonArray *fields;

      if (!g_str_equal (json_object_get_string_member (e, "name"), klass))
        continue;
      fields = json_object_get_array_member (e, "fields");
      for (guint f = 0; f < json_array_get_length (fields); f++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (fields, f), "name"), value))
          return TRUE;
      return FALSE;
    }
  return FALSE;
}

static void
check_value_type (JsonObject *schema,
                  JsonObject *param,
                  JsonNode   *value,
                  const char *where)
{
  const char *type = json_object_get_string_member (param, "type");

  g_test_message ("%s: %s", where, type);
  if (g_str_equal (type, "boolean"))
    g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN);
  else if (g_str_equal (type, "string"))
    g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
  else if (g_str_equal (type, "enum"))
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
      g_assert_true (enum_has (schema, json_object_get_string_member (param, "class"), json_node_get_string (value)));
    }
  else
    {
      gint64 v;

      g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64);
      v = json_node_get_int (value);
      if (g_str_equal (type, "number"))
        ;
      else if (g_str_has_prefix (type, "uint"))
        {
          int bits = atoi (type + 4);
          g_assert_cmpint (v, >=, 0);
          if (bits < 64)
            g_assert_cmpint (v, <=, (G_GINT64_CONSTANT (1) << bits) - 1);
        }
      else if (g_str_has_prefix (type, "int"))
        {
          int bits = atoi (type + 3);
          g_assert_cmpint (v, >=, -(G_GINT64_CONSTANT (1) << (bits - 1)));
          g_assert_cmpint (v, <=, (G_GINT64_CONSTANT (1) << (bits - 1)) - 1);
        }
      else
        g_error ("%s: unexpected schema type %s", where, type);
    }
}

static void
check_against_schema (JsonObject *schema,
                      JsonNode   *config,
                      const char *what)
{
  static const char *const order[] = { "iobuf", "accel", "bdev", "nvmf" };
  JsonArray *subs = json_object_get_array_member (json_node_get_object (config), "subsystems");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int last = -1;

  for (guint s = 0; s < json_array_get_length (subs); s++)
    {
      JsonObject *so = json_array_get_object_element (subs, s);
      const char *name = json_object_get_string_member (so, "subsystem");
      JsonArray *cfg = json_object_get_array_member (so, "config");
      int pos = -1;

      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        if (g_str_equal (order[k], name))
          pos = (int)k;
      g_assert_cmpint (pos, >, last);      /* SPDK's order, each subsystem once */
      last = pos;
      g_assert_cmpuint (json_array_get_length (cfg), >, 0);
      for (guint e = 0; e < json_array_get_length (cfg); e++)
        {
          JsonObject *eo = json_array_get_object_element (cfg, e);
          const char *method = json_object_get_string_member (eo, "method");
          JsonObject *params = json_object_get_object_member (eo, "params");
          JsonObject *sm = schema_method (schema, method);
          JsonArray *sparams;
          g_autofree char *key = NULL;
          GList *members;

          g_assert_nonnull (sm);
          g_assert_cmpuint (json_object_get_size (eo), ==, 2);
          /* each method once; a transport once per trtype */
          if (g_str_equal (method, "nvmf_create_transport"))
            {
              g_assert_true (json_object_has_member (params, "trtype"));
              key = g_strdup_printf ("%s/%s", method, json_object_get_string_member (params, "trtype"));
            }
          else
            key = g_strdup (method);
          g_assert_false (g_hash_table_contains (seen, key));
          g_hash_table_add (seen, g_steal_pointer (&key));

          sparams = json_object_get_array_member (sm, "params");
          members = json_object_get_members (params);
          for (GList *l = members; l; l = l->next)
            {
              JsonObject *sp = NULL;
              g_autofree char *where = g_strdup_printf ("%s: %s.%s", what, method, (char *)l->data);

              for (guint p = 0; p < json_array_get_length (sparams); p++)
                if (g_str_equal (json_object_get_string_member (json_array_get_object_element (sparams, p), "name"), l->data))
                  sp = json_array_get_object_element (sparams, p);
              if (sp == NULL)
                g_error ("%s is not in SPDK's schema", where);
              check_value_type (schema, sp, json_object_get_member (params, l->data), where);
            }
          g_list_free (members);
          /* required parameters are there */
          for (guint p = 0; p < json_array_get_length (sparams); p++)
            {
              JsonObject *sp = json_array_get_object_element (sparams, p);
              if (json_object_get_boolean_member_with_default (sp, "required", FALSE))
                g_assert_true (json_object_has_member (params, json_object_get_string_member (sp, "name")));
            }
        }
    }
}

static void
test_schema (void)
{
  NEED_SHARED (dir, "spdk/schema");
  g_auto(GStrv) ids = iop_scenario_list_builtin ();

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/schema-%s.json", dir, iop_spdk_version_tag (v));
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *schema;
      g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify)iop_scenario_unref);
      g_autofree char *bm = shared_path ("spdk/runtime/baremetal.save_config.json");

      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      schema = json_node_get_object (json_parser_get_root (parser));

      for (guint s = 0; ids[s]; s++)
        g_ptr_array_add (scenarios, builtin (ids[s]));
      for (guint h = 0; h < IOP_N_HOSTS; h++)
        g_ptr_array_add (scenarios, scenario_all_set (h, v));
      if (bm != NULL)
        {
          g_autoptr(IopScenario) base = builtin ("raid270");
          g_autoptr(IopConfigImport) imp = NULL;

          iop_scenario_set_version (base, v);
          imp = iop_config_import_file (base, IOP_HOST_BAREMETAL, bm, NULL);
          g_assert_nonnull (imp);
          g_ptr_array_add (scenarios, iop_scenario_ref (imp->scenario));
        }

      for (guint s = 0; s < scenarios->len; s++)
        for (guint h = 0; h < IOP_N_HOSTS; h++)
          {
            IopScenario *sc = g_ptr_array_index (scenarios, s);
            g_autoptr(JsonNode) node = NULL;
            g_autofree char *what = NULL;

            iop_scenario_set_version (sc, v);
            what = g_strdup_printf ("%s %s %s", sc->id, iop_spdk_version_tag (v), iop_host_name (h));
            node = iop_config_export_node (sc, h, NULL);
            check_against_schema (schema, node, what);
          }
    }
}

/* --- rpc.py ------------------------------------------------------------- */

static int
line_index (char **lines,
            const char *prefix)
{
  for (int i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return i;
  return -1;
}

static void
test_rpc (void)
{
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (guint h = 0; h < IOP_N_HOSTS; h++)
      {
        g_autoptr(IopScenario) sc = scenario_all_set (h, v);
        g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *text = iop_config_export_rpc (sc, h, notes);
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
        int iobuf = line_index (lines, "scripts/rpc.py iobuf_set_options ");
        int accel = line_index (lines, "scripts/rpc.py accel_set_options ");
        int bdev = line_index (lines, "scripts/rpc.py bdev_set_options ");
        int nvmf_cfg = line_index (lines, "scripts/rpc.py nvmf_set_config ");
        int nvme = line_index (lines, "scripts/rpc.py bdev_nvme_set_options ");
        int init = line_index (lines, "scripts/rpc.py framework_start_init");
        int transport = line_index (lines, "scripts/rpc.py nvmf_create_transport ");

        g_test_message ("%s", text);
        g_assert_nonnull (strstr (text, "--wait-for-rpc"));
        g_assert_nonnull (strstr (text, " -m 0x30"));            /* the core mask, a command-line option */
        g_assert_nonnull (strstr (text, "Method may only be called before framework is initialized"));
        g_assert_nonnull (strstr (text, "RPC not permitted with nvme controllers already attached"));
        g_assert_cmpint (iobuf, >=, 0);
        g_assert_cmpint (accel, >, iobuf);
        g_assert_cmpint (bdev, >, accel);
        g_assert_cmpint (nvmf_cfg, >, bdev);
        g_assert_cmpint (nvme, >, nvmf_cfg);
        g_assert_cmpint (init, >, nvme);
        g_assert_cmpint (transport, >, init);
        g_assert_nonnull (strstr (lines[iobuf], " --small-pool-count 64"));
        g_assert_nonnull (strstr (lines[bdev], " --bdev-io-pool-size 1"));
        g_assert_nonnull (strstr (lines[nvmf_cfg], " --poll-groups-mask 0x30"));
        g_assert_nonnull (strstr (lines[transport], " --trtype "));
        /* Every option is one rpc.py has, for a knob set */
        for (guint i = 0; i < iop_knob_def_count (); i++)
          {
            const IopKnobDef *d = iop_knob_def_nth (i);
            const char *opt;

            if (!sc->hosts[h].set[i] || !(d->versions & IOP_SPDK_BIT (v)) || g_str_equal (d->method, "spdk_tgt"))
              continue;
            opt = iop_config_rpc_option (d, v);
            g_assert_nonnull (opt);
            g_assert_true (g_str_has_prefix (opt, "--"));
          }
        /* Flags */
        g_assert_nonnull (strstr (lines[nvme], " --disable-delay-cmd-submit"));   /* delay_cmd_submit false */
        g_assert_nonnull (strstr (lines[nvme], " --io-path-stat"));               /* io_path_stat true */
        g_assert_nonnull (strstr (lines[iobuf], " --enable-numa"));
      }
  /* At v26.05 rpc.py takes buf_cache_size or iobuf_small_cache_size, never both */
  {
    g_autoptr(IopScenario) sc = scenario_all_set (IOP_HOST_STORAGE, IOP_SPDK_V26_05);
    g_autofree char *text = iop_config_export_rpc (sc, IOP_HOST_STORAGE, NULL);

    g_assert_nonnull (strstr (text, "--iobuf-small-cache-size"));
    g_assert_null (strstr (text, "--buf-cache-size"));
  }
  /* io_queue_requests below 512 comes back as 512 in save_config: the script says so */
  {
    g_autoptr(IopScenario) sc = builtin ("raid270");
    g_autofree char *text = iop_config_export_rpc (sc, IOP_HOST_BAREMETAL, NULL);

    g_assert_nonnull (strstr (text, "--io-queue-requests 128"));
    g_assert_nonnull (strstr (text, "save_config will later show io_queue_requests as 512"));
    g_assert_nonnull (strstr (text, "nvmf_create_transport --trtype VFIOUSER --max-queue-depth 128 --max-io-qpairs-per-ctrlr 2"));
    g_assert_nonnull (strstr (text, "spdk_tgt -m 0xF0 --wait-for-rpc"));
  }
  /* Nothing set: no --wait-for-rpc, no framework_start_init */
  {
    g_autoptr(IopScenario) sc = builtin ("raid270");
    g_autofree char *text = NULL;

    iop_scenario_reset_all_knobs (sc, IOP_HOST_STORAGE);
    text = iop_config_export_rpc (sc, IOP_HOST_STORAGE, NULL);
    g_assert_null (strstr (text, "framework_start_init"));
    g_assert_null (strstr (text, "--wait-for-rpc"));
  }
}

static void
test_export_notes (void)
{
  g_autoptr(IopScenario) sc = builtin ("raid270");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = iop_config_export_json (sc, IOP_HOST_BAREMETAL, notes);
  gboolean mask = FALSE;

  for (guint i = 0; i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), "-m 0xF0"))
      mask = TRUE;
  g_assert_true (mask);
  g_assert_null (strstr (text, "spdk_tgt"));
  g_assert_null (strstr (text, "cpumask"));
  g_assert_nonnull (strstr (text, "\"poll_groups_mask\" : \"0xE0\""));

  /* An empty mask means "every reactor" to Iopath, "no core" to SPDK: left out */
  {
    g_autoptr(GPtrArray) n2 = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *t2 = NULL;
    g_autofree char *r2 = NULL;
    gboolean said = FALSE;

    g_assert_true (iop_scenario_set_knob (sc, IOP_HOST_BAREMETAL, "nvmf_set_config.poll_groups_mask", 0, NULL));
    t2 = iop_config_export_json (sc, IOP_HOST_BAREMETAL, n2);
    r2 = iop_config_export_rpc (sc, IOP_HOST_BAREMETAL, NULL);
    g_assert_null (strstr (t2, "poll_groups_mask"));
    g_assert_null (strstr (r2, "--poll-groups-mask"));
    for (guint i = 0; i < n2->len; i++)
      if (strstr (g_ptr_array_index (n2, i), "poll_groups_mask is 0"))
        said = TRUE;
    g_assert_true (said);
  }
  {
    g_autoptr(IopConfigImport) imp = import_text (sc, IOP_HOST_BAREMETAL,
      "{\"subsystems\":[{\"subsystem\":\"nvmf\",\"config\":[{\"method\":\"nvmf_set_config\",\"params\":{\"poll_groups_mask\":\"0x0\"}}]}]}", NULL);
    g_assert_true (has_warning (imp, "no NVMf poll group"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/shared-configs", test_shared_configs);
  g_test_add_func ("/config/save-configs", test_save_configs);
  g_test_add_func ("/config/refusals", test_refusals);
  g_test_add_func ("/config/too-large", test_too_large);
  g_test_add_func ("/config/hostile", test_hostile);
  g_test_add_func ("/config/warnings", test_warnings);
  g_test_add_func ("/config/roundtrip-scenarios", test_roundtrip_scenarios);
  g_test_add_func ("/config/roundtrip-shared", test_roundtrip_shared);
  g_test_add_func ("/config/schema", test_schema);
  g_test_add_func ("/config/rpc", test_rpc);
  g_test_add_func ("/config/export-notes", test_export_notes);
  return g_test_run ();
}
