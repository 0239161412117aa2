/* iop-lesson-private.h: the lesson reader's member checks, shared with the
 * comparison reader (iop-abfile.c) so both refuse a file the same way
 *
 * Each says what is wrong as "SOURCE: PLACE: reason" (IOP_ERROR_SCENARIO).
 * Engine-internal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "iop-lesson.h"

G_BEGIN_DECLS

/* WHERE.MEMBER, a text of at most IOP_LESSON_MAX_TEXT characters without
 * control characters but newlines; absent is fine unless REQUIRED */
gboolean iop_lesson_check_text    (const char         *source,
                                   JsonObject         *obj,
                                   const char         *member,
                                   const char         *where,
                                   gboolean            required,
                                   char              **out,
                                   GError            **error);
/* No member of OBJ but those in KNOWN (a typo is refused, not ignored) */
gboolean iop_lesson_check_members (const char         *source,
                                   JsonObject         *obj,
                                   const char         *where,
                                   const char * const *known,
                                   GError            **error);
/* "[HOST:]METHOD.PARAM=VALUE" or {"host", "knob", "value"} */
gboolean iop_lesson_parse_set     (const char         *source,
                                   JsonNode           *node,
                                   const char         *place,
                                   IopLessonSet       *out,
                                   GError            **error);
/* "replica-b-down@5ms" or {"spec", "until", "period"} */
gboolean iop_lesson_parse_fault   (const char         *source,
                                   JsonNode           *node,
                                   const char         *place,
                                   IopFault           *out,
                                   GError            **error);

G_END_DECLS
