/* fuzz-runtime-hosts.c: several dumps explained together, as iopath-cli
 * explain DIR reads a folder: the threads of one dump meet the pollers,
 * reactors and channels of others, two iobuf_get_stats samples are compared,
 * and files are grouped into hosts by the name before the first dot.
 *
 * The input is files as `head` prints them (fuzz_add_files).
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
  g_autoptr(IopRuntime) rt = iop_runtime_new ();

  fuzz_add_files (rt, data, size);
  fuzz_explain (rt);
  return 0;
}
