/* iop-runtime-roles.c: the roles a host plays
 *
 * Finds the roles (VFIO-user, RDMA or TCP target, NVMe-oF initiator, local
 * NVMe or malloc) from the pollers, iobuf modules, transports, listeners,
 * controllers, bdevs and save_config, with the evidence for each. A
 * transport's poll group registers "nvmf_<TRANSPORT>" (lib/nvmf/transport.c),
 * its acceptor nvmf_tcp_accept / nvmf_rdma_accept / nvmf_vfio_user_accept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-format.h"
#include "iop-json-util.h"
#include "iop-runtime-private.h"

static void
add_role (Explain    *ex,
          const char *role,
          const char *fmt,
          ...) G_GNUC_PRINTF (3, 4);

static void
add_role (Explain    *ex,
          const char *role,
          const char *fmt,
          ...)
{
  IopRuntimeHost *h = ex->host;
  g_autofree char *ev = NULL;
  const char *old;
  va_list args;

  va_start (args, fmt);
  ev = g_strdup_vprintf (fmt, args);
  va_end (args);
  old = g_hash_table_lookup (h->role_evidence, role);
  if (old == NULL)
    {
      g_ptr_array_add (h->roles, g_strdup (role));
      g_hash_table_insert (h->role_evidence, g_strdup (role), g_steal_pointer (&ev));
    }
  else if (strstr (old, ev) == NULL)
    g_hash_table_insert (h->role_evidence, g_strdup (role), g_strdup_printf ("%s; %s", old, ev));
}

static const char *
role_for_trtype (const char *trtype,
                 gboolean    target)
{
  if (trtype == NULL)
    return NULL;
  if (target)
    {
      if (g_ascii_strcasecmp (trtype, "VFIOUSER") == 0)
        return IOP_ROLE_VFIOUSER_TARGET;
      if (g_ascii_strcasecmp (trtype, "RDMA") == 0)
        return IOP_ROLE_RDMA_TARGET;
      if (g_ascii_strcasecmp (trtype, "TCP") == 0)
        return IOP_ROLE_TCP_TARGET;
      return NULL;
    }
  if (g_ascii_strcasecmp (trtype, "PCIe") == 0)
    return IOP_ROLE_LOCAL_NVME;
  if (g_ascii_strcasecmp (trtype, "TCP") == 0 || g_ascii_strcasecmp (trtype, "RDMA") == 0 ||
      g_ascii_strcasecmp (trtype, "FC") == 0)
    return IOP_ROLE_NVMF_INITIATOR;
  return NULL;
}

/* Pollers: nvmf_<TRANSPORT> per poll group, the acceptor on the app thread */
static void
roles_from_pollers (Explain *ex)
{
  static const char *const transports[] = { "VFIOUSER", "RDMA", "TCP" };
  static const char *const accepts[] = { "nvmf_vfio_user_accept", "nvmf_rdma_accept", "nvmf_tcp_accept" };

  for (guint t = 0; t < G_N_ELEMENTS (transports); t++)
    {
      g_autofree char *poller = g_strdup_printf ("nvmf_%s", transports[t]);
      g_autofree char *where = iop_rt_threads_with_poller (ex, poller);
      g_autofree char *acc = iop_rt_threads_with_poller (ex, accepts[t]);
      const char *role = role_for_trtype (transports[t], TRUE);

      if (*where)
        add_role (ex, role, _("poller %s on %s (thread_get_pollers)"), poller, where);
      if (*acc)
        add_role (ex, role, _("acceptor %s on %s"), accepts[t], acc);
    }
  {
    g_autofree char *vfu = iop_rt_threads_with_poller (ex, "vfio_user_poll_vfu_ctx");
    if (*vfu)
      add_role (ex, IOP_ROLE_VFIOUSER_TARGET, _("vfio_user_poll_vfu_ctx on %s"), vfu);
  }
  {
    g_autofree char *mal = iop_rt_threads_with_poller (ex, "malloc_completion_poller");
    if (*mal)
      add_role (ex, IOP_ROLE_LOCAL_MALLOC, _("malloc_completion_poller on %s"), mal);
  }
}

