/* iop-replay-hops.c: the hops of the followed I/Os, and the results
 *
 * Each followed I/O is cut into the hops of the path (guest, wire, target,
 * RAID1, wire, storage target, lvol and blobstore, backing bdev, and back),
 * from the tracepoints that open and close them; a hop's figure is the
 * median and p99 over every I/O (and every leg, for the legs' hops).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "iop-format.h"
#include "iop-replay-private.h"

/* ---- hops ---------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *label;
} HopDef;

/* In the order an I/O crosses them */
static const HopDef hop_defs[] = {
  { "guest.submit", N_("Guest: bdev_io to NVMe command") },
  { "wire.to_target", N_("Network: guest command to the target's request") },
  { "target.receive", N_("Target: request to its bdev_io (capsule, data)") },
  { "target.raid_submit", N_("Target: bdev_io through RAID1 to the first leg's command") },
  { "wire.to_storage", N_("Network: leg command to the storage node's request") },
  { "storage.receive", N_("Storage: request to the lvol's bdev_io") },
  { "storage.blob_submit", N_("Storage: lvol and blobstore to the backing bdev_io") },
  { "storage.backing", N_("Storage: backing bdev_io, start to done") },
  { "storage.blob_complete", N_("Storage: backing done to the lvol's bdev_io done") },
  { "storage.respond", N_("Storage: lvol done to the response sent") },
  { "wire.from_storage", N_("Network: response sent to the leg's completion") },
  { "target.raid_complete", N_("Target: last leg's completion to the RAID bdev_io done") },
  { "target.respond", N_("Target: bdev_io done to the response sent") },
  { "wire.to_guest", N_("Network: response sent to the guest's completion") },
  { "guest.complete", N_("Guest: NVMe completion to bdev_io done") },
  { "total", N_("Guest: bdev_io start to done") },
};

enum { N_HOPS = G_N_ELEMENTS (hop_defs) };
G_STATIC_ASSERT (N_HOPS == IOP_REPLAY_N_HOPS);

const char *
iop_replay_hop_key (guint k)
{
  return k < N_HOPS ? hop_defs[k].key : NULL;
}

const char *
iop_replay_hop_label_for_key (const char *key)
{
  for (guint k = 0; key != NULL && k < N_HOPS; k++)
    if (strcmp (hop_defs[k].key, key) == 0)
      return _(hop_defs[k].label);
  return key;
}

const char *
iop_replay_hop_label (guint k)
{
  return k < N_HOPS ? _(hop_defs[k].label) : NULL;
}

static void
hop (double  *v,
     int      k,
     guint64  from,
     guint64  to,
     double   npt)
{
  if (from != 0 && to != 0 && to >= from)
    v[k] = (double)(to - from) * npt;
}

/* A response's hop on the wire: from the sender's socket write to the
 * receiver's completion. The receiver can see the bytes before the sender
 * records its write (the writev returned, then the sender's reactor lost the
 * CPU), so a receiver earlier than the record, yet after the request's work
 * ended (AFTER), counts as no time on the wire. */
static void
hop_wire (double  *v,
          int      k,
          guint64  from,
          guint64  to,
          guint64  after,
          double   npt)
{
  if (from != 0 && to != 0 && to < from && to >= after)
    v[k] = 0;
  else
    hop (v, k, from, to, npt);
}

static int
hop_index (const char *key)
{
  for (int k = 0; k < N_HOPS; k++)
    if (strcmp (hop_defs[k].key, key) == 0)
      return k;
  g_assert_not_reached ();
}

/* Storage hops of a leaf request REQ_IO into V */
static void
leaf_hops (IopReplay *r,
           HostIo    *leaf,
           double    *v)
{
  Host *h = g_ptr_array_index (r->hosts, leaf->host);
  double npt = ns_per_tick (h);
  Obj *req = obj_at (h, leaf->root);
  Obj *bdev = leaf->bdev != NONE ? obj_at (h, leaf->bdev) : NULL;
  Obj *back = leaf->backing != NONE ? obj_at (h, leaf->backing) : NULL;

  if (bdev == NULL)
    return;
  hop (v, hop_index ("storage.receive"), req->start, bdev->start, npt);
  if (back != NULL)
    {
      hop (v, hop_index ("storage.blob_submit"), bdev->start, back->start, npt);
      hop (v, hop_index ("storage.backing"), back->start, back->end, npt);
      hop (v, hop_index ("storage.blob_complete"), back->end, bdev->end, npt);
    }
  hop (v, hop_index ("storage.respond"), bdev->end, req->sent ? req->sent : req->end, npt);
}

