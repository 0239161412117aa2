/* iop-nvmf-rdma.c: lib/nvmf/rdma.c, the NVMf RDMA target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-fabric.h"
#include "iop-iobuf.h"
#include "iop-kernel.h"
#include "iop-nvmf-rdma.h"
#include "iop-nvmf.h"
#include "iop-pool.h"
#include "iop-recorder.h"

#define MAX_SGE 16           /* SPDK_NVMF_MAX_SGL_ENTRIES: SGEs one work request carries */
#define PENDING_HEAD 3       /* parse () resumed at the head of pending_buf_queue */

/* --- Transport buffers (shared with nvmf_tcp) ----------------------------------- */

static void
init_bufreq (Sim *sim, TgtCmd *cmd)
{
  BufReq *br = &cmd->buf;
  IopHostId h = cmd->hs->host;
  gint64 size = cmd->size;

  if (sim->sc->version == IOP_SPDK_V26_01)
    {
      /* one buffer per io_unit_size, the class by the unit */
      br->unit = sim->io_unit_size[h];
      br->needed = (guint)((size + br->unit - 1) / br->unit);
      br->cls = MIN (br->unit, size) <= sim->small_bufsize[h] ? IOP_BUF_SMALL : IOP_BUF_LARGE;
    }
  else
    {
      /* v26.05: the class follows the length */
      br->cls = size > sim->small_bufsize[h] ? IOP_BUF_LARGE : IOP_BUF_SMALL;
      br->unit = br->cls == IOP_BUF_SMALL ? sim->small_bufsize[h] : sim->large_bufsize[h];
      br->needed = (guint)((size + br->unit - 1) / br->unit);
    }
}

/* v26.01 RDMA keeps a request that found no buffer on the poll group's
 * pending_buf_queue and tries again on every pass; a pass that finds the
 * same buffers gone changes nothing, so the model runs the pass only when a
 * buffer went back on that host. The first request that still cannot get
 * its buffers ends the pass (head of line, as nvmf_rdma_qpair_process_pending). */
static void
pending_pass (Sim *sim, gpointer obj, int unused)
{
  ThreadState *ts = obj;

  ts->pending_poll = FALSE;
  while (!g_queue_is_empty (&ts->pending_buf))
    {
      Waiter *w = g_queue_pop_head (&ts->pending_buf);
      gpointer who = w->obj;

      if (g_queue_is_empty (&ts->pending_buf))
        ts->host->n_pending_threads--;
      iop_waiter_resume (sim, w);
      if (!g_queue_is_empty (&ts->pending_buf) && ((Waiter *)g_queue_peek_head (&ts->pending_buf))->obj == who)
        break;
    }
}

static void
buffers_freed (Sim *sim, HostState *hs)
{
  for (guint i = 0; i < hs->threads->len; i++)
    {
      ThreadState *ts = g_ptr_array_index (hs->threads, i);

      if (!g_queue_is_empty (&ts->pending_buf) && !ts->pending_poll)
        {
          ts->pending_poll = TRUE;
          iop_after (sim, sim->m->poll_loop_ns / 2, ts, pending_pass, ts, 0);
        }
    }
}

static void
pend (Sim *sim, TgtCmd *cmd, IopResumeFn resume, gboolean head)
{
  ThreadState *ts = cmd->st;

  if (g_queue_is_empty (&ts->pending_buf))
    ts->host->n_pending_threads++;
  sim->buffers_freed = buffers_freed;
  /* resumed with PENDING_HEAD: the pass took it from the queue's head */
  if (head)
    {
      Waiter *w = g_new (Waiter, 1);
      w->fn = resume;
      w->obj = cmd;
      w->arg = PENDING_HEAD;
      g_queue_push_head (&ts->pending_buf, w);
    }
  else
    iop_queue_wait (&ts->pending_buf, resume, cmd, PENDING_HEAD);
}

