/* iop-painter-analyse.c: what the trace puts on the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the trace once per layout, whatever the size: the hosts, one lane
 * per SPDK thread, the stage boxes in them, the wires across the network
 * with their pills, the gauges and the tracks the tokens follow.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* ------------------------------------------------------------------ */
/* Reading the trace                                                    */

/* The box a step's layer is drawn in: the NVMe bdev, the driver and its
 * transport share one */
static const char *
step_group (const IopStep *st)
{
  switch (st->layer)
    {
    case IOP_LAYER_GUEST: return "guest";
    case IOP_LAYER_VFIO_USER: return "vfu";
    case IOP_LAYER_NVMF_TCP: return "nvmf_tcp";
    case IOP_LAYER_NVMF: return "nvmf";
    case IOP_LAYER_BDEV: return "bdev";
    case IOP_LAYER_RAID1: return "raid";
    case IOP_LAYER_BDEV_NVME:
    case IOP_LAYER_NVME:
    case IOP_LAYER_NVME_RDMA:
    case IOP_LAYER_NVME_TCP:
    case IOP_LAYER_NVME_PCIE: return "nvme";
    case IOP_LAYER_NVMF_RDMA: return "nvmf_rdma";
    case IOP_LAYER_LVOL: return "lvol";
    case IOP_LAYER_BLOBSTORE: return "blob";
    case IOP_LAYER_MALLOC: return "malloc";
    case IOP_LAYER_ACCEL: return "accel";
    case IOP_LAYER_SSD: return "device";
    case IOP_LAYER_FABRIC: return "net";
    default: return "?";
    }
}

static gboolean
is_device_step (const IopStep *st)
{
  return st->layer == IOP_LAYER_SSD;
}

