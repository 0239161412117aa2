/* iop-workload-view-ab.c: the workload view while the window compares
 *
 * A is the scenario (its own knob values, or a second scenario), B the
 * view's scenario with the user's edits. A run simulates both with the same
 * parameters (iop-workload-view.c); this file shows them: a note on what
 * is compared, the card with the runs' key, a summary of the differences,
 * IOPS, latency and the latency percentiles of both, A's value on each
 * tile, and which pools and queues the A/B plots show (those that differ
 * most). The tables and diagnostics stay B's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-WorkloadView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-abcompare.h"
#include "iop-format.h"
#include "iop-plot.h"
#include "iop-workload-view-private.h"

#define AB_MAX_KEYS        4     /* series per A/B plot: four dashes */
#define AB_MIN_DIFFERENCE  1.0   /* percentage points: less looks the same */

static const char *const ab_pool_suffixes[] = {
  "iobuf.small", "iobuf.large", "transport.cache.small", "transport.cache.large",
  "bdev_io.mempool", "bdev_io.caches", NULL
};
static const char *const ab_queue_suffixes[] = {
  "guest.sq", "qpair.slots", "qpair.queued", "qpair.nvme_reqs", "target.reqs", "iobuf.waiters", NULL
};
/* when no pool or queue differs: the baremetal's, as a reference */
static const char *const ab_pool_fallback[] = { "baremetal/iobuf.small", "baremetal/iobuf.large", NULL };
static const char *const ab_queue_fallback[] = { "baremetal/qpair.slots", "baremetal/qpair.queued", NULL };

/* What B changes against A: the knobs, or NULL (another scenario, or nothing) */
static char *
knob_changes (IopWorkloadView *self)
{
  if (self->scenario_a == NULL || self->scenario == NULL)
    return NULL;
  return iop_scenario_describe_knob_changes (self->scenario_a, self->scenario);
}

/* A differs from B: a run is worth doing twice */
static gboolean
ab_wanted (IopWorkloadView *self)
{
  g_autofree char *changes = NULL;

  if (!self->comparing || self->scenario_a == NULL || self->scenario == NULL)
    return FALSE;
  if (g_strcmp0 (self->scenario_a->id, self->scenario->id) != 0 || self->scenario_a->version != self->scenario->version)
    return TRUE;
  changes = knob_changes (self);
  return changes != NULL;
}

IopScenario *
iop_workload_view_run_a_scenario (IopWorkloadView *self)
{
  return ab_wanted (self) ? self->scenario_a : NULL;
}

gboolean
iop_workload_view_is_ab (IopWorkloadView *self)
{
  return self->workload_a != NULL && self->workload != NULL;
}

/* --- Showing ------------------------------------------------------------------ */

static void
update_note (IopWorkloadView *self)
{
  g_autofree char *changes = knob_changes (self);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->compare_note), self->comparing && self->scenario != NULL);
  if (!self->comparing)
    return;
  if (!ab_wanted (self))
    text = g_strdup (_("Comparing, but B is the same as A: change a knob in the Trace view’s Knobs panel, and a run here simulates the workload with the scenario’s values (A) and with yours (B)."));
  else if (changes != NULL)
    /* Translators: "Comparing A (the scenario) and B (with your edits: bdev_set_options.bdev_io_cache_size = 2 (baremetal)). ..." */
    text = g_strdup_printf (_("Comparing A (%s) and B (%s: %s). Each run simulates both, with the same parameters and seed."),
                            self->label_a, self->label_b, changes);
  else
    /* Translators: "Comparing A (the scenario) and B (scenario raid270-tcp). ..." */
    text = g_strdup_printf (_("Comparing A (%s) and B (%s). Each run simulates both, with the same parameters and seed."),
                            self->label_a, self->label_b);
  gtk_label_set_text (self->compare_note, text);
}

/* "A 595,119 · −3.6 %" under a tile: A's figure, and B's change against it */
static char *
tile_ab_text (const char *a_text,
              double      a,
              double      b)
{
  g_autofree char *change = NULL;

  if (a == b)
    /* Translators: under a figure of run B: A's figure, the same */
    return g_strdup_printf (_("A %s · the same"), a_text);
  if (a == 0)
    /* Translators: under a figure of run B: A's figure */
    return g_strdup_printf (_("A %s"), a_text);
  change = g_strdup_printf ("%s%.1f %%", b > a ? "+" : "−", fabs (100.0 * (b - a) / a));
  /* Translators: under a figure of run B: A's figure, then B's change against it, "A 595,119 · −3.6 %" */
  return g_strdup_printf (_("A %s · %s"), a_text, change);
}

