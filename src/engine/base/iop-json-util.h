/* iop-json-util.h: small JSON helpers shared by the config, runtime and live readers
 *
 * Engine-internal; not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-format.h"

G_BEGIN_DECLS

/* Every JSON text Iopath reads (scenarios, SPDK configs, runtime dumps,
 * files dropped on the window, live-attach replies) is checked against these
 * before json-glib sees it: json-glib 1.6's parser recurses once per level
 * and runs out of stack on deep nesting. Real SPDK output nests less than 20
 * levels; a save_config of a large deployment is a few megabytes. */
#define IOP_JSON_MAX_DEPTH 512
#define IOP_JSON_MAX_BYTES (64 * 1024 * 1024)

typedef enum
{
  IOP_JSON_SCAN_COMPLETE,     /* one whole value: *end is the offset just after it */
  IOP_JSON_SCAN_INCOMPLETE,   /* more bytes are needed */
  IOP_JSON_SCAN_INVALID,      /* this can never become JSON; error set */
} IopJsonScan;

/* Finds the end of the first JSON object or array in DATA, skipping white
 * space before it. Strings and escapes are honoured; nothing is parsed. Used
 * to cut a stream of replies into whole objects, and to find trailing junk.
 * Nesting deeper than IOP_JSON_MAX_DEPTH is INVALID, with its line:column. */
IopJsonScan iop_json_scan_value      (const char *data,
                                      gsize       len,
                                      gsize      *end,
                                      GError    **error);

/* The same scan, resumable: a buffer that grows by reads is scanned once in
 * all, not from its first byte after each read. Feed it the whole buffer
 * each time (the bytes already seen must not change); after COMPLETE or
 * INVALID, init it again before scanning another value. */
typedef struct
{
  gsize    pos;          /* bytes already scanned */
  gsize    line_start;
  guint    line;
  guint    depth;
  gboolean started;
  gboolean in_string;
  gboolean escape;
} IopJsonScanner;

void        iop_json_scanner_init    (IopJsonScanner *scanner);
IopJsonScan iop_json_scanner_feed    (IopJsonScanner *scanner,
                                      const char     *data,
                                      gsize           len,
                                      gsize          *end,
                                      GError        **error);

/* A copy of DATA where C and C++ comments (which SPDK's own JSON parser
 * accepts and json-glib does not) are blanked with spaces, keeping lines and
 * columns. Refuses, with their line:column, what json-glib 1.6 would read
 * wrongly or dangerously: integers beyond 64 bits (it wraps them), integers
 * that are not decimal (0x10, 010, 0b1: not JSON, read as hex, octal,
 * binary), strings in single quotes (not JSON; they would hide what follows
 * from these checks), nesting deeper than IOP_JSON_MAX_DEPTH (its parser
 * recurses), and NUL bytes. */
char       *iop_json_prepare         (const char *data,
                                      gsize       len,
                                      const char *source,
                                      GError    **error);

/* Parses DATA as one JSON document: comments allowed, line:column in errors,
 * junk after the top-level value refused, empty input refused. The one entry
 * point to json-glib for untrusted text: more than IOP_JSON_MAX_BYTES is
 * refused (IOP_ERROR_TOO_LARGE), and everything iop_json_prepare() refuses
 * (deep nesting is IOP_ERROR_TOO_LARGE too, the rest IOP_ERROR_PARSE). */
JsonNode   *iop_json_parse_document  (const char *data,
                                      gsize       len,
                                      const char *source,
                                      GError    **error);

/* Reads the regular file PATH, at most MAX_BYTES of it (never trusting its
 * size: it may grow while read). Anything else is refused at once, without
 * blocking: a folder, a device such as /dev/zero, a FIFO, a socket. The
 * contents end with a NUL not counted in LENGTH. */
gboolean    iop_file_read_bounded    (const char *path,
                                      gsize       max_bytes,
                                      char      **contents,
                                      gsize      *length,
                                      GError    **error);

/* Reads an integer member, accepting only JSON integers. */
gboolean    iop_json_get_int         (JsonObject *obj,
                                      const char *member,
                                      gint64     *out);
gboolean    iop_json_node_is_int     (JsonNode   *node);
/* Reads a counter: an integer of 0 or more (SPDK writes its counters as
 * unsigned; a negative one is no counter and is not read) */
gboolean    iop_json_get_count       (JsonObject *obj,
                                      const char *member,
                                      gint64     *out);
const char *iop_json_get_str         (JsonObject *obj,
                                      const char *member);
JsonArray  *iop_json_get_array       (JsonObject *obj,
                                      const char *member);
JsonObject *iop_json_get_object      (JsonObject *obj,
                                      const char *member);

/* Saturating arithmetic for values read from dumps: at the ends of 64 bits
 * the result sticks there instead of overflowing (undefined in C) */
/* The NAME of every NAME.json under the resource folder DIR, sorted (the
 * built-in scenarios and lessons); NULL-terminated, g_strfreev() it */
char      **iop_json_resource_ids    (const char *dir);

gint64      iop_sat_add              (gint64 a,
                                      gint64 b);
gint64      iop_sat_sub              (gint64 a,
                                      gint64 b);
gint64      iop_sat_mul              (gint64 a,
                                      gint64 b);


G_END_DECLS
