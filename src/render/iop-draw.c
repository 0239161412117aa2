/* iop-draw.c: cairo shapes shared by the painter and the app's drawings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rounded rectangle for the canvas, the cores diagram and the lifetime
 * chart, instead of a copy in each.
 */
#include "config.h"

#include "iop-draw.h"

void
iop_draw_rounded_rect (cairo_t *cr,
                       double   x,
                       double   y,
                       double   w,
                       double   h,
                       double   r)
{
  if (!(w > 0 && h > 0))
    return;
  r = CLAMP (r, 0, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
