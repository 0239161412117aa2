/* iop-calc-iobuf.c: scripts/calc-iobuf.py, the minimum iobuf pool sizes
 *
 * SPDK's script reads a save_config and a core mask and prints the smallest
 * small and large pools that every module's per-thread caches can be filled
 * from. The same arithmetic, and the same refusals (its KeyErrors), so
 * `iopath-cli memory --config` and the memory report give its figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-memory.h"
#include "iop-sim.h"
#include "iop-topology.h"

/* --- scripts/calc-iobuf.py ------------------------------------------------ */

/* The script's get_subsystem_config(): the "config" list of a subsystem, or
 * NULL when the subsystem is absent or its config is null. FOUND says whether
 * the subsystem entry exists at all. */
static JsonArray *
subsystem_config (JsonObject *config, const char *name, gboolean *found, GError **error)
{
  JsonNode *subs = json_object_get_member (config, "subsystems");
  JsonArray *arr;

  *found = FALSE;
  if (subs == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (subs))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("subsystems is not an array"));
      return NULL;
    }
  arr = json_node_get_array (subs);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      JsonObject *o;
      JsonNode *cfg;

      if (!JSON_NODE_HOLDS_OBJECT (n) || !json_object_has_member (json_node_get_object (n), "subsystem"))
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("subsystems[%u] has no \"subsystem\" key (the script stops with a KeyError)"), i);
          return NULL;
        }
      o = json_node_get_object (n);
      if (g_strcmp0 (iop_json_get_str (o, "subsystem"), name) != 0)
        continue;
      *found = TRUE;
      cfg = json_object_get_member (o, "config");
      if (cfg == NULL)
        return json_array_new ();    /* .get('config', []) */
      if (JSON_NODE_HOLDS_NULL (cfg))
        return NULL;
      if (!JSON_NODE_HOLDS_ARRAY (cfg))
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("the config of subsystem %s is not a list"), name);
          return NULL;
        }
      return json_array_ref (json_node_get_array (cfg));
    }
  return NULL;
}

/* The params of the first entry with METHOD; NULL if none. The script reads
 * m['method'] of every entry, so one without it stops it. */
static JsonObject *
first_method (JsonArray *config, const char *method, const char *subsystem, GError **error)
{
  for (guint i = 0; i < json_array_get_length (config); i++)
    {
      JsonNode *n = json_array_get_element (config, i);
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (n) || !json_object_has_member (json_node_get_object (n), "method"))
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("an entry of subsystem %s has no \"method\" (the script stops with a KeyError)"), subsystem);
          return NULL;
        }
      o = json_node_get_object (n);
      if (g_strcmp0 (iop_json_get_str (o, "method"), method) == 0)
        {
          JsonNode *p = json_object_get_member (o, "params");
          if (p == NULL || !JSON_NODE_HOLDS_OBJECT (p))
            return json_object_new ();   /* .get('params') is None: defaults apply */
          return json_object_ref (json_node_get_object (p));
        }
    }
  return NULL;
}

static gboolean
int_param (JsonObject *params, const char *name, const char *method, gint64 *out, GError **error)
{
  JsonNode *n = json_object_get_member (params, name);

  if (n == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s has no %s (the script stops with a KeyError)"), method, name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.%s is not an integer"), method, name);
      return FALSE;
    }
  *out = json_node_get_int (n);
  if (*out < 0 || *out > G_GINT64_CONSTANT (1) << 40)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.%s = %" PRId64 " is out of range"), method, name, *out);
      return FALSE;
    }
  return TRUE;
}

/* AccelSubsystem.calc and BdevSubsystem.calc: caches x every core */
static gboolean
calc_bdev_accel (JsonObject *config, gint64 cores, gint64 *small, gint64 *large, GError **error)
{
  static const struct { const char *sub, *method, *s, *l; } parts[] = {
    { "bdev", "bdev_set_options", "iobuf_small_cache_size", "iobuf_large_cache_size" },
    { "accel", "accel_set_options", "small_cache_size", "large_cache_size" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gboolean found;
      g_autoptr(JsonArray) cfg = subsystem_config (config, parts[i].sub, &found, error);
      g_autoptr(JsonObject) opts = NULL;
      gint64 s = 128, l = 16;

      if (error && *error)
        return FALSE;
      if (cfg == NULL)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                       found ? _("the config of subsystem %s is null (the script stops with a TypeError)")
                             : _("the config has no %s subsystem, which the script requires (it stops with a TypeError)"),
                       parts[i].sub);
          return FALSE;
        }
      opts = first_method (cfg, parts[i].method, parts[i].sub, error);
      if (error && *error)
        return FALSE;
      if (opts != NULL && json_object_get_size (opts) > 0)
        {
          if (!int_param (opts, parts[i].s, parts[i].method, &s, error) ||
              !int_param (opts, parts[i].l, parts[i].method, &l, error))
            return FALSE;
        }
      /* a config may repeat entries: sums saturate, checked at the end */
      *small = iop_sat_add (*small, iop_sat_mul (s, cores));
      *large = iop_sat_add (*large, iop_sat_mul (l, cores));
    }
  return TRUE;
}

