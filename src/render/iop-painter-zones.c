/* iop-painter-zones.c: fonts, texts, gauges and the host panels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The font of each role at unit u, the static text items, the grids of
 * gauges, and the title, pools and lanes of one host placed in its card.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

void
add_text (IopPainterCache  *cache,
          IopPainterLayout *L,
          FontRole          font,
          const char       *text,
          double            x,
          double            y,
          double            room,
          PangoAlignment    align,
          Ink               ink,
          IopPlace          place)
{
  TextItem t = { 0, };
  double whole = text_w (cache, L, font, text);
  double w = MIN (whole, MAX (room, 0));

  /* drawing gives a text a pixel more than its rect (draw_text_item) */
  if (whole > ceil (MAX (room, 0)) + 1)
    L->n_cut++;

  t.font = font;
  t.text = g_strdup (text);
  t.align = align;
  t.ink = ink;
  t.place = place;
  if (align == PANGO_ALIGN_CENTER)
    x += (room - w) / 2;
  else if (align == PANGO_ALIGN_RIGHT)
    x += room - w;
  t.rect.x = x;
  t.rect.y = y;
  t.rect.width = ceil (w);
  t.rect.height = ceil (L->lh[font]);
  g_array_append_val (L->texts, t);
}

/* Whether TEXT says something in ROOM: whole, or ellipsized with at least
 * three of its characters left ("RAI…"); "b…" says nothing, better none.
 * Drawing gives a text one pixel more than its rect (draw_text_item). */
gboolean
label_shows (IopPainterCache  *cache,
             IopPainterLayout *L,
             FontRole          font,
             const char       *text,
             double            room)
{
  g_autofree char *head = NULL;
  g_autofree char *cut = NULL;

  if (text == NULL || room <= 0)
    return FALSE;
  room = ceil (room) + 1;
  if (text_w (cache, L, font, text) <= room)
    return TRUE;
  if (g_utf8_strlen (text, -1) <= 3)
    return FALSE;
  head = g_utf8_substring (text, 0, 3);
  cut = g_strconcat (head, "…", NULL);
  return text_w (cache, L, font, cut) <= room;
}

void
layout_fonts (IopPainterCache  *cache,
              IopPainterLayout *L)
{
  static const struct { double size; PangoWeight weight; gboolean mono; } roles[N_FONTS] = {
    [FONT_TITLE]         = { 1.15, PANGO_WEIGHT_BOLD, FALSE },
    [FONT_SUBTITLE]      = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_SECTION]       = { 0.87, PANGO_WEIGHT_BOLD, FALSE },
    [FONT_LANE]          = { 0.87, PANGO_WEIGHT_MEDIUM, FALSE },
    [FONT_BOX]           = { 0.95, PANGO_WEIGHT_MEDIUM, FALSE },
    [FONT_PILL]          = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_GAUGE]         = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_NUMBERS]       = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_CAPTION_TITLE] = { 1.2, PANGO_WEIGHT_BOLD, FALSE },
    [FONT_CAPTION]       = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_MONO]          = { 0.87, PANGO_WEIGHT_NORMAL, TRUE },
    [FONT_BADGE]         = { 0.87, PANGO_WEIGHT_BOLD, FALSE },
  };

  for (guint i = 0; i < N_FONTS; i++)
    {
      PangoFontDescription *fd = pango_font_description_new ();
      /* small windows: text stays readable, the boxes shorten their labels */
      /* presentation mode: the caption band is a lower third, its title and
       * the step's own sentence in large type */
      double role = roles[i].size * (!L->presentation ? 1.0
                                     : i == FONT_CAPTION_TITLE ? 1.5
                                     : i == FONT_CAPTION ? 1.3 : 1.0);
      double px = MAX (round (role * L->u * 4) / 4, L->font_floor);
      double h;

      pango_font_description_set_family (fd, roles[i].mono ? "Monospace" : L->font_family);
      pango_font_description_set_weight (fd, roles[i].weight);
      pango_font_description_set_absolute_size (fd, px * PANGO_SCALE);
      g_clear_pointer (&L->fonts[i], pango_font_description_free);
      L->fonts[i] = fd;
      /* a line's height, remembered as the widths are */
      {
        g_autofree char *key = g_strdup_printf ("lh|%d|%d|%s", pango_font_description_get_size (fd),
                                                (int)roles[i].weight, pango_font_description_get_family (fd));
        gpointer found;

        if (g_hash_table_lookup_extended (cache->widths, key, NULL, &found))
          h = GPOINTER_TO_INT (found) / 64.0;
        else
          {
            measure (cache, fd, "Ag", NULL, &h);
            g_hash_table_insert (cache->widths, g_steal_pointer (&key), GINT_TO_POINTER ((int)(h * 64)));
          }
      }
      L->lh[i] = ceil (h);
    }
}

