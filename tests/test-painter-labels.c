/* test-painter-labels.c: every label whole and apart, step by step, at the
 * canvas sizes a 720p or 768p window gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every step of four traces (the raid270 write and read of 4 KiB, the
 * 30 s outage of replica B the app offers as a scenario, and a path of
 * replica B going down), at each canvas size the window gives at 1280x720
 * and 1366x768 (the side column shown, in English and in German, whose
 * column is wider; and hidden with F9), at `render --size 1280x720` and in
 * presentation mode full screen at 1280x720 (whose step sentence, prose on
 * two lines, may lose its end),
 * the painter's items of that frame (iop_painter_get_items: every label,
 * gauge level and change, caption part, fault card and its lines, the
 * outcome card at the last step, the tokens) are checked:
 *
 *   - no two texts overlap, no token sits on a text, no card covers a text
 *     that is not its own or another card, no mark sits on a text;
 *   - no text is ellipsized: labels shorten by meaning instead, and a label
 *     whose short form still does not fit drops its least important part
 *     (an ellipsized text could lose what tells it from its neighbour:
 *     "nvme_reques…" for both "nvme_requests → A" and "→ B");
 *   - no two texts of one frame that differ are drawn alike;
 *   - every text is at least 11 px, legible in a 720p video, and inside the
 *     canvas.
 *
 * The language comes from IOPATH_TEST_LANGUAGE ("de": German, through the
 * catalogue in IOPATH_LOCALEDIR); the test is run once in each.
 * Failures are counted per check and trace, the first few of each shown.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "iop-fault.h"
#include "iop-painter.h"
#include "iop-scenario.h"
#include "iop-sim.h"

#define MIN_FONT 11.0

typedef struct
{
  int         width;
  int         height;
  const char *what;
  gboolean    presentation;
} Size;

/* Measured with IOPATH_BENCH_FRAMES=1 (the canvas's size on stderr) under
 * Xvfb, the window at its default split */
static const Size sizes[] = {
  { 845, 511, "1280x720 window, side column shown" },
  { 774, 511, "1280x720 window, side column shown, German" },
  { 1270, 511, "1280x720 window, side column hidden" },
  { 902, 543, "1366x768 window, side column shown" },
  { 860, 543, "1366x768 window, side column shown, German" },
  { 1356, 543, "1366x768 window, side column hidden" },
  { 1280, 720, "render --size 1280x720" },
  { 1270, 710, "presentation mode, full screen at 1280x720", TRUE },
};

typedef enum
{
  CHECK_OVERLAP,     /* two texts */
  CHECK_TOKEN,       /* a token on a text */
  CHECK_CARD,        /* a card on a text or card, a mark on a text */
  CHECK_ELLIPSIZED,
  CHECK_ALIKE,       /* two different texts drawn the same */
  CHECK_SMALL,
  CHECK_OUTSIDE,
  N_CHECKS
} Check;

static const char *check_names[N_CHECKS] = {
  "texts that overlap", "tokens on a text", "cards or marks on a text", "ellipsized texts",
  "different texts drawn alike", "texts under 11 px", "items off the canvas",
};

typedef struct
{
  guint    n[N_CHECKS];
  guint    frames;
  guint    items;
} Tally;

#define SHOW_MAX 6

static const char *
kind_name (IopPainterItemKind kind)
{
  static const char *names[] = {
    "box label", "pill label", "gauge label", "gauge level", "gauge change", "heading",
    "step badge", "caption title", "caption detail", "caption time", "legend",
    "card", "card text", "token", "mark",
  };

  return kind < G_N_ELEMENTS (names) ? names[kind] : "?";
}

static char *
describe (const IopPainterItem *it)
{
  return g_strdup_printf ("%s%s%s%s (%.1f,%.1f %.1fx%.1f)", kind_name (it->kind),
                          it->shown ? " \"" : "", it->shown ? it->shown : "", it->shown ? "\"" : "",
                          it->rect.x, it->rect.y, it->rect.width, it->rect.height);
}

static void
fail (Tally      *tally,
      Check       check,
      const char *where,
      const char *fmt,
      ...) G_GNUC_PRINTF (4, 5);

static void
fail (Tally      *tally,
      Check       check,
      const char *where,
      const char *fmt,
      ...)
{
  if (tally->n[check]++ < SHOW_MAX)
    {
      va_list ap;
      g_autofree char *msg = NULL;

      va_start (ap, fmt);
      msg = g_strdup_vprintf (fmt, ap);
      va_end (ap);
      g_test_message ("%s: %s", where, msg);
    }
}