gboolean
iop_calc_iobuf (JsonNode *config_node,
                guint64   core_mask,
                gint64   *small_pool_count,
                gint64   *large_pool_count,
                GError  **error)
{
  JsonObject *config;
  gint64 cores = __builtin_popcountll (core_mask);
  gint64 small = 0, large = 0;
  GError *local = NULL;

  if (config_node == NULL || !JSON_NODE_HOLDS_OBJECT (config_node))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("an SPDK config is a JSON object with a \"subsystems\" list"));
      return FALSE;
    }
  config = json_node_get_object (config_node);

  /* NvmfSubsystem: only when the nvmf subsystem has a config (null: skipped) */
  {
    gboolean found;
    g_autoptr(JsonArray) nvmf = subsystem_config (config, "nvmf", &found, &local);

    if (local)
      goto fail;
    if (nvmf != NULL)
      {
        g_autoptr(GPtrArray) transports = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
        gint64 small_bufsize = 8192;
        gboolean ifound;
        g_autoptr(JsonArray) iobuf = NULL;

        for (guint i = 0; i < json_array_get_length (nvmf); i++)
          {
            JsonNode *n = json_array_get_element (nvmf, i);
            JsonObject *o;
            JsonNode *p;

            if (!JSON_NODE_HOLDS_OBJECT (n) || !json_object_has_member (json_node_get_object (n), "method"))
              {
                g_set_error (&local, IOP_ERROR, IOP_ERROR_SCENARIO, _("an entry of subsystem nvmf has no \"method\" (the script stops with a KeyError)"));
                goto fail;
              }
            o = json_node_get_object (n);
            if (g_strcmp0 (iop_json_get_str (o, "method"), "nvmf_create_transport") != 0)
              continue;
            p = json_object_get_member (o, "params");
            if (p == NULL || !JSON_NODE_HOLDS_OBJECT (p))
              {
                g_set_error (&local, IOP_ERROR, IOP_ERROR_SCENARIO, _("nvmf_create_transport has no params (the script stops with a KeyError)"));
                goto fail;
              }
            g_ptr_array_add (transports, json_object_ref (json_node_get_object (p)));
          }

        iobuf = subsystem_config (config, "iobuf", &ifound, &local);
        if (local)
          goto fail;
        if (iobuf == NULL)
          {
            g_set_error (&local, IOP_ERROR, IOP_ERROR_SCENARIO,
                         _("the config has no iobuf subsystem, which the script requires (it stops with a TypeError)"));
            goto fail;
          }
        {
          g_autoptr(JsonObject) opts = first_method (iobuf, "iobuf_set_options", "iobuf", &local);
          if (local)
            goto fail;
          if (opts != NULL && !int_param (opts, "small_bufsize", "iobuf_set_options", &small_bufsize, &local))
            goto fail;
        }

        if (transports->len > 0)
          {
            if (!calc_bdev_accel (config, cores, &small, &large, &local))
              goto fail;
            for (guint i = 0; i < transports->len; i++)
              {
                JsonObject *p = g_ptr_array_index (transports, i);
                gint64 bcs, iou, nsb, l;

                if (!int_param (p, "buf_cache_size", "nvmf_create_transport", &bcs, &local) ||
                    !int_param (p, "io_unit_size", "nvmf_create_transport", &iou, &local) ||
                    !int_param (p, "num_shared_buffers", "nvmf_create_transport", &nsb, &local))
                  goto fail;
                if (bcs == 0)
                  continue;
                if (bcs == G_GINT64_CONSTANT (4294967295))
                  bcs = cores ? (nsb * 3 / 4) / cores : 0;
                l = iou <= small_bufsize ? 0 : bcs;
                small = iop_sat_add (small, iop_sat_mul (bcs, cores));
                large = iop_sat_add (large, iop_sat_mul (l, cores));
              }
          }
      }
  }

  /* UblkSubsystem: 128 small and 32 large per core of the target's mask (the
   * script computes the bdev share here and then drops it) */
  {
    gboolean found;
    g_autoptr(JsonArray) ublk = subsystem_config (config, "ublk", &found, &local);

    if (local)
      goto fail;
    if (ublk != NULL)
      {
        g_autoptr(JsonObject) target = first_method (ublk, "ublk_create_target", "ublk", &local);
        if (local)
          goto fail;
        if (target != NULL)
          {
            const char *mask = iop_json_get_str (target, "cpumask");
            gint64 s = 0, l = 0, tcores;
            char *end = NULL;
            guint64 m;

            if (!calc_bdev_accel (config, cores, &s, &l, &local))
              goto fail;
            if (mask == NULL)
              {
                g_set_error (&local, IOP_ERROR, IOP_ERROR_SCENARIO, _("ublk_create_target has no cpumask string (the script stops there)"));
                goto fail;
              }
            m = g_ascii_strtoull (mask, &end, 0);
            if (end == mask || *end != '\0')
              {
                g_set_error (&local, IOP_ERROR, IOP_ERROR_SCENARIO, _("ublk_create_target's cpumask %s is not a number"), mask);
                goto fail;
              }
            tcores = __builtin_popcountll (m);
            small = iop_sat_add (small, 128 * tcores);
            large = iop_sat_add (large, 32 * tcores);
          }
      }
  }
  if (small == G_MAXINT64 || large == G_MAXINT64)
    {
      g_set_error (&local, IOP_ERROR, IOP_ERROR_SCENARIO,
                   _("its caches add up to more buffers than 64 bits can count"));
      goto fail;
    }

  *small_pool_count = small;
  *large_pool_count = large;
  return TRUE;

fail:
  g_propagate_prefixed_error (error, local, _("scripts/calc-iobuf.py cannot use this config: "));
  return FALSE;
}

