/* iop-explain-panel.h: what happens at the current step, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_EXPLAIN_PANEL (iop_explain_panel_get_type ())
G_DECLARE_FINAL_TYPE (IopExplainPanel, iop_explain_panel, IOP, EXPLAIN_PANEL, GtkWidget)

GtkWidget  *iop_explain_panel_new              (void);
/* STEP -1 or TRACE NULL: nothing to explain */
void        iop_explain_panel_set_step         (IopExplainPanel *self,
                                                IopTrace        *trace,
                                                int              step);
/* SPDK would refuse SCENARIO at start-up: show REASON instead of a step.
 * SCENARIO NULL leaves that state. */
void        iop_explain_panel_set_refusal      (IopExplainPanel *self,
                                                IopScenario     *scenario,
                                                const char      *reason);
/* A line above the step saying which run it belongs to (the Compare view
 * shows two); NULL hides it */
void        iop_explain_panel_set_run_label    (IopExplainPanel *self,
                                                const char      *label);
const char *iop_explain_panel_get_run_label    (IopExplainPanel *self);
/* The trace and step explained (for tests) */
IopTrace   *iop_explain_panel_get_step         (IopExplainPanel *self,
                                                int             *step);
void        iop_explain_panel_set_presentation (IopExplainPanel *self,
                                                gboolean         presentation);
/* The markup of the explanation body, with its knob links (for tests) */
const char *iop_explain_panel_get_body_markup  (IopExplainPanel *self);

/* Signal "knob-activated" (int host, const char *id): a knob link was clicked */

/* Escapes TEXT for Pango markup and turns every "method.param" that names
 * a knob of SCENARIO into <a href="knob:HOST/ID">. HOST is the host to try
 * first. */
char       *iop_linkify_knobs                  (const char        *text,
                                                const IopScenario *scenario,
                                                IopHostId          host);

G_END_DECLS
