/* iop-blobstore.c: lib/blob/blobstore.c, request.c and module/blob/bdev/blob_bdev.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-bdev-nvme.h"
#include "iop-bdev.h"
#include "iop-blobstore.h"
#include "iop-kernel.h"
#include "iop-lvol.h"
#include "iop-malloc.h"
#include "iop-pool.h"
#include "iop-recorder.h"

#define BLOB_MAX_CHANNEL_OPS 512     /* SPDK_BLOB_OPTS_DEFAULT_CHANNEL_OPS, lib/blob/blobstore.h */

static void dev_io (Sim *sim, gpointer obj, int unused);
static void first_write (Sim *sim, TgtCmd *cmd);

/* --- A thin blob's first write to a cluster ----------------------------------------- */

static ThreadState *
md_thread (TgtCmd *cmd)
{
  return g_ptr_array_index (cmd->hs->threads, 0);
}

static void
take_set (Sim *sim, TgtCmd *cmd, IopStep *s, int *obj, const char *label)
{
  Res *sets = cmd->st->blob_reqs;
  gint64 before = sets->level--;

  /* SPDK fails the write with -ENOMEM when none is left; the model lets it
   * run (one was just given back on every path that gets here) */
  *obj = sets->level >= 0
    ? OBJ (s, cmd->leg, "bs_request_set", label, sets, before, _("blobstore channel"), 1, 0, cmd->hs)
    : -1;
}

static void
put_set (Sim *sim, TgtCmd *cmd, IopStep *s, int *obj)
{
  Res *sets = cmd->st->blob_reqs;
  gint64 before = sets->level;

  iop_res_put (sim, sets);
  FREE (s, obj, sets, before);
}

/* The write runs again (bs_user_op_execute): the cluster is in the map now,
 * so spdk_blob_io_writev_ext sends it to the device with a set of its own;
 * the set that held the queued write goes back right after */
static void
reexecute (Sim *sim, TgtCmd *cmd)
{
  IopStep *s;

  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_RW, cmd->st, sim->m->cpu_step_ns,
           _("The queued write runs again"),
           g_strdup (_("bs_user_op_execute calls spdk_blob_io_writev_ext with the write's own arguments: blob_request_submit_rw_iov now finds the cluster allocated and starts a sequence with a fresh request set, like any write.")));
  cmd->o_blob_req = -1;
  take_set (sim, cmd, s, &cmd->o_blob_req, _("blob request set"));
  dev_io (sim, cmd, 0);
  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_RELEASE, cmd->st, sim->m->cpu_bdev_io_ns,
           _("The queued write's set goes back"),
           g_strdup (_("The write is on its way, so bs_user_op_execute puts the request set that held it while it waited back on the channel.")));
  put_set (sim, cmd, s, &cmd->o_user_op);
}

/* Back on the I/O thread (blob_op_cluster_msg_cpl): blob_insert_cluster_cpl
 * finishes the allocation's sequence, its set goes back first; then
 * blob_allocate_and_copy_cluster_cpl runs every queued write again, frees the
 * copy context, and the cluster op context is freed last */
static void
alloc_done (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  ThreadState *ts = cmd->st;
  GQueue queued = G_QUEUE_INIT;
  IopStep *s;

  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_DONE, ts, sim->m->cpu_step_ns,
           _("Cluster allocated: the write goes on"),
           g_strdup_printf (_("The metadata thread's answer arrives as a message: blob_op_cluster_msg_cpl calls blob_insert_cluster_cpl, and bs_sequence_finish puts the allocation's request set back on the channel before it calls blob_allocate_and_copy_cluster_cpl. That takes the channel's whole list of writes waiting for an allocation (%u here) and runs each again."),
                            g_queue_get_length (&ts->need_cluster_alloc)));
  put_set (sim, cmd, s, &cmd->o_alloc_set);
  if (cmd->leg >= 0)
    cmd->io->legs[cmd->leg].cluster_ready = TRUE;

  /* TAILQ_SWAP: the channel's list is empty while they run again */
  queued = ts->need_cluster_alloc;
  g_queue_init (&ts->need_cluster_alloc);
  while (!g_queue_is_empty (&queued))
    {
      TgtCmd *c = g_queue_pop_head (&queued);

      /* the cluster it waited for may be the one just allocated (another
       * part of the same I/O): then it finds it in the map and writes */
      if (c == cmd || !c->alloc_cluster ||
          (c->io == cmd->io && c->leg == cmd->leg))
        reexecute (sim, c);
      else
        {
          /* its own cluster is still unallocated: it starts the next
           * allocation, or queues behind the one that just started */
          c->o_blob_req = c->o_user_op;
          c->o_user_op = -1;
          first_write (sim, c);
        }
    }
  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_CTX_FREE, ts, sim->m->cpu_bdev_io_ns,
           _("The allocation's contexts are freed"),
           g_strdup (_("blob_allocate_and_copy_cluster_cpl frees the copy context, and once it has returned blob_op_cluster_msg_cpl frees the cluster op context the metadata thread worked with.")));
  FREE (s, &cmd->o_alloc_ctx, NULL, 0);
  FREE (s, &cmd->o_op_ctx, NULL, 0);
}

