/* iop-plot-ab.c: one workload run twice, A and B, on the same plots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The curves of both runs with one legend (the runs, then each series with
 * its value in A and B at the cursor), the latency percentiles as pairs of
 * bars, and which series of a plot are worth showing: those whose curves
 * differ most between the runs.
 */
#define G_LOG_DOMAIN "Iopath-Plot"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-abcompare.h"
#include "iop-palette.h"
#include "iop-plot-private.h"

#define MAX_AB_KEYS 16
#define SWATCH_W    22.0

static PlotRgb
run_rgb (int      run,
         gboolean dark)
{
  double rgb[3];

  iop_plot_run_color (run, dark, rgb);
  return (PlotRgb){ rgb[0], rgb[1], rgb[2] };
}

/* A's and B's curve of each key both runs have: A0, B0, A1, B1, ... */
static guint
collect_ab_curves (const IopPlotAb   *ab,
                   const char *const *keys,
                   gboolean           dark,
                   PlotCurve         *out,
                   guint              max)
{
  guint n = 0, k = 0;

  if (ab == NULL || ab->a == NULL || ab->b == NULL || keys == NULL)
    return 0;
  for (guint i = 0; keys[i] != NULL && n + 2 <= max; i++)
    {
      const IopSeries *sa = iop_workload_find_series (ab->a, keys[i]);
      const IopSeries *sb = iop_workload_find_series (ab->b, keys[i]);

      if (sa == NULL || sb == NULL || sa->values->len == 0 || sb->values->len == 0)
        continue;
      /* the run is the colour; the dash is the series, the same in A and B */
      out[n++] = (PlotCurve){ ab->a, sa, run_rgb (0, dark), k % 4, 0 };
      out[n++] = (PlotCurve){ ab->b, sb, run_rgb (1, dark), k % 4, 1 };
      k++;
    }
  return n;
}

/* "A 368 of 512 · B 4 of 8", or "A 71.9 % · B 50.0 %" where that does not fit */
static char *
ab_value_text (PangoLayout     *small,
               const PlotCurve *a,
               const PlotCurve *b,
               gint64           t_now,
               double           width)
{
  guint sa = plot_sample_at_time (a->wl, t_now);
  guint sb = plot_sample_at_time (b->wl, t_now);
  gint64 va = g_array_index (a->series->values, gint64, MIN (sa, a->series->values->len - 1));
  gint64 vb = g_array_index (b->series->values, gint64, MIN (sb, b->series->values->len - 1));
  g_autofree char *ca = iop_format_count (va);
  g_autofree char *cb = iop_format_count (vb);
  char *text;
  int tw, th;

  if (a->series->capacity <= 0 || b->series->capacity <= 0)
    /* Translators: a series' values in run A and run B at the cursor, "A 270 · B 203" */
    return g_strdup_printf (_("A %s · B %s"), ca, cb);

  {
    g_autofree char *capa = iop_format_count (a->series->capacity);
    g_autofree char *capb = iop_format_count (b->series->capacity);

    /* Translators: levels in run A and run B at the cursor, "A 368 of 512 · B 4 of 8" */
    text = g_strdup_printf (_("A %s of %s · B %s of %s"), ca, capa, cb, capb);
  }
  pango_layout_set_width (small, -1);
  pango_layout_set_text (small, text, -1);
  pango_layout_get_pixel_size (small, &tw, &th);
  if (tw <= width)
    return text;
  g_free (text);
  /* Translators: levels in run A and run B as shares of their pools, "A 71.9 % · B 50.0 %" */
  return g_strdup_printf (_("A %.1f %% · B %.1f %%"),
                          100.0 * va / (double)a->series->capacity,
                          100.0 * vb / (double)b->series->capacity);
}

/* The key: "━ A · the scenario" and "━ B · with your edits", on two lines
 * or side by side */
