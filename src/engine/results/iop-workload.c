/* iop-workload.c: printers for a workload run (the run itself is in iop-sim.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-workload.h"

static void
member_int (JsonBuilder *b, const char *name, gint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

static void
member_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, v);
}

static void
member_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  if (v)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

/* The parameters the run was asked for */
static void
add_params (JsonBuilder *b, const IopWorkload *self)
{
  const IopWorkloadParams *p = &self->params;

  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  member_int (b, "queue_depth", p->queue_depth);
  member_int (b, "queue_pairs", p->queue_pairs);
  member_int (b, "queue_pairs_effective", self->queue_pairs);
  member_int (b, "io_size", p->io_size);
  member_int (b, "read_percent", p->read_percent);
  json_builder_set_member_name (b, "random");
  json_builder_add_boolean_value (b, p->random);
  member_int (b, "ios", (gint64)p->ios);
  member_int (b, "duration_ns", p->duration_ns);
  member_int (b, "seed", (gint64)p->seed);
  json_builder_end_object (b);
}

/* The faults that fired during the run, in time order */
static void
add_fault_events (JsonBuilder *b, const IopWorkload *self)
{
  json_builder_set_member_name (b, "fault_events");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->fault_events->len; i++)
    {
      const IopFaultEvent *fe = g_ptr_array_index (self->fault_events, i);
      json_builder_begin_object (b);
      member_int (b, "t_ns", fe->t_ns);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, fe->key);
      member_int (b, "leg", fe->leg);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, fe->title);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* What the run measured: counts, throughput, latency */
static void
add_results (JsonBuilder *b, const IopWorkload *self)
{
  json_builder_set_member_name (b, "results");
  json_builder_begin_object (b);
  member_int (b, "ios", (gint64)self->ios);
  member_int (b, "reads", (gint64)self->reads);
  member_int (b, "writes", (gint64)self->writes);
  member_int (b, "failed", (gint64)self->failed);
  member_int (b, "late", (gint64)self->late);
  if (self->fault_events != NULL && self->fault_events->len > 0)
    add_fault_events (b, self);
  member_int (b, "elapsed_ns", self->elapsed_ns);
  member_double (b, "iops", self->iops);
  member_double (b, "mib_per_s", self->mib_per_s);
  member_int (b, "latency_mean_ns", self->lat_mean_ns);
  member_int (b, "latency_p50_ns", self->lat_p50_ns);
  member_int (b, "latency_p99_ns", self->lat_p99_ns);
  member_int (b, "latency_p999_ns", self->lat_p999_ns);
  member_int (b, "latency_max_ns", self->lat_max_ns);
  member_int (b, "events", (gint64)self->events);
  json_builder_end_object (b);
}

/* iobuf_get_stats at the end of the run: per module, small_pool and large_pool */
static void
add_iobuf_stats (JsonBuilder *b, const IopWorkload *self)
{
  json_builder_set_member_name (b, "iobuf_stats");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->iobuf_stats->len; i++)
    {
      IopIobufStats *st = g_ptr_array_index (self->iobuf_stats, i);

      json_builder_begin_object (b);
      member_string (b, "host", iop_place_name (st->place));
      json_builder_set_member_name (b, "node");
      if (st->node >= 0) json_builder_add_int_value (b, st->node); else json_builder_add_null_value (b);
      member_string (b, "module", st->module);
      json_builder_set_member_name (b, "small_pool");
      json_builder_begin_object (b);
      member_int (b, "cache", (gint64)st->small_cache);
      member_int (b, "main", (gint64)st->small_main);
      member_int (b, "retry", (gint64)st->small_retry);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "large_pool");
      json_builder_begin_object (b);
      member_int (b, "cache", (gint64)st->large_cache);
      member_int (b, "main", (gint64)st->large_main);
      member_int (b, "retry", (gint64)st->large_retry);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The counters of each host: bdev_io sources and waits, slots in use */