gboolean
show_subtitles (IopPainterLayout *L)
{
  return !L->presentation && L->detail < DETAIL_NO_SUBTITLES;
}

static void
filter (IopPainterLayout *L,
        GArray           *all,
        GArray          **shown,
        Detail            none,
        Detail            idle)
{
  if (*shown == NULL)
    *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (*shown, 0);
  if (L->detail >= none)
    return;
  for (guint i = 0; i < all->len; i++)
    {
      guint g = g_array_index (all, guint, i);

      if (L->detail < idle || gauge_info (L, g)->max_delta > 0)
        g_array_append_val (*shown, g);
    }
}

/* The gauges the detail level keeps: the process-wide pools, then the
 * threads' gauges that this I/O leaves as they are go first, then all */
void
filter_gauges (IopPainterLayout *L)
{
  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);

      filter (L, host->pools, &host->shown_pools, DETAIL_NO_POOLS, DETAIL_NO_IDLE_POOLS);
    }
  for (guint i = 0; i < L->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (L->lanes, i);

      filter (L, lane->gauges, &lane->shown, DETAIL_NO_GAUGES, DETAIL_NO_IDLE_GAUGES);
    }
}

static guint
n_pools (IopPainterLayout *L,
         Host             *host)
{
  return host->shown_pools ? host->shown_pools->len : 0;
}

static guint
n_lane_gauges (IopPainterLayout *L,
               Lane             *lane)
{
  return lane->shown ? lane->shown->len : 0;
}

/* Height of a grid of N gauges in COLS columns */
static double
gauges_height (IopPainterLayout *L,
               guint             n,
               int               cols)
{
  double gh = L->lh[FONT_GAUGE] + 0.62 * L->u;
  guint rows;

  if (n == 0)
    return 0;
  cols = MAX (cols, 1);
  rows = (n + cols - 1) / cols;
  return rows * gh + (rows - 1) * 0.55 * L->u;
}

/* The room the change at a step ("−1") takes left of the numbers: none
 * for a gauge this I/O leaves as it is */
static double
delta_room (IopPainterCache  *cache,
            IopPainterLayout *L,
            guint             gauge)
{
  GaugeInfo *gi = gauge_info (L, gauge);
  int size = pango_font_description_get_size (L->fonts[FONT_BADGE]);

  if (gi->max_delta == 0)
    return 0;
  if (gi->delta_size != size)
    {
      g_autofree char *widest = g_strdup_printf ("−%" G_GINT64_FORMAT, gi->max_delta);

      gi->delta_w = text_w (cache, L, FONT_BADGE, widest);
      gi->delta_size = size;
    }
  return gi->delta_w + 0.4 * L->u;
}

/* The widest numbers of GAUGE at TIER, over the levels it shows */
static double
numbers_w (IopPainterCache  *cache,
           IopPainterLayout *L,
           guint             gauge,
           int               tier)
{
  IopGauge *g = g_ptr_array_index (L->trace->gauges, gauge);
  GaugeInfo *gi = gauge_info (L, gauge);
  int size = pango_font_description_get_size (L->fonts[FONT_NUMBERS]);
  double w = 0;

  if (gi->numbers_size != size)
    {
      for (guint t = 0; t < G_N_ELEMENTS (gi->numbers_w); t++)
        gi->numbers_w[t] = -1;
      gi->numbers_size = size;
    }
  if (gi->numbers_w[tier] >= 0)
    return gi->numbers_w[tier];
  for (guint i = 0; i < gi->levels->len; i++)
    {
      g_autofree char *num = format_level (g_array_index (gi->levels, gint64, i), g->capacity, tier);

      w = MAX (w, text_w (cache, L, FONT_NUMBERS, num));
    }
  gi->numbers_w[tier] = w;
  return w;
}

