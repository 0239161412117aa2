/* iop-workload-run.c: many I/Os at once (iop_workload_run)
 *
 * Each guest queue pair keeps its queue depth of I/Os in flight: when the
 * guest sees one complete it issues the next, until the count or the time
 * is reached. Latencies go to a log-linear histogram; pool and queue levels
 * are sampled into time series that halve their resolution as they grow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "iop-error.h"
#include "iop-io.h"
#include "iop-iobuf.h"
#include "iop-kernel.h"
#include "iop-recorder.h"
#include "iop-startup.h"
#include "iop-trace-private.h"
#include "iop-workload.h"

#define HIST_BUCKETS 4096
#define MAX_INFLIGHT (G_GINT64_CONSTANT (1) << 18)
/* a run that spends this many events per completed I/O makes no progress */
#define EVENTS_PER_IO_BOUND 4096

struct _Wl
{
  IopWorkload  *result;
  guint64       issued;
  guint64       completed;
  guint64       rng;
  gint64        sample_ns;
  guint64      *hist;             /* latency histogram, see hist_index () */
  gint64        lat_sum_ns;
  guint64      *cluster_bits;     /* allocated clusters of the thin lvol */
  guint64       n_clusters;
  guint64       seq_lba;          /* next sequential block */
  guint64       n_blocks;
  gboolean      stopping;
  /* the current sample window */
  gint64        win_start;
  guint64       win_done;
  gint64        win_lat_max;
};

