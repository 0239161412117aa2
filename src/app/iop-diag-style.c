/* iop-diag-style.c: how a diagnostic's level looks in the app's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iop-diag-style.h"

/* The icon, the style class and the translated word for LEVEL */
void
iop_diag_style (IopDiagLevel  level,
                const char  **icon_name,
                const char  **css,
                const char  **label)
{
  switch (level)
    {
    case IOP_DIAG_ERROR:
      *icon_name = "dialog-error-symbolic", *css = "error", *label = _("Error");
      break;
    case IOP_DIAG_WARNING:
      *icon_name = "dialog-warning-symbolic", *css = "warning", *label = _("Warning");
      break;
    case IOP_DIAG_DEPRECATION:
      *icon_name = "dialog-warning-symbolic", *css = "warning", *label = _("Deprecated");
      break;
    case IOP_DIAG_NOTICE:
      *icon_name = "dialog-information-symbolic", *css = "accent", *label = _("Notice");
      break;
    case IOP_DIAG_INFO:
    default:
      *icon_name = "dialog-information-symbolic", *css = "dim-label", *label = _("Information");
      break;
    }
}

