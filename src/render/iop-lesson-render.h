/* iop-lesson-render.h: a lesson's playback as frames and WebVTT captions
 *
 * A plan lays out the playback in time: each chapter starts with its title
 * and knob changes held on screen, plays its trace at SPEED steps a second,
 * holds HOLD seconds at each pause step (the step's speaker note is the
 * caption then), and holds at its last step. The frames writer renders the
 * plan to DIR/frame-NNNNN.png; a video encoder can take the same plan and
 * iop_lesson_plan_draw() each frame instead. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "iop-export.h"
#include "iop-painter.h"
#include "iop-lesson.h"

G_BEGIN_DECLS

typedef struct
{
  double start;                /* seconds */
  double end;
  char  *text;                 /* translated */
} IopLessonCue;

typedef struct
{
  guint  chapter;
  double position;             /* in steps, as the canvas has it */
  gboolean changes;            /* the chapter's "knob changed" banner shows */
} IopLessonFrame;

typedef struct _IopLessonPlan IopLessonPlan;

struct _IopLessonPlan
{
  IopLesson *lesson;
  GPtrArray *traces;           /* IopTrace per chapter */
  double     fps;
  GArray    *frames;           /* IopLessonFrame */
  GPtrArray *captions;         /* IopLessonCue: the intro and the speaker notes */
  GPtrArray *chapter_cues;     /* IopLessonCue: one per chapter, its title */
};

/* NULL (ERROR set) when the playback would be more frames than Iopath writes */
IopLessonPlan *iop_lesson_plan_new   (IopLesson  *lesson,
                                      GPtrArray  *traces,
                                      double      fps,
                                      double      speed,
                                      double      hold,
                                      GError    **error);
void           iop_lesson_plan_free  (IopLessonPlan *plan);
double         iop_lesson_plan_get_duration (const IopLessonPlan *plan);

/* Frame INDEX of the plan on CR (WIDTH x HEIGHT) */
void           iop_lesson_plan_draw  (const IopLessonPlan *plan,
                                      guint                index,
                                      cairo_t             *cr,
                                      const IopExportOpts *o,
                                      IopPainterCache     *cache);

/* DIR/frame-00001.png, ...: returns the frame count, 0 on error; nothing is
 * written when a frame file exists and O->force is not set */
guint          iop_lesson_plan_write_frames (const IopLessonPlan *plan,
                                             const IopExportOpts *o,
                                             const char          *dir,
                                             GError             **error);
/* WebVTT text: the captions (CHAPTERS FALSE) or the chapter titles */
char          *iop_lesson_plan_to_vtt (const IopLessonPlan *plan,
                                       gboolean             chapters);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopLessonPlan, iop_lesson_plan_free)

G_END_DECLS
