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
 * and then HOLD seconds more with the outcome card, its cue lasting to the
 * end of the video.
 *
 * The cue writer below serves every timed text Iopath writes: a trace's
 * step captions, a lesson's captions and its chapters.
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
                    double    speed,
                    double    hold)
{
  return iop_video_step_start (trace->steps->len, speed) + MAX (hold, 0.0);
}

guint
iop_video_n_frames (IopTrace *trace,
                    int       fps,
                    double    speed,
                    double    hold)
{
  double frames = ceil (iop_video_duration (trace, speed, hold) * fps - 1e-6);

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
char *
iop_video_step_caption (IopTrace *trace,
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

IopCaptionCue *
iop_caption_cue_new (double      start,
                     double      end,
                     const char *text)
{
  IopCaptionCue *c = g_new0 (IopCaptionCue, 1);

  c->start = start;
  c->end = end;
  c->text = g_strdup (text);
  return c;
}

void
iop_caption_cue_free (gpointer cue)
{
  IopCaptionCue *c = cue;

  if (c == NULL)
    return;
  g_free (c->text);
  g_free (c);
}

/* A cue's text: no blank line (it would end the cue) and no carriage
 * return; in WebVTT, markup escaped (which also keeps "-->" out of it) */
static void
append_cue_text (GString           *out,
                 const char        *text,
                 IopCaptionsFormat  format)
{
  gsize start = out->len;

  for (const char *c = text; *c; c++)
    {
      if (*c == '\r')
        continue;
      if (*c == '\n' && (out->len == start || out->str[out->len - 1] == '\n'))
        continue;
      if (format == IOP_CAPTIONS_VTT && *c == '&')
        g_string_append (out, "&amp;");
      else if (format == IOP_CAPTIONS_VTT && *c == '<')
        g_string_append (out, "&lt;");
      else if (format == IOP_CAPTIONS_VTT && *c == '>')
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *c);
    }
  if (out->len > start && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  /* SRT has no escapes: keep a cue from containing its own end marker */
  if (format == IOP_CAPTIONS_SRT)
    for (char *p = out->str + start; (p = strstr (p, "-->")) != NULL; p++)
      p[2] = ' ';
}

char *
iop_captions_to_text (GPtrArray         *cues,
                      IopCaptionsFormat  format,
                      const char        *id_prefix)
{
  GString *out = g_string_new (format == IOP_CAPTIONS_VTT ? "WEBVTT\n\n" : NULL);
  char decimal = format == IOP_CAPTIONS_VTT ? '.' : ',';

  for (guint i = 0; i < cues->len; i++)
    {
      const IopCaptionCue *c = g_ptr_array_index (cues, i);

      if (format == IOP_CAPTIONS_VTT && id_prefix != NULL)
        g_string_append_printf (out, "%s-%u\n", id_prefix, i + 1);
      else
        g_string_append_printf (out, "%u\n", i + 1);
      append_time (out, c->start, decimal);
      g_string_append (out, " --> ");
      append_time (out, c->end, decimal);
      g_string_append_c (out, '\n');
      append_cue_text (out, c->text, format);
      g_string_append (out, "\n\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
iop_captions_write (const char  *text,
                    const char  *output,
                    gboolean     force,
                    GError     **error)
{
  g_autofree char *tmp = iop_export_begin_file (output, force, error);

  if (tmp == NULL)
    return FALSE;
  if (!g_file_set_contents (tmp, text, -1, error))
    {
      iop_export_discard_file (tmp);
      return FALSE;
    }
  return iop_export_commit_file (tmp, output, force, error);
}

char *
iop_video_captions_text (IopTrace          *trace,
                         double             speed,
                         double             hold,
                         IopCaptionsFormat  format)
{
  g_autoptr(GPtrArray) cues = g_ptr_array_new_with_free_func (iop_caption_cue_free);
  guint n = trace->steps->len;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = iop_video_step_caption (trace, i);
      /* the last step's cue lasts while the outcome card holds */
      double end = i + 1 == n ? iop_video_duration (trace, speed, hold) : iop_video_step_start (i + 1, speed);

      g_ptr_array_add (cues, iop_caption_cue_new (iop_video_step_start (i, speed), end, text));
    }
  return iop_captions_to_text (cues, format, NULL);
}

gboolean
iop_video_write_captions (IopTrace    *trace,
                          double       speed,
                          double       hold,
                          const char  *output,
                          gboolean     force,
                          GError     **error)
{
  IopCaptionsFormat format;
  g_autofree char *text = NULL;

  if (!iop_video_captions_format_for (output, &format, error))
    return FALSE;
  text = iop_video_captions_text (trace, speed, hold, format);
  return iop_captions_write (text, output, force, error);
}
