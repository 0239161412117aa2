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

  Piece *heap_pieces = NULL;
  guint heap_cap = 0;

  if (sim->io_free != NULL && sim->io_free->len > 0)
    {
      io = g_ptr_array_steal_index_fast (sim->io_free, sim->io_free->len - 1);
      heap_pieces = io->heap_pieces;
      heap_cap = io->heap_pieces_cap;
    }
  else
    {
      /* sim->ios owns every I/O made (iop_io_free); io_free only lists the ones to reuse */
      io = g_new (Io, 1);
      g_ptr_array_add (sim->ios, io);
    }
  memset (io, 0, G_STRUCT_OFFSET (Io, legs) + sim->sc->raid_legs * sizeof (Leg));
  io->heap_pieces = heap_pieces;
  io->heap_pieces_cap = heap_cap;
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
  io->iovcnt = 1;
  /* the poll group the guest's queue pair joined when it connected
     (iop-placement.c: VFIO-user at v26.01 and TCP give the admin queue the
     first turn of one round robin) */
  pg_index = sim->front_pg[(guint)guest_qp % sim->n_guest_qp];
  io->bt = iop_startup_poll_group (&sim->bm, pg_index);
  io->n_legs = sim->sc->raid_legs;
  for (guint l = 0; l < io->n_legs; l++)
    {
      Leg *leg = &io->legs[l];

      leg->idx = (int)l;
      leg->node = sim->n_st > 1 ? (int)l : 0;
      leg->child.obj = -1;
    }
  io->n_parts = 0;
  iop_io_set_parts (sim, io, 1);
  return io;
}

void
iop_io_set_parts (Sim *sim, Io *io, guint n_parts)
{
  guint n = io->n_legs * n_parts;

  if (n_parts == io->n_parts)
    return;
  if (n <= G_N_ELEMENTS (io->inline_pieces))
    io->pieces = io->inline_pieces;
  else
    {
      if (io->heap_pieces_cap < n)
        {
          io->heap_pieces = g_renew (Piece, io->heap_pieces, n);
          io->heap_pieces_cap = n;
        }
      io->pieces = io->heap_pieces;
    }
  io->n_parts = n_parts;
  for (guint l = 0; l < io->n_legs; l++)
    for (guint k = 0; k < n_parts; k++)
      {
        Piece *p = iop_piece (io, (int)l, (int)k);

        memset (p, 0, sizeof *p);
        p->io = io;
        p->leg = (int)l;
        p->part = (int)k;
        p->idx = (int)(l * n_parts + k);
        p->path = 0;   /* active-passive: the first path */
        p->nreq.obj = p->o_wire_req = p->part_bio.obj = -1;
        p->held_since = -1;
        p->bio = n_parts == 1 ? &io->legs[l].child : &p->part_bio;
        iop_startup_connect (sim, p);
      }
}

void
iop_io_free (gpointer p)
{
  Io *io = p;

  g_free (io->heap_pieces);
  g_free (io);
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
