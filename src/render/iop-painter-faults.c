/* iop-painter-faults.c: faults on the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Broken links across the network, cards for the paths that are down
 * with their countdowns, the I/Os held for a replica, and a replica out of
 * the array.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* ------------------------------------------------------------------ */
/* Faults: broken links, controllers, countdowns, a leg out of the array */

/* Virtual time at playhead P: between two steps it runs on, so countdowns move */
static gint64
time_at (IopTrace *trace,
         double    p)
{
  int n = trace->steps->len;
  int s = CLAMP ((int)floor (p), 0, n - 1);
  IopStep *a, *b;
  double f;

  if (n == 0)
    return 0;
  a = iop_trace_step (trace, s);
  if (p < 0 || s + 1 >= n)
    return p < 0 ? trace->start_ns : a->t_ns;
  b = iop_trace_step (trace, s + 1);
  f = CLAMP (p - s, 0.0, 1.0);
  return a->t_ns + (gint64)(f * (double)(b->t_ns - a->t_ns));
}

static char *
countdown (gint64 ns)
{
  if (ns >= G_GINT64_CONSTANT (10000000000))
    /* TRANSLATORS: a countdown in whole seconds */
    return g_strdup_printf (_("%.0f s"), ns / 1e9);
  /* TRANSLATORS: a countdown in seconds */
  return g_strdup_printf (_("%.1f s"), MAX (ns, 0) / 1e9);
}

static void
draw_break (IopPainterCache  *cache,
            cairo_t          *cr,
            IopPainterLayout *L,
            const IopPalette *pal,
            double            y,
            gboolean          all_paths)
{
  double u = L->u;
  double cx = L->network.x + L->network.width / 2;
  double r = (all_paths ? 0.75 : 0.55) * u;
  const double dash[] = { 0.4 * u, 0.3 * u };

  /* the link, broken in the middle */
  cairo_save (cr);
  set_ink (cr, &pal->warning, all_paths ? 0.9 : 0.6);
  cairo_set_line_width (cr, (all_paths ? 3 : 2) * L->line_w);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, L->network.x + 0.3 * u, y);
  cairo_line_to (cr, cx - 1.6 * r, y);
  cairo_move_to (cr, cx + 1.6 * r, y);
  cairo_line_to (cr, L->network.x + L->network.width - 0.3 * u, y);
  cairo_stroke (cr);
  cairo_restore (cr);
  /* and a cross where it broke */
  cairo_arc (cr, cx, y, r, 0, 2 * G_PI);
  set_ink (cr, &pal->card_bg, 1.0);
  cairo_fill_preserve (cr);
  set_ink (cr, &pal->warning, 1.0);
  cairo_set_line_width (cr, 2 * L->line_w);
  cairo_stroke (cr);
  cairo_move_to (cr, cx - 0.45 * r, y - 0.45 * r);
  cairo_line_to (cr, cx + 0.45 * r, y + 0.45 * r);
  cairo_move_to (cr, cx + 0.45 * r, y - 0.45 * r);
  cairo_line_to (cr, cx - 0.45 * r, y + 0.45 * r);
  cairo_stroke (cr);
  record_item (cache, IOP_PAINTER_ITEM_MARK, &(cairo_rectangle_t) { cx - r - L->line_w, y - r - L->line_w,
                                                                  2 * (r + L->line_w), 2 * (r + L->line_w) });
}

/* The fault cards, stacked in the network zone */
typedef struct
{
  double   x;
  double   w;
  double   card_h;
  gboolean compact;    /* two lines a card, not four */
  guint    n_fit;
  guint    n_drawn;
  double   tops[16];   /* each card's top, in drawing order */
} Cards;

/* A band of the network zone something takes: a pill, the title, a break */
typedef struct
{
  double y0;
  double y1;
} Span;

/* The pills' bands across the network zone, with a margin, and the title's */
static GArray *
taken_spans (IopPainterLayout *L,
             double            title_bottom)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  Span title = { L->network.y, title_bottom + 0.3 * L->u };

  g_array_append_val (spans, title);
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);
      Span sp;

      if (box->pub.kind != IOP_PAINTER_BOX_WIRE || box->pub.rect.width <= 0)
        continue;
      sp.y0 = box->pub.rect.y - 0.25 * L->u;
      sp.y1 = box->pub.rect.y + box->pub.rect.height + 0.25 * L->u;
      g_array_append_val (spans, sp);
    }
  return spans;
}

