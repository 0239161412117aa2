/* iop-scenario.c: loading and editing scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-check.h"
#include "iop-json-util.h"
#include "iop-scenario.h"

#define MAX_SCENARIO_BYTES (4 * 1024 * 1024)
#define RESOURCE_BASE "/io/github/iopath/Iopath/scenarios/"

static const IopModelParam model_params[] = {
#define P(field, fb, unit, desc) { #field, G_STRUCT_OFFSET (IopModel, field), fb, unit, desc }
  P (guest_doorbell_ns, 200, "ns", N_("The guest driver writes the submission queue tail doorbell into memory shared with the VFIO-user target.")),
  P (poll_loop_ns, 1000, "ns", N_("One reactor pass over a thread's pollers; a new event waits half of it on average before a poller sees it.")),
  P (cpu_step_ns, 120, "ns", N_("CPU time of one software step of the data path (a function layer).")),
  P (cpu_bdev_io_ns, 30, "ns", N_("Taking an object from a per-thread cache (a list pop).")),
  P (cpu_mempool_ns, 150, "ns", N_("Going to a global mempool or central ring (an atomic ring operation).")),
  P (doorbell_batch_ns, 400, "ns", N_("With delay_cmd_submit, a new command waits until bdev_nvme_poll next runs on the thread (the RDMA SEND is posted, the PCIe doorbell rung), so one post or doorbell covers a batch.")),
  P (rdma_one_way_ns, 2500, "ns", N_("One-way network latency between the hosts: NIC to NIC through the switch for RDMA, through the kernel TCP stacks for NVMe/TCP.")),
  P (link_gbit, 100, "Gbit/s", N_("Link speed for the payload's serialisation time.")),
  P (pcie_ns, 800, "ns", N_("Doorbell write plus the SSD fetching the command over PCIe.")),
  P (media_read_ns, 70000, "ns", N_("SSD read latency.")),
  P (media_write_ns, 15000, "ns", N_("SSD write latency (write cache).")),
  P (ssd_gbit, 48, "Gbit/s", N_("The SSD's data rate: transfers on one device follow one another at this speed.")),
  P (memcpy_gbit, 80, "Gbit/s", N_("A CPU memory copy (the malloc bdev's data path).")),
  P (guest_interrupt_ns, 2500, "ns", N_("Writing the completion entry into guest memory and the interrupt that wakes the guest.")),
  P (rdma_ack_timeout_exp, 14, "", N_("RDMA ACK timeout exponent the fabric uses when transport_ack_timeout is 0 (SPDK then leaves it to the RDMA stack): one retransmission waits 4.096 µs × 2^value.")),
  P (reconnect_ns, 5000000, "ns", N_("A reconnect that reaches the target: connect the admin queue, re-read the controller, create a qpair per thread.")),
  P (connect_fail_ns, 1000000000, "ns", N_("A connect to a path that does not answer fails after this long (the RDMA connection manager's timeout) unless rdma_cm_event_timeout_ms sets it.")),
  P (bdev_io_bytes, 1280, "B", N_("Bytes of one bdev_io: the structure plus the largest module context; it depends on the modules compiled in.")),
  P (nvme_request_bytes, 320, "B", N_("Bytes of one nvme_request of the NVMe driver.")),
  P (rdma_request_bytes, 256, "B", N_("Bytes of one host-side RDMA request with its send work request and SGEs.")),
  P (transport_request_bytes, 1024, "B", N_("Bytes of one target-side transport request with its work requests.")),
#undef P
};

const IopModelParam *
iop_model_params (guint *n_params)
{
  *n_params = G_N_ELEMENTS (model_params);
  return model_params;
}

const char *
iop_op_name (IopOp op)
{
  return op == IOP_OP_READ ? "read" : "write";
}

gboolean
iop_op_parse (const char *name,
              IopOp      *out,
              GError    **error)
{
  if (g_strcmp0 (name, "read") == 0)
    *out = IOP_OP_READ;
  else if (g_strcmp0 (name, "write") == 0)
    *out = IOP_OP_WRITE;
  else
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("Unknown operation “%s”: use read or write"), name ? name : "");
      return FALSE;
    }
  return TRUE;
}

static void
host_config_init (IopHostConfig *hc)
{
  guint n = iop_knob_def_count ();

  hc->values = g_new0 (gint64, n);
  hc->set = g_new0 (gboolean, n);
  hc->numa_nodes = 1;
  hc->instances = 1;
}

static void
host_config_clear (IopHostConfig *hc)
{
  g_clear_pointer (&hc->label, g_free);
  g_clear_pointer (&hc->target_trtype, g_free);
  g_clear_pointer (&hc->fabric_trtype, g_free);
  g_clear_pointer (&hc->backend, g_free);
  g_clear_pointer (&hc->values, g_free);
  g_clear_pointer (&hc->set, g_free);
}

static IopScenario *
scenario_alloc (void)
{
  IopScenario *self = g_new0 (IopScenario, 1);
  guint n;
  const IopModelParam *mp = iop_model_params (&n);

  g_ref_count_init (&self->ref_count);
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    host_config_init (&self->hosts[h]);
  for (guint i = 0; i < n; i++)
    G_STRUCT_MEMBER (gint64, &self->model, mp[i].offset) = mp[i].fallback;
  self->version = IOP_SPDK_VERSION_DEFAULT;
  self->raid_legs = 2;
  self->paths_per_leg = 1;
  self->guest_queue_pairs = 1;
  self->guest_queue_depth = 32;
  self->lvol_thin = TRUE;
  self->lvol_cluster_size = 1024 * 1024;
  self->block_size = 512;
  self->op = IOP_OP_WRITE;
  self->io_size = 4096;
  self->wl_random = TRUE;
  self->wl_ios = 100000;
  self->io_at_ns = -1;
  self->faults = g_array_new (FALSE, TRUE, sizeof (IopFault));
  return self;
}

IopScenario *
iop_scenario_ref (IopScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_scenario_unref (IopScenario *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    host_config_clear (&self->hosts[h]);
  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->source);
  g_array_unref (self->faults);
  g_free (self);
}

IopScenario *
iop_scenario_copy (const IopScenario *self)
{
  IopScenario *copy = scenario_alloc ();
  guint n = iop_knob_def_count ();

  copy->id = g_strdup (self->id);
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->source = g_strdup (self->source);
  copy->version = self->version;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      const IopHostConfig *src = &self->hosts[h];
      IopHostConfig *dst = &copy->hosts[h];

      dst->present = src->present;
      dst->label = g_strdup (src->label);
      dst->target_trtype = g_strdup (src->target_trtype);
      dst->fabric_trtype = g_strdup (src->fabric_trtype);
      dst->backend = g_strdup (src->backend);
      dst->numa_nodes = src->numa_nodes;
      dst->instances = src->instances;
      memcpy (dst->values, src->values, n * sizeof (gint64));
      memcpy (dst->set, src->set, n * sizeof (gboolean));
    }
  copy->raid_legs = self->raid_legs;
  copy->paths_per_leg = self->paths_per_leg;
  copy->guest_queue_pairs = self->guest_queue_pairs;
  copy->guest_queue_depth = self->guest_queue_depth;
  copy->lvol_thin = self->lvol_thin;
  copy->lvol_cluster_size = self->lvol_cluster_size;
  copy->block_size = self->block_size;
  copy->op = self->op;
  copy->io_size = self->io_size;
  copy->first_write_to_cluster = self->first_write_to_cluster;
  copy->background_inflight = self->background_inflight;
  copy->io_at_ns = self->io_at_ns;
  g_array_append_vals (copy->faults, self->faults->data, self->faults->len);
  copy->wl_read_percent = self->wl_read_percent;
  copy->wl_random = self->wl_random;
  copy->wl_ios = self->wl_ios;
  copy->wl_fresh_lvol = self->wl_fresh_lvol;
  copy->model = self->model;
  return copy;
}

/* --- Knob access ------------------------------------------------------- */

