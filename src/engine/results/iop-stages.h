/* iop-stages.h: every step a trace can hold, in one table
 *
 * A stage is what one SPDK function does for the I/O at one point of its
 * path. Its key names it everywhere: the source reference per tag
 * (data/spdk-refs.json), the explanation (iop-explanations.c), the painter.
 * The table says which layer (engine module, SPDK file) runs it, on which
 * side of the deployment, and which way the I/O moves. Nothing infers these
 * from the key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The engine's modules, one per SPDK layer (docs/engine-map.md) */
typedef enum
{
  IOP_LAYER_GUEST,        /* the VM's NVMe driver (not SPDK) */
  IOP_LAYER_VFIO_USER,    /* lib/nvmf/vfio_user.c */
  IOP_LAYER_NVMF_TCP,     /* lib/nvmf/tcp.c */
  IOP_LAYER_NVMF,         /* lib/nvmf/ctrlr.c, ctrlr_bdev.c */
  IOP_LAYER_BDEV,         /* lib/bdev/bdev.c */
  IOP_LAYER_RAID1,        /* module/bdev/raid/bdev_raid.c, raid1.c */
  IOP_LAYER_BDEV_NVME,    /* module/bdev/nvme/bdev_nvme.c */
  IOP_LAYER_NVME,         /* lib/nvme/nvme_ns_cmd.c, nvme_qpair.c */
  IOP_LAYER_NVME_RDMA,    /* lib/nvme/nvme_rdma.c */
  IOP_LAYER_NVME_TCP,     /* lib/nvme/nvme_tcp.c */
  IOP_LAYER_FABRIC,       /* the wire: NICs, links, retransmission */
  IOP_LAYER_NVMF_RDMA,    /* lib/nvmf/rdma.c */
  IOP_LAYER_LVOL,         /* module/bdev/lvol/vbdev_lvol.c */
  IOP_LAYER_BLOBSTORE,    /* lib/blob/blobstore.c, request.c, module/blob/bdev/blob_bdev.c */
  IOP_LAYER_NVME_PCIE,    /* lib/nvme/nvme_pcie_common.c */
  IOP_LAYER_MALLOC,       /* module/bdev/malloc/bdev_malloc.c */
  IOP_LAYER_ACCEL,        /* lib/accel, the software module */
  IOP_LAYER_SSD,          /* the NVMe device itself */
  IOP_N_LAYERS
} IopLayer;

/* Which way the I/O moves at a step */
typedef enum
{
  IOP_DIR_DOWN,       /* towards the media */
  IOP_DIR_UP,         /* the completion, back towards the guest */
  IOP_DIR_WAIT,       /* the I/O waits here for a resource or a path */
  IOP_DIR_CONTROL,    /* a controller, link or array event, not the I/O itself */
} IopDirection;

/* Where in the deployment a stage can run */
typedef enum
{
  IOP_SIDE_BAREMETAL,
  IOP_SIDE_NETWORK,
  IOP_SIDE_STORAGE,
  IOP_SIDE_ANY,       /* a layer both hosts run (nvmf, bdev, bdev_nvme, nvme) */
} IopSide;

