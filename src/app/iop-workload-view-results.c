/* iop-workload-view-results.c: what a workload run found
 *
 * The tables (iobuf_get_stats and the hosts' counters), the diagnostics
 * with their knobs, and the summary of the results with the statistics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-WorkloadView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "iop-plot.h"
#include "iop-workload-view-private.h"
#include "iop-format.h"
#include "iop-diag-style.h"

/* --- Tables ----------------------------------------------------------------------- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (GtkGrid    *grid,
      int         col,
      int         row,
      int         width,
      const char *text,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "iop-cell");
  gtk_grid_attach (grid, label, col, row, width, 1);
  return label;
}

static GtkWidget *
head (GtkGrid    *grid,
      int         col,
      int         row,
      int         width,
      const char *text,
      float       xalign)
{
  GtkWidget *label = cell (grid, col, row, width, text, xalign);

  gtk_widget_add_css_class (label, "iop-head");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
number (GtkGrid *grid,
        int      col,
        int      row,
        guint64  value)
{
  g_autofree char *text = iop_format_count ((gint64)value);

  return cell (grid, col, row, 1, text, 1);
}

static void
fill_iobuf (IopWorkloadView *self)
{
  GtkGrid *g = self->iobuf_grid;
  const char *sub[] = { N_("cache"), N_("main"), N_("retry") };
  int row = 2;
  int last_place = -1, last_node = -2;

  clear_grid (g);
  head (g, 0, 0, 2, "", 0);
  gtk_widget_add_css_class (head (g, 2, 0, 3, _("Small buffers"), 0.5), "iop-group-start");
  gtk_widget_add_css_class (head (g, 5, 0, 3, _("Large buffers"), 0.5), "iop-group-start");
  head (g, 0, 1, 1, _("Host"), 0);
  head (g, 1, 1, 1, _("Module"), 0);
  for (int c = 0; c < 6; c++)
    {
      GtkWidget *h = head (g, 2 + c, 1, 1, _(sub[c % 3]), 1);
      if (c % 3 == 0)
        gtk_widget_add_css_class (h, "iop-group-start");
      if (c % 3 == 2)
        gtk_widget_set_tooltip_text (h, _("Requests that found the cache and the central pool empty, and waited for a buffer"));
    }

  for (guint i = 0; i < self->workload->iobuf_stats->len; i++)
    {
      const IopIobufStats *st = g_ptr_array_index (self->workload->iobuf_stats, i);
      guint64 values[6] = { st->small_cache, st->small_main, st->small_retry,
                            st->large_cache, st->large_main, st->large_retry };
      gboolean new_host = (int)st->place != last_place || st->node != last_node;
      g_autofree char *host = new_host ? iop_plot_host_label (st->place, st->node) : g_strdup ("");
      GtkWidget *w;

      w = cell (g, 0, row, 1, host, 0);
      if (new_host && row > 2)
        gtk_widget_add_css_class (w, "iop-first-row");
      w = cell (g, 1, row, 1, st->module, 0);
      gtk_widget_add_css_class (w, "monospace");
      if (new_host && row > 2)
        gtk_widget_add_css_class (w, "iop-first-row");
      for (int c = 0; c < 6; c++)
        {
          w = number (g, 2 + c, row, values[c]);
          if (c % 3 == 0)
            gtk_widget_add_css_class (w, "iop-group-start");
          if (c % 3 == 2 && values[c] > 0)
            gtk_widget_add_css_class (w, "iop-retry");
          else if (values[c] == 0)
            gtk_widget_add_css_class (w, "dim-label");
          if (new_host && row > 2)
            gtk_widget_add_css_class (w, "iop-first-row");
        }
      last_place = st->place;
      last_node = st->node;
      row++;
    }
  /* spare width goes to the module column */
  gtk_widget_set_hexpand (gtk_grid_get_child_at (g, 1, 1), TRUE);
}

typedef enum
{
  C_BDEV_CACHE,
  C_BDEV_MEMPOOL,
  C_BDEV_WAIT,
  C_QPAIR_SLOTS,
  C_QPAIR_QUEUED,
  C_NOMEM,
  C_TARGET_REQS,
  C_BUFFER_WAITS,
  N_COUNTERS
} Counter;

