/* iop-abworkload.c: two workloads of one scenario side by side (A/B)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures a tuning lesson asks about, A beside B: throughput and latency
 * percentiles, where bdev_io came from (cache, mempool, io_wait), NOMEM and
 * queued requests, transport buffer waits, and each pool's or queue's lowest
 * and highest level over the run. Lines where A and B agree are marked so.
 * For the Workload view's A/B plots: how far apart a series' curves are in
 * the two runs, and a few lines on IOPS, p99 and where the runs wait.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "iop-abcompare.h"
#include "iop-format.h"
#include "iop-version.h"

typedef struct
{
  const char *id;
  char       *label;     /* translated */
  double      a, b;
  gboolean    lower_is_better;
  gboolean    duration;  /* ns, formatted as a time */
} Metric;

static void
metric_clear (gpointer p)
{
  g_free (((Metric *) p)->label);
}

static void
add (GArray     *m,
     const char *id,
     char       *label,
     double      a,
     double      b,
     gboolean    lower_is_better,
     gboolean    duration)
{
  Metric x = { id, label, a, b, lower_is_better, duration };
  g_array_append_val (m, x);
}

static const IopHostCounters *
counters_for (const IopWorkload *w,
              IopPlace           place,
              int                node)
{
  for (guint i = 0; i < w->counters->len; i++)
    {
      const IopHostCounters *c = g_ptr_array_index (w->counters, i);

      if (c->place == place && c->node == node)
        return c;
    }
  return NULL;
}

static char *
host_name (IopPlace place,
           int      node)
{
  if (place == IOP_PLACE_BAREMETAL)
    return g_strdup (_("baremetal"));
  /* TRANSLATORS: storage node A, B, ... */
  return g_strdup_printf (_("storage %c"), 'A' + node);
}

static GArray *
metrics (const IopWorkload *a,
         const IopWorkload *b)
{
  GArray *m = g_array_new (FALSE, TRUE, sizeof (Metric));

  g_array_set_clear_func (m, metric_clear);
  add (m, "iops", g_strdup (_("IOPS")), a->iops, b->iops, FALSE, FALSE);
  add (m, "mib_per_s", g_strdup (_("MiB/s")), a->mib_per_s, b->mib_per_s, FALSE, FALSE);
  add (m, "lat_mean_ns", g_strdup (_("latency, mean")), a->lat_mean_ns, b->lat_mean_ns, TRUE, TRUE);
  add (m, "lat_p50_ns", g_strdup (_("latency, p50")), a->lat_p50_ns, b->lat_p50_ns, TRUE, TRUE);
  add (m, "lat_p99_ns", g_strdup (_("latency, p99")), a->lat_p99_ns, b->lat_p99_ns, TRUE, TRUE);
  add (m, "lat_p999_ns", g_strdup (_("latency, p99.9")), a->lat_p999_ns, b->lat_p999_ns, TRUE, TRUE);
  add (m, "lat_max_ns", g_strdup (_("latency, max")), a->lat_max_ns, b->lat_max_ns, TRUE, TRUE);
  add (m, "failed", g_strdup (_("I/Os failed")), a->failed, b->failed, TRUE, FALSE);
  add (m, "late", g_strdup (_("I/Os a fault delayed")), a->late, b->late, TRUE, FALSE);
  for (guint i = 0; i < a->counters->len; i++)
    {
      const IopHostCounters *ca = g_ptr_array_index (a->counters, i);
      const IopHostCounters *cb = counters_for (b, ca->place, ca->node);
      g_autofree char *h = host_name (ca->place, ca->node);

      if (cb == NULL)
        continue;
      add (m, "bdev_io_cache", g_strdup_printf (_("%s: bdev_io from the per-thread cache"), h), ca->bdev_io_cache, cb->bdev_io_cache, FALSE, FALSE);
      add (m, "bdev_io_mempool", g_strdup_printf (_("%s: bdev_io from the mempool"), h), ca->bdev_io_mempool, cb->bdev_io_mempool, TRUE, FALSE);
      add (m, "bdev_io_wait", g_strdup_printf (_("%s: io_wait entries (no bdev_io)"), h), ca->bdev_io_wait, cb->bdev_io_wait, TRUE, FALSE);
      add (m, "nvme_nomem", g_strdup_printf (_("%s: NOMEM (no nvme_request)"), h), ca->nvme_nomem, cb->nvme_nomem, TRUE, FALSE);
      add (m, "qpair_queued", g_strdup_printf (_("%s: requests queued for a qpair slot"), h), ca->qpair_queued, cb->qpair_queued, TRUE, FALSE);
      add (m, "buffer_waits", g_strdup_printf (_("%s: requests that waited for a transport buffer"), h), ca->buffer_waits, cb->buffer_waits, TRUE, FALSE);
    }
  return m;
}

