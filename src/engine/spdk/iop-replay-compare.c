/* iop-replay-compare.c: a recorded capture beside the model, hop by hop
 *
 * The model's trace of the same op and size is cut into the same hops as
 * the capture, from its steps: where a step stands for the tracepoint that
 * opens or closes a hop (the target's request arrives: nvmf_tcp.recv, as
 * TCP_REQ_NEW; the RAID bdev_io is submitted: bdev.submit, as
 * BDEV_IO_START; the backing bdev_io: malloc.submit or the storage side's
 * bdev_nvme.submit; ...). A hop the model's path does not cross (the guest's
 * own bdev layer: the model's guest starts at its NVMe command) is reported
 * as recorded only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-format.h"
#include "iop-replay-private.h"

gboolean
iop_replay_main_io (IopReplay   *r,
                    const char **op,
                    guint64     *blocks)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 best_key = -1;
  guint best = 0;

  for (guint f = 0; f < r->followed->len; f++)
    {
      HostIo *g = &g_array_index (r->ios, HostIo, g_array_index (r->followed, guint, f));
      Obj *o = obj_at (g_ptr_array_index (r->hosts, g->host), g->root);
      gint64 key = (gint64)(MIN (o->blocks, G_MAXUINT32) * 4 + MIN (o->type, 3));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &key)) + 1;

      if (o->type != 1 && o->type != 2)
        continue;
      g_hash_table_insert (counts, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (n));
      if (n > best)
        {
          best = n;
          best_key = key;
        }
    }
  if (best_key < 0)
    return FALSE;
  *op = (best_key & 3) == 1 ? "read" : "write";
  *blocks = (guint64)best_key / 4;
  return TRUE;
}

/* ---- the model's hops ---------------------------------------------- */

/* LEG: a leg's step, -1 one outside the legs, -2 either */
static int
find (IopTrace   *t,
      int         from,
      IopPlace    place,
      int         leg,
      const char *const *keys)
{
  for (guint i = MAX (from, 0); i < t->steps->len; i++)
    {
      IopStep *s = iop_trace_step (t, i);

      if (s->place != place || (leg != -2 && s->leg != leg) || s->control)
        continue;
      for (guint k = 0; keys[k] != NULL; k++)
        if (strcmp (s->key, keys[k]) == 0)
          return (int)i;
    }
  return -1;
}

static gint64
at (IopTrace *t,
    int       i)
{
  return i < 0 ? -1 : iop_trace_step (t, i)->t_ns;
}

static void
span (double   *v,
      guint     k,
      gint64    from,
      gint64    to)
{
  if (from >= 0 && to >= from)
    v[k] = (double)(to - from);
}

static guint
hop_k (const char *key)
{
  for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
    if (strcmp (iop_replay_hop_key (k), key) == 0)
      return k;
  g_assert_not_reached ();
}

static const char *const k_recv[] = { "nvmf_tcp.recv", "nvmf_rdma.recv", "vfu.poll", NULL };
static const char *const k_bdev_submit[] = { "bdev.submit", NULL };
static const char *const k_cmd[] = { "nvme_tcp.submit", "nvme_rdma.submit", NULL };
static const char *const k_reap[] = { "nvme_tcp.poll", "nvme_rdma.poll", NULL };
static const char *const k_back_submit[] = { "malloc.submit", "bdev_nvme.submit", NULL };
static const char *const k_back_done[] = { "malloc.complete", "bdev_nvme.complete", NULL };
static const char *const k_lvol_done[] = { "lvol.complete", NULL };
static const char *const k_bdev_done[] = { "bdev.complete", NULL };
static const char *const k_respond[] = { "nvmf_tcp.complete", "nvmf_rdma.complete", "nvmf.complete", NULL };
static const char *const k_guest_submit[] = { "guest.submit", NULL };
static const char *const k_guest_cmd[] = { "net.guest_cmd", "guest.submit", NULL };
static const char *const k_guest_done[] = { "guest.complete", NULL };

