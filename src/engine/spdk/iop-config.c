/* iop-config.c: SPDK JSON configs in (iop-config-export.c writes them out)
 *
 * What SPDK does with a config (lib/init/json_config.c, both tags): the text
 * may hold comments; the top level must be an object ("Invalid JSON
 * configuration: not enclosed in {}."); "subsystems" must be an array
 * ("'subsystems' should be an array"), a missing one only draws a warning;
 * each subsystem is {"subsystem": string, "config": array or null} and each
 * entry {"method": string, "params": object}, nothing else (its decoders are
 * strict). Startup-only methods run first, then framework_start_init, then the
 * rest, so a config needs no --wait-for-rpc.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iop-config-private.h"
#include "iop-error.h"
#include "iop-json-check.h"
#include "iop-json-util.h"

G_STATIC_ASSERT (IOP_CONFIG_MAX_BYTES == IOP_JSON_MAX_BYTES);

typedef struct
{
  IopConfigImport *imp;
  IopScenario     *sc;
  IopHostId        host;
  const char      *source;
  GHashTable      *seen;          /* def -> first path */
  GHashTable      *trtype_warned;
} ImportCtx;

const char *const iop_config_transport_order[IOP_CONFIG_N_TRANSPORTS] = { "VFIOUSER", "RDMA", "TCP" };

/* --- Results ------------------------------------------------------------ */

static void
applied_free (gpointer p)
{
  IopConfigApplied *a = p;

  g_free (a->path);
  g_free (a);
}

static void
unmodelled_free (gpointer p)
{
  IopConfigUnmodelled *u = p;

  g_free (u->method);
  g_free (u->param);
  g_free (u->path);
  g_free (u->reason);
  g_free (u);
}

static void
warning_free (gpointer p)
{
  IopConfigWarning *w = p;

  g_free (w->path);
  g_free (w->message);
  g_free (w);
}

void
iop_config_import_free (IopConfigImport *import)
{
  if (import == NULL)
    return;
  g_free (import->source);
  g_clear_pointer (&import->scenario, iop_scenario_unref);
  g_ptr_array_unref (import->applied);
  g_ptr_array_unref (import->unmodelled);
  g_ptr_array_unref (import->warnings);
  g_free (import);
}

