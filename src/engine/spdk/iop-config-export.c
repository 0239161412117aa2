/* iop-config-export.c: a scenario's knobs out as an SPDK config
 *
 * iop_config_export_json() writes a JSON config in SPDK's save_config order,
 * with only the methods and params that were set; iop_config_export_rpc() the
 * same as scripts/rpc.py calls, in the order SPDK takes them (startup-only
 * first, then framework_start_init, then the transport).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-config-private.h"
#include "iop-error.h"
#include "iop-json-util.h"

/* The subsystem each exported method belongs to, in SPDK's save_config order */
static const struct
{
  const char *method;
  const char *subsystem;
} export_methods[] = {
  { "iobuf_set_options", "iobuf" },
  { "accel_set_options", "accel" },
  { "bdev_set_options", "bdev" },
  { "bdev_nvme_set_options", "bdev" },
  { "nvmf_set_config", "nvmf" },
  { "nvmf_create_transport", "nvmf" },
};

/* scripts/rpc.py options, read in python/spdk/cli/{iobuf,accel,bdev,nvmf}.py at
 * v26.01 and v26.05. FLAG_WHEN >= 0: a flag given when the value equals it. */
static const struct
{
  const char *id;
  const char *option;
  int         flag_when;
} rpc_options[] = {
  { "iobuf_set_options.small_pool_count", "--small-pool-count", -1 },
  { "iobuf_set_options.large_pool_count", "--large-pool-count", -1 },
  { "iobuf_set_options.small_bufsize", "--small-bufsize", -1 },
  { "iobuf_set_options.large_bufsize", "--large-bufsize", -1 },
  { "iobuf_set_options.enable_numa", "--enable-numa", 1 },
  { "accel_set_options.small_cache_size", "--small-cache-size", -1 },
  { "accel_set_options.large_cache_size", "--large-cache-size", -1 },
  { "bdev_set_options.bdev_io_pool_size", "--bdev-io-pool-size", -1 },
  { "bdev_set_options.bdev_io_cache_size", "--bdev-io-cache-size", -1 },
  { "bdev_set_options.iobuf_small_cache_size", "--iobuf-small-cache-size", -1 },
  { "bdev_set_options.iobuf_large_cache_size", "--iobuf-large-cache-size", -1 },
  { "bdev_nvme_set_options.io_queue_requests", "--io-queue-requests", -1 },
  { "bdev_nvme_set_options.delay_cmd_submit", "--disable-delay-cmd-submit", 0 },
  { "bdev_nvme_set_options.nvme_ioq_poll_period_us", "--nvme-ioq-poll-period-us", -1 },
  { "bdev_nvme_set_options.nvme_adminq_poll_period_us", "--nvme-adminq-poll-period-us", -1 },
  { "bdev_nvme_set_options.keep_alive_timeout_ms", "--keep-alive-timeout-ms", -1 },
  { "bdev_nvme_set_options.ctrlr_loss_timeout_sec", "--ctrlr-loss-timeout-sec", -1 },
  { "bdev_nvme_set_options.reconnect_delay_sec", "--reconnect-delay-sec", -1 },
  { "bdev_nvme_set_options.fast_io_fail_timeout_sec", "--fast-io-fail-timeout-sec", -1 },
  { "bdev_nvme_set_options.io_path_stat", "--io-path-stat", 1 },
  { "bdev_nvme_set_options.transport_ack_timeout", "--transport-ack-timeout", -1 },
  { "bdev_nvme_set_options.transport_retry_count", "--transport-retry-count", -1 },
  { "bdev_nvme_set_options.rdma_srq_size", "--rdma-srq-size", -1 },
  { "bdev_nvme_set_options.rdma_max_cq_size", "--rdma-max-cq-size", -1 },
  { "bdev_nvme_set_options.rdma_cm_event_timeout_ms", "--rdma-cm-event-timeout-ms", -1 },
  { "bdev_nvme_set_options.timeout_us", "--timeout-us", -1 },
  { "bdev_nvme_set_options.action_on_timeout", "--action-on-timeout", -1 },
  { "bdev_nvme_set_options.bdev_retry_count", "--bdev-retry-count", -1 },
  { "nvmf_set_config.poll_groups_mask", "--poll-groups-mask", -1 },
  { "nvmf_create_transport.max_queue_depth", "--max-queue-depth", -1 },
  { "nvmf_create_transport.max_io_qpairs_per_ctrlr", "--max-io-qpairs-per-ctrlr", -1 },
  { "nvmf_create_transport.in_capsule_data_size", "--in-capsule-data-size", -1 },
  { "nvmf_create_transport.max_io_size", "--max-io-size", -1 },
  { "nvmf_create_transport.io_unit_size", "--io-unit-size", -1 },
  { "nvmf_create_transport.max_aq_depth", "--max-aq-depth", -1 },
  { "nvmf_create_transport.num_shared_buffers", "--num-shared-buffers", -1 },
  { "nvmf_create_transport.buf_cache_size", "--buf-cache-size", -1 },
  { "nvmf_create_transport.iobuf_small_cache_size", "--iobuf-small-cache-size", -1 },
  { "nvmf_create_transport.iobuf_large_cache_size", "--iobuf-large-cache-size", -1 },
  { "nvmf_create_transport.max_srq_depth", "--max-srq-depth", -1 },
  { "nvmf_create_transport.no_srq", "--no-srq", 1 },
  { "nvmf_create_transport.data_wr_pool_size", "--data-wr-pool-size", -1 },
};