/* What a gauge's line holds, in the order a narrow gauge gives it up:
 * the exact capacity, the long label, the exact level, the capacity, the
 * short label. The label is never cut: a gauge too narrow for its
 * shortest form counts a cut and the layout looks further. */
static const struct { int form; int tier; } concessions[] = {
  { 0, 0 }, { 0, 1 }, { 1, 1 }, { 1, 2 }, { 1, 3 }, { 2, 3 },
};

#define GAUGE_GAP(L) (0.8 * (L)->u)

static double
gauge_width (IopPainterCache  *cache,
             IopPainterLayout *L,
             guint             gauge,
             guint             c)
{
  GaugeInfo *gi = gauge_info (L, gauge);
  int form = MIN (concessions[c].form, (int)gi->forms->len - 1);
  int size = pango_font_description_get_size (L->fonts[FONT_GAUGE]);

  if (gi->label_size != size)
    {
      for (guint f = 0; f < gi->forms->len && f < G_N_ELEMENTS (gi->forms_w); f++)
        gi->forms_w[f] = text_w (cache, L, FONT_GAUGE, g_ptr_array_index (gi->forms, f));
      gi->label_size = size;
    }
  return gi->forms_w[MIN (form, (int)G_N_ELEMENTS (gi->forms_w) - 1)] + GAUGE_GAP (L)
         + delta_room (cache, L, gauge) + numbers_w (cache, L, gauge, concessions[c].tier);
}

int
gauge_columns (IopPainterCache  *cache,
               IopPainterLayout *L,
               GArray           *gauges,
               double            width,
               gboolean          dense)
{
  double need = 0;
  int cols;

  if (gauges->len == 0)
    return 1;
  /* roomy: every label whole with exact numbers where it can; dense: the
   * shortest forms */
  for (guint i = 0; i < gauges->len; i++)
    need = MAX (need, gauge_width (cache, L, g_array_index (gauges, guint, i),
                                   dense ? G_N_ELEMENTS (concessions) - 1 : 1));
  /* a host narrower than one gauge still gets one column, never zero */
  cols = count_floor ((width + 0.9 * L->u) / (need + 0.9 * L->u), 1, (int)MIN (gauges->len, 4u));
  return cols;
}

static void
place_gauges (IopPainterCache  *cache,
              IopPainterLayout *L,
              GArray           *gauges,
              int               cols,
              double            x,
              double            y,
              double            width)
{
  double u = L->u;
  double colgap = 0.9 * u;
  double gw, gh = L->lh[FONT_GAUGE] + 0.62 * u;
  guint grid_k = 0;

  cols = MAX (cols, 1);
  gw = MAX ((width - (cols - 1) * colgap) / cols, 0);
  /* the first line that fits every gauge of the grid, or the most compact:
   * one grid, one way of writing its labels and numbers */
  for (guint i = 0; i < gauges->len; i++)
    for (; grid_k + 1 < G_N_ELEMENTS (concessions); grid_k++)
      if (gauge_width (cache, L, g_array_index (gauges, guint, i), grid_k) <= gw)
        break;

  for (guint i = 0; i < gauges->len; i++)
    {
      guint gauge = g_array_index (gauges, guint, i);
      IopGauge *g = g_ptr_array_index (L->trace->gauges, gauge);
      int r = i / cols, c = i % cols;
      GaugeInfo *gi = gauge_info (L, gauge);
      GaugeSlot slot = { 0, };
      double nw = 0, label_room;
      guint k;

      slot.gauge = gauge;
      slot.rect = rect_make (x + c * (gw + colgap), y + r * (gh + 0.55 * u), gw, gh);
      k = grid_k;
      slot.tier = concessions[k].tier;
      slot.text = g_ptr_array_index (gi->forms, MIN (concessions[k].form, (int)gi->forms->len - 1));
      nw = MIN (numbers_w (cache, L, gauge, slot.tier), slot.rect.width);
      slot.numbers = rect_make (slot.rect.x + slot.rect.width - nw, slot.rect.y, nw, L->lh[FONT_NUMBERS]);
      label_room = slot.rect.width - nw - delta_room (cache, L, gauge) - GAUGE_GAP (L);
      slot.label = rect_make (slot.rect.x, slot.rect.y, MAX (label_room, 0), L->lh[FONT_GAUGE]);
      slot.bar = rect_make (slot.rect.x, slot.rect.y + L->lh[FONT_GAUGE] + 0.22 * u,
                            slot.rect.width, MAX (0.4 * u, 3));
      if (label_shows (cache, L, FONT_GAUGE, slot.text, slot.label.width))
        add_text (cache, L, FONT_GAUGE, slot.text, slot.label.x, slot.label.y, slot.label.width,
                  PANGO_ALIGN_LEFT, INK_FG, g->place);
      else
        L->n_hidden++;
      L->gauge_slot[gauge] = L->gauges->len;
      g_array_append_val (L->gauges, slot);
    }
}

