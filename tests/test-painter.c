/* test-painter.c: the painter on an image surface, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders the raid270 write at 1920x1080 in light and dark (PNGs in the build
 * directory to look at), checks the pixels under the tokens, where the tokens
 * are, and that the layout neither overlaps nor leaves the canvas at the sizes
 * Iopath supports.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "iop-painter.h"
#include "iop-scenario.h"
#include "iop-sim.h"

static IopTrace *write_trace;
static IopTrace *read_trace;

typedef struct
{
  int width;
  int height;
} Size;

static const Size sizes[] = {
  { 1024, 640 },
  { 1280, 720 },
  { 1920, 1080 },
  { 2560, 1080 },
  { 3840, 2160 },
};

static IopTrace *
trace_for (IopOp  op,
           gint64 size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270", &error);
  IopTrace *trace;

  g_assert_no_error (error);
  sc->op = op;
  sc->io_size = size;
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

/* The first step at or after FROM with this place and key prefix, or -1 */
static int
find_step (IopTrace   *trace,
           int         from,
           IopPlace    place,
           const char *prefix)
{
  for (guint i = MAX (from, 0); i < trace->steps->len; i++)
    {
      IopStep *st = iop_trace_step (trace, i);

      if (st->place == place && g_str_has_prefix (st->key, prefix))
        return i;
    }
  return -1;
}

static cairo_surface_t *
render (IopTrace        *trace,
        int              width,
        int              height,
        double           position,
        gboolean         dark,
        IopPainterCache *cache,
        const char      *png)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  IopPaintState state = IOP_PAINT_STATE_INIT;

  state.position = position;
  state.dark = dark;
  state.cache = cache;
  iop_painter_draw (cr, width, height, trace, &state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (png != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, png, NULL);

      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
    }
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       double           x,
       double           y,
       double          *r,
       double          *g,
       double          *b)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int ix = (int)floor (x), iy = (int)floor (y);
  guint32 px;
  double a;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  px = *(guint32 *)(gpointer)(data + iy * stride + ix * 4);
  a = (px >> 24 & 0xff) / 255.0;
  g_assert_cmpfloat (a, >, 0.99);
  *r = (px >> 16 & 0xff) / 255.0;
  *g = (px >> 8 & 0xff) / 255.0;
  *b = (px & 0xff) / 255.0;
}

static void
assert_color (cairo_surface_t *surface,
              double           x,
              double           y,
              const IopColor  *want)
{
  double r, g, b;

  pixel (surface, x, y, &r, &g, &b);
  g_assert_cmpfloat_with_epsilon (r, want->red, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (g, want->green, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (b, want->blue, 2.5 / 255);
}

static gboolean
rect_inside (const cairo_rectangle_t *inner,
             const cairo_rectangle_t *outer)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width - 0.01 && b->x < a->x + a->width - 0.01 &&
         a->y < b->y + b->height - 0.01 && b->y < a->y + a->height - 0.01;
}

static gboolean
point_in (const cairo_rectangle_t *r,
          double                   x,
          double                   y)
{
  return x >= r->x && y >= r->y && x <= r->x + r->width && y <= r->y + r->height;
}

static void
token_in_zone (IopPainterLayout      *layout,
               const IopPainterToken *t,
               IopPlace               place,
               int                    node)
{
  cairo_rectangle_t zone;

  g_assert_true (iop_painter_layout_get_zone (layout, place, node, &zone));
  if (!point_in (&zone, t->x, t->y))
    g_error ("token of leg %d at %.1f,%.1f is not in %s zone %d (%.0f,%.0f %.0fx%.0f)",
             t->leg, t->x, t->y, iop_place_name (place), node, zone.x, zone.y, zone.width, zone.height);
}

/* ------------------------------------------------------------------ */

static void
test_render_positions (void)
{
  const IopPalette *light = iop_palette_get (FALSE), *dark = iop_palette_get (TRUE);
  IopTrace *trace = write_trace;
  int blob = find_step (trace, 0, IOP_PLACE_STORAGE, "blob.");
  double mid = trace->split_step + (trace->join_step - trace->split_step) / 2.0 + 0.5;
  const struct { const char *name; double position; } cases[] = {
    { "step0", 0.0 },
    { "midflight", mid },
    { "blobstore", blob },
  };

  g_assert_cmpint (trace->split_step, >=, 0);
  g_assert_cmpint (trace->join_step, >, trace->split_step);
  g_assert_cmpint (blob, >, trace->split_step);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int d = 0; d < 2; d++)
      {
        g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
        g_autofree char *png = g_strdup_printf ("painter-%s-%s.png", cases[c].name, d ? "dark" : "light");
        const IopPalette *pal = d ? dark : light;
        IopPaintState state = IOP_PAINT_STATE_INIT;
        IopPainterToken tokens[8];
        cairo_surface_t *surface;
        guint n;

        surface = render (trace, 1920, 1080, cases[c].position, d, cache, png);
        state.position = cases[c].position;
        state.dark = d;
        state.cache = cache;
        n = iop_painter_token_positions (trace, 1920, 1080, &state, tokens, G_N_ELEMENTS (tokens));
        g_assert_cmpuint (n, >=, 1);

        /* the window background is the palette's */
        assert_color (surface, 1, 1, &pal->window_bg);

        /* the pixel under each token's centre is the token's colour */
        for (guint i = 0; i < n; i++)
          {
            const IopColor *want = tokens[i].leg < 0 ? &pal->token : &pal->leg[tokens[i].leg];

            g_assert_cmpfloat (tokens[i].alpha, ==, 1.0);
            assert_color (surface, tokens[i].x, tokens[i].y, want);
          }
        cairo_surface_destroy (surface);
      }
}

