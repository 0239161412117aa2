/* iop-painter-private.h: what the painter's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout (boxes, lanes, hosts, wires, gauge slots, texts), the cache, and
 * the helpers one file of the painter defines and others call. Not for use
 * outside src/render/iop-painter*.c: iop-painter.h is the API.
 */
#pragma once

#include <pango/pangocairo.h>

#include "iop-draw.h"
#include "iop-painter.h"
#include "iop-format.h"
#include "iop-topology.h"

G_BEGIN_DECLS

#define N_LEGS_MAX 2

/* ------------------------------------------------------------------ */
/* Types                                                                */

typedef enum
{
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_SECTION,
  FONT_LANE,
  FONT_BOX,
  FONT_PILL,
  FONT_GAUGE,
  FONT_NUMBERS,
  FONT_CAPTION_TITLE,
  FONT_CAPTION,
  FONT_MONO,
  FONT_BADGE,
  N_FONTS
} FontRole;

typedef enum
{
  INK_FG,
  INK_DIM,
  INK_ZONE,
} Ink;

typedef struct
{
  double x;
  double y;
} Pt;

/* What the layout leaves out when the canvas is too small for everything,
 * in the order it gives things up: text never goes under 11 px, no label
 * is cut and nothing overlaps, so details go instead */
typedef enum
{
  DETAIL_ALL,
  DETAIL_NO_SUBTITLES,      /* the hosts' and the network's second line */
  DETAIL_NO_IDLE_POOLS,     /* and the process-wide pools this I/O leaves as they are */
  DETAIL_NO_IDLE_GAUGES,    /* and the threads' gauges it leaves as they are */
  DETAIL_NO_POOLS,          /* and the process-wide pools */
  DETAIL_NO_GAUGES,         /* and the per-thread gauges: stages and wires only */
} Detail;

/* How well a layout fits its canvas */
typedef enum
{
  FIT_NONE,       /* something leaves its card or the canvas */
  FIT_SQUEEZED,   /* everything in place, some labels shortened or cut */
  FIT_WHOLE,      /* every label whole (STRICT) or at least roomy */
} Fit;

#define FONT_FLOOR 11.0     /* px: the smallest text, legible in a 720p video */
#define FONT_FLOOR_SMALL 10.5  /* px: ... on the smallest canvases, where 11 px leaves nothing in place */
#define UNIT_MIN   8.0      /* px: the smallest unit at or above it */

typedef struct
{
  FontRole           font;
  char              *text;
  cairo_rectangle_t  rect;     /* rect.width is the drawn width, <= the room */
  PangoAlignment     align;
  Ink                ink;
  IopPlace           place;
} TextItem;

typedef struct
{
  IopPainterBox  pub;
  GArray        *steps;        /* int */
  GPtrArray     *keys;         /* const char *, distinct, in path order */
  GArray        *layers;       /* IopLayer, distinct */
  char          *label;
  char          *short_label;
  char          *tiny_label;   /* pills: the shortest form, or NULL */
  const char    *group;        /* interned */
  int            host;
  int            lane;
  int            column;       /* -1 guest, device, pill */
  guint          leg_mask;
  double         pip_y;
  int            wire;         /* pills: their wire */
  double         wire_s;       /* pills: arc position on it */
  double         token_s;      /* pills: where the token's way along the wire meets the pill */
  double         token_x;      /* pills: where it stops, at the leading end (at pip_y) */
} Box;

typedef struct
{
  int                host;
  char              *thread;
  int                core;
  cairo_rectangle_t  rect;
  double             sub_y;
  double             comp_y;
  gboolean           rows;     /* draws the two rows of boxes: it runs a step, or stands for an idle host */
  GArray            *gauges;   /* guint */
  GArray            *shown;    /* guint: those the detail level keeps */
  int                gauge_cols;
  cairo_rectangle_t  gauges_rect;
  int                device_box;  /* the SSD this thread's qpair reaches, -1 none */
} Lane;

typedef struct
{
  IopPlace           place;
  int                node;
  cairo_rectangle_t  rect;
  char              *title;
  char              *subtitle;
  GArray            *lanes;        /* int */
  GArray            *pools;        /* guint gauge */
  GArray            *shown_pools;  /* guint: those the detail level keeps */
  int                pool_cols;
  cairo_rectangle_t  pools_rect;
  int                guest_box;
  int                device_box;
  gboolean           idle;         /* no step of this I/O runs here */
} Host;

