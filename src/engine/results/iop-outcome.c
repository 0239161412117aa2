/* iop-outcome.c: the outcome card of a finished trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time per hop follows the critical path: the steps of the parent request
 * and, after a RAID1 split, those of the leg the join waited for (the one
 * whose last step before the join came last; for a read, the leg that
 * served it). Each step owns the time from its start to the start of the
 * next step on that path, the last one its own duration, so the hops add up
 * to the guest's end-to-end time exactly. Control steps (a link going down,
 * a reconnect timer) are not the I/O and own no time: the step the I/O
 * waits in does.
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-format.h"
#include "iop-outcome.h"

#define N_LEGS 2

static const struct
{
  const char *name;
  const char *label;
} hops[IOP_N_HOPS] = {
  [IOP_HOP_GUEST]     = { "guest",          N_("Guest") },
  [IOP_HOP_FRONT]     = { "front_target",   N_("VFIO-user / NVMf target") },
  [IOP_HOP_RAID]      = { "bdev_raid1",     N_("bdev / RAID1") },
  [IOP_HOP_INITIATOR] = { "initiator",      N_("bdev_nvme / NVMe-oF initiator") },
  [IOP_HOP_NETWORK]   = { "network",        N_("Network") },
  [IOP_HOP_TARGET]    = { "storage_target", N_("Storage NVMf target") },
  [IOP_HOP_LVOL]      = { "lvol_blobstore", N_("bdev / lvol / blobstore") },
  [IOP_HOP_DRIVER]    = { "nvme_driver",    N_("NVMe driver (PCIe)") },
  [IOP_HOP_MEDIA]     = { "media",          N_("Media") },
};

const char *
iop_hop_name (IopHop hop)
{
  g_return_val_if_fail (hop < IOP_N_HOPS, "");
  return hops[hop].name;
}

const char *
iop_hop_label (IopHop hop)
{
  g_return_val_if_fail (hop < IOP_N_HOPS, "");
  return _(hops[hop].label);
}

IopHop
iop_hop_of_step (const IopStep *st)
{
  gboolean storage = st->place == IOP_PLACE_STORAGE;

  switch (st->layer)
    {
    case IOP_LAYER_GUEST:
      return IOP_HOP_GUEST;
    case IOP_LAYER_VFIO_USER:
      return IOP_HOP_FRONT;
    case IOP_LAYER_NVMF_TCP:
    case IOP_LAYER_NVMF:
    case IOP_LAYER_NVMF_RDMA:
      return storage ? IOP_HOP_TARGET : IOP_HOP_FRONT;
    case IOP_LAYER_BDEV:
      return storage ? IOP_HOP_LVOL : IOP_HOP_RAID;
    case IOP_LAYER_RAID1:
      return IOP_HOP_RAID;
    case IOP_LAYER_BDEV_NVME:
    case IOP_LAYER_NVME:
      return storage ? IOP_HOP_DRIVER : IOP_HOP_INITIATOR;
    case IOP_LAYER_NVME_RDMA:
    case IOP_LAYER_NVME_TCP:
      return IOP_HOP_INITIATOR;
    case IOP_LAYER_FABRIC:
      return IOP_HOP_NETWORK;
    case IOP_LAYER_LVOL:
    case IOP_LAYER_BLOBSTORE:
      return IOP_HOP_LVOL;
    case IOP_LAYER_NVME_PCIE:
      return IOP_HOP_DRIVER;
    case IOP_LAYER_MALLOC:
    case IOP_LAYER_ACCEL:
    case IOP_LAYER_SSD:
    case IOP_N_LAYERS:
    default:
      return IOP_HOP_MEDIA;
    }
}

/* --- The one-line outcome --------------------------------------------------- */

char *
iop_outcome_describe (const IopTrace *trace)
{
  GString *s = g_string_new (trace->outcome == IOP_OUTCOME_FAILED ? _("failed, the guest sees an error")
                             : trace->outcome == IOP_OUTCOME_LATE ? _("completed late")
                             : _("completed"));

  if (trace->served_by >= 0)
    g_string_append_printf (s, _(", read served by replica %c"), 'A' + trace->served_by);
  if (trace->held_ns > 0)
    g_string_append_printf (s, _(", waited %.3f s for a path"), trace->held_ns / 1e9);
  return g_string_free (s, FALSE);
}

/* --- Time per hop ------------------------------------------------------------ */

