/* iop-workload-view.h: many I/Os at once, their pools, queues and latency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-scenario.h"
#include "iop-workload.h"

G_BEGIN_DECLS

#define IOP_TYPE_WORKLOAD_VIEW (iop_workload_view_get_type ())
G_DECLARE_FINAL_TYPE (IopWorkloadView, iop_workload_view, IOP, WORKLOAD_VIEW, GtkWidget)

GtkWidget   *iop_workload_view_new          (void);

/* Takes SCENARIO's workload defaults (iop_workload_params_init) for every
 * control the user has not changed; a scenario with another id resets them
 * all. Runs again only when a result is shown (a knob edit then refreshes
 * it), keeping the cursor. NULL: nothing to run. */
void         iop_workload_view_set_scenario (IopWorkloadView         *self,
                                             IopScenario             *scenario);

/* Runs the workload of the controls in a worker thread ("workload.run").
 * A run still going is abandoned: only the newest result is shown. */
void         iop_workload_view_run          (IopWorkloadView         *self);
/* Abandons the run going, if any ("workload.cancel") */
void         iop_workload_view_cancel       (IopWorkloadView         *self);

gboolean     iop_workload_view_get_running  (IopWorkloadView         *self);
/* The result shown, or NULL */
IopWorkload *iop_workload_view_get_workload (IopWorkloadView         *self);

/* The parameters the controls hold; setting them marks them as the user's */
void         iop_workload_view_get_params   (IopWorkloadView         *self,
                                             IopWorkloadParams       *out);
void         iop_workload_view_set_params   (IopWorkloadView         *self,
                                             const IopWorkloadParams *params);

/* Playback of the run's samples ("workload.play" toggles) */
gboolean     iop_workload_view_get_playing  (IopWorkloadView         *self);
void         iop_workload_view_set_playing  (IopWorkloadView         *self,
                                             gboolean                 playing);
/* 0 (start) .. 1 (end of the run) */
double       iop_workload_view_get_cursor   (IopWorkloadView         *self);
void         iop_workload_view_set_cursor   (IopWorkloadView         *self,
                                             double                   cursor);
/* The trace's speed multiplier (0.25 .. 8): at 1 a run plays in 12 s */
double       iop_workload_view_get_speed    (IopWorkloadView         *self);
void         iop_workload_view_set_speed    (IopWorkloadView         *self,
                                             double                   speed);

/* Actions on the widget:
 *   workload.run      run with the controls' parameters
 *   workload.cancel   abandon the run going
 *   workload.play     play / pause the samples
 *   workload.rewind   back to the start of the samples
 * Properties: "running" (read-only), "playing", "cursor", "speed".
 * Signal "knob-activated" (const char *knob_id, int host): a knob link
 * was clicked; HOST is an IopHostId. */

G_END_DECLS
