/* test-runtime.c: reading and explaining the dumps of a running SPDK
 *
 * The real dumps come from IOPATH_SHARED_DIR (spdk/runtime); the tests that
 * need them skip when it is not set. The file names below only say what each
 * test expects: the engine never looks at them to recognise a dump.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "iop-compare.h"
#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-runtime.h"

static char *
runtime_dir (void)
{
  const char *dir = g_getenv ("IOPATH_SHARED_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return NULL;
  path = g_build_filename (dir, "spdk", "runtime", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&path);
}

#define NEED_RUNTIME(var)                                                                      \
  g_autofree char *var = runtime_dir ();                                                       \
  if (var == NULL)                                                                             \
    {                                                                                          \
      g_test_skip ("IOPATH_SHARED_DIR is not set or lacks spdk/runtime (SPDK's real dumps)");  \
      return;                                                                                  \
    }

static IopRuntime *
load_prefix (const char *dir,
             const char *prefix)
{
  IopRuntime *rt = iop_runtime_new ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (iop_runtime_add_path (rt, path, &error));
      g_assert_no_error (error);
    }
  iop_runtime_explain (rt);
  return rt;
}

static IopRuntimeHost *
host_named (GPtrArray  *hosts,
            const char *name)
{
  for (guint i = 0; i < hosts->len; i++)
    if (g_str_equal (((IopRuntimeHost *)g_ptr_array_index (hosts, i))->name, name))
      return g_ptr_array_index (hosts, i);
  return NULL;
}

static IopFinding *
finding (IopRuntimeHost *h,
         const char     *id)
{
  for (guint i = 0; i < h->findings->len; i++)
    if (g_str_equal (((IopFinding *)g_ptr_array_index (h->findings, i))->id, id))
      return g_ptr_array_index (h->findings, i);
  return NULL;
}

static gboolean
has_finding_prefix (IopRuntimeHost *h,
                    const char     *prefix)
{
  for (guint i = 0; i < h->findings->len; i++)
    if (g_str_has_prefix (((IopFinding *)g_ptr_array_index (h->findings, i))->id, prefix))
      return TRUE;
  return FALSE;
}

static IopThreadInfo *
thread_named (IopRuntimeHost *h,
              const char     *name)
{
  for (guint i = 0; i < h->threads->len; i++)
    if (g_str_equal (((IopThreadInfo *)g_ptr_array_index (h->threads, i))->name, name))
      return g_ptr_array_index (h->threads, i);
  return NULL;
}

static IopPollerInfo *
timed_poller (IopThreadInfo *t,
              const char    *name)
{
  for (guint i = 0; i < t->timed_pollers->len; i++)
    if (g_str_equal (((IopPollerInfo *)g_ptr_array_index (t->timed_pollers, i))->name, name))
      return g_ptr_array_index (t->timed_pollers, i);
  return NULL;
}

static gboolean
has_role (IopRuntimeHost *h,
          const char     *role)
{
  for (guint i = 0; i < h->roles->len; i++)
    if (g_str_equal (g_ptr_array_index (h->roles, i), role))
      return TRUE;
  return FALSE;
}

/* --- Every shared file loads and is recognised from its content ---------- */

static void
test_every_file (void)
{
  NEED_RUNTIME (dir);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(IopRuntime) rt = iop_runtime_new ();
      g_autoptr(GError) error = NULL;
      IopDump *dump;
      const char *kind;

      if (g_str_has_suffix (name, ".md"))
        continue;
      n++;
      g_assert_true (iop_runtime_add_path (rt, path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (iop_runtime_get_dumps (rt)->len, ==, 1);
      dump = g_ptr_array_index (iop_runtime_get_dumps (rt), 0);
      kind = iop_dump_kind_name (dump->kind);
      g_test_message ("%s: %s", name, kind);

      if (g_str_has_suffix (name, ".log"))
        {
          g_assert_cmpint (dump->kind, ==, IOP_DUMP_LOG);
          g_assert_nonnull (dump->note);                  /* "not JSON: ..." */
        }
      else
        {
          /* the RPC name is the second part of the file name: the expectation */
          g_auto(GStrv) parts = g_strsplit (name, ".", -1);
          g_autofree char *text = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (path, &text, &len, NULL));
          if (g_strstrip (text)[0] == '[' && g_str_equal (g_strstrip (text), "[]"))
            g_assert_cmpint (dump->kind, ==, IOP_DUMP_EMPTY_LIST);
          else
            g_assert_cmpstr (kind, ==, parts[1]);
        }
      /* ...and explaining any single file never fails */
      iop_runtime_explain (rt);
      {
        g_autoptr(JsonNode) node = iop_runtime_to_json (rt);
        g_autofree char *txt = iop_runtime_to_text (rt);
        g_assert_nonnull (node);
        g_assert_nonnull (txt);
      }
    }
  g_assert_cmpuint (n, >=, 40);
}

/* --- The baremetal dumps ------------------------------------------------- */