static void
update_tiles (IopWorkloadView *self)
{
  const IopWorkload *a = self->workload_a, *b = self->workload;
  double va[6], vb[6];
  char *texts[6];

  va[0] = a->iops, vb[0] = b->iops;
  va[1] = a->mib_per_s, vb[1] = b->mib_per_s;
  va[2] = (double)a->events, vb[2] = (double)b->events;
  va[3] = (double)a->lat_p50_ns, vb[3] = (double)b->lat_p50_ns;
  va[4] = (double)a->lat_p99_ns, vb[4] = (double)b->lat_p99_ns;
  va[5] = (double)a->lat_p999_ns, vb[5] = (double)b->lat_p999_ns;
  texts[0] = iop_format_count ((gint64)llround (a->iops));
  texts[1] = a->mib_per_s >= 100 ? iop_format_count ((gint64)llround (a->mib_per_s)) : g_strdup_printf ("%.1f", a->mib_per_s);
  texts[2] = iop_format_count ((gint64)a->events);
  texts[3] = iop_format_duration (a->lat_p50_ns);
  texts[4] = iop_format_duration (a->lat_p99_ns);
  texts[5] = iop_format_duration (a->lat_p999_ns);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *line = tile_ab_text (texts[i], va[i], vb[i]);

      gtk_label_set_text (self->stat_ab[i], line);
      gtk_widget_set_visible (GTK_WIDGET (self->stat_ab[i]), TRUE);
      g_free (texts[i]);
    }
}

/* Of the candidates with SUFFIXES, those that differ most; else FALLBACK */
static gboolean
pick_keys (IopWorkloadView    *self,
           GPtrArray          *out,
           const char *const  *suffixes,
           const char *const  *fallback)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) picked = NULL;
  gboolean differ;

  iop_workload_view_collect_keys (self->workload, candidates, suffixes);
  picked = iop_plot_ab_pick_keys (self->workload_a, self->workload, (const char *const *)candidates->pdata,
                                  AB_MAX_KEYS, AB_MIN_DIFFERENCE);
  differ = picked->len > 1;
  g_ptr_array_set_size (out, 0);
  for (guint i = 0; differ && g_ptr_array_index (picked, i) != NULL; i++)
    g_ptr_array_add (out, g_strdup (g_ptr_array_index (picked, i)));
  for (guint i = 0; !differ && fallback[i] != NULL; i++)
    g_ptr_array_add (out, g_strdup (fallback[i]));
  g_ptr_array_add (out, NULL);
  return differ;
}

static void
set_caption (GtkLabel   *label,
             const char *text)
{
  /* the single run's caption, kept from the template */
  if (g_object_get_data (G_OBJECT (label), "iop-single") == NULL)
    g_object_set_data_full (G_OBJECT (label), "iop-single", g_strdup (gtk_label_get_label (label)), g_free);
  gtk_label_set_text (label, text != NULL ? text : g_object_get_data (G_OBJECT (label), "iop-single"));
}

void
iop_workload_view_update_ab (IopWorkloadView *self)
{
  gboolean ab = iop_workload_view_is_ab (self);

  update_note (self);
  gtk_widget_set_visible (self->ab_card, ab);
  /* the A/B card has IOPS and latency: the faults card keeps its own plot of held I/Os */
  gtk_widget_set_visible (GTK_WIDGET (self->iops_plot), !ab);
  gtk_widget_set_visible (GTK_WIDGET (self->latency_plot), !ab);
  if (!ab)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->stat_ab); i++)
        gtk_widget_set_visible (GTK_WIDGET (self->stat_ab[i]), FALSE);
      set_caption (self->pools_caption, NULL);
      set_caption (self->queues_caption, NULL);
      iop_workload_view_queue_draw_plots (self);
      return;
    }

  {
    g_autofree char *changes = knob_changes (self);
    g_autofree char *a = g_strdup_printf ("A · %s", self->label_a);
    g_autofree char *b = changes != NULL ? g_strdup_printf ("B · %s: %s", self->label_b, changes)
                                         : g_strdup_printf ("B · %s", self->label_b);
    g_autofree char *summary = iop_ab_workload_summary (self->workload_a, self->workload);

    gtk_label_set_text (self->ab_label_a, a);
    gtk_label_set_text (self->ab_label_b, b);
    gtk_label_set_text (self->ab_summary_label, summary);
  }
  update_tiles (self);
  set_caption (self->pools_caption,
               pick_keys (self, self->ab_pool_keys, ab_pool_suffixes, ab_pool_fallback)
               ? _("The pools and caches whose level differs most between A and B, each as a share of its size in that run")
               : _("No pool’s level differs by 1 % or more between A and B; shown: the baremetal’s iobuf pools"));
  set_caption (self->queues_caption,
               pick_keys (self, self->ab_queue_keys, ab_queue_suffixes, ab_queue_fallback)
               ? _("The queues whose length differs most between A and B")
               : _("No queue differs by 1 % or more between A and B; shown: the baremetal’s queue-pair slots"));
  iop_workload_view_queue_draw_plots (self);
}

gint64
iop_workload_view_time_at (IopWorkloadView *self,
                           double           cursor)
{
  if (iop_workload_view_is_ab (self))
    {
      IopPlotAb ab = { self->workload_a, self->workload, NULL, NULL };
      return iop_plot_ab_time_at (&ab, cursor);
    }
  return iop_plot_time_at (self->workload, cursor);
}

