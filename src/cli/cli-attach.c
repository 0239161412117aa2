/* cli-config.c: iopath-cli attach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iopath-cli.h"

int
iop_cli_attach_main (int argc, char **argv)
{
  g_printerr ("iopath-cli: %s\n", _("attach is not in this build yet"));
  return 2;
}
