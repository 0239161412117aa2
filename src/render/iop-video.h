/* iop-video.h: the playback as a video file (WebM VP9, or MP4 H.264 where an
 * encoder is installed) through GStreamer, with WebVTT or SRT captions
 * (iopath-cli render --video and the app's Export Video; GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

/* The pace: the app's 1x is 1.5 steps a second */
#define IOP_VIDEO_DEFAULT_SPEED 1.5
#define IOP_VIDEO_DEFAULT_FPS   30

typedef struct
{
  IopExportOpts picture;   /* size, style, force */
  int           fps;       /* frames a second, 1 to 120 */
  double        speed;     /* steps a second (the app's 1x: 1.5) */
} IopVideoOpts;

/* Called after each frame; in the thread that runs iop_video_export() */
typedef void (*IopVideoProgressFunc) (guint    frame,
                                      guint    n_frames,
                                      gpointer user_data);

/* The timing every output shares. The video opens with the guest's request
 * (the canvas before step 1, as the app's playback starts) for one step's
 * time, then each step gets 1 / SPEED seconds, the last one too. */
double   iop_video_duration        (IopTrace   *trace,
                                    double      speed);
double   iop_video_step_start      (guint       step,
                                    double      speed);
guint    iop_video_n_frames        (IopTrace   *trace,
                                    int         fps,
                                    double      speed);

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

/* The whole playback to OUTPUT (written under a temporary name beside it,
 * moved into place at the end; removed on error or cancel). Blocks: run it
 * in a thread to keep a UI live. */
gboolean iop_video_export          (IopTrace              *trace,
                                    const IopVideoOpts    *o,
                                    const char            *output,
                                    GCancellable          *cancellable,
                                    IopVideoProgressFunc   progress,
                                    gpointer               user_data,
                                    GError               **error);

/* One cue per step, in time with iop_video_export() at SPEED */
char    *iop_video_captions_text   (IopTrace          *trace,
                                    double             speed,
                                    IopCaptionsFormat  format);
gboolean iop_video_write_captions  (IopTrace          *trace,
                                    double             speed,
                                    const char        *output,
                                    gboolean           force,
                                    GError           **error);

G_END_DECLS
