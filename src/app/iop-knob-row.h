/* iop-knob-row.h: one SPDK knob with the control that fits its type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-scenario.h"

G_BEGIN_DECLS

#define IOP_TYPE_KNOB_ROW (iop_knob_row_get_type ())
G_DECLARE_FINAL_TYPE (IopKnobRow, iop_knob_row, IOP, KNOB_ROW, AdwActionRow)

GtkWidget        *iop_knob_row_new           (const IopKnobDef  *def,
                                              IopHostId          host,
                                              IopSpdkVersion     version);
const IopKnobDef *iop_knob_row_get_def       (IopKnobRow        *self);
IopHostId         iop_knob_row_get_host      (IopKnobRow        *self);
/* Shows SCENARIO's value without emitting "edit" */
void              iop_knob_row_sync          (IopKnobRow        *self,
                                              const IopScenario *scenario);
/* A refused value: MESSAGE under the control, NULL to clear */
void              iop_knob_row_set_error     (IopKnobRow        *self,
                                              const char        *message);
const char       *iop_knob_row_get_error     (IopKnobRow        *self);
gboolean          iop_knob_row_get_changed   (IopKnobRow        *self);
/* The widget that edits the value (spin button, switch, drop-down, entry) */
GtkWidget        *iop_knob_row_get_control   (IopKnobRow        *self);
/* Briefly highlights the row (after a knob link was followed) */
void              iop_knob_row_flash         (IopKnobRow        *self);

/* Signals: "edit" (const char *text), "reset" (), "done" () (Enter or
 * Escape ended typing in the control) */

G_END_DECLS
