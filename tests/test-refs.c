/* test-refs.c: SPDK references, and finding functions in a checkout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-explanations.h"
#include "iop-refs.h"
#include "iop-stages.h"
#include "iop-test-util.h"

static char *
fixture_dir (void)
{
  return g_build_filename (g_getenv ("IOPATH_TESTS_DIR"), "fixtures", "spdk-engine", NULL);
}

/* Steps that stand for no SPDK function: the SSD (media, media.*) and the
 * guest VM (guest.*). The wire steps of these traces (net.*) point at the
 * SPDK function that sends, so they are checked. */
static gboolean
ref_exempt (const char *key)
{
  return g_str_equal (key, "media") || g_str_has_prefix (key, "media.") ||
         g_str_has_prefix (key, "guest.");
}

/* Every step of every trace shape names a file and function at both tags */
static void
test_every_step_has_a_reference (void)
{
  const char *shapes[][2] = { { "write", "4096" }, { "write", "131072" }, { "read", "4096" }, { "read", "131072" } };

  const char *scenarios[] = { "raid270", "realrun-tcp" };

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    for (guint i = 0; i < G_N_ELEMENTS (shapes) * G_N_ELEMENTS (scenarios); i++)
      {
        g_autoptr(IopScenario) sc = test_scenario_v (scenarios[i / G_N_ELEMENTS (shapes)], (int)v, NULL);
        g_autoptr(IopTrace) t = NULL;

        g_assert_true (iop_op_parse (shapes[i % G_N_ELEMENTS (shapes)][0], &sc->op, NULL));
        sc->io_size = g_ascii_strtoll (shapes[i % G_N_ELEMENTS (shapes)][1], NULL, 10);
        sc->first_write_to_cluster = TRUE;
        t = test_trace (sc);
        for (guint s = 0; s < t->steps->len; s++)
          {
            IopStep *st = iop_trace_step (t, s);
            const char *host = st->place == IOP_PLACE_STORAGE ? "storage" : st->place == IOP_PLACE_BAREMETAL ? "baremetal" : NULL;

            /* Every step is explained, shared explanations included */
            if (iop_explanation_lookup (st->key, host, iop_op_name (sc->op)) == NULL)
              g_error ("%s: step %u (%s) has no explanation", sc->id, s, st->key);
            /* The device and the guest VM run no SPDK code */
            if (ref_exempt (st->key))
              continue;
            if (st->function == NULL || st->file == NULL || st->line <= 0)
              g_error ("%s %s: step %u (%s) has no SPDK reference", sc->id, iop_spdk_version_tag (v), s, st->key);
          }
      }
}

static void
test_fixture_snippet (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IopSnippet) snip = NULL;
  g_autofree char *version = NULL;
  IopRef ref = { "lib/bdev/bdev.c", "bdev_writev_blocks_with_md", "bdev_channel_get_io(", 0 };

  snip = iop_source_find_function (dir, &ref, &error);
  g_assert_no_error (error);
  /* The prototype on line 4 is skipped; the definition starts on line 12 */
  g_assert_cmpint (snip->first_line, ==, 12);
  g_assert_cmpint (snip->name_line, ==, 13);
  g_assert_cmpint (snip->highlight_line, ==, 18);
  g_assert_true (g_str_has_prefix (snip->text, "static int\n"));
  g_assert_true (g_str_has_suffix (snip->text, "\n}"));
  /* The brace inside a string did not end it early */
  g_assert_nonnull (strstr (snip->text, "return 0;"));

  version = iop_source_detect_version (dir);
  g_assert_cmpstr (version, ==, "v26.01");
}

