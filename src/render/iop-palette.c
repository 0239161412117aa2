/* iop-palette.c: the colours of the canvas, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GNOME / libadwaita palette the painter draws with: window and card
 * backgrounds, text, the accent, one colour per zone and per RAID leg.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include "iop-painter.h"

/* ------------------------------------------------------------------ */
/* Palette                                                              */

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

static const IopPalette palette_light = {
  .window_bg   = RGB (0xfafafa, 1.0),
  .card_bg     = RGB (0xffffff, 1.0),
  .card_border = RGB (0x000000, 0.10),
  .fg          = RGB (0x000000, 0.80),
  .dim_fg      = RGB (0x000000, 0.55),
  .accent      = RGB (0x3584e4, 1.0),              /* blue 3 */
  .zone        = { RGB (0x26a269, 1.0),            /* green 5 */
                   RGB (0xe66100, 1.0),            /* orange 4 */
                   RGB (0x9141ac, 1.0) },          /* purple 3 */
  .token       = RGB (0x3584e4, 1.0),
  .leg         = { RGB (0x3584e4, 1.0),            /* blue 3 */
                   RGB (0xd56199, 1.0) },          /* libadwaita pink accent */
  .warning     = RGB (0xe5a50a, 1.0),              /* yellow 5 */
};

static const IopPalette palette_dark = {
  .window_bg   = RGB (0x242424, 1.0),
  .card_bg     = RGB (0x363636, 1.0),
  .card_border = RGB (0x000000, 0.36),
  .fg          = RGB (0xffffff, 1.0),
  .dim_fg      = RGB (0xffffff, 0.55),
  .accent      = RGB (0x78aeed, 1.0),
  .zone        = { RGB (0x57e389, 1.0),            /* green 2 */
                   RGB (0xffa348, 1.0),            /* orange 2 */
                   RGB (0xdc8add, 1.0) },          /* purple 1 */
  .token       = RGB (0x78aeed, 1.0),
  .leg         = { RGB (0x78aeed, 1.0),
                   RGB (0xf49ac4, 1.0) },
  .warning     = RGB (0xf8e45c, 1.0),              /* yellow 2 */
};

#undef RGB

const IopPalette *
iop_palette_get (gboolean dark)
{
  return dark ? &palette_dark : &palette_light;
}