gboolean
iop_nvmf_take_buffers (Sim        *sim,
                       TgtCmd     *cmd,
                       gboolean    granted,
                       IopResumeFn resume,
                       IopStage    got_stage,
                       IopStage    wait_stage)
{
  const IopModel *m = sim->m;
  HostState *hs = cmd->hs;
  const IopHostId H = hs->host;
  IobufChan *tch = &cmd->st->transport_iobuf;
  BufReq *br = &cmd->buf;
  const gboolean tcp = got_stage == IOP_STAGE_NVMF_TCP_GET_BUFFERS;
  const gboolean polls = sim->rdma_polls_for_buffers && !tcp;
  guint from_cache = 0, from_main = 0, handed = 0;
  gint64 batch_total = 0, before;
  const char *cls;
  char sz[32], sz2[32];
  IopStep *s;

  if (br->needed == 0 && br->got == 0 && !granted)
    init_bufreq (sim, cmd);
  cls = iop_iobuf_class_name (br->cls);
  before = tch->cache[br->cls]->level;
  if (granted)
    {
      br->got++;
      handed++;
    }
  if (br->needed > (guint)MIN (hs->central[br->cls]->capacity, G_MAXUINT))
    {
      /* more buffers than the host has: no amount of waiting helps */
      s = REC (cmd->io, cmd->leg, wait_stage, cmd->st, 0,
               _("No transport buffer can ever be enough"),
               g_strdup_printf (_("This request needs %u %s buffers at once and the host has %" PRId64 " in all: it waits for ever. Raise the pool, or use larger buffers for large I/O."),
                                br->needed, cls, hs->central[br->cls]->capacity));
      iop_diag (sim, IOP_DIAG_ERROR, H, FALSE, tcp ? "lib/nvmf/tcp.c" : "lib/nvmf/rdma.c",
                br->cls == IOP_BUF_SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
                g_strdup_printf (_("A %s request needs %u %s buffers at once but the %s has only %" PRId64 ": it can never get them and never completes."),
                                 iop_size_str (cmd->size, sz, sizeof sz), br->needed, cls, iop_host_name (H), hs->central[br->cls]->capacity));
      return FALSE;
    }
  while (br->got < br->needed)
    {
      gint64 batch = 0;
      IopIobufResult r = iop_iobuf_get (tch, br->cls, &batch);

      if (r == IOP_IOBUF_RETRY && polls)
        {
          guint got = br->got;

          tch->stats_retry[br->cls]--;   /* no wait entry: iobuf does not count it */
          br->got = 0;
          for (guint i = 0; i < got; i++)
            iop_iobuf_put (sim, tch, br->cls);
          if (!br->polling)
            {
              hs->ctr.buffer_waits++;
              s = REC (cmd->io, cmd->leg, wait_stage, cmd->st, 0,
                       _("No transport buffer: retried every poll"),
                       g_strdup_printf (_("The %s cache and the central %s ring ran out after %u of %u buffers. At v26.01 the RDMA transport gives back what it took and keeps the request on the poll group's pending_buf_queue, trying again on every pass: iobuf_get_stats shows no retry for it, nvmf_get_stats shows pending_data_buffer."),
                                        tch->module, cls, got, br->needed));
              KNOB (s, H, "nvmf_create_transport.num_shared_buffers", g_strdup (_("sizes the poll-group caches")));
            }
          pend (sim, cmd, resume, br->polling);
          br->polling = TRUE;
          return FALSE;
        }
      if (r == IOP_IOBUF_RETRY)
        {
          hs->ctr.buffer_waits++;
          s = REC (cmd->io, cmd->leg, wait_stage, cmd->st, 0,
                   _("No transport buffer: wait"),
                   g_strdup_printf (_("The %s cache and the central %s ring are empty after %u of %u buffers: the request waits on the thread's iobuf queue (counted as retry) and gets the next buffer any module of this thread puts back. SPDK logs this only at DEBUG level."),
                                    tch->module, cls, br->got, br->needed));
          KNOB (s, H, br->cls == IOP_BUF_SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
                g_strdup (_("the central ring is empty")));
          iop_queue_wait (tch->queue[br->cls], resume, cmd, TRUE);
          return FALSE;
        }
      if (r == IOP_IOBUF_FROM_CACHE)
        from_cache++;
      else
        {
          from_main++;
          batch_total += batch;
        }
      br->got++;
    }
  if (cmd->io->traced)
    {
      g_autofree char *formula = NULL;
      g_autofree char *label = g_strdup_printf (br->cls == IOP_BUF_SMALL ? _("iobuf small buffer(s) (%s)") : _("iobuf large buffer(s) (%s)"), tch->module);
      GString *src = g_string_new (NULL);

      iop_transport_cache_sizes (sim->sc, H, sim->topo->hosts[H].n_poll_groups, &(gint64){0}, &(gint64){0}, &formula);
      if (from_cache > 0)
        g_string_append_printf (src, _("%u from %s's %s cache (%" PRId64 " → %" PRId64 ")"),
                                from_cache, cmd->st->t->name, tch->module, before, tch->cache[br->cls]->level);
      if (from_main > 0)
        g_string_append_printf (src, _("%s%u from the central ring: the cache was empty, %u batch(es) of up to %d came back (%" PRId64 " buffers, counted as main)"),
                                src->len ? _("; ") : "", from_main, from_main, IOP_IOBUF_BATCH_SIZE, batch_total);
      if (handed > 0)
        g_string_append_printf (src, _("%s%u handed over by an iobuf put on this thread"), src->len ? _("; ") : "", handed);
      s = iop_rec (sim, cmd->io, cmd->leg, got_stage, cmd->st, m->cpu_bdev_io_ns * br->needed,
                   _("Transport takes iobuf buffers"),
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u × %s %s buffer for %s of payload (%s): %s.",
                                                 "%u × %s %s buffers for %s of payload (%s): %s.", br->needed),
                                    br->needed,
                                    /* the buffer is the class's size, not io_unit_size */
                                    iop_size_str (br->cls == IOP_BUF_SMALL ? sim->small_bufsize[H] : sim->large_bufsize[H], sz, sizeof sz), cls,
                                    iop_size_str (cmd->size, sz2, sizeof sz2),
                                    sim->sc->version == IOP_SPDK_V26_01 ? _("v26.01: one buffer per io_unit_size") : _("v26.05: the buffer class follows the I/O length"),
                                    src->str));
      g_string_free (src, TRUE);
      br->obj = iop_obj_alloc (sim, s, cmd->leg, "iobuf buffer", label, tch->cache[br->cls], before, _("poll-group cache"),
                               br->needed, cmd->size, hs);
      if (sim->sc->version == IOP_SPDK_V26_01)
        {
          KNOB (s, H, "nvmf_create_transport.io_unit_size",
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " bytes per buffer → %u buffer", "%" PRId64 " bytes per buffer → %u buffers", br->needed),
                                 sim->io_unit_size[H], br->needed));
          KNOB (s, H, "nvmf_create_transport.buf_cache_size", g_strdup (formula));
          KNOB (s, H, "nvmf_create_transport.num_shared_buffers", g_strdup (_("sizes the automatic cache")));
        }
      else
        KNOB (s, H, br->cls == IOP_BUF_SMALL ? "nvmf_create_transport.iobuf_small_cache_size" : "nvmf_create_transport.iobuf_large_cache_size",
              g_strdup (formula));
      KNOB (s, H, "iobuf_set_options.small_bufsize",
            g_strdup_printf (_("%" PRId64 " bytes: requests up to this use the small pool"), sim->small_bufsize[H]));
      KNOB (s, H, br->cls == IOP_BUF_SMALL ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count",
            g_strdup (_("the central ring behind the caches")));
    }
  else
    iop_cpu (sim, m->cpu_bdev_io_ns * br->needed);
  return TRUE;
}

