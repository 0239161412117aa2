/* iop-painter-util.c: small helpers the painter's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colours and rounded boxes on whole pixels, sane inputs, level and
 * label formatting, text measured (and remembered) and drawn with pango.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

void
set_ink (cairo_t        *cr,
         const IopColor *c,
         double          alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

IopColor
mix (const IopColor *a,
     const IopColor *b,
     double          t)
{
  IopColor c = {
    lerp (a->red, b->red, t),
    lerp (a->green, b->green, t),
    lerp (a->blue, b->blue, t),
    lerp (a->alpha, b->alpha, t),
  };
  return c;
}

double
device_scale (cairo_t *cr)
{
  double sx = 1, sy = 1;

  cairo_user_to_device_distance (cr, &sx, &sy);
  return MAX (fabs (sx), 1.0);
}

/* A rounded rectangle whose stroke of LW falls on whole device pixels */
void
stroke_box (cairo_t                 *cr,
            const cairo_rectangle_t *r,
            double                   radius,
            double                   lw)
{
  double scale = device_scale (cr);
  double dev = MAX (1.0, round (lw * scale));
  double half = dev / scale / 2.0;

  iop_draw_rounded_rect (cr,
                         round (r->x * scale) / scale + half,
                         round (r->y * scale) / scale + half,
                         round (r->width * scale) / scale - 2 * half,
                         round (r->height * scale) / scale - 2 * half,
                         radius);
  cairo_set_line_width (cr, dev / scale);
  cairo_stroke (cr);
}

gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && y >= r->y && x < r->x + r->width && y < r->y + r->height;
}

/* On whole pixels; never a negative (or NaN) width or height */
cairo_rectangle_t
rect_make (double x, double y, double w, double h)
{
  cairo_rectangle_t r;

  w = MAX (w, 0);
  h = MAX (h, 0);
  r.x = round (x);
  r.y = round (y);
  r.width = round (x + w) - r.x;
  r.height = round (y + h) - r.y;
  return r;
}

/* floor (V) as a count between LO and HI: NaN, infinities and values out of
 * int's range (whose conversion is undefined) give LO or HI */
int
count_floor (double v,
             int    lo,
             int    hi)
{
  if (!(v >= lo))
    return lo;
  if (!(v < hi))
    return hi;
  return (int)floor (v);
}

/* A side of the canvas as the layout takes it: NaN, infinities and
 * negatives are 0, and no side is longer than cairo's images can be */
double
sane_side (double v)
{
  return v > 0 ? MIN (v, 32767.0) : 0.0;
}

/* The playhead between -1 (the guest, before step 0) and the last step;
 * NaN is -1 */
double
sane_position (IopTrace *trace,
               double    position)
{
  double last = MAX ((double)trace->steps->len - 1, 0.0);

  if (!(position >= -1.0))
    return -1.0;
  return MIN (position, last);
}

/* Large Text: 1.0 normal; <= 0 (and NaN) means 1.0; at most 4 */
double
sane_text_scale (double v)
{
  return v > 0 ? MIN (v, 4.0) : 1.0;
}

const char *
trtype_label (const char *trtype)
{
  if (trtype == NULL)
    return "RDMA";
  if (g_ascii_strcasecmp (trtype, "VFIOUSER") == 0)
    return _("VFIO-user");
  return trtype;
}

char
leg_letter (int leg)
{
  return leg >= 0 && leg < 26 ? 'A' + leg : '?';
}

void
measure (IopPainterCache            *cache,
         const PangoFontDescription *font,
         const char                 *text,
         double                     *width,
         double                     *height)
{
  PangoRectangle logical;

  pango_layout_set_attributes (cache->pl, NULL);
  pango_layout_set_font_description (cache->pl, font);
  pango_layout_set_width (cache->pl, -1);
  pango_layout_set_text (cache->pl, text, -1);
  pango_layout_get_pixel_extents (cache->pl, NULL, &logical);
  if (width)
    *width = logical.width;
  if (height)
    *height = logical.height;
}

/* Widths are asked for again and again while the layout looks for its unit,
 * and again on every relayout: remember them. */
double
text_w (IopPainterCache  *cache,
        IopPainterLayout *L,
        FontRole          font,
        const char       *text)
{
  const PangoFontDescription *fd = L->fonts[font];
  g_autofree char *key = NULL;
  gpointer found;
  double w;

  key = g_strdup_printf ("%d|%d|%s|%s", pango_font_description_get_size (fd),
                         (int)pango_font_description_get_weight (fd),
                         pango_font_description_get_family (fd), text);
  if (g_hash_table_lookup_extended (cache->widths, key, NULL, &found))
    return GPOINTER_TO_INT (found) / 64.0;
  measure (cache, fd, text, &w, NULL);
  if (g_hash_table_size (cache->widths) > 8192)
    g_hash_table_remove_all (cache->widths);
  g_hash_table_insert (cache->widths, g_steal_pointer (&key), GINT_TO_POINTER ((int)(w * 64)));
  return w;
}

Box *
box_at (IopPainterLayout *L,
        int               i)
{
  return i >= 0 && i < (int)L->boxes->len ? g_ptr_array_index (L->boxes, i) : NULL;
}

/* ------------------------------------------------------------------ */
/* Drawing helpers                                                      */

