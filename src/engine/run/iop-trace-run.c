/* iop-trace-run.c: tracing one I/O (iop_trace_run)
 *
 * Start-up, the I/Os already in flight on the same queue pair, the traced
 * one, and the event kernel until nothing is left to run. The trace follows
 * the pools and queues the traced I/O can touch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-io.h"
#include "iop-iobuf.h"
#include "iop-kernel.h"
#include "iop-recorder.h"
#include "iop-sim.h"
#include "iop-startup.h"
#include "iop-trace-private.h"

#define MAX_EVENTS 20000000

static void
follow_thread (Sim *sim, HostState *hs, ThreadState *ts, gboolean bm_side)
{
  g_autofree char *k1 = g_strdup_printf ("%s/%s/bdev_io.cache", hs->tag, ts->t->name);
  IopPlace pl = hs->place;

  iop_follow (sim, ts->bdev_io_cache, pl, hs->node, k1, _("bdev_io cache"), ts->t->name, IOP_GAUGE_CACHE, "bdev_set_options.bdev_io_cache_size");
  if (!bm_side || sim->front_tcp)
    for (guint c = 0; c < 2; c++)
      if (ts->transport_iobuf.cache[c]->capacity > 0)
        {
          g_autofree char *k = g_strdup_printf ("%s/%s/%s.%s", hs->tag, ts->t->name, ts->transport_iobuf.module, c == IOP_BUF_SMALL ? "small" : "large");
          g_autofree char *label = g_strdup_printf (c == IOP_BUF_SMALL ? _("%s small cache") : _("%s large cache"), ts->transport_iobuf.module);
          iop_follow (sim, ts->transport_iobuf.cache[c], pl, hs->node, k, label, ts->t->name, IOP_GAUGE_CACHE,
                      sim->sc->version == IOP_SPDK_V26_01 ? "nvmf_create_transport.buf_cache_size"
                      : c == IOP_BUF_SMALL ? "nvmf_create_transport.iobuf_small_cache_size" : "nvmf_create_transport.iobuf_large_cache_size");
        }
}

/* The pools one path of a leg takes from: the baremetal qpair's requests,
 * the target connection's requests, the storage thread's pools. Keys name
 * what owns the pool: a thread, a controller (and path), a connection. */
