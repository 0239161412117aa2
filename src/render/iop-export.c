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
       IopPainterCache         *cache)
{
  IopPaintState st = IOP_PAINT_STATE_INIT;

  st.position = position;
  st.dark = o->dark;
  st.presentation = o->presentation;
  st.cache = cache;
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
  paint (cr, trace, o, position, cache);
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
  return render_one (trace, o, position, output, fmt, cache, error);
}

guint
iop_export_frames (IopTrace            *trace,
                   const IopExportOpts *o,
                   const char          *dir,
                   double               fps,
                   double               speed,
                   double               duration,
                   GError             **error)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  double end = MAX ((double)trace->steps->len - 1, 0.0);
  double full = end / speed;
  double frames;
  guint n;

  /* DURATION seconds are DURATION x FPS frames; the whole playback ends on
   * a frame at the last step. Counted in double and checked before any
   * conversion: a tiny speed makes more frames than an unsigned holds. */
  if (duration > 0 && duration < full)
    frames = MAX (round (duration * fps), 1.0);
  else
    frames = ceil (full * fps - 1e-9) + 1;
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

      if (!render_one (trace, o, position, dest, FMT_PNG, cache, error))
        return 0;
    }
  return n;
}

/* --- Handout ----------------------------------------------------------------
 * A4 landscape, in points: a title page, then a page per step with the canvas
 * at that step, what happened, the source reference, the objects and knobs of
 * the step, and the explanation. */

#define PAGE_W 842.0
#define PAGE_H 595.0
#define MARGIN 36.0

/* Layouts whose font sizes are in points of the page (the PDF's unit) */
static PangoLayout *
page_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  return layout;
}