/* The hops of followed guest I/O G: TOP for the path, LEGS[] one per leaf */
static void
io_hops (IopReplay *r,
         HostIo    *g,
         double    *top,
         GArray    *legs)
{
  Host *gh = g_ptr_array_index (r->hosts, g->host);
  double npt = ns_per_tick (gh);
  Obj *gio = obj_at (gh, g->root);
  RLeg *gl = &g_array_index (g->legs, RLeg, 0);
  Obj *gcmd = obj_at (gh, gl->obj);
  HostIo *t = &g_array_index (r->ios, HostIo, gl->to_obj);
  Host *th = g_ptr_array_index (r->hosts, t->host);
  Obj *treq = obj_at (th, t->root);
  Obj *tbdev = obj_at (th, t->bdev);
  guint64 last_leg_done = 0, first_leg_submit = G_MAXUINT64;

  for (int k = 0; k < N_HOPS; k++)
    top[k] = -1;
  hop (top, hop_index ("guest.submit"), gio->start, gcmd->start, npt);
  hop (top, hop_index ("wire.to_target"), gcmd->start, treq->start, npt);
  hop (top, hop_index ("target.receive"), treq->start, tbdev->start, npt);
  for (guint m = 0; m < t->legs->len; m++)
    {
      RLeg *leg = &g_array_index (t->legs, RLeg, m);
      Obj *cmd = obj_at (th, leg->obj);
      HostIo *leaf = leg->to_obj != NONE ? &g_array_index (r->ios, HostIo, leg->to_obj) : NULL;
      double v[N_HOPS];

      for (int k = 0; k < N_HOPS; k++)
        v[k] = -1;
      first_leg_submit = MIN (first_leg_submit, cmd->start);
      last_leg_done = MAX (last_leg_done, cmd->end);
      if (leaf != NULL)
        {
          Host *lh = g_ptr_array_index (r->hosts, leaf->host);
          Obj *lreq = obj_at (lh, leaf->root);

          hop (v, hop_index ("wire.to_storage"), cmd->start, lreq->start, npt);
          leaf_hops (r, leaf, v);
          hop_wire (v, hop_index ("wire.from_storage"), lreq->sent ? lreq->sent : lreq->end, cmd->end,
                    leaf->bdev != NONE ? obj_at (lh, leaf->bdev)->end : lreq->start, npt);
        }
      g_array_append_vals (legs, v, N_HOPS);
    }
  if (t->legs->len > 0)
    {
      hop (top, hop_index ("target.raid_submit"), tbdev->start, first_leg_submit, npt);
      hop (top, hop_index ("target.raid_complete"), last_leg_done, tbdev->end, npt);
    }
  else
    {
      /* no middle tier traced: the guest's target is the storage node */
      leaf_hops (r, t, top);
    }
  hop (top, hop_index ("target.respond"), tbdev->end, treq->sent ? treq->sent : treq->end, npt);
  hop_wire (top, hop_index ("wire.to_guest"), treq->sent ? treq->sent : treq->end, gcmd->end, tbdev->end, npt);
  hop (top, hop_index ("guest.complete"), gcmd->end, gio->end, npt);
  hop (top, hop_index ("total"), gio->start, gio->end, npt);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Nearest rank */
static double
percentile (GArray *sorted,
            double  p)
{
  guint n = sorted->len, rank;

  if (n == 0)
    return -1;
  rank = (guint)(p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return g_array_index (sorted, double, rank - 1);
}

static const char *
host_role (IopReplay *r,
           guint      hi)
{
  gboolean guest = FALSE, target = FALSE, legs = FALSE;

  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *h = g_ptr_array_index (r->hosts, io->host);

      if (io->host != hi)
        continue;
      if (obj_at (h, io->root)->kind == TP_BDEV_IO_START && io->legs->len > 0)
        guest = TRUE;
      if (obj_at (h, io->root)->kind == TP_REQ_NEW)
        {
          target = TRUE;
          legs |= io->legs->len > 0;
        }
    }
  if (target && legs)
    return "target-initiator";
  if (target)
    return "storage-target";
  if (guest)
    return "initiator";
  return "unknown";
}

static void
add_hop_object (JsonBuilder *b,
                const double *v)
{
  json_builder_begin_object (b);
  for (int k = 0; k < N_HOPS; k++)
    if (v[k] >= 0)
      {
        json_builder_set_member_name (b, hop_defs[k].key);
        json_builder_add_int_value (b, (gint64)(v[k] + 0.5));
      }
  json_builder_end_object (b);
}

/* Every followed I/O's hops; SAMPLES[k] gets hop k's values (legs too) */
static void
collect (IopReplay   *r,
         guint64      op,
         GArray     **samples,
         JsonBuilder *b)
{
  for (guint f = 0; f < r->followed->len; f++)
    {
      HostIo *g = &g_array_index (r->ios, HostIo, g_array_index (r->followed, guint, f));
      Host *gh = g_ptr_array_index (r->hosts, g->host);
      Obj *gio = obj_at (gh, g->root);
      RLeg *gl = &g_array_index (g->legs, RLeg, 0);
      HostIo *t = &g_array_index (r->ios, HostIo, gl->to_obj);
      double top[N_HOPS];
      g_autoptr(GArray) legs = g_array_new (FALSE, FALSE, sizeof (double));

      if (op != 0 && gio->type != op)
        continue;
      io_hops (r, g, top, legs);
      for (int k = 0; k < N_HOPS; k++)
        {
          if (top[k] >= 0)
            g_array_append_val (samples[k], top[k]);
          for (guint l = 0; l < legs->len / N_HOPS; l++)
            {
              double v = g_array_index (legs, double, l * N_HOPS + k);
              if (v >= 0)
                g_array_append_val (samples[k], v);
            }
        }
      if (b == NULL)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "op");
      json_builder_add_string_value (b, gio->type == 1 ? "read" : gio->type == 2 ? "write" : "other");
      json_builder_set_member_name (b, "offset_blocks");
      json_builder_add_int_value (b, (gint64)gio->offset);
      json_builder_set_member_name (b, "start_tsc");
      json_builder_add_int_value (b, (gint64)gio->start);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, ((Host *)g_ptr_array_index (r->hosts, t->host))->name);
      json_builder_set_member_name (b, "hops");
      add_hop_object (b, top);
      json_builder_set_member_name (b, "legs");
      json_builder_begin_array (b);
      for (guint l = 0; l < t->legs->len; l++)
        {
          RLeg *leg = &g_array_index (t->legs, RLeg, l);
          Host *th = g_ptr_array_index (r->hosts, t->host);
          HostIo *leaf = &g_array_index (r->ios, HostIo, leg->to_obj);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "bdev");
          json_builder_add_string_value (b, leg->via ? leg->via : "");
          json_builder_set_member_name (b, "qpair");
          json_builder_add_string_value (b, obj_at (th, leg->obj)->owner ? obj_at (th, leg->obj)->owner : "");
          json_builder_set_member_name (b, "storage");
          json_builder_add_string_value (b, ((Host *)g_ptr_array_index (r->hosts, leaf->host))->name);
          json_builder_set_member_name (b, "hops");
          add_hop_object (b, &g_array_index (legs, double, l * N_HOPS));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
}

