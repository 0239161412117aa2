/* iop-explanations-private.h: the explanation tables of each part, for the lookup
 *
 * Each table ends with an entry whose key is NULL. iop-explanations.c indexes
 * them all; a key lives in exactly one of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-explanations.h"

G_BEGIN_DECLS

/* guest, vfio-user, nvmf core, bdev, RAID1 (iop-explanations-host.c) */
extern const IopExplanation iop_explanations_host[];
/* bdev_nvme and the NVMe driver (iop-explanations-nvme.c) */
extern const IopExplanation iop_explanations_nvme[];
/* NVMe/RDMA and NVMe/TCP initiators, the wire (iop-explanations-fabric.c) */
extern const IopExplanation iop_explanations_fabric[];
/* nvmf target transports, lvol, blobstore, PCIe SSD, malloc (iop-explanations-storage.c) */
extern const IopExplanation iop_explanations_storage[];

G_END_DECLS
