/* iop-painter.h: the whole scene of one traced I/O, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The painter is a pure function of (trace, playhead, size, style): no widget,
 * no display, no timer. The canvas calls it inside snapshot, the exporter on
 * PNG/SVG/PDF surfaces, the tests on an image surface.
 *
 * Everything is in logical units (CSS pixels); the cairo target's device scale
 * gives HiDPI sharpness.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "iop-palette.h"
#include "iop-trace.h"

G_BEGIN_DECLS

/* The smallest canvas the painter is made for, in logical pixels: the
 * smallest common video size (nHD), and about the narrowest where a stage box
 * keeps a short label ("NVMe") at the smallest text (10.5 px). Down to it the
 * layout shortens labels and then leaves details out (subtitles, pools,
 * gauges) rather than let anything overlap or leave the canvas. Below it
 * (a caller's choice: iopath-cli and the canvas refuse smaller) everything
 * shrinks, text too, and what still spills is clipped. */
#define IOP_PAINTER_MIN_WIDTH  640
#define IOP_PAINTER_MIN_HEIGHT 360

/* Layout and static layer, kept by the caller between frames. */
typedef struct _IopPainterCache IopPainterCache;

IopPainterCache *iop_painter_cache_new  (void);
void             iop_painter_cache_free (IopPainterCache *cache);

typedef struct
{
  double             position;      /* playhead in step units; -1 = the guest, before step 0 */
  gboolean           dark;
  gboolean           presentation;  /* bigger text, less chrome */
  double             text_scale;    /* 1.0 normal; <= 0 means 1.0 */
  int                hover_step;    /* -1 none */
  int                hover_gauge;   /* -1 none */
  const IopPalette  *palette;       /* NULL: iop_palette_get (dark) */
  const char        *font_family;   /* NULL: "Cantarell, Sans" */
  IopPainterCache   *cache;         /* NULL: lay out from scratch on every call */
  gboolean           outcome;       /* at the last step, draw the outcome card (iop-outcome.h) */
} IopPaintState;

#define IOP_PAINT_STATE_INIT { 0.0, FALSE, FALSE, 1.0, -1, -1, NULL, NULL, NULL }

/* Draws the whole scene in the rectangle (0, 0, WIDTH, HEIGHT) of CR. */
void   iop_painter_draw         (cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 IopTrace            *trace,
                                 const IopPaintState *state);

/* The same in two layers: what does not move (zones, lanes, boxes, labels)
 * and what does (tokens, highlights, gauge levels, the caption).
 * iop_painter_draw() is draw_static (cached in state->cache) + draw_dynamic. */
void   iop_painter_draw_static  (cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 IopTrace            *trace,
                                 const IopPaintState *state);
void   iop_painter_draw_dynamic (cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 IopTrace            *trace,
                                 const IopPaintState *state);

/* Hit testing in the same coordinates as drawing. The step is the one of the
 * box under (X, Y) that comes next after the playhead (else its first step). */
int    iop_painter_hit_step     (IopTrace            *trace,
                                 double               width,
                                 double               height,
                                 const IopPaintState *state,
                                 double               x,
                                 double               y);
int    iop_painter_hit_gauge    (IopTrace            *trace,
                                 double               width,
                                 double               height,
                                 const IopPaintState *state,
                                 double               x,
                                 double               y);
/* Tooltip text for the box or gauge under (X, Y), or NULL. If AREA is not
 * NULL it receives the rectangle the text is about. */
char  *iop_painter_describe     (IopTrace            *trace,
                                 double               width,
                                 double               height,
                                 const IopPaintState *state,
                                 double               x,
                                 double               y,
                                 cairo_rectangle_t   *area);

typedef struct
{
  double x;
  double y;
  int    leg;       /* -1: the request itself, 0/1: RAID leg A/B */
  double alpha;     /* 0..1 */
  double radius;
  int    step;      /* the step whose box it is in or nearest to, -1: the guest */
} IopPainterToken;

/* The request tokens at state->position; returns how many were written (<= N_MAX). */
guint  iop_painter_token_positions (IopTrace            *trace,
                                    double               width,
                                    double               height,
                                    const IopPaintState *state,
                                    IopPainterToken     *tokens,
                                    guint                n_max);

/* The geometry, computed from trace + size + text settings. */
typedef struct _IopPainterLayout IopPainterLayout;

typedef enum
{
  IOP_PAINTER_BOX_STAGE,    /* functions of one layer on one SPDK thread */
  IOP_PAINTER_BOX_DEVICE,   /* the SSD */
  IOP_PAINTER_BOX_WIRE,     /* a capsule or transfer on the network */
  IOP_PAINTER_BOX_GUEST,    /* the guest VM (no step) */
} IopPainterBoxKind;

typedef struct
{
  IopPainterBoxKind  kind;
  cairo_rectangle_t  rect;
  IopPlace           place;
  int                node;       /* storage node, -1 elsewhere */
  gboolean           completion; /* on the way back */
  const char        *label;
  const int         *steps;      /* sorted step indexes */
  guint              n_steps;
} IopPainterBox;

