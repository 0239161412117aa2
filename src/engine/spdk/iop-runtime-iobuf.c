/* iop-runtime-iobuf.c: explaining the iobuf pools and caches
 *
 * Reads one or two iobuf_get_stats samples (v26.05 adds cache_size) for
 * starvation, circular waits, cache misses and the busiest module, and
 * adds up the cache demand against the small pool as scripts/calc-iobuf.py
 * does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-format.h"
#include "iop-json-util.h"
#include "iop-runtime-private.h"

gboolean
iop_rt_iobuf_counts (IopDump    *d,
                     const char *module,
                     const char *pool,
                     PoolCounts *out)
{
  JsonArray *a = iop_rt_dump_array (d);

  memset (out, 0, sizeof *out);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonObject *po;

      if (g_strcmp0 (iop_json_get_str (o, "module"), module) != 0)
        continue;
      po = iop_json_get_object (o, pool);
      if (po == NULL)
        return FALSE;
      iop_json_get_count (po, "cache", &out->cache);
      iop_json_get_count (po, "main", &out->main);
      iop_json_get_count (po, "retry", &out->retry);
      out->has_cache_size = iop_json_get_count (po, "cache_size", &out->cache_size);
      return TRUE;
    }
  return FALSE;
}

static const char *
iobuf_cache_knob (Explain    *ex,
                  const char *module,
                  gboolean    small)
{
  if (g_strcmp0 (module, "bdev") == 0)
    return small ? "bdev_set_options.iobuf_small_cache_size" : "bdev_set_options.iobuf_large_cache_size";
  if (g_strcmp0 (module, "accel") == 0)
    return small ? "accel_set_options.small_cache_size" : "accel_set_options.large_cache_size";
  if (g_str_has_prefix (module, "nvmf_"))
    {
      if (ex->version_known && ex->version == IOP_SPDK_V26_05)
        return small ? "nvmf_create_transport.iobuf_small_cache_size" : "nvmf_create_transport.iobuf_large_cache_size";
      return "nvmf_create_transport.buf_cache_size";
    }
  return NULL;
}

/* What the retry counter says: still growing, stuck, past or (with one
 * sample) unknown */
static void
iobuf_retry_findings (Explain          *ex,
                      const char       *module,
                      gboolean          small,
                      gboolean          two,
                      gint64            retry,
                      gint64            d_cache,
                      gint64            d_main,
                      gint64            d_retry)
{
  const char *pool_label = small ? _("small") : _("large");
  const char *pool_knob = small ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count";

  if (two && d_retry > 0)
    {
      g_autofree char *r = iop_format_count (d_retry);
      g_autofree char *tot = iop_format_count (retry);
      g_autofree char *title = g_strdup_printf (_("%s is starved of %s buffers: its retries are still growing"), module, pool_label);
      g_autofree char *ev = g_strdup_printf (_("retry grew by %s between the two samples (now %s): requests queue because the central %s pool is empty. The pool is too small for the load and the caches every thread keeps."),
                                             r, tot, pool_label);
      iop_rt_add_finding (ex, IOP_SEVERITY_ERROR, "iobuf-retry-growing", pool_knob, title, ev);
    }
  else if (two && retry > 0 && d_cache == 0 && d_main == 0)
    {
      g_autofree char *tot = iop_format_count (retry);
      g_autofree char *title = g_strdup_printf (_("%s's %s-buffer waits are stuck: suspect a circular wait"), module, pool_label);
      g_autofree char *ev = g_strdup_printf (_("retry stays at %s and nothing else moves between the samples: requests wait for buffers that the layers holding them will only return when their own requests get buffers. Stacked layers sharing one pool (transport → RAID → bdev_nvme) can deadlock this way."),
                                             tot);
      iop_rt_add_finding (ex, IOP_SEVERITY_ERROR, "iobuf-circular-wait", pool_knob, title, ev);
    }
  else if (two && retry > 0)
    {
      g_autofree char *tot = iop_format_count (retry);
      g_autofree char *title = g_strdup_printf (_("%s waited for %s buffers earlier, not between these samples"), module, pool_label);
      g_autofree char *ev = g_strdup_printf (_("retry is %s but did not grow while buffers kept flowing: a past burst emptied the pool; it recovered."), tot);
      iop_rt_add_finding (ex, IOP_SEVERITY_WARNING, "iobuf-retry-past", pool_knob, title, ev);
    }
  else if (!two && retry > 0)
    {
      g_autofree char *tot = iop_format_count (retry);
      g_autofree char *title = g_strdup_printf (_("%s had to wait for %s buffers"), module, pool_label);
      g_autofree char *ev = g_strdup_printf (_("retry = %s: the central %s pool was empty that many times. One sample cannot say whether it is still happening: take a second iobuf_get_stats a few seconds later (growing = pool too small; stuck and non-zero with no traffic = circular wait)."),
                                             tot, pool_label);
      iop_rt_add_finding (ex, IOP_SEVERITY_WARNING, "iobuf-retry", pool_knob, title, ev);
    }
}

