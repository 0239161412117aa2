/* cli-video.c: iopath-cli render --video FILE [--captions FILE]
 *
 * The playback as a WebM or MP4 file and its captions as WebVTT or SRT,
 * at the app's pace (--speed, 1.5 steps a second as the app's 1x), the
 * outcome card held --hold seconds at the end. The checks and the progress
 * line serve lesson render --video and lesson export too. Every
 * argument is checked before the trace runs, so a wrong name or a missing
 * encoder costs nothing; the files are written under temporary names and
 * moved into place at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <unistd.h>

#include "iop-video.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

static int
say (int         code,
     const char *msg)
{
  g_printerr ("iopath-cli: %s\n", msg);
  return code;
}

gboolean
iop_cli_check_destination (const char *path,
                           gboolean    force,
                           GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s already exists; nothing was written (use --force to replace it)"), path);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || access (dir, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("Cannot write %s: the folder %s does not exist or is not writable"), path, dir);
      return FALSE;
    }
  return TRUE;
}

int
iop_cli_video_check (const char *video,
                     const char *captions,
                     double      fps,
                     gboolean    force)
{
  g_autoptr(GError) error = NULL;

  if (video != NULL)
    {
      IopVideoFormat format;

      if (*video == '\0')
        return say (EXIT_USAGE, _("--video needs a file name"));
      if (!iop_video_format_for (video, &format, &error))
        return say (EXIT_USAGE, error->message);
      if (fps != floor (fps))
        return say (EXIT_USAGE, _("--fps takes a whole number of frames a second for a video"));
#ifdef IOP_HAVE_VIDEO
      if (!iop_video_can_encode (format, &error))
        return say (EXIT_FAILED, error->message);
#else
      return say (EXIT_FAILED, _("This iopath-cli was built without GStreamer, so it cannot write videos"));
#endif
      if (!iop_cli_check_destination (video, force, &error))
        return say (EXIT_FAILED, error->message);
    }
  if (captions != NULL)
    {
      IopCaptionsFormat format;

      if (*captions == '\0')
        return say (EXIT_USAGE, _("--captions needs a file name"));
      if (!iop_video_captions_format_for (captions, &format, &error))
        return say (EXIT_USAGE, error->message);
      if (!iop_cli_check_destination (captions, force, &error))
        return say (EXIT_FAILED, error->message);
    }
  return EXIT_OK;
}

#ifdef IOP_HAVE_VIDEO
void
iop_cli_video_progress (guint    frame,
                        guint    n_frames,
                        gpointer user_data)
{
  gboolean tty = GPOINTER_TO_INT (user_data);
  guint percent = (guint)((guint64)frame * 100 / n_frames);
  guint before = (guint)((guint64)(frame - 1) * 10 / n_frames);

  if (tty)
    {
      g_printerr ("\r");
      g_printerr (_("Frame %u of %u (%u %%)"), frame, n_frames, percent);
      if (frame == n_frames)
        g_printerr ("\n");
    }
  else if (frame == 1 || (guint)((guint64)frame * 10 / n_frames) != before)
    {
      g_printerr (_("Frame %u of %u (%u %%)"), frame, n_frames, percent);
      g_printerr ("\n");
    }
}
#endif

int
iop_cli_video_write (IopTrace            *trace,
                     const IopExportOpts *picture,
                     const char          *video,
                     const char          *captions,
                     double               fps,
                     double               speed,
                     double               hold)
{
  g_autoptr(GError) error = NULL;

  if (video != NULL)
    {
#ifdef IOP_HAVE_VIDEO
      IopVideoOpts o = { *picture, (int)fps, speed, hold };
      double duration = iop_video_duration (trace, speed, hold);

      if (!iop_video_export (trace, &o, video, NULL, iop_cli_video_progress,
                             GINT_TO_POINTER (isatty (STDERR_FILENO)), &error))
        return say (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? EXIT_USAGE : EXIT_FAILED,
                    error->message);
      /* TRANSLATORS: "Wrote x.webm: 63.33 s of video, 1280×720 at 30 frames a second, 94 steps" */
      g_print (_("Wrote %s: %.2f s of video, %d×%d at %d frames a second, %u steps\n"),
               video, duration, o.picture.width, o.picture.height, o.fps, trace->steps->len);
#else
      return say (EXIT_FAILED, _("This iopath-cli was built without GStreamer, so it cannot write videos"));
#endif
    }
  if (captions != NULL)
    {
      if (!iop_video_write_captions (trace, speed, hold, captions, picture->force, &error))
        return say (EXIT_FAILED, error->message);
      g_print (_("Wrote %s: a caption for each of the %u steps\n"), captions, trace->steps->len);
    }
  return EXIT_OK;
}
