/* iop-painter-dynamic.c: the layer that moves with the playhead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pips in the boxes, the current and finished boxes, gauge levels and
 * their changes, the caption band, and iop_painter_draw_dynamic() which
 * draws them with the faults and the tokens on top.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* ------------------------------------------------------------------ */
/* The dynamic layer                                                    */

int
box_first_step (const Box *box)
{
  return box->steps->len ? g_array_index (box->steps, int, 0) : G_MAXINT;
}

static int
box_last_step (const Box *box)
{
  return box->steps->len ? g_array_index (box->steps, int, box->steps->len - 1) : -1;
}

static gboolean
box_has_step (const Box *box,
              int        step)
{
  for (guint i = 0; i < box->steps->len; i++)
    if (g_array_index (box->steps, int, i) == step)
      return TRUE;
  return FALSE;
}

static void
draw_pips (cairo_t          *cr,
           IopPainterLayout *L,
           const IopPalette *pal,
           const Box        *box,
           int               cur)
{
  double r = 0.21 * L->u;
  gboolean two = (box->leg_mask & 3) == 3;

  for (guint i = 0; i < box->steps->len; i++)
    {
      int s = g_array_index (box->steps, int, i);
      IopStep *st = iop_trace_step (L->trace, s);
      Pt a = L->anchor[s];
      const IopColor *zc = box_zone (pal, box);

      if (box->pub.kind == IOP_PAINTER_BOX_WIRE)
        continue;
      if (two && st->leg < 0)
        a.y = box->pip_y;
      cairo_arc (cr, a.x, a.y, two ? 0.8 * r : r, 0, 2 * G_PI);
      if (s < cur)
        {
          set_ink (cr, zc, 0.85);
          cairo_fill (cr);
        }
      else if (s == cur)
        {
          set_ink (cr, &pal->accent, 1.0);
          cairo_fill (cr);
        }
      else
        {
          set_ink (cr, zc, 0.6);
          cairo_set_line_width (cr, L->line_w);
          cairo_stroke (cr);
        }
      if (st->waited && s <= cur)
        {
          cairo_arc (cr, a.x, a.y, 1.9 * r, 0, 2 * G_PI);
          set_ink (cr, &pal->warning, 1.0);
          cairo_set_line_width (cr, 1.5 * L->line_w);
          cairo_stroke (cr);
        }
    }
}