/* iobuf modules: each transport registers nvmf_<TRANSPORT> */
static void
roles_from_iobuf_modules (Explain *ex)
{
  JsonArray *a = iop_rt_dump_array (ex->of[IOP_DUMP_IOBUF_GET_STATS]);

  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;

      if (module && g_str_has_prefix (module, "nvmf_"))
        {
          const char *role = role_for_trtype (module + 5, TRUE);
          if (role)
            add_role (ex, role, _("iobuf module %s (iobuf_get_stats)"), module);
        }
    }
}

/* Transports and listeners */
static void
roles_from_transports (Explain *ex)
{
  JsonArray *a;

  a = iop_rt_dump_array (ex->of[IOP_DUMP_NVMF_GET_TRANSPORTS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *tr = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "trtype") : NULL;
      const char *role = role_for_trtype (tr, TRUE);
      if (role)
        add_role (ex, role, _("transport %s (nvmf_get_transports)"), tr);
    }
  a = iop_rt_dump_array (ex->of[IOP_DUMP_NVMF_GET_SUBSYSTEMS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *so = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonArray *la = iop_json_get_array (so, "listen_addresses");

      for (guint j = 0; la && j < json_array_get_length (la); j++)
        {
          JsonNode *ln = json_array_get_element (la, j);
          JsonObject *lo = JSON_NODE_HOLDS_OBJECT (ln) ? json_node_get_object (ln) : NULL;
          const char *tr = iop_json_get_str (lo, "trtype");
          const char *role = role_for_trtype (tr, TRUE);

          if (role)
            add_role (ex, role, _("subsystem %s listens on %s %s:%s (nvmf_get_subsystems)"),
                      iop_json_get_str (so, "nqn"), tr, iop_json_get_str (lo, "traddr") ? iop_json_get_str (lo, "traddr") : "?",
                      iop_json_get_str (lo, "trsvcid") ? iop_json_get_str (lo, "trsvcid") : "?");
        }
    }
}

/* bdev_nvme controllers: PCIe is local NVMe, TCP/RDMA a fabric initiator */
static void
roles_from_controllers (Explain *ex)
{
  JsonArray *a;

  a = iop_rt_dump_array (ex->of[IOP_DUMP_BDEV_NVME_GET_CONTROLLERS]);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *co = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      JsonArray *cs = iop_json_get_array (co, "ctrlrs");

      for (guint j = 0; cs && j < json_array_get_length (cs); j++)
        {
          JsonNode *cn = json_array_get_element (cs, j);
          JsonObject *trid = JSON_NODE_HOLDS_OBJECT (cn) ? iop_json_get_object (json_node_get_object (cn), "trid") : NULL;
          const char *tr = iop_json_get_str (trid, "trtype");
          const char *role = role_for_trtype (tr, FALSE);

          if (role)
            add_role (ex, role, _("controller %s over %s (bdev_nvme_get_controllers)"), iop_json_get_str (co, "name"), tr);
        }
    }
  a = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_BDEV_NVME_GET_IO_PATHS]), "poll_groups");
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonArray *paths = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_array (json_node_get_object (e), "io_paths") : NULL;

      for (guint j = 0; paths && j < json_array_get_length (paths); j++)
        {
          JsonNode *pn = json_array_get_element (paths, j);
          JsonObject *po = JSON_NODE_HOLDS_OBJECT (pn) ? json_node_get_object (pn) : NULL;
          const char *tr = iop_json_get_str (iop_json_get_object (po, "transport"), "trtype");
          const char *role = role_for_trtype (tr, FALSE);

          if (role)
            add_role (ex, role, _("I/O path to %s over %s (bdev_nvme_get_io_paths)"), iop_json_get_str (po, "bdev_name"), tr);
        }
    }
}

