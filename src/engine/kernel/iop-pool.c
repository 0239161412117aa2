/* iop-pool.c: bounded slots with a FIFO of waiters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-pool.h"

Res *
iop_res_new (Sim *sim, gint64 capacity, gint64 level)
{
  Res *r = g_new0 (Res, 1);

  r->capacity = capacity;
  r->level = level;
  r->gauge = -1;
  g_queue_init (&r->waiters);
  g_ptr_array_add (sim->res, r);
  return r;
}

void
iop_res_free (gpointer p)
{
  Res *r = p;

  g_queue_clear_full (&r->waiters, g_free);
  g_free (r);
}

void
iop_queue_wait (GQueue *q, IopResumeFn fn, gpointer obj, int arg)
{
  Waiter *w = g_new (Waiter, 1);

  w->fn = fn;
  w->obj = obj;
  w->arg = arg;
  g_queue_push_tail (q, w);
}

void
iop_res_wait (Res *r, IopResumeFn fn, gpointer obj, int arg)
{
  iop_queue_wait (&r->waiters, fn, obj, arg);
}

void
iop_waiter_resume (Sim *sim, Waiter *w)
{
  Waiter copy = *w;

  g_free (w);
  copy.fn (sim, copy.obj, copy.arg);
}

void
iop_res_put (Sim *sim, Res *r)
{
  Waiter *w;

  if (r->waiters.length == 0)
    {
      r->level++;
      return;
    }
  w = g_queue_pop_head (&r->waiters);
  iop_waiter_resume (sim, w);
}