static double
text (cairo_t    *cr,
      double      x,
      double      y,
      double      width,
      double      max_height,
      const char *font,
      const char *markup_or_text,
      gboolean    markup)
{
  g_autoptr(PangoLayout) layout = page_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_height > 0)
    {
      pango_layout_set_height (layout, (int)(max_height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  if (markup)
    pango_layout_set_markup (layout, markup_or_text, -1);
  else
    pango_layout_set_text (layout, markup_or_text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static void
handout_title_page (cairo_t     *cr,
                    IopScenario *sc,
                    IopTrace    *trace)
{
  g_autoptr(GString) knobs = g_string_new (NULL);
  g_autofree char *sub = NULL;
  double y = MARGIN + 40;
  guint changed = 0;

  cairo_set_source_rgb (cr, 0.14, 0.14, 0.16);
  y += text (cr, MARGIN, y, PAGE_W - 2 * MARGIN, 0, "Cantarell Bold 26", sc->title ? sc->title : sc->id, FALSE) + 6;
  sub = g_strdup_printf (_("One %s of %" PRId64 " bytes through SPDK, %u steps · SPDK %s · scenario “%s”"),
                         iop_op_name (sc->op), sc->io_size, trace->steps->len,
                         iop_trace_spdk_tag (trace), sc->id);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  y += text (cr, MARGIN, y, PAGE_W - 2 * MARGIN, 0, "Cantarell 12", sub, FALSE) + 14;
  if (sc->description != NULL)
    {
      cairo_set_source_rgb (cr, 0.14, 0.14, 0.16);
      y += text (cr, MARGIN, y, PAGE_W - 2 * MARGIN, 120, "Cantarell 11", _(sc->description), FALSE) + 18;
    }

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) defs = iop_scenario_host_knobs (sc, h);

      for (guint i = 0; i < defs->len; i++)
        {
          const IopKnobDef *d = g_ptr_array_index (defs, i);
          gint64 v = iop_scenario_knob_value (sc, h, d);
          gint64 dv = iop_knob_def_default (d, sc->version);
          g_autofree char *vs = NULL;
          g_autofree char *ds = NULL;
          g_autofree char *line = NULL;

          if (v == dv)
            continue;
          vs = iop_knob_format (d, v);
          ds = iop_knob_format (d, dv);
          line = g_markup_printf_escaped ("%s\t<tt>%s.%s</tt>\t<b>%s</b>\t%s\n",
                                          iop_host_name (h), d->method, d->param, vs, ds);
          g_string_append (knobs, line);
          changed++;
        }
    }
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.16);
  y += text (cr, MARGIN, y, PAGE_W - 2 * MARGIN, 0, "Cantarell Bold 13",
             changed ? _("Knobs that differ from SPDK’s defaults") : _("Every knob has SPDK’s default value"), FALSE) + 6;
  if (changed)
    {
      g_autoptr(PangoLayout) layout = page_layout (cr);
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Cantarell 8.5");
      g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (3, TRUE,
                                                                          PANGO_TAB_LEFT, 70,
                                                                          PANGO_TAB_LEFT, 320,
                                                                          PANGO_TAB_LEFT, 460);
      g_autofree char *head = g_markup_printf_escaped ("<b>%s\t%s\t%s\t%s</b>\n", _("host"), _("knob"), _("value"), _("default"));
      g_autofree char *all = g_strconcat (head, knobs->str, NULL);

      pango_layout_set_font_description (layout, desc);
      pango_layout_set_tabs (layout, tabs);
      pango_layout_set_height (layout, (int)((PAGE_H - MARGIN - y) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
      pango_layout_set_markup (layout, all, -1);
      cairo_move_to (cr, MARGIN, y);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
handout_step_page (cairo_t         *cr,
                   IopScenario     *sc,
                   IopTrace        *trace,
                   guint            index,
                   IopPainterCache *cache)
{
  IopStep *st = g_ptr_array_index (trace->steps, index);
  const IopExplanation *ex = iop_trace_step_explanation (trace, st);
  IopPaintState ps = IOP_PAINT_STATE_INIT;
  const double left_w = 500, right_x = MARGIN + left_w + 20, right_w = PAGE_W - MARGIN - right_x;
  const double canvas_h = left_w * 9.0 / 16.0;
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GString) facts = g_string_new (NULL);
  double y = MARGIN;

  title = g_strdup_printf (_("Step %u of %u · %s"), index + 1, trace->steps->len, st->title);
  {
    g_autofree char *when = iop_format_step_time (st->t_ns);
    /* Translators: "baremetal · app_thread · at 1.34 µs" */
    where = g_strdup_printf (_("%s · %s · at %s"), iop_place_name (st->place),
                             st->thread ? st->thread : _("on the wire"), when);
  }
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.16);
  y += text (cr, MARGIN, y, PAGE_W - 2 * MARGIN, 0, "Cantarell Bold 18", title, FALSE) + 2;
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  y += text (cr, MARGIN, y, PAGE_W - 2 * MARGIN, 0, "Cantarell 10", where, FALSE) + 8;

  /* The canvas, drawn at 1600x900 logical and scaled down: vector in the PDF */
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  cairo_rectangle (cr, 0, 0, left_w, canvas_h);
  cairo_clip (cr);
  cairo_scale (cr, left_w / 1600.0, canvas_h / 900.0);
  ps.position = index;
  ps.cache = cache;
  iop_painter_draw (cr, 1600, 900, trace, &ps);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.82);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, MARGIN, y, left_w, canvas_h);
  cairo_stroke (cr);

  /* What happened, where in SPDK, objects, knobs */
  if (st->detail)
    {
      g_autofree char *m = g_markup_escape_text (st->detail, -1);
      g_string_append_printf (facts, "%s\n", m);
    }
  if (st->function && st->file)
    {
      g_autofree char *m = g_markup_printf_escaped (_("<b>Source</b>  <tt>%s()</tt> in <tt>%s</tt>, line %d at SPDK %s\n"),
                                                    st->function, st->file, st->line, iop_trace_spdk_tag (trace));
      g_string_append (facts, m);
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *evs = pass == 0 ? st->allocs : st->frees;

      for (guint i = 0; evs && i < evs->len; i++)
        {
          IopObjectEvent *e = &g_array_index (evs, IopObjectEvent, i);
          IopObject *o = g_ptr_array_index (trace->objects, e->object);
          IopGauge *g = e->gauge >= 0 ? g_ptr_array_index (trace->gauges, e->gauge) : NULL;
          g_autofree char *m = NULL;

          if (g != NULL)
            m = g_markup_printf_escaped (pass == 0 ? _("<b>Takes</b>  %s from %s (%" PRId64 " → %" PRId64 ")\n")
                                                   : _("<b>Frees</b>  %s to %s (%" PRId64 " → %" PRId64 ")\n"),
                                         o->label, g->label, e->before, e->after);
          else
            m = g_markup_printf_escaped (pass == 0 ? _("<b>Takes</b>  %s\n") : _("<b>Frees</b>  %s\n"), o->label);
          g_string_append (facts, m);
        }
    }
  for (guint i = 0; st->knobs && i < st->knobs->len; i++)
    {
      IopStepKnob *k = g_ptr_array_index (st->knobs, i);
      g_autofree char *vs = iop_knob_format (k->def, k->value);
      g_autofree char *m = g_markup_printf_escaped (_("<b>Knob</b>  <tt>%s.%s</tt> = %s — %s\n"),
                                                    k->def->method, k->def->param, vs, k->effect ? k->effect : "");
      g_string_append (facts, m);
    }
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.16);
  text (cr, MARGIN, y + canvas_h + 10, left_w, PAGE_H - MARGIN - (y + canvas_h + 10), "Cantarell 8.5", facts->str, TRUE);

  /* The explanation */
  if (ex != NULL)
    {
      double ry = y;

      ry += text (cr, right_x, ry, right_w, 0, "Cantarell Bold 12", _(ex->title), FALSE) + 4;
      text (cr, right_x, ry, right_w, PAGE_H - MARGIN - ry, "Cantarell 9", _(ex->body), FALSE);
    }
}