void
iop_nvmf_put_buffers (Sim *sim, TgtCmd *cmd)
{
  for (guint i = 0; i < cmd->buf.got; i++)
    iop_iobuf_put (sim, &cmd->st->transport_iobuf, cmd->buf.cls);
  cmd->buf.got = cmd->buf.needed = 0;
}

/* --- Receive ------------------------------------------------------------------------ */

static void parse (Sim *sim, gpointer obj, int granted);

static void
recv_granted (Sim *sim, gpointer io, int arg)
{
  iop_nvmf_rdma_recv (sim, io, arg | (1 << 30));
}

/* the receive waits in the SRQ (or the qpair's queue) until a request is
 * freed; the poller picks it up on its next pass */
static void
recv_wait (Sim *sim, gpointer io, int arg)
{
  Io *i = io;
  iop_after (sim, sim->m->poll_loop_ns / 2, i->pieces[arg & 0xff].st, recv_granted, io, arg);
}

void
iop_nvmf_rdma_recv (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;
  gboolean granted = (arg & (1 << 30)) != 0;
  Piece *p = &io->pieces[arg & 0xff];
  int L = p->leg;
  guint gen = ((guint)arg >> 8) & 0x3fffff;
  HostState *hs = &sim->st[io->legs[L].node];
  ThreadState *st = p->st;
  Res *reqs = p->tq->reqs;
  TgtCmd *cmd;
  IopStep *s;

  if (!iop_res_take_or_wait (reqs, granted, recv_wait, io, arg & ~(1 << 30)))
    {
      s = REC (io, L, IOP_STAGE_NVMF_RDMA_WAIT_REQ, st, 0,
               _("No free RDMA request: the command waits"),
               g_strdup_printf (sim->srq
                                ? _("All %" PRId64 " requests of the poll group's shared receive queue pool are in use: the command stays in its receive buffer until one is freed.")
                                : _("All %" PRId64 " requests of this qpair are in use: the command stays in its receive buffer until one is freed."),
                                reqs->capacity));
      return;
    }
  cmd = iop_nvmf_req_new (sim, io, p, hs, st);
  cmd->gen = gen;
  hs->ctr.target_reqs_max = MAX (hs->ctr.target_reqs_max, reqs->capacity - reqs->level);
  s = REC (io, L, IOP_STAGE_NVMF_RDMA_RECV, st, sim->m->cpu_step_ns,
           _("RDMA target receives the command"),
           g_strdup_printf (sim->srq
                            ? _("%s's poller reaps the RECV completion from the poll group's shared receive queue and takes an nvmf_rdma_request of the SRQ's pool (%" PRId64 " of %" PRId64 " left), which nvmf_rdma_request_process drives from here.")
                            : _("%s's poller reaps the RECV completion of this qpair and takes one of its nvmf_rdma_requests (%" PRId64 " of %" PRId64 " left), which nvmf_rdma_request_process drives from here."),
                            st->t->name, reqs->level, reqs->capacity));
  cmd->o_tgt_req = OBJ (s, L, "nvmf_rdma_request", _("RDMA target request"), reqs, reqs->level + 1,
                        sim->srq ? _("poll group's SRQ pool") : _("qpair request array"), 1, 0, hs);
  if (sim->srq)
    KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.max_srq_depth",
          g_strdup_printf (_("%" PRId64 " requests and receive buffers shared by the poll group's qpairs"), reqs->capacity));
  else
    KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.max_queue_depth",
          g_strdup_printf (_("%" PRId64 " requests per qpair (no_srq)"), reqs->capacity));
  KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.no_srq",
        g_strdup (sim->srq ? _("false: one shared receive queue per poll group") : _("true: every qpair has its own receive queue and requests")));
  parse (sim, cmd, FALSE);
}

