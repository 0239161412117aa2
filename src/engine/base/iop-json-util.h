/* iop-json-util.h: small JSON helpers shared by the config, runtime and live readers
 *
 * Engine-internal; not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  IOP_JSON_SCAN_COMPLETE,     /* one whole value: *end is the offset just after it */
  IOP_JSON_SCAN_INCOMPLETE,   /* more bytes are needed */
  IOP_JSON_SCAN_INVALID,      /* this can never become JSON; error set */
} IopJsonScan;

/* Finds the end of the first JSON object or array in DATA, skipping white
 * space before it. Strings and escapes are honoured; nothing is parsed. Used
 * to cut a stream of replies into whole objects, and to find trailing junk. */
IopJsonScan iop_json_scan_value      (const char *data,
                                      gsize       len,
                                      gsize      *end,
                                      GError    **error);

/* A copy of DATA where C and C++ comments (which SPDK's own JSON parser
 * accepts and json-glib does not) are blanked with spaces, keeping lines and
 * columns. Refuses integers beyond 64 bits (json-glib would wrap them
 * silently) with their line:column. */
char       *iop_json_prepare         (const char *data,
                                      gsize       len,
                                      const char *source,
                                      GError    **error);

/* Parses DATA as one JSON document: comments allowed, line:column in errors,
 * junk after the top-level value refused, empty input refused. */
JsonNode   *iop_json_parse_document  (const char *data,
                                      gsize       len,
                                      const char *source,
                                      GError    **error);

/* Reads an integer member, accepting only JSON integers. */
gboolean    iop_json_get_int         (JsonObject *obj,
                                      const char *member,
                                      gint64     *out);
gboolean    iop_json_node_is_int     (JsonNode   *node);
const char *iop_json_get_str         (JsonObject *obj,
                                      const char *member);
JsonArray  *iop_json_get_array       (JsonObject *obj,
                                      const char *member);
JsonObject *iop_json_get_object      (JsonObject *obj,
                                      const char *member);

/* "1,234,567" */
char       *iop_format_count         (gint64 v);

G_END_DECLS