typedef enum
{
  /* Guest */
  IOP_STAGE_GUEST_SUBMIT,
  IOP_STAGE_GUEST_QUEUE_FULL,
  IOP_STAGE_GUEST_COMPLETE,
  /* VFIO-user */
  IOP_STAGE_VFU_POLL,
  IOP_STAGE_VFU_CMD_REQ,
  IOP_STAGE_VFU_COMPLETE,
  /* NVMf TCP target (either host) */
  IOP_STAGE_NVMF_TCP_RECV,
  IOP_STAGE_NVMF_TCP_WAIT_REQ,
  IOP_STAGE_NVMF_TCP_IN_CAPSULE,
  IOP_STAGE_NVMF_TCP_GET_BUFFERS,
  IOP_STAGE_NVMF_TCP_NEED_BUFFER,
  IOP_STAGE_NVMF_TCP_COMPLETE,
  IOP_STAGE_NVMF_TCP_RELEASE,
  /* NVMf core */
  IOP_STAGE_NVMF_EXEC,
  IOP_STAGE_NVMF_BDEV_RW,
  IOP_STAGE_NVMF_COMPLETE,
  IOP_STAGE_NVMF_KEEP_ALIVE_TIMEOUT,
  /* bdev */
  IOP_STAGE_BDEV_GET_IO,
  IOP_STAGE_BDEV_IO_WAIT,
  IOP_STAGE_BDEV_SUBMIT,
  IOP_STAGE_BDEV_NOMEM,
  IOP_STAGE_BDEV_GET_BUF,
  IOP_STAGE_BDEV_SPLIT,
  IOP_STAGE_BDEV_SPLIT_DONE,
  IOP_STAGE_BDEV_COMPLETE,
  IOP_STAGE_BDEV_FREE_IO,
  /* RAID1 */
  IOP_STAGE_RAID_SUBMIT,
  IOP_STAGE_RAID1_READ,
  IOP_STAGE_RAID1_WRITE,
  IOP_STAGE_RAID1_WRITE_SKIP,
  IOP_STAGE_RAID1_READ_COMPLETE,
  IOP_STAGE_RAID1_WRITE_COMPLETE,
  IOP_STAGE_RAID1_WRITE_LEG_FAILED,
  IOP_STAGE_RAID1_READ_OTHER,
  IOP_STAGE_RAID1_READ_REPAIR,
  IOP_STAGE_RAID_FAIL_BASE,
  IOP_STAGE_RAID_REMOVE_BASE,
  /* bdev_nvme */
  IOP_STAGE_BDEV_NVME_SUBMIT,
  IOP_STAGE_BDEV_NVME_COMPLETE,
  IOP_STAGE_BDEV_NVME_HOLD,
  IOP_STAGE_BDEV_NVME_RETRY,
  IOP_STAGE_BDEV_NVME_IO_FAILED,
  IOP_STAGE_BDEV_NVME_ABORT_RETRY,
  IOP_STAGE_BDEV_NVME_RESET_START,
  IOP_STAGE_BDEV_NVME_ADMINQ_FAILOVER,
  IOP_STAGE_BDEV_NVME_RESET_FAILED,
  IOP_STAGE_BDEV_NVME_RESET_OK,
  IOP_STAGE_BDEV_NVME_RECONNECT,
  IOP_STAGE_BDEV_NVME_CTRLR_LOSS,
  /* NVMe driver */
  IOP_STAGE_NVME_NS_CMD,        /* one contiguous buffer: *_with_md */
  IOP_STAGE_NVME_NS_CMD_V,      /* an iovec: *v_with_md */
  IOP_STAGE_NVME_QUEUED,
  IOP_STAGE_NVME_COMPLETE,
  IOP_STAGE_NVME_TIMEOUT,
  /* NVMe-oF RDMA initiator */
  IOP_STAGE_NVME_RDMA_SUBMIT_INLINE,      /* nvme_rdma_build_contig_inline_request */
  IOP_STAGE_NVME_RDMA_SUBMIT_INLINE_SGL,  /* fits in capsule, several buffers: nvme_rdma_build_sgl_inline_request
                                           * (v26.01) or _iov_inline_request (v26.05) hands it to the keyed builder */
  IOP_STAGE_NVME_RDMA_SUBMIT_KEYED,       /* nvme_rdma_build_contig_request */
  IOP_STAGE_NVME_RDMA_SUBMIT_KEYED_SGL,   /* nvme_rdma_build_sgl_request (v26.01), _iov_request (v26.05) */
  IOP_STAGE_NVME_RDMA_POLL,
  IOP_STAGE_NVME_RDMA_REQ_PUT,
  IOP_STAGE_NVME_RDMA_WC_ERROR,
  /* NVMe-oF TCP initiator */
  IOP_STAGE_NVME_TCP_SUBMIT,
  IOP_STAGE_NVME_TCP_H2C,
  IOP_STAGE_NVME_TCP_POLL,
  IOP_STAGE_NVME_TCP_REQ_PUT,
  /* The wire */
  IOP_STAGE_NET_GUEST_CMD,
  IOP_STAGE_NET_CMD_CAPSULE,
  IOP_STAGE_NET_TCP_CAPSULE,
  IOP_STAGE_NET_RDMA_READ,
  IOP_STAGE_NET_RDMA_WRITE,
  IOP_STAGE_NET_RESP_CAPSULE,
  IOP_STAGE_NET_R2T,
  IOP_STAGE_NET_H2C_DATA,
  IOP_STAGE_NET_C2H_DATA,
  IOP_STAGE_NET_TCP_RESP,
  IOP_STAGE_NET_LOST,
  IOP_STAGE_NET_LINK_DOWN,
  IOP_STAGE_NET_LINK_UP,
  /* NVMf RDMA target */
  IOP_STAGE_NVMF_RDMA_RECV,
  IOP_STAGE_NVMF_RDMA_WAIT_REQ,
  IOP_STAGE_NVMF_RDMA_IN_CAPSULE,
  IOP_STAGE_NVMF_RDMA_DATA_WRS,
  IOP_STAGE_NVMF_RDMA_GET_BUFFERS,
  IOP_STAGE_NVMF_RDMA_NEED_BUFFER,
  IOP_STAGE_NVMF_RDMA_COMPLETE,
  IOP_STAGE_NVMF_RDMA_RELEASE,
  /* lvol and blobstore */
  IOP_STAGE_LVOL_SUBMIT,
  IOP_STAGE_LVOL_COMPLETE,
  IOP_STAGE_BLOB_RW,
  IOP_STAGE_BLOB_ALLOC_CLUSTER,
  IOP_STAGE_BLOB_MD_UPDATE,
  IOP_STAGE_BLOB_ALLOC_QUEUED,   /* another allocation in flight on the channel */
  IOP_STAGE_BLOB_ALLOC_DONE,
  IOP_STAGE_BLOB_ALLOC_RELEASE,  /* bs_user_op_execute gives the user op's set back */
  IOP_STAGE_BLOB_ALLOC_CTX_FREE, /* the copy context, then the cluster op context */
  IOP_STAGE_BLOB_DEV_IO,
  IOP_STAGE_BLOB_COMPLETE,
  /* Local NVMe over PCIe, and the device */
  IOP_STAGE_NVME_PCIE_SUBMIT,       /* one contiguous buffer: PRPs */
  IOP_STAGE_NVME_PCIE_SUBMIT_SGL,   /* an iovec: PRPs built from the SGL */
  IOP_STAGE_NVME_PCIE_POLL,
  IOP_STAGE_NVME_PCIE_TRACKER_FREE,
  IOP_STAGE_MEDIA,
  IOP_STAGE_MEDIA_STALL,
  /* malloc bdev */
  IOP_STAGE_MALLOC_SUBMIT,
  IOP_STAGE_ACCEL_COPY,
  IOP_STAGE_MALLOC_COMPLETE,
  IOP_N_STAGES
} IopStage;

typedef struct
{
  const char   *key;          /* "nvme_rdma.req_put": docs/step-keys.md */
  IopLayer      layer;
  IopSide       side;
  IopDirection  direction;
  const char   *explanation;  /* explanation key, when it is not KEY itself */
} IopStageInfo;

const IopStageInfo *iop_stage_info        (IopStage stage);
/* The stage of KEY, or -1 */
int                 iop_stage_from_key    (const char *key);

const char         *iop_layer_name        (IopLayer layer);      /* "nvme_rdma" */
const char         *iop_layer_label       (IopLayer layer);      /* translated, "NVMe-oF RDMA initiator" */
const char         *iop_layer_short_label (IopLayer layer);      /* translated, short: "nvme_rdma" */
const char         *iop_layer_spdk_files  (IopLayer layer);      /* "lib/nvme/nvme_rdma.c" */
const char         *iop_direction_name    (IopDirection direction);  /* "down" */

G_END_DECLS
