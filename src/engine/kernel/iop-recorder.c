/* iop-recorder.c: how a run writes its trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "iop-kernel.h"
#include "iop-recorder.h"
#include "iop-refs.h"
#include "iop-trace-private.h"

const char *
iop_scratch (Sim *sim, char *owned)
{
  g_ptr_array_add (sim->scratch, owned);
  return owned;
}

const char *
iop_size_str (gint64 bytes, char *buf, gsize len)
{
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    g_snprintf (buf, len, "%" PRId64 " MiB", bytes / (1024 * 1024));
  else if (bytes >= 1024 && bytes % 1024 == 0)
    g_snprintf (buf, len, "%" PRId64 " KiB", bytes / 1024);
  else
    g_snprintf (buf, len, "%" PRId64 " B", bytes);
  return buf;
}

char *
iop_secs (gint64 ns)
{
  return g_strdup_printf (_("%.3f s"), ns / 1e9);
}

/* --- Levels ------------------------------------------------------------------- */

static void
snapshot (Sim *sim, gint64 *row)
{
  for (guint i = 0; i < sim->res->len; i++)
    {
      Res *r = g_ptr_array_index (sim->res, i);
      if (r->gauge >= 0)
        row[r->gauge] = r->level;
    }
}

/* The row of step INDEX (recording order) */
static gint64 *
row_of (Sim *sim, guint index)
{
  guint n = MAX (sim->trace->gauges->len, 1);

  return &g_array_index (sim->rows, gint64, (gsize)index * n);
}

/* Refreshes the last step's row: what its code changed after it was recorded */
static void
close_last (Sim *sim)
{
  if (sim->last_rec != NULL)
    snapshot (sim, row_of (sim, sim->last_rec->index));
  sim->last_rec = NULL;
}

void
iop_recorder_event_end (Sim *sim)
{
  if (sim->last_rec != NULL)
    close_last (sim);
}

void
iop_recorder_start (Sim *sim)
{
  guint n = sim->trace->gauges->len;
  gint64 *row = g_newa (gint64, MAX (n, 1));

  snapshot (sim, row);
  iop_trace_push_levels (sim->trace, row);
  sim->rows = g_array_new (FALSE, TRUE, sizeof (gint64));
}

void
iop_follow (Sim         *sim,
            Res         *r,
            IopPlace     place,
            int          node,
            const char  *key,
            const char  *label,
            const char  *owner,
            IopGaugeKind kind,
            const char  *knob)
{
  IopGauge *g;

  if (r == NULL || r->gauge >= 0)
    return;
  g = g_new0 (IopGauge, 1);
  g->id = sim->trace->gauges->len;
  g->key = g_strdup (key);
  g->label = g_strdup (label);
  g->owner = g_strdup (owner);
  g->kind = kind;
  g->place = place;
  g->node = node;
  g->capacity = r->capacity;
  g->initial = r->level;
  g->knob = knob;
  r->gauge = (int)g->id;
  g_ptr_array_add (sim->trace->gauges, g);
}

/* --- Steps ------------------------------------------------------------------------ */

static IopStep *
new_step (Sim *sim, Io *io, int leg, IopStage stage, IopPlace place, int node,
          ThreadState *ts, gint64 t, gint64 dur, const char *title, char *detail)
{
  const IopStageInfo *info = iop_stage_info (stage);
  IopStep *s;
  IopRef ref;
  guint n = MAX (sim->trace->gauges->len, 1);
  const char *host = place == IOP_PLACE_STORAGE ? "storage" : place == IOP_PLACE_BAREMETAL ? "baremetal" : NULL;

  close_last (sim);
  s = iop_step_new ();
  s->index = sim->trace->steps->len;
  s->t_ns = t;
  s->dur_ns = dur;
  s->key = info->key;
  s->stage = stage;
  s->layer = info->layer;
  s->direction = info->direction;
  s->place = place;
  s->node = place == IOP_PLACE_STORAGE ? node : -1;
  s->leg = leg;
  s->core = ts ? (int)ts->t->core : -1;
  s->thread = ts ? g_strdup (ts->t->name) : NULL;
  s->title = g_strdup (title);
  s->detail = detail;
  s->control = info->direction == IOP_DIR_CONTROL;
  s->waited = info->direction == IOP_DIR_WAIT;
  if (info->direction == IOP_DIR_CONTROL)
    iop_step_token (s, IOP_TOKEN_NONE, place, s->node, info->layer, info->direction);
  else if (place == IOP_PLACE_NETWORK)
    iop_step_token (s, IOP_TOKEN_WIRE, place, -1, info->layer, info->direction == IOP_DIR_UP ? IOP_DIR_UP : IOP_DIR_DOWN);
  else
    iop_step_token (s, IOP_TOKEN_BOX, place, s->node, info->layer, info->direction);
  s->token.leg = leg;
  s->reads = io ? iop_leg_reads (io, leg) : sim->sc->op == IOP_OP_READ;
  if (iop_refs_lookup (sim->sc->version, info->key, host, iop_op_name (s->reads ? IOP_OP_READ : IOP_OP_WRITE), &ref))
    {
      s->file = g_strdup (ref.file);
      s->function = g_strdup (ref.function);
      s->highlight = g_strdup (ref.highlight);
      s->line = ref.line;
    }
  g_ptr_array_add (sim->trace->steps, s);
  sim->cur_step = (int)s->index;
  g_array_set_size (sim->rows, (gsize)(s->index + 1) * n);
  snapshot (sim, row_of (sim, s->index));
  sim->last_rec = s;
  return s;
}

