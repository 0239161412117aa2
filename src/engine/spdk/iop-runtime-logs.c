/* iop-runtime-logs.c: SPDK's own messages in its logs
 *
 * The messages about pools, queues and startup order that spdk_tgt and
 * rpc.py write (docs/spdk-facts.md, shared messages list): recognising a
 * log as SPDK's, counting them per file, and a finding for each kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-format.h"
#include "iop-json-util.h"
#include "iop-runtime-private.h"

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

G_STATIC_ASSERT (G_N_ELEMENTS (log_rules) == IOP_RT_N_LOG_RULES);

gboolean
iop_rt_text_looks_like_spdk (const char *text)
{
  if (strstr (text, "Starting SPDK v") != NULL || strstr (text, "JSON-RPC") != NULL ||
      strstr (text, "*ERROR*") != NULL || strstr (text, "*NOTICE*") != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (log_rules); i++)
    if (strstr (text, log_rules[i].needle) != NULL)
      return TRUE;
  return FALSE;
}

guint
iop_rt_log_matches (const char *text)
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

void
iop_rt_scan_log (Explain *ex,
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

void
iop_rt_explain_logs (Explain *ex)
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
      g_ptr_array_sort (files, iop_rt_compare_names);
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
      iop_rt_add_finding (ex, log_rules[r].severity, log_rules[r].id, knob, _(log_rules[r].title), ev->str);
    }
}
