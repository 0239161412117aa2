/* iop-runtime-threads.c: threads, pollers and reactors
 *
 * Reads framework_get_reactors, thread_get_stats, thread_get_pollers and
 * thread_get_io_channels into one IopThreadInfo per SPDK thread, and
 * explains them: the control plane's lcore, the hot threads, the timed
 * pollers and their periods (nvmf_ctrlr_keep_alive_poll's is the host's
 * KATO, lib/nvmf/ctrlr.c; bdev_nvme_poll's nvme_ioq_poll_period_us,
 * bdev_nvme_poll_adminq's nvme_adminq_poll_period_us,
 * module/bdev/nvme/bdev_nvme.c).
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

static IopThreadInfo *
thread_get (Explain    *ex,
            const char *name)
{
  IopThreadInfo *t;

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      t = g_ptr_array_index (ex->host->threads, i);
      if (g_strcmp0 (t->name, name) == 0)
        return t;
    }
  t = g_new0 (IopThreadInfo, 1);
  t->name = g_strdup (name);
  t->lcore = -1;
  t->busy_pct = -1;
  t->active_pollers = g_ptr_array_new_with_free_func (iop_rt_poller_free);
  t->timed_pollers = g_ptr_array_new_with_free_func (iop_rt_poller_free);
  t->io_channels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (ex->host->threads, t);
  return t;
}

double
iop_rt_tick_rate_of (IopDump *d)
{
  JsonObject *o = iop_rt_dump_object (d);
  gint64 v;

  if (iop_json_get_int (o, "tick_rate", &v) && v > 0)
    return (double)v;
  return 0;
}

static void
read_pollers (Explain *ex)
{
  JsonObject *o = iop_rt_dump_object (ex->of[IOP_DUMP_THREAD_GET_POLLERS]);
  JsonArray *threads = iop_json_get_array (o, "threads");
  double rate = iop_rt_tick_rate_of (ex->of[IOP_DUMP_THREAD_GET_POLLERS]);

  if (rate > 0)
    ex->host->tick_rate = rate;
  rate = ex->host->tick_rate;
  for (guint i = 0; threads && i < json_array_get_length (threads); i++)
    {
      JsonNode *tn = json_array_get_element (threads, i);
      JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      const char *name = iop_json_get_str (to, "name");
      const char *lists[] = { "active_pollers", "timed_pollers" };
      IopThreadInfo *t;

      if (name == NULL)
        continue;
      t = thread_get (ex, name);
      for (guint l = 0; l < 2; l++)
        {
          JsonArray *pa = iop_json_get_array (to, lists[l]);

          for (guint p = 0; pa && p < json_array_get_length (pa); p++)
            {
              JsonNode *pn = json_array_get_element (pa, p);
              JsonObject *po = JSON_NODE_HOLDS_OBJECT (pn) ? json_node_get_object (pn) : NULL;
              IopPollerInfo *pi;

              if (iop_json_get_str (po, "name") == NULL)
                continue;
              pi = g_new0 (IopPollerInfo, 1);
              pi->name = g_strdup (iop_json_get_str (po, "name"));
              iop_json_get_int (po, "id", &pi->id);
              iop_json_get_count (po, "run_count", &pi->run_count);
              iop_json_get_count (po, "busy_count", &pi->busy_count);
              iop_json_get_int (po, "period_ticks", &pi->period_ticks);
              pi->period_s = pi->period_ticks > 0 && rate > 0 ? pi->period_ticks / rate : (pi->period_ticks > 0 ? -1 : 0);
              g_ptr_array_add (l == 0 ? t->active_pollers : t->timed_pollers, pi);
            }
        }
    }
}

void
iop_rt_read_threads (Explain *ex)
{
  JsonObject *o;
  JsonArray *a;

  /* framework_get_reactors: lcores and the threads on each */
  o = iop_rt_dump_object (ex->of[IOP_DUMP_FRAMEWORK_GET_REACTORS]);
  a = iop_json_get_array (o, "reactors");
  if (iop_rt_tick_rate_of (ex->of[IOP_DUMP_FRAMEWORK_GET_REACTORS]) > 0)
    ex->host->tick_rate = iop_rt_tick_rate_of (ex->of[IOP_DUMP_FRAMEWORK_GET_REACTORS]);
  ex->n_reactors = a ? (int)json_array_get_length (a) : -1;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *rn = json_array_get_element (a, i);
      JsonObject *ro = JSON_NODE_HOLDS_OBJECT (rn) ? json_node_get_object (rn) : NULL;
      JsonArray *lw = iop_json_get_array (ro, "lw_threads");
      gint64 lcore;

      if (!iop_json_get_int (ro, "lcore", &lcore) || lcore < 0 || lcore > G_MAXINT)
        continue;
      for (guint j = 0; lw && j < json_array_get_length (lw); j++)
        {
          JsonNode *tn = json_array_get_element (lw, j);
          JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
          const char *name = iop_json_get_str (to, "name");
          IopThreadInfo *t;

          if (name == NULL)
            continue;
          t = thread_get (ex, name);
          t->lcore = (int)lcore;
          if (t->cpumask == NULL && iop_json_get_str (to, "cpumask"))
            t->cpumask = g_strdup (iop_json_get_str (to, "cpumask"));
        }
    }

  /* thread_get_stats: busy share */
  o = iop_rt_dump_object (ex->of[IOP_DUMP_THREAD_GET_STATS]);
  a = iop_json_get_array (o, "threads");
  if (iop_rt_tick_rate_of (ex->of[IOP_DUMP_THREAD_GET_STATS]) > 0)
    ex->host->tick_rate = iop_rt_tick_rate_of (ex->of[IOP_DUMP_THREAD_GET_STATS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *tn = json_array_get_element (a, i);
      JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      const char *name = iop_json_get_str (to, "name");
      gint64 busy, idle;
      IopThreadInfo *t;

      if (name == NULL)
        continue;
      t = thread_get (ex, name);
      if (iop_json_get_count (to, "busy", &busy) && iop_json_get_count (to, "idle", &idle) &&
          (double)busy + (double)idle > 0)
        t->busy_pct = 100.0 * busy / ((double)busy + (double)idle);
      if (t->cpumask == NULL && iop_json_get_str (to, "cpumask"))
        t->cpumask = g_strdup (iop_json_get_str (to, "cpumask"));
    }

  if (ex->host->tick_rate <= 0)
    for (guint k = 0; k < IOP_DUMP_N_KINDS; k++)
      if (iop_rt_tick_rate_of (ex->of[k]) > 0)
        ex->host->tick_rate = iop_rt_tick_rate_of (ex->of[k]);

  read_pollers (ex);

  /* thread_get_io_channels */
  o = iop_rt_dump_object (ex->of[IOP_DUMP_THREAD_GET_IO_CHANNELS]);
  a = iop_json_get_array (o, "threads");
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *tn = json_array_get_element (a, i);
      JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      const char *name = iop_json_get_str (to, "name");
      JsonArray *chs = iop_json_get_array (to, "io_channels");
      IopThreadInfo *t;

      if (name == NULL)
        continue;
      t = thread_get (ex, name);
      for (guint j = 0; chs && j < json_array_get_length (chs); j++)
        {
          JsonNode *cn = json_array_get_element (chs, j);
          const char *cname = JSON_NODE_HOLDS_OBJECT (cn) ? iop_json_get_str (json_node_get_object (cn), "name") : NULL;
          if (cname)
            g_ptr_array_add (t->io_channels, g_strdup (cname));
        }
    }

  /* The lcore from a single-core cpumask when no reactor dump says it */
  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      guint64 m;

      if (t->lcore >= 0 || t->cpumask == NULL)
        continue;
      m = g_ascii_strtoull (t->cpumask, NULL, 16);
      if (m != 0 && (m & (m - 1)) == 0)
        t->lcore = __builtin_ctzll (m);
    }

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      if (g_str_has_prefix (t->name, "nvmf_tgt_poll_group_"))
        ex->n_poll_groups++;
    }
  if (ex->of[IOP_DUMP_NVMF_GET_STATS])
    {
      JsonArray *pgs = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_NVMF_GET_STATS]), "poll_groups");
      if (pgs && json_array_get_length (pgs) > ex->n_poll_groups)
        ex->n_poll_groups = json_array_get_length (pgs);
    }
}

