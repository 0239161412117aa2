/* cli-compare.c: comparison files for `iopath-cli compare`
 *
 * `compare FILE.json` runs the comparison a file keeps; `compare ...
 * --save FILE.json` keeps the command line's. Either way both runs are
 * built from one IopAbFile, so a saved file runs as the command did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iop-abfile.h"
#include "iop-error.h"
#include "iop-knobs.h"
#include "iopath-cli.h"

#define EXIT_OK IOP_CLI_EXIT_OK
#define EXIT_FAILED IOP_CLI_EXIT_FAILED
#define EXIT_USAGE IOP_CLI_EXIT_USAGE
#define fail(code, message) iop_cli_fail ((code), "%s", (message))

/* "host\tassignment" entries of LIST into run B (and A too with BOTH) */
static void
add_sets (IopAbFile *file,
          GPtrArray *list,
          gboolean   both)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const char *entry = g_ptr_array_index (list, i);
      IopHostId host = (IopHostId)(entry[0] - '0');

      if (both)
        iop_ab_file_add_set (file, FALSE, host, entry + 2);
      iop_ab_file_add_set (file, TRUE, host, entry + 2);
    }
}

/* The command line's runs as --save writes them: --set applies to both
 * runs, --set-b to B after it */
static IopAbFile *
file_from_runs (const IopCliRuns *r,
                GError          **error)
{
  g_autoptr(IopAbFile) file = iop_ab_file_new (r->scenario ? r->scenario : "raid270");

  if (r->first_write || r->io_at)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--save: a comparison file has no place for --first-write or --io-at"));
      return NULL;
    }
  if (r->op != NULL)
    {
      if (!iop_op_parse (r->op, &file->op, error))
        return NULL;
      file->has_op = TRUE;
    }
  if (r->size != NULL)
    {
      static const IopKnobDef size_def = { "--size", NULL, NULL, NULL, IOP_KNOB_INT, NULL, 512, 16 * 1024 * 1024 };

      if (!iop_knob_parse (&size_def, r->size, &file->size, error))
        return NULL;
      file->has_size = TRUE;
    }
  if (r->version != NULL)
    {
      if (!iop_spdk_version_parse (r->version, &file->version, error))
        return NULL;
      file->has_version = TRUE;
    }
  if (r->inflight != G_MININT)
    {
      if (r->inflight < 0 || r->inflight > 65536)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("--inflight takes 0 to 65536 I/Os, not %d"), r->inflight);
          return NULL;
        }
      file->inflight = (guint)r->inflight;
      file->has_inflight = TRUE;
    }
  for (guint i = 0; r->faults != NULL && i < r->faults->len; i++)
    iop_ab_file_add_fault (file, &g_array_index (r->faults, IopFault, i));
  add_sets (file, r->sets, TRUE);
  add_sets (file, r->sets_b, FALSE);
  file->b_scenario = g_strdup (r->scenario_b);
  return g_steal_pointer (&file);
}

int
iop_cli_compare_prepare (const char       *file,
                         const IopCliRuns *r,
                         IopAbFile       **out,
                         IopScenario     **sc_a,
                         IopScenario     **sc_b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopAbFile) cmp = NULL;

  if (file != NULL)
    {
      if (r->scenario != NULL || r->scenario_b != NULL || r->sets->len > 0 || r->sets_b->len > 0 || r->host ||
          r->op != NULL || r->size != NULL || r->version != NULL || r->inflight != G_MININT ||
          r->faults->len > 0 || r->first_write || r->io_at)
        {
          g_autofree char *msg = g_strdup_printf (_("%s gives the scenario, the I/O and both runs: leave out --scenario, --set, --set-b, --scenario-b, --host, --op, --size, --spdk-version, --inflight, --first-write, --fault and --io-at"), file);
          return fail (EXIT_USAGE, msg);
        }
      cmp = iop_ab_file_load (file, &error);
    }
  else
    cmp = file_from_runs (r, &error);
  if (cmp == NULL)
    return fail (file != NULL ? EXIT_FAILED : EXIT_USAGE, error->message);
  if (!iop_ab_file_build (cmp, sc_a, sc_b, &error))
    return fail (EXIT_FAILED, error->message);
  *out = g_steal_pointer (&cmp);
  return EXIT_OK;
}

int
iop_cli_compare_save (IopAbFile  *file,
                      const char *path,
                      gboolean    force)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return EXIT_OK;
  g_return_val_if_fail (file != NULL, EXIT_FAILED);
  if (!iop_ab_file_save (file, path, force, &error))
    return fail (EXIT_FAILED, error->message);
  g_printerr (_("iopath-cli: saved the comparison to %s\n"), path);
  return EXIT_OK;
}
