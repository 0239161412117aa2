/* iop-guest.h: the VM's NVMe driver, as far as the path sees it
 *
 * The guest posts a command into a submission queue it shares with the
 * VFIO-user target (or sends it over NVMe/TCP), and takes the completion
 * when its interrupt fires. A queue of N entries holds at most N - 1
 * commands: the guest keeps the rest until a completion frees an entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* The guest submits IO now (or holds it while its queue is full) */
void iop_guest_submit   (Sim *sim, Io *io);
/* The completion reached the guest at T: the I/O is done for it */
void iop_guest_complete (Sim *sim, Io *io, gint64 t);

G_END_DECLS
