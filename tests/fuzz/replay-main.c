/* replay-main.c: runs a fuzz harness once over each file given, or each file
 * in each folder given, without libFuzzer: the regression tests of every
 * build replay the inputs that once crashed, and the seed corpus.
 *
 * Exits 0 when every input ran (a crash, a sanitizer report or a fatal GLib
 * message stops it first), 1 when a path cannot be read, 2 on no input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static gboolean
replay_file (const char *path,
             guint      *count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  fprintf (stderr, "replay: %s (%zu bytes)\n", path, len);
  LLVMFuzzerTestOneInput ((const uint8_t *)data, len);
  (*count)++;
  return TRUE;
}

static gboolean
replay_dir (const char *path,
            guint      *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  gboolean ok = TRUE;

  if (dir == NULL)
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *full = g_ptr_array_index (names, i);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        ok = replay_dir (full, count) && ok;
      else if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
        ok = replay_file (full, count) && ok;
    }
  return ok;
}

int
main (int    argc,
      char **argv)
{
  guint count = 0;
  gboolean ok = TRUE;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        ok = replay_dir (argv[i], &count) && ok;
      else
        ok = replay_file (argv[i], &count) && ok;
    }
  if (count == 0)
    {
      fprintf (stderr, "replay: no input (give files or folders)\n");
      return 2;
    }
  fprintf (stderr, "replay: %u inputs ran\n", count);
  return ok ? 0 : 1;
}
