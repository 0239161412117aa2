/* iop-refs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-refs.h"

#define REFS_RESOURCE "/io/github/iopath/Iopath/spdk-refs.json"
#define MAX_SOURCE_BYTES (16 * 1024 * 1024)

typedef struct
{
  GHashTable *refs[IOP_SPDK_N_VERSIONS]; /* key -> IopRef* */
  char       *commits[IOP_SPDK_N_VERSIONS];
  GStringChunk *strings;
} Refs;

static Refs *
refs_get (void)
{
  static gsize once = 0;
  static Refs *refs;

  if (g_once_init_enter (&once))
    {
      Refs *r = g_new0 (Refs, 1);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (REFS_RESOURCE, 0, NULL);
      g_autoptr(JsonNode) root_node = NULL;

      r->strings = g_string_chunk_new (4096);
      for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
        r->refs[v] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

      if (bytes != NULL)
        root_node = iop_json_parse_document (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), REFS_RESOURCE, NULL);
      if (root_node != NULL && JSON_NODE_HOLDS_OBJECT (root_node))
        {
          JsonObject *root = json_node_get_object (root_node);
          JsonObject *tags = json_object_get_object_member (root, "tags");
          JsonObject *all = json_object_get_object_member (root, "refs");
          GList *keys = json_object_get_members (all);

          for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
            {
              const char *tag = iop_spdk_version_tag (v);
              if (tags && json_object_has_member (tags, tag))
                r->commits[v] = g_string_chunk_insert (r->strings,
                    json_object_get_string_member_with_default (json_object_get_object_member (tags, tag), "commit", ""));
            }
          for (GList *l = keys; l; l = l->next)
            {
              JsonObject *per = json_object_get_object_member (all, l->data);

              for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
                {
                  JsonObject *o;
                  IopRef *ref;

                  if (per == NULL || !json_object_has_member (per, iop_spdk_version_tag (v)))
                    continue;
                  o = json_object_get_object_member (per, iop_spdk_version_tag (v));
                  if (o == NULL)
                    continue;
                  ref = g_new0 (IopRef, 1);
                  ref->file = g_string_chunk_insert_const (r->strings, json_object_get_string_member_with_default (o, "file", ""));
                  ref->function = g_string_chunk_insert_const (r->strings, json_object_get_string_member_with_default (o, "function", ""));
                  if (json_object_has_member (o, "highlight"))
                    ref->highlight = g_string_chunk_insert_const (r->strings, json_object_get_string_member (o, "highlight"));
                  ref->line = (int)json_object_get_int_member_with_default (o, "line", 0);
                  g_hash_table_insert (r->refs[v], g_string_chunk_insert_const (r->strings, l->data), ref);
                }
            }
          g_list_free (keys);
        }
      else
        g_critical ("The SPDK references resource is missing or broken");

      refs = r;
      g_once_init_leave (&once, 1);
    }
  return refs;
}

gboolean
iop_refs_lookup (IopSpdkVersion version,
                 const char    *key,
                 const char    *host,
                 const char    *op,
                 IopRef        *out)
{
  Refs *r = refs_get ();
  char buf[256];
  const char *candidates[4];
  guint n = 0;

  g_return_val_if_fail (version < IOP_SPDK_N_VERSIONS, FALSE);

  if (host && op)
    {
      g_snprintf (buf, sizeof buf, "%s@%s/%s", key, host, op);
      candidates[n++] = g_strdup (buf);
    }
  if (host)
    {
      g_snprintf (buf, sizeof buf, "%s@%s", key, host);
      candidates[n++] = g_strdup (buf);
    }
  if (op)
    {
      g_snprintf (buf, sizeof buf, "%s/%s", key, op);
      candidates[n++] = g_strdup (buf);
    }
  candidates[n++] = g_strdup (key);

  for (guint i = 0; i < n; i++)
    {
      IopRef *ref = g_hash_table_lookup (r->refs[version], candidates[i]);
      if (ref != NULL)
        {
          *out = *ref;
          for (guint j = 0; j < n; j++)
            g_free ((char *)candidates[j]);
          return TRUE;
        }
    }
  for (guint j = 0; j < n; j++)
    g_free ((char *)candidates[j]);
  return FALSE;
}