static gboolean
is_control (const IopStep *st)
{
  return st->control || st->direction == IOP_DIR_CONTROL;
}

/* The guest's submit and completion steps (first and last), or -1 */
static void
find_ends (const IopTrace *trace,
           int            *first,
           int            *last)
{
  *first = *last = -1;
  for (guint i = 0; i < trace->steps->len; i++)
    {
      const IopStep *st = iop_trace_step ((IopTrace *)trace, i);

      if (is_control (st))
        continue;
      if (*first < 0)
        *first = (int)i;
      if (st->stage == IOP_STAGE_GUEST_COMPLETE)
        *last = (int)i;
    }
  if (*last < 0)
    for (int i = (int)trace->steps->len - 1; i >= 0 && *last < 0; i--)
      if (!is_control (iop_trace_step ((IopTrace *)trace, (guint)i)))
        *last = i;
}

static int
critical_leg (const IopTrace *trace,
              int             first,
              int             last)
{
  int until = trace->join_step >= 0 ? trace->join_step : last + 1;
  int leg = -1;

  if (trace->scenario->op == IOP_OP_READ && trace->served_by >= 0)
    return trace->served_by;
  for (int i = first; i >= 0 && i < until; i++)
    {
      const IopStep *st = iop_trace_step ((IopTrace *)trace, (guint)i);

      if (!is_control (st) && st->leg >= 0)
        leg = st->leg;
    }
  return leg;
}

static void
add_time (IopHopTime         *h,
          const IopStep      *st,
          gint64              ns)
{
  if (st->direction == IOP_DIR_WAIT)
    h->wait_ns += ns;
  else if (st->direction == IOP_DIR_UP)
    h->up_ns += ns;
  else
    h->down_ns += ns;
}

static void
hop_times (IopOutcomeReport *r,
           const IopTrace   *trace,
           int               first,
           int               last)
{
  int prev = -1;

  for (int i = first; i >= 0 && i <= last; i++)
    {
      const IopStep *st = iop_trace_step ((IopTrace *)trace, (guint)i);

      if (is_control (st) || (st->leg >= 0 && st->leg != r->critical_leg))
        continue;
      if (prev >= 0)
        {
          const IopStep *p = iop_trace_step ((IopTrace *)trace, (guint)prev);
          add_time (&r->hops[iop_hop_of_step (p)], p, st->t_ns - p->t_ns);
        }
      r->hops[iop_hop_of_step (st)].steps++;
      prev = i;
    }
  if (prev >= 0)
    {
      const IopStep *p = iop_trace_step ((IopTrace *)trace, (guint)prev);
      add_time (&r->hops[iop_hop_of_step (p)], p, r->end_ns - p->t_ns);
    }
}

/* Per leg: its waits, whether it failed, the path it went out on */
static void
leg_facts (IopOutcomeReport *r,
           const IopTrace   *trace,
           int               first,
           int               last)
{
  for (int L = 0; L < N_LEGS; L++)
    {
      int wait_from = -1;
      gint64 wait_t = 0;
      int submit = -1;

      r->leg_path[L] = -1;
      for (int i = first; i >= 0 && i <= last; i++)
        {
          const IopStep *st = iop_trace_step ((IopTrace *)trace, (guint)i);

          if (is_control (st) || (st->leg != L && st->leg >= 0))
            continue;
          if (wait_from >= 0)
            {
              r->leg_wait_ns[L] += st->t_ns - wait_t;
              wait_from = -1;
            }
          if (st->leg != L)
            continue;
          r->legs_used |= 1u << L;
          if (st->direction == IOP_DIR_WAIT)
            {
              wait_from = i;
              wait_t = st->t_ns;
            }
          if (st->stage == IOP_STAGE_BDEV_NVME_IO_FAILED || st->stage == IOP_STAGE_RAID1_WRITE_LEG_FAILED)
            r->legs_failed |= 1u << L;
          if (st->stage == IOP_STAGE_BDEV_NVME_SUBMIT || st->stage == IOP_STAGE_BDEV_NVME_RETRY)
            submit = i;
        }
      if (submit >= 0 && !(r->legs_failed & (1u << L)))
        {
          /* bdev_nvme takes the first connected path, as iop_ctrlr_pick_path does */
          const IopStep *st = iop_trace_step ((IopTrace *)trace, (guint)submit);

          for (guint p = 0; p < MAX (trace->scenario->paths_per_leg, 1); p++)
            {
              IopPathState ps;

              if (!iop_trace_path_state_at (trace, (guint)L, p, st->t_ns, &ps) ||
                  (ps.qpair_up && ps.state == IOP_CTRLR_CONNECTED))
                {
                  r->leg_path[L] = (int)p;
                  break;
                }
            }
        }
    }
}

