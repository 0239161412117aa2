/* cli-render.h: iopath-cli render (built when cairo and pango are there)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-trace.h"

typedef struct
{
  int      width;
  int      height;
  gboolean dark;
  gboolean presentation;
  gboolean force;          /* replace existing files */
} IopCliRenderOpts;

gboolean iop_cli_render_parse_size (const char *text,
                                    int        *width,
                                    int        *height,
                                    GError    **error);

/* The canvas with the playhead on STEP, to OUTPUT (.png, .svg or .pdf) */
gboolean iop_cli_render_step       (IopTrace               *trace,
                                    const IopCliRenderOpts *o,
                                    guint                   step,
                                    const char             *output,
                                    GError                **error);

/* DIR/frame-00001.png ... at FPS, the playhead moving SPEED steps a second,
 * for DURATION seconds (<= 0: the whole playback). Returns the frame count,
 * 0 on error. */
guint    iop_cli_render_frames     (IopTrace               *trace,
                                    const IopCliRenderOpts *o,
                                    const char             *dir,
                                    double                  fps,
                                    double                  speed,
                                    double                  duration,
                                    GError                **error);