const IopKnobDef *
iop_scenario_find_knob (const IopScenario *self,
                        IopHostId          host,
                        const char        *id,
                        GError           **error)
{
  const IopHostConfig *hc = &self->hosts[host];
  const IopKnobDef *def = iop_knob_def_find (id, host, hc->target_trtype, self->version);

  if (def == NULL)
    def = iop_knob_def_find (id, host, hc->fabric_trtype, self->version);
  if (def != NULL)
    return def;

  /* Say why: unknown, other version, other host or other transport */
  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);

      if (strcmp (d->id, id) != 0)
        continue;
      if (!(d->versions & IOP_SPDK_BIT (self->version)))
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_UNKNOWN_KNOB,
                       _("%s does not exist in SPDK %s"), id, iop_spdk_version_tag (self->version));
          return NULL;
        }
      if (!(d->hosts & IOP_HOST_BIT (host)))
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_UNKNOWN_KNOB,
                       _("%s does not apply to the %s host"), id, iop_host_name (host));
          return NULL;
        }
    }
  for (guint i = 0; i < iop_knob_def_count (); i++)
    if (strcmp (iop_knob_def_nth (i)->id, id) == 0)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_UNKNOWN_KNOB,
                     _("%s does not apply to the %s host's %s transport"), id,
                     iop_host_name (host), hc->target_trtype ? hc->target_trtype : "?");
        return NULL;
      }

  g_set_error (error, IOP_ERROR, IOP_ERROR_UNKNOWN_KNOB,
               _("Unknown knob “%s”: knobs are named METHOD.PARAM, such as bdev_set_options.bdev_io_pool_size (see “iopath-cli knobs”)"),
               id);
  return NULL;
}

