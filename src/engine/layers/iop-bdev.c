/* iop-bdev.c: lib/bdev/bdev.c, the generic bdev layer on either host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme.h"
#include "iop-bdev.h"
#include "iop-io.h"
#include "iop-pool.h"
#include "iop-recorder.h"

static IopHostId
host_id (HostState *hs)
{
  return hs->host;
}

gboolean
iop_bdev_get_io (Sim         *sim,
                 IopBdevIo   *bio,
                 Io          *io,
                 int          leg,
                 HostState   *hs,
                 ThreadState *ts,
                 const char  *label,
                 IopBdevIoCb  cb,
                 gboolean     top)
{
  const IopModel *m = sim->m;
  Res *cache = ts->bdev_io_cache, *pool = hs->bdev_io_pool;
  gboolean from_cache;
  gint64 before;
  IopStep *s;

  /* bdev_channel_get_io: the per-thread cache, else the mempool unless
   * others already wait on io_wait */
  if (cache->level > 0)
    {
      before = cache->level--;
      from_cache = TRUE;
      hs->ctr.bdev_io_cache++;
    }
  else if (g_queue_is_empty (&ts->io_wait) && pool->level > 0)
    {
      before = pool->level--;
      from_cache = FALSE;
      hs->ctr.bdev_io_mempool++;
    }
  else
    {
      hs->ctr.bdev_io_wait++;
      return FALSE;
    }
  bio->io = io;
  bio->leg = leg;
  bio->hs = hs;
  bio->ts = ts;
  bio->cb = cb;
  bio->obj = -1;
  bio->label = label;
  s = REC (io, leg, IOP_STAGE_BDEV_GET_IO, ts, from_cache ? m->cpu_bdev_io_ns : m->cpu_mempool_ns,
           top ? _("Allocate the bdev_io") : _(label),
           from_cache
           ? g_strdup_printf (_("A %s from %s's bdev_io cache (%" PRId64 " of %" PRId64 " left)."),
                              _(label), ts->t->name, cache->level, cache->capacity)
           : g_strdup_printf (_("A %s from the global bdev_io mempool: %s's cache is empty (%" PRId64 " left in the pool)."),
                              _(label), ts->t->name, pool->level));
  bio->obj = OBJ (s, leg, "bdev_io", _(label), from_cache ? cache : pool, before,
                  from_cache ? _("per-thread cache") : _("global mempool"), 1, 0, hs);
  KNOB (s, host_id (hs), "bdev_set_options.bdev_io_cache_size",
        from_cache ? g_strdup_printf (_("%" PRId64 " bdev_io cached on this thread; this one came from the cache"), cache->capacity)
                   : g_strdup_printf (_("%" PRId64 " bdev_io cached on this thread, none left: this one came from the mempool"), cache->capacity));
  KNOB (s, host_id (hs), "bdev_set_options.bdev_io_pool_size",
        g_strdup (hs->host == IOP_HOST_BAREMETAL ? _("the mempool behind the caches") : _("the storage node's own mempool")));
  return TRUE;
}

void
iop_bdev_queue_io_wait (Sim         *sim,
                        Io          *io,
                        int          leg,
                        ThreadState *ts,
                        IopResumeFn  resume,
                        gpointer     obj,
                        int          arg,
                        const char  *words)
{
  IopStep *s;

  s = REC (io, leg, IOP_STAGE_BDEV_IO_WAIT, ts, 0, _("No bdev_io: wait"),
           g_strdup_printf (_("%s's cache and the mempool are empty. %s"), ts->t->name, _(words)));
  KNOB (s, ts->host->host, "bdev_set_options.bdev_io_pool_size", g_strdup (_("the mempool ran dry")));
  iop_queue_wait (&ts->io_wait, resume, obj, arg);
}

void
iop_bdev_submit (Sim             *sim,
                 IopBdevIo       *bio,
                 IopBdevSubmitFn  submit,
                 const char      *title,
                 const char      *detail)
{
  if (title != NULL)
    REC (bio->io, bio->leg, IOP_STAGE_BDEV_SUBMIT, bio->ts, sim->m->cpu_step_ns, _(title), g_strdup (_(detail)));
  submit (sim, bio);
}

void
iop_bdev_get_buf (Sim *sim, IopBdevIo *bio)
{
  IopStep *s;

  gboolean storage = bio->hs->host == IOP_HOST_STORAGE;

  s = REC (bio->io, bio->leg, IOP_STAGE_BDEV_GET_BUF, bio->ts, sim->m->cpu_bdev_io_ns,
           _("Buffer check: the I/O brought its buffer"),
           g_strdup (storage
                     ? _("vbdev_lvol_submit_request asks spdk_bdev_io_get_buf for a read buffer first. The bdev_io already carries the NVMe-oF target's iobuf buffers as its iovecs, so it calls lvol_get_buf_cb at once: no \"bdev\" iobuf buffer is taken, and the data will land in the transport's buffers.")
                     : sim->front_tcp
                     ? _("The bdev_io already carries the TCP transport's buffers as its iovecs, so spdk_bdev_io_get_buf calls back at once: no \"bdev\" iobuf buffer is taken.")
                     : _("The bdev_io already carries the guest's iovecs (mapped by VFIO-user) and they are aligned, so spdk_bdev_io_get_buf calls back at once: no \"bdev\" iobuf buffer is taken. This is why the bdev module's iobuf counters stay at zero in iobuf_get_stats on this host.")));
  KNOB (s, storage ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL, "bdev_set_options.iobuf_small_cache_size", g_strdup (_("not used by this read: it brought its own buffer")));
}