static void
series_range (const IopSeries *s,
              gint64          *lo,
              gint64          *hi)
{
  *lo = G_MAXINT64;
  *hi = G_MININT64;
  for (guint i = 0; i < s->values->len; i++)
    {
      gint64 v = g_array_index (s->values, gint64, i);
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
  if (s->values->len == 0)
    *lo = *hi = 0;
}

static char *
format_value (const Metric *x,
              double        v)
{
  if (x->duration)
    return iop_format_duration ((gint64) v);
  if (v == (gint64) v)
    return iop_format_count ((gint64) v);
  return g_strdup_printf ("%.1f", v);
}

JsonNode *
iop_ab_workload_to_json (const IopWorkload *a,
                         const IopWorkload *b,
                         const char        *label_a,
                         const char        *label_b)
{
  g_autoptr(JsonBuilder) bld = json_builder_new ();
  g_autoptr(GArray) m = metrics (a, b);

  json_builder_begin_object (bld);
  json_builder_set_member_name (bld, "scenario");
  json_builder_add_string_value (bld, a->scenario->id);
  json_builder_set_member_name (bld, "label_a");
  json_builder_add_string_value (bld, label_a);
  json_builder_set_member_name (bld, "label_b");
  json_builder_add_string_value (bld, label_b);
  json_builder_set_member_name (bld, "metrics");
  json_builder_begin_array (bld);
  for (guint i = 0; i < m->len; i++)
    {
      const Metric *x = &g_array_index (m, Metric, i);

      json_builder_begin_object (bld);
      json_builder_set_member_name (bld, "id");
      json_builder_add_string_value (bld, x->id);
      json_builder_set_member_name (bld, "label");
      json_builder_add_string_value (bld, x->label);
      json_builder_set_member_name (bld, "a");
      json_builder_add_double_value (bld, x->a);
      json_builder_set_member_name (bld, "b");
      json_builder_add_double_value (bld, x->b);
      json_builder_set_member_name (bld, "lower_is_better");
      json_builder_add_boolean_value (bld, x->lower_is_better);
      json_builder_end_object (bld);
    }
  json_builder_end_array (bld);
  json_builder_set_member_name (bld, "series");
  json_builder_begin_array (bld);
  for (guint i = 0; i < a->series->len; i++)
    {
      const IopSeries *sa = g_ptr_array_index (a->series, i);
      const IopSeries *sb = iop_workload_find_series (b, sa->key);
      gint64 alo, ahi, blo, bhi;

      if (sb == NULL)
        continue;
      series_range (sa, &alo, &ahi);
      series_range (sb, &blo, &bhi);
      json_builder_begin_object (bld);
      json_builder_set_member_name (bld, "key");
      json_builder_add_string_value (bld, sa->key);
      json_builder_set_member_name (bld, "label");
      json_builder_add_string_value (bld, sa->label);
      json_builder_set_member_name (bld, "capacity_a");
      json_builder_add_int_value (bld, sa->capacity);
      json_builder_set_member_name (bld, "capacity_b");
      json_builder_add_int_value (bld, sb->capacity);
      json_builder_set_member_name (bld, "min_a");
      json_builder_add_int_value (bld, alo);
      json_builder_set_member_name (bld, "max_a");
      json_builder_add_int_value (bld, ahi);
      json_builder_set_member_name (bld, "min_b");
      json_builder_add_int_value (bld, blo);
      json_builder_set_member_name (bld, "max_b");
      json_builder_add_int_value (bld, bhi);
      json_builder_end_object (bld);
    }
  json_builder_end_array (bld);
  json_builder_end_object (bld);
  return json_builder_get_root (bld);
}

char *
iop_ab_workload_to_text (const IopWorkload *a,
                         const IopWorkload *b,
                         const char        *label_a,
                         const char        *label_b)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) m = metrics (a, b);
  guint same = 0;

  g_string_append_printf (out, _("A/B workload of scenario %s, SPDK %s: %u queue pair(s) x depth %u, %" PRId64 " B, %u%% reads\n"),
                          a->scenario->id, iop_spdk_version_tag (a->scenario->version),
                          a->queue_pairs, a->params.queue_depth, a->params.io_size, a->params.read_percent);
  g_string_append_printf (out, _("  A: %s\n  B: %s\n\n"), label_a, label_b);
  g_string_append_printf (out, "  %-52s %14s %14s %9s\n", _("(✓ marks the better run)"), "A", "B", "B/A");
  for (guint i = 0; i < m->len; i++)
    {
      const Metric *x = &g_array_index (m, Metric, i);
      g_autofree char *va = format_value (x, x->a);
      g_autofree char *vb = format_value (x, x->b);
      g_autofree char *ratio = x->a > 0 ? g_strdup_printf ("%.2fx", x->b / x->a)
                                        : g_strdup (x->b > 0 ? "new" : "");

      if (x->a == x->b && x->a == 0)
        {
          same++;
          continue;
        }
      g_string_append_printf (out, "  %-52s %14s %14s %9s%s\n", x->label, va, vb, ratio,
                              x->a == x->b ? "" : (x->lower_is_better == (x->b < x->a) ? "  ✓ B" : "  ✓ A"));
    }
  if (same > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "  (%u more counter is 0 in both)\n",
                                              "  (%u more counters are 0 in both)\n", same), same);
  g_string_append (out, _("\nPools and queues whose range differs (lowest – highest over the run)\n"));
  for (guint i = 0; i < a->series->len; i++)
    {
      const IopSeries *sa = g_ptr_array_index (a->series, i);
      const IopSeries *sb = iop_workload_find_series (b, sa->key);
      gint64 alo, ahi, blo, bhi;

      if (sb == NULL)
        continue;
      series_range (sa, &alo, &ahi);
      series_range (sb, &blo, &bhi);
      if (alo == blo && ahi == bhi && sa->capacity == sb->capacity)
        continue;
      g_string_append_printf (out, "  %-40s A %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                              ", B %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT "\n",
                              sa->key, alo, ahi, sa->capacity, blo, bhi, sb->capacity);
    }
  return g_string_free (out, FALSE);
}