static void
test_baremetal (void)
{
  NEED_RUNTIME (dir);
  g_autoptr(IopRuntime) rt = load_prefix (dir, "baremetal.");
  GPtrArray *hosts = iop_runtime_explain (rt);
  IopRuntimeHost *h;
  IopThreadInfo *app, *pg0, *pg1;
  IopFinding *f;

  g_assert_cmpuint (hosts->len, ==, 1);
  h = g_ptr_array_index (hosts, 0);
  g_assert_cmpstr (h->name, ==, "baremetal");
  g_assert_cmpstr (h->spdk_version, ==, "SPDK v26.01");
  g_assert_cmpfloat (h->tick_rate, ==, 2.6e9);

  /* The real run used NVMe-oF TCP towards the guest, not VFIO-user */
  g_assert_cmpuint (h->roles->len, ==, 2);
  g_assert_true (has_role (h, IOP_ROLE_TCP_TARGET));
  g_assert_true (has_role (h, IOP_ROLE_NVMF_INITIATOR));
  g_assert_false (has_role (h, IOP_ROLE_VFIOUSER_TARGET));
  g_assert_nonnull (finding (h, "bridge-without-vfiouser"));

  /* lcore 0 is the control plane; poll group 001 shares it */
  g_assert_cmpint (h->control_lcore, ==, 0);
  g_assert_nonnull (finding (h, "control-plane"));
  f = finding (h, "control-plane-shared");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->evidence, "nvmf_tgt_poll_group_001"));
  g_assert_cmpstr (f->knob, ==, "nvmf_set_config.poll_groups_mask");

  app = thread_named (h, "app_thread");
  pg0 = thread_named (h, "nvmf_tgt_poll_group_000");
  pg1 = thread_named (h, "nvmf_tgt_poll_group_001");
  g_assert_cmpint (app->lcore, ==, 0);
  g_assert_cmpint (pg0->lcore, ==, 1);
  g_assert_cmpint (pg1->lcore, ==, 0);
  g_assert_cmpfloat_with_epsilon (app->busy_pct, 6.28, 0.01);
  g_assert_cmpfloat_with_epsilon (pg0->busy_pct, 4.05, 0.01);
  g_assert_cmpfloat_with_epsilon (timed_poller (app, "rpc_subsystem_poll_servers")->period_s, 0.004, 1e-9);
  g_assert_cmpfloat_with_epsilon (timed_poller (app, "bdev_nvme_poll_adminq")->period_s, 0.010, 1e-9);
  g_assert_cmpfloat_with_epsilon (timed_poller (app, "bdev_nvme_remove_poller")->period_s, 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (timed_poller (pg0, "nvmf_ctrlr_keep_alive_poll")->period_s, 10.0, 1e-9);
  g_assert_cmpuint (pg0->active_pollers->len, ==, 2);

  /* Hot threads: app_thread and poll group 000, not the iscsi ones */
  f = finding (h, "hot-threads");
  g_assert_nonnull (f);
  g_assert_true (g_str_has_prefix (f->evidence, "app_thread"));
  g_assert_nonnull (strstr (f->evidence, "nvmf_tgt_poll_group_000"));
  g_assert_null (strstr (f->evidence, "iscsi"));
  g_assert_nonnull (strstr (finding (h, "idle-threads")->evidence, "iscsi_poll_group_0"));

  /* The busiest data-path thread did work 4 % of its time: nothing is
   * saturated, and the first look says so instead of pointing at a knob */
  f = finding (h, "where-first");
  g_assert_nonnull (f);
  g_assert_true (g_str_has_prefix (f->evidence, "Nothing is saturated"));
  g_assert_nonnull (strstr (f->evidence, "nvmf_tgt_poll_group_000, did work 4.1%"));
  g_assert_null (f->knob);

  /* No starvation: retry is 0 in both samples; nvmf_TCP takes the buffers */
  g_assert_nonnull (finding (h, "iobuf-no-starvation"));
  g_assert_false (has_finding_prefix (h, "iobuf-retry"));
  g_assert_null (finding (h, "iobuf-circular-wait"));
  f = finding (h, "iobuf-traffic");
  g_assert_nonnull (strstr (f->title, "nvmf_TCP"));
  g_assert_nonnull (strstr (f->evidence, "+23,613 cache"));
  g_assert_cmpstr (f->knob, ==, "nvmf_create_transport.buf_cache_size");

  /* Poll groups: 98,892 against 4 completed I/Os */
  g_assert_nonnull (strstr (finding (h, "poll-groups-unbalanced")->evidence, "98,892"));
  /* Transport caches at v26.01: (511 x 3/4) / 2 = 191 */
  g_assert_nonnull (strstr (finding (h, "transport-buffers")->evidence, "= 191 buffers"));
  g_assert_nonnull (strstr (finding (h, "iobuf-headroom")->evidence, "1150 small buffers"));
  g_assert_nonnull (strstr (finding (h, "qpair-fanout")->evidence, "6 I/O qpairs"));
  g_assert_nonnull (strstr (finding (h, "raid1-reads")->evidence, "51.1%"));
  g_assert_nonnull (finding (h, "io-queue-requests-writeback"));
  g_assert_nonnull (finding (h, "nvme-controllers"));
  /* spdk_tgt.log: the replicas went away at the end of the run */
  g_assert_nonnull (finding (h, "log-failover"));

  /* Where to look first: neither the buffers nor the CPU */
  f = g_ptr_array_index (h->findings, 0);
  g_assert_cmpstr (f->id, ==, "where-first");
  g_assert_nonnull (strstr (f->evidence, "no iobuf retries"));
  g_assert_nonnull (strstr (f->evidence, "nvmf_tgt_poll_group_000"));
}

