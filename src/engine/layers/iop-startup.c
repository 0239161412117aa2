/* iop-startup.c: what SPDK builds before the first I/O
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme.h"
#include "iop-bdev-nvme-ctrlr.h"
#include "iop-error.h"
#include "iop-io.h"
#include "iop-iobuf.h"
#include "iop-kernel.h"
#include "iop-placement.h"
#include "iop-pool.h"
#include "iop-recorder.h"
#include "iop-startup.h"

#define NVME_DEFAULT_IO_QUEUE_SIZE 256     /* lib/nvme/nvme_internal.h */
#define NVME_DEFAULT_IO_QUEUE_REQUESTS 512
#define ACCEL_TASKS_PER_CHANNEL 2048       /* lib/accel/accel.c: task_count, sequence_count */
#define BLOB_MAX_CHANNEL_OPS 512           /* SPDK_BLOB_OPTS_DEFAULT_CHANNEL_OPS */

#define K(sim, h, id) iop_knob ((sim), (h), (id))
#define IOBUF_ALIGN_UP(v) (((v) + 4095) / 4096 * 4096)   /* IOBUF_ALIGNMENT */

static const char *
transport_iobuf_name (const char *trtype)
{
  if (g_strcmp0 (trtype, "RDMA") == 0) return "nvmf_RDMA";
  if (g_strcmp0 (trtype, "TCP") == 0) return "nvmf_TCP";
  return "nvmf_VFIOUSER";
}

/* v26.05: nvmf_rpc.c logs the deprecated parameters while it decodes the
 * RPC, before spdk_nvmf_transport_create runs */
static void
transport_deprecations (Sim *sim, IopHostId h)
{
  static const struct { const char *param, *tag, *desc; } dep[] = {
    { "num_shared_buffers", "nvmf_create_transport_num_shared_buffers", "Use iobuf_large_cache_size and iobuf_small_cache_size instead" },
    { "buf_cache_size", "nvmf_create_transport_buf_cache_size", "buf_cache_size is deprecated" },
    { "io_unit_size", "nvmf_create_transport_io_unit_size", "io_unit_size is deprecated" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dep); i++)
    {
      g_autofree char *id = g_strconcat ("nvmf_create_transport.", dep[i].param, NULL);
      const IopKnobDef *def = iop_scenario_find_knob (sim->sc, h, id, NULL);
      if (def && iop_scenario_knob_is_set (sim->sc, h, def))
        iop_diag (sim, IOP_DIAG_DEPRECATION, h, TRUE, "lib/nvmf/nvmf_rpc.c", def->id,
                  g_strdup_printf ("%s: deprecated feature %s to be removed in %s", dep[i].tag, dep[i].desc, "v26.09"));
    }
}

/* spdk_nvmf_transport_create (lib/nvmf/transport.c): the checks common to
 * every transport, which run before the transport's own create function */