void
iop_bdev_io_complete (Sim        *sim,
                      IopBdevIo  *bio,
                      gboolean    success,
                      const char *title,
                      char       *detail)
{
  if (bio->io->traced)
    iop_rec (sim, bio->io, bio->leg, IOP_STAGE_BDEV_COMPLETE, bio->ts, sim->m->cpu_step_ns,
             title ? title : _("bdev_io completes"),
             detail ? detail : g_strdup_printf (_("spdk_bdev_io_complete on the %s runs the callback its submitter gave."), _(bio->label)));
  else
    {
      g_free (detail);
      iop_cpu (sim, sim->m->cpu_step_ns);
    }
  bio->cb (sim, bio, success);
}

void
iop_bdev_free_io (Sim *sim, IopBdevIo *bio)
{
  ThreadState *ts = bio->ts;
  HostState *hs = bio->hs;
  Res *cache = ts->bdev_io_cache;
  gboolean to_cache = cache->level < cache->capacity;
  Res *to = to_cache ? cache : hs->bdev_io_pool;
  gint64 before = to->level;
  IopStep *s;

  s = REC (bio->io, bio->leg, IOP_STAGE_BDEV_FREE_IO, ts, sim->m->cpu_bdev_io_ns,
           _("The bdev_io is freed"),
           to_cache ? g_strdup_printf (_("spdk_bdev_free_io puts the %s back into %s's cache (%" PRId64 " of %" PRId64 " there now)."),
                                       _(bio->label), ts->t->name, cache->level + 1, cache->capacity)
                    : g_strdup_printf (_("spdk_bdev_free_io: %s's cache is full (%" PRId64 "), so the %s goes back to the global mempool."),
                                       ts->t->name, cache->capacity, _(bio->label)));
  to->level++;
  FREE (s, &bio->obj, to, before);
  /* spdk_bdev_free_io wakes io_wait entries while the cache has bdev_io */
  if (to_cache)
    while (cache->level > 0 && !g_queue_is_empty (&ts->io_wait))
      iop_waiter_resume (sim, g_queue_pop_head (&ts->io_wait));
}

/* --- Splitting a RAID child (bdev_io_split) -------------------------------------- */

#define REPLICA(l) ((char)('A' + (l)))

static void split_next (Sim *sim, gpointer obj, int arg);

/* The child iovec array every split pass fills: SPDK_BDEV_IO_NUM_CHILD_IOV */
#define CHILD_IOVS 32

/* bdev_io_split_done: the part's bdev_io is freed first; when none is
 * outstanding, the next pass goes out, or, all done, parent_bdev_io_complete
 * calls the RAID child's callback straight away (no spdk_bdev_io_complete) */
static void
split_done (Sim *sim, IopBdevIo *part, gboolean success)
{
  Piece *p = part->owner;
  Io *io = p->io;
  int L = p->leg;
  Leg *leg = &io->legs[L];
  gboolean last;

  leg->parts_done++;
  leg->parts_out--;
  if (!success && !leg->parts_failed)
    {
      /* a failed part ends the split: nothing more is submitted */
      leg->parts_failed = TRUE;
      leg->parts_next = io->n_parts;
    }
  last = leg->parts_out == 0 && leg->parts_next >= io->n_parts;
  REC (io, L, IOP_STAGE_BDEV_SPLIT_DONE, io->bt, sim->m->cpu_step_ns,
       iop_scratch (sim, g_strdup_printf (_("Part %d of %u done"), p->part + 1, io->n_parts)),
       g_strdup_printf (_("bdev_io_split_done frees this part's bdev_io; %u of %u parts of replica %c's child are done, %u still out. %s"),
                        leg->parts_done, io->n_parts, REPLICA (L), leg->parts_out,
                        leg->parts_out > 0 ? _("The child waits for them.")
                        : last ? (leg->parts_failed ? _("A part failed, so the split stopped: parent_bdev_io_complete calls the RAID child's callback with the failure, inside this call.")
                                                    : _("That was the last: parent_bdev_io_complete calls the RAID child's callback directly, inside this call (the child does not go through spdk_bdev_io_complete)."))
                        : _("None is out and parts remain: the split goes on with its next pass.")));
  iop_bdev_free_io (sim, part);
  if (leg->parts_out > 0)
    return;
  if (last)
    leg->child.cb (sim, &leg->child, !leg->parts_failed);
  else
    split_next (sim, io, L);
}

