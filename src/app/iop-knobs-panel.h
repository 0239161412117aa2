/* iop-knobs-panel.h: every knob of both hosts, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-knob-row.h"
#include "iop-session.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_KNOBS_PANEL (iop_knobs_panel_get_type ())
G_DECLARE_FINAL_TYPE (IopKnobsPanel, iop_knobs_panel, IOP, KNOBS_PANEL, GtkWidget)

GtkWidget  *iop_knobs_panel_new                 (void);
/* The session whose scenario the panel shows (knob values, diagnostics,
 * or SPDK's refusal with the knobs to fix it) and asks for every change */
void        iop_knobs_panel_set_session         (IopKnobsPanel *self,
                                                 IopSession    *session);
IopTrace   *iop_knobs_panel_get_trace           (IopKnobsPanel *self);
IopScenario *iop_knobs_panel_get_scenario       (IopKnobsPanel *self);
const char *iop_knobs_panel_get_refusal         (IopKnobsPanel *self);

/* The edit path every control uses: the session sets the knob
 * (iop_session_set_knob_text) and shows the new trace. On failure the
 * previous trace stays, the row shows the reason, and ERROR is set. */
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

/* Signal "edit-done" (): Enter or Escape ended typing in a knob's control */

G_END_DECLS