static gboolean
transport_common_checks (Sim *sim, IopHostId h, GError **error)
{
  const IopHostTopology *ht = &sim->topo->hosts[h];
  gint64 max_io = K (sim, h, "nvmf_create_transport.max_io_size");
  gint64 aq = K (sim, h, "nvmf_create_transport.max_aq_depth");

  /* Both tags: the transport is refused, or the admin queue raised to the
   * spec's minimum (SPDK_NVMF_MIN_ADMIN_MAX_SQ_SIZE, 32) */
  if (max_io != 0 && ((max_io & (max_io - 1)) != 0 || max_io < 8192))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   "%s: nvmf_create_transport refused (SPDK logs: max_io_size %" PRId64 " must be a power of 2 and be greater than or equal 8KB)",
                   iop_host_name (h), max_io);
      return FALSE;
    }
  if (aq < 32)
    {
      iop_diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/nvmf/transport.c", "nvmf_create_transport.max_aq_depth",
                g_strdup_printf ("max_aq_depth %" PRId64 " is less than minimum defined by NVMf spec, use min value", aq));
      iop_scenario_set_knob (sim->sc, h, "nvmf_create_transport.max_aq_depth", 32, NULL);
    }

  if (sim->sc->version == IOP_SPDK_V26_05)
    {
      for (guint c = 0; c < 2; c++)
        {
          const char *kind = c == IOP_BUF_SMALL ? "small" : "large";
          g_autofree char *id = g_strdup_printf ("nvmf_create_transport.iobuf_%s_cache_size", kind);
          gint64 v = K (sim, h, id);
          gint64 pool = K (sim, h, c == IOP_BUF_SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count");
          gint64 cores = ht->n_cores;
          if (v != IOP_KNOB_AUTO && v != 0 && v * cores > pool)
            {
              iop_diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/transport.c", iop_scenario_find_knob (sim->sc, h, id, NULL)->id,
                        g_strdup_printf ("per core iobuf_%s_cache_size %" PRId64 " is larger than iobuf %s buffer count %" PRId64 ", limiting to 50%% of the pool",
                                         kind, v * cores, kind, pool));
              iop_scenario_set_knob (sim->sc, h, id, pool / cores / 2, NULL);
            }
        }
      return TRUE;
    }

  /* v26.01: io_unit_size against the iobuf sizes as spdk_iobuf_initialize
   * rounded them (sim->small_bufsize, sim->large_bufsize) */
  {
    gint64 nsb = K (sim, h, "nvmf_create_transport.num_shared_buffers");
    gint64 iou = K (sim, h, "nvmf_create_transport.io_unit_size");
    gint64 spc = K (sim, h, "iobuf_set_options.small_pool_count");
    gint64 lpc = K (sim, h, "iobuf_set_options.large_pool_count");
    gint64 count;

    if (iou == 0)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                     "%s: nvmf_create_transport refused (SPDK logs: io_unit_size cannot be 0)", iop_host_name (h));
        return FALSE;
      }
    if (iou < 512)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                     _("%s: io_unit_size %" PRId64 ": Iopath models transport buffers of 512 bytes or more"),
                     iop_host_name (h), iou);
        return FALSE;
      }
    if (iou > sim->large_bufsize[h])
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                     "%s: io_unit_size %" PRId64 " is larger than iobuf pool large buffer size %" PRId64,
                     iop_host_name (h), iou, sim->large_bufsize[h]);
        return FALSE;
      }
    count = iou <= sim->small_bufsize[h] ? spc : MIN (spc, lpc);
    if (nsb > count)
      iop_diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/transport.c", "nvmf_create_transport.num_shared_buffers",
                g_strdup_printf ("The num_shared_buffers value (%" PRId64 ") is larger than the available iobuf pool size (%" PRId64 "). Please increase the iobuf pool sizes.",
                                 nsb, count));
  }
  return TRUE;
}

static gboolean
refuse_units (Sim *sim, IopHostId h, gint64 max_io, gint64 iou, GError **error)
{
  /* v26.01, RDMA and TCP: at most 16 buffers (SGL entries) per I/O */
  if (max_io / iou <= 16)
    return TRUE;
  g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
               "%s: Unsupported IO Unit size specified, %" PRId64 " bytes (max_io_size / io_unit_size may be at most 16)",
               iop_host_name (h), iou);
  return FALSE;
}

static gboolean
refuse_caches (Sim *sim, IopHostId h, GError **error)
{
  /* v26.01, RDMA and TCP: explicit poll-group caches the shared buffers
   * cannot fill */
  gint64 nsb = K (sim, h, "nvmf_create_transport.num_shared_buffers");
  gint64 bcs = K (sim, h, "nvmf_create_transport.buf_cache_size");
  gint64 cores = sim->topo->hosts[h].n_cores;

  if (bcs == IOP_KNOB_AUTO || cores * bcs <= nsb)
    return TRUE;
  g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
               "%s: There are not enough buffers to satisfyper-poll group caches for each thread. (%" PRId64 ")supplied. (%" PRId64 ") required. Please specify a larger number of shared buffers",
               iop_host_name (h), nsb, cores * bcs);
  return FALSE;
}

/* What each transport's create function checks of the common options, in
 * its own order: nvmf_vfio_user_create, nvmf_rdma_create, nvmf_tcp_create
 * (lib/nvmf/vfio_user.c, rdma.c, tcp.c; line numbers per tag in
 * docs/audit.md, "Knobs at v26.01 and v26.05") */
