/* iop-compare-view.h: the scenario's knobs (A) beside yours (B), step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-abcompare.h"
#include "iop-abfile.h"
#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_COMPARE_VIEW (iop_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (IopCompareView, iop_compare_view, IOP, COMPARE_VIEW, GtkWidget)

GtkWidget          *iop_compare_view_new         (void);

/* ORIGINAL: the scenario as loaded, whose knob values make run A; CURRENT:
 * the trace the window shows, run B (the same I/O, with the user's knob
 * edits). A is run, and the two aligned, when the view is next shown. */
void                iop_compare_view_set_runs    (IopCompareView *self,
                                                  IopScenario    *original,
                                                  IopTrace       *current);

/* The comparison shown, or NULL (nothing edited, or not computed yet) */
const IopAbCompare *iop_compare_view_get_compare (IopCompareView *self);

/* The aligned row both canvases show (an index into the comparison's rows) */
int                 iop_compare_view_get_row     (IopCompareView *self);
void                iop_compare_view_set_row     (IopCompareView *self,
                                                  int             row);

/* Opens a comparison file: RUN_A (built from FILE) is run A from now on,
 * following the window's I/O, until the window's scenario as loaded is no
 * longer OWNER (iop_compare_view_set_runs() with another ORIGINAL) */
void                iop_compare_view_open_file   (IopCompareView *self,
                                                  IopAbFile      *file,
                                                  IopScenario    *run_a,
                                                  IopScenario    *owner);
/* The comparison file shown, NULL when run A is the scenario's own values */
IopAbFile          *iop_compare_view_get_file    (IopCompareView *self);

/* The step the side column describes for the row shown: run A's, or run
 * B's where only B takes it (IS_B). FALSE when nothing is compared. */
gboolean            iop_compare_view_get_side_step (IopCompareView *self,
                                                    IopTrace      **trace,
                                                    int            *step,
                                                    gboolean       *is_b);
/* What run A (B FALSE) or run B is, in a line ("scenario raid270"); NULL
 * when nothing is compared */
const char         *iop_compare_view_get_run_label (IopCompareView *self,
                                                    gboolean        b);

/* The comparison shown, as a file would keep it (NULL when nothing is
 * compared). WINDOW_REF: the built-in id or path of the window's scenario. */
IopAbFile          *iop_compare_view_to_file     (IopCompareView *self,
                                                  const char     *window_ref);

G_END_DECLS
