/* iop-painter-layout.c: the geometry of the whole scene
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * layout_place() places everything for one unit and detail level;
 * layout_new() looks for the largest unit that fits the canvas; the cache
 * keeps the layout and the static layer between frames.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* What layout_place() works out for one unit, step by step */
typedef struct
{
  double   u;
  double   M;          /* the canvas's margin */
  double   G;          /* the gap between the zones */
  double   P;          /* a card's padding */
  double   colgap;
  double   pad;        /* a box label's room each side */
  double   lead;       /* the guest's column, in columns */
  double   trail;      /* the SSD's column, in columns */
  double   cw;         /* a layer column's width */
  double   bm_w;
  double   st_w;
  double   net_w;
  guint    n_slots;    /* pill slots across the network */
  double   top;
  double   bottom;
  double   x;          /* the storage nodes' left edge */
  gboolean strict;
  gboolean fits;       /* FIT_WHOLE so far */
  gboolean in_place;   /* FIT_SQUEEZED at least */
} Place;

/* The widest of the steps' titles in the caption: those that need two
 * lines (draw_caption gives them the detail line's) left out */
static double
longest_title (IopPainterCache  *cache,
               IopPainterLayout *L,
               double            room,
               gboolean         *fits)
{
  double w = text_w (cache, L, FONT_CAPTION_TITLE, _("The guest rings the doorbell"));
  CaptionWidths *cw = &L->capw;
  int size = pango_font_description_get_size (L->fonts[FONT_CAPTION_TITLE]);

  if (cw->title_size != size)
    {
      if (cw->title_w == NULL)
        {
          cw->title_w = g_new0 (double, MAX (L->trace->steps->len, 1));
          cw->two_ok = g_new0 (double, MAX (L->trace->steps->len, 1));
          cw->two_no = g_new0 (double, MAX (L->trace->steps->len, 1));
        }
      memset (cw->two_ok, 0, sizeof (double) * L->trace->steps->len);
      memset (cw->two_no, 0, sizeof (double) * L->trace->steps->len);
      for (guint i = 0; i < L->trace->steps->len; i++)
        {
          IopStep *st = iop_trace_step (L->trace, i);

          cw->title_w[i] = text_w (cache, L, FONT_CAPTION_TITLE, st->title ? st->title : st->key);
        }
      cw->title_size = size;
    }
  *fits = TRUE;
  for (guint i = 0; i < L->trace->steps->len; i++)
    {
      IopStep *st = iop_trace_step (L->trace, i);
      const char *title = st->title ? st->title : st->key;
      double tw = cw->title_w[i];

      if (tw > room)
        {
          /* on two lines: known from a room as wide or a narrower one */
          gboolean two = cw->two_ok[i] > 0 && room >= cw->two_ok[i] ? TRUE
                         : cw->two_no[i] > 0 && room <= cw->two_no[i] ? FALSE
                         : fits_lines (cache, L, FONT_CAPTION_TITLE, title, room, 2);

          if (two)
            cw->two_ok[i] = cw->two_ok[i] > 0 ? MIN (cw->two_ok[i], room) : room;
          else
            cw->two_no[i] = MAX (cw->two_no[i], room);
          if (two)
            continue;
        }
      if (tw > room)
        *fits = FALSE;
      w = MAX (w, tw);
    }
  return w;
}

/* The widest of the steps' detail lines at their shortest */
static double
shortest_detail (IopPainterCache  *cache,
                 IopPainterLayout *L)
{
  double w = 0;
  int size = pango_font_description_get_size (L->fonts[FONT_CAPTION]);

  if (L->capw.detail_size == size)
    return L->capw.shortest_detail;
  for (guint i = 0; i < L->trace->steps->len; i++)
    {
      g_autofree char *d = caption_detail_shortest (iop_trace_step (L->trace, i));

      w = MAX (w, text_w (cache, L, FONT_CAPTION, d));
    }
  L->capw.detail_size = size;
  L->capw.shortest_detail = w;
  return w;
}