static void
test_tokens_split_and_join (void)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopTrace *trace = write_trace;
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterLayout *layout;
  IopPainterToken t[8];
  int blob_a, blob_b, net;
  guint n;

  state.cache = cache;
  layout = iop_painter_cache_get_layout (cache, trace, 1920, 1080, &state);

  /* before the fan-out: one token, on the baremetal */
  state.position = 0;
  n = iop_painter_token_positions (trace, 1920, 1080, &state, t, 8);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (t[0].leg, ==, -1);
  token_in_zone (layout, &t[0], IOP_PLACE_BAREMETAL, -1);

  /* on the network: both legs are crossing */
  net = find_step (trace, trace->split_step, IOP_PLACE_NETWORK, "net.");
  g_assert_cmpint (net, >, 0);
  state.position = net + 1;
  n = iop_painter_token_positions (trace, 1920, 1080, &state, t, 8);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (t[0].leg + t[1].leg, ==, 1);
  token_in_zone (layout, &t[0], IOP_PLACE_NETWORK, -1);
  token_in_zone (layout, &t[1], IOP_PLACE_NETWORK, -1);

  /* in the blobstore of each storage node: leg A on node A, leg B on node B */
  blob_a = find_step (trace, 0, IOP_PLACE_STORAGE, "blob.rw");
  blob_b = find_step (trace, blob_a + 1, IOP_PLACE_STORAGE, "blob.rw");
  g_assert_cmpint (blob_a, >, 0);
  g_assert_cmpint (blob_b, >, blob_a);
  state.position = blob_b;
  n = iop_painter_token_positions (trace, 1920, 1080, &state, t, 8);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      int node = t[i].leg;

      g_assert_cmpint (node, >=, 0);
      token_in_zone (layout, &t[i], IOP_PLACE_STORAGE, node);
    }
  /* the two tokens are apart */
  g_assert_cmpfloat (hypot (t[0].x - t[1].x, t[0].y - t[1].y), >, 100);

  /* at the join the legs become one again */
  state.position = trace->join_step;
  n = iop_painter_token_positions (trace, 1920, 1080, &state, t, 8);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpint (t[0].leg, ==, -1);
  token_in_zone (layout, &t[0], IOP_PLACE_BAREMETAL, -1);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (t[i].radius, <, t[0].radius); /* only the legs' late cleanup */

  /* a token moves continuously: no jump between two close positions */
  for (double p = -1; p < trace->steps->len - 1; p += 0.05)
    {
      IopPainterToken a[8], b[8];
      guint na, nb;

      state.position = p;
      na = iop_painter_token_positions (trace, 1920, 1080, &state, a, 8);
      state.position = p + 0.05;
      nb = iop_painter_token_positions (trace, 1920, 1080, &state, b, 8);
      for (guint i = 0; i < na; i++)
        for (guint j = 0; j < nb; j++)
          if (a[i].leg == b[j].leg && a[i].alpha == 1.0 && b[j].alpha == 1.0 && a[i].radius == b[j].radius)
            g_assert_cmpfloat (hypot (a[i].x - b[j].x, a[i].y - b[j].y), <, 160);
    }
}

