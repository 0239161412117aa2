/* fuzz-replay.c: iopath-cli replay FILE, one spdk_trace -j file of a host
 *
 * The input is read as the guest's trace and again as a second host's
 * (storage), so the cross-host matching runs on it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "iop-replay.h"

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
  g_autoptr(IopReplay) replay = iop_replay_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (!iop_replay_add_data (replay, "guest", (const char *)data, size, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_clear_error (&error);
  if (!iop_replay_add_data (replay, "storage", (const char *)data, size, &error))
    g_assert_nonnull (error);
  iop_replay_follow (replay);
  node = iop_replay_to_json (replay);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  text = iop_replay_to_text (replay);
  g_assert_nonnull (text);
  return 0;
}
