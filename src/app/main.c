/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "iop-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IopApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* uninstalled (tools/run-app, meson devenv): the catalogs built in build/po */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IOPATH_LOCALEDIR") && *g_getenv ("IOPATH_LOCALEDIR")
                                   ? g_getenv ("IOPATH_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Iopath"));

  app = iop_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