static void
wrs_granted (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  /* the first of them was handed over: take the rest now */
  cmd->hs->data_wr_pool->level++;
  iop_after (sim, sim->m->poll_loop_ns / 2, cmd->st, parse, cmd, 2);
}

/* A request with several keyed descriptors needs a work request each: its
 * own, and the others from the transport's data_wr_pool (at v26.01 in
 * nvmf_rdma_request_fill_iovs_multi_sgl, at v26.05 in the NEED_DATA_WR
 * state); they go back when the request is freed */
static gboolean
data_wrs (Sim *sim, TgtCmd *cmd)
{
  Res *pool = cmd->hs->data_wr_pool;
  guint n = cmd->descriptors - 1;
  gint64 before = pool->level;
  IopStep *s;

  if (pool->level < n || pool->waiters.length > 0)
    {
      REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_RDMA_DATA_WRS, cmd->st, 0,
           _("No data work requests: wait"),
           g_strdup_printf (_("The request needs %u work requests from data_wr_pool and %" PRId64 " are left: it waits until released requests give theirs back."),
                            n, pool->level));
      iop_res_wait (pool, wrs_granted, cmd, 0);
      return FALSE;
    }
  pool->level -= n;
  cmd->extra_wrs = n;
  s = REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_RDMA_DATA_WRS, cmd->st, sim->m->cpu_bdev_io_ns,
           _("Work requests for each descriptor"),
           g_strdup_printf (sim->sc->version == IOP_SPDK_V26_01
                            ? _("The command carries %u keyed SGL descriptors, so the data moves in %u RDMA work requests: the one built into the request, and %u more that nvmf_request_alloc_wrs takes from the transport's data_wr_pool (%" PRId64 " left).")
                            : _("The command carries %u keyed SGL descriptors, so the data moves in %u RDMA work requests: the one built into the request, and %u more taken from the transport's data_wr_pool in the NEED_DATA_WR state (%" PRId64 " left)."),
                            cmd->descriptors, cmd->descriptors, n, pool->level));
  cmd->o_data_wrs = OBJ (s, cmd->leg, "rdma_data_wr", _("RDMA work requests (extra)"), pool, before,
                         _("data WR pool"), n, 0, cmd->hs);
  KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.data_wr_pool_size",
        g_strdup_printf (_("%" PRId64 " work requests shared by the transport's requests"), pool->capacity));
  return TRUE;
}

