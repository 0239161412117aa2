/* iop-abcompare.c: two traces of one I/O side by side (A/B comparison)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steps are aligned by a longest common subsequence of their signatures
 * (key, host, node, leg, function, title), so a step that only one run takes
 * (a wait for a buffer, a retry) shows as a gap and the rest stays paired.
 * Each pair is then compared on the objects it takes and returns, with their
 * pools, the thread, the wait and the times.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-abcompare.h"
#include "iop-format.h"

/* Above this many steps in both runs the DP table gets large (n x m): pair by index */
#define MAX_ALIGN_STEPS 4000

static char *
step_signature (const IopStep *s)
{
  return g_strdup_printf ("%s|%d|%d|%d|%s|%s", s->key, s->place, s->node, s->leg,
                          s->function ? s->function : "", s->title ? s->title : "");
}

static GPtrArray *
signatures (const IopTrace *t)
{
  GPtrArray *sig = g_ptr_array_new_full (t->steps->len, g_free);

  for (guint i = 0; i < t->steps->len; i++)
    g_ptr_array_add (sig, step_signature (g_ptr_array_index (t->steps, i)));
  return sig;
}

/* The LCS leaves a step that both runs take, but in another order among the
 * others (the storage node's legs interleave differently), as one row "in A
 * only" and one "in B only": pair them again, at A's place, marked ORDER */
static void
pair_moved (IopAbCompare *self,
            GPtrArray    *sa,
            GPtrArray    *sb)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      IopAbRow *ra = &g_array_index (self->rows, IopAbRow, i);

      if (ra->b >= 0)
        continue;
      for (guint j = 0; j < self->rows->len; j++)
        {
          IopAbRow *rb = &g_array_index (self->rows, IopAbRow, j);

          if (rb->a < 0 && rb->b >= 0 && strcmp (sa->pdata[ra->a], sb->pdata[rb->b]) == 0)
            {
              ra->b = rb->b;
              ra->differs = IOP_AB_ORDER;
              g_array_remove_index (self->rows, j);
              if (j < i)
                i--;
              break;
            }
        }
    }
}

/* Longest common subsequence of the two signature lists, as rows */
static void
align_lcs (IopAbCompare *self)
{
  g_autoptr(GPtrArray) sa = signatures (self->a);
  g_autoptr(GPtrArray) sb = signatures (self->b);
  guint n = sa->len, m = sb->len;
  guint16 *len = g_new0 (guint16, (gsize)(n + 1) * (m + 1));
  guint i = 0, j = 0;

#define L(i, j) len[(gsize)(i) * (m + 1) + (j)]
  for (int x = (int)n - 1; x >= 0; x--)
    for (int y = (int)m - 1; y >= 0; y--)
      L (x, y) = strcmp (sa->pdata[x], sb->pdata[y]) == 0
                 ? L (x + 1, y + 1) + 1
                 : MAX (L (x + 1, y), L (x, y + 1));
  while (i < n || j < m)
    {
      IopAbRow row = { -1, -1, 0 };

      if (i < n && j < m && strcmp (sa->pdata[i], sb->pdata[j]) == 0)
        {
          row.a = (int)i++;
          row.b = (int)j++;
        }
      else if (j >= m || (i < n && L (i + 1, j) >= L (i, j + 1)))
        row.a = (int)i++;
      else
        row.b = (int)j++;
      g_array_append_val (self->rows, row);
    }
#undef L
  g_free (len);
  pair_moved (self, sa, sb);
}

static void
align_by_index (IopAbCompare *self)
{
  guint n = MAX (self->a->steps->len, self->b->steps->len);

  for (guint i = 0; i < n; i++)
    {
      IopAbRow row = { i < self->a->steps->len ? (int)i : -1, i < self->b->steps->len ? (int)i : -1, 0 };
      g_array_append_val (self->rows, row);
    }
  self->positional = TRUE;
}

/* g_ptr_array_sort passes pointers to the elements */
static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* "+bdev_io baremetal/nvmf_tgt_poll_group_000/bdev_io.cache", sorted */
static GPtrArray *
object_moves (const IopTrace *t,
              const IopStep  *s)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const GArray *lists[2] = { s->allocs, s->frees };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const IopObjectEvent *ev = &g_array_index (lists[l], IopObjectEvent, i);
        const IopObject *o = g_ptr_array_index (t->objects, ev->object);
        const IopGauge *g = ev->gauge >= 0 ? g_ptr_array_index (t->gauges, ev->gauge) : NULL;

        g_ptr_array_add (out, g_strdup_printf ("%c%s %s", l == 0 ? '+' : '-', o->kind,
                                               g != NULL ? g->key : "-"));
      }
  g_ptr_array_sort (out, compare_moves);
  return out;
}