static void
test_fixture_errors (void)
{
  g_autofree char *dir = fixture_dir ();
  g_autoptr(GError) error = NULL;
  IopRef missing = { "lib/bdev/bdev.c", "bdev_not_here", NULL, 0 };
  IopRef nofile = { "lib/nope/nope.c", "x", NULL, 0 };
  IopRef escape = { "../../../etc/passwd", "root", NULL, 0 };
  g_autofree char *why = NULL;

  g_assert_null (iop_source_find_function (dir, &missing, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "another SPDK version"));
  g_clear_error (&error);
  g_assert_null (iop_source_find_function (dir, &nofile, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (iop_source_find_function (dir, &escape, &error));
  g_assert_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An explicit folder that is not SPDK is reported, not replaced */
  g_assert_null (iop_source_resolve_dir ("/nonexistent-spdk", dir, &why));
  g_assert_nonnull (strstr (why, "/nonexistent-spdk"));
  g_assert_null (iop_source_resolve_dir (NULL, NULL, NULL) == NULL ? NULL : "");
}

typedef struct
{
  const char    *dir;
  IopSpdkVersion version;
  guint          checked;
} CheckCtx;

static void
check_ref_cb (const char *key, IopSpdkVersion version, const IopRef *ref, gpointer data)
{
  CheckCtx *ctx = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopSnippet) snip = NULL;

  if (version != ctx->version)
    return;
  snip = iop_source_find_function (ctx->dir, ref, &error);
  if (snip == NULL)
    g_error ("%s at %s: %s", key, iop_spdk_version_tag (version), error->message);
  if (ref->line > 0)
    g_assert_cmpint (snip->name_line, ==, ref->line);
  if (ref->highlight)
    g_assert_cmpint (snip->highlight_line, >, snip->name_line);
  ctx->checked++;
}

/* With SPDK_DIR (and SPDK_DIR_V26_01 / SPDK_DIR_V26_05) pointing at real
 * checkouts, every reference is found there, at its line, with its highlight. */
static void
test_real_checkouts (void)
{
  guint checked_dirs = 0;

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autofree char *var = g_strdup_printf ("SPDK_DIR_V%s", iop_spdk_version_tag (v) + 1);
      const char *dir;
      CheckCtx ctx = { NULL, v, 0 };

      g_strdelimit (var, ".", '_');
      dir = g_getenv (var);
      if (dir == NULL && g_getenv ("SPDK_DIR"))
        {
          g_autofree char *found = iop_source_detect_version (g_getenv ("SPDK_DIR"));
          if (g_strcmp0 (found, iop_spdk_version_tag (v)) == 0)
            dir = g_getenv ("SPDK_DIR");
        }
      if (dir == NULL)
        continue;
      ctx.dir = dir;
      iop_refs_foreach (check_ref_cb, &ctx);
      g_test_message ("%u references checked in %s (%s)", ctx.checked, dir, iop_spdk_version_tag (v));
      g_assert_cmpuint (ctx.checked, >, 40);
      checked_dirs++;
    }
  if (checked_dirs == 0)
    g_test_skip ("SPDK_DIR (or SPDK_DIR_V26_01 / SPDK_DIR_V26_05) does not point at an SPDK checkout of a supported tag: references not checked against real sources in this run");
}

/* The stage table is the one place keys live: each stage has a unique key,
 * a layer, an explanation (its own or the shared one it names) and, unless it
 * runs no SPDK code, a reference at both tags for its side of the deployment;
 * every explanation entry belongs to a stage */
