/* iop-runtime.c: reading and explaining the dumps of a running SPDK
 *
 * What each RPC writes was read in SPDK's source at v26.01 and v26.05:
 * iobuf_get_stats (module/event/subsystems/iobuf/iobuf_rpc.c; v26.05 adds
 * cache_size), thread_get_pollers / thread_get_stats / thread_get_io_channels /
 * framework_get_reactors (lib/event/app_rpc.c; period_ticks only for timed
 * pollers), nvmf_get_stats (lib/nvmf/nvmf_rpc.c, with tick_rate). Poller names:
 * a transport poll group registers "nvmf_<TRANSPORT>" (lib/nvmf/transport.c),
 * its acceptor nvmf_tcp_accept / nvmf_rdma_accept / nvmf_vfio_user_accept;
 * nvmf_ctrlr_keep_alive_poll's period is the host's KATO (lib/nvmf/ctrlr.c);
 * bdev_nvme_poll's period is nvme_ioq_poll_period_us, bdev_nvme_poll_adminq's
 * nvme_adminq_poll_period_us (module/bdev/nvme/bdev_nvme.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-runtime.h"
#include "iop-format.h"

G_STATIC_ASSERT (IOP_RUNTIME_MAX_BYTES == IOP_JSON_MAX_BYTES);

struct _IopRuntime
{
  GPtrArray *dumps;   /* IopDump */
  GPtrArray *hosts;   /* IopRuntimeHost */
};

static const char *const kind_names[IOP_DUMP_N_KINDS] = {
  [IOP_DUMP_UNKNOWN] = "unknown",
  [IOP_DUMP_IOBUF_GET_STATS] = "iobuf_get_stats",
  [IOP_DUMP_THREAD_GET_POLLERS] = "thread_get_pollers",
  [IOP_DUMP_THREAD_GET_STATS] = "thread_get_stats",
  [IOP_DUMP_FRAMEWORK_GET_REACTORS] = "framework_get_reactors",
  [IOP_DUMP_THREAD_GET_IO_CHANNELS] = "thread_get_io_channels",
  [IOP_DUMP_BDEV_NVME_GET_CONTROLLERS] = "bdev_nvme_get_controllers",
  [IOP_DUMP_BDEV_NVME_GET_IO_PATHS] = "bdev_nvme_get_io_paths",
  [IOP_DUMP_BDEV_GET_IOSTAT] = "bdev_get_iostat",
  [IOP_DUMP_BDEV_GET_BDEVS] = "bdev_get_bdevs",
  [IOP_DUMP_BDEV_RAID_GET_BDEVS] = "bdev_raid_get_bdevs",
  [IOP_DUMP_BDEV_LVOL_GET_LVSTORES] = "bdev_lvol_get_lvstores",
  [IOP_DUMP_NVMF_GET_SUBSYSTEMS] = "nvmf_get_subsystems",
  [IOP_DUMP_NVMF_GET_STATS] = "nvmf_get_stats",
  [IOP_DUMP_NVMF_GET_TRANSPORTS] = "nvmf_get_transports",
  [IOP_DUMP_FRAMEWORK_GET_SUBSYSTEMS] = "framework_get_subsystems",
  [IOP_DUMP_SAVE_CONFIG] = "save_config",
  [IOP_DUMP_SPDK_GET_VERSION] = "spdk_get_version",
  [IOP_DUMP_RPC_GET_METHODS] = "rpc_get_methods",
  [IOP_DUMP_EMPTY_LIST] = "empty list",
  [IOP_DUMP_LOG] = "log",
  [IOP_DUMP_SKIPPED] = "skipped",
};

const char *
iop_dump_kind_name (IopDumpKind kind)
{
  g_return_val_if_fail (kind < IOP_DUMP_N_KINDS, "unknown");
  return kind_names[kind];
}

const char *
iop_severity_name (IopSeverity severity)
{
  switch (severity)
    {
    case IOP_SEVERITY_ERROR: return "error";
    case IOP_SEVERITY_WARNING: return "warning";
    case IOP_SEVERITY_NOTICE: return "notice";
    case IOP_SEVERITY_INFO:
    default: return "info";
    }
}

/* --- Recognising dumps --------------------------------------------------- */

static JsonNode *
unwrap_reply (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);

      if (json_object_has_member (o, "jsonrpc") && json_object_has_member (o, "result"))
        return json_object_get_member (o, "result");
    }
  return node;
}

static gboolean
has (JsonObject *o,
     const char *member)
{
  return o != NULL && json_object_has_member (o, member);
}

IopDumpKind
iop_dump_classify (JsonNode *node)
{
  node = unwrap_reply (node);
  if (node == NULL)
    return IOP_DUMP_UNKNOWN;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      JsonNode *first;
      JsonObject *o;

      if (json_array_get_length (a) == 0)
        return IOP_DUMP_EMPTY_LIST;
      first = json_array_get_element (a, 0);
      if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
        return IOP_DUMP_RPC_GET_METHODS;
      if (!JSON_NODE_HOLDS_OBJECT (first))
        return IOP_DUMP_UNKNOWN;
      o = json_node_get_object (first);
      if (has (o, "module") && (has (o, "small_pool") || has (o, "large_pool")))
        return IOP_DUMP_IOBUF_GET_STATS;
      if (has (o, "ctrlrs"))
        return IOP_DUMP_BDEV_NVME_GET_CONTROLLERS;
      if (has (o, "nqn") && has (o, "subtype"))
        return IOP_DUMP_NVMF_GET_SUBSYSTEMS;
      if (has (o, "raid_level") && (has (o, "base_bdevs_list") || has (o, "num_base_bdevs")))
        return IOP_DUMP_BDEV_RAID_GET_BDEVS;
      if (has (o, "product_name") && has (o, "block_size"))
        return IOP_DUMP_BDEV_GET_BDEVS;
      if (has (o, "total_data_clusters") || (has (o, "cluster_size") && has (o, "base_bdev")))
        return IOP_DUMP_BDEV_LVOL_GET_LVSTORES;
      if (has (o, "trtype") && has (o, "max_queue_depth"))
        return IOP_DUMP_NVMF_GET_TRANSPORTS;
      if (has (o, "subsystem") && has (o, "depends_on"))
        return IOP_DUMP_FRAMEWORK_GET_SUBSYSTEMS;
      return IOP_DUMP_UNKNOWN;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      JsonArray *threads = iop_json_get_array (o, "threads");
      JsonArray *pgs = iop_json_get_array (o, "poll_groups");

      if (iop_json_get_array (o, "subsystems") != NULL)
        return IOP_DUMP_SAVE_CONFIG;
      if (iop_json_get_str (o, "version") != NULL && has (o, "fields"))
        return IOP_DUMP_SPDK_GET_VERSION;
      if (iop_json_get_array (o, "reactors") != NULL)
        return IOP_DUMP_FRAMEWORK_GET_REACTORS;
      if (threads != NULL && json_array_get_length (threads) > 0)
        {
          JsonNode *t = json_array_get_element (threads, 0);
          JsonObject *to = JSON_NODE_HOLDS_OBJECT (t) ? json_node_get_object (t) : NULL;

          if (has (to, "active_pollers") || has (to, "timed_pollers"))
            return IOP_DUMP_THREAD_GET_POLLERS;
          if (has (to, "io_channels"))
            return IOP_DUMP_THREAD_GET_IO_CHANNELS;
          if (has (to, "busy") && has (to, "idle"))
            return IOP_DUMP_THREAD_GET_STATS;
          return IOP_DUMP_UNKNOWN;
        }
      if (iop_json_get_array (o, "bdevs") != NULL && (has (o, "ticks") || has (o, "tick_rate")))
        return IOP_DUMP_BDEV_GET_IOSTAT;
      if (pgs != NULL)
        {
          JsonNode *g = json_array_get_length (pgs) ? json_array_get_element (pgs, 0) : NULL;
          JsonObject *go = g && JSON_NODE_HOLDS_OBJECT (g) ? json_node_get_object (g) : NULL;

          if (has (go, "io_paths"))
            return IOP_DUMP_BDEV_NVME_GET_IO_PATHS;
          if (has (go, "admin_qpairs") || has (go, "io_qpairs") || has (o, "tick_rate"))
            return IOP_DUMP_NVMF_GET_STATS;
          /* bdev_nvme_get_io_paths writes no tick rate */
          return IOP_DUMP_BDEV_NVME_GET_IO_PATHS;
        }
    }
  return IOP_DUMP_UNKNOWN;
}

static void
dump_free (gpointer p)
{
  IopDump *d = p;

  g_free (d->path);
  g_free (d->group);
  g_clear_pointer (&d->node, json_node_unref);
  g_free (d->text);
  g_free (d->note);
  g_free (d);
}

static void
poller_free (gpointer p)
{
  IopPollerInfo *pi = p;

  g_free (pi->name);
  g_free (pi);
}

static void
thread_free (gpointer p)
{
  IopThreadInfo *t = p;

  g_free (t->name);
  g_free (t->cpumask);
  g_ptr_array_unref (t->active_pollers);
  g_ptr_array_unref (t->timed_pollers);
  g_ptr_array_unref (t->io_channels);
  g_free (t);
}

static void
finding_free (gpointer p)
{
  IopFinding *f = p;

  g_free (f->id);
  g_free (f->title);
  g_free (f->evidence);
  g_free (f->knob);
  g_free (f);
}

static void
host_free (gpointer p)
{
  IopRuntimeHost *h = p;

  g_free (h->name);
  g_ptr_array_unref (h->dumps);
  g_ptr_array_unref (h->roles);
  g_hash_table_unref (h->role_evidence);
  g_ptr_array_unref (h->threads);
  g_ptr_array_unref (h->findings);
  g_free (h->spdk_version);
  g_free (h);
}

IopRuntime *
iop_runtime_new (void)
{
  IopRuntime *self = g_new0 (IopRuntime, 1);

  self->dumps = g_ptr_array_new_with_free_func (dump_free);
  self->hosts = g_ptr_array_new_with_free_func (host_free);
  return self;
}

void
iop_runtime_free (IopRuntime *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->hosts);
  g_ptr_array_unref (self->dumps);
  g_free (self);
}

GPtrArray *
iop_runtime_get_dumps (IopRuntime *self)
{
  return self->dumps;
}

static char *
group_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strchr (base, '.');

  if (dot == NULL || dot == base)
    return g_strdup (base);
  return g_strndup (base, dot - base);
}

/* --- Logs: SPDK's own messages (docs/spdk-facts.md, shared messages list) --- */

typedef struct
{
  const char  *id;
  const char  *needle;
  IopSeverity  severity;
  const char  *title;
  const char  *knob;
} LogRule;

static const LogRule log_rules[] = {
  { "log-iobuf-small-populate", "iobuf small buffer cache at", IOP_SEVERITY_ERROR,
    N_("A module could not fill its small iobuf cache: the small pool is smaller than the caches of every thread need"),
    "iobuf_set_options.small_pool_count" },
  { "log-iobuf-large-populate", "iobuf large buffer cache at", IOP_SEVERITY_ERROR,
    N_("A module could not fill its large iobuf cache: the large pool is smaller than the caches of every thread need"),
    "iobuf_set_options.large_pool_count" },
  { "log-iobuf-small-pool", "small iobuf pool", IOP_SEVERITY_ERROR,
    N_("SPDK could not allocate the small iobuf pool"), "iobuf_set_options.small_pool_count" },
  { "log-iobuf-large-pool", "large iobuf pool", IOP_SEVERITY_ERROR,
    N_("SPDK could not allocate the large iobuf pool"), "iobuf_set_options.large_pool_count" },
  { "log-iobuf-small-min", "small_pool_count must be at least", IOP_SEVERITY_ERROR,
    N_("small_pool_count is below SPDK's minimum"), "iobuf_set_options.small_pool_count" },
  { "log-iobuf-large-min", "large_pool_count must be at least", IOP_SEVERITY_ERROR,
    N_("large_pool_count is below SPDK's minimum"), "iobuf_set_options.large_pool_count" },
  { "log-bdev-io-pool", "is not compatible with bdev_io_cache_size", IOP_SEVERITY_ERROR,
    N_("bdev_set_options was refused: bdev_io_pool_size is smaller than bdev_io_cache_size × (threads + 1)"),
    "bdev_set_options.bdev_io_pool_size" },
  { "log-bdev-io-pool", "too small for cache size", IOP_SEVERITY_ERROR,
    N_("bdev_set_options was refused: bdev_io_pool_size is smaller than bdev_io_cache_size × (threads + 1)"),
    "bdev_set_options.bdev_io_pool_size" },
  { "log-bdev-io-pool-empty", "You need to increase bdev_io_pool_size", IOP_SEVERITY_ERROR,
    N_("A thread could not fill its bdev_io cache from the bdev_io pool"), "bdev_set_options.bdev_io_pool_size" },
  { "log-transport-buffers", "There are not enough buffers to satisfy", IOP_SEVERITY_ERROR,
    N_("The transport's shared buffers cannot fill every poll group's cache"), "nvmf_create_transport.num_shared_buffers" },
  { "log-shared-buffers", "is larger than the available iobuf pool size", IOP_SEVERITY_WARNING,
    N_("The transport counts on more shared buffers than the iobuf pool holds"), "nvmf_create_transport.num_shared_buffers" },
  { "log-pg-cache", "Unable to reserve the full number of buffers for the pg buffer cache", IOP_SEVERITY_ERROR,
    N_("A poll group could not reserve its transport buffer cache from the iobuf pool"), "nvmf_create_transport.buf_cache_size" },
  { "log-transport-cache-limited", "is larger than iobuf small buffer count", IOP_SEVERITY_WARNING,
    N_("The transport's per-core small cache was larger than the pool; SPDK cut it to half the pool"),
    "nvmf_create_transport.iobuf_small_cache_size" },
  { "log-transport-cache-limited", "is larger than iobuf large buffer count", IOP_SEVERITY_WARNING,
    N_("The transport's per-core large cache was larger than the pool; SPDK cut it to half the pool"),
    "nvmf_create_transport.iobuf_large_cache_size" },
  { "log-io-unit-size", "is larger than iobuf pool large buffer size", IOP_SEVERITY_ERROR,
    N_("io_unit_size is larger than a large iobuf buffer"), "nvmf_create_transport.io_unit_size" },
  { "log-startup-only", "Method may only be called before framework is initialized", IOP_SEVERITY_ERROR,
    N_("A startup-only RPC was sent after framework_start_init; it needs a restart with --wait-for-rpc"), NULL },
  { "log-nvme-attached", "RPC not permitted with nvme controllers already attached", IOP_SEVERITY_ERROR,
    N_("bdev_nvme_set_options was sent after controllers were attached"), "bdev_nvme_set_options.io_queue_requests" },
  { "log-channel-failed", "Failed to initialize iobuf accel channel", IOP_SEVERITY_ERROR,
    N_("I/O channels could not be created (a consequence of the pool errors)"), NULL },
  { "log-channel-failed", "could not create io_channel", IOP_SEVERITY_ERROR,
    N_("I/O channels could not be created (a consequence of the pool errors)"), NULL },
  { "log-channel-failed", "Unable to create poll group for transport", IOP_SEVERITY_ERROR,
    N_("I/O channels could not be created (a consequence of the pool errors)"), NULL },
  { "log-transport-failed", "Failed to add transport to tgt", IOP_SEVERITY_ERROR,
    N_("nvmf_create_transport failed: the target has no transport"), NULL },
  { "log-no-qid", "No free I/O queue IDs", IOP_SEVERITY_ERROR,
    N_("A host asked for more I/O queue pairs than the controller allows"), "nvmf_create_transport.max_io_qpairs_per_ctrlr" },
  { "log-keep-alive", "due to keep alive timeout", IOP_SEVERITY_WARNING,
    N_("The target disconnected a host whose keep-alive stopped"), "bdev_nvme_set_options.keep_alive_timeout_ms" },
  { "log-nvme-timeout", "Warning: Detected a timeout", IOP_SEVERITY_WARNING,
    N_("NVMe commands timed out"), "bdev_nvme_set_options.timeout_us" },
  { "log-reset-failed", "Resetting controller failed", IOP_SEVERITY_WARNING,
    N_("Controller resets failed: the remote target did not answer"), "bdev_nvme_set_options.ctrlr_loss_timeout_sec" },
  { "log-failover", "Unable to perform failover, already in progress", IOP_SEVERITY_NOTICE,
    N_("bdev_nvme asked for a failover while a reset was already running (the remote target went away)"),
    "bdev_nvme_set_options.reconnect_delay_sec" },
  { "log-need-buffer", "No available large data buffers", IOP_SEVERITY_WARNING,
    N_("RDMA requests waited for large data buffers"), "iobuf_set_options.large_pool_count" },
  { "log-data-wr-pool", "data_wr_pool_size is changed to", IOP_SEVERITY_NOTICE,
    N_("SPDK raised data_wr_pool_size so that each core can handle one I/O"), "nvmf_create_transport.data_wr_pool_size" },
  { "log-deprecated", "Use iobuf_large_cache_size and iobuf_small_cache_size instead", IOP_SEVERITY_NOTICE,
    N_("A deprecated nvmf_create_transport parameter was used"), "nvmf_create_transport.num_shared_buffers" },
  { "log-deprecated", "buf_cache_size is deprecated", IOP_SEVERITY_NOTICE,
    N_("A deprecated nvmf_create_transport parameter was used"), "nvmf_create_transport.buf_cache_size" },
  { "log-deprecated", "io_unit_size is deprecated", IOP_SEVERITY_NOTICE,
    N_("A deprecated nvmf_create_transport parameter was used"), "nvmf_create_transport.io_unit_size" },
};