static gboolean
transport_own_checks (Sim       *sim,
                      IopHostId  h,
                      GError   **error)
{
  const char *tr = sim->sc->hosts[h].target_trtype;
  gboolean v01 = sim->sc->version == IOP_SPDK_V26_01;
  gboolean rdma = g_strcmp0 (tr, "RDMA") == 0, tcp = g_strcmp0 (tr, "TCP") == 0;
  gint64 max_io = K (sim, h, "nvmf_create_transport.max_io_size");
  gint64 icd = K (sim, h, "nvmf_create_transport.in_capsule_data_size");
  gint64 iou = K (sim, h, "nvmf_create_transport.io_unit_size");
  gint64 qps = K (sim, h, "nvmf_create_transport.max_io_qpairs_per_ctrlr") + 1;

  if (g_strcmp0 (tr, "VFIOUSER") == 0 && qps > 512)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   "%s: nvmf_create_transport refused (SPDK logs: Invalid max_qpairs_per_ctrlr=%" PRId64 ", supported max_qpairs_per_ctrlr=%d)",
                   iop_host_name (h), qps, 512);
      return FALSE;
    }
  if (!rdma && !tcp)
    return TRUE;

  /* v26.01: both lower io_unit_size to max_io_size first, TCP with a
   * warning, RDMA silently; the lowered value is what the transport keeps */
  if (v01 && iou > max_io)
    {
      if (tcp)
        iop_diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/tcp.c", "nvmf_create_transport.io_unit_size",
                  g_strdup_printf ("TCP param io_unit_size %" PRId64 " can't be larger than max_io_size %" PRId64 ". Using max_io_size as io_unit_size",
                                   iou, max_io));
      iou = max_io;
      iop_scenario_set_knob (sim->sc, h, "nvmf_create_transport.io_unit_size", iou, NULL);
    }
  if (tcp && icd > max_io)
    {
      /* v26.01 prints the (already lowered) io_unit_size where it means the
       * capsule size; v26.05 prints the capsule size */
      iop_diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/tcp.c", "nvmf_create_transport.in_capsule_data_size",
                g_strdup_printf ("TCP param ICD size %" PRId64 " can't be larger than max_io_size %" PRId64 ". Using max_io_size as ICD size",
                                 v01 ? iou : icd, max_io));
      iop_scenario_set_knob (sim->sc, h, "nvmf_create_transport.in_capsule_data_size", max_io, NULL);
    }
  if (v01 && rdma)
    {
      gint64 nsb = K (sim, h, "nvmf_create_transport.num_shared_buffers");
      if (nsb < 32)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       "%s: The number of shared data buffers (%" PRId64 ") is less thanthe minimum number required to guarantee that forward progress can be made (%d)",
                       iop_host_name (h), nsb, 32);
          return FALSE;
        }
      if (!refuse_caches (sim, h, error) || !refuse_units (sim, h, max_io, iou, error))
        return FALSE;
    }
  if (v01 && tcp && (!refuse_units (sim, h, max_io, iou, error) || !refuse_caches (sim, h, error)))
    return FALSE;
  /* v26.05: buffers follow the I/O length, at most 16 large buffers per I/O,
   * counted against large_bufsize as spdk_iobuf_initialize rounded it */
  if (!v01 && max_io / sim->large_bufsize[h] > 16)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   "%s: nvmf_create_transport refused (SPDK logs: Unsupported max_io_size specified, %" PRId64 " bytes)",
                   iop_host_name (h), max_io);
      return FALSE;
    }
  /* RDMA: room for 16 SGL descriptors of 16 bytes in the capsule */
  if (rdma && icd < 256)
    {
      iop_diag (sim, IOP_DIAG_WARNING, h, TRUE, "lib/nvmf/rdma.c", "nvmf_create_transport.in_capsule_data_size",
                g_strdup_printf ("In capsule data size is set to %d, this is minimum size required to support msdbd=16", 256));
      iop_scenario_set_knob (sim->sc, h, "nvmf_create_transport.in_capsule_data_size", 256, NULL);
    }
  return TRUE;
}

/* The NVMe driver's checks when the bare-metal host's bdev_nvme attaches a
 * controller over the fabric (nvme_rdma_ctrlr_construct,
 * nvme_tcp_ctrlr_construct; lib/nvme/nvme_rdma.c, nvme_tcp.c) */
