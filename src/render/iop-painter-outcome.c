/* iop-painter-outcome.c: the outcome card at the end of a trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What became of the I/O (iop-outcome.h), drawn as a card: the outcome and
 * the end-to-end time, what a fault did, a bar of the time per hop with the
 * hops' times under it, the objects per pool (balanced or what is still
 * held), the replicas and paths, the threads. The canvas shows it at the
 * last step below the baremetal host (over its lower part when there is no
 * room), never over the caption; the handout puts it on its last page.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "iop-outcome.h"
#include "iop-painter-private.h"

/* Short hop names for the card's grid */
static const char *const hop_short[IOP_N_HOPS] = {
  [IOP_HOP_GUEST]     = N_("Guest"),
  [IOP_HOP_FRONT]     = N_("VFIO-user / NVMf"),
  [IOP_HOP_RAID]      = N_("bdev / RAID1"),
  [IOP_HOP_INITIATOR] = N_("NVMe-oF initiator"),
  [IOP_HOP_NETWORK]   = N_("Network"),
  [IOP_HOP_TARGET]    = N_("NVMf target"),
  [IOP_HOP_LVOL]      = N_("lvol / blobstore"),
  [IOP_HOP_DRIVER]    = N_("NVMe driver"),
  [IOP_HOP_MEDIA]     = N_("Media"),
};

/* ... and the shortest, where those do not fit */
static const char *const hop_tiny[IOP_N_HOPS] = {
  [IOP_HOP_GUEST]     = N_("Guest"),
  [IOP_HOP_FRONT]     = N_("front end"),
  [IOP_HOP_RAID]      = N_("RAID1"),
  [IOP_HOP_INITIATOR] = N_("initiator"),
  [IOP_HOP_NETWORK]   = N_("Network"),
  [IOP_HOP_TARGET]    = N_("target"),
  [IOP_HOP_LVOL]      = N_("lvol"),
  [IOP_HOP_DRIVER]    = N_("driver"),
  [IOP_HOP_MEDIA]     = N_("Media"),
};

#define LINE   1.3    /* line height, in units */
#define PAD    0.7

/* Three columns of hops when they have room, else two */
static guint
grid_cols (double w,
           double u)
{
  return w >= 40 * u ? 3 : 2;
}

static const IopColor failed_light = { 0.75, 0.11, 0.16, 1.0 };  /* Adwaita red 4 */
static const IopColor failed_dark = { 1.0, 0.48, 0.39, 1.0 };    /* Adwaita red 1 */

static IopPlace
hop_place (IopHop h)
{
  if (h == IOP_HOP_NETWORK)
    return IOP_PLACE_NETWORK;
  return h >= IOP_HOP_TARGET ? IOP_PLACE_STORAGE : IOP_PLACE_BAREMETAL;
}

/* Lighter and darker shades of the zone's colour, one per hop of the zone */
static IopColor
hop_color (const IopPalette *pal,
           IopHop            h)
{
  static const double shade[IOP_N_HOPS] = { 0.55, 0.3, 0.0, -0.25, 0.0, 0.35, 0.1, -0.15, -0.35 };
  const IopColor *z = &pal->zone[hop_place (h)];
  IopColor white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };

  return shade[h] >= 0 ? mix (z, &white, shade[h]) : mix (z, &black, -shade[h]);
}

static guint
n_rows (const IopOutcomeReport *r,
        guint                   cols,
        gboolean               *with_fault)
{
  guint hops_shown = 0;

  for (guint h = 0; h < IOP_N_HOPS; h++)
    hops_shown += r->hops[h].steps > 0;
  *with_fault = r->fault != NULL;
  /* heading, fault, bar, the hop grid, pools, path, threads */
  return 1 + (*with_fault ? 1 : 0) + 1 + (hops_shown + cols - 1) / cols + 3;
}

typedef struct
{
  cairo_t          *cr;
  PangoLayout      *pl;
  const char       *family;
  double            u;
  const IopPalette *pal;
  IopPainterCache  *rec;      /* records the texts (iop_painter_get_items), or NULL */
} Pen;