static void
add_warning (ImportCtx  *ctx,
             const char *path,
             const char *fmt,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_warning (ImportCtx  *ctx,
             const char *path,
             const char *fmt,
             ...)
{
  IopConfigWarning *w = g_new0 (IopConfigWarning, 1);
  va_list args;

  va_start (args, fmt);
  w->message = g_strdup_vprintf (fmt, args);
  va_end (args);
  w->path = g_strdup (path);
  g_ptr_array_add (ctx->imp->warnings, w);
}

static void
add_unmodelled (ImportCtx  *ctx,
                const char *method,
                const char *param,
                const char *path,
                const char *reason)
{
  IopConfigUnmodelled *u = g_new0 (IopConfigUnmodelled, 1);

  u->method = g_strdup (method);
  u->param = g_strdup (param);
  u->path = g_strdup (path);
  u->reason = g_strdup (reason);
  g_ptr_array_add (ctx->imp->unmodelled, u);
}

/* --- Registry lookups --------------------------------------------------- */

static gboolean
method_is_modelled (const char *method)
{
  if (g_strcmp0 (method, "spdk_tgt") == 0)
    return FALSE;
  for (guint i = 0; i < iop_knob_def_count (); i++)
    if (g_strcmp0 (iop_knob_def_nth (i)->method, method) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
transport_is_modelled (const char *trtype)
{
  for (guint i = 0; i < G_N_ELEMENTS (iop_config_transport_order); i++)
    if (g_strcmp0 (iop_config_transport_order[i], trtype) == 0)
      return TRUE;
  return FALSE;
}

/* Any definition of ID for TRTYPE, whatever the host and version */
static const IopKnobDef *
find_any_def (const char *id,
              const char *trtype)
{
  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);

      if (strcmp (d->id, id) == 0 && (d->trtype == NULL || g_strcmp0 (d->trtype, trtype) == 0))
        return d;
    }
  return NULL;
}

static char *
version_list (guint mask)
{
  GString *s = g_string_new (NULL);

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    if (mask & IOP_SPDK_BIT (v))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", iop_spdk_version_tag (v));
  return g_string_free (s, FALSE);
}

/* --- Values ------------------------------------------------------------- */

/* SPDK's spdk_cpuset_parse: hexadecimal with an optional 0x and Linux's commas,
 * or a list such as [5,6,7] or [5-7]. Iopath models cores 0 to 62. */
static gboolean
parse_cpumask (const char *text,
               gint64     *out,
               char      **why)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint64 mask = 0;

  if (*s == '\0')
    {
      *why = g_strdup (_("an empty core mask"));
      return FALSE;
    }
  if (s[0] == '[')
    {
      gsize n = strlen (s);
      g_auto(GStrv) parts = NULL;

      if (s[n - 1] != ']')
        {
          *why = g_strdup_printf (_("“%s” is not a core list such as [5,6,7]"), text);
          return FALSE;
        }
      s[n - 1] = '\0';
      parts = g_strsplit (s + 1, ",", -1);
      for (guint i = 0; parts[i]; i++)
        {
          char *p = g_strstrip (parts[i]);
          char *end = NULL;
          guint64 lo, hi;

          lo = g_ascii_strtoull (p, &end, 10);
          if (end == p)
            {
              *why = g_strdup_printf (_("“%s” is not a core list such as [5,6,7]"), text);
              return FALSE;
            }
          hi = lo;
          if (*end == '-')
            {
              char *q = end + 1;
              hi = g_ascii_strtoull (q, &end, 10);
              if (end == q)
                {
                  *why = g_strdup_printf (_("“%s” is not a core list such as [5-7]"), text);
                  return FALSE;
                }
            }
          if (*g_strstrip (end) != '\0' || hi < lo)
            {
              *why = g_strdup_printf (_("“%s” is not a core list such as [5,6,7]"), text);
              return FALSE;
            }
          if (hi > 62)
            {
              *why = g_strdup_printf (_("core %" PRIu64 " is beyond what Iopath models (0 to 62)"), hi);
              return FALSE;
            }
          for (guint64 c = lo; c <= hi; c++)
            mask |= G_GUINT64_CONSTANT (1) << c;
        }
    }
  else
    {
      const char *h = s;
      guint bit = 0;
      gsize n;

      if (h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
        h += 2;
      n = strlen (h);
      for (gsize i = n; i > 0; i--)
        {
          char c = h[i - 1];
          int v;

          if (c == ',')
            continue;
          v = g_ascii_xdigit_value (c);
          if (v < 0)
            {
              *why = g_strdup_printf (_("“%s” is not a hexadecimal core mask such as 0xE0"), text);
              return FALSE;
            }
          for (guint j = 0; j < 4; j++, bit++)
            if (v & (1 << j))
              {
                if (bit > 62)
                  {
                    *why = g_strdup_printf (_("core %u is beyond what Iopath models (0 to 62)"), bit);
                    return FALSE;
                  }
                mask |= G_GUINT64_CONSTANT (1) << bit;
              }
        }
    }
  *out = (gint64)mask;
  return TRUE;
}

/* FALSE with ERROR: a type SPDK's decoder refuses too. FALSE without: a value
 * outside what Iopath models (a warning was added). */
static gboolean
decode_value (ImportCtx        *ctx,
              const IopKnobDef *def,
              JsonNode         *n,
              const char       *path,
              gint64           *out,
              GError          **error)
{
  gint64 v = 0;

  switch (def->type)
    {
    case IOP_KNOB_BOOL:
      if (!iop_json_node_holds (n, G_TYPE_BOOLEAN))
        return iop_json_check_fail (ctx->source, error, path, _("expected true or false (SPDK's decoder refuses anything else)"));
      v = json_node_get_boolean (n) ? 1 : 0;
      break;

    case IOP_KNOB_ENUM:
      {
        const char *s;
        gboolean found = FALSE;

        if (!iop_json_node_holds (n, G_TYPE_STRING))
          {
            g_autofree char *list = g_strjoinv (", ", (char **)def->choices);
            return iop_json_check_fail (ctx->source, error, path, _("expected a string, one of %s"), list);
          }
        s = json_node_get_string (n);
        for (guint i = 0; def->choices[i]; i++)
          if (strcmp (s, def->choices[i]) == 0)
            {
              v = i;
              found = TRUE;
            }
        if (!found)
          {
            g_autofree char *list = g_strjoinv (", ", (char **)def->choices);
            return iop_json_check_fail (ctx->source, error, path, _("“%s” is not one of %s"), s, list);
          }
      }
      break;

    case IOP_KNOB_CPUMASK:
      {
        g_autofree char *why = NULL;

        if (!iop_json_node_holds (n, G_TYPE_STRING))
          return iop_json_check_fail (ctx->source, error, path, _("expected a core mask as a string, such as \"0xE0\""));
        if (!parse_cpumask (json_node_get_string (n), &v, &why))
          {
            add_warning (ctx, path, _("%s: %s; not applied"), def->id, why);
            return FALSE;
          }
        if (v == 0)
          add_warning (ctx, path, _("%s names no core: SPDK would start no NVMf poll group"), def->id);
      }
      break;

    case IOP_KNOB_INT:
    default:
      if (!iop_json_node_is_int (n))
        return iop_json_check_fail (ctx->source, error, path, _("expected a whole number"));
      v = json_node_get_int (n);
      if (def->has_auto && v == IOP_KNOB_AUTO)
        v = IOP_KNOB_AUTO;
      break;
    }

  {
    g_autoptr(GError) range = NULL;

    if (!iop_knob_check (def, v, &range))
      {
        add_warning (ctx, path, _("%s; Iopath did not apply it"), range->message);
        return FALSE;
      }
  }
  *out = v;
  return TRUE;
}

static void
apply_knob (ImportCtx        *ctx,
            const IopKnobDef *def,
            gint64            value,
            const char       *path)
{
  IopScenario *sc = ctx->sc;
  IopConfigApplied *a = g_new0 (IopConfigApplied, 1);
  guint idx = iop_knob_def_index (def);
  const char *first = g_hash_table_lookup (ctx->seen, def);

  if (first != NULL)
    add_warning (ctx, path, _("%s is set a second time (first at %s); the later value wins, as in SPDK"), def->id, first);
  else
    g_hash_table_insert (ctx->seen, (gpointer)def, g_strdup (path));

  a->def = def;
  a->path = g_strdup (path);
  a->old_value = iop_scenario_knob_value (sc, ctx->host, def);
  a->was_set = iop_scenario_knob_is_set (sc, ctx->host, def);
  a->new_value = value;

  /* iop_scenario_set_knob picks the host's own transport; a config may carry
   * another transport, whose definition is set directly. */
  if (iop_scenario_find_knob (sc, ctx->host, def->id, NULL) == def)
    {
      gboolean ok = iop_scenario_set_knob (sc, ctx->host, def->id, value, NULL);
      g_assert (ok);
    }
  else
    {
      sc->hosts[ctx->host].values[idx] = value;
      sc->hosts[ctx->host].set[idx] = TRUE;
    }
  g_ptr_array_add (ctx->imp->applied, a);

  if (def->deprecated & IOP_SPDK_BIT (sc->version))
    add_warning (ctx, path, _("%s is deprecated at SPDK %s: SPDK logs a deprecation when it is set (removal announced for v26.09)"),
                 def->id, iop_spdk_version_tag (sc->version));
  if (strcmp (def->id, "bdev_nvme_set_options.io_queue_requests") == 0 && value == 512)
    add_warning (ctx, path,
                 _("io_queue_requests 512 may not be the value that was set: once a controller is attached, bdev_nvme writes back max(the value set, the driver's requests per queue, 512 by default), and save_config shows that. Any value up to 512 (0, 128...) behaves the same at run time; if your start-up script sets another value, set it here too."));
}

/* --- Import walk -------------------------------------------------------- */

static gboolean
import_params (ImportCtx  *ctx,
               const char *method,
               const char *trtype,
               JsonObject *params,
               const char *entry_path,
               GError    **error)
{
  IopScenario *sc = ctx->sc;
  GList *members = json_object_get_members (params);
  gboolean ok = TRUE;

  for (GList *l = members; l && ok; l = l->next)
    {
      const char *param = l->data;
      JsonNode *n = json_object_get_member (params, param);
      g_autofree char *id = g_strdup_printf ("%s.%s", method, param);
      g_autofree char *path = g_strdup_printf ("%s.params.%s", entry_path, param);
      const IopKnobDef *def;
      gint64 v = 0;

      if (trtype != NULL && strcmp (param, "trtype") == 0)
        continue;
      def = iop_knob_def_find (id, ctx->host, trtype, sc->version);
      if (def == NULL)
        {
          const IopKnobDef *any = find_any_def (id, trtype);

          if (any == NULL)
            add_unmodelled (ctx, method, param, path, NULL);
          else if (!(any->versions & IOP_SPDK_BIT (sc->version)))
            {
              g_autofree char *where = version_list (any->versions);
              add_warning (ctx, path, _("%s exists only at SPDK %s; this scenario models %s, so it was not applied"),
                           id, where, iop_spdk_version_tag (sc->version));
            }
          else
            {
              g_autofree char *reason = g_strdup_printf (_("Iopath does not model %s on the %s host"), id, iop_host_name (ctx->host));
              add_unmodelled (ctx, method, param, path, reason);
            }
          continue;
        }
      {
        GError *local = NULL;

        if (decode_value (ctx, def, n, path, &v, &local))
          apply_knob (ctx, def, v, path);
        else if (local != NULL)
          {
            g_propagate_error (error, local);
            ok = FALSE;
          }
      }
    }
  g_list_free (members);
  return ok;
}

/* What SPDK's decoders take in an entry and in a subsystem */
static const char *const entry_keys[] = { "method", "params", NULL };
static const char *const subsystem_keys[] = { "subsystem", "config", NULL };

static gboolean
import_entry (ImportCtx  *ctx,
              JsonNode   *node,
              const char *path,
              GError    **error)
{
  JsonObject *entry;
  JsonNode *mn, *pn;
  JsonObject *params = NULL;
  const char *method;
  const char *trtype = NULL;
  g_autofree char *trtype_up = NULL;
  const char *key;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return iop_json_check_fail (ctx->source, error, path, _("a config entry is an object {\"method\": ..., \"params\": {...}}"));
  entry = json_node_get_object (node);
  key = iop_json_first_unknown_member (entry, entry_keys);
  if (key != NULL)
    return iop_json_check_fail (ctx->source, error, path, _("unknown key “%s”: an entry holds only \"method\" and \"params\" (SPDK refuses it: “Failed to decode config entry”)"), key);

  mn = json_object_get_member (entry, "method");
  if (!iop_json_node_holds (mn, G_TYPE_STRING))
    {
      g_autofree char *p = g_strdup_printf ("%s.method", path);
      return iop_json_check_fail (ctx->source, error, p, _("missing or not a string: every entry names its RPC method"));
    }
  method = json_node_get_string (mn);
  pn = json_object_get_member (entry, "params");
  if (pn != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (pn))
        {
          g_autofree char *p = g_strdup_printf ("%s.params", path);
          return iop_json_check_fail (ctx->source, error, p, _("expected an object (SPDK refuses anything else, null included)"));
        }
      params = json_node_get_object (pn);
    }
  ctx->imp->n_entries++;

  if (!method_is_modelled (method))
    {
      const char *reason = NULL;

      if (strcmp (method, "bdev_nvme_attach_controller") == 0)
        reason = _("per-controller settings; its ctrlr_loss_timeout_sec, reconnect_delay_sec and fast_io_fail_timeout_sec override bdev_nvme_set_options for that controller, which Iopath does not model");
      else if (strcmp (method, "framework_start_init") == 0)
        reason = _("not needed in a config: SPDK runs startup methods, then starts the framework itself");
      add_unmodelled (ctx, method, NULL, path, reason);
      return TRUE;
    }
  if (params == NULL)
    return TRUE;

  if (strcmp (method, "nvmf_create_transport") == 0)
    {
      g_autofree char *tp = g_strdup_printf ("%s.params.trtype", path);
      IopHostConfig *hc = &ctx->sc->hosts[ctx->host];
      gboolean any_for_host = FALSE;

      trtype = iop_json_get_str (params, "trtype");
      if (trtype == NULL)
        return iop_json_check_fail (ctx->source, error, tp, _("nvmf_create_transport needs trtype, a string such as \"RDMA\""));
      trtype_up = g_ascii_strup (trtype, -1);   /* SPDK compares transport names without case */
      if (!transport_is_modelled (trtype_up))
        {
          g_autofree char *reason = g_strdup_printf (_("the %s transport is not modelled; Iopath models VFIOUSER, RDMA and TCP"), trtype);
          add_unmodelled (ctx, method, NULL, path, reason);
          return TRUE;
        }
      for (guint i = 0; i < iop_knob_def_count (); i++)
        {
          const IopKnobDef *d = iop_knob_def_nth (i);
          if (g_strcmp0 (d->trtype, trtype_up) == 0 && (d->hosts & IOP_HOST_BIT (ctx->host)))
            any_for_host = TRUE;
        }
      if (!any_for_host)
        {
          g_autofree char *reason = g_strdup_printf (_("Iopath models the %s transport only on the other host"), trtype_up);
          add_unmodelled (ctx, method, NULL, path, reason);
          return TRUE;
        }
      if (g_strcmp0 (trtype_up, hc->target_trtype) != 0 &&
          !g_hash_table_contains (ctx->trtype_warned, trtype_up))
        {
          g_hash_table_add (ctx->trtype_warned, g_strdup (trtype_up));
          add_warning (ctx, tp,
                       _("the config creates a %s transport, but the %s host of scenario %s serves its NVMe-oF target over %s: the %s knobs are kept and exported, the trace uses the %s transport"),
                       trtype_up, iop_host_name (ctx->host), ctx->sc->id ? ctx->sc->id : "?",
                       hc->target_trtype ? hc->target_trtype : "?", trtype_up,
                       hc->target_trtype ? hc->target_trtype : "?");
        }
    }
  return import_params (ctx, method, trtype_up, params, path, error);
}