/* --- Curves and a summary, for the Workload view's A/B plots ----------------- */

/* The value of SE at T: the last sample at or before T (the first before it) */
static gint64
value_at (const IopWorkload *wl,
          const IopSeries   *se,
          gint64             t)
{
  guint n = MIN (wl->sample_t->len, se->values->len);
  guint lo = 0, hi;

  if (n == 0)
    return 0;
  hi = n - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (g_array_index (wl->sample_t, gint64, mid) <= t)
        lo = mid;
      else
        hi = mid - 1;
    }
  return g_array_index (se->values, gint64, lo);
}

static double
share (const IopSeries *se,
       gint64           v,
       double           scale)
{
  if (se->capacity > 0)
    return 100.0 * v / (double) se->capacity;
  return 100.0 * v / scale;
}

static double
gap_at_samples (const IopWorkload *from,
                const IopWorkload *a,
                const IopSeries   *sa,
                const IopWorkload *b,
                const IopSeries   *sb,
                double             scale)
{
  double gap = 0;

  for (guint i = 0; i < from->sample_t->len; i++)
    {
      gint64 t = g_array_index (from->sample_t, gint64, i);
      double d = share (sa, value_at (a, sa, t), scale) - share (sb, value_at (b, sb, t), scale);

      gap = MAX (gap, fabs (d));
    }
  return gap;
}

