/* iop-fault-popover.h: choose a fault to inject into the traced scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-scenario.h"

G_BEGIN_DECLS

#define IOP_TYPE_FAULT_POPOVER (iop_fault_popover_get_type ())
G_DECLARE_FINAL_TYPE (IopFaultPopover, iop_fault_popover, IOP, FAULT_POPOVER, GtkPopover)

GtkWidget *iop_fault_popover_new          (void);
/* Shows SCENARIO's first fault (or none) in the controls */
void       iop_fault_popover_set_scenario (IopFaultPopover   *self,
                                           const IopScenario *scenario);

G_END_DECLS
