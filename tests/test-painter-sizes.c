/* test-painter-sizes.c: the painter at every size it accepts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the smallest canvas Iopath accepts (IOP_PAINTER_MIN_WIDTH x
 * IOP_PAINTER_MIN_HEIGHT, 640x360) up to 4K, for the raid270 write, the read
 * of 4 KiB and of 128 KiB, and three faults (the scenarios of a 30 s outage
 * of replica B, and the same with fast_io_fail_timeout_sec, where B leaves
 * the array; and both replicas down at once, which has the most fault cards),
 * in normal and presentation mode, light and dark:
 *
 *   - the layout: every zone, lane, box, gauge, text and caption part is
 *     inside the canvas with a finite, non-negative size; no two boxes, texts,
 *     gauges or caption parts overlap, no gauge sits on a box; every token at
 *     every step and half step is inside the canvas, glow included.
 *     A sweep of 140 sizes: widths every 23 px from 640 to 3837, each with
 *     its own height; the heights walk 360..2160 by a golden-ratio stride
 *     (1113 px, wrapping), so they spread evenly, about 13 px apart, and
 *     tall-narrow and wide-flat canvases come up too. Plus the video sizes
 *     and the corners of the range. -m slow: widths every 7 px (458 sizes).
 *
 *   - the drawing: every step of every trace, drawn on a recording surface,
 *     leaves cairo's status at CAIRO_STATUS_SUCCESS and puts no ink outside
 *     the canvas (cairo_recording_surface_ink_extents). This costs about a
 *     millisecond a step, so it runs at the 7 video sizes, 5 corners and
 *     every 35th size of the sweep (4; every 10th with -m slow). The palette
 *     moves nothing, so the theme alternates: at each size normal mode is
 *     drawn in one theme and presentation in the other, swapped at the next.
 *
 *   - below the smallest size, down to 0x0, and with NaN or absurd sizes and
 *     playheads: nothing crashes, no size is NaN or negative, and drawing
 *     stays inside the canvas (the painter clips what cannot fit).
 *
 * About 28 s on one idle core (-O0 build): 6 s of layouts, the rest drawing.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "iop-fault.h"
#include "iop-painter.h"
#include "iop-scenario.h"
#include "iop-sim.h"

#define MAX_W 3840
#define MAX_H 2160

typedef struct
{
  const char *name;
  IopTrace   *trace;
  /* one cache per trace and mode, across sizes: text widths stay measured */
  IopPainterCache *cache[2];
} Case;

static Case cases[6];

typedef struct
{
  int width;
  int height;
} Size;

static const Size video_sizes[] = {
  { 640, 360 }, { 854, 480 }, { 1280, 720 }, { 1366, 768 },
  { 1920, 1080 }, { 2560, 1440 }, { 3840, 2160 },
};

static const Size corners[] = {
  { IOP_PAINTER_MIN_WIDTH, MAX_H },
  { MAX_W, IOP_PAINTER_MIN_HEIGHT },
  { IOP_PAINTER_MIN_WIDTH + 1, IOP_PAINTER_MIN_HEIGHT + 1 },
  { 720, 450 },    /* the canvas's own minimum */
  { 1000, 760 },
};

