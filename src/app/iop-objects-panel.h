/* iop-objects-panel.h: the objects the traced I/O holds, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_OBJECTS_PANEL (iop_objects_panel_get_type ())
G_DECLARE_FINAL_TYPE (IopObjectsPanel, iop_objects_panel, IOP, OBJECTS_PANEL, GtkWidget)

GtkWidget *iop_objects_panel_new           (void);
void       iop_objects_panel_set_trace     (IopObjectsPanel *self,
                                            IopTrace        *trace);
void       iop_objects_panel_set_position  (IopObjectsPanel *self,
                                            double           position);
/* Index into trace->objects, -1 for none */
void       iop_objects_panel_select_object (IopObjectsPanel *self,
                                            int              object);
int        iop_objects_panel_get_selected  (IopObjectsPanel *self);
/* The text of the details ("Allocated at step 5: …") for tests */
char      *iop_objects_panel_dup_details   (IopObjectsPanel *self);

/* Signal "seek-step" (guint step): go to where an object was allocated or freed */

G_END_DECLS
