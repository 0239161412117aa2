/* iop-kernel.c: the event kernel
 *
 * Events are taken in (virtual time, order of scheduling): equal times run
 * in the order they were scheduled, so a run is deterministic. The near
 * future is a calendar of short sorted buckets (an event is scheduled and
 * taken in a few steps), the far future a binary heap. Each SPDK thread has
 * a run queue for work that reached it while its reactor was busy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-kernel.h"
#include "iop-recorder.h"

#define SLOT_BITS 24
#define SLOT_MASK ((G_GUINT64_CONSTANT (1) << SLOT_BITS) - 1)
#define NONE G_MAXUINT
/* The calendar: 16384 buckets of 64 ns, about a millisecond ahead; what
 * lies further goes to the heap and moves in when its bucket comes near */
#define CAL_SHIFT 6
#define CAL_BUCKETS 16384
#define CAL_MASK (CAL_BUCKETS - 1)

static inline gboolean
ent_less (const HeapEntry *a, const HeapEntry *b)
{
  return a->t < b->t || (a->t == b->t && a->key < b->key);
}

static guint
slot_new (Sim *sim)
{
  if (sim->n_free > 0)
    return sim->free_slots[--sim->n_free];
  if (sim->n_slots == 0 || (sim->n_slots & (sim->n_slots - 1)) == 0)
    {
      guint cap = MAX (sim->n_slots * 2, 256);
      g_assert (cap <= SLOT_MASK + 1);
      sim->slots = g_renew (Event, sim->slots, cap);
      sim->free_slots = g_renew (guint, sim->free_slots, cap);
      sim->cal.next = g_renew (guint, sim->cal.next, cap);
      sim->cal.ent = g_renew (HeapEntry, sim->cal.ent, cap);
    }
  return sim->n_slots++;
}

static void
heap_push (Sim *sim, HeapEntry e)
{
  HeapEntry *h;
  guint i;

  if (sim->heap_len == sim->heap_cap)
    {
      sim->heap_cap = MAX (sim->heap_cap * 2, 64);
      sim->heap = g_renew (HeapEntry, sim->heap, sim->heap_cap);
    }
  h = sim->heap;
  /* Sift the hole up, then drop the entry in */
  i = sim->heap_len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      if (!ent_less (&e, &h[parent]))
        break;
      h[i] = h[parent];
      i = parent;
    }
  h[i] = e;
}

static HeapEntry
heap_pop (Sim *sim)
{
  HeapEntry *h = sim->heap;
  HeapEntry top = h[0], last;
  guint n, i = 0;

  n = --sim->heap_len;
  if (n == 0)
    return top;
  last = h[n];
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m;
      if (l >= n)
        break;
      m = (r < n && ent_less (&h[r], &h[l])) ? r : l;
      if (!ent_less (&h[m], &last))
        break;
      h[i] = h[m];
      i = m;
    }
  h[i] = last;
  return top;
}

/* Into its bucket, in (time, order) */
static inline void
cal_insert (Calendar *c, guint slot)
{
  const HeapEntry *e = &c->ent[slot];
  guint b = (guint)(e->t >> CAL_SHIFT) & CAL_MASK;
  guint *pp = &c->head[b];

  if (c->first_ok && (e->t >> CAL_SHIFT) < c->first)
    c->first = e->t >> CAL_SHIFT;
  c->count++;
  if (*pp == NONE || !ent_less (e, &c->ent[c->tail[b]]))
    {
      /* the usual case: after everything in the bucket */
      if (*pp == NONE)
        {
          *pp = slot;
          c->occ[b >> 6] |= G_GUINT64_CONSTANT (1) << (b & 63);
        }
      else
        c->next[c->tail[b]] = slot;
      c->next[slot] = NONE;
      c->tail[b] = slot;
      return;
    }
  while (!ent_less (e, &c->ent[*pp]))
    pp = &c->next[*pp];
  c->next[slot] = *pp;
  *pp = slot;
}

static inline void
queue_push (Sim *sim, gint64 t, guint slot)
{
  Calendar *c = &sim->cal;
  HeapEntry *e = &c->ent[slot];

  e->t = t;
  e->key = (sim->seq++ << SLOT_BITS) | slot;
  if ((t >> CAL_SHIFT) < c->cur + CAL_BUCKETS)
    cal_insert (c, slot);
  else
    heap_push (sim, *e);
}

/* The first bucket at or after B that holds an event: the occupancy bitmap
 * skips empty buckets 64 at a time. Every event of the calendar lies within
 * CAL_BUCKETS of cur, so a set bit maps back to exactly one bucket. */
static inline gint64
cal_next (const Calendar *c, gint64 b)
{
  for (;;)
    {
      guint i = (guint)b & CAL_MASK;
      guint64 bits = c->occ[i >> 6] >> (i & 63);

      if (bits != 0)
        return b + __builtin_ctzll (bits);
      b += 64 - (i & 63);
    }
}

