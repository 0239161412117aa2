/* iop-nvme.c: lib/nvme/nvme_ns_cmd.c and nvme_qpair.c, the NVMe driver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-nvme-pcie.h"
#include "iop-nvme-rdma.h"
#include "iop-nvme-tcp.h"
#include "iop-nvme.h"
#include "iop-pool.h"
#include "iop-recorder.h"

gboolean
iop_nvme_ns_cmd (Sim         *sim,
                 IopNvmeReq  *req,
                 Io          *io,
                 int          leg,
                 Qpair       *qp,
                 HostState   *hs,
                 ThreadState *ts,
                 IopBdevIo   *bio,
                 gboolean     contig,
                 IopNvmeCb    cb,
                 gboolean     granted,
                 gpointer     owner)
{
  Res *r = qp->nvme_reqs;
  gboolean rd = hs->host == IOP_HOST_STORAGE ? ((TgtCmd *)owner)->reads : iop_leg_reads (io, leg);
  const char *fn;
  IopStep *s;

  if (!granted && !iop_res_take (r))
    return FALSE;
  req->io = io;
  req->leg = leg;
  req->qp = qp;
  req->cb = cb;
  req->bio = bio;
  req->obj = -1;
  req->contig = contig;
  req->hs = hs;
  req->ts = ts;
  req->owner = owner;
  /* v26.01: the *_with_md calls (no memory domain, no accel sequence);
   * v26.05: always the *_iov calls with their ext options */
  if (sim->sc->version == IOP_SPDK_V26_01)
    fn = contig ? (rd ? "spdk_nvme_ns_cmd_read_with_md → _nvme_ns_cmd_rw" : "spdk_nvme_ns_cmd_write_with_md → _nvme_ns_cmd_rw")
                : (rd ? "spdk_nvme_ns_cmd_readv_with_md → _nvme_ns_cmd_rw" : "spdk_nvme_ns_cmd_writev_with_md → _nvme_ns_cmd_rw");
  else
    fn = contig ? (rd ? "spdk_nvme_ns_cmd_read_iov → _nvme_ns_cmd_rw_req_init_contig" : "spdk_nvme_ns_cmd_write_iov → _nvme_ns_cmd_rw_req_init_contig")
                : (rd ? "spdk_nvme_ns_cmd_read_iov → _nvme_ns_cmd_rw_req_init_iov" : "spdk_nvme_ns_cmd_write_iov → _nvme_ns_cmd_rw_req_init_iov");
  s = REC (io, leg, contig ? IOP_STAGE_NVME_NS_CMD : IOP_STAGE_NVME_NS_CMD_V, ts, sim->m->cpu_step_ns,
           _("NVMe driver takes an nvme_request"),
           g_strdup_printf (contig
                            ? _("%s: the data is one contiguous buffer. An nvme_request comes from the qpair's free list (%" PRId64 " of %" PRId64 " left) and the command is built in it.")
                            : _("%s: the data is an iovec, walked later by the transport. An nvme_request comes from the qpair's free list (%" PRId64 " of %" PRId64 " left) and the command is built in it."),
                            fn, r->level, r->capacity));
  req->obj = OBJ (s, leg, "nvme_request", hs->host == IOP_HOST_BAREMETAL ? _("nvme_request") : _("nvme_request (PCIe)"),
                  r, r->level + 1, _("qpair free list"), 1, 0, hs);
  if (s != NULL)
    {
      gint64 ioqr = iop_knob (sim, hs->host, "bdev_nvme_set_options.io_queue_requests");
      gint64 qsize = hs->host == IOP_HOST_BAREMETAL ? sim->io_queue_size : 256;

      KNOB (s, hs->host, "bdev_nvme_set_options.io_queue_requests",
            ioqr < r->capacity
            ? g_strdup_printf (_("%" PRId64 " is below the driver's own count, so the qpair has max(%" PRId64 ", max(512, queue size %" PRId64 ")) = %" PRId64 " requests: this setting changes nothing"),
                               ioqr, ioqr, qsize, r->capacity)
            : g_strdup_printf (_("gives the qpair %" PRId64 " nvme_request objects"), r->capacity));
    }
  /* nvme_qpair_submit_request -> the transport */
  if (hs->host == IOP_HOST_STORAGE)
    iop_nvme_pcie_submit (sim, req, FALSE);
  else if (sim->fabric_tcp)
    iop_nvme_tcp_submit (sim, req, FALSE);
  else
    iop_nvme_rdma_submit (sim, req, FALSE);
  return TRUE;
}

void
iop_nvme_complete_request (Sim *sim, IopNvmeReq *req, IopNvmeStatus status)
{
  Res *r = req->qp->nvme_reqs;
  gint64 before = r->level;
  IopStep *s;

  s = REC (req->io, req->leg, IOP_STAGE_NVME_COMPLETE, req->ts, sim->m->cpu_step_ns,
           status == IOP_NVME_OK ? _("The nvme_request is freed, then its callback runs")
                                 : _("An error completion: the nvme_request is freed, then its callback runs"),
           g_strdup (status == IOP_NVME_OK
                     ? _("nvme_complete_request puts the nvme_request back on the qpair's free list first, and only then calls the callback bdev_nvme gave: everything above completes inside this call.")
                     : _("nvme_complete_request puts the nvme_request back first, then calls bdev_nvme's callback with the error status.")));
  /* a NOMEM'd bdev_io waiting for it is retried after this completion */
  iop_res_put (sim, r);
  FREE (s, &req->obj, r, before);
  req->cb (sim, req, status);
}