static void
follow_path (Sim *sim, Io *io, Leg *leg, const Piece *p, guint path)
{
  HostState *hs = &sim->st[leg->node];
  ThreadState *ts = p->st;
  char replica = 'A' + leg->idx;
  g_autofree char *ctl = path == 0 ? g_strdup_printf ("ctrlr%d", leg->idx) : g_strdup_printf ("ctrlr%d/path%u", leg->idx, path);
  g_autofree char *conn = path == 0 ? g_strdup_printf ("tqpair%d", leg->idx) : g_strdup_printf ("tqpair%d.%u", leg->idx, path);
  g_autofree char *k1 = g_strdup_printf ("baremetal/%s/%s/nvme_reqs", io->bt->t->name, ctl);
  g_autofree char *k2 = g_strdup_printf ("baremetal/%s/%s/%s", io->bt->t->name, ctl, sim->fabric_tcp ? "tcp_reqs" : "rdma_reqs");
  g_autofree char *lb1 = path == 0 ? g_strdup_printf (_("nvme_requests → %c"), replica) : g_strdup_printf (_("nvme_requests → %c path %u"), replica, path);
  g_autofree char *lb2 = path == 0 ? g_strdup_printf (sim->fabric_tcp ? _("TCP requests → %c") : _("RDMA requests → %c"), replica)
                                   : g_strdup_printf (sim->fabric_tcp ? _("TCP requests → %c path %u") : _("RDMA requests → %c path %u"), replica, path);
  /* the SRQ pool belongs to the poller; tcp_reqs and a qpair's own RDMA
   * requests (no_srq) to the connection */
  g_autofree char *k3 = sim->fabric_tcp ? g_strdup_printf ("%s/%s/%s/tcp_reqs", hs->tag, ts->t->name, conn)
                        : sim->srq ? g_strdup_printf ("%s/%s/target_reqs", hs->tag, ts->t->name)
                        : g_strdup_printf ("%s/%s/%s/target_reqs", hs->tag, ts->t->name, conn);
  g_autofree char *k4 = g_strdup_printf ("%s/%s/blob_reqs", hs->tag, ts->t->name);
  g_autofree char *k5 = g_strdup_printf ("%s/%s/pcie.nvme_reqs", hs->tag, ts->t->name);
  g_autofree char *k6 = g_strdup_printf ("%s/%s/pcie.trackers", hs->tag, ts->t->name);

  iop_follow (sim, p->bq->nvme_reqs, IOP_PLACE_BAREMETAL, -1, k1, lb1, io->bt->t->name, IOP_GAUGE_SLOTS, "bdev_nvme_set_options.io_queue_requests");
  iop_follow (sim, p->bq->wire_slots, IOP_PLACE_BAREMETAL, -1, k2, lb2, io->bt->t->name, IOP_GAUGE_SLOTS, "nvmf_create_transport.max_queue_depth");
  follow_thread (sim, hs, ts, FALSE);
  iop_follow (sim, p->tq->reqs, hs->place, hs->node, k3,
              sim->fabric_tcp ? _("TCP target requests") : sim->srq ? _("RDMA requests (SRQ pool)") : _("RDMA target requests"),
              ts->t->name, IOP_GAUGE_SLOTS,
              sim->srq ? "nvmf_create_transport.max_srq_depth" : "nvmf_create_transport.max_queue_depth");
  iop_follow (sim, ts->blob_reqs, hs->place, hs->node, k4, _("blob request sets"), ts->t->name, IOP_GAUGE_SLOTS, NULL);
  if (sim->malloc_backend)
    {
      g_autofree char *k7 = g_strdup_printf ("%s/%s/accel.tasks", hs->tag, ts->t->name);
      g_autofree char *k8 = g_strdup_printf ("%s/%s/accel.sequences", hs->tag, ts->t->name);

      iop_follow (sim, ts->accel_tasks, hs->place, hs->node, k7, _("accel tasks"), ts->t->name, IOP_GAUGE_SLOTS, NULL);
      iop_follow (sim, ts->accel_seqs, hs->place, hs->node, k8, _("accel sequences"), ts->t->name, IOP_GAUGE_SLOTS, NULL);
    }
  else
    {
      iop_follow (sim, p->sq->nvme_reqs, hs->place, hs->node, k5, _("PCIe nvme_requests"), ts->t->name, IOP_GAUGE_SLOTS, "bdev_nvme_set_options.io_queue_requests");
      iop_follow (sim, p->sq->wire_slots, hs->place, hs->node, k6, _("PCIe trackers"), ts->t->name, IOP_GAUGE_SLOTS, NULL);
    }
}

static void
follow_leg (Sim *sim, Io *io, Leg *leg)
{
  Piece *p = iop_piece (io, leg->idx, 0);   /* every part takes the same qpairs */

  follow_path (sim, io, leg, p, 0);
  /* with a fault a retry may take another path: its qpairs too */
  if (sim->sc->faults->len > 0)
    for (guint path = 1; path < sim->sc->paths_per_leg; path++)
      {
        Piece other = *p;

        other.path = (int)path;
        iop_startup_connect (sim, &other);
        follow_path (sim, io, leg, &other, path);
      }
}

