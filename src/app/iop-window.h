/* iop-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-application.h"
#include "iop-canvas.h"
#include "iop-knobs-panel.h"
#include "iop-objects-panel.h"
#include "iop-explain-panel.h"
#include "iop-source-panel.h"
#include "iop-timeline.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_WINDOW (iop_window_get_type ())
G_DECLARE_FINAL_TYPE (IopWindow, iop_window, IOP, WINDOW, AdwApplicationWindow)

IopWindow       *iop_window_new               (IopApplication *application);

/* Loads a built-in id or a scenario file and traces it. On failure the
 * current scenario and trace stay and ERROR says why. */
void             iop_window_import_config     (IopWindow   *self,
                                               const char  *path);
/* Shows runtime dumps (a folder or a file) in the Runtime view */
gboolean         iop_window_open_dumps        (IopWindow   *self,
                                               const char  *path);
gboolean         iop_window_load_scenario     (IopWindow   *self,
                                               const char  *id_or_path,
                                               GError     **error);
/* Same, for a file picked by the user: errors are shown in a dialog */
void             iop_window_open_file         (IopWindow   *self,
                                               GFile       *file);
/* A file dropped on the window: a scenario, an SPDK config or runtime dumps,
 * told apart by content. Refused input shows a toast; nothing else changes. */
gboolean         iop_window_open_dropped      (IopWindow   *self,
                                               GFile       *file);
/* A comparison file (or a shipped one's id): run B's scenario with B's
 * changes as knob edits, run A in the Compare view, which is shown. On
 * failure nothing changes and ERROR says where and why. */
gboolean         iop_window_open_comparison   (IopWindow   *self,
                                               const char  *id_or_path,
                                               GError     **error);
/* Writes what the Compare view shows as a comparison file (an existing
 * one only with FORCE); FALSE when nothing is compared */
gboolean         iop_window_save_comparison   (IopWindow   *self,
                                               const char  *path,
                                               gboolean     force,
                                               GError     **error);

/* What the window shows, and its playhead: the session owns them */
IopSession      *iop_window_get_session       (IopWindow   *self);
/* NULL while SPDK would refuse the scenario's settings (see get_scenario) */
IopTrace        *iop_window_get_trace         (IopWindow   *self);
IopScenario     *iop_window_get_scenario      (IopWindow   *self);
IopCanvas       *iop_window_get_canvas        (IopWindow   *self);
GtkWidget       *iop_window_get_fault_popover (IopWindow   *self);
IopTimeline     *iop_window_get_timeline      (IopWindow   *self);
IopKnobsPanel   *iop_window_get_knobs_panel   (IopWindow   *self);
IopSourcePanel  *iop_window_get_source_panel  (IopWindow   *self);
IopObjectsPanel *iop_window_get_objects_panel (IopWindow   *self);
IopExplainPanel *iop_window_get_explain_panel (IopWindow   *self);
struct _IopCompareView *iop_window_get_compare_view (IopWindow *self);
/* The step the panels show: the session's current step */
int              iop_window_get_current_step  (IopWindow   *self);
/* Shows "source", "objects" or "knobs" in the side panel */
void             iop_window_show_panel        (IopWindow   *self,
                                               const char  *name);
/* The side panel shown (win.side-panel, F9), and whether it sits under
 * the canvas because the window is narrow */
gboolean         iop_window_get_side_panel    (IopWindow   *self);
gboolean         iop_window_get_folded        (IopWindow   *self);

G_END_DECLS