double
iop_ab_workload_series_difference (const IopWorkload *a,
                                   const IopWorkload *b,
                                   const char        *key)
{
  const IopSeries *sa, *sb;
  gint64 alo, ahi, blo, bhi;
  double scale;

  g_return_val_if_fail (a != NULL && b != NULL && key != NULL, -1);

  sa = iop_workload_find_series (a, key);
  sb = iop_workload_find_series (b, key);
  if (sa == NULL || sb == NULL || sa->values->len == 0 || sb->values->len == 0)
    return -1;
  series_range (sa, &alo, &ahi);
  series_range (sb, &blo, &bhi);
  scale = MAX (MAX (llabs (alo), llabs (ahi)), MAX (llabs (blo), llabs (bhi)));
  scale = MAX (scale, 1);
  return MAX (gap_at_samples (a, a, sa, b, sb, scale), gap_at_samples (b, a, sa, b, sb, scale));
}

/* "444 µs" that a line never breaks before its unit */
static char *
duration_nobreak (gint64 ns)
{
  g_autofree char *text = iop_format_duration (ns);
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  return g_strjoinv ("\u00a0", parts);
}

/* "+3.7 %", "−3.6 %", "±0 %" */
static char *
change_text (double a,
             double b)
{
  double pct;

  if (a == b)
    return g_strdup ("±0 %");
  if (a == 0)
    return g_strdup ("—");
  pct = 100.0 * (b - a) / a;
  /* TRANSLATORS: a relative change, "+3.7 %" or "−3.6 %" (with a real minus sign) */
  return g_strdup_printf (pct >= 0 ? _("+%.1f %%") : _("−%.1f %%"), fabs (pct));
}

typedef struct
{
  const char *what;      /* N_(): what is counted */
  guint64     a, b;
} Count;

static void
host_counts (const IopWorkload     *a,
             const IopWorkload     *b,
             const IopHostCounters *ca,
             const IopHostCounters *cb,
             gboolean               waits,
             GArray                *out)
{
  guint64 ra = 0, rb = 0, ma = 0, mb = 0;

  for (guint i = 0; i < a->iobuf_stats->len; i++)
    {
      const IopIobufStats *st = g_ptr_array_index (a->iobuf_stats, i);
      if (st->place == ca->place && st->node == ca->node)
        ra += st->small_retry + st->large_retry, ma += st->small_main + st->large_main;
    }
  for (guint i = 0; i < b->iobuf_stats->len; i++)
    {
      const IopIobufStats *st = g_ptr_array_index (b->iobuf_stats, i);
      if (st->place == ca->place && st->node == ca->node)
        rb += st->small_retry + st->large_retry, mb += st->small_main + st->large_main;
    }
  if (waits)
    {
      Count c[] = { { N_("io_wait for a bdev_io"), ca->bdev_io_wait, cb->bdev_io_wait },
                    { N_("NOMEM (no nvme_request)"), ca->nvme_nomem, cb->nvme_nomem },
                    { N_("requests queued for a qpair slot"), ca->qpair_queued, cb->qpair_queued },
                    { N_("requests that waited for a transport buffer"), ca->buffer_waits, cb->buffer_waits },
                    { N_("iobuf retries"), ra, rb } };
      g_array_append_vals (out, c, G_N_ELEMENTS (c));
    }
  else
    {
      Count c[] = { { N_("bdev_io from the mempool"), ca->bdev_io_mempool, cb->bdev_io_mempool },
                    { N_("iobuf buffers from the central pool"), ma, mb } };
      g_array_append_vals (out, c, G_N_ELEMENTS (c));
    }
}

