/* iop-iobuf.h: lib/thread/iobuf.c as the model has it
 *
 * Two central rings per host (small and large buffers), and per module and
 * thread a channel with a local cache of each class. Counted as
 * iobuf_get_stats counts: cache, main, retry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

#define IOP_IOBUF_BATCH_SIZE 32          /* IOBUF_BATCH_SIZE, lib/thread/iobuf.c */

typedef enum
{
  IOP_IOBUF_FROM_CACHE,
  IOP_IOBUF_FROM_MAIN,
  IOP_IOBUF_RETRY,
} IopIobufResult;

void            iop_iobuf_chan_init     (Sim *sim, HostState *hs, ThreadState *ts, IobufChan *ch,
                                         const char *module, gint64 small, gint64 large);
/* iobuf_channel_node_populate for both classes; FALSE (and nothing kept)
 * when the ring ran dry, with SPDK's messages */
gboolean        iop_iobuf_chan_populate (Sim *sim, HostState *hs, IobufChan *ch);
/* spdk_iobuf_get without a wait entry: the cache, then a batch from the
 * ring; RETRY when both are empty (counted as retry) */
IopIobufResult  iop_iobuf_get           (IobufChan *ch, IopBufClass c, gint64 *batch);
/* spdk_iobuf_put: a waiter on this thread first (resumed now, the buffer
 * handed over), then the cache; a cache past its size plus a batch gives a
 * batch back to the ring */
void            iop_iobuf_put           (Sim *sim, IobufChan *ch, IopBufClass c);
/* iobuf_get_stats, summed over a host's threads, into TRACE */
void            iop_iobuf_collect_stats (Sim *sim, HostState *hs, GPtrArray *stats);

const char     *iop_iobuf_class_name    (IopBufClass c);   /* translated "small" / "large" */

G_END_DECLS
