/* iop-workload-view.c: many I/Os at once, their pools, queues and latency
 *
 * Controls for the workload (defaults from the scenario), a Run button that
 * simulates it in a worker thread (the engine is thread-safe per call; the
 * thread gets its own copy of the scenario), the results, iobuf_get_stats,
 * the hosts' counters, the diagnostics, and two plots of the run's samples.
 * The plots play: a cursor moves over virtual time, driven by one tick
 * callback that runs only while playing and mapped, in whole steps when
 * animations are off.
 *
 * Only the newest run counts: starting another abandons the one going (its
 * result is dropped when it arrives). While the window compares, a run
 * simulates A and then B in the same thread (iop-workload-view-ab.c shows
 * them).
 *
 * This file holds the controls, running, the actions, the properties and
 * the public API. The results (tables, diagnostics, summary) are in
 * iop-workload-view-results.c, the playback and the plots in
 * iop-workload-view-playback.c, A and B in iop-workload-view-ab.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-WorkloadView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "iop-page-layout.h"
#include "iop-plot.h"
#include "iop-workload-view-private.h"
#include "iop-format.h"

#define CSS_RESOURCE   "/io/github/iopath/Iopath/ui/iop-views.css"

G_DEFINE_FINAL_TYPE (IopWorkloadView, iop_workload_view, GTK_TYPE_WIDGET)

enum {
  KNOB_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const gint64 standard_sizes[] = { 4096, 8192, 16384, 32768, 65536, 131072 };

typedef struct
{
  IopScenario       *scenario;
  IopScenario       *scenario_a;    /* NULL: one run */
  IopWorkloadParams  params;
  guint              serial;
} RunData;

/* What the thread returns: B's run (the view's scenario) and A's, or NULL */
typedef struct
{
  IopWorkload *a;
  IopWorkload *b;
} RunResult;

static void start_run (IopWorkloadView *self, gboolean restart_playback);