static IopTrace *
trace_for (const char *scenario,
           gboolean    read,
           gint64      io_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin (scenario, &error);
  IopTrace *trace;

  g_assert_no_error (error);
  if (io_size > 0)
    {
      sc->op = read ? IOP_OP_READ : IOP_OP_WRITE;
      sc->io_size = io_size;
    }
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

/* Both replicas down for a while, built through the API as test-faults
 * does: four paths and two retry queues to show, the most fault cards */
static IopTrace *
trace_both_down (void)
{
  const struct { const char *spec; double until_s; } faults[] = {
    { "replica-a-down@5ms", 2 }, { "replica-b-down@5ms", 3 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270", &error);
  IopTrace *trace;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      IopFault f;

      g_assert_true (iop_fault_parse (faults[i].spec, &f, &error));
      f.until_ns = (gint64)(faults[i].until_s * 1e9);
      g_assert_true (iop_scenario_add_fault (sc, &f, &error));
      g_assert_no_error (error);
    }
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  return trace;
}

/* ------------------------------------------------------------------ */
/* Checks                                                               */

static const char *
kind_name (IopPainterRectKind kind)
{
  static const char *names[] = { "zone", "lane", "box", "gauge", "text", "caption", "caption part" };

  return kind < G_N_ELEMENTS (names) ? names[kind] : "?";
}

static gboolean
rect_sane (const cairo_rectangle_t *r)
{
  return isfinite (r->x) && isfinite (r->y) && isfinite (r->width) && isfinite (r->height) &&
         r->width >= 0 && r->height >= 0;
}

static gboolean
rect_inside (const cairo_rectangle_t *r,
             double                   width,
             double                   height)
{
  return r->x >= -0.01 && r->y >= -0.01 &&
         r->x + r->width <= width + 0.01 && r->y + r->height <= height + 0.01;
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width - 0.01 && b->x < a->x + a->width - 0.01 &&
         a->y < b->y + b->height - 0.01 && b->y < a->y + a->height - 0.01;
}

/* Rects of KIND with a size: an empty one (a hidden legend) draws nothing */
static GArray *
drawn_rects (IopPainterLayout   *layout,
             IopPainterRectKind  kind)
{
  GArray *rects = iop_painter_layout_get_rects (layout, kind);

  for (guint i = rects->len; i > 0; i--)
    {
      cairo_rectangle_t *r = &g_array_index (rects, cairo_rectangle_t, i - 1);

      if (r->width == 0 || r->height == 0)
        g_array_remove_index (rects, i - 1);
    }
  return rects;
}

static void
check_apart (GArray     *rects,
             const char *what,
             const char *where)
{
  for (guint i = 0; i < rects->len; i++)
    for (guint j = i + 1; j < rects->len; j++)
      {
        cairo_rectangle_t *a = &g_array_index (rects, cairo_rectangle_t, i);
        cairo_rectangle_t *b = &g_array_index (rects, cairo_rectangle_t, j);

        if (rects_overlap (a, b))
          g_error ("%s: %s #%u (%g,%g %gx%g) and #%u (%g,%g %gx%g) overlap", where, what,
                   i, a->x, a->y, a->width, a->height, j, b->x, b->y, b->width, b->height);
      }
}

/* Everything the layout places, and every token, at WIDTH x HEIGHT */
static IopPainterLayout *
check_layout (Case     *c,
              int       width,
              int       height,
              gboolean  presentation)
{
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterCache *cache = c->cache[presentation];
  g_autofree char *where = g_strdup_printf ("%s %dx%d%s", c->name, width, height,
                                            presentation ? " presentation" : "");
  IopPainterLayout *layout;
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GArray) gauges = NULL;
  g_autoptr(GArray) texts = NULL;
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GArray) zones = NULL;
  IopTrace *trace = c->trace;

  state.cache = cache;
  state.presentation = presentation;
  layout = iop_painter_cache_get_layout (cache, trace, width, height, &state);
  g_assert_nonnull (layout);
  g_assert_true (isfinite (iop_painter_layout_get_unit (layout)));
  g_assert_cmpfloat (iop_painter_layout_get_unit (layout), >, 0);
  /* readable from the smallest size up */
  g_assert_cmpfloat (iop_painter_layout_get_min_font_size (layout), >=, 10.5);

  for (IopPainterRectKind k = IOP_PAINTER_RECT_ZONE; k <= IOP_PAINTER_RECT_CAPTION_PARTS; k++)
    {
      g_autoptr(GArray) rects = iop_painter_layout_get_rects (layout, k);

      /* gauges are the last detail a small canvas gives up */
      if (k != IOP_PAINTER_RECT_GAUGE)
        g_assert_cmpuint (rects->len, >, 0);
      for (guint i = 0; i < rects->len; i++)
        {
          cairo_rectangle_t *r = &g_array_index (rects, cairo_rectangle_t, i);

          if (!rect_sane (r) || !rect_inside (r, width, height))
            g_error ("%s: %s #%u (%g,%g %gx%g) is not inside the canvas", where, kind_name (k),
                     i, r->x, r->y, r->width, r->height);
        }
    }

  /* boxes, their zones, gauges (those drawn) */
  for (guint i = 0; i < iop_painter_layout_get_n_boxes (layout); i++)
    {
      const IopPainterBox *box = iop_painter_layout_get_box (layout, i);
      cairo_rectangle_t zone;

      g_assert_true (rect_sane (&box->rect));
      g_assert_cmpfloat (box->rect.width, >, 0);
      g_assert_cmpfloat (box->rect.height, >, 0);
      if (box->kind == IOP_PAINTER_BOX_WIRE)
        continue;
      g_assert_true (iop_painter_layout_get_zone (layout, box->place, box->node, &zone));
      if (!(box->rect.x >= zone.x && box->rect.y >= zone.y &&
            box->rect.x + box->rect.width <= zone.x + zone.width &&
            box->rect.y + box->rect.height <= zone.y + zone.height))
        g_error ("%s: box %u (%s) leaves its zone", where, i, box->label);
    }
  for (guint g = 0; g < trace->gauges->len; g++)
    {
      cairo_rectangle_t r;

      if (iop_painter_layout_get_gauge_rect (layout, g, &r))
        g_assert_true (rect_sane (&r) && rect_inside (&r, width, height));
    }

  /* nothing on top of anything else: labels give way, they do not pile up */
  boxes = drawn_rects (layout, IOP_PAINTER_RECT_BOX);
  gauges = drawn_rects (layout, IOP_PAINTER_RECT_GAUGE);
  texts = drawn_rects (layout, IOP_PAINTER_RECT_TEXT);
  parts = drawn_rects (layout, IOP_PAINTER_RECT_CAPTION_PARTS);
  zones = drawn_rects (layout, IOP_PAINTER_RECT_ZONE);
  check_apart (boxes, "boxes", where);
  check_apart (gauges, "gauges", where);
  check_apart (texts, "texts", where);
  check_apart (parts, "caption parts", where);
  check_apart (zones, "zones", where);
  for (guint i = 0; i < boxes->len; i++)
    for (guint j = 0; j < gauges->len; j++)
      if (rects_overlap (&g_array_index (boxes, cairo_rectangle_t, i), &g_array_index (gauges, cairo_rectangle_t, j)))
        g_error ("%s: gauge #%u sits on box #%u", where, j, i);

  /* the tokens, glow and all, at every step and half step */
  for (double p = -1; p <= trace->steps->len - 1; p += 0.5)
    {
      IopPainterToken tokens[8];
      guint n;

      state.position = p;
      n = iop_painter_token_positions (trace, width, height, &state, tokens, G_N_ELEMENTS (tokens));
      g_assert_cmpuint (n, >=, 1);
      for (guint t = 0; t < n; t++)
        {
          double r = 2.8 * tokens[t].radius;

          if (!(isfinite (tokens[t].x) && isfinite (tokens[t].y) &&
                tokens[t].x - r >= 0 && tokens[t].y - r >= 0 &&
                tokens[t].x + r <= width && tokens[t].y + r <= height))
            g_error ("%s: at %.1f a token (%g,%g r %g) leaves the canvas", where, p,
                     tokens[t].x, tokens[t].y, r);
        }
    }
  return layout;
}