static void
draw_run_key (cairo_t           *cr,
              const PlotStyle   *st,
              PangoLayout       *layout,
              const IopPlotAb   *ab,
              const IopPlotRect *legend,
              double             y,
              gboolean           two_line)
{
  const char *labels[2] = { ab->label_a, ab->label_b };
  double col_w = two_line ? legend->width : legend->width / 2;

  for (int run = 0; run < 2; run++)
    {
      PlotCurve key = { NULL, NULL, run_rgb (run, st->dark), 0, run };
      double x = legend->x + (two_line ? 0 : run * col_w);
      double ly = y + (two_line ? run * 19 : 0);
      g_autofree char *text = labels[run] != NULL
        /* Translators: the legend's name of a run, "A · the scenario" */
        ? g_strdup_printf (_("%s · %s"), run == 0 ? "A" : "B", labels[run])
        : g_strdup (run == 0 ? "A" : "B");

      plot_draw_swatch (cr, &key, x, ly + 10, SWATCH_W);
      plot_set_rgba (cr, &st->fg, 0.85);
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_width (layout, (int)(MAX (col_w - SWATCH_W - 16, 20) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, x + SWATCH_W + 8, ly + 1);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_ab_legend (cairo_t           *cr,
                const PlotStyle   *st,
                const PlotCurve   *curves,
                guint              n,
                const IopPlotRect *legend,
                gboolean           two_line,
                gint64             t_now,
                gpointer           data)
{
  const IopPlotAb *ab = data;
  guint rows = iop_plot_ab_legend_rows (n / 2);
  PangoLayout *layout = plot_make_layout (cr, FONT);
  PangoLayout *small = plot_make_layout (cr, FONT_SMALL);
  double row = two_line ? MIN (legend->height / MAX (rows, 1), 52.0) : LEGEND_ROW_1;
  double text_x = legend->x + SWATCH_W + 8;

  draw_run_key (cr, st, layout, ab, legend, legend->y, two_line);
  for (guint i = 0; i + 1 < n; i += 2)
    {
      const PlotCurve *a = &curves[i], *b = &curves[i + 1];
      double y = legend->y + (1 + i / 2) * row;
      g_autofree char *title = plot_series_title (a->series);
      g_autofree char *value = ab_value_text (small, a, b, t_now, legend->x + legend->width - text_x);

      /* the series' dash twice: A's colour over B's */
      plot_draw_swatch (cr, a, legend->x, y + 7, SWATCH_W);
      plot_draw_swatch (cr, b, legend->x, y + 13, SWATCH_W);
      plot_draw_legend_text (cr, st, layout, small, legend, y, text_x, two_line, title, value);
    }
  g_object_unref (small);
  g_object_unref (layout);
}

void
iop_plot_draw_ab (cairo_t           *cr,
                  double             w,
                  double             h,
                  const IopPlotAb   *ab,
                  const char *const *series_keys,
                  double             cursor,
                  gboolean           dark)
{
  PlotCurve curves[2 * MAX_AB_KEYS];
  guint n;

  g_return_if_fail (cr != NULL);

  n = collect_ab_curves (ab, series_keys, dark, curves, G_N_ELEMENTS (curves));
  plot_draw_curves (cr, w, h, curves, n, iop_plot_ab_legend_rows (n / 2), cursor, dark,
                    draw_ab_legend, (gpointer)ab);
}

guint
iop_plot_ab_legend_rows (guint n_keys)
{
  /* the runs' key, then a row per series */
  return n_keys + 1;
}

gint64
iop_plot_ab_time_at (const IopPlotAb *ab,
                     double           cursor)
{
  gint64 t_end;

  g_return_val_if_fail (ab != NULL, 0);

  t_end = MAX (plot_last_t (ab->a), plot_last_t (ab->b));
  return (gint64)llround (CLAMP (isfinite (cursor) ? cursor : 0, 0, 1) * t_end);
}

void
iop_plot_run_color (int      run,
                    gboolean dark,
                    double   rgb[3])
{
  const IopColor *c = iop_palette_run (run, dark);

  rgb[0] = c->red;
  rgb[1] = c->green;
  rgb[2] = c->blue;
}

/* --- Latency percentiles ------------------------------------------------------ */

#define BAR_H       11.0
#define BAR_GAP      3.0
#define ROW_GAP     16.0
#define LABEL_W     64.0
#define KEY_H       26.0

static void
draw_bar (cairo_t         *cr,
          const PlotStyle *st,
          PangoLayout     *small,
          int              run,
          double           x0,
          double           y,
          double           length,
          const char      *text)
{
  PlotRgb c = run_rgb (run, st->dark);

  plot_set_rgba (cr, &c, 1);
  cairo_rectangle (cr, x0, y, MAX (length, 1), BAR_H);
  cairo_fill (cr);
  plot_set_rgba (cr, &st->fg, run == 1 ? 0.85 : 0.6);
  plot_draw_text (cr, small, text, x0 + MAX (length, 1) + 6, y + BAR_H / 2, 0, 0.5);
}

void
iop_plot_draw_percentiles_ab (cairo_t         *cr,
                              double           w,
                              double           h,
                              const IopPlotAb *ab,
                              gboolean         dark)
{
  static const char *const names[] = { N_("p50"), N_("p99"), N_("p99.9"), N_("max") };
  gint64 va[4], vb[4];
  PlotStyle st;
  PangoLayout *layout, *small;
  IopPlotRect key_rect;
  double top = 0, step, x0, bars_w, y;

  g_return_if_fail (cr != NULL);

  plot_style_init (&st, dark);
  if (ab == NULL || ab->a == NULL || ab->b == NULL || w < 200 || h < 120)
    {
      plot_draw_empty (cr, &st, w, h);
      return;
    }
  va[0] = ab->a->lat_p50_ns, va[1] = ab->a->lat_p99_ns, va[2] = ab->a->lat_p999_ns, va[3] = ab->a->lat_max_ns;
  vb[0] = ab->b->lat_p50_ns, vb[1] = ab->b->lat_p99_ns, vb[2] = ab->b->lat_p999_ns, vb[3] = ab->b->lat_max_ns;
  for (guint i = 0; i < G_N_ELEMENTS (va); i++)
    top = MAX (top, MAX (va[i], vb[i]));
  if (top <= 0)
    {
      plot_draw_empty (cr, &st, w, h);
      return;
    }

  cairo_save (cr);
  layout = plot_make_layout (cr, FONT);
  small = plot_make_layout (cr, FONT_SMALL);
  x0 = PAD_LEFT + LABEL_W - 40;
  /* room at the right for "1.23 ms (+12.3 %)" */
  bars_w = MAX (w - x0 - PAD_RIGHT - 150, 40);
  step = plot_nice_step (top, MAX ((int)(bars_w / 90), 3));
  top = ceil (top / step) * step;

  /* the runs' key across the top */
  key_rect = (IopPlotRect){ x0, 0, MIN (w - x0 - PAD_RIGHT, 640), KEY_H };
  draw_run_key (cr, &st, layout, ab, &key_rect, 0, FALSE);

  /* a light grid with its times at the bottom */
  y = KEY_H + G_N_ELEMENTS (va) * (2 * BAR_H + BAR_GAP + ROW_GAP);
  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= top + step * 0.01; v += step)
    {
      double x = floor (x0 + v / top * bars_w) + 0.5;
      g_autofree char *label = v == 0 ? g_strdup ("0") : iop_format_duration ((gint64)llround (v));

      plot_set_rgba (cr, &st.fg, v == 0 ? 0.28 : 0.09);
      cairo_move_to (cr, x, KEY_H - 4);
      cairo_line_to (cr, x, y - ROW_GAP + 4);
      cairo_stroke (cr);
      plot_set_rgba (cr, &st.fg, 0.6);
      plot_draw_text (cr, small, label, x, y - ROW_GAP + 8, v == 0 ? 0 : 0.5, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (va); i++)
    {
      double ry = KEY_H + i * (2 * BAR_H + BAR_GAP + ROW_GAP);
      g_autofree char *ta = iop_format_duration (va[i]);
      g_autofree char *tb_value = iop_format_duration (vb[i]);
      g_autofree char *tb = NULL;

      if (va[i] > 0 && vb[i] != va[i])
        {
          double pct = 100.0 * (vb[i] - va[i]) / (double)va[i];
          /* Translators: B's latency and its change against A, "444 µs (+3.7 %)"; the minus is U+2212 */
          tb = g_strdup_printf (pct >= 0 ? _("%s (+%.1f %%)") : _("%s (−%.1f %%)"), tb_value, fabs (pct));
        }
      else
        tb = g_strdup (tb_value);

      plot_set_rgba (cr, &st.fg, 0.85);
      plot_draw_text (cr, layout, _(names[i]), x0 - 10, ry + BAR_H + BAR_GAP / 2, 1, 0.5);
      draw_bar (cr, &st, small, 0, x0, ry, va[i] / top * bars_w, ta);
      draw_bar (cr, &st, small, 1, x0, ry + BAR_H + BAR_GAP, vb[i] / top * bars_w, tb);
    }

  g_object_unref (small);
  g_object_unref (layout);
  cairo_restore (cr);
}

/* --- Which series to plot ---------------------------------------------------- */

GPtrArray *
iop_plot_ab_pick_keys (const IopWorkload *a,
                       const IopWorkload *b,
                       const char *const *candidates,
                       guint              max,
                       double             min_difference)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) diffs = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (a != NULL && b != NULL, keys);

  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      double d = iop_ab_workload_series_difference (a, b, candidates[i]);
      guint at = keys->len;

      if (d < min_difference || d < 0)
        continue;
      /* largest first; among equals the earlier candidate stays first */
      while (at > 0 && g_array_index (diffs, double, at - 1) < d)
        at--;
      g_ptr_array_insert (keys, (int)at, g_strdup (candidates[i]));
      g_array_insert_val (diffs, at, d);
    }
  if (keys->len > max)
    g_ptr_array_set_size (keys, (int)max);
  g_ptr_array_add (keys, NULL);
  return keys;
}
