/* iop-lesson.h: an authored track a trainer replays (docs/lesson-format.md)
 *
 * A lesson names a scenario and an ordered list of chapters; a chapter sets
 * the traced I/O, knob changes and faults on top of that scenario (each
 * chapter on its own: nothing carries over from the chapter before), and
 * lists the steps at which playback pauses, each with a speaker note.
 *
 * iop_lesson_new_from_data() checks the file's shape (types, ranges, sizes);
 * iop_lesson_validate() then loads the scenario, builds every chapter's
 * scenario, traces it and checks the pause steps against the trace. Both
 * refuse with "SOURCE: PLACE: reason" (IOP_ERROR_SCENARIO), PLACE being the
 * JSON path (chapters[1].pauses[0].step). GTK-free.
 *
 * Texts are kept in English as written; iop_lesson_text() translates one
 * (they are extracted into iop-lesson-strings.c by tools/lesson-strings.py).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-scenario.h"
#include "iop-trace.h"

G_BEGIN_DECLS

#define IOP_LESSON_MAX_BYTES    (1024 * 1024)
#define IOP_LESSON_MAX_CHAPTERS 64
#define IOP_LESSON_MAX_PAUSES   64
#define IOP_LESSON_MAX_SETS     64
#define IOP_LESSON_MAX_TEXT     4000

typedef struct
{
  guint     step;              /* at the chapter's SPDK version */
  char     *key;               /* the step key expected there, NULL: any */
  char     *note;              /* English, as written */
  gboolean  per_version;       /* "step" gave one index per SPDK tag */
  guint     steps[IOP_SPDK_N_VERSIONS]; /* per_version: the step at each tag */
} IopLessonPause;

/* The pause's step when the chapter is traced at VERSION */
guint        iop_lesson_pause_step_at   (const IopLessonPause *pause,
                                         IopSpdkVersion        version);

typedef struct
{
  IopHostId host;
  char     *assignment;        /* "METHOD.PARAM=VALUE", as --set takes it */
} IopLessonSet;

typedef struct
{
  char          *title;
  char          *intro;        /* NULL: none */
  gboolean       has_op, has_size, has_version, has_inflight;
  IopOp          op;
  gint64         size;
  guint          inflight;     /* I/Os already in flight before the traced one */
  IopSpdkVersion version;
  GArray        *sets;         /* IopLessonSet */
  GArray        *faults;       /* IopFault */
  GArray        *pauses;       /* IopLessonPause, steps ascending */
} IopLessonChapter;

typedef struct
{
  grefcount  ref_count;
  char      *id;
  char      *title;
  char      *description;
  char      *scenario;         /* built-in id or a path, resolved against the lesson's folder */
  char      *source;           /* file path or resource name */
  GPtrArray *chapters;         /* IopLessonChapter */
} IopLesson;

IopLesson   *iop_lesson_new_from_data   (const char  *data,
                                         gssize       len,
                                         const char  *source,
                                         GError     **error);
IopLesson   *iop_lesson_new_from_file   (const char  *path,
                                         GError     **error);
/* A lesson shipped with Iopath ("write-memory", ...) */
IopLesson   *iop_lesson_new_builtin     (const char  *id,
                                         GError     **error);
char       **iop_lesson_list_builtin    (void);
/* A built-in id or a path to a .json file */
IopLesson   *iop_lesson_load            (const char  *id_or_path,
                                         GError     **error);
/* Whether DATA looks like a lesson rather than a scenario or config */
gboolean     iop_lesson_data_is_lesson  (const char  *data);

IopLesson   *iop_lesson_ref             (IopLesson   *self);
void         iop_lesson_unref           (IopLesson   *self);

guint        iop_lesson_get_n_chapters  (const IopLesson *self);
const IopLessonChapter *iop_lesson_get_chapter (const IopLesson *self,
                                                guint            index);

/* The scenario as iop_scenario_load() takes it: a built-in id, or a path
 * resolved against the lesson's folder */
char        *iop_lesson_scenario_ref    (const IopLesson *self);
/* The lesson's scenario, as loaded (a new reference each call) */
IopScenario *iop_lesson_load_scenario   (const IopLesson *self,
                                         GError         **error);
/* BASE with chapter INDEX applied: a new scenario, validated */
IopScenario *iop_lesson_build_chapter   (const IopLesson   *self,
                                         const IopScenario *base,
                                         guint              index,
                                         GError           **error);
/* Builds and traces every chapter and checks its pause steps: TRUE when
 * the lesson plays as written. TRACES (optional) receives one IopTrace per
 * chapter. */
gboolean     iop_lesson_validate        (const IopLesson *self,
                                         GPtrArray      **traces,
                                         GError         **error);
/* One line per knob change and fault of chapter INDEX ("storage:
 * bdev_set_options.bdev_io_cache_size=2"), NULL-terminated */
char       **iop_lesson_describe_changes (const IopLesson *self,
                                          guint            index);
/* A lesson text in the user's language */
const char  *iop_lesson_text            (const char  *text);

/* Every text of the shipped lessons, for xgettext (iop-lesson-strings.c) */
extern const char *const iop_lesson_strings[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopLesson, iop_lesson_unref)

G_END_DECLS