/* bdev_get_bdevs: malloc disks and NVMe namespaces */
static void
roles_from_bdevs (Explain *ex)
{
  JsonArray *a = iop_rt_dump_array (ex->of[IOP_DUMP_BDEV_GET_BDEVS]);

  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *bo = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *product = iop_json_get_str (bo, "product_name");
      JsonArray *nv = iop_json_get_array (iop_json_get_object (bo, "driver_specific"), "nvme");

      if (g_strcmp0 (product, "Malloc disk") == 0)
        add_role (ex, IOP_ROLE_LOCAL_MALLOC, _("bdev %s is a Malloc disk (bdev_get_bdevs)"), iop_json_get_str (bo, "name"));
      for (guint j = 0; nv && j < json_array_get_length (nv); j++)
        {
          JsonNode *nn = json_array_get_element (nv, j);
          JsonObject *trid = JSON_NODE_HOLDS_OBJECT (nn) ? iop_json_get_object (json_node_get_object (nn), "trid") : NULL;
          const char *tr = iop_json_get_str (trid, "trtype");
          const char *role = role_for_trtype (tr, FALSE);

          if (role)
            add_role (ex, role, _("bdev %s is an NVMe namespace over %s (bdev_get_bdevs)"), iop_json_get_str (bo, "name"), tr);
        }
    }
}

/* save_config: transports created, controllers attached, malloc bdevs */
static void
roles_from_save_config (Explain *ex)
{
  JsonArray *a = iop_json_get_array (iop_rt_dump_object (ex->of[IOP_DUMP_SAVE_CONFIG]), "subsystems");

  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *sn = json_array_get_element (a, i);
      JsonArray *cfg = JSON_NODE_HOLDS_OBJECT (sn) ? iop_json_get_array (json_node_get_object (sn), "config") : NULL;

      for (guint j = 0; cfg && j < json_array_get_length (cfg); j++)
        {
          JsonNode *en = json_array_get_element (cfg, j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *method = iop_json_get_str (eo, "method");
          JsonObject *params = iop_json_get_object (eo, "params");
          const char *tr = iop_json_get_str (params, "trtype");

          if (g_strcmp0 (method, "nvmf_create_transport") == 0 && role_for_trtype (tr, TRUE))
            add_role (ex, role_for_trtype (tr, TRUE), _("nvmf_create_transport %s (save_config)"), tr);
          else if (g_strcmp0 (method, "bdev_nvme_attach_controller") == 0 && role_for_trtype (tr, FALSE))
            add_role (ex, role_for_trtype (tr, FALSE), _("bdev_nvme_attach_controller %s over %s (save_config)"),
                      iop_json_get_str (params, "name") ? iop_json_get_str (params, "name") : "?", tr);
          else if (g_strcmp0 (method, "bdev_malloc_create") == 0)
            add_role (ex, IOP_ROLE_LOCAL_MALLOC, _("bdev_malloc_create %s (save_config)"),
                      iop_json_get_str (params, "name") ? iop_json_get_str (params, "name") : "?");
        }
    }
}

void
iop_rt_find_roles (Explain *ex)
{
  roles_from_pollers (ex);
  roles_from_iobuf_modules (ex);
  roles_from_transports (ex);
  roles_from_controllers (ex);
  roles_from_bdevs (ex);
  roles_from_save_config (ex);
}

gboolean
iop_rt_has_role (Explain    *ex,
                 const char *role)
{
  return g_hash_table_contains (ex->host->role_evidence, role);
}

