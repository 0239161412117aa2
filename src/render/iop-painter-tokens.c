/* iop-painter-tokens.c: wires and the tokens moving along them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wires' curves sampled by arc length, the routes between two steps,
 * where each token (the request, a RAID leg, a late cleanup) is at a
 * playhead, and how a token is drawn.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* Cubic bezier */
static Pt
bezier (Pt p0, Pt p1, Pt p2, Pt p3, double t)
{
  double a = (1 - t) * (1 - t) * (1 - t), b = 3 * (1 - t) * (1 - t) * t;
  double c = 3 * (1 - t) * t * t, d = t * t * t;
  Pt r = { a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y };
  return r;
}

void
wire_curve_controls (const Wire *w,
                     Pt         *c1,
                     Pt         *c2)
{
  double k = (w->p[2].x - w->p[1].x) * 0.5;

  c1->x = w->p[1].x + k;
  c1->y = w->p[1].y;
  c2->x = w->p[2].x - k;
  c2->y = w->p[2].y;
}

void
wire_sample (Wire *w)
{
  Pt c1, c2, last = { 0, 0 };
  double len = 0;

  g_array_set_size (w->pts, 0);
  g_array_set_size (w->cum, 0);
  wire_curve_controls (w, &c1, &c2);

#define PUSH(pt) G_STMT_START {                                  \
    Pt _p = (pt);                                                \
    if (w->pts->len > 0)                                         \
      len += hypot (_p.x - last.x, _p.y - last.y);               \
    g_array_append_val (w->pts, _p);                             \
    g_array_append_val (w->cum, len);                            \
    last = _p;                                                   \
  } G_STMT_END

  PUSH (w->p[0]);
  PUSH (w->p[1]);
  w->curve_s0 = len;
  for (int i = 1; i <= 64; i++)
    PUSH (bezier (w->p[1], c1, c2, w->p[2], i / 64.0));
  w->curve_s1 = len;
  PUSH (w->p[3]);
#undef PUSH
}

Pt
wire_point (const Wire *w,
            double      s)
{
  guint n = w->pts->len;

  if (n == 0)
    return (Pt) { 0, 0 };
  if (s <= 0)
    return g_array_index (w->pts, Pt, 0);
  for (guint i = 1; i < n; i++)
    {
      double c0 = g_array_index (w->cum, double, i - 1);
      double c1 = g_array_index (w->cum, double, i);

      if (s <= c1)
        {
          Pt a = g_array_index (w->pts, Pt, i - 1);
          Pt b = g_array_index (w->pts, Pt, i);
          double t = c1 > c0 ? (s - c0) / (c1 - c0) : 0;

          return (Pt) { lerp (a.x, b.x, t), lerp (a.y, b.y, t) };
        }
    }
  return g_array_index (w->pts, Pt, n - 1);
}

static double
wire_length (const Wire *w)
{
  return w->cum->len ? g_array_index (w->cum, double, w->cum->len - 1) : 0;
}

