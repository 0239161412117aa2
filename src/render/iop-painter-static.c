/* iop-painter-static.c: the layer that does not move
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, the zones and host cards, lanes, wires with their arrows,
 * connectors between boxes, the boxes, gauge tracks, caption card and texts.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* ------------------------------------------------------------------ */
/* The static layer                                                     */

static void
draw_connector (cairo_t          *cr,
                IopPainterLayout *L,
                const IopColor   *color,
                double            x0,
                double            x1,
                double            y,
                int               dir)
{
  double scale = device_scale (cr);
  double lw = L->line_w;
  double sy = (floor (y * scale) + 0.5) / scale;
  double mid = (x0 + x1) / 2;

  if (x1 - x0 < 2)
    return;
  set_ink (cr, color, 0.45);
  cairo_set_line_width (cr, lw);
  cairo_move_to (cr, x0, sy);
  cairo_line_to (cr, x1, sy);
  cairo_stroke (cr);
  set_ink (cr, color, 0.8);
  cairo_set_line_width (cr, 1.5 * lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  chevron (cr, mid, sy, MIN (0.32 * L->u, (x1 - x0) * 0.35), dir);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_row_connectors (cairo_t          *cr,
                     IopPainterLayout *L,
                     const IopPalette *pal,
                     Lane             *lane,
                     int               lane_index,
                     gboolean          completion)
{
  g_autoptr(GPtrArray) row = g_ptr_array_new ();
  Host *host = g_ptr_array_index (L->hosts, lane->host);
  const IopColor *zc = &pal->zone[host->place];

  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (box->lane != lane_index || box->pub.kind != IOP_PAINTER_BOX_STAGE || box->pub.completion != completion)
        continue;
      g_ptr_array_add (row, box);
    }
  if (row->len == 0)
    return;

  /* sort by x */
  for (guint i = 1; i < row->len; i++)
    for (guint j = i; j > 0; j--)
      {
        Box *a = g_ptr_array_index (row, j - 1), *b = g_ptr_array_index (row, j);

        if (a->pub.rect.x > b->pub.rect.x)
          {
            row->pdata[j - 1] = b;
            row->pdata[j] = a;
          }
      }

  for (guint i = 1; i < row->len; i++)
    {
      Box *a = g_ptr_array_index (row, i - 1), *b = g_ptr_array_index (row, i);

      draw_connector (cr, L, zc, a->pub.rect.x + a->pub.rect.width, b->pub.rect.x, a->pip_y,
                      completion ? -1 : 1);
    }

  /* The guest at the start and end of the baremetal rows, the SSD at the turn */
  {
    Box *first = g_ptr_array_index (row, 0), *last = g_ptr_array_index (row, row->len - 1);
    Box *guest = box_at (L, host->guest_box), *dev = box_at (L, lane->device_box);

    if (guest && guest->lane == lane_index)
      draw_connector (cr, L, zc, guest->pub.rect.x + guest->pub.rect.width, first->pub.rect.x,
                      first->pip_y, completion ? -1 : 1);
    if (dev)
      draw_connector (cr, L, zc, last->pub.rect.x + last->pub.rect.width, dev->pub.rect.x,
                      last->pip_y, completion ? -1 : 1);
  }
}

static void
wire_path (cairo_t    *cr,
           const Wire *w)
{
  Pt c1, c2;

  wire_curve_controls (w, &c1, &c2);
  cairo_move_to (cr, w->p[0].x, w->p[0].y);
  cairo_line_to (cr, w->p[1].x, w->p[1].y);
  cairo_curve_to (cr, c1.x, c1.y, c2.x, c2.y, w->p[2].x, w->p[2].y);
  cairo_line_to (cr, w->p[3].x, w->p[3].y);
}

static void
draw_gauge_track (cairo_t          *cr,
                  const IopPalette *pal,
                  const GaugeSlot  *slot)
{
  const cairo_rectangle_t *b = &slot->bar;

  iop_draw_rounded_rect (cr, b->x, b->y, b->width, b->height, b->height / 2);
  set_ink (cr, &pal->fg, 0.08);
  cairo_fill (cr);
}

/* Below the smallest size some layouts cannot fit: what spills is cut at
 * the canvas's edge rather than drawn over the caller's */
void
clip_unless_fits (cairo_t          *cr,
                  IopPainterLayout *L)
{
  if (L->fit != FIT_NONE)
    return;
  cairo_rectangle (cr, 0, 0, L->width, L->height);
  cairo_clip (cr);
}

/* Host panels: the card, the zone dot before the title, the lanes' tint */
static void
draw_host_panels (cairo_t          *cr,
                  IopPainterLayout *L,
                  const IopPalette *pal,
                  gboolean          dark)
{
  double u = L->u;

  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);
      const IopColor *zc = &pal->zone[host->place];
      double P = 0.85 * u;
      double dot = 0.55 * u;

      iop_draw_rounded_rect (cr, host->rect.x, host->rect.y, host->rect.width, host->rect.height, 1.2 * L->radius);
      set_ink (cr, &pal->card_bg, 1.0);
      cairo_fill (cr);
      set_ink (cr, &pal->card_border, 1.0);
      stroke_box (cr, &host->rect, 1.2 * L->radius, 1.0);

      /* zone dot before the title */
      set_ink (cr, zc, 1.0);
      cairo_arc (cr, host->rect.x + P + dot / 2, host->rect.y + P + L->lh[FONT_TITLE] / 2, dot / 2, 0, 2 * G_PI);
      cairo_fill (cr);

      for (guint i = 0; i < host->lanes->len; i++)
        {
          Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

          iop_draw_rounded_rect (cr, lane->rect.x, lane->rect.y, lane->rect.width, lane->rect.height, L->radius);
          set_ink (cr, zc, dark ? 0.09 : 0.07);
          cairo_fill (cr);
        }
    }
}