static void
pen_font (Pen      *pen,
          double    size,
          gboolean  bold)
{
  g_autoptr(PangoFontDescription) fd = pango_font_description_from_string (pen->family);

  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  pango_font_description_set_weight (fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pen->pl, fd);
}

static void
pen_text (Pen            *pen,
          double          x,
          double          y,
          double          room,
          double          size,
          gboolean        bold,
          const char     *text,
          PangoAlignment  align,
          const IopColor *color)
{
  if (!(room > 0))
    return;
  pen_font (pen, size, bold);
  pango_layout_set_text (pen->pl, text, -1);
  pango_layout_set_width (pen->pl, (int)(MIN (room, 1e5) * PANGO_SCALE));
  pango_layout_set_ellipsize (pen->pl, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (pen->pl, align);
  set_ink (pen->cr, color, 1.0);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, pen->pl);
  if (pen->rec != NULL && pen->rec->items != NULL)
    {
      pen->rec->text_kind = IOP_PAINTER_ITEM_CARD_TEXT;
      record_text (pen->rec, pen->pl, pango_layout_get_font_description (pen->pl), text, x, y);
    }
}

/* Whether TEXT fits in ROOM on LINES lines (wrapped at words) */
static gboolean
pen_fits (Pen        *pen,
          double      room,
          double      size,
          gboolean    bold,
          const char *text,
          int         lines)
{
  PangoRectangle logical;
  gboolean fits;

  if (!(room > 0))
    return FALSE;
  pen_font (pen, size, bold);
  pango_layout_set_text (pen->pl, text, -1);
  pango_layout_set_ellipsize (pen->pl, PANGO_ELLIPSIZE_NONE);
  if (lines <= 1)
    {
      pango_layout_set_width (pen->pl, -1);
      pango_layout_get_pixel_extents (pen->pl, NULL, &logical);
      return logical.width <= room;
    }
  pango_layout_set_width (pen->pl, (int)(MIN (room, 1e5) * PANGO_SCALE));
  pango_layout_set_wrap (pen->pl, PANGO_WRAP_WORD);
  fits = pango_layout_get_line_count (pen->pl) <= lines;
  pango_layout_set_width (pen->pl, -1);
  return fits;
}

/* A line of the card, whole: on one line, else wrapped on two where the card
 * has the height, else left out (the lines come in order of importance).
 * Moves *Y down by what it took. */
static void
pen_line (Pen            *pen,
          double          x,
          double         *y,
          double          w,
          double          bottom,
          double          size,
          gboolean        bold,
          const char     *text,
          const IopColor *color)
{
  double u = pen->u;

  if (*y + LINE * u > bottom)
    return;
  if (pen_fits (pen, w, size, bold, text, 1))
    {
      pen_text (pen, x, *y, w, size, bold, text, PANGO_ALIGN_LEFT, color);
      *y += LINE * u;
    }
  else if (*y + 2 * LINE * u <= bottom && pen_fits (pen, w, size, bold, text, 2))
    {
      pango_layout_set_wrap (pen->pl, PANGO_WRAP_WORD);
      pango_layout_set_height (pen->pl, -2);
      pango_layout_set_spacing (pen->pl, (int)((LINE * u - 1.25 * size) * PANGO_SCALE));
      pen_text (pen, x, *y, w, size, bold, text, PANGO_ALIGN_LEFT, color);
      pango_layout_set_spacing (pen->pl, 0);
      pango_layout_set_height (pen->pl, -1);
      *y += 2 * LINE * u;
    }
}

static char *
pools_line (const IopOutcomeReport *r)
{
  guint64 taken = 0, returned = 0;
  GString *held = g_string_new (NULL);

  for (guint i = 0; i < r->pools->len; i++)
    {
      const IopPoolBalance *b = &g_array_index (r->pools, IopPoolBalance, i);

      taken += b->taken;
      returned += b->returned;
      if (b->held)
        g_string_append_printf (held, "%s%s", held->len ? ", " : "", b->held);
    }
  if (r->balanced)
    {
      g_string_free (held, TRUE);
      /* Translators: "Objects: 20 taken from 16 pools, all 20 returned" */
      return g_strdup_printf (_("Objects: %" PRIu64 " taken from %u pools, all %" PRIu64 " returned"),
                              taken, r->pools->len, returned);
    }
  {
    g_autofree char *h = g_string_free (held, FALSE);
    return g_strdup_printf (_("Objects: %" PRIu64 " taken, %" PRIu64 " returned; still held: %s"), taken, returned, h);
  }
}

