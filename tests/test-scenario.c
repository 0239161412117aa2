/* test-scenario.c: loading scenarios, good and bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "iop-json-util.h"
#include "iop-test-util.h"
#include "iop-topology.h"

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("IOPATH_TESTS_DIR"), "data", name, NULL);
}

static void
test_builtin (void)
{
  g_auto(GStrv) ids = iop_scenario_list_builtin ();

  g_assert_cmpuint (g_strv_length (ids), >=, 5);
  g_assert_true (g_strv_contains ((const char *const *)ids, "raid270"));
  g_assert_true (g_strv_contains ((const char *const *)ids, "spdk-defaults"));
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IopScenario) sc = iop_scenario_new_builtin (ids[i], &error);
      g_autoptr(IopTrace) t = NULL;

      g_assert_no_error (error);
      if (g_str_equal (ids[i], "too-many-poll-groups"))
        {
          /* shipped to show SPDK refusing to create the transport */
          g_assert_null (iop_trace_run (sc, &error));
          g_assert_nonnull (strstr (error->message, "There are not enough buffers to satisfyper-poll group caches"));
          continue;
        }
      t = test_trace (sc);
      g_assert_cmpint (t->end_ns, >, 0);
    }
}

static void
test_raid270_values (void)
{
  g_autoptr(IopScenario) sc = test_scenario ("raid270", NULL);
  g_autoptr(IopTopology) topo = iop_topology_new (sc);
  IopHostTopology *bm = &topo->hosts[IOP_HOST_BAREMETAL];
  IopHostTopology *st = &topo->hosts[IOP_HOST_STORAGE];

  /* The seed's "Your Value" column */
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "iobuf_set_options.small_pool_count"), ==, 1048576);
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "iobuf_set_options.large_pool_count"), ==, 65536);
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_pool_size"), ==, 1048576);
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 128);
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.io_queue_requests"), ==, 128);
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_io_qpairs_per_ctrlr"), ==, 2);

  /* Seed topology: app_thread on core 4, three poll groups on cores 5-7 */
  g_assert_cmpuint (bm->threads->len, ==, 4);
  g_assert_cmpuint (bm->app_core, ==, 4);
  g_assert_cmpuint (bm->n_poll_groups, ==, 3);
  g_assert_cmpuint (iop_topology_poll_group (topo, IOP_HOST_BAREMETAL, 0)->core, ==, 5);
  g_assert_cmpuint (iop_topology_poll_group (topo, IOP_HOST_BAREMETAL, 2)->core, ==, 7);
  g_assert_cmpuint (bm->n_controllers, ==, 4);        /* 2 replicas x 2 paths */
  g_assert_cmpuint (bm->n_io_qpairs, ==, 16);        /* (3 poll groups + app_thread) x 4 */
  /* Storage node: 28 poll groups on cores 4-31, the last one sharing core 4 with app_thread */
  g_assert_cmpuint (st->n_poll_groups, ==, 28);
  g_assert_cmpstr (iop_topology_poll_group (topo, IOP_HOST_STORAGE, 27)->name, ==, "nvmf_tgt_poll_group_027");
  g_assert_cmpuint (iop_topology_poll_group (topo, IOP_HOST_STORAGE, 27)->core, ==, 4);
  g_assert_cmpuint (iop_topology_poll_group (topo, IOP_HOST_STORAGE, 0)->core, ==, 5);
}

static void
expect_error (const char *file, int code, const char *fragment)
{
  g_autofree char *path = data_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_from_file (path, &error);

  g_assert_null (sc);
  g_assert_error (error, IOP_ERROR, code);
  g_test_message ("%s: %s", file, error->message);
  g_assert_nonnull (strstr (error->message, file));   /* names the file */
  g_assert_nonnull (strstr (error->message, fragment)); /* and the place or problem */
}

static void
test_bad_scenarios (void)
{
  expect_error ("broken-json.json", IOP_ERROR_PARSE, "not valid JSON");
  expect_error ("wrong-types.json", IOP_ERROR_SCENARIO, "hosts.baremetal.knobs[\"bdev_set_options.bdev_io_cache_size\"]");
  expect_error ("unknown-knob.json", IOP_ERROR_SCENARIO, "Unknown knob");
  expect_error ("bad-topology.json", IOP_ERROR_SCENARIO, "topology.raid_legs");
  /* more legs than the canvas draws: refused at load, with the reason */
  expect_error ("three-legs.json", IOP_ERROR_SCENARIO, "two replicas");
  expect_error ("not-object.json", IOP_ERROR_SCENARIO, "JSON object");
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (iop_scenario_load ("no-such-scenario", &error));
    g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "raid270"));
    g_clear_error (&error);
    g_assert_null (iop_scenario_load ("/nonexistent/x.json", &error));
    g_assert_nonnull (error);
  }
}

/* Loads TEXT as a scenario file; it must be refused with CODE and FRAGMENT */
static void
expect_refused_text (const char *text,
                     gssize      len,
                     int         code,
                     const char *fragment)
{
  g_autofree char *dir = g_dir_make_tmp ("iopath-scenario-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;

  g_assert_true (g_file_set_contents (path, text, len, NULL));
  sc = iop_scenario_new_from_file (path, &error);
  g_assert_null (sc);
  g_assert_error (error, IOP_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "hostile.json"));
  g_assert_nonnull (strstr (error->message, fragment));
  g_unlink (path);
  g_rmdir (dir);
}

