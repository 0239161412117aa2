/* iop-nvmf.h: lib/nvmf/ctrlr.c and ctrlr_bdev.c, the NVMf core on either host
 *
 * Submission: spdk_nvmf_request_exec -> nvmf_ctrlr_process_io_cmd ->
 * nvmf_bdev_ctrlr_{read,write}_cmd -> spdk_bdev_{readv,writev}_blocks_ext
 * on the namespace's bdev (RAID1 on the baremetal, the lvol on a storage
 * node); with no bdev_io, the request waits with spdk_bdev_queue_io_wait.
 * Completion: nvmf_bdev_ctrlr_complete_cmd copies the status, calls
 * spdk_nvmf_request_complete (the transport sends the completion), and only
 * then frees the bdev_io (ctrlr_bdev.c, the two lines at its end).
 *
 * The request is the transport's (VFIO-user, TCP, RDMA): a TgtCmd, made by
 * the transport when a command arrives and freed by it when it is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* A transport's request for the baremetal's command P (NULL: the guest's)
 * on ST of HS */
TgtCmd *iop_nvmf_req_new  (Sim *sim, Io *io, Piece *p, HostState *hs, ThreadState *st);
void    iop_nvmf_req_free (Sim *sim, TgtCmd *cmd);

/* spdk_nvmf_request_exec */
void    iop_nvmf_exec     (Sim *sim, TgtCmd *cmd);

G_END_DECLS
