/* iop-runtime-explain.c: sorting the dumps by host and explaining each
 *
 * Groups the dumps into hosts (one, unless the file names say several),
 * runs the explainers of iop-runtime-threads/roles/iobuf/nvme/logs.c over
 * each host, and puts first the finding that says where to look first.
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

/* A data-path thread whose pollers did work this share of its time or more
 * is saturated: below it, the CPU is not what limits the run */
#define SATURATED_PCT 50.0

IopFinding *
iop_rt_add_finding (Explain     *ex,
                    IopSeverity  severity,
                    const char  *id,
                    const char  *knob,
                    const char  *title,
                    const char  *evidence)
{
  IopFinding *f = g_new0 (IopFinding, 1);

  f->severity = severity;
  f->id = g_strdup (id);
  f->title = g_strdup (title);
  f->evidence = g_strdup (evidence);
  f->knob = g_strdup (knob);
  g_ptr_array_add (ex->host->findings, f);
  return f;
}

JsonObject *
iop_rt_dump_object (IopDump *d)
{
  return d && d->node && JSON_NODE_HOLDS_OBJECT (d->node) ? json_node_get_object (d->node) : NULL;
}

JsonArray *
iop_rt_dump_array (IopDump *d)
{
  return d && d->node && JSON_NODE_HOLDS_ARRAY (d->node) ? json_node_get_array (d->node) : NULL;
}

/* --- Where to look first ------------------------------------------------ */