/* Overlap by more than a hair: texts' logical boxes may touch */
static gboolean
overlap (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  const double e = 0.5;

  return a->width > 0 && a->height > 0 && b->width > 0 && b->height > 0 &&
         a->x < b->x + b->width - e && b->x < a->x + a->width - e &&
         a->y < b->y + b->height - e && b->y < a->y + a->height - e;
}

static gboolean
is_text (const IopPainterItem *it)
{
  return it->text != NULL && *it->text != '\0' && it->rect.width > 0;
}

/* A token's disc against a text's box: the disc, not its bounding square */
static gboolean
disc_on (const cairo_rectangle_t *disc,
         const cairo_rectangle_t *r)
{
  double cx = disc->x + disc->width / 2, cy = disc->y + disc->height / 2, rad = disc->width / 2;
  double nx = CLAMP (cx, r->x, r->x + r->width), ny = CLAMP (cy, r->y, r->y + r->height);

  return hypot (cx - nx, cy - ny) < rad - 0.5;
}

static void
check_frame (GArray     *items,
             int         width,
             int         height,
             gboolean    presentation,
             const char *where,
             Tally      *tally)
{
  tally->frames++;
  tally->items += items->len;
  for (guint i = 0; i < items->len; i++)
    {
      const IopPainterItem *a = &g_array_index (items, IopPainterItem, i);
      g_autofree char *da = describe (a);
      const cairo_rectangle_t *r = &a->rect;

      if (!(r->x >= -0.5 && r->y >= -0.5 && r->x + r->width <= width + 0.5 && r->y + r->height <= height + 0.5))
        fail (tally, CHECK_OUTSIDE, where, "%s leaves the canvas", da);
      if (!is_text (a))
        continue;
      /* presentation mode's lower third tells the step in a sentence of
       * prose, on two lines at most: its end may go */
      if (a->ellipsized && !(presentation && a->kind == IOP_PAINTER_ITEM_CAPTION_DETAIL))
        fail (tally, CHECK_ELLIPSIZED, where, "%s is cut (\"%s\")", da, a->text);
      if (a->font_size < MIN_FONT)
        fail (tally, CHECK_SMALL, where, "%s is %.2f px", da, a->font_size);
    }

  for (guint i = 0; i < items->len; i++)
    for (guint j = i + 1; j < items->len; j++)
      {
        const IopPainterItem *a = &g_array_index (items, IopPainterItem, i);
        const IopPainterItem *b = &g_array_index (items, IopPainterItem, j);
        g_autofree char *da = NULL;
        g_autofree char *db = NULL;

        /* a token drawn in a card's... nothing is: but a text is on its own card */
        if (a->kind == IOP_PAINTER_ITEM_TOKEN && b->kind == IOP_PAINTER_ITEM_TOKEN)
          continue;
        if (a->kind == IOP_PAINTER_ITEM_CARD && b->card == (int)i)
          continue;
        if (is_text (a) && is_text (b))
          {
            if (overlap (&a->rect, &b->rect))
              {
                da = describe (a);
                db = describe (b);
                fail (tally, CHECK_OVERLAP, where, "%s and %s overlap", da, db);
              }
            else if (g_strcmp0 (a->text, b->text) != 0 && g_strcmp0 (a->shown, b->shown) == 0)
              {
                da = describe (a);
                db = describe (b);
                fail (tally, CHECK_ALIKE, where, "%s (\"%s\") and %s (\"%s\") are drawn alike",
                      da, a->text, db, b->text);
              }
            continue;
          }
        if ((a->kind == IOP_PAINTER_ITEM_TOKEN && is_text (b)) || (b->kind == IOP_PAINTER_ITEM_TOKEN && is_text (a)))
          {
            const IopPainterItem *t = a->kind == IOP_PAINTER_ITEM_TOKEN ? a : b;
            const IopPainterItem *x = t == a ? b : a;

            if (disc_on (&t->rect, &x->rect))
              {
                da = describe (t);
                db = describe (x);
                fail (tally, CHECK_TOKEN, where, "%s sits on %s", da, db);
              }
            continue;
          }
        if (a->kind == IOP_PAINTER_ITEM_CARD || b->kind == IOP_PAINTER_ITEM_CARD ||
            a->kind == IOP_PAINTER_ITEM_MARK || b->kind == IOP_PAINTER_ITEM_MARK)
          {
            const IopPainterItem *c = a->kind == IOP_PAINTER_ITEM_CARD || a->kind == IOP_PAINTER_ITEM_MARK ? a : b;
            const IopPainterItem *x = c == a ? b : a;

            /* texts on the card are its own; a card over a text, a token or another card hides it */
            if (x->card >= 0 && c->kind == IOP_PAINTER_ITEM_CARD && &g_array_index (items, IopPainterItem, x->card) == c)
              continue;
            if (x->kind == IOP_PAINTER_ITEM_MARK && c->kind == IOP_PAINTER_ITEM_MARK)
              continue;
            if (x->kind == IOP_PAINTER_ITEM_TOKEN ? disc_on (&x->rect, &c->rect) : overlap (&c->rect, &x->rect))
              {
                da = describe (c);
                db = describe (x);
                fail (tally, CHECK_CARD, where, "%s covers %s", da, db);
              }
          }
      }
}