/* One leg's storage hops into V (the mean over legs is taken by the caller) */
static void
model_leg (IopTrace *t,
           int       leg,
           double   *v,
           gint64   *reaped)
{
  int cmd = find (t, 0, IOP_PLACE_BAREMETAL, leg, k_cmd);
  int recv = find (t, cmd, IOP_PLACE_STORAGE, leg, k_recv);
  int lvol = find (t, recv, IOP_PLACE_STORAGE, leg, k_bdev_submit);
  int back = find (t, lvol, IOP_PLACE_STORAGE, leg, k_back_submit);
  int back_done = find (t, back, IOP_PLACE_STORAGE, leg, k_back_done);
  int lvol_done = find (t, find (t, back_done, IOP_PLACE_STORAGE, leg, k_lvol_done), IOP_PLACE_STORAGE, leg, k_bdev_done);
  int sent = find (t, lvol_done, IOP_PLACE_STORAGE, leg, k_respond);
  int reap = find (t, sent, IOP_PLACE_BAREMETAL, leg, k_reap);

  span (v, hop_k ("wire.to_storage"), at (t, cmd), at (t, recv));
  span (v, hop_k ("storage.receive"), at (t, recv), at (t, lvol));
  span (v, hop_k ("storage.blob_submit"), at (t, lvol), at (t, back));
  span (v, hop_k ("storage.backing"), at (t, back), at (t, back_done));
  span (v, hop_k ("storage.blob_complete"), at (t, back_done), at (t, lvol_done));
  span (v, hop_k ("storage.respond"), at (t, lvol_done), at (t, sent));
  span (v, hop_k ("wire.from_storage"), at (t, sent), at (t, reap));
  *reaped = at (t, reap);
}

static void
model_hops (IopTrace *t,
            double   *v)
{
  int g0 = find (t, 0, IOP_PLACE_BAREMETAL, -2, k_guest_submit);
  int gcmd = find (t, 0, IOP_PLACE_NETWORK, -2, k_guest_cmd);
  int recv = find (t, 0, IOP_PLACE_BAREMETAL, -1, k_recv);
  int raid = find (t, recv, IOP_PLACE_BAREMETAL, -1, k_bdev_submit);
  int first_cmd = find (t, raid, IOP_PLACE_BAREMETAL, -2, k_cmd);
  int gdone = find (t, 0, IOP_PLACE_BAREMETAL, -2, k_guest_done);
  gint64 last_reap = -1;
  double legs[IOP_REPLAY_N_HOPS] = { 0 };
  guint n_legs[IOP_REPLAY_N_HOPS] = { 0 };
  int raid_done, respond;

  for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
    v[k] = -1;
  for (int leg = 0; leg < 8; leg++)
    {
      double lv[IOP_REPLAY_N_HOPS];
      gint64 reaped = -1;

      if (find (t, 0, IOP_PLACE_BAREMETAL, leg, k_cmd) < 0)
        continue;
      for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
        lv[k] = -1;
      model_leg (t, leg, lv, &reaped);
      last_reap = MAX (last_reap, reaped);
      for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
        if (lv[k] >= 0)
          {
            legs[k] += lv[k];
            n_legs[k]++;
          }
    }
  for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
    if (n_legs[k] > 0)
      v[k] = legs[k] / n_legs[k];

  /* the RAID bdev_io's completion: the first one outside the legs after the
   * last leg was reaped; then the response */
  raid_done = -1;
  for (guint i = 0; i < t->steps->len && last_reap >= 0; i++)
    {
      IopStep *s = iop_trace_step (t, i);
      if (s->place == IOP_PLACE_BAREMETAL && s->leg == -1 && s->t_ns >= last_reap && strcmp (s->key, "bdev.complete") == 0)
        {
          raid_done = (int)i;
          break;
        }
    }
  respond = find (t, raid_done, IOP_PLACE_BAREMETAL, -1, k_respond);
  span (v, hop_k ("wire.to_target"), at (t, gcmd), at (t, recv));
  span (v, hop_k ("target.receive"), at (t, recv), at (t, raid));
  span (v, hop_k ("target.raid_submit"), at (t, raid), at (t, first_cmd));
  if (raid_done >= 0)
    span (v, hop_k ("target.raid_complete"), last_reap, at (t, raid_done));
  span (v, hop_k ("target.respond"), at (t, raid_done), at (t, respond));
  span (v, hop_k ("wire.to_guest"), at (t, respond), at (t, gdone));
  span (v, hop_k ("total"), at (t, g0), at (t, gdone));
}