static double
draw_hops (Pen                    *pen,
           const IopOutcomeReport *r,
           double                  x,
           double                  y,
           double                  w,
           double                  bottom)
{
  double u = pen->u, bx = x;
  guint col = 0, n_cols = grid_cols (w, u), hops = 0;

  /* the bar: each hop's share of the end-to-end time */
  for (guint h = 0; h < IOP_N_HOPS; h++)
    {
      double share = r->total_ns > 0 ? (double)iop_hop_time_total (&r->hops[h]) / r->total_ns : 0;
      IopColor c = hop_color (pen->pal, h);

      if (share <= 0)
        continue;
      cairo_rectangle (pen->cr, bx, y + 0.2 * u, w * share, 0.75 * u);
      set_ink (pen->cr, &c, 1.0);
      cairo_fill (pen->cr);
      bx += w * share;
    }
  y += LINE * u;
  /* the grid whole, or none of it: the bar alone says where the time went */
  for (guint h = 0; h < IOP_N_HOPS; h++)
    hops += r->hops[h].steps > 0;
  if (y + (hops + n_cols - 1) / n_cols * LINE * u > bottom)
    return y;

  /* the grid: swatch, hop, time */
  for (guint h = 0; h < IOP_N_HOPS; h++)
    {
      double cw = w / n_cols, cx = x + col * cw;
      gint64 tot = iop_hop_time_total (&r->hops[h]);
      g_autofree char *t = NULL;
      IopColor c = hop_color (pen->pal, h);

      if (r->hops[h].steps == 0)
        continue;
      t = iop_format_duration (tot);
      cairo_rectangle (pen->cr, cx, y + 0.3 * u, 0.6 * u, 0.6 * u);
      set_ink (pen->cr, &c, 1.0);
      cairo_fill (pen->cr);
      pen_text (pen, cx + 0.9 * u, y, cw - 5.2 * u, 0.85 * u, FALSE,
                pen_fits (pen, cw - 5.2 * u, 0.85 * u, FALSE, _(hop_short[h]), 1) ? _(hop_short[h]) : _(hop_tiny[h]),
                PANGO_ALIGN_LEFT, &pen->pal->fg);
      pen_text (pen, cx + cw - 4.8 * u, y, 4.2 * u, 0.85 * u, r->hops[h].wait_ns > 0, t, PANGO_ALIGN_RIGHT,
                r->hops[h].wait_ns > 0 ? &pen->pal->warning : &pen->pal->dim_fg);
      if (++col == n_cols)
        {
          col = 0;
          y += LINE * u;
        }
    }
  if (col)
    y += LINE * u;
  return y;
}

