/* iop-painter.c: the whole scene of one traced I/O, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three zones left to right: the baremetal host, the network, the storage
 * node(s). In each host, one lane per SPDK thread; in each lane the stages
 * (one box per layer: VFIO-user, NVMf, bdev, RAID1, NVMe...) in two rows:
 * the submission path going right, the completion path coming back left
 * under the same layer columns. Pools and caches are gauges. The request
 * is a glowing token moving from box to box; a RAID1 write splits it into
 * one token per leg until the legs join again.
 *
 * This file: iop_painter_draw(), hit testing, tooltips and the layout's
 * getters; the rest is in iop-painter-*.c, sharing iop-painter-private.h.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* ------------------------------------------------------------------ */
/* Public API                                                           */

void
iop_painter_draw (cairo_t             *cr,
                  double               width,
                  double               height,
                  IopTrace            *trace,
                  const IopPaintState *state)
{
  IopPainterCache *cache = state->cache;
  const IopPalette *pal = state->palette ? state->palette : iop_palette_get (state->dark);
  cairo_surface_t *target;
  double scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trace != NULL);
  g_return_if_fail (state != NULL);

  target = cairo_get_target (cr);
  width = sane_side (width);
  height = sane_side (height);
  /* as many pixels as the target has per unit: HiDPI and any cairo_scale () */
  scale = device_scale (cr);
  if (cache == NULL || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      !(width * scale <= 32767 && height * scale <= 32767))
    {
      /* vector output, no cache, or a layer too big to keep: everything in one go */
      iop_painter_draw_static (cr, width, height, trace, state);
      iop_painter_draw_dynamic (cr, width, height, trace, state);
      return;
    }

  iop_painter_cache_get_layout (cache, trace, width, height, state);
  if (cache->static_surface == NULL || cache->static_palette != pal || cache->static_scale != scale)
    {
      cairo_t *scr;

      g_clear_pointer (&cache->static_surface, cairo_surface_destroy);
      cache->static_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                          (int)ceil (width * scale),
                                                          (int)ceil (height * scale));
      cairo_surface_set_device_scale (cache->static_surface, scale, scale);
      scr = cairo_create (cache->static_surface);
      iop_painter_draw_static (scr, width, height, trace, state);
      cairo_destroy (scr);
      cache->static_palette = pal;
      cache->static_scale = scale;
    }

  cairo_save (cr);
  cairo_set_source_surface (cr, cache->static_surface, 0, 0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
  iop_painter_draw_dynamic (cr, width, height, trace, state);
}

static IopPainterLayout *
layout_for (IopTrace            *trace,
            double               width,
            double               height,
            const IopPaintState *state,
            IopPainterCache    **own)
{
  IopPainterCache *cache = state->cache;

  if (cache == NULL)
    cache = *own = iop_painter_cache_new ();
  return iop_painter_cache_get_layout (cache, trace, width, height, state);
}

static int
hit_box (IopPainterLayout *L,
         double            x,
         double            y)
{
  /* pills and stage boxes never overlap; walk backwards so pills win over wires */
  for (int b = L->boxes->len - 1; b >= 0; b--)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (rect_contains (&box->pub.rect, x, y))
        return b;
    }
  return -1;
}

int
iop_painter_hit_step (IopTrace            *trace,
                      double               width,
                      double               height,
                      const IopPaintState *state,
                      double               x,
                      double               y)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterLayout *L = layout_for (trace, width, height, state, &own);
  Box *box = box_at (L, hit_box (L, x, y));
  int cur = (int)floor (sane_position (trace, state->position));

  if (box == NULL || box->steps->len == 0)
    return -1;
  for (guint i = 0; i < box->steps->len; i++)
    if (g_array_index (box->steps, int, i) > cur)
      return g_array_index (box->steps, int, i);
  return g_array_index (box->steps, int, 0);
}

static int
hit_gauge (IopPainterLayout *L,
           double            x,
           double            y)
{
  for (guint i = 0; i < L->gauges->len; i++)
    {
      GaugeSlot *slot = &g_array_index (L->gauges, GaugeSlot, i);
      cairo_rectangle_t r = { slot->rect.x - 0.3 * L->u, slot->rect.y - 0.25 * L->u,
                              slot->rect.width + 0.6 * L->u, slot->rect.height + 0.5 * L->u };

      if (rect_contains (&r, x, y))
        return slot->gauge;
    }
  return -1;
}

int
iop_painter_hit_gauge (IopTrace            *trace,
                       double               width,
                       double               height,
                       const IopPaintState *state,
                       double               x,
                       double               y)
{
  g_autoptr(IopPainterCache) own = NULL;

  return hit_gauge (layout_for (trace, width, height, state, &own), x, y);
}

