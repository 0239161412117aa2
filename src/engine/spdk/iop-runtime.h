/* iop-runtime.h: reading and explaining the dumps of a running SPDK
 *
 * Each file (or a folder of them) is recognised from its content, never its
 * name: the JSON that iobuf_get_stats, thread_get_pollers, thread_get_stats,
 * framework_get_reactors, thread_get_io_channels, bdev_nvme_get_controllers,
 * bdev_nvme_get_io_paths, bdev_get_iostat, bdev_get_bdevs, bdev_raid_get_bdevs,
 * bdev_lvol_get_lvstores, nvmf_get_subsystems, nvmf_get_stats,
 * nvmf_get_transports, framework_get_subsystems, save_config, spdk_get_version
 * and rpc_get_methods return, and the text of spdk_tgt's log or of rpc.py's
 * output, where SPDK's own messages about pools and queues are looked for.
 *
 * The explanation says which roles the host plays, which lcore is the control
 * plane, which threads are hot and what their pollers do, how the iobuf pools
 * fare, and where to look first. Each finding has a severity, a title, the
 * numbers behind it and the knob to turn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-version.h"

G_BEGIN_DECLS

/* Files above this size are refused (IOP_JSON_MAX_BYTES, 64 MiB) */
#define IOP_RUNTIME_MAX_BYTES (64 * 1024 * 1024)

typedef enum
{
  IOP_DUMP_UNKNOWN,
  IOP_DUMP_IOBUF_GET_STATS,
  IOP_DUMP_THREAD_GET_POLLERS,
  IOP_DUMP_THREAD_GET_STATS,
  IOP_DUMP_FRAMEWORK_GET_REACTORS,
  IOP_DUMP_THREAD_GET_IO_CHANNELS,
  IOP_DUMP_BDEV_NVME_GET_CONTROLLERS,
  IOP_DUMP_BDEV_NVME_GET_IO_PATHS,
  IOP_DUMP_BDEV_GET_IOSTAT,
  IOP_DUMP_BDEV_GET_BDEVS,
  IOP_DUMP_BDEV_RAID_GET_BDEVS,
  IOP_DUMP_BDEV_LVOL_GET_LVSTORES,
  IOP_DUMP_NVMF_GET_SUBSYSTEMS,
  IOP_DUMP_NVMF_GET_STATS,
  IOP_DUMP_NVMF_GET_TRANSPORTS,
  IOP_DUMP_FRAMEWORK_GET_SUBSYSTEMS,
  IOP_DUMP_SAVE_CONFIG,
  IOP_DUMP_SPDK_GET_VERSION,
  IOP_DUMP_RPC_GET_METHODS,
  IOP_DUMP_EMPTY_LIST,     /* [] : any list RPC with nothing in it */
  IOP_DUMP_LOG,            /* text with SPDK's log lines or rpc.py's output */
  IOP_DUMP_SKIPPED,        /* not read: see the note */
  IOP_DUMP_N_KINDS,
} IopDumpKind;

/* The RPC method for the JSON kinds ("iobuf_get_stats"), else "empty list",
 * "log", "unknown", "skipped" */
const char  *iop_dump_kind_name (IopDumpKind kind);
/* Recognises a JSON-RPC result (or a whole {"jsonrpc", "result"} reply) by its shape */
IopDumpKind  iop_dump_classify  (JsonNode *node);

typedef struct
{
  char        *path;       /* file, or "live:METHOD" */
  char        *group;      /* host the dump is taken to belong to */
  IopDumpKind  kind;
  JsonNode    *node;       /* the result, for JSON kinds */
  char        *text;       /* for IOP_DUMP_LOG */
  char        *note;       /* translated: what it is, or why it was skipped */
  gint64       order;      /* for two samples of one kind: smaller is earlier */
} IopDump;

typedef enum
{
  IOP_SEVERITY_INFO,
  IOP_SEVERITY_NOTICE,
  IOP_SEVERITY_WARNING,
  IOP_SEVERITY_ERROR,
} IopSeverity;

const char *iop_severity_name (IopSeverity severity);   /* "info", "notice", "warning", "error" */