/* The first bucket holding an event (the calendar must hold one): found
 * once, then kept while events come and go */
static inline gint64
cal_first (Calendar *c)
{
  if (!c->first_ok)
    {
      c->first = cal_next (c, c->cur);
      c->first_ok = TRUE;
    }
  return c->first;
}

/* The next event in (time, order): its slot */
static gboolean
queue_pop (Sim *sim, guint *slot)
{
  Calendar *c = &sim->cal;

  for (;;)
    {
      guint *head;

      /* far events whose bucket came near move in */
      while (sim->heap_len > 0 && (sim->heap[0].t >> CAL_SHIFT) < c->cur + CAL_BUCKETS)
        cal_insert (c, (guint)(heap_pop (sim).key & SLOT_MASK));
      if (c->count == 0)
        {
          if (sim->heap_len == 0)
            return FALSE;
          c->cur = sim->heap[0].t >> CAL_SHIFT;
          c->first_ok = FALSE;
          continue;
        }
      c->cur = cal_first (c);
      head = &c->head[c->cur & CAL_MASK];
      *slot = *head;
      *head = c->next[*slot];
      if (*head == NONE)
        {
          guint i = (guint)c->cur & CAL_MASK;
          c->occ[i >> 6] &= ~(G_GUINT64_CONSTANT (1) << (i & 63));
          c->first_ok = FALSE;
        }
      c->count--;
      return TRUE;
    }
}

/* When the first event is due, or G_MAXINT64 */
static inline gint64
queue_first_time (Sim *sim)
{
  Calendar *c = &sim->cal;
  gint64 t = sim->heap_len > 0 ? sim->heap[0].t : G_MAXINT64;

  if (c->count > 0)
    {
      gint64 b = cal_first (c);
      t = MIN (t, c->ent[c->head[b & CAL_MASK]].t);
    }
  return t;
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
  guint slot = slot_new (sim);
  Event *e = &sim->slots[slot];

  e->fn = fn;
  e->obj = obj;
  e->arg = arg;
  e->thread = thread;
  /* nothing is scheduled in the past of the event being run */
  queue_push (sim, MAX (t, sim->last_t), slot);
}

/* Busy threads with queued work wait in a small heap of their own, ordered
 * with the events: a wake takes its key from the same sequence, so the run
 * order is what it would be if wakes were events of the calendar */
static inline gboolean
wake_less (const ThreadState *a, const ThreadState *b)
{
  return ent_less (&a->wake, &b->wake);
}

static void
wakes_push (Sim *sim, ThreadState *ts)
{
  guint i;

  if (sim->n_wakes == sim->wakes_cap)
    {
      sim->wakes_cap = MAX (sim->wakes_cap * 2, 16);
      sim->wakes = g_renew (ThreadState *, sim->wakes, sim->wakes_cap);
    }
  i = sim->n_wakes++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      if (!wake_less (ts, sim->wakes[parent]))
        break;
      sim->wakes[i] = sim->wakes[parent];
      i = parent;
    }
  sim->wakes[i] = ts;
}

static ThreadState *
wakes_pop (Sim *sim)
{
  ThreadState **h = sim->wakes;
  ThreadState *top = h[0], *last;
  guint n, i = 0;

  n = --sim->n_wakes;
  if (n == 0)
    return top;
  last = h[n];
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m;
      if (l >= n)
        break;
      m = (r < n && wake_less (h[r], h[l])) ? r : l;
      if (!wake_less (h[m], last))
        break;
      h[i] = h[m];
      i = m;
    }
  h[i] = last;
  return top;
}

static void
want_wake (Sim *sim, ThreadState *ts)
{
  if (ts->runq.len == 0 || ts->wake_pending)
    return;
  ts->wake_pending = TRUE;
  /* nothing is scheduled in the past of the event being run */
  ts->wake.t = MAX (MAX (ts->busy_until, sim->now), sim->last_t);
  ts->wake.key = sim->seq++ << SLOT_BITS;
  wakes_push (sim, ts);
}

/* When the next event or wake is due, or G_MAXINT64 */
static inline gint64
next_time (Sim *sim)
{
  gint64 t = queue_first_time (sim);

  return sim->n_wakes > 0 ? MIN (t, sim->wakes[0]->wake.t) : t;
}

static inline void
run_one (Sim *sim, const Event *e)
{
  ThreadState *ts = e->thread;
  gint64 start = sim->now;

  sim->running = ts;
  e->fn (sim, e->obj, e->arg);
  /* what the pass left for its end (a poller posting its batched sends) */
  for (guint i = 0; sim->at_end != NULL && i < sim->at_end->len; i++)
    {
      Event d = g_array_index (sim->at_end, Event, i);

      d.fn (sim, d.obj, d.arg);
    }
  if (sim->at_end != NULL)
    g_array_set_size (sim->at_end, 0);
  if (sim->last_rec != NULL)
    iop_recorder_event_end (sim);
  sim->running = NULL;
  if (ts != NULL)
    {
      ts->busy_until = MAX (ts->busy_until, sim->now);
      ts->busy_ns += sim->now - start;
    }
}

