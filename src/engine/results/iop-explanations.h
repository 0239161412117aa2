/* iop-explanations.h: the teaching text of each trace step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IopExplanation
{
  const char *key;   /* "bdev.get_io", "bdev.get_io@storage", "nvmf.bdev_rw/read" ... */
  const char *title; /* N_() marked, short: "Allocate the bdev_io" */
  const char *body;  /* N_() marked, several paragraphs separated by "\n\n" */
} IopExplanation;

/* Looks up KEY@HOST/OP, KEY@HOST, KEY/OP, KEY in that order; host and op may be NULL.
 * Returns NULL when nothing matches. Strings in the result are untranslated (use _()). */
const IopExplanation *iop_explanation_lookup (const char *key,
                                              const char *host,
                                              const char *op);

/* All entries, terminated by an entry whose key is NULL. */
const IopExplanation *iop_explanation_all (void);

G_END_DECLS