/* A wire, dashed on the way back, with arrow heads between its pills */
static void
draw_wire (cairo_t          *cr,
           IopPainterLayout *L,
           const IopPalette *pal,
           const Wire       *w)
{
  double u = L->u;
  const IopColor *zc = &pal->zone[IOP_PLACE_NETWORK];

  wire_path (cr, w);
  set_ink (cr, zc, 0.55);
  cairo_set_line_width (cr, 1.5 * L->line_w);
  if (w->ret)
    {
      double dash[] = { 0.5 * u, 0.3 * u };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* arrow heads between the pills */
  for (guint p = 0; p <= w->pills->len; p++)
    {
      double s0 = p == 0 ? w->curve_s0 : ((Box *)g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p - 1)))->wire_s;
      double s1 = p == w->pills->len ? w->curve_s1 : ((Box *)g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p)))->wire_s;
      double s = (s0 + s1) / 2;
      Pt a = wire_point (w, s - 1), b = wire_point (w, s + 1), c = wire_point (w, s);
      double ang = atan2 (b.y - a.y, b.x - a.x);

      if (p > 0 && p < w->pills->len)
        continue;
      if (s1 - s0 < 2.5 * u)
        continue;
      cairo_save (cr);
      cairo_translate (cr, c.x, c.y);
      cairo_rotate (cr, ang);
      set_ink (cr, zc, 0.9);
      cairo_set_line_width (cr, 1.5 * L->line_w);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      chevron (cr, 0, 0, 0.32 * u, 1);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/* A box's card: tinted by its kind, outlined in its zone's colour */
static void
draw_box (cairo_t          *cr,
          IopPainterLayout *L,
          const IopPalette *pal,
          const Box        *box,
          gboolean          dark)
{
  const cairo_rectangle_t *r = &box->pub.rect;
  const IopColor *zc = box_zone (pal, box);
  double radius = box->pub.kind == IOP_PAINTER_BOX_WIRE ? r->height / 2 : L->radius;
  IopColor fill;

  if (r->width <= 0)
    return;
  switch ((int)box->pub.kind)
    {
    case IOP_PAINTER_BOX_GUEST:
      fill = mix (&pal->card_bg, &pal->accent, dark ? 0.16 : 0.10);
      break;
    case IOP_PAINTER_BOX_DEVICE:
      fill = mix (&pal->card_bg, zc, dark ? 0.22 : 0.14);
      break;
    case IOP_PAINTER_BOX_WIRE:
      fill = pal->window_bg;
      break;
    default:
      fill = dark ? mix (&pal->card_bg, &pal->fg, 0.06) : pal->card_bg;
    }
  iop_draw_rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
  set_ink (cr, &fill, 1.0);
  cairo_fill (cr);
  set_ink (cr, box->pub.kind == IOP_PAINTER_BOX_GUEST ? &pal->accent : zc,
           dark ? 0.55 : 0.45);
  stroke_box (cr, r, radius, L->line_w);
}

void
iop_painter_draw_static (cairo_t             *cr,
                         double               width,
                         double               height,
                         IopTrace            *trace,
                         const IopPaintState *state)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterCache *cache = state->cache;
  const IopPalette *pal = state->palette ? state->palette : iop_palette_get (state->dark);
  IopPainterLayout *L;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trace != NULL);

  if (cache == NULL)
    cache = own = iop_painter_cache_new ();
  width = sane_side (width);
  height = sane_side (height);
  L = iop_painter_cache_get_layout (cache, trace, width, height, state);

  cairo_save (cr);
  clip_unless_fits (cr, L);
  begin_text (cache, cr);

  /* Window */
  set_ink (cr, &pal->window_bg, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* Network zone: a soft tint behind the wires */
  if (L->network.width > 0)
    {
      iop_draw_rounded_rect (cr, L->network.x, L->network.y, L->network.width, L->network.height, 1.2 * L->radius);
      set_ink (cr, &pal->zone[IOP_PLACE_NETWORK], state->dark ? 0.045 : 0.04);
      cairo_fill (cr);
    }

  draw_host_panels (cr, L, pal, state->dark);

  /* Wires under everything else */
  for (guint i = 0; i < L->wires->len; i++)
    draw_wire (cr, L, pal, g_ptr_array_index (L->wires, i));

  /* Connectors between the boxes of a row */
  for (guint i = 0; i < L->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (L->lanes, i);

      draw_row_connectors (cr, L, pal, lane, i, FALSE);
      draw_row_connectors (cr, L, pal, lane, i, TRUE);
    }

  /* Boxes */
  for (guint b = 0; b < L->boxes->len; b++)
    draw_box (cr, L, pal, g_ptr_array_index (L->boxes, b), state->dark);

  /* Gauge tracks */
  for (guint i = 0; i < L->gauges->len; i++)
    draw_gauge_track (cr, pal, &g_array_index (L->gauges, GaugeSlot, i));

  /* Caption card */
  iop_draw_rounded_rect (cr, L->caption.x, L->caption.y, L->caption.width, L->caption.height, 1.2 * L->radius);
  set_ink (cr, &pal->card_bg, 1.0);
  cairo_fill (cr);
  set_ink (cr, &pal->card_border, 1.0);
  stroke_box (cr, &L->caption, 1.2 * L->radius, 1.0);

  /* Text */
  for (guint i = 0; i < L->texts->len; i++)
    draw_text_item (cache, L, cr, pal, &g_array_index (L->texts, TextItem, i));

  cairo_restore (cr);
}
