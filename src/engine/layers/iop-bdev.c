/* iop-bdev.c: lib/bdev/bdev.c, the generic bdev layer on either host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev.h"
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

  s = REC (bio->io, bio->leg, IOP_STAGE_BDEV_GET_BUF, bio->ts, sim->m->cpu_bdev_io_ns,
           _("Buffer check: the I/O brought its buffer"),
           g_strdup (sim->front_tcp
                     ? _("The bdev_io already carries the TCP transport's buffers as its iovecs, so spdk_bdev_io_get_buf calls back at once: no \"bdev\" iobuf buffer is taken.")
                     : _("The bdev_io already carries the guest's iovecs (mapped by VFIO-user) and they are aligned, so spdk_bdev_io_get_buf calls back at once: no \"bdev\" iobuf buffer is taken. This is why the bdev module's iobuf counters stay at zero in iobuf_get_stats on this host.")));
  KNOB (s, IOP_HOST_BAREMETAL, "bdev_set_options.iobuf_small_cache_size", g_strdup (_("not used by this read: it brought its own buffer")));
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