/* ---- beside each other ------------------------------------------- */

typedef struct
{
  double median[IOP_REPLAY_N_HOPS], p99[IOP_REPLAY_N_HOPS], model[IOP_REPLAY_N_HOPS];
  guint  count[IOP_REPLAY_N_HOPS];
} Sides;

static void
sides_fill (IopReplay *r,
            IopTrace  *model,
            Sides     *s)
{
  guint64 op = model->scenario != NULL && model->scenario->op == IOP_OP_READ ? 1 : 2;

  iop_replay_hop_stats (r, op, s->median, s->p99, s->count);
  model_hops (model, s->model);
}

void
iop_replay_compare_sides (IopReplay *r,
                          IopTrace  *model,
                          double    *median,
                          double    *model_ns,
                          guint     *count)
{
  Sides s;

  sides_fill (r, model, &s);
  memcpy (median, s.median, sizeof s.median);
  memcpy (model_ns, s.model, sizeof s.model);
  memcpy (count, s.count, sizeof s.count);
}

JsonNode *
iop_replay_compare_to_json (IopReplay *r,
                            IopTrace  *model)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  Sides s;

  sides_fill (r, model, &s);
  json_builder_begin_array (b);
  for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
    {
      if (s.count[k] == 0 && s.model[k] < 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, iop_replay_hop_key (k));
      if (s.count[k] > 0)
        {
          json_builder_set_member_name (b, "recorded_median_ns");
          json_builder_add_int_value (b, (gint64)(s.median[k] + 0.5));
          json_builder_set_member_name (b, "recorded_p99_ns");
          json_builder_add_int_value (b, (gint64)(s.p99[k] + 0.5));
          json_builder_set_member_name (b, "recorded_count");
          json_builder_add_int_value (b, s.count[k]);
        }
      if (s.model[k] >= 0)
        {
          json_builder_set_member_name (b, "model_ns");
          json_builder_add_int_value (b, (gint64)(s.model[k] + 0.5));
        }
      json_builder_set_member_name (b, "in");
      json_builder_add_string_value (b, s.count[k] > 0 && s.model[k] >= 0 ? "both" : s.count[k] > 0 ? "recorded" : "model");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

char *
iop_replay_compare_to_text (IopReplay *r,
                            IopTrace  *model)
{
  GString *out = g_string_new (NULL);
  Sides s;

  sides_fill (r, model, &s);
  g_string_append_printf (out, _("\nThe model (%s, %s) beside the recorded I/Os, hop by hop:\n"),
                          model->scenario && model->scenario->id ? model->scenario->id : "?", iop_trace_spdk_tag (model));
  g_string_append_printf (out, "%-58s %12s %12s %12s\n", "", _("recorded"), _("p99"), _("model"));
  for (guint k = 0; k < IOP_REPLAY_N_HOPS; k++)
    {
      g_autofree char *med = s.count[k] > 0 ? iop_format_duration ((gint64)s.median[k]) : g_strdup (_("—"));
      g_autofree char *p99 = s.count[k] > 0 ? iop_format_duration ((gint64)s.p99[k]) : g_strdup (_("—"));
      g_autofree char *mod = s.model[k] >= 0 ? iop_format_duration ((gint64)s.model[k]) : g_strdup (_("not modelled"));
      const char *label = iop_replay_hop_label (k);
      glong pad = 58 - g_utf8_strlen (label, -1);

      if (s.count[k] == 0 && s.model[k] < 0)
        continue;
      g_string_append (out, label);
      for (; pad > 0; pad--)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, " %12s %12s %12s\n", med, p99, mod);
    }
  g_string_append (out, _("Recorded times include every wait for a CPU; the model's are the path's own work and wire time.\n"));
  return g_string_free (out, FALSE);
}
