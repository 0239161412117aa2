/* iop-handout.c: the printable handout of one traced I/O
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A4, landscape unless asked for portrait, in points: a title page; a page
 * per step with the canvas at the full width of the page (drawn at a
 * logical size whose smallest text still prints at about 7 pt), what
 * happened, the step's function read from the user's SPDK checkout with its
 * line highlighted (the reference only when there is no checkout), the
 * objects and knobs of the step, and the explanation; the outcome card on
 * the last page. Words are never broken across lines: a hyphen or a slash
 * inside a word ("NVMe-oF", "lib/bdev") is joined to what follows it.
 */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-export.h"
#include "iop-explanations.h"
#include "iop-format.h"
#include "iop-handout-private.h"
#include "iop-knobs.h"
#include "iop-outcome.h"
#include "iop-painter.h"
#include "iop-refs.h"

void
iop_handout_page_init (Page *pg, const IopHandoutOpts *o)
{
  pg->o = o;
  pg->w = o->portrait ? 595.0 : 842.0;
  pg->h = o->portrait ? 842.0 : 595.0;
  /* 10.5 px, the painter's smallest text, prints at about 7 pt */
  pg->canvas_w = o->portrait ? 960.0 : 1200.0;
  pg->canvas_h = o->portrait ? 600.0 : 520.0;
}

/* Joins a hyphen inside a word to the next letter (U+2060 WORD JOINER), so
 * "NVMe-oF" never ends a line with "NVMe-" */
static char *
nobreak (const char *text)
{
  GString *s = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p; p++)
    {
      g_string_append_c (s, *p);
      if ((*p == '-' || *p == '/') && p > text && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]))
        g_string_append (s, "\xe2\x81\xa0");
    }
  return g_string_free (s, FALSE);
}

/* Layouts whose font sizes are in points of the page (the PDF's unit) */
PangoLayout *
iop_handout_page_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  return layout;
}

double
iop_handout_text (cairo_t    *cr,
                  double      x,
                  double      y,
                  double      width,
                  double      max_height,
                  const char *font,
                  const char *markup_or_text,
                  gboolean    markup)
{
  g_autoptr(PangoLayout) layout = iop_handout_page_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autofree char *joined = nobreak (markup_or_text);
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
    pango_layout_set_markup (layout, joined, -1);
  else
    pango_layout_set_text (layout, joined, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

/* --- Title page ------------------------------------------------------------ */

static char *
changed_knobs (IopScenario *sc,
               guint       *changed)
{
  GString *knobs = g_string_new (NULL);

  *changed = 0;
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
          (*changed)++;
        }
    }
  return g_string_free (knobs, FALSE);
}

double
iop_handout_knob_table (cairo_t     *cr,
                        const Page  *pg,
                        IopScenario *sc,
                        double       y)
{
  guint changed;
  g_autofree char *knobs = changed_knobs (sc, &changed);
  double w = pg->w - 2 * MARGIN, top = y;

  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 13",
             changed ? _("Knobs that differ from SPDK’s defaults") : _("Every knob has SPDK’s default value"), FALSE) + 6;
  if (changed)
    {
      g_autoptr(PangoLayout) layout = iop_handout_page_layout (cr);
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Cantarell 8.5");
      g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (3, TRUE,
                                                                          PANGO_TAB_LEFT, 70,
                                                                          PANGO_TAB_LEFT, 320,
                                                                          PANGO_TAB_LEFT, 460);
      g_autofree char *head = g_markup_printf_escaped ("<b>%s\t%s\t%s\t%s</b>\n", _("host"), _("knob"), _("value"), _("default"));
      g_autofree char *all = g_strconcat (head, knobs, NULL);
      int lh;

      pango_layout_set_font_description (layout, desc);
      pango_layout_set_tabs (layout, tabs);
      pango_layout_set_height (layout, (int)((pg->h - MARGIN - y) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int)(w * PANGO_SCALE));
      pango_layout_set_markup (layout, all, -1);
      cairo_move_to (cr, MARGIN, y);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, NULL, &lh);
      y += (double)lh / PANGO_SCALE;
    }
  return y - top;
}

