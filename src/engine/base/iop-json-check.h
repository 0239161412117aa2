/* iop-json-check.h: checking JSON input member by member
 *
 * The scenario reader and the SPDK config import refuse what they cannot use
 * with "SOURCE: PLACE: reason" (IOP_ERROR_SCENARIO), PLACE being the JSON
 * path of the value (topology.raid_legs, subsystems[0].config[2].params).
 * The readers below take one member of an object, check its type (and a
 * number's range) and say so in that form. A member that is absent is no
 * error: *OUT keeps its default. Engine-internal; not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Sets ERROR to "SOURCE: PLACE: reason" and returns FALSE */
gboolean    iop_json_check_fail            (const char  *source,
                                            GError     **error,
                                            const char  *place,
                                            const char  *fmt,
                                            ...) G_GNUC_PRINTF (4, 5);

/* Whether N is a JSON value of TYPE: G_TYPE_INT64 (a whole number),
 * G_TYPE_BOOLEAN or G_TYPE_STRING. NULL (an absent member) is none. */
gboolean    iop_json_node_holds            (JsonNode    *n,
                                            GType        type);

/* The first member of OBJ whose name is not in KNOWN (NULL-terminated), or
 * NULL when all are known. The name belongs to OBJ. */
const char *iop_json_first_unknown_member  (JsonObject         *obj,
                                            const char * const *known);

/* WHERE.MEMBER, a whole number from MIN to MAX */
gboolean    iop_json_check_uint            (const char  *source,
                                            JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            guint        min,
                                            guint        max,
                                            guint       *out,
                                            GError     **error);
gboolean    iop_json_check_int             (const char  *source,
                                            JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            gint64       min,
                                            gint64       max,
                                            gint64      *out,
                                            GError     **error);
/* WHERE.MEMBER, true or false */
gboolean    iop_json_check_bool            (const char  *source,
                                            JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            gboolean    *out,
                                            GError     **error);
/* WHERE.MEMBER, a string: *OUT is freed and replaced by a copy */
gboolean    iop_json_check_string          (const char  *source,
                                            JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            char       **out,
                                            GError     **error);
/* WHERE.MEMBER, an object; NULL when absent (an error if REQUIRED) or not
 * an object (an error) */
JsonObject *iop_json_check_object          (const char  *source,
                                            JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            gboolean     required,
                                            GError     **error);

G_END_DECLS