/* _bdev_rw_split: one pass submits parts until the 32 child iovecs are used */
static void
split_next (Sim *sim, gpointer obj, int L)
{
  Io *io = obj;
  Leg *leg = &io->legs[L];
  guint round = leg->parts_next < io->n_parts ? iop_piece (io, L, (int)leg->parts_next)->round : 0;

  while (leg->parts_next < io->n_parts)
    {
      Piece *p = iop_piece (io, L, (int)leg->parts_next);
      const char *label;

      if (p->round != round)
        return;   /* the pass is over: the next one starts when these are done */
      label = io->traced ? iop_scratch (sim, g_strdup_printf (_("bdev_io (part %d of %u, replica %c)"), p->part + 1, io->n_parts, REPLICA (L)))
                         : "bdev_io";
      if (!iop_bdev_get_io (sim, &p->part_bio, io, L, &sim->bm, io->bt, label, split_done, FALSE))
        {
          /* -ENOMEM: io_wait only when no part is outstanding; otherwise
           * bdev_io_split_done goes on once they are all back */
          if (leg->parts_out == 0)
            iop_bdev_queue_io_wait (sim, io, L, io->bt, split_next, io, L,
                                    N_("No part of the split is outstanding, so it waits on io_wait for a bdev_io and goes on from this part when one is freed on this thread."));
          return;
        }
      leg->parts_next++;
      leg->parts_out++;
      p->part_bio.owner = p;
      p->bio = &p->part_bio;
      iop_bdev_nvme_submit (sim, &p->part_bio);
    }
}

void
iop_bdev_submit_child (Sim *sim, Io *io, int L)
{
  Leg *leg = &io->legs[L];
  guint max = sim->max_segments;
  guint n = 0, rounds = 0;
  char sz[32];

  /* the parts of _bdev_rw_split: each pass fills the 32 child iovecs, a part
   * taking at most max_num_segments of them */
  if (io->iovcnt > max)
    for (guint iov = 0, used = CHILD_IOVS; iov < io->iovcnt; n++)
      {
        guint c;

        if (used >= CHILD_IOVS)
          used = 0, rounds++;
        c = MIN (MIN (CHILD_IOVS - used, max), io->iovcnt - iov);
        iov += c;
        used += c;
      }
  else
    n = rounds = 1;
  if (n != io->n_parts)
    iop_io_set_parts (sim, io, n);
  leg->parts_done = leg->parts_out = leg->parts_next = 0;
  leg->parts_failed = FALSE;
  if (n == 1)
    {
      Piece *p = iop_piece (io, L, 0);
      p->size = io->size;
      p->iovcnt = io->iovcnt;
      p->round = 0;
      p->bio = &leg->child;
      leg->child.owner = p;
      iop_bdev_nvme_submit (sim, &leg->child);
      return;
    }
  for (guint k = 0, iov = 0, used = CHILD_IOVS, r = 0; k < n; k++)
    {
      Piece *p = iop_piece (io, L, (int)k);
      guint c;

      if (used >= CHILD_IOVS)
        used = 0, r++;
      c = MIN (MIN (CHILD_IOVS - used, max), io->iovcnt - iov);
      p->iovcnt = c;
      p->round = r - 1;
      p->size = io->size * (gint64)(iov + c) / io->iovcnt - io->size * (gint64)iov / io->iovcnt;
      iov += c;
      used += c;
    }
  REC (io, L, IOP_STAGE_BDEV_SPLIT, io->bt, sim->m->cpu_step_ns,
       iop_scratch (sim, g_strdup_printf (_("The child is split in %u"), n)),
           rounds == 1
           ? g_strdup_printf (_("bdev_io_submit finds %u iovecs in replica %c's child, more than the NVMe bdev takes in one command (max_num_segments %u: nvme_disk_create caps it at the controller's SGL descriptors, 16 for an SPDK NVMe-oF target). bdev_io_split cuts it into %u parts of about %s, each a bdev_io of its own, submitted one after the other."),
                              io->iovcnt, REPLICA (L), max, n, iop_size_str (io->size / n, sz, sizeof sz))
           : g_strdup_printf (_("bdev_io_submit finds %u iovecs in replica %c's child, more than the NVMe bdev takes in one command (max_num_segments %u: nvme_disk_create caps it at the controller's SGL descriptors, 16 for an SPDK NVMe-oF target). bdev_io_split cuts it into %u parts of about %s, each a bdev_io of its own. One pass fills the parent's 32 child iovecs, so the parts go out in %u passes: the next pass starts when every part of the one before has completed."),
                              io->iovcnt, REPLICA (L), max, n, iop_size_str (io->size / n, sz, sizeof sz), rounds));
  split_next (sim, io, L);
}