gboolean
iop_config_format_parse (const char      *name,
                         IopConfigFormat *out,
                         GError         **error)
{
  if (g_strcmp0 (name, "json") == 0)
    *out = IOP_CONFIG_FORMAT_JSON;
  else if (g_strcmp0 (name, "rpc") == 0)
    *out = IOP_CONFIG_FORMAT_RPC;
  else
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("Unknown format “%s”: use json or rpc"), name ? name : "");
      return FALSE;
    }
  return TRUE;
}

const char *
iop_config_rpc_option (const IopKnobDef *def,
                       IopSpdkVersion    version)
{
  if (!(def->versions & IOP_SPDK_BIT (version)))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rpc_options); i++)
    if (strcmp (rpc_options[i].id, def->id) == 0)
      return rpc_options[i].option;
  return NULL;
}

static int
rpc_flag_when (const IopKnobDef *def)
{
  for (guint i = 0; i < G_N_ELEMENTS (rpc_options); i++)
    if (strcmp (rpc_options[i].id, def->id) == 0)
      return rpc_options[i].flag_when;
  return -1;
}

static void
add_note (GPtrArray  *notes,
          const char *fmt,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (GPtrArray  *notes,
          const char *fmt,
          ...)
{
  va_list args;

  if (notes == NULL)
    return;
  va_start (args, fmt);
  g_ptr_array_add (notes, g_strdup_vprintf (fmt, args));
  va_end (args);
}

/* The set knobs of one method (and transport) in registry order. At v26.05,
 * buf_cache_size and iobuf_small_cache_size are one field; only the new name
 * is written when both are set. */
static GPtrArray *
method_knobs (const IopScenario *sc,
              IopHostId          host,
              const char        *method,
              const char        *trtype,
              GPtrArray         *notes)
{
  GPtrArray *out = g_ptr_array_new ();
  const IopHostConfig *hc = &sc->hosts[host];
  gboolean has_small = FALSE;

  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);

      if (strcmp (d->method, method) != 0 || g_strcmp0 (d->trtype, trtype) != 0)
        continue;
      if (!(d->versions & IOP_SPDK_BIT (sc->version)) || !(d->hosts & IOP_HOST_BIT (host)))
        continue;
      if (!hc->set[i])
        continue;
      /* SPDK reads an empty mask as "no core", not "every core": leave it out */
      if (d->type == IOP_KNOB_CPUMASK && hc->values[i] == 0)
        {
          add_note (notes, _("%s is 0 (every reactor gets a poll group): left out, since SPDK would read an empty mask as no core at all"), d->id);
          continue;
        }
      if (strcmp (d->param, "iobuf_small_cache_size") == 0 && trtype != NULL)
        has_small = TRUE;
      g_ptr_array_add (out, (gpointer)d);
    }
  if (has_small)
    for (guint i = 0; i < out->len; i++)
      {
        const IopKnobDef *d = g_ptr_array_index (out, i);

        if (strcmp (d->param, "buf_cache_size") == 0)
          {
            add_note (notes, _("nvmf_create_transport (%s): buf_cache_size and iobuf_small_cache_size are one field at %s; only iobuf_small_cache_size is written"),
                      trtype, iop_spdk_version_tag (sc->version));
            g_ptr_array_remove_index (out, i);
            break;
          }
      }
  return out;
}

static void
export_common_notes (const IopScenario *sc,
                     IopHostId          host,
                     GPtrArray         *notes)
{
  const IopKnobDef *mask = iop_knob_def_find ("spdk_tgt.cpumask", host, NULL, sc->version);

  if (mask != NULL && iop_scenario_knob_is_set (sc, host, mask))
    {
      g_autofree char *m = iop_knob_format (mask, iop_scenario_knob_value (sc, host, mask));
      add_note (notes, _("spdk_tgt.cpumask is a command-line option, not part of a config: start SPDK with -m %s"), m);
    }
  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);

      if (sc->hosts[host].set[i] && (d->hosts & IOP_HOST_BIT (host)) &&
          (d->versions & IOP_SPDK_BIT (sc->version)) && (d->deprecated & IOP_SPDK_BIT (sc->version)))
        add_note (notes, _("%s%s%s is deprecated at %s: SPDK accepts it and logs a deprecation"),
                  d->id, d->trtype ? " " : "", d->trtype ? d->trtype : "", iop_spdk_version_tag (sc->version));
      else if (sc->hosts[host].set[i] && (d->hosts & IOP_HOST_BIT (host)) &&
               !(d->versions & IOP_SPDK_BIT (sc->version)))
        add_note (notes, _("%s is set but does not exist at %s; it is left out"), d->id, iop_spdk_version_tag (sc->version));
    }
}

