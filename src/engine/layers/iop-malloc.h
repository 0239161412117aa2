/* iop-malloc.h: module/bdev/malloc/bdev_malloc.c with the software accel module
 *
 * A malloc bdev has no device: bdev_malloc_{readv,writev} append a copy to
 * an accel sequence, the software module copies with the CPU of the
 * submitting thread, and the accel completion poller later runs
 * malloc_done, which completes the bdev_io.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* The malloc bdev's submit_request */
void iop_malloc_submit (Sim *sim, IopBdevIo *bio);

G_END_DECLS
