/* iop-kernel.h: the event kernel: virtual clock, reactors, messages
 *
 * What lib/thread and lib/event do for SPDK, for the model: an event is work
 * that runs at a virtual time, either on an SPDK thread or off the CPUs (the
 * guest, the wire, a device, a timer). A thread's reactor runs one event at
 * a time; work that reaches a busy thread waits in its run queue, in order.
 * An event runs a synchronous call chain through the layers to its end, as
 * SPDK does between two returns to the reactor; every step it records
 * advances its clock by the CPU time the step takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

/* Schedules FN (OBJ, ARG) at T on THREAD (NULL: off the CPUs) */
void     iop_at           (Sim         *sim,
                           gint64       t,
                           ThreadState *thread,
                           IopEventFn   fn,
                           gpointer     obj,
                           int          arg);

static inline void
iop_after (Sim *sim, gint64 delay, ThreadState *thread, IopEventFn fn, gpointer obj, int arg)
{
  iop_at (sim, sim->now + MAX (delay, 0), thread, fn, obj, arg);
}

/* The running chain spends NS of CPU */
static inline void
iop_cpu (Sim *sim, gint64 ns)
{
  sim->now += MAX (ns, 0);
}

/* FN runs when the running event's call chain ends, before anything else:
 * the end of a poller's pass */
void     iop_at_end       (Sim *sim, IopEventFn fn, gpointer obj, int arg);

/* Runs events in (time, order) until none is left, the horizon passes or
 * max_events have run (sim->stalled then) */
void     iop_kernel_run   (Sim *sim);

void     iop_kernel_init  (Sim *sim);
void     iop_kernel_clear (Sim *sim);
void     iop_thread_clear (ThreadState *ts);

G_END_DECLS