/* The label of a stage box, long and short */
static void
group_labels (Box   *box,
              char **label,
              char **short_label)
{
  const char *g = box->group;
  gboolean rdma = FALSE, pcie = FALSE, tcp = FALSE, raid1 = FALSE;

  for (guint i = 0; i < box->layers->len; i++)
    {
      IopLayer l = g_array_index (box->layers, IopLayer, i);

      rdma |= l == IOP_LAYER_NVME_RDMA;
      pcie |= l == IOP_LAYER_NVME_PCIE;
      tcp |= l == IOP_LAYER_NVME_TCP;
      raid1 |= l == IOP_LAYER_RAID1;
    }

  if (g_str_equal (g, "vfu"))
    {
      *label = g_strdup (_("VFIO-user"));
      *short_label = g_strdup (_("VFIO"));
    }
  else if (g_str_equal (g, "nvmf"))
    {
      *label = g_strdup (_("NVMf"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "bdev"))
    {
      *label = g_strdup (_("bdev"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "raid"))
    {
      *label = g_strdup (raid1 ? _("RAID1") : _("RAID"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "nvme"))
    {
      *label = g_strdup (rdma ? _("NVMe/RDMA") : pcie ? _("NVMe/PCIe") : tcp ? _("NVMe/TCP") : _("NVMe"));
      *short_label = g_strdup (_("NVMe"));
    }
  else if (g_str_equal (g, "nvmf_rdma"))
    {
      *label = g_strdup (_("RDMA target"));
      *short_label = g_strdup (_("RDMA"));
    }
  else if (g_str_equal (g, "nvmf_tcp"))
    {
      *label = g_strdup (_("TCP target"));
      *short_label = g_strdup (_("TCP"));
    }
  else if (g_str_equal (g, "lvol"))
    {
      *label = g_strdup (_("lvol"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "blob"))
    {
      *label = g_strdup (_("blobstore"));
      *short_label = g_strdup (_("blob"));
    }
  else if (g_str_equal (g, "malloc") || g_str_equal (g, "accel"))
    {
      *label = g_strdup (g_str_equal (g, "malloc") ? _("malloc bdev") : _("accel"));
      *short_label = g_strdup (g_str_equal (g, "malloc") ? _("malloc") : NULL);
    }
  else
    {
      *label = g_strdup (g);
      *short_label = NULL;
    }
}

static void
pill_labels (const IopStep *st,
             char         **label,
             char         **short_label,
             char         **tiny_label)
{
  *short_label = NULL;
  *tiny_label = NULL;
  switch (st->stage)
    {
    case IOP_STAGE_NET_RDMA_READ:
      *label = g_strdup (_("Data: RDMA READ"));
      *short_label = g_strdup (_("RDMA READ"));
      /* TRANSLATORS: the shortest label of an RDMA READ or WRITE of the I/O's data on the network */
      *tiny_label = g_strdup (_("Data"));
      break;
    case IOP_STAGE_NET_RDMA_WRITE:
      *label = g_strdup (_("Data: RDMA WRITE"));
      *short_label = g_strdup (_("RDMA WRITE"));
      *tiny_label = g_strdup (_("Data"));
      break;
    case IOP_STAGE_NET_R2T:
      *label = g_strdup (_("Ready to transfer"));
      *short_label = g_strdup (_("R2T"));
      break;
    case IOP_STAGE_NET_RESP_CAPSULE:
    case IOP_STAGE_NET_TCP_RESP:
      *label = g_strdup (_("Response capsule"));
      *short_label = g_strdup (_("Response"));
      break;
    case IOP_STAGE_NET_CMD_CAPSULE:
    case IOP_STAGE_NET_TCP_CAPSULE:
    case IOP_STAGE_NET_GUEST_CMD:
    case IOP_STAGE_NET_LOST:
      *label = g_strdup (_("Command capsule"));
      *short_label = g_strdup (_("Command"));
      break;
    case IOP_STAGE_NET_H2C_DATA:
    case IOP_STAGE_NET_C2H_DATA:
      *label = g_strdup (_("Data"));
      break;
    default:
      *label = g_strdup (st->title ? st->title : st->key);
      break;
    }
}

/* Submission (0) or completion (1), as each step's direction says; a wait
 * or a controller step stays in the phase its track is in */
static void
compute_phases (IopTrace *trace,
                int      *phase)
{
  gboolean complete[N_LEGS_MAX + 1] = { FALSE, };

  for (guint i = 0; i < trace->steps->len; i++)
    {
      IopStep *st = iop_trace_step (trace, i);
      int t = st->leg >= 0 ? MIN (st->leg, N_LEGS_MAX - 1) + 1 : 0;

      if (st->direction == IOP_DIR_UP)
        complete[t] = TRUE;
      else if (st->direction == IOP_DIR_DOWN && !is_device_step (st))
        complete[t] = FALSE;
      phase[i] = complete[t];
    }
}

/* ------------------------------------------------------------------ */
/* Layout                                                               */

static int
host_index (IopPlace place,
            int      node)
{
  return place == IOP_PLACE_STORAGE ? 1 + MAX (node, 0) : 0;
}

void
box_free (gpointer p)
{
  Box *b = p;

  g_array_unref (b->steps);
  g_ptr_array_unref (b->keys);
  g_array_unref (b->layers);
  g_free (b->label);
  g_free (b->short_label);
  g_free (b->tiny_label);
  g_free (b);
}

void
lane_free (gpointer p)
{
  Lane *l = p;

  g_free (l->thread);
  g_array_unref (l->gauges);
  g_clear_pointer (&l->shown, g_array_unref);
  g_free (l);
}

void
host_free (gpointer p)
{
  Host *h = p;

  g_free (h->title);
  g_free (h->subtitle);
  g_array_unref (h->lanes);
  g_array_unref (h->pools);
  g_clear_pointer (&h->shown_pools, g_array_unref);
  g_free (h);
}

void
wire_free (gpointer p)
{
  Wire *w = p;

  g_array_unref (w->pts);
  g_array_unref (w->cum);
  g_array_unref (w->pills);
  g_free (w);
}

void
text_item_clear (gpointer p)
{
  TextItem *t = p;

  g_free (t->text);
}

void
layout_free (IopPainterLayout *L)
{
  if (L == NULL)
    return;
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&L->fonts[i], pango_font_description_free);
  g_clear_pointer (&L->boxes, g_ptr_array_unref);
  g_clear_pointer (&L->lanes, g_ptr_array_unref);
  g_clear_pointer (&L->hosts, g_ptr_array_unref);
  g_clear_pointer (&L->wires, g_ptr_array_unref);
  g_clear_pointer (&L->texts, g_array_unref);
  g_clear_pointer (&L->gauges, g_array_unref);
  g_clear_pointer (&L->bm_columns, g_ptr_array_unref);
  g_clear_pointer (&L->st_columns, g_ptr_array_unref);
  g_clear_pointer (&L->main_seq, g_array_unref);
  for (guint i = 0; i < N_LEGS_MAX; i++)
    g_clear_pointer (&L->leg_seq[i], g_array_unref);
  for (guint i = 0; i <= N_LEGS_MAX; i++)
    g_clear_pointer (&L->echo_seq[i], g_array_unref);
  gauge_info_free (L);
  g_free (L->capw.title_w);
  g_free (L->capw.two_ok);
  g_free (L->capw.two_no);
  g_free (L->gauge_slot);
  g_free (L->step_box);
  g_free (L->step_phase);
  g_free (L->anchor);
  g_free (L->font_family);
  g_clear_pointer (&L->trace, iop_trace_unref);
  g_free (L);
}

static Box *
box_new (IopPainterBoxKind kind,
         IopPlace          place,
         int               node)
{
  Box *b = g_new0 (Box, 1);

  b->pub.kind = kind;
  b->pub.place = place;
  b->pub.node = node;
  b->steps = g_array_new (FALSE, FALSE, sizeof (int));
  b->keys = g_ptr_array_new ();
  b->layers = g_array_new (FALSE, FALSE, sizeof (IopLayer));
  b->lane = -1;
  b->column = -1;
  b->wire = -1;
  return b;
}

static void
box_add_step (Box     *b,
              IopStep *st)
{
  int i = st->index;

  g_array_append_val (b->steps, i);
  if (st->key != NULL && !g_ptr_array_find_with_equal_func (b->keys, st->key, g_str_equal, NULL))
    g_ptr_array_add (b->keys, (gpointer)st->key);
  for (guint k = 0; k <= b->layers->len; k++)
    if (k == b->layers->len)
      {
        g_array_append_val (b->layers, st->layer);
        break;
      }
    else if (g_array_index (b->layers, IopLayer, k) == st->layer)
      break;
  if (st->leg >= 0)
    b->leg_mask |= 1u << MIN (st->leg, 31);
}

static int
find_lane (IopPainterLayout *L,
           int               host,
           const char       *thread)
{
  for (guint i = 0; i < L->lanes->len; i++)
    {
      Lane *l = g_ptr_array_index (L->lanes, i);

      if (l->host == host && g_strcmp0 (l->thread, thread) == 0)
        return i;
    }
  return -1;
}

static int
add_lane (IopPainterLayout *L,
          int               host,
          const char       *thread,
          int               core)
{
  Lane *l = g_new0 (Lane, 1);
  Host *h = g_ptr_array_index (L->hosts, host);
  int idx = L->lanes->len;

  l->host = host;
  l->thread = g_strdup (thread);
  l->core = core;
  l->gauges = g_array_new (FALSE, FALSE, sizeof (guint));
  l->device_box = -1;
  g_ptr_array_add (L->lanes, l);
  g_array_append_val (h->lanes, idx);
  return idx;
}

static void
columns_add (GPtrArray  *cols,
             const char *group,
             gboolean    completion,
             const char **last_comp)
{
  guint at;

  if (g_ptr_array_find (cols, group, &at))
    {
      if (completion)
        *last_comp = group;
      return;
    }
  if (!completion)
    g_ptr_array_add (cols, (gpointer)group);
  else
    {
      /* The way back runs right to left: a layer only seen on it goes just
       * left of the previous one. */
      if (*last_comp != NULL && g_ptr_array_find (cols, *last_comp, &at))
        g_ptr_array_insert (cols, at, (gpointer)group);
      else
        g_ptr_array_add (cols, (gpointer)group);
      *last_comp = group;
    }
}

static int
track_of (IopStep *st)
{
  return st->leg;
}

/* The nearest step before/after I on the same track that is not on the network */
static int
track_neighbour (IopTrace *trace,
                 int       i,
                 int       dir)
{
  IopStep *st = iop_trace_step (trace, i);
  int n = trace->steps->len;

  for (int j = i + dir; j >= 0 && j < n; j += dir)
    {
      IopStep *o = iop_trace_step (trace, j);

      if (o->place == IOP_PLACE_NETWORK)
        continue;
      if (o->leg == track_of (st) || o->leg < 0 || st->leg < 0)
        return j;
    }
  return -1;
}

static int
thread_core (IopTrace   *trace,
             IopPlace    place,
             const char *thread)
{
  IopHostTopology *ht;

  if (trace->topology == NULL || place == IOP_PLACE_NETWORK)
    return -1;
  ht = &trace->topology->hosts[place == IOP_PLACE_STORAGE ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL];
  for (guint i = 0; ht->threads && i < ht->threads->len; i++)
    {
      IopThread *t = g_ptr_array_index (ht->threads, i);

      if (g_strcmp0 (t->name, thread) == 0)
        return t->core;
    }
  return -1;
}

static int
find_wire (IopPainterLayout *L,
           int               node,
           gboolean          ret,
           int               storage_lane)
{
  for (guint i = 0; i < L->wires->len; i++)
    {
      Wire *w = g_ptr_array_index (L->wires, i);

      if (w->node == node && w->ret == ret && w->storage_lane == storage_lane)
        return i;
    }
  return -1;
}

/* The number of storage nodes: the scenario's, or as many as the steps and
 * gauges name */
static void
analyse_n_nodes (IopPainterLayout *L)
{
  IopTrace *trace = L->trace;
  IopScenario *sc = trace->scenario;
  guint n = trace->steps->len;

  L->n_nodes = sc ? (int)sc->hosts[IOP_HOST_STORAGE].instances : 0;
  for (guint i = 0; i < n; i++)
    {
      IopStep *st = iop_trace_step (trace, i);

      if (st->place == IOP_PLACE_STORAGE)
        L->n_nodes = MAX (L->n_nodes, st->node + 1);
    }
  for (guint i = 0; i < trace->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, i);

      if (g->place == IOP_PLACE_STORAGE)
        L->n_nodes = MAX (L->n_nodes, g->node + 1);
    }
  L->n_nodes = CLAMP (L->n_nodes, 0, 8);
}

/* The baremetal host (H 0) and storage node H - 1, with their titles */
static Host *
host_new (IopPainterLayout *L,
          int               h)
{
  IopScenario *sc = L->trace->scenario;
  Host *host = g_new0 (Host, 1);

  host->place = h == 0 ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE;
  host->node = h == 0 ? -1 : h - 1;
  host->lanes = g_array_new (FALSE, FALSE, sizeof (int));
  host->pools = g_array_new (FALSE, FALSE, sizeof (guint));
  host->guest_box = -1;
  host->device_box = -1;
  host->idle = TRUE;
  if (h == 0)
    {
      const char *target = sc ? sc->hosts[IOP_HOST_BAREMETAL].target_trtype : NULL;
      const char *fabric = sc ? sc->hosts[IOP_HOST_BAREMETAL].fabric_trtype : NULL;

      host->title = g_strdup (iop_host_label (IOP_HOST_BAREMETAL));
      /* TRANSLATORS: the baremetal host's two roles, e.g. "VFIO-user target · NVMe-oF RDMA initiator" */
      host->subtitle = g_strdup_printf (_("%s target · NVMe-oF %s initiator"),
                                        trtype_label (target), trtype_label (fabric));
    }
  else
    {
      const char *target = sc ? sc->hosts[IOP_HOST_STORAGE].target_trtype : NULL;
      const char *backend = sc ? sc->hosts[IOP_HOST_STORAGE].backend : NULL;

      if (L->n_nodes > 1)
        /* TRANSLATORS: "Storage node A", "Storage node B" */
        host->title = g_strdup_printf (_("Storage node %c"), leg_letter (h - 1));
      else
        host->title = g_strdup (iop_host_label (IOP_HOST_STORAGE));
      /* TRANSLATORS: e.g. "NVMe-oF RDMA target · lvol on NVMe" */
      host->subtitle = g_strdup_printf (_("NVMe-oF %s target · lvol on %s"),
                                        trtype_label (target),
                                        g_strcmp0 (backend, "malloc") == 0 ? _("malloc") : _("NVMe"));
    }
  return host;
}

/* The key of the box step I is drawn in, and its lane (added if new) */
static char *
stage_box_key (IopPainterLayout *L,
               guint             i,
               int               host,
               int              *lane)
{
  IopTrace *trace = L->trace;
  IopStep *st = iop_trace_step (trace, i);

  if (is_device_step (st))
    {
      /* the SSD as seen from the thread that submitted to it */
      int prev = track_neighbour (trace, i, -1);

      *lane = prev >= 0 && L->step_box[prev] >= 0
        ? ((Box *)g_ptr_array_index (L->boxes, L->step_box[prev]))->lane : -1;
      return g_strdup_printf ("%d/%d/device", host, *lane);
    }
  else
    {
      const char *group = step_group (st);

      *lane = find_lane (L, host, st->thread);
      if (*lane < 0)
        *lane = add_lane (L, host, st->thread, st->core);
      return g_strdup_printf ("%d/%d/%d/%s", host, *lane, L->step_phase[i], group);
    }
}

/* Lanes and stage boxes, in path order; a fault's controller steps come
 * after the request's own, so they never decide the order of the stages */
static void
analyse_stage_boxes (IopPainterLayout *L)
{
  IopTrace *trace = L->trace;
  guint n = trace->steps->len;
  g_autoptr(GHashTable) box_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *last_comp_bm = NULL, *last_comp_st = NULL;

  for (guint k = 0; k < 2 * n; k++)
    {
      guint i = k % n;
      IopStep *st = iop_trace_step (trace, i);
      int host = host_index (st->place, st->node);
      g_autofree char *key = NULL;
      gpointer found;
      Box *box;
      int bi, lane;

      if ((k < n) == st->control)
        continue;
      L->step_box[i] = -1;
      if (st->place == IOP_PLACE_NETWORK || host >= (int)L->hosts->len)
        continue;
      if (st->layer == IOP_LAYER_GUEST)
        continue;   /* the guest's own box, below */
      ((Host *)g_ptr_array_index (L->hosts, host))->idle = FALSE;

      key = stage_box_key (L, i, host, &lane);

      if (g_hash_table_lookup_extended (box_by_key, key, NULL, &found))
        {
          bi = GPOINTER_TO_INT (found);
          box = g_ptr_array_index (L->boxes, bi);
        }
      else
        {
          bi = L->boxes->len;
          box = box_new (is_device_step (st) ? IOP_PAINTER_BOX_DEVICE : IOP_PAINTER_BOX_STAGE,
                         st->place, st->place == IOP_PLACE_STORAGE ? st->node : -1);
          box->host = host;
          box->group = g_intern_string (strrchr (key, '/') + 1);
          box->pub.completion = L->step_phase[i];
          box->lane = lane;
          if (is_device_step (st))
            {
              ((Host *)g_ptr_array_index (L->hosts, host))->device_box = L->boxes->len;
              if (lane >= 0)
                ((Lane *)g_ptr_array_index (L->lanes, lane))->device_box = L->boxes->len;
            }
          g_hash_table_insert (box_by_key, g_steal_pointer (&key), GINT_TO_POINTER (L->boxes->len));
          g_ptr_array_add (L->boxes, box);
          if (!is_device_step (st))
            columns_add (host == 0 ? L->bm_columns : L->st_columns, box->group,
                         box->pub.completion, host == 0 ? &last_comp_bm : &last_comp_st);
        }
      box_add_step (box, st);
      L->step_box[i] = bi;
    }
}

/* Labels of stage and device boxes, and the guest's box, where the request
 * comes from */
static void
analyse_labels_and_guest (IopPainterLayout *L,
                          Host             *bm)
{
  IopTrace *trace = L->trace;
  guint n = trace->steps->len;

  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (box->pub.kind == IOP_PAINTER_BOX_DEVICE)
        {
          box->label = g_strdup (_("NVMe SSD"));
          box->short_label = g_strdup (_("SSD"));
        }
      else
        group_labels (box, &box->label, &box->short_label);
    }

  if (bm->lanes->len > 0)
    {
      Box *g = box_new (IOP_PAINTER_BOX_GUEST, IOP_PLACE_BAREMETAL, -1);

      g->host = 0;
      g->lane = g_array_index (bm->lanes, int, 0);
      g->label = g_strdup (_("Guest VM"));
      g->short_label = g_strdup (_("Guest"));
      g->group = g_intern_static_string ("guest");
      bm->guest_box = L->boxes->len;
      g_ptr_array_add (L->boxes, g);
      for (guint i = 0; i < n; i++)
        {
          IopStep *st = iop_trace_step (trace, i);

          if (st->layer == IOP_LAYER_GUEST && st->place != IOP_PLACE_NETWORK)
            {
              box_add_step (g, st);
              L->step_box[i] = bm->guest_box;
            }
        }
    }
}

/* The wire from or to NODE's thread SLANE, one way (RET: back); new if none */
static Wire *
wire_get (IopPainterLayout *L,
          int               node,
          gboolean          ret,
          int               slane,
          int              *index)
{
  int w = find_wire (L, node, ret, slane);
  Wire *wire;

  if (w < 0)
    {
      wire = g_new0 (Wire, 1);
      wire->node = node;
      wire->ret = ret;
      wire->storage_lane = slane;
      wire->from_box = wire->to_box = -1;
      wire->pts = g_array_new (FALSE, FALSE, sizeof (Pt));
      wire->cum = g_array_new (FALSE, FALSE, sizeof (double));
      wire->pills = g_array_new (FALSE, FALSE, sizeof (int));
      w = L->wires->len;
      g_ptr_array_add (L->wires, wire);
    }
  *index = w;
  return g_ptr_array_index (L->wires, w);
}

/* The pill on wire W (index WI) for network step ST: one per stage */
static int
wire_pill (IopPainterLayout *L,
           Wire             *wire,
           int               wi,
           IopStep          *st,
           int               node,
           gboolean          ret)
{
  int pill = -1;

  for (guint p = 0; p < wire->pills->len; p++)
    {
      Box *b = g_ptr_array_index (L->boxes, g_array_index (wire->pills, int, p));
      IopStep *first = iop_trace_step (L->trace, g_array_index (b->steps, int, 0));

      if (first->stage == st->stage)
        pill = g_array_index (wire->pills, int, p);
    }
  if (pill < 0)
    {
      Box *b = box_new (IOP_PAINTER_BOX_WIRE, IOP_PLACE_NETWORK, node);

      b->host = -1;
      b->wire = wi;
      b->group = g_intern_static_string ("net");
      b->pub.completion = ret;
      pill_labels (st, &b->label, &b->short_label, &b->tiny_label);
      pill = L->boxes->len;
      g_ptr_array_add (L->boxes, b);
      g_array_append_val (wire->pills, pill);
    }
  return pill;
}

/* Network step I: on the wire between the boxes before and after it */
static void
analyse_network_step (IopPainterLayout *L,
                      Host             *bm,
                      guint             i)
{
  IopTrace *trace = L->trace;
  IopStep *st = iop_trace_step (trace, i);
  int prev, next, node, w, sbox, slane, pill;
  gboolean ret = L->step_phase[i];
  IopStep *ps, *ns;
  Wire *wire;

  prev = track_neighbour (trace, i, -1);
  next = track_neighbour (trace, i, +1);
  ps = prev >= 0 ? iop_trace_step (trace, prev) : NULL;
  ns = next >= 0 ? iop_trace_step (trace, next) : NULL;

  /* between the guest and the baremetal (an NVMe-oF TCP guest): the guest's own */
  if ((ps == NULL || ps->place == IOP_PLACE_BAREMETAL) &&
      (ns == NULL || ns->place == IOP_PLACE_BAREMETAL) && bm->guest_box >= 0)
    {
      box_add_step (g_ptr_array_index (L->boxes, bm->guest_box), st);
      L->step_box[i] = bm->guest_box;
      return;
    }
  if (ps && ps->place == IOP_PLACE_STORAGE)
    node = ps->node;
  else if (ns && ns->place == IOP_PLACE_STORAGE)
    node = ns->node;
  else
    node = MAX (st->leg, 0);
  node = CLAMP (node, 0, MAX (L->n_nodes - 1, 0));
  if (!ret)
    sbox = ns && ns->place == IOP_PLACE_STORAGE ? L->step_box[next]
         : ps && ps->place == IOP_PLACE_STORAGE ? L->step_box[prev] : -1;
  else
    sbox = ps && ps->place == IOP_PLACE_STORAGE ? L->step_box[prev]
         : ns && ns->place == IOP_PLACE_STORAGE ? L->step_box[next] : -1;

  slane = sbox >= 0 ? ((Box *)g_ptr_array_index (L->boxes, sbox))->lane : -1;
  wire = wire_get (L, node, ret, slane, &w);

  if (!ret)
    {
      if (wire->from_box < 0 && ps && ps->place == IOP_PLACE_BAREMETAL)
        wire->from_box = L->step_box[prev];
      if (wire->to_box < 0 && ns && ns->place == IOP_PLACE_STORAGE)
        wire->to_box = L->step_box[next];
    }
  else
    {
      if (wire->from_box < 0 && ps && ps->place == IOP_PLACE_STORAGE)
        wire->from_box = L->step_box[prev];
      if (wire->to_box < 0 && ns && ns->place == IOP_PLACE_BAREMETAL)
        wire->to_box = L->step_box[next];
    }

  pill = wire_pill (L, wire, w, st, node, ret);
  box_add_step (g_ptr_array_index (L->boxes, pill), st);
  L->step_box[i] = pill;
}

/* Idle lanes (threads that run no step of this I/O but own a cache or
 * slots), which lanes draw rows of boxes, and where each gauge goes */
static void
analyse_lanes_and_gauges (IopPainterLayout *L)
{
  IopTrace *trace = L->trace;

  for (guint i = 0; i < trace->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, i);
      int host = host_index (g->place, g->node);

      if (g->place == IOP_PLACE_NETWORK || host >= (int)L->hosts->len || g->owner == NULL)
        continue;
      if (find_lane (L, host, g->owner) < 0)
        add_lane (L, host, g->owner, thread_core (trace, g->place, g->owner));
    }

  /* Rows of boxes: in lanes that run a step of this I/O, and the first lane
   * of a host that runs none (its "No step" line sits there); a thread that
   * only owns caches or slots is its header and its gauges */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (box->lane >= 0)
        ((Lane *)g_ptr_array_index (L->lanes, box->lane))->rows = TRUE;
    }
  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);

      if (host->idle && host->lanes->len > 0)
        ((Lane *)g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, 0)))->rows = TRUE;
    }

  /* Gauges: per-thread ones in their lane, the rest in the host's pools */
  L->gauge_slot = g_new (int, MAX (trace->gauges->len, 1));
  for (guint i = 0; i < trace->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, i);
      int host = host_index (g->place, g->node);
      int lane;

      L->gauge_slot[i] = -1;
      if (g->place == IOP_PLACE_NETWORK || host >= (int)L->hosts->len)
        continue;
      lane = g->owner ? find_lane (L, host, g->owner) : -1;
      if (lane >= 0)
        g_array_append_val (((Lane *)g_ptr_array_index (L->lanes, lane))->gauges, i);
      else
        g_array_append_val (((Host *)g_ptr_array_index (L->hosts, host))->pools, i);
    }
}

