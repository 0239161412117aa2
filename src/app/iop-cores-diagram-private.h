/* iop-cores-diagram-private.h: what the painter of iop-cores-diagram.c
 * lends the widget of iop-cores-diagram-widget.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-cores-diagram.h"

G_BEGIN_DECLS

/* Between the columns, in pixels */
#define COLUMN_GAP      14.0

/* The thread's busy share: STYLE's override, else the dumps' */
double iop_cores_busy_of     (const IopThreadInfo *t,
                              const IopCoresStyle *style);
/* "6.3 %", or "—" when not known (PCT < 0) */
char  *iop_cores_format_busy (double pct);

G_END_DECLS
