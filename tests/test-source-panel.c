/* test-source-panel.c: the source panel against a fake SPDK tree
 *
 * tests/fixtures/spdk-mini holds tiny invented C files (not SPDK's code)
 * with the paths and function names of a few references, and the version
 * macros of v26.01.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "iop-scenario.h"
#include "iop-sim.h"
#include "iop-source-panel.h"

static char *fixture_dir;
static IopTrace *trace;

/* The 1-based line of the first line containing NEEDLE after the line that
 * starts with AFTER (a definition puts the name at column 0; a prototype
 * does not), in the fixture file FILE. AFTER NULL: from the top, and NEEDLE
 * must start the line. */
static int
fixture_line (const char *file,
              const char *after,
              const char *needle)
{
  g_autofree char *path = g_build_filename (fixture_dir, file, NULL);
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean seen = after == NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  lines = g_strsplit (data, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      if (!seen && g_str_has_prefix (lines[i], after))
        seen = TRUE;
      else if (seen && (after != NULL ? strstr (lines[i], needle) != NULL : g_str_has_prefix (lines[i], needle)))
        return i + 1;
    }
  g_assert_not_reached ();
  return 0;
}

static int
find_step (const char *key,
           IopPlace    place)
{
  for (guint i = 0; i < trace->steps->len; i++)
    if (g_strcmp0 (iop_trace_step (trace, i)->key, key) == 0 && iop_trace_step (trace, i)->place == place)
      return (int)i;
  g_assert_not_reached ();
  return -1;
}

static char *
line_text (GtkSourceBuffer *buffer,
           int              line)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &start, line - 1);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
}

static void
test_found (void)
{
  GtkWidget *panel = g_object_ref_sink (iop_source_panel_new ());
  IopSourcePanel *sp = IOP_SOURCE_PANEL (panel);
  int step = find_step ("bdev.get_io", IOP_PLACE_BAREMETAL);
  const IopStep *s = iop_trace_step (trace, (guint)step);
  int expected = fixture_line ("lib/bdev/bdev.c", "bdev_writev_blocks_with_md(", "bdev_channel_get_io(");
  int name_line = fixture_line ("lib/bdev/bdev.c", NULL, "bdev_writev_blocks_with_md(");
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;
  GSList *marks;
  int first;

  g_assert_cmpstr (s->function, ==, "bdev_writev_blocks_with_md");
  g_assert_cmpstr (s->highlight, ==, "bdev_channel_get_io(");

  iop_source_panel_set_spdk_dir (sp, fixture_dir, NULL);
  iop_source_panel_set_step (sp, trace, step);

  g_assert_cmpint (iop_source_panel_get_state (sp), ==, IOP_SOURCE_STATE_CODE);
  g_assert_cmpstr (iop_source_panel_get_found_version (sp), ==, "v26.01");
  g_assert_null (iop_source_panel_get_version_note (sp));
  g_assert_cmpint (iop_source_panel_get_highlight_line (sp), ==, expected);
  where = g_strdup_printf ("lib/bdev/bdev.c:%d", name_line);
  g_assert_cmpstr (iop_source_panel_get_location (sp), ==, where);

  /* The buffer holds an excerpt starting at a file line; the highlighted
   * line is the one with the call, and it carries the mark */
  first = iop_source_panel_get_first_line (sp);
  g_assert_cmpint (first, >=, 1);
  g_assert_cmpint (first, <=, name_line);
  text = line_text (iop_source_panel_get_buffer (sp), expected - first + 1);
  g_assert_nonnull (strstr (text, "bdev_channel_get_io("));
  marks = gtk_source_buffer_get_source_marks_at_line (iop_source_panel_get_buffer (sp), expected - first, "iop-step");
  g_assert_cmpuint (g_slist_length (marks), ==, 1);
  g_slist_free (marks);
  {
    GtkTextIter it;
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (iop_source_panel_get_buffer (sp))), "iop-line");

    gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (iop_source_panel_get_buffer (sp)), &it, expected - first);
    g_assert_true (gtk_text_iter_has_tag (&it, tag));
  }
  /* The whole function is in the excerpt */
  {
    g_autofree char *all = NULL;
    GtkTextIter a, b;

    gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (iop_source_panel_get_buffer (sp)), &a, &b);
    all = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (iop_source_panel_get_buffer (sp)), &a, &b, FALSE);
    g_assert_nonnull (strstr (all, "bdev_writev_blocks_with_md(struct fixture *f, int n)\n{"));
  }

  /* Another step in another file of the tree */
  step = find_step ("raid1.write", IOP_PLACE_BAREMETAL);
  g_assert_cmpstr (iop_trace_step (trace, (guint)step)->function, ==, "raid1_submit_write_request");
  iop_source_panel_set_step (sp, trace, step);
  g_assert_cmpint (iop_source_panel_get_state (sp), ==, IOP_SOURCE_STATE_CODE);
  g_assert_cmpint (iop_source_panel_get_highlight_line (sp), ==,
                   fixture_line ("module/bdev/raid/raid1.c", "raid1_submit_write_request(",
                                 iop_trace_step (trace, (guint)step)->highlight));

  /* A function the fake tree lacks */
  iop_source_panel_set_step (sp, trace, find_step ("nvmf.exec", IOP_PLACE_BAREMETAL));
  g_assert_cmpint (iop_source_panel_get_state (sp), ==, IOP_SOURCE_STATE_NOT_FOUND);
  g_assert_cmpint (iop_source_panel_get_highlight_line (sp), ==, 0);

  /* The SSD's own work runs no SPDK code */
  iop_source_panel_set_step (sp, trace, find_step ("media", IOP_PLACE_STORAGE));
  g_assert_cmpint (iop_source_panel_get_state (sp), ==, IOP_SOURCE_STATE_NO_CODE);

  g_object_unref (panel);
}

