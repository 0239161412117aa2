/* iop-draw.h: cairo shapes shared by the painter and the app's drawings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Adds a rectangle with corners of radius R (at most half the shorter side)
 * to the path as a new sub-path; nothing if W or H is not positive. */
void iop_draw_rounded_rect (cairo_t *cr,
                            double   x,
                            double   y,
                            double   w,
                            double   h,
                            double   r);

G_END_DECLS
