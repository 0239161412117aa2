/* iop-pool.h: bounded slots with a FIFO of waiters
 *
 * The one rule behind every "take a slot or wait" of the path: request
 * arrays, free lists, trackers, queue entries. A slot is taken only when
 * none is left to someone who waited longer; a slot given back goes to the
 * first waiter, whose resume function runs with the slot already its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-run.h"

G_BEGIN_DECLS

Res      *iop_res_new    (Sim *sim, gint64 capacity, gint64 level);
void      iop_res_free   (gpointer res);

/* Takes a slot: FALSE when none is free or others wait already */
static inline gboolean
iop_res_take (Res *r)
{
  if (r->level > 0 && r->waiters.length == 0)
    {
      r->level--;
      return TRUE;
    }
  return FALSE;
}

/* Queues FN (OBJ, ARG) for the next slot given back */
void      iop_res_wait   (Res *r, IopResumeFn fn, gpointer obj, int arg);
/* Gives a slot back: to the first waiter (resumed now), else to the pool */
void      iop_res_put    (Sim *sim, Res *r);

/* Take a slot or wait: TRUE when the caller holds a slot, because GRANTED
 * (a put handed one over before FN ran) or one was free. Else FN (OBJ, ARG)
 * is queued for the next slot given back and FALSE says so: the caller
 * records its wait step and returns. Used where SPDK takes from a free list
 * and, finding none, leaves the command queued in the same layer (request
 * arrays, trackers, qpair slots, blob request sets). */
static inline gboolean
iop_res_take_or_wait (Res *r, gboolean granted, IopResumeFn fn, gpointer obj, int arg)
{
  if (granted || iop_res_take (r))
    return TRUE;
  iop_res_wait (r, fn, obj, arg);
  return FALSE;
}

/* A waiter for any queue (the bdev io_wait queue, the iobuf wait queues) */
void      iop_queue_wait (GQueue *q, IopResumeFn fn, gpointer obj, int arg);
void      iop_waiter_resume (Sim *sim, Waiter *w);

G_END_DECLS
