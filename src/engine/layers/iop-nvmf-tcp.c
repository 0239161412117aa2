/* iop-nvmf-tcp.c: lib/nvmf/tcp.c, the NVMf TCP target (either host)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-fabric.h"
#include "iop-kernel.h"
#include "iop-nvmf-rdma.h"
#include "iop-nvmf-tcp.h"
#include "iop-nvmf.h"
#include "iop-pool.h"
#include "iop-recorder.h"

static void parse (Sim *sim, gpointer obj, int granted);

/* The connection's tcp_req array: the guest's queue pair on the baremetal,
 * the piece's qpair on a storage node */
static Res *
reqs_of (Sim *sim, Io *io, Piece *p)
{
  return p == NULL ? sim->guest_sqs[io->guest_qp] : p->tq->reqs;
}

#define GRANTED (1 << 30)
#define FRONT (1 << 29)

static void recv (Sim *sim, Io *io, Piece *p, gboolean granted, int arg);

static void
recv_granted (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;

  recv (sim, io, (arg & FRONT) ? NULL : &io->pieces[arg & 0xff], TRUE, arg & ~FRONT);
}

/* the PDU waits in the socket until a tcp_req is freed */
static void
recv_wait (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;
  ThreadState *st = (arg & FRONT) ? io->bt : io->pieces[arg & 0xff].st;

  iop_after (sim, sim->m->poll_loop_ns / 2, st, recv_granted, io, arg);
}

void
iop_nvmf_tcp_recv (Sim *sim, gpointer obj, int arg)
{
  Io *io = obj;

  recv (sim, io, &io->pieces[arg & 0xff], FALSE, arg);
}

void
iop_nvmf_tcp_recv_front (Sim *sim, gpointer obj, int unused)
{
  recv (sim, obj, NULL, FALSE, 0);
}

static void
recv (Sim *sim, Io *io, Piece *p, gboolean granted, int arg)
{
  gboolean front = p == NULL;
  int L = front ? -1 : p->leg;
  HostState *hs = front ? &sim->bm : &sim->st[io->legs[L].node];
  ThreadState *st = front ? io->bt : p->st;
  Res *reqs = reqs_of (sim, io, p);
  IopHostId H = hs->host;
  gint64 icd = front ? sim->front_icd : sim->icd;
  TgtCmd *cmd;
  IopStep *s;

  if (!iop_res_take_or_wait (reqs, granted, recv_wait, io, (arg & ~GRANTED) | (front ? FRONT : 0)))
    {
      REC (io, L, IOP_STAGE_NVMF_TCP_WAIT_REQ, st, 0, _("No free TCP request: wait"),
           g_strdup_printf (_("All %" PRId64 " tcp_reqs of this connection (max_queue_depth) are taken, although the host keeps within its queue size: it already has the response of a command whose tcp_req is still sending that response. nvmf_tcp_capsule_cmd_hdr_handle sees a request in that state and returns without reading further; the command waits in the socket. When nvmf_tcp_req_put frees a tcp_req it sends handle_await_req to this thread, which reads the command again. A host that really sends more than the queue allows gets \"Cannot allocate tcp_req\" instead, and the connection is shut down."),
                            reqs->capacity));
      return;
    }
  cmd = iop_nvmf_req_new (sim, io, p, hs, st);
  if (front)
    {
      io->front = cmd;
      cmd->in_capsule = io->op == IOP_OP_WRITE && io->size <= icd;
    }
  else
    {
      cmd->gen = ((guint)arg >> 8) & 0x3fffff;
      hs->ctr.target_reqs_max = MAX (hs->ctr.target_reqs_max, reqs->capacity - reqs->level);
    }
  s = REC (io, L, IOP_STAGE_NVMF_TCP_RECV, st, sim->m->cpu_step_ns,
           _("TCP target reads the command PDU"),
           g_strdup_printf (_("%s's nvmf_TCP poller reads the capsule from the socket and takes a tcp_req of this connection (%" PRId64 " of %" PRId64 " left)."),
                            st->t->name, reqs->level, reqs->capacity));
  cmd->o_tgt_req = OBJ (s, L, "nvmf_tcp_req", _("TCP target request"), reqs, reqs->level + 1,
                        _("the connection's request array"), 1, 0, hs);
  KNOB (s, H, "nvmf_create_transport.max_queue_depth",
        g_strdup_printf (_("%" PRId64 " requests per queue pair"), reqs->capacity));
  KNOB (s, H, "nvmf_create_transport.in_capsule_data_size",
        g_strdup_printf (_("%" PRId64 " bytes travel inside the command"), icd));
  parse (sim, cmd, FALSE);
}

