/* iop-replay-trace.c: one recorded I/O as a trace in the model's shape
 *
 * Every tracepoint of the I/O's objects on every host, in TSC order, becomes
 * a step where the model has a stage for what it records (TCP_REQ_NEW: the
 * target reads the command, nvmf_tcp.recv; BDEV_RAID_IO_START: raid.submit;
 * BLOB_REQ_SET_START: blob.rw; ...), with the host, lcore, leg and storage
 * node it ran on and its real time. The stage brings the model's source
 * reference and explanation, so the source and explanation panels work.
 * Tracepoints the model has no stage for are named in the step before them
 * ("Also recorded here: ..."). The trace holds no pool levels: a capture
 * does not record them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "iop-error.h"
#include "iop-format.h"
#include "iop-recorder.h"
#include "iop-refs.h"
#include "iop-replay-private.h"
#include "iop-stages.h"
#include "iop-topology.h"
#include "iop-trace-private.h"

/* An entry of the I/O with where it ran */
typedef struct
{
  Entry        e;
  guint        host;
  guint        obj;
  IopPlace     place;       /* the host's place in the drawing */
  int          node;        /* storage node */
  int          leg;         /* RAID leg, -1 */
  const char  *role;        /* "guest", "target", "storage" */
} At;

static int
at_cmp (gconstpointer a,
        gconstpointer b)
{
  const At *x = a, *y = b;
  return x->e.tsc < y->e.tsc ? -1 : x->e.tsc > y->e.tsc;
}

/* A leg's number: the rank of its bdev (replica) among every bdev the
 * RAID host sends commands through, so replica A is leg 0 in every I/O
 * whichever leg the RAID sent first */
static int
leg_number (IopReplay *r,
            HostIo    *mid,
            guint      m)
{
  const char *via = g_array_index (mid->legs, RLeg, m).via;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int below = 0;

  if (via == NULL)
    return (int)m;
  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);

      if (io->host != mid->host)
        continue;
      for (guint l = 0; l < io->legs->len; l++)
        {
          const char *v = g_array_index (io->legs, RLeg, l).via;
          if (v != NULL && strcmp (v, via) < 0 && !g_hash_table_contains (seen, v))
            {
              g_hash_table_add (seen, (gpointer)v);
              below++;
            }
        }
    }
  return below;
}

/* Each entry of the objects of host io IO_INDEX, with LEG and NODE, or the
 * leg found by walking up to a leg's bdev_io (the RAID host) */
static void
gather (IopReplay  *r,
        guint       io_index,
        IopPlace    place,
        int         node,
        int         leg,
        const char *role,
        GArray     *out)
{
  HostIo *io = &g_array_index (r->ios, HostIo, io_index);
  Host *h = g_ptr_array_index (r->hosts, io->host);

  for (guint i = io->root; i < h->objs->len; i++)
    {
      Obj *o = obj_at (h, i);
      int l = leg;

      if (o->io != io_index || o->entries == NULL)
        continue;
      if (l < 0 && strcmp (role, "target") == 0)
        for (guint m = 0; m < io->legs->len; m++)
          {
            guint up = i, depth = 0;
            RLeg *lg = &g_array_index (io->legs, RLeg, m);

            while (up != NONE && up != lg->bdev && depth++ < 32)
              up = obj_at (h, up)->parent;
            if (up != NONE && up == lg->bdev)
              l = leg_number (r, io, m);
          }
      for (guint k = 0; k < o->entries->len; k++)
        {
          At at = { g_array_index (o->entries, Entry, k), io->host, i, place, node, l, role };
          g_array_append_val (out, at);
        }
    }
}

/* When request REQ's bdev_io was done (0: not in the capture): a socket
 * write of the request after it is the response, one before it an R2T */
static guint64
request_done (IopReplay *r,
              Host      *h,
              guint      req)
{
  guint io = obj_at (h, req)->io;
  HostIo *hio;

  if (io == NONE)
    return 0;
  hio = &g_array_index (r->ios, HostIo, io);
  return hio->bdev != NONE ? obj_at (h, hio->bdev)->end : 0;
}

/* Whether AT is the first time its object records NAME (a command's H2C
 * data PDUs reuse the command's PDU, and its socket request, after it) */
static gboolean
first_of_its_kind (Obj        *o,
                   const At   *at)
{
  for (guint k = 0; k < o->entries->len; k++)
    {
      const Entry *e = &g_array_index (o->entries, Entry, k);
      if (e->name == at->e.name)
        return e->tsc == at->e.tsc;
    }
  return TRUE;
}

/* The model's stage for what entry AT records, or NULL: the tracepoint then
 * goes into the detail of the step before it */