typedef struct
{
  IopSeverity  severity;
  char        *id;         /* stable, e.g. "iobuf-no-starvation" */
  char        *title;      /* translated */
  char        *evidence;   /* translated, with the numbers */
  char        *knob;       /* "method.param" or NULL */
} IopFinding;

typedef struct
{
  char   *name;
  gint64  id;
  gint64  run_count;
  gint64  busy_count;
  gint64  period_ticks;    /* 0 for active pollers */
  double  period_s;        /* period_ticks / tick rate; -1 unknown */
} IopPollerInfo;

typedef struct
{
  char      *name;
  int        lcore;        /* -1 unknown */
  char      *cpumask;
  double     busy_pct;     /* -1 unknown */
  GPtrArray *active_pollers;   /* IopPollerInfo */
  GPtrArray *timed_pollers;    /* IopPollerInfo */
  GPtrArray *io_channels;      /* char * */
} IopThreadInfo;

/* Roles a host plays, from what its dumps show */
#define IOP_ROLE_VFIOUSER_TARGET "vfiouser_target"
#define IOP_ROLE_RDMA_TARGET     "rdma_target"
#define IOP_ROLE_TCP_TARGET      "tcp_target"
#define IOP_ROLE_NVMF_INITIATOR  "nvmf_initiator"
#define IOP_ROLE_LOCAL_NVME      "local_nvme"
#define IOP_ROLE_LOCAL_MALLOC    "local_malloc"   /* a RAM bdev under the data: a test stand-in for NVMe */

typedef struct
{
  char      *name;         /* the group: "baremetal", "storage" ... */
  GPtrArray *dumps;        /* IopDump, borrowed from the runtime */
  GPtrArray *roles;        /* char * */
  GHashTable *role_evidence; /* role -> translated evidence */
  GPtrArray *threads;      /* IopThreadInfo */
  GPtrArray *findings;     /* IopFinding, "where to look first" first, then by severity */
  int        control_lcore;
  double     tick_rate;    /* 0 unknown */
  char      *spdk_version; /* "SPDK v26.01" or NULL */
} IopRuntimeHost;

typedef struct _IopRuntime IopRuntime;

IopRuntime      *iop_runtime_new            (void);
void             iop_runtime_free           (IopRuntime *self);

/* A file or a folder. A missing, unreadable, oversized or broken file given
 * by name is an error; inside a folder it is listed as skipped with the
 * reason. */
gboolean         iop_runtime_add_path       (IopRuntime  *self,
                                             const char  *path,
                                             GError     **error);
/* DATA as if read from a file named NAME */
gboolean         iop_runtime_add_data       (IopRuntime  *self,
                                             const char  *name,
                                             const char  *data,
                                             gsize        len,
                                             GError     **error);
/* A result received from a live SPDK; GROUP names the host */
void             iop_runtime_add_node       (IopRuntime  *self,
                                             const char  *group,
                                             const char  *name,
                                             JsonNode    *result);

GPtrArray       *iop_runtime_get_dumps      (IopRuntime  *self);   /* IopDump */
/* Groups the dumps by host and explains each. Call after adding. */
GPtrArray       *iop_runtime_explain        (IopRuntime  *self);   /* IopRuntimeHost */
/* {"files": [...], "hosts": [...], "roles": [...], "threads": [...], "findings": [...]};
 * the last three merge every host, each thread and finding naming its "host". */
JsonNode        *iop_runtime_to_json        (IopRuntime  *self);
/* The explanation as text for a terminal */
char            *iop_runtime_to_text        (IopRuntime  *self);

/* Per-second rates between two live samples: objects {METHOD: result}.
 * {"interval_s", "iobuf": [{"module", "small": {"cache", "main", "retry"},
 * "large": {...}}], "threads": [{"name", "busy_pct"}]} */
JsonNode        *iop_runtime_rates          (JsonNode    *before,
                                             JsonNode    *after,
                                             double       seconds);
char            *iop_runtime_rates_to_text  (JsonNode    *rates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopRuntime, iop_runtime_free)

G_END_DECLS
