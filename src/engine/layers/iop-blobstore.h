/* iop-blobstore.h: lib/blob/blobstore.c, request.c and module/blob/bdev/blob_bdev.c
 *
 * blob_request_submit_rw_iov maps the blob offset to a cluster and takes a
 * request set from the thread's blobstore channel (-ENOMEM when the channel
 * has none left); a thin blob's first write to a cluster allocates it and
 * persists the metadata first. bs_sequence_{readv,writev}_dev sends the
 * I/O to the bs_dev, the bdev below (blob_bdev: spdk_bdev_*v_blocks_ext).
 * blob_bdev's completion runs the blobstore's callback first and frees its
 * bdev_io after that returns; bs_request_set_complete puts the set back
 * before it calls the lvol back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* spdk_blob_io_{readv,writev}_ext for the lvol's command CMD; GRANTED: a
 * request set was handed over already */
void iop_blob_rw (Sim *sim, gpointer cmd, int granted);

G_END_DECLS
