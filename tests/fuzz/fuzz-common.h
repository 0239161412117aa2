/* fuzz-common.h: what every fuzz harness shares
 *
 * Each harness defines LLVMFuzzerInitialize and LLVMFuzzerTestOneInput. With
 * -Dfuzzing=true they are linked with libFuzzer; in every build they are also
 * linked with replay-main.c, which runs them once over files and folders (the
 * regressions and the seed corpus).
 *
 * A GLib critical or warning is a finding, as under G_DEBUG=fatal-criticals:
 * json-glib's asserting accessors report misuse that way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_init_common (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The input as a NUL-terminated string (the parsers that take text take C strings) */
static inline char *
fuzz_strndup (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *)data, size);
}

/* The input cut at each '\n' into at most MAX lines */
static inline char **
fuzz_lines (const uint8_t *data, size_t size, guint max)
{
  g_autofree char *text = fuzz_strndup (data, size);

  return g_strsplit (text, "\n", (gint)max);
}

#include "iop-config.h"
#include "iop-fault.h"
#include "iop-scenario.h"
#include "iop-topology.h"

/* What the CLI and the app do with a scenario they were given, short of
 * running the simulation: validate it at every SPDK version, list and format
 * its knobs, lay out its threads, describe its faults, export its configs. */
static inline void
fuzz_exercise_scenario (const IopScenario *sc)
{
  g_autoptr(IopScenario) copy = iop_scenario_copy (sc);

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      iop_scenario_set_version (copy, (IopSpdkVersion)v);
      if (!iop_scenario_validate (copy, NULL))
        continue;
      for (guint h = 0; h < IOP_N_HOSTS; h++)
        {
          g_autoptr(GPtrArray) knobs = iop_scenario_host_knobs (copy, (IopHostId)h);
          g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *json = NULL;
          g_autofree char *rpc = NULL;

          for (guint i = 0; i < knobs->len; i++)
            {
              const IopKnobDef *def = g_ptr_array_index (knobs, i);
              g_autofree char *text = iop_knob_format (def, iop_scenario_knob_value (copy, (IopHostId)h, def));

              g_assert_nonnull (text);
            }
          json = iop_config_export_json (copy, (IopHostId)h, notes);
          rpc = iop_config_export_rpc (copy, (IopHostId)h, notes);
          g_assert_true (json != NULL && rpc != NULL);
        }
      {
        g_autoptr(IopTopology) topo = iop_topology_new (copy);

        for (guint h = 0; h < IOP_N_HOSTS; h++)
          g_assert_cmpuint (topo->hosts[h].threads->len, >, 0);
      }
    }
  for (guint i = 0; i < sc->faults->len; i++)
    {
      const IopFault *f = &g_array_index (sc->faults, IopFault, i);
      g_autofree char *spec = iop_fault_to_spec (f);
      g_autofree char *text = iop_fault_describe (f);
      g_autoptr(JsonNode) node = iop_fault_to_json (f);

      g_assert_true (spec != NULL && text != NULL && JSON_NODE_HOLDS_OBJECT (node));
    }
  (void)iop_scenario_trace_start (sc);
}

/* The built-in scenarios, loaded once */
static GHashTable *fuzz_builtins;

static inline void
fuzz_load_builtins (void)
{
  g_auto(GStrv) ids = iop_scenario_list_builtin ();

  fuzz_builtins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)iop_scenario_unref);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      IopScenario *sc = iop_scenario_new_builtin (ids[i], &error);

      g_assert_no_error (error);
      g_hash_table_insert (fuzz_builtins, g_strdup (ids[i]), sc);
    }
  g_assert_nonnull (g_hash_table_lookup (fuzz_builtins, "raid270"));
}

static inline const IopScenario *
fuzz_builtin (const char *id)
{
  return g_hash_table_lookup (fuzz_builtins, id);
}

#include "iop-runtime.h"

/* What explain does with dumps once they are read: group and explain them,
 * and write the explanation as JSON and as text. */
static inline void
fuzz_explain (IopRuntime *rt)
{
  GPtrArray *hosts = iop_runtime_explain (rt);
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < hosts->len; i++)
    {
      IopRuntimeHost *h = g_ptr_array_index (hosts, i);

      for (guint j = 0; j < h->findings->len; j++)
        {
          IopFinding *f = g_ptr_array_index (h->findings, j);

          g_assert_nonnull (f->id);
          g_assert_nonnull (f->title);
          g_assert_true (g_utf8_validate (f->title, -1, NULL));
          g_assert_true (f->evidence == NULL || g_utf8_validate (f->evidence, -1, NULL));
        }
    }
  json = iop_runtime_to_json (rt);
  text = iop_runtime_to_text (rt);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* One file given by name to explain */
static inline void
fuzz_explain_file (const char    *name,
                   const uint8_t *data,
                   size_t         size)
{
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = iop_runtime_add_data (rt, name, (const char *)data, size, &error);

  g_assert_true (ok == (error == NULL));
  if (!ok)
    {
      g_assert_nonnull (strstr (error->message, name));
      return;
    }
  fuzz_explain (rt);
}

/* Files as `head` prints them: a line "==> NAME <==" starts each file (at
 * most 32, names of at most 128 bytes); what comes before the first one is a
 * file named "host.dump.json". Each is added to RT as explain DIR adds the
 * files of a folder. */
#define FUZZ_MAX_FILES 32
#define FUZZ_MAX_NAME  128

/* The header at P ("==> NAME <==\n"): the name's bounds and where the file
 * starts, or FALSE */
static inline gboolean
fuzz_header_at (const char  *p,
           const char  *end,
           const char **name,
           gsize       *name_len,
           const char **body)
{
  const char *nl, *close;

  if (end - p < 8 || memcmp (p, "==> ", 4) != 0)
    return FALSE;
  nl = memchr (p, '\n', end - p);
  if (nl == NULL)
    nl = end;
  close = nl - 4;
  if (close < p + 4 || memcmp (close, " <==", 4) != 0 || close - (p + 4) > FUZZ_MAX_NAME)
    return FALSE;
  *name = p + 4;
  *name_len = close - (p + 4);
  *body = nl < end ? nl + 1 : end;
  return TRUE;
}

static inline void
fuzz_add_file (IopRuntime *rt,
          const char *name,
          gsize       name_len,
          const char *data,
          gsize       len)
{
  g_autofree char *n = name_len > 0 ? g_strndup (name, name_len) : g_strdup ("host.dump.json");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* A NUL in the name ends it, as it would on a file system */
  if (*n == '\0')
    {
      g_free (n);
      n = g_strdup ("host.dump.json");
    }
  ok = iop_runtime_add_data (rt, n, data, len, &error);
  g_assert_true (ok == (error == NULL));
}

static inline void
fuzz_add_files (IopRuntime    *rt,
                const uint8_t *data,
                size_t         size)
{
  const char *p = (const char *)data, *end = p + size;
  const char *name = NULL, *body = p;
  gsize name_len = 0;
  guint files = 0;

  while (p < end && files < FUZZ_MAX_FILES)
    {
      const char *next_name, *next_body;
      gsize next_len;

      if ((p == (const char *)data || p[-1] == '\n') && fuzz_header_at (p, end, &next_name, &next_len, &next_body))
        {
          if (p > body || name != NULL)
            {
              fuzz_add_file (rt, name, name_len, body, p - body);
              files++;
            }
          name = next_name;
          name_len = next_len;
          body = p = next_body;
          continue;
        }
      p++;
    }
  if (files < FUZZ_MAX_FILES && (end > body || name != NULL))
    fuzz_add_file (rt, name, name_len, body, end - body);
}