static void
nvme_driver_checks (Sim *sim)
{
  IopHostId B = IOP_HOST_BAREMETAL, S = IOP_HOST_STORAGE;
  const char *tr = sim->sc->hosts[S].target_trtype;
  gboolean rdma = g_strcmp0 (tr, "RDMA") == 0, tcp = g_strcmp0 (tr, "TCP") == 0;
  gint64 retries = K (sim, B, "bdev_nvme_set_options.transport_retry_count");
  gint64 ack = K (sim, B, "bdev_nvme_set_options.transport_ack_timeout");

  if (sim->sc->hosts[S].instances == 0 || (!rdma && !tcp))
    return;
  /* RDMA only: the TCP driver does not read transport_retry_count. The
   * engine reads the count through MIN (count, 7) and leaves the knob as
   * set, since the storage host's PCIe driver reads it unlowered. */
  if (rdma && retries > 7)
    iop_diag (sim, IOP_DIAG_NOTICE, B, TRUE, "lib/nvme/nvme_rdma.c", "bdev_nvme_set_options.transport_retry_count",
              g_strdup_printf ("transport_retry_count exceeds max value %d, use max value", 7));
  if (ack > 31)
    {
      iop_diag (sim, IOP_DIAG_NOTICE, B, TRUE, rdma ? "lib/nvme/nvme_rdma.c" : "lib/nvme/nvme_tcp.c",
                "bdev_nvme_set_options.transport_ack_timeout",
                g_strdup_printf ("transport_ack_timeout exceeds max value %d, use max value", 31));
      iop_scenario_set_knob (sim->sc, B, "bdev_nvme_set_options.transport_ack_timeout", 31, NULL);
    }
}

/* nvmf_create_transport: what SPDK checks and logs when the transport is
 * made, in SPDK's order: the RPC's decoding, transport.c, the transport */
static gboolean
transport_checks (Sim *sim, IopHostId h, GError **error)
{
  if (sim->sc->version == IOP_SPDK_V26_05)
    transport_deprecations (sim, h);
  return transport_common_checks (sim, h, error) && transport_own_checks (sim, h, error);
}

static ThreadState *
thread_state_new (Sim *sim, HostState *hs, IopThread *t, guint n_ctrl, gint64 q_reqs, gint64 q_size)
{
  ThreadState *ts = g_new0 (ThreadState, 1);
  IopHostId h = hs->host;

  ts->t = t;
  ts->host = hs;
  g_queue_init (&ts->iobuf_queue[IOP_BUF_SMALL]);
  g_queue_init (&ts->iobuf_queue[IOP_BUF_LARGE]);
  g_queue_init (&ts->io_wait);
  g_queue_init (&ts->need_cluster_alloc);
  g_queue_init (&ts->pending_buf);
  iop_iobuf_chan_init (sim, hs, ts, &ts->bdev_iobuf, "bdev",
                       K (sim, h, "bdev_set_options.iobuf_small_cache_size"), K (sim, h, "bdev_set_options.iobuf_large_cache_size"));
  iop_iobuf_chan_init (sim, hs, ts, &ts->accel_iobuf, "accel",
                       K (sim, h, "accel_set_options.small_cache_size"), K (sim, h, "accel_set_options.large_cache_size"));
  ts->bdev_io_cache = iop_res_new (sim, K (sim, h, "bdev_set_options.bdev_io_cache_size"), 0);
  ts->n_qpairs = n_ctrl;
  ts->qpairs = g_new0 (Qpair, MAX (n_ctrl, 1));
  for (guint c = 0; c < n_ctrl; c++)
    {
      ts->qpairs[c].nvme_reqs = iop_res_new (sim, q_reqs, q_reqs);
      ts->qpairs[c].wire_slots = iop_res_new (sim, q_size, q_size);
    }
  ts->blob_reqs = iop_res_new (sim, BLOB_MAX_CHANNEL_OPS, BLOB_MAX_CHANNEL_OPS);
  /* accel_create_channel: task_count and sequence_count objects each,
   * ACCEL_TASKS_PER_CHANNEL (2048) by default (lib/accel/accel.c) */
  ts->accel_tasks = iop_res_new (sim, ACCEL_TASKS_PER_CHANNEL, ACCEL_TASKS_PER_CHANNEL);
  ts->accel_seqs = iop_res_new (sim, ACCEL_TASKS_PER_CHANNEL, ACCEL_TASKS_PER_CHANNEL);
  if (h == IOP_HOST_STORAGE && t->role == IOP_THREAD_POLL_GROUP && sim->srq)
    {
      gint64 d = K (sim, h, "nvmf_create_transport.max_srq_depth");
      ts->srq_reqs = iop_res_new (sim, d, d);
    }
  return ts;
}