/* --- The storage dumps --------------------------------------------------- */

static void
test_storage (void)
{
  NEED_RUNTIME (dir);
  g_autoptr(IopRuntime) rt = load_prefix (dir, "storage.");
  GPtrArray *hosts = iop_runtime_explain (rt);
  IopRuntimeHost *h = g_ptr_array_index (hosts, 0);
  IopThreadInfo *pg0;
  IopFinding *f;

  g_assert_cmpuint (hosts->len, ==, 1);
  /* A TCP target over a malloc bdev: honest about it, not local_nvme */
  g_assert_cmpuint (h->roles->len, ==, 2);
  g_assert_true (has_role (h, IOP_ROLE_TCP_TARGET));
  g_assert_true (has_role (h, IOP_ROLE_LOCAL_MALLOC));
  g_assert_false (has_role (h, IOP_ROLE_LOCAL_NVME));
  g_assert_false (has_role (h, IOP_ROLE_NVMF_INITIATOR));
  g_assert_nonnull (finding (h, "local-malloc"));
  g_assert_nonnull (strstr (finding (h, "local-malloc")->evidence, "lvs0"));
  g_assert_nonnull (finding (h, "tcp-not-rdma"));

  /* One reactor runs everything */
  g_assert_cmpint (h->control_lcore, ==, 0);
  f = finding (h, "single-reactor");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->knob, ==, "spdk_tgt.cpumask");

  /* Keep-alive every 30 s: the baremetal's keep_alive_timeout_ms 30000 */
  pg0 = thread_named (h, "nvmf_tgt_poll_group_000");
  g_assert_cmpfloat_with_epsilon (timed_poller (pg0, "nvmf_ctrlr_keep_alive_poll")->period_s, 30.0, 1e-9);
  f = finding (h, "keep-alive");
  g_assert_nonnull (strstr (f->evidence, "2 × nvmf_ctrlr_keep_alive_poll every 30 s"));
  g_assert_cmpstr (f->knob, ==, "bdev_nvme_set_options.keep_alive_timeout_ms");

  g_assert_nonnull (finding (h, "iobuf-no-starvation"));
  g_assert_false (has_finding_prefix (h, "iobuf-retry"));
  g_assert_nonnull (strstr (finding (h, "iobuf-traffic")->evidence, "+15,997 cache"));
  g_assert_nonnull (strstr (finding (h, "transport-buffers")->evidence, "= 383 buffers"));
  g_assert_null (finding (h, "nvme-controllers"));
  g_assert_cmpstr (((IopFinding *)g_ptr_array_index (h->findings, 0))->id, ==, "where-first");
}

/* --- The run with pools too small ---------------------------------------- */

static void
test_small_pools (void)
{
  NEED_RUNTIME (dir);
  g_autoptr(IopRuntime) rt = load_prefix (dir, "small-pools.");
  GPtrArray *hosts = iop_runtime_explain (rt);
  IopRuntimeHost *h = g_ptr_array_index (hosts, 0);
  IopFinding *f;

  g_assert_cmpuint (hosts->len, ==, 1);
  g_assert_cmpuint (h->roles->len, ==, 0);
  g_assert_cmpstr (h->spdk_version, ==, "SPDK v26.01");

  f = finding (h, "log-iobuf-small-populate");
  g_assert_cmpint (f->severity, ==, IOP_SEVERITY_ERROR);
  g_assert_cmpstr (f->knob, ==, "iobuf_set_options.small_pool_count");
  g_assert_nonnull (strstr (f->evidence, "'accel' iobuf small buffer cache at 64/128 entries"));

  f = finding (h, "log-bdev-io-pool");
  g_assert_cmpint (f->severity, ==, IOP_SEVERITY_ERROR);
  g_assert_cmpstr (f->knob, ==, "bdev_set_options.bdev_io_pool_size");
  g_assert_nonnull (strstr (f->evidence, "Pool size 64 too small for cache size 128"));
  g_assert_nonnull (strstr (f->evidence, "bdev_io_pool_size 64 is not compatible with bdev_io_cache_size 128 and 1 threads"));

  f = finding (h, "log-startup-only");
  g_assert_cmpstr (f->knob, ==, "iobuf_set_options.small_pool_count");

  f = finding (h, "log-shared-buffers");
  g_assert_cmpint (f->severity, ==, IOP_SEVERITY_WARNING);
  g_assert_cmpstr (f->knob, ==, "nvmf_create_transport.num_shared_buffers");
  g_assert_nonnull (finding (h, "log-transport-failed"));

  f = g_ptr_array_index (h->findings, 0);
  g_assert_cmpstr (f->id, ==, "where-first");
  g_assert_cmpstr (f->knob, ==, "iobuf_set_options.small_pool_count");
  /* errors before warnings */
  for (guint i = 2; i < h->findings->len; i++)
    g_assert_cmpint (((IopFinding *)g_ptr_array_index (h->findings, i - 1))->severity, >=,
                     ((IopFinding *)g_ptr_array_index (h->findings, i))->severity);
}

/* --- The whole folder ---------------------------------------------------- */

