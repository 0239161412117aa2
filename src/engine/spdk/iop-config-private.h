/* iop-config-private.h: what iop-config.c (import) and iop-config-export.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-config.h"

G_BEGIN_DECLS

/* The NVMe-oF transports Iopath models, in the order they are exported */
#define IOP_CONFIG_N_TRANSPORTS 3
extern const char *const iop_config_transport_order[IOP_CONFIG_N_TRANSPORTS];

/* A knob's value as SPDK writes it: true/false, a string, or a number */
void iop_config_add_knob_value (JsonBuilder      *b,
                                const IopKnobDef *def,
                                gint64            v);

G_END_DECLS