/* Arc position on the middle curve where x == X */
double
wire_s_at_x (const Wire *w,
             double      x)
{
  for (guint i = 1; i < w->pts->len; i++)
    {
      Pt a = g_array_index (w->pts, Pt, i - 1);
      Pt b = g_array_index (w->pts, Pt, i);

      if ((x >= a.x && x <= b.x) || (x <= a.x && x >= b.x))
        {
          double t = fabs (b.x - a.x) > 1e-6 ? (x - a.x) / (b.x - a.x) : 0;

          return lerp (g_array_index (w->cum, double, i - 1), g_array_index (w->cum, double, i), t);
        }
    }
  return (w->curve_s0 + w->curve_s1) / 2;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */

typedef struct
{
  Pt     pts[72];
  double cum[72];
  guint  n;
} Route;

static void
route_push (Route *r,
            Pt     p)
{
  if (r->n >= G_N_ELEMENTS (r->pts))
    return;
  r->cum[r->n] = r->n ? r->cum[r->n - 1] + hypot (p.x - r->pts[r->n - 1].x, p.y - r->pts[r->n - 1].y) : 0;
  r->pts[r->n++] = p;
}

static Pt
route_at (const Route *r,
          double       t)
{
  double s;

  if (r->n == 0)
    return (Pt) { 0, 0 };
  s = CLAMP (t, 0, 1) * r->cum[r->n - 1];
  for (guint i = 1; i < r->n; i++)
    if (s <= r->cum[i])
      {
        double seg = r->cum[i] - r->cum[i - 1];
        double f = seg > 0 ? (s - r->cum[i - 1]) / seg : 0;

        return (Pt) { lerp (r->pts[i - 1].x, r->pts[i].x, f), lerp (r->pts[i - 1].y, r->pts[i].y, f) };
      }
  return r->pts[r->n - 1];
}

static void
route_wire (Route      *r,
            const Wire *w,
            double      s0,
            double      s1)
{
  int steps = 24;

  for (int i = 0; i <= steps; i++)
    route_push (r, wire_point (w, lerp (s0, s1, (double)i / steps)));
}

/* Arc position of step I on wire W, or -1 if the step is not on it */
static double
step_on_wire (IopPainterLayout *L,
              int               i,
              int               wi)
{
  Wire *w = g_ptr_array_index (L->wires, wi);
  Box *box = box_at (L, L->step_box[i]);

  if (box == NULL)
    return -1;
  if (box->wire == wi)
    return box->token_s;
  if (L->step_box[i] == w->from_box)
    return 0;
  if (L->step_box[i] == w->to_box)
    return wire_length (w);
  return -1;
}

static Pt
step_anchor (IopPainterLayout *L,
             int               i)
{
  if (i < 0 || i >= (int)L->trace->steps->len)
    return L->guest_anchor;
  return L->anchor[i];
}

static void
route_between (IopPainterLayout *L,
               int               a,
               int               b,
               Route            *r)
{
  Pt A = step_anchor (L, a), B = b < 0 && a >= 0 ? L->guest_return : step_anchor (L, b);
  Box *ba = a >= 0 ? box_at (L, L->step_box[a]) : NULL;
  Box *bb = b >= 0 ? box_at (L, L->step_box[b]) : NULL;
  int wi = ba && ba->wire >= 0 ? ba->wire : bb && bb->wire >= 0 ? bb->wire : -1;

  r->n = 0;
  if (wi >= 0 && a >= 0 && b >= 0)
    {
      double sa = step_on_wire (L, a, wi), sb = step_on_wire (L, b, wi);

      if (sa >= 0 && sb >= 0)
        {
          Wire *w = g_ptr_array_index (L->wires, wi);

          /* from a box's port or a pill's leading end onto the wire, along
           * it, and off it again */
          route_push (r, A);
          route_wire (r, w, sa, sb);
          route_push (r, B);
          return;
        }
    }

  /* Leave and arrive horizontally */
  {
    double k = (B.x - A.x) * 0.5;
    Pt c1 = { A.x + k, A.y }, c2 = { B.x - k, B.y };

    if (fabs (B.y - A.y) < 0.5 || fabs (B.x - A.x) < 0.5)
      {
        route_push (r, A);
        route_push (r, B);
        return;
      }
    for (int i = 0; i <= 24; i++)
      route_push (r, bezier (A, c1, c2, B, i / 24.0));
  }
}

/* Where a token following SEQ is at position P; FALSE if before the sequence */
static gboolean
token_on_seq (IopPainterLayout *L,
              GArray           *seq,
              double            p,
              Pt               *out,
              int              *at)
{
  guint n = seq->len;
  int a, b;
  Route r;

  if (n == 0)
    return FALSE;
  if (p <= g_array_index (seq, int, 0))
    {
      *at = g_array_index (seq, int, 0);
      *out = step_anchor (L, *at);
      return TRUE;
    }
  for (guint k = 0; k + 1 < n; k++)
    {
      a = g_array_index (seq, int, k);
      b = g_array_index (seq, int, k + 1);
      if (p >= a && p < b)
        {
          /* a token moves on during the last step before its next one: in
           * between it waits (for a path, for the other leg) where it is,
           * so at every step each token stands at a step's place */
          double start = b - 1;
          double f = p < start ? 0.0 : ease ((p - start) / (double)(b - start));

          route_between (L, a, b, &r);
          *out = route_at (&r, f);
          *at = f < 0.5 ? a : b;
          return TRUE;
        }
    }
  *at = g_array_index (seq, int, n - 1);
  *out = step_anchor (L, *at);
  return TRUE;
}

guint
compute_tokens (IopPainterLayout *L,
                double            p,
                IopPainterToken  *out,
                guint             n_max)
{
  IopTrace *trace = L->trace;
  guint n = 0;
  int last = (int)trace->steps->len - 1;
  int split = trace->split_step, join = trace->join_step;
  int at = -1;
  Pt pt;

#define EMIT(PT, LEG, ALPHA, RAD) G_STMT_START {                          \
    if (n < n_max)                                                      \
      out[n++] = (IopPainterToken) { (PT).x, (PT).y, (LEG), (ALPHA), (RAD), at }; \
  } G_STMT_END

  if (last < 0)
    return 0;
  p = CLAMP (p, -1.0, (double)last);

  if (p < 0)
    {
      Route r;

      route_between (L, -1, 0, &r);
      pt = route_at (&r, ease (p + 1.0));
      EMIT (pt, -1, 1.0, L->token_r);
      return n;
    }

  if (L->n_legs == 0 || split < 0 || p < split || (join >= 0 && p >= join))
    {
      gboolean whole = L->n_legs == 0 || split < 0;
      g_autoptr(GArray) seq = g_array_new (FALSE, FALSE, sizeof (int));

      /* the main token does not fly from the fan-out to the join */
      for (guint i = 0; i < L->main_seq->len; i++)
        {
          int s = g_array_index (L->main_seq, int, i);

          if (whole || (p < split && s <= split) || (p >= join && s >= join))
            g_array_append_val (seq, s);
        }
      if (token_on_seq (L, seq, p, &pt, &at))
        {
          int lm = seq->len ? g_array_index (seq, int, seq->len - 1) : last;

          /* done: the completion goes home to the guest while the rest cleans up */
          if ((whole || p >= join) && p > lm)
            {
              Route r;

              route_between (L, lm, -1, &r);
              pt = route_at (&r, ease (MIN (p - lm, 1.0)));
              if (p - lm >= 0.5)
                at = -1;
            }
          EMIT (pt, -1, 1.0, L->token_r);
        }

      /* late cleanup shows where it happens, with a smaller token */
      if (whole || p >= join)
        for (int e = N_LEGS_MAX; e >= 0; e--)
          {
            GArray *echo = L->echo_seq[e];
            int first;
            double alpha;

            if (echo->len == 0)
              continue;
            first = g_array_index (echo, int, 0);
            if (p < first - 0.5)
              continue;
            alpha = ease ((p - (first - 0.5)) / 0.5);
            token_on_seq (L, echo, p, &pt, &at);
            EMIT (pt, e - 1, alpha, 0.8 * L->token_r);
          }
      return n;
    }

  for (int leg = L->n_legs - 1; leg >= 0; leg--)
    if (token_on_seq (L, L->leg_seq[leg], p, &pt, &at))
      EMIT (pt, leg, 1.0, L->token_r);
#undef EMIT
  return n;
}