static void
add_hosts_json (IopReplay   *r,
                JsonBuilder *b)
{
  json_builder_set_member_name (b, "hosts");
  json_builder_begin_array (b);
  for (guint hi = 0; hi < r->hosts->len; hi++)
    {
      Host *h = g_ptr_array_index (r->hosts, hi);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, h->name);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, host_role (r, hi));
      json_builder_set_member_name (b, "tsc_rate");
      json_builder_add_int_value (b, (gint64)h->tsc_rate);
      json_builder_set_member_name (b, "entries");
      json_builder_add_int_value (b, h->n_entries);
      json_builder_set_member_name (b, "entries_not_followed");
      json_builder_add_int_value (b, h->n_unknown);
      json_builder_set_member_name (b, "orphans");
      json_builder_add_int_value (b, h->n_orphans);
      json_builder_set_member_name (b, "first_tsc");
      json_builder_add_int_value (b, (gint64)h->first_tsc);
      json_builder_set_member_name (b, "last_tsc");
      json_builder_add_int_value (b, (gint64)h->last_tsc);
      json_builder_set_member_name (b, "span_ns");
      json_builder_add_int_value (b, (gint64)((h->last_tsc - h->first_tsc) * ns_per_tick (h)));
      json_builder_set_member_name (b, "lcores");
      json_builder_begin_array (b);
      for (guint c = 0; c < 64; c++)
        if (h->lcores & (G_GUINT64_CONSTANT (1) << c))
          json_builder_add_int_value (b, c);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
