/* iop-memory-view.h: where memory goes, what scales, what runs out first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-memory.h"
#include "iop-scenario.h"

G_BEGIN_DECLS

#define IOP_TYPE_MEMORY_VIEW (iop_memory_view_get_type ())
G_DECLARE_FINAL_TYPE (IopMemoryView, iop_memory_view, IOP, MEMORY_VIEW, GtkWidget)

GtkWidget       *iop_memory_view_new          (void);

/* Recomputes the report for SCENARIO (about a millisecond) and shows it:
 * its rows are built or filled at once when the view is mapped, else when it
 * maps. When only values changed (a knob edit), the rows are updated in
 * place and the scroll position stays. NULL: the empty state. */
void             iop_memory_view_set_scenario (IopMemoryView *self,
                                               IopScenario   *scenario);

/* The report shown, or NULL (no scenario, or the engine refused it) */
IopMemoryReport *iop_memory_view_get_report   (IopMemoryView *self);

/* Signal "knob-activated" (const char *knob_id, int host): a knob link was
 * clicked; KNOB_ID is "method.param", HOST an IopHostId. */

G_END_DECLS