static gboolean
wrs_there (TgtCmd *cmd)
{
  Res *pool = cmd->hs->data_wr_pool;

  return pool->level >= (gint64)cmd->descriptors - 1 && pool->waiters.length == 0;
}

/* Would the poll group's cache and the central ring give every buffer now? */
static gboolean
buffers_there (Sim *sim, TgtCmd *cmd)
{
  BufReq *br = &cmd->buf;
  IobufChan *tch = &cmd->st->transport_iobuf;

  if (br->needed == 0 && br->got == 0)
    init_bufreq (sim, cmd);
  return tch->cache[br->cls]->level + cmd->hs->central[br->cls]->level >= (gint64)(br->needed - br->got);
}

/* nvmf_rdma_request_parse_sgl: in-capsule data, or a keyed SGL and buffers.
 * GRANTED: 1 a buffer was handed over, 2 the data WRs were */
static void
parse (Sim *sim, gpointer obj, int granted)
{
  TgtCmd *cmd = obj;
  char sz[32];
  IopStep *s;

  if (cmd->in_capsule)
    {
      s = REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_RDMA_IN_CAPSULE, cmd->st, sim->m->cpu_step_ns,
               _("In-capsule data: no transport buffer"),
               g_strdup_printf (_("In the request's first state nvmf_rdma_request_process finds an unkeyed data block with the offset subtype: the %s payload arrived inside the capsule's own receive buffer. nvmf_rdma_request_parse_icd points the request's iovec at it, so the request takes no iobuf buffer, needs no RDMA READ and is ready to execute at once."),
                                iop_size_str (cmd->size, sz, sizeof sz)));
      KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.in_capsule_data_size", g_strdup_printf (_("%" PRId64 " bytes: this write fits"), sim->icd));
      iop_nvmf_exec (sim, cmd);
      return;
    }
  if (sim->rdma_polls_for_buffers && granted != PENDING_HEAD && !g_queue_is_empty (&cmd->st->pending_buf))
    {
      /* v26.01, NEED_BUFFER: only the head of pending_buf_queue reaches
       * nvmf_rdma_request_parse_sgl; the others take nothing meanwhile */
      s = REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_RDMA_NEED_BUFFER, cmd->st, 0,
               _("Waits in line for buffers"),
               g_strdup_printf (_("At v26.01 a request that needs buffers joins the poll group's pending_buf_queue, and only the request at its head goes on to nvmf_rdma_request_parse_sgl: %u request(s) are ahead of this one, so it takes neither buffers nor work requests until it is at the head."),
                                g_queue_get_length (&cmd->st->pending_buf)));
      /* the in-line test (rdma.c 2261-2264), not the head's pending_data_buffer count */
      iop_step_ref_variant (sim, s, "in_line");
      KNOB (s, IOP_HOST_STORAGE, "nvmf_create_transport.num_shared_buffers", g_strdup (_("sizes the poll-group caches")));
      pend (sim, cmd, parse, FALSE);
      cmd->buf.polling = TRUE;
      return;
    }
  if (cmd->descriptors > 1 && cmd->extra_wrs == 0)
    {
      /* v26.01: nvmf_rdma_request_fill_iovs_multi_sgl takes the work
       * requests, then the buffers, and gives the work requests back
       * (nvmf_rdma_request_free_data) when the buffers are not there: a
       * pass that fails holds nothing, so it is not shown taking them */
      if (sim->rdma_polls_for_buffers && wrs_there (cmd) && !buffers_there (sim, cmd))
        {
          iop_nvmf_take_buffers (sim, cmd, FALSE, parse, IOP_STAGE_NVMF_RDMA_GET_BUFFERS, IOP_STAGE_NVMF_RDMA_NEED_BUFFER);
          return;
        }
      if (!data_wrs (sim, cmd))
        return;
    }
  if (!iop_nvmf_take_buffers (sim, cmd, granted == TRUE, parse, IOP_STAGE_NVMF_RDMA_GET_BUFFERS, IOP_STAGE_NVMF_RDMA_NEED_BUFFER))
    return;
  if (cmd->reads)
    {
      iop_nvmf_exec (sim, cmd);
      return;
    }
  iop_fabric_rdma_read (sim, cmd);
}

