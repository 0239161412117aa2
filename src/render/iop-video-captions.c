/* iop-video-captions.c: the video's timing, and its captions as WebVTT or
 * SRT: one cue per step, while the step is on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A video of a trace plays as the app does at a speed of SPEED steps a
 * second: it opens on the guest's request (the canvas before step 1, where
 * the app's playback starts) for one step's time, then the playhead moves a
 * step every 1 / SPEED seconds and the caption strip names step i while the
 * playhead is between i and i + 1. The last step is held for its share too,
 * so every step gets the same time on screen and its cue the same span.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-format.h"
#include "iop-painter-private.h"
#include "iop-video.h"

double
iop_video_step_start (guint  step,
                      double speed)
{
  return (step + 1.0) / speed;
}

double
iop_video_duration (IopTrace *trace,
                    double    speed)
{
  return iop_video_step_start (trace->steps->len, speed);
}

guint
iop_video_n_frames (IopTrace *trace,
                    int       fps,
                    double    speed)
{
  double frames = ceil (iop_video_duration (trace, speed) * fps - 1e-6);

  return frames >= 1 && frames < G_MAXUINT ? (guint)frames : 0;
}

static gboolean
has_suffix_nocase (const char *path,
                   const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

gboolean
iop_video_format_for (const char      *path,
                      IopVideoFormat  *format,
                      GError         **error)
{
  if (has_suffix_nocase (path, ".webm"))
    *format = IOP_VIDEO_WEBM;
  else if (has_suffix_nocase (path, ".mp4"))
    *format = IOP_VIDEO_MP4;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: a video’s name must end in .webm (VP9) or .mp4 (H.264)"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
iop_video_captions_format_for (const char         *path,
                               IopCaptionsFormat  *format,
                               GError            **error)
{
  if (has_suffix_nocase (path, ".vtt"))
    *format = IOP_CAPTIONS_VTT;
  else if (has_suffix_nocase (path, ".srt"))
    *format = IOP_CAPTIONS_SRT;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: a captions file’s name must end in .vtt (WebVTT) or .srt (SubRip)"), path);
      return FALSE;
    }
  return TRUE;
}

/* 00:01:02.345 (WebVTT) or 00:01:02,345 (SRT) */
static void
append_time (GString *out,
             double   seconds,
             char     decimal)
{
  gint64 ms = (gint64)llround (seconds * 1000.0);

  g_string_append_printf (out, "%02" G_GINT64_FORMAT ":%02d:%02d%c%03d",
                          ms / 3600000, (int)(ms / 60000 % 60), (int)(ms / 1000 % 60),
                          decimal, (int)(ms % 1000));
}

/* The caption strip's words for a step (iop-painter-dynamic.c draws them):
 * its badge and title, then where it runs, when and for how long */
static char *
cue_text (IopTrace *trace,
          guint     i)
{
  IopStep *st = iop_trace_step (trace, i);
  g_autofree char *where = step_where (trace, st);
  g_autofree char *took = iop_format_duration (MAX (st->dur_ns, 0));
  g_autofree char *badge = g_strdup_printf (_("Step %d of %d"), (int)i + 1, (int)trace->steps->len);
  g_autofree char *when = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GString) line2 = g_string_new (NULL);

  if (st->t_ns >= G_GINT64_CONSTANT (10000000))
    when = g_strdup_printf (_("%.3f s"), st->t_ns / 1e9);
  else
    when = iop_format_step_time (st->t_ns);
  if (st->function)
    g_string_append_printf (line2, "%s()", st->function);
  if (st->thread)
    g_string_append_printf (line2, "%s%s", line2->len ? " · " : "", st->thread);
  if (st->core >= 0)
    {
      g_autofree char *core = g_strdup_printf (_("core %d"), st->core);
      g_string_append_printf (line2, " · %s", core);
    }
  g_string_append_printf (line2, "%s%s", line2->len ? " · " : "", where);
  if (st->leg >= 0)
    {
      g_autofree char *leg = g_strdup_printf (_("leg %c"), leg_letter (st->leg));
      g_string_append_printf (line2, " · %s", leg);
    }
  /* TRANSLATORS: a step's time and how long it took, "at 1.34 µs, took 120 ns" */
  at = g_strdup_printf (_("at %s, took %s"), when, took);
  g_string_append_printf (line2, " · %s", at);
  return g_strdup_printf ("%s · %s\n%s", badge, st->title ? st->title : st->key, line2->str);
}

char *
iop_video_captions_text (IopTrace          *trace,
                         double             speed,
                         IopCaptionsFormat  format)
{
  GString *out = g_string_new (format == IOP_CAPTIONS_VTT ? "WEBVTT\n\n" : NULL);
  char decimal = format == IOP_CAPTIONS_VTT ? '.' : ',';

  for (guint i = 0; i < trace->steps->len; i++)
    {
      g_autofree char *text = cue_text (trace, i);

      g_string_append_printf (out, "%u\n", i + 1);
      append_time (out, iop_video_step_start (i, speed), decimal);
      g_string_append (out, " --> ");
      append_time (out, iop_video_step_start (i + 1, speed), decimal);
      g_string_append_c (out, '\n');
      if (format == IOP_CAPTIONS_VTT)
        {
          /* a cue's text is markup: &, < and > are escaped (which also
           * keeps "-->" out of it) */
          for (const char *c = text; *c; c++)
            {
              if (*c == '&')
                g_string_append (out, "&amp;");
              else if (*c == '<')
                g_string_append (out, "&lt;");
              else if (*c == '>')
                g_string_append (out, "&gt;");
              else
                g_string_append_c (out, *c);
            }
        }
      else
        g_string_append (out, text);
      g_string_append (out, "\n\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
iop_video_write_captions (IopTrace    *trace,
                          double       speed,
                          const char  *output,
                          gboolean     force,
                          GError     **error)
{
  IopCaptionsFormat format;
  g_autofree char *text = NULL;
  g_autofree char *tmp = NULL;

  if (!iop_video_captions_format_for (output, &format, error))
    return FALSE;
  text = iop_video_captions_text (trace, speed, format);
  tmp = iop_export_begin_file (output, force, error);
  if (tmp == NULL)
    return FALSE;
  if (!g_file_set_contents (tmp, text, -1, error))
    {
      iop_export_discard_file (tmp);
      return FALSE;
    }
  return iop_export_commit_file (tmp, output, force, error);
}
