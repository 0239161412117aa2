/* iop-video.h: the playback as a video file (WebM VP9, or MP4 H.264 where an
 * encoder is installed) through GStreamer, with WebVTT or SRT captions
 * (iopath-cli render --video and the app's Export Video; GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "iop-export.h"
#include "iop-trace.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_VIDEO_WEBM,
  IOP_VIDEO_MP4,
} IopVideoFormat;

typedef enum
{
  IOP_CAPTIONS_VTT,
  IOP_CAPTIONS_SRT,
} IopCaptionsFormat;

/* The pace: the app's 1x is 1.5 steps a second; the outcome card at the
 * end stays 4 s, as long as a lesson's pause */
#define IOP_VIDEO_DEFAULT_SPEED 1.5
#define IOP_VIDEO_DEFAULT_FPS   30
#define IOP_VIDEO_DEFAULT_HOLD  4.0

typedef struct
{
  IopExportOpts picture;   /* size, style, force */
  int           fps;       /* frames a second, 1 to 120 */
  double        speed;     /* steps a second (the app's 1x: 1.5) */
  double        hold;      /* seconds the last step (the outcome card) stays beyond its share, 0 to 60 */
} IopVideoOpts;

/* A timed text: a caption, or a chapter and its title */
typedef struct
{
  double  start;           /* seconds */
  double  end;
  char   *text;            /* plain text, lines split by \n */
} IopCaptionCue;

IopCaptionCue *iop_caption_cue_new  (double      start,
                                     double      end,
                                     const char *text);
void           iop_caption_cue_free (gpointer    cue);

/* Draws frame FRAME on CR (the picture's size, the window's background
 * already painted); called in the thread that encodes */
typedef void (*IopVideoDrawFunc) (cairo_t  *cr,
                                  guint     frame,
                                  gpointer  user_data);

/* Called after each frame; in the thread that runs iop_video_export() */
typedef void (*IopVideoProgressFunc) (guint    frame,
                                      guint    n_frames,
                                      gpointer user_data);

/* The timing every output shares. The video opens with the guest's request
 * (the canvas before step 1, as the app's playback starts) for one step's
 * time, then each step gets 1 / SPEED seconds, and the last one HOLD
 * seconds more, with the outcome card. */
double   iop_video_duration        (IopTrace   *trace,
                                    double      speed,
                                    double      hold);
double   iop_video_step_start      (guint       step,
                                    double      speed);
guint    iop_video_n_frames        (IopTrace   *trace,
                                    int         fps,
                                    double      speed,
                                    double      hold);

/* From the file name's extension (.webm, .mp4; .vtt, .srt) */
gboolean iop_video_format_for      (const char        *path,
                                    IopVideoFormat    *format,
                                    GError           **error);
gboolean iop_video_captions_format_for (const char        *path,
                                        IopCaptionsFormat *format,
                                        GError           **error);

/* TRUE when GStreamer and the encoder and muxer for FORMAT are there;
 * otherwise an error that says what to install */
gboolean iop_video_can_encode      (IopVideoFormat     format,
                                    GError           **error);

/* Whether the container of FORMAT carries chapter markers (WebM: a
 * Matroska Chapters element, through GStreamer's GstToc; MP4: no) */
gboolean iop_video_has_chapters    (IopVideoFormat     format);

/* N_FRAMES frames of DRAW at O's size and frame rate to OUTPUT, with
 * CHAPTERS (IopCaptionCue, NULL: none) as the container's chapter markers
 * where it has them. Written under a temporary name beside OUTPUT, moved
 * into place at the end; removed on error or cancel. Blocks: run it in a
 * thread to keep a UI live. O's speed and hold are not used here. */
gboolean iop_video_encode          (const IopVideoOpts    *o,
                                    guint                  n_frames,
                                    IopVideoDrawFunc       draw,
                                    gpointer               draw_data,
                                    GPtrArray             *chapters,
                                    const char            *output,
                                    GCancellable          *cancellable,
                                    IopVideoProgressFunc   progress,
                                    gpointer               user_data,
                                    GError               **error);

/* The whole playback of TRACE to OUTPUT, as iop_video_encode() writes */
gboolean iop_video_export          (IopTrace              *trace,
                                    const IopVideoOpts    *o,
                                    const char            *output,
                                    GCancellable          *cancellable,
                                    IopVideoProgressFunc   progress,
                                    gpointer               user_data,
                                    GError               **error);

/* CUES (IopCaptionCue) as WebVTT or SRT: cues numbered from 1, or named
 * ID_PREFIX-1, ... in WebVTT (NULL: numbers). A blank line inside a text
 * is dropped (it would end the cue); WebVTT escapes &, < and >. */
char    *iop_captions_to_text      (GPtrArray         *cues,
                                    IopCaptionsFormat  format,
                                    const char        *id_prefix);
/* TEXT to OUTPUT under a temporary name, moved into place (never over an
 * existing file without FORCE) */
gboolean iop_captions_write        (const char        *text,
                                    const char        *output,
                                    gboolean           force,
                                    GError           **error);

/* The caption strip's words for step I: its badge and title, then where it
 * runs, when and for how long (two lines) */
char    *iop_video_step_caption    (IopTrace          *trace,
                                    guint              i);

/* One cue per step, in time with iop_video_export() at SPEED and HOLD */
char    *iop_video_captions_text   (IopTrace          *trace,
                                    double             speed,
                                    double             hold,
                                    IopCaptionsFormat  format);
gboolean iop_video_write_captions  (IopTrace          *trace,
                                    double             speed,
                                    double             hold,
                                    const char        *output,
                                    gboolean           force,
                                    GError           **error);

G_END_DECLS