/* The card in RECT, text of unit U */
static void
draw_card (IopPainterCache         *rec,
           cairo_t                 *cr,
           const cairo_rectangle_t *rect,
           double                   u,
           IopTrace                *trace,
           const IopPalette        *pal,
           gboolean                 dark,
           const char              *family)
{
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);
  g_autoptr(PangoLayout) pl = pango_cairo_create_layout (cr);
  Pen pen = { cr, pl, family ? family : "Cantarell, Sans", u, pal, rec };
  const IopColor *status = r->outcome == IOP_OUTCOME_FAILED ? (dark ? &failed_dark : &failed_light)
                           : r->outcome == IOP_OUTCOME_LATE ? &pal->warning : &pal->accent;
  double x = rect->x + PAD * u, y = rect->y + PAD * u, w = rect->width - 2 * PAD * u;
  double bottom = rect->y + rect->height - PAD * u + 0.05 * u;
  g_autofree char *total = iop_format_duration (r->total_ns);
  g_autofree char *head = NULL;
  g_autofree char *pools = pools_line (r);
  g_autofree char *path = g_strdup_printf (_("Path: %s"), r->path);
  g_autoptr(GString) threads = g_string_new (_("Threads: "));

  pango_cairo_context_set_resolution (pango_layout_get_context (pl), 96.0);
  pango_layout_context_changed (pl);

  cairo_save (cr);
  iop_draw_rounded_rect (cr, rect->x, rect->y, rect->width, rect->height, 0.6 * u);
  set_ink (cr, &pal->card_bg, 0.97);
  cairo_fill_preserve (cr);
  set_ink (cr, status, 1.0);
  cairo_set_line_width (cr, MAX (1.0, 0.12 * u));
  cairo_stroke (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  if (rec != NULL)
    rec->card = record_item (rec, IOP_PAINTER_ITEM_CARD, rect);

  /* Translators: "Outcome: completed late, waited 10.000 s for a path · 10.7 s end to end" */
  head = g_strdup_printf (_("Outcome: %s · %s end to end"), r->summary, total);
  if (!pen_fits (&pen, w - 1.2 * u, 1.05 * u, TRUE, head, 1))
    {
      g_free (head);
      /* Translators: the outcome card's heading where the long one does not fit: "completed · 33.5 µs" */
      head = g_strdup_printf (_("%s · %s"), r->summary, total);
    }
  cairo_arc (cr, x + 0.4 * u, y + 0.75 * u, 0.4 * u, 0, 2 * G_PI);
  set_ink (cr, status, 1.0);
  cairo_fill (cr);
  if (pen_fits (&pen, w - 1.2 * u, 1.05 * u, TRUE, head, 1))
    {
      pen_text (&pen, x + 1.2 * u, y, w - 1.2 * u, 1.05 * u, TRUE, head, PANGO_ALIGN_LEFT, &pal->fg);
      y += 1.5 * u;
    }
  else
    {
      /* on two lines */
      double hy = y;

      pen_line (&pen, x + 1.2 * u, &hy, w - 1.2 * u, bottom, 1.05 * u, TRUE, head, &pal->fg);
      y = hy + 0.2 * u;
    }
  if (r->fault)
    pen_line (&pen, x, &y, w, bottom, 0.85 * u, FALSE, r->fault, status);
  if (y + LINE * u <= bottom)
    y = draw_hops (&pen, r, x, y, w, bottom);
  pen_line (&pen, x, &y, w, bottom, 0.85 * u, !r->balanced, pools, r->balanced ? &pal->fg : status);
  pen_line (&pen, x, &y, w, bottom, 0.85 * u, FALSE, path, &pal->fg);
  for (guint i = 0; i < r->threads->len; i++)
    g_string_append_printf (threads, "%s%s", i ? "; " : "", (const char *)g_ptr_array_index (r->threads, i));
  pen_line (&pen, x, &y, w, bottom, 0.85 * u, FALSE, threads->str, &pal->dim_fg);
  if (rec != NULL)
    rec->card = -1;
  cairo_restore (cr);
}

/* The height the card wants at unit U and width W */
static double
card_height (IopTrace *trace,
             double    u,
             double    w)
{
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);
  gboolean fault;
  guint rows = n_rows (r, grid_cols (w - 2 * PAD * u, u), &fault);

  /* the heading line is 1.5 u, the others LINE u */
  return 2 * PAD * u + 1.5 * u + (rows - 1) * LINE * u;
}

/* The card's unit: the canvas's, but its body text (0.85 u) never under the
 * painter's smallest text */
static double
card_unit (IopPainterLayout *L)
{
  return MAX (L->u, L->font_floor / 0.85);
}

/* The height the card keeps at the least: its heading, the fault and the
 * bar of the hops' times (the grid and the last lines are left out first) */
static double
card_min_height (IopTrace *trace,
                 double    u,
                 double    w)
{
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);

  (void)w;
  return 2 * PAD * u + 1.5 * u + (r->fault ? LINE * u : 0) + LINE * u;
}