static gboolean
same_moves (GPtrArray *x,
            GPtrArray *y)
{
  if (x->len != y->len)
    return FALSE;
  for (guint i = 0; i < x->len; i++)
    if (strcmp (x->pdata[i], y->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static guint
row_differences (const IopAbCompare *self,
                 const IopAbRow     *row)
{
  const IopStep *a, *b;
  g_autoptr(GPtrArray) ma = NULL;
  g_autoptr(GPtrArray) mb = NULL;
  guint d = 0;

  if (row->b < 0)
    return IOP_AB_ONLY_A;
  if (row->a < 0)
    return IOP_AB_ONLY_B;
  d = row->differs & IOP_AB_ORDER;
  a = g_ptr_array_index (self->a->steps, row->a);
  b = g_ptr_array_index (self->b->steps, row->b);
  ma = object_moves (self->a, a);
  mb = object_moves (self->b, b);
  if (!same_moves (ma, mb))
    d |= IOP_AB_POOL;
  if (g_strcmp0 (a->thread, b->thread) != 0)
    d |= IOP_AB_THREAD;
  if (a->waited != b->waited)
    d |= IOP_AB_WAIT;
  if (a->t_ns - self->a->start_ns != b->t_ns - self->b->start_ns)
    d |= IOP_AB_TIME;
  if (a->dur_ns != b->dur_ns)
    d |= IOP_AB_DURATION;
  return d;
}

IopAbCompare *
iop_ab_compare_new (IopTrace *a,
                    IopTrace *b)
{
  IopAbCompare *self = g_new0 (IopAbCompare, 1);

  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  self->a = iop_trace_ref (a);
  self->b = iop_trace_ref (b);
  self->rows = g_array_new (FALSE, FALSE, sizeof (IopAbRow));
  self->parted = -1;
  self->first_late = -1;
  if (a->steps->len > MAX_ALIGN_STEPS && b->steps->len > MAX_ALIGN_STEPS)
    align_by_index (self);
  else
    align_lcs (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      IopAbRow *row = &g_array_index (self->rows, IopAbRow, i);

      row->differs = row_differences (self, row);
      if (self->parted < 0 && (row->differs & IOP_AB_PARTING) != 0)
        self->parted = (int)i;
      if (self->first_late < 0 && (row->differs & IOP_AB_TIME) != 0)
        self->first_late = (int)i;
    }
  return self;
}

void
iop_ab_compare_free (IopAbCompare *self)
{
  if (self == NULL)
    return;
  iop_trace_unref (self->a);
  iop_trace_unref (self->b);
  g_array_unref (self->rows);
  g_free (self);
}

guint
iop_ab_compare_count (const IopAbCompare *self,
                      guint               mask)
{
  guint n = 0;

  for (guint i = 0; i < self->rows->len; i++)
    if ((g_array_index (self->rows, IopAbRow, i).differs & mask) != 0)
      n++;
  return n;
}

/* ---- JSON ---- */

static const char *
diff_name (guint bit)
{
  switch (bit)
    {
    case IOP_AB_ONLY_A: return "only_in_a";
    case IOP_AB_ONLY_B: return "only_in_b";
    case IOP_AB_POOL: return "pool";
    case IOP_AB_THREAD: return "thread";
    case IOP_AB_WAIT: return "wait";
    case IOP_AB_TIME: return "time";
    case IOP_AB_DURATION: return "duration";
    case IOP_AB_ORDER: return "order";
    default: return "?";
    }
}

static void
add_moves_json (JsonBuilder    *bld,
                const IopTrace *t,
                const IopStep  *s)
{
  const GArray *lists[2] = { s->allocs, s->frees };

  json_builder_begin_array (bld);
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const IopObjectEvent *ev = &g_array_index (lists[l], IopObjectEvent, i);
        const IopObject *o = g_ptr_array_index (t->objects, ev->object);
        const IopGauge *g = ev->gauge >= 0 ? g_ptr_array_index (t->gauges, ev->gauge) : NULL;

        json_builder_begin_object (bld);
        json_builder_set_member_name (bld, "move");
        json_builder_add_string_value (bld, l == 0 ? "take" : "return");
        json_builder_set_member_name (bld, "kind");
        json_builder_add_string_value (bld, o->kind);
        json_builder_set_member_name (bld, "pool");
        if (g != NULL)
          json_builder_add_string_value (bld, g->key);
        else
          json_builder_add_null_value (bld);
        json_builder_set_member_name (bld, "level_before");
        json_builder_add_int_value (bld, ev->before);
        json_builder_set_member_name (bld, "level_after");
        json_builder_add_int_value (bld, ev->after);
        json_builder_end_object (bld);
      }
  json_builder_end_array (bld);
}

static void
add_side_json (JsonBuilder    *bld,
               const char     *prefix,
               const IopTrace *t,
               int             index)
{
  g_autofree char *name = g_strconcat (prefix, "_index", NULL);
  const IopStep *s = index >= 0 ? g_ptr_array_index (t->steps, index) : NULL;

  json_builder_set_member_name (bld, name);
  if (s == NULL)
    {
      json_builder_add_null_value (bld);
      return;
    }
  json_builder_add_int_value (bld, index);
  g_free (name);
  name = g_strconcat (prefix, NULL);
  json_builder_set_member_name (bld, name);
  json_builder_begin_object (bld);
  json_builder_set_member_name (bld, "t_ns");
  json_builder_add_int_value (bld, s->t_ns - t->start_ns);
  json_builder_set_member_name (bld, "dur_ns");
  json_builder_add_int_value (bld, s->dur_ns);
  json_builder_set_member_name (bld, "thread");
  if (s->thread != NULL)
    json_builder_add_string_value (bld, s->thread);
  else
    json_builder_add_null_value (bld);
  json_builder_set_member_name (bld, "waited");
  json_builder_add_boolean_value (bld, s->waited);
  json_builder_set_member_name (bld, "objects");
  add_moves_json (bld, t, s);
  json_builder_end_object (bld);
}

static void
add_run_json (JsonBuilder    *bld,
              const char     *member,
              const IopTrace *t,
              const char     *label)
{
  json_builder_set_member_name (bld, member);
  json_builder_begin_object (bld);
  json_builder_set_member_name (bld, "label");
  json_builder_add_string_value (bld, label);
  json_builder_set_member_name (bld, "steps");
  json_builder_add_int_value (bld, t->steps->len);
  json_builder_set_member_name (bld, "end_to_end_ns");
  json_builder_add_int_value (bld, t->end_ns - t->start_ns);
  json_builder_set_member_name (bld, "outcome");
  json_builder_add_string_value (bld, iop_outcome_name (t->outcome));
  json_builder_end_object (bld);
}

JsonNode *
iop_ab_compare_to_json (const IopAbCompare *self,
                        const char         *label_a,
                        const char         *label_b)
{
  g_autoptr(JsonBuilder) bld = json_builder_new ();

  json_builder_begin_object (bld);
  json_builder_set_member_name (bld, "scenario");
  json_builder_add_string_value (bld, self->a->scenario->id);
  json_builder_set_member_name (bld, "spdk_tag");
  json_builder_add_string_value (bld, iop_trace_spdk_tag (self->a));
  json_builder_set_member_name (bld, "index_base");
  json_builder_add_string_value (bld, "a_index and b_index are 0-based, as \"index\" in trace --json; people read step a_index + 1");
  add_run_json (bld, "run_a", self->a, label_a);
  add_run_json (bld, "run_b", self->b, label_b);
  json_builder_set_member_name (bld, "aligned_by");
  json_builder_add_string_value (bld, self->positional ? "index" : "step");
  json_builder_set_member_name (bld, "parted_at_row");
  json_builder_add_int_value (bld, self->parted);
  json_builder_set_member_name (bld, "first_later_row");
  json_builder_add_int_value (bld, self->first_late);
  json_builder_set_member_name (bld, "rows");
  json_builder_begin_array (bld);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const IopAbRow *row = &g_array_index (self->rows, IopAbRow, i);
      const IopStep *s = row->a >= 0 ? g_ptr_array_index (self->a->steps, row->a)
                                     : g_ptr_array_index (self->b->steps, row->b);

      json_builder_begin_object (bld);
      json_builder_set_member_name (bld, "key");
      json_builder_add_string_value (bld, s->key);
      json_builder_set_member_name (bld, "title");
      json_builder_add_string_value (bld, s->title);
      json_builder_set_member_name (bld, "leg");
      json_builder_add_int_value (bld, s->leg);
      add_side_json (bld, "a", self->a, row->a);
      add_side_json (bld, "b", self->b, row->b);
      json_builder_set_member_name (bld, "differs");
      json_builder_begin_array (bld);
      for (guint bit = 1; bit <= IOP_AB_ORDER; bit <<= 1)
        if (row->differs & bit)
          json_builder_add_string_value (bld, diff_name (bit));
      json_builder_end_array (bld);
      json_builder_end_object (bld);
    }
  json_builder_end_array (bld);
  json_builder_end_object (bld);
  return json_builder_get_root (bld);
}

/* ---- text ---- */

static char *
gauge_phrase (const IopGauge *g)
{
  if (g == NULL)
    return g_strdup (_("no pool"));
  if (g->owner != NULL)
    /* TRANSLATORS: a pool and the thread or queue pair it belongs to: "the bdev_io cache of nvmf_tgt_poll_group_000" */
    return g_strdup_printf (_("the %s of %s"), g->label, g->owner);
  /* TRANSLATORS: a pool: "the bdev_io mempool" */
  return g_strdup_printf (_("the %s"), g->label);
}

/* "takes bdev_io from the bdev_io mempool; returns ..." for one run's step */
static char *
moves_phrase (const IopTrace *t,
              const IopStep  *s)
{
  GString *out = g_string_new (NULL);
  const GArray *lists[2] = { s->allocs, s->frees };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const IopObjectEvent *ev = &g_array_index (lists[l], IopObjectEvent, i);
        const IopObject *o = g_ptr_array_index (t->objects, ev->object);
        g_autofree char *pool = gauge_phrase (ev->gauge >= 0 ? g_ptr_array_index (t->gauges, ev->gauge) : NULL);

        if (out->len > 0)
          g_string_append (out, "; ");
        if (l == 0)
          /* TRANSLATORS: an object and the pool it came from: "bdev_io from the bdev_io mempool" */
          g_string_append_printf (out, _("takes %s from %s"), o->kind, pool);
        else
          g_string_append_printf (out, _("returns %s to %s"), o->kind, pool);
      }
  if (out->len == 0)
    g_string_append (out, _("takes and returns nothing"));
  return g_string_free (out, FALSE);
}