static char *
with_queue_depth (const char *value)
{
  return g_strdup_printf ("{\n  \"format\": 1,\n  \"id\": \"x\",\n  \"topology\": { \"guest_queue_depth\": %s },\n"
                          "  \"hosts\": { \"baremetal\": {}, \"storage\": {} }\n}\n", value);
}

/* Hostile scenarios: every one refused with the file, the place and why,
 * before json-glib could recurse or wrap a number */
static void
test_hostile_json (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"format\": 1, \"id\": \"deep\", \"x\": ");
  g_autofree char *wrapped = with_queue_depth ("-18446744073709551488");
  g_autofree char *hex = with_queue_depth ("0x80");
  g_autofree char *octal = with_queue_depth ("0200");
  g_autofree char *max = with_queue_depth ("9223372036854775807");
  g_autofree char *quoted = g_strdup ("{\"format\": 1, \"id\": 'x\"', \"hosts\": {}}");
  /* json-glib takes a raw line break in a string: the number after it is
   * still checked (it used to be skipped as if it were in a string) */
  g_autofree char *newline = g_strdup ("{\"format\": 1, \"id\": \"x\",\n \"title\": \"two\nlines\", \"topology\": {\"guest_queue_depth\": -18446744073709551488},\n"
                                       " \"hosts\": { \"baremetal\": {}, \"storage\": {} }}");

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');

  expect_refused_text (deep->str, deep->len, IOP_ERROR_TOO_LARGE, "hostile.json:1:");
  expect_refused_text (deep->str, deep->len, IOP_ERROR_TOO_LARGE, "more than 512 levels");
  expect_refused_text (wrapped, -1, IOP_ERROR_PARSE, "hostile.json:4:38: the number -18446744073709551488 does not fit in 64 bits");
  expect_refused_text (newline, -1, IOP_ERROR_PARSE, "hostile.json:3:43: the number -18446744073709551488 does not fit in 64 bits");
  expect_refused_text (hex, -1, IOP_ERROR_PARSE, "hostile.json:4:38: 0x80 is not a JSON number");
  expect_refused_text (octal, -1, IOP_ERROR_PARSE, "0200 is not a JSON number");
  expect_refused_text (quoted, -1, IOP_ERROR_PARSE, "hostile.json:1:21: not valid JSON: a string in single quotes");
  /* the largest 64-bit integer is read, and refused by the range check */
  expect_refused_text (max, -1, IOP_ERROR_SCENARIO, "9223372036854775807 is out of range");

  /* 512 levels is the limit itself: read (and refused for what it is) */
  {
    g_autoptr(GString) ok = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;

    for (guint i = 0; i < IOP_JSON_MAX_DEPTH; i++)
      g_string_append_c (ok, '[');
    for (guint i = 0; i < IOP_JSON_MAX_DEPTH; i++)
      g_string_append_c (ok, ']');
    node = iop_json_parse_document (ok->str, ok->len, "512.json", &error);
    g_assert_no_error (error);
    g_assert_nonnull (node);
    g_string_prepend_c (ok, '[');
    g_string_append_c (ok, ']');
    g_assert_null (iop_json_parse_document (ok->str, ok->len, "513.json", &error));
    g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "513.json:1:513:"));
  }
}

/* Files that are not regular files are refused at once: /dev/zero never
 * ends, a FIFO without a writer would block for ever */
static void
test_not_regular (void)
{
  g_autofree char *dir = g_dir_make_tmp ("iopath-scenario-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  g_assert_null (iop_scenario_load ("/dev/zero", &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "/dev/zero is not a regular file"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (iop_scenario_load (fifo, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "fifo.json is not a regular file"));
  g_clear_error (&error);

  g_assert_null (iop_scenario_load (dir, &error));   /* a folder, named with a slash */
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);

  /* the reader itself: its bound holds whatever the size says */
  g_assert_false (iop_file_read_bounded ("/dev/zero", 1024, &data, NULL, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (iop_file_read_bounded ("/nonexistent/x.json", 1024, &data, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_unlink (fifo);
  g_rmdir (dir);
}

static void
test_huge_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("iopath-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new ("{\"format\":1,\"id\":\"huge\",\"description\":\"");

  while (s->len < 5 * 1024 * 1024)
    g_string_append (s, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (s, "\"}");
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  g_string_free (s, TRUE);
  g_assert_null (iop_scenario_new_from_file (path, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_minimal_and_copy (void)
{
  g_autofree char *path = data_path ("minimal.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_from_file (path, &error);
  g_autoptr(IopScenario) copy = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sc->hosts[IOP_HOST_BAREMETAL].target_trtype, ==, "VFIOUSER");
  g_assert_cmpstr (sc->hosts[IOP_HOST_STORAGE].target_trtype, ==, "RDMA");
  copy = iop_scenario_copy (sc);
  g_assert_true (iop_scenario_set_knob_text (copy, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size", "64", NULL));
  /* The original is untouched */
  g_assert_cmpint (iop_scenario_get_knob (sc, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 256);
  g_assert_cmpint (iop_scenario_get_knob (copy, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 64);
  iop_scenario_reset_knob (copy, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size");
  g_assert_cmpint (iop_scenario_get_knob (copy, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size"), ==, 256);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario/builtin", test_builtin);
  g_test_add_func ("/scenario/raid270-values", test_raid270_values);
  g_test_add_func ("/scenario/bad", test_bad_scenarios);
  g_test_add_func ("/scenario/huge", test_huge_file);
  g_test_add_func ("/scenario/hostile-json", test_hostile_json);
  g_test_add_func ("/scenario/not-regular", test_not_regular);
  g_test_add_func ("/scenario/minimal-and-copy", test_minimal_and_copy);
  return g_test_run ();
}
