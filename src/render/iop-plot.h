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

G_END_DECLS