static const char *
gauge_kind_label (IopGaugeKind kind)
{
  switch (kind)
    {
    case IOP_GAUGE_CENTRAL: return _("Central iobuf pool: buffers shared by every thread");
    case IOP_GAUGE_CACHE: return _("Per-thread cache: served without touching the central pool");
    case IOP_GAUGE_MEMPOOL: return _("Global mempool");
    case IOP_GAUGE_SLOTS: return _("Bounded request slots");
    default: return "";
    }
}

char *
iop_painter_describe (IopTrace            *trace,
                      double               width,
                      double               height,
                      const IopPaintState *state,
                      double               x,
                      double               y,
                      cairo_rectangle_t   *area)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterLayout *L = layout_for (trace, width, height, state, &own);
  int cur = CLAMP ((int)floor (sane_position (trace, state->position)), -1, (int)trace->steps->len - 1);
  int gauge = hit_gauge (L, x, y);
  Box *box;
  GString *s;

  if (gauge >= 0)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, gauge);
      gint64 level = iop_trace_level (trace, cur, gauge);
      g_autofree char *lv = format_level (level, g->capacity, 0);
      g_autofree char *used = iop_format_count (g->capacity - level);
      int slot = L->gauge_slot[gauge];

      s = g_string_new (g->label);
      if (g->owner)
        g_string_append_printf (s, " — %s", g->owner);
      g_string_append_printf (s, "\n%s", gauge_kind_label (g->kind));
      if (cur >= 0)
        /* TRANSLATORS: "Available after step 12: 125 / 128 (3 in use)" */
        g_string_append_printf (s, _("\nAvailable after step %d: %s (%s in use)"), cur + 1, lv, used);
      else
        g_string_append_printf (s, _("\nAvailable before the I/O: %s (%s in use)"), lv, used);
      if (g->knob)
        g_string_append_printf (s, _("\nSized by %s"), g->knob);
      if (area && slot >= 0)
        *area = g_array_index (L->gauges, GaugeSlot, slot).rect;
      return g_string_free (s, FALSE);
    }

  box = box_at (L, hit_box (L, x, y));
  if (box == NULL)
    return NULL;
  if (area)
    *area = box->pub.rect;

  if (box->pub.kind == IOP_PAINTER_BOX_GUEST)
    return g_strdup (_("Guest VM\nIts NVMe driver writes the command into a submission queue in shared memory and rings the doorbell; the completion comes back the same way."));

  s = g_string_new (box->label);
  {
    IopStep *first = iop_trace_step (trace, box_first_step (box));
    g_autofree char *where = step_where (trace, first);

    g_string_append_printf (s, " — %s", where);
    if (first->thread)
      {
        if (first->core >= 0)
          g_string_append_printf (s, _("\n%s · core %d"), first->thread, first->core);
        else
          g_string_append_printf (s, "\n%s", first->thread);
      }
  }
  for (guint i = 0; i < box->steps->len; i++)
    {
      int si = g_array_index (box->steps, int, i);
      IopStep *st = iop_trace_step (trace, si);

      g_string_append_printf (s, "\n%s %d. %s", si == cur ? "▸" : "  ", si + 1, st->title ? st->title : st->key);
      if (st->function)
        g_string_append_printf (s, " — %s()", st->function);
      if (st->leg >= 0)
        g_string_append_printf (s, " [%c]", leg_letter (st->leg));
      for (guint a = 0; a < st->allocs->len; a++)
        {
          IopObjectEvent *ev = &g_array_index (st->allocs, IopObjectEvent, a);

          if (ev->gauge >= 0 && ev->gauge < (int)trace->gauges->len)
            {
              IopGauge *g = g_ptr_array_index (trace->gauges, ev->gauge);
              g_autofree char *lv = format_level (ev->after, g->capacity, 0);

              g_string_append_printf (s, _("\n      takes from %s: %s"), g->label, lv);
            }
        }
      for (guint a = 0; a < st->frees->len; a++)
        {
          IopObjectEvent *ev = &g_array_index (st->frees, IopObjectEvent, a);

          if (ev->gauge >= 0 && ev->gauge < (int)trace->gauges->len)
            {
              IopGauge *g = g_ptr_array_index (trace->gauges, ev->gauge);
              g_autofree char *lv = format_level (ev->after, g->capacity, 0);

              g_string_append_printf (s, _("\n      returns to %s: %s"), g->label, lv);
            }
        }
    }
  return g_string_free (s, FALSE);
}

guint
iop_painter_token_positions (IopTrace            *trace,
                             double               width,
                             double               height,
                             const IopPaintState *state,
                             IopPainterToken     *tokens,
                             guint                n_max)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterLayout *L = layout_for (trace, width, height, state, &own);

  return compute_tokens (L, sane_position (trace, state->position), tokens, n_max);
}

double
iop_painter_layout_get_unit (const IopPainterLayout *layout)
{
  return layout->u;
}