static void
test_folder (void)
{
  NEED_RUNTIME (dir);
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *hosts;
  JsonObject *o;
  JsonArray *a;

  g_assert_true (iop_runtime_add_path (rt, dir, &error));
  hosts = iop_runtime_explain (rt);
  /* told apart by their names, as several hosts' dumps of one kind are there */
  g_assert_cmpuint (hosts->len, ==, 3);
  g_assert_nonnull (host_named (hosts, "baremetal"));
  g_assert_nonnull (host_named (hosts, "storage"));
  g_assert_nonnull (host_named (hosts, "small-pools"));
  g_assert_null (host_named (hosts, "guest"));     /* bdevperf's log says nothing Iopath reads */

  node = iop_runtime_to_json (rt);
  o = json_node_get_object (node);
  g_assert_true (json_object_has_member (o, "roles"));
  g_assert_true (json_object_has_member (o, "threads"));
  g_assert_true (json_object_has_member (o, "findings"));
  a = json_object_get_array_member (o, "files");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *f = json_array_get_object_element (a, i);
      g_assert_false (g_str_has_suffix (json_object_get_string_member (f, "path"), ".md"));
      g_assert_cmpstr (json_object_get_string_member (f, "kind"), !=, "unknown");
      g_assert_cmpstr (json_object_get_string_member (f, "kind"), !=, "skipped");
    }
  a = json_object_get_array_member (o, "threads");
  g_assert_cmpuint (json_array_get_length (a), ==, 8);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *t = json_array_get_object_element (a, i);
      JsonArray *timed = json_object_get_array_member (t, "timed_pollers");

      g_assert_true (json_object_has_member (t, "host"));
      g_assert_true (json_object_has_member (t, "name"));
      g_assert_true (json_object_has_member (t, "lcore"));
      g_assert_true (json_object_has_member (t, "active_pollers"));
      for (guint p = 0; p < json_array_get_length (timed); p++)
        g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (timed, p), "period_s"), >, 0);
    }
  a = json_object_get_array_member (o, "findings");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *f = json_array_get_object_element (a, i);
      const char *sev = json_object_get_string_member (f, "severity");

      g_assert_true (g_str_equal (sev, "info") || g_str_equal (sev, "notice") || g_str_equal (sev, "warning") || g_str_equal (sev, "error"));
      g_assert_true (json_object_has_member (f, "title"));
      g_assert_true (json_object_has_member (f, "evidence"));
      g_assert_true (json_object_has_member (f, "knob"));
    }
}

/* --- iobuf samples, made up to cover every rule ------------------------- */

static char *
iobuf_json (gint64 cache,
            gint64 main_,
            gint64 retry)
{
  return g_strdup_printf ("[{\"module\":\"bdev\",\"small_pool\":{\"cache\":0,\"main\":0,\"retry\":0},\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":0}},"
                          "{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":10,\"main\":1,\"retry\":0},"
                          "\"large_pool\":{\"cache\":%" G_GINT64_FORMAT ",\"main\":%" G_GINT64_FORMAT ",\"retry\":%" G_GINT64_FORMAT "}}]",
                          cache, main_, retry);
}

static IopRuntimeHost *
explain_samples (IopRuntime *rt,
                 const char *a,
                 const char *b)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (iop_runtime_add_data (rt, "x.iobuf.a.json", a, strlen (a), &error));
  if (b)
    g_assert_true (iop_runtime_add_data (rt, "x.iobuf.b.json", b, strlen (b), &error));
  g_assert_no_error (error);
  return g_ptr_array_index (iop_runtime_explain (rt), 0);
}

static void
test_iobuf_rules (void)
{
  /* Retries still growing: the pool is too small (either order of files) */
  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(IopRuntime) rt = iop_runtime_new ();
      g_autofree char *t0 = iobuf_json (1000, 10, 5);
      g_autofree char *t5 = iobuf_json (3000, 30, 50);
      IopRuntimeHost *h = order ? explain_samples (rt, t5, t0) : explain_samples (rt, t0, t5);
      IopFinding *f = finding (h, "iobuf-retry-growing");

      g_assert_nonnull (f);
      g_assert_cmpint (f->severity, ==, IOP_SEVERITY_ERROR);
      g_assert_cmpstr (f->knob, ==, "iobuf_set_options.large_pool_count");
      g_assert_nonnull (strstr (f->evidence, "grew by 45"));
      g_assert_true (has_role (h, IOP_ROLE_RDMA_TARGET));
      g_assert_cmpstr (((IopFinding *)g_ptr_array_index (h->findings, 0))->knob, ==, "iobuf_set_options.large_pool_count");
    }
  /* Stuck non-zero and nothing moves: circular wait */
  {
    g_autoptr(IopRuntime) rt = iop_runtime_new ();
    g_autofree char *t0 = iobuf_json (3000, 30, 50);
    IopRuntimeHost *h = explain_samples (rt, t0, t0);
    g_assert_nonnull (finding (h, "iobuf-circular-wait"));
    g_assert_null (finding (h, "iobuf-retry-growing"));
  }
  /* Stuck non-zero while buffers flow: a past burst */
  {
    g_autoptr(IopRuntime) rt = iop_runtime_new ();
    g_autofree char *t0 = iobuf_json (3000, 30, 50);
    g_autofree char *t5 = iobuf_json (9000, 40, 50);
    IopRuntimeHost *h = explain_samples (rt, t0, t5);
    g_assert_cmpint (finding (h, "iobuf-retry-past")->severity, ==, IOP_SEVERITY_WARNING);
    g_assert_null (finding (h, "iobuf-circular-wait"));
  }
  /* One sample with retries: said, and a second sample asked for */
  {
    g_autoptr(IopRuntime) rt = iop_runtime_new ();
    g_autofree char *t0 = iobuf_json (3000, 30, 50);
    IopRuntimeHost *h = explain_samples (rt, t0, NULL);
    g_assert_nonnull (strstr (finding (h, "iobuf-retry")->evidence, "second iobuf_get_stats"));
    g_assert_null (finding (h, "iobuf-no-starvation"));
  }
  /* The central ring visited often: cache misses, the module's cache knob */
  {
    g_autoptr(IopRuntime) rt = iop_runtime_new ();
    g_autofree char *t0 = iobuf_json (3000, 2000, 0);
    IopRuntimeHost *h = explain_samples (rt, t0, NULL);
    IopFinding *f = finding (h, "iobuf-cache-misses");
    g_assert_cmpstr (f->knob, ==, "nvmf_create_transport.buf_cache_size");
    g_assert_nonnull (finding (h, "iobuf-no-starvation"));
  }
  /* A whole JSON-RPC reply is read as its result */
  {
    g_autoptr(IopRuntime) rt = iop_runtime_new ();
    g_autofree char *inner = iobuf_json (1, 0, 0);
    g_autofree char *reply = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":%s}", inner);
    IopRuntimeHost *h = explain_samples (rt, reply, NULL);
    g_assert_nonnull (finding (h, "iobuf-no-starvation"));
  }
}