static gboolean
import_root (ImportCtx *ctx,
             JsonNode  *root,
             GError   **error)
{
  JsonObject *obj = json_node_get_object (root);
  JsonNode *subs = json_object_get_member (obj, "subsystems");
  GList *members = json_object_get_members (obj);
  JsonArray *arr;
  const char *key;

  for (GList *l = members; l; l = l->next)
    if (strcmp (l->data, "subsystems") != 0)
      add_warning (ctx, l->data, _("top-level key “%s” is not part of an SPDK config; SPDK ignores it"), (char *)l->data);
  g_list_free (members);

  if (subs == NULL)
    {
      add_warning (ctx, NULL, _("no “subsystems” key: SPDK starts with this file but configures nothing (“No 'subsystems' key JSON configuration file.”)"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (subs))
    return iop_json_check_fail (ctx->source, error, "subsystems", _("must be an array; SPDK refuses it too: “Invalid JSON configuration: 'subsystems' should be an array.”"));
  arr = json_node_get_array (subs);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *sn = json_array_get_element (arr, i);
      g_autofree char *spath = g_strdup_printf ("subsystems[%u]", i);
      JsonObject *so;
      JsonNode *name, *config;
      JsonArray *carr;

      if (!JSON_NODE_HOLDS_OBJECT (sn))
        return iop_json_check_fail (ctx->source, error, spath, _("a subsystem is an object {\"subsystem\": ..., \"config\": [...]}"));
      so = json_node_get_object (sn);
      key = iop_json_first_unknown_member (so, subsystem_keys);
      if (key != NULL)
        return iop_json_check_fail (ctx->source, error, spath, _("unknown key “%s”: a subsystem holds only \"subsystem\" and \"config\" (SPDK refuses it: “Failed to parse subsystem configuration”)"), key);
      name = json_object_get_member (so, "subsystem");
      if (!iop_json_node_holds (name, G_TYPE_STRING))
        {
          g_autofree char *p = g_strdup_printf ("%s.subsystem", spath);
          return iop_json_check_fail (ctx->source, error, p, _("missing or not a string: every subsystem is named"));
        }
      config = json_object_get_member (so, "config");
      if (config == NULL)
        {
          g_autofree char *p = g_strdup_printf ("%s.config", spath);
          return iop_json_check_fail (ctx->source, error, p, _("missing: write an array of entries, or null (SPDK requires the key)"));
        }
      if (JSON_NODE_HOLDS_NULL (config))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (config))
        {
          g_autofree char *p = g_strdup_printf ("%s.config", spath);
          return iop_json_check_fail (ctx->source, error, p, _("must be an array of entries or null"));
        }
      carr = json_node_get_array (config);
      for (guint j = 0; j < json_array_get_length (carr); j++)
        {
          g_autofree char *epath = g_strdup_printf ("%s.config[%u]", spath, j);

          if (!import_entry (ctx, json_array_get_element (carr, j), epath, error))
            return FALSE;
        }
    }
  return TRUE;
}

