/* iop-iobuf.c: lib/thread/iobuf.c as the model has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-iobuf.h"
#include "iop-pool.h"
#include "iop-recorder.h"

const char *
iop_iobuf_class_name (IopBufClass c)
{
  return c == IOP_BUF_SMALL ? _("small") : _("large");
}

void
iop_iobuf_chan_init (Sim         *sim,
                     HostState   *hs,
                     ThreadState *ts,
                     IobufChan   *ch,
                     const char  *module,
                     gint64       small,
                     gint64       large)
{
  ch->module = module;
  ch->host = hs;
  for (guint c = 0; c < 2; c++)
    {
      ch->cache[c] = iop_res_new (sim, c == IOP_BUF_SMALL ? small : large, 0);
      ch->central[c] = hs->central[c];
      ch->queue[c] = &ts->iobuf_queue[c];
    }
}

/* iobuf_channel_node_populate(): fill a new cache from the ring in batches;
 * SPDK fails the channel when the ring runs dry. */
static gboolean
populate (Sim *sim, HostState *hs, IobufChan *ch, IopBufClass c)
{
  gint64 size = ch->cache[c]->capacity;
  gint64 take = MIN (size, ch->central[c]->level);

  ch->central[c]->level -= take;
  ch->cache[c]->level = take;
  if (take < size)
    {
      const char *kind = c == IOP_BUF_SMALL ? "small" : "large";
      iop_diag (sim, IOP_DIAG_ERROR, hs->host, TRUE, "lib/thread/iobuf.c",
                c == IOP_BUF_SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
                g_strdup_printf ("Failed to populate '%s' iobuf %s buffer cache at %" PRId64 "/%" PRId64
                                 " entries. You may need to increase spdk_iobuf_opts.%s_pool_count (%" PRId64 ")",
                                 ch->module, kind, take, size, kind, ch->central[c]->capacity));
      iop_diag (sim, IOP_DIAG_ERROR, hs->host, TRUE, "lib/thread/iobuf.c", NULL,
                g_strdup ("See scripts/calc-iobuf.py for guidance on how to calculate this value."));
      return FALSE;
    }
  return TRUE;
}

gboolean
iop_iobuf_chan_populate (Sim *sim, HostState *hs, IobufChan *ch)
{
  for (guint c = 0; c < 2; c++)
    if (!populate (sim, hs, ch, c))
      {
        /* SPDK gives back what it took: spdk_iobuf_channel_fini */
        for (guint k = 0; k <= c; k++)
          {
            ch->central[k]->level += ch->cache[k]->level;
            ch->cache[k]->level = 0;
          }
        return FALSE;
      }
  return TRUE;
}

IopIobufResult
iop_iobuf_get (IobufChan *ch, IopBufClass c, gint64 *batch)
{
  gint64 want, got;

  if (ch->cache[c]->level > 0)
    {
      ch->cache[c]->level--;
      ch->stats_cache[c]++;
      return IOP_IOBUF_FROM_CACHE;
    }
  want = MIN (IOP_IOBUF_BATCH_SIZE, MAX (ch->cache[c]->capacity, 1));
  got = MIN (want, ch->central[c]->level);
  if (got == 0)
    {
      ch->stats_retry[c]++;
      return IOP_IOBUF_RETRY;
    }
  ch->central[c]->level -= got;
  ch->stats_main[c]++;
  ch->cache[c]->level += got - 1;
  if (batch)
    *batch = got;
  return IOP_IOBUF_FROM_MAIN;
}

void
iop_iobuf_put (Sim *sim, IobufChan *ch, IopBufClass c)
{
  Waiter *w = g_queue_pop_head (ch->queue[c]);
  gint64 sz;

  if (w != NULL)
    {
      iop_waiter_resume (sim, w);
      return;
    }
  if (ch->cache[c]->capacity == 0)
    ch->central[c]->level++;
  else
    {
      ch->cache[c]->level++;
      sz = MIN (IOP_IOBUF_BATCH_SIZE, ch->cache[c]->capacity);
      if (ch->cache[c]->level >= ch->cache[c]->capacity + sz)
        {
          ch->cache[c]->level -= sz;
          ch->central[c]->level += sz;
        }
    }
  if (ch->host->n_pending_threads > 0 && sim->buffers_freed != NULL)
    sim->buffers_freed (sim, ch->host);
}

void
iop_iobuf_collect_stats (Sim *sim, HostState *hs, GPtrArray *stats)
{
  for (guint m = 0; m < 3; m++)
    {
      IopIobufStats *st = NULL;

      for (guint i = 0; i < hs->threads->len; i++)
        {
          ThreadState *ts = g_ptr_array_index (hs->threads, i);
          IobufChan *chans[3] = { &ts->bdev_iobuf, &ts->accel_iobuf, &ts->transport_iobuf };
          IobufChan *ch = chans[m];

          if (ch->module == NULL)
            continue;
          if (st == NULL)
            {
              st = g_new0 (IopIobufStats, 1);
              st->place = hs->place;
              st->node = hs->node;
              st->module = g_strdup (ch->module);
            }
          st->small_cache += ch->stats_cache[IOP_BUF_SMALL];
          st->small_main += ch->stats_main[IOP_BUF_SMALL];
          st->small_retry += ch->stats_retry[IOP_BUF_SMALL];
          st->large_cache += ch->stats_cache[IOP_BUF_LARGE];
          st->large_main += ch->stats_main[IOP_BUF_LARGE];
          st->large_retry += ch->stats_retry[IOP_BUF_LARGE];
        }
      if (st != NULL)
        g_ptr_array_add (stats, st);
    }
}