static void
thread_state_free (gpointer p)
{
  ThreadState *ts = p;

  for (guint c = 0; c < 2; c++)
    g_queue_clear_full (&ts->iobuf_queue[c], g_free);
  g_queue_clear_full (&ts->io_wait, g_free);
  g_queue_clear (&ts->need_cluster_alloc);
  g_queue_clear_full (&ts->pending_buf, g_free);
  iop_thread_clear (ts);
  g_free (ts->qpairs);
  g_free (ts);
}

ThreadState *
iop_startup_poll_group (HostState *hs, guint pg)
{
  guint n = hs->threads->len - 1;

  return g_ptr_array_index (hs->threads, 1 + (pg % MAX (n, 1)));
}

/* Channels in start-up order: each poll group's transport cache, then the
 * bdev (and accel) channels the threads open when namespaces attach */
static void
populate_channels (Sim *sim, HostState *hs)
{
  IopHostId h = hs->host;

  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);

      if (ts->t->role == IOP_THREAD_POLL_GROUP && ts->has_transport_cache &&
          !iop_iobuf_chan_populate (sim, hs, &ts->transport_iobuf))
        {
          /* SPDK falls back to a poll group without a cache */
          iop_diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/nvmf/transport.c", NULL,
                    g_strdup ("Unable to reserve the full number of buffers for the pg buffer cache."));
          for (guint c = 0; c < 2; c++)
            ts->transport_iobuf.cache[c]->capacity = 0;
        }
    }
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);
      gint64 take;

      if (!iop_iobuf_chan_populate (sim, hs, &ts->bdev_iobuf))
        iop_diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/bdev/bdev.c", NULL,
                  g_strdup ("Failed to create iobuf channel: Cannot allocate memory"));
      take = MIN (ts->bdev_io_cache->capacity, hs->bdev_io_pool->level);
      hs->bdev_io_pool->level -= take;
      ts->bdev_io_cache->level = take;
      if (take < ts->bdev_io_cache->capacity)
        iop_diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/bdev/bdev.c", "bdev_set_options.bdev_io_pool_size",
                  g_strdup ("You need to increase bdev_io_pool_size using bdev_set_options RPC."));
      if (ts->t->accel && !iop_iobuf_chan_populate (sim, hs, &ts->accel_iobuf))
        iop_diag (sim, IOP_DIAG_ERROR, h, TRUE, "lib/accel/accel.c", NULL,
                  g_strdup ("Failed to initialize iobuf accel channel"));
    }
}

/* The incoming I/O qpairs of a storage node, one per initiator connection
 * that stays (each baremetal poll group and app_thread to each of the
 * node's controllers), on the poll group the transport gave it in connect
 * order (iop-placement.c); with a shared receive queue their requests come
 * from that poll group's pool */