/* "baremetal, io_wait for a bdev_io: 1,234 (A: 0)", joined by "; " */
static char *
counts_text (const IopWorkload *a,
             const IopWorkload *b,
             gboolean           waits,
             gboolean           b_more)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < a->counters->len; i++)
    {
      const IopHostCounters *ca = g_ptr_array_index (a->counters, i);
      const IopHostCounters *cb = counters_for (b, ca->place, ca->node);
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (Count));
      g_autofree char *host = host_name (ca->place, ca->node);

      if (cb == NULL)
        continue;
      host_counts (a, b, ca, cb, waits, counts);
      for (guint j = 0; j < counts->len; j++)
        {
          const Count *c = &g_array_index (counts, Count, j);
          /* a wait counts once it happens; a source once it moved for 1 % of the I/Os */
          gboolean differs = waits ? c->a != c->b
                                   : MAX (c->a, c->b) - MIN (c->a, c->b) >= MAX (b->ios / 100, 1);
          g_autofree char *what = NULL;
          g_autofree char *vb = NULL;
          g_autofree char *va = NULL;

          if (!differs || (c->b > c->a) != b_more)
            continue;
          /* TRANSLATORS: a host, then what is counted there: "baremetal, io_wait for a bdev_io" */
          what = g_strdup_printf (_("%s, %s"), host, _(c->what));
          vb = iop_format_count ((gint64) c->b);
          va = iop_format_count ((gint64) c->a);
          if (out->len > 0)
            g_string_append (out, "; ");
          /* TRANSLATORS: a counter in run B, then in run A: "baremetal, io_wait for a bdev_io: 1,234 (A: 0)" */
          g_string_append_printf (out, _("%s: %s (A: %s)"), what, vb, va);
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
any_wait (const IopWorkload *w)
{
  for (guint i = 0; i < w->counters->len; i++)
    {
      const IopHostCounters *c = g_ptr_array_index (w->counters, i);
      if (c->bdev_io_wait || c->nvme_nomem || c->qpair_queued || c->buffer_waits)
        return TRUE;
    }
  for (guint i = 0; i < w->iobuf_stats->len; i++)
    {
      const IopIobufStats *st = g_ptr_array_index (w->iobuf_stats, i);
      if (st->small_retry || st->large_retry)
        return TRUE;
    }
  return FALSE;
}

char *
iop_ab_workload_summary (const IopWorkload *a,
                         const IopWorkload *b)
{
  GString *out = g_string_new (NULL);
  g_autofree char *iops_b = iop_format_count ((gint64) llround (b->iops));
  g_autofree char *iops_a = iop_format_count ((gint64) llround (a->iops));
  g_autofree char *iops_d = change_text (a->iops, b->iops);
  g_autofree char *p99_b = duration_nobreak (b->lat_p99_ns);
  g_autofree char *p99_a = duration_nobreak (a->lat_p99_ns);
  g_autofree char *p99_d = change_text (a->lat_p99_ns, b->lat_p99_ns);
  g_autofree char *more = NULL;
  g_autofree char *less = NULL;
  g_autofree char *sources = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  /* TRANSLATORS: "B: 573,867 IOPS (−3.6 % against A's 595,119), p99 444 µs (+3.7 % against 428 µs)" */
  g_string_append_printf (out, _("B: %s IOPS (%s against A’s %s), p99 latency %s (%s against %s)"),
                          iops_b, iops_d, iops_a, p99_b, p99_d, p99_a);

  more = counts_text (a, b, TRUE, TRUE);
  less = counts_text (a, b, TRUE, FALSE);
  g_string_append_c (out, '\n');
  if (more != NULL)
    /* TRANSLATORS: followed by the counters in which B waits more than A */
    g_string_append_printf (out, _("Where B waits: %s"), more);
  else if (!any_wait (b))
    g_string_append (out, _("B waits for no object and no queue slot"));
  else
    g_string_append (out, _("B waits nowhere more than A"));
  if (less != NULL)
    {
      g_string_append_c (out, '\n');
      /* TRANSLATORS: followed by the counters in which B waits less than A */
      g_string_append_printf (out, _("Where B waits less: %s"), less);
    }

  sources = counts_text (a, b, FALSE, TRUE);
  if (sources != NULL)
    {
      g_string_append_c (out, '\n');
      /* TRANSLATORS: followed by the objects B takes more often from a slower place than A */
      g_string_append_printf (out, _("Where B’s objects come from: %s"), sources);
    }
  return g_string_free (out, FALSE);
}
