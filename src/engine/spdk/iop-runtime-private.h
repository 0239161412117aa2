/* iop-runtime-private.h: what the iop-runtime*.c files share
 *
 * iop-runtime.c reads the dumps; iop-runtime-explain.c sorts them by host
 * and runs the explainers of the other files over an Explain, the state of
 * one host's explanation. Each explainer adds findings to that host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-runtime.h"

G_BEGIN_DECLS

struct _IopRuntime
{
  GPtrArray *dumps;   /* IopDump */
  GPtrArray *hosts;   /* IopRuntimeHost */
};

/* The messages iop-runtime-logs.c looks for in SPDK's logs */
#define IOP_RT_N_LOG_RULES 31

typedef struct
{
  IopRuntimeHost *host;
  IopDump        *of[IOP_DUMP_N_KINDS];   /* the latest dump of each kind */
  IopDump        *iobuf_first;            /* the earlier of two iobuf samples */
  GString        *log_lines[IOP_RT_N_LOG_RULES];
  guint           log_count[IOP_RT_N_LOG_RULES];
  GHashTable     *log_files[IOP_RT_N_LOG_RULES];
  int             n_reactors;
  guint           n_poll_groups;
  IopSpdkVersion  version;
  gboolean        version_known;
} Explain;

/* One pool of one module in an iobuf_get_stats dump */
typedef struct
{
  gint64 cache, main, retry, cache_size;
  gboolean has_cache_size;
} PoolCounts;

/* iop-runtime.c: the dumps and hosts */
void            iop_rt_poller_free            (gpointer       p);
int             iop_rt_compare_names          (gconstpointer  a,
                                               gconstpointer  b);
IopRuntimeHost *iop_rt_host_new               (const char    *name);

/* iop-runtime-explain.c: helpers every explainer uses */
IopFinding     *iop_rt_add_finding            (Explain       *ex,
                                               IopSeverity    severity,
                                               const char    *id,
                                               const char    *knob,
                                               const char    *title,
                                               const char    *evidence);
JsonObject     *iop_rt_dump_object            (IopDump       *d);
JsonArray      *iop_rt_dump_array             (IopDump       *d);

/* iop-runtime-threads.c: threads, pollers, reactors */
double          iop_rt_tick_rate_of           (IopDump       *d);
void            iop_rt_read_threads           (Explain       *ex);
char           *iop_rt_threads_with_poller    (Explain       *ex,
                                               const char    *name);
gboolean        iop_rt_is_data_thread         (IopThreadInfo *t);
void            iop_rt_explain_control_plane  (Explain       *ex);
void            iop_rt_explain_threads        (Explain       *ex);
void            iop_rt_explain_timed_pollers  (Explain       *ex);

/* iop-runtime-roles.c: the roles a host plays */
void            iop_rt_find_roles             (Explain       *ex);
gboolean        iop_rt_has_role               (Explain       *ex,
                                               const char    *role);
void            iop_rt_explain_roles          (Explain       *ex);

/* iop-runtime-iobuf.c: the iobuf pools and caches */
gboolean        iop_rt_iobuf_counts           (IopDump       *d,
                                               const char    *module,
                                               const char    *pool,
                                               PoolCounts    *out);
void            iop_rt_explain_iobuf          (Explain       *ex);
void            iop_rt_explain_pool_headroom  (Explain       *ex);

/* iop-runtime-nvme.c: NVMf, NVMe, bdev */
void            iop_rt_explain_nvmf           (Explain       *ex);
void            iop_rt_explain_nvme           (Explain       *ex);
void            iop_rt_explain_iostat         (Explain       *ex);
void            iop_rt_explain_config         (Explain       *ex);

/* iop-runtime-logs.c: SPDK's own messages in its logs */
gboolean        iop_rt_text_looks_like_spdk   (const char    *text);
guint           iop_rt_log_matches            (const char    *text);
void            iop_rt_scan_log               (Explain       *ex,
                                               IopDump       *d);
void            iop_rt_explain_logs           (Explain       *ex);

G_END_DECLS