typedef enum
{
  IOP_PAINTER_RECT_ZONE,    /* host panels and the network zone */
  IOP_PAINTER_RECT_LANE,    /* one SPDK thread */
  IOP_PAINTER_RECT_BOX,     /* every IopPainterBox */
  IOP_PAINTER_RECT_GAUGE,
  IOP_PAINTER_RECT_TEXT,    /* every static text line */
  IOP_PAINTER_RECT_CAPTION, /* the caption strip */
  IOP_PAINTER_RECT_CAPTION_PARTS, /* in it: the step badge, title, detail line, time, legend */
} IopPainterRectKind;

/* Owned by the cache; valid until the next call with another trace or size. */
IopPainterLayout        *iop_painter_cache_get_layout  (IopPainterCache     *cache,
                                                        IopTrace            *trace,
                                                        double               width,
                                                        double               height,
                                                        const IopPaintState *state);
double                   iop_painter_layout_get_unit   (const IopPainterLayout *layout);
/* The smallest text, in pixels */
double                   iop_painter_layout_get_min_font_size (const IopPainterLayout *layout);
guint                    iop_painter_layout_get_n_boxes (const IopPainterLayout *layout);
const IopPainterBox     *iop_painter_layout_get_box    (const IopPainterLayout *layout,
                                                        guint                   i);
/* Index of the box STEP is drawn in, or -1 */
int                      iop_painter_layout_get_step_box (const IopPainterLayout *layout,
                                                          int                     step);
/* The panel of a place (NODE: storage node, else ignored); FALSE if none */
gboolean                 iop_painter_layout_get_zone   (const IopPainterLayout *layout,
                                                        IopPlace                place,
                                                        int                     node,
                                                        cairo_rectangle_t      *rect);
gboolean                 iop_painter_layout_get_gauge_rect (const IopPainterLayout *layout,
                                                            guint                   gauge,
                                                            cairo_rectangle_t      *rect);
/* All rectangles of one kind, for tests: a new array of cairo_rectangle_t */
GArray                  *iop_painter_layout_get_rects  (const IopPainterLayout *layout,
                                                        IopPainterRectKind      kind);

/* What one frame draws, for tests: every text, token and card, static and
 * moving, with the rectangle it covers */
typedef enum
{
  IOP_PAINTER_ITEM_BOX_LABEL,      /* a stage's, the guest's or the SSD's name */
  IOP_PAINTER_ITEM_PILL_LABEL,     /* a capsule or transfer on the network */
  IOP_PAINTER_ITEM_GAUGE_LABEL,    /* a pool's, cache's or queue's name */
  IOP_PAINTER_ITEM_GAUGE_LEVEL,    /* "511 / 512" */
  IOP_PAINTER_ITEM_GAUGE_DELTA,    /* "−1" at the step that takes or returns */
  IOP_PAINTER_ITEM_HEADING,        /* a host's or the network's title or subtitle, a thread, a section */
  IOP_PAINTER_ITEM_CAPTION_BADGE,  /* "Step 15 of 94" */
  IOP_PAINTER_ITEM_CAPTION_TITLE,
  IOP_PAINTER_ITEM_CAPTION_DETAIL,
  IOP_PAINTER_ITEM_CAPTION_TIME,   /* the time and how long the step took */
  IOP_PAINTER_ITEM_LEGEND,         /* "Replica A" */
  IOP_PAINTER_ITEM_CARD,           /* drawn over the diagram: a fault card, a node's banner, the outcome card */
  IOP_PAINTER_ITEM_CARD_TEXT,      /* a line on one */
  IOP_PAINTER_ITEM_TOKEN,          /* a request's disc, without its glow */
  IOP_PAINTER_ITEM_MARK,           /* the cross where a link broke */
} IopPainterItemKind;

typedef struct
{
  IopPainterItemKind kind;
  cairo_rectangle_t  rect;         /* texts: the drawn text's logical extents */
  char              *text;         /* texts: what the painter asked to draw (whole) */
  char              *shown;        /* texts: what was drawn (ends in "…" if cut) */
  gboolean           ellipsized;
  double             font_size;    /* texts, in pixels */
  int                card;         /* the CARD item a text or mark is drawn on, else -1 */
} IopPainterItem;

/* The items of the frame iop_painter_draw() would draw: a new array of
 * IopPainterItem (freed with g_array_unref), in drawing order */
GArray                  *iop_painter_get_items         (IopTrace            *trace,
                                                        double               width,
                                                        double               height,
                                                        const IopPaintState *state);

/* Where the outcome card goes with state->outcome at the last step: below
 * the baremetal host, or over its lower part, never over the caption.
 * FALSE if the canvas has no room for it. */
gboolean                 iop_painter_outcome_rect      (IopTrace            *trace,
                                                        double               width,
                                                        double               height,
                                                        const IopPaintState *state,
                                                        cairo_rectangle_t   *rect);
/* The card alone in RECT, its body text about 0.85 UNIT (the handout's last page) */
void                     iop_painter_draw_outcome_card (cairo_t                 *cr,
                                                        const cairo_rectangle_t *rect,
                                                        double                   unit,
                                                        IopTrace                *trace,
                                                        const IopPalette        *palette,
                                                        const char              *font_family);
/* The height the card wants at UNIT and WIDTH */
double                   iop_painter_outcome_card_height (IopTrace *trace,
                                                          double    unit,
                                                          double    width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopPainterCache, iop_painter_cache_free)

G_END_DECLS
