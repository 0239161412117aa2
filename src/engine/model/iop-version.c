/* iop-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "iop-error.h"
#include "iop-version.h"

static const char *const tags[IOP_SPDK_N_VERSIONS] = {
  [IOP_SPDK_V26_01] = "v26.01",
  [IOP_SPDK_V26_05] = "v26.05",
};

const char *
iop_spdk_version_tag (IopSpdkVersion v)
{
  g_return_val_if_fail (v < IOP_SPDK_N_VERSIONS, NULL);
  return tags[v];
}

gboolean
iop_spdk_version_parse (const char     *tag,
                        IopSpdkVersion *out_version,
                        GError        **error)
{
  g_autofree char *list = NULL;

  if (tag != NULL)
    {
      for (guint i = 0; i < IOP_SPDK_N_VERSIONS; i++)
        {
          /* Accept "v26.01" and "26.01" */
          if (g_strcmp0 (tag, tags[i]) == 0 || g_strcmp0 (tag, tags[i] + 1) == 0)
            {
              *out_version = i;
              return TRUE;
            }
        }
    }

  list = iop_spdk_version_list ();
  g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
               _("Unsupported SPDK version “%s”: supported versions are %s"),
               tag ? tag : "", list);
  return FALSE;
}

char *
iop_spdk_version_list (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < IOP_SPDK_N_VERSIONS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", tags[i]);
  return g_string_free (s, FALSE);
}
