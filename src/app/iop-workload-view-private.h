/* iop-workload-view-private.h: what the files of IopWorkloadView share
 *
 * The instance struct and the helpers one part of the view calls in
 * another: iop-workload-view.c (controls, running, API), -results.c (tables,
 * diagnostics, summary), -playback.c (cursor, tick and plots) and -ab.c
 * (A and B while the window compares).
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

  IopWorkload       *workload;      /* B while comparing */
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
  GtkLabel          *stat_ab[6];    /* A's value and B's change, while comparing */

  /* Comparing (iop-workload-view-ab.c): A is the scenario, B the view's
   * scenario (with the user's edits); both run with the same parameters */
  gboolean           comparing;
  IopScenario       *scenario_a;    /* NULL: no A to run (not comparing, or nothing differs) */
  char              *label_a;
  char              *label_b;
  IopWorkload       *workload_a;    /* A's result beside workload, or NULL */
  GPtrArray         *ab_pool_keys;  /* what the A/B plots show, NULL-terminated */
  GPtrArray         *ab_queue_keys;
  guint              compare_idle;

  /* Template widgets */
  GtkLabel          *subtitle_label;
  GtkLabel          *compare_note;
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
  GtkLabel          *pools_caption;
  GtkLabel          *queues_caption;
  GtkWidget         *ab_card;
  GtkDrawingArea    *ab_swatch_a;
  GtkDrawingArea    *ab_swatch_b;
  GtkLabel          *ab_label_a;
  GtkLabel          *ab_label_b;
  GtkLabel          *ab_summary_label;
  GtkDrawingArea    *ab_iops_plot;
  GtkDrawingArea    *ab_latency_plot;
  GtkDrawingArea    *ab_percentiles_plot;
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
/* Runs again with the controls' parameters, if a result is shown or a run
 * goes (a change of scenario or of A) */
void     iop_workload_view_rerun                (IopWorkloadView *self);
void     iop_workload_view_emit_knob_activated  (IopWorkloadView *self,
                                                 const char      *knob,
                                                 int              host);
gboolean iop_workload_view_animations_enabled   (IopWorkloadView *self);

/* iop-workload-view-results.c */
void     iop_workload_view_update_results       (IopWorkloadView *self);
/* The keys of WL's series ending in SUFFIXES, host by host (NULL-terminated) */
void     iop_workload_view_collect_keys         (const IopWorkload *wl,
                                                 GPtrArray         *keys,
                                                 const char *const *suffixes);

/* iop-workload-view-ab.c */
void     iop_workload_view_ab_init              (IopWorkloadView *self);
/* The scenario of run A for a run starting now, or NULL: one run */
IopScenario *iop_workload_view_run_a_scenario   (IopWorkloadView *self);
void     iop_workload_view_cancel_compare_idle  (IopWorkloadView *self);
void     iop_workload_view_ab_dispose           (IopWorkloadView *self);
/* A/B on show: a result of both runs is there */
gboolean iop_workload_view_is_ab                (IopWorkloadView *self);
/* The A/B card, the tiles' A values, the plots' series; or hides them */
void     iop_workload_view_update_ab            (IopWorkloadView *self);
/* Virtual time at the cursor, and the end of the run (the longer one in A/B) */
gint64   iop_workload_view_time_at              (IopWorkloadView *self,
                                                 double           cursor);
void     iop_workload_view_queue_draw_plots     (IopWorkloadView *self);

/* iop-workload-view-playback.c */
void     iop_workload_view_update_cursor        (IopWorkloadView *self);
void     iop_workload_view_update_tick          (IopWorkloadView *self);
void     iop_workload_view_update_actions       (IopWorkloadView *self);
void     iop_workload_view_cursor_changed_cb    (IopWorkloadView *self,
                                                 GtkAdjustment   *adjustment);
void     iop_workload_view_dark_changed_cb      (IopWorkloadView *self);
void     iop_workload_view_setup_plot           (IopWorkloadView *self,
                                                 GtkDrawingArea  *area);
/* The series AREA shows, NULL-terminated; N gets their count */
const char *const *iop_workload_view_plot_keys  (IopWorkloadView *self,
                                                 GtkWidget       *area,
                                                 guint           *n);

G_END_DECLS