static gboolean
text_looks_like_spdk (const char *text)
{
  if (strstr (text, "Starting SPDK v") != NULL || strstr (text, "JSON-RPC") != NULL ||
      strstr (text, "*ERROR*") != NULL || strstr (text, "*NOTICE*") != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (log_rules); i++)
    if (strstr (text, log_rules[i].needle) != NULL)
      return TRUE;
  return FALSE;
}

static guint
log_matches (const char *text)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (log_rules); i++)
    {
      const char *p = text;
      while ((p = strstr (p, log_rules[i].needle)) != NULL)
        {
          n++;
          p += strlen (log_rules[i].needle);
        }
    }
  return n;
}

/* --- Adding dumps --------------------------------------------------------- */

static IopDump *
dump_new (IopRuntime *self,
          const char *path,
          const char *group)
{
  IopDump *d = g_new0 (IopDump, 1);

  d->path = g_strdup (path);
  d->group = group ? g_strdup (group) : group_from_path (path);
  d->order = self->dumps->len;
  g_ptr_array_add (self->dumps, d);
  return d;
}

static gint64
iobuf_total (JsonNode *node)
{
  JsonArray *a = json_node_get_array (node);
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *pools[] = { "small_pool", "large_pool" };

      for (guint p = 0; p < 2; p++)
        {
          JsonObject *po = iop_json_get_object (o, pools[p]);
          gint64 v;

          if (iop_json_get_count (po, "cache", &v)) total = iop_sat_add (total, v);
          if (iop_json_get_count (po, "main", &v)) total = iop_sat_add (total, v);
          if (iop_json_get_count (po, "retry", &v)) total = iop_sat_add (total, v);
        }
    }
  return total;
}

static void
set_json (IopDump  *d,
          JsonNode *root)
{
  JsonNode *result = unwrap_reply (root);

  if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "error"))
    {
      JsonObject *err = iop_json_get_object (json_node_get_object (root), "error");
      const char *msg = iop_json_get_str (err, "message");

      d->kind = IOP_DUMP_SKIPPED;
      d->note = g_strdup_printf (_("an error reply from SPDK: %s"), msg ? msg : "?");
      return;
    }
  d->node = json_node_copy (result);
  d->kind = iop_dump_classify (result);
  if (d->kind == IOP_DUMP_IOBUF_GET_STATS)
    d->order = iobuf_total (d->node);
  switch (d->kind)
    {
    case IOP_DUMP_UNKNOWN:
      d->note = g_strdup (_("JSON that Iopath does not recognise as an SPDK dump; skipped"));
      break;
    case IOP_DUMP_EMPTY_LIST:
      d->note = g_strdup (_("an empty list: any of the list RPCs returns this when it has nothing to report, so it says nothing"));
      break;
    case IOP_DUMP_RPC_GET_METHODS:
      d->note = g_strdup (_("the RPC methods this SPDK offers; not needed to explain the data path"));
      break;
    case IOP_DUMP_FRAMEWORK_GET_SUBSYSTEMS:
      d->note = g_strdup (_("the subsystems and their start order; read for roles only"));
      break;
    default:
      break;
    }
}

static gboolean
add_text (IopRuntime *self,
          const char *file_name,
          const char *group,
          const char *data,
          gsize       len,
          gboolean    lenient,
          GError    **error)
{
  /* A file name is bytes; what explain prints and the app shows is text */
  g_autofree char *path = g_filename_display_name (file_name);
  gsize i;

  if (len > IOP_RUNTIME_MAX_BYTES)
    {
      if (!lenient)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                       _("%s: the file is %zu bytes; Iopath reads dumps of at most %d bytes"),
                       path, len, IOP_RUNTIME_MAX_BYTES);
          return FALSE;
        }
      {
        IopDump *d = dump_new (self, path, group);
        d->kind = IOP_DUMP_SKIPPED;
        d->note = g_strdup_printf (_("larger than %d bytes; skipped"), IOP_RUNTIME_MAX_BYTES);
      }
      return TRUE;
    }
  if (memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, NULL))
    {
      IopDump *d;

      if (!lenient)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("%s: not a text file: neither a JSON dump nor a log"), path);
          return FALSE;
        }
      d = dump_new (self, path, group);
      d->kind = IOP_DUMP_SKIPPED;
      d->note = g_strdup (_("not a text file; skipped"));
      return TRUE;
    }
  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  if (i < len && (data[i] == '{' || data[i] == '['))
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonNode) root = iop_json_parse_document (data, len, path, &local);

      if (root != NULL)
        {
          set_json (dump_new (self, path, group), root);
          return TRUE;
        }
      /* spdk_tgt's log lines start with "[2026-..." too */
      {
        g_autofree char *text = g_strndup (data, len);

        if (!text_looks_like_spdk (text))
          {
            IopDump *d;

            if (!lenient)
              {
                g_propagate_error (error, g_steal_pointer (&local));
                return FALSE;
              }
            d = dump_new (self, path, group);
            d->kind = IOP_DUMP_SKIPPED;
            d->note = g_strdup_printf (_("broken JSON (%s); skipped"), local->message);
            return TRUE;
          }
      }
    }
  {
    IopDump *d = dump_new (self, path, group);
    guint n;

    d->text = g_strndup (data, len);
    n = log_matches (d->text);
    if (n > 0 || text_looks_like_spdk (d->text))
      {
        d->kind = IOP_DUMP_LOG;
        if (n > 0)
          d->note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "not JSON: a log with %u line Iopath reads (SPDK's messages about pools, queues and reconnects)",
                                                  "not JSON: a log with %u lines Iopath reads (SPDK's messages about pools, queues and reconnects)", n), n);
        else
          d->note = g_strdup (_("not JSON: a log without SPDK messages about pools, queues or reconnects; nothing to explain"));
      }
    else
      {
        d->kind = IOP_DUMP_SKIPPED;
        d->note = g_strdup (_("not JSON and not an SPDK log; skipped"));
        g_clear_pointer (&d->text, g_free);
      }
  }
  return TRUE;
}

gboolean
iop_runtime_add_data (IopRuntime *self,
                      const char *name,
                      const char *data,
                      gsize       len,
                      GError    **error)
{
  return add_text (self, name, NULL, data, len, FALSE, error);
}

void
iop_runtime_add_node (IopRuntime *self,
                      const char *group,
                      const char *name,
                      JsonNode   *result)
{
  set_json (dump_new (self, name, group), result);
}

static gboolean
add_file (IopRuntime *self,
          const char *path,
          gboolean    lenient,
          GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_RUNTIME_MAX_BYTES, &data, &len, &local))
    {
      IopDump *d;

      if (!lenient)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      d = dump_new (self, path, NULL);
      d->kind = IOP_DUMP_SKIPPED;
      if (g_error_matches (local, IOP_ERROR, IOP_ERROR_TOO_LARGE))
        d->note = g_strdup_printf (_("larger than %d bytes; skipped"), IOP_RUNTIME_MAX_BYTES);
      else
        d->note = g_strdup_printf (_("unreadable (%s); skipped"), local->message);
      return TRUE;
    }
  return add_text (self, path, NULL, data, len, lenient, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

gboolean
iop_runtime_add_path (IopRuntime *self,
                      const char *path,
                      GError    **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *full = g_build_filename (path, name, NULL);

          if (name[0] == '.' || g_str_has_suffix (name, ".md") || !g_file_test (full, G_FILE_TEST_IS_REGULAR))
            continue;
          g_ptr_array_add (names, g_steal_pointer (&full));
        }
      g_ptr_array_sort (names, compare_names);
      if (names->len == 0)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("%s: the folder holds no dump"), path);
          return FALSE;
        }
      for (guint i = 0; i < names->len; i++)
        add_file (self, g_ptr_array_index (names, i), TRUE, NULL);
      return TRUE;
    }
  if (*path == '\0')
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("An empty name is not a file or folder name"));
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("%s: no such file or folder"), path);
      return FALSE;
    }
  return add_file (self, path, FALSE, error);
}

/* --- Explaining one host ------------------------------------------------ */

typedef struct
{
  IopRuntimeHost *host;
  IopDump        *of[IOP_DUMP_N_KINDS];   /* the latest dump of each kind */
  IopDump        *iobuf_first;            /* the earlier of two iobuf samples */
  GString        *log_lines[G_N_ELEMENTS (log_rules)];
  guint           log_count[G_N_ELEMENTS (log_rules)];
  GHashTable     *log_files[G_N_ELEMENTS (log_rules)];
  int             n_reactors;
  guint           n_poll_groups;
  IopSpdkVersion  version;
  gboolean        version_known;
} Explain;

static IopFinding *
add_finding (Explain     *ex,
             IopSeverity  severity,
             const char  *id,
             const char  *knob,
             const char  *title,
             const char  *evidence)
{
  IopFinding *f = g_new0 (IopFinding, 1);

  f->severity = severity;
  f->id = g_strdup (id);
  f->title = g_strdup (title);
  f->evidence = g_strdup (evidence);
  f->knob = g_strdup (knob);
  g_ptr_array_add (ex->host->findings, f);
  return f;
}

static JsonObject *
dump_object (IopDump *d)
{
  return d && d->node && JSON_NODE_HOLDS_OBJECT (d->node) ? json_node_get_object (d->node) : NULL;
}

static JsonArray *
dump_array (IopDump *d)
{
  return d && d->node && JSON_NODE_HOLDS_ARRAY (d->node) ? json_node_get_array (d->node) : NULL;
}

static IopThreadInfo *
thread_get (Explain    *ex,
            const char *name)
{
  IopThreadInfo *t;

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      t = g_ptr_array_index (ex->host->threads, i);
      if (g_strcmp0 (t->name, name) == 0)
        return t;
    }
  t = g_new0 (IopThreadInfo, 1);
  t->name = g_strdup (name);
  t->lcore = -1;
  t->busy_pct = -1;
  t->active_pollers = g_ptr_array_new_with_free_func (poller_free);
  t->timed_pollers = g_ptr_array_new_with_free_func (poller_free);
  t->io_channels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (ex->host->threads, t);
  return t;
}

static void
add_role (Explain    *ex,
          const char *role,
          const char *fmt,
          ...) G_GNUC_PRINTF (3, 4);

static void
add_role (Explain    *ex,
          const char *role,
          const char *fmt,
          ...)
{
  IopRuntimeHost *h = ex->host;
  g_autofree char *ev = NULL;
  const char *old;
  va_list args;

  va_start (args, fmt);
  ev = g_strdup_vprintf (fmt, args);
  va_end (args);
  old = g_hash_table_lookup (h->role_evidence, role);
  if (old == NULL)
    {
      g_ptr_array_add (h->roles, g_strdup (role));
      g_hash_table_insert (h->role_evidence, g_strdup (role), g_steal_pointer (&ev));
    }
  else if (strstr (old, ev) == NULL)
    g_hash_table_insert (h->role_evidence, g_strdup (role), g_strdup_printf ("%s; %s", old, ev));
}

static const char *
role_for_trtype (const char *trtype,
                 gboolean    target)
{
  if (trtype == NULL)
    return NULL;
  if (target)
    {
      if (g_ascii_strcasecmp (trtype, "VFIOUSER") == 0)
        return IOP_ROLE_VFIOUSER_TARGET;
      if (g_ascii_strcasecmp (trtype, "RDMA") == 0)
        return IOP_ROLE_RDMA_TARGET;
      if (g_ascii_strcasecmp (trtype, "TCP") == 0)
        return IOP_ROLE_TCP_TARGET;
      return NULL;
    }
  if (g_ascii_strcasecmp (trtype, "PCIe") == 0)
    return IOP_ROLE_LOCAL_NVME;
  if (g_ascii_strcasecmp (trtype, "TCP") == 0 || g_ascii_strcasecmp (trtype, "RDMA") == 0 ||
      g_ascii_strcasecmp (trtype, "FC") == 0)
    return IOP_ROLE_NVMF_INITIATOR;
  return NULL;
}