static gboolean
band_free (GArray *spans,
           double  y0,
           double  y1)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span *sp = &g_array_index (spans, Span, i);

      if (y0 < sp->y1 && sp->y0 < y1)
        return FALSE;
    }
  return TRUE;
}

/* Tops for N cards of height H in the bands no span takes, between
 * TOP_LIMIT and BOTTOM, the lowest first; how many found room */
static guint
place_cards (GArray *spans,
             double  top_limit,
             double  bottom,
             double  h,
             double  gap,
             guint   n,
             double *tops)
{
  double y = bottom;   /* the next card's bottom */
  guint placed = 0;

  while (placed < n)
    {
      double top = y - h, above = y;

      if (top < top_limit)
        break;
      /* under a span: go on above the highest one in the way */
      for (guint i = 0; i < spans->len; i++)
        {
          Span *sp = &g_array_index (spans, Span, i);

          if (top < sp->y1 && sp->y0 < y)
            above = MIN (above, sp->y0);
        }
      if (above < y)
        {
          y = above;
          continue;
        }
      tops[placed++] = top;
      y = top - gap;
    }
  /* drawn top to bottom */
  for (guint i = 0; i < placed / 2; i++)
    {
      double t = tops[i];

      tops[i] = tops[placed - 1 - i];
      tops[placed - 1 - i] = t;
    }
  return placed;
}

/* The broken links, under the cards; returns how many cards there are */
static guint
draw_breaks (IopPainterCache  *cache,
             cairo_t          *cr,
             IopPainterLayout *L,
             const IopPalette *pal,
             gint64            t,
             double            title_bottom,
             GArray           *spans)
{
  IopTrace *trace = L->trace;
  IopScenario *sc = trace->scenario;
  double u = L->u;
  guint n_cards = 0;

  for (guint l = 0; l < sc->raid_legs; l++)
    {
      IopLegState ls;
      guint down = 0;
      int hi = 1 + (sc->hosts[IOP_HOST_STORAGE].instances > 1 ? (int)l : 0);

      iop_trace_leg_state_at (trace, l, t, &ls);
      n_cards += ls.held > 0;
      for (guint pa = 0; pa < sc->paths_per_leg; pa++)
        {
          IopPathState ps;
          if (!iop_trace_path_state_at (trace, l, pa, t, &ps))
            continue;
          down += !ps.link_up;
          if (!ps.link_up || ps.state != IOP_CTRLR_CONNECTED || !ps.qpair_up)
            n_cards++;
        }
      if (hi < (int)L->hosts->len && down > 0)
        {
          Host *node = g_ptr_array_index (L->hosts, hi);
          gboolean all = down == sc->paths_per_leg;
          double half = (all ? 0.75 : 0.55) * u + L->line_w + 0.2 * u;
          /* level with the node's title, under the network's own title when
           * the node's card starts as high; where no pill is in the way */
          double y0 = MAX (node->rect.y + 1.5 * u, title_bottom + 1.0 * u), y = y0;
          Span sp;

          for (double d = 0; d < node->rect.height / 2; d += 1.0)
            {
              if (band_free (spans, y0 + d - half, y0 + d + half))
                {
                  y = y0 + d;
                  break;
                }
              if (y0 - d - half > title_bottom && band_free (spans, y0 - d - half, y0 - d + half))
                {
                  y = y0 - d;
                  break;
                }
            }
          draw_break (cache, cr, L, pal, y, all);
          sp = (Span) { y - half, y + half };
          g_array_append_val (spans, sp);
        }
    }
  return n_cards;
}

/* A line on a card, drawn only whole: one that does not fit is left out
 * (the cards' first lines fit: the network zone is made wide enough) */
static void
card_text (IopPainterCache  *cache,
           cairo_t          *cr,
           IopPainterLayout *L,
           FontRole          font,
           const char       *text,
           double            x,
           double            y,
           double            room,
           PangoAlignment    align,
           const IopColor   *color,
           gboolean          tabular)
{
  if (text == NULL || text_w (cache, L, font, text) > ceil (room) + 1)
    return;
  /* tabular figures can be a hair wider than the measured text */
  show_text (cache, cr, L->fonts[font], text, x, y, room + 2, align, color, 1.0, tabular);
}

