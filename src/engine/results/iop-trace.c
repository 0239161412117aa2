/* iop-trace.c: the trace and its printers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-explanations.h"
#include "iop-outcome.h"
#include "iop-refs.h"
#include "iop-trace-private.h"

const char *
iop_place_name (IopPlace place)
{
  switch (place)
    {
    case IOP_PLACE_BAREMETAL: return "baremetal";
    case IOP_PLACE_NETWORK: return "network";
    case IOP_PLACE_STORAGE: return "storage";
    default: g_assert_not_reached ();
    }
}

const char *
iop_diag_level_name (IopDiagLevel level)
{
  switch (level)
    {
    case IOP_DIAG_INFO: return "info";
    case IOP_DIAG_NOTICE: return "notice";
    case IOP_DIAG_WARNING: return "warning";
    case IOP_DIAG_DEPRECATION: return "deprecation";
    case IOP_DIAG_ERROR: return "error";
    default: g_assert_not_reached ();
    }
}

static void
step_knob_free (gpointer p)
{
  IopStepKnob *k = p;

  g_free (k->effect);
  g_free (k);
}

IopStep *
iop_step_new (void)
{
  IopStep *s = g_new0 (IopStep, 1);

  s->allocs = g_array_new (FALSE, FALSE, sizeof (IopObjectEvent));
  s->frees = g_array_new (FALSE, FALSE, sizeof (IopObjectEvent));
  s->knobs = g_ptr_array_new_with_free_func (step_knob_free);
  return s;
}

static void
step_free (gpointer p)
{
  IopStep *s = p;

  g_free (s->thread);
  g_free (s->title);
  g_free (s->detail);
  g_free (s->file);
  g_free (s->function);
  g_free (s->highlight);
  g_array_unref (s->allocs);
  g_array_unref (s->frees);
  g_ptr_array_unref (s->knobs);
  g_free (s);
}

static void
object_free (gpointer p)
{
  IopObject *o = p;

  g_free (o->kind);
  g_free (o->label);
  g_free (o->from);
  g_free (o);
}

static void
gauge_free (gpointer p)
{
  IopGauge *g = p;

  g_free (g->key);
  g_free (g->label);
  g_free (g->owner);
  g_free (g);
}

static void
diag_free (gpointer p)
{
  IopDiagnostic *d = p;

  g_free (d->message);
  g_free (d->source);
  g_free (d);
}

static void
stats_free (gpointer p)
{
  IopIobufStats *st = p;

  g_free (st->module);
  g_free (st);
}

const IopIobufStats *
iop_trace_find_iobuf_stats (const IopTrace *self,
                            IopPlace        place,
                            int             node,
                            const char     *module)
{
  for (guint i = 0; i < self->iobuf_stats->len; i++)
    {
      IopIobufStats *st = g_ptr_array_index (self->iobuf_stats, i);
      if (st->place == place && st->node == node && g_strcmp0 (st->module, module) == 0)
        return st;
    }
  return NULL;
}

int
iop_trace_worst_level (const IopTrace *self)
{
  int worst = -1;

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (self->diagnostics, i);
      worst = MAX (worst, (int)d->level);
    }
  return worst;
}

IopTrace *
iop_trace_new (IopScenario *scenario_owned)
{
  IopTrace *self = g_new0 (IopTrace, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->scenario = scenario_owned;
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->objects = g_ptr_array_new_with_free_func (object_free);
  self->gauges = g_ptr_array_new_with_free_func (gauge_free);
  self->diagnostics = g_ptr_array_new_with_free_func (diag_free);
  self->levels = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->iobuf_stats = g_ptr_array_new_with_free_func (stats_free);
  self->split_step = -1;
  self->join_step = -1;
  self->path_states = g_array_new (FALSE, TRUE, sizeof (IopPathState));
  self->leg_states = g_array_new (FALSE, TRUE, sizeof (IopLegState));
  self->served_by = -1;
  return self;
}

IopTrace *
iop_trace_ref (IopTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_trace_unref (IopTrace *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->steps);
  g_ptr_array_unref (self->objects);
  g_ptr_array_unref (self->gauges);
  g_ptr_array_unref (self->diagnostics);
  g_array_unref (self->levels);
  g_ptr_array_unref (self->iobuf_stats);
  g_array_unref (self->path_states);
  g_array_unref (self->leg_states);
  iop_topology_free (self->topology);
  iop_scenario_unref (self->scenario);
  g_free (self);
}

void
iop_trace_push_levels (IopTrace     *self,
                       const gint64 *row)
{
  g_array_append_vals (self->levels, row, self->gauges->len);
}

void
iop_trace_set_levels (IopTrace     *self,
                      guint         step,
                      const gint64 *row)
{
  guint n = self->gauges->len;

  g_return_if_fail ((step + 2) * n <= self->levels->len);
  memcpy (&g_array_index (self->levels, gint64, (step + 1) * n), row, n * sizeof (gint64));
}

void
iop_trace_finish (IopTrace *self)
{
  (void)self;
}

const char *
iop_ctrlr_state_name (IopCtrlrState state)
{
  static const char *const names[] = { "connected", "resetting", "reconnect-delayed", "failed", "deleted" };
  return state <= IOP_CTRLR_DELETED ? names[state] : "unknown";
}

const char *
iop_ctrlr_state_label (IopCtrlrState state)
{
  switch (state)
    {
    case IOP_CTRLR_CONNECTED: return _("connected");
    case IOP_CTRLR_RESETTING: return _("reconnecting");
    case IOP_CTRLR_DELAYED: return _("waiting to reconnect");
    case IOP_CTRLR_FAILED: return _("failed");
    case IOP_CTRLR_DELETED: return _("deleted");
    default: return "?";
    }
}

const char *
iop_outcome_name (IopOutcome outcome)
{
  static const char *const names[] = { "completed", "completed-late", "failed" };
  return outcome <= IOP_OUTCOME_FAILED ? names[outcome] : "unknown";
}

gboolean
iop_trace_has_faults (const IopTrace *self)
{
  return self->scenario->faults->len > 0;
}

gboolean
iop_trace_path_state_at (const IopTrace *self,
                         guint           leg,
                         guint           path,
                         gint64          t_ns,
                         IopPathState   *out)
{
  gboolean found = FALSE;

  memset (out, 0, sizeof *out);
  out->leg = leg;
  out->path = path;
  out->link_up = out->qpair_up = TRUE;
  out->state = IOP_CTRLR_CONNECTED;
  out->next_attempt_ns = out->loss_at_ns = out->fast_fail_at_ns = -1;
  for (guint i = 0; i < self->path_states->len; i++)
    {
      const IopPathState *p = &g_array_index (self->path_states, IopPathState, i);

      if (p->t_ns > t_ns)
        break;
      if (p->leg == leg && p->path == path)
        {
          *out = *p;
          found = TRUE;
        }
    }
  return found;
}

gboolean
iop_trace_leg_state_at (const IopTrace *self,
                        guint           leg,
                        gint64          t_ns,
                        IopLegState    *out)
{
  gboolean found = FALSE;

  memset (out, 0, sizeof *out);
  out->leg = leg;
  for (guint i = 0; i < self->leg_states->len; i++)
    {
      const IopLegState *l = &g_array_index (self->leg_states, IopLegState, i);

      if (l->t_ns > t_ns)
        break;
      if (l->leg == leg)
        {
          *out = *l;
          found = TRUE;
        }
    }
  return found;
}

gint64
iop_trace_level (const IopTrace *self,
                 int             step,
                 guint           gauge)
{
  guint n = self->gauges->len;
  int max_step = (int)self->steps->len - 1;

  g_return_val_if_fail (gauge < n, 0);
  step = CLAMP (step, -1, max_step);
  return g_array_index (self->levels, gint64, (guint)(step + 1) * n + gauge);
}

int
iop_trace_step_at_time (const IopTrace *self,
                        gint64          t_ns)
{
  int lo = 0, hi = (int)self->steps->len - 1, best = 0;

  if (hi < 0)
    return -1;
  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      IopStep *s = g_ptr_array_index (self->steps, mid);

      if (s->t_ns <= t_ns)
        {
          best = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return best;
}

const char *
iop_trace_spdk_tag (const IopTrace *self)
{
  return iop_spdk_version_tag (self->scenario->version);
}

/* The NVMe-oF transport a step on a host deals with, lower case ("tcp"), or
 * NULL: the NVMe driver and bdev_nvme on the baremetal host face the fabric,
 * everything else on a host the target transport the host serves. */