static void
fill_counters (IopWorkloadView *self)
{
  GtkGrid *g = self->counters_grid;
  static const char *const names[N_COUNTERS] = {
    N_("bdev_io from a per-thread cache"),
    N_("bdev_io from the mempool"),
    N_("io_wait entries (bdev_io pool empty)"),
    N_("Queue-pair slots in use, at most"),
    N_("Requests queued for a slot"),
    N_("NOMEM (no nvme_request)"),
    N_("Transport requests in use, at most"),
    N_("Requests that waited for a buffer"),
  };

  clear_grid (g);
  head (g, 0, 0, 1, "", 0);
  for (guint h = 0; h < self->workload->counters->len; h++)
    {
      const IopHostCounters *c = g_ptr_array_index (self->workload->counters, h);
      g_autofree char *host = iop_plot_host_label (c->place, c->node);
      head (g, 1 + (int)h, 0, 1, host, 1);
    }
  for (int r = 0; r < N_COUNTERS; r++)
    {
      GtkWidget *name = cell (g, 0, 1 + r, 1, _(names[r]), 0);

      gtk_widget_set_hexpand (name, TRUE);
      if (r == 0)
        gtk_widget_add_css_class (name, "iop-first-row");
      for (guint h = 0; h < self->workload->counters->len; h++)
        {
          const IopHostCounters *c = g_ptr_array_index (self->workload->counters, h);
          gboolean bm = c->place == IOP_PLACE_BAREMETAL;
          g_autofree char *text = NULL;
          gboolean warn = FALSE, na = FALSE;
          GtkWidget *w;

          switch ((Counter)r)
            {
            case C_BDEV_CACHE:
              text = iop_format_count ((gint64)c->bdev_io_cache);
              break;
            case C_BDEV_MEMPOOL:
              text = iop_format_count ((gint64)c->bdev_io_mempool);
              break;
            case C_BDEV_WAIT:
              text = iop_format_count ((gint64)c->bdev_io_wait);
              warn = c->bdev_io_wait > 0;
              break;
            case C_QPAIR_SLOTS:
              na = !bm;
              if (bm)
                {
                  g_autofree char *a = iop_format_count (c->qpair_slots_max);
                  g_autofree char *b = iop_format_count (c->qpair_slots);
                  /* Translators: "127 of 127" */
                  text = g_strdup_printf (_("%s of %s"), a, b);
                  warn = c->qpair_slots > 0 && c->qpair_slots_max >= c->qpair_slots;
                }
              break;
            case C_QPAIR_QUEUED:
              na = !bm;
              if (bm)
                text = iop_format_count ((gint64)c->qpair_queued);
              warn = bm && c->qpair_queued > 0;
              break;
            case C_NOMEM:
              na = !bm;
              if (bm)
                text = iop_format_count ((gint64)c->nvme_nomem);
              warn = bm && c->nvme_nomem > 0;
              break;
            case C_TARGET_REQS:
              na = bm;
              if (!bm)
                {
                  g_autofree char *a = iop_format_count (c->target_reqs_max);
                  g_autofree char *b = iop_format_count (c->target_reqs);
                  text = g_strdup_printf (_("%s of %s"), a, b);
                  warn = c->target_reqs > 0 && c->target_reqs_max >= c->target_reqs;
                }
              break;
            case C_BUFFER_WAITS:
              na = bm;
              if (!bm)
                text = iop_format_count ((gint64)c->buffer_waits);
              warn = !bm && c->buffer_waits > 0;
              break;
            case N_COUNTERS:
            default:
              break;
            }
          w = cell (g, 1 + (int)h, 1 + r, 1, na ? "—" : text, 1);
          if (na)
            gtk_widget_add_css_class (w, "dim-label");
          else if (warn)
            gtk_widget_add_css_class (w, "iop-warn");
          if (r == 0)
            gtk_widget_add_css_class (w, "iop-first-row");
        }
    }
}

/* --- Diagnostics ------------------------------------------------------------------ */

static gboolean
activate_link_cb (GtkLabel        *label,
                  const char      *uri,
                  IopWorkloadView *self)
{
  int host = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "iop-host"));

  if (!g_str_has_prefix (uri, "knob:"))
    return FALSE;
  iop_workload_view_emit_knob_activated (self, uri + strlen ("knob:"), host);
  return TRUE;
}