/* The card of path PA of leg L, which is down or not connected */
static void
draw_path_card (IopPainterCache    *cache,
                cairo_t            *cr,
                IopPainterLayout   *L,
                const IopPalette   *pal,
                Cards              *c,
                guint               l,
                guint               pa,
                const IopPathState *ps,
                gint64              t)
{
  double u = L->u, x = c->x, y = c->tops[c->n_drawn], w = c->w, card_h = c->card_h;
  g_autofree char *head = NULL;
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;

  /* TRANSLATORS: a path of a RAID replica, "Replica B · path 0" */
  head = g_strdup_printf (_("Replica %c · path %u"), leg_letter ((int)l), pa);
  if (text_w (cache, L, FONT_SECTION, head) > w - 0.7 * u)
    {
      g_free (head);
      /* TRANSLATORS: short for "Replica B · path 0" on a narrow card */
      head = g_strdup_printf (_("%c · path %u"), leg_letter ((int)l), pa);
    }
  what = g_strdup (ps->state == IOP_CTRLR_CONNECTED && !ps->qpair_up ? _("not noticed yet")
                   : iop_ctrlr_state_label (ps->state));
  if (ps->next_attempt_ns > t && ps->state == IOP_CTRLR_DELAYED)
    {
      g_autofree char *cd = countdown (ps->next_attempt_ns - t);
      g_free (what);
      /* TRANSLATORS: waiting for the next reconnect attempt, with a countdown */
      what = g_strdup_printf (_("retry in %s"), cd);
    }
  if (ps->state == IOP_CTRLR_DELETED)
    when = g_strdup (_("needs a new attach"));
  else if (ps->fast_fail_at_ns > t)
    {
      g_autofree char *cd = countdown (ps->fast_fail_at_ns - t);
      /* TRANSLATORS: countdown to fast_io_fail_timeout_sec */
      when = g_strdup_printf (_("I/O fails in %s"), cd);
    }
  else if (ps->loss_at_ns > t)
    {
      g_autofree char *cd = countdown (ps->loss_at_ns - t);
      /* TRANSLATORS: countdown to ctrlr_loss_timeout_sec */
      when = g_strdup_printf (_("deleted in %s"), cd);
    }
  iop_draw_rounded_rect (cr, x, y, w, card_h, L->radius);
  set_ink (cr, &pal->card_bg, 0.96);
  cairo_fill_preserve (cr);
  set_ink (cr, ps->state == IOP_CTRLR_DELETED ? &pal->dim_fg : &pal->warning, 0.9);
  cairo_set_line_width (cr, 1.5 * L->line_w);
  cairo_stroke (cr);
  cache->card = record_item (cache, IOP_PAINTER_ITEM_CARD, &(cairo_rectangle_t) { x, y, w, card_h });
  cache->text_kind = IOP_PAINTER_ITEM_CARD_TEXT;
  card_text (cache, cr, L, FONT_SECTION, head, x + 0.35 * u, y + 0.3 * u, w - 0.7 * u,
             PANGO_ALIGN_LEFT, &pal->fg, FALSE);
  if (c->compact)
    card_text (cache, cr, L, FONT_GAUGE, what, x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE], w - 0.7 * u,
               PANGO_ALIGN_LEFT, ps->link_up ? &pal->dim_fg : &pal->warning, FALSE);
  else
    {
      card_text (cache, cr, L, FONT_GAUGE, ps->link_up ? _("link up") : _("link down"),
                 x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE], w - 0.7 * u,
                 PANGO_ALIGN_LEFT, ps->link_up ? &pal->dim_fg : &pal->warning, FALSE);
      card_text (cache, cr, L, FONT_GAUGE, what, x + 0.35 * u, y + 0.3 * u + 2 * L->lh[FONT_GAUGE], w - 0.7 * u,
                 PANGO_ALIGN_LEFT, &pal->dim_fg, FALSE);
      card_text (cache, cr, L, FONT_GAUGE, when, x + 0.35 * u, y + 0.3 * u + 3 * L->lh[FONT_GAUGE], w - 0.7 * u,
                 PANGO_ALIGN_LEFT, &pal->fg, TRUE);
    }
  cache->card = -1;
  c->n_drawn++;
}

