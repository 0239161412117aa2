/* iop-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IOP_ERROR (iop_error_quark ())

typedef enum
{
  IOP_ERROR_INVALID_VALUE,   /* out of range, wrong type, inconsistent knobs */
  IOP_ERROR_UNKNOWN_KNOB,
  IOP_ERROR_PARSE,           /* broken JSON */
  IOP_ERROR_SCENARIO,        /* JSON fine, content wrong */
  IOP_ERROR_NOT_FOUND,       /* file, function, scenario */
  IOP_ERROR_TOO_LARGE,
} IopError;

GQuark iop_error_quark (void);

G_END_DECLS