gint64
iop_scenario_knob_value (const IopScenario *self,
                         IopHostId          host,
                         const IopKnobDef  *def)
{
  guint i = iop_knob_def_index (def);

  if (self->hosts[host].set[i])
    return self->hosts[host].values[i];
  return iop_knob_def_default (def, self->version);
}

gboolean
iop_scenario_knob_is_set (const IopScenario *self,
                          IopHostId          host,
                          const IopKnobDef  *def)
{
  return self->hosts[host].set[iop_knob_def_index (def)];
}

gint64
iop_scenario_get_knob (const IopScenario *self,
                       IopHostId          host,
                       const char        *id)
{
  const IopKnobDef *def = iop_scenario_find_knob (self, host, id, NULL);

  g_return_val_if_fail (def != NULL, 0);
  return iop_scenario_knob_value (self, host, def);
}

gboolean
iop_scenario_set_knob (IopScenario *self,
                       IopHostId    host,
                       const char  *id,
                       gint64       value,
                       GError     **error)
{
  const IopKnobDef *def = iop_scenario_find_knob (self, host, id, error);
  guint i;

  if (def == NULL || !iop_knob_check (def, value, error))
    return FALSE;
  i = iop_knob_def_index (def);
  self->hosts[host].values[i] = value;
  self->hosts[host].set[i] = TRUE;
  return TRUE;
}

gboolean
iop_scenario_set_knob_text (IopScenario *self,
                            IopHostId    host,
                            const char  *id,
                            const char  *text,
                            GError     **error)
{
  const IopKnobDef *def = iop_scenario_find_knob (self, host, id, error);
  gint64 v;

  if (def == NULL || !iop_knob_parse (def, text, &v, error))
    return FALSE;
  return iop_scenario_set_knob (self, host, id, v, error);
}

void
iop_scenario_reset_knob (IopScenario *self,
                         IopHostId    host,
                         const char  *id)
{
  const IopKnobDef *def = iop_scenario_find_knob (self, host, id, NULL);

  if (def != NULL)
    self->hosts[host].set[iop_knob_def_index (def)] = FALSE;
}

void
iop_scenario_reset_all_knobs (IopScenario *self,
                              IopHostId    host)
{
  memset (self->hosts[host].set, 0, iop_knob_def_count () * sizeof (gboolean));
}

gboolean
iop_scenario_apply_assignment (IopScenario *self,
                               IopHostId    host,
                               const char  *assignment,
                               GError     **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *id = NULL;

  if (eq == NULL || eq == assignment || eq[1] == '\0')
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("“%s” is not an assignment: write METHOD.PARAM=VALUE, such as bdev_set_options.bdev_io_cache_size=64"),
                   assignment);
      return FALSE;
    }
  id = g_strstrip (g_strndup (assignment, eq - assignment));
  return iop_scenario_set_knob_text (self, host, id, eq + 1, error);
}

GPtrArray *
iop_scenario_host_knobs (const IopScenario *self,
                         IopHostId          host)
{
  GPtrArray *out = g_ptr_array_new ();
  const IopHostConfig *hc = &self->hosts[host];

  for (guint i = 0; i < iop_knob_def_count (); i++)
    {
      const IopKnobDef *d = iop_knob_def_nth (i);

      if (!(d->hosts & IOP_HOST_BIT (host)) || !(d->versions & IOP_SPDK_BIT (self->version)))
        continue;
      if (d->trtype != NULL && g_strcmp0 (d->trtype, hc->target_trtype) != 0)
        continue;
      g_ptr_array_add (out, (gpointer)d);
    }
  return out;
}

IopScenario *
iop_scenario_copy_with_knobs (const IopScenario *self,
                              const IopScenario *knobs)
{
  IopScenario *copy;
  guint n = iop_knob_def_count ();

  g_return_val_if_fail (self != NULL && knobs != NULL, NULL);

  copy = iop_scenario_copy (self);
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      memcpy (copy->hosts[h].values, knobs->hosts[h].values, n * sizeof (gint64));
      memcpy (copy->hosts[h].set, knobs->hosts[h].set, n * sizeof (gboolean));
    }
  return copy;
}

