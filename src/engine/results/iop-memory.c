/* iop-memory.c: memory arithmetic, scaling and in-flight demand
 *
 * Every figure comes with the formula that produced it; byte sizes of
 * metadata objects come from the scenario's stated model, counts are exact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-memory.h"
#include "iop-sim.h"
#include "iop-topology.h"

#define NVME_DEFAULT_IO_QUEUE_SIZE 256
#define NVME_DEFAULT_IO_QUEUE_REQUESTS 512

/* --- The report ----------------------------------------------------------- */

static char *
bytes_str (gint64 b)
{
  if (b >= (G_GINT64_CONSTANT (1) << 30) && b % (G_GINT64_CONSTANT (1) << 30) == 0)
    return g_strdup_printf ("%" PRId64 " GiB", b >> 30);
  if (b >= (G_GINT64_CONSTANT (1) << 30))
    return g_strdup_printf ("%.2f GiB", b / 1073741824.0);
  if (b >= (1 << 20) && b % (1 << 20) == 0)
    return g_strdup_printf ("%" PRId64 " MiB", b >> 20);
  if (b >= (G_GINT64_CONSTANT (1) << 30))
    return g_strdup_printf ("%.2f GiB", b / 1073741824.0);
  if (b >= (1 << 20))
    return g_strdup_printf ("%.1f MiB", b / 1048576.0);
  if (b >= 1024 && b % 1024 == 0)
    return g_strdup_printf ("%" PRId64 " KiB", b >> 10);
  return g_strdup_printf ("%" PRId64 " B", b);
}

/* 1048576 -> "1,048,576" */
static char *
num_str (gint64 v)
{
  g_autofree char *raw = g_strdup_printf ("%" PRId64, v < 0 ? -v : v);
  GString *s = g_string_new (v < 0 ? "-" : "");
  gsize n = strlen (raw);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, raw[i]);
    }
  return g_string_free (s, FALSE);
}

static void
line_free (gpointer p)
{
  IopMemoryLine *l = p;

  g_free (l->group);
  g_free (l->item);
  g_free (l->scope);
  g_free (l->formula);
  g_free (l);
}

static void
scaling_free (gpointer p)
{
  IopScalingRow *r = p;

  g_free (r->thing);
  g_free (r->scope);
  g_free (r->cost);
  g_free (r->how);
  g_free (r);
}

static void
demand_free (gpointer p)
{
  IopDemandRow *r = p;

  g_free (r->hop);
  g_free (r->formula);
  g_free (r);
}

static void
host_free (gpointer p)
{
  IopMemoryHost *h = p;

  g_free (h->label);
  g_ptr_array_unref (h->lines);
  g_ptr_array_unref (h->scaling);
  g_ptr_array_unref (h->demand);
  g_free (h);
}

static IopMemoryLine *
add_line (IopMemoryHost *h, const char *group, const char *item, const char *scope,
          gint64 count, gint64 unit_bytes, gboolean pinned, gboolean assumed, const char *knob,
          const char *how)
{
  IopMemoryLine *l = g_new0 (IopMemoryLine, 1);
  g_autofree char *c = num_str (count);
  g_autofree char *u = num_str (unit_bytes);
  g_autofree char *t = bytes_str (count * unit_bytes);

  l->group = g_strdup (group);
  l->item = g_strdup (item);
  l->scope = g_strdup (scope);
  l->count = count;
  l->bytes = count * unit_bytes;
  l->pinned = pinned;
  l->assumed = assumed;
  l->knob = knob;
  l->formula = how ? g_strdup_printf ("%s = %s × %s B = %s", how, c, u, t)
                   : g_strdup_printf ("%s × %s B = %s", c, u, t);
  h->total_bytes += l->bytes;
  g_ptr_array_add (h->lines, l);
  return l;
}

/* A cache line: COUNT buffers over UNITS threads, and what one thread pins */
static void
add_cache_line (IopMemoryHost *h, const char *group, const char *item, const char *what,
                guint units, gint64 per_unit, gint64 unit_bytes, const char *knob, const char *how)
{
  g_autofree char *each = bytes_str (per_unit * unit_bytes);
  g_autofree char *scope = g_strdup_printf (_("%u %s, %s each"), units, what, each);
  g_autofree char *spelled = NULL;

  /* "iobuf_small_cache_size × threads" reads "iobuf_small_cache_size 128 ×
   * 4 threads": the product that follows is then plain to check */
  if (how != NULL && g_str_has_suffix (how, " × threads"))
    spelled = g_strdup_printf ("%.*s %" PRId64 " × %u threads", (int)(strlen (how) - strlen (" × threads")), how, per_unit, units);
  add_line (h, group, item, scope, per_unit * units, unit_bytes, TRUE, FALSE, knob, spelled ? spelled : how);
}

static void
add_scaling (IopMemoryHost *h, const char *thing, const char *scope, gint64 count, char *cost, char *how)
{
  IopScalingRow *r = g_new0 (IopScalingRow, 1);

  r->thing = g_strdup (thing);
  r->scope = g_strdup (scope);
  r->count = count;
  r->cost = cost;
  r->how = how;
  g_ptr_array_add (h->scaling, r);
}

static void
add_demand (IopMemoryHost *h, char *hop, gint64 demand, gint64 supply, char *formula, const char *knob)
{
  IopDemandRow *r = g_new0 (IopDemandRow, 1);

  r->hop = hop;
  r->place = h->host == IOP_HOST_BAREMETAL ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE;
  r->node = h->node;
  r->demand = demand;
  r->supply = supply;
  r->formula = formula;
  r->knob = knob;
  g_ptr_array_add (h->demand, r);
}

static gint64
K (const IopScenario *sc, IopHostId h, const char *id)
{
  return iop_scenario_get_knob (sc, h, id);
}

/* Threads that open a bdev channel (and so a management channel and an accel
 * channel) */
static guint
busy_threads (const IopHostTopology *ht)
{
  guint n = 0;

  for (guint i = 0; i < ht->threads->len; i++)
    if (((IopThread *)g_ptr_array_index (ht->threads, i))->bdev_mgmt)
      n++;
  return n;
}

/* What the parts of a host's report share: the host and the knobs they read */
typedef struct
{
  const IopScenario *sc;
  IopTopology *topo;
  const IopHostTopology *ht;
  IopHostId h;
  gboolean per_numa;
  guint pools;                /* central pool pairs: one per NUMA node, or one */
  gint64 spc, lpc, sbs, lbs;  /* iobuf_set_options: pool counts, buffer sizes */
  gint64 bsc, blc, asc, alc;  /* bdev and accel iobuf cache sizes */
  gint64 biop, bioc;          /* bdev_io pool and cache sizes */
  gint64 tqd;                 /* the target's max_queue_depth */
  guint threads;              /* threads with a bdev channel */
  guint pgs;                  /* poll groups */
  gint64 tsmall, tlarge;      /* the target transport's cache per poll group */
  const char *tr;             /* the target transport type */
} HostKnobs;