void
iop_nvmf_rdma_data_in (Sim *sim, gpointer obj, int unused)
{
  iop_nvmf_exec (sim, obj);
}

/* --- Completion -------------------------------------------------------------------- */

void
iop_nvmf_rdma_req_complete (Sim *sim, TgtCmd *cmd)
{
  REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_RDMA_COMPLETE, cmd->st, sim->m->cpu_step_ns,
       cmd->reads ? _("Target queues the data and the response") : _("Target queues the response"),
       g_strdup_printf (cmd->reads ? _("spdk_nvmf_request_complete reaches nvmf_rdma_request_complete: the state machine moves to ready-to-complete and request_transfer_out queues an RDMA WRITE of the data into the host's buffer, chained with the SEND of the response capsule, and reposts the receive buffer %s. The nvmf_RDMA poller posts the work requests at the end of its next pass.")
                                    : _("spdk_nvmf_request_complete reaches nvmf_rdma_request_complete: the state machine moves to ready-to-complete and request_transfer_out queues the SEND of the response capsule and reposts the receive buffer %s. The nvmf_RDMA poller posts the SEND at the end of its next pass."),
                        sim->srq ? _("to the poll group's shared receive queue") : _("to this qpair's own receive queue (no_srq)")));
  iop_fabric_send_resp (sim, cmd);
}

void
iop_nvmf_rdma_release (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Res *reqs = cmd->tq->reqs;
  IobufChan *tch = &cmd->st->transport_iobuf;
  gint64 before = tch->cache[cmd->buf.cls]->level;
  guint got = cmd->buf.got;
  gint64 before_r;
  IopStep *s;

  /* _nvmf_rdma_request_free: the buffers, then the data work requests
   * (nvmf_rdma_request_free_data), then the request itself */
  iop_nvmf_put_buffers (sim, cmd);
  s = REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_RDMA_RELEASE, cmd->st, sim->m->cpu_step_ns,
           _("SEND acknowledged: buffers and request freed"),
           got > 0
           ? g_strdup_printf (cmd->extra_wrs > 0
                              ? _("The SEND completion shows the host has the response: _nvmf_rdma_request_free gives %u buffer(s) back to the poll group's cache (or to a waiter on this thread first), then its extra work requests, then the request back to %s.")
                              : _("The SEND completion shows the host has the response: _nvmf_rdma_request_free gives %u buffer(s) back to the poll group's cache (or to a waiter on this thread first), then the request back to %s."),
                              got, sim->srq ? _("the SRQ's pool") : _("its qpair"))
           : g_strdup_printf (_("The SEND completion shows the host has the response: _nvmf_rdma_request_free puts the request back to %s; it held no transport buffer."),
                              sim->srq ? _("the SRQ's pool") : _("its qpair")));
  FREE (s, &cmd->buf.obj, tch->cache[cmd->buf.cls], before);
  if (cmd->extra_wrs > 0)
    {
      Res *pool = cmd->hs->data_wr_pool;
      gint64 before_w = pool->level;

      for (guint i = 0; i < cmd->extra_wrs; i++)
        iop_res_put (sim, pool);
      FREE (s, &cmd->o_data_wrs, pool, before_w);
    }
  before_r = reqs->level;
  iop_res_put (sim, reqs);
  FREE (s, &cmd->o_tgt_req, reqs, before_r);
  iop_nvmf_req_free (sim, cmd);
}
