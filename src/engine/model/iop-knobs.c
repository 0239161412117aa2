/* iop-knobs.c: the knob registry
 *
 * Every default below was read in SPDK's source at the tag of its column; the
 * file and line of each is in docs/spdk-facts.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-knobs.h"

#define V1 IOP_SPDK_BIT (IOP_SPDK_V26_01)
#define V5 IOP_SPDK_BIT (IOP_SPDK_V26_05)
#define ALLV IOP_SPDK_ALL
#define BM IOP_HOST_BIT (IOP_HOST_BAREMETAL)
#define ST IOP_HOST_BIT (IOP_HOST_STORAGE)
#define BOTH IOP_HOSTS_BOTH
#define U32 G_GINT64_CONSTANT (4294967295)
#define AUTO IOP_KNOB_AUTO
#define SAME(x) { (x), (x) }

static const char *const timeout_actions[] = { "none", "reset", "abort", NULL };

#define L_IOBUF N_("central iobuf")
#define L_BDEV N_("bdev layer")
#define L_ACCEL N_("accel framework")
#define L_NVME N_("NVMe initiator")
#define L_TRANSPORT N_("NVMf transport")
#define L_TARGET N_("NVMf target")
#define L_APP N_("application")

/* One transport's knobs; the three transports differ only in defaults and in
 * where they are used. */
#define TRANSPORT_KNOBS(TR, HOSTS, QD, ICD, IOU, IOU5, AQ, NSB, BCS, SCS, LCS) \
  { "nvmf_create_transport.max_queue_depth", "nvmf_create_transport", "max_queue_depth", TR, IOP_KNOB_INT, N_("entries"), 2, 65535, SAME (QD), ALLV, 0, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("Largest I/O queue the target offers: it advertises MQES = max_queue_depth - 1, so a queue holds at most max_queue_depth - 1 commands. TCP and VFIO-user give each queue pair a request per entry; RDMA does so only with no_srq, otherwise requests come from each poll group's shared receive queue (max_srq_depth).") }, \
  { "nvmf_create_transport.max_io_qpairs_per_ctrlr", "nvmf_create_transport", "max_io_qpairs_per_ctrlr", TR, IOP_KNOB_INT, N_("queue pairs"), 1, 65534, SAME (127), ALLV, 0, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("How many I/O queue pairs one host controller may create: the host's parallelism towards this target. SPDK adds the admin queue to a 16-bit count, so 65534 is the most it takes; the VFIO-user transport refuses more than 511.") }, \
  { "nvmf_create_transport.in_capsule_data_size", "nvmf_create_transport", "in_capsule_data_size", TR, IOP_KNOB_INT, N_("bytes"), 0, 1048576, SAME (ICD), ALLV, 0, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("Writes up to this size travel inside the command capsule, so the target needs no data transfer and no transport buffer for them. The RDMA transport raises a value under 256 to 256 (room for 16 SGL descriptors) and TCP lowers one above max_io_size to max_io_size, each with a warning; the 1 MiB ceiling is Iopath's.") }, \
  { "nvmf_create_transport.max_io_size", "nvmf_create_transport", "max_io_size", TR, IOP_KNOB_INT, N_("bytes"), 8192, 16777216, SAME (131072), ALLV, 0, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("Largest single I/O the transport accepts (MDTS); larger I/Os are split by the host. SPDK refuses the transport unless it is 0 or a power of two of at least 8 KiB; at v26.05 RDMA and TCP also refuse more than 16 large iobuf buffers' worth. The 8 KiB floor (Iopath does not model 0) and the 16 MiB ceiling are Iopath's.") }, \
  { "nvmf_create_transport.io_unit_size", "nvmf_create_transport", "io_unit_size", TR, IOP_KNOB_INT, N_("bytes"), 0, 16777216, { IOU, IOU5 }, ALLV, V5, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("At v26.01, the size of each transport buffer: an I/O takes ceil(length / io_unit_size) buffers, small ones when io_unit_size fits a small iobuf buffer; SPDK refuses 0 and more than large_bufsize. Deprecated and ignored at v26.05: the buffer class follows the I/O length. The 512-byte floor and the 16 MiB ceiling are Iopath's.") }, \
  { "nvmf_create_transport.max_aq_depth", "nvmf_create_transport", "max_aq_depth", TR, IOP_KNOB_INT, N_("entries"), 0, 4096, SAME (AQ), ALLV, 0, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("Depth of the admin queue. SPDK raises a value under 32 (the NVMe-oF minimum), 0 included, to 32 and logs an error, before the transport sees it; the 4096 ceiling is the TCP transport's (above it TCP falls back to 128) and Iopath's for the others.") }, \
  { "nvmf_create_transport.num_shared_buffers", "nvmf_create_transport", "num_shared_buffers", TR, IOP_KNOB_INT, N_("buffers"), 0, U32 - 1, { NSB, 0 }, ALLV, V5, HOSTS, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT, \
    N_("At v26.01, the buffers the transport counts on from the central iobuf pools; its poll-group caches are sized from it, and RDMA refuses fewer than 32. Deprecated and ignored at v26.05.") }, \
  { "nvmf_create_transport.buf_cache_size", "nvmf_create_transport", "buf_cache_size", TR, IOP_KNOB_INT, N_("buffers"), 0, U32, { BCS, SCS }, ALLV, V5, HOSTS, IOP_PHASE_TRANSPORT, TRUE, NULL, L_TRANSPORT, \
    N_("At v26.01, the iobuf buffers each poll group keeps in its own cache; automatic is (num_shared_buffers * 3 / 4) / poll groups. Deprecated at v26.05, where it sets the small cache (the same field as iobuf_small_cache_size).") }, \
  { "nvmf_create_transport.iobuf_small_cache_size", "nvmf_create_transport", "iobuf_small_cache_size", TR, IOP_KNOB_INT, N_("buffers"), 0, U32, SAME (SCS), V5, 0, HOSTS, IOP_PHASE_TRANSPORT, TRUE, NULL, L_TRANSPORT, \
    N_("Small iobuf buffers each poll group caches; automatic is (small_pool_count / 2) / poll groups.") }, \
  { "nvmf_create_transport.iobuf_large_cache_size", "nvmf_create_transport", "iobuf_large_cache_size", TR, IOP_KNOB_INT, N_("buffers"), 0, U32, SAME (LCS), V5, 0, HOSTS, IOP_PHASE_TRANSPORT, TRUE, NULL, L_TRANSPORT, \
    N_("Large iobuf buffers each poll group caches; automatic is (large_pool_count / 2) / poll groups.") }