/* The card of the I/Os held in the retry queue for leg L */
static void
draw_held_card (IopPainterCache   *cache,
                cairo_t           *cr,
                IopPainterLayout  *L,
                const IopPalette  *pal,
                Cards             *c,
                guint              l,
                const IopLegState *ls)
{
  double u = L->u, x = c->x, y = c->tops[c->n_drawn], w = c->w, card_h = c->card_h;
  /* TRANSLATORS: I/Os held in bdev_nvme's retry queue */
  g_autofree char *held = g_strdup_printf (ngettext ("%u I/O waits", "%u I/Os wait", ls->held), ls->held);
  /* TRANSLATORS: follows "3 I/Os wait" */
  g_autofree char *forr = g_strdup_printf (_("for replica %c"), leg_letter ((int)l));

  /* opaque, as the path cards: wires and pills stay under it */
  iop_draw_rounded_rect (cr, x, y, w, card_h, L->radius);
  set_ink (cr, &pal->card_bg, 0.96);
  cairo_fill_preserve (cr);
  set_ink (cr, &pal->warning, 0.16);
  cairo_fill (cr);
  cache->card = record_item (cache, IOP_PAINTER_ITEM_CARD, &(cairo_rectangle_t) { x, y, w, card_h });
  cache->text_kind = IOP_PAINTER_ITEM_CARD_TEXT;
  card_text (cache, cr, L, FONT_SECTION, held, x + 0.35 * u, y + 0.3 * u, w - 0.7 * u,
             PANGO_ALIGN_LEFT, &pal->fg, TRUE);
  card_text (cache, cr, L, FONT_GAUGE, forr, x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE],
             w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->fg, FALSE);
  /* the last two lines are one sentence: both or neither */
  if (!c->compact && text_w (cache, L, FONT_GAUGE, _("in the retry queue,")) <= ceil (w - 0.7 * u) + 1 &&
      text_w (cache, L, FONT_GAUGE, _("retried every second")) <= ceil (w - 0.7 * u) + 1)
    {
      card_text (cache, cr, L, FONT_GAUGE, _("in the retry queue,"), x + 0.35 * u, y + 0.3 * u + 2 * L->lh[FONT_GAUGE],
                 w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->dim_fg, FALSE);
      card_text (cache, cr, L, FONT_GAUGE, _("retried every second"), x + 0.35 * u, y + 0.3 * u + 3 * L->lh[FONT_GAUGE],
                 w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->dim_fg, FALSE);
    }
  cache->card = -1;
  c->n_drawn++;
}

/* A storage node whose replica RAID1 dropped: veiled, with a banner */
static void
draw_removed_node (IopPainterCache  *cache,
                   cairo_t          *cr,
                   IopPainterLayout *L,
                   const IopPalette *pal,
                   const Host       *node,
                   guint             l)
{
  double u = L->u;
  const cairo_rectangle_t *r = &node->rect;
  double bh = 2.6 * L->lh[FONT_SECTION];

  iop_draw_rounded_rect (cr, r->x, r->y, r->width, r->height, 1.2 * L->radius);
  set_ink (cr, &pal->window_bg, 0.72);
  cairo_fill (cr);
  iop_draw_rounded_rect (cr, r->x + 0.5 * u, r->y + r->height / 2 - bh / 2, r->width - u, bh, L->radius);
  set_ink (cr, &pal->card_bg, 1.0);
  cairo_fill_preserve (cr);
  set_ink (cr, &pal->dim_fg, 0.8);
  cairo_set_line_width (cr, 1.5 * L->line_w);
  cairo_stroke (cr);
  cache->card = record_item (cache, IOP_PAINTER_ITEM_CARD,
                             &(cairo_rectangle_t) { r->x + 0.5 * u, r->y + r->height / 2 - bh / 2, r->width - u, bh });
  cache->text_kind = IOP_PAINTER_ITEM_CARD_TEXT;
  {
    /* TRANSLATORS: shown over a storage node whose replica RAID1 dropped */
    g_autofree char *msg = g_strdup_printf (_("Replica %c is out of the array: RAID1 runs degraded"), leg_letter ((int)l));
    card_text (cache, cr, L, FONT_SECTION, msg, r->x + u, r->y + r->height / 2 - L->lh[FONT_SECTION],
               r->width - 2 * u, PANGO_ALIGN_CENTER, &pal->fg, FALSE);
    card_text (cache, cr, L, FONT_GAUGE, _("writes go to the other replica only; this one needs a rebuild"),
               r->x + u, r->y + r->height / 2 + 0.1 * u, r->width - 2 * u, PANGO_ALIGN_CENTER, &pal->dim_fg, FALSE);
  }
  cache->card = -1;
}