JsonNode *
iop_config_export_node (const IopScenario *sc,
                        IopHostId          host,
                        GPtrArray         *notes)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *open_subsystem = NULL;

  export_common_notes (sc, host, notes);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "subsystems");
  json_builder_begin_array (b);
  for (guint m = 0; m < G_N_ELEMENTS (export_methods); m++)
    {
      const char *method = export_methods[m].method;
      gboolean per_transport = strcmp (method, "nvmf_create_transport") == 0;
      guint n_variants = per_transport ? G_N_ELEMENTS (iop_config_transport_order) : 1;

      for (guint t = 0; t < n_variants; t++)
        {
          const char *trtype = per_transport ? iop_config_transport_order[t] : NULL;
          g_autoptr(GPtrArray) knobs = method_knobs (sc, host, method, trtype, notes);

          if (knobs->len == 0)
            continue;
          if (g_strcmp0 (open_subsystem, export_methods[m].subsystem) != 0)
            {
              if (open_subsystem != NULL)
                {
                  json_builder_end_array (b);
                  json_builder_end_object (b);
                }
              open_subsystem = export_methods[m].subsystem;
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "subsystem");
              json_builder_add_string_value (b, open_subsystem);
              json_builder_set_member_name (b, "config");
              json_builder_begin_array (b);
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "method");
          json_builder_add_string_value (b, method);
          json_builder_set_member_name (b, "params");
          json_builder_begin_object (b);
          if (trtype != NULL)
            {
              json_builder_set_member_name (b, "trtype");
              json_builder_add_string_value (b, trtype);
            }
          for (guint i = 0; i < knobs->len; i++)
            {
              const IopKnobDef *d = g_ptr_array_index (knobs, i);

              json_builder_set_member_name (b, d->param);
              iop_config_add_knob_value (b, d, iop_scenario_knob_value (sc, host, d));
            }
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
    }
  if (open_subsystem != NULL)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
