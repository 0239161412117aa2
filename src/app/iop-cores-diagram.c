/* iop-cores-diagram.c: the SPDK threads of one host, stacked on their cores
 *
 * The painter first lays the host out (columns, boxes, lines, from the font's
 * metrics) and then draws that layout; measuring, hit-testing and drawing
 * share the one layout function, so they always agree.
 *
 * This file is the painter; the IopCoresDiagram widget that measures,
 * draws and animates it is in iop-cores-diagram-widget.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-CoresDiagram"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-cores-diagram-private.h"
#include "iop-draw.h"
#include "iop-palette.h"
#include "iop-json-util.h"
#include "iop-format.h"

/* Geometry, in pixels */
#define COLUMN_PAD      10.0
#define COLUMN_RADIUS   14.0
#define MIN_COLUMN_W    230.0
#define MAX_COLUMN_W    460.0
#define BOX_PAD_X       12.0
#define BOX_PAD_Y       9.0
#define BOX_GAP         8.0
#define BOX_RADIUS      9.0
#define LINE_GAP        3.0
#define MARKER_W        14.0
#define LEGEND_GAP      14.0

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba fg;
  Rgba dim;
  Rgba lane;
  Rgba card;
  Rgba card_border;
  Rgba accent;
  Rgba accent_fill;
  Rgba timed;
  Rgba control;
  Rgba control_fill;
} Palette;

typedef struct
{
  const char *name;
  guint       count;
  gboolean    timed;
  double      period_s;
} PollerLine;

typedef struct
{
  const IopThreadInfo *thread;
  double               y;
  double               h;
  GArray              *lines;   /* PollerLine */
} Box;

typedef struct
{
  int        lcore;            /* -1: unknown */
  double     x;
  double     w;
  double     h;                /* content height of this column */
  GPtrArray *boxes;            /* Box */
} Column;

typedef struct
{
  PangoContext         *context;     /* for measuring text */
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  double                line_h;      /* a line of the normal font */
  double                small_h;     /* a line of the small font */
  double                header_h;
  GPtrArray            *columns;     /* Column */
  double                lanes_h;     /* every lane's height: the tallest column */
  double                legend_y;
  double                legend_h;
  double                height;
} Layout;

/* --- Colours: the libadwaita 1.2 palette --------------------------------- */

static void
rgba_hex (Rgba       *c,
          guint32     hex,
          double      a)
{
  c->r = ((hex >> 16) & 0xff) / 255.0;
  c->g = ((hex >> 8) & 0xff) / 255.0;
  c->b = (hex & 0xff) / 255.0;
  c->a = a;
}

static void
rgba_from (Rgba           *c,
           const IopColor *src)
{
  *c = (Rgba) { src->red, src->green, src->blue, src->alpha };
}

/* Text and kinds of work from iop-palette; the diagram's own greys */
static void
palette_init (Palette *p,
              gboolean dark)
{
  const IopPalette *pal = iop_palette_get (dark);
  const IopWorkPalette *work = iop_palette_work (dark);

  rgba_from (&p->fg, &pal->fg);
  rgba_from (&p->dim, &pal->dim_fg);
  rgba_from (&p->accent, &work->accent);
  rgba_from (&p->accent_fill, &work->accent_fill);
  rgba_from (&p->timed, &work->timed);
  rgba_from (&p->control, &work->control);
  rgba_from (&p->control_fill, &work->control_fill);
  if (dark)
    {
      rgba_hex (&p->lane, 0xffffff, 0.035);
      rgba_hex (&p->card, 0x383838, 1.0);
      rgba_hex (&p->card_border, 0xffffff, 0.09);
    }
  else
    {
      rgba_hex (&p->lane, 0x000000, 0.04);
      rgba_hex (&p->card, 0xffffff, 1.0);
      rgba_hex (&p->card_border, 0x000000, 0.10);
    }
}