/* A thread with no step of this I/O and no gauge left to show is left
 * out once the detail level gives up idle gauges */
static gboolean
lane_shown (IopPainterLayout *L,
            Lane             *lane)
{
  return lane->rows || n_lane_gauges (L, lane) > 0 || L->detail < DETAIL_NO_IDLE_GAUGES;
}

static double
lane_height (IopPainterLayout *L,
             Lane             *lane)
{
  double u = L->u;

  if (!lane_shown (L, lane))
    return 0;
  return 0.5 * u + L->lh[FONT_LANE] + 0.4 * u + (lane->rows ? 2 * L->box_h + 0.8 * u : 0)
         + (n_lane_gauges (L, lane) ? (lane->rows ? 0.75 * u : 0) + gauges_height (L, n_lane_gauges (L, lane), lane->gauge_cols) : 0)
         + 0.6 * u;
}

/* Offset of the middle between the two rows from the lane's top */
double
lane_rows_middle (IopPainterLayout *L)
{
  return 0.5 * L->u + L->lh[FONT_LANE] + 0.4 * L->u + L->box_h + 0.4 * L->u;
}

double
host_top_height (IopPainterLayout *L,
                 Host             *host)
{
  double u = L->u;
  double h = L->lh[FONT_TITLE] + (show_subtitles (L) ? 0.1 * u + L->lh[FONT_SUBTITLE] : 0) + 0.7 * u;

  if (n_pools (L, host) > 0)
    h += L->lh[FONT_SECTION] + 0.3 * u + gauges_height (L, n_pools (L, host), host->pool_cols) + 0.8 * u;
  return h;
}

double
host_lanes_height (IopPainterLayout *L,
                   Host             *host)
{
  double h = 0;
  guint n = 0;

  for (guint i = 0; i < host->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

      if (!lane_shown (L, lane))
        continue;
      h += lane_height (L, lane) + (n++ ? 0.6 * L->u : 0);
    }
  if (host->lanes->len == 0)
    h = L->lh[FONT_SUBTITLE] + L->u;
  return h;
}

/* Places the title, pools and lanes of HOST in its rect; the lanes start at
 * LANES_Y (or right under the pools when < 0). FALSE if it overflows: all
 * is placed all the same, so no box keeps the geometry of another unit. */
