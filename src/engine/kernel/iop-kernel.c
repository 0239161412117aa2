/* iop-kernel.c: the event kernel
 *
 * A binary heap ordered by (virtual time, sequence number) holds the events;
 * each SPDK thread has a run queue for work that reached it while its
 * reactor was busy. Determinism: equal times run in the order they were
 * scheduled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-kernel.h"
#include "iop-recorder.h"

static inline gboolean
ev_less (const Event *a, const Event *b)
{
  return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void
heap_push (Sim *sim, const Event *e)
{
  guint i;

  if (sim->heap_len == sim->heap_cap)
    {
      sim->heap_cap = MAX (sim->heap_cap * 2, 256);
      sim->heap = g_renew (Event, sim->heap, sim->heap_cap);
    }
  /* Sift the hole up, then drop the event in */
  i = sim->heap_len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      if (!ev_less (e, &sim->heap[parent]))
        break;
      sim->heap[i] = sim->heap[parent];
      i = parent;
    }
  sim->heap[i] = *e;
}

static gboolean
heap_pop (Sim *sim, Event *out)
{
  Event *h = sim->heap;
  Event last;
  guint n, i = 0;

  if (sim->heap_len == 0)
    return FALSE;
  *out = h[0];
  n = --sim->heap_len;
  if (n == 0)
    return TRUE;
  last = h[n];
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m;
      if (l >= n)
        break;
      m = (r < n && ev_less (&h[r], &h[l])) ? r : l;
      if (!ev_less (&h[m], &last))
        break;
      h[i] = h[m];
      i = m;
    }
  h[i] = last;
  return TRUE;
}

static void
runq_push (RunQueue *q, const Event *e)
{
  if (q->len == q->cap)
    {
      guint ncap = MAX (q->cap * 2, 16);
      Event *nb = g_new (Event, ncap);
      for (guint i = 0; i < q->len; i++)
        nb[i] = q->buf[(q->head + i) & (q->cap - 1)];   /* cap is a power of two */
      g_free (q->buf);
      q->buf = nb;
      q->cap = ncap;
      q->head = 0;
    }
  q->buf[(q->head + q->len) & (q->cap - 1)] = *e;
  q->len++;
}

static Event
runq_pop (RunQueue *q)
{
  Event e = q->buf[q->head];

  q->head = (q->head + 1) & (q->cap - 1);
  q->len--;
  return e;
}

void
iop_at (Sim         *sim,
        gint64       t,
        ThreadState *thread,
        IopEventFn   fn,
        gpointer     obj,
        int          arg)
{
  Event e = { t, sim->seq++, fn, obj, arg, thread };

  heap_push (sim, &e);
}

static void wake (Sim *sim, gpointer obj, int arg);

static void
want_wake (Sim *sim, ThreadState *ts)
{
  if (ts->runq.len == 0 || ts->wake_pending)
    return;
  ts->wake_pending = TRUE;
  iop_at (sim, MAX (ts->busy_until, sim->now), NULL, wake, ts, 0);
}

/* Runs one event's call chain to its end on its thread */
static void
run (Sim *sim, const Event *e)
{
  ThreadState *ts = e->thread;
  gint64 start = sim->now;

  sim->running = ts;
  e->fn (sim, e->obj, e->arg);
  iop_recorder_event_end (sim);
  sim->running = NULL;
  if (ts != NULL)
    {
      ts->busy_until = MAX (ts->busy_until, sim->now);
      ts->busy_ns += sim->now - start;
      want_wake (sim, ts);
    }
}

/* The reactor is free again: the oldest work waiting for it runs */
static void
wake (Sim *sim, gpointer obj, int arg)
{
  ThreadState *ts = obj;
  Event e;

  ts->wake_pending = FALSE;
  if (ts->runq.len == 0)
    return;
  e = runq_pop (&ts->runq);
  sim->now = MAX (sim->now, ts->busy_until);
  run (sim, &e);
}

void
iop_kernel_run (Sim *sim)
{
  Event e;

  while (heap_pop (sim, &e))
    {
      ThreadState *ts = e.thread;

      sim->now = e.t;
      sim->events++;
      if (sim->now > sim->horizon_ns || sim->events > sim->max_events)
        {
          sim->stalled = TRUE;
          break;
        }
      /* A reactor runs one thing at a time: work that reaches a busy
       * thread waits for it (this is where CPU saturation shows) */
      if (ts != NULL && (ts->busy_until > sim->now || ts->runq.len > 0))
        {
          runq_push (&ts->runq, &e);
          want_wake (sim, ts);
          continue;
        }
      run (sim, &e);
    }
}

void
iop_kernel_init (Sim *sim)
{
  sim->heap = NULL;
  sim->heap_len = sim->heap_cap = 0;
  sim->seq = 0;
  sim->events = 0;
}

void
iop_kernel_clear (Sim *sim)
{
  g_clear_pointer (&sim->heap, g_free);
  sim->heap_len = sim->heap_cap = 0;
}

void
iop_thread_clear (ThreadState *ts)
{
  g_clear_pointer (&ts->runq.buf, g_free);
  ts->runq.len = ts->runq.cap = 0;
}
