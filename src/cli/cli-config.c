/* cli-config.c: iopath-cli config import|export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

#include "iop-config.h"
#include "iop-error.h"
#include "iop-scenario.h"
#include "iopath-cli.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char      *scenario;
  char      *version;
  char      *host;
  char      *format;
  char     **sets;
  gboolean   json;
} ConfigOptions;

static int
fail (int code, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static int
fail (int code, const char *fmt, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("iopath-cli config: %s\n", msg);
  return code;
}

static void
print_json (JsonNode *node)
{
  iop_cli_print_json (node);
}

/* Scenario, version and --set, as the other subcommands read them */
static IopScenario *
load_scenario (ConfigOptions *o,
               IopHostId      host,
               GError       **error)
{
  g_autoptr(IopScenario) sc = iop_scenario_load (o->scenario ? o->scenario : "raid270", error);

  if (sc == NULL)
    return NULL;
  if (o->version != NULL)
    {
      IopSpdkVersion v;

      if (!iop_spdk_version_parse (o->version, &v, error))
        return NULL;
      iop_scenario_set_version (sc, v);
    }
  for (guint i = 0; o->sets && o->sets[i]; i++)
    {
      const char *set = o->sets[i];
      const char *colon = strchr (set, ':');
      const char *eq = strchr (set, '=');
      IopHostId h = host;

      if (colon != NULL && (eq == NULL || colon < eq))
        {
          g_autofree char *hn = g_strndup (set, colon - set);

          if (!iop_host_parse (hn, &h, error))
            return NULL;
          set = colon + 1;
        }
      if (!iop_scenario_apply_assignment (sc, h, set, error))
        {
          g_prefix_error (error, "--set %s (%s): ", set, iop_host_name (h));
          return NULL;
        }
    }
  return g_steal_pointer (&sc);
}

static void
free_gstring (gpointer p)
{
  g_string_free (p, TRUE);
}

static void
print_import (const IopConfigImport *imp)
{
  const IopScenario *sc = imp->scenario;
  g_autoptr(GHashTable) by_method = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_gstring);
  g_autoptr(GPtrArray) methods = g_ptr_array_new ();
  g_autoptr(GString) sets = g_string_new (NULL);

  g_print (_("%s → the %s host of scenario %s (SPDK %s): %u config entries read.\n"),
           imp->source, iop_host_name (imp->host), sc->id ? sc->id : "?",
           iop_spdk_version_tag (sc->version), imp->n_entries);

  g_print ("\n");
  g_print (_("Applied (%u):\n"), imp->applied->len);
  for (guint i = 0; i < imp->applied->len; i++)
    {
      const IopConfigApplied *a = g_ptr_array_index (imp->applied, i);
      g_autofree char *ov = iop_knob_format (a->def, a->old_value);
      g_autofree char *nv = iop_knob_format (a->def, a->new_value);
      g_autofree char *name = a->def->trtype ? g_strdup_printf ("%s (%s)", a->def->id, a->def->trtype) : g_strdup (a->def->id);

      g_print ("  %-56s %12s → %-12s%s\n", name, ov, nv,
               a->old_value == a->new_value ? _(" (unchanged)") : "");
      if (a->old_value != a->new_value && iop_scenario_find_knob (sc, imp->host, a->def->id, NULL) == a->def)
        g_string_append_printf (sets, " --set %s:%s=%s", iop_host_name (imp->host), a->def->id, nv);
    }

  for (guint i = 0; i < imp->unmodelled->len; i++)
    {
      const IopConfigUnmodelled *u = g_ptr_array_index (imp->unmodelled, i);
      GString *s = g_hash_table_lookup (by_method, u->method);

      if (s == NULL)
        {
          s = g_string_new (NULL);
          g_hash_table_insert (by_method, u->method, s);
          g_ptr_array_add (methods, u->method);
        }
      if (u->param == NULL)
        {
          if (s->len == 0 || strstr (s->str, _("(whole method")) == NULL)
            g_string_append_printf (s, "%s%s", s->len ? ", " : "", _("(whole method)"));
          if (u->reason && strstr (s->str, u->reason) == NULL)
            g_string_append_printf (s, " — %s", u->reason);
        }
      else
        g_string_append_printf (s, "%s%s", s->len ? ", " : "", u->param);
    }
  g_print ("\n");
  g_print (_("Not modelled by Iopath (%u):\n"), imp->unmodelled->len);
  for (guint i = 0; i < methods->len; i++)
    {
      GString *s = g_hash_table_lookup (by_method, g_ptr_array_index (methods, i));
      g_print ("  %s: %s\n", (char *)g_ptr_array_index (methods, i), s->str);
    }

  if (imp->warnings->len)
    {
      g_print ("\n");
      g_print (_("Warnings (%u):\n"), imp->warnings->len);
      for (guint i = 0; i < imp->warnings->len; i++)
        {
          const IopConfigWarning *w = g_ptr_array_index (imp->warnings, i);
          g_print ("  %s%s%s\n", w->path ? w->path : "", w->path ? ": " : "", w->message);
        }
    }
  if (sets->len)
    {
      g_print ("\n");
      g_print (_("To trace with these values:\n  iopath-cli trace --scenario %s --spdk-version %s%s\n"),
               sc->id ? sc->id : "raid270", iop_spdk_version_tag (sc->version), sets->str);
    }
}