static void
host_knobs_init (HostKnobs *k, const IopScenario *sc, IopTopology *topo, IopHostId h)
{
  guint numa = sc->hosts[h].numa_nodes;

  k->sc = sc;
  k->topo = topo;
  k->ht = &topo->hosts[h];
  k->h = h;
  k->per_numa = K (sc, h, "iobuf_set_options.enable_numa") != 0;
  k->pools = k->per_numa ? MAX (numa, 1) : 1;
  k->spc = K (sc, h, "iobuf_set_options.small_pool_count");
  k->lpc = K (sc, h, "iobuf_set_options.large_pool_count");
  k->sbs = K (sc, h, "iobuf_set_options.small_bufsize");
  k->lbs = K (sc, h, "iobuf_set_options.large_bufsize");
  k->bsc = K (sc, h, "bdev_set_options.iobuf_small_cache_size");
  k->blc = K (sc, h, "bdev_set_options.iobuf_large_cache_size");
  k->asc = K (sc, h, "accel_set_options.small_cache_size");
  k->alc = K (sc, h, "accel_set_options.large_cache_size");
  k->biop = K (sc, h, "bdev_set_options.bdev_io_pool_size");
  k->bioc = K (sc, h, "bdev_set_options.bdev_io_cache_size");
  k->tqd = K (sc, h, "nvmf_create_transport.max_queue_depth");
  k->threads = busy_threads (k->ht);
  k->pgs = k->ht->n_poll_groups;
  k->tsmall = 0;
  k->tlarge = 0;
  k->tr = sc->hosts[h].target_trtype;
}

static IopMemoryHost *
host_new (const IopScenario *sc, IopHostId h, int node)
{
  IopMemoryHost *mh = g_new0 (IopMemoryHost, 1);

  mh->host = h;
  mh->node = node;
  mh->lines = g_ptr_array_new_with_free_func (line_free);
  mh->scaling = g_ptr_array_new_with_free_func (scaling_free);
  mh->demand = g_ptr_array_new_with_free_func (demand_free);
  if (h == IOP_HOST_BAREMETAL)
    mh->label = g_strdup (sc->hosts[h].label ? sc->hosts[h].label : iop_host_label (h));
  else if (sc->hosts[h].instances > 1)
    mh->label = g_strdup_printf (_("Storage node %c"), 'A' + node);
  else
    mh->label = g_strdup (iop_host_label (h));
  return mh;
}

/* The central iobuf pools, and the buffers the per-thread caches pin */
static void
add_pool_lines (IopMemoryHost *mh, HostKnobs *k)
{
  const IopScenario *sc = k->sc;
  IopHostId h = k->h;
  g_autofree char *tformula = NULL;
  const char *G_POOLS = _("Central iobuf pools");
  const char *G_CACHES = _("Buffers pinned in per-thread caches");
  char tmp[256];

  /* Central pools */
  g_snprintf (tmp, sizeof tmp, k->per_numa ? _("per NUMA node (%u)") : _("per process"), k->pools);
  add_line (mh, G_POOLS, _("small pool"), tmp, k->spc * k->pools, k->sbs, FALSE, FALSE, "iobuf_set_options.small_pool_count",
            k->per_numa ? "small_pool_count × NUMA nodes" : "small_pool_count");
  add_line (mh, G_POOLS, _("large pool"), tmp, k->lpc * k->pools, k->lbs, FALSE, FALSE, "iobuf_set_options.large_pool_count",
            k->per_numa ? "large_pool_count × NUMA nodes" : "large_pool_count");

  /* Caches */
  add_cache_line (mh, G_CACHES, _("bdev module small cache"), _("threads"), k->threads, k->bsc, k->sbs,
                  "bdev_set_options.iobuf_small_cache_size", "iobuf_small_cache_size × threads");
  add_cache_line (mh, G_CACHES, _("bdev module large cache"), _("threads"), k->threads, k->blc, k->lbs,
                  "bdev_set_options.iobuf_large_cache_size", "iobuf_large_cache_size × threads");
  add_cache_line (mh, G_CACHES, _("accel small cache"), _("threads"), k->threads, k->asc, k->sbs,
                  "accel_set_options.small_cache_size", "small_cache_size × threads");
  add_cache_line (mh, G_CACHES, _("accel large cache"), _("threads"), k->threads, k->alc, k->lbs,
                  "accel_set_options.large_cache_size", "large_cache_size × threads");
  iop_transport_cache_sizes (sc, h, k->pgs, &k->tsmall, &k->tlarge, &tformula);
  {
    g_autofree char *s1 = g_strdup_printf (_("nvmf_%s small cache"), k->tr);
    g_autofree char *s2 = g_strdup_printf (_("nvmf_%s large cache"), k->tr);
    const char *kn = sc->version == IOP_SPDK_V26_01 ? "nvmf_create_transport.buf_cache_size" : "nvmf_create_transport.iobuf_small_cache_size";
    add_cache_line (mh, G_CACHES, s1, _("poll groups"), k->pgs, k->tsmall, k->sbs, kn, tformula);
    add_cache_line (mh, G_CACHES, s2, _("poll groups"), k->pgs, k->tlarge, k->lbs,
                    sc->version == IOP_SPDK_V26_01 ? "nvmf_create_transport.buf_cache_size" : "nvmf_create_transport.iobuf_large_cache_size",
                    sc->version == IOP_SPDK_V26_01 ? "large only when io_unit_size > small_bufsize" : tformula);
  }
  mh->pinned_small = (k->bsc + k->asc) * k->threads + k->tsmall * k->pgs;
  mh->pinned_large = (k->blc + k->alc) * k->threads + k->tlarge * k->pgs;
}

/* The bdev_io mempool and the part of it the per-thread caches reserve */
static void
add_bdev_io_lines (IopMemoryHost *mh, const HostKnobs *k)
{
  const IopModel *m = &k->sc->model;
  g_autofree char *scope_threads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "× %u thread", "× %u threads", k->threads), k->threads);
  const char *G_BDEV = _("bdev_io objects");

  /* bdev_io */
  add_line (mh, G_BDEV, _("bdev_io mempool"), _("per process"), k->biop, m->bdev_io_bytes, FALSE, TRUE,
            "bdev_set_options.bdev_io_pool_size", "bdev_io_pool_size");
  {
    g_autofree char *how = g_strdup_printf ("bdev_io_cache_size %" PRId64 " × %u threads (part of the mempool, not extra)",
                                            k->bioc, k->threads);
    IopMemoryLine *l = add_line (mh, G_BDEV, _("of which pre-reserved in per-thread caches"), scope_threads, k->bioc * k->threads,
                                 m->bdev_io_bytes, TRUE, TRUE, "bdev_set_options.bdev_io_cache_size", how);
    mh->total_bytes -= l->bytes;
  }
}

/* The baremetal's queues: nvme_requests and transport slots toward the
   storage nodes, VFIO-user requests toward the guest */