void
draw_faults (IopPainterCache  *cache,
             cairo_t          *cr,
             IopPainterLayout *L,
             const IopPalette *pal,
             double            p)
{
  IopTrace *trace = L->trace;
  IopScenario *sc = trace->scenario;
  double u = L->u;
  gint64 t = time_at (trace, p);
  double room;
  /* the network's title and subtitle end here */
  double title_bottom = L->network.y + 0.85 * u + L->lh[FONT_TITLE]
                        + (show_subtitles (L) ? 0.1 * u + L->lh[FONT_SUBTITLE] : 0);
  guint n_cards;
  Cards c = { 0, };
  g_autoptr(GArray) spans = NULL;

  if (!iop_trace_has_faults (trace) || L->network.width <= 0)
    return;

  /* The broken links first, under the cards; and count the cards: they
   * stand in the network zone's free bands, from its bottom up */
  spans = taken_spans (L, title_bottom);
  n_cards = MIN (draw_breaks (cache, cr, L, pal, t, title_bottom, spans), G_N_ELEMENTS (c.tops));
  /* they stay under the network's title and off the pills: where four
   * lines a card do not fit, two; those that still do not fit are left out */
  room = L->network.y + L->network.height - 0.3 * u;
  c.x = L->network.x + 0.3 * u;
  c.w = L->network.width - 0.6 * u;
  c.compact = FALSE;
  c.card_h = 4 * L->lh[FONT_GAUGE] + 0.9 * u;
  c.n_fit = place_cards (spans, title_bottom, room, c.card_h, 0.3 * u, n_cards, c.tops);
  if (c.n_fit < n_cards)
    {
      c.compact = TRUE;
      c.card_h = 2 * L->lh[FONT_GAUGE] + 0.9 * u;
      c.n_fit = place_cards (spans, title_bottom, room, c.card_h, 0.3 * u, n_cards, c.tops);
    }

  for (guint l = 0; l < sc->raid_legs; l++)
    {
      IopLegState ls;
      Host *node = NULL;
      int hi = 1 + (sc->hosts[IOP_HOST_STORAGE].instances > 1 ? (int)l : 0);

      if (hi < (int)L->hosts->len)
        node = g_ptr_array_index (L->hosts, hi);
      iop_trace_leg_state_at (trace, l, t, &ls);

      for (guint pa = 0; pa < sc->paths_per_leg; pa++)
        {
          IopPathState ps;
          gboolean bad;

          if (!iop_trace_path_state_at (trace, l, pa, t, &ps))
            continue;
          bad = !ps.link_up || ps.state != IOP_CTRLR_CONNECTED || !ps.qpair_up;
          if (!bad || c.n_drawn >= c.n_fit)
            continue;
          draw_path_card (cache, cr, L, pal, &c, l, pa, &ps, t);
        }

      if (ls.held > 0 && c.n_drawn < c.n_fit)
        draw_held_card (cache, cr, L, pal, &c, l, &ls);

      if (node != NULL && ls.removed)
        draw_removed_node (cache, cr, L, pal, node, l);
    }
}

/* The network zone's width for the cards' first two lines, whole: the
 * heads of every path, the held I/Os' and the states a path can be in */
double
fault_cards_width (IopPainterCache  *cache,
                   IopPainterLayout *L)
{
  IopScenario *sc = L->trace->scenario;
  const IopCtrlrState states[] = { IOP_CTRLR_RESETTING, IOP_CTRLR_FAILED, IOP_CTRLR_DELETED };
  g_autofree char *cd = countdown (G_GINT64_CONSTANT (8800000000));
  g_autofree char *retry = g_strdup_printf (_("retry in %s"), cd);
  g_autofree char *held = g_strdup_printf (ngettext ("%u I/O waits", "%u I/Os wait", 88), 88);
  double w = MAX (text_w (cache, L, FONT_GAUGE, retry), text_w (cache, L, FONT_SECTION, held));

  w = MAX (w, text_w (cache, L, FONT_GAUGE, _("not noticed yet")));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    w = MAX (w, text_w (cache, L, FONT_GAUGE, iop_ctrlr_state_label (states[i])));
  for (guint l = 0; l < sc->raid_legs; l++)
    {
      g_autofree char *forr = g_strdup_printf (_("for replica %c"), leg_letter ((int)l));

      w = MAX (w, text_w (cache, L, FONT_GAUGE, forr));
      for (guint pa = 0; pa < sc->paths_per_leg; pa++)
        {
          g_autofree char *head = g_strdup_printf (_("Replica %c · path %u"), leg_letter ((int)l), pa);

          w = MAX (w, text_w (cache, L, FONT_SECTION, head));
        }
    }
  /* the card's padding and its margin in the zone */
  return ceil (w + 0.7 * L->u + 0.6 * L->u + 2);
}
