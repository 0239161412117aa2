/* iop-handout-private.h: the page pieces iop-handout.c draws a trace's
 * handout with, shared with a lesson's (iop-handout-lesson.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "iop-handout.h"
#include "iop-painter.h"

G_BEGIN_DECLS

#define MARGIN 28.0
#define INK    0.14, 0.14, 0.16
#define DIM    0.35, 0.35, 0.38

typedef struct
{
  double w, h;           /* the page, in points */
  double canvas_w;       /* the canvas's logical size */
  double canvas_h;
  const IopHandoutOpts *o;
} Page;

/* Draws every page of a handout, cairo_show_page() after each */
typedef void (*IopHandoutPagesFunc) (cairo_t    *cr,
                                     const Page *pg,
                                     gpointer    data);

void         iop_handout_page_init    (Page                 *pg,
                                       const IopHandoutOpts *o);
/* A layout whose font sizes are points of the page */
PangoLayout *iop_handout_page_layout  (cairo_t              *cr);
/* Text or markup wrapped to WIDTH (cut at MAX_HEIGHT when > 0); returns
 * the height it took */
double       iop_handout_text         (cairo_t              *cr,
                                       double                x,
                                       double                y,
                                       double                width,
                                       double                max_height,
                                       const char           *font,
                                       const char           *markup_or_text,
                                       gboolean              markup);
/* The heading and table of the knobs that differ from SPDK's defaults,
 * from Y; returns the height it took */
double       iop_handout_knob_table   (cairo_t              *cr,
                                       const Page           *pg,
                                       IopScenario          *sc,
                                       double                y);
/* Step INDEX's page; NOTE (NULL: none) in a box under its title */
void         iop_handout_step_page    (cairo_t              *cr,
                                       const Page           *pg,
                                       IopTrace             *trace,
                                       guint                 index,
                                       const char           *note,
                                       IopPainterCache      *cache);
void         iop_handout_outcome_page (cairo_t              *cr,
                                       const Page           *pg,
                                       IopTrace             *trace);
/* The PDF to OUTPUT through a temporary file beside it (never over a file
 * without OPTS->force), PAGES drawing its pages */
gboolean     iop_handout_write_pdf    (const IopHandoutOpts *opts,
                                       const char           *output,
                                       IopHandoutPagesFunc   pages,
                                       gpointer              data,
                                       GError              **error);

G_END_DECLS
