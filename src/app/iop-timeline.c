/* iop-timeline.c: the scrubber under the canvas
 *
 * One cell per step of the trace, coloured by where it runs (baremetal,
 * network, storage), the RAID split and join marked, and a playhead that
 * can be dragged to any moment. The position is in step units like
 * IopCanvas's: position P sits at the centre of cell P.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Timeline"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "iop-colors.h"
#include "iop-plot.h"
#include "iop-timeline.h"
#include "iop-format.h"

#define MARGIN_X   16.0
#define TRACK_Y    10.0
#define TRACK_H    12.0
#define TICKS_Y    28.0
#define HEIGHT     46

struct _IopTimeline
{
  GtkWidget  parent_instance;

  IopTrace  *trace;
  double     position;
  double     hover_x;
  double     drag_start_x;
  guint      dragging : 1;
  guint      hovering : 1;
};

G_DEFINE_FINAL_TYPE (IopTimeline, iop_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POSITION,
  N_PROPS
};

enum {
  SEEK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
n_steps (IopTimeline *self)
{
  return self->trace ? self->trace->steps->len : 0;
}

static double
cell_width (IopTimeline *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;
  guint n = n_steps (self);

  return n > 0 ? MAX (w, 1) / n : 0;
}

static double
x_for_position (IopTimeline *self,
                double       position)
{
  return MARGIN_X + (position + 0.5) * cell_width (self);
}

double
iop_timeline_position_at (IopTimeline *self,
                          double       x)
{
  double cw;
  guint n;

  g_return_val_if_fail (IOP_IS_TIMELINE (self), 0);

  n = n_steps (self);
  cw = cell_width (self);
  if (n == 0 || cw <= 0)
    return 0;
  return CLAMP ((x - MARGIN_X) / cw - 0.5, 0, n - 1);
}

static void
update_accessible (IopTimeline *self)
{
  guint n = n_steps (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double)(n > 0 ? n - 1 : 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->position,
                                  -1);
}

static void
draw_label (GtkWidget   *widget,
            cairo_t     *cr,
            const char  *text,
            double       x,
            double       y,
            double       max_width,
            double       align,      /* 0 left, 0.5 centre, 1 right of x */
            gboolean     bold,
            gboolean     small,
            const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *desc = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
  int lw, lh;

  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  if (small)
    pango_font_description_set_size (desc, pango_font_description_get_size (desc) * 0.85);
  pango_font_description_set_variant (desc, PANGO_VARIANT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &lw, &lh);
  cairo_move_to (cr, x - align * lw, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
}

static void
iop_timeline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  IopTimeline *self = IOP_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = n_steps (self);
  double cw = cell_width (self);
  double gap;
  GdkRGBA fg, dim, accent, accent_fg, warn;
  cairo_t *cr;
  int cur;

  if (width <= 0 || height <= 0)
    return;

  iop_widget_fg_color (widget, &fg);
  dim = fg;
  dim.alpha *= 0.55;
  iop_widget_lookup_color (widget, "accent_color", "#1c71d8", &accent);
  iop_widget_lookup_color (widget, "accent_fg_color", "#ffffff", &accent_fg);
  iop_widget_lookup_color (widget, "warning_color", "#9c6e03", &warn);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (n == 0)
    {
      draw_label (widget, cr, _("No trace"), MARGIN_X, TRACK_Y, -1, 0, FALSE, FALSE, &dim);
      cairo_destroy (cr);
      return;
    }

  /* -1 is the guest, before the first step */
  cur = (int)CLAMP (floor (self->position + 1e-9), -1, (int)n - 1);

  /* Cells */
  gap = cw >= 6 ? 1.0 : 0.0;
  for (guint i = 0; i < n; i++)
    {
      IopStep *s = iop_trace_step (self->trace, i);
      GdkRGBA c;
      double x = MARGIN_X + i * cw;

      iop_place_color (s->place, &c);
      if ((int)i > cur)
        c.alpha = 0.28;
      cairo_rectangle (cr, x + gap / 2, TRACK_Y, MAX (cw - gap, 0.5), TRACK_H);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_fill (cr);
      if (s->waited)
        {
          cairo_rectangle (cr, x + gap / 2, TRACK_Y + TRACK_H - 3, MAX (cw - gap, 0.5), 3);
          gdk_cairo_set_source_rgba (cr, &warn);
          cairo_fill (cr);
        }
    }

  /* Hover */
  if (self->hovering && !self->dragging)
    {
      int hi = (int)floor ((self->hover_x - MARGIN_X) / cw);
      if (hi >= 0 && hi < (int)n)
        {
          GdkRGBA h = fg;
          h.alpha = 0.25;
          cairo_rectangle (cr, MARGIN_X + hi * cw, TRACK_Y - 3, cw, TRACK_H + 6);
          gdk_cairo_set_source_rgba (cr, &h);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
    }

  /* Ticks: step numbers, spaced so they never collide; the RAID split and join */
  {
    guint every = 1;
    static const guint nice[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };

    for (guint k = 0; k < G_N_ELEMENTS (nice); k++)
      {
        every = nice[k];
        if (every * cw >= 34)
          break;
      }
    for (guint i = 0; i < n; i += every)
      {
        char num[16];
        double x = x_for_position (self, i);

        g_snprintf (num, sizeof num, "%u", i + 1);
        cairo_rectangle (cr, floor (x) , TRACK_Y + TRACK_H + 1, 1, 3);
        gdk_cairo_set_source_rgba (cr, &dim);
        cairo_fill (cr);
        draw_label (widget, cr, num, x, TICKS_Y, -1, 0.5, FALSE, TRUE, &dim);
      }
  }

  /* Playhead */
  {
    double x = floor (MAX (x_for_position (self, self->position), MARGIN_X - 4)) + 0.5;
    double cy = TRACK_Y + TRACK_H / 2;

    cairo_set_line_width (cr, 2);
    gdk_cairo_set_source_rgba (cr, &accent);
    cairo_move_to (cr, x, TRACK_Y - 5);
    cairo_line_to (cr, x, TRACK_Y + TRACK_H + 5);
    cairo_stroke (cr);

    cairo_arc (cr, x, cy, 8, 0, 2 * G_PI);
    gdk_cairo_set_source_rgba (cr, &accent_fg);
    cairo_fill_preserve (cr);
    gdk_cairo_set_source_rgba (cr, &accent);
    cairo_set_line_width (cr, 3);
    cairo_stroke (cr);
  }

  cairo_destroy (cr);
}