static GtkWidget *
build_diagnostic (IopWorkloadView     *self,
                  const IopDiagnostic *d)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon, *message, *meta;
  GString *m = g_string_new (NULL);
  const char *icon_name, *css, *level;

  iop_diag_style (d->level, &icon_name, &css, &level);
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, css);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_widget_set_tooltip_text (icon, level);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, level, -1);

  /* SPDK's text as it prints it */
  message = gtk_label_new (d->message);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  if (d->from_spdk)
    gtk_widget_add_css_class (message, "iop-spdk-message");

  meta = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  /* level · where SPDK logs it · how often · host, dim; then the knob's link */
  g_string_append (m, level);
  if (d->from_spdk && d->source != NULL)
    {
      g_string_append (m, " · ");
      /* Translators: where SPDK logs a message: "logged by SPDK in lib/nvmf/transport.c" */
      g_string_append_printf (m, _("logged by SPDK in %s"), d->source);
    }
  else if (d->from_spdk)
    g_string_append_printf (m, " · %s", _("logged by SPDK"));
  if (d->count > 1)
    {
      g_string_append (m, " · ");
      /* Translators: a message logged once per thread, this many times */
      g_string_append_printf (m, g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", d->count), d->count);
    }
  g_string_append_printf (m, " · %s", iop_host_label (d->host));
  {
    g_autofree char *escaped = g_markup_escape_text (m->str, -1);
    g_string_printf (m, "<span alpha=\"55%%\">%s</span>", escaped);
  }
  if (d->knob != NULL && self->workload != NULL)
    {
      const IopScenario *sc = self->workload->scenario;
      g_autofree char *id = g_markup_escape_text (d->knob, -1);
      /* Translators: precedes the name of the knob that governs a check */
      g_autofree char *word = g_markup_printf_escaped (" · %s ", _("knob"));
      IopHostId h = d->host;

      g_string_append_printf (m, "<span alpha=\"55%%\">%s</span>", word);
      if (iop_knob_def_find (d->knob, h, sc->hosts[h].target_trtype, sc->version) == NULL)
        h = h == IOP_HOST_BAREMETAL ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
      if (iop_knob_def_find (d->knob, h, sc->hosts[h].target_trtype, sc->version) != NULL)
        {
          g_object_set_data (G_OBJECT (meta), "iop-host", GINT_TO_POINTER (h));
          g_string_append_printf (m, "<a href=\"knob:%s\" title=\"%s\">%s</a>", id, _("Show this knob"), id);
        }
      else
        g_string_append_printf (m, "<tt>%s</tt>", id);
    }
  gtk_label_set_markup (GTK_LABEL (meta), m->str);
  g_signal_connect (meta, "activate-link", G_CALLBACK (activate_link_cb), self);
  g_string_free (m, TRUE);

  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 14);
  gtk_widget_set_margin_end (box, 14);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
fill_diagnostics (IopWorkloadView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->diagnostics_list))) != NULL)
    gtk_list_box_remove (self->diagnostics_list, child);
  for (guint i = 0; i < self->workload->diagnostics->len; i++)
    gtk_list_box_append (self->diagnostics_list,
                         build_diagnostic (self, g_ptr_array_index (self->workload->diagnostics, i)));
  gtk_widget_set_visible (self->diagnostics_group, self->workload->diagnostics->len > 0);
}

/* --- Results ---------------------------------------------------------------------- */

void
iop_workload_view_collect_keys (const IopWorkload *wl,
                                GPtrArray         *keys,
                                const char *const *suffixes)
{
  g_ptr_array_set_size (keys, 0);
  /* host by host, in the engine's order; per host in SUFFIXES' order */
  for (guint i = 0; i < wl->series->len; i++)
    {
      const IopSeries *se = g_ptr_array_index (wl->series, i);
      gboolean first_of_host = TRUE;

      for (guint j = 0; j < i; j++)
        {
          const IopSeries *o = g_ptr_array_index (wl->series, j);
          if (o->place == se->place && o->node == se->node)
            first_of_host = FALSE;
        }
      if (!first_of_host)
        continue;
      for (guint s = 0; suffixes[s] != NULL; s++)
        for (guint j = i; j < wl->series->len; j++)
          {
            const IopSeries *o = g_ptr_array_index (wl->series, j);
            const char *slash = strchr (o->key, '/');
            if (o->place == se->place && o->node == se->node && slash && g_str_equal (slash + 1, suffixes[s]))
              g_ptr_array_add (keys, g_strdup (o->key));
          }
    }
  g_ptr_array_add (keys, NULL);
}

