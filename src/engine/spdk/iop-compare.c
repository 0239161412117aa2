/* iop-compare.c: the model beside a real run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "iop-compare.h"
#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-topology.h"

#define DEFAULT_SAMPLE_INTERVAL_S 5.0  /* shared/spdk/runtime/README.md: "two samples 5 s apart" */

static void
row_free (gpointer p)
{
  IopCompareRow *r = p;

  g_free (r->host);
  g_free (r->topic);
  g_free (r->model);
  g_free (r->run);
  g_free (r->why);
  g_free (r);
}

static void
add_row (IopComparison *c, const char *host, const char *topic, char *model, char *run,
         gboolean agrees, char *why)
{
  IopCompareRow *r = g_new0 (IopCompareRow, 1);

  r->host = g_strdup (host);
  r->topic = g_strdup (topic);
  r->model = model;
  r->run = run;
  r->agrees = agrees;
  r->why = why;
  g_ptr_array_add (c->rows, r);
}

void
iop_comparison_free (IopComparison *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->workload, iop_workload_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

void
iop_bdevperf_parse (const char     *text,
                    IopBdevperfRun *g)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      const char *p;

      if ((p = strstr (l, "workload: ")) != NULL)
        {
          g->random = strstr (p, "workload: rand") != NULL;
          if ((p = strstr (l, "percentage: ")) != NULL)
            g->read_pct = atoi (p + strlen ("percentage: "));
          else if (strstr (l, "workload: randread") || strstr (l, "workload: read"))
            g->read_pct = 100;
          if ((p = strstr (l, "depth: ")) != NULL)
            g->depth = atoi (p + strlen ("depth: "));
          if ((p = strstr (l, "IO size: ")) != NULL)
            g->io_size = g_ascii_strtoll (p + strlen ("IO size: "), NULL, 10);
        }
      if (g_str_has_prefix (g_strchug ((char *)l), "Total") && (p = strchr (l, ':')) != NULL)
        {
          /* Total : IOPS MiB/s Fail/s TO/s Average min max */
          g_auto(GStrv) f = g_strsplit_set (p + 1, " \t", -1);
          double v[8];
          guint n = 0;

          for (guint j = 0; f[j] && n < 8; j++)
            if (*f[j])
              v[n++] = g_ascii_strtod (f[j], NULL);
          if (n >= 5)
            {
              g->iops = v[0];
              g->avg_us = v[4];
              g->found = TRUE;
            }
        }
    }
}

static IopRuntimeHost *
find_host (GPtrArray *hosts, const char *name)
{
  for (guint i = 0; i < hosts->len; i++)
    {
      IopRuntimeHost *h = g_ptr_array_index (hosts, i);
      if (g_strcmp0 (h->name, name) == 0)
        return h;
    }
  return NULL;
}

static gboolean
has_dump (IopRuntimeHost *h, IopDumpKind kind)
{
  for (guint i = 0; h->dumps && i < h->dumps->len; i++)
    if (((IopDump *)g_ptr_array_index (h->dumps, i))->kind == kind)
      return TRUE;
  return FALSE;
}

/* Whether the host's dumps include one that would show ROLE (iop-runtime-roles.c
   reads each role from these) */
static gboolean
role_observable (IopRuntimeHost *h, const char *role)
{
  static const IopDumpKind initiator[] = {
    IOP_DUMP_BDEV_NVME_GET_CONTROLLERS, IOP_DUMP_BDEV_NVME_GET_IO_PATHS, IOP_DUMP_BDEV_GET_BDEVS, IOP_DUMP_SAVE_CONFIG,
  };
  static const IopDumpKind target[] = {
    IOP_DUMP_THREAD_GET_POLLERS, IOP_DUMP_NVMF_GET_TRANSPORTS, IOP_DUMP_NVMF_GET_SUBSYSTEMS, IOP_DUMP_IOBUF_GET_STATS, IOP_DUMP_SAVE_CONFIG,
  };
  static const IopDumpKind local[] = {
    IOP_DUMP_BDEV_GET_BDEVS, IOP_DUMP_THREAD_GET_POLLERS, IOP_DUMP_BDEV_NVME_GET_CONTROLLERS, IOP_DUMP_SAVE_CONFIG,
  };
  const IopDumpKind *kinds = g_str_has_suffix (role, "_target") ? target : g_str_has_prefix (role, "local_") ? local : initiator;
  guint n = kinds == target ? G_N_ELEMENTS (target) : kinds == local ? G_N_ELEMENTS (local) : G_N_ELEMENTS (initiator);

  for (guint i = 0; i < n; i++)
    if (has_dump (h, kinds[i]))
      return TRUE;
  return FALSE;
}