/* --- Pools ------------------------------------------------------------------- */

static char *
where_label (const IopTrace *trace,
             IopPlace        place,
             int             node)
{
  if (place == IOP_PLACE_STORAGE && trace->scenario->hosts[IOP_HOST_STORAGE].instances > 1 && node >= 0)
    return g_strdup_printf (_("storage %c"), 'A' + node);
  return g_strdup (iop_place_name (place));
}

static IopPoolBalance *
pool_for (GArray         *pools,
          const IopTrace *trace,
          const IopObject *o)
{
  g_autofree char *where = where_label (trace, o->place, o->node);
  g_autofree char *label = NULL;
  IopPoolBalance nb = { 0 };

  if (o->gauge >= 0)
    {
      const IopGauge *g = g_ptr_array_index (trace->gauges, o->gauge);

      for (guint i = 0; i < pools->len; i++)
        if (g_array_index (pools, IopPoolBalance, i).gauge == o->gauge)
          return &g_array_index (pools, IopPoolBalance, i);
      label = g->owner ? g_strdup_printf (_("%s · %s (%s)"), g->label, g->owner, where)
                       : g_strdup_printf (_("%s (%s)"), g->label, where);
    }
  else
    {
      label = g_strdup_printf (_("%s, no pool (%s)"), o->kind, where);
      for (guint i = 0; i < pools->len; i++)
        {
          IopPoolBalance *b = &g_array_index (pools, IopPoolBalance, i);
          if (b->gauge < 0 && g_str_equal (b->label, label))
            return b;
        }
    }
  nb.gauge = o->gauge;
  nb.label = g_steal_pointer (&label);
  g_array_append_val (pools, nb);
  return &g_array_index (pools, IopPoolBalance, pools->len - 1);
}

static void
pool_clear (gpointer p)
{
  IopPoolBalance *b = p;

  g_free (b->label);
  g_free (b->held);
}

static void
pool_balances (IopOutcomeReport *r,
               const IopTrace   *trace)
{
  r->pools = g_array_new (FALSE, TRUE, sizeof (IopPoolBalance));
  g_array_set_clear_func (r->pools, pool_clear);
  r->balanced = TRUE;
  for (guint i = 0; i < trace->objects->len; i++)
    {
      const IopObject *o = g_ptr_array_index (trace->objects, i);
      IopPoolBalance *b = pool_for (r->pools, trace, o);
      guint n = MAX (o->count, 1);

      b->taken += n;
      if (o->free_step >= 0)
        b->returned += n;
      else
        {
          char *held = b->held ? g_strdup_printf ("%s, %s", b->held, o->label) : g_strdup (o->label);

          g_free (b->held);
          b->held = held;
          r->balanced = FALSE;
        }
    }
}

/* --- Path and threads ---------------------------------------------------------- */

static void
threads_used (IopOutcomeReport *r,
              const IopTrace   *trace,
              int               first,
              int               last)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  r->threads = g_ptr_array_new_with_free_func (g_free);
  for (int i = first; i >= 0 && i <= last; i++)
    {
      const IopStep *st = iop_trace_step ((IopTrace *)trace, (guint)i);
      g_autofree char *where = NULL;
      char *line;

      if (is_control (st) || st->thread == NULL)
        continue;
      where = where_label (trace, st->place, st->node);
      /* Translators: "baremetal: nvmf_tgt_poll_group_000 (core 5)" */
      line = g_strdup_printf (_("%s: %s (core %d)"), where, st->thread, st->core);
      if (g_hash_table_contains (seen, line))
        {
          g_free (line);
          continue;
        }
      g_hash_table_add (seen, g_strdup (line));
      g_ptr_array_add (r->threads, line);
    }
}

