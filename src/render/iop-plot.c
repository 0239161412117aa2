/* iop-plot.c: time series of a workload run, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Plot"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-palette.h"
#include "iop-plot-private.h"
#include "iop-format.h"

static void
parse_hex (const char *hex,
           double      rgb[3])
{
  guint v = (guint)g_ascii_strtoull (hex + 1, NULL, 16);

  rgb[0] = ((v >> 16) & 0xff) / 255.0;
  rgb[1] = ((v >> 8) & 0xff) / 255.0;
  rgb[2] = (v & 0xff) / 255.0;
}

void
plot_set_rgba (cairo_t       *cr,
               const PlotRgb *c,
               double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

void
plot_style_init (PlotStyle *st,
                 gboolean   dark)
{
  double c[3];

  st->dark = dark;
  if (dark)
    {
      st->fg = (PlotRgb){ 1, 1, 1 };
      st->bg = (PlotRgb){ 0.19, 0.19, 0.19 };
    }
  else
    {
      st->fg = (PlotRgb){ 0, 0, 0 };
      st->bg = (PlotRgb){ 1, 1, 1 };
    }
  iop_plot_cursor_color (dark, c);
  st->cursor = (PlotRgb){ c[0], c[1], c[2] };
}

void
plot_set_dash (cairo_t *cr,
               int      dash,
               double   width)
{
  static const double dashed[] = { 7, 4 };
  static const double dotted[] = { 1.5, 3.5 };
  static const double dashdot[] = { 8, 3, 1.5, 3 };

  switch (dash)
    {
    case 1:
      cairo_set_dash (cr, dashed, 2, 0);
      break;
    case 2:
      cairo_set_dash (cr, dotted, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;
    case 3:
      cairo_set_dash (cr, dashdot, 4, 0);
      break;
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
  cairo_set_line_width (cr, width);
}

PangoLayout *
plot_make_layout (cairo_t    *cr,
                  const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, desc);
  /* tabular numbers: values do not dance while the cursor moves */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return layout;
}

/* Draws TEXT with its anchor at (x, y): XALIGN 0 left, 0.5 centre, 1 right;
 * YALIGN likewise from the top. Returns the width. */
double
plot_draw_text (cairo_t     *cr,
                PangoLayout *layout,
                const char  *text,
                double       x,
                double       y,
                double       xalign,
                double       yalign)
{
  int tw, th;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, round (x - tw * xalign), round (y - th * yalign));
  pango_cairo_show_layout (cr, layout);
  return tw;
}

double
plot_nice_step (double range,
                int    target)
{
  double raw = range / MAX (target, 1);
  double mag, norm;

  if (raw <= 0)
    return 1;
  mag = pow (10, floor (log10 (raw)));
  norm = raw / mag;
  if (norm <= 1)
    return mag;
  if (norm <= 2)
    return 2 * mag;
  if (norm <= 2.5)
    return 2.5 * mag;
  if (norm <= 5)
    return 5 * mag;
  return 10 * mag;
}

/* 1048576 -> "1,048,576" */
static char *
format_count_tick (double v)
{
  if (fabs (v) >= 1e6)
    /* Translators: an axis tick in millions, "1.5 M" */
    return g_strdup_printf (_("%g M"), v / 1e6);
  if (fabs (v) >= 1e4)
    /* Translators: an axis tick in thousands, "250 k" */
    return g_strdup_printf (_("%g k"), v / 1e3);
  return iop_format_count ((gint64)llround (v));
}

gint64
plot_last_t (const IopWorkload *wl)
{
  if (wl == NULL || wl->sample_t == NULL || wl->sample_t->len == 0)
    return 0;
  return g_array_index (wl->sample_t, gint64, wl->sample_t->len - 1);
}

static guint
n_points (const PlotCurve *c)
{
  return MIN (c->wl->sample_t->len, c->series->values->len);
}