static gboolean
has_finding (Explain    *ex,
             const char *id)
{
  for (guint i = 0; i < ex->host->findings->len; i++)
    if (strcmp (((IopFinding *)g_ptr_array_index (ex->host->findings, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
where_first (Explain *ex)
{
  GPtrArray *f = ex->host->findings;
  IopFinding *top;
  g_autofree char *ev = NULL;
  const char *knob = NULL;

  if (f->len == 0)
    return;
  /* By severity, keeping the order within one (g_ptr_array_sort is not stable) */
  {
    g_autoptr(GPtrArray) order = g_ptr_array_new ();

    for (int sev = IOP_SEVERITY_ERROR; sev >= IOP_SEVERITY_INFO; sev--)
      for (guint i = 0; i < f->len; i++)
        if ((int)((IopFinding *)g_ptr_array_index (f, i))->severity == sev)
          g_ptr_array_add (order, g_ptr_array_index (f, i));
    memcpy (f->pdata, order->pdata, f->len * sizeof (gpointer));
  }

  /* An error first; then a warning the dumps show (a log's warnings may be
   * old news); else, with no buffer shortage, the threads. */
  top = NULL;
  for (guint i = 0; i < f->len && top == NULL; i++)
    {
      IopFinding *c = g_ptr_array_index (f, i);
      if (c->severity == IOP_SEVERITY_ERROR ||
          (c->severity == IOP_SEVERITY_WARNING && !g_str_has_prefix (c->id, "log-")))
        top = c;
    }
  if (top != NULL)
    {
      ev = g_strdup_printf (_("Start with: %s. %s"), top->title, top->knob ? top->knob : "");
      knob = top->knob;
    }
  else if (has_finding (ex, "iobuf-no-starvation") || has_finding (ex, "iobuf-idle"))
    {
      IopThreadInfo *busiest = NULL;

      for (guint i = 0; i < ex->host->threads->len; i++)
        {
          IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
          if (iop_rt_is_data_thread (t) && (busiest == NULL || t->busy_pct > busiest->busy_pct))
            busiest = t;
        }
      if (busiest && busiest->busy_pct >= 0 && busiest->busy_pct < SATURATED_PCT)
        knob = NULL;
      else if (has_finding (ex, "control-plane-shared") || has_finding (ex, "single-reactor"))
        knob = has_finding (ex, "single-reactor") ? "spdk_tgt.cpumask" : "nvmf_set_config.poll_groups_mask";
      else if (has_finding (ex, "qpair-fanout"))
        knob = "bdev_nvme_set_options.io_queue_requests";
      if (busiest && busiest->busy_pct >= 0 && busiest->busy_pct < SATURATED_PCT)
        {
          g_autofree char *where = busiest->lcore >= 0 ? g_strdup_printf (_(", lcore %d"), busiest->lcore) : g_strdup ("");
          ev = g_strdup_printf (_("Nothing is saturated: no iobuf retries, and the busiest data-path thread, %s, did work %.1f%% of its time%s. "
                                  "Before growing a pool or moving a poll group, look at the load the run offered (queue depth, I/O size) "
                                  "and at where its latency went outside these threads."),
                                busiest->name, busiest->busy_pct, where);
        }
      else if (busiest && busiest->busy_pct >= 0)
        {
          g_autofree char *where = busiest->lcore >= 0 ? g_strdup_printf (_(", lcore %d"), busiest->lcore) : g_strdup ("");
          ev = g_strdup_printf (_("Buffers are not the bottleneck (no iobuf retries). Look at the hot threads and their pollers first — %s is busiest among the data-path threads (%.1f%%%s) — then at poll-group placement and the qpair fan-out, before growing any pool."),
                                busiest->name, busiest->busy_pct, where);
        }
      else
        ev = g_strdup (_("Buffers are not the bottleneck (no iobuf retries). Look at the hot threads and their pollers first, then at poll-group placement and the qpair fan-out, before growing any pool."));
    }
  else if (has_finding (ex, "hot-threads"))
    ev = g_strdup (_("Start with the hot threads and their pollers; add iobuf_get_stats (two samples a few seconds apart) to see whether buffers are short."));
  if (ev == NULL)
    return;
  {
    IopFinding *w = g_new0 (IopFinding, 1);

    w->severity = IOP_SEVERITY_INFO;
    w->id = g_strdup ("where-first");
    w->title = g_strdup (_("Where to look first"));
    w->evidence = g_steal_pointer (&ev);
    w->knob = g_strdup (knob);
    g_ptr_array_insert (f, 0, w);
  }
}

static void
explain_host (IopRuntimeHost *h)
{
  Explain ex = { 0 };

  ex.host = h;
  h->control_lcore = -1;

  for (guint i = 0; i < h->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (h->dumps, i);

      if (d->kind == IOP_DUMP_IOBUF_GET_STATS)
        {
          IopDump *prev = ex.of[IOP_DUMP_IOBUF_GET_STATS];

          /* Counters only grow: the smaller sample is the earlier one */
          if (prev == NULL)
            ex.of[d->kind] = d;
          else if (d->order >= prev->order)
            {
              ex.iobuf_first = prev;
              ex.of[d->kind] = d;
            }
          else if (ex.iobuf_first == NULL || d->order < ex.iobuf_first->order)
            ex.iobuf_first = d;
        }
      else if (d->kind < IOP_DUMP_N_KINDS)
        ex.of[d->kind] = d;
    }

  if (ex.of[IOP_DUMP_SPDK_GET_VERSION])
    h->spdk_version = g_strdup (iop_json_get_str (iop_rt_dump_object (ex.of[IOP_DUMP_SPDK_GET_VERSION]), "version"));
  for (guint i = 0; i < h->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (h->dumps, i);
      if (d->kind == IOP_DUMP_LOG)
        iop_rt_scan_log (&ex, d);
    }
  if (h->spdk_version)
    {
      const char *v = strstr (h->spdk_version, "v");
      g_autofree char *tag = v ? g_strndup (v, strcspn (v, " -")) : NULL;
      ex.version_known = tag && iop_spdk_version_parse (tag, &ex.version, NULL);
    }

  iop_rt_read_threads (&ex);
  iop_rt_find_roles (&ex);
  iop_rt_explain_roles (&ex);
  iop_rt_explain_control_plane (&ex);
  iop_rt_explain_threads (&ex);
  iop_rt_explain_timed_pollers (&ex);
  iop_rt_explain_iobuf (&ex);
  iop_rt_explain_pool_headroom (&ex);
  iop_rt_explain_config (&ex);
  iop_rt_explain_nvmf (&ex);
  iop_rt_explain_nvme (&ex);
  iop_rt_explain_iostat (&ex);
  iop_rt_explain_logs (&ex);

  /* bdev_nvme polls, but nothing says where its controllers are */
  if (!iop_rt_has_role (&ex, IOP_ROLE_NVMF_INITIATOR) && !iop_rt_has_role (&ex, IOP_ROLE_LOCAL_NVME))
    {
      g_autofree char *where = iop_rt_threads_with_poller (&ex, "bdev_nvme_poll");

      if (*where)
        {
          g_autofree char *e2 = g_strdup_printf (_("bdev_nvme_poll runs on %s, but no dump says whether its controllers are local (PCIe) or remote (TCP, RDMA): add bdev_nvme_get_controllers."), where);
          iop_rt_add_finding (&ex, IOP_SEVERITY_NOTICE, "nvme-unknown", NULL, _("NVMe controllers of unknown kind"), e2);
        }
    }
  where_first (&ex);

  for (guint r = 0; r < IOP_RT_N_LOG_RULES; r++)
    {
      if (ex.log_lines[r])
        g_string_free (ex.log_lines[r], TRUE);
      g_clear_pointer (&ex.log_files[r], g_hash_table_unref);
    }
}
/* One host unless the dumps clearly come from several: two of a kind (more
 * than two iobuf samples) under different file-name prefixes. */
static gboolean
needs_split (IopRuntime *self)
{
  guint counts[IOP_DUMP_N_KINDS] = { 0 };
  const char *first_group = NULL;
  gboolean several = FALSE;

  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);

      if (first_group == NULL)
        first_group = d->group;
      else if (g_strcmp0 (first_group, d->group) != 0)
        several = TRUE;
      counts[d->kind]++;
    }
  if (!several)
    return FALSE;
  for (guint k = 0; k < IOP_DUMP_N_KINDS; k++)
    {
      if (k == IOP_DUMP_LOG || k == IOP_DUMP_EMPTY_LIST || k == IOP_DUMP_SKIPPED || k == IOP_DUMP_UNKNOWN)
        continue;
      if (counts[k] > (k == IOP_DUMP_IOBUF_GET_STATS ? 2u : 1u))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
iop_runtime_explain (IopRuntime *self)
{
  gboolean split = needs_split (self);
  const char *common = NULL;
  gboolean one_prefix = TRUE;

  g_ptr_array_set_size (self->hosts, 0);
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      if (common == NULL)
        common = d->group;
      else if (g_strcmp0 (common, d->group) != 0)
        one_prefix = FALSE;
    }
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      const char *name = split ? d->group : (one_prefix && common ? common : "host");
      IopRuntimeHost *h = NULL;

      if (d->kind == IOP_DUMP_SKIPPED || d->kind == IOP_DUMP_UNKNOWN)
        continue;
      for (guint j = 0; j < self->hosts->len; j++)
        if (g_strcmp0 (((IopRuntimeHost *)g_ptr_array_index (self->hosts, j))->name, name) == 0)
          h = g_ptr_array_index (self->hosts, j);
      if (h == NULL)
        {
          h = iop_rt_host_new (name);
          g_ptr_array_add (self->hosts, h);
        }
      g_ptr_array_add (h->dumps, d);
    }
  for (guint j = 0; j < self->hosts->len; j++)
    explain_host (g_ptr_array_index (self->hosts, j));
  /* A host that yielded nothing (an empty list, a quiet log) is left out */
  for (guint j = self->hosts->len; j > 0; j--)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j - 1);
      if (h->findings->len == 0 && h->threads->len == 0 && h->roles->len == 0)
        g_ptr_array_remove_index (self->hosts, j - 1);
    }
  return self->hosts;
}