static void
test_read_one_leg (void)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopTrace *trace = read_trace;
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterToken t[8];
  cairo_surface_t *surface;
  int blob = find_step (trace, 0, IOP_PLACE_STORAGE, "blob.");
  guint n;

  g_assert_cmpint (blob, >, 0);
  state.cache = cache;
  state.position = blob + 0.5;
  n = iop_painter_token_positions (trace, 1920, 1080, &state, t, 8);
  g_assert_cmpuint (n, ==, 1);
  surface = render (trace, 1920, 1080, blob + 0.5, FALSE, cache, "painter-read-light.png");
  cairo_surface_destroy (surface);
}

static void
test_light_dark_differ (void)
{
  cairo_surface_t *l = render (write_trace, 1024, 640, 3, FALSE, NULL, NULL);
  cairo_surface_t *d = render (write_trace, 1024, 640, 3, TRUE, NULL, NULL);
  double lr, lg, lb, dr, dg, db;

  pixel (l, 3, 3, &lr, &lg, &lb);
  pixel (d, 3, 3, &dr, &dg, &db);
  g_assert_cmpfloat (lr + lg + lb - (dr + dg + db), >, 1.5);
  cairo_surface_destroy (l);
  cairo_surface_destroy (d);
}

static void
check_layout (IopTrace *trace,
              int       width,
              int       height,
              gboolean  presentation)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterLayout *layout;
  cairo_rectangle_t canvas = { 0, 0, width, height };
  const IopPainterRectKind kinds[] = {
    IOP_PAINTER_RECT_ZONE, IOP_PAINTER_RECT_LANE, IOP_PAINTER_RECT_BOX,
    IOP_PAINTER_RECT_GAUGE, IOP_PAINTER_RECT_TEXT, IOP_PAINTER_RECT_CAPTION,
  };
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GArray) texts = NULL;
  g_autoptr(GArray) gauges = NULL;
  g_autoptr(GArray) zones = NULL;

  state.cache = cache;
  state.presentation = presentation;
  layout = iop_painter_cache_get_layout (cache, trace, width, height, &state);
  g_test_message ("%dx%d%s: unit %.1f px, smallest text %.1f px", width, height,
                  presentation ? " presentation" : "", iop_painter_layout_get_unit (layout),
                  iop_painter_layout_get_min_font_size (layout));

  /* nothing outside the canvas */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) rects = iop_painter_layout_get_rects (layout, kinds[k]);

      g_assert_cmpuint (rects->len, >, 0);
      for (guint i = 0; i < rects->len; i++)
        {
          cairo_rectangle_t *r = &g_array_index (rects, cairo_rectangle_t, i);

          if (!rect_inside (r, &canvas))
            g_error ("%dx%d: rect kind %u #%u (%.1f,%.1f %.1fx%.1f) leaves the canvas",
                     width, height, kinds[k], i, r->x, r->y, r->width, r->height);
        }
    }

  /* no two boxes overlap, no two texts overlap, no two gauges, no two zones */
  boxes = iop_painter_layout_get_rects (layout, IOP_PAINTER_RECT_BOX);
  texts = iop_painter_layout_get_rects (layout, IOP_PAINTER_RECT_TEXT);
  gauges = iop_painter_layout_get_rects (layout, IOP_PAINTER_RECT_GAUGE);
  zones = iop_painter_layout_get_rects (layout, IOP_PAINTER_RECT_ZONE);
  {
    GArray *sets[] = { boxes, texts, gauges, zones };
    const char *names[] = { "boxes", "texts", "gauges", "zones" };

    for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
      for (guint i = 0; i < sets[s]->len; i++)
        for (guint j = i + 1; j < sets[s]->len; j++)
          {
            cairo_rectangle_t *a = &g_array_index (sets[s], cairo_rectangle_t, i);
            cairo_rectangle_t *b = &g_array_index (sets[s], cairo_rectangle_t, j);

            if (rects_overlap (a, b))
              g_error ("%dx%d: %s #%u (%.1f,%.1f %.1fx%.1f) and #%u (%.1f,%.1f %.1fx%.1f) overlap",
                       width, height, names[s], i, a->x, a->y, a->width, a->height,
                       j, b->x, b->y, b->width, b->height);
          }
  }

  /* gauges and texts never sit on a box; boxes stay in their zone */
  for (guint i = 0; i < boxes->len; i++)
    {
      cairo_rectangle_t *b = &g_array_index (boxes, cairo_rectangle_t, i);
      const IopPainterBox *box = iop_painter_layout_get_box (layout, i);
      cairo_rectangle_t zone;

      for (guint j = 0; j < gauges->len; j++)
        g_assert_false (rects_overlap (b, &g_array_index (gauges, cairo_rectangle_t, j)));
      if (box->kind != IOP_PAINTER_BOX_WIRE)
        {
          g_assert_true (iop_painter_layout_get_zone (layout, box->place, box->node, &zone));
          g_assert_true (rect_inside (b, &zone));
        }
      g_assert_cmpfloat (b->width, >, 0);
      g_assert_cmpfloat (b->height, >, 0);
    }

  /* every step is drawn in a box that lists it */
  for (guint s = 0; s < trace->steps->len; s++)
    {
      int bi = iop_painter_layout_get_step_box (layout, s);
      const IopPainterBox *box;
      gboolean listed = FALSE;

      /* a fault's events on the network are drawn by the fault overlay */
      if (bi < 0 && iop_trace_step (trace, s)->control && iop_trace_step (trace, s)->place == IOP_PLACE_NETWORK)
        continue;
      g_assert_cmpint (bi, >=, 0);
      box = iop_painter_layout_get_box (layout, bi);
      for (guint k = 0; k < box->n_steps; k++)
        listed |= box->steps[k] == (int)s;
      g_assert_true (listed);
    }

  /* readable: no text under 10.5 px, and 13 px from 1080p up */
  g_assert_cmpfloat (iop_painter_layout_get_min_font_size (layout), >=, height >= 1080 ? 13.0 : 10.5);
}