void
iop_workload_view_notify (IopWorkloadView *self,
                          guint            prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
iop_workload_view_emit_knob_activated (IopWorkloadView *self,
                                       const char      *knob,
                                       int              host)
{
  g_signal_emit (self, signals[KNOB_ACTIVATED], 0, knob, host);
}
/* --- Text ------------------------------------------------------------------- */

gboolean
iop_workload_view_animations_enabled (IopWorkloadView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

/* --- Controls --------------------------------------------------------------------- */

static void
update_control_labels (IopWorkloadView *self)
{
  int reads = (int)round (gtk_adjustment_get_value (self->read_adjustment));
  /* Translators: share of reads, "70 %" */
  g_autofree char *r = g_strdup_printf (_("%d %%"), reads);

  gtk_label_set_text (self->read_label, r);
  gtk_label_set_text (self->random_label,
                      gtk_switch_get_active (self->random_switch) ? _("Random") : _("Sequential"));
}

static void
control_changed_cb (IopWorkloadView *self)
{
  update_control_labels (self);
}

/* "100,000" in the I/Os spin button, and back */
static gboolean
ios_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = iop_format_count ((gint64)gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
ios_input_cb (GtkSpinButton *spin,
              double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  const struct lconv *lc = localeconv ();
  /* the locale's own marks: "100.000" and "1,5k" in German */
  const char *group = lc->thousands_sep != NULL && *lc->thousands_sep ? lc->thousands_sep : ",";
  const char *point = lc->decimal_point != NULL && *lc->decimal_point ? lc->decimal_point : ".";
  GString *digits = g_string_new (NULL);
  char *end = NULL;
  double v;

  for (const char *p = text; *p; p++)
    {
      if (g_str_has_prefix (p, group))
        p += strlen (group) - 1;
      else if (g_str_has_prefix (p, point))
        {
          g_string_append_c (digits, '.');
          p += strlen (point) - 1;
        }
      else if (g_ascii_isdigit (*p) || g_ascii_tolower (*p) == 'k' || g_ascii_tolower (*p) == 'm')
        g_string_append_c (digits, *p);
    }
  v = g_ascii_strtod (digits->str, &end);
  if (end == digits->str)
    {
      g_string_free (digits, TRUE);
      return GTK_INPUT_ERROR;
    }
  if (*end == 'k' || *end == 'K')
    v *= 1e3;
  else if (*end == 'm' || *end == 'M')
    v *= 1e6;
  g_string_free (digits, TRUE);
  *new_value = v;
  return TRUE;
}

static void
fill_sizes (IopWorkloadView *self,
            gint64           extra)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_array_set_size (self->sizes, 0);
  for (guint i = 0; i < G_N_ELEMENTS (standard_sizes); i++)
    {
      if (extra > 0 && extra < standard_sizes[i] &&
          (self->sizes->len == 0 || g_array_index (self->sizes, gint64, self->sizes->len - 1) < extra))
        g_array_append_val (self->sizes, extra);
      g_array_append_val (self->sizes, standard_sizes[i]);
    }
  if (extra > standard_sizes[G_N_ELEMENTS (standard_sizes) - 1])
    g_array_append_val (self->sizes, extra);
  for (guint i = 0; i < self->sizes->len; i++)
    {
      g_autofree char *label = iop_format_bytes (g_array_index (self->sizes, gint64, i));
      gtk_string_list_append (model, label);
    }
  gtk_drop_down_set_model (self->size_dropdown, G_LIST_MODEL (model));
}

static void
set_size (IopWorkloadView *self,
          gint64           size)
{
  gboolean known = FALSE;

  for (guint i = 0; i < self->sizes->len; i++)
    if (g_array_index (self->sizes, gint64, i) == size)
      known = TRUE;
  if (!known)
    fill_sizes (self, size);
  for (guint i = 0; i < self->sizes->len; i++)
    if (g_array_index (self->sizes, gint64, i) == size)
      gtk_drop_down_set_selected (self->size_dropdown, i);
}

static void
set_controls (IopWorkloadView         *self,
              const IopWorkloadParams *p)
{
  self->updating = TRUE;
  self->base = *p;
  gtk_adjustment_set_value (self->depth_adjustment, p->queue_depth);
  gtk_adjustment_set_value (self->qpairs_adjustment, p->queue_pairs);
  set_size (self, p->io_size);
  gtk_adjustment_set_value (self->read_adjustment, p->read_percent);
  gtk_switch_set_active (self->random_switch, p->random);
  gtk_adjustment_set_value (self->ios_adjustment, (double)p->ios);
  self->updating = FALSE;
  update_control_labels (self);
}

/* --- Running ---------------------------------------------------------------------- */

static void
run_data_free (gpointer p)
{
  RunData *data = p;

  iop_scenario_unref (data->scenario);
  g_clear_pointer (&data->scenario_a, iop_scenario_unref);
  g_free (data);
}

static void
run_result_free (gpointer p)
{
  RunResult *result = p;

  g_clear_pointer (&result->a, iop_workload_unref);
  g_clear_pointer (&result->b, iop_workload_unref);
  g_free (result);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  RunResult *result = g_new0 (RunResult, 1);
  GError *error = NULL;

  /* Only the copies of the scenarios are touched here, never the widget.
   * A first, then B, with the same parameters and seed. */
  if (data->scenario_a != NULL)
    {
      result->a = iop_workload_run (data->scenario_a, &data->params, &error);
      if (result->a == NULL)
        {
          /* Translators: the workload of run A could not run; the reason follows */
          g_prefix_error (&error, _("Run A: "));
          run_result_free (result);
          g_task_return_error (task, error);
          return;
        }
      /* abandoned meanwhile: B is not worth running */
      if (g_task_return_error_if_cancelled (task))
        {
          run_result_free (result);
          return;
        }
    }
  result->b = iop_workload_run (data->scenario, &data->params, &error);
  if (result->b == NULL)
    {
      if (data->scenario_a != NULL)
        /* Translators: the workload of run B could not run; the reason follows */
        g_prefix_error (&error, _("Run B: "));
      run_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, run_result_free);
}

static void
set_running (IopWorkloadView *self,
             gboolean         running)
{
  if (self->running == running)
    return;
  self->running = running;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_button_set_label (self->run_button, running ? _("_Cancel") : _("_Run"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), running ? "workload.cancel" : "workload.run");
  if (running)
    gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  if (running)
    {
      g_autofree char *n = iop_format_count ((gint64)gtk_adjustment_get_value (self->ios_adjustment));
      g_autofree char *text = iop_workload_view_run_a_scenario (self) != NULL
        /* Translators: while a run of A and B goes, "Simulating 100,000 I/Os in virtual time, in A and in B…" */
        ? g_strdup_printf (_("Simulating %s I/Os in virtual time, in A and in B…"), n)
        /* Translators: while a run goes, "Simulating 100,000 I/Os in virtual time…" */
        : g_strdup_printf (_("Simulating %s I/Os in virtual time…"), n);
      gtk_label_set_text (self->none_label, text);
    }
  else
    gtk_label_set_text (self->none_label, _("Run the workload to see its rate, its latency, and how the pools and queues fill over time."));
  /* the result shown is about to be replaced */
  gtk_widget_set_opacity (GTK_WIDGET (self->results_stack), running && self->workload ? 0.55 : 1.0);
  iop_workload_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (source);
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  RunResult *runs;

  runs = g_task_propagate_pointer (G_TASK (result), &error);
  /* abandoned: a newer run, a cancel, or the view went away */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->serial != self->serial)
    {
      g_clear_pointer (&runs, run_result_free);
      return;
    }

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (runs == NULL)
    {
      gtk_label_set_text (self->error_label, error ? error->message : _("The workload could not run"));
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      g_clear_pointer (&self->workload, iop_workload_unref);
      g_clear_pointer (&self->workload_a, iop_workload_unref);
      iop_workload_view_set_playing (self, FALSE);
      iop_workload_view_update_actions (self);
      iop_workload_view_update_ab (self);
      return;
    }

  g_clear_pointer (&self->workload, iop_workload_unref);
  g_clear_pointer (&self->workload_a, iop_workload_unref);
  self->workload = g_steal_pointer (&runs->b);
  /* comparing stopped while it ran: B alone */
  if (iop_workload_view_run_a_scenario (self) != NULL)
    self->workload_a = g_steal_pointer (&runs->a);
  run_result_free (runs);
  if (self->restart_playback)
    {
      gboolean animate = iop_workload_view_animations_enabled (self);

      self->cursor = animate ? 0.0 : 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
      iop_workload_view_set_playing (self, animate);
    }
  iop_workload_view_update_results (self);
  iop_workload_view_update_actions (self);
  iop_workload_view_update_tick (self);
}

static void
start_run (IopWorkloadView *self,
           gboolean         restart_playback)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->scenario == NULL)
    return;

  /* this run stands for one the comparison asked for */
  iop_workload_view_cancel_compare_idle (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->restart_playback = restart_playback;

  data = g_new0 (RunData, 1);
  data->scenario = iop_scenario_copy (self->scenario);
  if (iop_workload_view_run_a_scenario (self) != NULL)
    data->scenario_a = iop_scenario_copy (iop_workload_view_run_a_scenario (self));
  iop_workload_view_get_params (self, &data->params);
  data->serial = ++self->serial;

  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_name (task, "iopath-workload");
  g_task_set_task_data (task, data, run_data_free);
  g_task_run_in_thread (task, run_thread);
  set_running (self, TRUE);
}