static const IopKnobDef knob_defs[] = {
  /* Command line */
  { "spdk_tgt.cpumask", "spdk_tgt", "cpumask", NULL, IOP_KNOB_CPUMASK, NULL, 1, G_MAXINT64, SAME (0x1), ALLV, 0, BOTH, IOP_PHASE_CMDLINE, FALSE, NULL, L_APP,
    N_("The reactor core mask (-m): one reactor per core; the first core hosts app_thread.") },

  /* iobuf */
  { "iobuf_set_options.small_pool_count", "iobuf_set_options", "small_pool_count", NULL, IOP_KNOB_INT, N_("buffers"), 64, G_GINT64_CONSTANT (1) << 32, SAME (8192), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_IOBUF,
    N_("Buffers in the central small pool (per NUMA node with enable_numa); every module's small cache is filled from it. SPDK refuses fewer than 64; the ceiling of 2^32 is Iopath's.") },
  { "iobuf_set_options.large_pool_count", "iobuf_set_options", "large_pool_count", NULL, IOP_KNOB_INT, N_("buffers"), 8, G_GINT64_CONSTANT (1) << 32, SAME (1024), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_IOBUF,
    N_("Buffers in the central large pool (per NUMA node with enable_numa). SPDK refuses fewer than 8; the ceiling of 2^32 is Iopath's.") },
  { "iobuf_set_options.small_bufsize", "iobuf_set_options", "small_bufsize", NULL, IOP_KNOB_INT, N_("bytes"), 4096, 16777216, SAME (8192), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_IOBUF,
    N_("Size of a small buffer; a request of at most this length is served from the small pool. SPDK refuses less than 4096 and rounds up to a multiple of 4096; that it stays below large_bufsize and the 16 MiB ceiling are Iopath's.") },
  { "iobuf_set_options.large_bufsize", "iobuf_set_options", "large_bufsize", NULL, IOP_KNOB_INT, N_("bytes"), 8192, 67108864, SAME (135168), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_IOBUF,
    N_("Size of a large buffer: 128 KiB of data plus room for metadata by default. SPDK refuses less than 8192 and rounds up to a multiple of 4096; the 64 MiB ceiling is Iopath's.") },
  { "iobuf_set_options.enable_numa", "iobuf_set_options", "enable_numa", NULL, IOP_KNOB_BOOL, NULL, 0, 1, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_IOBUF,
    N_("One pair of pools per NUMA node, each of the full counts, instead of one pair per process.") },

  /* bdev */
  { "bdev_set_options.bdev_io_pool_size", "bdev_set_options", "bdev_io_pool_size", NULL, IOP_KNOB_INT, N_("bdev_io"), 1, U32, SAME (65535), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_BDEV,
    N_("bdev_io objects in the global mempool; SPDK refuses fewer than bdev_io_cache_size x (threads + 1). The minimum of 1 is Iopath's.") },
  { "bdev_set_options.bdev_io_cache_size", "bdev_set_options", "bdev_io_cache_size", NULL, IOP_KNOB_INT, N_("bdev_io"), 0, U32, SAME (256), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_BDEV,
    N_("bdev_io objects each thread's management channel takes from the mempool when it is created and serves without locks.") },
  { "bdev_set_options.iobuf_small_cache_size", "bdev_set_options", "iobuf_small_cache_size", NULL, IOP_KNOB_INT, N_("buffers"), 0, U32, SAME (128), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_BDEV,
    N_("Small buffers the bdev module caches per thread, used by spdk_bdev_io_get_buf.") },
  { "bdev_set_options.iobuf_large_cache_size", "bdev_set_options", "iobuf_large_cache_size", NULL, IOP_KNOB_INT, N_("buffers"), 0, U32, SAME (16), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_BDEV,
    N_("Large buffers the bdev module caches per thread.") },

  /* accel */
  { "accel_set_options.small_cache_size", "accel_set_options", "small_cache_size", NULL, IOP_KNOB_INT, N_("buffers"), 0, U32, SAME (128), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_ACCEL,
    N_("Small iobuf buffers the accel framework caches per thread that opens an accel channel.") },
  { "accel_set_options.large_cache_size", "accel_set_options", "large_cache_size", NULL, IOP_KNOB_INT, N_("buffers"), 0, U32, SAME (16), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_ACCEL,
    N_("Large iobuf buffers the accel framework caches per thread.") },

  /* bdev_nvme */
  { "bdev_nvme_set_options.io_queue_requests", "bdev_nvme_set_options", "io_queue_requests", NULL, IOP_KNOB_INT, N_("requests"), 0, 65535, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("nvme_request objects per I/O qpair. SPDK uses max(this, the driver's own count), and the driver's count is at least 512 and at least the queue size, so values below that change nothing. The 65535 ceiling is Iopath's.") },
  { "bdev_nvme_set_options.delay_cmd_submit", "bdev_nvme_set_options", "delay_cmd_submit", NULL, IOP_KNOB_BOOL, NULL, 0, 1, SAME (1), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Post new commands at the end of the poller's pass instead of at once, so one doorbell covers a batch.") },
  { "bdev_nvme_set_options.nvme_ioq_poll_period_us", "bdev_nvme_set_options", "nvme_ioq_poll_period_us", NULL, IOP_KNOB_INT, N_("µs"), 0, 1000000, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Period of the I/O completion poller; 0 polls on every reactor pass. Larger values save CPU and add latency. The 1 s ceiling is Iopath's.") },
  { "bdev_nvme_set_options.nvme_adminq_poll_period_us", "bdev_nvme_set_options", "nvme_adminq_poll_period_us", NULL, IOP_KNOB_INT, N_("µs"), 0, 100000000, SAME (10000), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Period of each controller's admin queue poller (health, AER, keep-alive). The 100 s ceiling is Iopath's.") },
  { "bdev_nvme_set_options.keep_alive_timeout_ms", "bdev_nvme_set_options", "keep_alive_timeout_ms", NULL, IOP_KNOB_INT, N_("ms"), 0, 3600000, SAME (10000), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Keep-alive timeout the host asks of the controller. The one-hour ceiling is Iopath's.") },
  { "bdev_nvme_set_options.ctrlr_loss_timeout_sec", "bdev_nvme_set_options", "ctrlr_loss_timeout_sec", NULL, IOP_KNOB_INT, N_("s"), -1, 2147483647, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("How long bdev_nvme keeps reconnecting a lost controller, every reconnect_delay_sec, before it deletes it; -1 never deletes it. 0 still resets the controller on every failure, but a failed reset is neither retried on a timer nor followed by deletion (a failover that was pending when it failed still runs).") },
  { "bdev_nvme_set_options.reconnect_delay_sec", "bdev_nvme_set_options", "reconnect_delay_sec", NULL, IOP_KNOB_INT, N_("s"), 0, U32, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Time between reconnect attempts.") },
  { "bdev_nvme_set_options.fast_io_fail_timeout_sec", "bdev_nvme_set_options", "fast_io_fail_timeout_sec", NULL, IOP_KNOB_INT, N_("s"), 0, U32, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("After this long in reconnect, queued I/O fails instead of waiting; 0 waits for the whole reconnect.") },
  { "bdev_nvme_set_options.io_path_stat", "bdev_nvme_set_options", "io_path_stat", NULL, IOP_KNOB_BOOL, NULL, 0, 1, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Keep I/O statistics per path.") },
  { "bdev_nvme_set_options.transport_ack_timeout", "bdev_nvme_set_options", "transport_ack_timeout", NULL, IOP_KNOB_INT, NULL, 0, 255, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("ACK timeout exponent. RDMA: a retransmission after 4.096 µs x 2^value; TCP: the socket gives up after 2^value ms without an ACK (TCP_USER_TIMEOUT). 0 leaves it to the RDMA stack or the kernel. SPDK takes one byte (up to 255), and both drivers lower a value over 31 to 31 with a notice.") },
  { "bdev_nvme_set_options.transport_retry_count", "bdev_nvme_set_options", "transport_retry_count", NULL, IOP_KNOB_INT, NULL, 0, 255, SAME (4), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("How many times the transport retransmits before it gives up; the RDMA driver lowers a value over 7 to 7 with a notice, the TCP driver does not read it, and the PCIe driver uses it as its retry count. The 255 ceiling is Iopath's: SPDK takes a 32-bit number and keeps its low byte, so 256 would mean 0.") },
  { "bdev_nvme_set_options.rdma_srq_size", "bdev_nvme_set_options", "rdma_srq_size", NULL, IOP_KNOB_INT, N_("entries"), 0, 1048576, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Shared receive queue per RDMA poll group on the host; 0 gives each qpair its own receive queue. The ceiling of 1,048,576 is Iopath's.") },
  { "bdev_nvme_set_options.rdma_max_cq_size", "bdev_nvme_set_options", "rdma_max_cq_size", NULL, IOP_KNOB_INT, N_("entries"), 0, 1048576, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Upper bound on an RDMA completion queue, the poll group's or a lone qpair's; 0 lets the driver size it. The ceiling of 1,048,576 is Iopath's.") },
  { "bdev_nvme_set_options.rdma_cm_event_timeout_ms", "bdev_nvme_set_options", "rdma_cm_event_timeout_ms", NULL, IOP_KNOB_INT, N_("ms"), 0, 65535, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("How long to wait for RDMA connection manager events; 0 keeps the driver's default of 1000 ms. SPDK reads it as a 16-bit number, so 65535 is the most it takes.") },
  { "bdev_nvme_set_options.timeout_us", "bdev_nvme_set_options", "timeout_us", NULL, IOP_KNOB_INT, N_("µs"), 0, G_GINT64_CONSTANT (1) << 40, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("Command timeout; 0 tracks no timeouts. The ceiling of 2^40 µs is Iopath's.") },
  { "bdev_nvme_set_options.action_on_timeout", "bdev_nvme_set_options", "action_on_timeout", NULL, IOP_KNOB_ENUM, NULL, 0, 2, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, timeout_actions, L_NVME,
    N_("What to do when a command times out: none, reset or abort.") },
  { "bdev_nvme_set_options.bdev_retry_count", "bdev_nvme_set_options", "bdev_retry_count", NULL, IOP_KNOB_INT, NULL, -1, 255, SAME (3), ALLV, 0, BOTH, IOP_PHASE_PRE_ATTACH, FALSE, NULL, L_NVME,
    N_("How many times bdev_nvme retries a failed I/O whose error allows a retry; -1 retries forever and SPDK refuses less. The 255 ceiling is Iopath's.") },

  /* NVMf target */
  { "nvmf_set_config.poll_groups_mask", "nvmf_set_config", "poll_groups_mask", NULL, IOP_KNOB_CPUMASK, NULL, 0, G_MAXINT64, SAME (0), ALLV, 0, BOTH, IOP_PHASE_PRE_INIT, FALSE, NULL, L_TARGET,
    N_("Cores that get an NVMf poll group; unset (0) means one per reactor. SPDK refuses a mask with a core outside the reactor mask.") },

  /* Transports: trtype, hosts, max_queue_depth, in_capsule_data_size,
   * io_unit_size at v26.01 and v26.05 (VFIO-user's opts_init still sets it at
   * v26.05, RDMA's and TCP's no longer), max_aq_depth, num_shared_buffers,
   * buf_cache_size, iobuf small/large cache (v26.05) */
  TRANSPORT_KNOBS ("VFIOUSER", BM, 256, 0, 131072, 131072, 32, 0, 0, 0, 0),
  TRANSPORT_KNOBS ("RDMA", BOTH, 128, 4096, 8192, 0, 128, 4095, AUTO, AUTO, AUTO),
  TRANSPORT_KNOBS ("TCP", BOTH, 128, 4096, 131072, 0, 128, 511, AUTO, AUTO, AUTO),

  { "nvmf_create_transport.max_srq_depth", "nvmf_create_transport", "max_srq_depth", "RDMA", IOP_KNOB_INT, N_("entries"), 0, 65535, SAME (4096), ALLV, 0, BOTH, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT,
    N_("Entries of each poll group's shared receive queue, one queue per RDMA device (every device rdma_get_devices lists, not only those with a listener): as many receive buffers and RDMA requests, shared by the qpairs on that poll group and device. SPDK keeps it in a 16-bit field and lowers it to the device's max_srq_wr with a warning; Iopath's ceiling of 65535 keeps that field from wrapping.") },
  { "nvmf_create_transport.no_srq", "nvmf_create_transport", "no_srq", "RDMA", IOP_KNOB_BOOL, NULL, 0, 1, SAME (0), ALLV, 0, BOTH, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT,
    N_("Give each qpair its own receive queue instead of the poll group's shared one.") },
  { "nvmf_create_transport.data_wr_pool_size", "nvmf_create_transport", "data_wr_pool_size", "RDMA", IOP_KNOB_INT, N_("WRs"), 0, 1048576, SAME (4095), ALLV, 0, BOTH, IOP_PHASE_TRANSPORT, FALSE, NULL, L_TRANSPORT,
    N_("Extra RDMA READ/WRITE work requests for a transfer that needs more than the one built into each request (several buffers or SGL descriptors). SPDK raises a value under 32 x cores to 32 x cores with a notice; the ceiling of 1,048,576 is Iopath's.") },
};

guint
iop_knob_def_count (void)
{
  return G_N_ELEMENTS (knob_defs);
}

const IopKnobDef *
iop_knob_def_nth (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (knob_defs), NULL);
  return &knob_defs[i];
}

guint
iop_knob_def_index (const IopKnobDef *def)
{
  g_return_val_if_fail (def >= knob_defs && def < knob_defs + G_N_ELEMENTS (knob_defs), 0);
  return (guint)(def - knob_defs);
}

const IopKnobDef *
iop_knob_def_find (const char     *id,
                   IopHostId       host,
                   const char     *trtype,
                   IopSpdkVersion  version)
{
  for (guint i = 0; i < G_N_ELEMENTS (knob_defs); i++)
    {
      const IopKnobDef *d = &knob_defs[i];

      if (strcmp (d->id, id) != 0)
        continue;
      if (!(d->hosts & IOP_HOST_BIT (host)))
        continue;
      if (d->trtype != NULL && g_strcmp0 (d->trtype, trtype) != 0)
        continue;
      if (!(d->versions & IOP_SPDK_BIT (version)))
        continue;
      return d;
    }
  return NULL;
}

gint64
iop_knob_def_default (const IopKnobDef *def,
                      IopSpdkVersion    version)
{
  return def->defaults[version];
}

const char *
iop_knob_type_name (IopKnobType type)
{
  switch (type)
    {
    case IOP_KNOB_INT: return "integer";
    case IOP_KNOB_BOOL: return "boolean";
    case IOP_KNOB_ENUM: return "choice";
    case IOP_KNOB_CPUMASK: return "cpumask";
    default: g_assert_not_reached ();
    }
}

gboolean
iop_knob_check (const IopKnobDef *def,
                gint64            value,
                GError          **error)
{
  if (def->has_auto && value == IOP_KNOB_AUTO)
    return TRUE;
  if (value < def->min || value > def->max)
    {
      g_autofree char *lo = iop_knob_format (def, def->min);
      g_autofree char *hi = iop_knob_format (def, def->max);
      g_autofree char *v = iop_knob_format (def, value);

      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("%s = %s is out of range: it must be between %s and %s"),
                   def->id, v, lo, hi);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *end = NULL;
  gint64 v, mult = 1;
  gsize len = strlen (s);

  if (len == 0)
    return FALSE;
  /* 64K, 8KiB, 1M, 2G */
  if (len > 3 && g_str_has_suffix (s, "iB"))
    s[(len -= 2)] = '\0';
  switch (s[len - 1])
    {
    case 'k': case 'K': mult = 1024; break;
    case 'm': case 'M': mult = 1024 * 1024; break;
    case 'g': case 'G': mult = 1024 * 1024 * 1024; break;
    default: break;
    }
  if (mult != 1)
    s[len - 1] = '\0';

  errno = 0;
  v = g_ascii_strtoll (s, &end, 0);
  if (errno != 0 || end == s || *end != '\0')
    return FALSE;
  if (v > G_MAXINT64 / mult || v < G_MININT64 / mult)
    return FALSE;
  *out = v * mult;
  return TRUE;
}

gboolean
iop_knob_parse (const IopKnobDef *def,
                const char       *text,
                gint64           *out_value,
                GError          **error)
{
  gint64 v = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  switch (def->type)
    {
    case IOP_KNOB_BOOL:
      if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 || g_ascii_strcasecmp (text, "yes") == 0)
        v = 1;
      else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0 || g_ascii_strcasecmp (text, "no") == 0)
        v = 0;
      else
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       _("%s takes true or false, not “%s”"), def->id, text);
          return FALSE;
        }
      break;

    case IOP_KNOB_ENUM:
      {
        gboolean found = FALSE;
        for (guint i = 0; def->choices[i]; i++)
          if (g_ascii_strcasecmp (text, def->choices[i]) == 0)
            {
              v = i;
              found = TRUE;
            }
        if (!found)
          {
            g_autofree char *list = g_strjoinv (", ", (char **)def->choices);
            g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                         _("%s takes one of %s, not “%s”"), def->id, list, text);
            return FALSE;
          }
      }
      break;

    case IOP_KNOB_CPUMASK:
      {
        g_autofree char *s = g_strstrip (g_strdup (text));
        const char *hex = s;
        char *end = NULL;
        guint64 m;

        if (g_str_has_prefix (hex, "0x") || g_str_has_prefix (hex, "0X"))
          hex += 2;
        errno = 0;
        m = g_ascii_strtoull (hex, &end, 16);
        if (*hex == '\0' || errno != 0 || *end != '\0' || strlen (hex) > 16)
          {
            g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                         _("%s takes a hexadecimal core mask such as 0xE0 (at most 64 cores), not “%s”"),
                         def->id, text);
            return FALSE;
          }
        v = (gint64)m;
        if (m > (guint64)G_MAXINT64)
          {
            g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                         _("%s: core 63 is beyond what Iopath models"), def->id);
            return FALSE;
          }
      }
      break;

    case IOP_KNOB_INT:
    default:
      if (def->has_auto && (g_ascii_strcasecmp (text, "auto") == 0 || strcmp (text, "4294967295") == 0))
        {
          v = IOP_KNOB_AUTO;
          break;
        }
      if (!parse_int (text, &v))
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                       _("%s takes a whole number%s, not “%s”"), def->id,
                       def->has_auto ? _(" or “auto”") : "", text);
          return FALSE;
        }
      break;
    }

  if (!iop_knob_check (def, v, error))
    return FALSE;

  *out_value = v;
  return TRUE;
}

