/* iop-knobs-panel.h: every knob of both hosts, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-knob-row.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_KNOBS_PANEL (iop_knobs_panel_get_type ())
G_DECLARE_FINAL_TYPE (IopKnobsPanel, iop_knobs_panel, IOP, KNOBS_PANEL, GtkWidget)

GtkWidget  *iop_knobs_panel_new                 (void);
/* Shows TRACE's scenario (knob values) and diagnostics */
void        iop_knobs_panel_set_trace           (IopKnobsPanel *self,
                                                 IopTrace      *trace);
IopTrace   *iop_knobs_panel_get_trace           (IopKnobsPanel *self);
/* SPDK would refuse SCENARIO at start-up for REASON: no trace, the knobs
 * still editable; the first edit SPDK accepts emits "trace-changed" */
void        iop_knobs_panel_set_refused         (IopKnobsPanel *self,
                                                 IopScenario   *scenario,
                                                 const char    *reason);
IopScenario *iop_knobs_panel_get_scenario       (IopKnobsPanel *self);
const char *iop_knobs_panel_get_refusal         (IopKnobsPanel *self);

/* The edit path every control uses: copies the scenario, sets the knob
 * (iop_scenario_set_knob_text), re-runs iop_trace_run and, on success,
 * adopts the new trace and emits "trace-changed". On failure the previous
 * trace stays, the row shows the reason, and ERROR is set. */
gboolean    iop_knobs_panel_set_knob_text       (IopKnobsPanel *self,
                                                 IopHostId      host,
                                                 const char    *id,
                                                 const char    *text,
                                                 GError       **error);
gboolean    iop_knobs_panel_reset_knob          (IopKnobsPanel *self,
                                                 IopHostId      host,
                                                 const char    *id,
                                                 GError       **error);
/* Every knob of both hosts back to SPDK's defaults */
gboolean    iop_knobs_panel_reset_all           (IopKnobsPanel *self,
                                                 GError       **error);
/* Undoes the last knobs.set-defaults (the action behind "Set All to SPDK
 * Defaults", which also shows a toast with Undo); FALSE if there is none */
gboolean    iop_knobs_panel_undo_defaults       (IopKnobsPanel *self,
                                                 GError       **error);
/* The toast offering Undo while it shows, else NULL */
AdwToast   *iop_knobs_panel_get_undo_toast      (IopKnobsPanel *self);

/* Expands the knob's group, scrolls to it, focuses its control */
gboolean    iop_knobs_panel_reveal_knob         (IopKnobsPanel *self,
                                                 IopHostId      host,
                                                 const char    *id);
void        iop_knobs_panel_reveal_diagnostics  (IopKnobsPanel *self);
IopKnobRow *iop_knobs_panel_get_row             (IopKnobsPanel *self,
                                                 IopHostId      host,
                                                 const char    *id);
/* Knobs whose value differs from SPDK's default, both hosts */
guint       iop_knobs_panel_get_n_changed       (IopKnobsPanel *self);

/* Signal "trace-changed" (IopTrace *trace): a knob edit made a new trace;
 * "edit-done" (): Enter or Escape ended typing in a knob's control */

G_END_DECLS