static void
set_color (cairo_t    *cr,
           const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
set_color_alpha (cairo_t    *cr,
                 const Rgba *c,
                 double      alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* --- Text ----------------------------------------------------------------- */

char *
iop_cores_format_period (double period_s)
{
  g_autofree char *period = NULL;

  if (period_s < 0)
    return g_strdup (_("timed, period unknown"));
  period = iop_format_period (period_s);
  /* Translators: how often a timed poller runs: "every 10 ms" */
  return g_strdup_printf (_("every %s"), period);
}
char *
iop_cores_format_busy (double pct)
{
  if (pct < 0)
    return g_strdup ("—");
  /* Translators: a thread's busy share, "6.3 %" */
  return g_strdup_printf (_("%.1f %%"), pct);
}

static PangoLayout *
new_layout (PangoContext               *context,
            const PangoFontDescription *font,
            const char                 *text,
            gboolean                    tabular)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (tabular)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static double
text_width (PangoContext               *context,
            const PangoFontDescription *font,
            const char                 *text,
            gboolean                    tabular)
{
  g_autoptr(PangoLayout) layout = new_layout (context, font, text, tabular);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static double
line_height (PangoContext               *context,
             const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = new_layout (context, font, "Ag", FALSE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

/* Draws TEXT at (X, Y) within WIDTH; ALIGN 0 left, 1 right */
static void
draw_text (cairo_t                    *cr,
           const PangoFontDescription *font,
           const char                 *text,
           double                      x,
           double                      y,
           double                      width,
           double                      align,
           gboolean                    tabular,
           PangoEllipsizeMode          ellipsize)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (tabular)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, ellipsize);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, align > 0 && width > 0 ? x + (width - w) * align : x, y);
  pango_cairo_show_layout (cr, layout);
}

/* --- Layout --------------------------------------------------------------- */

static void
box_free (gpointer p)
{
  Box *b = p;

  g_array_unref (b->lines);
  g_free (b);
}

static void
column_free (gpointer p)
{
  Column *c = p;

  g_ptr_array_unref (c->boxes);
  g_free (c);
}

static void
layout_clear (Layout *l)
{
  g_clear_object (&l->context);
  g_clear_pointer (&l->font, pango_font_description_free);
  g_clear_pointer (&l->bold, pango_font_description_free);
  g_clear_pointer (&l->small, pango_font_description_free);
  g_clear_pointer (&l->small_bold, pango_font_description_free);
  g_clear_pointer (&l->columns, g_ptr_array_unref);
}

static int
compare_lcore (gconstpointer a,
               gconstpointer b)
{
  const Column *ca = *(Column * const *)a;
  const Column *cb = *(Column * const *)b;

  /* Unknown last */
  if (ca->lcore < 0 || cb->lcore < 0)
    return (ca->lcore < 0) - (cb->lcore < 0);
  return ca->lcore - cb->lcore;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const PollerLine *la = a, *lb = b;

  if (la->timed != lb->timed)
    return la->timed - lb->timed;
  if (la->timed && la->period_s != lb->period_s)
    return la->period_s < lb->period_s ? -1 : 1;
  return 0;
}

/* Active pollers first, then timed ones by period; the same poller at the
 * same period more than once is one line "2 × name" */
static GArray *
poller_lines (const IopThreadInfo *t)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (PollerLine));
  GPtrArray *lists[] = { t->active_pollers, t->timed_pollers };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] && i < lists[l]->len; i++)
      {
        const IopPollerInfo *p = g_ptr_array_index (lists[l], i);
        gboolean merged = FALSE;

        for (guint j = 0; j < lines->len; j++)
          {
            PollerLine *pl = &g_array_index (lines, PollerLine, j);
            if (pl->timed == (l == 1) && g_strcmp0 (pl->name, p->name) == 0 &&
                (l == 0 || fabs (pl->period_s - p->period_s) < 1e-9))
              {
                pl->count++;
                merged = TRUE;
                break;
              }
          }
        if (!merged)
          {
            PollerLine pl = { p->name, 1, l == 1, p->period_s };
            g_array_append_val (lines, pl);
          }
      }
  /* g_array_sort is not stable: keep the order of equal lines */
  if (lines->len > 1)
    {
      g_autoptr(GArray) sorted = g_array_sized_new (FALSE, TRUE, sizeof (PollerLine), lines->len);
      gboolean taken[256] = { FALSE };
      guint n = MIN (lines->len, G_N_ELEMENTS (taken));

      for (guint k = 0; k < n; k++)
        {
          int best = -1;
          for (guint j = 0; j < n; j++)
            if (!taken[j] && (best < 0 || compare_lines (&g_array_index (lines, PollerLine, j),
                                                         &g_array_index (lines, PollerLine, best)) < 0))
              best = j;
          taken[best] = TRUE;
          g_array_append_val (sorted, g_array_index (lines, PollerLine, best));
        }
      g_array_set_size (lines, 0);
      g_array_append_vals (lines, sorted->data, sorted->len);
    }
  return lines;
}

