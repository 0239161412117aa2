/* iop-colors.h: colours shared by the app's cairo drawings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GdkRGBA views of iop-palette.h for the app, and the style sheet's named colours.
 */
#pragma once

#include <adwaita.h>

#include "iop-palette.h"
#include "iop-trace.h"

G_BEGIN_DECLS

/* A zone's colour from iop-palette (baremetal green, network orange,
 * storage purple), for the style the app is in */
static inline void
iop_place_color (IopPlace  place,
                 GdkRGBA  *out)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const IopColor *c = iop_palette_zone (place, dark);

  *out = (GdkRGBA) { c->red, c->green, c->blue, c->alpha };
}

/* A named colour of the libadwaita style sheet ("accent_color", "window_fg_color"...) */
static inline void
iop_widget_lookup_color (GtkWidget  *widget,
                         const char *name,
                         const char *fallback,
                         GdkRGBA    *out)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out))
    gdk_rgba_parse (out, fallback);
}

static inline void
iop_widget_fg_color (GtkWidget *widget,
                     GdkRGBA   *out)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out);
}

G_END_DECLS
