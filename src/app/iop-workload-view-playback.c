/* iop-workload-view-playback.c: the workload view's plots and their cursor
 *
 * The cursor over virtual time, the tick callback that moves it while
 * playing and mapped (in whole steps when animations are off), which
 * actions are enabled, and the plots: drawing, scrubbing by dragging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-WorkloadView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "iop-plot.h"
#include "iop-workload-view-private.h"
#include "iop-format.h"

#define BASE_SECONDS   12.0   /* a run plays in this long at speed 1 */
#define REDUCED_STEPS  24     /* without animations: the run in this many jumps */

/* --- Playback --------------------------------------------------------------------- */

void
iop_workload_view_update_cursor (IopWorkloadView *self)
{
  g_autofree char *now = NULL;
  g_autofree char *end = NULL;
  g_autofree char *text = NULL;

  self->updating = TRUE;
  gtk_adjustment_set_value (self->cursor_adjustment, self->cursor);
  self->updating = FALSE;

  if (self->workload != NULL && self->workload->sample_t->len > 0)
    {
      now = iop_format_duration (iop_workload_view_time_at (self, self->cursor));
      end = iop_format_duration (iop_workload_view_time_at (self, 1.0));
      /* Translators: the moment shown and the length of the run, "66.2 ms of 132.4 ms" */
      text = g_strdup_printf (_("%s of %s"), now, end);
    }
  gtk_label_set_text (self->time_label, text ? text : "");
  iop_workload_view_queue_draw_plots (self);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame_time ? (now - self->last_frame_time) / (double)G_USEC_PER_SEC : 0;
  double rate = self->speed / BASE_SECONDS;   /* of the run per second */
  double next = self->cursor;

  self->last_frame_time = now;
  dt = MIN (dt, 0.25);   /* a stalled frame does not jump */
  if (iop_workload_view_animations_enabled (self))
    next += rate * dt;
  else
    {
      /* reduced motion: whole steps, at the same pace */
      self->step_carry += rate * dt * REDUCED_STEPS;
      while (self->step_carry >= 1.0)
        {
          next = (floor (next * REDUCED_STEPS + 1e-9) + 1) / REDUCED_STEPS;
          self->step_carry -= 1.0;
        }
    }

  if (next >= 1.0)
    {
      iop_workload_view_set_cursor (self, 1.0);
      iop_workload_view_set_playing (self, FALSE);
    }
  else if (next != self->cursor)
    {
      self->cursor = next;
      iop_workload_view_update_cursor (self);
      iop_workload_view_notify (self, PROP_CURSOR);
    }

  if (!self->playing)
    {
      self->tick_id = 0;
      self->last_frame_time = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* One tick callback, only while playing and on screen */
void
iop_workload_view_update_tick (IopWorkloadView *self)
{
  gboolean wanted = self->playing && self->workload != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (wanted && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->step_carry = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!wanted && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      self->last_frame_time = 0;
    }
}

void
iop_workload_view_update_actions (IopWorkloadView *self)
{
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "workload.run", self->scenario != NULL);
  gtk_widget_action_set_enabled (w, "workload.cancel", self->running);
  gtk_widget_action_set_enabled (w, "workload.play", self->workload != NULL);
  gtk_widget_action_set_enabled (w, "workload.rewind", self->workload != NULL);
}

void
iop_workload_view_cursor_changed_cb (IopWorkloadView *self,
                                     GtkAdjustment   *adjustment)
{
  if (self->updating)
    return;
  /* the reader scrubs: stop playing */
  iop_workload_view_set_playing (self, FALSE);
  iop_workload_view_set_cursor (self, gtk_adjustment_get_value (adjustment));
}

const char *const *
iop_workload_view_plot_keys (IopWorkloadView *self,
                             GtkWidget       *area,
                             guint           *n)
{
  static const char *const iops_keys[] = { "baremetal/io.iops", NULL };
  static const char *const held_keys[] = { "baremetal/io.held", NULL };
  static const char *const latency_keys[] = { "baremetal/io.latency", NULL };
  GPtrArray *keys;

  if (area == GTK_WIDGET (self->iops_plot) || area == GTK_WIDGET (self->ab_iops_plot))
    return *n = 1, iops_keys;
  if (area == GTK_WIDGET (self->held_plot))
    return *n = 1, held_keys;
  if (area == GTK_WIDGET (self->latency_plot) || area == GTK_WIDGET (self->ab_latency_plot))
    return *n = 1, latency_keys;
  /* A/B: the pools and queues that differ most */
  if (iop_workload_view_is_ab (self))
    keys = area == GTK_WIDGET (self->pools_plot) ? self->ab_pool_keys : self->ab_queue_keys;
  else
    keys = area == GTK_WIDGET (self->pools_plot) ? self->pool_keys : self->queue_keys;
  *n = keys->len > 0 ? keys->len - 1 : 0;
  return (const char *const *)keys->pdata;
}

static void
plot_scrub (IopWorkloadView *self,
            GtkWidget       *area,
            double           x)
{
  IopPlotRect rect;
  guint n;

  if (self->workload == NULL)
    return;
  iop_workload_view_plot_keys (self, area, &n);
  if (iop_workload_view_is_ab (self))
    n = iop_plot_ab_legend_rows (n);
  iop_plot_get_area (gtk_widget_get_width (area), gtk_widget_get_height (area), n, &rect);
  iop_workload_view_set_playing (self, FALSE);
  iop_workload_view_set_cursor (self, iop_plot_x_to_cursor (&rect, x));
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               IopWorkloadView *self)
{
  plot_scrub (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                IopWorkloadView *self)
{
  double x0, y0;

  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  plot_scrub (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x0 + dx);
}

static void
draw_plot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (user_data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  guint n;
  const char *const *keys;

  if (self->workload == NULL)
    return;
  keys = iop_workload_view_plot_keys (self, GTK_WIDGET (area), &n);
  if (n == 0 || iop_workload_find_series (self->workload, keys[0]) == NULL)
    return;
  if (iop_workload_view_is_ab (self))
    {
      IopPlotAb ab = { self->workload_a, self->workload, self->label_a, self->label_b };
      iop_plot_draw_ab (cr, width, height, &ab, keys, self->cursor, dark);
    }
  else
    iop_plot_draw (cr, width, height, self->workload, keys, self->cursor, dark);
}

void
iop_workload_view_dark_changed_cb (IopWorkloadView *self)
{
  iop_workload_view_queue_draw_plots (self);
}

void
iop_workload_view_setup_plot (IopWorkloadView *self,
                              GtkDrawingArea  *area)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_drawing_area_set_draw_func (area, draw_plot, self, NULL);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (area), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (area), "col-resize");
}