static double
legend_item_width (PangoContext *context,
                   Layout       *l,
                   const char   *text)
{
  return MARKER_W + text_width (context, l->small, text, FALSE) + 22;
}

static const char *
legend_text (guint i)
{
  switch (i)
    {
    case 0: return _("active poller: runs on every reactor loop");
    case 1: return _("timed poller: runs once per period");
    case 2: return _("fill: the thread's busy share");
    default: return _("the control-plane core");
    }
}
#define N_LEGEND 4

static double
legend_height (PangoContext *context,
               Layout       *l,
               double        width)
{
  double x = 0;
  int rows = 1;

  for (guint i = 0; i < N_LEGEND; i++)
    {
      double iw = legend_item_width (context, l, legend_text (i));
      if (x > 0 && x + iw > width)
        {
          rows++;
          x = 0;
        }
      x += iw;
    }
  return rows * (l->small_h + 6);
}

static void
layout_host (Layout               *l,
             const IopRuntimeHost *host,
             double                width,
             const IopCoresStyle  *style)
{
  PangoContext *context;
  double col_w;
  guint n;

  memset (l, 0, sizeof *l);
  l->context = context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  l->font = style && style->font ? pango_font_description_copy (style->font)
                                 : pango_font_description_from_string ("Sans 10");
  if (pango_font_description_get_size (l->font) <= 0)
    pango_font_description_set_size (l->font, 10 * PANGO_SCALE);
  l->bold = pango_font_description_copy (l->font);
  pango_font_description_set_weight (l->bold, PANGO_WEIGHT_BOLD);
  l->small = pango_font_description_copy (l->font);
  if (pango_font_description_get_size_is_absolute (l->font))
    pango_font_description_set_absolute_size (l->small, pango_font_description_get_size (l->font) * 0.88);
  else
    pango_font_description_set_size (l->small, (int)(pango_font_description_get_size (l->font) * 0.88));
  l->small_bold = pango_font_description_copy (l->small);
  pango_font_description_set_weight (l->small_bold, PANGO_WEIGHT_BOLD);
  l->line_h = line_height (context, l->bold);
  l->small_h = line_height (context, l->small);
  l->header_h = COLUMN_PAD + l->line_h + 2 + l->small_h + COLUMN_PAD;
  l->columns = g_ptr_array_new_with_free_func (column_free);

  if (host == NULL)
    return;

  for (guint i = 0; i < host->threads->len; i++)
    {
      const IopThreadInfo *t = g_ptr_array_index (host->threads, i);
      int lcore = t->lcore >= 0 ? t->lcore : -1;
      Column *col = NULL;
      Box *b;

      for (guint c = 0; c < l->columns->len; c++)
        if (((Column *)g_ptr_array_index (l->columns, c))->lcore == lcore)
          col = g_ptr_array_index (l->columns, c);
      if (col == NULL)
        {
          col = g_new0 (Column, 1);
          col->lcore = lcore;
          col->boxes = g_ptr_array_new_with_free_func (box_free);
          g_ptr_array_add (l->columns, col);
        }
      b = g_new0 (Box, 1);
      b->thread = t;
      b->lines = poller_lines (t);
      g_ptr_array_add (col->boxes, b);
    }
  g_ptr_array_sort (l->columns, compare_lcore);

  n = l->columns->len;
  if (n == 0)
    return;
  col_w = (width - COLUMN_GAP * (n - 1)) / n;
  col_w = CLAMP (col_w, MIN_COLUMN_W, MAX_COLUMN_W);

  for (guint c = 0; c < n; c++)
    {
      Column *col = g_ptr_array_index (l->columns, c);
      double y = l->header_h;

      col->x = c * (col_w + COLUMN_GAP);
      col->w = col_w;
      for (guint i = 0; i < col->boxes->len; i++)
        {
          Box *b = g_ptr_array_index (col->boxes, i);

          b->y = y;
          b->h = BOX_PAD_Y + l->line_h;
          if (b->lines->len > 0)
            b->h += 4 + b->lines->len * (l->small_h + LINE_GAP) - LINE_GAP;
          b->h += BOX_PAD_Y + 2;
          y += b->h + BOX_GAP;
        }
      col->h = y - BOX_GAP + COLUMN_PAD;
      l->lanes_h = MAX (l->lanes_h, col->h);
    }
  l->height = l->lanes_h;
  if (!(style && style->no_legend))
    {
      l->legend_y = l->lanes_h + LEGEND_GAP;
      l->legend_h = legend_height (context, l, width);
      l->height = l->legend_y + l->legend_h;
    }
}