static const char *
stage_for (IopReplay *r,
           const At  *at,
           gboolean   read,
           gboolean   in_capsule,
           IopPlace  *place)
{
  Host *h = g_ptr_array_index (r->hosts, at->host);
  Obj *o = obj_at (h, at->obj);
  const char *n = at->e.name;
  gboolean guest = strcmp (at->role, "guest") == 0;
  gboolean backing = o->kind == TP_BDEV_IO_START && o->parent != NONE && obj_at (h, o->parent)->kind == TP_BLOB_START;

  *place = at->place;
  if (guest)
    {
      if (strcmp (n, "BDEV_IO_START") == 0)
        return "guest.submit";
      if (strcmp (n, "SOCK_REQ_PEND") == 0 && o->parent != NONE &&
          obj_at (h, o->parent)->kind == TP_NVME_SUBMIT && first_of_its_kind (o, at))
        {
          *place = IOP_PLACE_NETWORK;
          return "net.guest_cmd";
        }
      if (strcmp (n, "BDEV_IO_DONE") == 0)
        return "guest.complete";
      return NULL;
    }
  if (strcmp (n, "TCP_REQ_NEW") == 0)
    return "nvmf_tcp.recv";
  if (strcmp (n, "TCP_REQ_NEED_BUFFER") == 0)
    return in_capsule ? "nvmf_tcp.in_capsule" : "nvmf_tcp.get_buffers";
  if (strcmp (n, "TCP_REQ_RDY_TO_EXECUTE") == 0)
    return "nvmf.exec";
  if (strcmp (n, "TCP_REQ_EXECUTED") == 0)
    return "nvmf.complete";
  if (strcmp (n, "TCP_REQ_COMPLETED") == 0)
    return "nvmf_tcp.release";
  if (strcmp (n, "BDEV_RAID_IO_START") == 0)
    return "raid.submit";
  if (strcmp (n, "BDEV_RAID_IO_DONE") == 0)
    return read ? "raid1.read_complete" : "raid1.write_complete";
  if (strcmp (n, "BDEV_NVME_IO_START") == 0)
    return "bdev_nvme.submit";
  if (strcmp (n, "BDEV_NVME_IO_DONE") == 0)
    return "bdev_nvme.complete";
  if (strcmp (n, "NVME_TCP_SUBMIT") == 0)
    return "nvme_tcp.submit";
  if (strcmp (n, "NVME_TCP_COMPLETE") == 0)
    return "nvme_tcp.poll";
  if (strcmp (n, "BLOB_REQ_SET_START") == 0)
    return "blob.rw";
  if (strcmp (n, "BLOB_REQ_SET_COMPLETE") == 0)
    return "blob.complete";
  if (strcmp (n, "BDEV_IO_START") == 0)
    return backing ? "malloc.submit" : "bdev.submit";
  if (strcmp (n, "BDEV_IO_DONE") == 0)
    return backing ? "malloc.complete" : "bdev.complete";
  if (strcmp (n, "SOCK_REQ_QUEUE") == 0 && o->kind != TP_OTHER)
    return NULL;
  if (strcmp (n, "SOCK_REQ_QUEUE") == 0)
    {
      /* a socket request: a leg's command capsule, or a request's response
       * (after its bdev_io was done; before it, an R2T) */
      Obj *of = o->parent != NONE ? obj_at (h, o->parent) : NULL;
      guint64 done = of != NULL && of->kind == TP_REQ_NEW ? request_done (r, h, o->parent) : 0;

      if (done != 0 && at->e.tsc >= done)
        return "nvmf_tcp.complete";
      return NULL;
    }
  if (strcmp (n, "SOCK_REQ_PEND") == 0)
    {
      Obj *of = o->parent != NONE ? obj_at (h, o->parent) : NULL;

      *place = IOP_PLACE_NETWORK;
      if (of != NULL && of->kind == TP_NVME_SUBMIT && first_of_its_kind (o, at))
        return "net.tcp_capsule";
      if (of != NULL && of->kind == TP_REQ_NEW)
        {
          guint64 done = request_done (r, h, o->parent);

          if (done != 0 && at->e.tsc >= done)
            return read ? "net.c2h_data" : "net.tcp_resp";
          return "net.r2t";
        }
      *place = at->place;
      return NULL;
    }
  return NULL;
}

static const char *
host_name (IopReplay *r,
           guint      hi)
{
  return ((Host *)g_ptr_array_index (r->hosts, hi))->name;
}

