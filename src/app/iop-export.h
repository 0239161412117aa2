/* iop-export.h: pictures of the canvas for files (GTK-free, like the painter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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
 * for DURATION seconds (<= 0: the whole playback). Returns the frame count,
 * 0 on error. */
guint    iop_export_frames     (IopTrace            *trace,
                                const IopExportOpts *o,
                                const char          *dir,
                                double               fps,
                                double               speed,
                                double               duration,
                                GError             **error);

G_END_DECLS