void
iop_refs_foreach (IopRefsForeach func,
                  gpointer       data)
{
  Refs *r = refs_get ();

  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(GList) keys = g_hash_table_get_keys (r->refs[v]);

      keys = g_list_sort (keys, (GCompareFunc)g_strcmp0);
      for (GList *l = keys; l; l = l->next)
        func (l->data, v, g_hash_table_lookup (r->refs[v], l->data), data);
    }
}

const char *
iop_refs_commit (IopSpdkVersion version)
{
  return refs_get ()->commits[version];
}

void
iop_snippet_free (IopSnippet *snippet)
{
  if (snippet == NULL)
    return;
  g_free (snippet->path);
  g_free (snippet->text);
  g_free (snippet);
}

static gboolean
is_ident (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
ends_with_semicolon (const char *l)
{
  gsize n = strlen (l);

  while (n > 0 && g_ascii_isspace (l[n - 1]))
    n--;
  return n > 0 && l[n - 1] == ';';
}

/* SPDK's style puts the return type on its own line and the function name at
 * the start of the next: "name(args...)" then "{" at column 0. */
IopSnippet *
iop_source_find_function (const char   *spdk_dir,
                          const IopRef *ref,
                          GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;
  gsize name_len;
  int name_idx = -1, start_idx, end_idx = -1, hl = 0;
  GString *text;
  IopSnippet *snippet;

  g_return_val_if_fail (spdk_dir != NULL && ref != NULL, NULL);

  if (ref->file == NULL || *ref->file == '\0' || strstr (ref->file, "..") || g_path_is_absolute (ref->file))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("No source file for this step"));
      return NULL;
    }
  path = g_build_filename (spdk_dir, ref->file, NULL);
  {
    GStatBuf st;
    if (g_stat (path, &st) != 0)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                     _("%s is not in the SPDK folder %s"), ref->file, spdk_dir);
        return NULL;
      }
    if (st.st_size > MAX_SOURCE_BYTES)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE, _("%s is too large to be an SPDK source file"), path);
        return NULL;
      }
  }
  /* bounded, and never a FIFO or a device in its place */
  if (!iop_file_read_bounded (path, MAX_SOURCE_BYTES, &data, &len, error))
    return NULL;
  if (!g_utf8_validate (data, len, NULL))
    {
      char *valid = g_utf8_make_valid (data, len);
      g_free (data);
      data = valid;
    }

  lines = g_strsplit (data, "\n", -1);
  name_len = strlen (ref->function);
  for (int i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      const char *p = l;

      /* "name(" at column 0, or "type name(" on one line */
      while ((p = strstr (p, ref->function)) != NULL)
        {
          gboolean left_ok = (p == l) || !is_ident (p[-1]);
          const char *after = p + name_len;

          while (*after == ' ')
            after++;
          if (left_ok && *after == '(' && (p == l || (l[0] != ' ' && l[0] != '\t' && l[0] != '#')) &&
              !ends_with_semicolon (l))
            {
              /* a definition: the opening brace follows before any ';' */
              for (int j = i; lines[j] && j < i + 40; j++)
                {
                  if (lines[j][0] == '{')
                    {
                      name_idx = i;
                      break;
                    }
                  if (strchr (lines[j], ';') && lines[j][0] != '{')
                    break;
                }
            }
          if (name_idx >= 0)
            break;
          p = after;
        }
      if (name_idx >= 0)
        break;
    }

  if (name_idx < 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("%s() is not defined in %s: this checkout may be another SPDK version"),
                   ref->function, ref->file);
      return NULL;
    }

  /* Include the return type and attributes above the name */
  start_idx = name_idx;
  while (start_idx > 0 && name_idx - start_idx < 3)
    {
      const char *prev = lines[start_idx - 1];
      if (*prev == '\0' || *prev == '}' || *prev == '#' || g_str_has_prefix (prev, " *") || g_str_has_prefix (prev, "*/") || strstr (prev, "*/") || strchr (prev, ';'))
        break;
      start_idx--;
    }
  for (int j = name_idx; lines[j]; j++)
    if (lines[j][0] == '}')
      {
        end_idx = j;
        break;
      }
  if (end_idx < 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("%s() in %s has no closing brace"), ref->function, ref->file);
      return NULL;
    }

  text = g_string_new (NULL);
  for (int j = start_idx; j <= end_idx; j++)
    {
      g_string_append (text, lines[j]);
      if (j < end_idx)
        g_string_append_c (text, '\n');
      if (hl == 0 && j > name_idx && ref->highlight && *ref->highlight && strstr (lines[j], ref->highlight))
        hl = j + 1;
    }

  snippet = g_new0 (IopSnippet, 1);
  snippet->path = g_steal_pointer (&path);
  snippet->text = g_string_free (text, FALSE);
  snippet->first_line = start_idx + 1;
  snippet->name_line = name_idx + 1;
  snippet->highlight_line = hl;
  return snippet;
}