static double
tick_rate_of (IopDump *d)
{
  JsonObject *o = dump_object (d);
  gint64 v;

  if (iop_json_get_int (o, "tick_rate", &v) && v > 0)
    return (double)v;
  return 0;
}

static void
read_pollers (Explain *ex)
{
  JsonObject *o = dump_object (ex->of[IOP_DUMP_THREAD_GET_POLLERS]);
  JsonArray *threads = iop_json_get_array (o, "threads");
  double rate = tick_rate_of (ex->of[IOP_DUMP_THREAD_GET_POLLERS]);

  if (rate > 0)
    ex->host->tick_rate = rate;
  rate = ex->host->tick_rate;
  for (guint i = 0; threads && i < json_array_get_length (threads); i++)
    {
      JsonNode *tn = json_array_get_element (threads, i);
      JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      const char *name = iop_json_get_str (to, "name");
      const char *lists[] = { "active_pollers", "timed_pollers" };
      IopThreadInfo *t;

      if (name == NULL)
        continue;
      t = thread_get (ex, name);
      for (guint l = 0; l < 2; l++)
        {
          JsonArray *pa = iop_json_get_array (to, lists[l]);

          for (guint p = 0; pa && p < json_array_get_length (pa); p++)
            {
              JsonNode *pn = json_array_get_element (pa, p);
              JsonObject *po = JSON_NODE_HOLDS_OBJECT (pn) ? json_node_get_object (pn) : NULL;
              IopPollerInfo *pi;

              if (iop_json_get_str (po, "name") == NULL)
                continue;
              pi = g_new0 (IopPollerInfo, 1);
              pi->name = g_strdup (iop_json_get_str (po, "name"));
              iop_json_get_int (po, "id", &pi->id);
              iop_json_get_count (po, "run_count", &pi->run_count);
              iop_json_get_count (po, "busy_count", &pi->busy_count);
              iop_json_get_int (po, "period_ticks", &pi->period_ticks);
              pi->period_s = pi->period_ticks > 0 && rate > 0 ? pi->period_ticks / rate : (pi->period_ticks > 0 ? -1 : 0);
              g_ptr_array_add (l == 0 ? t->active_pollers : t->timed_pollers, pi);
            }
        }
    }
}

static void
read_threads (Explain *ex)
{
  JsonObject *o;
  JsonArray *a;

  /* framework_get_reactors: lcores and the threads on each */
  o = dump_object (ex->of[IOP_DUMP_FRAMEWORK_GET_REACTORS]);
  a = iop_json_get_array (o, "reactors");
  if (tick_rate_of (ex->of[IOP_DUMP_FRAMEWORK_GET_REACTORS]) > 0)
    ex->host->tick_rate = tick_rate_of (ex->of[IOP_DUMP_FRAMEWORK_GET_REACTORS]);
  ex->n_reactors = a ? (int)json_array_get_length (a) : -1;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *rn = json_array_get_element (a, i);
      JsonObject *ro = JSON_NODE_HOLDS_OBJECT (rn) ? json_node_get_object (rn) : NULL;
      JsonArray *lw = iop_json_get_array (ro, "lw_threads");
      gint64 lcore;

      if (!iop_json_get_int (ro, "lcore", &lcore) || lcore < 0 || lcore > G_MAXINT)
        continue;
      for (guint j = 0; lw && j < json_array_get_length (lw); j++)
        {
          JsonNode *tn = json_array_get_element (lw, j);
          JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
          const char *name = iop_json_get_str (to, "name");
          IopThreadInfo *t;

          if (name == NULL)
            continue;
          t = thread_get (ex, name);
          t->lcore = (int)lcore;
          if (t->cpumask == NULL && iop_json_get_str (to, "cpumask"))
            t->cpumask = g_strdup (iop_json_get_str (to, "cpumask"));
        }
    }

  /* thread_get_stats: busy share */
  o = dump_object (ex->of[IOP_DUMP_THREAD_GET_STATS]);
  a = iop_json_get_array (o, "threads");
  if (tick_rate_of (ex->of[IOP_DUMP_THREAD_GET_STATS]) > 0)
    ex->host->tick_rate = tick_rate_of (ex->of[IOP_DUMP_THREAD_GET_STATS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *tn = json_array_get_element (a, i);
      JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      const char *name = iop_json_get_str (to, "name");
      gint64 busy, idle;
      IopThreadInfo *t;

      if (name == NULL)
        continue;
      t = thread_get (ex, name);
      if (iop_json_get_count (to, "busy", &busy) && iop_json_get_count (to, "idle", &idle) &&
          (double)busy + (double)idle > 0)
        t->busy_pct = 100.0 * busy / ((double)busy + (double)idle);
      if (t->cpumask == NULL && iop_json_get_str (to, "cpumask"))
        t->cpumask = g_strdup (iop_json_get_str (to, "cpumask"));
    }

  if (ex->host->tick_rate <= 0)
    for (guint k = 0; k < IOP_DUMP_N_KINDS; k++)
      if (tick_rate_of (ex->of[k]) > 0)
        ex->host->tick_rate = tick_rate_of (ex->of[k]);

  read_pollers (ex);

  /* thread_get_io_channels */
  o = dump_object (ex->of[IOP_DUMP_THREAD_GET_IO_CHANNELS]);
  a = iop_json_get_array (o, "threads");
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *tn = json_array_get_element (a, i);
      JsonObject *to = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      const char *name = iop_json_get_str (to, "name");
      JsonArray *chs = iop_json_get_array (to, "io_channels");
      IopThreadInfo *t;

      if (name == NULL)
        continue;
      t = thread_get (ex, name);
      for (guint j = 0; chs && j < json_array_get_length (chs); j++)
        {
          JsonNode *cn = json_array_get_element (chs, j);
          const char *cname = JSON_NODE_HOLDS_OBJECT (cn) ? iop_json_get_str (json_node_get_object (cn), "name") : NULL;
          if (cname)
            g_ptr_array_add (t->io_channels, g_strdup (cname));
        }
    }

  /* The lcore from a single-core cpumask when no reactor dump says it */
  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      guint64 m;

      if (t->lcore >= 0 || t->cpumask == NULL)
        continue;
      m = g_ascii_strtoull (t->cpumask, NULL, 16);
      if (m != 0 && (m & (m - 1)) == 0)
        t->lcore = __builtin_ctzll (m);
    }

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      if (g_str_has_prefix (t->name, "nvmf_tgt_poll_group_"))
        ex->n_poll_groups++;
    }
  if (ex->of[IOP_DUMP_NVMF_GET_STATS])
    {
      JsonArray *pgs = iop_json_get_array (dump_object (ex->of[IOP_DUMP_NVMF_GET_STATS]), "poll_groups");
      if (pgs && json_array_get_length (pgs) > ex->n_poll_groups)
        ex->n_poll_groups = json_array_get_length (pgs);
    }
}

static gboolean
thread_has_poller (IopThreadInfo *t,
                   const char    *name,
                   gboolean       prefix)
{
  GPtrArray *lists[] = { t->active_pollers, t->timed_pollers };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        IopPollerInfo *p = g_ptr_array_index (lists[l], i);
        if (prefix ? g_str_has_prefix (p->name, name) : g_strcmp0 (p->name, name) == 0)
          return TRUE;
      }
  return FALSE;
}

static char *
threads_with_poller (Explain    *ex,
                     const char *name)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      if (thread_has_poller (t, name, FALSE))
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", t->name);
    }
  return g_string_free (s, FALSE);
}