char *
iop_knob_format (const IopKnobDef *def,
                 gint64            value)
{
  switch (def->type)
    {
    case IOP_KNOB_BOOL:
      return g_strdup (value ? "true" : "false");
    case IOP_KNOB_ENUM:
      for (gint64 i = 0; def->choices[i]; i++)
        if (i == value)
          return g_strdup (def->choices[i]);
      return g_strdup_printf ("%" PRId64, value);
    case IOP_KNOB_CPUMASK:
      return g_strdup_printf ("0x%" PRIX64, (guint64)value);
    case IOP_KNOB_INT:
    default:
      if (def->has_auto && value == IOP_KNOB_AUTO)
        return g_strdup ("auto");
      return g_strdup_printf ("%" PRId64, value);
    }
}

const char *
iop_knob_phase_note (IopKnobPhase phase)
{
  switch (phase)
    {
    case IOP_PHASE_CMDLINE:
      return _("A command-line option of spdk_tgt: changing it means restarting SPDK.");
    case IOP_PHASE_PRE_INIT:
      return _("SPDK accepts this only before framework_start_init: “Method may only be called before framework is initialized. Use --wait-for-rpc command line parameter and then issue this RPC before the framework_start_init RPC.” On a running system it needs a restart with --wait-for-rpc.");
    case IOP_PHASE_PRE_ATTACH:
      return _("SPDK refuses this once NVMe controllers are attached: “RPC not permitted with nvme controllers already attached”. Set it before bdev_nvme_attach_controller, or restart.");
    case IOP_PHASE_TRANSPORT:
      return _("Fixed when nvmf_create_transport runs; a transport cannot be changed once created.");
    case IOP_PHASE_PRE_SUBSYSTEM:
    default:
      return _("Takes effect when the NVMf target starts.");
    }
}

guint
iop_cpumask_count (guint64 mask)
{
  return (guint)__builtin_popcountll (mask);
}

int
iop_cpumask_first (guint64 mask)
{
  return mask ? __builtin_ctzll (mask) : -1;
}

const char *
iop_host_name (IopHostId host)
{
  return host == IOP_HOST_BAREMETAL ? "baremetal" : "storage";
}

const char *
iop_host_label (IopHostId host)
{
  return host == IOP_HOST_BAREMETAL ? _("Baremetal host") : _("Storage node");
}

gboolean
iop_host_parse (const char *name,
                IopHostId  *out,
                GError    **error)
{
  if (g_strcmp0 (name, "baremetal") == 0)
    *out = IOP_HOST_BAREMETAL;
  else if (g_strcmp0 (name, "storage") == 0)
    *out = IOP_HOST_STORAGE;
  else
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("Unknown host “%s”: use baremetal or storage"), name ? name : "");
      return FALSE;
    }
  return TRUE;
}

G_DEFINE_QUARK (iop-error-quark, iop_error)
