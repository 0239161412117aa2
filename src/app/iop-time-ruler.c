/* iop-time-ruler.c: the trace's true time under the canvas
 *
 * A swimlane per thread with every step at its real start and duration
 * (iop-ruler.c draws it), the playhead at the canvas's position. A click or
 * drag seeks to the step running at that time; the scroll wheel zooms the
 * axis (how much of the start is spread out). The step strip above it keeps
 * showing steps as equals; this shows what they cost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-TimeRuler"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "iop-ruler.h"
#include "iop-time-ruler.h"

struct _IopTimeRuler
{
  GtkWidget  parent_instance;

  IopTrace  *trace;
  double     position;
  double     tau;
};

G_DEFINE_FINAL_TYPE (IopTimeRuler, iop_time_ruler, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SEEK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
iop_time_ruler_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  IopTimeRuler *self = IOP_TIME_RULER (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->trace == NULL || w <= 0 || h <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  iop_ruler_draw (cr, self->trace, w, h, self->position, self->tau,
                  adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cairo_destroy (cr);
}

static void
iop_time_ruler_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  IopTimeRuler *self = IOP_TIME_RULER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int)IOP_RULER_LABEL_WIDTH + 100;
      *natural = 600;
    }
  else
    {
      /* every lane when the window has the room; in a small window a few,
       * one lane, so the ruler never sets the window's minimum height */
      double full = self->trace ? iop_ruler_height (self->trace) : IOP_RULER_AXIS_HEIGHT;
      *minimum = (int)MIN (full, IOP_RULER_AXIS_HEIGHT + IOP_RULER_LANE_HEIGHT);
      *natural = (int)full;
    }
}

static void
seek_to (IopTimeRuler *self,
         double        x,
         gboolean      animate)
{
  gint64 t;
  int step;

  if (self->trace == NULL)
    return;
  t = iop_ruler_time_at_x (self->trace, gtk_widget_get_width (GTK_WIDGET (self)), self->tau, x);
  step = iop_trace_step_at_time (self->trace, t);
  if (step >= 0)
    g_signal_emit (self, signals[SIGNAL_SEEK], 0, (double)step, animate);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  IopTimeRuler    *self)
{
  if (x >= IOP_RULER_LABEL_WIDTH)
    seek_to (self, x, TRUE);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                IopTimeRuler   *self)
{
  double x0, y0;

  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  if (x0 >= IOP_RULER_LABEL_WIDTH)
    seek_to (self, x0 + dx, FALSE);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           IopTimeRuler             *self)
{
  if (dy == 0)
    return FALSE;
  iop_time_ruler_zoom (self, dy < 0 ? 0.5 : 2.0);
  return TRUE;
}

static void
iop_time_ruler_dispose (GObject *object)
{
  IopTimeRuler *self = IOP_TIME_RULER (object);

  g_clear_pointer (&self->trace, iop_trace_unref);
  G_OBJECT_CLASS (iop_time_ruler_parent_class)->dispose (object);
}

static void
iop_time_ruler_class_init (IopTimeRulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_time_ruler_dispose;
  widget_class->snapshot = iop_time_ruler_snapshot;
  widget_class->measure = iop_time_ruler_measure;
  gtk_widget_class_set_css_name (widget_class, "iop-time-ruler");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
}

static void
iop_time_ruler_init (IopTimeRuler *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->tau = 1000;
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Each step at its real time, a lane per thread. Click to go to the step running then; "
                                 "scroll to spread out the start."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time ruler: each step at its real time, a lane per thread"), -1);
}

GtkWidget *
iop_time_ruler_new (void)
{
  return g_object_new (IOP_TYPE_TIME_RULER, NULL);
}

void
iop_time_ruler_set_trace (IopTimeRuler *self,
                          IopTrace     *trace)
{
  g_return_if_fail (IOP_IS_TIME_RULER (self));

  if (trace == self->trace)
    return;
  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace ? iop_trace_ref (trace) : NULL;
  self->tau = trace ? iop_ruler_default_tau (trace) : 1000;
  self->position = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
iop_time_ruler_set_position (IopTimeRuler *self,
                             double        position)
{
  g_return_if_fail (IOP_IS_TIME_RULER (self));

  if (position == self->position)
    return;
  self->position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
iop_time_ruler_get_tau (IopTimeRuler *self)
{
  g_return_val_if_fail (IOP_IS_TIME_RULER (self), 0);
  return self->tau;
}

void
iop_time_ruler_zoom (IopTimeRuler *self,
                     double        factor)
{
  g_return_if_fail (IOP_IS_TIME_RULER (self));

  self->tau = CLAMP (self->tau * factor, 1.0, 1e12);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