/* Collects the entries of followed I/O G across its hosts, in time order */
static GArray *
entries_of (IopReplay *r,
            HostIo    *g,
            guint      g_index)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (At));
  RLeg *gl = &g_array_index (g->legs, RLeg, 0);
  guint t_index = gl->to_obj;
  HostIo *t = &g_array_index (r->ios, HostIo, t_index);

  gather (r, g_index, IOP_PLACE_BAREMETAL, -1, -1, "guest", all);
  gather (r, t_index, IOP_PLACE_BAREMETAL, -1, -1, "target", all);
  /* storage nodes numbered by host name, as the capture's folders are */
  for (guint m = 0; m < t->legs->len; m++)
    {
      RLeg *leg = &g_array_index (t->legs, RLeg, m);
      int node = 0;

      if (leg->to_obj == NONE)
        continue;
      for (guint hi = 0; hi < r->hosts->len; hi++)
        {
          Host *h = g_ptr_array_index (r->hosts, hi);
          if (h->is_target && hi != t->host && strcmp (h->name, host_name (r, leg->to_host)) < 0)
            node++;
        }
      gather (r, leg->to_obj, IOP_PLACE_STORAGE, node, leg_number (r, t, m), "storage", all);
    }
  g_array_sort (all, at_cmp);
  return all;
}

static int
cmp_u64 (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return x < y ? -1 : x > y;
}

guint
iop_replay_pick (IopReplay  *r,
                 const char *which)
{
  g_autoptr(GArray) lat = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint best = 0;

  if (r->followed->len == 0)
    return 0;
  if (g_strcmp0 (which, "first") == 0)
    return 0;
  for (guint f = 0; f < r->followed->len; f++)
    {
      HostIo *g = &g_array_index (r->ios, HostIo, g_array_index (r->followed, guint, f));
      Obj *o = obj_at (g_ptr_array_index (r->hosts, g->host), g->root);
      guint64 l = o->end > o->start ? o->end - o->start : 0;
      g_array_append_val (lat, l);
    }
  if (g_strcmp0 (which, "slowest") == 0)
    {
      for (guint f = 1; f < lat->len; f++)
        if (g_array_index (lat, guint64, f) > g_array_index (lat, guint64, best))
          best = f;
      return best;
    }
  /* the median: the I/O whose latency is the middle one of them sorted */
  {
    g_autoptr(GArray) sorted = g_array_copy (lat);
    guint64 mid;

    g_array_sort (sorted, cmp_u64);
    mid = g_array_index (sorted, guint64, (sorted->len - 1) / 2);
    for (guint f = 0; f < lat->len; f++)
      if (g_array_index (lat, guint64, f) == mid)
        return f;
  }
  return 0;
}

/* A step for entry AT at STAGE */
static IopStep *
step_new (IopTrace   *trace,
          IopReplay  *r,
          const At   *at,
          IopStage    stage,
          IopPlace    place,
          guint64     t0,
          double      npt,
          const char *op)
{
  const IopStageInfo *info = iop_stage_info (stage);
  IopStep *s = iop_step_new ();
  Host *h = g_ptr_array_index (r->hosts, at->host);
  Obj *o = obj_at (h, at->obj);
  g_autofree char *when = iop_format_step_time ((gint64)((at->e.tsc - t0) * npt));
  IopRef ref;

  s->index = trace->steps->len;
  s->t_ns = (gint64)((at->e.tsc - t0) * npt);
  s->key = info->key;
  s->stage = stage;
  s->layer = info->layer;
  s->direction = info->direction;
  s->place = place;
  s->node = place == IOP_PLACE_STORAGE ? at->node : -1;
  s->leg = at->leg;
  s->core = place == IOP_PLACE_NETWORK ? -1 : (int)at->e.lcore;
  s->thread = place == IOP_PLACE_NETWORK ? NULL : g_strdup_printf ("%s lcore %u", h->name, at->e.lcore);
  /* Translators: a recorded step's title: the tracepoint and the host it ran on */
  s->title = g_strdup_printf (_("Recorded: %s on %s"), at->e.name, h->name);
  s->detail = g_strdup_printf (_("%s recorded this at %s after the guest submitted the I/O, on lcore %u (object of %s)."),
                               at->e.name, when, at->e.lcore, o->owner ? o->owner : h->name);
  if (info->layer == IOP_LAYER_GUEST)
    {
      /* the capture's guest is SPDK's bdevperf, not a VM's kernel driver */
      char *d = g_strdup_printf (_("%s The guest here is SPDK's bdevperf: its own bdev layer recorded this."), s->detail);
      g_free (s->detail);
      s->detail = d;
    }
  if (place == IOP_PLACE_NETWORK)
    iop_step_token (s, IOP_TOKEN_WIRE, place, -1, info->layer, info->direction == IOP_DIR_UP ? IOP_DIR_UP : IOP_DIR_DOWN);
  else
    iop_step_token (s, IOP_TOKEN_BOX, place, s->node, info->layer, info->direction);
  s->token.leg = at->leg;
  s->reads = g_strcmp0 (op, "read") == 0;
  if (iop_refs_lookup (trace->scenario->version, info->key,
                       place == IOP_PLACE_STORAGE ? "storage" : place == IOP_PLACE_BAREMETAL ? "baremetal" : NULL,
                       op, &ref))
    {
      s->file = g_strdup (ref.file);
      s->function = g_strdup (ref.function);
      s->highlight = g_strdup (ref.highlight);
      s->line = ref.line;
    }
  g_ptr_array_add (trace->steps, s);
  return s;
}