static void
test_layout_sizes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      check_layout (write_trace, sizes[i].width, sizes[i].height, FALSE);
      check_layout (read_trace, sizes[i].width, sizes[i].height, FALSE);
      check_layout (write_trace, sizes[i].width, sizes[i].height, TRUE);
    }
}

/* Every scenario Iopath ships, both directions, and Large Text */
static void
test_layout_scenarios (void)
{
  g_auto(GStrv) ids = iop_scenario_list_builtin ();
  guint n_traced = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    for (int op = 0; op < 2; op++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(IopScenario) sc = iop_scenario_new_builtin (ids[i], &error);
        g_autoptr(IopTrace) trace = NULL;

        g_assert_no_error (error);
        sc->op = op ? IOP_OP_READ : IOP_OP_WRITE;
        trace = iop_trace_run (sc, &error);
        if (trace == NULL)
          {
            /* scenarios that show what SPDK refuses do not trace */
            g_test_message ("%s: %s", ids[i], error->message);
            continue;
          }
        g_test_message ("%s, %s", ids[i], op ? "read" : "write");
        check_layout (trace, 1920, 1080, FALSE);
        check_layout (trace, 1024, 640, FALSE);
        n_traced++;
      }
  g_assert_cmpuint (n_traced, >=, 4);
}

static void
test_large_text (void)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterLayout *normal, *large;
  double u;

  state.cache = cache;
  normal = iop_painter_cache_get_layout (cache, write_trace, 1920, 1080, &state);
  u = iop_painter_layout_get_unit (normal);
  state.text_scale = 1.25;
  large = iop_painter_cache_get_layout (cache, write_trace, 1920, 1080, &state);
  g_assert_cmpfloat (iop_painter_layout_get_min_font_size (large), >=, 13.0);
  g_test_message ("unit %.1f, with Large Text %.1f", u, iop_painter_layout_get_unit (large));
}