static void
find_roles (Explain *ex)
{
  static const char *const transports[] = { "VFIOUSER", "RDMA", "TCP" };
  static const char *const accepts[] = { "nvmf_vfio_user_accept", "nvmf_rdma_accept", "nvmf_tcp_accept" };
  JsonArray *a;

  /* Pollers: nvmf_<TRANSPORT> per poll group, the acceptor on the app thread */
  for (guint t = 0; t < G_N_ELEMENTS (transports); t++)
    {
      g_autofree char *poller = g_strdup_printf ("nvmf_%s", transports[t]);
      g_autofree char *where = threads_with_poller (ex, poller);
      g_autofree char *acc = threads_with_poller (ex, accepts[t]);
      const char *role = role_for_trtype (transports[t], TRUE);

      if (*where)
        add_role (ex, role, _("poller %s on %s (thread_get_pollers)"), poller, where);
      if (*acc)
        add_role (ex, role, _("acceptor %s on %s"), accepts[t], acc);
    }
  {
    g_autofree char *vfu = threads_with_poller (ex, "vfio_user_poll_vfu_ctx");
    if (*vfu)
      add_role (ex, IOP_ROLE_VFIOUSER_TARGET, _("vfio_user_poll_vfu_ctx on %s"), vfu);
  }
  {
    g_autofree char *mal = threads_with_poller (ex, "malloc_completion_poller");
    if (*mal)
      add_role (ex, IOP_ROLE_LOCAL_MALLOC, _("malloc_completion_poller on %s"), mal);
  }

  /* iobuf modules: each transport registers nvmf_<TRANSPORT> */
  a = dump_array (ex->of[IOP_DUMP_IOBUF_GET_STATS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;

      if (module && g_str_has_prefix (module, "nvmf_"))
        {
          const char *role = role_for_trtype (module + 5, TRUE);
          if (role)
            add_role (ex, role, _("iobuf module %s (iobuf_get_stats)"), module);
        }
    }

  /* Transports and listeners */
  a = dump_array (ex->of[IOP_DUMP_NVMF_GET_TRANSPORTS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *tr = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "trtype") : NULL;
      const char *role = role_for_trtype (tr, TRUE);
      if (role)
        add_role (ex, role, _("transport %s (nvmf_get_transports)"), tr);
    }
  a = dump_array (ex->of[IOP_DUMP_NVMF_GET_SUBSYSTEMS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *so = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonArray *la = iop_json_get_array (so, "listen_addresses");

      for (guint j = 0; la && j < json_array_get_length (la); j++)
        {
          JsonNode *ln = json_array_get_element (la, j);
          JsonObject *lo = JSON_NODE_HOLDS_OBJECT (ln) ? json_node_get_object (ln) : NULL;
          const char *tr = iop_json_get_str (lo, "trtype");
          const char *role = role_for_trtype (tr, TRUE);

          if (role)
            add_role (ex, role, _("subsystem %s listens on %s %s:%s (nvmf_get_subsystems)"),
                      iop_json_get_str (so, "nqn"), tr, iop_json_get_str (lo, "traddr") ? iop_json_get_str (lo, "traddr") : "?",
                      iop_json_get_str (lo, "trsvcid") ? iop_json_get_str (lo, "trsvcid") : "?");
        }
    }

  /* bdev_nvme controllers: PCIe is local NVMe, TCP/RDMA a fabric initiator */
  a = dump_array (ex->of[IOP_DUMP_BDEV_NVME_GET_CONTROLLERS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *co = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonArray *cs = iop_json_get_array (co, "ctrlrs");

      for (guint j = 0; cs && j < json_array_get_length (cs); j++)
        {
          JsonNode *cn = json_array_get_element (cs, j);
          JsonObject *trid = JSON_NODE_HOLDS_OBJECT (cn) ? iop_json_get_object (json_node_get_object (cn), "trid") : NULL;
          const char *tr = iop_json_get_str (trid, "trtype");
          const char *role = role_for_trtype (tr, FALSE);

          if (role)
            add_role (ex, role, _("controller %s over %s (bdev_nvme_get_controllers)"), iop_json_get_str (co, "name"), tr);
        }
    }
  a = iop_json_get_array (dump_object (ex->of[IOP_DUMP_BDEV_NVME_GET_IO_PATHS]), "poll_groups");
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonArray *paths = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_array (json_node_get_object (e), "io_paths") : NULL;

      for (guint j = 0; paths && j < json_array_get_length (paths); j++)
        {
          JsonNode *pn = json_array_get_element (paths, j);
          JsonObject *po = JSON_NODE_HOLDS_OBJECT (pn) ? json_node_get_object (pn) : NULL;
          const char *tr = iop_json_get_str (iop_json_get_object (po, "transport"), "trtype");
          const char *role = role_for_trtype (tr, FALSE);

          if (role)
            add_role (ex, role, _("I/O path to %s over %s (bdev_nvme_get_io_paths)"), iop_json_get_str (po, "bdev_name"), tr);
        }
    }
  a = dump_array (ex->of[IOP_DUMP_BDEV_GET_BDEVS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *bo = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *product = iop_json_get_str (bo, "product_name");
      JsonArray *nv = iop_json_get_array (iop_json_get_object (bo, "driver_specific"), "nvme");

      if (g_strcmp0 (product, "Malloc disk") == 0)
        add_role (ex, IOP_ROLE_LOCAL_MALLOC, _("bdev %s is a Malloc disk (bdev_get_bdevs)"), iop_json_get_str (bo, "name"));
      for (guint j = 0; nv && j < json_array_get_length (nv); j++)
        {
          JsonNode *nn = json_array_get_element (nv, j);
          JsonObject *trid = JSON_NODE_HOLDS_OBJECT (nn) ? iop_json_get_object (json_node_get_object (nn), "trid") : NULL;
          const char *tr = iop_json_get_str (trid, "trtype");
          const char *role = role_for_trtype (tr, FALSE);

          if (role)
            add_role (ex, role, _("bdev %s is an NVMe namespace over %s (bdev_get_bdevs)"), iop_json_get_str (bo, "name"), tr);
        }
    }

  /* save_config: transports created, controllers attached, malloc bdevs */
  a = iop_json_get_array (dump_object (ex->of[IOP_DUMP_SAVE_CONFIG]), "subsystems");
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *sn = json_array_get_element (a, i);
      JsonArray *cfg = JSON_NODE_HOLDS_OBJECT (sn) ? iop_json_get_array (json_node_get_object (sn), "config") : NULL;

      for (guint j = 0; cfg && j < json_array_get_length (cfg); j++)
        {
          JsonNode *en = json_array_get_element (cfg, j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *method = iop_json_get_str (eo, "method");
          JsonObject *params = iop_json_get_object (eo, "params");
          const char *tr = iop_json_get_str (params, "trtype");

          if (g_strcmp0 (method, "nvmf_create_transport") == 0 && role_for_trtype (tr, TRUE))
            add_role (ex, role_for_trtype (tr, TRUE), _("nvmf_create_transport %s (save_config)"), tr);
          else if (g_strcmp0 (method, "bdev_nvme_attach_controller") == 0 && role_for_trtype (tr, FALSE))
            add_role (ex, role_for_trtype (tr, FALSE), _("bdev_nvme_attach_controller %s over %s (save_config)"),
                      iop_json_get_str (params, "name") ? iop_json_get_str (params, "name") : "?", tr);
          else if (g_strcmp0 (method, "bdev_malloc_create") == 0)
            add_role (ex, IOP_ROLE_LOCAL_MALLOC, _("bdev_malloc_create %s (save_config)"),
                      iop_json_get_str (params, "name") ? iop_json_get_str (params, "name") : "?");
        }
    }
}

static gboolean
has_role (Explain    *ex,
          const char *role)
{
  return g_hash_table_contains (ex->host->role_evidence, role);
}

static IopThreadInfo *
app_thread (Explain *ex)
{
  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      if (g_strcmp0 (t->name, "app_thread") == 0)
        return t;
    }
  return NULL;
}

static void
explain_roles (Explain *ex)
{
  IopRuntimeHost *h = ex->host;
  g_autoptr(GString) ev = g_string_new (NULL);
  g_autofree char *list = NULL;

  if (h->roles->len == 0)
    return;
  {
    GString *names = g_string_new (NULL);

    for (guint i = 0; i < h->roles->len; i++)
      g_string_append_printf (names, "%s%s", i ? " + " : "", (char *)g_ptr_array_index (h->roles, i));
    list = g_string_free (names, FALSE);
  }
  for (guint i = 0; i < h->roles->len; i++)
    {
      const char *r = g_ptr_array_index (h->roles, i);
      g_string_append_printf (ev, "%s%s: %s", ev->len ? ". " : "", r, (char *)g_hash_table_lookup (h->role_evidence, r));
    }
  {
    g_autofree char *title = g_strdup_printf (_("Roles: %s"), list);
    add_finding (ex, IOP_SEVERITY_INFO, "roles", NULL, title, ev->str);
  }

  /* Say plainly where this differs from raid_270 */
  if ((has_role (ex, IOP_ROLE_TCP_TARGET) || has_role (ex, IOP_ROLE_RDMA_TARGET)) && has_role (ex, IOP_ROLE_NVMF_INITIATOR) &&
      !has_role (ex, IOP_ROLE_VFIOUSER_TARGET))
    add_finding (ex, IOP_SEVERITY_INFO, "bridge-without-vfiouser", NULL,
                 _("A bridge like raid_270's baremetal, but its front end is NVMe-oF, not VFIO-user"),
                 has_role (ex, IOP_ROLE_TCP_TARGET)
                 ? _("Guests reach this host over NVMe-oF TCP (poller nvmf_TCP, iobuf module nvmf_TCP) and it reaches its replicas as an NVMe-oF initiator. In raid_270 the guest enters through VFIO-user, whose transport works on guest memory and takes no transport iobuf buffers; here the TCP transport takes a buffer from its poll group's cache for each data transfer.")
                 : _("Guests reach this host over NVMe-oF RDMA and it reaches its replicas as an NVMe-oF initiator. In raid_270 the guest enters through VFIO-user, whose transport takes no transport iobuf buffers."));
  if (has_role (ex, IOP_ROLE_TCP_TARGET) && !has_role (ex, IOP_ROLE_NVMF_INITIATOR) && !has_role (ex, IOP_ROLE_RDMA_TARGET))
    add_finding (ex, IOP_SEVERITY_INFO, "tcp-not-rdma", NULL,
                 _("The NVMe-oF target runs over TCP, not RDMA as in raid_270"),
                 _("Its transport's iobuf module is nvmf_TCP; RDMA's work requests, shared receive queue and data_wr_pool do not exist here, but the buffer rules (num_shared_buffers, buf_cache_size, io_unit_size at v26.01) are the same."));
  if (has_role (ex, IOP_ROLE_LOCAL_MALLOC) && !has_role (ex, IOP_ROLE_LOCAL_NVME))
    {
      g_autoptr(GString) lv = g_string_new (g_hash_table_lookup (h->role_evidence, IOP_ROLE_LOCAL_MALLOC));
      JsonArray *a = dump_array (ex->of[IOP_DUMP_BDEV_LVOL_GET_LVSTORES]);

      for (guint i = 0; a && i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *lo = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          gint64 cs = 0, total = 0, free_c = 0;

          iop_json_get_count (lo, "cluster_size", &cs);
          iop_json_get_count (lo, "total_data_clusters", &total);
          iop_json_get_count (lo, "free_clusters", &free_c);
          g_string_append_printf (lv, _("; lvstore %s on %s: %" PRId64 " of %" PRId64 " clusters of %" PRId64 " KiB in use"),
                                  iop_json_get_str (lo, "name") ? iop_json_get_str (lo, "name") : "?",
                                  iop_json_get_str (lo, "base_bdev") ? iop_json_get_str (lo, "base_bdev") : "?",
                                  total - free_c, total, cs / 1024);
        }
      add_finding (ex, IOP_SEVERITY_INFO, "local-malloc", NULL,
                   _("The data ends in a RAM bdev (malloc), not on NVMe: local_malloc, not local_nvme"),
                   lv->str);
    }
}

static gboolean
is_data_thread (IopThreadInfo *t)
{
  if (g_strcmp0 (t->name, "app_thread") == 0)
    return FALSE;
  return g_str_has_prefix (t->name, "nvmf_tgt_poll_group_") || thread_has_poller (t, "bdev_nvme_poll", FALSE) ||
         thread_has_poller (t, "nvmf_", TRUE);
}

static void
explain_control_plane (Explain *ex)
{
  IopThreadInfo *app = app_thread (ex);
  g_autoptr(GString) ev = g_string_new (NULL);
  g_autoptr(GString) shared = g_string_new (NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *title = NULL;

  if (app == NULL)
    return;
  ex->host->control_lcore = app->lcore;
  for (guint i = 0; i < app->timed_pollers->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (app->timed_pollers, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->name));

      if (n == 0)
        g_ptr_array_add (order, p);
      g_hash_table_insert (counts, p->name, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < order->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (order, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->name));
      g_autofree char *per = iop_format_period (p->period_s);

      if (n > 1)
        g_string_append_printf (ev, _("%s%u × %s every %s"), ev->len ? ", " : "", n, p->name, per);
      else
        g_string_append_printf (ev, _("%s%s every %s"), ev->len ? ", " : "", p->name, per);
    }
  if (ev->len)
    g_string_prepend (ev, _("app_thread's timed pollers: "));
  if (app->active_pollers->len)
    {
      g_string_append (ev, ev->len ? _(". It also runs active pollers: ") : _("app_thread runs active pollers: "));
      for (guint i = 0; i < app->active_pollers->len; i++)
        {
          IopPollerInfo *p = g_ptr_array_index (app->active_pollers, i);
          g_autofree char *runs = iop_format_count (p->run_count);
          g_autofree char *busy = iop_format_count (p->busy_count);

          g_string_append_printf (ev, _("%s%s (%s runs, %s busy)"), i ? ", " : "", p->name, runs, busy);
        }
      g_string_append (ev, _(" — it holds I/O channels of its own, because bdevs were opened on it"));
    }
  if (app->busy_pct >= 0)
    g_string_append_printf (ev, _(". app_thread is busy %.1f%% of its time"), app->busy_pct);

  if (app->lcore >= 0)
    title = g_strdup_printf (_("lcore %d is the control plane: app_thread runs the RPC server, the acceptors and the admin queues there"), app->lcore);
  else
    title = g_strdup (_("app_thread is the control plane (its lcore is not in these dumps: add framework_get_reactors)"));
  add_finding (ex, IOP_SEVERITY_INFO, "control-plane", NULL, title, ev->str);

  /* Data-path threads on the control-plane core */
  if (app->lcore >= 0)
    {
      for (guint i = 0; i < ex->host->threads->len; i++)
        {
          IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
          if (t != app && t->lcore == app->lcore && is_data_thread (t))
            g_string_append_printf (shared, "%s%s", shared->len ? ", " : "", t->name);
        }
      if (shared->len && ex->n_reactors == 1)
        {
          g_autofree char *ev2 = g_strdup_printf (_("One reactor (lcore %d) runs every SPDK thread: app_thread and %s share one core, so RPCs, admin-queue polling and I/O take turns."), app->lcore, shared->str);
          add_finding (ex, IOP_SEVERITY_NOTICE, "single-reactor", "spdk_tgt.cpumask",
                       _("The control plane and the data path share a single core"), ev2);
        }
      else if (shared->len)
        {
          g_autofree char *ev2 = g_strdup_printf (_("%s run on lcore %d beside app_thread: their I/O waits whenever the RPC server or an admin queue poller runs there. The seed's storage node shows the same with nvmf_tgt_poll_group_027."),
                                                  shared->str, app->lcore);
          add_finding (ex, IOP_SEVERITY_NOTICE, "control-plane-shared", "nvmf_set_config.poll_groups_mask",
                       _("A data-path thread shares the control-plane core"), ev2);
        }
    }
}

static int
compare_busy (gconstpointer a,
              gconstpointer b)
{
  const IopThreadInfo *ta = *(IopThreadInfo * const *)a;
  const IopThreadInfo *tb = *(IopThreadInfo * const *)b;

  return (tb->busy_pct > ta->busy_pct) - (tb->busy_pct < ta->busy_pct);
}

static void
explain_threads (Explain *ex)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (ex->host->threads, NULL, NULL);
  g_autoptr(GString) hot = g_string_new (NULL);
  g_autoptr(GString) idle = g_string_new (NULL);
  gboolean have_busy = FALSE;
  guint n_hot = 0;

  for (guint i = 0; i < sorted->len; i++)
    if (((IopThreadInfo *)g_ptr_array_index (sorted, i))->busy_pct >= 0)
      have_busy = TRUE;
  g_ptr_array_set_free_func (sorted, NULL);   /* g_ptr_array_copy keeps the original's */
  g_ptr_array_sort (sorted, compare_busy);

  for (guint i = 0; i < sorted->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (sorted, i);
      g_autoptr(GString) pollers = g_string_new (NULL);
      gboolean hot_thread;
      gint64 busy_runs = 0;

      for (guint p = 0; p < t->active_pollers->len; p++)
        {
          IopPollerInfo *pi = g_ptr_array_index (t->active_pollers, p);
          g_autofree char *b = iop_format_count (pi->busy_count);
          g_autofree char *r = iop_format_count (pi->run_count);

          busy_runs = iop_sat_add (busy_runs, pi->busy_count);
          g_string_append_printf (pollers, _("%s%s (busy %s of %s runs)"), pollers->len ? ", " : "", pi->name, b, r);
        }
      hot_thread = have_busy ? t->busy_pct >= 1.0 : busy_runs > 0;
      if (hot_thread)
        {
          n_hot++;
          g_string_append_printf (hot, "%s%s", hot->len ? ". " : "", t->name);
          if (t->lcore >= 0)
            g_string_append_printf (hot, _(" on lcore %d"), t->lcore);
          if (t->busy_pct >= 0)
            g_string_append_printf (hot, _(", busy %.1f%%"), t->busy_pct);
          if (pollers->len)
            g_string_append_printf (hot, _(": active %s"), pollers->str);
        }
      else if ((have_busy && t->busy_pct >= 0 && t->busy_pct < 0.1) || (!have_busy && busy_runs == 0))
        g_string_append_printf (idle, "%s%s", idle->len ? ", " : "", t->name);
    }
  if (n_hot > 0)
    add_finding (ex, IOP_SEVERITY_INFO, "hot-threads", NULL,
                 have_busy ? _("Hot threads, busiest first (busy = share of the thread's time its pollers did work)")
                           : _("Threads whose active pollers did work"),
                 hot->str);
  if (idle->len)
    {
      g_autofree char *ev = g_strdup_printf (_("%s did (almost) no work. iscsi_poll_group_N threads are started by the iscsi subsystem on every reactor by default; they cost a poller pass each loop and nothing else."), idle->str);
      add_finding (ex, IOP_SEVERITY_INFO, "idle-threads", NULL, _("Idle threads"), ev);
    }
}

static void
explain_timed_pollers (Explain *ex)
{
  g_autoptr(GString) ka = g_string_new (NULL);
  g_autoptr(GString) adminq = g_string_new (NULL);
  g_autoptr(GString) ioq = g_string_new (NULL);
  guint n_ka = 0, n_adminq = 0;
  double ka_period = -1, adminq_period = -1;

  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
      guint t_ka = 0;

      for (guint p = 0; p < t->timed_pollers->len; p++)
        {
          IopPollerInfo *pi = g_ptr_array_index (t->timed_pollers, p);

          if (g_strcmp0 (pi->name, "nvmf_ctrlr_keep_alive_poll") == 0)
            {
              n_ka++;
              t_ka++;
              ka_period = pi->period_s;
            }
          else if (g_strcmp0 (pi->name, "bdev_nvme_poll_adminq") == 0)
            {
              n_adminq++;
              adminq_period = pi->period_s;
            }
          else if (g_strcmp0 (pi->name, "bdev_nvme_poll") == 0)
            {
              g_autofree char *per = iop_format_period (pi->period_s);
              g_string_append_printf (ioq, "%s%s (%s)", ioq->len ? ", " : "", t->name, per);
            }
        }
      if (t_ka)
        g_string_append_printf (ka, "%s%s ×%u", ka->len ? ", " : "", t->name, t_ka);
    }
  if (n_ka)
    {
      g_autofree char *per = iop_format_period (ka_period);
      g_autofree char *ev = g_strdup_printf (_("%u × nvmf_ctrlr_keep_alive_poll every %s, on %s: one per connected host controller, on the poll group that owns it. The period is the keep-alive timeout the host asked for (KATO), so on an SPDK initiator it comes from bdev_nvme_set_options.keep_alive_timeout_ms."),
                                             n_ka, per, ka->str);
      add_finding (ex, IOP_SEVERITY_INFO, "keep-alive", "bdev_nvme_set_options.keep_alive_timeout_ms",
                   _("Keep-alive checks are spread over the poll groups"), ev);
    }
  if (n_adminq)
    {
      g_autofree char *per = iop_format_period (adminq_period);
      g_autofree char *ev = g_strdup_printf (_("%u × bdev_nvme_poll_adminq every %s: one per attached controller (health, AER, keep-alive sending)."), n_adminq, per);
      add_finding (ex, IOP_SEVERITY_INFO, "adminq-pollers", "bdev_nvme_set_options.nvme_adminq_poll_period_us",
                   _("Each NVMe controller has an admin queue poller"), ev);
    }
  if (ioq->len)
    {
      g_autofree char *ev = g_strdup_printf (_("bdev_nvme_poll is a timed poller on %s: completions are reaped only every period, which adds up to that much latency."), ioq->str);
      add_finding (ex, IOP_SEVERITY_NOTICE, "ioq-poll-period", "bdev_nvme_set_options.nvme_ioq_poll_period_us",
                   _("NVMe I/O completions are polled on a timer"), ev);
    }
}