iop_config_export_json (const IopScenario *sc,
                        IopHostId          host,
                        GPtrArray         *notes)
{
  g_autoptr(JsonNode) node = iop_config_export_node (sc, host, notes);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

static void
rpc_line (GString           *out,
          const IopScenario *sc,
          IopHostId          host,
          const char        *method,
          const char        *trtype,
          GPtrArray         *knobs)
{
  g_autoptr(GString) omitted = g_string_new (NULL);

  g_string_append_printf (out, "scripts/rpc.py %s", method);
  if (trtype != NULL)
    g_string_append_printf (out, " --trtype %s", trtype);
  for (guint i = 0; i < knobs->len; i++)
    {
      const IopKnobDef *d = g_ptr_array_index (knobs, i);
      gint64 v = iop_scenario_knob_value (sc, host, d);
      const char *opt = iop_config_rpc_option (d, sc->version);
      int flag_when = rpc_flag_when (d);
      g_autofree char *text = NULL;

      if (opt == NULL)
        continue;
      if (flag_when >= 0)
        {
          if (v == flag_when)
            g_string_append_printf (out, " %s", opt);
          else
            g_string_append_printf (omitted, "%s%s %s", omitted->len ? ", " : "", d->param, v ? "true" : "false");
          continue;
        }
      if (d->has_auto && v == IOP_KNOB_AUTO)
        text = g_strdup ("4294967295");
      else
        text = iop_knob_format (d, v);
      g_string_append_printf (out, " %s %s", opt, text);
    }
  g_string_append_c (out, '\n');
  if (omitted->len)
    g_string_append_printf (out, _("#   (%s: rpc.py's default when the flag is absent)\n"), omitted->str);
}

char *
iop_config_export_rpc (const IopScenario *sc,
                       IopHostId          host,
                       GPtrArray         *notes)
{
  GString *out = g_string_new (NULL);
  const IopKnobDef *mask = iop_knob_def_find ("spdk_tgt.cpumask", host, NULL, sc->version);
  g_autofree char *mask_text = NULL;
  g_autoptr(GPtrArray) iobuf = method_knobs (sc, host, "iobuf_set_options", NULL, notes);
  g_autoptr(GPtrArray) accel = method_knobs (sc, host, "accel_set_options", NULL, notes);
  g_autoptr(GPtrArray) bdev = method_knobs (sc, host, "bdev_set_options", NULL, notes);
  g_autoptr(GPtrArray) nvmf_cfg = method_knobs (sc, host, "nvmf_set_config", NULL, notes);
  g_autoptr(GPtrArray) nvme = method_knobs (sc, host, "bdev_nvme_set_options", NULL, notes);
  gboolean pre_init = iobuf->len || accel->len || bdev->len || nvmf_cfg->len;
  gboolean any_transport = FALSE;

  export_common_notes (sc, host, notes);
  if (mask != NULL && iop_scenario_knob_is_set (sc, host, mask))
    {
      g_autofree char *m = iop_knob_format (mask, iop_scenario_knob_value (sc, host, mask));
      mask_text = g_strdup_printf (" -m %s", m);
    }

  g_string_append (out, "#!/bin/sh\n");
  g_string_append_printf (out, _("# Knobs set on the %s host of scenario %s, for SPDK %s (written by Iopath).\n"),
                          iop_host_name (host), sc->id ? sc->id : "?", iop_spdk_version_tag (sc->version));
  g_string_append (out, _("# Run from an SPDK checkout. Start the target so that it waits for them:\n"));
  g_string_append_printf (out, "#   build/bin/spdk_tgt%s%s\n", mask_text ? mask_text : "",
                          pre_init || nvme->len ? " --wait-for-rpc" : "");
  if (mask_text)
    g_string_append (out, _("# (the core mask, -m, is a command-line option: no RPC changes it)\n"));
  g_string_append (out, "set -e\n");

  if (pre_init)
    {
      g_string_append (out, "\n");
      g_string_append (out, _("# 1. Before framework_start_init. SPDK refuses these afterwards:\n"));
      g_string_append (out, "#    \"Method may only be called before framework is initialized. Use --wait-for-rpc command line parameter and then issue this RPC before the framework_start_init RPC.\"\n");
      if (iobuf->len)
        rpc_line (out, sc, host, "iobuf_set_options", NULL, iobuf);
      if (accel->len)
        rpc_line (out, sc, host, "accel_set_options", NULL, accel);
      if (bdev->len)
        rpc_line (out, sc, host, "bdev_set_options", NULL, bdev);
      if (nvmf_cfg->len)
        rpc_line (out, sc, host, "nvmf_set_config", NULL, nvmf_cfg);
    }
  if (nvme->len)
    {
      const IopKnobDef *iqr = iop_knob_def_find ("bdev_nvme_set_options.io_queue_requests", host, NULL, sc->version);

      g_string_append (out, "\n");
      g_string_append (out, _("# 2. bdev_nvme_set_options: before any bdev_nvme_attach_controller. SPDK refuses it once a\n"
                              "#    controller is attached: \"RPC not permitted with nvme controllers already attached\".\n"));
      if (iqr != NULL && iop_scenario_knob_is_set (sc, host, iqr) && iop_scenario_knob_value (sc, host, iqr) < 512)
        g_string_append_printf (out, _("#    save_config will later show io_queue_requests as %d: bdev_nvme writes back the larger of\n"
                                       "#    this value and the driver's requests per queue (512 by default) once a controller is attached.\n"),
                                512);
      rpc_line (out, sc, host, "bdev_nvme_set_options", NULL, nvme);
    }
  if (pre_init || nvme->len)
    {
      g_string_append (out, "\n");
      g_string_append (out, _("# 3. Start the framework (subsystems initialise with the values above).\n"));
      g_string_append (out, "scripts/rpc.py framework_start_init\n");
    }
  for (guint t = 0; t < G_N_ELEMENTS (iop_config_transport_order); t++)
    {
      g_autoptr(GPtrArray) tk = method_knobs (sc, host, "nvmf_create_transport", iop_config_transport_order[t], notes);

      if (tk->len == 0)
        continue;
      if (!any_transport)
        {
          g_string_append (out, "\n");
          g_string_append (out, _("# 4. After framework_start_init: create the transport. Its options are fixed when it is\n"
                                  "#    created; it must exist before nvmf_subsystem_add_listener uses it.\n"));
          any_transport = TRUE;
        }
      rpc_line (out, sc, host, "nvmf_create_transport", iop_config_transport_order[t], tk);
    }
  if (!pre_init && !nvme->len && !any_transport)
    g_string_append (out, _("# No RPC-settable knob is set on this host.\n"));
  return g_string_free (out, FALSE);
}

char *
iop_config_export (const IopScenario *sc,
                   IopHostId          host,
                   IopConfigFormat    format,
                   GPtrArray         *notes)
{
  if (format == IOP_CONFIG_FORMAT_RPC)
    return iop_config_export_rpc (sc, host, notes);
  return iop_config_export_json (sc, host, notes);
}
