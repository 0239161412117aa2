/* iop-stages.c: the stage table
 *
 * One row per step key. The designated initialisers tie each row to its
 * enum value; tests/test-stages.c checks that no row is empty, that keys are
 * unique, and that every key has a source reference and an explanation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-stages.h"

#define B IOP_SIDE_BAREMETAL
#define N IOP_SIDE_NETWORK
#define S IOP_SIDE_STORAGE
#define A IOP_SIDE_ANY
#define DN IOP_DIR_DOWN
#define UP IOP_DIR_UP
#define WT IOP_DIR_WAIT
#define CT IOP_DIR_CONTROL

static const IopStageInfo stages[IOP_N_STAGES] = {
  [IOP_STAGE_GUEST_SUBMIT]              = { "guest.submit",              IOP_LAYER_GUEST,      B, DN },
  [IOP_STAGE_GUEST_QUEUE_FULL]          = { "guest.queue_full",          IOP_LAYER_GUEST,      B, WT },
  [IOP_STAGE_GUEST_COMPLETE]            = { "guest.complete",            IOP_LAYER_GUEST,      B, UP },

  [IOP_STAGE_VFU_POLL]                  = { "vfu.poll",                  IOP_LAYER_VFIO_USER,  B, DN },
  [IOP_STAGE_VFU_CMD_REQ]               = { "vfu.cmd_req",               IOP_LAYER_VFIO_USER,  B, DN },
  [IOP_STAGE_VFU_COMPLETE]              = { "vfu.complete",              IOP_LAYER_VFIO_USER,  B, UP },

  [IOP_STAGE_NVMF_TCP_RECV]             = { "nvmf_tcp.recv",             IOP_LAYER_NVMF_TCP,   A, DN },
  [IOP_STAGE_NVMF_TCP_WAIT_REQ]         = { "nvmf_tcp.wait_req",         IOP_LAYER_NVMF_TCP,   A, WT },
  [IOP_STAGE_NVMF_TCP_IN_CAPSULE]       = { "nvmf_tcp.in_capsule",       IOP_LAYER_NVMF_TCP,   A, DN },
  [IOP_STAGE_NVMF_TCP_GET_BUFFERS]      = { "nvmf_tcp.get_buffers",      IOP_LAYER_NVMF_TCP,   A, DN },
  [IOP_STAGE_NVMF_TCP_NEED_BUFFER]      = { "nvmf_tcp.need_buffer",      IOP_LAYER_NVMF_TCP,   A, WT },
  [IOP_STAGE_NVMF_TCP_COMPLETE]         = { "nvmf_tcp.complete",         IOP_LAYER_NVMF_TCP,   A, UP },
  [IOP_STAGE_NVMF_TCP_RELEASE]          = { "nvmf_tcp.release",          IOP_LAYER_NVMF_TCP,   A, UP },

  [IOP_STAGE_NVMF_EXEC]                 = { "nvmf.exec",                 IOP_LAYER_NVMF,       A, DN },
  [IOP_STAGE_NVMF_BDEV_RW]              = { "nvmf.bdev_rw",              IOP_LAYER_NVMF,       A, DN },
  [IOP_STAGE_NVMF_COMPLETE]             = { "nvmf.complete",             IOP_LAYER_NVMF,       A, UP },
  [IOP_STAGE_NVMF_KEEP_ALIVE_TIMEOUT]   = { "nvmf.keep_alive_timeout",   IOP_LAYER_NVMF,       S, CT },

  [IOP_STAGE_BDEV_GET_IO]               = { "bdev.get_io",               IOP_LAYER_BDEV,       A, DN },
  [IOP_STAGE_BDEV_IO_WAIT]              = { "bdev.io_wait",              IOP_LAYER_BDEV,       A, WT },
  [IOP_STAGE_BDEV_SUBMIT]               = { "bdev.submit",               IOP_LAYER_BDEV,       A, DN },
  [IOP_STAGE_BDEV_NOMEM]                = { "bdev.nomem",                IOP_LAYER_BDEV,       A, WT },
  [IOP_STAGE_BDEV_GET_BUF]              = { "bdev.get_buf",              IOP_LAYER_BDEV,       A, DN },
  [IOP_STAGE_BDEV_SPLIT]                = { "bdev.split",                IOP_LAYER_BDEV,       B, DN },
  [IOP_STAGE_BDEV_SPLIT_DONE]           = { "bdev.split_done",           IOP_LAYER_BDEV,       B, UP },
  [IOP_STAGE_BDEV_COMPLETE]             = { "bdev.complete",             IOP_LAYER_BDEV,       A, UP },
  [IOP_STAGE_BDEV_FREE_IO]              = { "bdev.free_io",              IOP_LAYER_BDEV,       A, UP },

  [IOP_STAGE_RAID_SUBMIT]               = { "raid.submit",               IOP_LAYER_RAID1,      B, DN },
  [IOP_STAGE_RAID1_READ]                = { "raid1.read",                IOP_LAYER_RAID1,      B, DN },
  [IOP_STAGE_RAID1_WRITE]               = { "raid1.write",               IOP_LAYER_RAID1,      B, DN },
  [IOP_STAGE_RAID1_WRITE_SKIP]          = { "raid1.write_skip",          IOP_LAYER_RAID1,      B, DN },
  [IOP_STAGE_RAID1_READ_COMPLETE]       = { "raid1.read_complete",       IOP_LAYER_RAID1,      B, UP },
  [IOP_STAGE_RAID1_WRITE_COMPLETE]      = { "raid1.write_complete",      IOP_LAYER_RAID1,      B, UP },
  [IOP_STAGE_RAID1_WRITE_LEG_FAILED]    = { "raid1.write_leg_failed",    IOP_LAYER_RAID1,      B, UP },
  [IOP_STAGE_RAID1_READ_OTHER]          = { "raid1.read_other",          IOP_LAYER_RAID1,      B, DN },
  [IOP_STAGE_RAID1_READ_REPAIR]         = { "raid1.read_repair",         IOP_LAYER_RAID1,      B, DN },
  [IOP_STAGE_RAID_FAIL_BASE]            = { "raid.fail_base",            IOP_LAYER_RAID1,      B, CT },
  [IOP_STAGE_RAID_REMOVE_BASE]          = { "raid.remove_base",          IOP_LAYER_RAID1,      B, CT },

  [IOP_STAGE_BDEV_NVME_SUBMIT]          = { "bdev_nvme.submit",          IOP_LAYER_BDEV_NVME,  A, DN },
  [IOP_STAGE_BDEV_NVME_COMPLETE]        = { "bdev_nvme.complete",        IOP_LAYER_BDEV_NVME,  A, UP },
  [IOP_STAGE_BDEV_NVME_HOLD]            = { "bdev_nvme.hold",            IOP_LAYER_BDEV_NVME,  B, WT },
  [IOP_STAGE_BDEV_NVME_RETRY]           = { "bdev_nvme.retry",           IOP_LAYER_BDEV_NVME,  B, DN },
  [IOP_STAGE_BDEV_NVME_IO_FAILED]       = { "bdev_nvme.io_failed",       IOP_LAYER_BDEV_NVME,  B, UP },
  [IOP_STAGE_BDEV_NVME_ABORT_RETRY]     = { "bdev_nvme.abort_retry",     IOP_LAYER_BDEV_NVME,  B, UP },
  [IOP_STAGE_BDEV_NVME_RESET_START]     = { "bdev_nvme.reset_start",     IOP_LAYER_BDEV_NVME,  B, CT },
  [IOP_STAGE_BDEV_NVME_ADMINQ_FAILOVER] = { "bdev_nvme.adminq_failover", IOP_LAYER_BDEV_NVME,  B, CT },
  [IOP_STAGE_BDEV_NVME_RESET_FAILED]    = { "bdev_nvme.reset_failed",    IOP_LAYER_BDEV_NVME,  B, CT },
  [IOP_STAGE_BDEV_NVME_RESET_OK]        = { "bdev_nvme.reset_ok",        IOP_LAYER_BDEV_NVME,  B, CT },
  [IOP_STAGE_BDEV_NVME_RECONNECT]       = { "bdev_nvme.reconnect",       IOP_LAYER_BDEV_NVME,  B, CT },
  [IOP_STAGE_BDEV_NVME_CTRLR_LOSS]      = { "bdev_nvme.ctrlr_loss",      IOP_LAYER_BDEV_NVME,  B, CT },

  [IOP_STAGE_NVME_NS_CMD]               = { "nvme.ns_cmd",               IOP_LAYER_NVME,       A, DN },
  [IOP_STAGE_NVME_NS_CMD_V]             = { "nvme.ns_cmd_v",             IOP_LAYER_NVME,       A, DN, "nvme.ns_cmd" },
  [IOP_STAGE_NVME_QUEUED]               = { "nvme.queued",               IOP_LAYER_NVME,       A, WT },
  [IOP_STAGE_NVME_COMPLETE]             = { "nvme.complete",             IOP_LAYER_NVME,       A, UP },
  [IOP_STAGE_NVME_TIMEOUT]              = { "nvme.timeout",              IOP_LAYER_NVME,       B, CT },

  [IOP_STAGE_NVME_RDMA_SUBMIT_INLINE]   = { "nvme_rdma.submit_inline",   IOP_LAYER_NVME_RDMA,  B, DN },
  [IOP_STAGE_NVME_RDMA_SUBMIT_INLINE_SGL] = { "nvme_rdma.submit_inline_sgl", IOP_LAYER_NVME_RDMA, B, DN, "nvme_rdma.submit_inline" },
  [IOP_STAGE_NVME_RDMA_SUBMIT_KEYED]    = { "nvme_rdma.submit_keyed",    IOP_LAYER_NVME_RDMA,  B, DN },
  [IOP_STAGE_NVME_RDMA_SUBMIT_KEYED_SGL] = { "nvme_rdma.submit_keyed_sgl", IOP_LAYER_NVME_RDMA, B, DN, "nvme_rdma.submit_keyed" },
  [IOP_STAGE_NVME_RDMA_POLL]            = { "nvme_rdma.poll",            IOP_LAYER_NVME_RDMA,  B, UP },
  [IOP_STAGE_NVME_RDMA_REQ_PUT]         = { "nvme_rdma.req_put",         IOP_LAYER_NVME_RDMA,  B, UP },
  [IOP_STAGE_NVME_RDMA_WC_ERROR]        = { "nvme_rdma.wc_error",        IOP_LAYER_NVME_RDMA,  B, CT },

  [IOP_STAGE_NVME_TCP_SUBMIT]           = { "nvme_tcp.submit",           IOP_LAYER_NVME_TCP,   B, DN },
  [IOP_STAGE_NVME_TCP_H2C]              = { "nvme_tcp.h2c",              IOP_LAYER_NVME_TCP,   B, DN },
  [IOP_STAGE_NVME_TCP_POLL]             = { "nvme_tcp.poll",             IOP_LAYER_NVME_TCP,   B, UP },
  [IOP_STAGE_NVME_TCP_REQ_PUT]          = { "nvme_tcp.req_put",          IOP_LAYER_NVME_TCP,   B, UP },

  [IOP_STAGE_NET_GUEST_CMD]             = { "net.guest_cmd",             IOP_LAYER_FABRIC,     N, DN },
  [IOP_STAGE_NET_CMD_CAPSULE]           = { "net.cmd_capsule",           IOP_LAYER_FABRIC,     N, DN },
  [IOP_STAGE_NET_TCP_CAPSULE]           = { "net.tcp_capsule",           IOP_LAYER_FABRIC,     N, DN },
  [IOP_STAGE_NET_RDMA_READ]             = { "net.rdma_read",             IOP_LAYER_FABRIC,     N, DN },
  [IOP_STAGE_NET_RDMA_WRITE]            = { "net.rdma_write",            IOP_LAYER_FABRIC,     N, UP },
  [IOP_STAGE_NET_RESP_CAPSULE]          = { "net.resp_capsule",          IOP_LAYER_FABRIC,     N, UP },
  [IOP_STAGE_NET_R2T]                   = { "net.r2t",                   IOP_LAYER_FABRIC,     N, UP },
  [IOP_STAGE_NET_H2C_DATA]              = { "net.h2c_data",              IOP_LAYER_FABRIC,     N, DN },
  [IOP_STAGE_NET_C2H_DATA]              = { "net.c2h_data",              IOP_LAYER_FABRIC,     N, UP },
  [IOP_STAGE_NET_TCP_RESP]              = { "net.tcp_resp",              IOP_LAYER_FABRIC,     N, UP },
  [IOP_STAGE_NET_LOST]                  = { "net.lost",                  IOP_LAYER_FABRIC,     N, WT },
  [IOP_STAGE_NET_LINK_DOWN]             = { "net.link_down",             IOP_LAYER_FABRIC,     N, CT },
  [IOP_STAGE_NET_LINK_UP]               = { "net.link_up",               IOP_LAYER_FABRIC,     N, CT },

  [IOP_STAGE_NVMF_RDMA_RECV]            = { "nvmf_rdma.recv",            IOP_LAYER_NVMF_RDMA,  S, DN },
  [IOP_STAGE_NVMF_RDMA_WAIT_REQ]        = { "nvmf_rdma.wait_req",        IOP_LAYER_NVMF_RDMA,  S, WT },
  [IOP_STAGE_NVMF_RDMA_IN_CAPSULE]      = { "nvmf_rdma.in_capsule",      IOP_LAYER_NVMF_RDMA,  S, DN },
  [IOP_STAGE_NVMF_RDMA_DATA_WRS]        = { "nvmf_rdma.data_wrs",        IOP_LAYER_NVMF_RDMA,  S, DN },
  [IOP_STAGE_NVMF_RDMA_GET_BUFFERS]     = { "nvmf_rdma.get_buffers",     IOP_LAYER_NVMF_RDMA,  S, DN },
  [IOP_STAGE_NVMF_RDMA_NEED_BUFFER]     = { "nvmf_rdma.need_buffer",     IOP_LAYER_NVMF_RDMA,  S, WT },
  [IOP_STAGE_NVMF_RDMA_COMPLETE]        = { "nvmf_rdma.complete",        IOP_LAYER_NVMF_RDMA,  S, UP },
  [IOP_STAGE_NVMF_RDMA_RELEASE]         = { "nvmf_rdma.release",         IOP_LAYER_NVMF_RDMA,  S, UP },

  [IOP_STAGE_LVOL_SUBMIT]               = { "lvol.submit",               IOP_LAYER_LVOL,       S, DN },
  [IOP_STAGE_LVOL_COMPLETE]             = { "lvol.complete",             IOP_LAYER_LVOL,       S, UP },
  [IOP_STAGE_BLOB_RW]                   = { "blob.rw",                   IOP_LAYER_BLOBSTORE,  S, DN },
  [IOP_STAGE_BLOB_ALLOC_CLUSTER]        = { "blob.alloc_cluster",        IOP_LAYER_BLOBSTORE,  S, DN },
  [IOP_STAGE_BLOB_MD_UPDATE]            = { "blob.md_update",            IOP_LAYER_BLOBSTORE,  S, DN },
  [IOP_STAGE_BLOB_ALLOC_QUEUED]         = { "blob.alloc_queued",         IOP_LAYER_BLOBSTORE,  S, WT },
  [IOP_STAGE_BLOB_ALLOC_DONE]           = { "blob.alloc_done",           IOP_LAYER_BLOBSTORE,  S, DN },
  [IOP_STAGE_BLOB_ALLOC_RELEASE]        = { "blob.alloc_release",        IOP_LAYER_BLOBSTORE,  S, DN },
  [IOP_STAGE_BLOB_ALLOC_CTX_FREE]       = { "blob.alloc_ctx_free",       IOP_LAYER_BLOBSTORE,  S, DN, "blob.alloc_release" },
  [IOP_STAGE_BLOB_DEV_IO]               = { "blob.dev_io",               IOP_LAYER_BLOBSTORE,  S, DN },
  [IOP_STAGE_BLOB_COMPLETE]             = { "blob.complete",             IOP_LAYER_BLOBSTORE,  S, UP },

  [IOP_STAGE_NVME_PCIE_SUBMIT]          = { "nvme_pcie.submit",          IOP_LAYER_NVME_PCIE,  S, DN },
  [IOP_STAGE_NVME_PCIE_SUBMIT_SGL]      = { "nvme_pcie.submit_sgl",      IOP_LAYER_NVME_PCIE,  S, DN, "nvme_pcie.submit" },
  [IOP_STAGE_NVME_PCIE_POLL]            = { "nvme_pcie.poll",            IOP_LAYER_NVME_PCIE,  S, UP },
  [IOP_STAGE_NVME_PCIE_TRACKER_FREE]    = { "nvme_pcie.tracker_free",    IOP_LAYER_NVME_PCIE,  S, UP },
  [IOP_STAGE_MEDIA]                     = { "media",                     IOP_LAYER_SSD,        S, DN },
  [IOP_STAGE_MEDIA_STALL]               = { "media.stall",               IOP_LAYER_SSD,        S, WT },

  [IOP_STAGE_MALLOC_SUBMIT]             = { "malloc.submit",             IOP_LAYER_MALLOC,     S, DN },
  [IOP_STAGE_ACCEL_COPY]                = { "accel.copy",                IOP_LAYER_ACCEL,      S, DN },
  [IOP_STAGE_MALLOC_COMPLETE]           = { "malloc.complete",           IOP_LAYER_MALLOC,     S, UP },
};

static const struct
{
  const char *name;
  const char *label;
  const char *short_label;
  const char *files;
} layers[IOP_N_LAYERS] = {
  [IOP_LAYER_GUEST]     = { "guest",     N_("Guest VM"),                 N_("guest"),     NULL },
  [IOP_LAYER_VFIO_USER] = { "vfio_user", N_("VFIO-user target"),         N_("vfio-user"), "lib/nvmf/vfio_user.c" },
  [IOP_LAYER_NVMF_TCP]  = { "nvmf_tcp",  N_("NVMf TCP target"),          N_("nvmf_tcp"),  "lib/nvmf/tcp.c" },
  [IOP_LAYER_NVMF]      = { "nvmf",      N_("NVMf core"),                N_("nvmf"),      "lib/nvmf/ctrlr.c, lib/nvmf/ctrlr_bdev.c" },
  [IOP_LAYER_BDEV]      = { "bdev",      N_("bdev layer"),               N_("bdev"),      "lib/bdev/bdev.c" },
  [IOP_LAYER_RAID1]     = { "raid1",     N_("RAID1"),                    N_("raid1"),     "module/bdev/raid/bdev_raid.c, module/bdev/raid/raid1.c" },
  [IOP_LAYER_BDEV_NVME] = { "bdev_nvme", N_("NVMe bdev"),                N_("bdev_nvme"), "module/bdev/nvme/bdev_nvme.c" },
  [IOP_LAYER_NVME]      = { "nvme",      N_("NVMe driver"),              N_("nvme"),      "lib/nvme/nvme_ns_cmd.c, lib/nvme/nvme_qpair.c" },
  [IOP_LAYER_NVME_RDMA] = { "nvme_rdma", N_("NVMe-oF RDMA initiator"),   N_("nvme_rdma"), "lib/nvme/nvme_rdma.c" },
  [IOP_LAYER_NVME_TCP]  = { "nvme_tcp",  N_("NVMe-oF TCP initiator"),    N_("nvme_tcp"),  "lib/nvme/nvme_tcp.c" },
  [IOP_LAYER_FABRIC]    = { "fabric",    N_("Network"),                  N_("wire"),      NULL },
  [IOP_LAYER_NVMF_RDMA] = { "nvmf_rdma", N_("NVMf RDMA target"),         N_("nvmf_rdma"), "lib/nvmf/rdma.c" },
  [IOP_LAYER_LVOL]      = { "lvol",      N_("Logical volume"),           N_("lvol"),      "module/bdev/lvol/vbdev_lvol.c" },
  [IOP_LAYER_BLOBSTORE] = { "blobstore", N_("Blobstore"),                N_("blob"),      "lib/blob/blobstore.c, lib/blob/request.c, module/blob/bdev/blob_bdev.c" },
  [IOP_LAYER_NVME_PCIE] = { "nvme_pcie", N_("NVMe over PCIe"),           N_("nvme_pcie"), "lib/nvme/nvme_pcie_common.c" },
  [IOP_LAYER_MALLOC]    = { "malloc",    N_("malloc bdev"),              N_("malloc"),    "module/bdev/malloc/bdev_malloc.c" },
  [IOP_LAYER_ACCEL]     = { "accel",     N_("Acceleration framework"),   N_("accel"),     "lib/accel/accel.c, lib/accel/accel_sw.c" },
  [IOP_LAYER_SSD]       = { "ssd",       N_("NVMe SSD"),                 N_("SSD"),       NULL },
};

const IopStageInfo *
iop_stage_info (IopStage stage)
{
  g_return_val_if_fail ((guint)stage < IOP_N_STAGES, NULL);
  return &stages[stage];
}

int
iop_stage_from_key (const char *key)
{
  static GHashTable *index;

  if (g_once_init_enter (&index))
    {
      GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
      for (int i = 0; i < IOP_N_STAGES; i++)
        if (stages[i].key != NULL)
          g_hash_table_insert (h, (gpointer)stages[i].key, GINT_TO_POINTER (i + 1));
      g_once_init_leave (&index, h);
    }
  if (key == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (index, key)) - 1;
}

const char *
iop_layer_name (IopLayer layer)
{
  g_return_val_if_fail ((guint)layer < IOP_N_LAYERS, "?");
  return layers[layer].name;
}

const char *
iop_layer_label (IopLayer layer)
{
  g_return_val_if_fail ((guint)layer < IOP_N_LAYERS, "?");
  return _(layers[layer].label);
}

const char *
iop_layer_short_label (IopLayer layer)
{
  g_return_val_if_fail ((guint)layer < IOP_N_LAYERS, "?");
  return _(layers[layer].short_label);
}

const char *
iop_layer_spdk_files (IopLayer layer)
{
  g_return_val_if_fail ((guint)layer < IOP_N_LAYERS, NULL);
  return layers[layer].files;
}

const char *
iop_direction_name (IopDirection direction)
{
  static const char *const names[] = { "down", "up", "wait", "control" };

  g_return_val_if_fail ((guint)direction < G_N_ELEMENTS (names), "?");
  return names[direction];
}