IopStep *
iop_rec (Sim         *sim,
         Io          *io,
         int          leg,
         IopStage     stage,
         ThreadState *ts,
         gint64       dur,
         const char  *title,
         char        *detail)
{
  IopStep *s;

  g_assert (ts != NULL);
  s = new_step (sim, io, leg, stage, ts->host->place, ts->host->node, ts, sim->now, dur, title, detail);
  iop_cpu (sim, dur);
  return s;
}

IopStep *
iop_rec_at (Sim        *sim,
            Io         *io,
            int         leg,
            IopStage    stage,
            HostState  *hs,
            gint64      t,
            gint64      dur,
            const char *title,
            char       *detail)
{
  return new_step (sim, io, leg, stage, hs ? hs->place : IOP_PLACE_NETWORK, hs ? hs->node : -1,
                   NULL, t, dur, title, detail);
}

IopStep *
iop_rec_ctl (Sim         *sim,
             IopStage     stage,
             HostState   *hs,
             ThreadState *ts,
             int          leg,
             const char  *title,
             char        *detail)
{
  const IopStageInfo *info = iop_stage_info (stage);

  if (sim->wl != NULL)
    {
      IopFaultEvent *fe = g_new0 (IopFaultEvent, 1);

      fe->t_ns = sim->now;
      fe->key = info->key;
      fe->leg = leg;
      fe->title = g_strdup (title);
      g_ptr_array_add (sim->fault_events, fe);
      g_free (detail);
      return NULL;
    }
  if (sim->traced == NULL)
    {
      g_free (detail);
      return NULL;
    }
  return new_step (sim, sim->traced, leg, stage, hs ? hs->place : IOP_PLACE_NETWORK, hs ? hs->node : -1,
                   ts, sim->now, 0, title, detail);
}

void
iop_step_ref_variant (Sim *sim, IopStep *s, const char *variant)
{
  IopRef ref;

  if (s == NULL || !iop_refs_lookup (sim->sc->version, s->key, NULL, variant, &ref))
    return;
  g_free (s->file);
  g_free (s->function);
  g_free (s->highlight);
  s->file = g_strdup (ref.file);
  s->function = g_strdup (ref.function);
  s->highlight = g_strdup (ref.highlight);
  s->line = ref.line;
}

void
iop_step_token (IopStep *s, IopTokenKind kind, IopPlace place, int node, IopLayer layer, IopDirection dir)
{
  s->token.kind = kind;
  s->token.place = place;
  s->token.node = place == IOP_PLACE_STORAGE ? node : -1;
  s->token.layer = layer;
  s->token.direction = dir;
}

void
iop_step_knob (Sim *sim, IopStep *s, IopHostId host, const char *id, char *effect)
{
  IopStepKnob *k;
  const IopKnobDef *def;

  def = iop_scenario_find_knob (sim->sc, host, id, NULL);
  if (def == NULL)
    {
      g_critical ("knob %s is not defined for %s", id, iop_host_name (host));
      g_free (effect);
      return;
    }
  k = g_new0 (IopStepKnob, 1);
  k->def = def;
  k->host = host;
  k->value = iop_scenario_knob_value (sim->sc, host, def);
  k->is_set = iop_scenario_knob_is_set (sim->sc, host, def);
  k->effect = effect;
  g_ptr_array_add (s->knobs, k);
}

/* --- Objects -------------------------------------------------------------------- */