static int
cmd_import (ConfigOptions *o,
            int            argc,
            char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(IopConfigImport) imp = NULL;
  IopHostId host = IOP_HOST_BAREMETAL;

  if (argc < 3)
    return fail (EXIT_USAGE, _("import needs the config file: iopath-cli config import FILE --host baremetal"));
  if (argc > 3)
    return fail (EXIT_USAGE, _("unexpected argument “%s”"), argv[3]);
  if (o->format != NULL)
    return fail (EXIT_USAGE, _("--format is for export"));
  if (o->host != NULL && !iop_host_parse (o->host, &host, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  sc = load_scenario (o, host, &error);
  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  imp = iop_config_import_file (sc, host, argv[2], &error);
  if (imp == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  if (o->json)
    {
      g_autoptr(JsonNode) node = iop_config_import_to_json (imp);
      print_json (node);
    }
  else
    print_import (imp);
  return EXIT_OK;
}

static int
cmd_export (ConfigOptions *o,
            int            argc,
            char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  IopConfigFormat format = IOP_CONFIG_FORMAT_JSON;
  IopHostId host = IOP_HOST_BAREMETAL;

  if (argc > 2)
    return fail (EXIT_USAGE, _("unexpected argument “%s”"), argv[2]);
  if (o->json)
    return fail (EXIT_USAGE, _("export writes a config: use --format json or --format rpc"));
  if (o->host != NULL && !iop_host_parse (o->host, &host, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (o->format != NULL && !iop_config_format_parse (o->format, &format, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  sc = load_scenario (o, host, &error);
  if (sc == NULL)
    return fail (EXIT_FAILED, "%s", error->message);
  if (!iop_scenario_validate (sc, &error))
    return fail (EXIT_FAILED, "%s", error->message);
  text = iop_config_export (sc, host, format, notes);
  g_print ("%s", text);
  for (guint i = 0; i < notes->len; i++)
    g_printerr ("iopath-cli config: %s\n", (char *)g_ptr_array_index (notes, i));
  return EXIT_OK;
}

int
iop_cli_config_main (int argc, char **argv)
{
  ConfigOptions o = { 0 };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &o.scenario, N_("Built-in scenario id or a .json file (default: raid270)"), N_("SCENARIO") },
    { "spdk-version", 0, 0, G_OPTION_ARG_STRING, &o.version, N_("SPDK release to model: v26.01 or v26.05 (default: the scenario's)"), N_("TAG") },
    { "host", 'H', 0, G_OPTION_ARG_STRING, &o.host, N_("Host the config belongs to: baremetal (default) or storage"), N_("HOST") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.sets, N_("export: change a knob first (repeatable); HOST: prefix optional"), N_("[HOST:]METHOD.PARAM=VALUE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format, N_("export: json (spdk_tgt --json) or rpc (scripts/rpc.py commands)"), N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("import: print JSON instead of text"), NULL },
    { NULL }
  };
  int ret;

  ctx = g_option_context_new (_("import FILE | export — SPDK JSON configs in and out"));
  g_option_context_set_summary (ctx,
    _("import FILE: read an SPDK JSON config (as save_config writes it) into a scenario's host;\n"
      "             lists the knobs it applied and the entries Iopath does not model.\n"
      "export:      write the knobs set on a host as a config for spdk_tgt --json (--format json)\n"
      "             or as scripts/rpc.py commands in the order SPDK needs (--format rpc).\n"
      "\n"
      "Examples:\n"
      "  iopath-cli config import save_config.json --host baremetal\n"
      "  iopath-cli config export --scenario raid270 --host storage --format rpc\n"
      "  iopath-cli config export --host baremetal --set iobuf_set_options.small_pool_count=32768"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      ret = fail (EXIT_USAGE, _("%s (see iopath-cli config --help)"), error->message);
      goto out;
    }
  if (argc < 2)
    ret = fail (EXIT_USAGE, _("say import or export (see iopath-cli config --help)"));
  else if (strcmp (argv[1], "import") == 0)
    ret = cmd_import (&o, argc, argv);
  else if (strcmp (argv[1], "export") == 0)
    ret = cmd_export (&o, argc, argv);
  else
    ret = fail (EXIT_USAGE, _("unknown config command “%s”: use import or export"), argv[1]);

out:
  g_free (o.scenario);
  g_free (o.version);
  g_free (o.host);
  g_free (o.format);
  g_strfreev (o.sets);
  return ret;
}