static void
draw_gauge_level (IopPainterCache  *cache,
                  cairo_t          *cr,
                  IopPainterLayout *L,
                  const IopPalette *pal,
                  const GaugeSlot  *slot,
                  double            p,
                  gboolean          hover)
{
  IopGauge *g = g_ptr_array_index (L->trace->gauges, slot->gauge);
  int s = (int)floor (p);
  gint64 now = iop_trace_level (L->trace, s, slot->gauge);
  gint64 before = iop_trace_level (L->trace, s - 1, slot->gauge);
  gboolean changed = s >= 0 && now != before;
  double f = ease ((p - s) / 0.35);
  double shown = s >= 0 ? lerp (before, now, f) : now;
  double cap = MAX (g->capacity, 1);
  const cairo_rectangle_t *b = &slot->bar;
  const IopColor *zc = &pal->zone[g->place];
  double fill_w = b->width * CLAMP (shown / cap, 0, 1);
  double in_use_min = MAX (2.0, 0.2 * L->u);
  g_autofree char *num = format_level (now, g->capacity, slot->tier);

  /* level */
  if (fill_w > 0)
    {
      /* never let a huge pool's few taken objects vanish: keep a visible gap */
      if (shown < cap && b->width - fill_w < in_use_min)
        fill_w = MAX (b->width - in_use_min, 0);
      cairo_save (cr);
      iop_draw_rounded_rect (cr, b->x, b->y, b->width, b->height, b->height / 2);
      cairo_clip (cr);
      cairo_rectangle (cr, b->x, b->y, fill_w, b->height);
      set_ink (cr, zc, shown / cap < 0.1 ? 1.0 : 0.75);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  if (shown / cap < 0.1)
    {
      set_ink (cr, &pal->warning, 1.0);
      stroke_box (cr, b, b->height / 2, 1.0);
    }

  /* the change at this step: a tick at the level and the delta */
  if (changed)
    {
      double pulse = 1.0 - ease ((p - s) / 1.0) * 0.5;
      g_autofree char *delta = g_strdup_printf (now > before ? "+%" PRId64 : "−%" PRId64,
                                                ABS (now - before));
      double dw;

      set_ink (cr, &pal->accent, pulse);
      cairo_rectangle (cr, b->x + fill_w - 1, b->y - 0.2 * L->u, 2, b->height + 0.4 * L->u);
      cairo_fill (cr);

      measure (cache, L->fonts[FONT_BADGE], delta, &dw, NULL);
      cache->text_kind = IOP_PAINTER_ITEM_GAUGE_DELTA;
      show_text (cache, cr, L->fonts[FONT_BADGE], delta, slot->numbers.x - dw - 0.4 * L->u,
                 slot->numbers.y, dw + 1, PANGO_ALIGN_LEFT, &pal->accent, 1.0, TRUE);
    }

  cache->text_kind = IOP_PAINTER_ITEM_GAUGE_LEVEL;
  show_text (cache, cr, L->fonts[FONT_NUMBERS], num, slot->numbers.x - 2, slot->numbers.y,
             slot->numbers.width + 2, PANGO_ALIGN_RIGHT, changed ? &pal->accent : &pal->dim_fg, 1.0, TRUE);

  if (hover || changed)
    {
      cairo_rectangle_t r = { slot->rect.x - 0.3 * L->u, slot->rect.y - 0.2 * L->u,
                              slot->rect.width + 0.6 * L->u, slot->rect.height + 0.4 * L->u };

      set_ink (cr, &pal->accent, hover ? 0.8 : 0.35);
      stroke_box (cr, &r, 0.6 * L->radius, L->line_w);
    }
}

char *
step_where (IopTrace *trace,
            IopStep  *st)
{
  if (st->place == IOP_PLACE_NETWORK)
    return g_strdup (_("Network"));
  if (st->place == IOP_PLACE_STORAGE)
    {
      if (trace->scenario && trace->scenario->hosts[IOP_HOST_STORAGE].instances > 1)
        return g_strdup_printf (_("Storage node %c"), leg_letter (st->node));
      return g_strdup (iop_host_label (IOP_HOST_STORAGE));
    }
  return g_strdup (iop_host_label (IOP_HOST_BAREMETAL));
}

static void
draw_caption (IopPainterCache  *cache,
              cairo_t          *cr,
              IopPainterLayout *L,
              const IopPalette *pal,
              double            p)
{
  IopTrace *trace = L->trace;
  int n = trace->steps->len;
  int s = CLAMP ((int)floor (p), -1, n - 1);
  double u = L->u;
  g_autofree char *badge = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *t_text = NULL;
  g_autofree char *d_text = NULL;

  if (s < 0)
    {
      IopScenario *sc = trace->scenario;
      g_autofree char *size = g_format_size_full (sc ? sc->io_size : 0, G_FORMAT_SIZE_IEC_UNITS);

      badge = g_strdup (_("Ready"));
      title = g_strdup (_("The guest rings the doorbell"));
      g_autofree char *total = iop_format_duration (trace->end_ns);
      const char *op = sc && sc->op == IOP_OP_READ ? _("read") : _("write");

      /* TRANSLATORS: "one write of 4.0 KiB · 69 steps · 30.5 µs end to end" */
      detail = g_strdup_printf (_("One %s of %s · %d steps · %s end to end"), op, size, n, total);
      if (text_w (cache, L, FONT_CAPTION, detail) > L->cap_detail.width)
        {
          g_free (detail);
          /* TRANSLATORS: "one write of 4.0 KiB · 30.5 µs end to end", where the steps' count does not fit */
          detail = g_strdup_printf (_("One %s of %s · %s end to end"), op, size, total);
        }
      /* TRANSLATORS: a time in microseconds */
      t_text = g_strdup_printf (_("%.2f µs"), 0.0);
    }
  else
    {
      IopStep *st = iop_trace_step (trace, s);

      badge = g_strdup_printf (_("Step %d of %d"), s + 1, n);
      title = g_strdup (st->title ? st->title : st->key);
      /* what fits of function, thread, core, host and leg */
      detail = caption_detail (cache, L, st, L->cap_detail.width);
      /* presentation mode: the lower third says what happened in this step
       * ("A bdev_io from nvmf_tgt_poll_group_000's bdev_io cache (125 of 128
       * left)"); the function and thread stay in the window's own caption */
      if (L->presentation && st->detail != NULL && *st->detail != '\0')
        {
          g_free (detail);
          detail = g_strdup (st->detail);
        }
      if (st->t_ns >= G_GINT64_CONSTANT (10000000))
        /* TRANSLATORS: a time in seconds, for steps of a fault that lasts */
        t_text = g_strdup_printf (_("%.3f s"), st->t_ns / 1e9);
      else
        t_text = iop_format_step_time (st->t_ns);
      {
        g_autofree char *took = iop_format_duration (MAX (st->dur_ns, 0));
        /* TRANSLATORS: how long a step takes, "took 120 ns", "took 1.55 ms" */
        d_text = g_strdup_printf (_("took %s"), took);
      }
    }

  /* step badge */
  iop_draw_rounded_rect (cr, L->cap_badge.x, L->cap_badge.y, L->cap_badge.width, L->cap_badge.height, L->cap_badge.height / 2);
  set_ink (cr, &pal->accent, 0.15);
  cairo_fill (cr);
  cache->text_kind = IOP_PAINTER_ITEM_CAPTION_BADGE;
  show_text (cache, cr, L->fonts[FONT_BADGE], badge, L->cap_badge.x + 0.4 * u,
             L->cap_badge.y + (L->cap_badge.height - L->lh[FONT_BADGE]) / 2, L->cap_badge.width - 0.8 * u,
             PANGO_ALIGN_CENTER, &pal->fg, 1.0, TRUE);

  cache->text_kind = IOP_PAINTER_ITEM_CAPTION_TITLE;
  if (text_w (cache, L, FONT_CAPTION_TITLE, title) <= L->cap_title.width + 1)
    {
      show_text (cache, cr, L->fonts[FONT_CAPTION_TITLE], title, L->cap_title.x, L->cap_title.y,
                 L->cap_title.width + 1, PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
      cache->text_kind = IOP_PAINTER_ITEM_CAPTION_DETAIL;
      show_text_lines (cache, cr, L->fonts[FONT_CAPTION], detail, L->cap_detail.x, L->cap_detail.y,
                       L->cap_detail.width, L->cap_detail.height > 1.5 * L->lh[FONT_CAPTION] ? 2 : 1, &pal->dim_fg);
    }
  else
    /* a title too long for its line takes the detail line's too: the
     * function, thread and host are what a step gives up first */
    show_text_lines (cache, cr, L->fonts[FONT_CAPTION_TITLE], title, L->cap_title.x, L->cap_title.y,
                     L->cap_title.width, 2, &pal->fg);

  cache->text_kind = IOP_PAINTER_ITEM_CAPTION_TIME;
  show_text (cache, cr, L->fonts[FONT_CAPTION_TITLE], t_text, L->cap_time.x, L->cap_time.y,
             L->cap_time.width, PANGO_ALIGN_RIGHT, &pal->fg, 1.0, TRUE);
  if (d_text)
    show_text (cache, cr, L->fonts[FONT_CAPTION], d_text, L->cap_time.x,
               L->cap_time.y + L->lh[FONT_CAPTION_TITLE] + 0.2 * u, L->cap_time.width,
               PANGO_ALIGN_RIGHT, &pal->dim_fg, 1.0, TRUE);

  /* legend for the two legs */
  if (L->cap_legend.width > 0)
    {
      double lx = L->cap_legend.x, ly = L->cap_legend.y + L->cap_legend.height / 2;
      double half = (L->cap_legend.width - 0.4 * u) / 2;

      for (int leg = 0; leg < 2; leg++)
        {
          g_autofree char *name = g_strdup_printf (_("Replica %c"), leg_letter (leg));
          double x = lx + leg * (half + 0.4 * u);

          cairo_arc (cr, x + 0.5 * u, ly, 0.38 * u, 0, 2 * G_PI);
          set_ink (cr, &pal->leg[leg], 1.0);
          cairo_fill (cr);
          cache->text_kind = IOP_PAINTER_ITEM_LEGEND;
          show_text (cache, cr, L->fonts[FONT_CAPTION], name, x + 1.2 * u, ly - L->lh[FONT_CAPTION] / 2,
                     half - 1.2 * u, PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
        }
    }
}

void
iop_painter_draw_dynamic (cairo_t             *cr,
                          double               width,
                          double               height,
                          IopTrace            *trace,
                          const IopPaintState *state)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterCache *cache = state->cache;
  const IopPalette *pal = state->palette ? state->palette : iop_palette_get (state->dark);
  IopPainterLayout *L;
  IopPainterToken tokens[8];
  guint n_tokens;
  double p;
  int cur;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trace != NULL);

  if (cache == NULL)
    cache = own = iop_painter_cache_new ();
  width = sane_side (width);
  height = sane_side (height);
  L = iop_painter_cache_get_layout (cache, trace, width, height, state);
  p = sane_position (trace, state->position);
  cur = (int)floor (p);

  cairo_save (cr);
  clip_unless_fits (cr, L);
  begin_text (cache, cr);
  n_tokens = compute_tokens (L, p, tokens, G_N_ELEMENTS (tokens));

  /* Boxes: pips, then finished ones veiled, the current one lit */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);
      const cairo_rectangle_t *r = &box->pub.rect;
      double radius = box->pub.kind == IOP_PAINTER_BOX_WIRE ? r->height / 2 : L->radius;
      gboolean current = box_has_step (box, cur);
      gboolean done = box->steps->len > 0 && box_last_step (box) < cur;
      gboolean hover = state->hover_step >= 0 && box_has_step (box, state->hover_step);
      const IopPainterToken *holder = NULL;

      for (guint t = 0; t < n_tokens; t++)
        if (tokens[t].alpha > 0.5 && tokens[t].step >= 0 && L->step_box[tokens[t].step] == (int)b)
          holder = &tokens[t];
      if (holder == NULL && box->pub.kind == IOP_PAINTER_BOX_GUEST && n_tokens > 0 && tokens[0].step < 0)
        holder = &tokens[0];

      if (r->width <= 0)
        continue;
      draw_pips (cr, L, pal, box, cur);

      if (done)
        {
          iop_draw_rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
          set_ink (cr, &pal->card_bg, 0.5);
          cairo_fill (cr);
        }
      if (current)
        {
          iop_draw_rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
          set_ink (cr, &pal->accent, state->dark ? 0.18 : 0.12);
          cairo_fill (cr);
          set_ink (cr, &pal->accent, 1.0);
          stroke_box (cr, r, radius, 2 * L->line_w);
        }
      else if (holder != NULL)
        {
          /* where the other leg is */
          const IopColor *tc = token_color (pal, holder->leg);

          iop_draw_rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
          set_ink (cr, tc, state->dark ? 0.14 : 0.09);
          cairo_fill (cr);
          set_ink (cr, tc, 0.9);
          stroke_box (cr, r, radius, 2 * L->line_w);
        }
      else if (hover)
        {
          set_ink (cr, &pal->accent, 0.6);
          stroke_box (cr, r, radius, L->line_w);
        }
    }

  /* Gauges */
  for (guint i = 0; i < L->gauges->len; i++)
    {
      GaugeSlot *slot = &g_array_index (L->gauges, GaugeSlot, i);

      draw_gauge_level (cache, cr, L, pal, slot, p, (int)slot->gauge == state->hover_gauge);
    }

  draw_faults (cache, cr, L, pal, p);
  draw_caption (cache, cr, L, pal, p);
  if (state->outcome && trace->steps->len > 0 && cur >= (int)trace->steps->len - 1)
    draw_outcome (cache, cr, L, pal, state->dark);

  /* Tokens last, on top of everything */
  for (guint i = 0; i < n_tokens; i++)
    {
      double r = tokens[i].radius + 1.5;

      draw_token (cr, pal, &tokens[i]);
      if (tokens[i].alpha > 0)
        record_item (cache, IOP_PAINTER_ITEM_TOKEN, &(cairo_rectangle_t) { tokens[i].x - r, tokens[i].y - r, 2 * r, 2 * r });
    }

  cairo_restore (cr);
}