static gboolean
thread_has_poller (IopThreadInfo *t,
                   const char    *name,
                   gboolean       prefix)
{
  GPtrArray *lists[] = { t->active_pollers, t->timed_pollers };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        IopPollerInfo *p = g_ptr_array_index (lists[l], i);
        if (prefix ? g_str_has_prefix (p->name, name) : g_strcmp0 (p->name, name) == 0)
          return TRUE;
      }
  return FALSE;
}

char *
iop_rt_threads_with_poller (Explain    *ex,
                            const char *name)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      if (thread_has_poller (t, name, FALSE))
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", t->name);
    }
  return g_string_free (s, FALSE);
}


static IopThreadInfo *
app_thread (Explain *ex)
{
  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      if (g_strcmp0 (t->name, "app_thread") == 0)
        return t;
    }
  return NULL;
}

gboolean
iop_rt_is_data_thread (IopThreadInfo *t)
{
  if (g_strcmp0 (t->name, "app_thread") == 0)
    return FALSE;
  return g_str_has_prefix (t->name, "nvmf_tgt_poll_group_") || thread_has_poller (t, "bdev_nvme_poll", FALSE) ||
         thread_has_poller (t, "nvmf_", TRUE);
}

void
iop_rt_explain_control_plane (Explain *ex)
{
  IopThreadInfo *app = app_thread (ex);
  g_autoptr(GString) ev = g_string_new (NULL);
  g_autoptr(GString) shared = g_string_new (NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *title = NULL;

  if (app == NULL)
    return;
  ex->host->control_lcore = app->lcore;
  for (guint i = 0; i < app->timed_pollers->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (app->timed_pollers, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->name));

      if (n == 0)
        g_ptr_array_add (order, p);
      g_hash_table_insert (counts, p->name, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < order->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (order, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->name));
      g_autofree char *per = iop_format_period (p->period_s);

      if (n > 1)
        g_string_append_printf (ev, _("%s%u × %s every %s"), ev->len ? ", " : "", n, p->name, per);
      else
        g_string_append_printf (ev, _("%s%s every %s"), ev->len ? ", " : "", p->name, per);
    }
  if (ev->len)
    g_string_prepend (ev, _("app_thread's timed pollers: "));
  if (app->active_pollers->len)
    {
      g_string_append (ev, ev->len ? _(". It also runs active pollers: ") : _("app_thread runs active pollers: "));
      for (guint i = 0; i < app->active_pollers->len; i++)
        {
          IopPollerInfo *p = g_ptr_array_index (app->active_pollers, i);
          g_autofree char *runs = iop_format_count (p->run_count);
          g_autofree char *busy = iop_format_count (p->busy_count);

          g_string_append_printf (ev, _("%s%s (%s runs, %s busy)"), i ? ", " : "", p->name, runs, busy);
        }
      g_string_append (ev, _(" — it holds I/O channels of its own, because bdevs were opened on it"));
    }
  if (app->busy_pct >= 0)
    g_string_append_printf (ev, _(". app_thread is busy %.1f%% of its time"), app->busy_pct);

  if (app->lcore >= 0)
    title = g_strdup_printf (_("lcore %d is the control plane: app_thread runs the RPC server, the acceptors and the admin queues there"), app->lcore);
  else
    title = g_strdup (_("app_thread is the control plane (its lcore is not in these dumps: add framework_get_reactors)"));
  iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "control-plane", NULL, title, ev->str);

  /* Data-path threads on the control-plane core */
  if (app->lcore >= 0)
    {
      for (guint i = 0; i < ex->host->threads->len; i++)
        {
          IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
          if (t != app && t->lcore == app->lcore && iop_rt_is_data_thread (t))
            g_string_append_printf (shared, "%s%s", shared->len ? ", " : "", t->name);
        }
      if (shared->len && ex->n_reactors == 1)
        {
          g_autofree char *ev2 = g_strdup_printf (_("One reactor (lcore %d) runs every SPDK thread: app_thread and %s share one core, so RPCs, admin-queue polling and I/O take turns."), app->lcore, shared->str);
          iop_rt_add_finding (ex, IOP_SEVERITY_NOTICE, "single-reactor", "spdk_tgt.cpumask",
                              _("The control plane and the data path share a single core"), ev2);
        }
      else if (shared->len)
        {
          g_autofree char *ev2 = g_strdup_printf (_("%s run on lcore %d beside app_thread: their I/O waits whenever the RPC server or an admin queue poller runs there. The reference deployment's storage node shows the same with nvmf_tgt_poll_group_027."),
                                                  shared->str, app->lcore);
          iop_rt_add_finding (ex, IOP_SEVERITY_NOTICE, "control-plane-shared", "nvmf_set_config.poll_groups_mask",
                              _("A data-path thread shares the control-plane core"), ev2);
        }
    }
}

