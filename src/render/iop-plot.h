/* iop-plot.h: time series of a workload run, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure function of (workload, series, cursor, size, style): no widget, no
 * display, no timer. The workload view calls it from a drawing area, the
 * tests on an image surface. It paints no background: the caller's card or
 * surface shows through.
 *
 * The y axis is the share of capacity ("% of capacity") when every chosen
 * series has a capacity, else plain counts. Each zone keeps its colour of
 * the canvas (iop-palette.h: baremetal green, storage purple); the series
 * of one zone, of every storage node, are told apart by solid, dashed,
 * dotted and dash-dot lines. The part of a curve
 * after the cursor is drawn faint, so the run "advances" with the cursor.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "iop-workload.h"
#include "iop-format.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} IopPlotRect;

/* Draws the series named by SERIES_KEYS (NULL-terminated, keys unknown to WL
 * are skipped) on a W × H area at the origin of CR. CURSOR is the moment
 * shown, 0 (start) to 1 (end of the run's samples). WL NULL: an empty plot. */
void     iop_plot_draw            (cairo_t            *cr,
                                   double              w,
                                   double              h,
                                   const IopWorkload  *wl,
                                   const char *const  *series_keys,
                                   double              cursor,
                                   gboolean            dark);

/* Where the curves go (inside the axes) for a plot of N_SERIES series:
 * for hit-testing a pointer and for tests. */
void     iop_plot_get_area        (double              w,
                                   double              h,
                                   guint               n_series,
                                   IopPlotRect        *out);

/* CURSOR (0..1) → x in AREA, and back (clamped to 0..1) */
double   iop_plot_cursor_to_x     (const IopPlotRect  *area,
                                   double              cursor);
double   iop_plot_x_to_cursor     (const IopPlotRect  *area,
                                   double              x);

/* Colours, as 0..1 RGB: the curves of a host (its zone's colour), and the cursor line */
void     iop_plot_host_color      (IopPlace            place,
                                   int                 node,
                                   gboolean            dark,
                                   double              rgb[3]);
void     iop_plot_cursor_color    (gboolean            dark,
                                   double              rgb[3]);

/* The sample shown at CURSOR: the last one at or before that moment */
guint    iop_plot_sample_at       (const IopWorkload  *wl,
                                   double              cursor);
/* Virtual time at CURSOR, in ns */
gint64   iop_plot_time_at         (const IopWorkload  *wl,
                                   double              cursor);
/* "Storage A", "Baremetal" (translated) */
char    *iop_plot_host_label      (IopPlace            place,
                                   int                 node);

/* --- A/B: one workload run twice (iop-plot-ab.c) ---------------------------
 *
 * A is the scenario, B the scenario with the user's edits (or a second
 * scenario), with the same workload parameters. Curves take their run's
 * colour (iop_palette_run: A grey, B teal); the series of one plot are told
 * apart by their dash, the same in A and B. The legend's first row names
 * the runs, each further row a series with its value in A and in B at the
 * cursor. The time axis spans the longer run, and CURSOR (0..1) with it;
 * a run that ended earlier has no cursor dot past its end. */
typedef struct
{
  const IopWorkload *a;
  const IopWorkload *b;
  const char        *label_a;   /* the legend's name for A, "the scenario"; NULL: none */
  const char        *label_b;
} IopPlotAb;

void       iop_plot_draw_ab             (cairo_t            *cr,
                                         double              w,
                                         double              h,
                                         const IopPlotAb    *ab,
                                         const char *const  *series_keys,
                                         double              cursor,
                                         gboolean            dark);
/* The latency percentiles (p50, p99, p99.9) and the longest latency of
 * A and B as pairs of bars, B's change against A beside its bar */
void       iop_plot_draw_percentiles_ab (cairo_t            *cr,
                                         double              w,
                                         double              h,
                                         const IopPlotAb    *ab,
                                         gboolean            dark);

/* The legend of an A/B plot of N_KEYS series has this many rows: pass it
 * to iop_plot_get_area */
guint      iop_plot_ab_legend_rows      (guint               n_keys);
/* The virtual time at CURSOR of an A/B plot (over the longer run), ns */
gint64     iop_plot_ab_time_at          (const IopPlotAb    *ab,
                                         double              cursor);
/* A run's colour, as 0..1 RGB: RUN 0 is A, 1 is B */
void       iop_plot_run_color           (int                 run,
                                         gboolean            dark,
                                         double              rgb[3]);

/* Of CANDIDATES (NULL-terminated keys), those whose curves differ by at
 * least MIN_DIFFERENCE percentage points between A and B
 * (iop_ab_workload_series_difference), the largest difference first and
 * the engine's order among equals, at most MAX of them: a NULL-terminated
 * array of char * */
GPtrArray *iop_plot_ab_pick_keys        (const IopWorkload  *a,
                                         const IopWorkload  *b,
                                         const char *const  *candidates,
                                         guint               max,
                                         double              min_difference);

G_END_DECLS