static void
add_initiator_queue_lines (IopMemoryHost *mh, const HostKnobs *k)
{
  const IopScenario *sc = k->sc;
  const IopModel *m = &sc->model;
  const IopHostTopology *ht = k->ht;
  IopHostId h = k->h;
  const char *G_Q = _("Queues and requests");
  gint64 qsize = MIN (NVME_DEFAULT_IO_QUEUE_SIZE, K (sc, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth"));
  gint64 qreqs = MAX (K (sc, h, "bdev_nvme_set_options.io_queue_requests"), MAX (NVME_DEFAULT_IO_QUEUE_REQUESTS, qsize));
  guint qps = ht->n_io_qpairs;
  g_autofree char *sc_q = g_strdup_printf (_("× %u qpairs ((%u poll groups + app_thread) × %u controllers)"), qps, k->pgs, ht->n_controllers);
  gint64 vqd = K (sc, h, "nvmf_create_transport.max_queue_depth");
  gint64 vqp = MIN ((gint64)sc->guest_queue_pairs, K (sc, h, "nvmf_create_transport.max_io_qpairs_per_ctrlr"));

  add_line (mh, G_Q, _("nvme_request objects"), sc_q, qreqs * qps, m->nvme_request_bytes, FALSE, TRUE,
            "bdev_nvme_set_options.io_queue_requests", "max(io_queue_requests, max(512, queue size)) × qpairs");
  add_line (mh, G_Q, g_strcmp0 (sc->hosts[h].fabric_trtype, "TCP") == 0 ? _("TCP requests (queue slots)") : _("RDMA requests (queue slots)"), sc_q, (qsize - 1) * qps, m->rdma_request_bytes, FALSE, TRUE,
            "nvmf_create_transport.max_queue_depth", "(queue size − 1) × qpairs, queue size = min(256, target max_queue_depth)");
  if (g_strcmp0 (k->tr, "VFIOUSER") == 0)
    add_line (mh, G_Q, _("VFIO-user requests"), _("per guest queue pair"), vqd * vqp, m->transport_request_bytes, FALSE, TRUE,
              "nvmf_create_transport.max_queue_depth", "one per queue entry, at most max_queue_depth × guest queue pairs");
  else
    {
      /* A TCP or RDMA front end: the guest's host connects over the fabric;
         TCP gives each qpair max_queue_depth requests and in-capsule buffers
         (tcp.c nvmf_tcp_qpair_init_mem_resource) */
      g_autofree char *item = g_strdup_printf (_("%s target requests (guest queue pairs)"), k->tr);
      add_line (mh, G_Q, item, _("per guest queue pair"), vqd * vqp, m->transport_request_bytes, FALSE, TRUE,
                "nvmf_create_transport.max_queue_depth", "max_queue_depth × guest queue pairs");
      add_line (mh, G_Q, _("in-capsule buffers (guest queue pairs)"), _("per guest queue pair"), vqd * vqp,
                K (sc, h, "nvmf_create_transport.in_capsule_data_size"), FALSE, FALSE,
                "nvmf_create_transport.in_capsule_data_size", "max_queue_depth × guest queue pairs, each in_capsule_data_size");
    }
}

/* The qpairs the baremetal opens to one storage node: one per thread with a
   bdev_nvme channel (its poll groups and app_thread) and path to the node */
static guint
incoming_qpairs (const IopScenario *sc, IopTopology *topo, IopHostId h)
{
  const IopHostTopology *bt = &topo->hosts[IOP_HOST_BAREMETAL];

  return (bt->n_poll_groups + 1) * sc->paths_per_leg * (sc->hosts[h].instances > 1 ? 1 : sc->raid_legs);
}

/* A storage node's queues: target requests and receive buffers for the
   baremetal's connections, the local SSD's requests and trackers, blobstore */
static void
add_target_queue_lines (IopMemoryHost *mh, const HostKnobs *k)
{
  const IopScenario *sc = k->sc;
  const IopModel *m = &sc->model;
  IopTopology *topo = k->topo;
  IopHostId h = k->h;
  g_autofree char *scope_pgs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "× %u poll group", "× %u poll groups", k->pgs), k->pgs);
  const char *G_Q = _("Queues and requests");
  /* Connections from the baremetal: one qpair per (thread with a bdev_nvme
     channel, path) to this node: its poll groups and app_thread */
  guint conns = incoming_qpairs (sc, topo, h);
  gboolean rdma = g_strcmp0 (k->tr, "RDMA") == 0;
  gboolean nvme = g_strcmp0 (sc->hosts[h].backend, "malloc") != 0;
  gint64 srq = rdma ? K (sc, h, "nvmf_create_transport.max_srq_depth") : 0;
  gint64 icd = K (sc, h, "nvmf_create_transport.in_capsule_data_size");
  gboolean no_srq = !rdma || K (sc, h, "nvmf_create_transport.no_srq") != 0;
  gint64 qdepth = MIN (k->tqd, NVME_DEFAULT_IO_QUEUE_SIZE);
  g_autofree char *sc_c = g_strdup_printf (_("× %u incoming qpairs"), conns);
  guint pcie_qps = k->ht->n_io_qpairs;
  g_autofree char *scope_local = g_strdup_printf (_("× %u threads (%u poll groups + app_thread)"), pcie_qps, k->pgs);
  gint64 trackers = NVME_DEFAULT_IO_QUEUE_SIZE - MIN (NVME_DEFAULT_IO_QUEUE_SIZE / 4, 128);
  gint64 pcie_reqs = MAX (K (sc, h, "bdev_nvme_set_options.io_queue_requests"), NVME_DEFAULT_IO_QUEUE_REQUESTS);

  /* With a shared receive queue (the RDMA default) requests and receive
     buffers come from each poll group's SRQ pool of max_srq_depth, one per
     RDMA device the transport found (rdma.c nvmf_rdma_poll_group_create; one
     device assumed), capped by the device's max_srq_wr
     (nvmf_rdma_resources_create at poller creation); with no_srq each qpair
     has its own, as many as its negotiated depth: max_queue_depth, capped by
     the host's queue size */
  if (!no_srq)
    add_line (mh, G_Q, _("RDMA target requests (SRQ pools)"), scope_pgs, srq * k->pgs, m->transport_request_bytes, FALSE, TRUE,
              "nvmf_create_transport.max_srq_depth", "max_srq_depth (capped by the device's max_srq_wr) × poll groups × RDMA devices (1 assumed): one SRQ pool per poll group and device, shared by its qpairs");
  else if (rdma)
    add_line (mh, G_Q, _("RDMA target requests (per qpair, no_srq)"), sc_c, qdepth * conns, m->transport_request_bytes, FALSE, TRUE,
              "nvmf_create_transport.max_queue_depth", "min(max_queue_depth, host queue size 256) × incoming qpairs");
  else
    add_line (mh, G_Q, _("TCP target requests"), sc_c, k->tqd * conns, m->transport_request_bytes, FALSE, TRUE,
              "nvmf_create_transport.max_queue_depth", "max_queue_depth × incoming qpairs");
  if (no_srq)
    add_line (mh, G_Q, rdma ? _("receive buffers (per qpair)") : _("in-capsule buffers (per request)"), sc_c, (rdma ? qdepth : k->tqd) * conns, icd, FALSE, FALSE,
              "nvmf_create_transport.in_capsule_data_size", rdma ? "one per qpair request, each in_capsule_data_size" : "max_queue_depth × qpairs, each in_capsule_data_size");
  else
    add_line (mh, G_Q, _("receive buffers (shared receive queue)"), scope_pgs, srq * k->pgs, icd, FALSE, FALSE,
              "nvmf_create_transport.max_srq_depth", "max_srq_depth × poll groups × RDMA devices (1 assumed), each in_capsule_data_size");
  if (nvme)
    add_line (mh, G_Q, _("PCIe nvme_request objects"), scope_local, pcie_reqs * pcie_qps, m->nvme_request_bytes, FALSE, TRUE,
              "bdev_nvme_set_options.io_queue_requests", "max(io_queue_requests, 512) × local qpairs");
  if (nvme)
    add_line (mh, G_Q, _("PCIe trackers"), scope_local, trackers * pcie_qps, 4096, FALSE, FALSE, NULL,
              "(256 entries − 64 completion cap) × local qpairs, each with a 4 KiB PRP page");
  {
    /* a channel per poll group, and the metadata channel on app_thread */
    guint chans = k->pgs + 1;
    g_autofree char *s = g_strdup_printf (_("blobstore request sets, × %u channels"), chans);
    add_line (mh, G_Q, s, _("per thread"), 512 * (gint64)chans, 256, FALSE, TRUE, NULL, "max_channel_ops (512) × channels (poll groups + app_thread's metadata channel)");
  }
}

