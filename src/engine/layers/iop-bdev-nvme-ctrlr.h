/* iop-bdev-nvme-ctrlr.h: bdev_nvme's controllers and paths (faults)
 *
 * Multipath as raid_270 attaches it: every path of a replica is its own
 * nvme_ctrlr with its own qpairs, reset and reconnect state
 * (module/bdev/nvme/bdev_nvme.c). The rules kept here:
 *  - an I/O that finds no usable path completes with -ENXIO and, while any
 *    path "may become available", waits in the channel's retry queue and is
 *    resubmitted every second (bdev_nvme_io_complete, 1000 ms);
 *  - a qpair that loses its link is noticed on its poll group's thread when
 *    a send runs out of RDMA retransmissions (bdev_nvme_poll ->
 *    spdk_nvme_poll_group_process_completions -> the disconnected-qpair
 *    callback); its outstanding commands complete as aborted (SQ deletion)
 *    and are retried at once on another path (bdev_nvme_check_retry_io),
 *    and the controller is reset (failover);
 *  - a failed reset sets fast_io_fail_timedout once fast_io_fail_timeout_sec
 *    has passed since the reset began, deletes the controller once
 *    ctrlr_loss_timeout_sec has, and otherwise waits reconnect_delay_sec for
 *    the next attempt (bdev_nvme_reset_ctrlr_complete), in whole seconds.
 * The times SPDK does not fix (RDMA retransmission, connect) are the model's.
 *
 * A fault itself (a link down, a flapping path, lost keep-alives, a stalled
 * SSD) comes from the scenario (model/iop-fault.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

void      iop_ctrlr_setup          (Sim *sim);
void      iop_ctrlr_free           (Sim *sim);

Ctrlr    *iop_ctrlr_of             (Sim *sim, guint leg, int path);
gboolean  iop_ctrlr_link_up        (Sim *sim, guint leg, guint path, gint64 t);
gboolean  iop_ctrlr_stalled_at     (Sim *sim, guint leg, gint64 t, gint64 *until);
/* bdev_nvme_find_io_path: the first connected path, or -1 */
int       iop_ctrlr_pick_path      (Sim *sim, guint leg);
/* any_io_path_may_become_available */
gboolean  iop_ctrlr_leg_may_recover (Sim *sim, guint leg);
/* Piece P goes out on PATH from now on */
void      iop_ctrlr_use_path       (Sim *sim, Piece *p, int path);
/* Piece P was just sent on its path */
void      iop_ctrlr_sent           (Sim *sim, Piece *p);
/* Does a response for piece P, sent at T, reach the host? */
gboolean  iop_ctrlr_response_gets_through (Sim *sim, Piece *p, gint64 t);
/* A send or a response of piece P is lost on a dead link: the NIC
 * retransmits it; REDELIVER (io, piece index) runs if the link comes back in time */
void      iop_ctrlr_strand         (Sim *sim, Piece *p, IopResumeFn redeliver);
void      iop_ctrlr_push_leg_state (Sim *sim, guint leg);

G_END_DECLS
