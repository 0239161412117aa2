/* fuzz-runtime-hosts.c: several dumps explained together, as iopath-cli
 * explain DIR reads a folder: the threads of one dump meet the pollers,
 * reactors and channels of others, two iobuf_get_stats samples are compared,
 * and files are grouped into hosts by the name before the first dot.
 *
 * The input is files as `head` prints them: a line "==> NAME <==" starts
 * each file (at most 32, names of at most 128 bytes); what comes before the
 * first one is a file named "host.dump.json".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#define MAX_FILES 32
#define MAX_NAME  128

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_common ();
  return 0;
}

/* The header at P ("==> NAME <==\n"): the name's bounds and where the file
 * starts, or FALSE */
static gboolean
header_at (const char  *p,
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
  if (close < p + 4 || memcmp (close, " <==", 4) != 0 || close - (p + 4) > MAX_NAME)
    return FALSE;
  *name = p + 4;
  *name_len = close - (p + 4);
  *body = nl < end ? nl + 1 : end;
  return TRUE;
}

static void
add_file (IopRuntime *rt,
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(IopRuntime) rt = iop_runtime_new ();
  const char *p = (const char *)data, *end = p + size;
  const char *name = NULL, *body = p;
  gsize name_len = 0;
  guint files = 0;

  while (p < end && files < MAX_FILES)
    {
      const char *next_name, *next_body;
      gsize next_len;

      if ((p == (const char *)data || p[-1] == '\n') && header_at (p, end, &next_name, &next_len, &next_body))
        {
          if (p > body || name != NULL)
            {
              add_file (rt, name, name_len, body, p - body);
              files++;
            }
          name = next_name;
          name_len = next_len;
          body = p = next_body;
          continue;
        }
      p++;
    }
  if (files < MAX_FILES && (end > body || name != NULL))
    add_file (rt, name, name_len, body, end - body);
  fuzz_explain (rt);
  return 0;
}