/* Draws on CR, a recording surface's: cairo stays happy */
static void
draw_checked (cairo_t             *cr,
              IopTrace            *trace,
              double               width,
              double               height,
              const IopPaintState *state,
              gboolean             dynamic_only,
              const char          *where)
{
  if (dynamic_only)
    iop_painter_draw_dynamic (cr, width, height, trace, state);
  else
    iop_painter_draw (cr, width, height, trace, state);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_error ("%s at %.1f: cairo says %s", where, state->position, cairo_status_to_string (cairo_status (cr)));
}

static gboolean
ink_inside (cairo_surface_t *rec,
            double           width,
            double           height,
            char           **extents)
{
  double x, y, w, h;

  g_assert_cmpint (cairo_surface_status (rec), ==, CAIRO_STATUS_SUCCESS);
  cairo_recording_surface_ink_extents (rec, &x, &y, &w, &h);
  *extents = g_strdup_printf ("%g,%g %gx%g", x, y, w, h);
  /* an empty recording reports 0x0 at 0,0 */
  return w == 0 || (x >= -0.01 && y >= -0.01 && x + w <= width + 0.01 && y + h <= height + 0.01);
}

/* One drawing on its own recording surface: all its ink on the canvas */
static void
check_ink (IopTrace            *trace,
           double               width,
           double               height,
           const IopPaintState *state,
           gboolean             dynamic_only,
           const char          *where)
{
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (rec);
  g_autofree char *extents = NULL;

  draw_checked (cr, trace, width, height, state, dynamic_only, where);
  cairo_destroy (cr);
  if (!ink_inside (rec, width, height, &extents))
    g_error ("%s at %.1f: ink at %s, outside the canvas", where, state->position, extents);
  cairo_surface_destroy (rec);
}