/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  IopTrace   *trace;
} Case;

static IopTrace *
trace_for (const char *scenario,
           IopOp       op,
           const char *fault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin (scenario, &error);
  IopTrace *trace;

  g_assert_no_error (error);
  if (op != (IopOp)-1)
    sc->op = op;
  if (fault != NULL)
    {
      IopFault f;

      g_assert_true (iop_fault_parse (fault, &f, &error));
      g_assert_true (iop_scenario_add_fault (sc, &f, &error));
      g_assert_no_error (error);
    }
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  Tally tally = { { 0, }, 0, 0 };
  guint total = 0;
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
      const Size *size = &sizes[z];
      IopPaintState state = IOP_PAINT_STATE_INIT;

      state.cache = cache;
      state.presentation = size->presentation;
      /* as the canvas draws: the outcome card at the last step */
      state.outcome = TRUE;
      for (int s = -1; s < (int)c->trace->steps->len; s++)
        {
          g_autofree char *where = g_strdup_printf ("%s, %dx%d (%s), step %d", c->name, size->width,
                                                    size->height, size->what, s + 1);
          g_autoptr(GArray) items = NULL;

          state.position = s;
          state.dark = s % 2;
          items = iop_painter_get_items (c->trace, size->width, size->height, &state);
          g_assert_cmpuint (items->len, >, 0);
          check_frame (items, size->width, size->height, size->presentation, where, &tally);
        }
    }

  for (Check k = 0; k < N_CHECKS; k++)
    {
      total += tally.n[k];
      if (tally.n[k] > 0)
        g_string_append_printf (summary, "%s%u %s", summary->len ? ", " : "", tally.n[k], check_names[k]);
    }
  g_test_message ("%s: %u frames, %u items: %s", c->name, tally.frames, tally.items,
                  total ? summary->str : "all whole and apart");
  if (total > 0)
    g_test_fail_printf ("%s: %s", c->name, summary->str);
}

int
main (int   argc,
      char *argv[])
{
  const char *lang = g_getenv ("IOPATH_TEST_LANGUAGE");
  gboolean german = g_strcmp0 (lang, "de") == 0;
  Case cases[4];
  int ret;

  /* the language before anything is translated: the engine's texts too */
  if (german)
    {
      g_setenv ("LANGUAGE", "de", TRUE);
      if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
        setlocale (LC_ALL, "C.UTF-8");
    }
  else
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C.UTF-8");
    }
  if (g_getenv ("IOPATH_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IOPATH_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  /* no catalogue: the German run would test English again */
  if (german)
    g_assert_cmpstr (_("Network"), !=, "Network");

  cases[0] = (Case) { "write 4 KiB", trace_for ("raid270", IOP_OP_WRITE, NULL) };
  cases[1] = (Case) { "read 4 KiB", trace_for ("raid270", IOP_OP_READ, NULL) };
  cases[2] = (Case) { "replica B out for 30 s", trace_for ("raid270-outage-30s", (IopOp)-1, NULL) };
  cases[3] = (Case) { "replica B path 0 down", trace_for ("raid270", IOP_OP_WRITE, "replica-b-path0-down@5ms") };
  g_assert_true (iop_trace_has_faults (cases[2].trace));
  g_assert_true (iop_trace_has_faults (cases[3].trace));

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/painter-labels/%s/%s", german ? "de" : "en",
                                               k == 0 ? "write" : k == 1 ? "read" : k == 2 ? "outage" : "path-down");
      g_test_add_data_func (path, &cases[k], test_case);
    }

  ret = g_test_run ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    iop_trace_unref (cases[k].trace);
  return ret;
}