IopConfigImport *
iop_config_import_data (const IopScenario *base,
                        IopHostId          host,
                        const char        *data,
                        gssize             len,
                        const char        *source,
                        GError           **error)
{
  g_autoptr(IopConfigImport) imp = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *prepared = NULL;
  g_autoptr(GError) invalid = NULL;
  ImportCtx ctx = { 0 };
  gsize i;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (source == NULL)
    source = "<config>";
  if (len < 0)
    len = strlen (data);
  if (len > IOP_CONFIG_MAX_BYTES)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: the file is %zd bytes; Iopath reads configs of at most %d bytes"),
                   source, len, IOP_CONFIG_MAX_BYTES);
      return NULL;
    }

  /* SPDK's own first check, in its words */
  prepared = iop_json_prepare (data, len, source, error);
  if (prepared == NULL)
    return NULL;
  for (i = 0; i < (gsize)len && g_ascii_isspace (prepared[i]); i++)
    ;
  if (i < (gsize)len && prepared[i] != '{')
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                   _("%s:1:%zu: not an SPDK config: the top level must be an object in { } (SPDK refuses it too: “Invalid JSON configuration: not enclosed in {}.”)"),
                   source, i + 1);
      return NULL;
    }
  root = iop_json_parse_document (data, len, source, error);
  if (root == NULL)
    return NULL;

  imp = g_new0 (IopConfigImport, 1);
  imp->source = g_strdup (source);
  imp->scenario = iop_scenario_copy (base);
  imp->host = host;
  imp->applied = g_ptr_array_new_with_free_func (applied_free);
  imp->unmodelled = g_ptr_array_new_with_free_func (unmodelled_free);
  imp->warnings = g_ptr_array_new_with_free_func (warning_free);

  ctx.imp = imp;
  ctx.sc = imp->scenario;
  ctx.host = host;
  ctx.source = source;
  ctx.seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.trtype_warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!import_root (&ctx, root, error))
    {
      g_hash_table_unref (ctx.seen);
      g_hash_table_unref (ctx.trtype_warned);
      return NULL;
    }
  g_hash_table_unref (ctx.seen);
  g_hash_table_unref (ctx.trtype_warned);

  if (!iop_scenario_validate (imp->scenario, &invalid))
    add_warning (&ctx, NULL, _("SPDK would refuse these values together: %s"), invalid->message);

  return g_steal_pointer (&imp);
}