/* Caption strip: the step badge, title and detail line, the time, the legend */
static void
place_caption (IopPainterCache  *cache,
               IopPainterLayout *L,
               Place            *pc)
{
  double u = pc->u, M = pc->M;
  double W = L->width, H = L->height;
  /* presentation: a lower third, the step's sentence on up to two lines
   * (one on a small canvas, where the diagram needs the height) */
  int detail_lines = L->presentation && L->height >= 600 ? 2 : 1;
  double ch = round (L->lh[FONT_CAPTION_TITLE] + 0.2 * u + detail_lines * L->lh[FONT_CAPTION] + 1.1 * u);
  double cx, cr, badge_w, time_w, legend_w = 0, title_w;
  gboolean title_fits;

  L->caption = rect_make (M, H - M - ch, W - 2 * M, ch);
  cx = L->caption.x + 0.7 * u;
  cr = L->caption.x + L->caption.width - 0.9 * u;
  badge_w = text_w (cache, L, FONT_BADGE, _("Step 888 of 888")) + 1.4 * u;
  L->cap_badge = rect_make (cx, L->caption.y + (ch - (L->lh[FONT_BADGE] + 0.5 * u)) / 2,
                            badge_w, L->lh[FONT_BADGE] + 0.5 * u);
  cx += badge_w + 0.9 * u;
  time_w = MAX (text_w (cache, L, FONT_CAPTION_TITLE, _("888.88 µs")),
                text_w (cache, L, FONT_CAPTION, _("took 888.88 µs"))) + 0.2 * u;
  L->cap_time = rect_make (cr - time_w, L->caption.y + 0.55 * u, time_w, ch - 1.1 * u);
  cr -= time_w + 1.2 * u;
  if (L->n_legs > 1)
    {
      g_autofree char *a = g_strdup_printf (_("Replica %c"), 'A');

      legend_w = 2 * (text_w (cache, L, FONT_CAPTION, a) + 1.6 * u) + 0.4 * u;
    }
  /* the legend only where the steps' titles keep room: the tokens' colours
   * are in the caption's detail line too ("leg A") */
  title_w = longest_title (cache, L, cr - legend_w - 1.0 * u - cx, &title_fits);
  if (legend_w > 0 && title_fits && cr - legend_w - 1.0 * u - cx >= MAX (10 * u, title_w))
    {
      L->cap_legend = rect_make (cr - legend_w, L->caption.y, legend_w, ch);
      cr -= legend_w + 1.0 * u;
    }
  else
    L->cap_legend = rect_make (cr, L->caption.y, 0, 0);
  L->cap_title = rect_make (cx, L->caption.y + 0.55 * u, MAX (cr - cx, 0), L->lh[FONT_CAPTION_TITLE]);
  L->cap_detail = rect_make (cx, L->cap_title.y + L->lh[FONT_CAPTION_TITLE] + 0.2 * u,
                             MAX (cr - cx, 0), detail_lines * L->lh[FONT_CAPTION]);
  if (cr - cx < 10 * u)
    pc->fits = FALSE;
  /* no title cut, nor a detail line with less than its function and leg */
  longest_title (cache, L, cr - cx, &title_fits);
  if (!title_fits || (!L->presentation && shortest_detail (cache, L) > cr - cx + 1))
    L->n_cut++;
  /* the badge and the time would meet */
  if (cr - cx < 2 * u || L->caption.height <= 0 || L->caption.y < M)
    pc->in_place = FALSE;
}

/* Columns: guest | baremetal layers || network || storage layers | SSD.
 * Sets the widths of a column and of each zone, and the baremetal's and the
 * network's rects (the baremetal's moves again once its height is known) */
static void
place_columns (IopPainterCache  *cache,
               IopPainterLayout *L,
               Place            *pc)
{
  double u = pc->u, M = pc->M, G = pc->G, P = pc->P;
  double W = L->width;
  double inner_w, net_w, rest, cw, bm_cols, st_cols;
  Host *bm = g_ptr_array_index (L->hosts, 0);
  gboolean has_device = FALSE;

  for (int h = 1; h < (int)L->hosts->len; h++)
    has_device |= ((Host *)g_ptr_array_index (L->hosts, h))->device_box >= 0;
  pc->lead = bm->guest_box >= 0 ? 0.75 : 0;
  pc->trail = has_device ? 0.8 : 0;
  bm_cols = L->bm_columns->len + pc->lead;
  st_cols = L->n_nodes > 0 ? L->st_columns->len + pc->trail : 0;

  inner_w = W - 2 * M;
  net_w = L->n_nodes > 0 ? CLAMP (0.095 * inner_w, 8 * u, 14 * u) : 0;
  pc->n_slots = 1;
  for (guint i = 0; i < L->wires->len; i++)
    {
      Wire *w = g_ptr_array_index (L->wires, i);
      double widest = 0;

      pc->n_slots = MAX (pc->n_slots, w->pills->len);
      for (guint p = 0; p < w->pills->len; p++)
        {
          Box *pill = g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p));

          widest = MAX (widest, text_w (cache, L, FONT_PILL, pill->tiny_label ? pill->tiny_label
                                                   : pill->short_label ? pill->short_label : pill->label));
        }
      net_w = MAX (net_w, MIN (0.6 * u + w->pills->len * (widest + 1.6 * u + pill_token_room (L)), 0.24 * inner_w));
    }
  /* a fault's cards stand in the network zone: room for their first lines */
  if (L->n_nodes > 0 && iop_trace_has_faults (L->trace))
    net_w = MAX (net_w, MIN (fault_cards_width (cache, L), 0.22 * inner_w));
  rest = inner_w - net_w - (L->n_nodes > 0 ? 2 * G : 0) - (L->n_nodes > 0 ? 4 : 2) * P;
  cw = rest / MAX (bm_cols + st_cols, 1);
  /* the guest's column as wide as "Guest" needs (a box's label keeps 0.3 u
   * a side), up to a column and a half */
  if (bm->guest_box >= 0 && cw > 0)
    {
      Box *g = box_at (L, bm->guest_box);
      double want = (text_w (cache, L, FONT_BOX, g->short_label ? g->short_label : g->label) + 0.6 * u + pc->colgap + 2) / cw;

      if (want > pc->lead)
        {
          pc->lead = MIN (want, 1.5);
          bm_cols = L->bm_columns->len + pc->lead;
          cw = rest / MAX (bm_cols + st_cols, 1);
        }
    }
  if (cw < 5.0 * u)
    pc->fits = FALSE;   /* labels shorten */
  if (cw < 3.2 * u)
    pc->in_place = FALSE;   /* a box narrower than its pips' margins */
  if (cw > 10.5 * u)
    {
      net_w += (cw - 10.5 * u) * (bm_cols + st_cols);
      cw = 10.5 * u;
    }
  cw = MAX (floor (cw), 0);
  pc->cw = cw;
  pc->bm_w = round (bm_cols * cw + 2 * P);
  pc->st_w = round (st_cols * cw + 2 * P);
  net_w = inner_w - pc->bm_w - (L->n_nodes > 0 ? pc->st_w + 2 * G : 0);
  pc->net_w = net_w;
  if (L->n_nodes > 0 && net_w < 6 * u)
    pc->in_place = FALSE;

  pc->top = M;
  pc->bottom = L->caption.y - G;
  pc->x = M;
  bm->rect = rect_make (pc->x, pc->top, pc->bm_w, pc->bottom - pc->top);
  pc->x += pc->bm_w + G;
  L->network = rect_make (pc->x, pc->top, L->n_nodes > 0 ? net_w : 0, pc->bottom - pc->top);
  pc->x += net_w + G;
}