char *
iop_scenario_describe_knob_changes (const IopScenario *from,
                                    const IopScenario *to)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) defs = NULL;

      if (!to->hosts[h].present)
        continue;
      defs = iop_scenario_host_knobs (to, h);
      for (guint i = 0; i < defs->len; i++)
        {
          const IopKnobDef *def = g_ptr_array_index (defs, i);
          gint64 value = iop_scenario_knob_value (to, h, def);
          g_autofree char *text = NULL;

          if (value == iop_scenario_knob_value (from, h, def))
            continue;
          text = iop_knob_format (def, value);
          /* "bdev_set_options.bdev_io_cache_size = 2 (baremetal)" */
          g_string_append_printf (out, "%s%s = %s (%s)", out->len > 0 ? ", " : "",
                                  def->id, text, iop_host_name (h));
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

void
iop_scenario_set_version (IopScenario   *self,
                          IopSpdkVersion version)
{
  self->version = version;
}

gboolean
iop_scenario_add_fault (IopScenario    *self,
                        const IopFault *fault,
                        GError        **error)
{
  if (self->faults->len >= 16)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("At most 16 faults"));
      return FALSE;
    }
  if (!iop_fault_check (fault, self->raid_legs, self->paths_per_leg, error))
    return FALSE;
  g_array_append_val (self->faults, *fault);
  return TRUE;
}

gint64
iop_scenario_trace_start (const IopScenario *self)
{
  gint64 first = -1;

  if (self->io_at_ns >= 0)
    return self->io_at_ns;
  for (guint i = 0; i < self->faults->len; i++)
    {
      const IopFault *f = &g_array_index (self->faults, IopFault, i);
      if (first < 0 || f->at_ns < first)
        first = f->at_ns;
    }
  return MAX (first, 0);
}

gboolean
iop_scenario_validate (const IopScenario *self,
                       GError           **error)
{
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      const char *hn = iop_host_name (h);
      gint64 small = iop_scenario_get_knob (self, h, "iobuf_set_options.small_bufsize");
      gint64 large = iop_scenario_get_knob (self, h, "iobuf_set_options.large_bufsize");
      gint64 ctl = iop_scenario_get_knob (self, h, "bdev_nvme_set_options.ctrlr_loss_timeout_sec");
      gint64 rd = iop_scenario_get_knob (self, h, "bdev_nvme_set_options.reconnect_delay_sec");
      gint64 ff = iop_scenario_get_knob (self, h, "bdev_nvme_set_options.fast_io_fail_timeout_sec");
      gint64 max_io = iop_scenario_get_knob (self, h, "nvmf_create_transport.max_io_size");
      gint64 mask = iop_scenario_get_knob (self, h, "spdk_tgt.cpumask");
      gint64 pgmask = iop_scenario_get_knob (self, h, "nvmf_set_config.poll_groups_mask");

      if (small >= large)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       _("%s: iobuf_set_options.small_bufsize (%" PRId64 ") must be smaller than large_bufsize (%" PRId64 ")"),
                       hn, small, large);
          return FALSE;
        }
      /* bdev_nvme_check_io_error_resiliency_params (module/bdev/nvme/bdev_nvme.c),
       * in SPDK's order and words, the same at v26.01 and v26.05 */
      {
        const char *msg = NULL;

        if (ctl < -1)
          msg = "ctrlr_loss_timeout_sec can't be less than -1.";
        else if (ctl == -1)
          {
            if (rd == 0)
              msg = "reconnect_delay_sec can't be 0 if ctrlr_loss_timeout_sec is not 0.";
            else if (ff != 0 && ff < rd)
              msg = "reconnect_delay_sec can't be more than fast_io-fail_timeout_sec.";
          }
        else if (ctl != 0)
          {
            if (rd == 0)
              msg = "reconnect_delay_sec can't be 0 if ctrlr_loss_timeout_sec is not 0.";
            else if (rd > ctl)
              msg = "reconnect_delay_sec can't be more than ctrlr_loss_timeout_sec.";
            else if (ff != 0 && ff < rd)
              msg = "reconnect_delay_sec can't be more than fast_io_fail_timeout_sec.";
            else if (ff != 0 && ff > ctl)
              msg = "fast_io_fail_timeout_sec can't be more than ctrlr_loss_timeout_sec.";
          }
        else if (rd != 0 || ff != 0)
          msg = "Both reconnect_delay_sec and fast_io_fail_timeout_sec must be 0 if ctrlr_loss_timeout_sec is 0.";
        if (msg != NULL)
          {
            g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, "%s: %s", hn, msg);
            return FALSE;
          }
      }
      /* nvmf_decode_poll_groups_mask (module/event/subsystems/nvmf/nvmf_rpc.c):
       * every core of the mask must be a reactor core */
      if (pgmask != 0 && (pgmask & ~mask) != 0)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       _("%s: nvmf_set_config refused (SPDK logs: Poll groups cpumask 0x%" PRIx64 " is out of range): the reactor mask spdk_tgt.cpumask is 0x%" PRIX64),
                       hn, (guint64)pgmask, (guint64)mask);
          return FALSE;
        }
      if (h == IOP_HOST_BAREMETAL && self->io_size > max_io)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       _("The I/O size %" PRId64 " bytes is above the guest-facing transport's max_io_size (%" PRId64 "): the guest driver would split it"),
                       self->io_size, max_io);
          return FALSE;
        }
    }

  if (self->faults->len > 0 && g_strcmp0 (self->hosts[IOP_HOST_STORAGE].target_trtype, "RDMA") != 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("Faults are modelled on NVMe-oF RDMA paths (RDMA retransmissions, connection manager); this scenario reaches its replicas over %s"),
                   self->hosts[IOP_HOST_STORAGE].target_trtype);
      return FALSE;
    }
  if (self->io_size <= 0 || self->io_size % self->block_size != 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("The I/O size %" PRId64 " must be a positive multiple of the block size (%u bytes)"),
                   self->io_size, self->block_size);
      return FALSE;
    }
  return TRUE;
}