/* calc-iobuf.py on this host's knobs (v26.01 formula at every version) */
static void
calc_iobuf_line (IopMemoryHost *mh, const HostKnobs *k)
{
  const IopScenario *sc = k->sc;
  IopHostId h = k->h;
  gint64 cores = k->ht->n_cores;
  gint64 nsb = K (sc, h, "nvmf_create_transport.num_shared_buffers");
  gint64 bcs = K (sc, h, "nvmf_create_transport.buf_cache_size");
  gint64 iou = K (sc, h, "nvmf_create_transport.io_unit_size");

  mh->calc_small = (k->bsc + k->asc) * cores;
  mh->calc_large = (k->blc + k->alc) * cores;
  if (bcs == IOP_KNOB_AUTO)
    bcs = (nsb * 3 / 4) / MAX (cores, 1);
  if (bcs != 0)
    {
      mh->calc_small += bcs * cores;
      mh->calc_large += (iou <= k->sbs ? 0 : bcs) * cores;
    }
}

/* What grows with what: pools and caches every host has */
static void
add_common_scaling (IopMemoryHost *mh, const HostKnobs *k)
{
  char tmp[256];

  {
    g_autofree char *dma = bytes_str (k->spc * k->pools * k->sbs + k->lpc * k->pools * k->lbs);
    add_scaling (mh, _("Central iobuf small and large pools"), _("per process"), 2 * k->pools,
                 g_strdup_printf (_("%s of DMA memory"), dma),
                 g_strdup (k->per_numa ? _("one pair per NUMA node (enable_numa)") : _("one pair (enable_numa is off)")));
  }
  add_scaling (mh, _("bdev_io mempool"), _("per process"), 1,
               g_strdup_printf (_("%" PRId64 " bdev_io"), k->biop), g_strdup (_("one per process")));
  add_scaling (mh, _("bdev management channels (bdev_io cache, \"bdev\" iobuf caches)"), _("per thread"), k->threads,
               g_strdup_printf (_("%" PRId64 " bdev_io + %" PRId64 " small + %" PRId64 " large buffers each"), k->bioc, k->bsc, k->blc),
               g_strdup_printf (_("app_thread + %u poll groups"), k->pgs));
  add_scaling (mh, _("accel channels (\"accel\" iobuf caches)"), _("per thread"), k->threads,
               g_strdup_printf (_("%" PRId64 " small + %" PRId64 " large buffers each"), k->asc, k->alc),
               g_strdup (_("each thread with a bdev channel")));
  g_snprintf (tmp, sizeof tmp, _("nvmf_%s poll-group caches"), k->tr);
  add_scaling (mh, tmp, _("per thread"), (k->tsmall || k->tlarge) ? k->pgs : 0,
               g_strdup_printf (_("%" PRId64 " small + %" PRId64 " large buffers each"), k->tsmall, k->tlarge),
               g_strdup (g_strcmp0 (k->tr, "VFIOUSER") == 0 ? _("none: VFIO-user uses guest memory") : _("one per poll-group thread")));
}