/* --- Bad input ---------------------------------------------------------- */

static void
test_bad_input (void)
{
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("iopath-runtime-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "host.iobuf_get_stats.json", NULL);
  g_autofree char *binary = g_build_filename (dir, "host.bin", NULL);
  g_autofree char *big = g_build_filename (dir, "host.big.json", NULL);
  g_autofree char *good = g_build_filename (dir, "host.version.json", NULL);
  GPtrArray *dumps;
  gsize n = IOP_RUNTIME_MAX_BYTES + 10;
  g_autofree char *bigdata = g_malloc0 (n);
  const char bin[] = { 0x7f, 'E', 'L', 'F', 0, 1, 2 };

  g_assert_false (iop_runtime_add_path (rt, "/nonexistent/dump.json", &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (broken, "[\n  {\"module\": \"bdev\",\n   \"small_pool\": {\"cache\": 1,, }\n", -1, NULL));
  g_assert_false (iop_runtime_add_path (rt, broken, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "host.iobuf_get_stats.json:3:"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (binary, bin, sizeof bin, NULL));
  g_assert_false (iop_runtime_add_path (rt, binary, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_PARSE);
  g_clear_error (&error);

  memset (bigdata, ' ', n);
  bigdata[0] = '[';
  bigdata[n - 1] = ']';
  g_assert_true (g_file_set_contents (big, bigdata, n, NULL));
  g_assert_false (iop_runtime_add_path (rt, big, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (good, "{\"version\": \"SPDK v26.05\", \"fields\": {}}", -1, NULL));

  /* In a folder the same files are listed as skipped, with the reason */
  g_assert_true (iop_runtime_add_path (rt, dir, &error));
  g_assert_no_error (error);
  dumps = iop_runtime_get_dumps (rt);
  g_assert_cmpuint (dumps->len, ==, 4);
  for (guint i = 0; i < dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (dumps, i);
      if (g_str_has_suffix (d->path, "version.json"))
        g_assert_cmpint (d->kind, ==, IOP_DUMP_SPDK_GET_VERSION);
      else
        {
          g_assert_cmpint (d->kind, ==, IOP_DUMP_SKIPPED);
          g_assert_nonnull (d->note);
        }
    }
  iop_runtime_explain (rt);

  /* An error reply, JSON of another kind, plain text */
  {
    g_autoptr(IopRuntime) r2 = iop_runtime_new ();
    const char *err = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}";
    const char *other = "{\"hello\": [1, 2]}";
    const char *text = "just some words\n";

    g_assert_true (iop_runtime_add_data (r2, "a.json", err, strlen (err), NULL));
    g_assert_true (iop_runtime_add_data (r2, "b.json", other, strlen (other), NULL));
    g_assert_true (iop_runtime_add_data (r2, "c.txt", text, strlen (text), NULL));
    dumps = iop_runtime_get_dumps (r2);
    g_assert_cmpint (((IopDump *)g_ptr_array_index (dumps, 0))->kind, ==, IOP_DUMP_SKIPPED);
    g_assert_nonnull (strstr (((IopDump *)g_ptr_array_index (dumps, 0))->note, "Method not found"));
    g_assert_cmpint (((IopDump *)g_ptr_array_index (dumps, 1))->kind, ==, IOP_DUMP_UNKNOWN);
    g_assert_cmpint (((IopDump *)g_ptr_array_index (dumps, 2))->kind, ==, IOP_DUMP_SKIPPED);
    g_assert_cmpuint (iop_runtime_explain (r2)->len, ==, 0);
  }

  g_unlink (broken);
  g_unlink (binary);
  g_unlink (big);
  g_unlink (good);
  g_rmdir (dir);
}

/* --- Rates between two live samples --------------------------------------- */

static void
test_rates (void)
{
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonNode) rates = NULL;
  g_autofree char *text = NULL;
  JsonArray *io, *th;
  JsonObject *rdma;

  g_assert_true (json_parser_load_from_data (p1,
    "{\"iobuf_get_stats\": [{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":100,\"main\":10,\"retry\":0},\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":7}}],"
    " \"thread_get_stats\": {\"tick_rate\": 1000, \"threads\": [{\"name\":\"app_thread\",\"busy\":100,\"idle\":900}]}}", -1, NULL));
  g_assert_true (json_parser_load_from_data (p2,
    "{\"iobuf_get_stats\": [{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":300,\"main\":30,\"retry\":4},\"large_pool\":{\"cache\":0,\"main\":0,\"retry\":7}}],"
    " \"thread_get_stats\": {\"tick_rate\": 1000, \"threads\": [{\"name\":\"app_thread\",\"busy\":600,\"idle\":1400}]}}", -1, NULL));
  rates = iop_runtime_rates (json_parser_get_root (p1), json_parser_get_root (p2), 2.0);
  io = json_object_get_array_member (json_node_get_object (rates), "iobuf");
  rdma = json_object_get_object_member (json_array_get_object_element (io, 0), "small");
  g_assert_cmpfloat (json_object_get_double_member (rdma, "cache"), ==, 100.0);
  g_assert_cmpfloat (json_object_get_double_member (rdma, "main"), ==, 10.0);
  g_assert_cmpfloat (json_object_get_double_member (rdma, "retry"), ==, 2.0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (io, 0), "large"), "retry_total"), ==, 7);
  th = json_object_get_array_member (json_node_get_object (rates), "threads");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (th, 0), "busy_pct"), ==, 50.0);
  text = iop_runtime_rates_to_text (rates);
  g_assert_nonnull (strstr (text, "nvmf_RDMA"));
  g_assert_nonnull (strstr (text, "50.0%"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (rates), "counters_reset"));
  g_assert_null (strstr (text, "restarted"));
}

