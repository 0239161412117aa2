/* iop-session.h: what one window shows, in one place
 *
 * An IopSession owns the scenario as loaded, the scenario in force (the
 * loaded one plus the user's knob edits, op, size and fault), its trace,
 * and the playhead. It is the only part of the app that runs the engine for
 * the trace shown: widgets ask it for a change (a knob, the op, a revert)
 * and follow its properties. GLib only, so the CLI's tests can drive it.
 *
 * The playhead is a position in step units (5.25: a quarter of the way from
 * step 5 to step 6, -1: before the guest submits). Playing and easing move
 * it with time, but the session has no clock of its own: whoever draws it
 * (the canvas, on its frame clock) calls iop_session_tick() while
 * "animating" is TRUE. With no ticker attached a seek lands at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_SESSION (iop_session_get_type ())
G_DECLARE_FINAL_TYPE (IopSession, iop_session, IOP, SESSION, GObject)

IopSession  *iop_session_new               (void);

/* --- What is shown ---------------------------------------------------------
 * "trace" (pointer, NULL while SPDK would refuse the scenario), "scenario"
 * (pointer: the trace's scenario, or the refused one), "refusal" (string:
 * why SPDK refuses it), "original" (pointer: the scenario as loaded),
 * "scenario-ref" (string: built-in id or path), "modified" (boolean: the
 * knobs differ from the original's). Each is notified when it changes;
 * "trace" is notified after the others, so a handler of it sees them new. */
IopTrace    *iop_session_get_trace         (IopSession *self);
IopScenario *iop_session_get_scenario      (IopSession *self);
const char  *iop_session_get_refusal       (IopSession *self);
IopScenario *iop_session_get_original      (IopSession *self);
const char  *iop_session_get_scenario_ref  (IopSession *self);
gboolean     iop_session_get_modified      (IopSession *self);

/* --- Changes: the only calls that run the engine --------------------------- */

/* Makes SC (taken as loaded, REF its id or path) the session's scenario.
 * SPDK refusing its knobs is not an error: the session shows the refusal
 * ("trace" NULL) so the knobs can be fixed. Any other failure leaves
 * everything as it was. The playhead goes back to the start. */
gboolean     iop_session_load_scenario     (IopSession  *self,
                                            IopScenario *sc,
                                            const char  *ref,
                                            GError     **error);
/* Traces CANDIDATE (a changed copy of the scenario) and shows it. When SPDK
 * refuses it, the trace shown stays and FALSE is returned with the reason;
 * while the session already shows a refusal, the candidate becomes the
 * refused scenario (the edit is kept, the reason updated). The playhead
 * keeps its step. */
gboolean     iop_session_apply             (IopSession  *self,
                                            IopScenario *candidate,
                                            GError     **error);
/* As apply, but SPDK refusing CANDIDATE is not an error: the refusal is
 * shown (an imported config may need its knobs fixed) */
gboolean     iop_session_show_scenario     (IopSession  *self,
                                            IopScenario *candidate,
                                            GError     **error);
/* Shows a trace made elsewhere (a recorded I/O, one side of a comparison):
 * no engine run. NULL shows nothing. */
void         iop_session_show_trace        (IopSession  *self,
                                            IopTrace    *trace);

/* One knob as the user types it ("4096", "0x3c", "true") */
gboolean     iop_session_set_knob_text     (IopSession  *self,
                                            IopHostId    host,
                                            const char  *id,
                                            const char  *text,
                                            GError     **error);
gboolean     iop_session_reset_knob        (IopSession  *self,
                                            IopHostId    host,
                                            const char  *id,
                                            GError     **error);
/* Every knob of every host back to SPDK's defaults */
gboolean     iop_session_reset_all_knobs   (IopSession  *self,
                                            GError     **error);
/* The knob values of BEFORE (a scenario this session showed), with the
 * I/O, version and faults now in force: the Undo of reset_all_knobs */
gboolean     iop_session_restore_knobs     (IopSession  *self,
                                            IopScenario *before,
                                            GError     **error);
/* The original's knobs and fault, with the op and size in force */
gboolean     iop_session_revert            (IopSession  *self,
                                            GError     **error);
gboolean     iop_session_set_op            (IopSession  *self,
                                            IopOp        op,
                                            GError     **error);
gboolean     iop_session_set_io_size       (IopSession  *self,
                                            gint64       io_size,
                                            GError     **error);

/* --- The playhead ---------------------------------------------------------
 * "position" (double), "current-step" (int: floor (position), -1 before the
 * start; notified only when it changes), "playing" (boolean), "speed"
 * (double, steps per second), "animating" (boolean: playing or easing; a
 * ticker should call iop_session_tick while it is TRUE). */
double       iop_session_get_position      (IopSession *self);
int          iop_session_get_current_step  (IopSession *self);
/* Jump (ANIMATE FALSE) or ease over a quarter second to POSITION */
void         iop_session_seek              (IopSession *self,
                                            double      position,
                                            gboolean    animate);
/* One step forward or back, eased; repeated calls add up */
void         iop_session_step              (IopSession *self,
                                            int         delta);
/* Play at the end starts over from the guest */
void         iop_session_set_playing       (IopSession *self,
                                            gboolean    playing);
gboolean     iop_session_get_playing       (IopSession *self);
void         iop_session_set_speed         (IopSession *self,
                                            double      steps_per_second);
double       iop_session_get_speed         (IopSession *self);
gboolean     iop_session_get_animating     (IopSession *self);

/* The ticker: TICKING says whether one will call iop_session_tick (a canvas
 * on screen); SMOOTH FALSE is reduced motion (whole steps, no easing). */
void         iop_session_set_ticker        (IopSession *self,
                                            gboolean    ticking,
                                            gboolean    smooth);
/* Advances playing and easing to FRAME_TIME (microseconds, monotonic);
 * returns "animating" */
gboolean     iop_session_tick              (IopSession *self,
                                            gint64      frame_time);

/* --- Observers ------------------------------------------------------------
 * A panel follows the session: ON_TRACE with each new trace (NULL while
 * refused), ON_POSITION with each move of the playhead, ON_STEP when the
 * step at the playhead changes. A new trace is followed by one call of
 * each of the other two (the step's content is new even at the same
 * index). Each is called once now; none after OBSERVER (a GObject) is
 * finalized. Any may be NULL. */
typedef void (*IopSessionTraceFunc)    (gpointer observer, IopTrace *trace);
typedef void (*IopSessionPositionFunc) (gpointer observer, double position);
typedef void (*IopSessionStepFunc)     (gpointer observer, IopTrace *trace, int step);

void         iop_session_follow            (IopSession             *self,
                                            gpointer                observer,
                                            IopSessionTraceFunc     on_trace,
                                            IopSessionPositionFunc  on_position,
                                            IopSessionStepFunc      on_step);

G_END_DECLS