/* The whole picture, then every step's moving parts, all on one recording
 * surface: one look at its ink extents covers them all (a step at a time
 * only to name the culprit) */
static void
check_drawing (Case     *c,
               int       width,
               int       height,
               gboolean  presentation,
               gboolean  dark)
{
  IopPaintState state = IOP_PAINT_STATE_INIT;
  g_autofree char *where = g_strdup_printf ("%s %dx%d%s%s", c->name, width, height,
                                            presentation ? " presentation" : "", dark ? " dark" : "");
  g_autofree char *extents = NULL;
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (rec);
  guint n = c->trace->steps->len;
  /* every step, and between two steps, where tokens fly and countdowns run */
  double mid = n / 2 + 0.5;

  state.cache = c->cache[presentation];
  state.presentation = presentation;
  state.dark = dark;
  state.position = -1;
  draw_checked (cr, c->trace, width, height, &state, FALSE, where);
  for (guint s = 0; s <= n; s++)
    {
      state.position = s < n ? s : mid;
      draw_checked (cr, c->trace, width, height, &state, TRUE, where);
    }
  cairo_destroy (cr);
  if (!ink_inside (rec, width, height, &extents))
    {
      g_test_message ("%s: ink at %s, outside the canvas", where, extents);
      state.position = -1;
      check_ink (c->trace, width, height, &state, FALSE, where);
      for (guint s = 0; s <= n; s++)
        {
          state.position = s < n ? s : mid;
          check_ink (c->trace, width, height, &state, TRUE, where);
        }
      g_assert_not_reached ();
    }
  cairo_surface_destroy (rec);
}

/* ------------------------------------------------------------------ */

static void
check_size (int      width,
            int      height,
            gboolean draw,
            guint    index)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (int pres = 0; pres < 2; pres++)
      {
        check_layout (&cases[k], width, height, pres);
        if (draw)
          check_drawing (&cases[k], width, height, pres, (index + pres) % 2);
      }
}

static void
test_video_sizes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (video_sizes); i++)
    check_size (video_sizes[i].width, video_sizes[i].height, TRUE, i);
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    check_size (corners[i].width, corners[i].height, TRUE, i);
}

static void
test_sweep (void)
{
  int w_step = g_test_slow () ? 7 : 23;
  guint draw_every = g_test_slow () ? 10 : 35;
  int h_span = MAX_H - IOP_PAINTER_MIN_HEIGHT + 1;
  guint h_stride = (guint)round (h_span * 0.618034);
  guint i = 0, n_drawn = 0;
  gint64 start = g_get_monotonic_time ();

  for (int w = IOP_PAINTER_MIN_WIDTH; w <= MAX_W; w += w_step, i++)
    {
      int h = IOP_PAINTER_MIN_HEIGHT + (int)((i * h_stride) % (guint)h_span);
      gboolean draw = i % draw_every == 0;

      check_size (w, h, draw, i);
      n_drawn += draw;
    }
  g_test_message ("%u sizes, %u of them drawn step by step, in %.1f s", i, n_drawn,
                  (g_get_monotonic_time () - start) / 1e6);
}