static const IopColor *
ink_color (const IopPalette *pal,
           Ink               ink,
           IopPlace          place)
{
  switch (ink)
    {
    case INK_DIM: return &pal->dim_fg;
    case INK_ZONE: return &pal->zone[place];
    case INK_FG:
    default: return &pal->fg;
    }
}

int
record_item (IopPainterCache         *cache,
             IopPainterItemKind       kind,
             const cairo_rectangle_t *rect)
{
  IopPainterItem item = { 0, };

  if (cache->items == NULL)
    return -1;
  item.kind = kind;
  item.rect = *rect;
  item.card = kind == IOP_PAINTER_ITEM_CARD ? -1 : cache->card;
  g_array_append_val (cache->items, item);
  return cache->items->len - 1;
}

void
record_text (IopPainterCache            *cache,
             PangoLayout                *pl,
             const PangoFontDescription *font,
             const char                 *text,
             double                      x,
             double                      y)
{
  PangoRectangle logical;
  GString *shown = g_string_new (NULL);
  IopPainterItem *item;
  int i;

  pango_layout_get_pixel_extents (pl, NULL, &logical);
  i = record_item (cache, cache->text_kind,
                   &(cairo_rectangle_t) { x + logical.x, y + logical.y, logical.width, logical.height });
  item = &g_array_index (cache->items, IopPainterItem, i);
  item->text = g_strdup (text);
  item->ellipsized = pango_layout_is_ellipsized (pl);
  item->font_size = pango_font_description_get_size (font) / (double)PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (font))
    item->font_size *= 96.0 / 72.0;
  /* what was drawn: the runs' text, "…" for the ellipsis, lines joined by "\n" */
  for (GSList *l = pango_layout_get_lines_readonly (pl); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoLayoutRun *run = r->data;

          if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
            g_string_append (shown, "…");
          else
            g_string_append_len (shown, pango_layout_get_text (pl) + run->item->offset, run->item->length);
        }
      if (l->next != NULL)
        g_string_append_c (shown, '\n');
    }
  item->shown = g_string_free (shown, FALSE);
}

void
show_text (IopPainterCache            *cache,
           cairo_t                    *cr,
           const PangoFontDescription *font,
           const char                 *text,
           double                      x,
           double                      y,
           double                      room,
           PangoAlignment              align,
           const IopColor             *color,
           double                      alpha,
           gboolean                    tabular)
{
  PangoLayout *pl = cache->pl;

  if (!(room > 0) || text == NULL)
    return;
  room = MIN (room, 1e5);  /* pango widths are ints of 1/1024 px */
  if (tabular)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (pl, attrs);
      pango_attr_list_unref (attrs);
    }
  else
    pango_layout_set_attributes (pl, NULL);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, (int)(room * PANGO_SCALE));
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (pl, align);
  set_ink (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, pl);
  if (cache->items != NULL)
    record_text (cache, pl, font, text, x, y);
}

void
show_text_lines (IopPainterCache            *cache,
                 cairo_t                    *cr,
                 const PangoFontDescription *font,
                 const char                 *text,
                 double                      x,
                 double                      y,
                 double                      room,
                 int                         lines,
                 const IopColor             *color)
{
  PangoLayout *pl = cache->pl;

  if (lines <= 1)
    {
      show_text (cache, cr, font, text, x, y, room, PANGO_ALIGN_LEFT, color, 1.0, FALSE);
      return;
    }
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (pl, -lines);
  show_text (cache, cr, font, text, x, y, room, PANGO_ALIGN_LEFT, color, 1.0, FALSE);
  /* the shared layout goes back to one line for everything else */
  pango_layout_set_height (pl, -1);
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
}

void
draw_text_item (IopPainterCache  *cache,
                IopPainterLayout *L,
                cairo_t          *cr,
                const IopPalette *pal,
                const TextItem   *t)
{
  static const IopPainterItemKind kinds[N_FONTS] = {
    [FONT_TITLE] = IOP_PAINTER_ITEM_HEADING, [FONT_SUBTITLE] = IOP_PAINTER_ITEM_HEADING,
    [FONT_SECTION] = IOP_PAINTER_ITEM_HEADING, [FONT_LANE] = IOP_PAINTER_ITEM_HEADING,
    [FONT_BOX] = IOP_PAINTER_ITEM_BOX_LABEL, [FONT_PILL] = IOP_PAINTER_ITEM_PILL_LABEL,
    [FONT_GAUGE] = IOP_PAINTER_ITEM_GAUGE_LABEL,
  };

  cache->text_kind = kinds[t->font];
  /* The rect is the drawn width: give pango one more pixel of room */
  show_text (cache, cr, L->fonts[t->font], t->text, t->rect.x, t->rect.y, t->rect.width + 1,
             PANGO_ALIGN_LEFT, ink_color (pal, t->ink, t->place), 1.0, FALSE);
}

void
begin_text (IopPainterCache *cache,
            cairo_t         *cr)
{
  pango_cairo_update_context (cr, cache->pctx);
  pango_layout_context_changed (cache->pl);
}

void
chevron (cairo_t *cr,
         double   x,
         double   y,
         double   size,
         int      dir)
{
  cairo_move_to (cr, x - dir * size * 0.5, y - size * 0.7);
  cairo_line_to (cr, x + dir * size * 0.5, y);
  cairo_line_to (cr, x - dir * size * 0.5, y + size * 0.7);
}

const IopColor *
box_zone (const IopPalette *pal,
          const Box        *box)
{
  return &pal->zone[box->pub.place];
}
