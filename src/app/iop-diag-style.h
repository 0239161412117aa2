/* iop-diag-style.h: how a diagnostic's level looks in the app's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-trace.h"

G_BEGIN_DECLS

/* The icon, the style class and the translated word for LEVEL */
void iop_diag_style (IopDiagLevel  level,
                     const char  **icon_name,
                     const char  **css,
                     const char  **label);

G_END_DECLS
