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

#define BLOB_MAX_CHANNEL_OPS 512     /* SPDK_BLOB_OPTS_MAX_CHANNEL_OPS */

static void dev_io (Sim *sim, gpointer obj, int unused);
static void alloc_cluster (Sim *sim, TgtCmd *cmd);

/* --- A thin blob's first write to a cluster ----------------------------------------- */

static ThreadState *
md_thread (TgtCmd *cmd)
{
  return g_ptr_array_index (cmd->hs->threads, 0);
}

/* Back on the I/O thread: the allocation is done, the write goes on */
static void
alloc_done (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;
  Res *sets = cmd->st->blob_reqs;
  gint64 before = sets->level;
  IopStep *s;

  iop_res_put (sim, sets);
  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_DONE, cmd->st, sim->m->cpu_step_ns,
           _("Cluster allocated: the write goes on"),
           g_strdup (_("The metadata thread's answer arrives: the allocation's request set and its copy context are freed, and the write that waited for the cluster is sent to the device.")));
  FREE (s, &cmd->o_alloc_set, sets, before);
  FREE (s, &cmd->o_alloc_ctx, NULL, 0);
  dev_io (sim, cmd, 0);
}

/* On the metadata thread (app_thread): insert the cluster, persist the metadata */
static void
md_update (Sim *sim, gpointer obj, int unused)
{
  TgtCmd *cmd = obj;

  REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_MD_UPDATE, md_thread (cmd), sim->m->cpu_step_ns,
       _("Metadata thread records the cluster"),
       g_strdup_printf (_("blob_insert_cluster_on_md_thread runs on %s, the blobstore's metadata thread: the cluster goes into the blob's extent table and the metadata page is written to the device before the answer goes back to %s."),
                        md_thread (cmd)->t->name, cmd->st->t->name));
  /* the metadata write on the device, then the message back */
  iop_after (sim, sim->m->media_write_ns + sim->m->poll_loop_ns / 2, cmd->st, alloc_done, cmd, 0);
}

static void
alloc_cluster (Sim *sim, TgtCmd *cmd)
{
  Res *sets = cmd->st->blob_reqs;
  char sz[32];
  IopStep *s;

  /* bs_allocate_and_copy_cluster: a copy context from the heap and a second
   * request set for the allocation's own sequence */
  s = REC (cmd->io, cmd->leg, IOP_STAGE_BLOB_ALLOC_CLUSTER, cmd->st, sim->m->cpu_step_ns,
           _("First write: allocate the cluster"),
           g_strdup_printf (_("The offset falls in a %s cluster this thin lvol has not allocated. bs_allocate_and_copy_cluster queues the write, takes a copy context from the heap and a second request set from the channel (%" PRId64 " left), claims a free cluster and sends blob_insert_cluster_on_md_thread to the metadata thread."),
                            iop_size_str (sim->sc->lvol_cluster_size, sz, sizeof sz), MAX (sets->level - 1, 0)));
  if (sets->level > 0)
    {
      gint64 before = sets->level--;
      cmd->o_alloc_set = OBJ (s, cmd->leg, "bs_request_set", _("blob request set (cluster allocation)"), sets, before,
                              _("blobstore channel"), 1, 0, cmd->hs);
    }
  else
    sets->level--;   /* SPDK takes it or fails the write with -ENOMEM; the model lets it run */
  cmd->o_alloc_ctx = OBJ (s, cmd->leg, "blob_copy_cluster_ctx", _("cluster copy context"), NULL, 0, _("heap (calloc)"), 1, 0, cmd->hs);
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

  if (!granted && !iop_res_take (sets))
    {
      s = REC (io, cmd->leg, IOP_STAGE_BDEV_NOMEM, cmd->st, 0,
               _("No blob request set: NOMEM, retried later"),
               g_strdup_printf (_("All %" PRId64 " request sets of this thread's blobstore channel are in use: the blob I/O fails with -ENOMEM, the lvol completes its bdev_io as NOMEM and the bdev layer retries it when an I/O completes."),
                                sets->capacity));
      iop_res_wait (sets, set_granted, cmd, 0);
      return;
    }
  cmd->alloc_cluster = !cmd->reads && sim->sc->lvol_thin && io->first_write;
  s = REC (io, cmd->leg, IOP_STAGE_BLOB_RW, cmd->st, sim->m->cpu_step_ns,
           _("Blobstore maps the LBA to a cluster"),
           g_strdup_printf (_("blob_request_submit_rw_iov takes a request set from the channel (%" PRId64 " of %d left); the offset falls in a %s cluster%s."),
                            sets->level, BLOB_MAX_CHANNEL_OPS, iop_size_str (sim->sc->lvol_cluster_size, sz, sizeof sz),
                            cmd->alloc_cluster ? _(" that this thin lvol has not allocated yet") : _(" already allocated")));
  cmd->o_blob_req = OBJ (s, cmd->leg, "bs_request_set", _("blob request set"), sets, sets->level + 1,
                         _("blobstore channel"), 1, 0, cmd->hs);
  if (cmd->alloc_cluster)
    {
      alloc_cluster (sim, cmd);
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
