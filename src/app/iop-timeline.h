/* iop-timeline.h: the scrubber under the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_TIMELINE (iop_timeline_get_type ())
G_DECLARE_FINAL_TYPE (IopTimeline, iop_timeline, IOP, TIMELINE, GtkWidget)

GtkWidget *iop_timeline_new          (void);
void       iop_timeline_set_trace    (IopTimeline *self,
                                      IopTrace    *trace);
/* The playhead in step units, as IopCanvas's "position" */
void       iop_timeline_set_position (IopTimeline *self,
                                      double       position);
double     iop_timeline_get_position (IopTimeline *self);
/* What a click or drag at X (widget coordinates) asks for, in step units */
double     iop_timeline_position_at  (IopTimeline *self,
                                      double       x);

/* Signal "seek" (double position, gboolean animate): the user scrubbed. */

G_END_DECLS