/* What grows with what on the baremetal: controllers, qpairs, channels */
static void
add_initiator_scaling (IopMemoryHost *mh, const HostKnobs *k)
{
  const IopScenario *sc = k->sc;
  const IopHostTopology *ht = k->ht;
  IopHostId h = k->h;
  gint64 qsize = MIN (NVME_DEFAULT_IO_QUEUE_SIZE, K (sc, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth"));

  add_scaling (mh, _("NVMe controllers (admin queue, adminq poller, reconnect state)"), _("per controller or path"), ht->n_controllers,
               g_strdup_printf (_("an admin queue polled every %" PRId64 " µs"), K (sc, h, "bdev_nvme_set_options.nvme_adminq_poll_period_us")),
               g_strdup_printf (_("%u replicas × %u paths"), sc->raid_legs, sc->paths_per_leg));
  add_scaling (mh, _("NVMe I/O qpairs and io_paths"), _("per thread × controller"), ht->n_io_qpairs,
               g_strdup_printf (_("%" PRId64 " %s slots + nvme_requests each"), qsize - 1, sc->hosts[h].fabric_trtype ? sc->hosts[h].fabric_trtype : "RDMA"),
               g_strdup_printf (_("(%u poll groups + app_thread, where RAID keeps a channel to each base bdev) × %u controllers"), k->pgs, ht->n_controllers));
  add_scaling (mh, _("I/O channels (raid, nvme bdev)"), _("per thread × bdev"), (gint64)k->pgs * (1 + sc->raid_legs) + sc->raid_legs,
               g_strdup (_("thread-local handles")),
               g_strdup_printf (_("%u poll groups × (1 raid + %u nvme bdevs) + RAID's %u base-bdev channels on app_thread"), k->pgs, sc->raid_legs, sc->raid_legs));
  /* the transport poll group's poller is named "nvmf_" + the transport
     (transport.c nvmf_transport_poll_group_create_poller) */
  add_scaling (mh, _("Pollers on the data path"), _("per thread"), (gint64)k->pgs * 2 + 1,
               g_strdup_printf (_("nvmf_%s + bdev_nvme_poll on every poll group, bdev_nvme_poll on app_thread for its qpairs"), k->tr),
               g_strdup (_("2 per poll group + 1")));
}

/* What grows with what on a storage node: incoming qpairs, local qpairs */
static void
add_target_scaling (IopMemoryHost *mh, const HostKnobs *k)
{
  const IopScenario *sc = k->sc;
  IopTopology *topo = k->topo;
  gboolean rdma = g_strcmp0 (k->tr, "RDMA") == 0;
  gboolean srq = rdma && K (sc, k->h, "nvmf_create_transport.no_srq") == 0;
  g_autofree char *thing = g_strdup_printf (_("Incoming %s qpairs"), k->tr);
  gboolean nvme = g_strcmp0 (sc->hosts[k->h].backend, "malloc") != 0;

  add_scaling (mh, thing, _("per host thread × path"), incoming_qpairs (sc, topo, k->h),
               srq ? g_strdup_printf (_("requests from their poll group's SRQ pool (max_srq_depth %" PRId64 ")"), K (sc, k->h, "nvmf_create_transport.max_srq_depth"))
                   : g_strdup_printf (_("%" PRId64 " requests each"), rdma ? MIN (k->tqd, NVME_DEFAULT_IO_QUEUE_SIZE) : k->tqd),
               g_strdup (_("(the initiator's poll groups + app_thread) × its paths to this node")));
  if (nvme)
    add_scaling (mh, _("Local NVMe I/O qpairs"), _("per thread"), k->ht->n_io_qpairs,
                 g_strdup (_("trackers, nvme_requests, a PCIe SQ and CQ")),
                 g_strdup (_("one per poll group, and one on app_thread for the blobstore's metadata channel")));
  /* A malloc bdev has no qpair: each of its channels registers
     malloc_completion_poller (bdev_malloc.c malloc_create_channel_cb) */
  add_scaling (mh, _("Pollers on the data path"), _("per thread"), (gint64)k->pgs * 2 + 1,
               nvme ? g_strdup_printf (_("nvmf_%s + bdev_nvme_poll on every poll group, bdev_nvme_poll on app_thread for its qpair"), k->tr)
                    : g_strdup_printf (_("nvmf_%s + malloc_completion_poller on every poll group, malloc_completion_poller on app_thread for the blobstore's metadata channel"), k->tr),
               g_strdup (_("2 per poll group + 1")));
}

static IopMemoryHost *
host_report (const IopScenario *sc, IopTopology *topo, IopHostId h, int node)
{
  IopMemoryHost *mh = host_new (sc, h, node);
  HostKnobs k;

  host_knobs_init (&k, sc, topo, h);
  add_pool_lines (mh, &k);
  add_bdev_io_lines (mh, &k);
  if (h == IOP_HOST_BAREMETAL)
    add_initiator_queue_lines (mh, &k);
  else
    add_target_queue_lines (mh, &k);
  calc_iobuf_line (mh, &k);
  add_common_scaling (mh, &k);
  if (h == IOP_HOST_BAREMETAL)
    add_initiator_scaling (mh, &k);
  else
    add_target_scaling (mh, &k);

  return mh;
}

/* Target requests at a storage node: PER_QPAIR commands on each of LOADED
 * qpairs. With the RDMA default (a shared receive queue) they come from the
 * pool of the poll group the qpair joined, shared by its qpairs; with no_srq,
 * and for TCP, each qpair has its own. */
static void
target_request_demand (const IopScenario *sc, IopMemoryHost *sh, gint64 per_qpair, guint loaded, guint st_pgs)
{
  gboolean rdma = g_strcmp0 (sc->hosts[IOP_HOST_STORAGE].target_trtype, "RDMA") == 0;
  gint64 tqd = K (sc, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth");

  if (rdma && K (sc, IOP_HOST_STORAGE, "nvmf_create_transport.no_srq") == 0)
    {
      gint64 srq = K (sc, IOP_HOST_STORAGE, "nvmf_create_transport.max_srq_depth");
      gint64 per_pg = ((gint64)loaded + MAX (st_pgs, 1) - 1) / MAX (st_pgs, 1);

      add_demand (sh, g_strdup (_("RDMA requests (a poll group's SRQ pool)")), per_qpair * per_pg, srq,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%" PRId64 " commands on %" PRId64 " busy qpair of a poll group, against its shared receive queue's pool of max_srq_depth %" PRId64 " (one per RDMA device, 1 assumed; at most the device's max_srq_wr)",
                                                "%" PRId64 " commands on each of %" PRId64 " busy qpairs of a poll group, against its shared receive queue's pool of max_srq_depth %" PRId64 " (one per RDMA device, 1 assumed; at most the device's max_srq_wr)",
                                                (gulong)per_pg),
                                   per_qpair, per_pg, srq),
                  "nvmf_create_transport.max_srq_depth");
    }
  else
    {
      gint64 have = rdma ? MIN (tqd, NVME_DEFAULT_IO_QUEUE_SIZE) : tqd;

      add_demand (sh, g_strdup (_("transport requests per qpair")), per_qpair, have,
                  rdma ? g_strdup_printf (_("the host's %" PRId64 " commands on one qpair, against its own %" PRId64 " requests (no_srq: max_queue_depth, at most the host's queue size)"), per_qpair, have)
                       : g_strdup_printf (_("the host's %" PRId64 " commands on one qpair, against its %" PRId64 " requests (max_queue_depth)"), per_qpair, have),
                  "nvmf_create_transport.max_queue_depth");
    }
}

/* Transport data buffers at a TCP or RDMA target on host H: INFLIGHT
 * commands, each taking the iobuf buffers its payload needs unless a write
 * travels in capsule (spdk_nvmf_request_get_buffers), from the caches of the
 * PGS_HIT poll groups it lands on and what the central ring has left. */
static void
transport_buffer_demand (const IopScenario *sc, IopHostId h, IopMemoryHost *mh, guint n_pgs, guint pgs_hit, gint64 inflight)
{
  gboolean write = sc->op == IOP_OP_WRITE;
  gint64 size = sc->io_size;
  gint64 icd = K (sc, h, "nvmf_create_transport.in_capsule_data_size");
  gint64 sbs = K (sc, h, "iobuf_set_options.small_bufsize");
  gint64 lbs = K (sc, h, "iobuf_set_options.large_bufsize");
  gint64 free_small = K (sc, h, "iobuf_set_options.small_pool_count") - mh->pinned_small;
  gint64 free_large = K (sc, h, "iobuf_set_options.large_pool_count") - mh->pinned_large;
  gint64 unit, bufs, supply, tsmall, tlarge;
  gboolean large;

  iop_transport_cache_sizes (sc, h, n_pgs, &tsmall, &tlarge, NULL);
  if (sc->version == IOP_SPDK_V26_01)
    {
      unit = K (sc, h, "nvmf_create_transport.io_unit_size");
      large = MIN (unit, size) > sbs;
    }
  else
    {
      large = size > sbs;
      unit = large ? lbs : sbs;
    }
  bufs = (write && size <= icd) ? 0 : (size + unit - 1) / unit;
  supply = (large ? tlarge : tsmall) * pgs_hit + MAX (large ? free_large : free_small, 0);
  add_demand (mh, g_strdup_printf (_("nvmf_%s transport buffers (%s)"), sc->hosts[h].target_trtype, large ? _("large") : _("small")),
              inflight * bufs, supply,
              bufs == 0 ? g_strdup_printf (_("none: %" PRId64 "-byte writes travel in capsule (in_capsule_data_size %" PRId64 ")"), size, icd)
                        : g_strdup_printf (_("%" PRId64 " in flight × %" PRId64 " buffers, against %u poll-group caches of %" PRId64 " + %" PRId64 " free in the ring"),
                                           inflight, bufs, pgs_hit, large ? tlarge : tsmall, MAX (large ? free_large : free_small, 0)),
              large ? "iobuf_set_options.large_pool_count" : "iobuf_set_options.small_pool_count");
}