IopConfigImport *
iop_config_import_file (const IopScenario *base,
                        IopHostId          host,
                        const char        *path,
                        GError           **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_CONFIG_MAX_BYTES, &data, &len, error))
    return NULL;
  return iop_config_import_data (base, host, data, len, path, error);
}

void
iop_config_add_knob_value (JsonBuilder      *b,
                           const IopKnobDef *def,
                           gint64            v)
{
  switch (def->type)
    {
    case IOP_KNOB_BOOL:
      json_builder_add_boolean_value (b, v != 0);
      break;
    case IOP_KNOB_ENUM:
    case IOP_KNOB_CPUMASK:
      {
        g_autofree char *s = iop_knob_format (def, v);
        json_builder_add_string_value (b, s);
      }
      break;
    case IOP_KNOB_INT:
    default:
      json_builder_add_int_value (b, v);
      break;
    }
}

JsonNode *
iop_config_import_to_json (const IopConfigImport *import)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, import->source);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, import->scenario->id);
  json_builder_set_member_name (b, "host");
  json_builder_add_string_value (b, iop_host_name (import->host));
  json_builder_set_member_name (b, "spdk_tag");
  json_builder_add_string_value (b, iop_spdk_version_tag (import->scenario->version));
  json_builder_set_member_name (b, "entries");
  json_builder_add_int_value (b, import->n_entries);

  json_builder_set_member_name (b, "applied");
  json_builder_begin_array (b);
  for (guint i = 0; i < import->applied->len; i++)
    {
      const IopConfigApplied *a = g_ptr_array_index (import->applied, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, a->def->id);
      json_builder_set_member_name (b, "trtype");
      if (a->def->trtype)
        json_builder_add_string_value (b, a->def->trtype);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "old");
      iop_config_add_knob_value (b, a->def, a->old_value);
      json_builder_set_member_name (b, "new");
      iop_config_add_knob_value (b, a->def, a->new_value);
      json_builder_set_member_name (b, "was_set");
      json_builder_add_boolean_value (b, a->was_set);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, a->path);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "unmodelled");
  json_builder_begin_array (b);
  for (guint i = 0; i < import->unmodelled->len; i++)
    {
      const IopConfigUnmodelled *u = g_ptr_array_index (import->unmodelled, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, u->method);
      json_builder_set_member_name (b, "param");
      if (u->param)
        json_builder_add_string_value (b, u->param);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, u->path);
      json_builder_set_member_name (b, "reason");
      if (u->reason)
        json_builder_add_string_value (b, u->reason);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < import->warnings->len; i++)
    {
      const IopConfigWarning *w = g_ptr_array_index (import->warnings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      if (w->path)
        json_builder_add_string_value (b, w->path);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, w->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

