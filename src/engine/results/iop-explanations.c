/* iop-explanations.c: the teaching text shown for each step of a trace
 *
 * This file holds the lookup; the texts live in one file per side of the
 * path: iop-explanations-host.c (guest, vfio-user, nvmf, bdev, RAID1),
 * -nvme.c (bdev_nvme, the NVMe driver), -fabric.c (NVMe/RDMA, NVMe/TCP, the
 * wire) and -storage.c (nvmf target transports, lvol, blobstore, SSD, malloc).
 *
 * One entry per step key of the stage table (src/engine/results/iop-stages.c),
 * plus host- and operation-specific variants ("KEY@HOST", "KEY/OP",
 * "KEY@HOST/OP") where the story differs. A stage whose row names another
 * explanation key (nvme.ns_cmd_v -> nvme.ns_cmd) has no entry of its own: the
 * lookup falls back to that key. Facts were checked in SPDK's source at v26.01
 * and v26.05; deployment figures are those of raid_270.
 *
 * Bodies are plain text: paragraphs separated by a blank line, knobs written
 * as method.param so the app can turn them into links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "iop-explanations-private.h"
#include "iop-stages.h"

static const IopExplanation *const parts[] = {
  iop_explanations_host,
  iop_explanations_nvme,
  iop_explanations_fabric,
  iop_explanations_storage,
};

static gpointer
build_index (gpointer data G_GNUC_UNUSED)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (const IopExplanation *e = parts[p]; e->key != NULL; e++)
      {
        if (g_hash_table_contains (index, e->key))
          {
            g_warning ("Duplicate explanation key %s", e->key);
            continue;
          }
        g_hash_table_insert (index, (gpointer)e->key, (gpointer)e);
      }

  return index;
}

static GHashTable *
get_index (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_index, NULL);
}

const IopExplanation *
iop_explanation_lookup (const char *key,
                        const char *host,
                        const char *op)
{
  GHashTable *index;
  char *candidates[4];
  guint n = 0;
  const IopExplanation *found = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (host != NULL && *host == '\0')
    host = NULL;
  if (op != NULL && *op == '\0')
    op = NULL;

  index = get_index ();

  for (guint pass = 0; pass < 2 && found == NULL; pass++)
    {
      if (pass == 1)
        {
          /* A stage that shares another's explanation: its row names the key */
          int stage = iop_stage_from_key (key);

          if (stage < 0 || iop_stage_info ((IopStage)stage)->explanation == NULL)
            break;
          key = iop_stage_info ((IopStage)stage)->explanation;
          n = 0;
        }
      if (host != NULL && op != NULL)
        candidates[n++] = g_strconcat (key, "@", host, "/", op, NULL);
      if (host != NULL)
        candidates[n++] = g_strconcat (key, "@", host, NULL);
      if (op != NULL)
        candidates[n++] = g_strconcat (key, "/", op, NULL);
      candidates[n++] = g_strdup (key);

      for (guint i = 0; i < n; i++)
        {
          if (found == NULL)
            found = g_hash_table_lookup (index, candidates[i]);
          g_free (candidates[i]);
        }
    }

  return found;
}

/* The parts one after the other in one array, built once */
static gpointer
build_all (gpointer data G_GNUC_UNUSED)
{
  GArray *all = g_array_new (TRUE, TRUE, sizeof (IopExplanation));

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (const IopExplanation *e = parts[p]; e->key != NULL; e++)
      g_array_append_val (all, *e);

  return g_array_free (all, FALSE);
}

const IopExplanation *
iop_explanation_all (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_all, NULL);
}
