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

/* While the window compares: A is SCENARIO_A (the scenario's knob values
 * on a copy of the view's scenario, or a second scenario), B the view's own
 * scenario. A run then simulates both, one after the other in the worker
 * thread, with the same parameters and seed, and the plots show A and B
 * (IOPS, latency, pool levels, queues) with the latency percentiles and a
 * summary of the differences; the tables stay B's. COMPARING FALSE: one
 * run, as before. With SCENARIO_A NULL, or the same as B in every knob,
 * there is nothing to compare and a note says how to get a B. LABEL_A and
 * LABEL_B name the runs in the legends ("the scenario", "with your edits").
 * A result on show runs again. Takes a reference on SCENARIO_A. */
void         iop_workload_view_set_compare  (IopWorkloadView         *self,
                                             gboolean                 comparing,
                                             IopScenario             *scenario_a,
                                             const char              *label_a,
                                             const char              *label_b);
gboolean     iop_workload_view_get_comparing (IopWorkloadView        *self);
/* A's result shown beside B's (iop_workload_view_get_workload), or NULL */
IopWorkload *iop_workload_view_get_workload_a (IopWorkloadView       *self);
/* The series a plot shows, NULL-terminated: PLOT is "pools", "queues",
 * "iops", "latency" or "held"; NULL for another name */
const char *const *iop_workload_view_get_plot_keys (IopWorkloadView  *self,
                                                    const char       *plot);

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