guint
plot_sample_at_time (const IopWorkload *wl,
                     gint64             t)
{
  guint lo = 0, hi;

  if (wl == NULL || wl->sample_t == NULL || wl->sample_t->len == 0)
    return 0;
  hi = wl->sample_t->len - 1;
  /* last sample at or before t */
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      if (g_array_index (wl->sample_t, gint64, mid) <= t)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

static gboolean
is_percent (const PlotCurve *curves,
            guint            n)
{
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (curves[i].series->capacity <= 0)
      return FALSE;
  return TRUE;
}

static double
value_of (const PlotCurve *c,
          guint            i,
          gboolean         percent)
{
  gint64 v = g_array_index (c->series->values, gint64, i);

  if (percent)
    return 100.0 * v / (double)c->series->capacity;
  return (double)v;
}

static guint
collect_curves (const IopWorkload *wl,
                const char *const *keys,
                gboolean           dark,
                PlotCurve         *out,
                guint              max)
{
  guint n = 0;

  if (wl == NULL || keys == NULL || wl->sample_t == NULL || wl->sample_t->len == 0)
    return 0;
  for (guint i = 0; keys[i] != NULL && n < max; i++)
    {
      const IopSeries *se = iop_workload_find_series (wl, keys[i]);
      double rgb[3];
      int same = 0;

      if (se == NULL || se->values == NULL || se->values->len == 0)
        continue;
      /* one colour per zone: the dash tells its series (and nodes) apart */
      for (guint j = 0; j < n; j++)
        if (out[j].series->place == se->place)
          same++;
      iop_plot_host_color (se->place, se->node, dark, rgb);
      out[n].wl = wl;
      out[n].series = se;
      out[n].color = (PlotRgb){ rgb[0], rgb[1], rgb[2] };
      out[n].dash = same % 4;
      out[n].run = -1;
      n++;
    }
  return n;
}

static void
layout_geometry (double       w,
                 double       h,
                 guint        n_series,
                 IopPlotRect *area,
                 IopPlotRect *legend,
                 gboolean    *two_line)
{
  double legend_w, legend_h, row;

  if (w >= NARROW_W)
    {
      legend_w = CLAMP (floor (w * 0.30), LEGEND_MIN_W, LEGEND_MAX_W);
      area->x = PAD_LEFT;
      area->y = PAD_TOP;
      area->width = MAX (w - PAD_LEFT - PAD_RIGHT - LEGEND_GAP - legend_w, 10);
      area->height = MAX (h - PAD_TOP - PAD_BOTTOM, 10);
      row = n_series > 0 ? (area->height + 8) / n_series : LEGEND_ROW_2;
      *two_line = row >= LEGEND_ROW_2;
      legend->x = area->x + area->width + LEGEND_GAP;
      legend->y = area->y - 4;
      legend->width = legend_w;
      legend->height = area->height + 8;
    }
  else
    {
      *two_line = FALSE;
      legend_h = n_series * LEGEND_ROW_1 + 8;
      area->x = PAD_LEFT;
      area->y = PAD_TOP;
      area->width = MAX (w - PAD_LEFT - PAD_RIGHT, 10);
      area->height = MAX (h - PAD_TOP - PAD_BOTTOM - legend_h, 10);
      legend->x = 12;
      legend->y = area->y + area->height + PAD_BOTTOM;
      legend->width = MAX (w - 24, 10);
      legend->height = legend_h;
    }
}

char *
plot_value_text (const PlotCurve *c,
                 guint            sample)
{
  gint64 v = g_array_index (c->series->values, gint64, sample);
  g_autofree char *vs = iop_format_count (v);

  if (c->series->capacity > 0)
    {
      g_autofree char *cs = iop_format_count (c->series->capacity);
      double pct = 100.0 * v / (double)c->series->capacity;

      /* Translators: a level at the cursor: "32 of 256 (12.5 %)" */
      return g_strdup_printf (_("%s of %s (%.1f %%)"), vs, cs, pct);
    }
  return g_steal_pointer (&vs);
}

void
plot_draw_swatch (cairo_t         *cr,
                  const PlotCurve *c,
                  double           x,
                  double           y,
                  double           width)
{
  cairo_save (cr);
  plot_set_rgba (cr, &c->color, 1);
  plot_set_dash (cr, c->dash, 2.5);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
plot_draw_legend_text (cairo_t           *cr,
                       const PlotStyle   *st,
                       PangoLayout       *layout,
                       PangoLayout       *small,
                       const IopPlotRect *legend,
                       double             y,
                       double             text_x,
                       gboolean           two_line,
                       const char        *title,
                       const char        *value)
{
  double text_w = legend->x + legend->width - text_x;

  if (two_line)
    {
      plot_set_rgba (cr, &st->fg, 0.85);
      pango_layout_set_text (layout, title, -1);
      pango_layout_set_width (layout, (int)(text_w * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, text_x, y + 1);
      pango_cairo_show_layout (cr, layout);

      plot_set_rgba (cr, &st->fg, 0.6);
      pango_layout_set_text (small, value, -1);
      pango_layout_set_width (small, (int)(text_w * PANGO_SCALE));
      pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, text_x, y + 19);
      pango_cairo_show_layout (cr, small);
    }
  else
    {
      int vw, vh;

      plot_set_rgba (cr, &st->fg, 0.6);
      pango_layout_set_width (small, -1);
      pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_text (small, value, -1);
      pango_layout_get_pixel_size (small, &vw, &vh);
      cairo_move_to (cr, legend->x + legend->width - vw, y + 2);
      pango_cairo_show_layout (cr, small);

      plot_set_rgba (cr, &st->fg, 0.85);
      pango_layout_set_text (layout, title, -1);
      pango_layout_set_width (layout, (int)(MAX (text_w - vw - 10, 20) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, text_x, y + 1);
      pango_cairo_show_layout (cr, layout);
    }
}

char *
plot_series_title (const IopSeries *se)
{
  g_autofree char *host = iop_plot_host_label (se->place, se->node);

  /* Translators: a legend entry: host, then what is plotted ("Storage A · iobuf large pool: free") */
  return g_strdup_printf (_("%s · %s"), host, se->label);
}

static void
draw_legend (cairo_t           *cr,
             const PlotStyle   *st,
             const PlotCurve   *curves,
             guint              n,
             const IopPlotRect *legend,
             gboolean           two_line,
             gint64             t_now,
             gpointer           data)
{
  PangoLayout *layout = plot_make_layout (cr, FONT);
  PangoLayout *small = plot_make_layout (cr, FONT_SMALL);
  double row = two_line ? MIN (legend->height / MAX (n, 1), 52.0) : LEGEND_ROW_1;
  double swatch_w = 22;

  for (guint i = 0; i < n; i++)
    {
      const PlotCurve *c = &curves[i];
      double y = legend->y + i * row;
      g_autofree char *title = plot_series_title (c->series);
      g_autofree char *value = plot_value_text (c, plot_sample_at_time (c->wl, t_now));

      plot_draw_swatch (cr, c, legend->x, y + 10, swatch_w);
      plot_draw_legend_text (cr, st, layout, small, legend, y, legend->x + swatch_w + 8, two_line, title, value);
    }
  g_object_unref (small);
  g_object_unref (layout);
}

static void
draw_curve (cairo_t           *cr,
            const PlotCurve   *c,
            const IopPlotRect *area,
            gint64             t_end,
            double             y_max,
            gboolean           percent)
{
  guint n = n_points (c);

  for (guint i = 0; i < n; i++)
    {
      gint64 t = g_array_index (c->wl->sample_t, gint64, i);
      double v = value_of (c, i, percent);
      double x = area->x + (t_end > 0 ? (double)t / t_end : 0) * area->width;
      double y = area->y + area->height - CLAMP (v / y_max, 0, 1.02) * area->height;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

void
plot_draw_empty (cairo_t         *cr,
                 const PlotStyle *st,
                 double           w,
                 double           h)
{
  PangoLayout *layout = plot_make_layout (cr, FONT);

  plot_set_rgba (cr, &st->fg, 0.45);
  plot_draw_text (cr, layout, _("No samples to plot"), w / 2, h / 2, 0.5, 0.5);
  g_object_unref (layout);
}

/* The top of the y axis and the step between its ticks */
static void
y_range (const PlotCurve *curves,
         guint            n,
         gboolean         percent,
         double          *y_max,
         double          *y_step)
{
  if (percent)
    {
      *y_max = 100;
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n_points (&curves[i]); j++)
          *y_max = MAX (*y_max, value_of (&curves[i], j, TRUE));
      *y_max = *y_max > 100 ? ceil (*y_max / 25) * 25 : 100;
      *y_step = *y_max > 100 ? plot_nice_step (*y_max, 4) : 25;
    }
  else
    {
      double top = 0;
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n_points (&curves[i]); j++)
          top = MAX (top, value_of (&curves[i], j, FALSE));
      /* a capacity just above the curves is worth seeing */
      for (guint i = 0; i < n; i++)
        if (curves[i].series->capacity > 0 && curves[i].series->capacity <= top * 1.3)
          top = MAX (top, (double)curves[i].series->capacity);
      top = MAX (top, 4);
      *y_step = plot_nice_step (top * 1.05, 4);
      *y_max = ceil (top * 1.05 / *y_step) * *y_step;
    }
}

/* y grid, ticks and unit */
static void
draw_y_axis (cairo_t           *cr,
             const PlotStyle   *st,
             PangoLayout       *small,
             const IopPlotRect *area,
             double             y_max,
             double             y_step,
             gboolean           percent)
{
  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= y_max + y_step * 0.01; v += y_step)
    {
      double y = floor (area->y + area->height - v / y_max * area->height) + 0.5;
      g_autofree char *label = percent ? g_strdup_printf (_("%g %%"), v) : format_count_tick (v);

      plot_set_rgba (cr, &st->fg, v == 0 ? 0.28 : 0.09);
      cairo_move_to (cr, area->x, y);
      cairo_line_to (cr, area->x + area->width, y);
      cairo_stroke (cr);
      plot_set_rgba (cr, &st->fg, 0.6);
      plot_draw_text (cr, small, label, area->x - 8, y, 1, 0.5);
    }
  /* y unit, above the axis */
  plot_set_rgba (cr, &st->fg, 0.6);
  /* xgettext:no-c-format */
  plot_draw_text (cr, small, percent ? _("% of capacity") : _("count"), area->x - 8, area->y - 12, 0, 1);
}

static void
draw_time_axis (cairo_t           *cr,
                const PlotStyle   *st,
                PangoLayout       *small,
                const IopPlotRect *area,
                gint64             t_end)
{
  double t_step, t_div;
  const char *t_unit;

  if (t_end >= 10000000)
    t_div = 1e6, t_unit = _("ms");
  else if (t_end >= 10000)
    t_div = 1e3, t_unit = _("µs");
  else
    t_div = 1, t_unit = _("ns");
  t_step = plot_nice_step (t_end / t_div, MAX ((int)(area->width / 110), 2));
  for (double t = 0; t <= t_end / t_div + t_step * 0.001; t += t_step)
    {
      double x = floor (area->x + (t * t_div) / t_end * area->width) + 0.5;
      /* Translators: a time tick, "100 ms" */
      g_autofree char *label = t == 0 ? g_strdup ("0") : g_strdup_printf (_("%g %s"), t, t_unit);

      plot_set_rgba (cr, &st->fg, 0.28);
      cairo_move_to (cr, x, area->y + area->height);
      cairo_line_to (cr, x, area->y + area->height + 4);
      cairo_stroke (cr);
      plot_set_rgba (cr, &st->fg, 0.6);
      if (x + 30 < area->x + area->width + PAD_RIGHT + 4 || t == 0)
        plot_draw_text (cr, small, label, x, area->y + area->height + 7, t == 0 ? 0 : 0.5, 0);
    }
}

/* Capacities just above the curves, as faint dashed lines */
static void
draw_capacities (cairo_t           *cr,
                 PangoLayout       *small,
                 const PlotCurve   *curves,
                 guint              n,
                 const IopPlotRect *area,
                 double             y_max)
{
  for (guint i = 0; i < n; i++)
    {
      const IopSeries *se = curves[i].series;
      double y;

      if (se->capacity <= 0 || se->capacity > y_max)
        continue;
      y = floor (area->y + area->height - se->capacity / y_max * area->height) + 0.5;
      cairo_save (cr);
      plot_set_rgba (cr, &curves[i].color, 0.55);
      plot_set_dash (cr, 1, 1);
      cairo_move_to (cr, area->x, y);
      cairo_line_to (cr, area->x + area->width, y);
      cairo_stroke (cr);
      cairo_restore (cr);

      /* one label per distinct capacity */
      {
        gboolean seen = FALSE;
        for (guint j = 0; j < i; j++)
          if (curves[j].series->capacity == se->capacity)
            seen = TRUE;
        if (!seen)
          {
            g_autofree char *cap = iop_format_count (se->capacity);
            /* Translators: the dashed line of a bounded series, "capacity 640" */
            g_autofree char *label = g_strdup_printf (_("capacity %s"), cap);

            plot_set_rgba (cr, &curves[i].color, 0.9);
            plot_draw_text (cr, small, label, area->x + area->width - 4, y - 3, 1, 1);
          }
      }
    }
}

/* The cursor at CX: a line, its time in a pill above, and a dot on every curve */
static void
draw_cursor (cairo_t           *cr,
             const PlotStyle   *st,
             const PlotCurve   *curves,
             guint              n,
             const IopPlotRect *area,
             double             cx,
             gint64             t_now,
             double             y_max,
             gboolean           percent)
{
  double x = round (cx);
  g_autofree char *t = iop_format_duration (t_now);
  PangoLayout *layout = plot_make_layout (cr, FONT_SMALL);
  int tw, th;
  double bx, bw, bh;

  plot_set_rgba (cr, &st->cursor, 1);
  cairo_rectangle (cr, x - 1, area->y, 2, area->height);
  cairo_fill (cr);

  pango_layout_set_text (layout, t, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  bw = tw + 14;
  bh = th + 4;
  bx = CLAMP (x - bw / 2, area->x - 4, area->x + area->width - bw + 4);
  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + bh / 2, area->y - 4 - bh / 2, bh / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, bx + bw - bh / 2, area->y - 4 - bh / 2, bh / 2, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  plot_set_rgba (cr, &st->cursor, 1);
  cairo_fill (cr);
  plot_set_rgba (cr, &st->bg, 1);
  cairo_move_to (cr, round (bx + 7), round (area->y - 4 - bh + 2));
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);

  for (guint i = 0; i < n; i++)
    {
      guint sample = plot_sample_at_time (curves[i].wl, t_now);
      double v, y;

      /* a run that ended before T_NOW has no dot there */
      if (sample >= n_points (&curves[i]) || t_now > plot_last_t (curves[i].wl))
        continue;
      v = value_of (&curves[i], sample, percent);
      y = area->y + area->height - CLAMP (v / y_max, 0, 1.02) * area->height;
      cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
      plot_set_rgba (cr, &st->bg, 1);
      cairo_fill (cr);
      cairo_arc (cr, x, y, 3.25, 0, 2 * G_PI);
      plot_set_rgba (cr, &curves[i].color, 1);
      cairo_fill (cr);
    }
}

void
plot_draw_curves (cairo_t         *cr,
                  double           w,
                  double           h,
                  const PlotCurve *curves,
                  guint            n,
                  guint            legend_rows,
                  double           cursor,
                  gboolean         dark,
                  PlotLegendFunc   legend_func,
                  gpointer         data)
{
  IopPlotRect area, legend;
  PlotStyle st;
  gboolean two_line, percent;
  gint64 t_end = 0, t_now;
  double y_max = 1, y_step;
  PangoLayout *small;
  double cx;

  plot_style_init (&st, dark);
  cursor = CLAMP (isfinite (cursor) ? cursor : 0, 0, 1);
  /* the time axis spans the longest run */
  for (guint i = 0; i < n; i++)
    t_end = MAX (t_end, plot_last_t (curves[i].wl));
  if (n == 0 || t_end <= 0 || w < 60 || h < 60)
    {
      plot_draw_empty (cr, &st, w, h);
      return;
    }

  cairo_save (cr);
  layout_geometry (w, h, legend_rows, &area, &legend, &two_line);
  percent = is_percent (curves, n);
  small = plot_make_layout (cr, FONT_SMALL);

  y_range (curves, n, percent, &y_max, &y_step);
  draw_y_axis (cr, &st, small, &area, y_max, y_step, percent);
  draw_time_axis (cr, &st, small, &area, t_end);
  if (!percent)
    draw_capacities (cr, small, curves, n, &area, y_max);

  /* the curves: solid up to the cursor, faint after it */
  cx = iop_plot_cursor_to_x (&area, cursor);
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_save (cr);
      if (pass == 0)
        cairo_rectangle (cr, area.x - 4, area.y - 6, cx - area.x + 4, area.height + 12);
      else
        cairo_rectangle (cr, cx, area.y - 6, area.x + area.width - cx + 4, area.height + 12);
      cairo_clip (cr);
      for (guint i = 0; i < n; i++)
        {
          cairo_save (cr);
          plot_set_rgba (cr, &curves[i].color, pass == 0 ? 1.0 : 0.28);
          plot_set_dash (cr, curves[i].dash, pass == 0 ? 2.25 : 1.75);
          draw_curve (cr, &curves[i], &area, t_end, y_max, percent);
          cairo_restore (cr);
        }
      cairo_restore (cr);
    }

  t_now = (gint64)llround (cursor * t_end);
  draw_cursor (cr, &st, curves, n, &area, cx, t_now, y_max, percent);
  legend_func (cr, &st, curves, n, &legend, two_line, t_now, data);

  g_object_unref (small);
  cairo_restore (cr);
}

void
iop_plot_draw (cairo_t           *cr,
               double             w,
               double             h,
               const IopWorkload *wl,
               const char *const *series_keys,
               double             cursor,
               gboolean           dark)
{
  PlotCurve curves[32];
  guint n;

  g_return_if_fail (cr != NULL);

  n = collect_curves (wl, series_keys, dark, curves, G_N_ELEMENTS (curves));
  plot_draw_curves (cr, w, h, curves, n, n, cursor, dark, draw_legend, NULL);
}

void
iop_plot_get_area (double       w,
                   double       h,
                   guint        n_series,
                   IopPlotRect *out)
{
  IopPlotRect legend;
  gboolean two_line;

  g_return_if_fail (out != NULL);
  layout_geometry (w, h, n_series, out, &legend, &two_line);
}

double
iop_plot_cursor_to_x (const IopPlotRect *area,
                      double             cursor)
{
  return area->x + CLAMP (cursor, 0, 1) * area->width;
}

double
iop_plot_x_to_cursor (const IopPlotRect *area,
                      double             x)
{
  if (area->width <= 0)
    return 0;
  return CLAMP ((x - area->x) / area->width, 0, 1);
}

void
iop_plot_host_color (IopPlace place,
                     int      node,
                     gboolean dark,
                     double   rgb[3])
{
  /* the zone's colour, as on the canvas: storage nodes differ by their dashes */
  const IopColor *c = iop_palette_zone (place, dark);

  rgb[0] = c->red;
  rgb[1] = c->green;
  rgb[2] = c->blue;
}

void
iop_plot_cursor_color (gboolean dark,
                       double   rgb[3])
{
  /* libadwaita's dark_3 / light_3: neutral, never a series colour */
  parse_hex (dark ? "#deddda" : "#3d3846", rgb);
}

guint
iop_plot_sample_at (const IopWorkload *wl,
                    double             cursor)
{
  return plot_sample_at_time (wl, iop_plot_time_at (wl, cursor));
}

gint64
iop_plot_time_at (const IopWorkload *wl,
                  double             cursor)
{
  return (gint64)llround (CLAMP (cursor, 0, 1) * plot_last_t (wl));
}

char *
iop_plot_host_label (IopPlace place,
                     int      node)
{
  switch (place)
    {
    case IOP_PLACE_BAREMETAL:
      return g_strdup (_("Baremetal"));
    case IOP_PLACE_NETWORK:
      return g_strdup (_("Network"));
    case IOP_PLACE_STORAGE:
    default:
      if (node >= 0 && node < 26)
        /* Translators: a storage node, "Storage A" */
        return g_strdup_printf (_("Storage %c"), 'A' + node);
      return g_strdup (_("Storage"));
    }
}