/* Gauge columns: as wide as the labels want, denser only for a host that
 * would not fit otherwise */
static void
place_gauge_columns (IopPainterCache  *cache,
                     IopPainterLayout *L,
                     Place            *pc,
                     gboolean          dense)
{
  double u = pc->u, G = pc->G, P = pc->P;
  double top = pc->top, bottom = pc->bottom;

  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);
      double w = (h == 0 ? pc->bm_w : pc->st_w) - 2 * P;
      /* the baremetal host leaves the outcome card its whole height if it can */
      double room = h == 0 ? bottom - top - (L->trace->steps->len > 0 ? outcome_want_height (L, pc->bm_w) : 0)
                           : (bottom - top - (L->n_nodes - 1) * G) / MAX (L->n_nodes, 1);

      for (int d = dense ? 1 : 0; d < 2; d++)
        {
          host->pool_cols = gauge_columns (cache, L, host->shown_pools, w, d);
          for (guint i = 0; i < host->lanes->len; i++)
            {
              Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

              lane->gauge_cols = gauge_columns (cache, L, lane->shown, w - 0.3 * u, d);
            }
          if (2 * P + host_top_height (L, host) + host_lanes_height (L, host) <= room)
            break;
        }
    }
}

/* Storage nodes, stacked; adds the middles of their rows to LANES_TARGET,
 * counted in N_LANES */
static void
place_storage_nodes (IopPainterCache  *cache,
                     IopPainterLayout *L,
                     Place            *pc,
                     double           *lanes_target,
                     int              *n_lanes)
{
  double u = pc->u, G = pc->G;
  double top = pc->top, x = pc->x, st_w = pc->st_w;
  double hp = (pc->bottom - top - (L->n_nodes - 1) * G) / L->n_nodes;

  for (int k = 0; k < L->n_nodes; k++)
    {
      Host *host = g_ptr_array_index (L->hosts, 1 + k);
      double ph = round (top + (k + 1) * (hp + G) - G) - round (top + k * (hp + G));

      double head = 0.85 * u + L->lh[FONT_TITLE] + (show_subtitles (L) ? 0.1 * u + L->lh[FONT_SUBTITLE] : 0) + 0.7 * u;
      double block = host_top_height (L, host) - (head - 0.85 * u) + host_lanes_height (L, host);
      double slack;

      host->rect = rect_make (x, top + k * (hp + G), st_w, ph);
      slack = host->rect.height - head - 0.85 * u - block;
      slack = MAX (slack, 0);
      if (slack > 0.25 * ph)
        {
          /* mostly empty: a card as tall as its content, in the middle of its slot */
          double card_h = ceil (ph - slack + 1.5 * u);

          host->rect = rect_make (x, round (top + k * (hp + G) + (ph - card_h) / 2), st_w, card_h);
          slack = 1.5 * u;
        }
      if (!place_host (cache, L, host,
                       host->rect.y + 0.85 * u + host_top_height (L, host) + round (0.6 * slack),
                       round (0.3 * slack)))
        pc->in_place = FALSE;
      for (guint i = 0; i < host->lanes->len; i++)
        {
          Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

          if ((host->idle && i > 0) || !lane->rows)
            continue;
          *lanes_target = (*lanes_target < 0 ? 0 : *lanes_target) + lane->rect.y + lane_rows_middle (L);
          (*n_lanes)++;
        }
    }
}

/* The baremetal card is as tall as its content, its first lane's rows level
 * with the middle of the storage nodes' rows */