static void
describe_path (IopOutcomeReport *r,
               const IopTrace   *trace)
{
  GString *s = g_string_new (NULL);

  for (int L = 0; L < N_LEGS; L++)
    {
      if (!(r->legs_used & (1u << L)))
        continue;
      if (s->len)
        g_string_append (s, "; ");
      if (r->legs_failed & (1u << L))
        g_string_append_printf (s, _("replica %c: failed"), 'A' + L);
      else if (r->leg_path[L] >= 0 && trace->scenario->paths_per_leg > 1)
        g_string_append_printf (s, _("replica %c over path %d of %u"), 'A' + L, r->leg_path[L], trace->scenario->paths_per_leg);
      else
        g_string_append_printf (s, _("replica %c"), 'A' + L);
    }
  if (s->len == 0)
    g_string_append (s, _("no RAID leg: straight to the storage"));
  if (r->served_by >= 0 && trace->scenario->op == IOP_OP_READ)
    g_string_append_printf (s, _("; the read was served by replica %c"), 'A' + r->served_by);
  else if (r->critical_leg >= 0 && __builtin_popcount (r->legs_used) > 1)
    g_string_append_printf (s, _("; the join waited for replica %c"), 'A' + r->critical_leg);
  r->path = g_string_free (s, FALSE);
}

static void
describe_fault (IopOutcomeReport *r,
                const IopTrace   *trace)
{
  GString *s;

  if (!iop_trace_has_faults (trace))
    return;
  s = g_string_new (NULL);
  for (int L = 0; L < N_LEGS; L++)
    {
      g_autofree char *w = NULL;

      if (r->leg_wait_ns[L] < 1000000 && !(r->legs_failed & (1u << L)))
        continue;
      w = iop_format_duration (r->leg_wait_ns[L]);
      if (s->len)
        g_string_append (s, " ");
      if (r->legs_failed & (1u << L))
        g_string_append_printf (s, _("Replica %c waited %s, then its I/O failed."), 'A' + L, w);
      else
        g_string_append_printf (s, _("Replica %c waited %s, then completed."), 'A' + L, w);
    }
  if (s->len == 0)
    g_string_append (s, _("The fault did not delay this I/O."));
  r->fault = g_string_free (s, FALSE);
}

/* --- Public API ------------------------------------------------------------------ */

IopOutcomeReport *
iop_outcome_report_new (const IopTrace *trace)
{
  IopOutcomeReport *r = g_new0 (IopOutcomeReport, 1);
  int first, last;

  g_return_val_if_fail (trace != NULL, r);

  find_ends (trace, &first, &last);
  r->outcome = trace->outcome;
  r->summary = iop_outcome_describe (trace);
  r->served_by = trace->served_by;
  if (first >= 0)
    {
      const IopStep *a = iop_trace_step ((IopTrace *)trace, (guint)first);
      const IopStep *b = iop_trace_step ((IopTrace *)trace, (guint)last);

      r->start_ns = a->t_ns;
      r->end_ns = MAX (b->t_ns + b->dur_ns, a->t_ns);
    }
  r->total_ns = r->end_ns - r->start_ns;
  r->critical_leg = critical_leg (trace, first, last);
  hop_times (r, trace, first, last);
  leg_facts (r, trace, first, last);
  pool_balances (r, trace);
  threads_used (r, trace, first, last);
  describe_path (r, trace);
  describe_fault (r, trace);
  return r;
}

void
iop_outcome_report_free (IopOutcomeReport *r)
{
  if (r == NULL)
    return;
  g_free (r->summary);
  g_clear_pointer (&r->pools, g_array_unref);
  g_clear_pointer (&r->threads, g_ptr_array_unref);
  g_free (r->path);
  g_free (r->fault);
  g_free (r);
}

/* printf's %-Ns counts bytes; this counts characters ("→", "·", "µ") */
static void
append_padded (GString    *s,
               const char *text,
               int         width,
               gboolean    right)
{
  glong n = g_utf8_strlen (text, -1);

  if (!right)
    g_string_append (s, text);
  for (glong i = n; i < width; i++)
    g_string_append_c (s, ' ');
  if (right)
    g_string_append (s, text);
}

