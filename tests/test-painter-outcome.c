/* test-painter-outcome.c: the outcome card on the canvas (iop-painter-outcome.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IOP_TEST_SHOTS=DIR writes the pictures there to look at.
 */
#include "config.h"

#include <glib.h>

#include "iop-painter.h"
#include "iop-sim.h"

static IopTrace *
run (const char *id,
     IopOp       op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin (id, &error);
  IopTrace *trace;

  g_assert_no_error (error);
  sc->op = op;
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  return trace;
}

static gboolean
overlaps (const cairo_rectangle_t *a,
          const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Pixels that differ between two drawings, inside R */
static guint
changed_in (cairo_surface_t         *a,
            cairo_surface_t         *b,
            const cairo_rectangle_t *r)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  for (int y = (int)r->y; y < (int)(r->y + r->height); y++)
    for (int x = (int)r->x; x < (int)(r->x + r->width); x++)
      n += *(const guint32 *)(pa + y * stride + 4 * x) != *(const guint32 *)(pb + y * stride + 4 * x);
  return n;
}

static cairo_surface_t *
draw (IopTrace *trace, int w, int h, double position, gboolean outcome, gboolean dark)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  IopPaintState state = IOP_PAINT_STATE_INIT;

  state.position = position;
  state.outcome = outcome;
  state.dark = dark;
  iop_painter_draw (cr, w, h, trace, &state);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
check (const char *id, IopOp op, int w, int h, gboolean dark)
{
  g_autoptr(IopTrace) trace = run (id, op);
  IopPaintState state = IOP_PAINT_STATE_INIT;
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  double last = trace->steps->len - 1;
  cairo_rectangle_t card, all = { 0, 0, w, h };
  IopPainterLayout *L;
  GArray *captions;
  cairo_surface_t *with, *without, *before;

  state.position = last;
  state.outcome = TRUE;
  state.cache = cache;
  g_assert_true (iop_painter_outcome_rect (trace, w, h, &state, &card));
  /* inside the canvas, clear of the caption, tall enough for every line */
  g_assert_cmpfloat (card.x, >=, 0);
  g_assert_cmpfloat (card.y, >=, 0);
  g_assert_cmpfloat (card.x + card.width, <=, w);
  g_assert_cmpfloat (card.y + card.height, <=, h);
  L = iop_painter_cache_get_layout (cache, trace, w, h, &state);
  captions = iop_painter_layout_get_rects (L, IOP_PAINTER_RECT_CAPTION);
  for (guint i = 0; i < captions->len; i++)
    g_assert_false (overlaps (&card, &g_array_index (captions, cairo_rectangle_t, i)));
  g_array_unref (captions);
  /* on a large canvas room for every line, its text (0.85 unit) never under
   * the painter's 11 px floor; on any, it covers no text of the diagram and
   * none of its own lines is cut (those that do not fit are left out) */
  if (w >= 1920)
    g_assert_cmpfloat (card.height, >=, iop_painter_outcome_card_height (trace, MAX (iop_painter_layout_get_unit (L), 11 / 0.85),
                                                                         card.width) - 0.5);
  {
    g_autoptr(GArray) items = iop_painter_get_items (trace, w, h, &state);
    int outcome = -1;
    guint lines = 0;

    for (guint i = 0; i < items->len; i++)
      {
        IopPainterItem *it = &g_array_index (items, IopPainterItem, i);

        if (it->kind == IOP_PAINTER_ITEM_CARD && it->rect.x == card.x && it->rect.y == card.y)
          outcome = i;
      }
    g_assert_cmpint (outcome, >=, 0);
    for (guint i = 0; i < items->len; i++)
      {
        IopPainterItem *it = &g_array_index (items, IopPainterItem, i);

        if (it->text == NULL)
          continue;
        if (it->card == outcome)
          {
            lines++;
            g_assert_false (it->ellipsized);
          }
        else if (h >= 480)
          g_assert_false (overlaps (&it->rect, &card));
      }
    /* the heading, and more where there is room */
    g_test_message ("%s %dx%d: the outcome card has %u lines", id, w, h, lines);
    g_assert_cmpuint (lines, >=, h >= 480 ? 2 : 1);
  }

  /* drawn at the last step only, and only when asked */
  with = draw (trace, w, h, last, TRUE, dark);
  without = draw (trace, w, h, last, FALSE, dark);
  g_assert_cmpuint (changed_in (with, without, &card), >, card.width * card.height / 10);
  before = draw (trace, w, h, last - 1, TRUE, dark);
  {
    cairo_surface_t *before_plain = draw (trace, w, h, last - 1, FALSE, dark);
    g_assert_cmpuint (changed_in (before, before_plain, &all), ==, 0);
    cairo_surface_destroy (before_plain);
  }
  if (g_getenv ("IOP_TEST_SHOTS"))
    {
      g_autofree char *name = g_strdup_printf ("%s/card-%s-%s-%dx%d%s.png", g_getenv ("IOP_TEST_SHOTS"), id,
                                               op == IOP_OP_READ ? "read" : "write", w, h, dark ? "-dark" : "");
      cairo_surface_write_to_png (with, name);
    }
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  cairo_surface_destroy (before);
}

static void
test_sizes (void)
{
  check ("raid270", IOP_OP_WRITE, 1280, 720, FALSE);
  check ("raid270", IOP_OP_WRITE, 1920, 1080, TRUE);
  check ("raid270", IOP_OP_READ, 1280, 720, TRUE);
  check ("raid270", IOP_OP_WRITE, 640, 360, FALSE);
}

static void
test_faults (void)
{
  check ("raid270-outage-30s", IOP_OP_WRITE, 1280, 720, FALSE);
  check ("raid270-outage-fast-fail", IOP_OP_WRITE, 1920, 1080, FALSE);
  check ("realrun-tcp", IOP_OP_WRITE, 1280, 720, FALSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/painter-outcome/sizes", test_sizes);
  g_test_add_func ("/painter-outcome/faults", test_faults);
  return g_test_run ();
}
