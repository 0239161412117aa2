/* iop-bdev.h: lib/bdev/bdev.c, the generic bdev layer on either host
 *
 * spdk_bdev_io objects come from the thread's management channel cache,
 * else the global mempool (unless others already wait on io_wait), else
 * none: the caller queues itself with spdk_bdev_queue_io_wait and is called
 * back from spdk_bdev_free_io on that thread. A bdev_io is submitted to its
 * bdev's module; spdk_bdev_io_complete runs the submitter's callback, which
 * frees it with spdk_bdev_free_io when it is done with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* A bdev module's submit_request */
typedef void (*IopBdevSubmitFn) (Sim *sim, IopBdevIo *bio);

/* bdev_channel_get_io for IO's LEG on TS (records bdev.get_io); LABEL names
 * the bdev_io, untranslated (N_) or already translated; FALSE when there is none */
gboolean iop_bdev_get_io          (Sim *sim, IopBdevIo *bio, Io *io, int leg, HostState *hs,
                                   ThreadState *ts, const char *label, IopBdevIoCb cb, gboolean top);
/* spdk_bdev_queue_io_wait for IO's LEG: RESUME (OBJ, ARG) runs when a
 * bdev_io is freed on TS. WORDS (N_) say who waits */
void     iop_bdev_queue_io_wait   (Sim *sim, Io *io, int leg, ThreadState *ts, IopResumeFn resume,
                                   gpointer obj, int arg, const char *words);
/* bdev_io_submit -> the module's submit_request. TITLE and DETAIL (N_),
 * TITLE NULL: no step of its own */
void     iop_bdev_submit          (Sim *sim, IopBdevIo *bio, IopBdevSubmitFn submit,
                                   const char *title, const char *detail);
/* bdev_io_submit of IO's RAID child for LEG to the replica's NVMe bdev on
 * the baremetal: split into parts when it has more iovecs than the bdev's
 * max_num_segments (bdev_io_split), each part its own bdev_io */
void     iop_bdev_submit_child    (Sim *sim, Io *io, int leg);
/* spdk_bdev_io_get_buf for a read that brought its buffer: calls back at once */
void     iop_bdev_get_buf         (Sim *sim, IopBdevIo *bio);
/* spdk_bdev_io_complete: records bdev.complete, runs the submitter's callback */
void     iop_bdev_io_complete     (Sim *sim, IopBdevIo *bio, gboolean success,
                                   const char *title, char *detail);
/* spdk_bdev_free_io: back to the cache (waking io_wait), else the mempool */
void     iop_bdev_free_io         (Sim *sim, IopBdevIo *bio);

G_END_DECLS