static void
follow_gauges (Sim *sim, Io *io)
{
  HostState *hosts[1 + IOP_MAX_LEGS];
  guint nh = 0;

  hosts[nh++] = &sim->bm;
  for (guint i = 0; i < sim->n_st && nh < G_N_ELEMENTS (hosts); i++)
    hosts[nh++] = &sim->st[i];
  for (guint i = 0; i < nh; i++)
    {
      HostState *hs = hosts[i];
      g_autofree char *ks = g_strdup_printf ("%s/iobuf.small", hs->tag);
      g_autofree char *kl = g_strdup_printf ("%s/iobuf.large", hs->tag);
      g_autofree char *kp = g_strdup_printf ("%s/bdev_io.mempool", hs->tag);

      iop_follow (sim, hs->central[IOP_BUF_SMALL], hs->place, hs->node, ks, _("iobuf small pool"), NULL, IOP_GAUGE_CENTRAL, "iobuf_set_options.small_pool_count");
      iop_follow (sim, hs->central[IOP_BUF_LARGE], hs->place, hs->node, kl, _("iobuf large pool"), NULL, IOP_GAUGE_CENTRAL, "iobuf_set_options.large_pool_count");
      iop_follow (sim, hs->bdev_io_pool, hs->place, hs->node, kp, _("bdev_io mempool"), NULL, IOP_GAUGE_MEMPOOL, "bdev_set_options.bdev_io_pool_size");
      if (hs->host == IOP_HOST_STORAGE && !sim->fabric_tcp && hs->data_wr_pool != NULL)
        {
          /* the RDMA transport's extra work requests (multi-SGL), one mempool per transport */
          g_autofree char *kw = g_strdup_printf ("%s/data_wr_pool", hs->tag);
          iop_follow (sim, hs->data_wr_pool, hs->place, hs->node, kw, _("RDMA data work requests"), NULL, IOP_GAUGE_MEMPOOL, "nvmf_create_transport.data_wr_pool_size");
        }
    }
  {
    g_autofree char *kq = g_strdup_printf (sim->front_tcp ? "baremetal/guest_qp%d/tcp_reqs" : "baremetal/guest_qp%d/vfu_reqs", io->guest_qp);
    iop_follow (sim, sim->guest_sqs[io->guest_qp], IOP_PLACE_BAREMETAL, -1, kq,
                sim->front_tcp ? _("TCP requests (guest queue pair)") : _("VFIO-user SQ requests"),
                io->bt->t->name, IOP_GAUGE_SLOTS, "nvmf_create_transport.max_queue_depth");
  }
  follow_thread (sim, &sim->bm, io->bt, TRUE);
  for (guint l = 0; l < io->n_legs; l++)
    follow_leg (sim, io, &io->legs[l]);
}

IopTrace *
iop_trace_run (IopScenario *scenario,
               GError     **error)
{
  g_autoptr(IopTrace) trace = NULL;
  Sim sim = { 0 };

  g_return_val_if_fail (scenario != NULL, NULL);

  if (!iop_scenario_validate (scenario, error))
    return NULL;

  trace = iop_trace_new (iop_scenario_copy (scenario));
  if (!iop_startup (&sim, trace, 1, error))
    {
      iop_startup_clear (&sim);
      return NULL;
    }
  sim.max_events = MAX_EVENTS;

  /* The traced I/O and the ones already in flight before it, on its queue pair */
  trace->start_ns = iop_scenario_trace_start (sim.sc);
  sim.now = 0;
  for (guint i = 0; i < sim.sc->background_inflight; i++)
    iop_io_start (&sim, iop_io_new (&sim, i + 1, FALSE, 0), trace->start_ns);
  sim.traced = iop_io_new (&sim, 0, TRUE, 0);
  follow_gauges (&sim, sim.traced);
  iop_recorder_start (&sim);
  iop_io_start (&sim, sim.traced, trace->start_ns);

  iop_kernel_run (&sim);
  trace->events = (guint)MIN (sim.events, G_MAXUINT);
  trace->end_ns = sim.traced->t_end;
  for (guint i = 0; i < trace->steps->len; i++)
    {
      IopStep *s = g_ptr_array_index (trace->steps, i);
      trace->end_ns = MAX (trace->end_ns, s->t_ns + s->dur_ns);
    }
  if (sim.traced->t_end == 0)
    {
      trace->end_ns = MAX (trace->end_ns, sim.now);
      iop_diag (&sim, IOP_DIAG_ERROR, IOP_HOST_BAREMETAL, FALSE, NULL, NULL,
                sim.stalled
                ? g_strdup_printf (_("The traced I/O did not complete within %d s of virtual time: a pool or queue is too small for even one request to make progress (see the last waiting step)."), (int)(sim.horizon_ns / IOP_NS_PER_S))
                : g_strdup (_("The traced I/O never completed: it waits for a resource no one frees (see the last waiting step).")));
    }
  iop_iobuf_collect_stats (&sim, &sim.bm, trace->iobuf_stats);
  for (guint i = 0; i < sim.n_st; i++)
    iop_iobuf_collect_stats (&sim, &sim.st[i], trace->iobuf_stats);
  iop_recorder_finish (&sim);
  iop_trace_finish (trace);

  iop_startup_clear (&sim);
  return g_steal_pointer (&trace);
}