/* Runs one event's call chain to its end on its thread, then the work that
 * queued on the thread meanwhile, for as long as nothing else is due before
 * the thread is free again */
static void
run (Sim *sim, const Event *e)
{
  ThreadState *ts = e->thread;

  run_one (sim, e);
  if (ts == NULL)
    return;
  while (ts->runq.len > 0 && next_time (sim) > ts->busy_until)
    {
      Event next = runq_pop (&ts->runq);

      sim->now = ts->busy_until;
      sim->events++;
      run_one (sim, &next);
    }
  want_wake (sim, ts);
}

/* The reactor is free again: the oldest work waiting for it runs */
static void
wake (Sim *sim, ThreadState *ts)
{
  Event e;

  ts->wake_pending = FALSE;
  if (ts->runq.len == 0)
    return;
  e = runq_pop (&ts->runq);
  sim->now = MAX (sim->now, ts->busy_until);
  run (sim, &e);
}

/* Is the first wake due before the calendar's next event? */
static inline gboolean
wake_first (Sim *sim)
{
  Calendar *c = &sim->cal;
  const HeapEntry *w;

  if (sim->n_wakes == 0)
    return FALSE;
  w = &sim->wakes[0]->wake;
  if (sim->heap_len > 0 && ent_less (&sim->heap[0], w))
    return FALSE;
  if (c->count > 0)
    {
      gint64 b = cal_first (c);

      if (ent_less (&c->ent[c->head[b & CAL_MASK]], w))
        return FALSE;
    }
  return TRUE;
}

void
iop_kernel_run (Sim *sim)
{
  guint slot;

  for (;;)
    {
      Event e;
      ThreadState *ts;

      if (wake_first (sim))
        {
          ts = wakes_pop (sim);
          sim->now = sim->last_t = ts->wake.t;
          sim->events++;
          if (sim->now > sim->horizon_ns || sim->events > sim->max_events)
            {
              sim->stalled = TRUE;
              break;
            }
          wake (sim, ts);
          continue;
        }
      if (!queue_pop (sim, &slot))
        break;
      e = sim->slots[slot];
      ts = e.thread;
      sim->free_slots[sim->n_free++] = slot;
      sim->now = sim->last_t = sim->cal.ent[slot].t;
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
iop_at_end (Sim        *sim,
            IopEventFn  fn,
            gpointer    obj,
            int         arg)
{
  Event d = { .fn = fn, .obj = obj, .arg = arg, .thread = sim->running };

  if (sim->at_end == NULL)
    sim->at_end = g_array_new (FALSE, FALSE, sizeof (Event));
  g_array_append_val (sim->at_end, d);
}

void
iop_kernel_init (Sim *sim)
{
  sim->heap = NULL;
  sim->heap_len = sim->heap_cap = 0;
  sim->wakes = NULL;
  sim->n_wakes = sim->wakes_cap = 0;
  sim->at_end = NULL;
  sim->slots = NULL;
  sim->free_slots = NULL;
  sim->n_slots = sim->n_free = 0;
  sim->seq = 0;
  sim->events = 0;
  sim->last_t = 0;
  memset (&sim->cal, 0, sizeof sim->cal);
  sim->cal.head = g_new (guint, CAL_BUCKETS);
  sim->cal.tail = g_new (guint, CAL_BUCKETS);
  sim->cal.occ = g_new0 (guint64, CAL_BUCKETS / 64);
  for (guint b = 0; b < CAL_BUCKETS; b++)
    sim->cal.head[b] = NONE;
}

void
iop_kernel_clear (Sim *sim)
{
  g_clear_pointer (&sim->heap, g_free);
  g_clear_pointer (&sim->wakes, g_free);
  g_clear_pointer (&sim->at_end, g_array_unref);
  sim->n_wakes = sim->wakes_cap = 0;
  g_clear_pointer (&sim->cal.head, g_free);
  g_clear_pointer (&sim->cal.tail, g_free);
  g_clear_pointer (&sim->cal.occ, g_free);
  g_clear_pointer (&sim->cal.next, g_free);
  g_clear_pointer (&sim->cal.ent, g_free);
  g_clear_pointer (&sim->slots, g_free);
  g_clear_pointer (&sim->free_slots, g_free);
  sim->heap_len = sim->heap_cap = 0;
  sim->n_slots = sim->n_free = 0;
}

void
iop_thread_clear (ThreadState *ts)
{
  g_clear_pointer (&ts->runq.buf, g_free);
  ts->runq.len = ts->runq.cap = 0;
}