/* The two iobuf_get_stats samples of a host, earlier first */
static guint
iobuf_samples (IopRuntimeHost *h, JsonNode **a, JsonNode **b)
{
  IopDump *first = NULL, *last = NULL;
  guint n = 0;

  for (guint i = 0; i < h->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (h->dumps, i);
      if (d->kind != IOP_DUMP_IOBUF_GET_STATS)
        continue;
      n++;
      if (first == NULL || d->order < first->order)
        first = d;
      if (last == NULL || d->order > last->order)
        last = d;
    }
  *a = first ? first->node : NULL;
  *b = last ? last->node : NULL;
  return n;
}

static gint64
iobuf_field (JsonNode *stats, const char *module, const char *pool, const char *field)
{
  JsonArray *arr;

  if (stats == NULL || !JSON_NODE_HOLDS_ARRAY (stats))
    return -1;
  arr = json_node_get_array (stats);
  /* the checked readers: a dump may lack any member or hold any type */
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      gint64 v;

      if (g_strcmp0 (iop_json_get_str (o, "module"), module) != 0)
        continue;
      return iop_json_get_count (iop_json_get_object (o, pool), field, &v) ? v : -1;
    }
  return -1;
}

static gboolean
has_poller (IopThreadInfo *t, const char *name)
{
  for (guint i = 0; i < t->active_pollers->len; i++)
    if (g_strcmp0 (((IopPollerInfo *)g_ptr_array_index (t->active_pollers, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

static char *
join_roles (GPtrArray *roles)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; roles && i < roles->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (char *)g_ptr_array_index (roles, i));
  return g_string_free (s, FALSE);
}

/* The roles the scenario gives host H beside the roles its dumps show */
static void
compare_roles (IopComparison *c, const IopScenario *sc, IopHostId h, IopRuntimeHost *rh)
{
  const IopHostConfig *hc = &sc->hosts[h];
  const char *name = iop_host_name (h);
  g_autoptr(GPtrArray) model_roles = g_ptr_array_new ();
  g_autofree char *mr = NULL;
  g_autofree char *rr = NULL;
  g_autofree char *tr_lower = g_ascii_strdown (hc->target_trtype, -1);
  g_autofree char *target_role = g_strdup_printf ("%s_target", tr_lower);
  gboolean roles_agree = TRUE;
  g_autoptr(GString) unseen = g_string_new (NULL);

  /* Roles */
  g_ptr_array_add (model_roles, target_role);
  if (h == IOP_HOST_BAREMETAL)
    g_ptr_array_add (model_roles, (gpointer)"nvmf_initiator");
  else
    g_ptr_array_add (model_roles, (gpointer)(g_strcmp0 (hc->backend, "malloc") == 0 ? "local_malloc" : "local_nvme"));
  for (guint i = 0; i < model_roles->len; i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; rh->roles && j < rh->roles->len; j++)
        if (g_strcmp0 (g_ptr_array_index (rh->roles, j), g_ptr_array_index (model_roles, i)) == 0)
          found = TRUE;
      if (!found && !role_observable (rh, g_ptr_array_index (model_roles, i)))
        g_string_append_printf (unseen, "%s%s", unseen->len ? ", " : "", (char *)g_ptr_array_index (model_roles, i));
      else
        roles_agree &= found;
    }
  mr = join_roles (model_roles);
  rr = join_roles (rh->roles);
  if (roles_agree && unseen->len > 0)
    {
      add_row (c, name, _("roles"), g_strdup (mr), g_strdup (rr), FALSE,
               /* Translators: %s is a list of roles such as "nvmf_initiator" */
               g_strdup_printf (_("Unknown: no dump that would show %s (such as bdev_nvme_get_controllers, bdev_get_bdevs or save_config) is among this host's files."),
                                unseen->str));
      ((IopCompareRow *)g_ptr_array_index (c->rows, c->rows->len - 1))->unknown = TRUE;
    }
  else
    add_row (c, name, _("roles"), g_strdup (mr), g_strdup (rr), roles_agree,
             g_strdup (roles_agree ? _("The dumps show the same roles the scenario gives this host.")
                                   : _("The scenario gives this host other roles than its dumps show: check the scenario's transports and backend.")));

}

static void
compare_host (IopComparison *c, const IopScenario *sc, IopTopology *topo, IopHostId h,
              IopRuntimeHost *rh, const IopBdevperfRun *g, double interval_s)
{
  const IopHostConfig *hc = &sc->hosts[h];
  const char *name = iop_host_name (h);
  const IopHostTopology *ht = &topo->hosts[h];
  g_autofree char *module = g_strdup_printf ("nvmf_%s", hc->target_trtype);

  compare_roles (c, sc, h, rh);

  /* Threads and where they run */
  for (guint i = 0; i < ht->threads->len; i++)
    {
      IopThread *t = g_ptr_array_index (ht->threads, i);
      IopThreadInfo *rt = NULL;
      g_autofree char *model = NULL;

      for (guint j = 0; rh->threads && j < rh->threads->len; j++)
        if (g_strcmp0 (((IopThreadInfo *)g_ptr_array_index (rh->threads, j))->name, t->name) == 0)
          rt = g_ptr_array_index (rh->threads, j);
      model = t->role == IOP_THREAD_POLL_GROUP
              ? g_strdup_printf (_("core %u; %s and bdev polling"), t->core, module)
              : g_strdup_printf (_("core %u; the control plane"), t->core);
      if (rt == NULL)
        {
          add_row (c, name, t->name, g_steal_pointer (&model), g_strdup (_("not in the dumps")), FALSE,
                   g_strdup (_("The dumps have no thread of this name (or no thread_get_pollers / framework_get_reactors).")));
          continue;
        }
      {
        gboolean core_ok = rt->lcore < 0 || (guint)rt->lcore == t->core;
        gboolean pollers_ok = t->role != IOP_THREAD_POLL_GROUP || has_poller (rt, module);
        GString *run = g_string_new (NULL);

        if (rt->lcore >= 0)
          g_string_append_printf (run, _("core %d"), rt->lcore);
        else
          g_string_append (run, _("core unknown"));
        g_string_append (run, "; ");
        for (guint k = 0; k < rt->active_pollers->len; k++)
          g_string_append_printf (run, "%s%s", k ? ", " : "", ((IopPollerInfo *)g_ptr_array_index (rt->active_pollers, k))->name);
        if (rt->busy_pct >= 0)
          g_string_append_printf (run, _("; %.1f %% busy"), rt->busy_pct);
        add_row (c, name, t->name, g_steal_pointer (&model), g_string_free (run, FALSE), core_ok && pollers_ok,
                 g_strdup (!core_ok ? _("SPDK placed the thread on another core than the model's rule (poll groups from the core after the main one, wrapping)")
                           : !pollers_ok ? _("The transport's poller is missing from this poll group in the dump")
                           : _("Placed and polling as the model lays it out.")));
      }
    }
  /* Threads the model does not have */
  for (guint j = 0; rh->threads && j < rh->threads->len; j++)
    {
      IopThreadInfo *rt = g_ptr_array_index (rh->threads, j);
      gboolean known = FALSE;

      for (guint i = 0; i < ht->threads->len; i++)
        if (g_strcmp0 (((IopThread *)g_ptr_array_index (ht->threads, i))->name, rt->name) == 0)
          known = TRUE;
      if (!known)
        add_row (c, name, rt->name, g_strdup (_("not modelled")), g_strdup_printf (_("core %d"), rt->lcore), TRUE,
                 g_strdup (g_str_has_prefix (rt->name, "iscsi_poll_group")
                           ? _("spdk_tgt starts an iSCSI poll group on every reactor; with no iSCSI target it carries no I/O, so the model leaves it out.")
                           : _("A thread outside the data path the model follows.")));
    }

  /* iobuf_get_stats of the transport module */
  {
    JsonNode *a = NULL, *b = NULL;
    guint n = iobuf_samples (rh, &a, &b);
    const IopIobufStats *ms = iop_workload_find_iobuf_stats (c->workload, h == IOP_HOST_BAREMETAL ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE,
                                                             h == IOP_HOST_BAREMETAL ? -1 : 0, module);
    gint64 rs_cache = iobuf_field (b, module, "small_pool", "cache");
    gint64 rs_main = iobuf_field (b, module, "small_pool", "main");
    gint64 rs_retry = iobuf_field (b, module, "small_pool", "retry");
    gint64 rl_retry = iobuf_field (b, module, "large_pool", "retry");

    if (n == 0 || ms == NULL)
      add_row (c, name, module, g_strdup (ms ? _("modelled") : _("no such module in the model")),
               g_strdup (_("no iobuf_get_stats in the dumps")), FALSE, g_strdup (_("Nothing to compare.")));
    else
      {
        double model_per_io = c->workload->ios ? (double)ms->small_cache / c->workload->ios : 0;
        gint64 run_retry = iop_sat_add (MAX (rs_retry, 0), MAX (rl_retry, 0));
        gboolean retry_ok = (ms->small_retry + ms->large_retry == 0) == (run_retry == 0);
        gboolean main_ok = (ms->small_main == 0) == (rs_main == 0);

        add_row (c, name, _("iobuf retries"),
                 g_strdup_printf ("%" PRIu64, ms->small_retry + ms->large_retry),
                 g_strdup_printf ("%" PRId64, run_retry), retry_ok,
                 g_strdup (retry_ok ? _("No starvation in either: the pools and caches hold what this load needs.")
                                    : _("One shows starvation and the other does not: compare the pool sizes and the load.")));
        add_row (c, name, _("iobuf gets from the central ring (main)"),
                 g_strdup_printf ("%" PRIu64, ms->small_main), g_strdup_printf ("%" PRId64, MAX (rs_main, 0)), main_ok,
                 g_strdup (main_ok ? _("The poll-group cache serves every get: it never ran dry.")
                                   : _("One of them had to refill the cache from the central ring.")));
        /* two samples of one run: a counter lower in the later one means a restart */
        if (n >= 2 && g->found && g->iops > 0 && rs_cache >= 0 &&
            iobuf_field (a, module, "small_pool", "cache") >= 0 &&
            iobuf_field (a, module, "small_pool", "cache") <= rs_cache)
          {
            gint64 ra = iobuf_field (a, module, "small_pool", "cache");
            double run_per_io = (double)(rs_cache - ra) / (interval_s * g->iops);
            g_autofree char *ms_text = g_strdup_printf ("%.2f", model_per_io);
            g_autofree char *rs_text = g_strdup_printf ("%.2f", run_per_io);
            /* equal as printed (0.00 and 0.00) is the same, else within the sampling's margin */
            gboolean close = g_strcmp0 (ms_text, rs_text) == 0 ||
                             (model_per_io > 0 && run_per_io / model_per_io > 0.7 && run_per_io / model_per_io < 1.4);

            add_row (c, name, _("small buffers from the transport cache, per guest I/O"),
                     g_strdup_printf ("%.2f", model_per_io), g_strdup_printf ("%.2f", run_per_io), close,
                     close && model_per_io == 0 ? g_strdup (_("Neither takes small buffers from the transport's cache for this load."))
                     : close ? g_strdup (_("Reads take one small buffer for the data; writes of 4 KiB travel in capsule and take none."))
                           : g_strdup_printf (_("The run counts more gets per I/O than the model's one per read (%.2f). The run's rate is estimated from two samples %.0f s apart and the guest's average IOPS, so part of the gap is the sampling; the rest would be buffers the model does not take, for example for writes that did not fit in the capsule."),
                                              model_per_io, interval_s));
          }
      }
  }
}

IopComparison *
iop_compare_run (IopRuntime  *runtime,
                 IopScenario *scenario,
                 GError     **error)
{
  g_autoptr(IopComparison) c = g_new0 (IopComparison, 1);
  g_autoptr(IopTopology) topo = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_copy (scenario);
  GPtrArray *hosts = iop_runtime_explain (runtime);
  IopBdevperfRun g = { 0 };
  IopWorkloadParams p;
  const char *env = g_getenv ("IOPATH_SAMPLE_INTERVAL");
  double interval = env ? g_ascii_strtod (env, NULL) : DEFAULT_SAMPLE_INTERVAL_S;

  c->rows = g_ptr_array_new_with_free_func (row_free);
  if (interval <= 0)
    interval = DEFAULT_SAMPLE_INTERVAL_S;

  /* The guest's load, from its bdevperf log when there is one */
  for (guint i = 0; i < iop_runtime_get_dumps (runtime)->len; i++)
    {
      IopDump *d = g_ptr_array_index (iop_runtime_get_dumps (runtime), i);
      if (d->kind == IOP_DUMP_LOG && d->text && strstr (d->text, "IOPS") && strstr (d->text, "Total"))
        iop_bdevperf_parse (d->text, &g);
    }
  if (find_host (hosts, "baremetal") == NULL && find_host (hosts, "storage") == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("The dumps name no baremetal or storage host: give files named baremetal.* and storage.* (the name before the first dot names the host)"));
      return NULL;
    }

  iop_workload_params_init (&p, sc);
  if (g.found)
    {
      if (g.depth > 0)
        p.queue_depth = (guint)g.depth;
      if (g.io_size > 0)
        p.io_size = g.io_size;
      p.read_percent = (guint)CLAMP (g.read_pct, 0, 100);
      p.random = g.random;
    }
  p.ios = MIN (p.ios, 50000);
  c->workload = iop_workload_run (sc, &p, error);
  if (c->workload == NULL)
    return NULL;
  topo = iop_topology_new (sc);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      IopRuntimeHost *rh = find_host (hosts, iop_host_name (h));
      if (rh != NULL)
        compare_host (c, sc, topo, h, rh, &g, interval);
    }

  if (g.found)
    {
      add_row (c, "guest", _("IOPS"), g_strdup_printf ("%.0f", c->workload->iops), g_strdup_printf ("%.0f", g.iops),
               FALSE,
               g_strdup_printf (_("The model gives each reactor a core of its own. The run had two cores for three SPDK processes and bdevperf, every one of them polling, so each reactor got a fraction of a core and the run is %.0f times slower. The model's timing (the scenario's model section) describes a dedicated machine; scale cpu_step_ns to match a shared one."),
                                g.iops > 0 ? c->workload->iops / g.iops : 0));
      add_row (c, "guest", _("average latency"), g_strdup_printf ("%.0f µs", c->workload->lat_mean_ns / 1e3),
               g_strdup_printf ("%.0f µs", g.avg_us), FALSE,
               g_strdup (_("The same cause: at queue depth 64 the latency is the depth divided by the throughput (Little's law), so the slower run waits longer for the same queue.")));
    }
  return g_steal_pointer (&c);
}