/* xorshift64*: small, fast, the same sequence everywhere */
static guint64
wl_rand (Wl *wl)
{
  guint64 x = wl->rng;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  wl->rng = x;
  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

/* Log-linear buckets: exact below 128 ns, then 64 per power of two (< 1.6 %) */
static guint
hist_index (guint64 v)
{
  int msb, shift;

  if (v < 128)
    return (guint)v;
  msb = 63 - __builtin_clzll (v);
  shift = msb - 6;
  return MIN (128 + (guint)(shift - 1) * 64 + (guint)((v >> shift) - 64), HIST_BUCKETS - 1);
}

static gint64
hist_value (guint idx)
{
  guint shift;

  if (idx < 128)
    return idx;
  shift = (idx - 128) / 64 + 1;
  return (gint64)(((guint64)(64 + (idx - 128) % 64) << shift) + ((G_GUINT64_CONSTANT (1) << shift) / 2));
}

static gint64
hist_percentile (Wl *wl, double p)
{
  guint64 want = (guint64)(p * wl->completed);
  guint64 seen = 0;

  if (wl->completed == 0)
    return 0;
  want = MIN (MAX (want, 1), wl->completed);
  for (guint i = 0; i < HIST_BUCKETS; i++)
    {
      seen += wl->hist[i];
      if (seen >= want)
        return hist_value (i);
    }
  return hist_value (HIST_BUCKETS - 1);
}

static void
wl_issue (Sim *sim, guint qp)
{
  Wl *wl = sim->wl;
  const IopWorkloadParams *p = &wl->result->params;
  Io *io = iop_io_new (sim, (guint)wl->issued, FALSE, (int)qp);
  guint64 blocks = (guint64)(p->io_size / sim->sc->block_size);
  guint64 lba;

  wl->issued++;
  io->op = (wl_rand (wl) % 100) < p->read_percent ? IOP_OP_READ : IOP_OP_WRITE;
  io->size = p->io_size;
  if (p->random)
    lba = (wl_rand (wl) % MAX (wl->n_blocks / MAX (blocks, 1), 1)) * blocks;
  else
    {
      lba = wl->seq_lba;
      wl->seq_lba = (wl->seq_lba + blocks) % MAX (wl->n_blocks, 1);
    }
  if (io->op == IOP_OP_WRITE && wl->cluster_bits != NULL)
    {
      guint64 c = (lba * sim->sc->block_size) / (guint64)sim->sc->lvol_cluster_size;
      if (c < wl->n_clusters && !(wl->cluster_bits[c / 64] & (G_GUINT64_CONSTANT (1) << (c % 64))))
        {
          wl->cluster_bits[c / 64] |= G_GUINT64_CONSTANT (1) << (c % 64);
          io->first_write = TRUE;
        }
    }
  iop_io_start (sim, io, sim->now);
}

/* The guest saw IO complete: count it, and issue the next one */
static void
io_completed (Sim *sim, Io *io)
{
  Wl *wl = sim->wl;
  const IopWorkloadParams *p = &wl->result->params;
  gint64 lat = io->t_end - io->t_start;

  wl->completed++;
  wl->lat_sum_ns += lat;
  wl->win_done++;
  wl->win_lat_max = MAX (wl->win_lat_max, lat);
  if (io->failed)
    wl->result->failed++;
  if (io->late)
    wl->result->late++;
  wl->hist[hist_index ((guint64)MAX (lat, 0))]++;
  wl->result->lat_max_ns = MAX (wl->result->lat_max_ns, lat);
  if (io->op == IOP_OP_READ)
    wl->result->reads++;
  else
    wl->result->writes++;
  wl->result->elapsed_ns = sim->now;

  if (!wl->stopping &&
      ((p->ios > 0 && wl->issued >= p->ios) || (p->duration_ns > 0 && sim->now >= p->duration_ns)))
    wl->stopping = TRUE;
  if (!wl->stopping)
    wl_issue (sim, (guint)io->guest_qp);
}

/* Every holder let it go: the I/O can be reused */
static void
io_done (Sim *sim, Io *io)
{
  g_ptr_array_add (sim->io_free, io);
}

/* --- Time series ------------------------------------------------------------------ */

typedef enum
{
  SER_CENTRAL_SMALL,
  SER_CENTRAL_LARGE,
  SER_TRANSPORT_CACHE_SMALL,
  SER_TRANSPORT_CACHE_LARGE,
  SER_BDEV_IO_POOL,
  SER_BDEV_IO_CACHES,
  SER_QPAIR_SLOTS_USED,
  SER_QPAIR_QUEUED,
  SER_NVME_REQS_USED,
  SER_TARGET_REQS_USED,
  SER_GUEST_SQ_USED,
  SER_BUFFER_WAITERS,
  SER_IOPS,
  SER_LATENCY,
  SER_HELD,
  N_SER,
} SerKind;

static const struct
{
  const char *key;
  const char *label;
  const char *knob;
  gboolean    storage_only, baremetal_only;
} ser_info[N_SER] = {
  { "iobuf.small", N_("iobuf small pool: free"), "iobuf_set_options.small_pool_count", FALSE, FALSE },
  { "iobuf.large", N_("iobuf large pool: free"), "iobuf_set_options.large_pool_count", FALSE, FALSE },
  { "transport.cache.small", N_("transport caches: small buffers cached"), NULL, TRUE, FALSE },
  { "transport.cache.large", N_("transport caches: large buffers cached"), NULL, TRUE, FALSE },
  { "bdev_io.mempool", N_("bdev_io mempool: free"), "bdev_set_options.bdev_io_pool_size", FALSE, FALSE },
  { "bdev_io.caches", N_("bdev_io caches: cached"), "bdev_set_options.bdev_io_cache_size", FALSE, FALSE },
  { "qpair.slots", N_("RDMA qpair slots in use"), "nvmf_create_transport.max_queue_depth", FALSE, TRUE },
  { "qpair.queued", N_("requests queued for a qpair slot"), NULL, FALSE, TRUE },
  { "qpair.nvme_reqs", N_("nvme_requests in use"), "bdev_nvme_set_options.io_queue_requests", FALSE, FALSE },
  { "target.reqs", N_("transport requests in use"), "nvmf_create_transport.max_queue_depth", TRUE, FALSE },
  { "guest.sq", N_("guest commands in flight"), "nvmf_create_transport.max_queue_depth", FALSE, TRUE },
  { "iobuf.waiters", N_("requests waiting for a buffer"), NULL, TRUE, FALSE },
  { "io.iops", N_("guest I/Os completed per second"), NULL, FALSE, TRUE },
  { "io.latency", N_("longest latency of the I/Os completed in the interval (µs)"), NULL, FALSE, TRUE },
  { "io.held", N_("replica I/Os waiting for a path (bdev_nvme retry queue)"), "bdev_nvme_set_options.fast_io_fail_timeout_sec", FALSE, TRUE },
};

/* The request pools of a storage host's incoming qpairs: the poll groups'
 * shared receive queue pools, or each qpair's own */
static gint64
target_reqs (HostState *hs, gboolean capacity)
{
  gint64 v = 0;

  for (guint i = 0; i < hs->threads->len; i++)
    {
      Res *r = ((ThreadState *)g_ptr_array_index (hs->threads, i))->srq_reqs;
      if (r != NULL)
        v += capacity ? r->capacity : r->capacity - r->level;
    }
  for (guint q = 0; q < hs->n_tgt_qpairs; q++)
    {
      Res *r = hs->tgt_qpairs[q].reqs;
      if (r == hs->tgt_qpairs[q].st->srq_reqs)
        continue;
      v += capacity ? r->capacity : r->capacity - r->level;
    }
  return v;
}

static gint64
series_value (Sim *sim, HostState *hs, SerKind k, gboolean capacity)
{
  gint64 v = 0;

  switch (k)
    {
    case SER_CENTRAL_SMALL: return capacity ? hs->central[IOP_BUF_SMALL]->capacity : hs->central[IOP_BUF_SMALL]->level;
    case SER_CENTRAL_LARGE: return capacity ? hs->central[IOP_BUF_LARGE]->capacity : hs->central[IOP_BUF_LARGE]->level;
    case SER_BDEV_IO_POOL: return capacity ? hs->bdev_io_pool->capacity : hs->bdev_io_pool->level;
    case SER_GUEST_SQ_USED:
      for (guint q = 0; q < sim->n_guest_qp; q++)
        v += capacity ? sim->guest_sqs[q]->capacity : sim->guest_sqs[q]->capacity - sim->guest_sqs[q]->level;
      return v;
    case SER_TARGET_REQS_USED:
      return target_reqs (hs, capacity);
    case SER_IOPS:
      if (capacity)
        return 0;
      return sim->now > sim->wl->win_start ? (gint64)(sim->wl->win_done * 1e9 / (double)(sim->now - sim->wl->win_start)) : 0;
    case SER_LATENCY:
      return capacity ? 0 : sim->wl->win_lat_max / 1000;
    case SER_HELD:
      if (capacity)
        return 0;
      for (guint l = 0; l < sim->sc->raid_legs; l++)
        v += sim->held[l];
      return v;
    case SER_QPAIR_QUEUED:
    case SER_BUFFER_WAITERS:
      if (capacity)
        return 0;
      break;
    default:
      break;
    }
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);
      guint n_ctrl = hs->host == IOP_HOST_BAREMETAL ? ts->n_qpairs : 0;

      switch (k)
        {
        case SER_TRANSPORT_CACHE_SMALL:
          if (ts->transport_iobuf.module)
            v += capacity ? ts->transport_iobuf.cache[IOP_BUF_SMALL]->capacity : ts->transport_iobuf.cache[IOP_BUF_SMALL]->level;
          break;
        case SER_TRANSPORT_CACHE_LARGE:
          if (ts->transport_iobuf.module)
            v += capacity ? ts->transport_iobuf.cache[IOP_BUF_LARGE]->capacity : ts->transport_iobuf.cache[IOP_BUF_LARGE]->level;
          break;
        case SER_BDEV_IO_CACHES:
          v += capacity ? ts->bdev_io_cache->capacity : ts->bdev_io_cache->level;
          break;
        case SER_BUFFER_WAITERS:
          v += g_queue_get_length (&ts->iobuf_queue[IOP_BUF_SMALL]) + g_queue_get_length (&ts->iobuf_queue[IOP_BUF_LARGE])
               + g_queue_get_length (&ts->pending_buf);
          break;
        case SER_QPAIR_SLOTS_USED:
        case SER_QPAIR_QUEUED:
        case SER_NVME_REQS_USED:
          {
            guint nq = hs->host == IOP_HOST_BAREMETAL ? n_ctrl : ts->n_qpairs;
            for (guint c = 0; c < nq; c++)
              {
                Qpair *q = &ts->qpairs[c];
                if (k == SER_QPAIR_SLOTS_USED)
                  v += capacity ? q->wire_slots->capacity : q->wire_slots->capacity - q->wire_slots->level;
                else if (k == SER_QPAIR_QUEUED)
                  v += g_queue_get_length (&q->wire_slots->waiters) + g_queue_get_length (&q->nvme_reqs->waiters);
                else
                  v += capacity ? q->nvme_reqs->capacity : q->nvme_reqs->capacity - q->nvme_reqs->level;
              }
          }
          break;
        default:
          break;
        }
    }
  return v;
}

