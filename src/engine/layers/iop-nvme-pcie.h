/* iop-nvme-pcie.h: lib/nvme/nvme_pcie_common.c and the SSD behind it
 *
 * nvme_pcie_qpair_submit_request takes a tracker (-EAGAIN when none is
 * free), builds the PRP list (nvme_pcie_qpair_build_contig_request for one
 * buffer, nvme_pcie_qpair_build_prps_sgl_request for an iovec: the model's
 * SSD takes PRPs, not SGLs) and copies the command into the SQ; the
 * doorbell is rung at once, or at the end of the pass with
 * delay_cmd_submit. The device does the work; bdev_nvme_poll reaps the CQ
 * entry: nvme_pcie_qpair_complete_tracker runs nvme_complete_request (the
 * whole chain above) and frees the tracker last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* nvme_pcie_qpair_submit_request; GRANTED: the tracker was handed over */
void iop_nvme_pcie_submit (Sim *sim, IopNvmeReq *req, gboolean granted);

G_END_DECLS