/* Cache misses: main counts batches taken from the central ring */
static void
iobuf_cache_misses (Explain    *ex,
                    const char *module,
                    gboolean    small,
                    gint64      c,
                    gint64      m)
{
  const char *pool_label = small ? _("small") : _("large");
  const char *knob = iobuf_cache_knob (ex, module, small);

  if (iop_sat_add (c, m) >= 1000 && (double)m * 10 >= (double)c + (double)m)
    {
      g_autofree char *cs = iop_format_count (c);
      g_autofree char *ms = iop_format_count (m);
      g_autofree char *title = g_strdup_printf (_("%s's %s cache often runs dry"), module, pool_label);
      g_autofree char *ev = g_strdup_printf (_("%s gets from the thread's cache, %s trips to the central ring (%.0f%%); each trip takes a batch of up to 32 buffers with an atomic ring operation. A larger cache makes them rarer, at the price of buffers parked per thread."),
                                             cs, ms, 100.0 * m / ((double)c + (double)m));
      iop_rt_add_finding (ex, IOP_SEVERITY_NOTICE, "iobuf-cache-misses", knob, title, ev);
    }
}

void
iop_rt_explain_iobuf (Explain *ex)
{
  IopDump *last = ex->of[IOP_DUMP_IOBUF_GET_STATS];
  IopDump *first = ex->iobuf_first;
  JsonArray *a = iop_rt_dump_array (last);
  const char *pools[] = { "small_pool", "large_pool" };
  g_autoptr(GString) traffic = g_string_new (NULL);
  g_autoptr(GString) zero = g_string_new (NULL);
  const char *busiest = NULL;
  gint64 busiest_gets = -1;
  gboolean any_retry = FALSE;
  gboolean backwards = FALSE;

  if (a == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;
      gint64 module_gets = 0;
      g_autoptr(GString) mod = g_string_new (NULL);

      if (module == NULL)
        continue;
      for (guint p = 0; p < 2; p++)
        {
          gboolean small = p == 0;
          const char *pool_label = small ? _("small") : _("large");
          PoolCounts now, then;
          gboolean two;
          gint64 gets, d_cache = 0, d_main = 0, d_retry = 0;

          if (!iop_rt_iobuf_counts (last, module, pools[p], &now))
            continue;
          two = first != NULL && iop_rt_iobuf_counts (first, module, pools[p], &then);
          if (two && (now.cache < then.cache || now.main < then.main || now.retry < then.retry))
            {
              /* counters never go down in one run: SPDK restarted, or they were reset */
              backwards = TRUE;
              two = FALSE;
            }
          if (two)
            {
              /* both are counts (0 or more): no overflow */
              d_cache = now.cache - then.cache;
              d_main = now.main - then.main;
              d_retry = now.retry - then.retry;
            }
          gets = two ? iop_sat_add (d_cache, d_main) : iop_sat_add (now.cache, now.main);
          module_gets = iop_sat_add (module_gets, gets);
          if (two)
            {
              g_autofree char *c = iop_format_count (d_cache);
              g_autofree char *m = iop_format_count (d_main);
              g_autofree char *r = iop_format_count (d_retry);
              g_string_append_printf (mod, _("%s%s: +%s cache, +%s main, +%s retry"), mod->len ? "; " : "", pool_label, c, m, r);
            }
          else
            {
              g_autofree char *c = iop_format_count (now.cache);
              g_autofree char *m = iop_format_count (now.main);
              g_autofree char *r = iop_format_count (now.retry);
              g_string_append_printf (mod, _("%s%s: cache %s, main %s, retry %s"), mod->len ? "; " : "", pool_label, c, m, r);
            }
          if (now.has_cache_size)
            g_string_append_printf (mod, _(" (cache of %" PRId64 ")"), now.cache_size);

          if (now.retry > 0)
            any_retry = TRUE;
          iobuf_retry_findings (ex, module, small, two, now.retry, d_cache, d_main, d_retry);
          iobuf_cache_misses (ex, module, small, two ? d_cache : now.cache, two ? d_main : now.main);
        }
      if (module_gets > busiest_gets)
        {
          busiest_gets = module_gets;
          busiest = module;
        }
      if (module_gets > 0)
        g_string_append_printf (traffic, "%s%s — %s", traffic->len ? ". " : "", module, mod->str);
      else
        g_string_append_printf (zero, "%s%s", zero->len ? ", " : "", module);
    }

  if (backwards)
    iop_rt_add_finding (ex, IOP_SEVERITY_WARNING, "iobuf-counters-reset", NULL,
                        _("The two iobuf_get_stats samples are not of one run"),
                        _("some counters are lower in the later sample: SPDK restarted between the samples, or its counters were reset. Those pools are read from the later sample alone."));
  if (!any_retry)
    {
      g_autofree char *ev = g_strdup_printf (_("retry is 0 for every module and both pools%s: no request ever found the central pool empty."),
                                             first ? _(" in both samples") : "");
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "iobuf-no-starvation", NULL, _("No iobuf starvation"), ev);
    }
  if (busiest != NULL && busiest_gets > 0)
    {
      g_autoptr(GString) ev = g_string_new (traffic->str);
      g_autofree char *title = g_strdup_printf (_("%s takes most iobuf buffers%s"), busiest, first ? _(" between the two samples") : "");

      if (zero->len)
        g_string_append_printf (ev, _(". No buffers taken by %s"), zero->str);
      if (strstr (zero->str, "bdev") != NULL && g_str_has_prefix (busiest, "nvmf_"))
        g_string_append (ev, _(": the bdev layer asks for a buffer only when the I/O arrives without one, and the NVMf transport above has already supplied it. Debug transport-side buffering and poll-group fan-out before the generic bdev buffers."));
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "iobuf-traffic", iobuf_cache_knob (ex, busiest, TRUE), title, ev->str);
    }
  else if (a != NULL && json_array_get_length (a) > 0)
    iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "iobuf-idle", NULL, _("No module took iobuf buffers"),
                        _("cache, main and retry are 0 everywhere: no I/O needed a transport or bdev buffer while these counters ran."));
}