static char *
step_transport (const IopTrace *self, const IopStep *s)
{
  const IopHostConfig *hc;
  const char *tr;

  if (s->place == IOP_PLACE_STORAGE)
    hc = &self->scenario->hosts[IOP_HOST_STORAGE];
  else if (s->place == IOP_PLACE_BAREMETAL)
    hc = &self->scenario->hosts[IOP_HOST_BAREMETAL];
  else
    return NULL;
  tr = hc->target_trtype;
  if (s->place == IOP_PLACE_BAREMETAL &&
      (s->layer == IOP_LAYER_NVME || s->layer == IOP_LAYER_BDEV_NVME))
    tr = hc->fabric_trtype;
  return tr != NULL ? g_ascii_strdown (tr, -1) : NULL;
}

const IopExplanation *
iop_trace_step_explanation (const IopTrace *self, const IopStep *s)
{
  const IopStageInfo *info = iop_stage_info (s->stage);
  const char *host = s->place == IOP_PLACE_STORAGE ? "storage" : s->place == IOP_PLACE_BAREMETAL ? "baremetal" : NULL;
  const char *key = info->explanation ? info->explanation : s->key;
  /* the leg's direction: a read's write-back leg is explained as a write */
  const char *op = iop_op_name (s->reads ? IOP_OP_READ : IOP_OP_WRITE);
  g_autofree char *tr = host != NULL ? step_transport (self, s) : NULL;

  /* A text written for another transport than raid_270's: KEY@HOST~TRANSPORT */
  if (tr != NULL)
    {
      g_autofree char *flavoured = g_strconcat (host, "~", tr, NULL);
      const IopExplanation *ex = iop_explanation_lookup (key, flavoured, op);

      if (ex != NULL && strchr (ex->key, '~') != NULL)
        return ex;
    }
  return iop_explanation_lookup (key, host, op);
}

