/* fuzz-abfile.c: the comparison file reader (iopath-cli compare FILE.json,
 * a file opened in or dropped on the app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "iop-abfile.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_common ();
  return 0;
}

static gboolean
builtin_ref (const char *ref)
{
  return ref == NULL || (strchr (ref, '/') == NULL && !g_str_has_suffix (ref, ".json"));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopAbFile) file = iop_ab_file_new_from_data ((const char *)data, (gssize)size, "fuzz.json", &error);
  g_autoptr(IopAbFile) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node2 = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;

  /* Exactly one of a comparison and an error, and the error names the file */
  g_assert_true ((file == NULL) != (error == NULL));
  if (file == NULL)
    {
      g_assert_nonnull (strstr (error->message, "fuzz.json"));
      return 0;
    }
  label_a = iop_ab_file_describe_run (file, FALSE);
  label_b = iop_ab_file_describe_run (file, TRUE);
  /* What it writes reads back, and writes the same again */
  node = iop_ab_file_to_json (file, NULL);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  again = iop_ab_file_new_from_data (text, -1, "again.json", &error);
  g_assert_no_error (error);
  node2 = iop_ab_file_to_json (again, NULL);
  json_generator_set_root (gen, node2);
  text2 = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (text, ==, text2);
  /* Built-in scenarios only: a path would read files of the machine */
  if (builtin_ref (file->scenario) && builtin_ref (file->b_scenario))
    {
      g_autoptr(IopScenario) a = NULL;
      g_autoptr(IopScenario) b = NULL;

      if (iop_ab_file_build (file, &a, &b, &error))
        g_assert_true (a != NULL && b != NULL && a->op == b->op && a->io_size == b->io_size);
      else
        g_assert_nonnull (strstr (error->message, "fuzz.json"));
    }
  return 0;
}