/* --- Actions ---------------------------------------------------------------------- */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  iop_workload_view_run (IOP_WORKLOAD_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  iop_workload_view_cancel (IOP_WORKLOAD_VIEW (widget));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (widget);

  /* at the end, play starts over */
  if (!self->playing && self->cursor >= 1.0)
    iop_workload_view_set_cursor (self, 0.0);
  iop_workload_view_set_playing (self, !self->playing);
}

static void
rewind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  iop_workload_view_set_cursor (IOP_WORKLOAD_VIEW (widget), 0.0);
}

/* --- GObject ---------------------------------------------------------------------- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "iop-views-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "iop-views-css", g_object_ref (provider), g_object_unref);
}

static GtkWidget *
new_stat (const char  *caption,
          GtkLabel   **value_out,
          GtkLabel   **ab_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value = gtk_label_new ("");
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *ab = gtk_label_new ("");

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (value, "iop-stat-value");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  /* while comparing: A's figure and B's change against it */
  gtk_label_set_xalign (GTK_LABEL (ab), 0);
  gtk_label_set_ellipsize (GTK_LABEL (ab), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (ab, "iop-stat-ab");
  gtk_widget_add_css_class (ab, "dim-label");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), ab);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "iop-stat");
  *value_out = GTK_LABEL (value);
  *ab_out = GTK_LABEL (ab);
  return box;
}

static void
iop_workload_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_workload_view_parent_class)->map (widget);
  iop_workload_view_update_tick (IOP_WORKLOAD_VIEW (widget));
}

static void
iop_workload_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_workload_view_parent_class)->unmap (widget);
  iop_workload_view_update_tick (IOP_WORKLOAD_VIEW (widget));
}

static void
iop_workload_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_CURSOR:
      g_value_set_double (value, self->cursor);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_workload_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      iop_workload_view_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_CURSOR:
      iop_workload_view_set_cursor (self, g_value_get_double (value));
      break;
    case PROP_SPEED:
      iop_workload_view_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_workload_view_dispose (GObject *object)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (object);
  GtkWidget *child;

  /* a run still going returns into nothing */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  iop_workload_view_ab_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_WORKLOAD_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->workload, iop_workload_unref);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_clear_pointer (&self->pool_keys, g_ptr_array_unref);
  g_clear_pointer (&self->queue_keys, g_ptr_array_unref);
  G_OBJECT_CLASS (iop_workload_view_parent_class)->dispose (object);
}