typedef struct
{
  guint              gauge;
  cairo_rectangle_t  rect;
  cairo_rectangle_t  label;
  cairo_rectangle_t  numbers;
  cairo_rectangle_t  bar;
  int                tier;     /* how compact its numbers are, see format_level() */
  const char        *text;     /* the form of its label that fits (GaugeInfo.forms) */
} GaugeSlot;

/* What the layout knows of a gauge whatever the size */
typedef struct
{
  GPtrArray         *forms;     /* char *: its label, then shorter forms (gauge_label_forms) */
  GArray            *levels;    /* gint64: the levels it shows, each once */
  gint64             max_delta; /* its largest change at one step: 0 if this I/O leaves it as it is */
  /* widths at the fonts' sizes they were measured at (the layout's search
   * tries many units, most with the same text sizes) */
  int                numbers_size;
  double             numbers_w[4];  /* per tier, -1 not measured */
  int                label_size;
  double             forms_w[4];
  int                delta_size;
  double             delta_w;
} GaugeInfo;

/* The caption's widest texts at a size of its fonts */
typedef struct
{
  int                title_size;
  double            *title_w;       /* per step */
  double            *two_ok;        /* per step: a room where it fits on two lines, 0 none known */
  double            *two_no;        /* per step: a room where it does not, 0 none known */
  int                detail_size;
  double             shortest_detail;
} CaptionWidths;

typedef struct
{
  int      node;
  gboolean ret;
  int      storage_lane; /* the thread it reaches on the storage node: one wire per qpair */
  int      from_box;
  int      to_box;
  Pt       p[4];         /* port, panel edge, panel edge, port */
  GArray  *pts;          /* Pt, sampled along the wire */
  GArray  *cum;          /* double, arc length at each sample */
  double   curve_s0;
  double   curve_s1;
  GArray  *pills;        /* int box */
} Wire;

struct _IopPainterLayout
{
  IopTrace          *trace;
  double             width;
  double             height;
  double             text_scale;
  gboolean           presentation;
  char              *font_family;

  double             u;                /* the unit: body text is about 0.9 u */
  double             font_floor;       /* the smallest text in pixels: 10.5 unless below the smallest size */
  Detail             detail;           /* what a small canvas leaves out */
  Fit                fit;              /* FIT_NONE: the drawing is clipped to the canvas */
  guint              n_hidden;         /* box, pill and gauge labels left out for want of room */
  guint              n_cut;            /* texts that would be cut even in their shortest form */
  GaugeInfo         *ginfo;            /* per trace gauge, made when first asked for (gauge_info) */
  CaptionWidths      capw;
  int                outcome_hops;     /* the outcome card's hops, 0: not worked out yet */
  gboolean           outcome_fault;
  PangoFontDescription *fonts[N_FONTS];
  double             lh[N_FONTS];

  GPtrArray         *boxes;            /* Box* */
  GPtrArray         *lanes;            /* Lane* */
  GPtrArray         *hosts;            /* Host*: [0] baremetal, [1 + n] storage node n */
  GPtrArray         *wires;            /* Wire* */
  GArray            *texts;            /* TextItem */
  GArray            *gauges;           /* GaugeSlot */
  int               *gauge_slot;       /* per trace gauge, -1 none */
  GPtrArray         *bm_columns;       /* const char * interned groups */
  GPtrArray         *st_columns;
  int                n_nodes;

  int               *step_box;
  int               *step_phase;       /* 0 submission, 1 completion */
  Pt                *anchor;           /* where the token sits for each step */
  Pt                 guest_anchor;       /* where the request starts */
  Pt                 guest_return;       /* where it ends */

  GArray            *main_seq;
  GArray            *leg_seq[N_LEGS_MAX];
  GArray            *echo_seq[N_LEGS_MAX + 1];  /* cleanup after delivery: [0] main, [1 + leg] */
  int                n_legs;

  cairo_rectangle_t  network;
  cairo_rectangle_t  caption;
  cairo_rectangle_t  cap_badge;
  cairo_rectangle_t  cap_title;
  cairo_rectangle_t  cap_detail;
  cairo_rectangle_t  cap_time;
  cairo_rectangle_t  cap_legend;

  double             box_h;
  double             radius;
  double             line_w;
  double             token_r;
};