char *
iop_outcome_report_to_text (const IopOutcomeReport *r)
{
  GString *s = g_string_new (NULL);
  g_autofree char *total = iop_format_duration (r->total_ns);

  g_string_append_printf (s, _("Outcome: %s, %s end to end\n"), r->summary, total);
  if (r->fault)
    g_string_append_printf (s, "  %s\n", r->fault);
  g_string_append (s, _("  Time per hop (critical path):\n"));
  for (guint h = 0; h < IOP_N_HOPS; h++)
    {
      const IopHopTime *t = &r->hops[h];
      g_autofree char *all = NULL;
      gint64 tot = iop_hop_time_total (t);

      if (t->steps == 0)
        continue;
      all = iop_format_duration (tot);
      g_string_append (s, "    ");
      append_padded (s, iop_hop_label (h), 32, FALSE);
      append_padded (s, all, 10, TRUE);
      g_string_append_printf (s, "  %5.1f %%", r->total_ns > 0 ? 100.0 * tot / r->total_ns : 0.0);
      if (t->wait_ns > 0)
        {
          g_autofree char *w = iop_format_duration (t->wait_ns);
          g_string_append_printf (s, _("  (waiting %s)"), w);
        }
      g_string_append_c (s, '\n');
    }
  g_string_append (s, _("  Objects per pool (taken / returned):\n"));
  for (guint i = 0; i < r->pools->len; i++)
    {
      const IopPoolBalance *b = &g_array_index (r->pools, IopPoolBalance, i);

      g_string_append (s, "    ");
      append_padded (s, b->label, 64, FALSE);
      g_string_append_printf (s, " %3" PRIu64 " / %3" PRIu64, b->taken, b->returned);
      if (b->held)
        g_string_append_printf (s, _("  still held: %s"), b->held);
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "    %s\n", r->balanced ? _("Every object went back to where it came from.")
                                                     : _("Some objects are still held (see above)."));
  g_string_append_printf (s, _("  Path: %s\n"), r->path);
  g_string_append (s, _("  Threads:"));
  for (guint i = 0; i < r->threads->len; i++)
    g_string_append_printf (s, "%s %s", i ? ";" : "", (const char *)g_ptr_array_index (r->threads, i));
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

JsonNode *
iop_outcome_report_to_json (const IopOutcomeReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, iop_outcome_name (r->outcome));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, r->summary);
  json_builder_set_member_name (b, "start_ns");
  json_builder_add_int_value (b, r->start_ns);
  json_builder_set_member_name (b, "end_ns");
  json_builder_add_int_value (b, r->end_ns);
  json_builder_set_member_name (b, "total_ns");
  json_builder_add_int_value (b, r->total_ns);
  json_builder_set_member_name (b, "hops");
  json_builder_begin_array (b);
  for (guint h = 0; h < IOP_N_HOPS; h++)
    {
      const IopHopTime *t = &r->hops[h];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "hop");
      json_builder_add_string_value (b, iop_hop_name (h));
      json_builder_set_member_name (b, "total_ns");
      json_builder_add_int_value (b, iop_hop_time_total (t));
      json_builder_set_member_name (b, "down_ns");
      json_builder_add_int_value (b, t->down_ns);
      json_builder_set_member_name (b, "up_ns");
      json_builder_add_int_value (b, t->up_ns);
      json_builder_set_member_name (b, "wait_ns");
      json_builder_add_int_value (b, t->wait_ns);
      json_builder_set_member_name (b, "steps");
      json_builder_add_int_value (b, t->steps);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pools");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->pools->len; i++)
    {
      const IopPoolBalance *p = &g_array_index (r->pools, IopPoolBalance, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "gauge");
      if (p->gauge >= 0)
        json_builder_add_int_value (b, p->gauge);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, p->label);
      json_builder_set_member_name (b, "taken");
      json_builder_add_int_value (b, (gint64)p->taken);
      json_builder_set_member_name (b, "returned");
      json_builder_add_int_value (b, (gint64)p->returned);
      json_builder_set_member_name (b, "held");
      if (p->held)
        json_builder_add_string_value (b, p->held);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "balanced");
  json_builder_add_boolean_value (b, r->balanced);
  json_builder_set_member_name (b, "critical_leg");
  json_builder_add_int_value (b, r->critical_leg);
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
  for (int L = 0; L < N_LEGS; L++)
    {
      if (!(r->legs_used & (1u << L)))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "leg");
      json_builder_add_int_value (b, L);
      json_builder_set_member_name (b, "path");
      json_builder_add_int_value (b, r->leg_path[L]);
      json_builder_set_member_name (b, "failed");
      json_builder_add_boolean_value (b, (r->legs_failed & (1u << L)) != 0);
      json_builder_set_member_name (b, "wait_ns");
      json_builder_add_int_value (b, r->leg_wait_ns[L]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, r->path);
  json_builder_set_member_name (b, "threads");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->threads->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->threads, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "fault");
  if (r->fault)
    json_builder_add_string_value (b, r->fault);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