/* --- iobuf -------------------------------------------------------------- */

typedef struct
{
  gint64 cache, main, retry, cache_size;
  gboolean has_cache_size;
} PoolCounts;

static gboolean
iobuf_counts (IopDump    *d,
              const char *module,
              const char *pool,
              PoolCounts *out)
{
  JsonArray *a = dump_array (d);

  memset (out, 0, sizeof *out);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonObject *po;

      if (g_strcmp0 (iop_json_get_str (o, "module"), module) != 0)
        continue;
      po = iop_json_get_object (o, pool);
      if (po == NULL)
        return FALSE;
      iop_json_get_count (po, "cache", &out->cache);
      iop_json_get_count (po, "main", &out->main);
      iop_json_get_count (po, "retry", &out->retry);
      out->has_cache_size = iop_json_get_count (po, "cache_size", &out->cache_size);
      return TRUE;
    }
  return FALSE;
}

static const char *
iobuf_cache_knob (Explain    *ex,
                  const char *module,
                  gboolean    small)
{
  if (g_strcmp0 (module, "bdev") == 0)
    return small ? "bdev_set_options.iobuf_small_cache_size" : "bdev_set_options.iobuf_large_cache_size";
  if (g_strcmp0 (module, "accel") == 0)
    return small ? "accel_set_options.small_cache_size" : "accel_set_options.large_cache_size";
  if (g_str_has_prefix (module, "nvmf_"))
    {
      if (ex->version_known && ex->version == IOP_SPDK_V26_05)
        return small ? "nvmf_create_transport.iobuf_small_cache_size" : "nvmf_create_transport.iobuf_large_cache_size";
      return "nvmf_create_transport.buf_cache_size";
    }
  return NULL;
}

static void
explain_iobuf (Explain *ex)
{
  IopDump *last = ex->of[IOP_DUMP_IOBUF_GET_STATS];
  IopDump *first = ex->iobuf_first;
  JsonArray *a = dump_array (last);
  const char *pools[] = { "small_pool", "large_pool" };
  g_autoptr(GString) traffic = g_string_new (NULL);
  g_autoptr(GString) zero = g_string_new (NULL);
  const char *busiest = NULL;
  gint64 busiest_gets = -1;
  gboolean any_retry = FALSE;
  gboolean backwards = FALSE;

  if (a == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;
      gint64 module_gets = 0;
      g_autoptr(GString) mod = g_string_new (NULL);

      if (module == NULL)
        continue;
      for (guint p = 0; p < 2; p++)
        {
          gboolean small = p == 0;
          const char *pool_label = small ? _("small") : _("large");
          const char *pool_knob = small ? "iobuf_set_options.small_pool_count" : "iobuf_set_options.large_pool_count";
          PoolCounts now, then;
          gboolean two;
          gint64 gets, d_cache = 0, d_main = 0, d_retry = 0;

          if (!iobuf_counts (last, module, pools[p], &now))
            continue;
          two = first != NULL && iobuf_counts (first, module, pools[p], &then);
          if (two && (now.cache < then.cache || now.main < then.main || now.retry < then.retry))
            {
              /* counters never go down in one run: SPDK restarted, or they were reset */
              backwards = TRUE;
              two = FALSE;
            }
          if (two)
            {
              /* both are counts (0 or more): no overflow */
              d_cache = now.cache - then.cache;
              d_main = now.main - then.main;
              d_retry = now.retry - then.retry;
            }
          gets = two ? iop_sat_add (d_cache, d_main) : iop_sat_add (now.cache, now.main);
          module_gets = iop_sat_add (module_gets, gets);
          if (two)
            {
              g_autofree char *c = iop_format_count (d_cache);
              g_autofree char *m = iop_format_count (d_main);
              g_autofree char *r = iop_format_count (d_retry);
              g_string_append_printf (mod, _("%s%s: +%s cache, +%s main, +%s retry"), mod->len ? "; " : "", pool_label, c, m, r);
            }
          else
            {
              g_autofree char *c = iop_format_count (now.cache);
              g_autofree char *m = iop_format_count (now.main);
              g_autofree char *r = iop_format_count (now.retry);
              g_string_append_printf (mod, _("%s%s: cache %s, main %s, retry %s"), mod->len ? "; " : "", pool_label, c, m, r);
            }
          if (now.has_cache_size)
            g_string_append_printf (mod, _(" (cache of %" PRId64 ")"), now.cache_size);

          if (now.retry > 0)
            any_retry = TRUE;
          if (two && d_retry > 0)
            {
              g_autofree char *r = iop_format_count (d_retry);
              g_autofree char *tot = iop_format_count (now.retry);
              g_autofree char *title = g_strdup_printf (_("%s is starved of %s buffers: its retries are still growing"), module, pool_label);
              g_autofree char *ev = g_strdup_printf (_("retry grew by %s between the two samples (now %s): requests queue because the central %s pool is empty. The pool is too small for the load and the caches every thread keeps."),
                                                     r, tot, pool_label);
              add_finding (ex, IOP_SEVERITY_ERROR, "iobuf-retry-growing", pool_knob, title, ev);
            }
          else if (two && now.retry > 0 && d_cache == 0 && d_main == 0)
            {
              g_autofree char *tot = iop_format_count (now.retry);
              g_autofree char *title = g_strdup_printf (_("%s's %s-buffer waits are stuck: suspect a circular wait"), module, pool_label);
              g_autofree char *ev = g_strdup_printf (_("retry stays at %s and nothing else moves between the samples: requests wait for buffers that the layers holding them will only return when their own requests get buffers. Stacked layers sharing one pool (transport → RAID → bdev_nvme) can deadlock this way."),
                                                     tot);
              add_finding (ex, IOP_SEVERITY_ERROR, "iobuf-circular-wait", pool_knob, title, ev);
            }
          else if (two && now.retry > 0)
            {
              g_autofree char *tot = iop_format_count (now.retry);
              g_autofree char *title = g_strdup_printf (_("%s waited for %s buffers earlier, not between these samples"), module, pool_label);
              g_autofree char *ev = g_strdup_printf (_("retry is %s but did not grow while buffers kept flowing: a past burst emptied the pool; it recovered."), tot);
              add_finding (ex, IOP_SEVERITY_WARNING, "iobuf-retry-past", pool_knob, title, ev);
            }
          else if (!two && now.retry > 0)
            {
              g_autofree char *tot = iop_format_count (now.retry);
              g_autofree char *title = g_strdup_printf (_("%s had to wait for %s buffers"), module, pool_label);
              g_autofree char *ev = g_strdup_printf (_("retry = %s: the central %s pool was empty that many times. One sample cannot say whether it is still happening: take a second iobuf_get_stats a few seconds later (growing = pool too small; stuck and non-zero with no traffic = circular wait)."),
                                                     tot, pool_label);
              add_finding (ex, IOP_SEVERITY_WARNING, "iobuf-retry", pool_knob, title, ev);
            }

          /* Cache misses: main counts batches taken from the central ring */
          {
            gint64 c = two ? d_cache : now.cache, m = two ? d_main : now.main;
            const char *knob = iobuf_cache_knob (ex, module, small);

            if (iop_sat_add (c, m) >= 1000 && (double)m * 10 >= (double)c + (double)m)
              {
                g_autofree char *cs = iop_format_count (c);
                g_autofree char *ms = iop_format_count (m);
                g_autofree char *title = g_strdup_printf (_("%s's %s cache often runs dry"), module, pool_label);
                g_autofree char *ev = g_strdup_printf (_("%s gets from the thread's cache, %s trips to the central ring (%.0f%%); each trip takes a batch of up to 32 buffers with an atomic ring operation. A larger cache makes them rarer, at the price of buffers parked per thread."),
                                                       cs, ms, 100.0 * m / ((double)c + (double)m));
                add_finding (ex, IOP_SEVERITY_NOTICE, "iobuf-cache-misses", knob, title, ev);
              }
          }
        }
      if (module_gets > busiest_gets)
        {
          busiest_gets = module_gets;
          busiest = module;
        }
      if (module_gets > 0)
        g_string_append_printf (traffic, "%s%s — %s", traffic->len ? ". " : "", module, mod->str);
      else
        g_string_append_printf (zero, "%s%s", zero->len ? ", " : "", module);
    }

  if (backwards)
    add_finding (ex, IOP_SEVERITY_WARNING, "iobuf-counters-reset", NULL,
                 _("The two iobuf_get_stats samples are not of one run"),
                 _("some counters are lower in the later sample: SPDK restarted between the samples, or its counters were reset. Those pools are read from the later sample alone."));
  if (!any_retry)
    {
      g_autofree char *ev = g_strdup_printf (_("retry is 0 for every module and both pools%s: no request ever found the central pool empty."),
                                             first ? _(" in both samples") : "");
      add_finding (ex, IOP_SEVERITY_INFO, "iobuf-no-starvation", NULL, _("No iobuf starvation"), ev);
    }
  if (busiest != NULL && busiest_gets > 0)
    {
      g_autoptr(GString) ev = g_string_new (traffic->str);
      g_autofree char *title = g_strdup_printf (_("%s takes most iobuf buffers%s"), busiest, first ? _(" between the two samples") : "");

      if (zero->len)
        g_string_append_printf (ev, _(". No buffers taken by %s"), zero->str);
      if (strstr (zero->str, "bdev") != NULL && g_str_has_prefix (busiest, "nvmf_"))
        g_string_append (ev, _(": the bdev layer asks for a buffer only when the I/O arrives without one, and the NVMf transport above has already supplied it. Debug transport-side buffering and poll-group fan-out before the generic bdev buffers."));
      add_finding (ex, IOP_SEVERITY_INFO, "iobuf-traffic", iobuf_cache_knob (ex, busiest, TRUE), title, ev->str);
    }
  else if (a != NULL && json_array_get_length (a) > 0)
    add_finding (ex, IOP_SEVERITY_INFO, "iobuf-idle", NULL, _("No module took iobuf buffers"),
                 _("cache, main and retry are 0 everywhere: no I/O needed a transport or bdev buffer while these counters ran."));
}

/* --- NVMf, NVMe, bdev ---------------------------------------------------- */