struct _IopPainterCache
{
  GHashTable       *widths;      /* "size|weight|family|text" -> logical width */
  PangoContext     *pctx;
  PangoLayout      *pl;
  IopPainterLayout *layout;
  cairo_surface_t  *static_surface;
  const IopPalette *static_palette;
  double            static_scale;
  /* iop_painter_get_items(): what the frame draws, while it draws it */
  GArray            *items;       /* IopPainterItem, or NULL: not recording */
  IopPainterItemKind text_kind;   /* what show_text() is drawing */
  int                card;        /* the card being drawn on, -1 none */
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static inline double
ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

static inline double
lerp (double a, double b, double t)
{
  return a + (b - a) * t;
}


/* iop-painter-util.c */
G_GNUC_INTERNAL
void
set_ink (cairo_t        *cr,
         const IopColor *c,
         double          alpha);

G_GNUC_INTERNAL
IopColor
mix (const IopColor *a,
     const IopColor *b,
     double          t);

G_GNUC_INTERNAL
double
device_scale (cairo_t *cr);

G_GNUC_INTERNAL
void
stroke_box (cairo_t                 *cr,
            const cairo_rectangle_t *r,
            double                   radius,
            double                   lw);

G_GNUC_INTERNAL
gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y);

G_GNUC_INTERNAL
cairo_rectangle_t
rect_make (double x, double y, double w, double h);

G_GNUC_INTERNAL
int
count_floor (double v,
             int    lo,
             int    hi);

G_GNUC_INTERNAL
double
sane_side (double v);

G_GNUC_INTERNAL
double
sane_position (IopTrace *trace,
               double    position);

G_GNUC_INTERNAL
double
sane_text_scale (double v);

G_GNUC_INTERNAL
const char *
trtype_label (const char *trtype);

/* iop-painter-labels.c */
G_GNUC_INTERNAL
char *
format_level (gint64 level,
              gint64 capacity,
              int    tier);

G_GNUC_INTERNAL
GaugeInfo *
gauge_info (IopPainterLayout *L,
            guint             gauge);

G_GNUC_INTERNAL
void
gauge_info_free (IopPainterLayout *L);

G_GNUC_INTERNAL
gboolean
fits_lines (IopPainterCache  *cache,
            IopPainterLayout *L,
            FontRole          font,
            const char       *text,
            double            room,
            int               lines);

G_GNUC_INTERNAL
char *
caption_detail_shortest (IopStep *st);

G_GNUC_INTERNAL
char *
caption_detail (IopPainterCache  *cache,
                IopPainterLayout *L,
                IopStep          *st,
                double            room);

G_GNUC_INTERNAL
char
leg_letter (int leg);

G_GNUC_INTERNAL
void
measure (IopPainterCache            *cache,
         const PangoFontDescription *font,
         const char                 *text,
         double                     *width,
         double                     *height);

G_GNUC_INTERNAL
double
text_w (IopPainterCache  *cache,
        IopPainterLayout *L,
        FontRole          font,
        const char       *text);

G_GNUC_INTERNAL
Box *
box_at (IopPainterLayout *L,
        int               i);

G_GNUC_INTERNAL
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
           gboolean                    tabular);
/* The same, wrapped on up to LINES lines, the last one ellipsized */
G_GNUC_INTERNAL
void
show_text_lines (IopPainterCache            *cache,
                 cairo_t                    *cr,
                 const PangoFontDescription *font,
                 const char                 *text,
                 double                      x,
                 double                      y,
                 double                      room,
                 int                         lines,
                 const IopColor             *color);

/* iop_painter_get_items(): notes an item of KIND in RECT when recording;
 * its index, or -1 */
G_GNUC_INTERNAL
int
record_item (IopPainterCache         *cache,
             IopPainterItemKind       kind,
             const cairo_rectangle_t *rect);

/* ... and the text PL just drew at X, Y, as cache->text_kind */
G_GNUC_INTERNAL
void
record_text (IopPainterCache            *cache,
             PangoLayout                *pl,
             const PangoFontDescription *font,
             const char                 *text,
             double                      x,
             double                      y);

G_GNUC_INTERNAL
void
draw_text_item (IopPainterCache  *cache,
                IopPainterLayout *L,
                cairo_t          *cr,
                const IopPalette *pal,
                const TextItem   *t);

G_GNUC_INTERNAL
void
begin_text (IopPainterCache *cache,
            cairo_t         *cr);

G_GNUC_INTERNAL
void
chevron (cairo_t *cr,
         double   x,
         double   y,
         double   size,
         int      dir);

