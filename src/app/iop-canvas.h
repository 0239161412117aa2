/* iop-canvas.h: the animated path (a GtkWidget drawing with IopPainter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_CANVAS (iop_canvas_get_type ())
G_DECLARE_FINAL_TYPE (IopCanvas, iop_canvas, IOP, CANVAS, GtkWidget)

GtkWidget *iop_canvas_new              (void);

/* A new trace (after a knob edit): the position is kept (same step index,
 * clamped), nothing jumps. */
void       iop_canvas_set_trace        (IopCanvas *self, IopTrace *trace);
IopTrace  *iop_canvas_get_trace        (IopCanvas *self);

/* The playhead in step units: 5.25 is a quarter of the way from step 5 to 6.
 * "position" property (double), notify on every change. */
double     iop_canvas_get_position     (IopCanvas *self);
/* Jump (animate == FALSE) or glide with easing (TRUE) to POSITION */
void       iop_canvas_seek             (IopCanvas *self, double position, gboolean animate);
/* One step forward or back, eased */
void       iop_canvas_step             (IopCanvas *self, int delta);
/* The step at the playhead: floor(position), or -1 before the start */
int        iop_canvas_get_current_step (IopCanvas *self);

/* "playing" property: advance with the frame clock at "speed" steps per second */
void       iop_canvas_set_playing      (IopCanvas *self, gboolean playing);
gboolean   iop_canvas_get_playing      (IopCanvas *self);
void       iop_canvas_set_speed        (IopCanvas *self, double steps_per_second);
double     iop_canvas_get_speed        (IopCanvas *self);

/* "presentation" property: larger text, less chrome inside the drawing */
void       iop_canvas_set_presentation (IopCanvas *self, gboolean presentation);
gboolean   iop_canvas_get_presentation (IopCanvas *self);

/* Also: "current-step" (int, read-only), floor (position) or -1, notified
 * only when it changes: cheaper to follow than "position" for panels. */

/* Signal "step-activated" (guint step): the user clicked a stage box. */

/* Compact: asks only for 560x315, a little under the painter's smallest
 * size (it draws every box named, in smaller text), for two canvases side
 * by side */
void       iop_canvas_set_compact      (IopCanvas *self, gboolean compact);

/* For tests: frames drawn so far, and the size of the last one */
guint      iop_canvas_get_n_frames     (IopCanvas *self, int *width, int *height);

G_END_DECLS