/* Below the smallest size and with nonsense: no crash, no NaN, nothing off the canvas */
static void
test_below_minimum (void)
{
  static const Size tiny[] = {
    { 0, 0 }, { 1, 1 }, { 40, 30 }, { 320, 180 }, { 480, 270 },
    { 639, 359 }, { 639, 1080 }, { 1920, 359 }, { 200, 2000 }, { 3000, 100 },
  };
  const double odd_positions[] = { -1e300, -2, NAN, INFINITY, 1e300, 3.5 };
  Case *c = &cases[3];

  for (guint i = 0; i < G_N_ELEMENTS (tiny); i++)
    for (int pres = 0; pres < 2; pres++)
      {
        g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
        IopPaintState state = IOP_PAINT_STATE_INIT;
        g_autofree char *where = g_strdup_printf ("%dx%d", tiny[i].width, tiny[i].height);
        IopPainterLayout *layout;

        state.cache = cache;
        state.presentation = pres;
        layout = iop_painter_cache_get_layout (cache, c->trace, tiny[i].width, tiny[i].height, &state);
        for (IopPainterRectKind k = IOP_PAINTER_RECT_ZONE; k <= IOP_PAINTER_RECT_CAPTION_PARTS; k++)
          {
            g_autoptr(GArray) rects = iop_painter_layout_get_rects (layout, k);

            for (guint r = 0; r < rects->len; r++)
              g_assert_true (rect_sane (&g_array_index (rects, cairo_rectangle_t, r)));
          }
        for (guint s = 0; s < c->trace->steps->len; s += 23)
          {
            state.position = s;
            check_ink (c->trace, tiny[i].width, tiny[i].height, &state, s > 0, where);
          }
      }

  /* sizes and playheads no caller should pass */
  {
    const double odd_sides[] = { NAN, -10, INFINITY, 1e12 };
    IopPaintState state = IOP_PAINT_STATE_INIT;
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
    cairo_t *cr = cairo_create (surface);
    IopPainterToken tokens[8];

    /* each odd playhead (and text scale) with an odd side, once without a cache */
    for (guint p = 0; p < G_N_ELEMENTS (odd_positions); p++)
      {
        g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
        g_autofree char *text = NULL;
        double side = odd_sides[p % G_N_ELEMENTS (odd_sides)];
        guint n;

        state.cache = p == 0 ? NULL : cache;
        state.position = odd_positions[p];
        state.text_scale = odd_positions[p];
        iop_painter_draw (cr, side, 720, c->trace, &state);
        iop_painter_draw (cr, 720, side, c->trace, &state);
        n = iop_painter_token_positions (c->trace, side, side, &state, tokens, 8);
        for (guint t = 0; t < n; t++)
          g_assert_true (isfinite (tokens[t].x) && isfinite (tokens[t].y));
        g_assert_cmpint (iop_painter_hit_step (c->trace, 720, 450, &state, NAN, 3), ==, -1);
        text = iop_painter_describe (c->trace, 720, 450, &state, 100, 100, NULL);
      }
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  cases[0] = (Case) { "write 4 KiB", trace_for ("raid270", FALSE, 4096), { NULL, NULL } };
  cases[1] = (Case) { "read 4 KiB", trace_for ("raid270", TRUE, 4096), { NULL, NULL } };
  cases[2] = (Case) { "read 128 KiB", trace_for ("raid270", TRUE, 131072), { NULL, NULL } };
  cases[3] = (Case) { "outage 30 s", trace_for ("raid270-outage-30s", FALSE, 0), { NULL, NULL } };
  cases[4] = (Case) { "outage, fast fail", trace_for ("raid270-outage-fast-fail", FALSE, 0), { NULL, NULL } };
  cases[5] = (Case) { "both replicas down", trace_both_down (), { NULL, NULL } };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_assert_true (cases[k].trace->steps->len > 0);
      cases[k].cache[0] = iop_painter_cache_new ();
      cases[k].cache[1] = iop_painter_cache_new ();
    }
  g_assert_true (iop_trace_has_faults (cases[3].trace));
  g_assert_true (iop_trace_has_faults (cases[4].trace));
  g_assert_true (iop_trace_has_faults (cases[5].trace));

  g_test_add_func ("/painter-sizes/video-sizes", test_video_sizes);
  g_test_add_func ("/painter-sizes/sweep", test_sweep);
  g_test_add_func ("/painter-sizes/below-minimum", test_below_minimum);

  ret = g_test_run ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      iop_painter_cache_free (cases[k].cache[0]);
      iop_painter_cache_free (cases[k].cache[1]);
      iop_trace_unref (cases[k].trace);
    }
  return ret;
}
