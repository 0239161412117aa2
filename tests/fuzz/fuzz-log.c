/* fuzz-log.c: the log reader (spdk_tgt's log or rpc.py's output given to
 * iopath-cli explain): SPDK's messages about pools, queues and reconnects
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
  fuzz_explain_file ("baremetal.spdk_tgt.log", data, size);
  return 0;
}
