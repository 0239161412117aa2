/* iop-export.c: the canvas of a step as PNG, SVG or PDF, or a whole
 * playback as numbered PNG frames (iopath-cli render and the app's Export
 * Picture)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pictures come from the same painter the app's canvas draws with, at the
 * same positions: a frame sequence advances the playhead by speed / fps steps
 * per frame, as the canvas does at that speed, so a video tool can turn the
 * frames into the clip the app shows.
 *
 * Files are written next to their destination under a temporary name and
 * moved into place at the end; without --force an existing file is never
 * replaced (the final link refuses it even if it appeared meanwhile). The
 * temporary file in progress is removed when the process is stopped by a
 * signal it can catch (iop_export_remove_temp_on_signals); SIGKILL cannot be
 * caught and may leave it behind.
 */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iop-export.h"
#include "iop-plot.h"
#include "iop-explanations.h"
#include "iop-painter.h"
#include <pango/pangocairo.h>

#define MAX_SIDE 7680
#define MAX_FRAMES 100000

gboolean
iop_export_parse_size (const char *text,
                           int        *width,
                           int        *height,
                           GError    **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 w = 0, h = 0;

  if (text != NULL)
    parts = g_strsplit (text, "x", -1);
  if (parts == NULL || g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, MAX_SIDE, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, MAX_SIDE, &h, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* TRANSLATORS: the smallest and largest picture, e.g. "from 640x360 to 7680x7680" */
                   _("--size takes WIDTHxHEIGHT in pixels, from %dx%d to %dx%d, such as 1920x1080, not “%s”"),
                   IOP_PAINTER_MIN_WIDTH, IOP_PAINTER_MIN_HEIGHT, MAX_SIDE, MAX_SIDE, text ? text : "");
      return FALSE;
    }
  /* the painter's smallest canvas: below it labels and gauges cannot keep
   * their room, and the picture would be a thumbnail */
  if (w < IOP_PAINTER_MIN_WIDTH || h < IOP_PAINTER_MIN_HEIGHT)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--size %s is too small: pictures are at least %dx%d pixels, where every label still has room"),
                   text, IOP_PAINTER_MIN_WIDTH, IOP_PAINTER_MIN_HEIGHT);
      return FALSE;
    }
  *width = (int)w;
  *height = (int)h;
  return TRUE;
}

typedef enum { FMT_PNG, FMT_SVG, FMT_PDF } Format;

static gboolean
format_for (const char *path,
            Format     *fmt,
            GError    **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *fmt = FMT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *fmt = FMT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *fmt = FMT_PDF;
  else
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s: the file name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  return TRUE;
}

/* --- The temporary file in progress, and the signals that remove it --- */

/* Set from before the temporary file exists until it is gone (moved into
 * place or removed); the signal handler only reads it */
static char *volatile pending_tmp = NULL;

static const int cleanup_signals[] = {
  SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE,
  SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
};
static struct sigaction previous_actions[G_N_ELEMENTS (cleanup_signals)];

static void
remove_temp_cb (int        sig,
                siginfo_t *info,
                void      *context)
{
  char *tmp = pending_tmp;

  if (tmp != NULL)
    unlink (tmp);   /* async-signal-safe */
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    if (cleanup_signals[i] == sig)
      sigaction (sig, &previous_actions[i], NULL);
  /* A fault the kernel raised happens again on return, under the previous
   * handler (a sanitizer's, or the default core dump); a signal that was
   * sent is sent again */
  if (info == NULL || info->si_code <= 0 ||
      !(sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL))
    raise (sig);
}

void
iop_export_remove_temp_on_signals (void)
{
  static gboolean installed = FALSE;
  struct sigaction sa;

  if (installed)
    return;
  installed = TRUE;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = remove_temp_cb;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset (&sa.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old;

      /* a signal ignored (nohup's SIGHUP, say) stays ignored */
      if (sigaction (cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        {
          previous_actions[i] = old;
          continue;
        }
      sigaction (cleanup_signals[i], &sa, &previous_actions[i]);
    }
}

/* The temporary file is gone (moved into place or removed) */
static void
temp_done (void)
{
  pending_tmp = NULL;
}

static void
discard_temp (const char *tmp)
{
  g_unlink (tmp);
  temp_done ();
}

/* A temporary name in DEST's folder, so the final move stays on one file system */
static char *
temp_beside (const char *dest,
             GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  /* named before it exists: a signal between the two still removes it */
  pending_tmp = tmpl;
  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int err = errno;
      temp_done ();
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   _("Cannot write in %s: %s"), dir, g_strerror (err));
      return NULL;
    }
  {
    /* mkstemp makes it private; the result gets the usual umask mode */
    mode_t mask = umask (0);
    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }
  close (fd);
  return g_steal_pointer (&tmpl);
}

static void
set_exists_error (GError    **error,
                  const char *dest)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("%s already exists; nothing was written (use --force to replace it)"), dest);
}

/* Refuses an existing DEST unless FORCE, then names a temporary file for it */
static char *
begin_file (const char *dest,
            gboolean    force,
            GError    **error)
{
  if (!force && g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      set_exists_error (error, dest);
      return NULL;
    }
  return temp_beside (dest, error);
}