/* The tracks the tokens follow: the request's, each leg's, and the cleanup
 * after delivery */
static void
analyse_tracks (IopPainterLayout *L,
                Host             *bm)
{
  IopTrace *trace = L->trace;
  guint n = trace->steps->len;

  L->main_seq = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < N_LEGS_MAX; i++)
    L->leg_seq[i] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i <= N_LEGS_MAX; i++)
    L->echo_seq[i] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < n; i++)
    {
      IopStep *st = iop_trace_step (trace, i);
      int idx = i;

      if (st->control)
        continue;   /* the controller's work: the request does not move */
      if (st->leg < 0 || trace->split_step < 0)
        g_array_append_val (L->main_seq, idx);
      else if (st->leg < N_LEGS_MAX)
        {
          if (trace->join_step >= 0 && idx > trace->join_step)
            g_array_append_val (L->echo_seq[1 + st->leg], idx);
          else
            g_array_append_val (L->leg_seq[st->leg], idx);
        }
    }
  /* Once the response is back in the guest, what the main track still does
   * (a transport freeing its request) is cleanup, like the legs' late releases */
  for (guint k = 0; k < L->main_seq->len; k++)
    {
      int si = g_array_index (L->main_seq, int, k);

      if (L->step_box[si] == bm->guest_box && L->step_phase[si])
        {
          g_array_append_vals (L->echo_seq[0], &g_array_index (L->main_seq, int, k + 1),
                               L->main_seq->len - k - 1);
          g_array_set_size (L->main_seq, k + 1);
          break;
        }
    }

  L->n_legs = 0;
  for (int leg = 0; leg < N_LEGS_MAX; leg++)
    if (L->leg_seq[leg]->len > 0 && trace->split_step >= 0)
      {
        int s = trace->split_step, j = trace->join_step;

        g_array_prepend_val (L->leg_seq[leg], s);
        if (j >= 0)
          g_array_append_val (L->leg_seq[leg], j);
        L->n_legs = leg + 1;
      }
}

/* Everything that does not depend on the size */
void
layout_analyse (IopPainterLayout *L)
{
  IopTrace *trace = L->trace;
  guint n = trace->steps->len;
  Host *bm;

  L->step_box = g_new0 (int, MAX (n, 1));
  L->step_phase = g_new0 (int, MAX (n, 1));
  L->anchor = g_new0 (Pt, MAX (n, 1));
  compute_phases (trace, L->step_phase);

  analyse_n_nodes (L);
  for (int h = 0; h <= L->n_nodes; h++)
    g_ptr_array_add (L->hosts, host_new (L, h));
  bm = g_ptr_array_index (L->hosts, 0);

  analyse_stage_boxes (L);
  analyse_labels_and_guest (L, bm);

  /* Wires and the network steps on them */
  for (guint i = 0; i < n; i++)
    {
      IopStep *st = iop_trace_step (trace, i);

      if (st->control || st->place != IOP_PLACE_NETWORK)
        continue;
      analyse_network_step (L, bm, i);
    }

  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      box->pub.steps = (const int *)(gpointer)box->steps->data;
      box->pub.n_steps = box->steps->len;
      box->pub.label = box->label;
    }

  analyse_lanes_and_gauges (L);
  analyse_tracks (L, bm);
}
