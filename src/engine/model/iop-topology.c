/* iop-topology.c
 *
 * How SPDK lays threads on cores, as the nvmf target does it: one reactor per
 * core of the -m mask, app_thread on the first (main) core, and one poll group
 * per core of nvmf_set_config.poll_groups_mask (every reactor when unset). The
 * poll groups are numbered from the core after the main one and wrap, so on a
 * mask 0xFFFFFFF0 the last group, 027, shares core 4 with app_thread, as the
 * reference deployment's runtime dump (shared/spdk/runtime) shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "iop-topology.h"

static void
thread_free (gpointer p)
{
  IopThread *t = p;

  g_free (t->name);
  g_free (t);
}

static void
host_init (IopHostTopology   *ht,
           const IopScenario *sc,
           IopHostId          host)
{
  const IopHostConfig *hc = &sc->hosts[host];
  guint64 mask = (guint64)iop_scenario_get_knob (sc, host, "spdk_tgt.cpumask");
  guint64 pg_mask = (guint64)iop_scenario_get_knob (sc, host, "nvmf_set_config.poll_groups_mask");
  guint numa = MAX (hc->numa_nodes, 1);
  IopThread *app;
  guint pg = 0;

  ht->host = host;
  ht->threads = g_ptr_array_new_with_free_func (thread_free);
  if (mask == 0)
    mask = 1;
  ht->reactor_mask = mask;
  ht->n_cores = iop_cpumask_count (mask);
  ht->app_core = (guint)iop_cpumask_first (mask);

  if (pg_mask == 0)
    pg_mask = mask;
  /* SPDK only places poll groups on cores that have a reactor */
  pg_mask &= mask;
  if (pg_mask == 0)
    pg_mask = mask;

  app = g_new0 (IopThread, 1);
  app->name = g_strdup ("app_thread");
  app->role = IOP_THREAD_APP;
  app->core = ht->app_core;
  app->numa_node = 0;
  app->poll_group = G_MAXUINT;
  app->bdev_mgmt = TRUE;
  app->accel = TRUE;
  g_ptr_array_add (ht->threads, app);

  /* Cores above the main core first, then wrap around */
  for (guint pass = 0; pass < 2; pass++)
    for (guint core = 0; core < 64; core++)
      {
        gboolean after_main = core > ht->app_core;
        IopThread *t;

        if (!(pg_mask & (G_GUINT64_CONSTANT (1) << core)))
          continue;
        if ((pass == 0) != after_main)
          continue;
        t = g_new0 (IopThread, 1);
        t->name = g_strdup_printf ("nvmf_tgt_poll_group_%03u", pg);
        t->role = IOP_THREAD_POLL_GROUP;
        t->core = core;
        t->numa_node = numa > 1 ? (core * numa) / 64 : 0;
        t->poll_group = pg++;
        t->bdev_mgmt = TRUE;
        t->accel = TRUE;
        g_ptr_array_add (ht->threads, t);
      }

  ht->n_poll_groups = pg;
  if (host == IOP_HOST_BAREMETAL)
    ht->n_controllers = sc->raid_legs * sc->paths_per_leg;
  else
    ht->n_controllers = 1;
  /* Every thread with a bdev_nvme channel has an I/O qpair per controller:
   * the poll groups, and app_thread, where RAID keeps a channel to each base
   * bdev (base_info->app_thread_ch, module/bdev/raid/bdev_raid.c) and a
   * storage node's blobstore its metadata channel (bs_register_md_thread,
   * lib/blob/blobstore.c) */
  ht->n_io_qpairs = (ht->n_poll_groups + 1) * ht->n_controllers;
}

IopTopology *
iop_topology_new (const IopScenario *scenario)
{
  IopTopology *self = g_new0 (IopTopology, 1);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    host_init (&self->hosts[h], scenario, h);
  return self;
}

void
iop_topology_free (IopTopology *self)
{
  if (self == NULL)
    return;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    g_clear_pointer (&self->hosts[h].threads, g_ptr_array_unref);
  g_free (self);
}