/* --- JSON ---------------------------------------------------------------- */

static void
add_events (JsonBuilder *b, const IopTrace *self, GArray *events)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < events->len; i++)
    {
      IopObjectEvent *e = &g_array_index (events, IopObjectEvent, i);
      IopObject *o = g_ptr_array_index (self->objects, e->object);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "object");
      json_builder_add_int_value (b, e->object);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, o->kind);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, o->count);
      json_builder_set_member_name (b, "pool");
      if (e->gauge >= 0)
        {
          IopGauge *g = g_ptr_array_index (self->gauges, e->gauge);
          json_builder_add_string_value (b, g->key);
          json_builder_set_member_name (b, "level_before");
          json_builder_add_int_value (b, e->before);
          json_builder_set_member_name (b, "level_after");
          json_builder_add_int_value (b, e->after);
        }
      else
        json_builder_add_string_value (b, o->from);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_string_or_null (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int_or_null (JsonBuilder *b, const char *name, gint64 value, gboolean is_null)
{
  json_builder_set_member_name (b, name);
  if (is_null)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, value);
}

/* The faults of the scenario and the state of each path and leg over time,
   only in a trace with faults */
static void
add_fault_states (JsonBuilder *b, const IopTrace *self)
{
  const IopScenario *sc = self->scenario;

  add_int_or_null (b, "start_ns", self->start_ns, FALSE);
  add_string_or_null (b, "outcome", iop_outcome_name (self->outcome));
  add_int_or_null (b, "served_by_leg", self->served_by, self->served_by < 0);
  add_int_or_null (b, "held_ns", self->held_ns, FALSE);
  json_builder_set_member_name (b, "faults");
  json_builder_begin_array (b);
  for (guint i = 0; i < sc->faults->len; i++)
    json_builder_add_value (b, iop_fault_to_json (&g_array_index (sc->faults, IopFault, i)));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "path_states");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->path_states->len; i++)
    {
      const IopPathState *ps = &g_array_index (self->path_states, IopPathState, i);
      json_builder_begin_object (b);
      add_int_or_null (b, "t_ns", ps->t_ns, FALSE);
      add_int_or_null (b, "leg", ps->leg, FALSE);
      add_int_or_null (b, "path", ps->path, FALSE);
      json_builder_set_member_name (b, "link_up");
      json_builder_add_boolean_value (b, ps->link_up);
      json_builder_set_member_name (b, "qpair_up");
      json_builder_add_boolean_value (b, ps->qpair_up);
      add_string_or_null (b, "controller", iop_ctrlr_state_name (ps->state));
      add_int_or_null (b, "next_attempt_ns", ps->next_attempt_ns, ps->next_attempt_ns < 0);
      add_int_or_null (b, "loss_at_ns", ps->loss_at_ns, ps->loss_at_ns < 0);
      add_int_or_null (b, "fast_fail_at_ns", ps->fast_fail_at_ns, ps->fast_fail_at_ns < 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "leg_states");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->leg_states->len; i++)
    {
      const IopLegState *ls = &g_array_index (self->leg_states, IopLegState, i);
      json_builder_begin_object (b);
      add_int_or_null (b, "t_ns", ls->t_ns, FALSE);
      add_int_or_null (b, "leg", ls->leg, FALSE);
      json_builder_set_member_name (b, "removed");
      json_builder_add_boolean_value (b, ls->removed);
      add_int_or_null (b, "held", ls->held, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Where the token stands after a step: in a box or on a wire */
static void
add_step_token (JsonBuilder *b, const IopStep *s)
{
  json_builder_set_member_name (b, "token");
  json_builder_begin_object (b);
  add_string_or_null (b, "at", s->token.kind == IOP_TOKEN_BOX ? "box" : s->token.kind == IOP_TOKEN_WIRE ? "wire" : "none");
  if (s->token.kind == IOP_TOKEN_BOX)
    {
      add_string_or_null (b, "host", iop_place_name (s->token.place));
      add_int_or_null (b, "node", s->token.node, s->token.node < 0);
      add_string_or_null (b, "layer", iop_layer_name (s->token.layer));
    }
  else if (s->token.kind == IOP_TOKEN_WIRE)
    add_string_or_null (b, "toward", s->token.direction == IOP_DIR_UP ? "host" : "storage");
  add_int_or_null (b, "leg", s->token.leg, s->token.leg < 0);
  json_builder_end_object (b);
}

/* The knobs a step depends on, with their value and default */
static void
add_step_knobs (JsonBuilder *b, const IopTrace *self, const IopStep *s)
{
  const IopScenario *sc = self->scenario;

  json_builder_set_member_name (b, "knobs");
  json_builder_begin_array (b);
  for (guint k = 0; k < s->knobs->len; k++)
    {
      IopStepKnob *kn = g_ptr_array_index (s->knobs, k);
      g_autofree char *v = iop_knob_format (kn->def, kn->value);
      g_autofree char *d = iop_knob_format (kn->def, iop_knob_def_default (kn->def, sc->version));

      json_builder_begin_object (b);
      add_string_or_null (b, "id", kn->def->id);
      add_string_or_null (b, "host", iop_host_name (kn->host));
      add_string_or_null (b, "value", v);
      add_string_or_null (b, "default", d);
      json_builder_set_member_name (b, "set");
      json_builder_add_boolean_value (b, kn->is_set);
      add_string_or_null (b, "effect", kn->effect);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_step (JsonBuilder *b, const IopTrace *self, IopStep *s)
{
  const IopExplanation *ex = iop_trace_step_explanation (self, s);
  g_autofree char *ex_text = iop_trace_step_explanation_text (self, s);

  json_builder_begin_object (b);
  add_int_or_null (b, "index", s->index, FALSE);
  add_int_or_null (b, "t_ns", s->t_ns, FALSE);
  add_int_or_null (b, "dur_ns", s->dur_ns, FALSE);
  add_string_or_null (b, "host", iop_place_name (s->place));
  add_int_or_null (b, "node", s->node, s->node < 0);
  add_int_or_null (b, "leg", s->leg, s->leg < 0);
  add_int_or_null (b, "core", s->core, s->core < 0);
  add_string_or_null (b, "thread", s->thread);
  add_string_or_null (b, "key", s->key);
  add_string_or_null (b, "layer", iop_layer_name (s->layer));
  add_string_or_null (b, "direction", iop_direction_name (s->direction));
  add_step_token (b, s);
  add_string_or_null (b, "title", s->title);
  add_string_or_null (b, "detail", s->detail);
  add_string_or_null (b, "file", s->file);
  add_string_or_null (b, "function", s->function);
  add_int_or_null (b, "line", s->line, s->line <= 0);
  add_string_or_null (b, "highlight", s->highlight);
  json_builder_set_member_name (b, "waited");
  json_builder_add_boolean_value (b, s->waited);
  if (s->control)
    {
      json_builder_set_member_name (b, "control");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_set_member_name (b, "allocs");
  add_events (b, self, s->allocs);
  json_builder_set_member_name (b, "frees");
  add_events (b, self, s->frees);
  add_step_knobs (b, self, s);
  json_builder_set_member_name (b, "explanation");
  if (ex)
    {
      json_builder_begin_object (b);
      add_string_or_null (b, "key", ex->key);
      add_string_or_null (b, "title", _(ex->title));
      add_string_or_null (b, "text", ex_text);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

/* Every object the I/O took, with the steps that took and freed it */
static void
add_objects (JsonBuilder *b, const IopTrace *self)
{
  json_builder_set_member_name (b, "objects");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->objects->len; i++)
    {
      IopObject *o = g_ptr_array_index (self->objects, i);

      json_builder_begin_object (b);
      add_int_or_null (b, "id", o->id, FALSE);
      add_string_or_null (b, "kind", o->kind);
      add_string_or_null (b, "label", o->label);
      add_string_or_null (b, "pool", o->gauge >= 0 ? ((IopGauge *)g_ptr_array_index (self->gauges, o->gauge))->key : NULL);
      add_string_or_null (b, "from", o->from);
      add_string_or_null (b, "host", iop_place_name (o->place));
      add_int_or_null (b, "node", o->node, o->node < 0);
      add_int_or_null (b, "leg", o->leg, o->leg < 0);
      add_int_or_null (b, "count", o->count, FALSE);
      add_int_or_null (b, "bytes", o->bytes, FALSE);
      add_int_or_null (b, "alloc_step", o->alloc_step, FALSE);
      add_int_or_null (b, "free_step", o->free_step, o->free_step < 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Every pool or gauge, with its level at the start and at the end */
static void
add_pools (JsonBuilder *b, const IopTrace *self)
{
  json_builder_set_member_name (b, "pools");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (self->gauges, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "key", g->key);
      add_string_or_null (b, "label", g->label);
      add_string_or_null (b, "owner", g->owner);
      add_string_or_null (b, "host", iop_place_name (g->place));
      add_int_or_null (b, "node", g->node, g->node < 0);
      add_int_or_null (b, "capacity", g->capacity, FALSE);
      add_int_or_null (b, "level_start", g->initial, FALSE);
      add_int_or_null (b, "level_end", iop_trace_level (self, (int)self->steps->len - 1, i), FALSE);
      add_string_or_null (b, "knob", g->knob);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* What SPDK or Iopath would log for this run */
static void
add_diagnostics (JsonBuilder *b, const IopTrace *self)
{
  json_builder_set_member_name (b, "diagnostics");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (self->diagnostics, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "level", iop_diag_level_name (d->level));
      add_string_or_null (b, "host", iop_host_name (d->host));
      json_builder_set_member_name (b, "spdk_message");
      json_builder_add_boolean_value (b, d->from_spdk);
      add_string_or_null (b, "message", d->message);
      add_string_or_null (b, "source", d->source);
      add_string_or_null (b, "knob", d->knob);
      add_int_or_null (b, "count", d->count, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* iobuf_get_stats as SPDK reports it: per module, small_pool and large_pool */
static void
add_iobuf_stats (JsonBuilder *b, const IopTrace *self)
{
  json_builder_set_member_name (b, "iobuf_stats");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->iobuf_stats->len; i++)
    {
      IopIobufStats *st = g_ptr_array_index (self->iobuf_stats, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "host", iop_place_name (st->place));
      add_int_or_null (b, "node", st->node, st->node < 0);
      add_string_or_null (b, "module", st->module);
      json_builder_set_member_name (b, "small_pool");
      json_builder_begin_object (b);
      add_int_or_null (b, "cache", st->small_cache, FALSE);
      add_int_or_null (b, "main", st->small_main, FALSE);
      add_int_or_null (b, "retry", st->small_retry, FALSE);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "large_pool");
      json_builder_begin_object (b);
      add_int_or_null (b, "cache", st->large_cache, FALSE);
      add_int_or_null (b, "main", st->large_main, FALSE);
      add_int_or_null (b, "retry", st->large_retry, FALSE);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
iop_trace_to_json (const IopTrace *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const IopScenario *sc = self->scenario;

  json_builder_begin_object (b);
  add_string_or_null (b, "spdk_tag", iop_trace_spdk_tag (self));
  add_string_or_null (b, "spdk_commit", iop_refs_commit (sc->version));
  add_string_or_null (b, "scenario", sc->id);
  add_string_or_null (b, "op", iop_op_name (sc->op));
  add_int_or_null (b, "size", sc->io_size, FALSE);
  add_int_or_null (b, "background_inflight", sc->background_inflight, FALSE);
  add_int_or_null (b, "end_ns", self->end_ns, FALSE);
  add_int_or_null (b, "split_step", self->split_step, self->split_step < 0);
  add_int_or_null (b, "join_step", self->join_step, self->join_step < 0);
  add_int_or_null (b, "events", self->events, FALSE);
  if (iop_trace_has_faults (self))
    add_fault_states (b, self);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->steps->len; i++)
    add_step (b, self, g_ptr_array_index (self->steps, i));
  json_builder_end_array (b);

  add_objects (b, self);
  add_pools (b, self);
  add_diagnostics (b, self);
  add_iobuf_stats (b, self);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* --- Table ----------------------------------------------------------------- */

static void
append_padded (GString *s, const char *text, int width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (s, text);
  for (glong i = n; i < width; i++)
    g_string_append_c (s, ' ');
}

char *
iop_trace_to_table (const IopTrace *self)
{
  GString *s = g_string_new (NULL);
  const IopScenario *sc = self->scenario;

  g_string_append_printf (s, _("Scenario %s, SPDK %s: one %s of %" PRId64 " bytes"),
                          sc->id, iop_trace_spdk_tag (self), iop_op_name (sc->op), sc->io_size);
  if (sc->background_inflight)
    g_string_append_printf (s, _(" behind %u I/Os already in flight"), sc->background_inflight);
  g_string_append_printf (s, _(", %u steps, %.1f µs end to end\n\n"), self->steps->len, self->end_ns / 1000.0);
  if (iop_trace_has_faults (self))
    {
      g_autofree char *outcome = iop_outcome_describe (self);

      for (guint i = 0; i < sc->faults->len; i++)
        {
          g_autofree char *d = iop_fault_describe (&g_array_index (sc->faults, IopFault, i));
          g_string_append_printf (s, _("Fault: %s\n"), d);
        }
      g_string_append_printf (s, _("The traced I/O starts at %.6f s. Outcome: %s"), self->start_ns / 1e9, outcome);
      g_string_append (s, "\n\n");
    }

  append_padded (s, "#", 4);
  append_padded (s, _("t (µs)"), self->end_ns >= 10000000 ? 14 : 9);
  append_padded (s, _("where"), 11);
  append_padded (s, _("leg"), 4);
  append_padded (s, _("thread"), 28);
  append_padded (s, _("function"), 40);
  g_string_append (s, _("objects\n"));

  for (guint i = 0; i < self->steps->len; i++)
    {
      IopStep *st = g_ptr_array_index (self->steps, i);
      char buf[64];
      g_autofree char *thread = NULL;
      GString *objs = g_string_new (NULL);

      /* numbered from 1, as the app and --step show steps (JSON's "index" is i) */
      g_snprintf (buf, sizeof buf, "%u", i + 1);
      append_padded (s, buf, 4);
      g_snprintf (buf, sizeof buf, "%.2f", st->t_ns / 1000.0);
      append_padded (s, buf, self->end_ns >= 10000000 ? 14 : 9);
      if (st->place == IOP_PLACE_STORAGE && self->scenario->hosts[IOP_HOST_STORAGE].instances > 1)
        g_snprintf (buf, sizeof buf, "storage %c", 'A' + st->node);
      else
        g_snprintf (buf, sizeof buf, "%s", iop_place_name (st->place));
      append_padded (s, buf, 11);
      if (st->leg >= 0)
        g_snprintf (buf, sizeof buf, "%c", 'A' + st->leg);
      else
        g_snprintf (buf, sizeof buf, "-");
      append_padded (s, buf, 4);
      thread = st->thread ? g_strdup_printf ("%s@%d", st->thread, st->core) : g_strdup ("-");
      append_padded (s, thread, 28);
      append_padded (s, st->function ? st->function : st->key, 40);

      for (guint k = 0; k < st->allocs->len; k++)
        {
          IopObjectEvent *e = &g_array_index (st->allocs, IopObjectEvent, k);
          IopObject *o = g_ptr_array_index (self->objects, e->object);
          g_string_append_printf (objs, "%s+%s", objs->len ? ", " : "", o->kind);
          if (o->count > 1)
            g_string_append_printf (objs, "×%u", o->count);
          if (e->gauge >= 0)
            g_string_append_printf (objs, " (%" PRId64 "→%" PRId64 ")", e->before, e->after);
        }
      for (guint k = 0; k < st->frees->len; k++)
        {
          IopObjectEvent *e = &g_array_index (st->frees, IopObjectEvent, k);
          IopObject *o = g_ptr_array_index (self->objects, e->object);
          g_string_append_printf (objs, "%s-%s", objs->len ? ", " : "", o->kind);
          if (o->count > 1)
            g_string_append_printf (objs, "×%u", o->count);
        }
      if (st->waited)
        g_string_append_printf (objs, "%s%s", objs->len ? ", " : "", _("WAITS"));
      g_string_append (s, objs->str);
      g_string_append_c (s, '\n');
      g_string_free (objs, TRUE);
    }

  if (self->diagnostics->len > 0)
    {
      g_string_append (s, _("\nWhat SPDK would say about these settings:\n"));
      for (guint i = 0; i < self->diagnostics->len; i++)
        {
          IopDiagnostic *d = g_ptr_array_index (self->diagnostics, i);
          g_string_append_printf (s, "  [%s] %s: %s", iop_diag_level_name (d->level), iop_host_name (d->host), d->message);
          if (d->count > 1)
            g_string_append_printf (s, _(" (×%u)"), d->count);
          g_string_append_c (s, '\n');
        }
    }
  return g_string_free (s, FALSE);
}