double
iop_painter_layout_get_min_font_size (const IopPainterLayout *layout)
{
  double px = G_MAXDOUBLE;

  for (guint i = 0; i < N_FONTS; i++)
    px = MIN (px, pango_font_description_get_size (layout->fonts[i]) / (double)PANGO_SCALE);
  return px;
}

guint
iop_painter_layout_get_n_boxes (const IopPainterLayout *layout)
{
  return layout->boxes->len;
}

const IopPainterBox *
iop_painter_layout_get_box (const IopPainterLayout *layout,
                            guint                   i)
{
  g_return_val_if_fail (i < layout->boxes->len, NULL);
  return &((Box *)g_ptr_array_index (layout->boxes, i))->pub;
}

int
iop_painter_layout_get_step_box (const IopPainterLayout *layout,
                                 int                     step)
{
  if (step < 0 || step >= (int)layout->trace->steps->len)
    return -1;
  return layout->step_box[step];
}

gboolean
iop_painter_layout_get_zone (const IopPainterLayout *layout,
                             IopPlace                place,
                             int                     node,
                             cairo_rectangle_t      *rect)
{
  if (place == IOP_PLACE_NETWORK)
    {
      *rect = layout->network;
      return layout->network.width > 0;
    }
  for (guint h = 0; h < layout->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (layout->hosts, h);

      if (host->place == place && (place == IOP_PLACE_BAREMETAL || host->node == node))
        {
          *rect = host->rect;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
iop_painter_layout_get_gauge_rect (const IopPainterLayout *layout,
                                   guint                   gauge,
                                   cairo_rectangle_t      *rect)
{
  if (gauge >= layout->trace->gauges->len || layout->gauge_slot[gauge] < 0)
    return FALSE;
  *rect = g_array_index (layout->gauges, GaugeSlot, layout->gauge_slot[gauge]).rect;
  return TRUE;
}

GArray *
iop_painter_layout_get_rects (const IopPainterLayout *layout,
                              IopPainterRectKind      kind)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

  switch (kind)
    {
    case IOP_PAINTER_RECT_ZONE:
      for (guint h = 0; h < layout->hosts->len; h++)
        g_array_append_val (a, ((Host *)g_ptr_array_index (layout->hosts, h))->rect);
      if (layout->network.width > 0)
        g_array_append_val (a, layout->network);
      break;
    case IOP_PAINTER_RECT_LANE:
      for (guint i = 0; i < layout->lanes->len; i++)
        g_array_append_val (a, ((Lane *)g_ptr_array_index (layout->lanes, i))->rect);
      break;
    case IOP_PAINTER_RECT_BOX:
      for (guint i = 0; i < layout->boxes->len; i++)
        g_array_append_val (a, ((Box *)g_ptr_array_index (layout->boxes, i))->pub.rect);
      break;
    case IOP_PAINTER_RECT_GAUGE:
      for (guint i = 0; i < layout->gauges->len; i++)
        g_array_append_val (a, g_array_index (layout->gauges, GaugeSlot, i).rect);
      break;
    case IOP_PAINTER_RECT_TEXT:
      for (guint i = 0; i < layout->texts->len; i++)
        g_array_append_val (a, g_array_index (layout->texts, TextItem, i).rect);
      for (guint i = 0; i < layout->gauges->len; i++)
        g_array_append_val (a, g_array_index (layout->gauges, GaugeSlot, i).numbers);
      break;
    case IOP_PAINTER_RECT_CAPTION:
      g_array_append_val (a, layout->caption);
      break;
    case IOP_PAINTER_RECT_CAPTION_PARTS:
      g_array_append_val (a, layout->cap_badge);
      g_array_append_val (a, layout->cap_title);
      g_array_append_val (a, layout->cap_detail);
      g_array_append_val (a, layout->cap_time);
      if (layout->cap_legend.width > 0)
        g_array_append_val (a, layout->cap_legend);
      break;
    default:
      break;
    }
  return a;
}

static void
item_clear (gpointer p)
{
  IopPainterItem *item = p;

  g_free (item->text);
  g_free (item->shown);
}

GArray *
iop_painter_get_items (IopTrace            *trace,
                       double               width,
                       double               height,
                       const IopPaintState *state)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPaintState st = *state;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (IopPainterItem));
  cairo_surface_t *rec;
  cairo_t *cr;

  g_array_set_clear_func (items, item_clear);
  g_return_val_if_fail (trace != NULL, items);

  if (st.cache == NULL)
    st.cache = own = iop_painter_cache_new ();
  /* both layers drawn afresh, on a surface that only records */
  rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (rec);
  st.cache->items = items;
  st.cache->card = -1;
  iop_painter_draw_static (cr, width, height, trace, &st);
  iop_painter_draw_dynamic (cr, width, height, trace, &st);
  st.cache->items = NULL;
  st.cache->card = -1;
  cairo_destroy (cr);
  cairo_surface_destroy (rec);
  return items;
}