static guint
all_hosts (Sim *sim, HostState **hosts, guint max)
{
  guint nh = 0;

  hosts[nh++] = &sim->bm;
  for (guint i = 0; i < sim->n_st && nh < max; i++)
    hosts[nh++] = &sim->st[i];
  return nh;
}

static gboolean
series_applies (HostState *hs, SerKind k)
{
  return !((ser_info[k].storage_only && hs->host != IOP_HOST_STORAGE) ||
           (ser_info[k].baremetal_only && hs->host != IOP_HOST_BAREMETAL));
}

static void
series_init (Sim *sim)
{
  IopWorkload *r = sim->wl->result;
  HostState *hosts[1 + IOP_MAX_LEGS];
  guint nh = all_hosts (sim, hosts, G_N_ELEMENTS (hosts));

  for (guint h = 0; h < nh; h++)
    for (guint k = 0; k < N_SER; k++)
      {
        IopSeries *se;

        if (!series_applies (hosts[h], k))
          continue;
        se = g_new0 (IopSeries, 1);
        se->key = g_strdup_printf ("%s/%s", hosts[h]->tag, ser_info[k].key);
        se->label = g_strdup (_(ser_info[k].label));
        se->place = hosts[h]->place;
        se->node = hosts[h]->node;
        se->capacity = series_value (sim, hosts[h], k, TRUE);
        se->knob = ser_info[k].knob;
        se->values = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_ptr_array_add (r->series, se);
      }
}