static int
compare_busy (gconstpointer a,
              gconstpointer b)
{
  const IopThreadInfo *ta = *(IopThreadInfo * const *)a;
  const IopThreadInfo *tb = *(IopThreadInfo * const *)b;

  return (tb->busy_pct > ta->busy_pct) - (tb->busy_pct < ta->busy_pct);
}

void
iop_rt_explain_threads (Explain *ex)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (ex->host->threads, NULL, NULL);
  g_autoptr(GString) hot = g_string_new (NULL);
  g_autoptr(GString) idle = g_string_new (NULL);
  gboolean have_busy = FALSE;
  guint n_hot = 0;

  for (guint i = 0; i < sorted->len; i++)
    if (((IopThreadInfo *)g_ptr_array_index (sorted, i))->busy_pct >= 0)
      have_busy = TRUE;
  g_ptr_array_set_free_func (sorted, NULL);   /* g_ptr_array_copy keeps the original's */
  g_ptr_array_sort (sorted, compare_busy);

  for (guint i = 0; i < sorted->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (sorted, i);
      g_autoptr(GString) pollers = g_string_new (NULL);
      gboolean hot_thread;
      gint64 busy_runs = 0;

      for (guint p = 0; p < t->active_pollers->len; p++)
        {
          IopPollerInfo *pi = g_ptr_array_index (t->active_pollers, p);
          g_autofree char *b = iop_format_count (pi->busy_count);
          g_autofree char *r = iop_format_count (pi->run_count);

          busy_runs = iop_sat_add (busy_runs, pi->busy_count);
          g_string_append_printf (pollers, _("%s%s (busy %s of %s runs)"), pollers->len ? ", " : "", pi->name, b, r);
        }
      hot_thread = have_busy ? t->busy_pct >= 1.0 : busy_runs > 0;
      if (hot_thread)
        {
          n_hot++;
          g_string_append_printf (hot, "%s%s", hot->len ? ". " : "", t->name);
          if (t->lcore >= 0)
            g_string_append_printf (hot, _(" on lcore %d"), t->lcore);
          if (t->busy_pct >= 0)
            g_string_append_printf (hot, _(", busy %.1f%%"), t->busy_pct);
          if (pollers->len)
            g_string_append_printf (hot, _(": active %s"), pollers->str);
        }
      else if ((have_busy && t->busy_pct >= 0 && t->busy_pct < 0.1) || (!have_busy && busy_runs == 0))
        g_string_append_printf (idle, "%s%s", idle->len ? ", " : "", t->name);
    }
  if (n_hot > 0)
    iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "hot-threads", NULL,
                        have_busy ? _("Threads by how busy they are, busiest first (busy = share of the thread's time its pollers did work)")
                           : _("Threads whose active pollers did work"),
                        hot->str);
  if (idle->len)
    {
      g_autofree char *ev = g_strdup_printf (_("%s did (almost) no work. iscsi_poll_group_N threads are started by the iscsi subsystem on every reactor by default; they cost a poller pass each loop and nothing else."), idle->str);
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "idle-threads", NULL, _("Idle threads"), ev);
    }
}

