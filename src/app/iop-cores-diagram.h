/* iop-cores-diagram.h: the SPDK threads of one host, stacked on their cores
 *
 * One column per lcore; each SPDK thread a rounded box on its core, filled
 * from the bottom to its busy share, with its active pollers (run every
 * reactor loop) and its timed pollers with their period ("every 10 ms")
 * listed inside. The control-plane core is marked.
 *
 * The painter (iop_cores_draw*) is a pure function of (host, size, style):
 * cairo and pango only, no widget, no display. The widget IopCoresDiagram
 * calls it in snapshot; tests call it on an image surface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>
#include <pango/pango.h>

#include "iop-runtime.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean                    dark;
  const PangoFontDescription *font;   /* NULL: "Sans 10" */
  /* Thread name → double * busy % to show instead of the thread's busy_pct
   * (the live view's share over the last interval); NULL for none */
  GHashTable                 *busy;
  /* The legend under the columns */
  gboolean                    no_legend;
} IopCoresStyle;

/* Draws HOST's cores on a WIDTH × HEIGHT area at the origin of CR. Paints no
 * background: the caller's surface shows through. */
void      iop_cores_draw             (cairo_t              *cr,
                                      double                width,
                                      double                height,
                                      const IopRuntimeHost *host,
                                      gboolean              dark);
void      iop_cores_draw_styled      (cairo_t              *cr,
                                      double                width,
                                      double                height,
                                      const IopRuntimeHost *host,
                                      const IopCoresStyle  *style);

/* The height the drawing needs at WIDTH */
double    iop_cores_get_height       (const IopRuntimeHost *host,
                                      double                width,
                                      const IopCoresStyle  *style);
/* The narrowest width at which every column keeps its text readable */
double    iop_cores_get_min_width    (const IopRuntimeHost *host);

/* Columns, left to right by lcore (a last column "?" holds threads whose
 * lcore is unknown). For hit-testing and tests. */
guint     iop_cores_get_n_columns    (const IopRuntimeHost *host);
gboolean  iop_cores_get_column       (const IopRuntimeHost *host,
                                      double                width,
                                      guint                 column,
                                      int                  *lcore,
                                      double               *x,
                                      double               *column_width);
/* The thread drawn at (X, Y), or NULL */
const IopThreadInfo *
          iop_cores_thread_at        (const IopRuntimeHost *host,
                                      double                width,
                                      const IopCoresStyle  *style,
                                      double                x,
                                      double                y);

/* "every 10 ms", translated */
char     *iop_cores_format_period    (double                period_s);


#define IOP_TYPE_CORES_DIAGRAM (iop_cores_diagram_get_type ())
G_DECLARE_FINAL_TYPE (IopCoresDiagram, iop_cores_diagram, IOP, CORES_DIAGRAM, GtkWidget)

GtkWidget *iop_cores_diagram_new      (void);

/* HOST is borrowed: set NULL before the runtime that owns it is freed.
 * Busy shares that changed since the last host move to their new level
 * with a short animation (none when animations are off). */
void       iop_cores_diagram_set_host (IopCoresDiagram      *self,
                                       const IopRuntimeHost *host);
const IopRuntimeHost *
           iop_cores_diagram_get_host (IopCoresDiagram      *self);

/* Shows PCT (0..100) as THREAD's busy share instead of its busy_pct, moving
 * to it smoothly; PCT < 0 drops the override. */
void       iop_cores_diagram_set_busy (IopCoresDiagram      *self,
                                       const char           *thread,
                                       double                pct);
void       iop_cores_diagram_clear_busy (IopCoresDiagram    *self);

G_END_DECLS