static void
sample (Sim *sim, gpointer obj, int unused)
{
  Wl *wl = sim->wl;
  IopWorkload *r = wl->result;
  HostState *hosts[1 + IOP_MAX_LEGS];
  guint nh = all_hosts (sim, hosts, G_N_ELEMENTS (hosts));
  guint si = 0;
  const guint max = MAX (r->params.samples, 16);

  /* Too many points: keep every other one and sample half as often */
  if (r->sample_t->len >= 2 * max)
    {
      guint n = r->sample_t->len / 2;
      for (guint i = 0; i < n; i++)
        g_array_index (r->sample_t, gint64, i) = g_array_index (r->sample_t, gint64, 2 * i + 1);
      g_array_set_size (r->sample_t, n);
      for (guint s = 0; s < r->series->len; s++)
        {
          IopSeries *se = g_ptr_array_index (r->series, s);
          for (guint i = 0; i < n; i++)
            g_array_index (se->values, gint64, i) = g_array_index (se->values, gint64, 2 * i + 1);
          g_array_set_size (se->values, n);
        }
      wl->sample_ns *= 2;
    }

  g_array_append_val (r->sample_t, sim->now);
  for (guint h = 0; h < nh; h++)
    for (guint k = 0; k < N_SER; k++)
      {
        IopSeries *se;
        gint64 v;

        if (!series_applies (hosts[h], k))
          continue;
        se = g_ptr_array_index (r->series, si++);
        v = series_value (sim, hosts[h], k, FALSE);
        g_array_append_val (se->values, v);
      }
  wl->win_start = sim->now;
  wl->win_done = 0;
  wl->win_lat_max = 0;
  if (!wl->stopping || wl->completed < wl->issued)
    iop_after (sim, wl->sample_ns, NULL, sample, NULL, 0);
}

/* --- Results ----------------------------------------------------------------------- */

void
iop_workload_params_init (IopWorkloadParams *params,
                          const IopScenario *scenario)
{
  memset (params, 0, sizeof *params);
  params->queue_depth = scenario ? scenario->guest_queue_depth : 32;
  params->queue_pairs = scenario ? scenario->guest_queue_pairs : 1;
  params->io_size = scenario ? scenario->io_size : 4096;
  params->read_percent = scenario ? scenario->wl_read_percent : 0;
  params->random = scenario ? scenario->wl_random : TRUE;
  params->fresh_lvol = scenario ? scenario->wl_fresh_lvol : FALSE;
  params->ios = scenario ? scenario->wl_ios : 100000;
  params->seed = 1;
  params->samples = 240;
  if (scenario != NULL && scenario->faults->len > 0)
    {
      /* long enough to see the last fault strike, heal, and the paths come back */
      gint64 end = 0;

      for (guint i = 0; i < scenario->faults->len; i++)
        {
          const IopFault *f = &g_array_index (scenario->faults, IopFault, i);
          end = MAX (end, f->until_ns > 0 ? f->until_ns : f->at_ns + G_GINT64_CONSTANT (5000000000));
        }
      params->ios = 0;
      params->duration_ns = MIN (end + G_GINT64_CONSTANT (3000000000), G_GINT64_CONSTANT (60000000000));
    }
}

static void
fault_event_free (gpointer p)
{
  IopFaultEvent *fe = p;

  g_free (fe->title);
  g_free (fe);
}

static void
series_free (gpointer p)
{
  IopSeries *se = p;

  g_free (se->key);
  g_free (se->label);
  g_array_unref (se->values);
  g_free (se);
}