static void
test_stage_table (void)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  const char *ops[] = { "read", "write" };

  for (int i = 0; i < IOP_N_STAGES; i++)
    {
      const IopStageInfo *info = iop_stage_info ((IopStage)i);
      const char *ekey;

      g_assert_nonnull (info);
      if (info->key == NULL)
        g_error ("stage %d has no key", i);
      if (!g_hash_table_add (keys, (gpointer)info->key))
        g_error ("stage key %s appears twice", info->key);
      g_assert_cmpint (iop_stage_from_key (info->key), ==, i);
      g_assert_cmpint (info->layer, <, IOP_N_LAYERS);
      g_assert_nonnull (iop_layer_name (info->layer));
      ekey = info->explanation ? info->explanation : info->key;
      if (iop_explanation_lookup (ekey, NULL, NULL) == NULL &&
          iop_explanation_lookup (ekey, "baremetal", NULL) == NULL &&
          iop_explanation_lookup (ekey, "storage", NULL) == NULL &&
          iop_explanation_lookup (ekey, NULL, "read") == NULL &&
          iop_explanation_lookup (ekey, NULL, "write") == NULL)
        g_error ("stage %s has no explanation (%s)", info->key, ekey);
      if (ref_exempt (info->key) || g_str_has_prefix (info->key, "net."))
        continue;
      for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
        {
          gboolean found = FALSE;

          for (int h = 0; h < 2 && !found; h++)
            {
              IopHostId host = h == 0 ? IOP_HOST_BAREMETAL : IOP_HOST_STORAGE;

              if ((info->side == IOP_SIDE_BAREMETAL && host != IOP_HOST_BAREMETAL) ||
                  (info->side == IOP_SIDE_STORAGE && host != IOP_HOST_STORAGE))
                continue;
              for (guint o = 0; o < G_N_ELEMENTS (ops) && !found; o++)
                {
                  IopRef ref = { 0, };

                  found = iop_refs_lookup (v, info->key, iop_host_name (host), ops[o], &ref) && ref.file && ref.function;
                }
            }
          if (!found)
            g_error ("stage %s has no SPDK reference at %s", info->key, iop_spdk_version_tag (v));
        }
    }

  /* no explanation for a key the engine cannot emit */
  for (const IopExplanation *e = iop_explanation_all (); e->key != NULL; e++)
    {
      g_autofree char *base = g_strdup (e->key);
      char *cut = strpbrk (base, "@/");

      if (cut)
        *cut = '\0';
      if (!g_hash_table_contains (keys, base))
        g_error ("explanation %s belongs to no stage", e->key);
    }
}

/* The fault path's second reading (branch fix-faults): the refs it fixed */
static void
test_second_reading_refs (void)
{
  for (IopSpdkVersion v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      IopRef ref;

      /* the malloc bdev's dispatcher, for a lookup with no read/write variant */
      g_assert_true (iop_refs_lookup (v, "malloc.submit", NULL, NULL, &ref));
      g_assert_cmpstr (ref.function, ==, "_bdev_malloc_submit_request");
      g_assert_cmpint (ref.line, ==, v == IOP_SPDK_V26_01 ? 502 : 557);
      /* a failed write after the hot-remove: the -ENODEV branch */
      g_assert_true (iop_refs_lookup (v, "raid.fail_base", NULL, "scheduled", &ref));
      g_assert_cmpstr (ref.function, ==, "raid_bdev_fail_base_remove_cb");
      g_assert_nonnull (strstr (ref.highlight, "Failed to remove base bdev"));
    }
  {
    IopRef ref;

    /* v26.01: the request waits in line, behind the head of pending_buf_queue */
    g_assert_true (iop_refs_lookup (IOP_SPDK_V26_01, "nvmf_rdma.need_buffer", NULL, "in_line", &ref));
    g_assert_cmpstr (ref.highlight, ==, "&rdma_req->req != STAILQ_FIRST(&rgroup->group.pending_buf_queue)");
    /* the head that finds no buffers keeps its own line */
    g_assert_true (iop_refs_lookup (IOP_SPDK_V26_01, "nvmf_rdma.need_buffer", NULL, NULL, &ref));
    g_assert_cmpstr (ref.highlight, ==, "rgroup->stat.pending_data_buffer++;");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/refs/every-step", test_every_step_has_a_reference);
  g_test_add_func ("/refs/stage-table", test_stage_table);
  g_test_add_func ("/refs/fixture-snippet", test_fixture_snippet);
  g_test_add_func ("/refs/fixture-errors", test_fixture_errors);
  g_test_add_func ("/refs/real-checkouts", test_real_checkouts);
  g_test_add_func ("/refs/second-reading", test_second_reading_refs);
  return g_test_run ();
}