static void
explain_nvmf (Explain *ex)
{
  JsonArray *pgs = iop_json_get_array (dump_object (ex->of[IOP_DUMP_NVMF_GET_STATS]), "poll_groups");
  JsonArray *tr = dump_array (ex->of[IOP_DUMP_NVMF_GET_TRANSPORTS]);

  if (pgs && json_array_get_length (pgs) >= 2)
    {
      gint64 max = -1, min = G_MAXINT64;
      g_autoptr(GString) ev = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (pgs); i++)
        {
          JsonNode *n = json_array_get_element (pgs, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          gint64 done = 0, qp = 0, cur = 0;
          g_autofree char *ds = NULL;

          iop_json_get_count (o, "completed_nvme_io", &done);
          iop_json_get_count (o, "io_qpairs", &qp);
          iop_json_get_count (o, "current_io_qpairs", &cur);
          max = MAX (max, done);
          min = MIN (min, done);
          ds = iop_format_count (done);
          g_string_append_printf (ev, _("%s%s: %s I/Os completed, %" PRId64 " I/O qpairs (%" PRId64 " now)"),
                                  ev->len ? "; " : "", iop_json_get_str (o, "name") ? iop_json_get_str (o, "name") : "?", ds, qp, cur);
        }
      if (max >= 1000 && iop_sat_mul (min, 4) < max)
        {
          g_string_append (ev, _(". Each I/O qpair is served by one poll group, chosen when the host connects: with fewer qpairs than poll groups, or a host that spreads its I/O unevenly over its qpairs, some poll groups carry the load and others idle."));
          add_finding (ex, IOP_SEVERITY_NOTICE, "poll-groups-unbalanced", NULL,
                       _("The NVMf poll groups carry very different loads"), ev->str);
        }
    }
  for (guint i = 0; tr && i < json_array_get_length (tr); i++)
    {
      JsonNode *n = json_array_get_element (tr, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *trtype = iop_json_get_str (o, "trtype");
      gint64 nsb = -1, bcs = -1, iou = -1, icd = -1, small_cache = -1;
      g_autoptr(GString) ev = g_string_new (NULL);
      guint pg = ex->n_poll_groups;

      iop_json_get_count (o, "num_shared_buffers", &nsb);
      iop_json_get_count (o, "buf_cache_size", &bcs);
      iop_json_get_count (o, "io_unit_size", &iou);
      iop_json_get_count (o, "in_capsule_data_size", &icd);
      iop_json_get_count (o, "iobuf_small_cache_size", &small_cache);

      if (nsb >= 0)
        {
          g_string_append_printf (ev, _("num_shared_buffers %" PRId64), nsb);
          if (bcs == G_GINT64_CONSTANT (4294967295))
            {
              g_string_append (ev, _(", buf_cache_size automatic"));
              if (pg > 0)
                g_string_append_printf (ev, _(": at v26.01 each of the %u poll groups caches (%" PRId64 " × 3/4) / %u = %" PRId64 " buffers"),
                                        pg, nsb, pg, (iop_sat_mul (nsb, 3) / 4) / pg);
            }
          else if (bcs >= 0)
            g_string_append_printf (ev, _(", buf_cache_size %" PRId64 " per poll group"), bcs);
        }
      else if (small_cache >= 0)
        g_string_append_printf (ev, small_cache == G_GINT64_CONSTANT (4294967295)
                                ? _("iobuf_small_cache_size automatic: (small_pool_count / 2) / poll groups at v26.05")
                                : _("iobuf_small_cache_size %" PRId64), small_cache);
      if (iou > 0)
        g_string_append_printf (ev, _("; io_unit_size %" PRId64), iou);
      if (icd >= 0)
        g_string_append_printf (ev, _("; in_capsule_data_size %" PRId64 ": writes up to that size arrive inside the command and take no transport buffer"), icd);
      if (ev->len && trtype)
        {
          g_autofree char *title = g_strdup_printf (_("The %s transport's buffers"), trtype);
          add_finding (ex, IOP_SEVERITY_INFO, "transport-buffers",
                       nsb >= 0 ? "nvmf_create_transport.buf_cache_size" : "nvmf_create_transport.iobuf_small_cache_size",
                       title, ev->str);
        }
    }
}

static void
explain_nvme (Explain *ex)
{
  JsonArray *ctrls = dump_array (ex->of[IOP_DUMP_BDEV_NVME_GET_CONTROLLERS]);
  JsonArray *pgs = iop_json_get_array (dump_object (ex->of[IOP_DUMP_BDEV_NVME_GET_IO_PATHS]), "poll_groups");
  g_autoptr(GString) ev = g_string_new (NULL);
  g_autoptr(GString) bad = g_string_new (NULL);
  guint n_ctrl = 0, n_paths = 0;

  for (guint i = 0; ctrls && i < json_array_get_length (ctrls); i++)
    {
      JsonNode *n = json_array_get_element (ctrls, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      JsonArray *cs = iop_json_get_array (o, "ctrlrs");

      n_ctrl++;
      for (guint j = 0; cs && j < json_array_get_length (cs); j++)
        {
          JsonNode *cn = json_array_get_element (cs, j);
          JsonObject *co = JSON_NODE_HOLDS_OBJECT (cn) ? json_node_get_object (cn) : NULL;
          JsonObject *trid = iop_json_get_object (co, "trid");
          const char *state = iop_json_get_str (co, "state");

          n_paths++;
          g_string_append_printf (ev, "%s%s: %s %s:%s %s", ev->len ? "; " : "", iop_json_get_str (o, "name") ? iop_json_get_str (o, "name") : "?",
                                  iop_json_get_str (trid, "trtype") ? iop_json_get_str (trid, "trtype") : "?",
                                  iop_json_get_str (trid, "traddr") ? iop_json_get_str (trid, "traddr") : "?",
                                  iop_json_get_str (trid, "trsvcid") ? iop_json_get_str (trid, "trsvcid") : "?",
                                  state ? state : "?");
          if (state && g_strcmp0 (state, "enabled") != 0)
            g_string_append_printf (bad, "%s%s (%s)", bad->len ? ", " : "", iop_json_get_str (o, "name"), state);
        }
    }
  if (n_ctrl)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u NVMe controller, %u path in all", "%u NVMe controllers, %u paths in all", n_ctrl), n_ctrl, n_paths);
      add_finding (ex, IOP_SEVERITY_INFO, "nvme-controllers", NULL, title, ev->str);
    }
  if (bad->len)
    {
      g_autofree char *e2 = g_strdup_printf (_("%s: I/O to them waits or fails over while bdev_nvme reconnects, within ctrlr_loss_timeout_sec."), bad->str);
      add_finding (ex, IOP_SEVERITY_WARNING, "nvme-controller-state", "bdev_nvme_set_options.ctrlr_loss_timeout_sec",
                   _("Some NVMe controllers are not enabled"), e2);
    }
  if (pgs && json_array_get_length (pgs) > 0)
    {
      guint n_threads = json_array_get_length (pgs), n_qp = 0;
      g_autoptr(GString) th = g_string_new (NULL);

      for (guint i = 0; i < n_threads; i++)
        {
          JsonNode *n = json_array_get_element (pgs, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          JsonArray *paths = iop_json_get_array (o, "io_paths");

          n_qp += paths ? json_array_get_length (paths) : 0;
          g_string_append_printf (th, "%s%s", th->len ? ", " : "", iop_json_get_str (o, "thread") ? iop_json_get_str (o, "thread") : "?");
        }
      {
        g_autofree char *e3 = g_strdup_printf (_("%u threads (%s) each hold their own qpair on each path: %u I/O qpairs in all, each with its own io_queue_requests nvme_request objects. The multiplier is threads × controllers × paths, not the number of volumes."),
                                               n_threads, th->str, n_qp);
        add_finding (ex, IOP_SEVERITY_INFO, "qpair-fanout", "bdev_nvme_set_options.io_queue_requests",
                     _("NVMe qpairs multiply with threads"), e3);
      }
    }
}

static void
explain_iostat (Explain *ex)
{
  IopDump *d = ex->of[IOP_DUMP_BDEV_GET_IOSTAT];
  JsonObject *o = dump_object (d);
  JsonArray *bdevs = iop_json_get_array (o, "bdevs");
  JsonArray *raids = dump_array (ex->of[IOP_DUMP_BDEV_RAID_GET_BDEVS]);
  double rate = tick_rate_of (d) > 0 ? tick_rate_of (d) : ex->host->tick_rate;
  g_autoptr(GString) ev = g_string_new (NULL);

  if (bdevs == NULL || rate <= 0)
    return;
  for (guint i = 0; i < json_array_get_length (bdevs); i++)
    {
      JsonNode *n = json_array_get_element (bdevs, i);
      JsonObject *b = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      gint64 rops = 0, wops = 0, rt = 0, wt = 0;

      iop_json_get_count (b, "num_read_ops", &rops);
      iop_json_get_count (b, "num_write_ops", &wops);
      iop_json_get_count (b, "read_latency_ticks", &rt);
      iop_json_get_count (b, "write_latency_ticks", &wt);
      if (rops == 0 && wops == 0)
        continue;
      g_string_append_printf (ev, "%s%s: ", ev->len ? "; " : "", iop_json_get_str (b, "name") ? iop_json_get_str (b, "name") : "?");
      if (rops)
        {
          g_autofree char *c = iop_format_count (rops);
          g_string_append_printf (ev, _("%s reads, %.3f ms average"), c, rt / (double)rops / rate * 1000);
        }
      if (wops)
        {
          g_autofree char *c = iop_format_count (wops);
          g_string_append_printf (ev, _("%s%s writes, %.3f ms average"), rops ? ", " : "", c, wt / (double)wops / rate * 1000);
        }
    }
  if (ev->len)
    add_finding (ex, IOP_SEVERITY_INFO, "bdev-latency", NULL, _("I/O counts and average latency per bdev (bdev_get_iostat)"), ev->str);

  /* RAID1: reads go to the leg with fewer outstanding reads; writes to every leg */
  for (guint i = 0; raids && i < json_array_get_length (raids); i++)
    {
      JsonNode *rn = json_array_get_element (raids, i);
      JsonObject *ro = JSON_NODE_HOLDS_OBJECT (rn) ? json_node_get_object (rn) : NULL;
      JsonArray *legs = iop_json_get_array (ro, "base_bdevs_list");
      g_autoptr(GString) rev = g_string_new (NULL);
      gint64 total_reads = 0, raid_writes = -1;
      gboolean mirrored = TRUE;

      if (g_strcmp0 (iop_json_get_str (ro, "raid_level"), "raid1") != 0 || legs == NULL)
        continue;
      for (guint b = 0; b < json_array_get_length (bdevs); b++)
        {
          JsonNode *bn = json_array_get_element (bdevs, b);
          JsonObject *bo = JSON_NODE_HOLDS_OBJECT (bn) ? json_node_get_object (bn) : NULL;
          if (g_strcmp0 (iop_json_get_str (bo, "name"), iop_json_get_str (ro, "name")) == 0)
            iop_json_get_count (bo, "num_write_ops", &raid_writes);
        }
      for (guint l = 0; l < json_array_get_length (legs); l++)
        {
          JsonNode *ln = json_array_get_element (legs, l);
          const char *leg = JSON_NODE_HOLDS_OBJECT (ln) ? iop_json_get_str (json_node_get_object (ln), "name") : NULL;

          for (guint b = 0; leg && b < json_array_get_length (bdevs); b++)
            {
              JsonNode *bn = json_array_get_element (bdevs, b);
              JsonObject *bo = JSON_NODE_HOLDS_OBJECT (bn) ? json_node_get_object (bn) : NULL;
              gint64 r = 0;
              gint64 w = 0;

              if (g_strcmp0 (iop_json_get_str (bo, "name"), leg) != 0)
                continue;
              iop_json_get_count (bo, "num_read_ops", &r);
              iop_json_get_count (bo, "num_write_ops", &w);
              total_reads = iop_sat_add (total_reads, r);
              if (raid_writes >= 0 && w != raid_writes)
                mirrored = FALSE;
            }
        }
      if (total_reads == 0)
        continue;
      for (guint l = 0; l < json_array_get_length (legs); l++)
        {
          JsonNode *ln = json_array_get_element (legs, l);
          const char *leg = JSON_NODE_HOLDS_OBJECT (ln) ? iop_json_get_str (json_node_get_object (ln), "name") : NULL;

          for (guint b = 0; leg && b < json_array_get_length (bdevs); b++)
            {
              JsonNode *bn = json_array_get_element (bdevs, b);
              JsonObject *bo = JSON_NODE_HOLDS_OBJECT (bn) ? json_node_get_object (bn) : NULL;
              gint64 r = 0;
              g_autofree char *rs = NULL;

              if (g_strcmp0 (iop_json_get_str (bo, "name"), leg) != 0)
                continue;
              iop_json_get_count (bo, "num_read_ops", &r);
              rs = iop_format_count (r);
              g_string_append_printf (rev, "%s%s %s (%.1f%%)", rev->len ? ", " : "", leg, rs, 100.0 * r / total_reads);
            }
        }
      {
        g_autofree char *title = g_strdup_printf (_("RAID1 %s spreads its reads over its legs"), iop_json_get_str (ro, "name"));
        g_autofree char *e2 = g_strdup_printf (_("reads per leg: %s. raid1 sends each read to the leg with the fewest read blocks outstanding on the channel (raid1_channel_next_read_base_bdev), not round-robin.%s"),
                                               rev->str, mirrored && raid_writes > 0 ? _(" Every write went to every leg, as a mirror must.") : "");
        add_finding (ex, IOP_SEVERITY_INFO, "raid1-reads", NULL, title, e2);
      }
    }
}

/* Cache demand against the pools, as scripts/calc-iobuf.py adds it up */
static void
explain_pool_headroom (Explain *ex)
{
  JsonArray *subs = iop_json_get_array (dump_object (ex->of[IOP_DUMP_SAVE_CONFIG]), "subsystems");
  gint64 small_pool = -1, bdev_small = -1, accel_small = -1, small_bufsize = 8192;
  gint64 nsb = -1, bcs = -1;
  guint n_bdev = 0, n_accel = 0;
  gint64 transport_cache = 0, demand;

  if (subs == NULL || ex->of[IOP_DUMP_THREAD_GET_IO_CHANNELS] == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (subs); i++)
    {
      JsonNode *sn = json_array_get_element (subs, i);
      JsonArray *cfg = JSON_NODE_HOLDS_OBJECT (sn) ? iop_json_get_array (json_node_get_object (sn), "config") : NULL;

      for (guint j = 0; cfg && j < json_array_get_length (cfg); j++)
        {
          JsonNode *en = json_array_get_element (cfg, j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *m = iop_json_get_str (eo, "method");
          JsonObject *p = iop_json_get_object (eo, "params");

          if (g_strcmp0 (m, "iobuf_set_options") == 0)
            {
              iop_json_get_count (p, "small_pool_count", &small_pool);
              iop_json_get_count (p, "small_bufsize", &small_bufsize);
            }
          else if (g_strcmp0 (m, "bdev_set_options") == 0)
            iop_json_get_count (p, "iobuf_small_cache_size", &bdev_small);
          else if (g_strcmp0 (m, "accel_set_options") == 0)
            iop_json_get_count (p, "small_cache_size", &accel_small);
          else if (g_strcmp0 (m, "nvmf_create_transport") == 0)
            {
              iop_json_get_count (p, "num_shared_buffers", &nsb);
              iop_json_get_count (p, "buf_cache_size", &bcs);
            }
        }
    }
  if (small_pool <= 0 || bdev_small < 0 || accel_small < 0)
    return;
  for (guint i = 0; i < ex->host->threads->len; i++)
    {
      IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);

      for (guint c = 0; c < t->io_channels->len; c++)
        {
          const char *name = g_ptr_array_index (t->io_channels, c);
          if (g_strcmp0 (name, "bdev_mgr") == 0)
            n_bdev++;
          else if (g_strcmp0 (name, "accel") == 0)
            n_accel++;
        }
    }
  /* values of any size a config may hold: sums and products saturate */
  if (nsb >= 0 && ex->n_poll_groups > 0)
    transport_cache = iop_sat_mul (bcs == G_GINT64_CONSTANT (4294967295)
                                   ? (iop_sat_mul (nsb, 3) / 4) / ex->n_poll_groups : bcs,
                                   ex->n_poll_groups);
  demand = iop_sat_add (iop_sat_add (iop_sat_mul (n_bdev, bdev_small), iop_sat_mul (n_accel, accel_small)),
                        transport_cache);
  {
    g_autofree char *ev = g_strdup_printf (_("%u threads with a bdev channel × %" PRId64 " + %u with an accel channel × %" PRId64 " + the transport's poll-group caches %" PRId64 " = %" PRId64 " small buffers parked in caches, of a small pool of %" PRId64 " (%.0f%%); each is %" PRId64 " bytes. scripts/calc-iobuf.py adds the same terms."),
                                           n_bdev, bdev_small, n_accel, accel_small, transport_cache, demand, small_pool,
                                           100.0 * demand / small_pool, small_bufsize);
    add_finding (ex, demand > small_pool ? IOP_SEVERITY_ERROR : (iop_sat_mul (demand, 2) > small_pool ? IOP_SEVERITY_WARNING : IOP_SEVERITY_INFO),
                 "iobuf-headroom", "iobuf_set_options.small_pool_count",
                 demand > small_pool ? _("The small pool cannot fill every cache")
                 : (iop_sat_mul (demand, 2) > small_pool ? _("The caches take more than half the small pool") : _("The small pool has room beyond the caches")),
                 ev);
  }
}

/* save_config shows what bdev_nvme wrote back, not always what was set */
static void
explain_config (Explain *ex)
{
  JsonArray *subs = iop_json_get_array (dump_object (ex->of[IOP_DUMP_SAVE_CONFIG]), "subsystems");
  gint64 iqr = -1;
  gboolean attached = FALSE;

  for (guint i = 0; subs && i < json_array_get_length (subs); i++)
    {
      JsonNode *sn = json_array_get_element (subs, i);
      JsonArray *cfg = JSON_NODE_HOLDS_OBJECT (sn) ? iop_json_get_array (json_node_get_object (sn), "config") : NULL;

      for (guint j = 0; cfg && j < json_array_get_length (cfg); j++)
        {
          JsonNode *en = json_array_get_element (cfg, j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *m = iop_json_get_str (eo, "method");

          if (g_strcmp0 (m, "bdev_nvme_set_options") == 0)
            iop_json_get_int (iop_json_get_object (eo, "params"), "io_queue_requests", &iqr);
          else if (g_strcmp0 (m, "bdev_nvme_attach_controller") == 0)
            attached = TRUE;
        }
    }
  if (iqr >= 512 && attached)
    {
      g_autofree char *ev = g_strdup_printf (_("save_config shows io_queue_requests %" PRId64 ". Once a controller is attached, bdev_nvme writes back the larger of the value set and the driver's requests per queue (at least 512 by default, and at least the queue size), so any value up to that was set the same way in effect: a start-up script's 128 reads back as 512."),
                                             iqr);
      add_finding (ex, IOP_SEVERITY_INFO, "io-queue-requests-writeback", "bdev_nvme_set_options.io_queue_requests",
                   _("io_queue_requests in save_config is the effective value, not necessarily the one set"), ev);
    }
}

/* --- Logs --------------------------------------------------------------- */

static char *
log_message_of (const char *line)
{
  const char *p = line;
  const char *levels[] = { "*ERROR*: ", "*WARNING*: ", "*NOTICE*: ", "*DEBUG*: " };
  const char *json_msg = strstr (line, "\"message\": \"");

  if (json_msg != NULL)
    {
      char *m = g_strdup (json_msg + strlen ("\"message\": \""));
      gsize n = strlen (m);

      while (n > 0 && (m[n - 1] == '"' || m[n - 1] == ',' || g_ascii_isspace (m[n - 1])))
        m[--n] = '\0';
      return m;
    }

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      const char *q = strstr (line, levels[i]);
      if (q)
        {
          p = q + strlen (levels[i]);
          break;
        }
    }
  while (*p == ' ' || *p == '"')
    p++;
  return g_strstrip (g_strdup (p));
}

static void
scan_log (Explain *ex,
          IopDump *d)
{
  g_auto(GStrv) lines = g_strsplit (d->text, "\n", -1);
  g_autofree char *last_cmd = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      const char *v = strstr (line, "Starting SPDK v");

      if (v != NULL && ex->host->spdk_version == NULL)
        {
          g_autofree char *tag = g_strndup (v + strlen ("Starting SPDK "), strcspn (v + strlen ("Starting SPDK "), " /"));
          ex->host->spdk_version = g_strdup_printf ("SPDK %s", tag);
        }
      if (g_str_has_prefix (line, "$ "))
        {
          g_free (last_cmd);
          last_cmd = g_strdup (line + 2);
        }
      for (guint r = 0; r < G_N_ELEMENTS (log_rules); r++)
        {
          g_autofree char *msg = NULL;

          if (strstr (line, log_rules[r].needle) == NULL)
            continue;
          ex->log_count[r]++;
          if (ex->log_files[r] == NULL)
            ex->log_files[r] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (ex->log_files[r], g_path_get_basename (d->path));
          if (ex->log_lines[r] == NULL)
            ex->log_lines[r] = g_string_new (NULL);
          if (ex->log_count[r] <= 2)
            {
              msg = log_message_of (line);
              if (last_cmd && g_str_has_prefix (line, "  \"message\""))
                g_string_append_printf (ex->log_lines[r], "%s“%s” (after: %s)", ex->log_lines[r]->len ? "; " : "", msg, last_cmd);
              else
                g_string_append_printf (ex->log_lines[r], "%s“%s”", ex->log_lines[r]->len ? "; " : "", msg);
            }
          break;
        }
    }
}

static const char *
knob_from_command (const char *cmd,
                   char      **owned)
{
  g_auto(GStrv) words = NULL;

  if (cmd == NULL)
    return NULL;
  words = g_strsplit (cmd, " ", -1);
  for (guint i = 1; words[0] && words[i]; i++)
    if (g_str_has_prefix (words[i], "--"))
      {
        g_autofree char *param = g_strdelimit (g_strdup (words[i] + 2), "-", '_');
        *owned = g_strdup_printf ("%s.%s", words[0], param);
        return *owned;
      }
  return NULL;
}

static void
explain_logs (Explain *ex)
{
  gboolean done[G_N_ELEMENTS (log_rules)] = { FALSE };

  for (guint r = 0; r < G_N_ELEMENTS (log_rules); r++)
    {
      g_autoptr(GString) ev = NULL;
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      guint count = 0;
      const char *knob = log_rules[r].knob;
      g_autofree char *owned = NULL;

      if (done[r] || ex->log_count[r] == 0)
        continue;
      ev = g_string_new (NULL);
      /* Rules sharing an id make one finding */
      for (guint s = r; s < G_N_ELEMENTS (log_rules); s++)
        {
          GHashTableIter it;
          gpointer key;

          if (strcmp (log_rules[s].id, log_rules[r].id) != 0 || ex->log_count[s] == 0)
            continue;
          done[s] = TRUE;
          count += ex->log_count[s];
          if (ex->log_lines[s]->len)
            g_string_append_printf (ev, "%s%s", ev->len ? "; " : "", ex->log_lines[s]->str);
          g_hash_table_iter_init (&it, ex->log_files[s]);
          while (g_hash_table_iter_next (&it, &key, NULL))
            if (!g_ptr_array_find_with_equal_func (files, key, g_str_equal, NULL))
              g_ptr_array_add (files, g_strdup (key));
        }
      g_ptr_array_sort (files, compare_names);
      g_ptr_array_add (files, NULL);
      {
        g_autofree char *flist = g_strjoinv (", ", (char **)files->pdata);
        g_autofree char *head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line in %s: ", "%u lines in %s: ", count), count, flist);
        g_string_prepend (ev, head);
      }
      if (strcmp (log_rules[r].id, "log-startup-only") == 0)
        {
          /* The command that drew it names the knob */
          const char *cmd = strstr (ev->str, "(after: ");
          if (cmd != NULL)
            {
              g_autofree char *c = g_strndup (cmd + 8, strcspn (cmd + 8, ")"));
              knob = knob_from_command (c, &owned);
            }
        }
      add_finding (ex, log_rules[r].severity, log_rules[r].id, knob, _(log_rules[r].title), ev->str);
    }
}

/* --- Where to look first ------------------------------------------------ */

static gboolean
has_finding (Explain    *ex,
             const char *id)
{
  for (guint i = 0; i < ex->host->findings->len; i++)
    if (strcmp (((IopFinding *)g_ptr_array_index (ex->host->findings, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
where_first (Explain *ex)
{
  GPtrArray *f = ex->host->findings;
  IopFinding *top;
  g_autofree char *ev = NULL;
  const char *knob = NULL;

  if (f->len == 0)
    return;
  /* By severity, keeping the order within one (g_ptr_array_sort is not stable) */
  {
    g_autoptr(GPtrArray) order = g_ptr_array_new ();

    for (int sev = IOP_SEVERITY_ERROR; sev >= IOP_SEVERITY_INFO; sev--)
      for (guint i = 0; i < f->len; i++)
        if ((int)((IopFinding *)g_ptr_array_index (f, i))->severity == sev)
          g_ptr_array_add (order, g_ptr_array_index (f, i));
    memcpy (f->pdata, order->pdata, f->len * sizeof (gpointer));
  }

  /* An error first; then a warning the dumps show (a log's warnings may be
   * old news); else, with no buffer shortage, the threads. */
  top = NULL;
  for (guint i = 0; i < f->len && top == NULL; i++)
    {
      IopFinding *c = g_ptr_array_index (f, i);
      if (c->severity == IOP_SEVERITY_ERROR ||
          (c->severity == IOP_SEVERITY_WARNING && !g_str_has_prefix (c->id, "log-")))
        top = c;
    }
  if (top != NULL)
    {
      ev = g_strdup_printf (_("Start with: %s. %s"), top->title, top->knob ? top->knob : "");
      knob = top->knob;
    }
  else if (has_finding (ex, "iobuf-no-starvation") || has_finding (ex, "iobuf-idle"))
    {
      IopThreadInfo *busiest = NULL;

      for (guint i = 0; i < ex->host->threads->len; i++)
        {
          IopThreadInfo *t = g_ptr_array_index (ex->host->threads, i);
          if (is_data_thread (t) && (busiest == NULL || t->busy_pct > busiest->busy_pct))
            busiest = t;
        }
      if (has_finding (ex, "control-plane-shared") || has_finding (ex, "single-reactor"))
        knob = has_finding (ex, "single-reactor") ? "spdk_tgt.cpumask" : "nvmf_set_config.poll_groups_mask";
      else if (has_finding (ex, "qpair-fanout"))
        knob = "bdev_nvme_set_options.io_queue_requests";
      if (busiest && busiest->busy_pct >= 0)
        {
          g_autofree char *where = busiest->lcore >= 0 ? g_strdup_printf (_(", lcore %d"), busiest->lcore) : g_strdup ("");
          ev = g_strdup_printf (_("Buffers are not the bottleneck (no iobuf retries). Look at the hot threads and their pollers first — %s is busiest among the data-path threads (%.1f%%%s) — then at poll-group placement and the qpair fan-out, before growing any pool."),
                                busiest->name, busiest->busy_pct, where);
        }
      else
        ev = g_strdup (_("Buffers are not the bottleneck (no iobuf retries). Look at the hot threads and their pollers first, then at poll-group placement and the qpair fan-out, before growing any pool."));
    }
  else if (has_finding (ex, "hot-threads"))
    ev = g_strdup (_("Start with the hot threads and their pollers; add iobuf_get_stats (two samples a few seconds apart) to see whether buffers are short."));
  if (ev == NULL)
    return;
  {
    IopFinding *w = g_new0 (IopFinding, 1);

    w->severity = IOP_SEVERITY_INFO;
    w->id = g_strdup ("where-first");
    w->title = g_strdup (_("Where to look first"));
    w->evidence = g_steal_pointer (&ev);
    w->knob = g_strdup (knob);
    g_ptr_array_insert (f, 0, w);
  }
}

static void
explain_host (IopRuntimeHost *h)
{
  Explain ex = { 0 };

  ex.host = h;
  h->control_lcore = -1;

  for (guint i = 0; i < h->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (h->dumps, i);

      if (d->kind == IOP_DUMP_IOBUF_GET_STATS)
        {
          IopDump *prev = ex.of[IOP_DUMP_IOBUF_GET_STATS];

          /* Counters only grow: the smaller sample is the earlier one */
          if (prev == NULL)
            ex.of[d->kind] = d;
          else if (d->order >= prev->order)
            {
              ex.iobuf_first = prev;
              ex.of[d->kind] = d;
            }
          else if (ex.iobuf_first == NULL || d->order < ex.iobuf_first->order)
            ex.iobuf_first = d;
        }
      else if (d->kind < IOP_DUMP_N_KINDS)
        ex.of[d->kind] = d;
    }

  if (ex.of[IOP_DUMP_SPDK_GET_VERSION])
    h->spdk_version = g_strdup (iop_json_get_str (dump_object (ex.of[IOP_DUMP_SPDK_GET_VERSION]), "version"));
  for (guint i = 0; i < h->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (h->dumps, i);
      if (d->kind == IOP_DUMP_LOG)
        scan_log (&ex, d);
    }
  if (h->spdk_version)
    {
      const char *v = strstr (h->spdk_version, "v");
      g_autofree char *tag = v ? g_strndup (v, strcspn (v, " -")) : NULL;
      ex.version_known = tag && iop_spdk_version_parse (tag, &ex.version, NULL);
    }

  read_threads (&ex);
  find_roles (&ex);
  explain_roles (&ex);
  explain_control_plane (&ex);
  explain_threads (&ex);
  explain_timed_pollers (&ex);
  explain_iobuf (&ex);
  explain_pool_headroom (&ex);
  explain_config (&ex);
  explain_nvmf (&ex);
  explain_nvme (&ex);
  explain_iostat (&ex);
  explain_logs (&ex);

  /* bdev_nvme polls, but nothing says where its controllers are */
  if (!has_role (&ex, IOP_ROLE_NVMF_INITIATOR) && !has_role (&ex, IOP_ROLE_LOCAL_NVME))
    {
      g_autofree char *where = threads_with_poller (&ex, "bdev_nvme_poll");

      if (*where)
        {
          g_autofree char *e2 = g_strdup_printf (_("bdev_nvme_poll runs on %s, but no dump says whether its controllers are local (PCIe) or remote (TCP, RDMA): add bdev_nvme_get_controllers."), where);
          add_finding (&ex, IOP_SEVERITY_NOTICE, "nvme-unknown", NULL, _("NVMe controllers of unknown kind"), e2);
        }
    }
  where_first (&ex);

  for (guint r = 0; r < G_N_ELEMENTS (log_rules); r++)
    {
      if (ex.log_lines[r])
        g_string_free (ex.log_lines[r], TRUE);
      g_clear_pointer (&ex.log_files[r], g_hash_table_unref);
    }
}

static IopRuntimeHost *
host_new (const char *name)
{
  IopRuntimeHost *h = g_new0 (IopRuntimeHost, 1);

  h->name = g_strdup (name);
  h->dumps = g_ptr_array_new ();
  h->roles = g_ptr_array_new_with_free_func (g_free);
  h->role_evidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  h->threads = g_ptr_array_new_with_free_func (thread_free);
  h->findings = g_ptr_array_new_with_free_func (finding_free);
  h->control_lcore = -1;
  return h;
}

/* One host unless the dumps clearly come from several: two of a kind (more
 * than two iobuf samples) under different file-name prefixes. */
static gboolean
needs_split (IopRuntime *self)
{
  guint counts[IOP_DUMP_N_KINDS] = { 0 };
  const char *first_group = NULL;
  gboolean several = FALSE;

  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);

      if (first_group == NULL)
        first_group = d->group;
      else if (g_strcmp0 (first_group, d->group) != 0)
        several = TRUE;
      counts[d->kind]++;
    }
  if (!several)
    return FALSE;
  for (guint k = 0; k < IOP_DUMP_N_KINDS; k++)
    {
      if (k == IOP_DUMP_LOG || k == IOP_DUMP_EMPTY_LIST || k == IOP_DUMP_SKIPPED || k == IOP_DUMP_UNKNOWN)
        continue;
      if (counts[k] > (k == IOP_DUMP_IOBUF_GET_STATS ? 2u : 1u))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
iop_runtime_explain (IopRuntime *self)
{
  gboolean split = needs_split (self);
  const char *common = NULL;
  gboolean one_prefix = TRUE;

  g_ptr_array_set_size (self->hosts, 0);
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      if (common == NULL)
        common = d->group;
      else if (g_strcmp0 (common, d->group) != 0)
        one_prefix = FALSE;
    }
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      const char *name = split ? d->group : (one_prefix && common ? common : "host");
      IopRuntimeHost *h = NULL;

      if (d->kind == IOP_DUMP_SKIPPED || d->kind == IOP_DUMP_UNKNOWN)
        continue;
      for (guint j = 0; j < self->hosts->len; j++)
        if (g_strcmp0 (((IopRuntimeHost *)g_ptr_array_index (self->hosts, j))->name, name) == 0)
          h = g_ptr_array_index (self->hosts, j);
      if (h == NULL)
        {
          h = host_new (name);
          g_ptr_array_add (self->hosts, h);
        }
      g_ptr_array_add (h->dumps, d);
    }
  for (guint j = 0; j < self->hosts->len; j++)
    explain_host (g_ptr_array_index (self->hosts, j));
  /* A host that yielded nothing (an empty list, a quiet log) is left out */
  for (guint j = self->hosts->len; j > 0; j--)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j - 1);
      if (h->findings->len == 0 && h->threads->len == 0 && h->roles->len == 0)
        g_ptr_array_remove_index (self->hosts, j - 1);
    }
  return self->hosts;
}

/* --- Output ------------------------------------------------------------- */

static void
add_thread_json (JsonBuilder   *b,
                 IopThreadInfo *t,
                 const char    *host)
{
  json_builder_begin_object (b);
  if (host)
    {
      json_builder_set_member_name (b, "host");
      json_builder_add_string_value (b, host);
    }
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, t->name);
  json_builder_set_member_name (b, "lcore");
  if (t->lcore >= 0)
    json_builder_add_int_value (b, t->lcore);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "busy_pct");
  if (t->busy_pct >= 0)
    json_builder_add_double_value (b, round (t->busy_pct * 100) / 100);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "active_pollers");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->active_pollers->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (t->active_pollers, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "run_count");
      json_builder_add_int_value (b, p->run_count);
      json_builder_set_member_name (b, "busy_count");
      json_builder_add_int_value (b, p->busy_count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "timed_pollers");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->timed_pollers->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (t->timed_pollers, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "period_s");
      if (p->period_s >= 0)
        json_builder_add_double_value (b, p->period_s);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "period_ticks");
      json_builder_add_int_value (b, p->period_ticks);
      json_builder_set_member_name (b, "run_count");
      json_builder_add_int_value (b, p->run_count);
      json_builder_set_member_name (b, "busy_count");
      json_builder_add_int_value (b, p->busy_count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_finding_json (JsonBuilder *b,
                  IopFinding  *f,
                  const char  *host)
{
  json_builder_begin_object (b);
  if (host)
    {
      json_builder_set_member_name (b, "host");
      json_builder_add_string_value (b, host);
    }
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, iop_severity_name (f->severity));
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, f->id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, f->title);
  json_builder_set_member_name (b, "evidence");
  json_builder_add_string_value (b, f->evidence);
  json_builder_set_member_name (b, "knob");
  if (f->knob)
    json_builder_add_string_value (b, f->knob);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

