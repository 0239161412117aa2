/* iop-bdev-nvme.h: module/bdev/nvme/bdev_nvme.c, the I/O path
 *
 * bdev_nvme_submit_request finds an I/O path (bdev_nvme_find_io_path), and
 * bdev_nvme_readv / bdev_nvme_writev build the command with the NVMe
 * driver: spdk_nvme_ns_cmd_{read,write}_with_md for one buffer,
 * spdk_nvme_ns_cmd_{readv,writev}_with_md for an iovec. The driver's
 * callback (bdev_nvme_{readv,writev}_done) turns the NVMe status into a bdev
 * status: success completes the bdev_io; a path error is retried at once on
 * a usable path, and with no path that may come back the I/O fails; with a
 * path that may come back it waits in the channel's retry queue.
 *
 * On the baremetal the bdevs are the replicas' namespaces over NVMe-oF; on a
 * storage node the local SSD's, under the blobstore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* The NVMe bdev's submit_request (either host) */
void  iop_bdev_nvme_submit        (Sim *sim, IopBdevIo *bio);
/* The baremetal NVMe bdevs' max_num_segments: min(io_queue_requests / 2,
 * the fabric's 16 SGL descriptors) */
guint iop_bdev_nvme_max_segments  (Sim *sim);

G_END_DECLS