/* --- Painting ------------------------------------------------------------- */

double
iop_cores_busy_of (const IopThreadInfo *t,
                   const IopCoresStyle *style)
{
  if (style && style->busy)
    {
      const double *v = g_hash_table_lookup (style->busy, t->name);
      if (v != NULL)
        return *v;
    }
  return t->busy_pct;
}

static void
draw_marker (cairo_t       *cr,
             const Palette *p,
             gboolean       timed,
             double         x,
             double         cy)
{
  cairo_new_path (cr);
  if (timed)
    {
      cairo_arc (cr, x + 4.5, cy, 3.6, 0, 2 * G_PI);
      set_color (cr, &p->timed);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
    }
  else
    {
      cairo_arc (cr, x + 4.5, cy, 4.0, 0, 2 * G_PI);
      set_color (cr, &p->accent);
      cairo_fill (cr);
    }
}

static void
draw_pill (cairo_t                    *cr,
           const Palette              *p,
           const PangoFontDescription *font,
           const char                 *text,
           double                      right,
           double                      y,
           double                      h)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  int w, th;
  double pw, x;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &th);
  pw = w + 16;
  x = right - pw;
  iop_draw_rounded_rect (cr, x, y, pw, h, h / 2);
  set_color (cr, &p->control_fill);
  cairo_fill (cr);
  set_color (cr, &p->control);
  cairo_move_to (cr, x + 8, y + (h - th) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_box (cairo_t             *cr,
          const Palette       *p,
          Layout              *l,
          const Box           *b,
          double               x,
          double               w,
          const IopCoresStyle *style)
{
  const IopThreadInfo *t = b->thread;
  double busy = iop_cores_busy_of (t, style);
  g_autofree char *busy_text = iop_cores_format_busy (busy);
  double busy_w, y;

  /* The card, then the busy share as a level filled from the bottom */
  iop_draw_rounded_rect (cr, x, b->y, w, b->h, BOX_RADIUS);
  set_color (cr, &p->card);
  cairo_fill_preserve (cr);
  if (busy <= 0)
    cairo_new_path (cr);
  else
    {
      double level = b->h * MIN (busy, 100.0) / 100.0;
      double top = b->y + b->h - level;

      cairo_save (cr);
      cairo_clip (cr);
      cairo_rectangle (cr, x, top, w, level);
      set_color (cr, &p->accent_fill);
      cairo_fill (cr);
      if (level >= 1.5)
        {
          cairo_move_to (cr, x, floor (top) + 0.5);
          cairo_line_to (cr, x + w, floor (top) + 0.5);
          set_color_alpha (cr, &p->accent, 0.55);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
  cairo_new_path (cr);
  iop_draw_rounded_rect (cr, x + 0.5, b->y + 0.5, w - 1, b->h - 1, BOX_RADIUS);
  set_color (cr, &p->card_border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  /* Name and busy share */
  busy_w = text_width (l->context, l->bold, busy_text, TRUE);
  y = b->y + BOX_PAD_Y;
  set_color (cr, &p->fg);
  draw_text (cr, l->bold, t->name, x + BOX_PAD_X, y, w - 2 * BOX_PAD_X - busy_w - 10, 0, FALSE, PANGO_ELLIPSIZE_END);
  if (busy >= 1)
    set_color (cr, &p->accent);
  else
    set_color (cr, &p->dim);
  draw_text (cr, l->bold, busy_text, x + w - BOX_PAD_X - busy_w - 2, y, busy_w + 2, 1, TRUE, PANGO_ELLIPSIZE_NONE);
  y += l->line_h + 4;

  /* Pollers */
  for (guint i = 0; i < b->lines->len; i++)
    {
      const PollerLine *pl = &g_array_index (b->lines, PollerLine, i);
      g_autofree char *name = pl->count > 1 ? g_strdup_printf ("%u × %s", pl->count, pl->name) : g_strdup (pl->name);
      double text_x = x + BOX_PAD_X + MARKER_W;
      double avail = w - BOX_PAD_X - (text_x - x);

      draw_marker (cr, p, pl->timed, x + BOX_PAD_X, y + l->small_h / 2);
      if (pl->timed)
        {
          g_autofree char *period = iop_cores_format_period (pl->period_s);
          double pw = text_width (l->context, l->small, period, TRUE);

          set_color (cr, &p->dim);
          draw_text (cr, l->small, period, x + w - BOX_PAD_X - pw - 2, y, pw + 2, 1, TRUE, PANGO_ELLIPSIZE_NONE);
          avail -= pw + 10;
        }
      set_color (cr, &p->fg);
      draw_text (cr, l->small, name, text_x, y, MAX (avail, 20), 0, FALSE, PANGO_ELLIPSIZE_END);
      y += l->small_h + LINE_GAP;
    }
}

static void
draw_legend (cairo_t       *cr,
             const Palette *p,
             Layout        *l,
             double         width)
{
  PangoContext *context = l->context;
  double x = 0, y = l->legend_y;

  for (guint i = 0; i < N_LEGEND; i++)
    {
      const char *text = legend_text (i);
      double iw = legend_item_width (context, l, text);
      double cy;

      if (x > 0 && x + iw > width)
        {
          x = 0;
          y += l->small_h + 6;
        }
      cy = y + l->small_h / 2;
      switch (i)
        {
        case 0:
        case 1:
          draw_marker (cr, p, i == 1, x, cy);
          break;
        case 2:
          iop_draw_rounded_rect (cr, x, cy - 5, 10, 10, 2.5);
          set_color (cr, &p->accent_fill);
          cairo_fill_preserve (cr);
          set_color_alpha (cr, &p->accent, 0.6);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          break;
        default:
          iop_draw_rounded_rect (cr, x, cy - 5, 10, 10, 5);
          set_color (cr, &p->control_fill);
          cairo_fill_preserve (cr);
          set_color (cr, &p->control);
          cairo_set_line_width (cr, 1.2);
          cairo_stroke (cr);
          break;
        }
      set_color (cr, &p->dim);
      draw_text (cr, l->small, text, x + MARKER_W, y, -1, 0, FALSE, PANGO_ELLIPSIZE_NONE);
      x += iw;
    }
}

void
iop_cores_draw_styled (cairo_t              *cr,
                       double                width,
                       double                height,
                       const IopRuntimeHost *host,
                       const IopCoresStyle  *style)
{
  Layout l;
  Palette p;

  g_return_if_fail (cr != NULL);

  palette_init (&p, style ? style->dark : FALSE);
  layout_host (&l, host, width, style);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (l.columns->len == 0)
    {
      set_color (cr, &p.dim);
      draw_text (cr, l.font, host ? _("No threads in the dumps (add thread_get_pollers or framework_get_reactors)")
                                  : _("No host"),
                 0, MAX (0, (height - l.line_h) / 2), width, 0.5, FALSE, PANGO_ELLIPSIZE_END);
      cairo_restore (cr);
      layout_clear (&l);
      return;
    }

  for (guint c = 0; c < l.columns->len; c++)
    {
      Column *col = g_ptr_array_index (l.columns, c);
      gboolean control = host->control_lcore >= 0 && col->lcore == host->control_lcore;
      g_autofree char *title = col->lcore >= 0 ? g_strdup_printf (_("lcore %d"), col->lcore)
                                                : g_strdup (_("lcore unknown"));
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u SPDK thread", "%u SPDK threads",
                                                             col->boxes->len),
                                                col->boxes->len);

      /* The lane */
      iop_draw_rounded_rect (cr, col->x, 0, col->w, l.lanes_h, COLUMN_RADIUS);
      set_color (cr, control ? &p.control_fill : &p.lane);
      if (control)
        {
          cairo_save (cr);
          cairo_set_source_rgba (cr, p.control_fill.r, p.control_fill.g, p.control_fill.b, p.control_fill.a * 0.45);
          cairo_fill (cr);
          cairo_restore (cr);
          iop_draw_rounded_rect (cr, col->x + 0.75, 0.75, col->w - 1.5, l.lanes_h - 1.5, COLUMN_RADIUS);
          set_color_alpha (cr, &p.control, 0.45);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);

      /* Header */
      set_color (cr, &p.fg);
      draw_text (cr, l.bold, title, col->x + COLUMN_PAD + 2, COLUMN_PAD, col->w / 2, 0, TRUE, PANGO_ELLIPSIZE_END);
      set_color (cr, &p.dim);
      draw_text (cr, l.small, count, col->x + COLUMN_PAD + 2, COLUMN_PAD + l.line_h + 2, col->w - 2 * COLUMN_PAD, 0,
                 TRUE, PANGO_ELLIPSIZE_END);
      if (control)
        draw_pill (cr, &p, l.small_bold, _("control plane"), col->x + col->w - COLUMN_PAD,
                   COLUMN_PAD + 1, l.small_h + 6);

      for (guint i = 0; i < col->boxes->len; i++)
        draw_box (cr, &p, &l, g_ptr_array_index (col->boxes, i), col->x + COLUMN_PAD, col->w - 2 * COLUMN_PAD, style);
    }

  if (!(style && style->no_legend))
    draw_legend (cr, &p, &l, width);

  cairo_restore (cr);
  layout_clear (&l);
}

void
iop_cores_draw (cairo_t              *cr,
                double                width,
                double                height,
                const IopRuntimeHost *host,
                gboolean              dark)
{
  IopCoresStyle style = { 0 };

  style.dark = dark;
  iop_cores_draw_styled (cr, width, height, host, &style);
}

double
iop_cores_get_height (const IopRuntimeHost *host,
                      double                width,
                      const IopCoresStyle  *style)
{
  Layout l;
  double h;

  layout_host (&l, host, width, style);
  h = l.columns->len > 0 ? ceil (l.height) : ceil (l.line_h * 3);
  layout_clear (&l);
  return h;
}

guint
iop_cores_get_n_columns (const IopRuntimeHost *host)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));

  if (host == NULL)
    return 0;
  for (guint i = 0; i < host->threads->len; i++)
    {
      const IopThreadInfo *t = g_ptr_array_index (host->threads, i);
      int lcore = t->lcore >= 0 ? t->lcore : -1;
      gboolean found = FALSE;

      for (guint j = 0; j < seen->len; j++)
        found |= g_array_index (seen, int, j) == lcore;
      if (!found)
        g_array_append_val (seen, lcore);
    }
  return seen->len;
}

