/* iop-lifetime-chart.c: when each object of the trace lives, on the step axis
 *
 * A row per object: its name and where it came from on the left, a bar from
 * the step that allocated it to the step that freed it, labelled with the
 * pool or cache. The static layer (names, axis, pale bars) is cached as a
 * render node and dropped only on resize, new trace or style change; the
 * playhead, the live bars, hover and selection are drawn fresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-LifetimeChart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "iop-colors.h"
#include "iop-draw.h"
#include "iop-lifetime-chart.h"

#define AXIS_H      26.0
#define ROW_H       40.0
#define PAD_X       12.0
#define BAR_H       16.0

struct _IopLifetimeChart
{
  GtkWidget      parent_instance;

  IopTrace      *trace;
  double         position;
  int            selected;
  int            hover;
  GskRenderNode *static_node;
  int            static_width;
};

G_DEFINE_FINAL_TYPE (IopLifetimeChart, iop_lifetime_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  double label_w;
  double bars_x;
  double bars_w;
  double cell;
} Geometry;

static guint
n_objects (IopLifetimeChart *self)
{
  return self->trace ? self->trace->objects->len : 0;
}

static void
get_geometry (IopLifetimeChart *self,
              Geometry         *g)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  guint n = self->trace ? self->trace->steps->len : 0;

  g->label_w = CLAMP (floor (w * 0.40), 110, 260);
  g->bars_x = PAD_X + g->label_w + 8;
  g->bars_w = MAX (w - g->bars_x - PAD_X, 10);
  g->cell = n > 0 ? g->bars_w / n : 0;
}

static double
step_x (const Geometry *g,
        double          step)
{
  return g->bars_x + step * g->cell;
}

static void
invalidate_static (IopLifetimeChart *self)
{
  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             double      scale,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *desc = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));

  pango_font_description_set_size (desc, (int)(pango_font_description_get_size (desc) * scale));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static void
bar_extent (const IopTrace *trace,
            const IopObject *o,
            const Geometry *g,
            double         *x1,
            double         *x2)
{
  int last = o->free_step >= 0 ? o->free_step : (int)trace->steps->len - 1;

  *x1 = step_x (g, o->alloc_step + 0.5);
  *x2 = step_x (g, last + 0.5);
  if (*x2 - *x1 < 4)
    *x2 = *x1 + 4;
}

static GskRenderNode *
build_static (IopLifetimeChart *self,
              int               width,
              int               height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  GdkRGBA fg, dim, faint, err;
  Geometry g;
  cairo_t *cr;
  guint n_steps = self->trace->steps->len;

  get_geometry (self, &g);
  iop_widget_fg_color (widget, &fg);
  dim = fg;
  dim.alpha *= 0.55;
  faint = fg;
  faint.alpha *= 0.07;
  iop_widget_lookup_color (widget, "error_color", "#c01c28", &err);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Axis: step numbers, far enough apart */
  {
    static const guint nice[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };
    guint every = 1;

    for (guint k = 0; k < G_N_ELEMENTS (nice); k++)
      {
        every = nice[k];
        if (every * g.cell >= 30)
          break;
      }
    for (guint i = 0; i < n_steps; i += every)
      {
        char num[16];
        g_autoptr(PangoLayout) l = NULL;
        int lw, lh;
        double x = step_x (&g, i + 0.5);

        g_snprintf (num, sizeof num, "%u", i + 1);
        l = make_layout (widget, num, 0.8, FALSE);
        pango_layout_get_pixel_size (l, &lw, &lh);
        cairo_move_to (cr, x - lw / 2.0, (AXIS_H - lh) / 2);
        gdk_cairo_set_source_rgba (cr, &dim);
        pango_cairo_show_layout (cr, l);

        cairo_rectangle (cr, floor (x), AXIS_H, 1, height - AXIS_H);
        gdk_cairo_set_source_rgba (cr, &faint);
        cairo_fill (cr);
      }
    {
      g_autoptr(PangoLayout) l = make_layout (widget, _("Step"), 0.8, TRUE);
      int lw, lh;

      pango_layout_get_pixel_size (l, &lw, &lh);
      cairo_move_to (cr, PAD_X, (AXIS_H - lh) / 2);
      gdk_cairo_set_source_rgba (cr, &dim);
      pango_cairo_show_layout (cr, l);
    }
  }

  for (guint i = 0; i < self->trace->objects->len; i++)
    {
      const IopObject *o = g_ptr_array_index (self->trace->objects, i);
      double y = AXIS_H + i * ROW_H;
      double x1, x2;
      GdkRGBA c;
      g_autofree char *name = NULL;
      g_autoptr(PangoLayout) l1 = NULL;
      g_autoptr(PangoLayout) l2 = NULL;

      if (i % 2 == 1)
        {
          cairo_rectangle (cr, 0, y, width, ROW_H);
          gdk_cairo_set_source_rgba (cr, &faint);
          cairo_fill (cr);
        }

      /* Name and origin */
      if (o->count > 1)
        /* Translators: an object and how many of it: "iobuf buffer × 16" */
        name = g_strdup_printf (_("%s × %u"), o->label, o->count);
      else
        name = g_strdup (o->label);
      l1 = make_layout (widget, name, 0.92, FALSE);
      pango_layout_set_width (l1, (int)((g.label_w - 14) * PANGO_SCALE));
      pango_layout_set_ellipsize (l1, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, PAD_X + 14, y + 4);
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_cairo_show_layout (cr, l1);

      {
        g_autofree char *where = NULL;

        if (o->place == IOP_PLACE_STORAGE && o->node >= 0)
          /* Translators: under an object's name: where it came from, on which storage node */
          where = g_strdup_printf (_("%s · node %c"), o->from ? o->from : "", 'A' + o->node);
        else if (o->leg >= 0)
          /* Translators: under an object's name: where it came from, for which RAID leg */
          where = g_strdup_printf (_("%s · leg %c"), o->from ? o->from : "", 'A' + o->leg);
        else
          where = g_strdup (o->from ? o->from : "");
        l2 = make_layout (widget, where, 0.78, FALSE);
      }
      pango_layout_set_width (l2, (int)((g.label_w - 14) * PANGO_SCALE));
      pango_layout_set_ellipsize (l2, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, PAD_X + 14, y + 21);
      gdk_cairo_set_source_rgba (cr, &dim);
      pango_cairo_show_layout (cr, l2);

      /* The bar, pale; live bars are drawn over it at full strength */
      bar_extent (self->trace, o, &g, &x1, &x2);
      iop_place_color (o->place, &c);
      c.alpha = 0.30;
      iop_draw_rounded_rect (cr, x1, y + (ROW_H - BAR_H) / 2, x2 - x1, BAR_H, 4);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_fill (cr);
      if (o->free_step < 0)
        {
          /* Never freed: a leak, outlined */
          iop_draw_rounded_rect (cr, x1 + 0.5, y + (ROW_H - BAR_H) / 2 + 0.5, x2 - x1 - 1, BAR_H - 1, 4);
          gdk_cairo_set_source_rgba (cr, &err);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The pool or cache an object came from, on or beside its bar. SOLID_UNTIL:
 * the bar is drawn solid up to this x (the playhead); text over the solid
 * part is drawn in INSIDE_SOLID, elsewhere in FG. */
static void
draw_bar_label (GtkWidget       *widget,
                cairo_t         *cr,
                const IopTrace  *trace,
                const IopObject *o,
                const Geometry  *g,
                double           y,
                double           solid_until,
                const GdkRGBA   *inside_solid,
                const GdkRGBA   *fg)
{
  const char *text = NULL;
  g_autoptr(PangoLayout) l = NULL;
  double x1, x2, tx;
  int lw, lh;
  double right_room, left_room;

  if (o->gauge >= 0 && (guint)o->gauge < trace->gauges->len)
    text = ((const IopGauge *)g_ptr_array_index (trace->gauges, o->gauge))->label;
  if (text == NULL)
    return;

  bar_extent (trace, o, g, &x1, &x2);
  l = make_layout (widget, text, 0.78, FALSE);
  pango_layout_get_pixel_size (l, &lw, &lh);

  if (x2 - x1 >= lw + 12)
    {
      tx = x1 + 6;
      cairo_save (cr);
      cairo_rectangle (cr, 0, y, MAX (solid_until, 0), ROW_H);
      cairo_clip (cr);
      cairo_move_to (cr, tx, y + (ROW_H - lh) / 2);
      gdk_cairo_set_source_rgba (cr, inside_solid);
      pango_cairo_show_layout (cr, l);
      cairo_restore (cr);

      cairo_save (cr);
      cairo_rectangle (cr, solid_until, y, G_MAXINT16, ROW_H);
      cairo_clip (cr);
      cairo_move_to (cr, tx, y + (ROW_H - lh) / 2);
      gdk_cairo_set_source_rgba (cr, fg);
      pango_cairo_show_layout (cr, l);
      cairo_restore (cr);
      return;
    }

  /* Beside the bar: where the whole text fits, else where there is more room */
  right_room = g->bars_x + g->bars_w - x2 - 6;
  left_room = x1 - g->bars_x - 6;
  if (right_room >= lw || right_room >= left_room)
    {
      pango_layout_set_width (l, (int)(MAX (right_room, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
      tx = x2 + 6;
    }
  else
    {
      pango_layout_set_width (l, (int)(MAX (left_room, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_START);
      pango_layout_set_alignment (l, PANGO_ALIGN_RIGHT);
      tx = x1 - 6 - MAX (left_room, 1);
    }
  cairo_move_to (cr, tx, y + (ROW_H - lh) / 2);
  gdk_cairo_set_source_rgba (cr, fg);
  pango_cairo_show_layout (cr, l);
}

static void
iop_lifetime_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  IopLifetimeChart *self = IOP_LIFETIME_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, dim, accent, sel, hover, white;
  Geometry g;
  cairo_t *cr;
  int cur;

  if (self->trace == NULL || width <= 0 || height <= 0)
    return;

  get_geometry (self, &g);
  iop_widget_fg_color (widget, &fg);
  dim = fg;
  dim.alpha *= 0.7;
  iop_widget_lookup_color (widget, "accent_color", "#1c71d8", &accent);
  iop_widget_lookup_color (widget, "accent_bg_color", "#3584e4", &sel);
  sel.alpha = 0.16;
  hover = fg;
  hover.alpha = 0.05;
  gdk_rgba_parse (&white, "#ffffff");

  if (self->static_node == NULL || self->static_width != width)
    {
      g_clear_pointer (&self->static_node, gsk_render_node_unref);
      self->static_node = build_static (self, width, height);
      self->static_width = width;
    }

  /* Selection and hover sit under the cached layer's text */
  if (self->selected >= 0)
    gtk_snapshot_append_color (snapshot, &sel,
                               &GRAPHENE_RECT_INIT (0, AXIS_H + self->selected * ROW_H, width, ROW_H));
  if (self->hover >= 0 && self->hover != self->selected)
    gtk_snapshot_append_color (snapshot, &hover,
                               &GRAPHENE_RECT_INIT (0, AXIS_H + self->hover * ROW_H, width, ROW_H));

  if (self->static_node != NULL)
    gtk_snapshot_append_node (snapshot, self->static_node);

  cur = (int)floor (self->position + 1e-9);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->trace->objects->len; i++)
    {
      const IopObject *o = g_ptr_array_index (self->trace->objects, i);
      double y = AXIS_H + i * ROW_H;
      gboolean alive = o->alloc_step <= cur && (o->free_step < 0 || cur < o->free_step);
      gboolean past = o->free_step >= 0 && cur >= o->free_step;
      double x1, x2;
      GdkRGBA c;

      iop_place_color (o->place, &c);
      if (alive)
        {
          double xe;

          /* Solid from allocation to the playhead, pale after */
          bar_extent (self->trace, o, &g, &x1, &x2);
          xe = MIN (x2, step_x (&g, self->position + 0.5));
          cairo_save (cr);
          cairo_rectangle (cr, x1, y, MAX (xe - x1, 4), ROW_H);
          cairo_clip (cr);
          iop_draw_rounded_rect (cr, x1, y + (ROW_H - BAR_H) / 2, x2 - x1, BAR_H, 4);
          gdk_cairo_set_source_rgba (cr, &c);
          cairo_fill (cr);
          cairo_restore (cr);

          /* A live dot before the name */
          cairo_arc (cr, PAD_X + 4, y + 12, 4, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &c);
          cairo_fill (cr);
        }
      else if (past)
        {
          bar_extent (self->trace, o, &g, &x1, &x2);
          iop_draw_rounded_rect (cr, x1, y + (ROW_H - BAR_H) / 2, x2 - x1, BAR_H, 4);
          c.alpha = 0.55;
          gdk_cairo_set_source_rgba (cr, &c);
          cairo_fill (cr);
        }
      {
        double solid_until = -1;

        if (past)
          solid_until = G_MAXINT16;
        else if (alive)
          solid_until = step_x (&g, self->position + 0.5);
        draw_bar_label (widget, cr, self->trace, o, &g, y, solid_until, &white, (alive || past) ? &fg : &dim);
      }
    }

  /* Playhead */
  {
    double x = floor (step_x (&g, self->position + 0.5)) + 0.5;

    cairo_set_line_width (cr, 2);
    gdk_cairo_set_source_rgba (cr, &accent);
    cairo_move_to (cr, x, AXIS_H - 4);
    cairo_line_to (cr, x, height);
    cairo_stroke (cr);
    cairo_move_to (cr, x - 5, AXIS_H - 8);
    cairo_line_to (cr, x + 5, AXIS_H - 8);
    cairo_line_to (cr, x, AXIS_H - 2);
    cairo_close_path (cr);
    cairo_fill (cr);
  }
  cairo_destroy (cr);
}

static void
iop_lifetime_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  IopLifetimeChart *self = IOP_LIFETIME_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 270;
      *natural = 520;
    }
  else
    *minimum = *natural = (int)(AXIS_H + n_objects (self) * ROW_H + 8);
}

static void
iop_lifetime_chart_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  IopLifetimeChart *self = IOP_LIFETIME_CHART (widget);

  if (width != self->static_width)
    g_clear_pointer (&self->static_node, gsk_render_node_unref);
}

int
iop_lifetime_chart_row_at (IopLifetimeChart *self,
                           double            y)
{
  int row;

  g_return_val_if_fail (IOP_IS_LIFETIME_CHART (self), -1);

  if (y < AXIS_H)
    return -1;
  row = (int)((y - AXIS_H) / ROW_H);
  return row < (int)n_objects (self) ? row : -1;
}

static void
pressed_cb (IopLifetimeChart *self,
            int               n_press,
            double            x,
            double            y,
            GtkGestureClick  *gesture)
{
  int row = iop_lifetime_chart_row_at (self, y);

  if (row < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  iop_lifetime_chart_set_selected (self, row);
  if (n_press == 2)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, row);
}

static void
motion_cb (IopLifetimeChart         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  int row = iop_lifetime_chart_row_at (self, y);

  if (row != self->hover)
    {
      self->hover = row;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (IopLifetimeChart         *self,
          GtkEventControllerMotion *motion)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (IopLifetimeChart      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *key)
{
  int n = (int)n_objects (self);

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      iop_lifetime_chart_set_selected (self, MAX (self->selected - 1, 0));
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      iop_lifetime_chart_set_selected (self, MIN (self->selected + 1, n - 1));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->selected >= 0)
        g_signal_emit (self, signals[ROW_ACTIVATED], 0, self->selected);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
query_tooltip_cb (IopLifetimeChart *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  int row = keyboard ? self->selected : iop_lifetime_chart_row_at (self, y);
  const IopObject *o;
  const IopStep *a;
  g_autofree char *markup = NULL;
  g_autofree char *freed = NULL;

  if (row < 0)
    return FALSE;
  o = g_ptr_array_index (self->trace->objects, row);
  a = iop_trace_step (self->trace, o->alloc_step);
  if (o->free_step >= 0)
    {
      const IopStep *f = iop_trace_step (self->trace, o->free_step);
      freed = g_markup_printf_escaped (_("Freed at step %d: %s"), o->free_step + 1, f->title);
    }
  else
    freed = g_markup_escape_text (_("Never freed"), -1);
  markup = g_markup_printf_escaped ("<b>%s</b>\n", o->label);
  {
    g_autofree char *alloc = g_markup_printf_escaped (_("Allocated at step %d: %s"), o->alloc_step + 1, a->title);
    char *tmp = g_strconcat (markup, alloc, "\n", freed, NULL);
    g_free (markup);
    markup = tmp;
  }
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
style_changed_cb (IopLifetimeChart *self)
{
  invalidate_static (self);
}

static void
iop_lifetime_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (iop_lifetime_chart_parent_class)->css_changed (widget, change);
  invalidate_static (IOP_LIFETIME_CHART (widget));
}

static void
iop_lifetime_chart_dispose (GObject *object)
{
  IopLifetimeChart *self = IOP_LIFETIME_CHART (object);

  g_clear_pointer (&self->static_node, gsk_render_node_unref);
  g_clear_pointer (&self->trace, iop_trace_unref);
  G_OBJECT_CLASS (iop_lifetime_chart_parent_class)->dispose (object);
}

static void
iop_lifetime_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IopLifetimeChart *self = IOP_LIFETIME_CHART (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_lifetime_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  IopLifetimeChart *self = IOP_LIFETIME_CHART (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      iop_lifetime_chart_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_lifetime_chart_class_init (IopLifetimeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_lifetime_chart_dispose;
  object_class->get_property = iop_lifetime_chart_get_property;
  object_class->set_property = iop_lifetime_chart_set_property;

  widget_class->snapshot = iop_lifetime_chart_snapshot;
  widget_class->measure = iop_lifetime_chart_measure;
  widget_class->size_allocate = iop_lifetime_chart_size_allocate;
  widget_class->css_changed = iop_lifetime_chart_css_changed;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "ioplifetimechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
iop_lifetime_chart_init (IopLifetimeChart *self)
{
  GtkGesture *click;
  GtkEventController *motion, *key;

  self->selected = -1;
  self->hover = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

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
}

GtkWidget *
iop_lifetime_chart_new (void)
{
  return g_object_new (IOP_TYPE_LIFETIME_CHART, NULL);
}

void
iop_lifetime_chart_set_trace (IopLifetimeChart *self,
                              IopTrace         *trace)
{
  g_return_if_fail (IOP_IS_LIFETIME_CHART (self));

  if (trace == self->trace)
    return;
  if (trace != NULL)
    iop_trace_ref (trace);
  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace;
  if (self->selected >= (int)n_objects (self))
    iop_lifetime_chart_set_selected (self, -1);
  self->hover = -1;
  invalidate_static (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
iop_lifetime_chart_set_position (IopLifetimeChart *self,
                                 double            position)
{
  g_return_if_fail (IOP_IS_LIFETIME_CHART (self));

  if (position == self->position)
    return;
  self->position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
iop_lifetime_chart_get_selected (IopLifetimeChart *self)
{
  g_return_val_if_fail (IOP_IS_LIFETIME_CHART (self), -1);
  return self->selected;
}

void
iop_lifetime_chart_set_selected (IopLifetimeChart *self,
                                 int               selected)
{
  g_return_if_fail (IOP_IS_LIFETIME_CHART (self));

  if (selected < -1 || selected >= (int)n_objects (self))
    selected = -1;
  if (selected == self->selected)
    return;
  self->selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* Keep the selected row in view when the chart scrolls */
  if (selected >= 0)
    {
      GtkWidget *sw = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

      if (sw != NULL)
        {
          GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
          double top = AXIS_H + selected * ROW_H;
          double value = gtk_adjustment_get_value (vadj);
          double page = gtk_adjustment_get_page_size (vadj);

          if (top < value + AXIS_H)
            gtk_adjustment_set_value (vadj, MAX (top - AXIS_H, 0));
          else if (top + ROW_H > value + page)
            gtk_adjustment_set_value (vadj, top + ROW_H - page);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}