/* Steps as people count them, from 1: "14", or "14/15" when the runs number it differently */
char *
iop_ab_compare_row_number (const IopAbCompare *self,
                           guint               index)
{
  const IopAbRow *row = &g_array_index (self->rows, IopAbRow, index);
  g_autofree char *a = row->a >= 0 ? g_strdup_printf ("%d", row->a + 1) : g_strdup ("–");
  g_autofree char *b = row->b >= 0 ? g_strdup_printf ("%d", row->b + 1) : g_strdup ("–");

  if (g_strcmp0 (a, b) == 0)
    return g_steal_pointer (&a);
  return g_strdup_printf ("%s/%s", a, b);
}

/* What differs in aligned row ROW, one line per difference (no header) */
char *
iop_ab_compare_describe_row (const IopAbCompare *self,
                             guint               index)
{
  const IopAbRow *row = &g_array_index (self->rows, IopAbRow, index);
  const IopStep *a = row->a >= 0 ? g_ptr_array_index (self->a->steps, row->a) : NULL;
  const IopStep *b = row->b >= 0 ? g_ptr_array_index (self->b->steps, row->b) : NULL;
  GString *out = g_string_new (NULL);

  if (a == NULL || b == NULL)
    {
      g_autofree char *moves = moves_phrase (a != NULL ? self->a : self->b, a != NULL ? a : b);

      g_string_append_printf (out, a != NULL ? _("in A only: %s") : _("in B only: %s"), moves);
      return g_string_free (out, FALSE);
    }
  if (row->differs & IOP_AB_POOL)
    {
      g_autofree char *ma = moves_phrase (self->a, a);
      g_autofree char *mb = moves_phrase (self->b, b);

      g_string_append_printf (out, _("A %s\nB %s\n"), ma, mb);
    }
  if (row->differs & IOP_AB_ORDER)
    g_string_append (out, _("both runs take this step, in another order among the others\n"));
  if (row->differs & IOP_AB_THREAD)
    g_string_append_printf (out, _("runs on %s in A, on %s in B\n"),
                            a->thread ? a->thread : "-", b->thread ? b->thread : "-");
  if (row->differs & IOP_AB_WAIT)
    g_string_append (out, a->waited ? _("the I/O waits here in A only\n")
                                    : _("the I/O waits here in B only\n"));
  if (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
describe_row (GString            *out,
              const IopAbCompare *self,
              guint               index)
{
  const IopAbRow *row = &g_array_index (self->rows, IopAbRow, index);
  const IopStep *s = row->a >= 0 ? g_ptr_array_index (self->a->steps, row->a)
                                 : g_ptr_array_index (self->b->steps, row->b);
  g_autofree char *num = iop_ab_compare_row_number (self, index);
  g_autofree char *what = iop_ab_compare_describe_row (self, index);
  g_auto(GStrv) lines = g_strsplit (what, "\n", -1);

  g_string_append_printf (out, _("  step %s, %s, %s:\n"), num, s->key, s->title);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "      %s\n", lines[i]);
}

static void
describe_times (GString            *out,
                const IopAbCompare *self)
{
  const IopAbRow *row;
  const IopStep *a, *b;
  g_autofree char *num = NULL;
  g_autofree char *delta = NULL;
  gint64 d;

  if (self->first_late < 0)
    {
      g_string_append (out, _("Every step starts at the same time in both runs.\n"));
      return;
    }
  row = &g_array_index (self->rows, IopAbRow, self->first_late);
  a = g_ptr_array_index (self->a->steps, row->a);
  b = g_ptr_array_index (self->b->steps, row->b);
  d = (b->t_ns - self->b->start_ns) - (a->t_ns - self->a->start_ns);
  num = iop_ab_compare_row_number (self, self->first_late);
  delta = iop_format_duration (ABS (d));
  g_string_append_printf (out, d > 0 ? _("From step %s (%s) on, B's steps start later: %s at that step.\n")
                                     : _("From step %s (%s) on, B's steps start earlier: %s at that step.\n"),
                          num, a->title, delta);
  {
    guint late = iop_ab_compare_count (self, IOP_AB_TIME);
    guint longer = iop_ab_compare_count (self, IOP_AB_DURATION);

    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u step starts at another time; ",
                                              "%u steps start at another time; ", late), late);
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u step takes another time.\n",
                                              "%u steps take another time.\n", longer), longer);
  }
}