/* Counters going down between two samples (the target restarted, or its
 * counters were reset): no negative rate, no "busy -25.0%", but a line that
 * says what happened; the pools and threads that did not go back still count */
static void
test_rates_backwards (void)
{
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonNode) rates = NULL;
  g_autofree char *text = NULL;
  JsonObject *o, *small, *large;
  JsonArray *th;

  g_assert_true (json_parser_load_from_data (p1,
    "{\"iobuf_get_stats\": [{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":5000,\"main\":10,\"retry\":9},\"large_pool\":{\"cache\":10,\"main\":0,\"retry\":0}}],"
    " \"thread_get_stats\": {\"tick_rate\": 1000, \"threads\": [{\"name\":\"app_thread\",\"busy\":900,\"idle\":100},"
    " {\"name\":\"pg0\",\"busy\":100,\"idle\":100}]}}", -1, NULL));
  g_assert_true (json_parser_load_from_data (p2,
    "{\"iobuf_get_stats\": [{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":300,\"main\":30,\"retry\":0},\"large_pool\":{\"cache\":30,\"main\":0,\"retry\":0}}],"
    " \"thread_get_stats\": {\"tick_rate\": 1000, \"threads\": [{\"name\":\"app_thread\",\"busy\":100,\"idle\":300},"
    " {\"name\":\"pg0\",\"busy\":150,\"idle\":250}]}}", -1, NULL));
  rates = iop_runtime_rates (json_parser_get_root (p1), json_parser_get_root (p2), 1.0);
  o = json_node_get_object (rates);
  g_assert_true (json_object_get_boolean_member (o, "counters_reset"));
  small = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (o, "iobuf"), 0), "small");
  large = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (o, "iobuf"), 0), "large");
  g_assert_true (json_object_get_boolean_member (small, "reset"));
  g_assert_cmpfloat (json_object_get_double_member (small, "cache"), ==, 0.0);
  g_assert_false (json_object_get_boolean_member (large, "reset"));
  g_assert_cmpfloat (json_object_get_double_member (large, "cache"), ==, 20.0);
  th = json_object_get_array_member (o, "threads");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (th, 0), "busy_pct")));
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (th, 1), "busy_pct"), ==, 25.0);
  text = iop_runtime_rates_to_text (rates);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "the target restarted or its counters were reset"));
  g_assert_null (strstr (text, "busy -"));
  g_assert_false (g_regex_match_simple ("-[0-9]", text, 0, 0));   /* no negative rate */

  /* explain with two samples where a pool went down: said, not subtracted */
  {
    g_autoptr(IopRuntime) rt = iop_runtime_new ();
    const char *t0 = "[{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":100,\"main\":0,\"retry\":0},\"large_pool\":{\"cache\":50,\"main\":0,\"retry\":0}}]";
    const char *t5 = "[{\"module\":\"nvmf_RDMA\",\"small_pool\":{\"cache\":300,\"main\":0,\"retry\":0},\"large_pool\":{\"cache\":10,\"main\":0,\"retry\":0}}]";
    g_autoptr(GError) error = NULL;
    g_autofree char *explained = NULL;

    g_assert_true (iop_runtime_add_data (rt, "h.iobuf_get_stats.t0.json", t0, strlen (t0), &error));
    g_assert_true (iop_runtime_add_data (rt, "h.iobuf_get_stats.t5.json", t5, strlen (t5), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (iop_runtime_explain (rt)->len, ==, 1);
    g_assert_nonnull (finding (g_ptr_array_index (iop_runtime_explain (rt), 0), "iobuf-counters-reset"));
    explained = iop_runtime_to_text (rt);
    g_assert_nonnull (strstr (explained, "SPDK restarted between the samples"));
    g_assert_null (strstr (explained, "+-"));
  }
}

/* --- explain --compare on hostile iobuf samples --------------------------- */

static gboolean has_nonfinite (const char *text);

/* Copies the real dumps to a temporary folder, with both of the baremetal's
 * iobuf_get_stats samples' nvmf_TCP entry replaced by T0 and T5 (JSON text of
 * one module entry) */
static char *
copy_with_iobuf (const char *dir,
                 const char *t0,
                 const char *t5)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  char *tmp = g_dir_make_tmp ("iopath-compare-XXXXXX", NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (dir, name, NULL);
      g_autofree char *to = g_build_filename (tmp, name, NULL);
      g_autofree char *text = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (from, &text, &len, NULL));
      if (g_str_has_prefix (name, "baremetal.iobuf_get_stats."))
        {
          g_free (text);
          text = g_strdup_printf ("[{\"module\": \"bdev\", \"small_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0},"
                                  " \"large_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0}}, %s]",
                                  strstr (name, ".t0.") ? t0 : t5);
          len = strlen (text);
        }
      g_assert_true (g_file_set_contents (to, text, len, NULL));
    }
  return tmp;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The comparison reads the transport's iobuf counters of two samples. A
 * module with a large_pool and no small_pool used to emit a Json-CRITICAL
 * (json-glib's asserting accessors), which a test makes fatal; counters at
 * the ends of 64 bits, going backwards, or of the wrong type are read or
 * skipped, never wrapped. */
static void
test_compare_hostile_iobuf (void)
{
  static const struct { const char *t0, *t5; } cases[] = {
    { "{\"module\": \"nvmf_TCP\", \"large_pool\": {\"cache\": 1, \"main\": 0, \"retry\": 0}}",
      "{\"module\": \"nvmf_TCP\", \"large_pool\": {\"cache\": 2, \"main\": 0, \"retry\": 0}}" },
    { "{\"module\": \"nvmf_TCP\", \"small_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0}, \"large_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0}}",
      "{\"module\": \"nvmf_TCP\", \"small_pool\": {\"cache\": 9223372036854775807, \"main\": 9223372036854775807, \"retry\": 9223372036854775807},"
      " \"large_pool\": {\"cache\": 9223372036854775807, \"main\": 9223372036854775807, \"retry\": 9223372036854775807}}" },
    { "{\"module\": \"nvmf_TCP\", \"small_pool\": {\"cache\": 9223372036854775807, \"main\": 5, \"retry\": 9223372036854775807}, \"large_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0}}",
      "{\"module\": \"nvmf_TCP\", \"small_pool\": {\"cache\": 3, \"main\": 1, \"retry\": 0}, \"large_pool\": {\"cache\": 0, \"main\": 0, \"retry\": 0}}" },
    { "{\"module\": \"nvmf_TCP\", \"small_pool\": \"none\", \"large_pool\": [1]}",
      "{\"module\": \"nvmf_TCP\", \"small_pool\": {\"cache\": -9223372036854775808, \"main\": \"x\", \"retry\": 1.5}, \"large_pool\": null}" },
  };
  NEED_RUNTIME (dir);
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("realrun-tcp", NULL);

  g_assert_nonnull (sc);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tmp = copy_with_iobuf (dir, cases[i].t0, cases[i].t5);
      g_autoptr(IopRuntime) rt = iop_runtime_new ();
      g_autoptr(IopComparison) cmp = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) json = NULL;
      g_autofree char *text = NULL;

      g_assert_true (iop_runtime_add_path (rt, tmp, &error));
      g_assert_no_error (error);
      iop_runtime_explain (rt);
      cmp = iop_compare_run (rt, sc, &error);
      g_assert_no_error (error);
      g_assert_nonnull (cmp);
      json = iop_comparison_to_json (cmp);
      text = iop_comparison_to_text (cmp);
      g_assert_nonnull (json);
      g_assert_false (has_nonfinite (text));
      g_assert_null (strstr (text, "-9223372036854775808"));
      remove_tree (tmp);
    }
}