G_GNUC_INTERNAL
const IopColor *
box_zone (const IopPalette *pal,
          const Box        *box);

/* iop-painter-outcome.c */
/* The height the outcome card needs at the least below or above the
 * baremetal host of width WIDTH, with its gap */
G_GNUC_INTERNAL
double
outcome_min_height (IopPainterLayout *L,
                    double            width);

/* ... and with every line */
G_GNUC_INTERNAL
double
outcome_want_height (IopPainterLayout *L,
                     double            width);

G_GNUC_INTERNAL
void
draw_outcome (IopPainterCache  *cache,
              cairo_t          *cr,
              IopPainterLayout *L,
              const IopPalette *pal,
              gboolean          dark);

/* iop-painter-analyse.c */
G_GNUC_INTERNAL
void
box_free (gpointer p);

G_GNUC_INTERNAL
void
lane_free (gpointer p);

G_GNUC_INTERNAL
void
host_free (gpointer p);

G_GNUC_INTERNAL
void
wire_free (gpointer p);

G_GNUC_INTERNAL
void
text_item_clear (gpointer p);

G_GNUC_INTERNAL
void
layout_free (IopPainterLayout *L);

G_GNUC_INTERNAL
void
layout_analyse (IopPainterLayout *L);

/* iop-painter-zones.c */
G_GNUC_INTERNAL
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
          IopPlace          place);

G_GNUC_INTERNAL
gboolean
label_shows (IopPainterCache  *cache,
             IopPainterLayout *L,
             FontRole          font,
             const char       *text,
             double            room);

G_GNUC_INTERNAL
void
filter_gauges (IopPainterLayout *L);

G_GNUC_INTERNAL
void
layout_fonts (IopPainterCache  *cache,
              IopPainterLayout *L);

G_GNUC_INTERNAL
gboolean
show_subtitles (IopPainterLayout *L);

G_GNUC_INTERNAL
int
gauge_columns (IopPainterCache  *cache,
               IopPainterLayout *L,
               GArray           *gauges,
               double            width,
               gboolean          dense);

G_GNUC_INTERNAL
double
lane_rows_middle (IopPainterLayout *L);

G_GNUC_INTERNAL
double
host_top_height (IopPainterLayout *L,
                 Host             *host);

G_GNUC_INTERNAL
double
host_lanes_height (IopPainterLayout *L,
                   Host             *host);

G_GNUC_INTERNAL
gboolean
place_host (IopPainterCache  *cache,
            IopPainterLayout *L,
            Host             *host,
            double            lanes_y,
            double            extra_top);

/* iop-painter-tokens.c */
G_GNUC_INTERNAL
void
wire_curve_controls (const Wire *w,
                     Pt         *c1,
                     Pt         *c2);

G_GNUC_INTERNAL
void
wire_sample (Wire *w);

G_GNUC_INTERNAL
Pt
wire_point (const Wire *w,
            double      s);

G_GNUC_INTERNAL
double
wire_s_at_x (const Wire *w,
             double      x);

G_GNUC_INTERNAL
guint
compute_tokens (IopPainterLayout *L,
                double            p,
                IopPainterToken  *out,
                guint             n_max);

G_GNUC_INTERNAL
const IopColor *
token_color (const IopPalette *pal,
             int               leg);

G_GNUC_INTERNAL
void
draw_token (cairo_t               *cr,
            const IopPalette      *pal,
            const IopPainterToken *t);

/* iop-painter-static.c */
G_GNUC_INTERNAL
void
clip_unless_fits (cairo_t          *cr,
                  IopPainterLayout *L);

/* iop-painter-dynamic.c */
G_GNUC_INTERNAL
int
box_first_step (const Box *box);

G_GNUC_INTERNAL
char *
step_where (IopTrace *trace,
            IopStep  *st);

/* iop-painter-layout.c */
/* The room a pill keeps at its leading end for the token on it */
G_GNUC_INTERNAL
double
pill_token_room (IopPainterLayout *L);

/* iop-painter-faults.c */
/* The width the fault cards' first lines need */
G_GNUC_INTERNAL
double
fault_cards_width (IopPainterCache  *cache,
                   IopPainterLayout *L);

G_GNUC_INTERNAL
void
draw_faults (IopPainterCache  *cache,
             cairo_t          *cr,
             IopPainterLayout *L,
             const IopPalette *pal,
             double            p);

G_END_DECLS