/* nvmf_tcp_req_parse_sgl: in-capsule data, or buffers and (a write) an R2T */
static void
parse (Sim *sim, gpointer obj, int granted)
{
  TgtCmd *cmd = obj;
  char sz[32];

  if (cmd->in_capsule)
    {
      IopStep *s = REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_TCP_IN_CAPSULE, cmd->st, sim->m->cpu_step_ns,
                        _("In-capsule data: no transport buffer"),
                        g_strdup_printf (_("The %s payload arrived inside the command PDU, into the request's own in-capsule buffer: the target takes no iobuf buffer and sends no R2T."),
                                         iop_size_str (cmd->size, sz, sizeof sz)));
      KNOB (s, cmd->hs->host, "nvmf_create_transport.in_capsule_data_size",
            g_strdup_printf (_("%" PRId64 " bytes: this write fits"), cmd->leg < 0 ? sim->front_icd : sim->icd));
      iop_nvmf_exec (sim, cmd);
      return;
    }
  if (!iop_nvmf_take_buffers (sim, cmd, granted, parse, IOP_STAGE_NVMF_TCP_GET_BUFFERS, IOP_STAGE_NVMF_TCP_NEED_BUFFER))
    return;
  if (cmd->leg < 0)
    cmd->io->iovcnt = MAX (cmd->buf.needed, 1);   /* the guest's data: one iovec per buffer */
  if (cmd->reads)
    iop_nvmf_exec (sim, cmd);
  else
    iop_fabric_tcp_r2t (sim, cmd);
}

void
iop_nvmf_tcp_data_in (Sim *sim, gpointer obj, int unused)
{
  iop_nvmf_exec (sim, obj);
}

void
iop_nvmf_tcp_req_complete (Sim *sim, TgtCmd *cmd)
{
  REC (cmd->io, cmd->leg, IOP_STAGE_NVMF_TCP_COMPLETE, cmd->st, sim->m->cpu_step_ns,
       cmd->leg < 0 ? (cmd->reads ? _("C2H data back to the guest") : _("Response capsule to the guest"))
                    : (cmd->reads ? _("Target sends C2H data") : _("Target sends the response")),
       g_strdup (cmd->reads ? _("The read data goes out in C2H DATA PDUs; with c2h_success the last one carries the success flag and no response capsule follows.")
                            : _("The target writes a capsule response PDU to the socket.")));
  if (cmd->leg < 0)
    iop_fabric_guest_resp (sim, cmd);
  else
    iop_fabric_send_resp (sim, cmd);
}

void
iop_nvmf_tcp_release (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Io *io = cmd->io;
  Res *reqs = reqs_of (sim, io, cmd->piece);
  IobufChan *tch = &cmd->st->transport_iobuf;
  gint64 before = tch->cache[cmd->buf.cls]->level;
  guint got = cmd->buf.got;
  gint64 before_r;
  IopStep *s;

  iop_nvmf_put_buffers (sim, cmd);
  before_r = reqs->level;
  iop_res_put (sim, reqs);
  s = REC (io, cmd->leg, IOP_STAGE_NVMF_TCP_RELEASE, cmd->st, sim->m->cpu_step_ns,
           _("PDU sent: buffers and request freed"),
           g_strdup_printf (_("The socket took the last PDU: %u buffer(s) go back to the poll group's nvmf_TCP cache (or to a waiter on this thread first) and the tcp_req to its queue pair."),
                            got));
  FREE (s, &cmd->buf.obj, tch->cache[cmd->buf.cls], before);
  FREE (s, &cmd->o_tgt_req, reqs, before_r);
  if (cmd->leg < 0)
    io->front = NULL;
  iop_nvmf_req_free (sim, cmd);
}
