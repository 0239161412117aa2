/* iop-io.c: one guest I/O's life in a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "iop-guest.h"
#include "iop-io.h"
#include "iop-kernel.h"
#include "iop-startup.h"

Io *
iop_io_new (Sim *sim, guint id, gboolean traced, int guest_qp)
{
  Io *io;
  guint pg_index;

  if (sim->io_free != NULL && sim->io_free->len > 0)
    io = g_ptr_array_steal_index_fast (sim->io_free, sim->io_free->len - 1);
  else
    {
      /* sim->ios owns every I/O made; io_free only lists the ones to reuse */
      io = g_new (Io, 1);
      g_ptr_array_add (sim->ios, io);
    }
  memset (io, 0, G_STRUCT_OFFSET (Io, legs) + sim->sc->raid_legs * sizeof (Leg));
  io->live = 1;   /* the guest's own hold, until it sees the completion */
  io->first_write = traced && sim->sc->first_write_to_cluster;
  io->id = id;
  io->traced = traced;
  io->op = sim->sc->op;
  io->size = sim->sc->io_size;
  io->guest_qp = guest_qp;
  io->read_leg = -1;
  io->repair_leg = -1;
  io->bio.obj = -1;
  pg_index = (guint)guest_qp % MAX (sim->topo->hosts[IOP_HOST_BAREMETAL].n_poll_groups, 1);
  io->bt = iop_startup_poll_group (&sim->bm, pg_index);
  io->n_legs = sim->sc->raid_legs;
  for (guint l = 0; l < io->n_legs; l++)
    {
      Leg *leg = &io->legs[l];

      leg->idx = (int)l;
      leg->node = sim->n_st > 1 ? (int)l : 0;
      leg->path = 0;   /* active-passive: the first path */
      leg->child.obj = leg->nreq.obj = leg->o_wire_req = -1;
      leg->held_since = -1;
      iop_startup_connect (sim, io, (int)l);
    }
  return io;
}

void
iop_io_ref (Io *io)
{
  io->live++;
}

void
iop_io_unref (Sim *sim, Io *io)
{
  g_assert (io->live > 0);
  if (--io->live == 0 && sim->io_done != NULL)
    sim->io_done (sim, io);
}

static void
start (Sim *sim, gpointer obj, int unused)
{
  Io *io = obj;

  io->t_start = sim->now;
  iop_guest_submit (sim, io);
}

void
iop_io_start (Sim *sim, Io *io, gint64 t)
{
  iop_at (sim, t, NULL, start, io, 0);
}