static void
iop_timeline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 200;
  else
    *minimum = *natural = HEIGHT;
}

static void
emit_seek (IopTimeline *self,
           double       position,
           gboolean     animate)
{
  g_signal_emit (self, signals[SEEK], 0, position, animate);
}

static void
click_pressed_cb (IopTimeline     *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (n_steps (self) == 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_begin_cb (IopTimeline    *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  if (n_steps (self) == 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_start_x = x;
  self->dragging = FALSE;
}

static void
drag_update_cb (IopTimeline    *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (!self->dragging && fabs (dx) < 3)
    return;
  self->dragging = TRUE;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  emit_seek (self, iop_timeline_position_at (self, self->drag_start_x + dx), FALSE);
}

static void
drag_end_cb (IopTimeline    *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  if (!self->dragging)
    {
      /* A click goes to the step under the pointer, gliding there */
      double p = iop_timeline_position_at (self, self->drag_start_x);
      emit_seek (self, floor (p + 0.5), TRUE);
    }
  else
    emit_seek (self, iop_timeline_position_at (self, self->drag_start_x + dx), FALSE);
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (IopTimeline              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->hovering = TRUE;
  self->hover_x = x;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (IopTimeline              *self,
          GtkEventControllerMotion *motion)
{
  self->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (IopTimeline *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip)
{
  guint n = n_steps (self);
  double cw = cell_width (self);
  int i;
  IopStep *s;
  g_autofree char *markup = NULL;
  g_autofree char *t = NULL;

  if (n == 0 || cw <= 0 || y < TRACK_Y - 6)
    return FALSE;
  i = keyboard ? (int)floor (MAX (self->position, 0)) : (int)floor ((x - MARGIN_X) / cw);
  if (i < 0 || i >= (int)n)
    return FALSE;
  s = iop_trace_step (self->trace, (guint)i);
  t = iop_format_step_time (s->t_ns);
  markup = g_markup_printf_escaped ("<b>%d · %s</b>\n%s · %s%s%s",
                                    i + 1, s->title, t, iop_place_name (s->place),
                                    s->thread ? " · " : "", s->thread ? s->thread : "");
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static gboolean
key_pressed_cb (IopTimeline           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *key)
{
  double target;

  if (n_steps (self) == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      target = ceil (self->position) - 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = floor (self->position) + 1;
      break;
    case GDK_KEY_Page_Up:
      target = floor (self->position) - 10;
      break;
    case GDK_KEY_Page_Down:
      target = floor (self->position) + 10;
      break;
    default:
      return FALSE;
    }
  emit_seek (self, CLAMP (target, 0, n_steps (self) - 1), TRUE);
  return TRUE;
}

static void
style_changed_cb (IopTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
iop_timeline_dispose (GObject *object)
{
  IopTimeline *self = IOP_TIMELINE (object);

  g_clear_pointer (&self->trace, iop_trace_unref);
  G_OBJECT_CLASS (iop_timeline_parent_class)->dispose (object);
}

static void
iop_timeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IopTimeline *self = IOP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_timeline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IopTimeline *self = IOP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      iop_timeline_set_position (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_timeline_class_init (IopTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_timeline_dispose;
  object_class->get_property = iop_timeline_get_property;
  object_class->set_property = iop_timeline_set_property;

  widget_class->snapshot = iop_timeline_snapshot;
  widget_class->measure = iop_timeline_measure;

  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_css_name (widget_class, "ioptimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
iop_timeline_init (IopTimeline *self)
{
  GtkGesture *click, *drag;
  GtkEventController *motion, *key;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect_swapped (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);
}

GtkWidget *
iop_timeline_new (void)
{
  return g_object_new (IOP_TYPE_TIMELINE, NULL);
}

void
iop_timeline_set_trace (IopTimeline *self,
                        IopTrace    *trace)
{
  g_return_if_fail (IOP_IS_TIMELINE (self));

  if (trace == self->trace)
    return;
  if (trace != NULL)
    iop_trace_ref (trace);
  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
iop_timeline_set_position (IopTimeline *self,
                           double       position)
{
  g_return_if_fail (IOP_IS_TIMELINE (self));

  if (position == self->position)
    return;
  self->position = position;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

double
iop_timeline_get_position (IopTimeline *self)
{
  g_return_val_if_fail (IOP_IS_TIMELINE (self), 0);
  return self->position;
}