static void
title_page (cairo_t     *cr,
            const Page  *pg,
            IopScenario *sc,
            IopTrace    *trace)
{
  g_autofree char *sub = NULL;
  double y = MARGIN + 40, w = pg->w - 2 * MARGIN;

  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 26", sc->title ? sc->title : sc->id, FALSE) + 6;
  sub = g_strdup_printf (_("One %s of %" PRId64 " bytes through SPDK, %u steps · SPDK %s · scenario “%s”"),
                         iop_op_name (sc->op), sc->io_size, trace->steps->len,
                         iop_trace_spdk_tag (trace), sc->id);
  cairo_set_source_rgb (cr, DIM);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell 12", sub, FALSE) + 14;
  if (sc->description != NULL)
    {
      cairo_set_source_rgb (cr, INK);
      y += iop_handout_text (cr, MARGIN, y, w, 120, "Cantarell 11", _(sc->description), FALSE) + 18;
    }
  iop_handout_knob_table (cr, pg, sc, y);
}

/* --- The source of a step ----------------------------------------------------- */

/* The function from the checkout, its highlighted line in the middle third */
static void
draw_snippet (cairo_t          *cr,
              double            x,
              double            y,
              double            w,
              double            h,
              const IopSnippet *snip)
{
  g_auto(GStrv) lines = g_strsplit (snip->text, "\n", -1);
  const double size = 6.5, lh = 8.0;
  guint n = g_strv_length (lines), fit = (guint)MAX (h / lh, 1);
  int focus = snip->highlight_line > 0 ? snip->highlight_line : snip->name_line;
  guint first = 0;
  g_autoptr(PangoLayout) layout = iop_handout_page_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Monospace");

  pango_font_description_set_size (desc, (int)(size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)(w * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (n > fit && focus >= snip->first_line)
    first = (guint)CLAMP (focus - snip->first_line - (int)fit / 3, 0, (int)(n - fit));
  for (guint i = first; i < n && i < first + fit; i++)
    {
      int line = snip->first_line + (int)i;
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", -1);
      g_autofree char *code = g_strjoinv ("    ", parts);
      g_autofree char *row = g_strdup_printf ("%5d  %s", line, code);
      double ly = y + (i - first) * lh;

      if (line == snip->highlight_line)
        {
          cairo_set_source_rgb (cr, 0.99, 0.93, 0.60);
          cairo_rectangle (cr, x - 2, ly - 0.5, w + 4, lh);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, INK);
      pango_layout_set_text (layout, row, -1);
      cairo_move_to (cr, x, ly);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_source (cairo_t    *cr,
             const Page *pg,
             double      x,
             double      y,
             double      w,
             double      h,
             IopTrace   *trace,
             IopStep    *st)
{
  g_autoptr(IopSnippet) snip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *note = NULL;

  if (st->function == NULL || st->file == NULL)
    {
      cairo_set_source_rgb (cr, DIM);
      iop_handout_text (cr, x, y, w, h, "Cantarell 8", _("This step runs no SPDK function: it happens on the wire or in the device."), FALSE);
      return;
    }
  if (pg->o->spdk_dir != NULL)
    {
      IopRef ref = { st->file, st->function, st->highlight, st->line };

      snip = iop_source_find_function (pg->o->spdk_dir, &ref, &error);
    }
  if (snip != NULL)
    {
      g_autofree char *found = iop_source_detect_version (pg->o->spdk_dir);

      /* Translators: "Source  bdev_writev_blocks_with_md() in lib/bdev/bdev.c:1234, your checkout (SPDK v26.01)" */
      head = g_markup_printf_escaped (_("<b>Source</b>  <tt>%s()</tt> in <tt>%s:%d</tt>, your checkout (SPDK %s)"),
                                      st->function, st->file, snip->name_line, found ? found : _("version unknown"));
      cairo_set_source_rgb (cr, INK);
      y += iop_handout_text (cr, x, y, w, 0, "Cantarell 8", head, TRUE) + 3;
      draw_snippet (cr, x, y, w, y + h > y ? h - 14 : 0, snip);
      return;
    }
  head = g_markup_printf_escaped (_("<b>Source</b>  <tt>%s()</tt> in <tt>%s</tt>, line %d at SPDK %s"),
                                  st->function, st->file, st->line, iop_trace_spdk_tag (trace));
  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, x, y, w, 0, "Cantarell 8", head, TRUE) + 4;
  note = error ? g_strdup (error->message)
               : g_strdup (_("Give the handout an SPDK checkout (iopath-cli handout --spdk-dir, or the source folder in the preferences) to print the function here with this line highlighted."));
  cairo_set_source_rgb (cr, DIM);
  iop_handout_text (cr, x, y, w, 60, "Cantarell 7.5", note, FALSE);
}

/* --- Step pages --------------------------------------------------------------- */

static char *
step_facts (IopTrace *trace,
            IopStep  *st)
{
  GString *facts = g_string_new (NULL);

  if (st->detail)
    {
      g_autofree char *m = g_markup_escape_text (st->detail, -1);
      g_string_append_printf (facts, "%s\n", m);
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
  return g_string_free (facts, FALSE);
}

/* A speaker note under the step's title, in a tinted box across the page;
 * returns the height it took */
static double
note_box (cairo_t    *cr,
          const Page *pg,
          double      y,
          const char *note)
{
  const double w = pg->w - 2 * MARGIN, pad = 6;
  g_autoptr(PangoLayout) layout = iop_handout_page_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Cantarell 9");
  g_autofree char *joined = nobreak (note);
  int th;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)((w - 2 * pad - 4) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* at most about a third of the page: the canvas keeps the rest */
  pango_layout_set_height (layout, (int)(pg->h * 0.3 * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, joined, -1);
  pango_layout_get_size (layout, NULL, &th);
  cairo_set_source_rgb (cr, 0.99, 0.95, 0.80);
  cairo_rectangle (cr, MARGIN, y, w, (double)th / PANGO_SCALE + 2 * pad);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.90, 0.60, 0.10);
  cairo_rectangle (cr, MARGIN, y, 3, (double)th / PANGO_SCALE + 2 * pad);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, INK);
  cairo_move_to (cr, MARGIN + pad + 4, y + pad);
  pango_cairo_show_layout (cr, layout);
  return (double)th / PANGO_SCALE + 2 * pad;
}

void
iop_handout_step_page (cairo_t         *cr,
                       const Page      *pg,
                       IopTrace        *trace,
                       guint            index,
                       const char      *note,
                       IopPainterCache *cache)
{
  IopStep *st = g_ptr_array_index (trace->steps, index);
  const IopExplanation *ex = iop_trace_step_explanation (trace, st);
  IopPaintState ps = IOP_PAINT_STATE_INIT;
  const double gap = 12;
  double w = pg->w - 2 * MARGIN, dh = w * pg->canvas_h / pg->canvas_w;
  double cw = w;
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autofree char *facts = step_facts (trace, st);
  /* the explanation with what this run did at its branch (cache or mempool, ...) */
  g_autofree char *body = ex != NULL ? iop_trace_step_explanation_text (trace, st) : NULL;
  double y = MARGIN, below, room;

  title = g_strdup_printf (_("Step %u of %u · %s"), index + 1, trace->steps->len, st->title);
  {
    g_autofree char *when = iop_format_step_time (st->t_ns);
    /* Translators: "baremetal · app_thread · at 1.34 µs" */
    where = g_strdup_printf (_("%s · %s · at %s"), iop_place_name (st->place),
                             st->thread ? st->thread : _("on the wire"), when);
  }
  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 15", title, FALSE) + 1;
  cairo_set_source_rgb (cr, DIM);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell 9", where, FALSE) + 6;
  if (note != NULL)
    {
      /* the canvas gives up the note's height, keeping its proportions,
       * so what is below keeps its room */
      double nh = note_box (cr, pg, y, note) + 6;

      y += nh;
      dh = MAX (dh - nh, dh * 0.4);
      cw = dh * pg->canvas_w / pg->canvas_h;
    }

  /* The canvas at the page's full width: vector in the PDF */
  cairo_save (cr);
  cairo_translate (cr, MARGIN + (w - cw) / 2, y);
  cairo_rectangle (cr, 0, 0, cw, dh);
  cairo_clip (cr);
  cairo_scale (cr, cw / pg->canvas_w, dh / pg->canvas_h);
  ps.position = index;
  ps.cache = cache;
  iop_painter_draw (cr, pg->canvas_w, pg->canvas_h, trace, &ps);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.82);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, MARGIN + (w - cw) / 2, y, cw, dh);
  cairo_stroke (cr);
  below = y + dh + 10;
  room = pg->h - MARGIN - below;

  if (pg->o->portrait)
    {
      /* what happened across the page, then the source beside the explanation */
      double half = (w - gap) / 2;
      double used;

      cairo_set_source_rgb (cr, INK);
      used = iop_handout_text (cr, MARGIN, below, w, MIN (room * 0.3, 110), "Cantarell 8", facts, TRUE) + 8;

      draw_source (cr, pg, MARGIN, below + used, half, room - used, trace, st);
      if (ex != NULL)
        {
          double ry = below + used;

          cairo_set_source_rgb (cr, INK);
          ry += iop_handout_text (cr, MARGIN + half + gap, ry, half, 0, "Cantarell Bold 10", _(ex->title), FALSE) + 3;
          iop_handout_text (cr, MARGIN + half + gap, ry, half, pg->h - MARGIN - ry, "Cantarell 8", body, FALSE);
        }
      return;
    }

  /* landscape: what happened | the source | the explanation */
  {
    double c1 = w * 0.28, c2 = w * 0.40, c3 = w - c1 - c2 - 2 * gap;
    double x2 = MARGIN + c1 + gap, x3 = x2 + c2 + gap;

    cairo_set_source_rgb (cr, INK);
    iop_handout_text (cr, MARGIN, below, c1, room, "Cantarell 7.5", facts, TRUE);
    draw_source (cr, pg, x2, below, c2, room, trace, st);
    if (ex != NULL)
      {
        double ry = below;

        cairo_set_source_rgb (cr, INK);
        ry += iop_handout_text (cr, x3, ry, c3, 0, "Cantarell Bold 9.5", _(ex->title), FALSE) + 2;
        iop_handout_text (cr, x3, ry, c3, pg->h - MARGIN - ry, "Cantarell 7.5", body, FALSE);
      }
  }
}

/* --- The outcome page ------------------------------------------------------------ */

void
iop_handout_outcome_page (cairo_t    *cr,
                          const Page *pg,
                          IopTrace   *trace)
{
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);
  g_autofree char *report = iop_outcome_report_to_text (r);
  const double w = pg->w - 2 * MARGIN, unit = pg->o->portrait ? 10.5 : 12.0;
  cairo_rectangle_t card;
  double y = MARGIN;
  g_autoptr(PangoLayout) layout = iop_handout_page_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Monospace 7");

  cairo_set_source_rgb (cr, INK);
  y += iop_handout_text (cr, MARGIN, y, w, 0, "Cantarell Bold 18", _("Outcome"), FALSE) + 8;
  card.x = MARGIN;
  card.y = y;
  card.width = w;
  card.height = iop_painter_outcome_card_height (trace, unit, w);
  iop_painter_draw_outcome_card (cr, &card, unit, trace, NULL, "Cantarell, Sans");
  y += card.height + 12;

  /* the whole card as text: every hop, every pool */
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)(w * PANGO_SCALE));
  pango_layout_set_height (layout, (int)((pg->h - MARGIN - y) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, report, -1);
  cairo_set_source_rgb (cr, INK);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page (cairo_t         *cr,
           const Page      *pg,
           IopScenario     *sc,
           IopTrace        *trace,
           guint            page,
           IopPainterCache *cache)
{
  if (page == 0)
    title_page (cr, pg, sc, trace);
  else if (page <= trace->steps->len)
    iop_handout_step_page (cr, pg, trace, page - 1, NULL, cache);
  else
    iop_handout_outcome_page (cr, pg, trace);
}

/* --- Public API ------------------------------------------------------------------ */

guint
iop_handout_n_pages (IopTrace *trace)
{
  return trace->steps->len + 2;
}

gboolean
iop_handout_page_png (IopScenario          *sc,
                      IopTrace             *trace,
                      const IopHandoutOpts *opts,
                      guint                 page,
                      const char           *output,
                      GError              **error)
{
  IopHandoutOpts none = IOP_HANDOUT_OPTS_INIT;
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Page pg;

  iop_handout_page_init (&pg, opts ? opts : &none);
  if (page >= iop_handout_n_pages (trace))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The handout has pages 0 (the title) to %u (the outcome)"), iop_handout_n_pages (trace) - 1);
      return FALSE;
    }
  tmp = iop_export_begin_file (output, pg.o->force, error);
  if (tmp == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)(pg.w * 2), (int)(pg.h * 2));
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_page (cr, &pg, sc, trace, page, cache);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      iop_export_discard_file (tmp);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write %s: %s"),
                   output, cairo_status_to_string (status));
      return FALSE;
    }
  return iop_export_commit_file (tmp, output, pg.o->force, error);
}

