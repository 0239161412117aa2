/* iop-colors.h: colours shared by the app's cairo drawings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-trace.h"

G_BEGIN_DECLS

/* GNOME palette: baremetal blue, network purple, storage green */
static inline void
iop_place_color (IopPlace  place,
                 GdkRGBA  *out)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  switch (place)
    {
    case IOP_PLACE_BAREMETAL:
      gdk_rgba_parse (out, dark ? "#62a0ea" : "#1c71d8");
      break;
    case IOP_PLACE_NETWORK:
      gdk_rgba_parse (out, dark ? "#c061cb" : "#813d9c");
      break;
    case IOP_PLACE_STORAGE:
    default:
      gdk_rgba_parse (out, dark ? "#57e389" : "#26a269");
      break;
    }
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