/* --- JSON loading ------------------------------------------------------ */

static const char *known_transports[] = { "VFIOUSER", "RDMA", "TCP", NULL };

static gboolean
check_trtype (const char  *source,
              const char  *value,
              const char  *place,
              GError     **error)
{
  if (value == NULL || g_strv_contains (known_transports, value))
    return TRUE;
  return iop_json_check_fail (source, error, place, _("unknown transport “%s”: use VFIOUSER, RDMA or TCP"), value);
}

static gboolean
load_host (const char  *source,
           IopScenario *self,
           IopHostId    host,
           JsonObject  *obj,
           GError     **error)
{
  IopHostConfig *hc = &self->hosts[host];
  g_autofree char *where = g_strdup_printf ("hosts.%s", iop_host_name (host));
  g_autofree char *tt_place = g_strdup_printf ("%s.target_transport", where);
  g_autofree char *ft_place = g_strdup_printf ("%s.fabric_transport", where);
  JsonObject *knobs;
  GList *members;

  hc->present = TRUE;
  if (!iop_json_check_string (source, obj, "label", where, &hc->label, error) ||
      !iop_json_check_string (source, obj, "target_transport", where, &hc->target_trtype, error) ||
      !iop_json_check_string (source, obj, "fabric_transport", where, &hc->fabric_trtype, error) ||
      !iop_json_check_string (source, obj, "backend", where, &hc->backend, error) ||
      !iop_json_check_uint (source, obj, "numa_nodes", where, 1, 8, &hc->numa_nodes, error) ||
      !iop_json_check_uint (source, obj, "instances", where, 1, 16, &hc->instances, error))
    return FALSE;
  if (!check_trtype (source, hc->target_trtype, tt_place, error) ||
      !check_trtype (source, hc->fabric_trtype, ft_place, error))
    return FALSE;
  if (hc->backend != NULL && g_strcmp0 (hc->backend, "nvme") != 0 && g_strcmp0 (hc->backend, "malloc") != 0)
    return iop_json_check_fail (source, error, where, _("backend “%s” is not modelled: use nvme or malloc"), hc->backend);

  knobs = iop_json_check_object (source, obj, "knobs", where, FALSE, error);
  if (knobs == NULL)
    return error == NULL || *error == NULL;

  members = json_object_get_members (knobs);
  for (GList *l = members; l; l = l->next)
    {
      const char *id = l->data;
      JsonNode *n = json_object_get_member (knobs, id);
      g_autofree char *place = g_strdup_printf ("%s.knobs[\"%s\"]", where, id);
      g_autoptr(GError) local = NULL;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_VALUE (n))
        {
          g_list_free (members);
          return iop_json_check_fail (source, error, place, _("expected a number, true/false or a string"));
        }
      switch (json_node_get_value_type (n))
        {
        case G_TYPE_INT64: text = g_strdup_printf ("%" PRId64, json_node_get_int (n)); break;
        case G_TYPE_BOOLEAN: text = g_strdup (json_node_get_boolean (n) ? "true" : "false"); break;
        case G_TYPE_STRING: text = g_strdup (json_node_get_string (n)); break;
        default:
          g_list_free (members);
          return iop_json_check_fail (source, error, place, _("expected a whole number, true/false or a string"));
        }
      if (!iop_scenario_set_knob_text (self, host, id, text, &local))
        {
          g_list_free (members);
          return iop_json_check_fail (source, error, place, "%s", local->message);
        }
    }
  g_list_free (members);
  return TRUE;
}

