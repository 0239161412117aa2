/* iop-refs.h: references into SPDK's source (never its code)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-version.h"

G_BEGIN_DECLS

typedef struct
{
  const char *file;      /* "lib/bdev/bdev.c" */
  const char *function;  /* "bdev_channel_get_io" */
  const char *highlight; /* a substring of the line to highlight, or NULL */
  int         line;      /* where the function starts at that tag, 0 unknown */
} IopRef;

/* Looks up KEY@HOST/OP, KEY@HOST, KEY/OP, KEY at VERSION. FALSE when none. */
gboolean iop_refs_lookup (IopSpdkVersion version,
                          const char    *key,
                          const char    *host,
                          const char    *op,
                          IopRef        *out);

/* Every (key, version) pair: for the test that checks them against a checkout. */
typedef void (*IopRefsForeach) (const char *key, IopSpdkVersion version, const IopRef *ref, gpointer data);
void     iop_refs_foreach (IopRefsForeach func, gpointer data);

const char *iop_refs_commit (IopSpdkVersion version);

/* A function's text found by name in an SPDK source tree */
typedef struct
{
  char *path;            /* absolute */
  char *text;            /* the function, from its return type to its closing brace */
  int   first_line;      /* line number of text's first line in the file */
  int   name_line;       /* line with the function name */
  int   highlight_line;  /* line holding the highlight, or 0 */
} IopSnippet;

void        iop_snippet_free (IopSnippet *snippet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopSnippet, iop_snippet_free)

IopSnippet *iop_source_find_function (const char   *spdk_dir,
                                      const IopRef *ref,
                                      GError      **error);

/* The SPDK version of a checkout from its VERSION file / include/spdk/version.h,
 * as "v26.01"; NULL if it cannot tell. */
char       *iop_source_detect_version (const char *spdk_dir);

/* Which folder to read SPDK from: CLI flag, then $IOPATH_SPDK_DIR, then SETTING,
 * then the bundled tree. NULL if none is usable; *why says why. */
char       *iop_source_resolve_dir (const char *cli_flag,
                                    const char *setting,
                                    char      **why);

G_END_DECLS