/* --- A value sweep over every integer of the real dumps ------------------ */

typedef struct
{
  char     *name;
  JsonNode *root;      /* mutable: the sweep sets one integer at a time */
} SweepFile;

static void
sweep_file_free (gpointer p)
{
  SweepFile *f = p;

  g_free (f->name);
  json_node_unref (f->root);
  g_free (f);
}

static void
collect_ints (JsonNode  *node,
              GPtrArray *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter it;
      JsonNode *member;

      json_object_iter_init (&it, json_node_get_object (node));
      while (json_object_iter_next (&it, NULL, &member))
        collect_ints (member, out);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        collect_ints (json_array_get_element (a, i), out);
    }
  else if (iop_json_node_is_int (node))
    g_ptr_array_add (out, node);
}

/* A live sample {METHOD: result} of the files of one host */
static JsonNode *
sweep_sample (GPtrArray  *files,
              const char *host)
{
  static const char *const methods[] = {
    "iobuf_get_stats", "thread_get_stats", "thread_get_pollers", "framework_get_reactors",
  };
  JsonObject *o = json_object_new ();
  JsonNode *n = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < files->len; i++)
    {
      SweepFile *f = g_ptr_array_index (files, i);

      for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
        if (g_str_has_prefix (f->name, host) && strstr (f->name, methods[m]) != NULL &&
            !json_object_has_member (o, methods[m]) && !strstr (f->name, ".t5."))
          json_object_set_member (o, methods[m], json_node_copy (f->root));
    }
  json_node_take_object (n, o);
  return n;
}