/* format, id, title, description, spdk_version */
static gboolean
parse_header (const char  *source,
              IopScenario *self,
              JsonObject  *obj,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *version = NULL;
  gint64 format = 0;

  if (!iop_json_check_int (source, obj, "format", "(top level)", 1, 1, &format, error))
    return FALSE;
  if (format != 1)
    return iop_json_check_fail (source, error, "format", _("missing or unknown; this version of Iopath reads format 1"));
  if (!iop_json_check_string (source, obj, "id", "(top level)", &self->id, error) ||
      !iop_json_check_string (source, obj, "title", "(top level)", &self->title, error) ||
      !iop_json_check_string (source, obj, "description", "(top level)", &self->description, error) ||
      !iop_json_check_string (source, obj, "spdk_version", "(top level)", &version, error))
    return FALSE;
  if (self->id == NULL)
    return iop_json_check_fail (source, error, "id", _("missing; it is required"));
  if (version != NULL && !iop_spdk_version_parse (version, &self->version, &local))
    return iop_json_check_fail (source, error, "spdk_version", "%s", local->message);
  return TRUE;
}

static gboolean
parse_topology (const char  *source,
                IopScenario *self,
                JsonObject  *obj,
                GError     **error)
{
  JsonObject *topo = iop_json_check_object (source, obj, "topology", "(top level)", FALSE, error);
  JsonObject *lvol;
  g_autofree char *level = NULL;

  if (topo == NULL)
    return error == NULL || *error == NULL;
  if (!iop_json_check_string (source, topo, "raid_level", "topology", &level, error) ||
      !iop_json_check_uint (source, topo, "raid_legs", "topology", 2, 8, &self->raid_legs, error) ||
      !iop_json_check_uint (source, topo, "paths_per_leg", "topology", 1, 8, &self->paths_per_leg, error) ||
      !iop_json_check_uint (source, topo, "guest_queue_pairs", "topology", 1, 1024, &self->guest_queue_pairs, error) ||
      !iop_json_check_uint (source, topo, "guest_queue_depth", "topology", 1, 65536, &self->guest_queue_depth, error) ||
      !iop_json_check_uint (source, topo, "block_size", "topology", 512, 65536, &self->block_size, error))
    return FALSE;
  /* the engine runs any number of legs, but the canvas, the palette and
   * the texts show two: refuse what the app cannot draw */
  if (self->raid_legs != 2)
    return iop_json_check_fail (source, error, "topology.raid_legs",
                                _("%u legs: Iopath draws and explains RAID1 with two replicas, as raid_270 has; use 2"),
                                self->raid_legs);
  if (level != NULL && g_strcmp0 (level, "raid1") != 0)
    return iop_json_check_fail (source, error, "topology.raid_level", _("“%s” is not modelled yet; Iopath models raid1"), level);
  if (self->block_size & (self->block_size - 1))
    return iop_json_check_fail (source, error, "topology.block_size", _("must be a power of two"));
  lvol = iop_json_check_object (source, topo, "lvol", "topology", FALSE, error);
  if (lvol == NULL)
    return error == NULL || *error == NULL;
  return iop_json_check_bool (source, lvol, "thin", "topology.lvol", &self->lvol_thin, error) &&
         iop_json_check_int (source, lvol, "cluster_size", "topology.lvol", 4096, G_GINT64_CONSTANT (1) << 32,
                             &self->lvol_cluster_size, error);
}

