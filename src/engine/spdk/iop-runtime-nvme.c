/* iop-runtime-nvme.c: explaining NVMf, NVMe and bdev dumps
 *
 * nvmf_get_stats and nvmf_get_transports (poll groups, qpairs),
 * bdev_nvme_get_controllers and bdev_nvme_get_io_paths, bdev_get_iostat
 * (with RAID1's reads per leg), and what save_config says of bdev_nvme.
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

void
iop_rt_explain_nvmf (Explain *ex)
{
  JsonArray *pgs = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_NVMF_GET_STATS]), "poll_groups");
  JsonArray *tr = iop_rt_dump_array (ex->of[IOP_DUMP_NVMF_GET_TRANSPORTS]);

  if (pgs && json_array_get_length (pgs) >= 2)
    {
      gint64 max = -1, min = G_MAXINT64;
      g_autoptr(GString) ev = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (pgs); i++)
        {
          JsonNode *n = json_array_get_element (pgs, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          gint64 done = 0, qp = 0, cur = 0;
          g_autofree char *ds = NULL;

          iop_json_get_count (o, "completed_nvme_io", &done);
          iop_json_get_count (o, "io_qpairs", &qp);
          iop_json_get_count (o, "current_io_qpairs", &cur);
          max = MAX (max, done);
          min = MIN (min, done);
          ds = iop_format_count (done);
          g_string_append_printf (ev, _("%s%s: %s I/Os completed, %" PRId64 " I/O qpairs (%" PRId64 " now)"),
                                  ev->len ? "; " : "", iop_json_get_str (o, "name") ? iop_json_get_str (o, "name") : "?", ds, qp, cur);
        }
      if (max >= 1000 && iop_sat_mul (min, 4) < max)
        {
          g_string_append (ev, _(". Each I/O qpair is served by one poll group, chosen when the host connects: with fewer qpairs than poll groups, or a host that spreads its I/O unevenly over its qpairs, some poll groups carry the load and others idle."));
          iop_rt_add_finding (ex, IOP_SEVERITY_NOTICE, "poll-groups-unbalanced", NULL,
                              _("The NVMf poll groups carry very different loads"), ev->str);
        }
    }
  for (guint i = 0; tr && i < json_array_get_length (tr); i++)
    {
      JsonNode *n = json_array_get_element (tr, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *trtype = iop_json_get_str (o, "trtype");
      gint64 nsb = -1, bcs = -1, iou = -1, icd = -1, small_cache = -1;
      g_autoptr(GString) ev = g_string_new (NULL);
      guint pg = ex->n_poll_groups;

      iop_json_get_count (o, "num_shared_buffers", &nsb);
      iop_json_get_count (o, "buf_cache_size", &bcs);
      iop_json_get_count (o, "io_unit_size", &iou);
      iop_json_get_count (o, "in_capsule_data_size", &icd);
      iop_json_get_count (o, "iobuf_small_cache_size", &small_cache);

      if (nsb >= 0)
        {
          g_string_append_printf (ev, _("num_shared_buffers %" PRId64), nsb);
          if (bcs == G_GINT64_CONSTANT (4294967295))
            {
              g_string_append (ev, _(", buf_cache_size automatic"));
              if (pg > 0)
                g_string_append_printf (ev, _(": at v26.01 each of the %u poll groups caches (%" PRId64 " × 3/4) / %u = %" PRId64 " buffers"),
                                        pg, nsb, pg, (iop_sat_mul (nsb, 3) / 4) / pg);
            }
          else if (bcs >= 0)
            g_string_append_printf (ev, _(", buf_cache_size %" PRId64 " per poll group"), bcs);
        }
      else if (small_cache >= 0)
        g_string_append_printf (ev, small_cache == G_GINT64_CONSTANT (4294967295)
                                ? _("iobuf_small_cache_size automatic: (small_pool_count / 2) / poll groups at v26.05")
                                : _("iobuf_small_cache_size %" PRId64), small_cache);
      if (iou > 0)
        g_string_append_printf (ev, _("; io_unit_size %" PRId64), iou);
      if (icd >= 0)
        g_string_append_printf (ev, _("; in_capsule_data_size %" PRId64 ": writes up to that size arrive inside the command and take no transport buffer"), icd);
      if (ev->len && trtype)
        {
          g_autofree char *title = g_strdup_printf (_("The %s transport's buffers"), trtype);
          iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "transport-buffers",
                              nsb >= 0 ? "nvmf_create_transport.buf_cache_size" : "nvmf_create_transport.iobuf_small_cache_size",
                              title, ev->str);
        }
    }
}

void
iop_rt_explain_nvme (Explain *ex)
{
  JsonArray *ctrls = iop_rt_dump_array (ex->of[IOP_DUMP_BDEV_NVME_GET_CONTROLLERS]);
  JsonArray *pgs = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_BDEV_NVME_GET_IO_PATHS]), "poll_groups");
  g_autoptr(GString) ev = g_string_new (NULL);
  g_autoptr(GString) bad = g_string_new (NULL);
  guint n_ctrl = 0, n_paths = 0;

  for (guint i = 0; ctrls && i < json_array_get_length (ctrls); i++)
    {
      JsonNode *n = json_array_get_element (ctrls, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      JsonArray *cs = iop_json_get_array (o, "ctrlrs");

      n_ctrl++;
      for (guint j = 0; cs && j < json_array_get_length (cs); j++)
        {
          JsonNode *cn = json_array_get_element (cs, j);
          JsonObject *co = JSON_NODE_HOLDS_OBJECT (cn) ? json_node_get_object (cn) : NULL;
          JsonObject *trid = iop_json_get_object (co, "trid");
          const char *state = iop_json_get_str (co, "state");

          n_paths++;
          g_string_append_printf (ev, "%s%s: %s %s:%s %s", ev->len ? "; " : "", iop_json_get_str (o, "name") ? iop_json_get_str (o, "name") : "?",
                                  iop_json_get_str (trid, "trtype") ? iop_json_get_str (trid, "trtype") : "?",
                                  iop_json_get_str (trid, "traddr") ? iop_json_get_str (trid, "traddr") : "?",
                                  iop_json_get_str (trid, "trsvcid") ? iop_json_get_str (trid, "trsvcid") : "?",
                                  state ? state : "?");
          if (state && g_strcmp0 (state, "enabled") != 0)
            g_string_append_printf (bad, "%s%s (%s)", bad->len ? ", " : "", iop_json_get_str (o, "name"), state);
        }
    }
  if (n_ctrl)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u NVMe controller, %u path in all", "%u NVMe controllers, %u paths in all", n_ctrl), n_ctrl, n_paths);
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "nvme-controllers", NULL, title, ev->str);
    }
  if (bad->len)
    {
      g_autofree char *e2 = g_strdup_printf (_("%s: I/O to them waits or fails over while bdev_nvme reconnects, within ctrlr_loss_timeout_sec."), bad->str);
      iop_rt_add_finding (ex, IOP_SEVERITY_WARNING, "nvme-controller-state", "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
                          _("Some NVMe controllers are not enabled"), e2);
    }
  if (pgs && json_array_get_length (pgs) > 0)
    {
      guint n_threads = json_array_get_length (pgs), n_qp = 0;
      g_autoptr(GString) th = g_string_new (NULL);

      for (guint i = 0; i < n_threads; i++)
        {
          JsonNode *n = json_array_get_element (pgs, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          JsonArray *paths = iop_json_get_array (o, "io_paths");

          n_qp += paths ? json_array_get_length (paths) : 0;
          g_string_append_printf (th, "%s%s", th->len ? ", " : "", iop_json_get_str (o, "thread") ? iop_json_get_str (o, "thread") : "?");
        }
      {
        g_autofree char *e3 = g_strdup_printf (_("%u threads (%s) each hold their own qpair on each path: %u I/O qpairs in all, each with its own io_queue_requests nvme_request objects. The multiplier is threads × controllers × paths, not the number of volumes."),
                                               n_threads, th->str, n_qp);
        iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "qpair-fanout", "bdev_nvme_set_options.io_queue_requests",
                            _("NVMe qpairs multiply with threads"), e3);
      }
    }
}

void
iop_rt_explain_iostat (Explain *ex)
{
  IopDump *d = ex->of[IOP_DUMP_BDEV_GET_IOSTAT];
  JsonObject *o = iop_rt_dump_object (d);
  JsonArray *bdevs = iop_json_get_array (o, "bdevs");
  JsonArray *raids = iop_rt_dump_array (ex->of[IOP_DUMP_BDEV_RAID_GET_BDEVS]);
  double rate = iop_rt_tick_rate_of (d) > 0 ? iop_rt_tick_rate_of (d) : ex->host->tick_rate;
  g_autoptr(GString) ev = g_string_new (NULL);

  if (bdevs == NULL || rate <= 0)
    return;
  for (guint i = 0; i < json_array_get_length (bdevs); i++)
    {
      JsonNode *n = json_array_get_element (bdevs, i);
      JsonObject *b = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      gint64 rops = 0, wops = 0, rt = 0, wt = 0;

      iop_json_get_count (b, "num_read_ops", &rops);
      iop_json_get_count (b, "num_write_ops", &wops);
      iop_json_get_count (b, "read_latency_ticks", &rt);
      iop_json_get_count (b, "write_latency_ticks", &wt);
      if (rops == 0 && wops == 0)
        continue;
      g_string_append_printf (ev, "%s%s: ", ev->len ? "; " : "", iop_json_get_str (b, "name") ? iop_json_get_str (b, "name") : "?");
      if (rops)
        {
          g_autofree char *c = iop_format_count (rops);
          g_string_append_printf (ev, _("%s reads, %.3f ms average"), c, rt / (double)rops / rate * 1000);
        }
      if (wops)
        {
          g_autofree char *c = iop_format_count (wops);
          g_string_append_printf (ev, _("%s%s writes, %.3f ms average"), rops ? ", " : "", c, wt / (double)wops / rate * 1000);
        }
    }
  if (ev->len)
    iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "bdev-latency", NULL, _("I/O counts and average latency per bdev (bdev_get_iostat)"), ev->str);

  /* RAID1: reads go to the leg with fewer outstanding reads; writes to every leg */
  for (guint i = 0; raids && i < json_array_get_length (raids); i++)
    {
      JsonNode *rn = json_array_get_element (raids, i);
      JsonObject *ro = JSON_NODE_HOLDS_OBJECT (rn) ? json_node_get_object (rn) : NULL;
      JsonArray *legs = iop_json_get_array (ro, "base_bdevs_list");
      g_autoptr(GString) rev = g_string_new (NULL);
      gint64 total_reads = 0, raid_writes = -1;
      gboolean mirrored = TRUE;

      if (g_strcmp0 (iop_json_get_str (ro, "raid_level"), "raid1") != 0 || legs == NULL)
        continue;
      for (guint b = 0; b < json_array_get_length (bdevs); b++)
        {
          JsonNode *bn = json_array_get_element (bdevs, b);
          JsonObject *bo = JSON_NODE_HOLDS_OBJECT (bn) ? json_node_get_object (bn) : NULL;
          if (g_strcmp0 (iop_json_get_str (bo, "name"), iop_json_get_str (ro, "name")) == 0)
            iop_json_get_count (bo, "num_write_ops", &raid_writes);
        }
      for (guint l = 0; l < json_array_get_length (legs); l++)
        {
          JsonNode *ln = json_array_get_element (legs, l);
          const char *leg = JSON_NODE_HOLDS_OBJECT (ln) ? iop_json_get_str (json_node_get_object (ln), "name") : NULL;

          for (guint b = 0; leg && b < json_array_get_length (bdevs); b++)
            {
              JsonNode *bn = json_array_get_element (bdevs, b);
              JsonObject *bo = JSON_NODE_HOLDS_OBJECT (bn) ? json_node_get_object (bn) : NULL;
              gint64 r = 0;
              gint64 w = 0;

              if (g_strcmp0 (iop_json_get_str (bo, "name"), leg) != 0)
                continue;
              iop_json_get_count (bo, "num_read_ops", &r);
              iop_json_get_count (bo, "num_write_ops", &w);
              total_reads = iop_sat_add (total_reads, r);
              if (raid_writes >= 0 && w != raid_writes)
                mirrored = FALSE;
            }
        }
      if (total_reads == 0)
        continue;
      for (guint l = 0; l < json_array_get_length (legs); l++)
        {
          JsonNode *ln = json_array_get_element (legs, l);
          const char *leg = JSON_NODE_HOLDS_OBJECT (ln) ? iop_json_get_str (json_node_get_object (ln), "name") : NULL;

          for (guint b = 0; leg && b < json_array_get_length (bdevs); b++)
            {
              JsonNode *bn = json_array_get_element (bdevs, b);
              JsonObject *bo = JSON_NODE_HOLDS_OBJECT (bn) ? json_node_get_object (bn) : NULL;
              gint64 r = 0;
              g_autofree char *rs = NULL;

              if (g_strcmp0 (iop_json_get_str (bo, "name"), leg) != 0)
                continue;
              iop_json_get_count (bo, "num_read_ops", &r);
              rs = iop_format_count (r);
              g_string_append_printf (rev, "%s%s %s (%.1f%%)", rev->len ? ", " : "", leg, rs, 100.0 * r / total_reads);
            }
        }
      {
        g_autofree char *title = g_strdup_printf (_("RAID1 %s spreads its reads over its legs"), iop_json_get_str (ro, "name"));
        g_autofree char *e2 = g_strdup_printf (_("reads per leg: %s. raid1 sends each read to the leg with the fewest read blocks outstanding on the channel (raid1_channel_next_read_base_bdev), not round-robin.%s"),
                                               rev->str, mirrored && raid_writes > 0 ? _(" Every write went to every leg, as a mirror must.") : "");
        iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "raid1-reads", NULL, title, e2);
      }
    }
}
void
iop_rt_explain_config (Explain *ex)
{
  JsonArray *subs = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_SAVE_CONFIG]), "subsystems");
  gint64 iqr = -1;
  gboolean attached = FALSE;

  for (guint i = 0; subs && i < json_array_get_length (subs); i++)
    {
      JsonNode *sn = json_array_get_element (subs, i);
      JsonArray *cfg = JSON_NODE_HOLDS_OBJECT (sn) ? iop_json_get_array (json_node_get_object (sn), "config") : NULL;

      for (guint j = 0; cfg && j < json_array_get_length (cfg); j++)
        {
          JsonNode *en = json_array_get_element (cfg, j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *m = iop_json_get_str (eo, "method");

          if (g_strcmp0 (m, "bdev_nvme_set_options") == 0)
            iop_json_get_int (iop_json_get_object (eo, "params"), "io_queue_requests", &iqr);
          else if (g_strcmp0 (m, "bdev_nvme_attach_controller") == 0)
            attached = TRUE;
        }
    }
  if (iqr >= 512 && attached)
    {
      g_autofree char *ev = g_strdup_printf (_("save_config shows io_queue_requests %" PRId64 ". Once a controller is attached, bdev_nvme writes back the larger of the value set and the driver's requests per queue (at least 512 by default, and at least the queue size), so any value up to that was set the same way in effect: a start-up script's 128 reads back as 512."),
                                             iqr);
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "io-queue-requests-writeback", "bdev_nvme_set_options.io_queue_requests",
                          _("io_queue_requests in save_config is the effective value, not necessarily the one set"), ev);
    }
}