static void
add_host_counters (JsonBuilder *b, const IopWorkload *self)
{
  json_builder_set_member_name (b, "hosts");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->counters->len; i++)
    {
      IopHostCounters *c = g_ptr_array_index (self->counters, i);

      json_builder_begin_object (b);
      member_string (b, "host", iop_place_name (c->place));
      json_builder_set_member_name (b, "node");
      if (c->node >= 0) json_builder_add_int_value (b, c->node); else json_builder_add_null_value (b);
      member_int (b, "bdev_io_from_cache", (gint64)c->bdev_io_cache);
      member_int (b, "bdev_io_from_mempool", (gint64)c->bdev_io_mempool);
      member_int (b, "bdev_io_wait", (gint64)c->bdev_io_wait);
      if (c->place == IOP_PLACE_BAREMETAL)
        {
          member_int (b, "nvme_nomem", (gint64)c->nvme_nomem);
          member_int (b, "qpair_queued", (gint64)c->qpair_queued);
          member_int (b, "qpair_slots_max_in_use", c->qpair_slots_max);
          member_int (b, "qpair_slots", c->qpair_slots);
        }
      else
        {
          member_int (b, "transport_requests_max_in_use", c->target_reqs_max);
          member_int (b, "transport_requests_per_qpair", c->target_reqs);
          member_int (b, "buffer_waits", (gint64)c->buffer_waits);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The sampled times and, per series, its value at each of them */
static void
add_series (JsonBuilder *b, const IopWorkload *self)
{
  json_builder_set_member_name (b, "samples_ns");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->sample_t->len; i++)
    json_builder_add_int_value (b, g_array_index (self->sample_t, gint64, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "series");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->series->len; i++)
    {
      IopSeries *se = g_ptr_array_index (self->series, i);

      json_builder_begin_object (b);
      member_string (b, "key", se->key);
      member_string (b, "label", se->label);
      member_int (b, "capacity", se->capacity);
      member_string (b, "knob", se->knob);
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint j = 0; j < se->values->len; j++)
        json_builder_add_int_value (b, g_array_index (se->values, gint64, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* What SPDK or Iopath would log for this run */
static void
add_diagnostics (JsonBuilder *b, const IopWorkload *self)
{
  json_builder_set_member_name (b, "diagnostics");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (self->diagnostics, i);

      json_builder_begin_object (b);
      member_string (b, "level", iop_diag_level_name (d->level));
      member_string (b, "host", iop_host_name (d->host));
      member_string (b, "message", d->message);
      member_string (b, "knob", d->knob);
      member_int (b, "count", d->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
iop_workload_to_json (const IopWorkload *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  member_string (b, "spdk_tag", iop_spdk_version_tag (self->scenario->version));
  member_string (b, "scenario", self->scenario->id);
  add_params (b, self);
  add_results (b, self);
  add_iobuf_stats (b, self);
  add_host_counters (b, self);
  add_series (b, self);
  add_diagnostics (b, self);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
node_name (IopPlace place, int node, char *buf, gsize len, guint instances)
{
  if (place == IOP_PLACE_STORAGE && instances <= 1)
    g_snprintf (buf, len, "%s", _("storage"));
  else if (place == IOP_PLACE_STORAGE)
    g_snprintf (buf, len, _("storage %c"), 'A' + node);
  else
    g_snprintf (buf, len, "%s", _("baremetal"));
  return buf;
}

char *
iop_workload_to_text (const IopWorkload *self)
{
  GString *s = g_string_new (NULL);
  const IopWorkloadParams *p = &self->params;
  char buf[32];

  g_string_append_printf (s, _("Scenario %s, SPDK %s: %u queue pair(s) x depth %u, %" PRId64 " B, %u%% reads, %s\n"),
                          self->scenario->id, iop_spdk_version_tag (self->scenario->version),
                          self->queue_pairs, p->queue_depth, p->io_size, p->read_percent,
                          p->random ? _("random") : _("sequential"));
  g_string_append_printf (s, _("%" PRIu64 " I/Os in %.3f ms of virtual time: %.0f IOPS, %.1f MiB/s\n"),
                          self->ios, self->elapsed_ns / 1e6, self->iops, self->mib_per_s);
  g_string_append_printf (s, _("Latency: mean %.1f µs, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs\n\n"),
                          self->lat_mean_ns / 1e3, self->lat_p50_ns / 1e3, self->lat_p99_ns / 1e3,
                          self->lat_p999_ns / 1e3, self->lat_max_ns / 1e3);
  if (self->scenario->faults->len > 0)
    {
      const IopSeries *iops = iop_workload_find_series (self, "baremetal/io.iops");
      const IopSeries *lat = iop_workload_find_series (self, "baremetal/io.latency");

      for (guint i = 0; i < self->scenario->faults->len; i++)
        {
          g_autofree char *d = iop_fault_describe (&g_array_index (self->scenario->faults, IopFault, i));
          g_string_append_printf (s, _("Fault: %s\n"), d);
        }
      g_string_append_printf (s, _("Through the faults: %" PRIu64 " I/O(s) failed, %" PRIu64 " completed late (they waited for a path or a retransmission)\n"),
                              self->failed, self->late);
      if (self->fault_events != NULL && self->fault_events->len > 0)
        {
          const guint shown = 40;

          g_string_append (s, _("  time (s)      event\n"));
          for (guint i = 0; i < self->fault_events->len && i < shown; i++)
            {
              const IopFaultEvent *fe = g_ptr_array_index (self->fault_events, i);
              g_string_append_printf (s, "  %8.3f      %s\n", fe->t_ns / 1e9, fe->title);
            }
          if (self->fault_events->len > shown)
            g_string_append_printf (s, _("  … and %u more events (all of them in --json)\n"), self->fault_events->len - shown);
        }
      if (iops != NULL && lat != NULL)
        {
          gint64 step = MAX (self->sample_t->len / 24, 1);
          g_string_append (s, _("  time (s)      IOPS   longest latency (µs)\n"));
          /* each row sums up its group of samples: mean IOPS, longest latency */
          for (guint i = 0; i < self->sample_t->len; i += (guint)step)
            {
              guint end = MIN (i + (guint)step, self->sample_t->len);
              double rate = 0;
              gint64 worst = 0;

              for (guint k = i; k < end; k++)
                {
                  rate += g_array_index (iops->values, gint64, k);
                  worst = MAX (worst, g_array_index (lat->values, gint64, k));
                }
              g_string_append_printf (s, "  %8.3f %9.0f %19" PRId64 "\n",
                                      g_array_index (self->sample_t, gint64, end - 1) / 1e9, rate / (end - i), worst);
            }
        }
      g_string_append_c (s, '\n');
    }

  g_string_append (s, _("iobuf_get_stats (as SPDK would report them)\n"));
  g_string_append_printf (s, "  %-12s %-16s %12s %10s %8s   %12s %10s %8s\n", _("host"), _("module"),
                          _("small cache"), _("main"), _("retry"), _("large cache"), _("main"), _("retry"));
  for (guint i = 0; i < self->iobuf_stats->len; i++)
    {
      IopIobufStats *st = g_ptr_array_index (self->iobuf_stats, i);
      g_string_append_printf (s, "  %-12s %-16s %12" PRIu64 " %10" PRIu64 " %8" PRIu64 "   %12" PRIu64 " %10" PRIu64 " %8" PRIu64 "\n",
                              node_name (st->place, st->node, buf, sizeof buf, self->scenario->hosts[IOP_HOST_STORAGE].instances), st->module,
                              st->small_cache, st->small_main, st->small_retry,
                              st->large_cache, st->large_main, st->large_retry);
    }

  g_string_append (s, _("\nbdev_io, queues and requests\n"));
  for (guint i = 0; i < self->counters->len; i++)
    {
      IopHostCounters *c = g_ptr_array_index (self->counters, i);

      g_string_append_printf (s, _("  %-12s bdev_io from cache %" PRIu64 ", from mempool %" PRIu64 ", io_wait entries %" PRIu64 "\n"),
                              node_name (c->place, c->node, buf, sizeof buf, self->scenario->hosts[IOP_HOST_STORAGE].instances), c->bdev_io_cache, c->bdev_io_mempool, c->bdev_io_wait);
      if (c->place == IOP_PLACE_BAREMETAL)
        g_string_append_printf (s, _("  %-12s qpair slots in use at most %" PRId64 " of %" PRId64 ", requests queued for a slot %" PRIu64 ", NOMEM %" PRIu64 "\n"),
                                "", c->qpair_slots_max, c->qpair_slots, c->qpair_queued, c->nvme_nomem);
      else
        g_string_append_printf (s, _("  %-12s transport requests in use at most %" PRId64 " of %" PRId64 " per qpair, waits for a buffer %" PRIu64 "\n"),
                                "", c->target_reqs_max, c->target_reqs, c->buffer_waits);
    }

  if (self->diagnostics->len > 0)
    {
      g_string_append (s, _("\nWhat SPDK would say, and what the run shows:\n"));
      for (guint i = 0; i < self->diagnostics->len; i++)
        {
          IopDiagnostic *d = g_ptr_array_index (self->diagnostics, i);
          g_string_append_printf (s, "  [%s] %s: %s", iop_diag_level_name (d->level), iop_host_name (d->host), d->message);
          if (d->count > 1)
            g_string_append_printf (s, _(" (×%u)"), d->count);
          g_string_append_c (s, '\n');
        }
    }
  return g_string_free (s, FALSE);
}

const IopIobufStats *
iop_workload_find_iobuf_stats (const IopWorkload *self,
                               IopPlace           place,
                               int                node,
                               const char        *module)
{
  for (guint i = 0; i < self->iobuf_stats->len; i++)
    {
      IopIobufStats *st = g_ptr_array_index (self->iobuf_stats, i);
      if (st->place == place && st->node == node && g_strcmp0 (st->module, module) == 0)
        return st;
    }
  return NULL;
}