JsonNode *
iop_comparison_to_json (const IopComparison *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "iops");
  json_builder_add_double_value (b, self->workload->iops);
  json_builder_set_member_name (b, "latency_mean_ns");
  json_builder_add_int_value (b, self->workload->lat_mean_ns);
  json_builder_set_member_name (b, "ios");
  json_builder_add_int_value (b, (gint64)self->workload->ios);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "comparison");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->rows->len; i++)
    {
      IopCompareRow *r = g_ptr_array_index (self->rows, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "host");
      json_builder_add_string_value (b, r->host);
      json_builder_set_member_name (b, "topic");
      json_builder_add_string_value (b, r->topic);
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, r->model);
      json_builder_set_member_name (b, "run");
      json_builder_add_string_value (b, r->run);
      json_builder_set_member_name (b, "agrees");
      json_builder_add_boolean_value (b, r->agrees);
      json_builder_set_member_name (b, "unknown");
      json_builder_add_boolean_value (b, r->unknown);
      json_builder_set_member_name (b, "why");
      json_builder_add_string_value (b, r->why);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
iop_comparison_to_text (const IopComparison *self)
{
  GString *s = g_string_new (NULL);
  const char *host = NULL;

  g_string_append_printf (s, _("The model beside the run (%" PRIu64 " I/Os simulated)\n"), self->workload->ios);
  for (guint i = 0; i < self->rows->len; i++)
    {
      IopCompareRow *r = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (host, r->host) != 0)
        {
          host = r->host;
          g_string_append_printf (s, "\n== %s ==\n", host);
        }
      g_string_append_printf (s, "  %s %-40s %s: %-36s %s: %s\n      %s\n",
                              r->unknown ? "?" : r->agrees ? "=" : "≠", r->topic, _("model"), r->model, _("run"), r->run, r->why);
    }
  return g_string_free (s, FALSE);
}
