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
  double   y;          /* the next card's top */
  double   card_h;
  gboolean compact;    /* two lines a card, not four */
  guint    n_fit;
  guint    n_drawn;
} Cards;

/* The broken links, under the cards; returns how many cards there are */
static guint
draw_breaks (IopPainterCache  *cache,
             cairo_t          *cr,
             IopPainterLayout *L,
             const IopPalette *pal,
             gint64            t,
             double            title_bottom)
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

          /* level with the node's title, above the wires' pills; under the
           * network's own title when the node's card starts as high */
          draw_break (cache, cr, L, pal, MAX (node->rect.y + 1.5 * u, title_bottom + 1.0 * u),
                      down == sc->paths_per_leg);
        }
    }
  return n_cards;
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
  double u = L->u, x = c->x, y = c->y, w = c->w, card_h = c->card_h;
  g_autofree char *head = NULL;
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;

  /* TRANSLATORS: a path of a RAID replica, "Replica B · path 0" */
  head = g_strdup_printf (_("Replica %c · path %u"), leg_letter ((int)l), pa);
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
  show_text (cache, cr, L->fonts[FONT_SECTION], head, x + 0.35 * u, y + 0.3 * u, w - 0.7 * u,
             PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
  if (c->compact)
    show_text (cache, cr, L->fonts[FONT_GAUGE], what, x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE], w - 0.7 * u,
               PANGO_ALIGN_LEFT, ps->link_up ? &pal->dim_fg : &pal->warning, 1.0, FALSE);
  else
    {
      show_text (cache, cr, L->fonts[FONT_GAUGE], ps->link_up ? _("link up") : _("link down"),
                 x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE], w - 0.7 * u,
                 PANGO_ALIGN_LEFT, ps->link_up ? &pal->dim_fg : &pal->warning, 1.0, FALSE);
      show_text (cache, cr, L->fonts[FONT_GAUGE], what, x + 0.35 * u, y + 0.3 * u + 2 * L->lh[FONT_GAUGE], w - 0.7 * u,
                 PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);
      show_text (cache, cr, L->fonts[FONT_GAUGE], when, x + 0.35 * u, y + 0.3 * u + 3 * L->lh[FONT_GAUGE], w - 0.7 * u,
                 PANGO_ALIGN_LEFT, &pal->fg, 1.0, TRUE);
    }
  cache->card = -1;
  c->n_drawn++;
  c->y += card_h + 0.3 * u;
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
  double u = L->u, x = c->x, y = c->y, w = c->w, card_h = c->card_h;
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
  show_text (cache, cr, L->fonts[FONT_SECTION], held, x + 0.35 * u, y + 0.3 * u, w - 0.7 * u,
             PANGO_ALIGN_LEFT, &pal->fg, 1.0, TRUE);
  show_text (cache, cr, L->fonts[FONT_GAUGE], forr, x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE],
             w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
  if (!c->compact)
    {
      show_text (cache, cr, L->fonts[FONT_GAUGE], _("in the retry queue,"), x + 0.35 * u, y + 0.3 * u + 2 * L->lh[FONT_GAUGE],
                 w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);
      show_text (cache, cr, L->fonts[FONT_GAUGE], _("retried every second"), x + 0.35 * u, y + 0.3 * u + 3 * L->lh[FONT_GAUGE],
                 w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);
    }
  cache->card = -1;
  c->n_drawn++;
  c->y += card_h + 0.3 * u;
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
    show_text (cache, cr, L->fonts[FONT_SECTION], msg, r->x + u, r->y + r->height / 2 - L->lh[FONT_SECTION],
               r->width - 2 * u, PANGO_ALIGN_CENTER, &pal->fg, 1.0, FALSE);
    show_text (cache, cr, L->fonts[FONT_GAUGE], _("writes go to the other replica only; this one needs a rebuild"),
               r->x + u, r->y + r->height / 2 + 0.1 * u, r->width - 2 * u, PANGO_ALIGN_CENTER, &pal->dim_fg, 1.0, FALSE);
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

  if (!iop_trace_has_faults (trace) || L->network.width <= 0)
    return;

  /* The broken links first, under the cards; and count the cards: they
   * stack up from the bottom of the network zone */
  n_cards = draw_breaks (cache, cr, L, pal, t, title_bottom);
  /* they stay under the network's title: on a short canvas they lose their
   * last two lines, and those that still do not fit are left out */
  room = L->network.y + L->network.height - title_bottom - 0.3 * u;
  c.x = L->network.x + 0.3 * u;
  c.w = L->network.width - 0.6 * u;
  c.compact = n_cards * (4 * L->lh[FONT_GAUGE] + 1.2 * u) > room;
  c.card_h = (c.compact ? 2 : 4) * L->lh[FONT_GAUGE] + 0.9 * u;
  c.n_fit = (guint)count_floor (room / (c.card_h + 0.3 * u), 0, (int)n_cards);
  c.y = L->network.y + L->network.height - 0.3 * u - c.n_fit * (c.card_h + 0.3 * u);

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
