/* iop-runtime.c: reading the dumps of a running SPDK
 *
 * Recognises each dump from its content, keeps it with its file's name
 * group, and frees what the explainers (iop-runtime-explain.c and the
 * iop-runtime-*.c files it calls) build.
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
#include <stdlib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-runtime-private.h"
#include "iop-format.h"

G_STATIC_ASSERT (IOP_RUNTIME_MAX_BYTES == IOP_JSON_MAX_BYTES);

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

void
iop_rt_poller_free (gpointer p)
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

        if (!iop_rt_text_looks_like_spdk (text))
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
    n = iop_rt_log_matches (d->text);
    if (n > 0 || iop_rt_text_looks_like_spdk (d->text))
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

int
iop_rt_compare_names (gconstpointer a,
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
      g_ptr_array_sort (names, iop_rt_compare_names);
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


IopRuntimeHost *
iop_rt_host_new (const char *name)
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
