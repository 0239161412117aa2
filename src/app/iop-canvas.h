/* iop-canvas.h: the animated path (a GtkWidget drawing with IopPainter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-session.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_CANVAS (iop_canvas_get_type ())
G_DECLARE_FINAL_TYPE (IopCanvas, iop_canvas, IOP, CANVAS, GtkWidget)

GtkWidget *iop_canvas_new              (void);

/* The IopSession whose trace and playhead the canvas draws ("session"
 * property). A canvas starts with one of its own; the window gives its
 * canvas the window's. While the session animates (plays or eases) and the
 * canvas is on screen, the canvas ticks it on the frame clock. NULL gives
 * the canvas a new session of its own. */
void        iop_canvas_set_session     (IopCanvas  *self,
                                        IopSession *session);
IopSession *iop_canvas_get_session     (IopCanvas  *self);

/* Shorthands on the canvas's session, for a canvas that shows a trace on
 * its own (the Compare view's two): show TRACE (no engine run), jump or
 * ease the playhead to POSITION (in step units), read it back */
void       iop_canvas_set_trace        (IopCanvas *self, IopTrace *trace);
IopTrace  *iop_canvas_get_trace        (IopCanvas *self);
void       iop_canvas_seek             (IopCanvas *self, double position, gboolean animate);
double     iop_canvas_get_position     (IopCanvas *self);
/* The step at the playhead: floor(position), or -1 before the start */
int        iop_canvas_get_current_step (IopCanvas *self);

/* "presentation" property: larger text, less chrome inside the drawing */
void       iop_canvas_set_presentation (IopCanvas *self, gboolean presentation);
gboolean   iop_canvas_get_presentation (IopCanvas *self);

/* Signal "step-activated" (guint step): the user clicked a stage box. */

/* Compact: asks only for 560x315, a little under the painter's smallest
 * size (it draws every box named, in smaller text), for two canvases side
 * by side */
void       iop_canvas_set_compact      (IopCanvas *self, gboolean compact);

/* For tests: frames drawn so far, and the size of the last one */
guint      iop_canvas_get_n_frames     (IopCanvas *self, int *width, int *height);

G_END_DECLS