/* In-flight demand per hop at the scenario's guest load, as engineers size by
 * hand: I/Os in flight × objects per I/O, against what holds them. */
static void
demand (const IopScenario *sc, IopTopology *topo, IopMemoryReport *r)
{
  IopMemoryHost *bm = g_ptr_array_index (r->hosts, 0);
  const IopHostTopology *bt = &topo->hosts[IOP_HOST_BAREMETAL];
  const IopHostTopology *st = &topo->hosts[IOP_HOST_STORAGE];
  gint64 vqd = K (sc, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_queue_depth");
  gint64 qps = MIN ((gint64)sc->guest_queue_pairs, K (sc, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_io_qpairs_per_ctrlr"));
  /* VFIO-user advertises MQES = max_queue_depth - 1: a guest queue has at
     most max_queue_depth entries and holds one command fewer; what the guest
     wants beyond that waits in its own driver */
  gint64 per_q = MAX (vqd - 1, 1);
  gint64 qd = MIN ((gint64)sc->guest_queue_depth, per_q);
  gint64 inflight = qd * qps;
  gboolean write = sc->op == IOP_OP_WRITE;
  gint64 qsize = MIN (NVME_DEFAULT_IO_QUEUE_SIZE, K (sc, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth"));
  gint64 bioc = K (sc, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_cache_size");
  gint64 biop = K (sc, IOP_HOST_BAREMETAL, "bdev_set_options.bdev_io_pool_size");
  guint used_pgs = (guint)MIN ((gint64)bt->n_poll_groups, qps);
  /* guest queue pairs spread over the poll groups (round robin at v26.01,
     the group with the fewest qpairs at v26.05): the busiest group's share */
  gint64 gq_per_pg = (qps + MAX (bt->n_poll_groups, 1) - 1) / MAX (bt->n_poll_groups, 1);
  gint64 per_qpair = qd * gq_per_pg;
  const char *op = write ? _("writes") : _("reads");
  double worst = G_MAXDOUBLE;

  /* Baremetal */
  add_demand (bm, g_strdup_printf (_("guest commands (%s requests)"), g_strcmp0 (sc->hosts[IOP_HOST_BAREMETAL].target_trtype, "VFIOUSER") == 0 ? "VFIO-user" : sc->hosts[IOP_HOST_BAREMETAL].target_trtype), inflight, per_q * qps,
              (gint64)sc->guest_queue_depth > per_q
              ? g_strdup_printf (_("guest depth %u × %" PRId64 " queue pairs = %" PRId64 " wanted, %" PRId64 " can be queued (a queue of max_queue_depth %" PRId64 " entries holds %" PRId64 " commands: MQES = max_queue_depth − 1); %" PRId64 " wait in the guest's driver"),
                                 sc->guest_queue_depth, qps, (gint64)sc->guest_queue_depth * qps, per_q * qps, vqd, per_q,
                                 (gint64)sc->guest_queue_depth * qps - inflight)
              : g_strdup_printf (_("guest depth %u × %" PRId64 " queue pairs, against %" PRId64 " commands a queue can hold (max_queue_depth − 1)"),
                                 sc->guest_queue_depth, qps, per_q),
              "nvmf_create_transport.max_queue_depth");
  ((IopDemandRow *)g_ptr_array_index (bm->demand, bm->demand->len - 1))->waiting = (gint64)sc->guest_queue_depth * qps - inflight;
  if (g_strcmp0 (sc->hosts[IOP_HOST_BAREMETAL].target_trtype, "VFIOUSER") == 0)
    add_demand (bm, g_strdup (_("transport buffers (VFIO-user)")), 0, 0,
                g_strdup (_("none: the payload stays in guest memory")), "nvmf_create_transport.num_shared_buffers");
  else
    transport_buffer_demand (sc, IOP_HOST_BAREMETAL, bm, bt->n_poll_groups, used_pgs, inflight);
  add_demand (bm, g_strdup_printf (_("RAID read staging (bdev iobuf), %s"), op), 0, 0,
              g_strdup (_("none: the guest's buffer is already aligned, spdk_bdev_io_get_buf takes nothing")),
              "bdev_set_options.iobuf_small_cache_size");
  add_demand (bm, g_strdup_printf (_("bdev_io for %s (parent + %u children)"), op, write ? sc->raid_legs : 1),
              inflight * (1 + (write ? sc->raid_legs : 1)), bioc * used_pgs + (biop - bioc * (bt->threads->len)),
              g_strdup_printf (_("%" PRId64 " in flight × %u, against %u poll-group caches of %" PRId64 " + the rest of the mempool"),
                               inflight, 1 + (write ? sc->raid_legs : 1), used_pgs, bioc),
              "bdev_set_options.bdev_io_cache_size");
  add_demand (bm, g_strdup (g_strcmp0 (sc->hosts[IOP_HOST_BAREMETAL].fabric_trtype, "TCP") == 0 ? _("TCP request slots per replica qpair") : _("RDMA slots per replica qpair")), per_qpair, qsize - 1,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "the %" PRId64 " commands of %" PRId64 " guest queue pair on a poll group share its one qpair per replica, which has queue size − 1 = %" PRId64 " slots",
                                            "the %" PRId64 " commands of %" PRId64 " guest queue pairs on a poll group share its one qpair per replica, which has queue size − 1 = %" PRId64 " slots",
                                            (gulong)gq_per_pg),
                               per_qpair, gq_per_pg, qsize - 1),
              "nvmf_create_transport.max_queue_depth");

  /* Each storage node */
  for (guint i = 1; i < r->hosts->len; i++)
    {
      IopMemoryHost *sh = g_ptr_array_index (r->hosts, i);
      gint64 node_inflight = write ? inflight : (inflight + (gint64)sc->raid_legs - 1) / sc->raid_legs;
      guint conns = used_pgs * sc->paths_per_leg;
      guint pgs_hit = MIN (conns, st->n_poll_groups);
      gboolean malloc_be = g_strcmp0 (sc->hosts[IOP_HOST_STORAGE].backend, "malloc") == 0;

      transport_buffer_demand (sc, IOP_HOST_STORAGE, sh, st->n_poll_groups, pgs_hit, node_inflight);
      target_request_demand (sc, sh, MIN (per_qpair, qsize - 1), used_pgs * (sc->hosts[IOP_HOST_STORAGE].instances > 1 ? 1 : sc->raid_legs),
                             st->n_poll_groups);
      add_demand (sh, g_strdup (malloc_be ? _("bdev_io (lvol + malloc bdev)") : _("bdev_io (lvol + NVMe bdev)")), node_inflight * 2,
                  K (sc, IOP_HOST_STORAGE, "bdev_set_options.bdev_io_cache_size") * pgs_hit +
                  K (sc, IOP_HOST_STORAGE, "bdev_set_options.bdev_io_pool_size") - K (sc, IOP_HOST_STORAGE, "bdev_set_options.bdev_io_cache_size") * (st->threads->len),
                  g_strdup_printf (_("%" PRId64 " in flight × 2"), node_inflight), "bdev_set_options.bdev_io_pool_size");
    }

  /* Which runs out first: the smallest supply / demand */
  for (guint i = 0; i < r->hosts->len; i++)
    {
      IopMemoryHost *mh = g_ptr_array_index (r->hosts, i);
      for (guint j = 0; j < mh->demand->len; j++)
        {
          IopDemandRow *d = g_ptr_array_index (mh->demand, j);
          double ratio;
          if (d->demand <= 0)
            continue;
          ratio = (double)d->supply / d->demand;
          if (ratio < worst)
            {
              worst = ratio;
              g_free (r->first_bottleneck);
              r->first_bottleneck = d->waiting > 0
                ? g_strdup_printf (_("%s: %s (%" PRId64 " wanted, %" PRId64 " can be queued; %" PRId64 " wait in the guest's driver)"),
                                   mh->label, d->hop, d->demand + d->waiting, d->supply, d->waiting)
                : g_strdup_printf (_("%s: %s (%" PRId64 " wanted, %" PRId64 " there)"),
                                   mh->label, d->hop, d->demand, d->supply);
            }
        }
    }
}

static void
check (IopMemoryReport *r, IopDiagLevel level, IopHostId host, const char *knob, char *message)
{
  IopDiagnostic *d = g_new0 (IopDiagnostic, 1);

  d->level = level;
  d->host = host;
  d->knob = knob;
  d->message = message;
  d->count = 1;
  g_ptr_array_add (r->checks, d);
}

static void
diag_free (gpointer p)
{
  IopDiagnostic *d = p;

  g_free (d->message);
  g_free (d->source);
  g_free (d);
}

IopMemoryReport *
iop_memory_report_new (IopScenario *scenario,
                       GError     **error)
{
  g_autoptr(IopMemoryReport) r = NULL;
  g_autoptr(IopTrace) startup = NULL;
  g_autoptr(IopTopology) topo = NULL;
  IopMemoryHost *bm;

  startup = iop_trace_run (scenario, error);
  if (startup == NULL)
    return NULL;

  r = g_new0 (IopMemoryReport, 1);
  g_ref_count_init (&r->ref_count);
  r->scenario = iop_scenario_copy (scenario);
  r->hosts = g_ptr_array_new_with_free_func (host_free);
  r->checks = g_ptr_array_new_with_free_func (diag_free);
  topo = iop_topology_new (r->scenario);

  g_ptr_array_add (r->hosts, host_report (r->scenario, topo, IOP_HOST_BAREMETAL, -1));
  for (guint i = 0; i < r->scenario->hosts[IOP_HOST_STORAGE].instances; i++)
    g_ptr_array_add (r->hosts, host_report (r->scenario, topo, IOP_HOST_STORAGE, (int)i));
  demand (r->scenario, topo, r);

  /* SPDK's own start-up messages, as the engine met them */
  for (guint i = 0; i < startup->diagnostics->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (startup->diagnostics, i);
      IopDiagnostic *c = g_new0 (IopDiagnostic, 1);

      *c = *d;
      c->message = g_strdup (d->message);
      c->source = g_strdup (d->source);
      g_ptr_array_add (r->checks, c);
    }

  /* The reference deployment's (raid_270) judgements */
  bm = g_ptr_array_index (r->hosts, 0);
  for (guint i = 0; i < r->hosts->len; i++)
    {
      IopMemoryHost *mh = g_ptr_array_index (r->hosts, i);
      IopHostId h = mh->host;
      gint64 spc = K (r->scenario, h, "iobuf_set_options.small_pool_count");
      gint64 lpc = K (r->scenario, h, "iobuf_set_options.large_pool_count");
      gint64 sbs = K (r->scenario, h, "iobuf_set_options.small_bufsize");
      gint64 lbs = K (r->scenario, h, "iobuf_set_options.large_bufsize");
      gint64 need = 0;

      if (mh->node > 0)
        continue;    /* storage nodes share their knobs: judge once */
      for (guint j = 0; j < mh->demand->len; j++)
        need += ((IopDemandRow *)g_ptr_array_index (mh->demand, j))->demand;
      if ((spc - mh->pinned_small) * sbs + (lpc - mh->pinned_large) * lbs > (G_GINT64_CONSTANT (1) << 30) &&
          spc - mh->pinned_small > 100 * MAX (need, 1))
        {
          g_autofree char *idle = bytes_str ((spc - mh->pinned_small) * sbs + (lpc - mh->pinned_large) * lbs);
          check (r, IOP_DIAG_INFO, h, "iobuf_set_options.small_pool_count",
                 g_strdup_printf (_("%s: absurd headroom. %s of DMA memory stays in the central rings after every cache is filled, more than a hundred times what the offered load holds at once. Zero iobuf pressure is to be expected here; this memory could go elsewhere."),
                                  mh->label, idle));
        }
      if (mh->pinned_small > spc || mh->pinned_large > lpc)
        check (r, IOP_DIAG_ERROR, h, mh->pinned_small > spc ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
               g_strdup_printf (_("%s: the caches would pin %" PRId64 " small and %" PRId64 " large buffers at start-up, but the pools hold %" PRId64 " and %" PRId64 ": they drain the central pools before any I/O."),
                                mh->label, mh->pinned_small, mh->pinned_large, spc, lpc));
      if (r->scenario->version == IOP_SPDK_V26_05 && h == IOP_HOST_STORAGE)
        check (r, IOP_DIAG_NOTICE, h, NULL,
               g_strdup_printf (_("scripts/calc-iobuf.py at v26.05 still applies v26.01's transport formula ((num_shared_buffers × 3 / 4) / cores), while v26.05 sizes the transport caches from the pools ((pool count / 2) / poll groups): its minimum (%" PRId64 " small, %" PRId64 " large) differs from what this version pins (%" PRId64 " small, %" PRId64 " large)."),
                                mh->calc_small, mh->calc_large, mh->pinned_small, mh->pinned_large));
    }
  if (r->first_bottleneck)
    {
      gboolean pressure = FALSE;
      for (guint i = 0; i < r->hosts->len; i++)
        {
          IopMemoryHost *mh = g_ptr_array_index (r->hosts, i);
          for (guint j = 0; j < mh->demand->len; j++)
            {
              IopDemandRow *d = g_ptr_array_index (mh->demand, j);
              if (d->demand > d->supply)
                pressure = TRUE;
            }
        }
      check (r, pressure ? IOP_DIAG_WARNING : IOP_DIAG_NOTICE, IOP_HOST_BAREMETAL, NULL,
             pressure ? g_strdup_printf (_("First to run out at this load: %s. Requests will wait there."), r->first_bottleneck)
                      : g_strdup_printf (_("No pressure to fear at this load: every hop has room. The tightest is %s."), r->first_bottleneck));
    }
  (void)bm;
  return g_steal_pointer (&r);
}

IopMemoryReport *
iop_memory_report_ref (IopMemoryReport *self)
{
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_memory_report_unref (IopMemoryReport *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  iop_scenario_unref (self->scenario);
  g_ptr_array_unref (self->hosts);
  g_ptr_array_unref (self->checks);
  g_free (self->first_bottleneck);
  g_free (self);
}

static void
s_member (JsonBuilder *b, const char *k, const char *v)
{
  json_builder_set_member_name (b, k);
  if (v) json_builder_add_string_value (b, v); else json_builder_add_null_value (b);
}

static void
i_member (JsonBuilder *b, const char *k, gint64 v)
{
  json_builder_set_member_name (b, k);
  json_builder_add_int_value (b, v);
}

JsonNode *
iop_memory_report_to_json (const IopMemoryReport *self,
                           int                    only_host)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  s_member (b, "spdk_tag", iop_spdk_version_tag (self->scenario->version));
  s_member (b, "scenario", self->scenario->id);
  json_builder_set_member_name (b, "hosts");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->hosts->len; i++)
    {
      IopMemoryHost *h = g_ptr_array_index (self->hosts, i);

      if (only_host >= 0 && (int)h->host != only_host)
        continue;
      json_builder_begin_object (b);
      s_member (b, "host", iop_host_name (h->host));
      json_builder_set_member_name (b, "node");
      if (h->node >= 0) json_builder_add_int_value (b, h->node); else json_builder_add_null_value (b);
      s_member (b, "label", h->label);
      i_member (b, "total_bytes", h->total_bytes);
      i_member (b, "pinned_small_buffers", h->pinned_small);
      i_member (b, "pinned_large_buffers", h->pinned_large);
      i_member (b, "minimum_small_pool_count", h->calc_small);
      i_member (b, "minimum_large_pool_count", h->calc_large);
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint j = 0; j < h->lines->len; j++)
        {
          IopMemoryLine *l = g_ptr_array_index (h->lines, j);
          json_builder_begin_object (b);
          s_member (b, "group", l->group);
          s_member (b, "item", l->item);
          s_member (b, "scope", l->scope);
          i_member (b, "count", l->count);
          i_member (b, "bytes", l->bytes);
          json_builder_set_member_name (b, "pinned");
          json_builder_add_boolean_value (b, l->pinned);
          json_builder_set_member_name (b, "bytes_assumed");
          json_builder_add_boolean_value (b, l->assumed);
          s_member (b, "formula", l->formula);
          s_member (b, "knob", l->knob);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "scaling");
      json_builder_begin_array (b);
      for (guint j = 0; j < h->scaling->len; j++)
        {
          IopScalingRow *s = g_ptr_array_index (h->scaling, j);
          json_builder_begin_object (b);
          s_member (b, "thing", s->thing);
          s_member (b, "scope", s->scope);
          i_member (b, "count", s->count);
          s_member (b, "cost", s->cost);
          s_member (b, "how", s->how);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "in_flight");
      json_builder_begin_array (b);
      for (guint j = 0; j < h->demand->len; j++)
        {
          IopDemandRow *d = g_ptr_array_index (h->demand, j);
          json_builder_begin_object (b);
          s_member (b, "hop", d->hop);
          i_member (b, "demand", d->demand);
          i_member (b, "supply", d->supply);
          i_member (b, "margin", d->supply - d->demand);
          i_member (b, "waiting_upstream", d->waiting);
          s_member (b, "formula", d->formula);
          s_member (b, "knob", d->knob);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  s_member (b, "first_bottleneck", self->first_bottleneck);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->checks->len; i++)
    {
      IopDiagnostic *d = g_ptr_array_index (self->checks, i);
      json_builder_begin_object (b);
      s_member (b, "level", iop_diag_level_name (d->level));
      s_member (b, "host", iop_host_name (d->host));
      json_builder_set_member_name (b, "spdk_message");
      json_builder_add_boolean_value (b, d->from_spdk);
      s_member (b, "message", d->message);
      s_member (b, "knob", d->knob);
      i_member (b, "count", d->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
iop_memory_report_to_text (const IopMemoryReport *self,
                           int                    only_host)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Scenario %s, SPDK %s\n"), self->scenario->id, iop_spdk_version_tag (self->scenario->version));
  for (guint i = 0; i < self->hosts->len; i++)
    {
      IopMemoryHost *h = g_ptr_array_index (self->hosts, i);
      const char *group = NULL;
      g_autofree char *total = bytes_str (h->total_bytes);

      if (only_host >= 0 && (int)h->host != only_host)
        continue;
      g_string_append_printf (s, "\n== %s ==\n", h->label);
      for (guint j = 0; j < h->lines->len; j++)
        {
          IopMemoryLine *l = g_ptr_array_index (h->lines, j);
          if (g_strcmp0 (group, l->group) != 0)
            {
              group = l->group;
              g_string_append_printf (s, "  %s\n", group);
            }
          g_string_append_printf (s, "    %-44s %-28s %s%s\n", l->item, l->scope, l->formula, l->assumed ? _(" (assumed size)") : "");
        }
      g_string_append_printf (s, _("  Total: %s. scripts/calc-iobuf.py's minimum for these knobs and this core mask: %" PRId64 " small, %" PRId64 " large.\n"),
                              total, h->calc_small, h->calc_large);
      g_string_append (s, _("  What scales with what\n"));
      for (guint j = 0; j < h->scaling->len; j++)
        {
          IopScalingRow *r = g_ptr_array_index (h->scaling, j);
          g_string_append_printf (s, "    %-62s %-26s %6" PRId64 "  %s (%s)\n", r->thing, r->scope, r->count, r->cost, r->how);
        }
      g_string_append (s, _("  In flight at the offered load\n"));
      for (guint j = 0; j < h->demand->len; j++)
        {
          IopDemandRow *d = g_ptr_array_index (h->demand, j);
          g_string_append_printf (s, "    %-48s %8" PRId64 " / %-12" PRId64 " %s\n", d->hop, d->demand, d->supply, d->formula);
        }
    }
  if (self->checks->len)
    {
      g_string_append (s, _("\nChecks\n"));
      for (guint i = 0; i < self->checks->len; i++)
        {
          IopDiagnostic *d = g_ptr_array_index (self->checks, i);
          g_string_append_printf (s, "  [%s] %s", iop_diag_level_name (d->level), d->message);
          if (d->count > 1)
            g_string_append_printf (s, _(" (×%u)"), d->count);
          g_string_append_c (s, '\n');
        }
    }
  return g_string_free (s, FALSE);
}