char *
iop_ab_compare_to_text (const IopAbCompare *self,
                        const char         *label_a,
                        const char         *label_b)
{
  GString *out = g_string_new (NULL);
  gint64 ea = self->a->end_ns - self->a->start_ns, eb = self->b->end_ns - self->b->start_ns;
  g_autofree char *sa = iop_format_duration (ea);
  g_autofree char *sb = iop_format_duration (eb);
  g_autofree char *sd = iop_format_duration (ABS (eb - ea));
  guint parting = iop_ab_compare_count (self, IOP_AB_PARTING);

  g_string_append_printf (out, _("A/B comparison of scenario %s, SPDK %s\n"),
                          self->a->scenario->id, iop_trace_spdk_tag (self->a));
  g_string_append_printf (out, _("  A: %s\n  B: %s\n"), label_a, label_b);
  g_string_append_printf (out, _("End to end: A %s, B %s (%s%s)\n"), sa, sb,
                          eb >= ea ? "+" : "−", sd);
  g_string_append_printf (out, _("Steps: A %u, B %u; %u in A only, %u in B only; "
                                 "%u take or return objects from another pool, %u run on another thread\n"),
                          self->a->steps->len, self->b->steps->len,
                          iop_ab_compare_count (self, IOP_AB_ONLY_A), iop_ab_compare_count (self, IOP_AB_ONLY_B),
                          iop_ab_compare_count (self, IOP_AB_POOL), iop_ab_compare_count (self, IOP_AB_THREAD));
  if (self->positional)
    g_string_append (out, _("The runs are too long to align step by step: steps are paired by number.\n"));
  if (self->parted < 0)
    g_string_append (out, _("The runs take the same steps with the same objects from the same pools.\n"));
  else
    {
      g_string_append (out, _("The runs part here:\n"));
      describe_row (out, self, self->parted);
      if (parting > 1)
        {
          g_string_append (out, _("Other steps that differ:\n"));
          for (guint i = self->parted + 1; i < self->rows->len; i++)
            if ((g_array_index (self->rows, IopAbRow, i).differs & IOP_AB_PARTING) != 0)
              describe_row (out, self, i);
        }
    }
  describe_times (out, self);
  return g_string_free (out, FALSE);
}
