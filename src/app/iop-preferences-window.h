/* iop-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-application.h"

G_BEGIN_DECLS

#define IOP_TYPE_PREFERENCES_WINDOW (iop_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (IopPreferencesWindow, iop_preferences_window, IOP, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *iop_preferences_window_new (IopApplication *application);

G_END_DECLS
