/* iop-lifetime-chart.h: when each object of the trace lives, on the step axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_LIFETIME_CHART (iop_lifetime_chart_get_type ())
G_DECLARE_FINAL_TYPE (IopLifetimeChart, iop_lifetime_chart, IOP, LIFETIME_CHART, GtkWidget)

GtkWidget *iop_lifetime_chart_new          (void);
void       iop_lifetime_chart_set_trace    (IopLifetimeChart *self,
                                            IopTrace         *trace);
void       iop_lifetime_chart_set_position (IopLifetimeChart *self,
                                            double            position);
/* "selected" property: index into trace->objects, -1 for none */
int        iop_lifetime_chart_get_selected (IopLifetimeChart *self);
void       iop_lifetime_chart_set_selected (IopLifetimeChart *self,
                                            int               selected);
/* The row at Y in widget coordinates, -1 for none */
int        iop_lifetime_chart_row_at       (IopLifetimeChart *self,
                                            double            y);

/* Signal "row-activated" (int object): a row was double-clicked */

G_END_DECLS