void
iop_workload_view_update_results (IopWorkloadView *self)
{
  const IopWorkload *wl = self->workload;
  static const char *const pool_suffixes[] = { "iobuf.small", "iobuf.large", NULL };
  static const char *const queue_suffixes[] = { "qpair.slots", "qpair.queued", "target.reqs", "iobuf.waiters", NULL };
  g_autofree char *iops = iop_format_count ((gint64)llround (wl->iops));
  g_autofree char *mibs = g_strdup_printf ("%.1f", wl->mib_per_s);
  g_autofree char *ios = iop_format_count ((gint64)wl->ios);
  g_autofree char *reads = iop_format_count ((gint64)wl->reads);
  g_autofree char *writes = iop_format_count ((gint64)wl->writes);
  g_autofree char *elapsed = iop_format_duration (wl->elapsed_ns);
  g_autofree char *mean = iop_format_duration (wl->lat_mean_ns);
  g_autofree char *max = iop_format_duration (wl->lat_max_ns);
  g_autofree char *summary = NULL;
  char *values[6];

  values[0] = g_strdup (iops);
  values[1] = wl->mib_per_s >= 100 ? iop_format_count ((gint64)llround (wl->mib_per_s)) : g_strdup (mibs);
  values[2] = iop_format_count ((gint64)wl->events);
  values[3] = iop_format_duration (wl->lat_p50_ns);
  values[4] = iop_format_duration (wl->lat_p99_ns);
  values[5] = iop_format_duration (wl->lat_p999_ns);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      gtk_label_set_text (self->stat_values[i], values[i]);
      g_free (values[i]);
    }

  /* Translators: the run in one line, like iopath-cli workload prints it */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s I/Os (%s reads, %s writes) in %s of virtual time on %u queue pair: %s IOPS, %s MiB/s; latency mean %s, max %s",
                                          "%s I/Os (%s reads, %s writes) in %s of virtual time on %u queue pairs: %s IOPS, %s MiB/s; latency mean %s, max %s",
                                          wl->queue_pairs),
                             ios, reads, writes, elapsed, wl->queue_pairs, iops, mibs, mean, max);
  if (iop_workload_view_is_ab (self))
    {
      /* Translators: while comparing, the summary of run B: "B, with your edits: 100,000 I/Os ..." */
      g_autofree char *b = g_strdup_printf (_("B, %s: %s"), self->label_b, summary);
      gtk_label_set_text (self->results_label, b);
    }
  else
    gtk_label_set_text (self->results_label, summary);

  if (wl->scenario->faults->len > 0)
    {
      GString *fs = g_string_new (NULL);
      g_autofree char *failed = iop_format_count ((gint64)wl->failed);
      g_autofree char *late = iop_format_count ((gint64)wl->late);

      for (guint i = 0; i < wl->scenario->faults->len; i++)
        {
          g_autofree char *d = iop_fault_describe (&g_array_index (wl->scenario->faults, IopFault, i));
          g_string_append_printf (fs, "%s. ", d);
        }
      /* Translators: after the faults' descriptions */
      g_string_append_printf (fs, _("%s I/Os failed, %s completed late. From the top: guest IOPS, replica I/Os waiting in bdev_nvme’s retry queue, and the longest latency of the I/Os completed in each interval (µs)."),
                              failed, late);
      gtk_label_set_text (self->faults_label, fs->str);
      g_string_free (fs, TRUE);
      fs = g_string_new (NULL);
      for (guint i = 0; wl->fault_events != NULL && i < wl->fault_events->len && i < 60; i++)
        {
          const IopFaultEvent *fe = g_ptr_array_index (wl->fault_events, i);
          g_autofree char *t = iop_format_duration (fe->t_ns);
          g_string_append_printf (fs, "%s%s — %s", fs->len ? "\n" : "", t, fe->title);
        }
      if (wl->fault_events != NULL && wl->fault_events->len > 60)
        g_string_append (fs, "\n…");
      gtk_label_set_text (self->fault_events_label, fs->str);
      g_string_free (fs, TRUE);
    }
  gtk_widget_set_visible (self->faults_card, wl->scenario->faults->len > 0);
  iop_workload_view_collect_keys (wl, self->pool_keys, pool_suffixes);
  iop_workload_view_collect_keys (wl, self->queue_keys, queue_suffixes);
  fill_iobuf (self);
  fill_counters (self);
  fill_diagnostics (self);
  gtk_stack_set_visible_child_name (self->results_stack, "results");
  iop_workload_view_update_ab (self);
  iop_workload_view_update_cursor (self);
}
