/* iop-lvol.h: module/bdev/lvol/vbdev_lvol.c, the logical volume
 *
 * vbdev_lvol_submit_request turns the lvol's bdev_io into a blob I/O on
 * the lvol's blob (lvol_read / lvol_write -> spdk_blob_io_{readv,writev}_ext)
 * with this thread's blobstore channel; lvol_op_comp completes the lvol
 * bdev_io when the blob I/O is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* The lvol bdev's submit_request */
void iop_lvol_submit   (Sim *sim, IopBdevIo *bio);
/* lvol_op_comp: the blob I/O of CMD is done */
void iop_lvol_op_comp  (Sim *sim, TgtCmd *cmd, gboolean success);

G_END_DECLS