int
iop_obj_alloc (Sim        *sim,
               IopStep    *s,
               int         leg,
               const char *kind,
               const char *label,
               Res        *from_res,
               gint64      before,
               const char *from,
               guint       count,
               gint64      bytes,
               HostState  *hs)
{
  IopObject *o = g_new0 (IopObject, 1);
  IopObjectEvent e;

  o->id = sim->trace->objects->len;
  o->kind = g_strdup (kind);
  o->label = g_strdup (label);
  o->gauge = from_res ? from_res->gauge : -1;
  o->from = g_strdup (from);
  o->place = hs ? hs->place : IOP_PLACE_NETWORK;
  o->node = hs && hs->place == IOP_PLACE_STORAGE ? hs->node : -1;
  o->leg = leg;
  o->count = count;
  o->bytes = bytes;
  o->alloc_step = (int)s->index;
  o->free_step = -1;
  g_ptr_array_add (sim->trace->objects, o);

  e.object = o->id;
  e.gauge = o->gauge;
  e.before = before;
  e.after = from_res ? from_res->level : 0;
  g_array_append_val (s->allocs, e);
  return (int)o->id;
}

void
iop_obj_free (Sim *sim, IopStep *s, int *obj, Res *to_res, gint64 before)
{
  IopObjectEvent e;
  IopObject *o;

  if (obj == NULL || *obj < 0)
    return;
  o = g_ptr_array_index (sim->trace->objects, *obj);
  o->free_step = (int)s->index;
  e.object = o->id;
  e.gauge = to_res ? to_res->gauge : -1;
  e.before = before;
  e.after = to_res ? to_res->level : 0;
  g_array_append_val (s->frees, e);
  *obj = -1;
}

void
iop_diag (Sim         *sim,
          IopDiagLevel level,
          IopHostId    host,
          gboolean     from_spdk,
          const char  *source,
          const char  *knob_id,
          char        *message)
{
  IopDiagnostic *d;

  /* SPDK logs it once per thread; say it once, with the count */
  for (guint i = 0; i < sim->trace->diagnostics->len; i++)
    {
      d = g_ptr_array_index (sim->trace->diagnostics, i);
      if (d->level == level && d->host == host && g_strcmp0 (d->message, message) == 0)
        {
          d->count++;
          g_free (message);
          return;
        }
    }
  d = g_new0 (IopDiagnostic, 1);
  d->count = 1;
  d->level = level;
  d->host = host;
  d->from_spdk = from_spdk;
  d->message = message;
  d->source = g_strdup (source);
  d->knob = knob_id;
  d->during_io = sim->trace->steps->len > 0;
  g_ptr_array_add (sim->trace->diagnostics, d);
}

/* --- Finish: time order ------------------------------------------------------------ */

static int
step_cmp (gconstpointer a, gconstpointer b)
{
  const IopStep *x = *(IopStep *const *)a;
  const IopStep *y = *(IopStep *const *)b;

  if (x->t_ns != y->t_ns)
    return x->t_ns < y->t_ns ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

void
iop_recorder_finish (Sim *sim)
{
  IopTrace *t = sim->trace;
  guint n = t->steps->len;
  guint ng = t->gauges->len;
  g_autofree int *new_index = g_new (int, MAX (n, 1));

  close_last (sim);
  g_ptr_array_sort (t->steps, step_cmp);
  for (guint i = 0; i < n; i++)
    {
      IopStep *s = g_ptr_array_index (t->steps, i);
      new_index[s->index] = (int)i;
    }
  /* Levels after each step, in the new order */
  if (ng > 0)
    for (guint i = 0; i < n; i++)
      {
        IopStep *s = g_ptr_array_index (t->steps, i);
        iop_trace_push_levels (t, row_of (sim, s->index));
      }
  else
    for (guint i = 0; i < n; i++)
      iop_trace_push_levels (t, NULL);
  for (guint i = 0; i < n; i++)
    ((IopStep *)g_ptr_array_index (t->steps, i))->index = i;
  for (guint i = 0; i < t->objects->len; i++)
    {
      IopObject *o = g_ptr_array_index (t->objects, i);
      o->alloc_step = new_index[o->alloc_step];
      if (o->free_step >= 0)
        o->free_step = new_index[o->free_step];
    }
  if (t->split_step >= 0)
    t->split_step = new_index[t->split_step];
  if (t->join_step >= 0)
    t->join_step = new_index[t->join_step];
  g_clear_pointer (&sim->rows, g_array_unref);
}
