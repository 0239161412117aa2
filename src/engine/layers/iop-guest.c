/* iop-guest.c: the VM's NVMe driver, as far as the path sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-fabric.h"
#include "iop-guest.h"
#include "iop-io.h"
#include "iop-kernel.h"
#include "iop-recorder.h"
#include "iop-vfio-user.h"

static void
post (Sim *sim, Io *io)
{
  const IopModel *m = sim->m;
  char sz[32];

  sim->guest_inflight[io->guest_qp]++;
  if (sim->front_tcp)
    {
      REC_AT (io, -1, IOP_STAGE_GUEST_SUBMIT, &sim->bm, sim->now, 0,
              _("The guest sends its command"),
              g_strdup_printf (_("The guest's NVMe/TCP initiator (%s %s) queues a command capsule on its TCP connection to the baremetal's target."),
                               io->op == IOP_OP_READ ? "read" : "write", iop_size_str (io->size, sz, sizeof sz)));
      iop_fabric_guest_cmd (sim, io);
      return;
    }
  REC_AT (io, -1, IOP_STAGE_GUEST_SUBMIT, &sim->bm, sim->now, m->guest_doorbell_ns,
          _("The guest rings the doorbell"),
          g_strdup_printf (_("The guest's NVMe driver writes a %s command for %s into submission queue %d, which lives in its own memory, and writes the new tail to the doorbell. Nothing traps to the host: the doorbell page is shared memory that the target polls."),
                           io->op == IOP_OP_READ ? "Read" : "Write", iop_size_str (io->size, sz, sizeof sz), io->guest_qp + 1));
  /* the poll group sees the new tail on its next pass over the queue */
  iop_after (sim, m->guest_doorbell_ns + m->poll_loop_ns / 2, io->bt, iop_vfu_poll, io, 0);
}

void
iop_guest_submit (Sim *sim, Io *io)
{
  int qp = io->guest_qp;

  if (sim->guest_inflight[qp] >= sim->guest_qd)
    {
      /* a queue of N entries is full with N - 1 commands in it */
      IopStep *s = REC_AT (io, -1, IOP_STAGE_GUEST_QUEUE_FULL, &sim->bm, sim->now, 0,
                           _("Guest queue full"),
                           g_strdup_printf (_("Queue pair %d already has %" PRId64 " commands outstanding: with %" PRId64 " entries (max_queue_depth), that is all it can hold, since a full queue keeps one entry empty. The guest holds this command until a completion frees an entry."),
                                            qp + 1, sim->guest_qd, sim->guest_qd + 1));
      KNOB (s, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_queue_depth",
            g_strdup_printf (_("%" PRId64 " entries per queue: at most %" PRId64 " commands in flight"), sim->guest_qd + 1, sim->guest_qd));
      g_queue_push_tail (&sim->guest_waiting[qp], io);
      return;
    }
  post (sim, io);
}

static void
guest_done (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;
  int qp = io->guest_qp;
  Io *next;

  io->t_end = sim->now;
  REC_AT (io, -1, IOP_STAGE_GUEST_COMPLETE, &sim->bm, sim->now, 0,
          io->failed ? _("The guest sees an error") : _("The guest sees the completion"),
          g_strdup (io->failed ? _("The interrupt handler reads the completion entry: its status is an error, which the guest's block layer reports to the application.")
                               : _("The interrupt handler reads the completion entry, frees the queue entry and completes the request to the guest's block layer.")));
  sim->guest_inflight[qp]--;
  next = g_queue_pop_head (&sim->guest_waiting[qp]);
  if (sim->io_completed != NULL)
    sim->io_completed (sim, io);
  iop_io_unref (sim, io);
  if (next != NULL)
    post (sim, next);
}

void
iop_guest_complete (Sim *sim, Io *io, gint64 t)
{
  iop_at (sim, t, NULL, guest_done, io, 0);
}
