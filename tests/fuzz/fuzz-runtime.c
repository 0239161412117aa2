/* fuzz-runtime.c: the runtime dump readers (iopath-cli explain FILE, a dump
 * dropped on the app's window): every JSON kind explain recognises, read and
 * explained on its own
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
  fuzz_explain_file ("baremetal.dump.json", data, size);
  return 0;
}