/* Cache demand against the pools, as scripts/calc-iobuf.py adds it up */
void
iop_rt_explain_pool_headroom (Explain *ex)
{
  JsonArray *subs = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_SAVE_CONFIG]), "subsystems");
  gint64 small_pool = -1, bdev_small = -1, accel_small = -1, small_bufsize = 8192;
  gint64 nsb = -1, bcs = -1;
  guint n_bdev = 0, n_accel = 0;
  gint64 transport_cache = 0, demand;

  if (subs == NULL || ex->of[IOP_DUMP_THREAD_GET_IO_CHANNELS] == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (subs); i++)
    {
      JsonNode *sn = json_array_get_element (subs, i);
      JsonArray *cfg = JSON_NODE_HOLDS_OBJECT (sn) ? iop_json_get_array (json_node_get_object (sn), "config") : NULL;

      for (guint j = 0; cfg && j < json_array_get_length (cfg); j++)
        {
          JsonNode *en = json_array_get_element (cfg, j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *m = iop_json_get_str (eo, "method");
          JsonObject *p = iop_json_get_object (eo, "params");

          if (g_strcmp0 (m, "iobuf_set_options") == 0)
            {
              iop_json_get_count (p, "small_pool_count", &small_pool);
              iop_json_get_count (p, "small_bufsize", &small_bufsize);
            }
          else if (g_strcmp0 (m, "bdev_set_options") == 0)
            iop_json_get_count (p, "iobuf_small_cache_size", &bdev_small);
          else if (g_strcmp0 (m, "accel_set_options") == 0)
            iop_json_get_count (p, "small_cache_size", &accel_small);
          else if (g_strcmp0 (m, "nvmf_create_transport") == 0)
            {
              iop_json_get_count (p, "num_shared_buffers", &nsb);
              iop_json_get_count (p, "buf_cache_size", &bcs);
            }
        }
    }
  if (small_pool <= 0 || bdev_small < 0 || accel_small < 0)
    return;
  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);

      for (guint c = 0; c < t->io_channels->len; c++)
        {
          const char *name = g_ptr_array_index (t->io_channels, c);
          if (g_strcmp0 (name, "bdev_mgr") == 0)
            n_bdev++;
          else if (g_strcmp0 (name, "accel") == 0)
            n_accel++;
        }
    }
  /* values of any size a config may hold: sums and products saturate */
  if (nsb >= 0 && ex->n_poll_groups > 0)
    transport_cache = iop_sat_mul (bcs == G_GINT64_CONSTANT (4294967295)
                                   ? (iop_sat_mul (nsb, 3) / 4) / ex->n_poll_groups : bcs,
                                   ex->n_poll_groups);
  demand = iop_sat_add (iop_sat_add (iop_sat_mul (n_bdev, bdev_small), iop_sat_mul (n_accel, accel_small)),
                        transport_cache);
  {
    g_autofree char *ev = g_strdup_printf (_("%u threads with a bdev channel × %" PRId64 " + %u with an accel channel × %" PRId64 " + the transport's poll-group caches %" PRId64 " = %" PRId64 " small buffers parked in caches, of a small pool of %" PRId64 " (%.0f%%); each is %" PRId64 " bytes. scripts/calc-iobuf.py adds the same terms."),
                                           n_bdev, bdev_small, n_accel, accel_small, transport_cache, demand, small_pool,
                                           100.0 * demand / small_pool, small_bufsize);
    iop_rt_add_finding (ex, demand > small_pool ? IOP_SEVERITY_ERROR : (iop_sat_mul (demand, 2) > small_pool ? IOP_SEVERITY_WARNING : IOP_SEVERITY_INFO),
                        "iobuf-headroom", "iobuf_set_options.small_pool_count",
                        demand > small_pool ? _("The small pool cannot fill every cache")
                        : (iop_sat_mul (demand, 2) > small_pool ? _("The caches take more than half the small pool") : _("The small pool has room beyond the caches")),
                        ev);
  }
}

/* save_config shows what bdev_nvme wrote back, not always what was set */