JsonNode *
iop_runtime_to_json (IopRuntime *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) all_roles = g_ptr_array_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      const char *host = NULL;

      for (guint j = 0; j < self->hosts->len && host == NULL; j++)
        {
          IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);
          if (g_ptr_array_find (h->dumps, d, NULL))
            host = h->name;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, d->path);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, iop_dump_kind_name (d->kind));
      json_builder_set_member_name (b, "host");
      if (host)
        json_builder_add_string_value (b, host);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "note");
      if (d->note)
        json_builder_add_string_value (b, d->note);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "hosts");
  json_builder_begin_array (b);
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, h->name);
      json_builder_set_member_name (b, "spdk_version");
      if (h->spdk_version)
        json_builder_add_string_value (b, h->spdk_version);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "tick_rate");
      if (h->tick_rate > 0)
        json_builder_add_int_value (b, (gint64)h->tick_rate);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "control_plane_lcore");
      if (h->control_lcore >= 0)
        json_builder_add_int_value (b, h->control_lcore);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "roles");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->roles->len; i++)
        {
          const char *r = g_ptr_array_index (h->roles, i);
          json_builder_add_string_value (b, r);
          if (!g_ptr_array_find_with_equal_func (all_roles, r, g_str_equal, NULL))
            g_ptr_array_add (all_roles, (gpointer)r);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "role_evidence");
      json_builder_begin_object (b);
      for (guint i = 0; i < h->roles->len; i++)
        {
          const char *r = g_ptr_array_index (h->roles, i);
          json_builder_set_member_name (b, r);
          json_builder_add_string_value (b, g_hash_table_lookup (h->role_evidence, r));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "threads");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->threads->len; i++)
        add_thread_json (b, g_ptr_array_index (h->threads, i), NULL);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->findings->len; i++)
        add_finding_json (b, g_ptr_array_index (h->findings, i), NULL);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  for (guint i = 0; i < all_roles->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (all_roles, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "threads");
  json_builder_begin_array (b);
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);
      for (guint i = 0; i < h->threads->len; i++)
        add_thread_json (b, g_ptr_array_index (h->threads, i), h->name);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);
      for (guint i = 0; i < h->findings->len; i++)
        add_finding_json (b, g_ptr_array_index (h->findings, i), h->name);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