static void
target_qpairs (Sim *sim, HostState *hs, int node)
{
  g_autoptr(IopPlacement) pl = iop_placement_new_storage (sim->sc, sim->topo, (guint)node);
  const IopHostTopology *bm = &sim->topo->hosts[IOP_HOST_BAREMETAL];
  gint64 qd = K (sim, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth");
  guint paths = MAX (sim->sc->paths_per_leg, 1);
  guint rows = 1 + MAX (bm->n_poll_groups, 1);

  hs->n_local_ctrl = paths * (sim->sc->hosts[IOP_HOST_STORAGE].instances > 1 ? 1 : sim->sc->raid_legs);
  hs->n_tgt_qpairs = pl->n_io;
  hs->tgt_qpairs = g_new0 (TgtQpair, MAX (pl->n_io, 1));
  hs->tq_of = g_new0 (guint, rows * hs->n_local_ctrl);
  for (guint i = 0; i < pl->conns->len; i++)
    {
      const IopConn *c = &g_array_index (pl->conns, IopConn, i);
      TgtQpair *tq;
      guint local;

      if (c->kind != IOP_CONN_IO)
        continue;
      tq = &hs->tgt_qpairs[c->io_index];
      local = sim->sc->hosts[IOP_HOST_STORAGE].instances > 1 ? (guint)c->path : (guint)c->leg * paths + (guint)c->path;
      tq->st = iop_startup_poll_group (hs, c->pg);
      tq->reqs = tq->st->srq_reqs != NULL ? tq->st->srq_reqs : iop_res_new (sim, qd, qd);
      hs->tq_of[(guint)(c->thread + 1) * hs->n_local_ctrl + local] = c->io_index;
    }
}

static gboolean
host_start (Sim *sim, HostState *hs, IopHostId h, int node, GError **error)
{
  const IopHostTopology *ht = &sim->topo->hosts[h];
  const IopHostConfig *hc = &sim->sc->hosts[h];
  gint64 spc = K (sim, h, "iobuf_set_options.small_pool_count");
  gint64 lpc = K (sim, h, "iobuf_set_options.large_pool_count");
  gint64 pool = K (sim, h, "bdev_set_options.bdev_io_pool_size");
  gint64 cache = K (sim, h, "bdev_set_options.bdev_io_cache_size");
  gint64 tsmall = 0, tlarge = 0;
  guint n_ctrl;
  gint64 q_reqs, q_size;
  gboolean transport_cache;

  hs->host = h;
  hs->node = node;
  hs->place = h == IOP_HOST_BAREMETAL ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE;
  hs->tag = h == IOP_HOST_BAREMETAL ? g_strdup ("baremetal") : g_strdup_printf ("storage%d", node);
  hs->threads = g_ptr_array_new_with_free_func (thread_state_free);

  /* spdk_bdev_set_opts(): checked when the RPC runs, before framework_start_init,
   * when app_thread is the only SPDK thread. */
  if (pool < cache * (1 + 1))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   "%s: bdev_set_options refused: “Pool size %" PRId64 " too small for cache size %" PRId64 "” "
                   "(SPDK logs: bdev_io_pool_size %" PRId64 " is not compatible with bdev_io_cache_size %" PRId64 " and 1 threads; "
                   "bdev_io_pool_size must be at least %" PRId64 ")",
                   iop_host_name (h), pool, cache, pool, cache, cache * 2);
      return FALSE;
    }

  /* One pair of rings per process; enable_numa would give one per node, each
   * full size. The traced threads all sit on node 0 in the scenarios. */
  hs->central[IOP_BUF_SMALL] = iop_res_new (sim, spc, spc);
  hs->central[IOP_BUF_LARGE] = iop_res_new (sim, lpc, lpc);
  hs->bdev_io_pool = iop_res_new (sim, pool, pool);
  if (g_strcmp0 (hc->target_trtype, "RDMA") == 0)
    {
      gint64 wrs = K (sim, h, "nvmf_create_transport.data_wr_pool_size");
      gint64 least = 16 * 2 * (gint64)ht->n_cores;

      /* nvmf_rdma_create: room for one I/O's WRs on every core */
      if (wrs < least)
        {
          iop_diag (sim, IOP_DIAG_NOTICE, h, TRUE, "lib/nvmf/rdma.c", "nvmf_create_transport.data_wr_pool_size",
                    g_strdup_printf ("data_wr_pool_size is changed to %" PRId64 " to guarantee enough cache for handling at least one IO in each core",
                                     least));
          wrs = least;
        }
      hs->data_wr_pool = iop_res_new (sim, wrs, wrs);
    }

  if (h == IOP_HOST_BAREMETAL)
    {
      n_ctrl = ht->n_controllers;
      q_reqs = sim->io_queue_reqs;
      /* nvme_rdma: num_entries = queue size - 1 */
      q_size = sim->io_queue_size - 1;
    }
  else
    {
      n_ctrl = 1;
      q_reqs = sim->s_io_queue_reqs;
      /* PCIe: trackers = entries - max_completions_cap (entries / 4, at most 128) */
      q_size = NVME_DEFAULT_IO_QUEUE_SIZE - MIN (MAX (NVME_DEFAULT_IO_QUEUE_SIZE / 4, 1), 128);
    }

  iop_transport_cache_sizes (sim->sc, h, ht->n_poll_groups, &tsmall, &tlarge, NULL);
  /* nvmf_transport_use_iobuf(): a transport with no shared buffers and no cache uses no iobuf */
  transport_cache = tsmall > 0 || tlarge > 0;

  for (guint i = 0; i < ht->threads->len; i++)
    {
      IopThread *t = g_ptr_array_index (ht->threads, i);
      /* every thread with a bdev_nvme channel has an I/O qpair per
       * controller: the poll groups, and app_thread, where RAID keeps a
       * channel to each base bdev (and, on a storage node, the blobstore
       * one to its bdev on the metadata thread) */
      ThreadState *ts = thread_state_new (sim, hs, t, n_ctrl, q_reqs, q_size);

      if (t->role == IOP_THREAD_POLL_GROUP)
        {
          iop_iobuf_chan_init (sim, hs, ts, &ts->transport_iobuf, transport_iobuf_name (hc->target_trtype), tsmall, tlarge);
          ts->has_transport_cache = transport_cache;
          if (!transport_cache)
            for (guint c = 0; c < 2; c++)
              ts->transport_iobuf.cache[c]->capacity = 0;
        }
      g_ptr_array_add (hs->threads, ts);
    }
  populate_channels (sim, hs);

  if (h == IOP_HOST_STORAGE)
    target_qpairs (sim, hs, node);
  return TRUE;
}