static void
test_hit (void)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopTrace *trace = write_trace;
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterLayout *layout;
  guint n_checked = 0;

  state.cache = cache;
  state.position = 10.5;
  layout = iop_painter_cache_get_layout (cache, trace, 1920, 1080, &state);

  for (guint i = 0; i < iop_painter_layout_get_n_boxes (layout); i++)
    {
      const IopPainterBox *box = iop_painter_layout_get_box (layout, i);
      double cx = box->rect.x + box->rect.width / 2, cy = box->rect.y + box->rect.height / 2;
      int step = iop_painter_hit_step (trace, 1920, 1080, &state, cx, cy);
      g_autofree char *text = iop_painter_describe (trace, 1920, 1080, &state, cx, cy, NULL);

      g_assert_nonnull (text);
      if (box->n_steps == 0)
        {
          g_assert_cmpint (step, ==, -1);
          continue;
        }
      g_assert_cmpint (step, >=, 0);
      g_assert_cmpint (iop_painter_layout_get_step_box (layout, step), ==, (int)i);
      /* the text names the box and, for a stage, its thread */
      g_assert_nonnull (strstr (text, box->label));
      if (box->kind == IOP_PAINTER_BOX_STAGE)
        g_assert_nonnull (strstr (text, iop_trace_step (trace, box->steps[0])->thread));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 20);

  /* gauges: hit and tooltip with "level / capacity" */
  for (guint g = 0; g < trace->gauges->len; g++)
    {
      IopGauge *gauge = g_ptr_array_index (trace->gauges, g);
      cairo_rectangle_t r;
      g_autofree char *text = NULL;
      g_autofree char *cap = NULL;

      if (!iop_painter_layout_get_gauge_rect (layout, g, &r))
        continue;
      g_assert_cmpint (iop_painter_hit_gauge (trace, 1920, 1080, &state, r.x + r.width / 2, r.y + r.height / 2), ==, (int)g);
      text = iop_painter_describe (trace, 1920, 1080, &state, r.x + r.width / 2, r.y + r.height / 2, NULL);
      g_assert_nonnull (text);
      g_assert_nonnull (strstr (text, gauge->label));
      g_assert_nonnull (strstr (text, " / "));
    }

  /* nothing in the window margin */
  g_assert_cmpint (iop_painter_hit_step (trace, 1920, 1080, &state, 2, 2), ==, -1);
  g_assert_cmpint (iop_painter_hit_gauge (trace, 1920, 1080, &state, 2, 2), ==, -1);
  g_assert_null (iop_painter_describe (trace, 1920, 1080, &state, 2, 2, NULL));
}

static void
test_vector_and_uncached (void)
{
  /* PDF/SVG export: a recording surface, no cache, HiDPI image */
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (rec);
  IopPaintState state = IOP_PAINT_STATE_INIT;
  double x, y, w, h;
  cairo_surface_t *hidpi;

  state.position = 20.25;
  iop_painter_draw (cr, 1280, 800, write_trace, &state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_recording_surface_ink_extents (rec, &x, &y, &w, &h);
  g_assert_cmpfloat (w, >, 1000);
  g_assert_cmpfloat (x + w, <=, 1280.5);
  g_assert_cmpfloat (y + h, <=, 800.5);
  cairo_destroy (cr);
  cairo_surface_destroy (rec);

  hidpi = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2048, 1280);
  cairo_surface_set_device_scale (hidpi, 2, 2);
  cr = cairo_create (hidpi);
  {
    g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();

    state.cache = cache;
    iop_painter_draw (cr, 1024, 640, write_trace, &state);
    iop_painter_draw (cr, 1024, 640, write_trace, &state);
  }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (hidpi);
}

static void
test_cache_follows_trace (void)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  IopPaintState state = IOP_PAINT_STATE_INIT;
  IopPainterLayout *a, *b;

  state.cache = cache;
  a = iop_painter_cache_get_layout (cache, write_trace, 1920, 1080, &state);
  g_assert_true (a == iop_painter_cache_get_layout (cache, write_trace, 1920, 1080, &state));
  b = iop_painter_cache_get_layout (cache, read_trace, 1920, 1080, &state);
  g_assert_cmpuint (iop_painter_layout_get_n_boxes (b), !=, 0);
  b = iop_painter_cache_get_layout (cache, read_trace, 1600, 900, &state);
  g_assert_cmpfloat (iop_painter_layout_get_unit (b), >, 0);
}

/* In the fault traces, at every step the I/O moves in, the token of that
 * step's leg stands in the step's own box (or on its wire): never in the
 * guest's box while the leg is still out */
static gboolean
near_rect (const cairo_rectangle_t *r, double x, double y, double slack)
{
  return x >= r->x - slack && x <= r->x + r->width + slack &&
         y >= r->y - slack && y <= r->y + r->height + slack;
}

