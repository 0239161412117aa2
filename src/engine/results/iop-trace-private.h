/* iop-trace-private.h: what the engine uses to build a trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-trace.h"

G_BEGIN_DECLS

IopTrace *iop_trace_new         (IopScenario *scenario_owned);
IopStep  *iop_step_new          (void);
/* Appends a row of levels (one per gauge): the first row is "before step 0" */
void      iop_trace_push_levels (IopTrace *self, const gint64 *row);
/* Replaces the row "after STEP" */
void      iop_trace_set_levels  (IopTrace *self, guint step, const gint64 *row);
void      iop_trace_finish      (IopTrace *self);

G_END_DECLS