/* On the metadata thread (app_thread): insert the cluster, write its extent page */
static void
md_update (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_MD_UPDATE, md_thread (cmd), sim->m->cpu_step_ns,
       _("Metadata thread records the cluster"),
       g_strdup_printf (sim->sc->version >= IOP_SPDK_V26_05
                        ? _("blob_insert_cluster_msg runs on %s, the blobstore's metadata thread (after any other cluster operation on the same extent page, which _blob_cluster_op queues it behind): the cluster goes into the blob's cluster map and the extent page that covers it is written to the device. An extent page written for the first time also needs a sync of the blob's metadata pages. Then blob_op_cluster_msg_cb sends the answer back to %s.")
                        : _("blob_insert_cluster_msg runs on %s, the blobstore's metadata thread: the cluster goes into the blob's cluster map and the extent page that covers it is written to the device. An extent page written for the first time also needs a sync of the blob's metadata pages. Then blob_op_cluster_msg_cb sends the answer back to %s."),
                        md_thread (cmd)->t->name, cmd->st->t->name));
  /* the extent page write on the device, then the message back */
  iop_after (sim, sim->m->media_write_ns + sim->m->poll_loop_ns / 2, cmd->st, alloc_done, cmd, 0);
}

/* bs_allocate_and_copy_cluster: while the channel has an allocation in
 * flight the write only queues; otherwise a copy context from the heap, a
 * cluster claimed, a second request set for the allocation's own sequence,
 * and the cluster op context sent to the metadata thread */
static void
first_write (Sim *sim, TgtCmd *cmd)
{
  ThreadState *ts = cmd->st;
  char sz[32];
  IopStep *s;

  cmd->o_user_op = cmd->o_blob_req;
  cmd->o_blob_req = -1;
  if (!g_queue_is_empty (&ts->need_cluster_alloc))
    {
      s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_QUEUED, ts, 0,
               _("Another allocation is in flight: the write queues"),
               g_strdup_printf (_("This channel already waits for a cluster allocation (%u write(s) queued): bs_allocate_and_copy_cluster puts this write on need_cluster_alloc and returns. It runs again when that allocation completes."),
                                g_queue_get_length (&ts->need_cluster_alloc)));
      (void)s;
      g_queue_push_tail (&ts->need_cluster_alloc, cmd);
      return;
    }
  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_CLUSTER, ts, sim->m->cpu_step_ns,
           _("First write: allocate the cluster"),
           g_strdup_printf (_("The offset falls in a %s cluster this thin lvol has not allocated, so the write was set aside in a request set of its own (bs_user_op_alloc). bs_allocate_and_copy_cluster takes a copy context from the heap, claims a free cluster, starts the allocation's own sequence with a second request set (%" PRId64 " left), queues the write on the channel's need_cluster_alloc list and sends blob_insert_cluster_on_md_thread, with a cluster op context of its own, to the metadata thread."),
                            iop_size_str (sim->sc->lvol_cluster_size, sz, sizeof sz), MAX (ts->blob_reqs->level - 1, 0)));
  cmd->o_alloc_ctx = OBJ (s, cmd->leg, "blob_copy_cluster_ctx", _("cluster copy context"), NULL, 0, _("heap (calloc)"), 1, 0, cmd->hs);
  take_set (sim, cmd, s, &cmd->o_alloc_set, _("blob request set (cluster allocation)"));
  cmd->o_op_ctx = OBJ (s, cmd->leg, "blob_cluster_op_ctx", _("cluster op context"), NULL, 0, _("heap (calloc)"), 1, 0, cmd->hs);
  g_queue_push_tail (&ts->need_cluster_alloc, cmd);
  iop_after (sim, sim->m->poll_loop_ns / 2, md_thread (cmd), md_update, cmd, 0);
}

/* The set was handed over: the bdev layer retries the NOMEM'd lvol I/O
 * after the completion that freed it */