void
iop_workload_view_queue_draw_plots (IopWorkloadView *self)
{
  GtkDrawingArea *plots[] = { self->pools_plot, self->queues_plot, self->iops_plot, self->latency_plot,
                              self->held_plot, self->ab_iops_plot, self->ab_latency_plot,
                              self->ab_percentiles_plot, self->ab_swatch_a, self->ab_swatch_b };

  for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
    gtk_widget_queue_draw (GTK_WIDGET (plots[i]));
}

/* --- Drawing ------------------------------------------------------------------ */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  double rgb[3];

  iop_plot_run_color (GPOINTER_TO_INT (user_data), is_dark (), rgb);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width, height / 2.0);
  cairo_stroke (cr);
}

static void
draw_percentiles (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (user_data);
  IopPlotAb ab = { self->workload_a, self->workload, self->label_a, self->label_b };

  if (!iop_workload_view_is_ab (self))
    return;
  iop_plot_draw_percentiles_ab (cr, width, height, &ab, is_dark ());
}

/* --- Set-up and API ----------------------------------------------------------- */

static gboolean
compare_idle_cb (gpointer user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (user_data);

  self->compare_idle = 0;
  iop_workload_view_rerun (self);
  return G_SOURCE_REMOVE;
}

void
iop_workload_view_ab_init (IopWorkloadView *self)
{
  self->ab_pool_keys = g_ptr_array_new_with_free_func (g_free);
  self->ab_queue_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->ab_pool_keys, NULL);
  g_ptr_array_add (self->ab_queue_keys, NULL);
  self->label_a = g_strdup (_("the scenario"));
  self->label_b = g_strdup (_("with your edits"));

  for (guint i = 0; i < G_N_ELEMENTS (self->stat_ab); i++)
    gtk_widget_set_visible (GTK_WIDGET (self->stat_ab[i]), FALSE);
  gtk_drawing_area_set_draw_func (self->ab_swatch_a, draw_swatch, GINT_TO_POINTER (0), NULL);
  gtk_drawing_area_set_draw_func (self->ab_swatch_b, draw_swatch, GINT_TO_POINTER (1), NULL);
  gtk_drawing_area_set_draw_func (self->ab_percentiles_plot, draw_percentiles, self, NULL);
  iop_workload_view_setup_plot (self, self->ab_iops_plot);
  iop_workload_view_setup_plot (self, self->ab_latency_plot);
}

void
iop_workload_view_ab_dispose (IopWorkloadView *self)
{
  g_clear_handle_id (&self->compare_idle, g_source_remove);
  g_clear_pointer (&self->workload_a, iop_workload_unref);
  g_clear_pointer (&self->scenario_a, iop_scenario_unref);
  g_clear_pointer (&self->label_a, g_free);
  g_clear_pointer (&self->label_b, g_free);
  g_clear_pointer (&self->ab_pool_keys, g_ptr_array_unref);
  g_clear_pointer (&self->ab_queue_keys, g_ptr_array_unref);
}

void
iop_workload_view_set_compare (IopWorkloadView *self,
                               gboolean         comparing,
                               IopScenario     *scenario_a,
                               const char      *label_a,
                               const char      *label_b)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  self->comparing = !!comparing;
  g_clear_pointer (&self->scenario_a, iop_scenario_unref);
  if (comparing && scenario_a != NULL)
    self->scenario_a = iop_scenario_ref (scenario_a);
  if (label_a != NULL)
    {
      g_free (self->label_a);
      self->label_a = g_strdup (label_a);
    }
  if (label_b != NULL)
    {
      g_free (self->label_b);
      self->label_b = g_strdup (label_b);
    }

  /* no A to show beside B any more: B's result stays */
  if (!ab_wanted (self) && self->workload_a != NULL)
    {
      g_clear_pointer (&self->workload_a, iop_workload_unref);
      iop_workload_view_update_results (self);
    }
  iop_workload_view_update_ab (self);

  /* A result on show runs again with A. Later in this turn of the main
   * loop: the window sets the scenario right after, and that run (which
   * cancels this one) counts. */
  if (ab_wanted (self) && self->compare_idle == 0)
    self->compare_idle = g_idle_add_full (G_PRIORITY_DEFAULT, compare_idle_cb, self, NULL);
}

void
iop_workload_view_cancel_compare_idle (IopWorkloadView *self)
{
  g_clear_handle_id (&self->compare_idle, g_source_remove);
}

gboolean
iop_workload_view_get_comparing (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), FALSE);
  return self->comparing;
}

IopWorkload *
iop_workload_view_get_workload_a (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), NULL);
  return iop_workload_view_is_ab (self) ? self->workload_a : NULL;
}

const char *const *
iop_workload_view_get_plot_keys (IopWorkloadView *self,
                                 const char      *plot)
{
  GtkDrawingArea *areas[] = { self->pools_plot, self->queues_plot, self->iops_plot, self->latency_plot, self->held_plot };
  const char *names[] = { "pools", "queues", "iops", "latency", "held" };
  guint n;

  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (plot, names[i]) == 0)
      return iop_workload_view_plot_keys (self, GTK_WIDGET (areas[i]), &n);
  return NULL;
}
