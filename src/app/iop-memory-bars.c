/* iop-memory-bars.c: one horizontal bar, for a memory line or a demand row
 *
 * A rounded track with a rounded fill, drawn with cairo in snapshot. Bytes
 * use a logarithmic scale (a memory report spans bytes to gigabytes) with a
 * faint tick at every power of 1024; pinned caches are striped, sizes the
 * model assumes are paler. Demand rows use a linear scale against supply.
 * Colours are libadwaita's palette, picked for light or dark from the
 * theme's text colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-MemoryBars"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "iop-draw.h"
#include "iop-memory-bars.h"
#include "iop-palette.h"

#define BAR_H       8.0
#define MIN_FILL    3.0
#define LOG_FLOOR   1024.0

typedef enum
{
  MODE_NONE,
  MODE_BYTES,
  MODE_DEMAND,
} Mode;

struct _IopMemoryBars
{
  GtkWidget          parent_instance;

  Mode               mode;
  gint64             value;
  gint64             max;
  IopMemoryBarFlags  flags;
};

G_DEFINE_FINAL_TYPE (IopMemoryBars, iop_memory_bars, GTK_TYPE_WIDGET)

static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static void
ink (cairo_t        *cr,
     const IopColor *c,
     double          alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
update_accessible (IopMemoryBars *self)
{
  double f = iop_memory_bars_get_fraction (self);
  g_autofree char *text = NULL;

  if (self->mode == MODE_BYTES)
    text = g_format_size_full ((guint64)MAX (self->value, 0), G_FORMAT_SIZE_IEC_UNITS);
  else if (self->mode == MODE_DEMAND)
    /* Translators: a demand bar read aloud: "128 wanted, 127 there" */
    text = g_strdup_printf (_("%" PRId64 " wanted, %" PRId64 " there"), self->value, self->max);
  else
    text = g_strdup ("");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, f,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
iop_memory_bars_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* callers size it with gtk_widget_set_size_request () or hexpand */
      *minimum = 24;
      *natural = 24;
    }
  else
    {
      *minimum = (int)BAR_H;
      *natural = (int)BAR_H + 4;
    }
}

static void
iop_memory_bars_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  IopMemoryBars *self = IOP_MEMORY_BARS (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  gboolean dark = is_dark (widget);
  double y = floor ((h - BAR_H) / 2);
  double f = iop_memory_bars_get_fraction (self);
  double fill;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* the track */
  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, dark ? 0.10 : 0.08);
  iop_draw_rounded_rect (cr, 0, y, w, BAR_H, BAR_H / 2);
  cairo_fill (cr);

  /* a tick at every power of 1024 above the floor: KiB, MiB, GiB */
  if (self->mode == MODE_BYTES && self->max > LOG_FLOOR)
    {
      cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, dark ? 0.22 : 0.16);
      for (double b = LOG_FLOOR * 1024; b < self->max; b *= 1024)
        {
          double x = floor (iop_memory_bars_log_fraction ((gint64)b, self->max) * w) + 0.5;
          cairo_rectangle (cr, x - 0.5, y - 2, 1, BAR_H + 4);
          cairo_fill (cr);
        }
    }

  if (self->mode == MODE_NONE || self->value <= 0)
    {
      cairo_destroy (cr);
      return;
    }

  fill = MAX (round (f * w), MIN_FILL);
  if (self->mode == MODE_DEMAND)
    {
      if (self->value > self->max)
        ink (cr, &iop_palette_memory (dark)->over, 1);
      else if (self->value == self->max)
        ink (cr, &iop_palette_memory (dark)->full, 1);
      else
        ink (cr, &iop_palette_memory (dark)->used, 1);
      iop_draw_rounded_rect (cr, 0, y, fill, BAR_H, BAR_H / 2);
      cairo_fill (cr);
    }
  else if (self->flags & IOP_MEMORY_BAR_PINNED)
    {
      /* pinned: purple, striped */
      cairo_save (cr);
      iop_draw_rounded_rect (cr, 0, y, fill, BAR_H, BAR_H / 2);
      cairo_clip (cr);
      ink (cr, &iop_palette_memory (dark)->pinned, (self->flags & IOP_MEMORY_BAR_ASSUMED) ? 0.55 : 1);
      cairo_paint (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, dark ? 0.22 : 0.32);
      cairo_set_line_width (cr, 2.5);
      for (double x = -BAR_H; x < fill + BAR_H; x += 6)
        {
          cairo_move_to (cr, x, y + BAR_H);
          cairo_line_to (cr, x + BAR_H, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  else
    {
      ink (cr, &iop_palette_memory (dark)->used, (self->flags & IOP_MEMORY_BAR_ASSUMED) ? 0.55 : 1);
      iop_draw_rounded_rect (cr, 0, y, fill, BAR_H, BAR_H / 2);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
iop_memory_bars_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (iop_memory_bars_parent_class)->css_changed (widget, change);
  /* light / dark switch */
  gtk_widget_queue_draw (widget);
}

static void
iop_memory_bars_class_init (IopMemoryBarsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = iop_memory_bars_measure;
  widget_class->snapshot = iop_memory_bars_snapshot;
  widget_class->css_changed = iop_memory_bars_css_changed;

  gtk_widget_class_set_css_name (widget_class, "iopmemorybars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
iop_memory_bars_init (IopMemoryBars *self)
{
  self->mode = MODE_NONE;
}

GtkWidget *
iop_memory_bars_new (void)
{
  return g_object_new (IOP_TYPE_MEMORY_BARS, NULL);
}

void
iop_memory_bars_set_bytes (IopMemoryBars     *self,
                           gint64             bytes,
                           gint64             max_bytes,
                           IopMemoryBarFlags  flags)
{
  g_return_if_fail (IOP_IS_MEMORY_BARS (self));

  if (self->mode == MODE_BYTES && self->value == bytes && self->max == max_bytes && self->flags == flags)
    return;
  self->mode = MODE_BYTES;
  self->value = bytes;
  self->max = max_bytes;
  self->flags = flags;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
iop_memory_bars_set_demand (IopMemoryBars *self,
                            gint64         demand,
                            gint64         supply)
{
  g_return_if_fail (IOP_IS_MEMORY_BARS (self));

  if (self->mode == MODE_DEMAND && self->value == demand && self->max == supply)
    return;
  self->mode = MODE_DEMAND;
  self->value = demand;
  self->max = supply;
  self->flags = IOP_MEMORY_BAR_PLAIN;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
iop_memory_bars_get_fraction (IopMemoryBars *self)
{
  g_return_val_if_fail (IOP_IS_MEMORY_BARS (self), 0);

  switch (self->mode)
    {
    case MODE_BYTES:
      return iop_memory_bars_log_fraction (self->value, self->max);
    case MODE_DEMAND:
      if (self->value <= 0)
        return 0;
      if (self->max <= 0)
        return 1;
      return CLAMP ((double)self->value / self->max, 0, 1);
    case MODE_NONE:
    default:
      return 0;
    }
}

double
iop_memory_bars_log_fraction (gint64 bytes,
                              gint64 max_bytes)
{
  if (bytes <= 0 || max_bytes <= 0)
    return 0;
  if (max_bytes <= LOG_FLOOR)
    return CLAMP ((double)bytes / max_bytes, 0, 1);
  if (bytes <= LOG_FLOOR)
    return 0.0;
  return CLAMP (log ((double)bytes / LOG_FLOOR) / log ((double)max_bytes / LOG_FLOOR), 0, 1);
}