static void
place_baremetal (IopPainterCache  *cache,
                 IopPainterLayout *L,
                 Place            *pc,
                 double            lanes_target,
                 int               n_storage_lanes)
{
  Host *bm = g_ptr_array_index (L->hosts, 0);
  double P = pc->P, top = pc->top, bottom = pc->bottom;
  double top_h = host_top_height (L, bm);
  double card_h = ceil (2 * P + top_h + host_lanes_height (L, bm)) + 1;
  double lanes_y = n_storage_lanes > 0
    ? lanes_target / n_storage_lanes - lane_rows_middle (L)
    : (top + bottom - card_h) / 2 + P + top_h;
  double card_y = lanes_y - top_h - P;

  if (card_h > bottom - top)
    pc->in_place = FALSE;
  card_y = round (CLAMP (card_y, top, MAX (bottom - card_h, top)));
  /* the outcome card at the last step goes below the host or above it:
   * where neither band has room, the host moves up, out of line with the
   * storage nodes' rows, and if even that is not room enough the layout
   * counts it a cut (it would cover labels) */
  if (L->trace->steps->len > 0)
    {
      double least = outcome_min_height (L, pc->bm_w), want = outcome_want_height (L, pc->bm_w);
      double band = MAX (bottom - (card_y + card_h), card_y - top), all = bottom - top - card_h;

      if (band < want && all >= want)
        card_y = top;
      else if (band < least && all >= least)
        card_y = top;
      else if (band < least)
        L->n_cut++;
    }
  bm->rect = rect_make (pc->M, card_y, pc->bm_w, MIN (card_h, bottom - top));
  if (!place_host (cache, L, bm, card_y + P + top_h, 0))
    pc->in_place = FALSE;
}

static void
place_network_title (IopPainterCache  *cache,
                     IopPainterLayout *L,
                     Place            *pc)
{
  double u = pc->u;
  g_autofree char *sub = NULL;
  const char *fabric = L->trace->scenario ? L->trace->scenario->hosts[IOP_HOST_BAREMETAL].fabric_trtype : NULL;
  double ny = L->network.y + pc->P;

  add_text (cache, L, FONT_TITLE, _("Network"), L->network.x, ny, L->network.width,
            PANGO_ALIGN_CENTER, INK_FG, IOP_PLACE_NETWORK);
  ny += L->lh[FONT_TITLE] + 0.1 * u;
  if (show_subtitles (L))
    {
      /* TRANSLATORS: the fabric, e.g. "NVMe-oF · RDMA" */
      sub = g_strdup_printf (_("NVMe-oF · %s"), trtype_label (fabric));
      add_text (cache, L, FONT_SUBTITLE, sub, L->network.x + 0.3 * u, ny, L->network.width - 0.6 * u,
                PANGO_ALIGN_CENTER, INK_DIM, IOP_PLACE_NETWORK);
    }
}

/* The label of a guest or SSD box (tall, in both rows) at BX, BY, BW, BH;
 * TEXT: what the stage rule would have shown */