iop_replay_hop_stats (IopReplay *r,
                      guint64    op,
                      double    *median,
                      double    *p99,
                      guint     *count)
{
  GArray *samples[N_HOPS];

  for (int k = 0; k < N_HOPS; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  collect (r, op, samples, NULL);
  for (int k = 0; k < N_HOPS; k++)
    {
      g_array_sort (samples[k], cmp_double);
      median[k] = percentile (samples[k], 50);
      p99[k] = percentile (samples[k], 99);
      count[k] = samples[k]->len;
      g_array_unref (samples[k]);
    }
}

/* ---- how well the clocks agree -------------------------------------- */

/* For the commands from host FROM matched to requests on host TO: each
 * pair gives the offset of TO's clock from FROM's, ((r1 - s1) + (r2 - s2)) / 2,
 * exact when the wire takes as long both ways, and the round trip on the
 * wire, (s2 - s1) - (r2 - r1). The pair with the shortest round trip
 * bounds the offset best: within half of it. */
typedef struct
{
  guint  from, to;
  guint  pairs;
  double offset_ns, bound_ns;
} ClockPair;

static GArray *
clock_pairs (IopReplay *r)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (ClockPair));

  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *h = g_ptr_array_index (r->hosts, io->host);

      for (guint l = 0; l < io->legs->len; l++)
        {
          RLeg *leg = &g_array_index (io->legs, RLeg, l);
          HostIo *t;
          Host *th;
          Obj *cmd = obj_at (h, leg->obj), *req;
          double s1, s2, r1, r2, theta, rtt;
          ClockPair *cp = NULL;

          if (leg->to_obj == NONE || cmd->end == 0)
            continue;
          t = &g_array_index (r->ios, HostIo, leg->to_obj);
          th = g_ptr_array_index (r->hosts, t->host);
          req = obj_at (th, t->root);
          if (req->end == 0)
            continue;
          s1 = cmd->start * ns_per_tick (h);
          s2 = cmd->end * ns_per_tick (h);
          r1 = req->start * ns_per_tick (th);
          r2 = (req->sent ? req->sent : req->end) * ns_per_tick (th);
          theta = ((r1 - s1) + (r2 - s2)) / 2;
          rtt = (s2 - s1) - (r2 - r1);
          for (guint c = 0; c < out->len; c++)
            if (g_array_index (out, ClockPair, c).from == io->host && g_array_index (out, ClockPair, c).to == t->host)
              cp = &g_array_index (out, ClockPair, c);
          if (cp == NULL)
            {
              ClockPair n = { io->host, t->host, 0, 0, G_MAXDOUBLE };
              g_array_append_val (out, n);
              cp = &g_array_index (out, ClockPair, out->len - 1);
            }
          cp->pairs++;
          if (fabs (rtt) / 2 < cp->bound_ns)
            {
              cp->bound_ns = fabs (rtt) / 2;
              cp->offset_ns = theta;
            }
        }
    }
  return out;
}

JsonNode *
iop_replay_to_json (IopReplay *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GArray *samples[N_HOPS];

  for (int k = 0; k < N_HOPS; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  json_builder_begin_object (b);
  add_hosts_json (r, b);
  json_builder_set_member_name (b, "clock");
  json_builder_add_string_value (b, "shared-tsc");
  json_builder_set_member_name (b, "clock_pairs");
  json_builder_begin_array (b);
  {
    g_autoptr(GArray) cps = clock_pairs (r);

    for (guint c = 0; c < cps->len; c++)
      {
        ClockPair *cp = &g_array_index (cps, ClockPair, c);

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "from");
        json_builder_add_string_value (b, ((Host *)g_ptr_array_index (r->hosts, cp->from))->name);
        json_builder_set_member_name (b, "to");
        json_builder_add_string_value (b, ((Host *)g_ptr_array_index (r->hosts, cp->to))->name);
        json_builder_set_member_name (b, "pairs");
        json_builder_add_int_value (b, cp->pairs);
        json_builder_set_member_name (b, "offset_ns");
        json_builder_add_int_value (b, (gint64)llround (cp->offset_ns));
        json_builder_set_member_name (b, "bound_ns");
        json_builder_add_int_value (b, (gint64)llround (cp->bound_ns));
        json_builder_end_object (b);
      }
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "ios_seen");
  json_builder_add_int_value (b, r->n_seen);
  json_builder_set_member_name (b, "ios_followed");
  json_builder_add_int_value (b, r->n_followed);
  json_builder_set_member_name (b, "by_op");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "read");
  json_builder_add_int_value (b, r->n_reads);
  json_builder_set_member_name (b, "write");
  json_builder_add_int_value (b, r->n_writes);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "partial");
  json_builder_add_boolean_value (b, r->partial);
  json_builder_set_member_name (b, "ios");
  json_builder_begin_array (b);
  collect (r, 0, samples, b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "hops");
  json_builder_begin_array (b);
  for (int k = 0; k < N_HOPS; k++)
    {
      g_array_sort (samples[k], cmp_double);
      if (samples[k]->len == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, hop_defs[k].key);
      json_builder_set_member_name (b, "median_ns");
      json_builder_add_int_value (b, (gint64)(percentile (samples[k], 50) + 0.5));
      json_builder_set_member_name (b, "p99_ns");
      json_builder_add_int_value (b, (gint64)(percentile (samples[k], 99) + 0.5));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, samples[k]->len);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  for (int k = 0; k < N_HOPS; k++)
    g_array_unref (samples[k]);
  return json_builder_get_root (b);
}

