/* iop-palette.h: every colour Iopath draws with, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One source of truth for the canvas, the handout, the plots and the app's
 * charts: each zone (baremetal, network, storage) and each RAID replica
 * (A, B) has one colour everywhere, and no zone shares a hue with a replica.
 * The two runs of an A/B comparison (A: the scenario, B: with the user's
 * edits) have colours of their own: a neutral grey for A and teal for B,
 * hues no zone or replica has.
 * Colours of the theme's own widgets (accent, warning, error in the app's
 * labels and CSS) stay the style sheet's.
 */
#pragma once

#include <glib.h>

#include "iop-trace.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} IopColor;

/* Colours from the GNOME / libadwaita palette */
typedef struct
{
  IopColor window_bg;
  IopColor card_bg;
  IopColor card_border;
  IopColor fg;
  IopColor dim_fg;
  IopColor accent;          /* highlights, the current stage */
  IopColor zone[3];         /* indexed by IopPlace: baremetal, network, storage */
  IopColor token;           /* the request before the fan-out and after the join */
  IopColor leg[2];          /* RAID leg A and B */
  IopColor warning;         /* the I/O waited here */
  IopColor run[2];          /* A/B comparison: run A (the scenario), run B (with edits) */
} IopPalette;

const IopPalette *iop_palette_get     (gboolean dark);

/* A zone's colour (a storage node's is the storage zone's) and a replica's
 * (LEG 0 is A; out of range is clamped) */
const IopColor   *iop_palette_zone    (IopPlace place,
                                       gboolean dark);
const IopColor   *iop_palette_replica (int      leg,
                                       gboolean dark);
/* An A/B comparison's run: RUN 0 is A (the scenario), 1 is B (with edits);
 * out of range is clamped */
const IopColor   *iop_palette_run     (int      run,
                                       gboolean dark);

/* Kinds of work on a core, for the cores diagram: its accent for the I/O
 * path, a timed poller, and control-plane work (fill: its tint) */
typedef struct
{
  IopColor accent;
  IopColor accent_fill;
  IopColor timed;
  IopColor control;
  IopColor control_fill;
} IopWorkPalette;

const IopWorkPalette *iop_palette_work (gboolean dark);

/* The memory view's bars: memory in use, a pool at or over its limit, and
 * pinned (DMA) memory */
typedef struct
{
  IopColor used;
  IopColor full;
  IopColor over;
  IopColor pinned;
} IopMemoryPalette;

const IopMemoryPalette *iop_palette_memory (gboolean dark);

G_END_DECLS
