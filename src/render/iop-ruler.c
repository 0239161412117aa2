/* iop-ruler.c: a trace's true time, a swimlane per thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-ruler.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-draw.h"
#include "iop-format.h"
#include "iop-palette.h"

#define PAD 6.0

/* The lane a step runs in: its host (and node) and thread */
static char *
lane_key (const IopStep *s)
{
  if (s->place == IOP_PLACE_NETWORK)
    return g_strdup ("network");
  if (s->layer == IOP_LAYER_GUEST)
    return g_strdup ("guest");
  return g_strdup_printf ("%d/%d/%s", s->place, s->node, s->thread ? s->thread : "");
}

static char *
lane_label (const IopStep *s)
{
  if (s->place == IOP_PLACE_NETWORK)
    return g_strdup (_("Network"));
  if (s->layer == IOP_LAYER_GUEST)
    return g_strdup (_("Guest VM"));
  if (s->place == IOP_PLACE_STORAGE)
    /* Translators: a swimlane: storage node A's thread, or its SSD */
    return g_strdup_printf (_("Storage %c · %s"), 'A' + CLAMP (s->node, 0, 25),
                            s->thread ? s->thread : s->layer == IOP_LAYER_SSD ? _("NVMe SSD") : _("device"));
  /* Translators: a swimlane: the baremetal host's thread */
  return g_strdup_printf (_("Baremetal · %s"), s->thread ? s->thread : _("device"));
}

/* Each step's lane index; the labels in LABELS when not NULL */
static GArray *
lanes_of (const IopTrace *trace,
          GPtrArray      *labels)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *lane = g_array_sized_new (FALSE, FALSE, sizeof (guint), trace->steps->len);

  for (guint i = 0; i < trace->steps->len; i++)
    {
      const IopStep *s = g_ptr_array_index (trace->steps, i);
      char *key = lane_key (s);
      gpointer v;
      guint l;

      if (g_hash_table_lookup_extended (index, key, NULL, &v))
        {
          l = GPOINTER_TO_UINT (v);
          g_free (key);
        }
      else
        {
          l = g_hash_table_size (index);
          g_hash_table_insert (index, key, GUINT_TO_POINTER (l));
          if (labels != NULL)
            g_ptr_array_add (labels, lane_label (s));
        }
      g_array_append_val (lane, l);
    }
  return lane;
}

guint
iop_ruler_n_lanes (const IopTrace *trace)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lane = NULL;

  if (trace == NULL)
    return 0;
  lane = lanes_of (trace, labels);
  return labels->len;
}

double
iop_ruler_height (const IopTrace *trace)
{
  return IOP_RULER_AXIS_HEIGHT + MAX (iop_ruler_n_lanes (trace), 1) * IOP_RULER_LANE_HEIGHT + PAD;
}

/* The axis starts when the I/O was submitted (a fault trace's I/O starts
 * when the fault strikes); times before it sit at the left edge */
static gint64
origin (const IopTrace *trace)
{
  gint64 o = trace->start_ns;

  if (trace->steps->len > 0)
    o = MIN (o, ((const IopStep *)g_ptr_array_index (trace->steps, 0))->t_ns);
  return MAX (o, 0);
}

/* The axis's length, from the origin */
static gint64
trace_end (const IopTrace *trace)
{
  gint64 end = trace->end_ns;

  for (guint i = 0; i < trace->steps->len; i++)
    {
      const IopStep *s = g_ptr_array_index (trace->steps, i);
      end = MAX (end, s->t_ns + MAX (s->dur_ns, 0));
    }
  return MAX (end - origin (trace), 1);
}

double
iop_ruler_default_tau (const IopTrace *trace)
{
  /* a microsecond: from there on every decade gets the same width, so a
   * 0.1 µs step, a 15 µs media access and a 10 s outage all show; a trace
   * shorter than a few microseconds is nearly linear */
  (void)trace;
  return 1000.0;
}

/* x of time T on an axis from X0, W wide */
static double
x_of (double t,
      double end,
      double tau,
      double x0,
      double w)
{
  t = CLAMP (t, 0, end);
  return x0 + w * log1p (t / tau) / log1p (end / tau);
}

gint64
iop_ruler_time_at_x (const IopTrace *trace,
                     double          width,
                     double          tau_ns,
                     double          x)
{
  double end = (double)trace_end (trace);
  double w = MAX (width - IOP_RULER_LABEL_WIDTH - PAD, 1);
  double f = CLAMP ((x - IOP_RULER_LABEL_WIDTH) / w, 0, 1);

  tau_ns = MAX (tau_ns, 1);
  return origin (trace) + (gint64)(tau_ns * expm1 (f * log1p (end / tau_ns)));
}

gint64
iop_ruler_time_at_position (const IopTrace *trace,
                            double          position)
{
  guint n = trace->steps->len;
  guint i;
  double frac;
  const IopStep *s, *next;

  if (n == 0)
    return 0;
  position = CLAMP (position, 0, n - 1);
  i = (guint)floor (position);
  frac = position - i;
  s = g_ptr_array_index (trace->steps, i);
  next = i + 1 < n ? g_ptr_array_index (trace->steps, i + 1) : NULL;
  if (next == NULL)
    return s->t_ns;
  return s->t_ns + (gint64)(frac * (double)(next->t_ns - s->t_ns));
}