double
iop_cores_get_min_width (const IopRuntimeHost *host)
{
  guint n = iop_cores_get_n_columns (host);

  if (n == 0)
    return MIN_COLUMN_W;
  return n * MIN_COLUMN_W + (n - 1) * COLUMN_GAP;
}

gboolean
iop_cores_get_column (const IopRuntimeHost *host,
                      double                width,
                      guint                 column,
                      int                  *lcore,
                      double               *x,
                      double               *column_width)
{
  Layout l;
  gboolean found = FALSE;
  IopCoresStyle style = { 0 };

  style.no_legend = TRUE;
  layout_host (&l, host, width, &style);
  if (column < l.columns->len)
    {
      Column *col = g_ptr_array_index (l.columns, column);

      if (lcore)
        *lcore = col->lcore;
      if (x)
        *x = col->x;
      if (column_width)
        *column_width = col->w;
      found = TRUE;
    }
  layout_clear (&l);
  return found;
}

const IopThreadInfo *
iop_cores_thread_at (const IopRuntimeHost *host,
                     double                width,
                     const IopCoresStyle  *style,
                     double                x,
                     double                y)
{
  Layout l;
  const IopThreadInfo *hit = NULL;

  layout_host (&l, host, width, style);
  for (guint c = 0; hit == NULL && c < l.columns->len; c++)
    {
      Column *col = g_ptr_array_index (l.columns, c);

      if (x < col->x + COLUMN_PAD || x >= col->x + col->w - COLUMN_PAD)
        continue;
      for (guint i = 0; i < col->boxes->len; i++)
        {
          Box *b = g_ptr_array_index (col->boxes, i);
          if (y >= b->y && y < b->y + b->h)
            hit = b->thread;
        }
    }
  layout_clear (&l);
  return hit;
}
