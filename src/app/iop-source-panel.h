/* iop-source-panel.h: SPDK's own code for the current step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_TYPE_SOURCE_PANEL (iop_source_panel_get_type ())
G_DECLARE_FINAL_TYPE (IopSourcePanel, iop_source_panel, IOP, SOURCE_PANEL, GtkWidget)

typedef enum
{
  IOP_SOURCE_STATE_EMPTY,       /* no step */
  IOP_SOURCE_STATE_CODE,        /* the function is shown */
  IOP_SOURCE_STATE_NO_FOLDER,   /* no SPDK checkout: "Choose SPDK Folder…" */
  IOP_SOURCE_STATE_NO_CODE,     /* the step runs no SPDK function (wire, SSD) */
  IOP_SOURCE_STATE_NOT_FOUND,   /* the checkout lacks the file or function */
} IopSourceState;

GtkWidget       *iop_source_panel_new                (void);
/* DIR NULL: no usable checkout, WHY says why */
void             iop_source_panel_set_spdk_dir       (IopSourcePanel *self,
                                                      const char     *dir,
                                                      const char     *why);
void             iop_source_panel_set_step           (IopSourcePanel *self,
                                                      IopTrace       *trace,
                                                      int             step);

IopSourceState   iop_source_panel_get_state          (IopSourcePanel *self);
GtkSourceBuffer *iop_source_panel_get_buffer         (IopSourcePanel *self);
/* Line of the file (1-based) marked as the step's line; 0 when none */
int              iop_source_panel_get_highlight_line (IopSourcePanel *self);
/* The buffer holds an excerpt of the file: the file line of its first line */
int              iop_source_panel_get_first_line     (IopSourcePanel *self);
/* "lib/bdev/bdev.c:6199" as the header shows it */
const char      *iop_source_panel_get_location       (IopSourcePanel *self);
/* The SPDK version found in the checkout ("v26.01"), or NULL */
const char      *iop_source_panel_get_found_version  (IopSourcePanel *self);
/* The note shown when the checkout is another SPDK version, or NULL */
const char      *iop_source_panel_get_version_note   (IopSourcePanel *self);

/* The SPDK release of a checkout, "v26.01": include/spdk/version.h (a
 * configured tree) or else the VERSION file (a fresh clone). NULL if unknown. */
char            *iop_spdk_checkout_version           (const char     *dir);

G_END_DECLS
