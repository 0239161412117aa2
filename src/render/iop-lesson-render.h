/* iop-lesson-render.h: a lesson's playback as frames, a video, captions and
 * chapters
 *
 * A plan lays out the playback in time: each chapter starts with its title
 * and knob changes held on screen (the "knob changed" moment), plays its
 * trace at SPEED steps a second, holds HOLD seconds at each pause step (the
 * step's speaker note is the caption then), and ends on its last step with
 * the outcome card, held for the step's share and HOLD seconds more. The
 * captions are a cue per step while it is on screen, the chapter's title,
 * knob changes and intro while they show, and the note at each pause; the
 * chapters a cue per chapter. The frames writer renders the plan to
 * DIR/frame-NNNNN.png, iop_lesson_plan_write_video() to a WebM or MP4
 * (iop-lesson-video.c, where GStreamer is there), and iop_lesson_export()
 * writes the video, captions, chapters and handout in one go. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "iop-export.h"
#include "iop-handout.h"
#include "iop-painter.h"
#include "iop-lesson.h"
#include "iop-video.h"

G_BEGIN_DECLS

typedef struct
{
  guint  chapter;
  double position;             /* in steps, as the canvas has it */
  gboolean changes;            /* the chapter's "knob changed" banner shows */
  gboolean banner;             /* the chapter's title shows (its first seconds) */
} IopLessonFrame;

typedef struct _IopLessonPlan IopLessonPlan;

struct _IopLessonPlan
{
  IopLesson *lesson;
  GPtrArray *traces;           /* IopTrace per chapter */
  double     fps;
  double     speed;
  double     hold;
  GArray    *frames;           /* IopLessonFrame */
  GPtrArray *captions;         /* IopCaptionCue: the steps, chapter titles and intros, the speaker notes (translated) */
  GPtrArray *chapter_cues;     /* IopCaptionCue: one per chapter, its title */
  double     banner_until;     /* while planning: the chapter's title shows until then */
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
/* The captions as WebVTT or SRT; the chapters as WebVTT */
char          *iop_lesson_plan_captions_text (const IopLessonPlan *plan,
                                              IopCaptionsFormat    format);
char          *iop_lesson_plan_chapters_text (const IopLessonPlan *plan);

/* The plan's frames to OUTPUT (.webm or .mp4) with its chapters as the
 * container's markers where it has them (WebM); as iop_video_encode() */
gboolean       iop_lesson_plan_write_video (const IopLessonPlan  *plan,
                                            const IopExportOpts  *o,
                                            const char           *output,
                                            GCancellable         *cancellable,
                                            IopVideoProgressFunc  progress,
                                            gpointer              user_data,
                                            GError              **error);

/* The files of a lesson export in DIR */
typedef enum
{
  IOP_LESSON_FILE_VIDEO,       /* ID.webm */
  IOP_LESSON_FILE_CAPTIONS,    /* ID.vtt */
  IOP_LESSON_FILE_CHAPTERS,    /* ID-chapters.vtt */
  IOP_LESSON_FILE_HANDOUT,     /* ID-handout.pdf */
  IOP_LESSON_N_FILES
} IopLessonFile;

typedef struct
{
  IopExportOpts picture;       /* size, style, force */
  int           fps;
  double        speed;
  double        hold;
  const char   *spdk_dir;      /* the handout prints each step's function from it; NULL: the reference */
} IopLessonExportOpts;

/* DIR/ID.webm, ... in IopLessonFile order, NULL-terminated */
char         **iop_lesson_export_paths (const IopLesson *lesson,
                                        const char      *dir);
/* Refuses before any work (and writes nothing): DIR not a writable folder
 * (or, when missing, not one that can be made), or one of the files there
 * without FORCE */
gboolean       iop_lesson_export_check (const IopLesson *lesson,
                                        const char      *dir,
                                        gboolean         force,
                                        GError         **error);
/* Writes the four files: the video first (the long part, PROGRESS called
 * per frame, cancellable), then the captions, chapters and handout. On an
 * error or a cancel nothing of this run stays (a file --force replaced is
 * gone, though). TRACES are the chapters' (iop_lesson_validate()). */
gboolean       iop_lesson_export       (IopLesson                 *lesson,
                                        GPtrArray                 *traces,
                                        const IopLessonExportOpts *o,
                                        const char                *dir,
                                        GCancellable              *cancellable,
                                        IopVideoProgressFunc       progress,
                                        gpointer                   user_data,
                                        GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopLessonPlan, iop_lesson_plan_free)

G_END_DECLS