IopThread *
iop_topology_poll_group (IopTopology *self,
                         IopHostId    host,
                         guint        pg)
{
  IopHostTopology *ht = &self->hosts[host];

  g_return_val_if_fail (ht->n_poll_groups > 0, NULL);
  return g_ptr_array_index (ht->threads, 1 + (pg % ht->n_poll_groups));
}

/* The transport's poll-group cache sizes, as nvmf_transport_poll_group_create
 * computes them at each version. */
void
iop_transport_cache_sizes (const IopScenario *sc,
                           IopHostId          h,
                           guint              n_poll_groups,
                           gint64            *small,
                           gint64            *large,
                           char             **formula)
{
  gint64 pgs = MAX (n_poll_groups, 1);
  gint64 sbs = iop_scenario_get_knob (sc, h, "iobuf_set_options.small_bufsize");

  if (sc->version == IOP_SPDK_V26_01)
    {
      gint64 nsb = iop_scenario_get_knob (sc, h, "nvmf_create_transport.num_shared_buffers");
      gint64 bcs = iop_scenario_get_knob (sc, h, "nvmf_create_transport.buf_cache_size");
      gint64 iou = iop_scenario_get_knob (sc, h, "nvmf_create_transport.io_unit_size");

      if (nsb == 0 && bcs == 0)
        {
          *small = *large = 0;
          if (formula)
            *formula = g_strdup (_("no shared buffers: the transport uses no iobuf cache"));
          return;
        }
      if (bcs == IOP_KNOB_AUTO)
        {
          bcs = (nsb * 3 / 4) / pgs;
          if (formula)
            *formula = g_strdup_printf (_("buf_cache_size automatic: (num_shared_buffers %" PRId64 " × 3 / 4) / %" PRId64 " poll groups = %" PRId64),
                                        nsb, pgs, bcs);
        }
      else if (formula)
        *formula = g_strdup_printf (_("buf_cache_size = %" PRId64 " per poll group"), bcs);
      *small = bcs;
      *large = iou <= sbs ? 0 : bcs;
    }
  else
    {
      gint64 scs = iop_scenario_get_knob (sc, h, "nvmf_create_transport.iobuf_small_cache_size");
      const IopKnobDef *bcs_def = iop_scenario_find_knob (sc, h, "nvmf_create_transport.buf_cache_size", NULL);
      const IopKnobDef *scs_def = iop_scenario_find_knob (sc, h, "nvmf_create_transport.iobuf_small_cache_size", NULL);
      gint64 lcs = iop_scenario_get_knob (sc, h, "nvmf_create_transport.iobuf_large_cache_size");
      gint64 spc = iop_scenario_get_knob (sc, h, "iobuf_set_options.small_pool_count");
      gint64 lpc = iop_scenario_get_knob (sc, h, "iobuf_set_options.large_pool_count");
      GString *f = g_string_new (NULL);

      /* At v26.05 buf_cache_size is the same field as iobuf_small_cache_size */
      if (bcs_def && scs_def && iop_scenario_knob_is_set (sc, h, bcs_def) && !iop_scenario_knob_is_set (sc, h, scs_def))
        {
          scs = iop_scenario_knob_value (sc, h, bcs_def);
          g_string_append (f, _("buf_cache_size (deprecated) sets the small cache; "));
        }
      if (scs == IOP_KNOB_AUTO)
        {
          scs = (spc / 2) / pgs;
          g_string_append_printf (f, _("small automatic: (small_pool_count %" PRId64 " / 2) / %" PRId64 " poll groups = %" PRId64), spc, pgs, scs);
        }
      else
        g_string_append_printf (f, _("small = %" PRId64), scs);
      if (lcs == IOP_KNOB_AUTO)
        {
          lcs = (lpc / 2) / pgs;
          g_string_append_printf (f, _("; large automatic: (large_pool_count %" PRId64 " / 2) / %" PRId64 " poll groups = %" PRId64), lpc, pgs, lcs);
        }
      else
        g_string_append_printf (f, _("; large = %" PRId64), lcs);
      *small = scs;
      *large = lcs;
      if (formula)
        *formula = g_string_free (f, FALSE);
      else
        g_string_free (f, TRUE);
    }
}

