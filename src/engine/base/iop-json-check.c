/* iop-json-check.c: checking JSON input member by member
 *
 * One member at a time, with its type and range, and errors in the form
 * "SOURCE: PLACE: reason" that the scenario reader and the SPDK config
 * import share (see iop-json-check.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-check.h"

gboolean
iop_json_check_fail (const char  *source,
                     GError     **error,
                     const char  *place,
                     const char  *fmt,
                     ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, "%s: %s: %s", source, place, msg);
  return FALSE;
}

gboolean
iop_json_node_holds (JsonNode *n,
                     GType     type)
{
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == type;
}

const char *
iop_json_first_unknown_member (JsonObject         *obj,
                               const char * const *known)
{
  GList *members = json_object_get_members (obj);
  const char *unknown = NULL;

  for (GList *l = members; l && unknown == NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      unknown = l->data;
  g_list_free (members);
  return unknown;
}

gboolean
iop_json_check_uint (const char  *source,
                     JsonObject  *obj,
                     const char  *member,
                     const char  *where,
                     guint        min,
                     guint        max,
                     guint       *out,
                     GError     **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autofree char *place = g_strdup_printf ("%s.%s", where, member);
  gint64 v;

  if (n == NULL)
    return TRUE;
  if (!iop_json_node_holds (n, G_TYPE_INT64))
    return iop_json_check_fail (source, error, place, _("expected a whole number"));
  v = json_node_get_int (n);
  if (v < min || v > max)
    return iop_json_check_fail (source, error, place, _("%" PRId64 " is out of range (%u to %u)"), v, min, max);
  *out = (guint)v;
  return TRUE;
}

gboolean
iop_json_check_int (const char  *source,
                    JsonObject  *obj,
                    const char  *member,
                    const char  *where,
                    gint64       min,
                    gint64       max,
                    gint64      *out,
                    GError     **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autofree char *place = g_strdup_printf ("%s.%s", where, member);
  gint64 v;

  if (n == NULL)
    return TRUE;
  if (!iop_json_node_holds (n, G_TYPE_INT64))
    return iop_json_check_fail (source, error, place, _("expected a whole number"));
  v = json_node_get_int (n);
  if (v < min || v > max)
    return iop_json_check_fail (source, error, place, _("%" PRId64 " is out of range (%" PRId64 " to %" PRId64 ")"), v, min, max);
  *out = v;
  return TRUE;
}

gboolean
iop_json_check_bool (const char  *source,
                     JsonObject  *obj,
                     const char  *member,
                     const char  *where,
                     gboolean    *out,
                     GError     **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autofree char *place = g_strdup_printf ("%s.%s", where, member);

  if (n == NULL)
    return TRUE;
  if (!iop_json_node_holds (n, G_TYPE_BOOLEAN))
    return iop_json_check_fail (source, error, place, _("expected true or false"));
  *out = json_node_get_boolean (n);
  return TRUE;
}

gboolean
iop_json_check_string (const char  *source,
                       JsonObject  *obj,
                       const char  *member,
                       const char  *where,
                       char       **out,
                       GError     **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autofree char *place = g_strdup_printf ("%s.%s", where, member);

  if (n == NULL)
    return TRUE;
  if (!iop_json_node_holds (n, G_TYPE_STRING))
    return iop_json_check_fail (source, error, place, _("expected a string"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

JsonObject *
iop_json_check_object (const char  *source,
                       JsonObject  *obj,
                       const char  *member,
                       const char  *where,
                       gboolean     required,
                       GError     **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autofree char *place = g_strdup_printf ("%s.%s", where, member);

  if (n == NULL)
    {
      if (required)
        iop_json_check_fail (source, error, place, _("missing; it is required"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      iop_json_check_fail (source, error, place, _("expected an object"));
      return NULL;
    }
  return json_node_get_object (n);
}
