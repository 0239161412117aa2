/* iop-memory-bars.h: one horizontal bar, for a memory line or a demand row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  IOP_MEMORY_BAR_PLAIN   = 0,
  IOP_MEMORY_BAR_PINNED  = 1 << 0,  /* taken out of a central pool at start-up: striped */
  IOP_MEMORY_BAR_ASSUMED = 1 << 1,  /* size from the model's per-object size: paler */
} IopMemoryBarFlags;

#define IOP_TYPE_MEMORY_BARS (iop_memory_bars_get_type ())
G_DECLARE_FINAL_TYPE (IopMemoryBars, iop_memory_bars, IOP, MEMORY_BARS, GtkWidget)

GtkWidget *iop_memory_bars_new          (void);

/* BYTES on a logarithmic scale from 1 KiB to MAX_BYTES, with a faint tick
 * at every power of 1024 (KiB, MiB, GiB...) */
void       iop_memory_bars_set_bytes    (IopMemoryBars     *self,
                                         gint64             bytes,
                                         gint64             max_bytes,
                                         IopMemoryBarFlags  flags);

/* DEMAND against SUPPLY on a linear scale: the bar fills at DEMAND = SUPPLY
 * and turns to the warning colour there, the error colour beyond */
void       iop_memory_bars_set_demand   (IopMemoryBars     *self,
                                         gint64             demand,
                                         gint64             supply);

/* The filled share of the track, 0..1 */
double     iop_memory_bars_get_fraction (IopMemoryBars     *self);

/* The logarithmic scale: 0 at 1 KiB or less, 1 at MAX_BYTES */
double     iop_memory_bars_log_fraction (gint64             bytes,
                                         gint64             max_bytes);

G_END_DECLS