void
iop_rt_explain_roles (Explain *ex)
{
  IopRuntimeHost *h = ex->host;
  g_autoptr(GString) ev = g_string_new (NULL);
  g_autofree char *list = NULL;

  if (h->roles->len == 0)
    return;
  {
    GString *names = g_string_new (NULL);

    for (guint i = 0; i < h->roles->len; i++)
      g_string_append_printf (names, "%s%s", i ? " + " : "", (char *)g_ptr_array_index (h->roles, i));
    list = g_string_free (names, FALSE);
  }
  for (guint i = 0; i < h->roles->len; i++)
    {
      const char *r = g_ptr_array_index (h->roles, i);
      g_string_append_printf (ev, "%s%s: %s", ev->len ? ". " : "", r, (char *)g_hash_table_lookup (h->role_evidence, r));
    }
  {
    g_autofree char *title = g_strdup_printf (_("Roles: %s"), list);
    iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "roles", NULL, title, ev->str);
  }

  /* Say plainly where this differs from raid_270 */
  if ((iop_rt_has_role (ex, IOP_ROLE_TCP_TARGET) || iop_rt_has_role (ex, IOP_ROLE_RDMA_TARGET)) && iop_rt_has_role (ex, IOP_ROLE_NVMF_INITIATOR) &&
      !iop_rt_has_role (ex, IOP_ROLE_VFIOUSER_TARGET))
    iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "bridge-without-vfiouser", NULL,
                        _("A bridge like raid_270's baremetal, but its front end is NVMe-oF, not VFIO-user"),
                        iop_rt_has_role (ex, IOP_ROLE_TCP_TARGET)
                        ? _("Guests reach this host over NVMe-oF TCP (poller nvmf_TCP, iobuf module nvmf_TCP) and it reaches its replicas as an NVMe-oF initiator. In raid_270 the guest enters through VFIO-user, whose transport works on guest memory and takes no transport iobuf buffers; here the TCP transport takes a buffer from its poll group's cache for each data transfer.")
                        : _("Guests reach this host over NVMe-oF RDMA and it reaches its replicas as an NVMe-oF initiator. In raid_270 the guest enters through VFIO-user, whose transport takes no transport iobuf buffers."));
  if (iop_rt_has_role (ex, IOP_ROLE_TCP_TARGET) && !iop_rt_has_role (ex, IOP_ROLE_NVMF_INITIATOR) && !iop_rt_has_role (ex, IOP_ROLE_RDMA_TARGET))
    iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "tcp-not-rdma", NULL,
                        _("The NVMe-oF target runs over TCP, not RDMA as in raid_270"),
                        _("Its transport's iobuf module is nvmf_TCP; RDMA's work requests, shared receive queue and data_wr_pool do not exist here, but the buffer rules (num_shared_buffers, buf_cache_size, io_unit_size at v26.01) are the same."));
  if (iop_rt_has_role (ex, IOP_ROLE_LOCAL_MALLOC) && !iop_rt_has_role (ex, IOP_ROLE_LOCAL_NVME))
    {
      g_autoptr(GString) lv = g_string_new (g_hash_table_lookup (h->role_evidence, IOP_ROLE_LOCAL_MALLOC));
      JsonArray *a = iop_rt_dump_array (ex->of[IOP_DUMP_BDEV_LVOL_GET_LVSTORES]);

      for (guint i = 0; a && i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *lo = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          gint64 cs = 0, total = 0, free_c = 0;

          iop_json_get_count (lo, "cluster_size", &cs);
          iop_json_get_count (lo, "total_data_clusters", &total);
          iop_json_get_count (lo, "free_clusters", &free_c);
          g_string_append_printf (lv, _("; lvstore %s on %s: %" PRId64 " of %" PRId64 " clusters of %" PRId64 " KiB in use"),
                                  iop_json_get_str (lo, "name") ? iop_json_get_str (lo, "name") : "?",
                                  iop_json_get_str (lo, "base_bdev") ? iop_json_get_str (lo, "base_bdev") : "?",
                                  total - free_c, total, cs / 1024);
        }
      iop_rt_add_finding (ex, IOP_SEVERITY_INFO, "local-malloc", NULL,
                          _("The data ends in a RAM bdev (malloc), not on NVMe: local_malloc, not local_nvme"),
                          lv->str);
    }
}