IopWorkload *
iop_workload_ref (IopWorkload *self)
{
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_workload_unref (IopWorkload *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->sample_t, g_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->iobuf_stats, g_ptr_array_unref);
  g_clear_pointer (&self->counters, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->fault_events, g_ptr_array_unref);
  g_free (self);
}

const IopSeries *
iop_workload_find_series (const IopWorkload *self,
                          const char        *key)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      IopSeries *se = g_ptr_array_index (self->series, i);
      if (g_strcmp0 (se->key, key) == 0)
        return se;
    }
  return NULL;
}

static gboolean
check_params (const IopWorkloadParams *params, GError **error)
{
  if (params->queue_depth < 1 || params->queue_depth > 65536 ||
      params->queue_pairs < 1 || params->queue_pairs > 1024 ||
      params->read_percent > 100 ||
      (params->ios == 0 && params->duration_ns <= 0) ||
      params->ios > G_GUINT64_CONSTANT (100000000) ||
      params->duration_ns > G_GINT64_CONSTANT (60000000000))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("A workload needs a queue depth of 1 to 65536, 1 to 1024 queue pairs, a read share of 0 to 100 %%, and at most 100,000,000 I/Os or 60 s of virtual time"));
      return FALSE;
    }
  return TRUE;
}

static void
finish (Sim *sim, Wl *wl, IopWorkload *r, IopTrace *trace)
{
  HostState *hosts[1 + IOP_MAX_LEGS];
  guint nh = all_hosts (sim, hosts, G_N_ELEMENTS (hosts));

  r->events = sim->events;
  r->ios = wl->completed;
  if (r->elapsed_ns > 0)
    {
      r->iops = wl->completed * 1e9 / r->elapsed_ns;
      r->mib_per_s = r->iops * r->params.io_size / (1024.0 * 1024.0);
    }
  if (wl->completed > 0)
    r->lat_mean_ns = wl->lat_sum_ns / (gint64)wl->completed;
  r->lat_p50_ns = hist_percentile (wl, 0.50);
  r->lat_p99_ns = hist_percentile (wl, 0.99);
  r->lat_p999_ns = hist_percentile (wl, 0.999);
  if (sim->stalled && sim->events > sim->max_events)
    iop_diag (sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, NULL, NULL,
              g_strdup_printf (_("The run was stopped after %" PRIu64 " events with %" PRIu64 " of %" PRIu64 " I/Os completed: it made no progress worth the work (more than %d events per I/O). Look for the pool or queue the I/Os wait on."),
                               sim->events, wl->completed, wl->issued, EVENTS_PER_IO_BOUND));
  else if (wl->completed < wl->issued && sim->faults_on)
    iop_diag (sim, IOP_DIAG_NOTICE, IOP_HOST_BAREMETAL, FALSE, NULL, "bdev_nvme_set_options.fast_io_fail_timeout_sec",
              g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " I/Os had not completed when the run ended: they still waited for a path (the fault outlasted the run)."),
                               wl->issued - wl->completed, wl->issued));
  else if (wl->completed < wl->issued)
    iop_diag (sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, NULL, NULL,
              g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " I/Os never completed: they wait for resources that no one frees (a circular wait, or a pool smaller than one request needs)."),
                               wl->issued - wl->completed, wl->issued));

  for (guint h = 0; h < nh; h++)
    iop_iobuf_collect_stats (sim, hosts[h], trace->iobuf_stats);
  for (guint h = 0; h < nh; h++)
    {
      IopHostCounters *c = g_new (IopHostCounters, 1);
      *c = hosts[h]->ctr;
      c->place = hosts[h]->place;
      c->node = hosts[h]->node;
      c->qpair_slots = sim->io_queue_size - 1;
      c->target_reqs = hosts[h]->host == IOP_HOST_STORAGE && sim->srq
                       ? iop_knob (sim, hosts[h]->host, "nvmf_create_transport.max_srq_depth")
                       : iop_knob (sim, hosts[h]->host, "nvmf_create_transport.max_queue_depth");
      g_ptr_array_add (r->counters, c);
    }
  r->iobuf_stats = g_ptr_array_ref (trace->iobuf_stats);
  r->diagnostics = g_ptr_array_ref (trace->diagnostics);
}

