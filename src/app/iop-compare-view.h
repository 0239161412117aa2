/* iop-compare-view.h: the scenario's knobs (A) beside yours (B), step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-abcompare.h"
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

G_END_DECLS
