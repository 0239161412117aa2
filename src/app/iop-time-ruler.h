/* iop-time-ruler.h: the trace's true time under the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_TIME_RULER (iop_time_ruler_get_type ())
G_DECLARE_FINAL_TYPE (IopTimeRuler, iop_time_ruler, IOP, TIME_RULER, GtkWidget)

GtkWidget *iop_time_ruler_new          (void);
void       iop_time_ruler_set_trace    (IopTimeRuler *self,
                                        IopTrace     *trace);
/* The playhead in step units, as IopCanvas's "position" */
void       iop_time_ruler_set_position (IopTimeRuler *self,
                                        double        position);
/* Where the axis turns from logarithmic to linear; the scroll wheel (or
 * plus and minus) zooms by moving it. Reset on a new trace. */
double     iop_time_ruler_get_tau      (IopTimeRuler *self);
void       iop_time_ruler_zoom         (IopTimeRuler *self,
                                        double        factor);

/* Signal "seek" (double position, gboolean animate): the user clicked or
 * dragged to a time; position is the step running then. */

G_END_DECLS
