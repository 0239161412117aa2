/* iop-version.h: the SPDK releases whose behaviour Iopath models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Add a release: a new value here, its tag in iop-version.c, then its defaults
 * and differences in iop-knobs.c and data/spdk-refs.json. */
typedef enum
{
  IOP_SPDK_V26_01,
  IOP_SPDK_V26_05,
  IOP_SPDK_N_VERSIONS,
} IopSpdkVersion;

#define IOP_SPDK_VERSION_DEFAULT IOP_SPDK_V26_01
#define IOP_SPDK_BIT(v) (1u << (v))
#define IOP_SPDK_ALL ((1u << IOP_SPDK_N_VERSIONS) - 1)

const char *iop_spdk_version_tag   (IopSpdkVersion v);
gboolean    iop_spdk_version_parse (const char     *tag,
                                    IopSpdkVersion *out_version,
                                    GError        **error);
/* "v26.01, v26.05" */
char       *iop_spdk_version_list  (void);

G_END_DECLS