/* The report's hops and fault, once per layout: the layout asks at every unit */
static void
layout_report (IopPainterLayout *L)
{
  g_autoptr(IopOutcomeReport) r = NULL;

  if (L->outcome_hops > 0)
    return;
  r = iop_outcome_report_new (L->trace);
  for (guint h = 0; h < IOP_N_HOPS; h++)
    L->outcome_hops += r->hops[h].steps > 0;
  L->outcome_hops = MAX (L->outcome_hops, 1);
  L->outcome_fault = r->fault != NULL;
}

double
outcome_want_height (IopPainterLayout *L,
                     double            width)
{
  double u = card_unit (L);
  guint cols = grid_cols (width - 2 * PAD * u, u);

  layout_report (L);
  /* as card_height: heading, fault, bar, grid, pools, path, threads */
  return 2 * PAD * u + 1.5 * u + (L->outcome_fault + 1 + (L->outcome_hops + cols - 1) / cols + 3) * LINE * u
         + 0.6 * L->u;
}

double
outcome_min_height (IopPainterLayout *L,
                    double            width)
{
  double u = card_unit (L);

  (void)width;
  layout_report (L);
  return 2 * PAD * u + 1.5 * u + (L->outcome_fault ? LINE * u : 0) + LINE * u + 0.6 * L->u;
}

/* In the baremetal host's column, below the host or above it, where it
 * covers nothing (the layout keeps it room, see place_baremetal); always
 * above the caption. Over the host's lower part only where neither band has
 * room for the card's least. */
static gboolean
card_rect (IopPainterLayout  *L,
           cairo_rectangle_t *out)
{
  double u = card_unit (L), gap = 0.6 * L->u;
  Host *bm = L->hosts->len ? g_ptr_array_index (L->hosts, 0) : NULL;
  double want, least, x, w, top, bottom, below, above;

  if (bm == NULL || L->caption.height <= 0)
    return FALSE;
  x = bm->rect.x;
  w = bm->rect.width;
  want = card_height (L->trace, u, w);
  least = card_min_height (L->trace, u, w);
  top = L->network.height > 0 ? L->network.y : round (0.9 * L->u);
  bottom = L->caption.y - gap;
  below = bottom - (bm->rect.y + bm->rect.height + gap);
  above = bm->rect.y - gap - top;
  if (below >= least || (below >= above && below >= 3 * u))
    *out = rect_make (x, bm->rect.y + bm->rect.height + gap, w, MIN (want, below));
  else if (above >= least || above >= 3 * u)
    *out = rect_make (x, bm->rect.y - gap - MIN (want, above), w, MIN (want, above));
  else
    {
      /* no band: over the host's lower part */
      top = MAX (bottom - want, gap);
      *out = rect_make (x, top, w, bottom - top);
    }
  return out->height > 3 * u;
}

void
draw_outcome (IopPainterCache  *cache,
              cairo_t          *cr,
              IopPainterLayout *L,
              const IopPalette *pal,
              gboolean          dark)
{
  cairo_rectangle_t r;

  if (card_rect (L, &r))
    draw_card (cache, cr, &r, card_unit (L), L->trace, pal, dark, L->font_family);
}

/* --- Public API ------------------------------------------------------------ */

gboolean
iop_painter_outcome_rect (IopTrace            *trace,
                          double               width,
                          double               height,
                          const IopPaintState *state,
                          cairo_rectangle_t   *rect)
{
  g_autoptr(IopPainterCache) own = iop_painter_cache_new ();
  IopPainterCache *cache = state->cache ? state->cache : own;
  IopPainterLayout *L = iop_painter_cache_get_layout (cache, trace, sane_side (width), sane_side (height), state);

  return card_rect (L, rect);
}

void
iop_painter_draw_outcome_card (cairo_t                 *cr,
                               const cairo_rectangle_t *rect,
                               double                   unit,
                               IopTrace                *trace,
                               const IopPalette        *palette,
                               const char              *font_family)
{
  g_return_if_fail (cr != NULL && rect != NULL && trace != NULL);

  draw_card (NULL, cr, rect, unit, trace, palette ? palette : iop_palette_get (FALSE),
             palette == iop_palette_get (TRUE), font_family);
}

double
iop_painter_outcome_card_height (IopTrace *trace,
                                 double    unit,
                                 double    width)
{
  return card_height (trace, unit, width);
}
