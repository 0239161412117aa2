/* iop-palette.c: every colour Iopath draws with, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GNOME / libadwaita palette: window and card backgrounds, text, the
 * accent, one colour per zone (baremetal green, network orange, storage
 * purple) and per replica (A blue, B rose: hues no zone has), the two
 * runs of an A/B comparison (A neutral grey, B teal: hues no zone and no
 * replica has; GNOME's dark 1 / light 5 and libadwaita's teal), the kinds
 * of work in the cores diagram and the memory view's bars.
 */
#include "config.h"

#include "iop-palette.h"

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
                   RGB (0xd6336c, 1.0) },          /* rose: between pink and red 3 */
  .warning     = RGB (0xe5a50a, 1.0),              /* yellow 5 */
  .run         = { RGB (0x77767b, 1.0),            /* dark 1 */
                   RGB (0x2190a4, 1.0) },          /* teal */
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
                   RGB (0xff7ca8, 1.0) },          /* rose, light */
  .warning     = RGB (0xf8e45c, 1.0),              /* yellow 2 */
  .run         = { RGB (0x9a9996, 1.0),            /* light 5 */
                   RGB (0x5ec5d5, 1.0) },          /* teal, light */
};

static const IopWorkPalette work_light = {
  .accent       = RGB (0x1c71d8, 1.0),             /* blue 4 */
  .accent_fill  = RGB (0x3584e4, 0.20),
  .timed        = RGB (0x813d9c, 1.0),             /* purple 4 */
  .control      = RGB (0xb54d00, 1.0),             /* orange 5 */
  .control_fill = RGB (0xff7800, 0.14),
};

static const IopWorkPalette work_dark = {
  .accent       = RGB (0x78aeed, 1.0),
  .accent_fill  = RGB (0x3584e4, 0.30),
  .timed        = RGB (0xdc8add, 1.0),             /* purple 1 */
  .control      = RGB (0xffbe6f, 1.0),             /* orange 1 */
  .control_fill = RGB (0xff7800, 0.16),
};

static const IopMemoryPalette memory_light = {
  .used   = RGB (0x3584e4, 1.0),                   /* blue 3 */
  .full   = RGB (0xe5a50a, 1.0),                   /* yellow 5 */
  .over   = RGB (0xe01b24, 1.0),                   /* red 3 */
  .pinned = RGB (0x9141ac, 1.0),                   /* purple 3 */
};

static const IopMemoryPalette memory_dark = {
  .used   = RGB (0x62a0ea, 1.0),                   /* blue 2 */
  .full   = RGB (0xf8e45c, 1.0),                   /* yellow 2 */
  .over   = RGB (0xff7b63, 1.0),
  .pinned = RGB (0xc061cb, 1.0),                   /* purple 2 */
};

#undef RGB

const IopPalette *
iop_palette_get (gboolean dark)
{
  return dark ? &palette_dark : &palette_light;
}

const IopColor *
iop_palette_zone (IopPlace place,
                  gboolean dark)
{
  const IopPalette *pal = iop_palette_get (dark);

  switch (place)
    {
    case IOP_PLACE_BAREMETAL:
    case IOP_PLACE_NETWORK:
      return &pal->zone[place];
    case IOP_PLACE_STORAGE:
    default:
      return &pal->zone[IOP_PLACE_STORAGE];
    }
}

const IopColor *
iop_palette_replica (int      leg,
                     gboolean dark)
{
  return &iop_palette_get (dark)->leg[CLAMP (leg, 0, 1)];
}

const IopColor *
iop_palette_run (int      run,
                 gboolean dark)
{
  return &iop_palette_get (dark)->run[CLAMP (run, 0, 1)];
}

const IopWorkPalette *
iop_palette_work (gboolean dark)
{
  return dark ? &work_dark : &work_light;
}

const IopMemoryPalette *
iop_palette_memory (gboolean dark)
{
  return dark ? &memory_dark : &memory_light;
}
