/* iop-raid1.h: module/bdev/raid/bdev_raid.c and raid1.c
 *
 * raid_bdev_submit_request: a read first asks spdk_bdev_io_get_buf for a
 * buffer (the guest's is there already), then raid1_submit_read_request
 * sends one child read to the base bdev with the fewest read blocks
 * outstanding on this channel; a write sends a child write to every base
 * bdev in turn (raid1_submit_write_request), each child's whole submission
 * running before the next one starts. A child's completion callback frees
 * the child first, then counts the part (raid_bdev_io_complete_part); the
 * last part completes the RAID bdev_io.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* The RAID bdev's submit_request */
void iop_raid_submit      (Sim *sim, IopBdevIo *bio);
/* raid_bdev_fail_base_bdev / the hot-remove of a replica whose controllers
 * are all gone (FAILED_IO FALSE) */
void iop_raid_remove_leg  (Sim *sim, guint leg, gboolean failed_io);

G_END_DECLS