const IopColor *
token_color (const IopPalette *pal,
             int               leg)
{
  return leg < 0 ? &pal->token : &pal->leg[MIN (leg, 1)];
}

void
draw_token (cairo_t               *cr,
            const IopPalette      *pal,
            const IopPainterToken *t)
{
  const IopColor *c = token_color (pal, t->leg);
  cairo_pattern_t *glow;
  double r = t->radius;

  glow = cairo_pattern_create_radial (t->x, t->y, r * 0.6, t->x, t->y, r * 2.8);
  cairo_pattern_add_color_stop_rgba (glow, 0, c->red, c->green, c->blue, 0.45 * t->alpha);
  cairo_pattern_add_color_stop_rgba (glow, 0.45, c->red, c->green, c->blue, 0.16 * t->alpha);
  cairo_pattern_add_color_stop_rgba (glow, 1, c->red, c->green, c->blue, 0);
  cairo_set_source (cr, glow);
  cairo_arc (cr, t->x, t->y, r * 2.8, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (glow);

  cairo_arc (cr, t->x, t->y, r + 1.5, 0, 2 * G_PI);
  set_ink (cr, &pal->card_bg, t->alpha);
  cairo_fill (cr);
  cairo_arc (cr, t->x, t->y, r, 0, 2 * G_PI);
  set_ink (cr, c, t->alpha);
  cairo_fill (cr);
}
