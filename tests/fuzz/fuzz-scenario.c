/* fuzz-scenario.c: the scenario loader (a .json given to --scenario, or
 * dropped on the app's window)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_common ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_from_data ((const char *)data, (gssize)size, "fuzz.json", &error);

  /* Exactly one of a scenario and an error, and the error names the file */
  g_assert_true ((sc == NULL) != (error == NULL));
  if (sc == NULL)
    {
      g_assert_nonnull (strstr (error->message, "fuzz.json"));
      return 0;
    }
  fuzz_exercise_scenario (sc);
  return 0;
}