/* Moves TMP to DEST; without FORCE, fails rather than replace a file */
static gboolean
commit_file (const char *tmp,
             const char *dest,
             gboolean    force,
             GError    **error)
{
  int err;

  if (force)
    {
      if (g_rename (tmp, dest) == 0)
        {
          temp_done ();
          return TRUE;
        }
      err = errno;
    }
  else
    {
      if (link (tmp, dest) == 0)
        {
          discard_temp (tmp);
          return TRUE;
        }
      err = errno;
      if (err == EPERM || err == ENOTSUP || err == EXDEV)
        {
          /* no hard links here: check, then move */
          if (!g_file_test (dest, G_FILE_TEST_EXISTS) && g_rename (tmp, dest) == 0)
            {
              temp_done ();
              return TRUE;
            }
          err = g_file_test (dest, G_FILE_TEST_EXISTS) ? EEXIST : errno;
        }
    }
  discard_temp (tmp);
  if (err == EEXIST)
    set_exists_error (error, dest);
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                 _("Cannot write %s: %s"), dest, g_strerror (err));
  return FALSE;
}

/* The same for the other exporters of this folder (iop-video.c) */
char *
iop_export_begin_file (const char *dest,
                       gboolean    force,
                       GError    **error)
{
  return begin_file (dest, force, error);
}

gboolean
iop_export_commit_file (const char *tmp,
                        const char *dest,
                        gboolean    force,
                        GError    **error)
{
  return commit_file (tmp, dest, force, error);
}

void
iop_export_discard_file (const char *tmp)
{
  discard_temp (tmp);
}

static void
paint (cairo_t                 *cr,
       IopTrace                *trace,
       const IopExportOpts *o,
       double                   position,
       gboolean                 outcome,
       IopPainterCache         *cache)
{
  IopPaintState st = IOP_PAINT_STATE_INIT;

  st.position = position;
  st.dark = o->dark;
  st.presentation = o->presentation;
  st.cache = cache;
  st.outcome = outcome;
  iop_painter_draw (cr, o->width, o->height, trace, &st);
}

static gboolean
surface_ok (cairo_surface_t *surface,
            const char      *dest,
            GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot draw %s: %s"),
               dest, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
render_one (IopTrace               *trace,
            const IopExportOpts *o,
            double                  position,
            gboolean                outcome,
            const char             *dest,
            Format                  fmt,
            IopPainterCache        *cache,
            GError                **error)
{
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  tmp = begin_file (dest, o->force, error);
  if (tmp == NULL)
    return FALSE;

  switch (fmt)
    {
    case FMT_SVG:
      surface = cairo_svg_surface_create (tmp, o->width, o->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case FMT_PDF:
      surface = cairo_pdf_surface_create (tmp, o->width, o->height);
      break;
    case FMT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, o->width, o->height);
      break;
    }
  cr = cairo_create (surface);
  paint (cr, trace, o, position, outcome, cache);
  cairo_destroy (cr);
  if (fmt == FMT_PNG)
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, tmp);
      ok = status == CAIRO_STATUS_SUCCESS;
      if (!ok)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write %s: %s"),
                     dest, cairo_status_to_string (status));
    }
  else
    {
      cairo_surface_finish (surface);
      ok = surface_ok (surface, dest, error);
    }
  cairo_surface_destroy (surface);
  if (!ok)
    {
      discard_temp (tmp);
      return FALSE;
    }
  return commit_file (tmp, dest, o->force, error);
}

gboolean
iop_export_step (IopTrace            *trace,
                 const IopExportOpts *o,
                 double               position,
                 const char          *output,
                 GError             **error)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  Format fmt;

  if (!(position >= -1.0 && position <= (double)trace->steps->len - 1))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("This trace has steps 1 to %u only"), trace->steps->len);
      return FALSE;
    }
  if (!format_for (output, &fmt, error))
    return FALSE;
  return render_one (trace, o, position, FALSE, output, fmt, cache, error);
}

guint
iop_export_frames (IopTrace            *trace,
                   const IopExportOpts *o,
                   const char          *dir,
                   double               fps,
                   double               speed,
                   double               duration,
                   double               hold,
                   GError             **error)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  double end = MAX ((double)trace->steps->len - 1, 0.0);
  double full = end / speed;
  double frames;
  guint n;

  /* DURATION seconds are DURATION x FPS frames; the whole playback ends on
   * a frame at the last step, and HOLD seconds more of it with the outcome
   * card. Counted in double and checked before any conversion: a tiny
   * speed makes more frames than an unsigned holds. */
  if (duration > 0 && duration < full)
    frames = MAX (round (duration * fps), 1.0);
  else
    frames = ceil (full * fps - 1e-9) + 1 + round (MAX (hold, 0.0) * fps);
  if (!(frames >= 1 && frames <= MAX_FRAMES))
    {
      g_autofree char *count = g_strdup_printf (frames < 1e12 ? "%.0f" : "%.3g", frames);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("That would be %s frames; Iopath writes at most %d per run"), count, MAX_FRAMES);
      return 0;
    }
  n = (guint)frames;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (err));
      return 0;
    }
  /* Refuse before writing anything rather than stop half-way: every
   * frame this run would write is checked, not only the first */
  if (!o->force)
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *dest = g_strdup_printf ("%s/frame-%05u.png", dir, i + 1);

        if (g_file_test (dest, G_FILE_TEST_EXISTS))
          {
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                         _("%s already holds frames (%s exists); nothing was written (use --force to replace them)"),
                         dir, dest);
            return 0;
          }
      }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *dest = g_strdup_printf ("%s/frame-%05u.png", dir, i + 1);
      double position = MIN (i * speed / fps, end);

      if (!render_one (trace, o, position, TRUE, dest, FMT_PNG, cache, error))
        return 0;
    }
  return n;
}