static void
set_granted (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  iop_after (sim, 0, cmd->st, iop_blob_rw, cmd, TRUE);
}

void
iop_blob_rw (Sim *sim, gpointer obj, int granted)
{
  TgtCmd *cmd = obj;
  Io *io = cmd->io;
  Res *sets = cmd->st->blob_reqs;
  char sz[32];
  IopStep *s;

  if (!iop_res_take_or_wait (sets, granted, set_granted, cmd, 0))
    {
      s = REC (io, cmd->leg, IOP_STAGE_BDEV_NOMEM, cmd->st, 0,
               _("No blob request set: NOMEM, retried later"),
               g_strdup_printf (_("All %" PRId64 " request sets of this thread's blobstore channel are in use: the blob I/O fails with -ENOMEM, the lvol completes its bdev_io as NOMEM and the bdev layer retries it when an I/O completes."),
                                sets->capacity));
      return;
    }
  /* the parts of one I/O share its cluster: once it is in the map, they write */
  cmd->alloc_cluster = !cmd->reads && sim->sc->lvol_thin && io->first_write &&
                       !(cmd->leg >= 0 && io->legs[cmd->leg].cluster_ready);
  s = REC (io, cmd->leg, IOP_STAGE_BLOB_RW, cmd->st, sim->m->cpu_step_ns,
           _("Blobstore maps the LBA to a cluster"),
           g_strdup_printf (_("blob_request_submit_rw_iov takes a request set from the channel (%" PRId64 " of %d left); the offset falls in a %s cluster%s."),
                            sets->level, BLOB_MAX_CHANNEL_OPS, iop_size_str (sim->sc->lvol_cluster_size, sz, sizeof sz),
                            cmd->alloc_cluster ? _(" that this thin lvol has not allocated yet") : _(" already allocated")));
  cmd->o_blob_req = OBJ (s, cmd->leg, "bs_request_set", _("blob request set"), sets, sets->level + 1,
                         _("blobstore channel"), 1, 0, cmd->hs);
  if (cmd->alloc_cluster)
    {
      first_write (sim, cmd);
      return;
    }
  dev_io (sim, cmd, 0);
}

static void
dev_done (Sim *sim, IopBdevIo *bio, gboolean success)
{
  TgtCmd *cmd = bio->owner;
  Res *sets = cmd->st->blob_reqs;
  gint64 before = sets->level;
  IopStep *s;

  /* bdev_blob_io_complete: the blobstore's callback first ... */
  iop_res_put (sim, sets);
  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_COMPLETE, cmd->st, sim->m->cpu_step_ns,
           _("Blob request completes"),
           g_strdup (_("blob_bdev's completion calls the blobstore back first: bs_request_set_complete puts the request set back on the channel, then calls the lvol's callback. blob_bdev frees its bdev_io only when all of that has returned.")));
  FREE (s, &cmd->o_blob_req, sets, before);
  iop_lvol_op_comp (sim, cmd, success);
  /* ... then the bdev_io */
  iop_bdev_free_io (sim, bio);
}

static void
dev_io (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Io *io = cmd->io;

  REC (io, cmd->leg, IOP_STAGE_BLOB_DEV_IO, cmd->st, sim->m->cpu_step_ns,
       _("Blobstore issues the device I/O"),
       g_strdup_printf (_("%s sends the request to the blobstore's bs_dev: blob_bdev calls %s on the %s below, which takes another bdev_io."),
                        cmd->reads ? "bs_sequence_readv_dev" : "bs_sequence_writev_dev",
                        cmd->reads ? "spdk_bdev_readv_blocks_ext" : "spdk_bdev_writev_blocks_ext",
                        sim->malloc_backend ? _("malloc bdev") : _("NVMe bdev")));
  if (!iop_bdev_get_io (sim, &cmd->dev_io, io, cmd->leg, cmd->hs, cmd->st,
                        sim->malloc_backend ? N_("bdev_io (malloc bdev)") : N_("bdev_io (NVMe bdev)"), dev_done, FALSE))
    {
      iop_bdev_queue_io_wait (sim, io, cmd->leg, cmd->st, dev_io, cmd, 0,
                              N_("blob_bdev queues the I/O with spdk_bdev_queue_io_wait and sends it when a bdev_io is freed on this thread."));
      return;
    }
  cmd->dev_io.owner = cmd;
  iop_bdev_submit (sim, &cmd->dev_io, sim->malloc_backend ? iop_malloc_submit : iop_bdev_nvme_submit, NULL, NULL);
}