IopWorkload *
iop_workload_run (IopScenario              *scenario,
                  const IopWorkloadParams  *params,
                  GError                  **error)
{
  g_autoptr(IopTrace) trace = NULL;
  g_autoptr(IopWorkload) r = NULL;
  Sim sim = { 0 };
  Wl wl = { 0 };
  gint64 max_qps, inflight;

  g_return_val_if_fail (scenario != NULL && params != NULL, NULL);

  if (!check_params (params, error))
    return NULL;
  {
    g_autoptr(IopScenario) check = iop_scenario_copy (scenario);
    check->io_size = params->io_size;
    if (!iop_scenario_validate (check, error))
      return NULL;
  }
  /* max_io_qpairs_per_ctrlr on the guest-facing transport caps the guest */
  max_qps = iop_scenario_get_knob (scenario, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_io_qpairs_per_ctrlr");
  inflight = MIN ((gint64)params->queue_pairs, max_qps) *
             MIN ((gint64)params->queue_depth, iop_scenario_get_knob (scenario, IOP_HOST_BAREMETAL, "nvmf_create_transport.max_queue_depth") - 1);
  if (inflight > MAX_INFLIGHT)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("This workload would keep %" PRId64 " I/Os in flight (queue pairs × the depth each may reach); the model runs at most %" PRId64 ". Lower --qd or --qpairs."),
                   inflight, MAX_INFLIGHT);
      return NULL;
    }

  r = g_new0 (IopWorkload, 1);
  g_ref_count_init (&r->ref_count);
  r->scenario = iop_scenario_copy (scenario);
  r->scenario->io_size = params->io_size;
  r->params = *params;
  if (r->params.samples == 0)
    r->params.samples = 240;
  r->sample_t = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->series = g_ptr_array_new_with_free_func (series_free);
  r->counters = g_ptr_array_new_with_free_func (g_free);
  r->queue_pairs = (guint)MIN ((gint64)params->queue_pairs, max_qps);

  trace = iop_trace_new (iop_scenario_copy (r->scenario));
  sim.wl = &wl;
  sim.io_free = g_ptr_array_new ();
  sim.fault_events = r->fault_events = g_ptr_array_new_with_free_func (fault_event_free);
  sim.io_completed = io_completed;
  sim.io_done = io_done;
  wl.result = r;
  wl.rng = params->seed ? params->seed : 1;
  wl.hist = g_new0 (guint64, HIST_BUCKETS);
  if (!iop_startup (&sim, trace, r->queue_pairs, error))
    {
      iop_startup_clear (&sim);
      g_free (wl.hist);
      return NULL;
    }
  if ((gint64)params->queue_pairs > max_qps)
    iop_diag (&sim, IOP_DIAG_NOTICE, IOP_HOST_BAREMETAL, FALSE, NULL, "nvmf_create_transport.max_io_qpairs_per_ctrlr",
              g_strdup_printf (_("The guest asked for %u I/O queue pairs; the VFIO-user controller allows %" PRId64 " (max_io_qpairs_per_ctrlr), so %u carry the load."),
                               params->queue_pairs, max_qps, r->queue_pairs));

  /* The thin lvol: 64 GiB of clusters, all allocated unless the run starts fresh */
  wl.n_blocks = (G_GUINT64_CONSTANT (64) << 30) / sim.sc->block_size;
  if (sim.sc->lvol_thin && params->fresh_lvol)
    {
      wl.n_clusters = (G_GUINT64_CONSTANT (64) << 30) / (guint64)sim.sc->lvol_cluster_size;
      wl.cluster_bits = g_new0 (guint64, (wl.n_clusters + 63) / 64);
    }

  if (params->duration_ns > 0)
    {
      sim.ctl_stop_ns = params->duration_ns;
      sim.horizon_ns = MAX (sim.horizon_ns, params->duration_ns + G_GINT64_CONSTANT (10000000000));
    }
  sim.max_events = MIN (G_GUINT64_CONSTANT (4000000000),
                        (params->ios > 0 ? params->ios : (guint64)inflight * 1000) * EVENTS_PER_IO_BOUND + 10000000);
  series_init (&sim);
  wl.sample_ns = 10000;
  iop_at (&sim, 0, NULL, sample, NULL, 0);
  for (guint d = 0; d < params->queue_depth; d++)
    for (guint q = 0; q < r->queue_pairs; q++)
      if (params->ios == 0 || wl.issued < params->ios)
        {
          if (d >= (guint)sim.guest_qd)
            break;   /* the guest issues no more than its queue holds */
          wl_issue (&sim, q);
        }

  iop_kernel_run (&sim);
  finish (&sim, &wl, r, trace);

  iop_startup_clear (&sim);
  g_free (wl.hist);
  g_free (wl.cluster_bits);
  return g_steal_pointer (&r);
}
