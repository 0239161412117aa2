/* iop-handout.h: a printable PDF of one traced I/O (GTK-free, like the painter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-lesson.h"
#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean    portrait;   /* A4 portrait; landscape (the default) otherwise */
  const char *spdk_dir;   /* an SPDK checkout to print each step's function from; NULL: the reference only */
  gboolean    force;      /* replace an existing file */
} IopHandoutOpts;

#define IOP_HANDOUT_OPTS_INIT { FALSE, NULL, FALSE }

/* Pages: the title, one per step, the outcome */
guint    iop_handout_n_pages  (IopTrace             *trace);

/* The handout as a PDF: a title page with the scenario and the knobs that
 * differ from SPDK's defaults, a page per step (the canvas at full page
 * width, what happened, the function's source or its reference, objects,
 * knobs, the explanation), and the outcome card on the last page */
gboolean iop_handout_write    (IopScenario          *sc,
                               IopTrace             *trace,
                               const IopHandoutOpts *opts,
                               const char           *output,
                               GError              **error);

/* A lesson's handout: a title page with the lesson and its chapters, then
 * for each chapter a page with its title, knob changes, faults, intro and
 * the knobs that differ from SPDK's defaults, a page for each pause step
 * with its speaker note above the canvas, and the chapter's outcome.
 * SCENARIOS and TRACES are the chapters' (iop_lesson_build_chapter(),
 * iop_lesson_validate()). */
gboolean iop_handout_write_lesson (IopLesson            *lesson,
                                   GPtrArray            *scenarios,
                                   GPtrArray            *traces,
                                   const IopHandoutOpts *opts,
                                   const char           *output,
                                   GError              **error);
guint    iop_handout_lesson_n_pages (IopLesson          *lesson);

/* Page PAGE (0 the title, the last the outcome) as a PNG at 2x, to look at */
gboolean iop_handout_page_png (IopScenario          *sc,
                               IopTrace             *trace,
                               const IopHandoutOpts *opts,
                               guint                 page,
                               const char           *output,
                               GError              **error);

G_END_DECLS