/* "nan", "inf" or "-inf" printed as a number */
static gboolean
has_nonfinite (const char *text)
{
  return g_regex_match_simple ("(^|[^a-z])-?(inf|nan)([^a-z]|$)", text, G_REGEX_CASELESS, 0);
}

/* Every integer of every real dump, one at a time, at the ends of 64 bits and
 * around zero: explaining the host (findings, text, JSON) and the live rates
 * between the real sample and the changed one, both ways. Run under the
 * sanitizer build (./tools/run-tests does), any signed overflow, division by
 * zero or float-to-integer conversion out of range is a failure; here, the
 * results must stay finite and no rate may be negative. */
static void
test_value_sweep (void)
{
  static const gint64 values[] = {
    0, -1, 1, G_MAXINT64, G_MININT64, G_MAXINT64 - 1, G_MININT64 + 1,
    G_GINT64_CONSTANT (1) << 62, (gint64)G_MAXINT32 + 1, G_MININT32,
  };
  static const char *const hosts[] = { "baremetal.", "storage." };
  NEED_RUNTIME (dir);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (sweep_file_free);
  const char *name;
  guint runs = 0, keys = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      SweepFile *f;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      f = g_new0 (SweepFile, 1);
      f->name = g_strdup (name);
      f->root = json_node_copy (json_parser_get_root (parser));
      g_ptr_array_add (files, f);
    }

  for (guint h = 0; h < G_N_ELEMENTS (hosts); h++)
    {
      g_autoptr(JsonNode) real = sweep_sample (files, hosts[h]);

      for (guint i = 0; i < files->len; i++)
        {
          SweepFile *f = g_ptr_array_index (files, i);
          g_autoptr(GPtrArray) ints = g_ptr_array_new ();

          if (!g_str_has_prefix (f->name, hosts[h]))
            continue;
          collect_ints (f->root, ints);
          keys += ints->len;
          for (guint k = 0; k < ints->len; k++)
            {
              JsonNode *node = g_ptr_array_index (ints, k);
              gint64 orig = json_node_get_int (node);

              for (guint v = 0; v < G_N_ELEMENTS (values); v++)
                {
                  g_autoptr(IopRuntime) rt = iop_runtime_new ();
                  g_autoptr(JsonNode) json = NULL;
                  g_autoptr(JsonNode) changed = NULL;
                  g_autofree char *text = NULL;
                  GPtrArray *explained;

                  json_node_set_int (node, values[v]);
                  for (guint j = 0; j < files->len; j++)
                    {
                      SweepFile *g = g_ptr_array_index (files, j);

                      if (g_str_has_prefix (g->name, hosts[h]))
                        iop_runtime_add_node (rt, hosts[h], g->name, g->root);
                    }
                  explained = iop_runtime_explain (rt);
                  g_assert_cmpuint (explained->len, ==, 1);
                  json = iop_runtime_to_json (rt);
                  text = iop_runtime_to_text (rt);
                  g_assert_nonnull (json);
                  g_assert_nonnull (text);
                  g_assert_false (has_nonfinite (text));

                  changed = sweep_sample (files, hosts[h]);
                  for (guint way = 0; way < 2; way++)
                    {
                      g_autoptr(JsonNode) rates = way ? iop_runtime_rates (changed, real, 1.0)
                                                      : iop_runtime_rates (real, changed, 1.0);
                      g_autofree char *rtext = iop_runtime_rates_to_text (rates);

                      g_assert_nonnull (rtext);
                      g_assert_false (has_nonfinite (rtext));
                      g_assert_null (strstr (rtext, "busy -"));
                    }
                  runs++;
                }
              json_node_set_int (node, orig);
            }
        }
    }
  g_test_message ("%u integer keys, %u runs", keys, runs);
  g_assert_cmpuint (keys, >=, 800);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runtime/every-file", test_every_file);
  g_test_add_func ("/runtime/baremetal", test_baremetal);
  g_test_add_func ("/runtime/storage", test_storage);
  g_test_add_func ("/runtime/small-pools", test_small_pools);
  g_test_add_func ("/runtime/folder", test_folder);
  g_test_add_func ("/runtime/iobuf-rules", test_iobuf_rules);
  g_test_add_func ("/runtime/bad-input", test_bad_input);
  g_test_add_func ("/runtime/rates", test_rates);
  g_test_add_func ("/runtime/rates-backwards", test_rates_backwards);
  g_test_add_func ("/runtime/value-sweep", test_value_sweep);
  g_test_add_func ("/runtime/compare-hostile-iobuf", test_compare_hostile_iobuf);
  return g_test_run ();
}
