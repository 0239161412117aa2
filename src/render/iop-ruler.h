/* iop-ruler.h: a trace's true time, a swimlane per thread
 *
 * Every step drawn at its real start and duration on the thread that ran
 * it (the guest, each SPDK thread of each host, the network), on a time
 * axis that is logarithmic near the start and linear far from it: a 0.1 µs
 * step, the 15 µs media access and a 10 s outage are all visible at once.
 * TAU_NS sets where the axis turns from one to the other (smaller: more of
 * the start is spread out); the playhead stands at the canvas's position.
 * GTK-free: the app's ruler and the exporters draw with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_RULER_LANE_HEIGHT 12.0
#define IOP_RULER_AXIS_HEIGHT 16.0
#define IOP_RULER_LABEL_WIDTH 210.0

/* Threads that ran steps of TRACE, in the order they first did */
guint   iop_ruler_n_lanes       (const IopTrace *trace);
/* The height that shows every lane */
double  iop_ruler_height        (const IopTrace *trace);
/* The time TAU_NS starts with: a microsecond, every decade after it the
 * same width */
double  iop_ruler_default_tau   (const IopTrace *trace);
/* The time at POSITION (canvas step units) */
gint64  iop_ruler_time_at_position (const IopTrace *trace,
                                    double          position);
/* The time under X on a ruler WIDTH wide, and the step running then */
gint64  iop_ruler_time_at_x     (const IopTrace *trace,
                                 double          width,
                                 double          tau_ns,
                                 double          x);
void    iop_ruler_draw          (cairo_t        *cr,
                                 const IopTrace *trace,
                                 double          width,
                                 double          height,
                                 double          position,
                                 double          tau_ns,
                                 gboolean        dark);

G_END_DECLS
