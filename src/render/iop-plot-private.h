/* iop-plot-private.h: what the plot's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The curves, the style, the text helpers and the body that draws curves
 * with their axes, cursor and a legend: iop-plot.c draws one run with it,
 * iop-plot-ab.c two (A and B). Not for use outside src/render/iop-plot*.c:
 * iop-plot.h is the API.
 */
#pragma once

#include <pango/pangocairo.h>

#include "iop-plot.h"

G_BEGIN_DECLS

/* Logical pixels, tuned for 1080p at 100 % scale */
#define PAD_LEFT       60.0
#define PAD_TOP        30.0
#define PAD_BOTTOM     30.0
#define PAD_RIGHT      14.0
#define LEGEND_GAP     20.0
#define LEGEND_MIN_W  230.0
#define LEGEND_MAX_W  320.0
#define LEGEND_ROW_2   40.0   /* two-line legend entry */
#define LEGEND_ROW_1   22.0   /* one-line legend entry */
#define NARROW_W      620.0   /* below this, the legend goes under the plot */
#define FONT           "Sans 10"
#define FONT_SMALL     "Sans 9"

typedef struct
{
  double r, g, b;
} PlotRgb;

typedef struct
{
  const IopWorkload *wl;        /* the run the series belongs to */
  const IopSeries   *series;
  PlotRgb            color;
  int                dash;      /* 0 solid, 1 dashed, 2 dotted, 3 dash-dot */
  int                run;       /* -1 one run; 0 A, 1 B */
} PlotCurve;

typedef struct
{
  gboolean dark;
  PlotRgb  fg;
  PlotRgb  cursor;
  PlotRgb  bg;              /* for rings around the cursor dots */
} PlotStyle;

/* Draws the legend of CURVES in LEGEND, their values at T_NOW (ns) */
typedef void (*PlotLegendFunc) (cairo_t           *cr,
                                const PlotStyle   *st,
                                const PlotCurve   *curves,
                                guint              n,
                                const IopPlotRect *legend,
                                gboolean           two_line,
                                gint64             t_now,
                                gpointer           data);

void         plot_set_rgba     (cairo_t         *cr,
                                const PlotRgb   *c,
                                double           alpha);
void         plot_style_init   (PlotStyle       *st,
                                gboolean         dark);
void         plot_set_dash     (cairo_t         *cr,
                                int              dash,
                                double           width);
PangoLayout *plot_make_layout  (cairo_t         *cr,
                                const char      *font);
/* TEXT with its anchor at (X, Y): XALIGN 0 left .. 1 right, YALIGN from
 * the top; returns the width */
double       plot_draw_text    (cairo_t         *cr,
                                PangoLayout     *layout,
                                const char      *text,
                                double           x,
                                double           y,
                                double           xalign,
                                double           yalign);
double       plot_nice_step    (double           range,
                                int              target);
void         plot_draw_empty   (cairo_t         *cr,
                                const PlotStyle *st,
                                double           w,
                                double           h);
/* The time of WL's last sample, 0 without samples */
gint64       plot_last_t       (const IopWorkload *wl);
/* WL's last sample at or before T */
guint        plot_sample_at_time (const IopWorkload *wl,
                                  gint64             t);
/* "32 of 256 (12.5 %)", or "32" for an unbounded series */
char        *plot_value_text   (const PlotCurve *c,
                                guint            sample);
/* The legend's swatch of C: a short line in its colour and dash */
void         plot_draw_swatch  (cairo_t         *cr,
                                const PlotCurve *c,
                                double           x,
                                double           y,
                                double           width);

/* "Storage A · iobuf large pool: free" */
char        *plot_series_title (const IopSeries *se);
/* A legend entry's text at Y, from TEXT_X to the legend's right edge:
 * TITLE over VALUE (TWO_LINE), or TITLE with VALUE at the right */
void         plot_draw_legend_text (cairo_t           *cr,
                                    const PlotStyle   *st,
                                    PangoLayout       *layout,
                                    PangoLayout       *small,
                                    const IopPlotRect *legend,
                                    double             y,
                                    double             text_x,
                                    gboolean           two_line,
                                    const char        *title,
                                    const char        *value);

/* The body of a plot: axes over the time of the longest run, the curves
 * (solid up to CURSOR, faint after), the cursor with a dot on each curve
 * whose run lasts that long, and LEGEND in LEGEND_ROWS rows. N 0: an empty
 * plot. */
void         plot_draw_curves  (cairo_t         *cr,
                                double           w,
                                double           h,
                                const PlotCurve *curves,
                                guint            n,
                                guint            legend_rows,
                                double           cursor,
                                gboolean         dark,
                                PlotLegendFunc   legend,
                                gpointer         data);

G_END_DECLS