static void
iop_workload_view_class_init (IopWorkloadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_workload_view_dispose;
  object_class->get_property = iop_workload_view_get_property;
  object_class->set_property = iop_workload_view_set_property;
  widget_class->map = iop_workload_view_map;
  widget_class->unmap = iop_workload_view_unmap;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURSOR] =
    g_param_spec_double ("cursor", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.05, 64.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IopWorkloadView::knob-activated:
   * @knob_id: "method.param"
   * @host: the IopHostId whose knob it is
   */
  signals[KNOB_ACTIVATED] =
    g_signal_new ("knob-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "workload.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "workload.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "workload.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "workload.rewind", NULL, rewind_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-workload-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, compare_note);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, depth_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, qpairs_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, read_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ios_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, cursor_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, read_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, random_switch);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, random_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, spinner);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, run_button);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, none_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ios_spin);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, qpairs_spin);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, error_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, stats_box);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, results_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, play_button);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, time_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, pools_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, queues_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, pools_caption);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, queues_caption);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_card);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_swatch_a);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_swatch_b);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_label_a);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_label_b);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_summary_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_iops_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_latency_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ab_percentiles_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, faults_card);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, faults_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, fault_events_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, iops_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, latency_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, held_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, iobuf_grid);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, counters_grid);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, diagnostics_group);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, diagnostics_list);
  gtk_widget_class_bind_template_callback (widget_class, control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ios_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, ios_input_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, IOP_TYPE_PAGE_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopworkloadview");
}

static void
iop_workload_view_init (IopWorkloadView *self)
{
  /* throughput, then latency: three tiles each, wrapping as two rows */
  static const char *const captions[] = {
    N_("IOPS"), N_("MiB/s"), N_("events simulated"), N_("p50 latency"), N_("p99 latency"), N_("p99.9 latency"),
  };
  GtkWidget *group = NULL;

  self->speed = 1.0;
  self->sizes = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pool_keys = g_ptr_array_new_with_free_func (g_free);
  self->queue_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->pool_keys, NULL);
  g_ptr_array_add (self->queue_keys, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (captions); i++)
    {
      if (i % 3 == 0)
        {
          group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          gtk_box_set_homogeneous (GTK_BOX (group), TRUE);
          gtk_flow_box_append (self->stats_box, group);
        }
      gtk_box_append (GTK_BOX (group), new_stat (_(captions[i]), &self->stat_values[i], &self->stat_ab[i]));
    }

  fill_sizes (self, 0);
  iop_workload_params_init (&self->defaults, NULL);
  set_controls (self, &self->defaults);

  iop_workload_view_setup_plot (self, self->pools_plot);
  iop_workload_view_setup_plot (self, self->queues_plot);
  iop_workload_view_setup_plot (self, self->iops_plot);
  iop_workload_view_setup_plot (self, self->latency_plot);
  iop_workload_view_setup_plot (self, self->held_plot);
  iop_workload_view_ab_init (self);
  g_signal_connect_object (self->cursor_adjustment, "value-changed",
                           G_CALLBACK (iop_workload_view_cursor_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (iop_workload_view_dark_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->results_stack, "none");
  iop_workload_view_update_actions (self);
  iop_page_hide_until_mapped (GTK_WIDGET (self));
}

/* --- Public API ------------------------------------------------------------------- */

GtkWidget *
iop_workload_view_new (void)
{
  return g_object_new (IOP_TYPE_WORKLOAD_VIEW, NULL);
}

void
iop_workload_view_set_scenario (IopWorkloadView *self,
                                IopScenario     *scenario)
{
  IopWorkloadParams fresh, p;
  gboolean same;

  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  if (scenario == NULL)
    {
      /* nothing to run, nothing to show */
      iop_workload_view_cancel (self);
      iop_workload_view_set_playing (self, FALSE);
      g_clear_pointer (&self->scenario, iop_scenario_unref);
      g_clear_pointer (&self->workload, iop_workload_unref);
      g_clear_pointer (&self->workload_a, iop_workload_unref);
      gtk_label_set_text (self->subtitle_label, "");
      gtk_stack_set_visible_child_name (self->results_stack, "none");
      iop_workload_view_update_actions (self);
      iop_workload_view_update_ab (self);
      return;
    }

  same = self->scenario != NULL && g_strcmp0 (self->scenario->id, scenario->id) == 0;
  iop_workload_params_init (&fresh, scenario);
  if (same)
    {
      /* keep what the reader chose, follow the scenario elsewhere */
      iop_workload_view_get_params (self, &p);
#define FOLLOW(f) if (p.f == self->defaults.f) p.f = fresh.f
      FOLLOW (queue_depth);
      FOLLOW (queue_pairs);
      FOLLOW (io_size);
      FOLLOW (read_percent);
      FOLLOW (random);
      FOLLOW (ios);
      FOLLOW (fresh_lvol);
      FOLLOW (duration_ns);
      FOLLOW (seed);
      FOLLOW (samples);
#undef FOLLOW
    }
  else
    p = fresh;
  self->defaults = fresh;

  iop_scenario_ref (scenario);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  self->scenario = scenario;
  set_controls (self, &p);
  /* a fault scenario runs for a time that sees the faults through, not a count */
  gtk_widget_set_sensitive (GTK_WIDGET (self->ios_spin), scenario->faults->len == 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ios_spin),
                               scenario->faults->len > 0 ? _("With faults the run lasts until they have healed, plus three seconds") : NULL);

  {
    /* Translators: "raid270 · SPDK v26.01" */
    g_autofree char *sub = g_strdup_printf (_("%s · SPDK %s · a simulation in virtual time, the same for the same seed"),
                                            scenario->title ? scenario->title : scenario->id,
                                            iop_spdk_version_tag (scenario->version));
    gtk_label_set_text (self->subtitle_label, sub);
  }
  iop_workload_view_update_actions (self);
  /* the note on what is compared follows B */
  iop_workload_view_update_ab (self);

  /* a result on screen follows the scenario */
  iop_workload_view_rerun (self);
}