/* One page as PNG at 2x (page 0 is the title page), to look at and to test */
gboolean
iop_export_handout_page_png (IopScenario *sc,
                             IopTrace    *trace,
                             guint        page,
                             const char  *output,
                             gboolean     force,
                             GError     **error)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (page > trace->steps->len)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The handout has pages 0 (the title) to %u"), trace->steps->len);
      return FALSE;
    }
  tmp = begin_file (output, force, error);
  if (tmp == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)(PAGE_W * 2), (int)(PAGE_H * 2));
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (page == 0)
    handout_title_page (cr, sc, trace);
  else
    handout_step_page (cr, sc, trace, page - 1, cache);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      discard_temp (tmp);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write %s: %s"),
                   output, cairo_status_to_string (status));
      return FALSE;
    }
  return commit_file (tmp, output, force, error);
}

gboolean
iop_export_handout (IopScenario *sc,
                    IopTrace    *trace,
                    const char  *output,
                    gboolean     force,
                    GError     **error)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  g_autofree char *tmp = NULL;
  g_autofree char *lower = g_ascii_strdown (output, -1);
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: a handout is a PDF; the file name must end in .pdf"), output);
      return FALSE;
    }
  tmp = begin_file (output, force, error);
  if (tmp == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (tmp, PAGE_W, PAGE_H);
  cr = cairo_create (surface);
  handout_title_page (cr, sc, trace);
  cairo_show_page (cr);
  for (guint i = 0; i < trace->steps->len; i++)
    {
      handout_step_page (cr, sc, trace, i, cache);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = surface_ok (surface, output, error);
  cairo_surface_destroy (surface);
  if (!ok)
    {
      discard_temp (tmp);
      return FALSE;
    }
  return commit_file (tmp, output, force, error);
}
