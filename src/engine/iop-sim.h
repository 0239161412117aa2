/* iop-sim.h: the discrete-event engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

/* Traces the scenario's I/O (op, size, background load) through the whole path.
 * Deterministic: the same scenario always gives the same trace. Fails only when
 * the scenario's knobs are refused by SPDK's own checks. */
IopTrace *iop_trace_run (IopScenario *scenario,
                         GError     **error);

G_END_DECLS