char *
iop_source_detect_version (const char *spdk_dir)
{
  g_autofree char *path = g_build_filename (spdk_dir, "include", "spdk", "version.h", NULL);
  g_autofree char *data = NULL;
  int major = -1, minor = -1;

  if (!iop_file_read_bounded (path, 1024 * 1024, &data, NULL, NULL))
    return NULL;
  for (char *l = data; l && *l; )
    {
      char *nl = strchr (l, '\n');
      if (nl)
        *nl = '\0';
      if (g_str_has_prefix (l, "#define SPDK_VERSION_MAJOR"))
        major = atoi (l + strlen ("#define SPDK_VERSION_MAJOR"));
      else if (g_str_has_prefix (l, "#define SPDK_VERSION_MINOR"))
        minor = atoi (l + strlen ("#define SPDK_VERSION_MINOR"));
      l = nl ? nl + 1 : NULL;
    }
  if (major < 0 || minor < 0)
    return NULL;
  return g_strdup_printf ("v%d.%02d", major, minor);
}

static gboolean
looks_like_spdk (const char *dir)
{
  g_autofree char *p = NULL;

  if (dir == NULL || *dir == '\0')
    return FALSE;
  p = g_build_filename (dir, "lib", "bdev", "bdev.c", NULL);
  return g_file_test (p, G_FILE_TEST_IS_REGULAR);
}

char *
iop_source_resolve_dir (const char *cli_flag,
                        const char *setting,
                        char      **why)
{
  const char *env = g_getenv ("IOPATH_SPDK_DIR");
  const char *bundled = SPDK_BUNDLED_DIR;
  struct { const char *dir; const char *what; } order[] = {
    { cli_flag, "--spdk-dir" }, { env, "IOPATH_SPDK_DIR" }, { setting, "the preferences" }, { bundled, "the bundled sources" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i].dir == NULL || *order[i].dir == '\0')
        continue;
      if (looks_like_spdk (order[i].dir))
        return g_strdup (order[i].dir);
      if (why)
        {
          g_free (*why);
          *why = g_strdup_printf (_("%s (from %s) is not an SPDK source tree: it has no lib/bdev/bdev.c"),
                                  order[i].dir, order[i].what);
        }
      /* An explicit choice that is wrong is reported, not silently replaced */
      if (i < 3)
        return NULL;
    }
  if (why && *why == NULL)
    *why = g_strdup (_("No SPDK source folder is set"));
  return NULL;
}
