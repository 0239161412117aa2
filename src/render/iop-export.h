/* iop-export.h: pictures of the canvas for files (GTK-free, like the painter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

typedef struct
{
  int      width;
  int      height;
  gboolean dark;
  gboolean presentation;
  gboolean force;          /* replace existing files */
} IopExportOpts;

gboolean iop_export_parse_size (const char *text,
                                int        *width,
                                int        *height,
                                GError    **error);

/* The canvas with the playhead at POSITION (in steps, as the canvas has it)
 * to OUTPUT; the format comes from its extension (.png, .svg or .pdf) */
gboolean iop_export_step       (IopTrace            *trace,
                                const IopExportOpts *o,
                                double               position,
                                const char          *output,
                                GError             **error);

/* DIR/frame-00001.png ... at FPS, the playhead moving SPEED steps a second,
 * for DURATION seconds (<= 0: the whole playback, its last step with the
 * outcome card held HOLD seconds more). Returns the frame count, 0 on
 * error. */
guint    iop_export_frames     (IopTrace            *trace,
                                const IopExportOpts *o,
                                const char          *dir,
                                double               fps,
                                double               speed,
                                double               duration,
                                double               hold,
                                GError             **error);

/* A PDF handout: a title page with the scenario and the knobs that differ
 * from SPDK's defaults, then a page per step (canvas, what happened, source
 * reference, objects, knobs, explanation) */
gboolean iop_export_handout    (IopScenario         *sc,
                                IopTrace            *trace,
                                const char          *output,
                                gboolean             force,
                                GError             **error);

gboolean iop_export_handout_page_png (IopScenario *sc,
                                      IopTrace    *trace,
                                      guint        page,
                                      const char  *output,
                                      gboolean     force,
                                      GError     **error);

/* Removes the temporary file being written when the process gets a signal
 * it can catch (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, and the crash
 * signals), then lets the signal do what it did before. For command-line
 * tools; SIGKILL cannot be caught. */
void     iop_export_remove_temp_on_signals (void);

/* A temporary file beside DEST (NULL and an error when DEST exists and not
 * FORCE), then moved into place or discarded; the signals above remove it */
char    *iop_export_begin_file   (const char  *dest,
                                  gboolean     force,
                                  GError     **error);
gboolean iop_export_commit_file  (const char  *tmp,
                                  const char  *dest,
                                  gboolean     force,
                                  GError     **error);
void     iop_export_discard_file (const char  *tmp);

G_END_DECLS