static void
host_clear (HostState *hs)
{
  g_clear_pointer (&hs->threads, g_ptr_array_unref);
  g_clear_pointer (&hs->tag, g_free);
  g_clear_pointer (&hs->tgt_qpairs, g_free);
  g_clear_pointer (&hs->tq_of, g_free);
}

void
iop_startup_connect (Sim *sim, Piece *p)
{
  Io *io = p->io;
  const IopHostTopology *bm = &sim->topo->hosts[IOP_HOST_BAREMETAL];
  guint row = 1 + io->bt->t->poll_group % MAX (bm->n_poll_groups, 1);
  guint path = (guint)MAX (p->path, 0);
  guint ctrl = (guint)p->leg * sim->sc->paths_per_leg + path;
  HostState *hs = &sim->st[io->legs[p->leg].node];
  guint local = sim->n_st > 1 ? path : ctrl;

  p->bq = &io->bt->qpairs[ctrl];
  /* The target placed this connection when it was made (iop-placement.c) */
  p->tq = &hs->tgt_qpairs[hs->tq_of[row * hs->n_local_ctrl + local]];
  p->st = p->tq->st;
  p->sq = &p->st->qpairs[0];
}

gboolean
iop_startup (Sim *sim, IopTrace *trace, guint n_guest_qp, GError **error)
{
  IopHostId B = IOP_HOST_BAREMETAL, S = IOP_HOST_STORAGE;
  gboolean ok = TRUE;
  gint64 qd;

  sim->sc = trace->scenario;
  sim->m = &sim->sc->model;
  sim->topo = iop_topology_new (sim->sc);
  trace->topology = sim->topo;
  sim->trace = trace;
  sim->ios = g_ptr_array_new_with_free_func (iop_io_free);
  sim->cmds = g_ptr_array_new_with_free_func (g_free);
  sim->res = g_ptr_array_new_with_free_func (iop_res_free);
  sim->scratch = g_ptr_array_new_with_free_func (g_free);
  iop_kernel_init (sim);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      /* spdk_iobuf_initialize rounds both sizes up to 4 KiB at start-up,
       * before any transport or channel sees them (lib/thread/iobuf.c) */
      sim->small_bufsize[h] = IOBUF_ALIGN_UP (K (sim, h, "iobuf_set_options.small_bufsize"));
      sim->large_bufsize[h] = IOBUF_ALIGN_UP (K (sim, h, "iobuf_set_options.large_bufsize"));
    }
  /* The transports' checks may raise or lower a knob, as SPDK does, before
   * anything below reads it */
  for (guint h = 0; h < IOP_N_HOSTS && ok; h++)
    ok = transport_checks (sim, h, error);
  if (ok)
    nvme_driver_checks (sim);
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      sim->delay_submit[h] = K (sim, h, "bdev_nvme_set_options.delay_cmd_submit") != 0;
      sim->ioq_period_ns[h] = K (sim, h, "bdev_nvme_set_options.nvme_ioq_poll_period_us") * 1000;
      sim->io_unit_size[h] = sim->sc->version == IOP_SPDK_V26_01 ? K (sim, h, "nvmf_create_transport.io_unit_size") : 0;
    }
  sim->icd = K (sim, S, "nvmf_create_transport.in_capsule_data_size");
  sim->front_tcp = g_strcmp0 (sim->sc->hosts[B].target_trtype, "TCP") == 0;
  sim->fabric_tcp = g_strcmp0 (sim->sc->hosts[S].target_trtype, "TCP") == 0;
  sim->malloc_backend = g_strcmp0 (sim->sc->hosts[S].backend, "malloc") == 0;
  sim->srq = !sim->fabric_tcp && K (sim, S, "nvmf_create_transport.no_srq") == 0;
  sim->front_icd = K (sim, B, "nvmf_create_transport.in_capsule_data_size");
  /* The host's I/O queue size: the driver's 256, capped by the target's MQES
   * (max_queue_depth); nvme_request count: max(io_queue_requests, max(512, queue size)) */
  sim->io_queue_size = MIN (NVME_DEFAULT_IO_QUEUE_SIZE, K (sim, S, "nvmf_create_transport.max_queue_depth"));
  sim->max_segments = iop_bdev_nvme_max_segments (sim);
  sim->io_queue_reqs = MAX (K (sim, B, "bdev_nvme_set_options.io_queue_requests"),
                            MAX (NVME_DEFAULT_IO_QUEUE_REQUESTS, sim->io_queue_size));
  sim->rdma_polls_for_buffers = sim->sc->version == IOP_SPDK_V26_01 &&
                                g_strcmp0 (sim->sc->hosts[S].target_trtype, "RDMA") == 0;
  sim->s_io_queue_reqs = MAX (K (sim, S, "bdev_nvme_set_options.io_queue_requests"),
                              MAX (NVME_DEFAULT_IO_QUEUE_REQUESTS, NVME_DEFAULT_IO_QUEUE_SIZE));

  if (ok)
    ok = host_start (sim, &sim->bm, B, -1, error);
  sim->n_st = sim->sc->hosts[S].instances;
  sim->st = g_new0 (HostState, sim->n_st);
  for (guint i = 0; i < sim->n_st && ok; i++)
    ok = host_start (sim, &sim->st[i], S, (int)i, error);
  if (!ok)
    return FALSE;

  /* A guest queue pair: max_queue_depth entries, so max_queue_depth - 1
   * commands at most (MQES = max_queue_depth - 1) */
  qd = K (sim, B, "nvmf_create_transport.max_queue_depth");
  sim->n_guest_qp = MAX (n_guest_qp, 1);
  sim->guest_qd = MAX (qd - 1, 1);
  sim->guest_sqs = g_new0 (Res *, sim->n_guest_qp);
  sim->guest_inflight = g_new0 (guint, sim->n_guest_qp);
  sim->guest_waiting = g_new0 (GQueue, sim->n_guest_qp);
  for (guint q = 0; q < sim->n_guest_qp; q++)
    {
      sim->guest_sqs[q] = iop_res_new (sim, qd, qd);
      g_queue_init (&sim->guest_waiting[q]);
    }
  /* The poll group each guest queue pair joined when it connected */
  {
    g_autoptr(IopPlacement) front = iop_placement_new_front (sim->sc, sim->topo, sim->n_guest_qp);

    sim->front_pg = g_new0 (guint, sim->n_guest_qp);
    for (guint q = 0; q < sim->n_guest_qp; q++)
      sim->front_pg[q] = iop_placement_find (front, -1, -1, -1, (int)q)->pg;
  }
  sim->horizon_ns = G_GINT64_CONSTANT (10000000000);   /* 10 s of virtual time */
  iop_ctrlr_setup (sim);
  return TRUE;
}

void
iop_startup_clear (Sim *sim)
{
  host_clear (&sim->bm);
  for (guint i = 0; i < sim->n_st; i++)
    host_clear (&sim->st[i]);
  g_clear_pointer (&sim->st, g_free);
  g_clear_pointer (&sim->guest_sqs, g_free);
  g_clear_pointer (&sim->guest_inflight, g_free);
  g_clear_pointer (&sim->front_pg, g_free);
  if (sim->guest_waiting != NULL)
    for (guint q = 0; q < sim->n_guest_qp; q++)
      g_queue_clear (&sim->guest_waiting[q]);
  g_clear_pointer (&sim->guest_waiting, g_free);
  iop_kernel_clear (sim);
  g_clear_pointer (&sim->ios, g_ptr_array_unref);
  g_clear_pointer (&sim->cmds, g_ptr_array_unref);
  g_clear_pointer (&sim->io_free, g_ptr_array_unref);
  g_clear_pointer (&sim->res, g_ptr_array_unref);
  g_clear_pointer (&sim->scratch, g_ptr_array_unref);
  g_clear_pointer (&sim->rows, g_array_unref);
  iop_ctrlr_free (sim);
}