static void
test_fault_tokens (void)
{
  const char *ids[] = { "raid270-outage-30s", "raid270-outage-fast-fail", "raid270-flapping-path" };
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (int op = 0; op < 2; op++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(IopScenario) sc = iop_scenario_new_builtin (ids[i], &error);
        g_autoptr(IopTrace) trace = NULL;
        g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
        IopPaintState state = IOP_PAINT_STATE_INIT;
        IopPainterLayout *layout;
        int guest_box = -1;

        g_assert_no_error (error);
        sc->op = op ? IOP_OP_READ : IOP_OP_WRITE;
        trace = iop_trace_run (sc, &error);
        g_assert_no_error (error);
        state.cache = cache;
        layout = iop_painter_cache_get_layout (cache, trace, 1920, 1080, &state);
        for (guint b = 0; b < iop_painter_layout_get_n_boxes (layout); b++)
          if (iop_painter_layout_get_box (layout, b)->kind == IOP_PAINTER_BOX_GUEST)
            guest_box = (int)b;
        g_assert_cmpint (guest_box, >=, 0);

        for (guint si = 0; si < trace->steps->len; si++)
          {
            IopStep *st = iop_trace_step (trace, si);
            IopPainterToken tokens[8];
            cairo_rectangle_t brect, grect;
            int bi;
            guint n;
            gboolean found = FALSE, guest_step;

            if (st->control || st->token.kind == IOP_TOKEN_NONE)
              continue;
            state.position = si;
            layout = iop_painter_cache_get_layout (cache, trace, 1920, 1080, &state);
            bi = iop_painter_layout_get_step_box (layout, (int)si);
            g_assert_cmpint (bi, >=, 0);
            brect = iop_painter_layout_get_box (layout, (guint)bi)->rect;
            grect = iop_painter_layout_get_box (layout, (guint)guest_box)->rect;
            guest_step = bi == guest_box;
            n = iop_painter_token_positions (trace, 1920, 1080, &state, tokens, G_N_ELEMENTS (tokens));
            for (guint k = 0; k < n; k++)
              {
                gboolean mine = st->leg < 0 || tokens[k].leg < 0 || tokens[k].leg == st->leg;

                if (tokens[k].alpha < 0.5 || !mine)
                  continue;
                if (tokens[k].leg >= 0 && !guest_step && near_rect (&grect, tokens[k].x, tokens[k].y, 0))
                  g_error ("%s %s step %u (%s, leg %d): the leg's token is in the guest box",
                           ids[i], op ? "read" : "write", si, st->key, st->leg);
                if (near_rect (&brect, tokens[k].x, tokens[k].y, tokens[k].radius * 2))
                  found = TRUE;
              }
            if (!found)
              g_error ("%s %s step %u (%s, leg %d, %s): no token in its box (%.0f,%.0f %.0fx%.0f)",
                       ids[i], op ? "read" : "write", si, st->key, st->leg, iop_direction_name (st->direction),
                       brect.x, brect.y, brect.width, brect.height);
            checked++;
          }
      }
  g_test_message ("%u steps of fault traces checked", checked);
  g_assert_cmpuint (checked, >, 300);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  write_trace = trace_for (IOP_OP_WRITE, 4096);
  read_trace = trace_for (IOP_OP_READ, 131072);

  g_test_add_func ("/painter/render-positions", test_render_positions);
  g_test_add_func ("/painter/tokens-split-and-join", test_tokens_split_and_join);
  g_test_add_func ("/painter/read-one-leg", test_read_one_leg);
  g_test_add_func ("/painter/light-dark-differ", test_light_dark_differ);
  g_test_add_func ("/painter/layout-sizes", test_layout_sizes);
  g_test_add_func ("/painter/layout-scenarios", test_layout_scenarios);
  g_test_add_func ("/painter/large-text", test_large_text);
  g_test_add_func ("/painter/hit", test_hit);
  g_test_add_func ("/painter/vector-and-uncached", test_vector_and_uncached);
  g_test_add_func ("/painter/cache-follows-trace", test_cache_follows_trace);
  g_test_add_func ("/painter/fault-tokens", test_fault_tokens);

  ret = g_test_run ();

  iop_trace_unref (write_trace);
  iop_trace_unref (read_trace);
  return ret;
}