severity_label (IopSeverity s)
{
  switch (s)
    {
    case IOP_SEVERITY_ERROR: return _("ERROR");
    case IOP_SEVERITY_WARNING: return _("WARNING");
    case IOP_SEVERITY_NOTICE: return _("NOTICE");
    case IOP_SEVERITY_INFO:
    default: return _("info");
    }
}

char *
iop_runtime_to_text (IopRuntime *self)
{
  GString *s = g_string_new (NULL);

  g_string_append (s, _("Files:\n"));
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      g_autofree char *base = g_path_get_basename (d->path);

      g_string_append_printf (s, "  %-48s %-26s%s%s\n", base, iop_dump_kind_name (d->kind), d->note ? " " : "", d->note ? d->note : "");
    }
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);

      g_string_append_printf (s, "\n== %s%s%s ==\n", h->name, h->spdk_version ? " — " : "", h->spdk_version ? h->spdk_version : "");
      if (h->roles->len)
        {
          g_string_append (s, _("Roles:"));
          for (guint i = 0; i < h->roles->len; i++)
            g_string_append_printf (s, " %s", (char *)g_ptr_array_index (h->roles, i));
          g_string_append_c (s, '\n');
        }
      if (h->threads->len)
        g_string_append (s, _("Threads:\n"));
      for (guint i = 0; i < h->threads->len; i++)
        {
          IopThreadInfo *t = g_ptr_array_index (h->threads, i);

          g_string_append_printf (s, "  %-26s", t->name);
          if (t->lcore >= 0)
            g_string_append_printf (s, _(" lcore %-3d"), t->lcore);
          else
            g_string_append (s, _(" lcore ?  "));
          if (t->busy_pct >= 0)
            g_string_append_printf (s, _(" busy %5.1f%%"), t->busy_pct);
          if (t->active_pollers->len)
            {
              g_string_append (s, _("  active:"));
              for (guint p = 0; p < t->active_pollers->len; p++)
                g_string_append_printf (s, " %s", ((IopPollerInfo *)g_ptr_array_index (t->active_pollers, p))->name);
            }
          if (t->timed_pollers->len)
            {
              g_string_append (s, _("  timed:"));
              for (guint p = 0; p < t->timed_pollers->len; p++)
                {
                  IopPollerInfo *pi = g_ptr_array_index (t->timed_pollers, p);
                  g_autofree char *per = iop_format_period (pi->period_s);
                  g_string_append_printf (s, " %s/%s", pi->name, per);
                }
            }
          g_string_append_c (s, '\n');
        }
      if (h->findings->len)
        g_string_append (s, _("Findings:\n"));
      for (guint i = 0; i < h->findings->len; i++)
        {
          IopFinding *f = g_ptr_array_index (h->findings, i);

          g_string_append_printf (s, "  [%s] %s\n", severity_label (f->severity), f->title);
          g_string_append_printf (s, "      %s\n", f->evidence);
          if (f->knob)
            g_string_append_printf (s, _("      knob: %s\n"), f->knob);
        }
    }
  if (self->hosts->len == 0)
    g_string_append (s, _("\nNothing to explain: no dump Iopath reads.\n"));
  return g_string_free (s, FALSE);
}

/* --- Live rates ---------------------------------------------------------- */

static JsonNode *
sample_member (JsonNode   *sample,
               const char *method)
{
  if (sample == NULL || !JSON_NODE_HOLDS_OBJECT (sample))
    return NULL;
  return json_object_get_member (json_node_get_object (sample), method);
}

JsonNode *
iop_runtime_rates (JsonNode *before,
                   JsonNode *after,
                   double    seconds)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonNode *ib = sample_member (before, "iobuf_get_stats");
  JsonNode *ia = sample_member (after, "iobuf_get_stats");
  JsonNode *tb = sample_member (before, "thread_get_stats");
  JsonNode *ta = sample_member (after, "thread_get_stats");
  IopDump db = { 0 }, da = { 0 };
  gboolean reset = FALSE;

  if (!(seconds > 0))   /* NaN too */
    seconds = 1;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "interval_s");
  json_builder_add_double_value (b, seconds);

  json_builder_set_member_name (b, "iobuf");
  json_builder_begin_array (b);
  db.node = ib;
  da.node = ia;
  if (ia && JSON_NODE_HOLDS_ARRAY (ia))
    {
      JsonArray *a = json_node_get_array (ia);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;
          const char *pools[] = { "small_pool", "large_pool" };
          const char *keys[] = { "small", "large" };

          if (module == NULL)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "module");
          json_builder_add_string_value (b, module);
          for (guint p = 0; p < 2; p++)
            {
              PoolCounts now, then;
              gboolean two, back = FALSE;

              if (!iobuf_counts (&da, module, pools[p], &now))
                continue;
              two = ib != NULL && JSON_NODE_HOLDS_ARRAY (ib) && iobuf_counts (&db, module, pools[p], &then);
              /* counters only grow in one run: lower now means SPDK restarted
               * or its counters were reset; no rate over such an interval */
              if (two && (now.cache < then.cache || now.main < then.main || now.retry < then.retry))
                {
                  back = reset = TRUE;
                  two = FALSE;
                }
              json_builder_set_member_name (b, keys[p]);
              json_builder_begin_object (b);
              /* counts are 0 or more: the differences cannot overflow */
              json_builder_set_member_name (b, "cache");
              json_builder_add_double_value (b, two ? (now.cache - then.cache) / seconds : 0);
              json_builder_set_member_name (b, "main");
              json_builder_add_double_value (b, two ? (now.main - then.main) / seconds : 0);
              json_builder_set_member_name (b, "retry");
              json_builder_add_double_value (b, two ? (now.retry - then.retry) / seconds : 0);
              json_builder_set_member_name (b, "retry_total");
              json_builder_add_int_value (b, now.retry);
              json_builder_set_member_name (b, "reset");
              json_builder_add_boolean_value (b, back);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "threads");
  json_builder_begin_array (b);
  if (ta && JSON_NODE_HOLDS_OBJECT (ta))
    {
      JsonArray *a = iop_json_get_array (json_node_get_object (ta), "threads");
      JsonArray *prev = tb && JSON_NODE_HOLDS_OBJECT (tb) ? iop_json_get_array (json_node_get_object (tb), "threads") : NULL;

      for (guint i = 0; a && i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          const char *name = iop_json_get_str (o, "name");
          gint64 busy = 0, idle = 0, pbusy = 0, pidle = 0;
          gboolean found = FALSE;

          if (name == NULL)
            continue;
          iop_json_get_count (o, "busy", &busy);
          iop_json_get_count (o, "idle", &idle);
          for (guint j = 0; prev && j < json_array_get_length (prev); j++)
            {
              JsonNode *pn = json_array_get_element (prev, j);
              JsonObject *po = JSON_NODE_HOLDS_OBJECT (pn) ? json_node_get_object (pn) : NULL;
              if (g_strcmp0 (iop_json_get_str (po, "name"), name) == 0)
                {
                  iop_json_get_count (po, "busy", &pbusy);
                  iop_json_get_count (po, "idle", &pidle);
                  found = TRUE;
                }
            }
          if (found && (busy < pbusy || idle < pidle))
            {
              /* the thread's tick counters went down: a restart or a reset */
              reset = TRUE;
              found = FALSE;
              busy = idle = -1;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, name);
          json_builder_set_member_name (b, "busy_pct");
          /* counts are 0 or more: differences cannot overflow, sums are taken in double */
          if (found && (double)(busy - pbusy) + (double)(idle - pidle) > 0)
            json_builder_add_double_value (b, 100.0 * (busy - pbusy) / ((double)(busy - pbusy) + (double)(idle - pidle)));
          else if (!found && busy >= 0 && (double)busy + (double)idle > 0)
            json_builder_add_double_value (b, 100.0 * busy / ((double)busy + (double)idle));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "counters_reset");
  json_builder_add_boolean_value (b, reset);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
iop_runtime_rates_to_text (JsonNode *rates)
{
  GString *s = g_string_new (NULL);
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (rates) ? json_node_get_object (rates) : NULL;
  JsonArray *io = iop_json_get_array (o, "iobuf");
  JsonArray *th = iop_json_get_array (o, "threads");
  double interval = o ? json_object_get_double_member_with_default (o, "interval_s", 0) : 0;

  g_string_append_printf (s, _("-- over %.1f s --\n"), interval);
  if (o != NULL && json_object_get_boolean_member_with_default (o, "counters_reset", FALSE))
    g_string_append (s, _("  Counters went down since the last sample: the target restarted or its counters were reset. "
                          "Those rates start again from this sample.\n"));
  for (guint i = 0; io && i < json_array_get_length (io); i++)
    {
      JsonObject *m = json_array_get_object_element (io, i);
      const char *keys[] = { "small", "large" };

      g_string_append_printf (s, "  iobuf %-16s", iop_json_get_str (m, "module"));
      for (guint p = 0; p < 2; p++)
        {
          JsonObject *po = iop_json_get_object (m, keys[p]);
          if (po == NULL)
            continue;
          g_string_append_printf (s, _("  %s: %.0f cache/s %.0f main/s %.0f retry/s"),
                                  keys[p],
                                  json_object_get_double_member_with_default (po, "cache", 0),
                                  json_object_get_double_member_with_default (po, "main", 0),
                                  json_object_get_double_member_with_default (po, "retry", 0));
        }
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; th && i < json_array_get_length (th); i++)
    {
      JsonObject *t = json_array_get_object_element (th, i);
      JsonNode *bp = json_object_get_member (t, "busy_pct");

      if (bp && !JSON_NODE_HOLDS_NULL (bp))
        g_string_append_printf (s, _("  thread %-26s busy %5.1f%%\n"), iop_json_get_str (t, "name"), json_node_get_double (bp));
      else
        g_string_append_printf (s, _("  thread %-26s busy ?\n"), iop_json_get_str (t, "name"));
    }
  return g_string_free (s, FALSE);
}