void
iop_workload_view_rerun (IopWorkloadView *self)
{
  if (self->workload != NULL || self->running)
    start_run (self, FALSE);
}

void
iop_workload_view_run (IopWorkloadView *self)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));
  start_run (self, TRUE);
}

void
iop_workload_view_cancel (IopWorkloadView *self)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  if (!self->running)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->serial++;
  set_running (self, FALSE);
}

gboolean
iop_workload_view_get_running (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), FALSE);
  return self->running;
}

IopWorkload *
iop_workload_view_get_workload (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), NULL);
  return self->workload;
}

void
iop_workload_view_get_params (IopWorkloadView   *self,
                              IopWorkloadParams *out)
{
  guint sel;

  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));
  g_return_if_fail (out != NULL);

  /* text typed but not yet confirmed counts */
  if (!self->updating)
    {
      gtk_spin_button_update (self->depth_spin);
      gtk_spin_button_update (self->qpairs_spin);
      gtk_spin_button_update (self->ios_spin);
    }
  *out = self->base;
  out->queue_depth = (guint)gtk_adjustment_get_value (self->depth_adjustment);
  out->queue_pairs = (guint)gtk_adjustment_get_value (self->qpairs_adjustment);
  sel = gtk_drop_down_get_selected (self->size_dropdown);
  if (sel < self->sizes->len)
    out->io_size = g_array_index (self->sizes, gint64, sel);
  out->read_percent = (guint)round (gtk_adjustment_get_value (self->read_adjustment));
  out->random = gtk_switch_get_active (self->random_switch);
  out->ios = (guint64)gtk_adjustment_get_value (self->ios_adjustment);
  /* a fault scenario runs for a time that sees the faults through */
  if (self->scenario != NULL && self->scenario->faults->len > 0 && out->duration_ns > 0)
    out->ios = 0;
}

void
iop_workload_view_set_params (IopWorkloadView         *self,
                              const IopWorkloadParams *params)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));
  g_return_if_fail (params != NULL);

  set_controls (self, params);
}

gboolean
iop_workload_view_get_playing (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), FALSE);
  return self->playing;
}

void
iop_workload_view_set_playing (IopWorkloadView *self,
                               gboolean         playing)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  playing = !!playing;
  if (playing == self->playing)
    return;
  self->playing = playing;
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause") : _("Play the run’s samples"));
  iop_workload_view_update_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
iop_workload_view_get_cursor (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), 0);
  return self->cursor;
}

void
iop_workload_view_set_cursor (IopWorkloadView *self,
                              double           cursor)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  cursor = CLAMP (isfinite (cursor) ? cursor : 0, 0, 1);
  if (cursor == self->cursor)
    return;
  self->cursor = cursor;
  iop_workload_view_update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
}

double
iop_workload_view_get_speed (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), 1);
  return self->speed;
}

void
iop_workload_view_set_speed (IopWorkloadView *self,
                             double           speed)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  speed = CLAMP (speed, 0.05, 64.0);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}