/* Both hosts, then the defaults and what the two must agree on */
static gboolean
parse_hosts (const char  *source,
             IopScenario *self,
             JsonObject  *obj,
             GError     **error)
{
  static const char *const host_names[] = { "baremetal", "storage", NULL };
  JsonObject *hosts = iop_json_check_object (source, obj, "hosts", "(top level)", TRUE, error);
  IopHostConfig *bm = &self->hosts[IOP_HOST_BAREMETAL];
  IopHostConfig *st = &self->hosts[IOP_HOST_STORAGE];
  const char *unknown;

  if (hosts == NULL)
    return FALSE;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      JsonObject *ho = iop_json_check_object (source, hosts, iop_host_name (h), "hosts", TRUE, error);

      if (ho == NULL || !load_host (source, self, h, ho, error))
        return FALSE;
    }
  unknown = iop_json_first_unknown_member (hosts, host_names);
  if (unknown != NULL)
    {
      g_autofree char *place = g_strdup_printf ("hosts.%s", unknown);
      return iop_json_check_fail (source, error, place, _("unknown host: a scenario has a baremetal and a storage host"));
    }
  if (bm->target_trtype == NULL)
    bm->target_trtype = g_strdup ("VFIOUSER");
  if (bm->fabric_trtype == NULL)
    bm->fabric_trtype = g_strdup ("RDMA");
  if (st->target_trtype == NULL)
    st->target_trtype = g_strdup (bm->fabric_trtype);
  if (st->backend == NULL)
    st->backend = g_strdup ("nvme");
  if (g_strcmp0 (st->target_trtype, bm->fabric_trtype) != 0)
    return iop_json_check_fail (source, error, "hosts.storage.target_transport",
                                _("must be the transport the baremetal host connects with (%s)"),
                                bm->fabric_trtype);
  if (st->instances != 1 && st->instances != self->raid_legs)
    return iop_json_check_fail (source, error, "hosts.storage.instances",
                                _("either 1 (every replica on one node) or one node per RAID leg (%u)"), self->raid_legs);
  return TRUE;
}

static gboolean
parse_io (const char  *source,
          IopScenario *self,
          JsonObject  *obj,
          GError     **error)
{
  JsonObject *io = iop_json_check_object (source, obj, "io", "(top level)", FALSE, error);
  g_autoptr(GError) local = NULL;
  g_autofree char *op = NULL;
  guint bg = 0;

  if (io == NULL)
    return error == NULL || *error == NULL;
  if (!iop_json_check_string (source, io, "op", "io", &op, error) ||
      !iop_json_check_int (source, io, "size", "io", 512, 16 * 1024 * 1024, &self->io_size, error) ||
      !iop_json_check_bool (source, io, "first_write_to_cluster", "io", &self->first_write_to_cluster, error) ||
      !iop_json_check_uint (source, io, "background_inflight", "io", 0, 65536, &bg, error))
    return FALSE;
  self->background_inflight = bg;
  if (op != NULL && !iop_op_parse (op, &self->op, &local))
    return iop_json_check_fail (source, error, "io.op", "%s", local->message);
  if (json_object_has_member (io, "at"))
    {
      JsonNode *n = json_object_get_member (io, "at");

      if (!iop_json_node_holds (n, G_TYPE_STRING) ||
          !iop_duration_parse (json_node_get_string (n), &self->io_at_ns, &local))
        return iop_json_check_fail (source, error, "io.at", "%s",
                                    local ? local->message : _("must be a time as a string, such as \"5ms\""));
      if (self->io_at_ns > IOP_FAULT_MAX_AT_NS)
        return iop_json_check_fail (source, error, "io.at", _("must be within the first 600 s"));
    }
  return TRUE;
}

static gboolean
parse_faults (const char  *source,
              IopScenario *self,
              JsonObject  *obj,
              GError     **error)
{
  JsonNode *fn = json_object_get_member (obj, "faults");
  JsonArray *fa;

  if (fn == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (fn))
    return iop_json_check_fail (source, error, "faults", _("must be an array of faults"));
  fa = json_node_get_array (fn);
  if (json_array_get_length (fa) > 16)
    return iop_json_check_fail (source, error, "faults", _("at most 16 faults"));
  for (guint i = 0; i < json_array_get_length (fa); i++)
    {
      g_autofree char *where = g_strdup_printf ("faults[%u]", i);
      JsonNode *el = json_array_get_element (fa, i);
      g_autoptr(GError) local = NULL;
      IopFault f;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return iop_json_check_fail (source, error, where, _("must be an object"));
      if (!iop_fault_from_json (json_node_get_object (el), where, &f, &local) ||
          !iop_fault_check (&f, self->raid_legs, self->paths_per_leg, &local))
        return iop_json_check_fail (source, error, where, "%s", local->message);
      g_array_append_val (self->faults, f);
    }
  return TRUE;
}

static gboolean
parse_workload (const char  *source,
                IopScenario *self,
                JsonObject  *obj,
                GError     **error)
{
  JsonObject *wl = iop_json_check_object (source, obj, "workload", "(top level)", FALSE, error);

  if (wl == NULL)
    return error == NULL || *error == NULL;
  return iop_json_check_uint (source, wl, "read_percent", "workload", 0, 100, &self->wl_read_percent, error) &&
         iop_json_check_bool (source, wl, "random", "workload", &self->wl_random, error) &&
         iop_json_check_uint (source, wl, "ios", "workload", 1, 100000000, &self->wl_ios, error) &&
         iop_json_check_bool (source, wl, "fresh_lvol", "workload", &self->wl_fresh_lvol, error);
}

