/* iop-io.h: one guest I/O's life in a run
 *
 * An I/O lives while the guest waits for it and while a target still holds
 * a request of it; when the last holder lets go, the run's driver hears of
 * it (a workload issues the next one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

Io   *iop_io_new   (Sim *sim, guint id, gboolean traced, int guest_qp);
void  iop_io_free  (gpointer io);
void  iop_io_ref   (Io *io);
void  iop_io_unref (Sim *sim, Io *io);
/* The guest submits IO at T */
void  iop_io_start (Sim *sim, Io *io, gint64 t);
/* Gives IO N_PARTS pieces per leg (the bdev layer split its children) */
void  iop_io_set_parts (Sim *sim, Io *io, guint n_parts);

G_END_DECLS