IopTrace *
iop_replay_to_trace (IopReplay   *r,
                     guint        index,
                     IopScenario *scenario,
                     GError     **error)
{
  HostIo *g;
  Host *gh;
  Obj *gio;
  g_autoptr(GArray) all = NULL;
  IopTrace *trace;
  IopStep *last = NULL;
  GString *also = NULL;
  gboolean read;
  double npt;
  guint64 t0;

  if (index >= r->followed->len)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("The capture has %u followed I/Os; there is no number %u"),
                   r->followed->len, index + 1);
      return NULL;
    }
  g = &g_array_index (r->ios, HostIo, g_array_index (r->followed, guint, index));
  gh = g_ptr_array_index (r->hosts, g->host);
  gio = obj_at (gh, g->root);
  read = gio->type == 1;
  npt = ns_per_tick (gh);
  t0 = gio->start;
  all = entries_of (r, g, g_array_index (r->followed, guint, index));

  trace = iop_trace_new (iop_scenario_copy (scenario));
  trace->scenario->op = read ? IOP_OP_READ : IOP_OP_WRITE;
  trace->scenario->io_size = (gint64)MAX (gio->blocks, 1) * trace->scenario->block_size;
  trace->topology = iop_topology_new (trace->scenario);
  trace->start_ns = 0;
  for (guint i = 0; i < all->len; i++)
    {
      const At *at = &g_array_index (all, At, i);
      IopPlace place;
      IopHostId kh = at->place == IOP_PLACE_STORAGE ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
      const char *key = stage_for (r, at, read,
                                   !read && trace->scenario->io_size <= iop_scenario_get_knob (trace->scenario, kh,
                                                                                                  "nvmf_create_transport.in_capsule_data_size"),
                                   &place);
      int found = key ? iop_stage_from_key (key) : -1;
      IopStage stage = found >= 0 ? (IopStage)found : IOP_N_STAGES;

      if (at->e.tsc < t0)
        continue;
      if (stage >= IOP_N_STAGES)
        {
          if (last != NULL)
            {
              if (also == NULL)
                also = g_string_new (NULL);
              g_string_append_printf (also, "%s%s", also->len ? ", " : "", at->e.name);
            }
          continue;
        }
      if (last != NULL && also != NULL)
        {
          char *d = g_strdup_printf (_("%s Also recorded here: %s."), last->detail, also->str);
          g_free (last->detail);
          last->detail = d;
          g_string_free (also, TRUE);
          also = NULL;
        }
      last = step_new (trace, r, at, stage, place, t0, npt, read ? "read" : "write");
      if (last->leg >= 0 && trace->split_step < 0)
        trace->split_step = (int)last->index;
    }
  if (also != NULL)
    g_string_free (also, TRUE);
  /* durations: to the next step; the legs join at the first step after the
   * last leg's */
  for (guint i = 0; i < trace->steps->len; i++)
    {
      IopStep *s = iop_trace_step (trace, i);
      IopStep *next = i + 1 < trace->steps->len ? iop_trace_step (trace, i + 1) : NULL;

      s->dur_ns = next ? MAX (next->t_ns - s->t_ns, 0) : 0;
      if (s->leg >= 0)
        trace->join_step = (int)MIN (i + 1, trace->steps->len - 1);
    }
  trace->end_ns = gio->end > t0 ? (gint64)((gio->end - t0) * npt) : 0;
  trace->outcome = IOP_OUTCOME_COMPLETED;
  trace->served_by = -1;
  for (guint i = 0; read && i < trace->steps->len; i++)
    if (iop_trace_step (trace, i)->leg >= 0)
      {
        trace->served_by = iop_trace_step (trace, i)->leg;
        break;
      }
  iop_trace_finish (trace);
  return trace;
}