gboolean
iop_handout_write_pdf (const IopHandoutOpts  *opts,
                       const char            *output,
                       IopHandoutPagesFunc    pages,
                       gpointer               data,
                       GError               **error)
{
  IopHandoutOpts none = IOP_HANDOUT_OPTS_INIT;
  g_autofree char *tmp = NULL;
  g_autofree char *lower = g_ascii_strdown (output, -1);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Page pg;

  iop_handout_page_init (&pg, opts ? opts : &none);
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: a handout is a PDF; the file name must end in .pdf"), output);
      return FALSE;
    }
  tmp = iop_export_begin_file (output, pg.o->force, error);
  if (tmp == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (tmp, pg.w, pg.h);
  cr = cairo_create (surface);
  pages (cr, &pg, data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      iop_export_discard_file (tmp);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot draw %s: %s"),
                   output, cairo_status_to_string (status));
      return FALSE;
    }
  return iop_export_commit_file (tmp, output, pg.o->force, error);
}

typedef struct
{
  IopScenario *sc;
  IopTrace    *trace;
} TracePages;

static void
trace_pages (cairo_t    *cr,
             const Page *pg,
             gpointer    data)
{
  TracePages *tp = data;
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();

  for (guint p = 0; p < iop_handout_n_pages (tp->trace); p++)
    {
      draw_page (cr, pg, tp->sc, tp->trace, p, cache);
      cairo_show_page (cr);
    }
}

gboolean
iop_handout_write (IopScenario          *sc,
                   IopTrace             *trace,
                   const IopHandoutOpts *opts,
                   const char           *output,
                   GError              **error)
{
  TracePages tp = { sc, trace };

  return iop_handout_write_pdf (opts, output, trace_pages, &tp, error);
}

/* The exporter's older entry points: landscape, the reference only */
gboolean
iop_export_handout (IopScenario *sc,
                    IopTrace    *trace,
                    const char  *output,
                    gboolean     force,
                    GError     **error)
{
  IopHandoutOpts o = IOP_HANDOUT_OPTS_INIT;

  o.force = force;
  return iop_handout_write (sc, trace, &o, output, error);
}

gboolean
iop_export_handout_page_png (IopScenario *sc,
                             IopTrace    *trace,
                             guint        page,
                             const char  *output,
                             gboolean     force,
                             GError     **error)
{
  IopHandoutOpts o = IOP_HANDOUT_OPTS_INIT;

  o.force = force;
  return iop_handout_page_png (sc, trace, &o, page, output, error);
}