static void
set_color (cairo_t        *cr,
           const IopColor *c,
           double          alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
draw_text (cairo_t              *cr,
           PangoLayout          *layout,
           const char           *text,
           double                x,
           double                y,
           double                max_w)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_w > 0 ? (int)(max_w * PANGO_SCALE) : -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Decades of time as ticks, labelled where there is room */
static void
draw_axis (cairo_t           *cr,
           PangoLayout       *layout,
           const IopPalette  *pal,
           double             end,
           double             tau,
           double             x0,
           double             w,
           double             height)
{
  double last_label = -1e9;
  double ticks[40];
  guint n = 0;

  ticks[n++] = 0;
  for (double d = 100; d < end && n < 38; d *= 10)
    ticks[n++] = d;
  ticks[n++] = end;
  for (guint i = 0; i < n; i++)
    {
      double x = x_of (ticks[i], end, tau, x0, w);
      g_autofree char *label = iop_format_duration ((gint64)ticks[i]);
      int lw, lh;

      set_color (cr, &pal->card_border, 1.0);
      cairo_rectangle (cr, floor (x), IOP_RULER_AXIS_HEIGHT - 3, 1, height - IOP_RULER_AXIS_HEIGHT + 3);
      cairo_fill (cr);
      pango_layout_set_text (layout, label, -1);
      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      /* the end's label sits left of its tick; the others right of theirs */
      if (i == n - 1)
        x -= lw + 2;
      else
        x += 2;
      if (x < last_label + 8 || x + lw > x0 + w + PAD)
        continue;
      set_color (cr, &pal->dim_fg, 1.0);
      cairo_move_to (cr, x, 1);
      pango_cairo_show_layout (cr, layout);
      last_label = x + lw;
    }
}

void
iop_ruler_draw (cairo_t        *cr,
                const IopTrace *trace,
                double          width,
                double          height,
                double          position,
                double          tau_ns,
                gboolean        dark)
{
  const IopPalette *pal = iop_palette_get (dark);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lane = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  double x0 = IOP_RULER_LABEL_WIDTH, w = MAX (width - IOP_RULER_LABEL_WIDTH - PAD, 1);
  double end, cur_x;
  gint64 t0;
  int current;

  if (trace == NULL || trace->steps->len == 0 || width < 10 || height < 10)
    return;
  end = (double)trace_end (trace);
  t0 = origin (trace);
  tau_ns = MAX (tau_ns, 1);
  lane = lanes_of (trace, labels);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans 7.5");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  draw_axis (cr, layout, pal, end, tau_ns, x0, w, height);

  /* lane labels and bands */
  for (guint l = 0; l < labels->len; l++)
    {
      double y = IOP_RULER_AXIS_HEIGHT + l * IOP_RULER_LANE_HEIGHT;

      if (y > height)
        break;
      if (l % 2 == 0)
        {
          set_color (cr, &pal->card_border, 0.35);
          cairo_rectangle (cr, 0, y, width, IOP_RULER_LANE_HEIGHT);
          cairo_fill (cr);
        }
      set_color (cr, &pal->fg, 0.85);
      draw_text (cr, layout, g_ptr_array_index (labels, l), PAD, y + 0.5, IOP_RULER_LABEL_WIDTH - 2 * PAD);
    }

  /* the steps: a bar from start to end, at least two pixels */
  current = (int)CLAMP (floor (position + 0.5), 0, trace->steps->len - 1);
  for (guint i = 0; i < trace->steps->len; i++)
    {
      const IopStep *s = g_ptr_array_index (trace->steps, i);
      double y = IOP_RULER_AXIS_HEIGHT + g_array_index (lane, guint, i) * IOP_RULER_LANE_HEIGHT + 2.5;
      double xa = x_of (s->t_ns - t0, end, tau_ns, x0, w);
      double xb = x_of (s->t_ns - t0 + MAX (s->dur_ns, 0), end, tau_ns, x0, w);
      const IopColor *c = s->leg >= 0 ? iop_palette_replica (s->leg, dark) : iop_palette_zone (s->place, dark);

      if (y > height)
        continue;
      if (s->waited)
        c = &pal->warning;
      set_color (cr, c, (int)i <= current ? 0.95 : 0.45);
      iop_draw_rounded_rect (cr, xa, y, MAX (xb - xa, 2), IOP_RULER_LANE_HEIGHT - 5, 2);
      cairo_fill (cr);
      if ((int)i == current)
        {
          set_color (cr, &pal->accent, 1.0);
          cairo_set_line_width (cr, 1.5);
          iop_draw_rounded_rect (cr, xa - 1.5, y - 1.5, MAX (xb - xa, 2) + 3, IOP_RULER_LANE_HEIGHT - 2, 3);
          cairo_stroke (cr);
        }
    }

  /* the playhead */
  cur_x = x_of ((double)(iop_ruler_time_at_position (trace, position) - t0), end, tau_ns, x0, w);
  set_color (cr, &pal->accent, 1.0);
  cairo_rectangle (cr, floor (cur_x) - 0.5, IOP_RULER_AXIS_HEIGHT - 6, 2, height - IOP_RULER_AXIS_HEIGHT + 6);
  cairo_fill (cr);
  cairo_restore (cr);
}