static void
test_no_folder (void)
{
  GtkWidget *panel = g_object_ref_sink (iop_source_panel_new ());
  IopSourcePanel *sp = IOP_SOURCE_PANEL (panel);
  int step = find_step ("bdev.get_io", IOP_PLACE_BAREMETAL);
  const IopStep *s = iop_trace_step (trace, (guint)step);
  g_autofree char *where = g_strdup_printf ("%s:%d", s->file, s->line);

  iop_source_panel_set_spdk_dir (sp, NULL, "No SPDK source folder is set");
  iop_source_panel_set_step (sp, trace, step);
  g_assert_cmpint (iop_source_panel_get_state (sp), ==, IOP_SOURCE_STATE_NO_FOLDER);
  /* The reference is still there: file, line and function */
  g_assert_cmpstr (iop_source_panel_get_location (sp), ==, where);
  g_assert_cmpint (iop_source_panel_get_highlight_line (sp), ==, 0);
  g_object_unref (panel);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (to);

  g_assert_true (g_file_get_contents (from, &data, &len, &error));
  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (to, data, len, &error);
  g_assert_no_error (error);
}

static void
test_other_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("iopath-spdk-XXXXXX", &error);
  g_autofree char *src = g_build_filename (fixture_dir, "lib", "bdev", "bdev.c", NULL);
  g_autofree char *dst = g_build_filename (tmp, "lib", "bdev", "bdev.c", NULL);
  g_autofree char *ver = g_build_filename (tmp, "include", "spdk", "version.h", NULL);
  g_autofree char *verdir = g_path_get_dirname (ver);
  GtkWidget *panel = g_object_ref_sink (iop_source_panel_new ());
  IopSourcePanel *sp = IOP_SOURCE_PANEL (panel);

  g_assert_no_error (error);
  copy_file (src, dst);
  g_mkdir_with_parents (verdir, 0755);
  g_file_set_contents (ver, "#define SPDK_VERSION_MAJOR 25\n#define SPDK_VERSION_MINOR 9\n", -1, &error);
  g_assert_no_error (error);

  iop_source_panel_set_spdk_dir (sp, tmp, NULL);
  iop_source_panel_set_step (sp, trace, find_step ("bdev.get_io", IOP_PLACE_BAREMETAL));
  /* Still works, with a visible note */
  g_assert_cmpint (iop_source_panel_get_state (sp), ==, IOP_SOURCE_STATE_CODE);
  g_assert_cmpstr (iop_source_panel_get_found_version (sp), ==, "v25.09");
  g_assert_nonnull (iop_source_panel_get_version_note (sp));
  g_assert_nonnull (strstr (iop_source_panel_get_version_note (sp), "v25.09"));
  g_assert_nonnull (strstr (iop_source_panel_get_version_note (sp), "v26.01"));
  g_object_unref (panel);

  g_unlink (ver);
  g_rmdir (verdir);
  g_rmdir (g_path_get_dirname (verdir));
  g_unlink (dst);
  {
    g_autofree char *d1 = g_path_get_dirname (dst);
    g_autofree char *d2 = g_path_get_dirname (d1);
    g_rmdir (d1);
    g_rmdir (d2);
  }
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  int ret;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("test-source-panel: no display, skipping: run it under xvfb-run -a\n");
      g_print ("1..0 # SKIP no display: run under xvfb-run -a\n");
      return 0;
    }
  adw_init ();

  fixture_dir = g_build_filename (g_getenv ("IOPATH_TESTS_DIR") ? g_getenv ("IOPATH_TESTS_DIR") : TESTS_SOURCE_DIR,
                                  "fixtures", "spdk-mini", NULL);
  sc = iop_scenario_load ("raid270", &error);
  g_assert_no_error (error);
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);

  g_test_add_func ("/source-panel/found", test_found);
  g_test_add_func ("/source-panel/no-folder", test_no_folder);
  g_test_add_func ("/source-panel/other-version", test_other_version);
  ret = g_test_run ();

  iop_trace_unref (trace);
  g_free (fixture_dir);
  return ret;
}