gboolean
place_host (IopPainterCache  *cache,
            IopPainterLayout *L,
            Host             *host,
            double            lanes_y,
            double            extra_top)
{
  double u = L->u, P = 0.85 * u;
  cairo_rectangle_t *r = &host->rect;
  double x = r->x + P, w = r->width - 2 * P, y = r->y + P;
  double top = host_top_height (L, host);
  double bottom = r->y + r->height - P;
  double dot = 0.55 * u;
  gboolean fits = TRUE;

  add_text (cache, L, FONT_TITLE, host->title, x + dot + 0.45 * u, y, w - dot - 0.45 * u,
            PANGO_ALIGN_LEFT, INK_FG, host->place);
  y += L->lh[FONT_TITLE];
  if (show_subtitles (L))
    {
      y += 0.1 * u;
      add_text (cache, L, FONT_SUBTITLE, host->subtitle, x, y, w, PANGO_ALIGN_LEFT, INK_DIM, host->place);
      y += L->lh[FONT_SUBTITLE];
    }
  y += 0.7 * u;
  top += extra_top;
  y += extra_top;

  if (n_pools (L, host) > 0)
    {
      add_text (cache, L, FONT_SECTION, _("Process-wide pools"), x, y, w, PANGO_ALIGN_LEFT, INK_DIM, host->place);
      y += L->lh[FONT_SECTION] + 0.3 * u;
      host->pools_rect = rect_make (x, y, w, gauges_height (L, n_pools (L, host), host->pool_cols));
      place_gauges (cache, L, host->shown_pools, host->pool_cols, x, y, w);
      y += host->pools_rect.height + 0.8 * u;
    }
  else
    host->pools_rect = rect_make (x, y, MAX (w, 0), 0);
  g_assert (fabs (y - (r->y + P + top)) < 1.0);

  if (lanes_y < y)
    lanes_y = y;
  if (lanes_y + host_lanes_height (L, host) > bottom + 0.5)
    fits = FALSE;

  y = lanes_y;
  if (host->lanes->len == 0)
    {
      add_text (cache, L, FONT_SUBTITLE, _("No step of this I/O runs here"),
                x, y + 0.5 * u, w, PANGO_ALIGN_CENTER, INK_DIM, host->place);
    }
  else if (host->idle)
    {
      /* in the middle of the first lane's (empty) rows */
      double ry = y + lane_rows_middle (L) - L->lh[FONT_SUBTITLE] / 2;

      add_text (cache, L, FONT_SUBTITLE, _("No step of this I/O runs here"),
                x, ry, w, PANGO_ALIGN_CENTER, INK_DIM, host->place);
    }
  for (guint i = 0; i < host->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));
      double lh = lane_height (L, lane);
      double ly;
      g_autofree char *header = NULL;

      if (!lane_shown (L, lane))
        {
          lane->rect = rect_make (x - 0.35 * u, y, w + 0.7 * u, 0);
          lane->sub_y = lane->comp_y = round (y);
          lane->gauges_rect = rect_make (x + 0.15 * u, y, MAX (w - 0.3 * u, 0), 0);
          continue;
        }
      lane->rect = rect_make (x - 0.35 * u, y, w + 0.7 * u, lh);
      ly = y + 0.5 * u;
      if (lane->core >= 0)
        /* TRANSLATORS: an SPDK thread and the CPU core its reactor runs on */
        header = g_strdup_printf (_("%s · core %d"), lane->thread ? lane->thread : "?", lane->core);
      /* the core is the part a narrow lane gives up */
      if (header == NULL || text_w (cache, L, FONT_LANE, header) > w - 0.3 * u)
        {
          g_free (header);
          header = g_strdup (lane->thread ? lane->thread : "?");
        }
      add_text (cache, L, FONT_LANE, header, x + 0.15 * u, ly, w - 0.3 * u, PANGO_ALIGN_LEFT, INK_DIM, host->place);
      ly += L->lh[FONT_LANE] + 0.4 * u;
      lane->sub_y = round (ly);
      lane->comp_y = round (ly + L->box_h + 0.8 * u);
      if (lane->rows)
        ly += 2 * L->box_h + 0.8 * u + 0.75 * u;
      if (n_lane_gauges (L, lane))
        {
          lane->gauges_rect = rect_make (x + 0.15 * u, ly, w - 0.3 * u,
                                         gauges_height (L, n_lane_gauges (L, lane), lane->gauge_cols));
          place_gauges (cache, L, lane->shown, lane->gauge_cols, x + 0.15 * u, ly, w - 0.3 * u);
        }
      else
        lane->gauges_rect = rect_make (x + 0.15 * u, ly, MAX (w - 0.3 * u, 0), 0);
      y += lh + 0.6 * u;
    }
  return fits;
}
