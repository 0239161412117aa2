/* iop-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IOP_TYPE_APPLICATION (iop_application_get_type ())
G_DECLARE_FINAL_TYPE (IopApplication, iop_application, IOP, APPLICATION, AdwApplication)

IopApplication *iop_application_new              (void);
GSettings      *iop_application_get_settings     (IopApplication *self);
/* Iopath's settings, never an abort: from the schema GLib finds (installed,
 * or in $GSETTINGS_SCHEMA_DIR); when there is none, says so once on stderr
 * and keeps them in memory, with the schema compiled into the app. */
GSettings      *iop_settings_new                 (void);
/* The SPDK folder given with --spdk-dir, or chosen in this session */
const char     *iop_application_get_spdk_dir_override (IopApplication *self);
void            iop_application_set_spdk_dir_override (IopApplication *self,
                                                       const char     *dir);
/* The folder to read SPDK from: iop_source_resolve_dir() over the override,
 * $IOPATH_SPDK_DIR, the setting and the bundled tree. NULL with *why set. */
char           *iop_application_resolve_spdk_dir (IopApplication *self,
                                                  char          **why);

G_END_DECLS