/* printf's widths count bytes; a column of translated text counts characters */
static void
append_padded (GString    *s,
               const char *text,
               glong       width)
{
  g_string_append (s, text);
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (s, ' ');
}

static void
append_padded_right (GString    *s,
                     const char *text,
                     glong       width)
{
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (s, ' ');
  g_string_append (s, text);
}

char *
iop_replay_to_text (IopReplay *r)
{
  GString *s = g_string_new (NULL);
  GArray *samples[N_HOPS];

  for (guint hi = 0; hi < r->hosts->len; hi++)
    {
      Host *h = g_ptr_array_index (r->hosts, hi);
      g_autofree char *span = iop_format_duration ((gint64)((h->last_tsc - h->first_tsc) * ns_per_tick (h)));

      g_string_append_printf (s, _("%-12s %-17s %7u entries over %s\n"), h->name, host_role (r, hi), h->n_entries, span);
    }
  g_string_append_printf (s, _("\nI/Os followed from the guest to the storage and back: %u of %u (%u reads, %u writes)\n"),
                          r->n_followed, r->n_seen, r->n_reads, r->n_writes);
  g_string_append (s, _("Clock: one machine's TSC, shared by every host\n"));
  {
    g_autoptr(GArray) cps = clock_pairs (r);

    for (guint c = 0; c < cps->len; c++)
      {
        ClockPair *cp = &g_array_index (cps, ClockPair, c);
        g_autofree char *off = iop_format_duration ((gint64)llround (fabs (cp->offset_ns)));
        g_autofree char *bound = iop_format_duration ((gint64)llround (cp->bound_ns));

        g_string_append_printf (s, _("  %s seen from %s: offset %s%s within ±%s, from %u request and response pairs (%s)\n"),
                                ((Host *)g_ptr_array_index (r->hosts, cp->to))->name,
                                ((Host *)g_ptr_array_index (r->hosts, cp->from))->name,
                                cp->offset_ns < 0 ? "−" : "", off, bound, cp->pairs,
                                fabs (cp->offset_ns) <= cp->bound_ns ? _("consistent with one clock") : _("the clocks differ"));
      }
  }
  g_string_append_c (s, '\n');

  for (int k = 0; k < N_HOPS; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  collect (r, 0, samples, NULL);
  append_padded (s, _("Hop"), 62);
  append_padded_right (s, _("median"), 13);
  append_padded_right (s, _("p99"), 13);
  g_string_append_printf (s, " %6s\n", _("n"));
  for (int k = 0; k < N_HOPS; k++)
    {
      g_autofree char *med = NULL;
      g_autofree char *p99 = NULL;

      g_array_sort (samples[k], cmp_double);
      if (samples[k]->len > 0)
        {
          med = iop_format_duration ((gint64)percentile (samples[k], 50));
          p99 = iop_format_duration ((gint64)percentile (samples[k], 99));
          append_padded (s, _(hop_defs[k].label), 62);
          append_padded_right (s, med, 13);
          append_padded_right (s, p99, 13);
          g_string_append_printf (s, " %6u\n", samples[k]->len);
        }
      g_array_unref (samples[k]);
    }
  for (guint i = 0; i < r->warnings->len; i++)
    g_string_append_printf (s, _("\nNote: %s"), (const char *)g_ptr_array_index (r->warnings, i));
  if (r->warnings->len > 0)
    g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}
