/* cli-config.c: iopath-cli config import|export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iopath-cli.h"

int
iop_cli_config_main (int argc, char **argv)
{
  g_printerr ("iopath-cli: %s\n", _("config import and export are not in this build yet"));
  return 2;
}