void
iop_rt_explain_timed_pollers (Explain *ex)
{
  g_autoptr(GString) ka = g_string_new (NULL);
  g_autoptr(GString) ioq = g_string_new (NULL);
  guint n_ka = 0, n_adminq = 0;
  double ka_period = -1, adminq_period = -1;

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      guint t_ka = 0;

      for (guint p = 0; p < t->timed_pollers->len; p++)
        {
          IopPollerInfo *pi = g_ptr_array_index (t->timed_pollers, p);

          if (g_strcmp0 (pi->name, "nvmf_ctrlr_keep_alive_poll") == 0)
            {
              n_ka++;
              t_ka++;
              ka_period = pi->period_s;
            }
          else if (g_strcmp0 (pi->name, "bdev_nvme_poll_adminq") == 0)
            {
              n_adminq++;
              adminq_period = pi->period_s;
            }
          else if (g_strcmp0 (pi->name, "bdev_nvme_poll") == 0)
            {
              g_autofree char *per = iop_format_period (pi->period_s);
              g_string_append_printf (ioq, "%s%s (%s)", ioq->len ? ", " : "", t->name, per);
            }
        }
      if (t_ka)
        g_string_append_printf (ka, "%s%s ×%u", ka->len ? ", " : "", t->name, t_ka);
    }
  if (n_ka)
    {
      g_autofree char *per = iop_format_period (ka_period);
      g_autofree char *ev = g_strdup_printf (_("%u × nvmf_ctrlr_keep_alive_poll every %s, on %s: one per connected host controller, on the poll group that owns it. The period is the keep-alive timeout the host asked for (KATO), so on an SPDK initiator it comes from bdev_nvme_set_options.keep_alive_timeout_ms."),
                                             n_ka, per, ka->str);
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "keep-alive", "bdev_nvme_set_options.keep_alive_timeout_ms",
                          _("Keep-alive checks are spread over the poll groups"), ev);
    }
  if (n_adminq)
    {
      g_autofree char *per = iop_format_period (adminq_period);
      g_autofree char *ev = g_strdup_printf (_("%u × bdev_nvme_poll_adminq every %s: one per attached controller (health, AER, keep-alive sending)."), n_adminq, per);
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "adminq-pollers", "bdev_nvme_set_options.nvme_adminq_poll_period_us",
                          _("Each NVMe controller has an admin queue poller"), ev);
    }
  if (ioq->len)
    {
      g_autofree char *ev = g_strdup_printf (_("bdev_nvme_poll is a timed poller on %s: completions are reaped only every period, which adds up to that much latency."), ioq->str);
      iop_rt_add_finding (ex, IOP_SEVERITY_NOTICE, "ioq-poll-period", "bdev_nvme_set_options.nvme_ioq_poll_period_us",
                          _("NVMe I/O completions are polled on a timer"), ev);
    }
}
