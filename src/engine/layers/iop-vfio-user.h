/* iop-vfio-user.h: lib/nvmf/vfio_user.c, the guest-facing target
 *
 * Submission: the poll group's poller sees the guest's new SQ tail
 * (nvmf_vfio_user_sq_poll), takes a request of the SQ's own array and maps
 * the guest pages into iovecs (handle_cmd_req), then hands it to the NVMf
 * core. Completion: the NVMf core's spdk_nvmf_request_complete reaches
 * nvmf_vfio_user_req_complete, which posts the CQ entry into guest memory
 * (post_completion) and puts the request back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* Event on the guest queue pair's poll group: the doorbell poll */
void iop_vfu_poll          (Sim *sim, gpointer io, int unused);
/* spdk_nvmf_request_complete on a VFIO-user request */
void iop_vfu_req_complete  (Sim *sim, TgtCmd *cmd);

G_END_DECLS