static void
place_tall_label (IopPainterCache  *cache,
                  IopPainterLayout *L,
                  Box              *box,
                  const char       *text,
                  double            bx,
                  double            by,
                  double            bw,
                  double            bh)
{
  double u = L->u;
  const char *space = strrchr (box->label, ' ');
  double room = bw - 0.6 * u;
  g_autofree char *first = space ? g_strndup (box->label, space - box->label) : NULL;

  if (text_w (cache, L, FONT_BOX, box->label) > room && space != NULL &&
      text_w (cache, L, FONT_BOX, first) <= room && text_w (cache, L, FONT_BOX, space + 1) <= room)
    {
      /* tall boxes take their label on two lines */
      double ty = box->pub.kind == IOP_PAINTER_BOX_GUEST
        ? by + bh / 2 - L->lh[FONT_BOX]
        : by + bh / 2 - 2 * L->lh[FONT_BOX] + 0.1 * u;

      add_text (cache, L, FONT_BOX, first, bx + 0.3 * u, ty,
                room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
      add_text (cache, L, FONT_BOX, space + 1, bx + 0.3 * u, ty + L->lh[FONT_BOX],
                room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
    }
  else
    {
      /* narrow: the whole label, the short one, its last word ("VM",
       * "SSD"), or as much of it as says something */
      if (text_w (cache, L, FONT_BOX, box->label) <= room)
        text = box->label;
      else if (box->short_label && text_w (cache, L, FONT_BOX, box->short_label) <= room)
        text = box->short_label;
      else if (space != NULL && text_w (cache, L, FONT_BOX, space + 1) <= room)
        text = space + 1;
      else if (!label_shows (cache, L, FONT_BOX, text, room))
        {
          text = NULL;
          L->n_hidden++;
        }
      if (text != NULL && box->pub.kind == IOP_PAINTER_BOX_GUEST)
        add_text (cache, L, FONT_BOX, text, bx + 0.3 * u, by + (bh - L->lh[FONT_BOX]) / 2,
                  room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
      else if (text != NULL)
        add_text (cache, L, FONT_BOX, text, bx + 0.3 * u, by + bh / 2 - L->lh[FONT_BOX] - 0.1 * u,
                  room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
    }
  box->pip_y = by + bh / 2 + 0.95 * u;
}

/* A stage, guest or SSD box in its lane, and its label */
static void
place_box (IopPainterCache  *cache,
           IopPainterLayout *L,
           Place            *pc,
           Box              *box)
{
  double u = pc->u, P = pc->P, colgap = pc->colgap, cw = pc->cw;
  Host *host = box->host >= 0 ? g_ptr_array_index (L->hosts, box->host) : NULL;
  Lane *lane = box->lane >= 0 ? g_ptr_array_index (L->lanes, box->lane) : NULL;
  double base_x, bx, bw, by, bh;
  const char *text;
  guint col;

  if (box->pub.kind == IOP_PAINTER_BOX_WIRE || host == NULL)
    return;
  if (lane == NULL && host->lanes->len > 0)
    lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, 0));
  if (lane == NULL)
    return;
  base_x = host->rect.x + P;
  switch ((int)box->pub.kind)
    {
    case IOP_PAINTER_BOX_GUEST:
      bx = base_x;
      bw = pc->lead * cw - colgap;
      by = lane->sub_y;
      bh = lane->comp_y + L->box_h - lane->sub_y;
      break;
    case IOP_PAINTER_BOX_DEVICE:
      bx = base_x + L->st_columns->len * cw + colgap / 2;
      bw = pc->trail * cw - colgap / 2;
      by = lane->sub_y;
      bh = lane->comp_y + L->box_h - lane->sub_y;
      break;
    default:
      {
        GPtrArray *cols = box->host == 0 ? L->bm_columns : L->st_columns;

        if (!g_ptr_array_find (cols, box->group, &col))
          col = 0;
        box->column = col;
        bx = base_x + ((box->host == 0 ? pc->lead : 0) + col) * cw + colgap / 2;
        bw = cw - colgap;
        by = box->pub.completion ? lane->comp_y : lane->sub_y;
        bh = L->box_h;
      }
    }
  box->pub.rect = rect_make (bx, by, bw, bh);
  bx = box->pub.rect.x;
  bw = box->pub.rect.width;
  text = box->label;
  if (text_w (cache, L, FONT_BOX, text) > bw - 2 * pc->pad)
    {
      /* presentation trades long names for big letters */
      gboolean short_ok = L->presentation && box->short_label &&
                          text_w (cache, L, FONT_BOX, box->short_label) <= bw - 2 * pc->pad;

      if (pc->strict && box->pub.kind == IOP_PAINTER_BOX_STAGE && !short_ok)
        pc->fits = FALSE;
      if (box->short_label)
        text = box->short_label;
    }
  if (box->pub.kind == IOP_PAINTER_BOX_STAGE)
    {
      if (label_shows (cache, L, FONT_BOX, text, bw - 2 * pc->pad))
        add_text (cache, L, FONT_BOX, text, bx + pc->pad, by + 0.3 * u, bw - 2 * pc->pad,
                  PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
      else
        L->n_hidden++;
      /* a token here (its ring included) stays under the label */
      box->pip_y = by + 0.3 * u + L->lh[FONT_BOX] + L->token_r + 2;
    }
  else
    place_tall_label (cache, L, box, text, bx, by, bw, bh);
}

double
pill_token_room (IopPainterLayout *L)
{
  return 2 * (L->token_r + 1.5) + 0.25 * L->u;
}

/* Pill P of wire I (W): in a slot across the network zone shared by every
 * wire; at one x, the wires of a node are a row apart, so pills never collide */
static void
place_pill (IopPainterCache  *cache,
            IopPainterLayout *L,
            Place            *pc,
            Wire             *w,
            guint             i,
            guint             p)
{
  double u = pc->u;
  guint n_slots = pc->n_slots;
  Box *pill = g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p));
  double span = L->network.width - 0.6 * u;
  guint slot = n_slots == 1 ? 0 : p;
  double px = w->ret
    ? L->network.x + L->network.width - 0.3 * u - (slot + 0.5) * span / n_slots
    : L->network.x + 0.3 * u + (slot + 0.5) * span / n_slots;
  double room = MAX (span / n_slots - 0.4 * u, 0);
  double ph = L->lh[FONT_PILL] + 0.5 * u;
  const char *text = L->presentation && pill->short_label ? pill->short_label : pill->label;
  double tw = text_w (cache, L, FONT_PILL, text);
  double tr = pill_token_room (L);
  double lead = 0.35 * u, text_x, dot_x;
  Pt c;

  if (tw > room - 1.2 * u - tr && pill->short_label)
    {
      text = pill->short_label;
      tw = text_w (cache, L, FONT_PILL, text);
    }
  if (tw > room - 1.2 * u - tr && pill->tiny_label)
    {
      text = pill->tiny_label;
      tw = text_w (cache, L, FONT_PILL, text);
    }
  /* the token stops at the pill's leading end, beside its label */
  tw = MIN (tw + 1.2 * u + tr, room);

  /* wires that share an end meet there: slide along this wire until clear */
  for (int k = 0; k <= 16; k++)
    {
      double dx = (k + 1) / 2 * 0.06 * span * (k % 2 ? -1 : 1);
      double cx = CLAMP (px + (w->ret ? -dx : dx), L->network.x + tw / 2, L->network.x + L->network.width - tw / 2);
      cairo_rectangle_t r;
      gboolean clear = TRUE;

      pill->wire_s = wire_s_at_x (w, cx);
      c = wire_point (w, pill->wire_s);
      r = rect_make (c.x - tw / 2 - 0.4 * u, c.y - ph / 2 - 0.4 * u, tw + 0.8 * u, ph + 0.8 * u);
      for (guint ob = 0; ob < L->boxes->len && clear; ob++)
        {
          Box *other = g_ptr_array_index (L->boxes, ob);
          const cairo_rectangle_t *o = &other->pub.rect;

          if (other == pill || other->pub.kind != IOP_PAINTER_BOX_WIRE || o->width <= 0)
            continue;
          if (other->wire > (int)i || (other->wire == (int)i && ob >= (guint)g_array_index (w->pills, int, p)))
            continue;
          clear = !(r.x < o->x + o->width && o->x < r.x + r.width &&
                    r.y < o->y + o->height && o->y < r.y + r.height);
        }
      if (clear)
        break;
    }
  pill->pub.rect = rect_make (c.x - tw / 2, c.y - ph / 2, tw, ph);
  pill->pip_y = c.y;
  /* forward wires run left to right, return wires right to left */
  text_x = w->ret ? pill->pub.rect.x + 0.6 * u : pill->pub.rect.x + lead + tr;
  dot_x = w->ret ? pill->pub.rect.x + pill->pub.rect.width - lead - L->token_r - 1.5
                 : pill->pub.rect.x + lead + L->token_r + 1.5;
  /* the token leaves the wire where it meets the pill, and stops at DOT_X */
  pill->token_x = dot_x;
  pill->token_s = pill->wire_s;
  for (guint k = 0; k < w->pts->len; k++)
    if (rect_contains (&pill->pub.rect, g_array_index (w->pts, Pt, k).x, g_array_index (w->pts, Pt, k).y))
      {
        pill->token_s = g_array_index (w->cum, double, k);
        break;
      }
  if (label_shows (cache, L, FONT_PILL, text, pill->pub.rect.width - 0.95 * u - tr))
    add_text (cache, L, FONT_PILL, text, text_x,
              pill->pub.rect.y + (ph - L->lh[FONT_PILL]) / 2, pill->pub.rect.width - 0.95 * u - tr,
              PANGO_ALIGN_CENTER, INK_FG, IOP_PLACE_NETWORK);
  else
    L->n_hidden++;
}

/* Wire I: port on the box, panel edges, port on the other box; then its pills */
static void
place_wire (IopPainterCache  *cache,
            IopPainterLayout *L,
            Place            *pc,
            guint             i)
{
  Host *bm = g_ptr_array_index (L->hosts, 0);
  Wire *w = g_ptr_array_index (L->wires, i);
  Box *from = box_at (L, w->from_box), *to = box_at (L, w->to_box);
  Host *st = g_ptr_array_index (L->hosts, MIN (1 + w->node, (int)L->hosts->len - 1));
  double bm_edge = bm->rect.x + bm->rect.width, st_edge = st->rect.x;
  double bm_y = bm->rect.y + bm->rect.height / 2, st_y = st->rect.y + st->rect.height / 2;
  Pt a, b;

  if (!w->ret)
    {
      bm_y = from ? from->pip_y : bm_y;
      st_y = to ? to->pip_y : st_y;
      a = (Pt) { from ? from->pub.rect.x + from->pub.rect.width : bm_edge, bm_y };
      b = (Pt) { to ? to->pub.rect.x : st_edge, st_y };
      w->p[0] = a;
      w->p[1] = (Pt) { bm_edge, bm_y };
      w->p[2] = (Pt) { st_edge, st_y };
      w->p[3] = b;
    }
  else
    {
      st_y = from ? from->pip_y : st_y;
      bm_y = to ? to->pip_y : bm_y;
      a = (Pt) { from ? from->pub.rect.x : st_edge, st_y };
      b = (Pt) { to ? to->pub.rect.x + to->pub.rect.width : bm_edge, bm_y };
      w->p[0] = a;
      w->p[1] = (Pt) { st_edge, st_y };
      w->p[2] = (Pt) { bm_edge, bm_y };
      w->p[3] = b;
    }
  wire_sample (w);

  for (guint p = 0; p < w->pills->len; p++)
    place_pill (cache, L, pc, w, i, p);
}

/* Where the request starts and ends, and where the token sits for each
 * step: the pip of its function in its box */
static void
place_anchors (IopPainterLayout *L,
               double            u)
{
  double W = L->width, H = L->height;
  Host *bm = g_ptr_array_index (L->hosts, 0);
  Box *g = box_at (L, bm->guest_box);

  /* The guest: the request leaves from the upper row, comes back into the lower */
  if (g != NULL)
    {
      double cx = g->pub.rect.x + g->pub.rect.width / 2;

      L->guest_anchor = (Pt) { cx, g->pub.rect.y + L->box_h / 2 };
      L->guest_return = (Pt) { cx, g->pub.rect.y + g->pub.rect.height - L->box_h / 2 };
    }
  else
    L->guest_anchor = L->guest_return = (Pt) { 0, H / 2 };

  for (guint i = 0; i < L->trace->steps->len; i++)
    {
      IopStep *st = iop_trace_step (L->trace, i);
      Box *box = box_at (L, L->step_box[i]);
      guint k = 0, nk;
      double pad, span;

      if (box == NULL)
        {
          L->anchor[i] = (Pt) { W / 2, H / 2 };
          continue;
        }
      if (box->pub.kind == IOP_PAINTER_BOX_WIRE)
        {
          L->anchor[i] = (Pt) { box->token_x, box->pip_y };
          continue;
        }
      if (box->pub.kind == IOP_PAINTER_BOX_GUEST)
        {
          L->anchor[i] = L->step_phase[i] ? L->guest_return : L->guest_anchor;
          continue;
        }
      g_ptr_array_find_with_equal_func (box->keys, st->key, g_str_equal, &k);
      nk = MAX (box->keys->len, 1);
      pad = 0.9 * u;
      span = box->pub.rect.width - 2 * pad;
      if (box->pub.completion && box->pub.kind == IOP_PAINTER_BOX_STAGE)
        k = nk - 1 - k;  /* the way back reads right to left */
      L->anchor[i].x = box->pub.rect.x + pad + (nk == 1 ? span / 2 : k * span / (nk - 1));
      L->anchor[i].y = box->pip_y;
      /* both legs in one box: the second one's token a little lower */
      if ((box->leg_mask & 3) == 3 && st->leg > 0)
        L->anchor[i].y += 0.3 * u;
    }
}

/* Geometry for unit U at detail level L->detail */
static Fit
layout_place (IopPainterCache  *cache,
              IopPainterLayout *L,
              double            u,
              gboolean          strict,
              gboolean          dense)
{
  Place pc = { 0, };
  double lanes_target = -1;
  int n_storage_lanes = 0;

  pc.u = u;
  pc.M = round (0.9 * u);
  pc.G = round (0.75 * u);
  pc.P = 0.85 * u;
  /* dense: narrower gaps between the boxes and around their labels too */
  pc.colgap = dense ? 0.5 * u : 0.75 * u;
  pc.pad = dense ? 0.2 * u : 0.35 * u;
  pc.strict = strict;
  pc.fits = TRUE;
  pc.in_place = TRUE;

  L->u = u;
  L->n_hidden = 0;
  L->n_cut = 0;
  g_array_set_size (L->texts, 0);
  g_array_set_size (L->gauges, 0);
  for (guint i = 0; i < L->trace->gauges->len; i++)
    L->gauge_slot[i] = -1;
  layout_fonts (cache, L);
  filter_gauges (L);

  L->radius = round (0.45 * u);
  L->line_w = MAX (1.0, round (0.07 * u));
  L->token_r = 0.42 * u;
  /* the label, then the row of pips where the token sits clear of it: a
   * second leg's token a little lower (place_anchors) */
  L->box_h = round (0.3 * u + L->lh[FONT_BOX] + 2 * (L->token_r + 1.5) + 1 + 0.3 * u + 0.25 * u);

  place_caption (cache, L, &pc);
  place_columns (cache, L, &pc);
  place_gauge_columns (cache, L, &pc, dense);
  if (L->n_nodes > 0)
    place_storage_nodes (cache, L, &pc, &lanes_target, &n_storage_lanes);
  place_baremetal (cache, L, &pc, lanes_target, n_storage_lanes);
  if (L->n_nodes > 0)
    place_network_title (cache, L, &pc);

  for (guint b = 0; b < L->boxes->len; b++)
    place_box (cache, L, &pc, g_ptr_array_index (L->boxes, b));
  for (guint i = 0; i < L->wires->len; i++)
    place_wire (cache, L, &pc, i);
  place_anchors (L, u);

  /* whole means every label whole */
  if (L->n_cut > 0 || L->n_hidden > 0)
    pc.fits = FALSE;
  return !pc.in_place ? FIT_NONE : pc.fits ? FIT_WHOLE : FIT_SQUEEZED;
}

static IopPainterLayout *
layout_new (IopPainterCache     *cache,
            IopTrace            *trace,
            double               width,
            double               height,
            const IopPaintState *state)
{
  IopPainterLayout *L = g_new0 (IopPainterLayout, 1);
  double scale = sane_text_scale (state->text_scale);
  double u;

  L->trace = iop_trace_ref (trace);
  L->width = width;
  L->height = height;
  L->text_scale = scale;
  L->presentation = state->presentation;
  L->font_family = g_strdup (state->font_family ? state->font_family : "Cantarell, Sans");
  L->font_floor = FONT_FLOOR;
  L->detail = DETAIL_ALL;
  L->boxes = g_ptr_array_new_with_free_func (box_free);
  L->lanes = g_ptr_array_new_with_free_func (lane_free);
  L->hosts = g_ptr_array_new_with_free_func (host_free);
  L->wires = g_ptr_array_new_with_free_func (wire_free);
  L->texts = g_array_new (FALSE, TRUE, sizeof (TextItem));
  g_array_set_clear_func (L->texts, text_item_clear);
  L->gauges = g_array_new (FALSE, TRUE, sizeof (GaugeSlot));
  L->bm_columns = g_ptr_array_new ();
  L->st_columns = g_ptr_array_new ();

  layout_analyse (L);

  /* The largest unit (in half pixels) where every label fits whole, between
   * 11 px and 18 px at 1920x1080 (more in presentation), scaled with the size. */
  {
    double s = MIN (width / 1920.0, height / 1080.0);
    int hi = (int)floor (2 * 18.0 * s * scale * (state->presentation ? 1.3 : 1.0));
    int lo = (int)ceil (2 * 11.0 * MIN (scale, 1.5));
    int best = -1;

    if (hi >= lo && layout_place (cache, L, lo / 2.0, TRUE, FALSE) == FIT_WHOLE)
      {
        best = lo;
        while (lo < hi)
          {
            int mid = (lo + hi + 1) / 2;

            if (layout_place (cache, L, mid / 2.0, TRUE, FALSE) == FIT_WHOLE)
              best = lo = mid;
            else
              hi = mid - 1;
          }
        u = best / 2.0;
      }
    else
      {
        /* Too small for whole labels: shorten and ellipsize them, with
         * denser gauges (the largest unit first, down to 8 px); where even
         * that does not fit, leave details out, one kind after the other,
         * rather than text under 10.5 px or anything on top of anything.
         * Roomy labels first, then squeezed ones. */
        double u0 = MAX (round (2 * 15.0 * s * scale) / 2, 11.0);

        /* the most compact of them first: if even that spills, none fits */
        L->detail = DETAIL_NO_GAUGES;
        if (layout_place (cache, L, UNIT_MIN, FALSE, TRUE) == FIT_NONE)
          {
            /* the smallest canvases: text at 10.5 px rather than nothing in place */
            L->font_floor = FONT_FLOOR_SMALL;
            if (layout_place (cache, L, UNIT_MIN, FALSE, TRUE) == FIT_NONE)
              u0 = -1;
          }

        /* the most detail with every label whole, at the largest unit that
         * has it (roomy gauges before dense ones); on a canvas too small for
         * that at 11 px, at 10.5 */
        for (int pass = L->font_floor == FONT_FLOOR ? 0 : 1; pass < 2; pass++)
          {
            L->font_floor = pass == 0 ? FONT_FLOOR : FONT_FLOOR_SMALL;
            for (Detail detail = DETAIL_ALL; detail <= DETAIL_NO_GAUGES; detail++)
              for (u = u0; u >= UNIT_MIN; u -= 0.5)
                for (int dense = 0; dense < 2; dense++)
                  {
                    L->detail = detail;
                    L->fit = layout_place (cache, L, u, FALSE, dense);
                    if (L->fit == FIT_WHOLE || (L->fit == FIT_SQUEEZED && L->n_cut == 0 && L->n_hidden == 0))
                      return L;
                  }
          }

        /* squeezed: the unit that leaves out the fewest box and pill labels
         * (smaller text that names its boxes beats bigger text in blank
         * ones; a cut label beats none), the largest of those */
        for (Detail detail = DETAIL_ALL; detail <= DETAIL_NO_GAUGES; detail++)
          {
            double best_u = -1;
            int best_dense = 0;
            guint best_hidden = G_MAXUINT;

            for (u = u0; u >= UNIT_MIN; u -= 0.5)
              for (int dense = 0; dense < 2; dense++)
                {
                  L->detail = detail;
                  if (layout_place (cache, L, u, FALSE, dense) == FIT_SQUEEZED &&
                      L->n_hidden * 1000 + L->n_cut < best_hidden)
                    {
                      best_u = u;
                      best_dense = dense;
                      best_hidden = L->n_hidden * 1000 + L->n_cut;
                    }
                }
            if (best_u > 0)
              {
                L->detail = detail;
                L->fit = layout_place (cache, L, best_u, FALSE, best_dense);
                return L;
              }
          }

        /* Below the smallest size Iopath accepts (a widget squeezed by
         * its parent, a caller of this API): a thumbnail, whose text
         * shrinks with everything else. Drawing is clipped to the canvas
         * if even that does not fit. */
        L->detail = DETAIL_NO_GAUGES;
        for (u = UNIT_MIN - 0.5; u >= 1.0; u -= 0.5)
          {
            L->font_floor = FONT_FLOOR_SMALL * u / UNIT_MIN;
            L->fit = layout_place (cache, L, u, FALSE, TRUE);
            if (L->fit >= FIT_SQUEEZED)
              return L;
          }
        return L;
      }
    L->fit = layout_place (cache, L, u, TRUE, FALSE);
  }

  return L;
}

/* ------------------------------------------------------------------ */
/* The cache                                                            */

IopPainterCache *
iop_painter_cache_new (void)
{
  IopPainterCache *cache = g_new0 (IopPainterCache, 1);
  cairo_font_options_t *opts = cairo_font_options_create ();

  cache->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->card = -1;
  cache->pctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_antialias (opts, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (opts, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics (opts, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (cache->pctx, opts);
  pango_cairo_context_set_resolution (cache->pctx, 96.0);
  cairo_font_options_destroy (opts);
  cache->pl = pango_layout_new (cache->pctx);
  pango_layout_set_single_paragraph_mode (cache->pl, TRUE);
  return cache;
}

void
iop_painter_cache_free (IopPainterCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->layout, layout_free);
  g_clear_pointer (&cache->static_surface, cairo_surface_destroy);
  g_clear_object (&cache->pl);
  g_clear_object (&cache->pctx);
  g_clear_pointer (&cache->widths, g_hash_table_unref);
  g_free (cache);
}

static gboolean
layout_matches (IopPainterLayout    *L,
                IopTrace            *trace,
                double               width,
                double               height,
                const IopPaintState *state)
{
  return L != NULL && L->trace == trace && L->width == width && L->height == height &&
         L->text_scale == sane_text_scale (state->text_scale) && L->presentation == state->presentation &&
         g_strcmp0 (L->font_family, state->font_family ? state->font_family : "Cantarell, Sans") == 0;
}

IopPainterLayout *
iop_painter_cache_get_layout (IopPainterCache     *cache,
                              IopTrace            *trace,
                              double               width,
                              double               height,
                              const IopPaintState *state)
{
  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (trace != NULL, NULL);

  width = sane_side (width);
  height = sane_side (height);
  if (!layout_matches (cache->layout, trace, width, height, state))
    {
      g_clear_pointer (&cache->layout, layout_free);
      g_clear_pointer (&cache->static_surface, cairo_surface_destroy);
      cache->layout = layout_new (cache, trace, width, height, state);
    }
  return cache->layout;
}
