/* iop-workload-view-private.h: what the files of IopWorkloadView share
 *
 * The instance struct and the helpers one part of the view calls in
 * another: iop-workload-view.c (controls, running, API), -results.c (tables,
 * diagnostics, summary) and -playback.c (cursor, tick and plots).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-workload-view.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PLAYING,
  PROP_CURSOR,
  PROP_SPEED,
  N_PROPS
};
struct _IopWorkloadView
{
  GtkWidget          parent_instance;

  IopScenario       *scenario;
  IopWorkloadParams  defaults;      /* the scenario's, as last applied */
  IopWorkloadParams  base;          /* fields without a control (seed, samples...) */
  GArray            *sizes;         /* gint64: the size dropdown's entries */
  gboolean           updating;      /* controls or cursor set from code */

  IopWorkload       *workload;
  GCancellable      *cancellable;
  guint              serial;
  gboolean           running;
  gboolean           restart_playback;

  gboolean           playing;
  double             cursor;
  double             speed;
  guint              tick_id;
  gint64             last_frame_time;
  double             step_carry;

  GPtrArray         *pool_keys;     /* char*, NULL-terminated */
  GPtrArray         *queue_keys;
  GtkLabel          *stat_values[6];

  /* Template widgets */
  GtkLabel          *subtitle_label;
  GtkAdjustment     *depth_adjustment;
  GtkAdjustment     *qpairs_adjustment;
  GtkAdjustment     *read_adjustment;
  GtkAdjustment     *ios_adjustment;
  GtkAdjustment     *cursor_adjustment;
  GtkDropDown       *size_dropdown;
  GtkLabel          *read_label;
  GtkSwitch         *random_switch;
  GtkLabel          *random_label;
  GtkSpinner        *spinner;
  GtkButton         *run_button;
  GtkStack          *results_stack;
  GtkLabel          *none_label;
  GtkSpinButton     *ios_spin;
  GtkSpinButton     *depth_spin;
  GtkSpinButton     *qpairs_spin;
  GtkLabel          *error_label;
  GtkFlowBox        *stats_box;
  GtkLabel          *results_label;
  GtkButton         *play_button;
  GtkLabel          *time_label;
  GtkDrawingArea    *pools_plot;
  GtkDrawingArea    *queues_plot;
  GtkWidget         *faults_card;
  GtkLabel          *faults_label;
  GtkLabel          *fault_events_label;
  GtkDrawingArea    *iops_plot;
  GtkDrawingArea    *latency_plot;
  GtkDrawingArea    *held_plot;
  GtkGrid           *iobuf_grid;
  GtkGrid           *counters_grid;
  GtkWidget         *diagnostics_group;
  GtkListBox        *diagnostics_list;
};


/* iop-workload-view.c */
void     iop_workload_view_notify               (IopWorkloadView *self,
                                                 guint            prop_id);
void     iop_workload_view_emit_knob_activated  (IopWorkloadView *self,
                                                 const char      *knob,
                                                 int              host);
gboolean iop_workload_view_animations_enabled   (IopWorkloadView *self);

/* iop-workload-view-results.c */
void     iop_workload_view_update_results       (IopWorkloadView *self);

/* iop-workload-view-playback.c */
void     iop_workload_view_update_cursor        (IopWorkloadView *self);
void     iop_workload_view_update_tick          (IopWorkloadView *self);
void     iop_workload_view_update_actions       (IopWorkloadView *self);
void     iop_workload_view_cursor_changed_cb    (IopWorkloadView *self,
                                                 GtkAdjustment   *adjustment);
void     iop_workload_view_dark_changed_cb      (IopWorkloadView *self);
void     iop_workload_view_setup_plot           (IopWorkloadView *self,
                                                 GtkDrawingArea  *area);

G_END_DECLS