static gboolean
parse_model (const char  *source,
             IopScenario *self,
             JsonObject  *obj,
             GError     **error)
{
  JsonObject *model = iop_json_check_object (source, obj, "model", "(top level)", FALSE, error);
  const IopModelParam *mp;
  GList *members;
  guint n;

  if (model == NULL)
    return error == NULL || *error == NULL;
  mp = iop_model_params (&n);
  members = json_object_get_members (model);
  for (GList *l = members; l; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < n; i++)
        if (strcmp (mp[i].name, l->data) == 0)
          known = TRUE;
      if (!known && !g_str_has_prefix (l->data, "_"))
        {
          g_autofree char *place = g_strdup_printf ("model.%s", (char *)l->data);
          g_list_free (members);
          return iop_json_check_fail (source, error, place, _("unknown model parameter"));
        }
    }
  g_list_free (members);
  for (guint i = 0; i < n; i++)
    if (!iop_json_check_int (source, model, mp[i].name, "model", 0, G_GINT64_CONSTANT (10000000000),
                             &G_STRUCT_MEMBER (gint64, &self->model, mp[i].offset), error))
      return FALSE;
  if (self->model.link_gbit < 1 || self->model.ssd_gbit < 1 || self->model.memcpy_gbit < 1)
    return iop_json_check_fail (source, error,
                                self->model.link_gbit < 1 ? "model.link_gbit" : self->model.ssd_gbit < 1 ? "model.ssd_gbit" : "model.memcpy_gbit",
                                _("must be at least 1"));
  return TRUE;
}

static IopScenario *
scenario_parse (const char *data,
                gssize      len,
                const char *source,
                GError    **error)
{
  g_autoptr(IopScenario) self = scenario_alloc ();
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;

  if (source == NULL)
    source = "<scenario>";
  if (len < 0)
    len = strlen (data);
  if (len > MAX_SCENARIO_BYTES)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: the file is %zd bytes; a scenario is at most %d bytes"),
                   source, len, MAX_SCENARIO_BYTES);
      return NULL;
    }
  root = iop_json_parse_document (data, len, source, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      iop_json_check_fail (source, error, "(top level)", _("a scenario is a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  self->source = g_strdup (source);

  /* Topology before the hosts: knobs are checked against their transports */
  if (!parse_header (source, self, obj, error) ||
      !parse_topology (source, self, obj, error) ||
      !parse_hosts (source, self, obj, error) ||
      !parse_io (source, self, obj, error) ||
      !parse_faults (source, self, obj, error) ||
      !parse_workload (source, self, obj, error) ||
      !parse_model (source, self, obj, error))
    return NULL;

  if (!iop_scenario_validate (self, &local))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, "%s: %s", source, local->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

IopScenario *
iop_scenario_new_from_data (const char *data,
                            gssize      len,
                            const char *source,
                            GError    **error)
{
  GError *local = NULL;
  IopScenario *self = scenario_parse (data, len, source, &local);

  if (self == NULL)
    {
      if (local == NULL)
        local = g_error_new (IOP_ERROR, IOP_ERROR_SCENARIO, _("%s: not a valid scenario"), source ? source : "<scenario>");
      g_propagate_error (error, local);
    }
  return self;
}

IopScenario *
iop_scenario_new_from_file (const char *path,
                            GError    **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, MAX_SCENARIO_BYTES, &data, &len, error))
    return NULL;
  return iop_scenario_new_from_data (data, len, path, error);
}

IopScenario *
iop_scenario_new_builtin (const char *id,
                          GError    **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "%s.json", id);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *source = NULL;

  if (bytes == NULL)
    {
      g_auto(GStrv) ids = iop_scenario_list_builtin ();
      g_autofree char *list = g_strjoinv (", ", ids);
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("No scenario “%s”: the built-in scenarios are %s, or give a path to a .json file"),
                   id, list);
      return NULL;
    }
  source = g_strdup_printf ("%s.json", id);
  return iop_scenario_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), source, error);
}

char **
iop_scenario_list_builtin (void)
{
  return iop_json_resource_ids (RESOURCE_BASE);
}

IopScenario *
iop_scenario_load (const char *id_or_path,
                   GError    **error)
{
  if (strchr (id_or_path, '/') == NULL && !g_str_has_suffix (id_or_path, ".json"))
    return iop_scenario_new_builtin (id_or_path, error);
  return iop_scenario_new_from_file (id_or_path, error);
}
