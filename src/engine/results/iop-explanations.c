/* iop-explanations.c: the teaching text shown for each step of a trace
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

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-explanations.h"
#include "iop-stages.h"

static const IopExplanation explanations[] = {

  /* ------------------------------------------------------------------ */
  /* Baremetal, guest side                                               */
  /* ------------------------------------------------------------------ */

  { "guest.submit",
    N_("The guest submits the command"),
    N_("No SPDK code runs in this step: it is the guest's own NVMe driver. In "
       "raid_270 the VM sees an NVMe controller that SPDK's VFIO-user target "
       "emulates. The driver writes a 64-byte command into a submission queue "
       "that lives in guest memory, describes the data by the guest pages "
       "that hold it (PRPs, for a Linux guest), and writes the new tail to "
       "the queue's doorbell. The doorbell area is shared memory that the "
       "target polls, so nothing traps to the hypervisor and the host takes "
       "no interrupt.\n\n"
       "In the TCP set-up of the captured run the guest instead runs bdevperf "
       "on SPDK's own NVMe/TCP initiator: the command leaves as a capsule PDU "
       "on a TCP connection to the baremetal's TCP target, the next step.\n\n"
       "What a guest can keep in flight is set by the controller the target "
       "presents: at most nvmf_create_transport.max_io_qpairs_per_ctrlr I/O "
       "queues, each of at most nvmf_create_transport.max_queue_depth entries "
       "(the controller reports that value minus one as its maximum queue "
       "size, zero-based). The guest's block layer and its own queue settings "
       "come on top; SPDK does not see them.") },

  { "guest.queue_full",
    N_("The guest's queue is full"),
    N_("Not SPDK code either. An NVMe queue of N entries holds at most N - 1 "
       "commands: the tail may never catch up with the head, or a full queue "
       "would look empty. The VFIO-user target lets the guest create queues "
       "of up to nvmf_create_transport.max_queue_depth entries, so a guest "
       "that uses that size has max_queue_depth - 1 commands outstanding per "
       "queue at most.\n\n"
       "A further command waits inside the guest until a completion entry "
       "shows that the target has consumed older entries: every entry carries "
       "the current submission queue head. Nothing reaches SPDK meanwhile, so "
       "the target's statistics show no sign of the wait; it appears only in "
       "the guest's latency. With the TCP front end the limit is the same, "
       "coming from the queue size the baremetal's TCP target advertises.\n\n"
       "To let a VM keep more I/O in flight, raise "
       "nvmf_create_transport.max_queue_depth or "
       "nvmf_create_transport.max_io_qpairs_per_ctrlr on the baremetal's "
       "guest-facing transport. Whether the extra depth helps depends on what "
       "the path below absorbs: bdev_io from the poll-group thread's cache, "
       "and on each replica qpair 127 RDMA slots with the storage nodes' "
       "default queue depth.") },

  { "vfu.poll",
    N_("Poll the guest's doorbells"),
    N_("The guest's NVMe driver rings its doorbell by writing to the emulated "
       "controller's doorbell area, which SPDK normally maps as shared memory: "
       "the write lands in memory the target can read, with no exit to the "
       "hypervisor. nvmf_vfio_user_poll_group_poll, the nvmf_VFIOUSER poller of "
       "an NVMf poll-group thread, walks every active submission queue the group "
       "owns and compares each SQ tail doorbell with the head it last consumed. "
       "When the tail has moved, handle_sq_tdbl_write consumes the new entries "
       "one at a time, advancing the head before each so the completion can "
       "report it.\n\n"
       "Nothing is allocated here. Before taking a command the target checks "
       "that the paired completion queue can hold one more outstanding entry; "
       "if not, it stops (counted as cq_full) and comes back on a later pass. "
       "That is how it applies flow control to the guest. The separate timed "
       "poller vfio_user_poll_vfu_ctx serves the vfio-user socket (memory map "
       "changes, register accesses) and is not on the I/O path.\n\n"
       "In raid_270 the poll groups sit on cores 5, 6 and 7 "
       "(nvmf_set_config.poll_groups_mask 0xE0): nvmf_tgt_poll_group_000 to 002. "
       "A guest queue pair stays on one of them for its lifetime, and with "
       "nvmf_create_transport.max_io_qpairs_per_ctrlr 2 one VM can use at most "
       "two of the three cores. Everything that follows on the baremetal host, "
       "down to the RDMA send and back up to the guest's completion, runs on "
       "this same thread.") },

  { "vfu.cmd_req",
    N_("Take a request slot, map guest memory"),
    N_("handle_cmd_req pairs the NVMe command with an nvmf_vfio_user_req taken "
       "from the submission queue's free list. These are not allocated per "
       "I/O: when the guest creates an I/O queue, the transport allocates one "
       "request per queue entry, so a guest that respects its own queue size "
       "always finds one. The guest cannot create a queue larger than the "
       "controller advertises, which comes from "
       "nvmf_create_transport.max_queue_depth: 128 in raid_270 instead of the "
       "VFIO-user default of 256.\n\n"
       "The command's data pointer (PRPs from a Linux guest) is then "
       "translated. map_one asks libvfio-user to turn each guest-physical range "
       "into a local virtual address, producing iovecs that point straight into "
       "guest RAM. QEMU announced that RAM when the VM started and SPDK "
       "registered it in its memory map, which also makes it usable by the RDMA "
       "NIC later on. Nothing is copied and no buffer is allocated.\n\n"
       "That is why the VFIO-user transport keeps no iobuf cache: in raid_270 "
       "nvmf_create_transport.num_shared_buffers and "
       "nvmf_create_transport.buf_cache_size are 0 (v26.01), and at v26.05 the "
       "VFIO-user defaults of nvmf_create_transport.iobuf_small_cache_size and "
       "nvmf_create_transport.iobuf_large_cache_size are 0 as well, so the "
       "transport never opens an iobuf channel. The largest guest I/O is "
       "nvmf_create_transport.max_io_size (128 KiB by default for VFIO-user); "
       "the guest driver splits anything bigger.") },

  { "nvmf.exec",
    N_("Dispatch the NVMe command"),
    N_("spdk_nvmf_request_exec is where every transport hands a command to the "
       "NVMf core, so this is the same code for the VFIO-user target here and "
       "for the RDMA target on the storage node. It checks that the subsystem "
       "is active on this poll group (a paused subsystem, during a namespace "
       "change for example, queues the request) and that the queue pair is "
       "still usable, then puts the request on the qpair's outstanding list, "
       "where aborts and disconnect handling can find it.\n\n"
       "nvmf_ctrlr_process_io_cmd looks up the namespace, rejects the command "
       "if the namespace's ANA state makes it inaccessible or a reservation "
       "conflicts, and picks the bdev channel this poll group opened for the "
       "namespace. That per-poll-group channel is why a request never changes "
       "thread: the bdev, RAID and bdev_nvme channels below were all created on "
       "this thread. Reads and writes go on to the bdev translation; other "
       "opcodes take their own routes.\n\n"
       "No memory is allocated: the request object belongs to the transport. "
       "On the baremetal host the namespace's bdev is the RAID1 bdev of "
       "raid_270, and the thread is one of the three poll-group threads on "
       "cores 5-7 (nvmf_set_config.poll_groups_mask 0xE0).") },

  { "nvmf.exec@storage",
    N_("Dispatch the command on the storage node"),
    N_("On the storage node the same NVMf core code runs, but the request came "
       "in through the RDMA transport and the namespace behind it is an lvol. "
       "spdk_nvmf_request_exec checks the subsystem and queue pair, records the "
       "request as outstanding, and nvmf_ctrlr_process_io_cmd takes the poll "
       "group's bdev channel for the lvol bdev.\n\n"
       "By the time a write gets here its payload is already in target memory: "
       "either it arrived inside the command capsule (up to "
       "nvmf_create_transport.in_capsule_data_size, 4096 bytes by default) or "
       "the transport has pulled it with RDMA READ into buffers from its "
       "poll-group iobuf cache. A read has its buffers too, still empty; the "
       "SSD will fill them.\n\n"
       "The seed's storage-node dump shows 28 poll-group threads "
       "(nvmf_tgt_poll_group_000 to 027), one per lcore from 4 to 31, the last "
       "one sharing lcore 4 with app_thread, which also runs the RDMA acceptor "
       "and the admin-queue pollers. Every poll-group thread both executes "
       "target requests and polls the local SSD with bdev_nvme_poll, so, as on "
       "the baremetal host, the storage-side path of one request stays on one "
       "thread. Which core serves a host's queue pair depends on the poll group "
       "it was assigned at connect time; nvmf_set_config.poll_groups_mask "
       "limits the cores that get poll groups.") },

  { "nvmf.bdev_rw",
    N_("Turn the command into a bdev I/O"),
    N_("nvmf_bdev_ctrlr_read_cmd or nvmf_bdev_ctrlr_write_cmd decodes the "
       "starting block and block count from the NVMe command, checks them "
       "against the bdev's size and checks that the data the command describes "
       "is long enough, then calls spdk_bdev_readv_blocks_ext or "
       "spdk_bdev_writev_blocks_ext with the request's iovecs. On the baremetal "
       "host those iovecs point into guest memory; on the storage node they "
       "point at the RDMA transport's buffers. Either way the bdev layers below "
       "work on that memory directly, without a copy.\n\n"
       "That call takes one bdev_io for the namespace's bdev from the thread's "
       "cache. When none is available it returns -ENOMEM; NVMf does not fail "
       "the command but registers it with spdk_bdev_queue_io_wait, counts it "
       "as pending_bdev_io in nvmf_get_stats, and resubmits it when a bdev_io "
       "is freed on this thread.\n\n"
       "The completion callback is nvmf_bdev_ctrlr_complete_cmd. The pools "
       "involved are bdev_set_options.bdev_io_cache_size per thread and "
       "bdev_set_options.bdev_io_pool_size globally.") },

  { "nvmf.bdev_rw/read",
    N_("Turn the NVMe read into a bdev read"),
    N_("nvmf_bdev_ctrlr_read_cmd decodes the starting block and the block count "
       "from the command, checks the range against the size of the bdev and "
       "checks that the data described by the command is large enough for that "
       "many blocks, then calls spdk_bdev_readv_blocks_ext with the request's "
       "iovecs. On the baremetal host those iovecs point into guest memory, so "
       "the layers below will have the replica's data land directly in the "
       "VM's pages.\n\n"
       "The call allocates one object: a bdev_io for the RAID1 bdev, taken from "
       "the poll-group thread's cache (next step). If none can be had it "
       "returns -ENOMEM, and NVMf does not fail the command: it registers the "
       "request with spdk_bdev_queue_io_wait, counts it as pending_bdev_io in "
       "nvmf_get_stats, and resubmits it from the start when a bdev_io is "
       "freed on this thread.\n\n"
       "The completion callback given here is nvmf_bdev_ctrlr_complete_cmd. It "
       "will copy the bdev status into the NVMe completion, complete the NVMf "
       "request, and only then free the bdev_io. In raid_270 the bdev_io supply "
       "is not the limit: bdev_set_options.bdev_io_pool_size is 1048576 and each "
       "thread keeps bdev_set_options.bdev_io_cache_size 128 at hand.") },

  { "nvmf.bdev_rw/write",
    N_("Turn the NVMe write into a bdev write"),
    N_("nvmf_bdev_ctrlr_write_cmd decodes the starting block and the block "
       "count, checks the range against the bdev size and checks that the data "
       "described by the command covers that many blocks, then calls "
       "spdk_bdev_writev_blocks_ext with the request's iovecs. On the baremetal "
       "host the data is already where it needs to be: the iovecs are the "
       "guest's own pages, mapped without a copy, and RAID1 will send those "
       "same pages to both replicas. There is no data-transfer phase before "
       "execution, unlike on the RDMA target.\n\n"
       "The call takes a bdev_io for the RAID1 bdev from the poll-group "
       "thread's cache. When none is available it returns -ENOMEM; NVMf then "
       "registers the request with spdk_bdev_queue_io_wait, counts it as "
       "pending_bdev_io in nvmf_get_stats, and resubmits the whole command when "
       "a bdev_io is freed on this thread.\n\n"
       "nvmf_bdev_ctrlr_complete_cmd, the callback given here, will run when "
       "both replicas have answered. A write costs three bdev_io on this host "
       "(the RAID one and one per leg), all from the same per-thread cache of "
       "bdev_set_options.bdev_io_cache_size 128, backed by a pool of "
       "bdev_set_options.bdev_io_pool_size 1048576 in raid_270.") },

  { "nvmf.bdev_rw@storage",
    N_("Turn the command into an lvol I/O"),
    N_("On the storage node nvmf_bdev_ctrlr_read_cmd or "
       "nvmf_bdev_ctrlr_write_cmd performs the same translation as on the "
       "baremetal host, but the bdev is the lvol and the iovecs point at "
       "transport memory. For a write, that is the in-capsule buffer (4 KiB and "
       "smaller) or the iobuf buffers RDMA READ has just filled; for a read, "
       "iobuf buffers that the SSD will fill by DMA and the target will then "
       "push to the baremetal host with RDMA WRITE.\n\n"
       "The call takes a bdev_io for the lvol bdev from the poll-group "
       "thread's cache. If none is left, -ENOMEM makes NVMf wait with "
       "spdk_bdev_queue_io_wait (pending_bdev_io in nvmf_get_stats) and "
       "resubmit when a bdev_io is freed on this thread. The request keeps "
       "holding its transport buffers meanwhile.\n\n"
       "The seed does not list the storage node's bdev options. At SPDK "
       "defaults each thread caches bdev_set_options.bdev_io_cache_size 256 "
       "from a pool of bdev_set_options.bdev_io_pool_size 65535; bdev_set_options "
       "refuses a pool smaller than the cache times (threads + 1), which with "
       "28 poll-group threads plus app_thread is comfortably met.") },

  /* ------------------------------------------------------------------ */
  /* bdev layer                                                          */
  /* ------------------------------------------------------------------ */

  { "bdev.get_io",
    N_("Allocate the bdev_io"),
    N_("bdev_channel_get_io takes the bdev_io that will describe this I/O. It "
       "looks first in the per-thread cache of the thread's bdev management "
       "channel, a plain list pop. If the cache is empty and other requests on "
       "this thread are already waiting for a bdev_io, it returns nothing, so "
       "a newcomer cannot overtake them; otherwise it takes one from the global "
       "mempool, an atomic ring operation shared by all threads.\n\n"
       "A bdev_io carries no data: it holds the bdev, offset, length, iovecs, "
       "callback and statistics, plus a driver context sized for the largest "
       "module, where RAID, bdev_nvme or lvol keep their own per-I/O state. "
       "Modules therefore allocate nothing more per I/O.\n\n"
       "Two knobs shape it. bdev_set_options.bdev_io_cache_size is how many "
       "bdev_io each thread takes from the pool when its management channel is "
       "created (256 by default), and bdev_set_options.bdev_io_pool_size is "
       "the pool (65535 by default). The pool must hold at least the cache "
       "times (threads + 1); otherwise bdev_set_options fails with "
       "'bdev_io_pool_size ... is not compatible with bdev_io_cache_size ...'. "
       "Freed bdev_io go back to the thread's cache until it is full, then to "
       "the pool. When both are empty the caller gets -ENOMEM and waits for a "
       "free bdev_io.") },

  { "bdev.get_io@baremetal",
    N_("Allocate the bdev_io (baremetal)"),
    N_("bdev_channel_get_io takes a bdev_io from the per-thread cache of this "
       "poll-group thread's bdev management channel, falls back to the global "
       "mempool when the cache is empty, and returns nothing when other "
       "requests on this thread are already queued for one. The bdev_io is "
       "only metadata; the RAID module keeps its per-I/O state (raid_bdev_io) "
       "inside it, and the NVMe bdev its nvme_bdev_io.\n\n"
       "On this host a guest write uses three bdev_io: this one for the RAID1 "
       "bdev and one per leg for the two NVMe bdevs. A read uses two. All come "
       "from the same thread's cache and return to it.\n\n"
       "raid_270 sets bdev_set_options.bdev_io_cache_size to 128, half the "
       "upstream default, so each thread that opens a management channel takes "
       "128 at start: 512 for app_thread plus the three poll-group threads. "
       "That covers about 42 writes in flight per thread before the mempool is "
       "used, and a mempool access costs a shared ring operation, not a wait. "
       "With bdev_set_options.bdev_io_pool_size at 1048576 the pool will not "
       "run dry; the guest side limits concurrency long before that (at most "
       "two queues of 128 entries per VM controller).") },

  { "bdev.get_io@storage",
    N_("Allocate the bdev_io (storage node)"),
    N_("The same function runs on the storage node, on the poll-group thread "
       "that serves the queue pair: per-thread cache first, then the global "
       "mempool, and nothing at all if requests on this thread are already "
       "waiting for a bdev_io.\n\n"
       "Each request uses two bdev_io here. NVMf takes one for the lvol bdev, "
       "which carries the lvol's context, and the blobstore's device layer "
       "takes a second one for the NVMe bdev under the lvstore, which carries "
       "bdev_nvme's context. Both come from the same thread's cache.\n\n"
       "The seed does not list this node's bdev options, so assume SPDK "
       "defaults unless your deployment says otherwise: "
       "bdev_set_options.bdev_io_cache_size 256 per thread and "
       "bdev_set_options.bdev_io_pool_size 65535. With 28 poll-group threads "
       "and app_thread that pins about 7400 bdev_io in caches, well inside the "
       "pool, and bdev_set_options accepts it because the pool exceeds 256 "
       "times (threads + 1). When cache and pool are both empty, NVMf and the "
       "blobstore's device layer each wait on the thread's io_wait queue until "
       "a bdev_io is freed.") },

  { "bdev.submit",
    N_("Submit the bdev_io to its module"),
    N_("bdev_io_submit is the funnel between a bdev user and the module that "
       "implements the bdev. It stamps the submit time used for latency "
       "statistics, holds the I/O back if it overlaps a locked LBA range (RAID "
       "locks ranges while it rebuilds them), and splits the I/O when it "
       "crosses a boundary or limit the module declared; each piece is a child "
       "bdev_io.\n\n"
       "_bdev_io_submit then looks at the channel's flags. During a reset the "
       "I/O is aborted. With QoS enabled on the bdev (bdev_set_qos_limit), it "
       "joins the QoS queue and the bdev_channel_poll_qos poller releases it "
       "within the rate limit; the seed's baremetal poller list shows many "
       "such timed pollers, so some bdevs there are rate limited. Otherwise "
       "bdev_io_do_submit counts it as outstanding on the channel and on the "
       "shared resource (one per thread and module channel) and calls the "
       "module's submit_request.\n\n"
       "If earlier I/O on that shared resource is parked on the nomem list "
       "(a module ran out of something and answered NOMEM), the new I/O is "
       "queued behind it instead, which keeps ordering. Nothing is allocated "
       "in this step.") },

  { "bdev.submit@storage",
    N_("Submit the bdev_io (storage node)"),
    N_("On the storage node this funnel runs twice per request: first for the "
       "lvol bdev, whose module is vbdev_lvol, and then, from the blobstore's "
       "device layer, for the NVMe bdev under the lvstore. Each time "
       "bdev_io_submit stamps the submit time, checks locked ranges and "
       "splitting, and bdev_io_do_submit counts the I/O as outstanding before "
       "calling the module.\n\n"
       "The outstanding counters matter for recovery from shortages. If the "
       "blobstore runs out of request sets, or the NVMe driver out of "
       "nvme_request objects, the module completes the bdev_io with NOMEM. The "
       "bdev layer then parks it on the nomem list of that thread's shared "
       "resource and resubmits it once enough other I/O on the resource has "
       "completed, and new I/O to the same resource queues behind it.\n\n"
       "No allocation happens here. QoS limits (bdev_set_qos_limit), if set on "
       "the lvol, are applied at this point, before the blobstore sees the "
       "I/O.") },

  /* ------------------------------------------------------------------ */
  /* RAID1                                                               */
  /* ------------------------------------------------------------------ */

  { "raid.submit",
    N_("Enter the RAID bdev"),
    N_("raid_bdev_submit_request is the RAID module's entry point. It allocates "
       "nothing of its own: the raid_bdev_io that carries the RAID state lives "
       "in the bdev_io's driver context. raid_bdev_io_init fills it with the "
       "offset, length, iovecs and memory domain of the I/O and with this "
       "thread's RAID channel, which holds one channel per base bdev: here the "
       "two NVMe bdevs, one per replica.\n\n"
       "Writes go straight to the RAID level's submit function. Reads first "
       "call spdk_bdev_io_get_buf, because a RAID level may need a buffer to "
       "read into; with the guest's pages already attached this returns at "
       "once. Resets, flushes and unmaps take their own routes; other I/O "
       "types fail.\n\n"
       "raid_270 is a two-leg RAID1: every write becomes two NVMe-oF writes to "
       "two storage nodes, every read one. The RAID bdev has no per-I/O knob; "
       "its cost shows as an extra bdev_io per leg, drawn from the same "
       "bdev_set_options.bdev_io_cache_size, and as a slot on each leg's NVMe "
       "qpair further down.") },

  { "bdev.get_buf",
    N_("Ask for a read buffer (usually none needed)"),
    N_("Before dispatching a read, raid_bdev_submit_request calls "
       "spdk_bdev_io_get_buf with the read length. That function first looks "
       "at what the caller brought: if the bdev_io already has iovecs with "
       "memory behind them, aligned as the RAID bdev requires, it calls the "
       "RAID callback immediately and allocates nothing.\n\n"
       "That is the raid_270 case. VFIO-user passed iovecs pointing into guest "
       "memory, so the replica's data will be placed directly in the VM's "
       "pages and no staging buffer exists. It is also why the bdev module's "
       "line in the seed's iobuf_get_stats reads cache=0 main=0 retry=0: on "
       "this path the bdev layer never asks iobuf for anything. The lvol on "
       "the storage node makes the same check and also finds a buffer, the "
       "transport's.\n\n"
       "The other case arises when the bdev_io has no buffer (a user that lets "
       "the bdev layer allocate, such as bdevperf) or an unaligned one. Then a "
       "buffer comes from the bdev module's per-thread iobuf cache: small if "
       "the length fits iobuf_set_options.small_bufsize (8 KiB here), large "
       "otherwise, refilled from the central ring on a miss, with a wait if "
       "the ring is empty; unaligned memory gets a bounce buffer and a copy. "
       "That cache is bdev_set_options.iobuf_small_cache_size (128 here, 1 MiB "
       "per thread) and bdev_set_options.iobuf_large_cache_size (32 here, 4 MiB "
       "per thread), filled when each thread creates its management channel, "
       "used or not.") },

  { "raid1.read",
    N_("Pick the replica to read from"),
    N_("raid1_submit_read_request sends a read to one leg only. "
       "raid1_channel_next_read_base_bdev scans the legs that have a channel on "
       "this thread and takes the one with the fewest blocks of reads "
       "outstanding, as counted in this thread's RAID channel. It is not a "
       "round robin: ties go to the lower index, so a single reader at queue "
       "depth 1 always reads leg 0, and balance appears only when reads "
       "overlap. A slower replica accumulates outstanding blocks and so "
       "receives fewer reads. A lone reader at low queue depth can therefore "
       "look like a mirror that reads from one replica only, the kind of "
       "complaint raised in longhorn#5759.\n\n"
       "The child read goes to the chosen NVMe bdev with "
       "raid_bdev_readv_blocks_ext, reusing the parent's iovecs so the data "
       "lands in guest memory. It takes one bdev_io from the thread's cache; "
       "if none is available the RAID I/O waits on the bdev io_wait queue and "
       "the read is retried when one frees up.\n\n"
       "The choice matters for the network: each read crosses to one storage "
       "node only, so the two replicas share the read load, while every write "
       "crosses the network twice.") },

  { "raid1.write",
    N_("Fan the write out to both replicas"),
    N_("raid1_submit_write_request sets the number of legs still expected to "
       "two and the default result to failure, then issues "
       "raid_bdev_writev_blocks_ext to each NVMe bdev with the same iovecs: "
       "the same guest pages go to both replicas, nothing is copied. Each leg "
       "takes its own bdev_io from the thread's cache, which is why a guest "
       "write costs three bdev_io on this host.\n\n"
       "A leg whose base bdev has no channel (removed or failed) is counted at "
       "once as a failed part. If a leg's submission returns -ENOMEM, the RAID "
       "I/O waits on the bdev io_wait queue and later resumes at the first leg "
       "not yet submitted, so no replica receives the write twice.\n\n"
       "Both legs now travel in parallel, each through bdev_nvme to its own "
       "storage node on its own RDMA path. The guest's write latency is that "
       "of the slower replica, and every guest write occupies a slot on both "
       "replicas' qpairs, so the per-qpair limits further down "
       "(bdev_nvme_set_options.io_queue_requests and the RDMA queue depth) are "
       "reached by the full guest write load on each replica.") },

  { "bdev.split",
    N_("The bdev layer splits the leg"),
    N_("bdev_io_submit looked at the child bdev_io RAID1 sent to a replica "
       "and found more iovecs than the NVMe bdev takes in one I/O. bdev_nvme "
       "set that limit, the bdev's max_num_segments, when it registered the "
       "namespace: the number of SGL descriptors the controller accepts in "
       "one command (16 with an SPDK RDMA target's defaults). It also caps it at "
       "half the controller's own io_queue_requests, at least 256, so that cap "
       "never bites here; bdev_nvme_set_options.io_queue_requests sizes the "
       "qpairs, not the controller. A VFIO-user guest hands over one "
       "iovec per 4 KiB page, so any guest I/O above 64 KiB is over the "
       "limit.\n\n"
       "Instead of passing the bdev_io to bdev_nvme, bdev_io_split cuts it. "
       "_bdev_rw_split builds parts of at most max_num_segments iovecs, each "
       "ending on a block boundary, and submits each one through the ordinary "
       "read or write path as a bdev_io of its own, with bdev_io_split_done "
       "as its callback. Every part takes a bdev_io from this thread's cache "
       "and goes all the way down (bdev_nvme, an nvme_request, an rdma_req, a "
       "command capsule) before the next part is built. One round handles up "
       "to 32 iovecs; a larger I/O goes on from the completions. A part that "
       "finds no bdev_io waits on the io_wait queue if no earlier part is "
       "outstanding, and otherwise the split resumes when all the outstanding "
       "parts are back.\n\n"
       "The parent bdev_io never reaches bdev_nvme and is not counted as "
       "outstanding on the channel; the parts carry the work. For a 128 KiB "
       "guest I/O that means two commands per replica instead of one, with "
       "two bdev_io, two nvme_request, two rdma_req and two target requests, "
       "and the leg is done only when both parts are. The limit comes from "
       "the NVMe-oF controller, not from a knob of this host: with an SPDK "
       "target it is the number of SGL descriptors the target accepts per "
       "command.") },

  /* ------------------------------------------------------------------ */
  /* bdev_nvme and the NVMe driver                                       */
  /* ------------------------------------------------------------------ */

  { "bdev_nvme.submit",
    N_("Pick a path and start the NVMe I/O"),
    N_("bdev_nvme_submit_request is the entry of the bdev_nvme module. It "
       "first chooses an io_path. Each replica namespace in raid_270 is "
       "reachable through two RDMA paths, and bdev_nvme_find_io_path returns "
       "the cached current path under the default active-passive multipath "
       "policy, or chooses by rotation or queue depth in active-active mode "
       "(set with bdev_nvme_set_multipath_policy). Paths with a disconnected "
       "qpair or an inaccessible ANA state are skipped.\n\n"
       "If no path is usable, the I/O goes onto the channel's retry list and "
       "is tried again every second for as long as some path may come back. "
       "With bdev_nvme_set_options.ctrlr_loss_timeout_sec 120, "
       "bdev_nvme_set_options.reconnect_delay_sec 2 and "
       "bdev_nvme_set_options.fast_io_fail_timeout_sec 0 in raid_270, I/O "
       "waits through up to two minutes of reconnect attempts instead of "
       "failing fast.\n\n"
       "_bdev_nvme_submit_request then dispatches by type. A read with a "
       "buffer present, the guest's pages here, goes straight to "
       "bdev_nvme_readv; a write to bdev_nvme_writev. They keep the iovecs in "
       "the nvme_bdev_io that lives in the bdev_io and call the NVMe driver "
       "on the chosen path's qpair. At v26.05 they always fill an options "
       "block there (memory domain, metadata, flags) and call "
       "spdk_nvme_ns_cmd_read_iov or spdk_nvme_ns_cmd_write_iov. At v26.01 "
       "the options block and the _ext calls are used only when the bdev_io "
       "carries a memory domain or an accel sequence, which nothing on this "
       "path sets; otherwise one iovec goes to spdk_nvme_ns_cmd_read_with_md "
       "or spdk_nvme_ns_cmd_write_with_md and several to the readv and writev "
       "variants. Nothing is allocated at this level.") },

  { "bdev_nvme.submit@storage",
    N_("Start the NVMe I/O to the local SSD"),
    N_("On the storage node bdev_nvme drives the local PCIe SSD under the "
       "lvstore. There is a single controller and a single path, so "
       "bdev_nvme_find_io_path simply returns the thread's only io_path, "
       "whose qpair this poll-group thread created for itself.\n\n"
       "The LBA is the one the blobstore computed from the lvol's cluster map, "
       "and the iovecs are still the transport's iobuf buffers: a read will "
       "have the SSD DMA into the buffer that RDMA WRITE will send, a write "
       "has the SSD DMA from the buffer RDMA READ filled. Because a buffer is "
       "present, reads go straight to bdev_nvme_readv and writes to "
       "bdev_nvme_writev; no bdev iobuf buffer is taken.\n\n"
       "The reconnect knobs that matter on the baremetal host mean little "
       "here: a local PCIe controller is reset rather than reconnected. What "
       "matters is the per-qpair request and tracker counts in the next steps. "
       "The storage node's bdev_nvme options are its own; the seed lists only "
       "the baremetal ones.") },

  { "nvme.ns_cmd",
    N_("Take an nvme_request from the qpair"),
    N_("bdev_nvme_readv or bdev_nvme_writev hands the command to the NVMe "
       "driver, which builds it in an nvme_request taken from the qpair's "
       "free list: a list pop, counted as outstanding on the qpair. The entry "
       "point depends on the version and on the buffer. At v26.01, for a "
       "bdev_io without memory domain or accel sequence (the case on this "
       "path), a single iovec goes to spdk_nvme_ns_cmd_read_with_md or "
       "spdk_nvme_ns_cmd_write_with_md as one contiguous payload, and several "
       "to spdk_nvme_ns_cmd_readv_with_md or spdk_nvme_ns_cmd_writev_with_md, "
       "which describe them by callbacks that walk the bdev_io's iovecs (an "
       "SGL payload); _nvme_ns_cmd_rw takes the request. At v26.05 bdev_nvme "
       "always calls spdk_nvme_ns_cmd_read_iov or spdk_nvme_ns_cmd_write_iov: "
       "one iovec still becomes a contiguous payload, several an iovec "
       "payload that the transports read directly, and the request is taken "
       "by _nvme_ns_cmd_rw_req_init_contig or _nvme_ns_cmd_rw_req_init_iov "
       "before _nvme_ns_cmd_rw builds the command.\n\n"
       "The driver fills opcode, namespace, starting LBA and count, and "
       "splits the I/O into child requests when it exceeds the controller's "
       "maximum transfer size, crosses a stripe boundary, or has more "
       "elements than one command can describe; each child costs another "
       "nvme_request and the parent keeps its own. The last case is normally "
       "settled earlier: bdev_nvme gives the NVMe bdev the controller's "
       "element limit as its maximum segment count (16 SGL descriptors with "
       "an SPDK RDMA target's defaults), so the bdev layer has already cut a "
       "guest I/O of more than 16 pages into several bdev_io, each of which "
       "arrives here as a command of its own. nvme_qpair_submit_request then "
       "hands the request, or each child, to the transport, or queues it "
       "behind requests already waiting on the qpair.\n\n"
       "The free list is sized when the qpair is created, and "
       "bdev_nvme_set_options.io_queue_requests is only a lower bound: "
       "bdev_nvme uses the larger of its value and the controller's default, "
       "which is the driver's 512 raised to at least the queue size, and "
       "writes the result back into its options. raid_270's 128 is below that "
       "floor, so each replica qpair still gets 512 requests (plus one spare) "
       "and a saved configuration shows the raised number. What bounds "
       "commands on the wire is the RDMA queue, next.\n\n"
       "An empty list makes the call return -ENOMEM, or -EINVAL when the I/O "
       "could never fit because it needs more children than the list holds.") },

  { "nvme.ns_cmd@storage",
    N_("Take an nvme_request (local SSD)"),
    N_("The same driver code runs on the storage node against the PCIe SSD. "
       "An nvme_request comes off the free list of this thread's qpair to the "
       "SSD, is filled with the opcode, namespace, LBA and count computed by "
       "the blobstore, records the iovecs of the transport's buffers, and is "
       "split into children if the I/O exceeds the SSD's maximum transfer "
       "size or crosses a stripe boundary the drive reports.\n\n"
       "The list's size follows the same rule as on the baremetal host: "
       "bdev_nvme_set_options.io_queue_requests is raised to the controller's "
       "default, which is at least 512 and at least the I/O queue size (256 "
       "entries by default for a local SSD, if the drive allows that many). "
       "So unless the storage node sets a larger value, each qpair has 512 "
       "requests.\n\n"
       "With no free request the call returns -ENOMEM, bdev_nvme answers NOMEM, "
       "and the bdev layer parks the NVMe bdev_io until other I/O on this "
       "thread completes. The lvol I/O above simply takes longer; nothing "
       "fails. The tighter limit on PCIe is usually the number of trackers, "
       "in the next step.") },

  { "nvme_rdma.submit_inline",
    N_("RDMA request: the write data rides in the SEND"),
    N_("nvme_qpair_submit_request hands the nvme_request to the RDMA "
       "transport. nvme_rdma_qpair_submit_request takes an spdk_nvme_rdma_req "
       "from the qpair's free list. There is one per queue entry minus one, "
       "the queue size being the smaller of the host's I/O queue size (256 by "
       "default) and what the target advertises, which for an SPDK RDMA "
       "target is nvmf_create_transport.max_queue_depth (128 by default): 127 "
       "slots per replica qpair. With none free the driver returns -EAGAIN, "
       "the nvme_request waits on the qpair's queued list, and "
       "queued_requests grows in bdev_nvme_get_transport_statistics.\n\n"
       "nvme_rdma_req_init then decides how the data travels. Data going to "
       "the controller may ride in the capsule when it is no larger than the "
       "controller's in-capsule size, which an SPDK target derives from "
       "nvmf_create_transport.in_capsule_data_size (4096 bytes by default), "
       "and the controller uses no in-capsule offset. For a payload that is "
       "one buffer, nvme_rdma_build_contig_inline_request looks up the "
       "buffer's local key and makes the SEND a two-element gather: the "
       "64-byte command from the rdma_req's registered command slot, then the "
       "data straight from the guest's pages. The command's data descriptor "
       "just says 'in this capsule, offset 0'. No remote key is exposed, and "
       "the target needs no RDMA READ and no buffer of its own.\n\n"
       "A payload of several buffers goes to the iovec variant of the inline "
       "builder, nvme_rdma_build_sgl_inline_request at v26.01 and "
       "nvme_rdma_build_iov_inline_request at v26.05. It sends inline only a "
       "payload whose first element covers it all (at v26.05: exactly one "
       "element). bdev_nvme hands over a single iovec as a contiguous buffer, "
       "so every iovec that reaches this builder has several elements and is "
       "passed on to the keyed builder: the target will fetch it with RDMA "
       "READ although it would fit in the capsule. Either way the command is "
       "copied into the rdma_req's command slot and the SEND queued; with "
       "bdev_nvme_set_options.delay_cmd_submit true (the default, and "
       "raid_270) it is posted at the end of the poll group's pass, one "
       "doorbell for the batch.") },

  { "nvme_rdma.submit_keyed",
    N_("RDMA request with a keyed SGL"),
    N_("nvme_qpair_submit_request hands the nvme_request to the RDMA "
       "transport. nvme_rdma_qpair_submit_request takes an spdk_nvme_rdma_req "
       "from the qpair's free list: queue size minus one of them, 127 with an "
       "SPDK target's default nvmf_create_transport.max_queue_depth of 128. "
       "With none free it answers -EAGAIN and the request waits on the "
       "qpair's queued list (queued_requests in "
       "bdev_nvme_get_transport_statistics). nvme_rdma_req_init then finds "
       "that the data cannot ride in the capsule: every read, and every write "
       "larger than the target's nvmf_create_transport.in_capsule_data_size "
       "(4096 bytes by default).\n\n"
       "For one buffer, nvme_rdma_build_contig_request looks up the "
       "registered memory region that covers it and writes a keyed data block "
       "descriptor into the command itself: address, length and the region's "
       "remote key. The SEND then carries only the 64-byte command. For an "
       "iovec (nvme_rdma_build_sgl_request at v26.01, "
       "nvme_rdma_build_iov_request at v26.05) every element gets a keyed "
       "descriptor of its own. A single descriptor still goes into the "
       "command; several are sent right behind it in the same SEND, and the "
       "command points at that list, which must fit the in-capsule size. No "
       "more elements than the target accepts per command (16 for an SPDK "
       "target) can be described; a longer iovec was already cut into several "
       "I/Os by the bdev layer, because bdev_nvme sets that limit as the NVMe "
       "bdev's maximum segment count.\n\n"
       "From here the storage node's NIC moves the data by itself: RDMA READ "
       "from these addresses for a write, RDMA WRITE into them for a read, "
       "with no CPU on this host involved. This works because the guest's RAM "
       "is in the memory map SPDK keeps for the NIC. The SEND is queued, and "
       "with bdev_nvme_set_options.delay_cmd_submit true (the default, and "
       "raid_270) it is posted at the end of the poll group's pass, one "
       "doorbell for the batch.") },

  /* ------------------------------------------------------------------ */
  /* Network                                                             */
  /* ------------------------------------------------------------------ */

  { "net.cmd_capsule",
    N_("The command capsule crosses the fabric"),
    N_("The SEND carries the 64-byte NVMe command capsule, with the write data "
       "appended when it fits in-capsule, from the baremetal NIC to the "
       "storage node's NIC. No CPU on either side takes part in the "
       "transfer.\n\n"
       "The target has receive buffers posted in advance. With the SPDK RDMA "
       "target's default shared receive queue they form one pool per poll "
       "group and device, nvmf_create_transport.max_srq_depth entries (4096 by "
       "default); with nvmf_create_transport.no_srq each queue pair has its "
       "own, as many as its queue depth. Each receive buffer holds a command "
       "plus nvmf_create_transport.in_capsule_data_size bytes of data.\n\n"
       "The connection is reliable: the NICs acknowledge and retransmit. "
       "bdev_nvme_set_options.transport_ack_timeout sets how long the "
       "initiator's NIC waits for an acknowledgement (4.096 us times two to "
       "the power of the value; 0 keeps the driver's default); when retries "
       "run out the queue pair fails and bdev_nvme starts its reconnect and "
       "failover logic. A 4 KiB write carries its data here and needs no "
       "further transfer; a read or a larger write carries only the "
       "command.") },

  { "net.rdma_read",
    N_("The target pulls the write data"),
    N_("For a write larger than the in-capsule size, the storage node posts "
       "RDMA READ work requests that fetch the payload from the address and key "
       "in the command's SGL, that is, straight from the guest's pages on the "
       "baremetal host, into the iobuf buffers it has just taken. The "
       "baremetal CPU does nothing: its NIC answers the reads from registered "
       "memory.\n\n"
       "Each transport buffer is one scatter entry of a READ: at v26.05 a "
       "128 KiB write uses one large buffer; at v26.01, with the RDMA default "
       "nvmf_create_transport.io_unit_size of 8 KiB, sixteen small ones. "
       "Requests with several SGL descriptors need extra data work requests "
       "from a pool of nvmf_create_transport.data_wr_pool_size.\n\n"
       "How many READs a queue pair may have in flight is capped by the read "
       "depth negotiated with the initiator's NIC (often 16) and by the send "
       "queue; requests beyond that wait in the queue pair's pending RDMA read "
       "queue (pending_rdma_read in nvmf_get_stats). Only when the last READ "
       "has completed does the write move on to execution.") },

  { "net.rdma_write",
    N_("The target pushes the read data"),
    N_("Once the SSD has filled the transport buffers, the storage node posts "
       "RDMA WRITE work requests that place the data at the address and key "
       "the baremetal host put in the command: the guest's own pages. The "
       "response SEND is posted in the same chain, right after the WRITEs, and "
       "RDMA ordering guarantees the data is in place before the initiator "
       "sees the response. The initiator gets no completion for the WRITE "
       "itself.\n\n"
       "The baremetal CPU is not involved; its NIC writes into registered "
       "memory. On the target, the WRITE may start only when the queue pair's "
       "send queue has room for the data work requests plus the response; "
       "otherwise the request waits in the pending RDMA write queue "
       "(pending_rdma_write in nvmf_get_stats).\n\n"
       "A 4 KiB read is a single 4 KiB WRITE. A 128 KiB read is one large "
       "buffer at v26.05 and sixteen 8 KiB scatter entries at v26.01 with the "
       "default nvmf_create_transport.io_unit_size. For RAID1 reads only one "
       "storage node sends data back.") },

  { "net.resp_capsule",
    N_("The response capsule returns"),
    N_("The target sends the 16-byte NVMe completion as a SEND into one of the "
       "receive buffers the baremetal initiator keeps posted for the queue "
       "pair, or in the poll group's shared receive queue when "
       "bdev_nvme_set_options.rdma_srq_size is not 0. The completion's command "
       "id names the rdma_req it belongs to.\n\n"
       "On the target, the request and its transport buffers are released only "
       "when the NIC reports this SEND complete, so buffer hold time includes "
       "this crossing. On the initiator, the receive completion lands in the "
       "poll group's completion queue, bounded by "
       "bdev_nvme_set_options.rdma_max_cq_size (0 lets the driver size it), and "
       "waits there until the next bdev_nvme_poll pass reaps it.\n\n"
       "For a RAID1 write two responses travel in parallel from two storage "
       "nodes; the guest's write completes when the second one has been "
       "processed. A response that never comes is caught by the command "
       "timeout (bdev_nvme_set_options.timeout_us, off by default) or by the "
       "controller's keep-alive (bdev_nvme_set_options.keep_alive_timeout_ms, "
       "30000 in raid_270).") },

  /* ------------------------------------------------------------------ */
  /* Storage node                                                        */
  /* ------------------------------------------------------------------ */

  { "nvmf_rdma.recv",
    N_("Receive the command on the storage node"),
    N_("nvmf_rdma_poll_group_poll is the nvmf_RDMA poller of each poll-group "
       "thread; nvmf_rdma_poller_poll reaps up to 32 work completions at a "
       "time from the completion queue of each RDMA device the group uses. A "
       "receive completion means a command capsule has arrived. It is paired "
       "with a free spdk_nvmf_rdma_request: with the default shared receive "
       "queue both come from the poller's pool of "
       "nvmf_create_transport.max_srq_depth (4096); with "
       "nvmf_create_transport.no_srq they belong to the queue pair, which has "
       "as many as its negotiated depth, at most "
       "nvmf_create_transport.max_queue_depth (128 by default). With no free "
       "request the capsule waits (pending_free_request in nvmf_get_stats).\n\n"
       "The request then enters nvmf_rdma_request_process, the target's "
       "per-request state machine, in state NEW. The command is read in place "
       "from the receive buffer and the transfer direction decoded. A command "
       "without data, or a write whose data came in the capsule, is ready to "
       "execute at once; everything else needs buffers first.\n\n"
       "Nothing is allocated per I/O: request objects, receive buffers and "
       "in-capsule buffers were allocated and registered with the NIC when "
       "the poll group or queue pair was created. On this node the work runs "
       "on one of the 28 poll-group threads.") },

  { "nvmf_rdma.wait_req",
    N_("No free RDMA request: the command waits"),
    N_("The receive completion has been reaped, so the command is already in "
       "target memory, but no spdk_nvmf_rdma_request is free in the pool it "
       "draws from: the pool of the shared receive queue, "
       "nvmf_create_transport.max_srq_depth requests (4096 by default) for "
       "each poll group and RDMA device, or, with "
       "nvmf_create_transport.no_srq, the queue pair's own array sized by its "
       "queue depth. nvmf_rdma_qpair_process_pending pairs incoming receives "
       "with free requests in arrival order; what it cannot pair stays on the "
       "incoming queue, and each pass that leaves it there counts "
       "pending_free_request in nvmf_get_stats.\n\n"
       "The pool has as many requests as receive buffers, yet it can run "
       "short. With the shared receive queue all the poll group's queue pairs "
       "on that device draw on the same pool, and their combined queue depths "
       "can exceed it. A request also hands its receive buffer back to the "
       "NIC as soon as it posts the response (request_transfer_out), but "
       "keeps its own slot until the NIC confirms that the response was sent, "
       "so for a while there are more posted receive buffers than free "
       "requests. The waiting command is picked up on the poller's first pass "
       "after _nvmf_rdma_request_free has returned a request.\n\n"
       "A growing pending_free_request means the request pool, not the SSD, "
       "is the limit: raise nvmf_create_transport.max_srq_depth (or "
       "nvmf_create_transport.max_queue_depth with no_srq), or spread queue "
       "pairs over more poll groups. Meanwhile the command keeps its receive "
       "buffer, which with a shared receive queue is one fewer for every "
       "queue pair that shares it.") },

  { "nvmf_rdma.in_capsule",
    N_("In-capsule data: the payload is already here"),
    N_("A write that fitted the controller's in-capsule size arrived inside "
       "the command's SEND, right behind the 64-byte command, in the receive "
       "buffer this request took over. nvmf_rdma_request_process sees it in "
       "state NEW: the command's data descriptor is an unkeyed data block "
       "with the offset subtype. It calls nvmf_rdma_request_parse_icd "
       "directly, not the SGL parser that handles keyed descriptors. That "
       "function checks the offset and length against "
       "nvmf_create_transport.in_capsule_data_size and points the request's "
       "single iovec into the receive buffer. Nothing is allocated, no iobuf "
       "buffer is taken, no RDMA READ is needed, and the request is ready to "
       "execute at once.\n\n"
       "The receive buffers are the transport's own: one per receive queue "
       "entry (nvmf_create_transport.max_srq_depth of them per poll group and "
       "device with the shared receive queue, else the queue depth per queue "
       "pair), each with room for a command and in_capsule_data_size bytes, "
       "registered with the NIC when they were created. The request keeps its "
       "buffer until request_transfer_out posts the response and hands the "
       "buffer back to the NIC for a new command; the lvol and the SSD read "
       "the write data from it in between.\n\n"
       "This saves a round trip and the transport buffers, which is why small "
       "writes are cheap over RDMA. in_capsule_data_size defaults to 4096 "
       "bytes. Raising it makes every receive buffer larger, used or not, and "
       "the target warns that in-capsule data above 4 KiB can corrupt data "
       "with Linux kernel initiators of versions 5.4 to 5.12. On the host "
       "side, SPDK's initiator sends a write inline only when its payload is "
       "a single buffer.") },

  { "nvmf_rdma.data_wrs",
    N_("A work request per descriptor"),
    N_("The command's data descriptor is a 'last segment' that points at a "
       "list of keyed descriptors, sent in the capsule right behind the "
       "command: the host described its buffer as several pieces. Each piece "
       "has its own address and key, so moving the data takes one RDMA work "
       "request per descriptor. The request has one built in; the others come "
       "from the transport's data_wr_pool, which nvmf_request_alloc_wrs takes "
       "from in one bulk get and chains behind the built-in one.\n\n"
       "At v26.01 this happens in nvmf_rdma_request_fill_iovs_multi_sgl, when "
       "the request tries to get its buffers: work requests first, then "
       "buffers for the total length. If either is missing, what was taken "
       "goes back and the request stays at the head of the poll group's "
       "pending queue, tried again on every pass (pending_data_buffer in "
       "nvmf_get_stats). At v26.05 a request with several descriptors first "
       "passes through its own NEED_DATA_WR state: it waits in line on the "
       "pending queue until nvmf_request_alloc_wrs succeeds, then moves on to "
       "NEED_BUFFER.\n\n"
       "The work requests go back with the request, once the response SEND "
       "has completed. nvmf_create_transport.data_wr_pool_size sizes the pool "
       "(4095 by default, raised at start to at least 32 per core); all poll "
       "groups share it through a mempool with per-core caches. A pool that "
       "runs short leaves requests waiting in this state even while transport "
       "buffers are plentiful.") },

  { "nvmf_rdma.get_buffers",
    N_("Take transport buffers"),
    N_("For a request whose data is not in the capsule (every read, and writes "
       "above nvmf_create_transport.in_capsule_data_size), "
       "nvmf_rdma_request_parse_sgl reads the keyed SGL, checks the length "
       "against nvmf_create_transport.max_io_size (128 KiB by default) and calls "
       "spdk_nvmf_request_get_buffers, which takes buffers with spdk_iobuf_get "
       "from the transport's iobuf channel on this poll group (module "
       "nvmf_RDMA). nvmf_rdma_request_fill_iovs then builds the scatter list "
       "with each buffer's NIC key.\n\n"
       "The buffers differ by version. At v26.01 the length is cut into "
       "nvmf_create_transport.io_unit_size pieces (8 KiB by default for RDMA), "
       "one buffer each, so 128 KiB takes sixteen small buffers. At v26.05 "
       "io_unit_size is deprecated: up to iobuf_set_options.small_bufsize the "
       "request takes small buffers, above it large ones, so 128 KiB is one "
       "large buffer.\n\n"
       "So do the caches. At v26.01 each poll group caches "
       "nvmf_create_transport.buf_cache_size, automatically (num_shared_buffers "
       "* 3 / 4) / poll groups: (4095 * 3 / 4) / 28 = 109 with defaults on this "
       "node. At v26.05 nvmf_create_transport.iobuf_small_cache_size and "
       "nvmf_create_transport.iobuf_large_cache_size take over, automatically "
       "(pool count / 2) / poll groups: 146 small and 18 large with default "
       "pools. The seed's dump shows nvmf_RDMA served almost entirely from "
       "cache, retry 0.") },

  { "lvol.submit",
    N_("The lvol turns the bdev I/O into a blob I/O"),
    N_("vbdev_lvol_submit_request is the lvol bdev's entry point. A write goes "
       "straight to lvol_write. A read first calls spdk_bdev_io_get_buf, which, "
       "as on the RAID bdev, finds the transport's iobuf buffers already "
       "attached and calls back at once without allocating; then lvol_read. "
       "Both fill the extended I/O options kept in the lvol's context inside "
       "the bdev_io and call spdk_blob_io_writev_ext or spdk_blob_io_readv_ext "
       "with the bdev's block offset and count: lvol blocks map one to one to "
       "blob I/O units.\n\n"
       "The channel passed down is this thread's blobstore channel, so each "
       "poll-group thread has its own set of blob request contexts and its own "
       "channel to the NVMe bdev below. Nothing is allocated in this step.\n\n"
       "The lvol's knobs do not change the common path; they shape its "
       "exceptions. The thin_provision flag of bdev_lvol_create decides whether "
       "a first write must allocate a cluster, and the cluster_sz of "
       "bdev_lvol_create_lvstore (4 MiB by default) sets the granularity of "
       "allocation and copy-on-write.") },

  { "blob.rw",
    N_("Map the lvol block to a cluster"),
    N_("The blob I/O ends in blob_request_submit_rw_iov. When the I/O stays "
       "within one cluster (nearly always with 4 MiB clusters), "
       "blob_calculate_lba_and_lba_count translates the blob offset into a "
       "device LBA through the blob's cluster map and reports whether that "
       "cluster is allocated. An I/O that crosses a cluster boundary is split, "
       "and its pieces are issued one after the other.\n\n"
       "The I/O then takes a request set, the blobstore's per-operation "
       "context, from this thread's blobstore channel: a fixed array built "
       "when the channel was created, 512 entries for an lvstore, with no RPC "
       "to change it. If none is free, the lvol completes the bdev_io with "
       "NOMEM and the bdev layer resubmits it after other I/O on the thread "
       "has finished.\n\n"
       "An allocated cluster goes on to the device. A read from a cluster a "
       "thin lvol has never written is served by the blob's backing device, "
       "which for a plain thin lvol returns zeroes without touching the SSD. A "
       "write to an unallocated cluster starts cluster allocation. If the blob "
       "is frozen (during snapshot creation, for example) the I/O is queued "
       "until it thaws.") },

  { "blob.alloc_cluster",
    N_("Allocate a cluster on first write"),
    N_("A write to a cluster that a thin-provisioned lvol has never written "
       "needs a cluster first. bs_allocate_and_copy_cluster keeps the write as "
       "a queued user operation; if another allocation is already pending on "
       "this channel it simply waits behind it. Otherwise it claims a free "
       "cluster from the blobstore's bitmap under a lock, reserves a new extent "
       "page if the map needs one, and takes a request set. With no free "
       "cluster left, the write fails with -ENOSPC: the thin-provisioning "
       "overcommit failure.\n\n"
       "For a plain thin lvol, backed by zeroes, no data is copied. For a "
       "clone or a snapshot-backed lvol the whole cluster is first read from "
       "the parent (or copied by the device when it supports copy) and "
       "written to the new cluster: with 4 MiB clusters, a 4 MiB read and "
       "write triggered by what may be a 4 KiB guest write.\n\n"
       "The map update runs on the blobstore's metadata thread: "
       "blob_insert_cluster_on_md_thread sends it a message, and it records "
       "the cluster and writes the extent page (or the blob's metadata) to "
       "the SSD. When that completes, the queued writes resume. So the first "
       "write to each cluster pays a thread hop and a metadata write, and "
       "other writes on this thread that also need a new cluster wait in line. "
       "The cluster_sz of bdev_lvol_create_lvstore sets how often this "
       "happens.") },

  { "blob.md_update",
    N_("The metadata thread records the cluster"),
    N_("A blob's cluster map belongs to the blobstore's metadata thread (the "
       "thread that loaded the lvstore, normally app_thread), so the I/O "
       "thread cannot change it. blob_insert_cluster_on_md_thread puts the "
       "request in a small context from the heap and sends it there as a "
       "message. On that thread blob_insert_cluster_msg enters the new "
       "cluster into the blob's map. If another thread allocated the same "
       "cluster in the meantime, the insert fails with -EEXIST: this thread's "
       "cluster is released and the write uses the other one.\n\n"
       "Then the change is made durable. With an extent table, which blobs, "
       "and so lvols, use by default, the extent page that covers the cluster "
       "is written to the device; if that page is new, the blob's metadata is "
       "synced after it so that it points at the page. Without an extent "
       "table the blob's metadata is rewritten. At v26.05 updates that fall "
       "in the same extent page are queued on the metadata thread and done "
       "one after another; v26.01 has no such queue.\n\n"
       "When the write has completed, the answer goes back to the I/O thread "
       "as another message. The first write to a cluster thus costs two "
       "thread hops and at least one metadata write on the same SSD, and it "
       "shares the metadata thread with everything else that runs there. The "
       "cluster_sz of bdev_lvol_create_lvstore decides how often it happens.") },

  { "blob.alloc_done",
    N_("Back on the I/O thread: the write goes on"),
    N_("The metadata thread's answer arrives as a message on the thread that "
       "issued the write. blob_op_cluster_msg_cpl calls "
       "blob_insert_cluster_cpl, which finishes the allocation's own "
       "sequence: bs_request_set_complete puts that request set back on the "
       "channel first and then calls blob_allocate_and_copy_cluster_cpl.\n\n"
       "That function takes every write that was queued on the channel "
       "waiting for an allocation and runs it again with bs_user_op_execute. "
       "The cluster is now in the map, so spdk_blob_io_writev_ext finds it "
       "allocated and sends the write to the device like any other, with a "
       "fresh request set for its sequence; the set that held the queued "
       "write goes back as soon as the write has been reissued. Only then is "
       "the copy context freed. If the allocation failed, the queued writes "
       "are aborted with the error instead.\n\n"
       "The queue is per channel: while one allocation is in flight, every "
       "other write on this thread that needs a new cluster waits behind it, "
       "even for a different cluster. A burst of first writes to a fresh thin "
       "lvol spends its time here and on the metadata thread.") },

  { "blob.alloc_queued",
    N_("One allocation at a time per channel: the write queues"),
    N_("Each blobstore channel, one per thread, allocates one cluster at a "
       "time. bs_allocate_and_copy_cluster first looks at the channel's "
       "need_cluster_alloc list: when another write on this thread is already "
       "waiting for its cluster, this write (held in the request set "
       "bs_user_op_alloc gave it) is put at the end of that list and nothing "
       "else happens yet.\n\n"
       "It runs again when the allocation in flight completes: "
       "blob_allocate_and_copy_cluster_cpl reissues every write of the list. "
       "A write whose cluster is still unallocated then starts the next "
       "allocation, and the others queue behind that one, so first writes to "
       "different clusters on one thread are allocated one after the other, "
       "each a round trip to the metadata thread and a metadata write. This "
       "is why a fresh thin lvol under random writes is slow until its "
       "clusters are allocated.") },

  { "blob.alloc_release",
    N_("The allocation cleans up after itself"),
    N_("Two things are released once the reissued write is on its way to the "
       "device. First bs_user_op_execute, having called "
       "spdk_blob_io_writev_ext, puts the request set that held the queued "
       "write back on the channel: the write now travels in the set of its "
       "new sequence. Then, as the calls unwind, "
       "blob_allocate_and_copy_cluster_cpl frees the copy context it took "
       "from the heap, and blob_op_cluster_msg_cpl frees the cluster op "
       "context that carried the request to the metadata thread and back.\n\n"
       "So a first write briefly holds three request sets of the channel (the "
       "queued write, the allocation's sequence, the data write) and two heap "
       "contexts. The blobstore's max_channel_ops (512, "
       "SPDK_BLOB_OPTS_DEFAULT_CHANNEL_OPS, which the lvol module keeps) "
       "bounds the sets, and running out fails the write with -ENOMEM, which the "
       "bdev layer retries.") },

  { "blob.dev_io",
    N_("Send the I/O to the NVMe bdev"),
    N_("bs_sequence_writev_dev or bs_sequence_readv_dev passes the translated "
       "LBA range and the same iovecs, the transport's iobuf buffers, to the "
       "blobstore's device: the bs_dev that wraps the NVMe bdev under the "
       "lvstore. The bs_dev calls spdk_bdev_writev_blocks_ext or "
       "spdk_bdev_readv_blocks_ext on its own channel to that bdev, which "
       "takes a second bdev_io from the same thread's cache. The request set "
       "travels along as the completion context.\n\n"
       "If no bdev_io is available, the bs_dev itself waits with "
       "spdk_bdev_queue_io_wait and resubmits when one is freed on this "
       "thread, so the blobstore never sees the shortage.\n\n"
       "From here the path is the generic bdev and bdev_nvme path again, this "
       "time towards a PCIe SSD: bdev_io_submit, bdev_nvme_submit_request "
       "with the single local path, an nvme_request from the qpair, a PCIe "
       "tracker. On the storage node, bdev_set_options.bdev_io_cache_size "
       "therefore has to cover two bdev_io for every request in flight on a "
       "thread.") },

  { "nvme_pcie.submit",
    N_("Put the command on the SSD's queue"),
    N_("nvme_qpair_submit_request hands the nvme_request to the PCIe "
       "transport, and nvme_pcie_qpair_submit_request takes a tracker from "
       "the qpair's free list. A tracker holds the request, the command id "
       "and the PRP list or SGL for the data. There are fewer trackers than "
       "queue entries: a quarter of the queue (at most 128 entries) is held "
       "back so one completion pass can never wrap the completion queue, so "
       "the default I/O queue of 256 entries gives 192 trackers. With no free "
       "tracker the driver returns -EAGAIN and the request waits on the "
       "qpair's queued list (queued_requests in "
       "bdev_nvme_get_transport_statistics).\n\n"
       "The data description is built from the payload by a function picked "
       "by the payload type and by whether the SSD takes SGLs. The SSD "
       "modelled here takes PRPs: a single buffer goes through "
       "nvme_pcie_qpair_build_contig_request, an iovec through "
       "nvme_pcie_qpair_build_prps_sgl_request at v26.01 (which walks the "
       "bdev_io's iovecs through bdev_nvme's callbacks) or "
       "nvme_pcie_qpair_build_prps_iov_request at v26.05 (which reads the "
       "iovec array). Each appends one PRP entry per memory page; beyond two "
       "entries the list is written into the tracker. The iovecs point at the "
       "transport's iobuf buffers, which are DMA-capable memory, so the SSD "
       "moves data straight to or from them: write data that arrived over the "
       "network reaches flash without a copy.\n\n"
       "The 64-byte command is copied into the submission queue slot and the "
       "tail advances. With bdev_nvme_set_options.delay_cmd_submit true (the "
       "default) the tail doorbell, an MMIO write to the SSD, is written at "
       "the end of the next completion pass, so several commands share one; "
       "otherwise it is written now.") },

  { "media",
    N_("The SSD does the work"),
    N_("No SPDK code runs in this step. The SSD fetches the command from host "
       "memory, reads or programs its flash, moves the data by DMA to or from "
       "the storage node's iobuf buffers, and writes a completion entry into "
       "the completion queue in host memory. SPDK does not take an interrupt "
       "for it; a poller will find the entry.\n\n"
       "The time here belongs to the device: tens of microseconds for a small "
       "read from NAND is typical, and writes often complete sooner because "
       "they land in the drive's power-protected cache. Everything SPDK adds "
       "around this step, on both hosts and on the network, is what the rest "
       "of the trace shows.\n\n"
       "For a RAID1 write in raid_270 this happens on two storage nodes at "
       "once, and the guest waits for the slower. The first write to a "
       "cluster of a thin lvol also costs a metadata write on the same SSD "
       "before the data write.") },

  /* ------------------------------------------------------------------ */
  /* Completion                                                          */
  /* ------------------------------------------------------------------ */

  { "nvme_rdma.poll",
    N_("Reap the response from the RDMA completion queue"),
    N_("bdev_nvme_poll, the thread's bdev_nvme poller, runs the NVMe poll "
       "group; for RDMA that is nvme_rdma_poll_group_process_completions. For "
       "each RDMA device it polls the completion queue shared by all the "
       "group's qpairs on that device, up to 128 work completions per batch. "
       "nvme_rdma_process_recv_completion takes a receive completion: the "
       "response's command id selects the rdma_req, which now has its 16-byte "
       "completion. A request is ready only when its SEND has completed as "
       "well, because the command buffer may be reused only then; whichever "
       "of the two completions comes second calls nvme_rdma_request_ready, "
       "and that calls nvme_rdma_req_complete.\n\n"
       "Everything above happens inside that call, on this thread: the "
       "nvme_request is freed, bdev_nvme and RAID1 run their callbacks (and, "
       "for the last leg, NVMf and the guest's completion entry), and the "
       "rdma_req is returned at the very end. After reaping, the poll group "
       "walks the qpairs that were active and posts the SEND and RECV work "
       "requests queued since the last pass, one doorbell per queue: this is "
       "where bdev_nvme_set_options.delay_cmd_submit batching is released, "
       "and where requests that waited for an rdma_req go out. The same "
       "poller also advances qpairs that are connecting and reaps those that "
       "disconnected, which is how reconnects make progress without a thread "
       "of their own.\n\n"
       "In raid_270 it runs on each of the three poll-group threads (cores "
       "5-7), next to the VFIO-user poller, on every reactor pass "
       "(bdev_nvme_set_options.nvme_ioq_poll_period_us 0). The admin queues "
       "of the replica controllers are polled separately by timed "
       "bdev_nvme_poll_adminq pollers on app_thread, every "
       "bdev_nvme_set_options.nvme_adminq_poll_period_us.") },

  { "nvme_pcie.poll",
    N_("Reap the completion from the SSD"),
    N_("On the storage node bdev_nvme_poll drives a PCIe poll group, which "
       "runs nvme_pcie_qpair_process_completions for the thread's qpair to "
       "the SSD. It reads new entries from the completion queue in host "
       "memory, recognising them by the phase bit, at most a quarter of the "
       "queue (and no more than 128) per call. Each entry's command id "
       "selects a tracker, and nvme_pcie_qpair_complete_tracker finishes it: "
       "nvme_complete_request frees the nvme_request and runs the callbacks "
       "above, bdev_nvme, the blobstore, the lvol and NVMf included, and only "
       "when they have returned does the tracker go back to the free list. A "
       "status the driver considers retryable is resubmitted on the same "
       "tracker instead, up to bdev_nvme_set_options.transport_retry_count "
       "times.\n\n"
       "After the batch it writes the completion queue head doorbell once "
       "and, with bdev_nvme_set_options.delay_cmd_submit, the submission "
       "queue tail doorbell for commands queued since the last pass. Requests "
       "that waited for a tracker on the qpair's queued list are resubmitted "
       "when the qpair's pass is over.\n\n"
       "The seed's storage-node dump shows bdev_nvme_poll active on every "
       "poll-group thread next to nvmf_RDMA: each of the 28 threads has its "
       "own qpair to the local SSD, and a completion is handled on the thread "
       "that submitted it, without cross-thread messages. "
       "bdev_nvme_set_options.nvme_ioq_poll_period_us (0 polls on every "
       "reactor pass) trades latency for CPU.") },

  { "nvme_pcie.tracker_free",
    N_("The PCIe tracker goes back last"),
    N_("nvme_pcie_qpair_complete_tracker took the tracker named by the "
       "completion's command id, removed it from the outstanding list and "
       "called nvme_complete_request. Only when that call returns, every "
       "callback above it finished (bdev_nvme, the blobstore, the lvol, NVMf "
       "handing the response to its transport, and the frees of the lvol and "
       "NVMe bdev_io), does it clear the tracker's request and put the "
       "tracker back at the head of the qpair's free list.\n\n"
       "Trackers bound what the SSD can have outstanding on this qpair: the "
       "queue's entries minus the quarter (at most 128) held back so one "
       "completion pass cannot wrap the completion queue, 192 for the default "
       "256-entry queue. A request that found none waited on the qpair's "
       "queued list; it is resubmitted once the qpair's completion pass is "
       "over, so a tracker freed here can be reused within the same "
       "bdev_nvme_poll call.\n\n"
       "A tracker is thus held for the device time plus the whole completion "
       "chain on this thread, the longest of the per-command objects on the "
       "PCIe side. A status the driver retries by itself (retryable, with "
       "retries left under bdev_nvme_set_options.transport_retry_count) is "
       "resubmitted on the same tracker and never reaches bdev_nvme.") },

  { "nvme.complete",
    N_("Free the nvme_request, then call back"),
    N_("nvme_complete_request, an inline function of the NVMe driver, is "
       "where every transport hands a finished command to the layers above: "
       "the RDMA initiator from nvme_rdma_req_complete, PCIe from "
       "nvme_pcie_qpair_complete_tracker, TCP from nvme_tcp_req_complete. Its "
       "order is the point of this step. It first puts the nvme_request back "
       "on the qpair's free list, and only then calls the callback bdev_nvme "
       "gave when it submitted the command, bdev_nvme_readv_done or "
       "bdev_nvme_writev_done, with the completion. (A request that still "
       "carries an accel sequence at this point has failed; the sequence is "
       "aborted first.)\n\n"
       "Everything above therefore completes inside this call, with the "
       "nvme_request already free: bdev_nvme, the bdev layer, RAID1 or the "
       "blobstore and lvol, and NVMf. If another I/O of this thread was "
       "parked as NOMEM for lack of an nvme_request, the completion of the "
       "NVMe bdev_io inside this call is what lets the bdev layer retry it, "
       "and the retry can use the request just freed. The transport's own "
       "object is another matter: the rdma_req and the PCIe tracker go back "
       "only after this call returns, while nvme_tcp returns its tcp_req just "
       "before calling it.\n\n"
       "A failed command takes the same path, with its status in the "
       "completion; bdev_nvme decides what to retry. The number of "
       "nvme_request objects per qpair is fixed when the qpair is created: "
       "bdev_nvme_set_options.io_queue_requests, raised to the driver's own "
       "floor.") },

  { "bdev_nvme.complete",
    N_("NVMe status becomes bdev status"),
    N_("bdev_nvme_readv_done or bdev_nvme_writev_done is the callback of the "
       "NVMe command. nvme_complete_request calls it with the nvme_request "
       "already back on the qpair's free list. A protection-information error "
       "is looked at first (a read is repeated without the check to tell a "
       "data error from a PI error, a write's data is verified); otherwise "
       "both go to bdev_nvme_io_complete_nvme_status. On success it updates "
       "the path statistics (kept because raid_270 sets "
       "bdev_nvme_set_options.io_path_stat true; see "
       "bdev_nvme_get_path_iostat) and completes the NVMe bdev's bdev_io with "
       "the NVMe status, which runs RAID1's leg callback right here.\n\n"
       "On an error it chooses between failing and retrying. Errors marked Do "
       "Not Retry, aborts requested by the host, or a retry count beyond "
       "bdev_nvme_set_options.bdev_retry_count (3 by default) complete the "
       "I/O as failed. Path errors (ANA state, a deleted submission queue, a "
       "path or controller no longer available) clear the cached path and "
       "retry at once, on another path if one may still come back. Other "
       "errors count as a retry and go again after the delay the controller "
       "suggests in the completion, or at once if it suggests none. Retries "
       "wait on the channel's retry list, driven by a poller.\n\n"
       "Only after this does RAID1 learn the leg's outcome, and a leg that "
       "finally fails marks its replica failed. Transient path trouble is "
       "therefore best absorbed here, by multipath and retries, before it "
       "degrades the mirror.") },

  { "bdev_nvme.complete@storage",
    N_("NVMe status back to the blobstore"),
    N_("On the storage node this callback runs inside the PCIe completion: "
       "nvme_complete_request has already freed the nvme_request, but the "
       "tracker stays taken until this whole chain has returned. "
       "bdev_nvme_io_complete_nvme_status translates the SSD's status and "
       "completes the NVMe bdev's bdev_io, whose callback belongs to the "
       "blobstore's device layer, blob_bdev.\n\n"
       "The retry rules are the same as on the baremetal host, but with one "
       "local path there is nowhere to fail over to. Status codes with Do Not "
       "Retry set (most media errors) complete at once as failures; others "
       "are retried up to bdev_nvme_set_options.bdev_retry_count (3 by "
       "default) times, after the delay the SSD suggests. A failure reaches "
       "the baremetal host as an error status in the response capsule, where "
       "RAID1 fails that leg: for a read it then tries the other replica, for "
       "a write the mirror continues degraded.\n\n"
       "Nothing else is freed yet: the transport buffers still hold the data, "
       "and the request set, the lvol bdev_io, the NVMe bdev_io and the "
       "tracker are released in the next steps, in that order.") },

  { "blob.complete",
    N_("Finish the blob request"),
    N_("When the NVMe bdev_io completes, blob_bdev's callback, "
       "bdev_blob_io_complete, calls the blobstore back with 0 or -EIO before "
       "it does anything else; it frees its own bdev_io only when that call "
       "has returned. The blobstore's sequence then finishes: "
       "bs_request_set_complete copies the operation's completion, puts the "
       "request set back on the channel's free list, and only then calls the "
       "blob operation's callback, lvol_op_comp. (An I/O that was split at a "
       "cluster boundary first issues its next piece.)\n\n"
       "Putting the set back before calling up means no set is held while the "
       "layers above complete. An lvol I/O that got NOMEM for lack of a set "
       "can be retried by the bdev layer from the lvol completion that "
       "follows, and then finds this set free.\n\n"
       "On the storage node the objects of one request are released in this "
       "order: the nvme_request when the completion is reaped, the request "
       "set here, the lvol bdev_io once NVMf has handed the response to its "
       "transport, the NVMe bdev_io when blob_bdev's callback returns, the "
       "PCIe tracker when the driver's completion returns, and last the "
       "transport's buffers and request, once the response has been sent.") },

  { "lvol.complete",
    N_("The lvol completes its bdev_io"),
    N_("lvol_op_comp is the callback the lvol gave the blobstore. It runs "
       "inside bs_request_set_complete, with the request set already back on "
       "the channel, and turns the blobstore's result into a bdev status: 0 "
       "is success, -ENOMEM becomes NOMEM, anything else FAILED. Then it "
       "calls spdk_bdev_io_complete on the lvol's bdev_io.\n\n"
       "With NOMEM the bdev layer completes nothing: it parks the bdev_io on "
       "this thread's nomem list and resubmits it once enough other I/O has "
       "completed, so a blobstore short of request sets costs latency, not an "
       "error. Otherwise the bdev layer records the lvol's statistics and "
       "calls NVMf's nvmf_bdev_ctrlr_complete_cmd, still inside the SSD's "
       "completion: on the storage node the response to the host is queued "
       "before bdev_nvme_poll has left the completion entry that started it "
       "all.\n\n"
       "The lvol bdev_io is not freed here; NVMf frees it once the transport "
       "has the response. bdev_get_iostat on the lvol therefore covers the "
       "lvol, the blobstore and the SSD; the network and the transport's data "
       "transfers are outside it.") },

  { "bdev.complete",
    N_("Complete the bdev_io"),
    N_("spdk_bdev_io_complete is how a module reports that an I/O is done. It "
       "decrements the outstanding counters and looks at the status. NOMEM "
       "does not complete anything: the bdev_io goes back on the nomem list "
       "to be resubmitted later. A bounce buffer is copied back first. If the "
       "module completes inside its own submit call, the completion is "
       "deferred by a message to avoid unbounded recursion.\n\n"
       "The bdev layer then records latency and statistics (bdev_get_iostat, "
       "and histograms when enabled) and calls the user's callback. It does "
       "not free the bdev_io: the user does, with spdk_bdev_free_io, usually "
       "at the end of its callback. That returns the bdev_io to the thread's "
       "cache while it holds fewer than bdev_set_options.bdev_io_cache_size, "
       "else to the global pool, gives back any buffer the bdev layer had "
       "allocated, and immediately runs callers waiting for a bdev_io on this "
       "thread.\n\n"
       "Every completion also gives I/O parked on the nomem list a chance to "
       "be retried, once enough outstanding I/O has drained.") },

  { "bdev.complete@baremetal",
    N_("Complete the bdev_io (baremetal)"),
    N_("On the baremetal host this happens three times for a write and twice "
       "for a read, innermost first. bdev_nvme completes each leg's bdev_io; "
       "the RAID1 callback frees it at once, back to the poll-group thread's "
       "cache (bdev_set_options.bdev_io_cache_size 128 in raid_270), and "
       "accounts for the leg. When RAID1 has its answer it completes the RAID "
       "bdev_io, whose callback is NVMf's nvmf_bdev_ctrlr_complete_cmd: it "
       "fills the NVMe completion, completes the NVMf request, which writes "
       "the guest's completion entry, and only then frees the RAID bdev_io.\n\n"
       "All of this runs on the thread that submitted, so no messages cross "
       "cores and every bdev_io returns to the cache it came from. With 128 "
       "cached per thread and a pool of 1048576, the io_wait queue stays empty "
       "in practice.\n\n"
       "The latency recorded for the RAID bdev covers both legs; "
       "bdev_get_iostat on the NVMe bdevs shows each replica's, and "
       "bdev_nvme_get_path_iostat each path's.") },

  { "bdev.complete@storage",
    N_("Complete the bdev_io (storage node)"),
    N_("On the storage node two bdev_io complete per request, one inside the "
       "other. The NVMe bdev's completes first; its callback belongs to "
       "blob_bdev, which calls the blobstore back. That finishes the request "
       "set and runs lvol_op_comp, which completes the lvol's bdev_io; its "
       "callback, nvmf_bdev_ctrlr_complete_cmd, fills the completion for the "
       "host, hands the request back to the transport, and frees the lvol "
       "bdev_io into the poll-group thread's cache. Only when all of that has "
       "returned does blob_bdev free the NVMe bdev_io.\n\n"
       "A NOMEM status from the lvol (no blob request set available) is not a "
       "completion: the bdev layer puts the I/O back on the nomem list and "
       "resubmits it when enough other I/O on this thread has finished. The "
       "host sees only extra latency.\n\n"
       "The transport buffers are still held at this point. For a read the "
       "data has yet to be pushed with RDMA WRITE; for a write the buffers "
       "are released only after the response has been sent. Buffer occupancy "
       "on this node therefore spans more than the bdev_io's life.") },

  { "bdev.free_io",
    N_("Free the bdev_io"),
    N_("spdk_bdev_free_io is called by whoever submitted the bdev_io, from "
       "its completion callback; the bdev layer leaves that to the caller. On "
       "this path that is NVMf once the request has been handed to its "
       "transport, RAID1 for each leg before it completes the parent, and "
       "blob_bdev once the blobstore's callback has returned. If the bdev "
       "layer had given the I/O a buffer of its own (spdk_bdev_io_get_buf "
       "with no buffer attached), that buffer goes back to iobuf first.\n\n"
       "The bdev_io then returns to this thread's management channel: into "
       "the per-thread cache while it holds fewer than "
       "bdev_set_options.bdev_io_cache_size, otherwise straight back to the "
       "global mempool of bdev_set_options.bdev_io_pool_size. A return to the "
       "cache also serves the thread's io_wait queue: callers that registered "
       "with spdk_bdev_queue_io_wait are called in order, inside this call, "
       "for as long as the cache is not empty, and each resubmits its I/O.\n\n"
       "So a bdev_io is normally reused by the next I/O on the same thread, "
       "and the shared mempool is touched only when a cache runs empty or "
       "overflows. Only this thread's frees wake its waiters. A bdev_io held "
       "until late, like the RAID1 bdev_io that NVMf frees only after the "
       "guest's completion entry is written, counts against the cache for "
       "that whole time.") },

  { "nvmf.complete",
    N_("Complete the NVMf request"),
    N_("spdk_nvmf_request_complete runs _nvmf_request_complete on the poll "
       "group's thread, here the current thread, so directly. It fills the "
       "completion's command id, sets the retry-delay hint when the error "
       "allows a retry and the host enabled it, takes the request off the "
       "qpair's outstanding list, counts it in nvmf_get_stats "
       "(completed_nvme_io), and calls the transport's completion.\n\n"
       "It also keeps the per-namespace count of I/O in flight, which lets a "
       "subsystem pause (for a namespace change, for example) finish as soon "
       "as the last I/O drains.\n\n"
       "Nothing is allocated or freed at this level: the request belongs to "
       "the transport, and the transport decides when it is free again. What "
       "happens next depends on it: VFIO-user writes the guest's completion "
       "entry at once, while RDMA first pushes any read data, then sends a "
       "response capsule and holds its buffers until the NIC confirms.") },

  { "nvmf.complete@baremetal",
    N_("Complete the NVMf request (VFIO-user)"),
    N_("spdk_nvmf_request_complete runs _nvmf_request_complete on this "
       "poll-group thread: it fills the completion's command id, sets the "
       "retry-delay hint if the error allows a retry, removes the request from "
       "the queue pair's outstanding list, counts it (completed_nvme_io in "
       "nvmf_get_stats) and calls the transport.\n\n"
       "The transport is VFIO-user, and its completion writes the guest's "
       "completion entry right away: by the time this call returns, the guest "
       "can see that its command finished. Only then, back in "
       "nvmf_bdev_ctrlr_complete_cmd, is the RAID bdev_io freed into the "
       "thread's cache. The guest may already be issuing its next command "
       "while this thread finishes the bookkeeping.\n\n"
       "The per-namespace count of I/O in flight is updated too, so a "
       "subsystem pause on the baremetal host, for example while a namespace "
       "is added for another VM, waits only for I/O already in progress.") },

  { "nvmf.complete@storage",
    N_("Complete the NVMf request (RDMA)"),
    N_("spdk_nvmf_request_complete runs _nvmf_request_complete on the poll "
       "group's thread: it fills the completion's command id, sets the "
       "retry-delay hint if the error allows a retry, removes the request from "
       "the outstanding list, counts it and calls the RDMA transport.\n\n"
       "nvmf_rdma_request_complete marks the request EXECUTED and runs the "
       "state machine. A successful read joins the queue pair's pending RDMA "
       "write queue, because its data must go back before the response; a "
       "write, or any failed command, needs only the response and joins the "
       "pending send queue. If the connection has died meanwhile, the request "
       "goes straight to COMPLETED and its resources are released.\n\n"
       "Back in nvmf_bdev_ctrlr_complete_cmd the lvol bdev_io is then freed. "
       "The transport buffers and the RDMA request stay in use until the NIC "
       "confirms the response was sent.") },

  { "nvmf_rdma.complete",
    N_("Send data and response, release resources"),
    N_("After execution the RDMA state machine finishes the request. A "
       "successful read waits its turn in the pending RDMA write queue until "
       "the send queue has room for the data work requests plus the response; "
       "then the RDMA WRITEs and the response SEND are posted together. A "
       "write, or a failed read, needs only the response and waits for a "
       "single send slot.\n\n"
       "The request stays allocated until the NIC reports the SEND complete. "
       "Then, in state COMPLETED, nvmf_rdma_request_free gives every transport "
       "buffer back with spdk_iobuf_put: to a request waiting for a buffer on "
       "this thread first, else into the nvmf_RDMA poll-group cache, with a "
       "batch going back to the central ring once the cache holds a batch more "
       "than its size. The RDMA request returns to its free list, and its "
       "latency is added to the poller's statistics (request_latency in "
       "nvmf_get_stats).\n\n"
       "So a transport buffer is held from SGL parsing, through the SSD "
       "operation and the network transfer, until the response has left. "
       "Buffer demand on the storage node is requests in flight times buffers "
       "per request, spread over its 28 poll groups.") },

  { "nvmf_rdma.release",
    N_("The SEND completes: the target lets go"),
    N_("Posting the response is not the end of the request on the target. "
       "The RDMA request, and every iobuf buffer it holds, stays allocated "
       "until the NIC reports that the response SEND has completed, because "
       "until then the hardware may still be reading the buffers or the "
       "response. The poller sees that completion on its next pass and the "
       "state machine moves the request to COMPLETED.\n\n"
       "Only now does _nvmf_rdma_request_free hand the buffers back with "
       "spdk_iobuf_put. A request on this thread that is waiting for a buffer "
       "gets one first; otherwise the buffer joins the nvmf_RDMA poll-group "
       "cache, and once the cache holds a whole batch more than its size a "
       "batch goes back to the central ring for other threads. Extra work "
       "requests a multi-SGL request took go back to the transport's "
       "data_wr_pool next, and the request last: with the default shared "
       "receive queue to the poll group's pool (nvmf_create_transport."
       "max_srq_depth), with no_srq to its qpair's own array "
       "(nvmf_create_transport.max_queue_depth).\n\n"
       "This is why transport buffers are held for a network round trip "
       "longer than the SSD needs them: the time to size "
       "nvmf_create_transport.num_shared_buffers (v26.01) or "
       "nvmf_create_transport.iobuf_small_cache_size and "
       "nvmf_create_transport.iobuf_large_cache_size (v26.05) is requests in "
       "flight times the whole hold time, response included.") },

  { "bdev.nomem",
    N_("No nvme_request left: NOMEM and retry"),
    N_("Every I/O qpair has a fixed array of nvme_request objects. When all "
       "of them are in use, the NVMe driver's command builder returns -ENOMEM "
       "instead of queueing the command itself. bdev_nvme turns that into the "
       "NOMEM status of the bdev_io, and the generic bdev layer parks the "
       "bdev_io on the channel's nomem list. It is resubmitted when enough "
       "I/Os on the same channel have completed, so nothing is lost, but the "
       "request now waits for other requests rather than for the device.\n\n"
       "The number of nvme_request objects is not simply "
       "bdev_nvme_set_options.io_queue_requests: bdev_nvme uses the larger of "
       "that value and the driver's own count, which is 512 by default and "
       "never below the queue size. Values under 512 therefore change nothing; "
       "only a larger value raises the count.\n\n"
       "On the baremetal host this wait shows up as higher latency with no "
       "error and no iobuf retries, which makes it easy to miss: look at the "
       "number of I/Os the guest keeps in flight per qpair, set by "
       "nvmf_create_transport.max_queue_depth and "
       "nvmf_create_transport.max_io_qpairs_per_ctrlr on the VFIO-user side.") },

  { "net.tcp_capsule",
    N_("Command capsule over TCP to a replica"),
    N_("Over NVMe/TCP the command travels as a capsule PDU: a 72-byte header "
       "(the 8-byte common header, then the 64-byte NVMe command as the "
       "PDU-specific header), followed by the write data when it fits the "
       "controller's in-capsule size. The host computes that size from the "
       "controller's IOCCSZ, which the SPDK target derives from "
       "nvmf_create_transport.in_capsule_data_size: 4096 bytes by default, so a "
       "4 KiB write needs no R2T and no transport buffer on the target.\n\n"
       "The PDU is queued on the socket and reaches the kernel when the socket "
       "group is next flushed, just before the poll group waits for events. "
       "Unlike RDMA, the TCP initiator does not look at "
       "bdev_nvme_set_options.delay_cmd_submit: the socket layer does its own "
       "batching.\n\n"
       "Each replica has its own TCP connection from every host thread, so a "
       "RAID1 write sends two capsules, one per leg, and both compete for the "
       "same host CPU and the same network link.") },

  { "nvme_rdma.req_put",
    N_("The rdma_req goes back last"),
    N_("nvme_rdma_req_complete finishes a command whose SEND and response "
       "have both completed. It takes the rdma_req off the qpair's "
       "outstanding list and calls nvme_complete_request with the response, "
       "which frees the nvme_request and then runs the whole chain above on "
       "this thread: bdev_nvme, the child bdev_io's completion, RAID1's leg "
       "callback and, for the last leg, NVMf and the guest's completion "
       "entry. Only when all of that has returned does nvme_rdma_req_put "
       "clear the rdma_req and put it back on the qpair's free list.\n\n"
       "The rdma_req is the slot that bounds commands on the wire: queue size "
       "minus one per qpair, 127 with an SPDK target's default "
       "nvmf_create_transport.max_queue_depth of 128. A request that found no "
       "slot waited on the qpair's queued list; it does not take this one at "
       "once but when the poll group walks its active qpairs at the end of "
       "the pass, after the completions. queued_requests in "
       "bdev_nvme_get_transport_statistics shows how often that happens.\n\n"
       "The response's receive buffer is reposted in this pass too: at v26.05 "
       "before the callbacks run, in nvme_rdma_process_recv_completion; at "
       "v26.01 after them, when nvme_rdma_request_ready regains control. A "
       "completion with an error status takes the same path; an error on the "
       "completion queue itself (a flushed or failed work request) instead "
       "fails the qpair, which bdev_nvme turns into a reset or a failover to "
       "the replica's other path.") },

  { "raid1.write_complete",
    N_("Join the two legs"),
    N_("Each leg's completion lands in raid1_write_bdev_io_completion on the "
       "submitting thread. A failed leg marks its base bdev failed in the RAID, "
       "which degrades the mirror; the leg's bdev_io is freed back to the "
       "thread's cache either way. raid_bdev_io_complete_part then lowers the "
       "count of legs still expected.\n\n"
       "The result has a twist. For RAID1 writes the default status is "
       "failure, and any leg that succeeds switches it to success. So when the "
       "second leg is counted, the RAID bdev_io completes successfully if at "
       "least one replica took the data, and fails only if none did. A guest "
       "sees no error when one storage node fails, but the mirror is then "
       "degraded and needs a rebuild.\n\n"
       "The RAID bdev_io completes only with the slower leg; RAID1 never "
       "acknowledges after the first. Latency spikes on either replica, a "
       "busy storage node, a reconnecting path, show directly in the VM's "
       "write latency.") },

  { "bdev.split_done",
    N_("A part of the split completes"),
    N_("Each part's completion lands in bdev_io_split_done, inside the "
       "completion of its NVMe command. It records a failure (and then issues "
       "no further parts), frees the part's bdev_io back to the thread's "
       "cache at once, and lowers the count of parts outstanding. While parts "
       "are outstanding it returns; if blocks remain to be issued, it builds "
       "the next round.\n\n"
       "When the last part is in and nothing remains, the parent completes, "
       "but not through spdk_bdev_io_complete: parent_bdev_io_complete calls "
       "the parent's callback, here RAID1's leg completion, directly, with "
       "the status the parts left. The parent was never handed to a module, "
       "so there are no outstanding counters to lower for it; each part went "
       "through spdk_bdev_io_complete and counts in bdev_get_iostat of the "
       "NVMe bdev as an I/O of its own.\n\n"
       "For latency, a split leg is as slow as its slowest part, and the "
       "parts share one qpair and one storage node. A guest I/O of more than "
       "16 pages therefore costs twice the per-command overhead on every "
       "replica.") },

  { "raid1.read_complete",
    N_("Read leg done"),
    N_("raid1_read_bdev_io_completion frees the leg's bdev_io and lowers the "
       "outstanding read-block counter of the leg it used on this thread's "
       "RAID channel, the counter the next read's choice will look at. On "
       "success it completes the RAID bdev_io: the data is already in the "
       "guest's pages, written there by the storage node's RDMA WRITE.\n\n"
       "On failure RAID1 does not give up. raid1_read_other_base_bdev tries "
       "the other leg, and if that read succeeds, raid1_correct_read_error "
       "writes the good data back to the leg that failed before completing "
       "successfully. Only when every leg fails does the guest see an error. "
       "A repaired read costs a second network round trip plus a write, which "
       "shows as an occasional slow read.\n\n"
       "The RAID bdev_io then completes towards NVMf, on the same thread.") },

  { "vfu.complete",
    N_("Post the completion to the guest"),
    N_("nvmf_vfio_user_req_complete is the VFIO-user transport's completion. "
       "Its handler first releases the guest-memory mappings made when the "
       "command arrived, then post_completion writes a 16-byte completion "
       "entry into the guest's completion queue, which lives in guest memory: "
       "the command id, the current SQ head so the guest can reuse slots, the "
       "status and the phase bit, with a write barrier so the guest never "
       "sees a half-written entry. The CQ tail then advances.\n\n"
       "If the queue uses interrupts, the target raises the queue's interrupt "
       "vector through libvfio-user, an eventfd that KVM injects into the "
       "guest, unless adaptive interrupt coalescing defers it. The request is "
       "reset and put back on the submission queue's free list.\n\n"
       "That ends the I/O. The guest's driver reads the entry, completes the "
       "block request and writes the CQ head doorbell, which also frees the "
       "slot for the target's flow control. In raid_270 a VM has at most two "
       "I/O queues (nvmf_create_transport.max_io_qpairs_per_ctrlr 2) of at "
       "most 128 entries (nvmf_create_transport.max_queue_depth 128).") },

  { "guest.complete",
    N_("The guest sees the completion"),
    N_("The last step is the guest's again. With VFIO-user, post_completion "
       "has written the completion entry into the guest's completion queue "
       "and, unless the target coalesces interrupts, signalled the queue's "
       "interrupt vector. The guest's driver recognises the new entry by its "
       "phase bit, completes the block request with the status it carries, "
       "and writes the completion queue head doorbell, which tells the target "
       "the slot may be reused.\n\n"
       "With the TCP front end the guest's initiator reads the capsule "
       "response, or for a read the C2H DATA PDU flagged as the completion, "
       "on its next poll and completes the request in its own nvme_tcp "
       "driver.\n\n"
       "The time from the guest's submission to here is the latency the "
       "application sees. Everything in between ran in SPDK, on the fabric "
       "and on the replicas; the guest's own interrupt handling and "
       "scheduling add to it and are outside this trace.") },

  /* ------------------------------------------------------------------ */
  /* Situational steps                                                   */
  /* ------------------------------------------------------------------ */

  { "bdev.io_wait",
    N_("Wait for a bdev_io"),
    N_("The thread's bdev_io cache is empty, and either the global mempool is "
       "empty too or other requests are already waiting; "
       "bdev_channel_get_io does not let a newcomer jump the queue. The "
       "submit call returns -ENOMEM before anything is allocated. NVMf, RAID1 "
       "and the blobstore's device layer all react the same way: they "
       "register a wait entry with spdk_bdev_queue_io_wait on this thread's "
       "management channel and return. (SPDK refuses such an entry while the "
       "cache still holds a bdev_io.)\n\n"
       "When spdk_bdev_free_io puts a bdev_io back into this thread's cache, "
       "it calls the waiting entries in order for as long as the cache is not "
       "empty, and each resubmits its I/O from the start. RAID1 inserts its "
       "entries at the head, since a waiting leg holds a parent I/O. NVMf "
       "counts its waits as pending_bdev_io in nvmf_get_stats.\n\n"
       "Only this thread's frees wake these waiters. In raid_270 the step is "
       "practically unreachable on the baremetal host, with "
       "bdev_set_options.bdev_io_pool_size 1048576; it becomes real when the "
       "pool is near its minimum, bdev_set_options.bdev_io_cache_size times "
       "(threads + 1).") },

  { "nvme.queued",
    N_("No free slot: the I/O is queued"),
    N_("There are two queues here, at two levels. When the qpair has no free "
       "nvme_request, the driver's namespace call returns -ENOMEM; bdev_nvme "
       "reports NOMEM, and the bdev layer parks the bdev_io on the nomem list "
       "of this thread's shared resource. It is resubmitted once enough other "
       "I/O on that resource has completed: the outstanding count must fall to "
       "half of what it was when the I/O was parked, or to 8 below it if that "
       "is higher (with nothing outstanding, a 10 ms poller retries). New I/O "
       "queues behind it.\n\n"
       "When the nvme_request was available but the transport has no slot (no "
       "free rdma_req on an RDMA queue, no tracker on a PCIe queue), nothing "
       "fails: the driver puts the request on the qpair's queued list and "
       "sends it as completions free slots, counting queued_requests in "
       "bdev_nvme_get_transport_statistics.\n\n"
       "In raid_270 the second case is the one to expect. The effective "
       "request count is 512 per qpair, because "
       "bdev_nvme_set_options.io_queue_requests 128 is below the driver's "
       "floor, while a replica qpair has 127 RDMA slots with the target's "
       "default queue depth of 128. Reports of -ENOMEM when queue depth times "
       "split children exceeds the request count (spdk#566, spdk#661) are the "
       "first case.") },

  { "nvmf_rdma.need_buffer",
    N_("Wait for transport buffers"),
    N_("spdk_nvmf_request_get_buffers could not get every buffer the request "
       "needs: the poll group's cache and the central ring were both empty. "
       "The request stays in state NEED_BUFFER and pending_data_buffer grows "
       "in nvmf_get_stats. At v26.05 the request keeps the buffers it already "
       "has, waits on its queue pair's pending list with an iobuf wait entry "
       "(retry in iobuf_get_stats), and resumes from the entry's callback when "
       "a buffer is returned on this thread. At v26.01 the transport gives "
       "back what it took, and the request waits at the head of the poll "
       "group's pending buffer queue, tried again on every poll pass, with "
       "the requests behind it waiting in line.\n\n"
       "Nothing is logged at default levels. The only message, 'No available "
       "large data buffers. Queueing request' with the request's address, is "
       "a DEBUG line in rdma.c (line 1941 at v26.05, 1949 at v26.01), next "
       "to the "
       "RDMA_REQ_NEED_BUFFER trace point. Reports of reads stuck waiting for "
       "buffers (spdk#2824) and of large writes stalling (spdk#3646) look like "
       "this.\n\n"
       "The remedies are more central buffers (iobuf_set_options.small_pool_count, "
       "iobuf_set_options.large_pool_count) or smaller caches on idle poll "
       "groups: nvmf_create_transport.iobuf_small_cache_size and "
       "nvmf_create_transport.iobuf_large_cache_size at v26.05, "
       "nvmf_create_transport.buf_cache_size at v26.01.") },

  /* ------------------------------------------------------------------ */
  /* TCP transport and malloc backend                                    */
  /* ------------------------------------------------------------------ */

  { "net.guest_cmd",
    N_("The guest's command crosses to the baremetal"),
    N_("In this setup the guest does not ring a doorbell: bdevperf drives "
       "SPDK's own NVMe/TCP initiator, so the command leaves the guest as a "
       "TCP capsule PDU built by nvme_tcp_qpair_capsule_cmd_send. It is 72 "
       "bytes of header (8 bytes of PDU header around the 64-byte NVMe "
       "command), plus a digest word if header digests were negotiated. A "
       "write no larger than the in-capsule size the baremetal target "
       "advertised (nvmf_create_transport.in_capsule_data_size, 4096 by "
       "default) has its data appended to the same PDU, so every 4 KiB write "
       "of the captured run travels in one piece.\n\n"
       "The PDU is not sent at once. It is queued on the socket, and SPDK's "
       "posix socket layer hands a connection's queued PDUs to the kernel "
       "together, up to 64 iovecs per sendmsg call, when the socket group is "
       "next polled, or earlier once 64 iovecs are waiting. "
       "bdev_nvme_set_options.delay_cmd_submit plays no part here; only the "
       "RDMA and PCIe drivers read it.\n\n"
       "From there it is plain TCP: the kernel segments, acknowledges and "
       "retransmits. The baremetal's nvmf_TCP poller finds the bytes on its "
       "next pass over its socket group. In the captured run the guest and "
       "the target share one machine and talk over 127.0.0.1:4430, so the "
       "crossing is a copy through the kernel's loopback device rather than "
       "a wire.") },

  { "nvmf_tcp.recv",
    N_("Read the command PDU, take a TCP request"),
    N_("Each NVMf poll-group thread runs an nvmf_TCP poller. "
       "nvmf_tcp_poll_group_poll polls the group's sockets, and for every "
       "readable connection nvmf_tcp_sock_process reads the next PDU in "
       "stages: the 8-byte common header, the rest of the header, then any "
       "payload. When a command capsule's header is complete, "
       "nvmf_tcp_capsule_cmd_hdr_handle takes a free spdk_nvmf_tcp_req of "
       "the connection and the request enters nvmf_tcp_req_process, the "
       "transport's per-request state machine, in state NEW.\n\n"
       "Requests belong to the connection. When the queue pair is set up the "
       "transport allocates nvmf_create_transport.max_queue_depth of them "
       "(128 by default), whatever queue size the host later asks for, and "
       "with each one an in-capsule buffer of "
       "nvmf_create_transport.in_capsule_data_size bytes: 512 KiB per "
       "connection with the defaults. A write whose data came inside the "
       "capsule is read from the socket straight into its request's own "
       "buffer. It needs no iobuf buffer and no R2T, and is ready to execute "
       "as soon as the payload is in.\n\n"
       "Running out is not the normal case: the target advertises a queue "
       "size of max_queue_depth and SPDK's initiator uses one entry less. If "
       "no request is free while one is still sending its response, which "
       "the host may already have received, the connection stops reading and "
       "resumes when a request is returned. Otherwise the target logs "
       "'Cannot allocate tcp_req' and drops the connection.") },

  { "nvmf_tcp.recv@baremetal",
    N_("The baremetal reads the guest's command"),
    N_("On the baremetal the TCP target faces the guest. Its nvmf_TCP "
       "poller, nvmf_tcp_poll_group_poll, polls the sockets of its poll "
       "group, and nvmf_tcp_sock_process reads the guest's PDU in stages: "
       "common header, the rest of the header, then any payload. With the "
       "command header complete, nvmf_tcp_capsule_cmd_hdr_handle takes a "
       "free spdk_nvmf_tcp_req of the connection and the request state "
       "machine starts in NEW.\n\n"
       "Requests belong to the connection. When the queue pair is set up the "
       "transport allocates nvmf_create_transport.max_queue_depth of them "
       "(128 by default), whatever queue size the host later asks for, and "
       "with each one an in-capsule buffer of "
       "nvmf_create_transport.in_capsule_data_size bytes: 512 KiB per "
       "connection with the defaults. A write whose data came inside the "
       "capsule is read from the socket straight into its request's own "
       "buffer. It needs no iobuf buffer and no R2T, and is ready to execute "
       "as soon as the payload is in.\n\n"
       "The guest cannot exhaust them in the captured run: bdevperf runs on "
       "one core with queue depth 64, so one I/O queue pair with at most 64 "
       "of its 128 requests busy. spdk_tgt runs with two reactors (-m 0x3), "
       "hence two poll groups; nvmf_get_stats shows the guest's queue pair "
       "on nvmf_tgt_poll_group_000, and the RAID1 bdev, both replica "
       "connections and their polling all run on that same thread. Should "
       "requests run out, the target waits only while one is still sending "
       "its answer; otherwise it logs 'Cannot allocate tcp_req' and drops "
       "the connection.") },

  { "nvmf_tcp.recv@storage",
    N_("The storage node reads a replica command"),
    N_("On the storage node the TCP target serves the baremetal's bdev_nvme "
       "initiator, one connection per replica controller and baremetal "
       "thread. The nvmf_TCP poller, nvmf_tcp_poll_group_poll, polls the "
       "group's sockets; nvmf_tcp_sock_process reads each PDU in stages, and "
       "once a command header is complete nvmf_tcp_capsule_cmd_hdr_handle "
       "takes a free spdk_nvmf_tcp_req and starts the request state machine "
       "in NEW.\n\n"
       "Requests belong to the connection. When the queue pair is set up the "
       "transport allocates nvmf_create_transport.max_queue_depth of them "
       "(128 by default), whatever queue size the host later asks for, and "
       "with each one an in-capsule buffer of "
       "nvmf_create_transport.in_capsule_data_size bytes: 512 KiB per "
       "connection with the defaults. A write whose data came inside the "
       "capsule is read from the socket straight into its request's own "
       "buffer. It needs no iobuf buffer and no R2T, and is ready to execute "
       "as soon as the payload is in.\n\n"
       "The initiator holds 127 request slots per connection (the advertised "
       "128 minus one), so the target's 128 are enough unless a request is "
       "still sending its answer when the next command arrives; then the "
       "connection pauses until one is freed. In the captured run spdk_tgt "
       "has a single reactor (-m 0x1): one poll group, "
       "nvmf_tgt_poll_group_000, serves both lvol subsystems and also runs "
       "the malloc bdev's copies, so everything on this node shares one "
       "core.") },

  { "nvmf_tcp.wait_req",
    N_("No free TCP request: the connection waits"),
    N_("nvmf_tcp_capsule_cmd_hdr_handle found the connection's free list "
       "empty. Each TCP queue pair owns nvmf_create_transport.max_queue_depth "
       "requests, allocated with their in-capsule buffers when the connection "
       "was set up, and a host that keeps to the queue size it was given "
       "(SPDK's initiator uses one entry less) never has more commands "
       "outstanding than that.\n\n"
       "It can still happen, because a request is released only once its last "
       "PDU has been written: the host may already have the response and send "
       "its next command while the target's socket is still finishing. SPDK "
       "allows for exactly that. If some request of the connection is still "
       "sending to the host, or waiting for a zero-copy buffer to be "
       "released, the connection stays in its AWAIT_REQ receive state and "
       "reads nothing further; when nvmf_tcp_req_put returns a request it "
       "sends the thread a message to process the connection again. Otherwise "
       "the host has overrun the queue: the target logs 'Cannot allocate "
       "tcp_req' at ERROR level and drops the connection.\n\n"
       "While it waits the whole connection stalls, not just this command, "
       "since TCP delivers its PDUs in order. A long wait points at slow "
       "socket writes on the target (towards a real NIC, zero-copy sends "
       "complete only when the kernel releases the pages) rather than at the "
       "pool, which nvmf_create_transport.max_queue_depth sizes.") },

  { "nvmf_tcp.in_capsule",
    N_("In-capsule data: no buffer to take"),
    N_("A write no larger than the controller's in-capsule size arrives "
       "inside its command PDU. nvmf_tcp_req_parse_sgl recognises the offset "
       "data block descriptor and takes the length from the PDU header: it "
       "must equal the descriptor's length, and the offset must be zero "
       "because NVMe/TCP does not use an in-capsule offset. A mismatch is a "
       "fatal protocol error that ends the connection with a termination PDU.\n\n"
       "If the length fits nvmf_create_transport.in_capsule_data_size, the "
       "request's single iovec is pointed at its own in-capsule buffer, "
       "allocated with the request when the connection was set up, and the "
       "request goes straight to HAVE_BUFFER. No iobuf buffer is taken and no "
       "R2T is sent: the socket read places the payload directly in that "
       "buffer, and the request is ready to execute as soon as the PDU's data "
       "is in. (Admin and fabrics commands of up to 8 KiB may exceed the "
       "setting; they borrow a buffer from a small per-poll-group list "
       "instead.)\n\n"
       "This is the cheapest write over TCP: one PDU each way and no pool "
       "involved. Raising nvmf_create_transport.in_capsule_data_size extends "
       "it to larger writes, at the cost of max_queue_depth times that size "
       "of memory per connection, used or not. Writes above it pay an R2T "
       "round trip and take iobuf buffers.") },

  { "nvmf_tcp.get_buffers",
    N_("Take transport buffers"),
    N_("For a read, or a write too large to travel in the capsule, "
       "nvmf_tcp_req_parse_sgl reads the command's transport SGL. With TCP "
       "it only carries a length, because the data will move in PDUs. The "
       "length is checked against nvmf_create_transport.max_io_size (128 KiB "
       "by default; more is a fatal protocol error) and "
       "spdk_nvmf_request_get_buffers takes the buffers with spdk_iobuf_get "
       "from this poll group's nvmf_TCP iobuf channel. A write that came in "
       "the capsule uses its request's own buffer and takes nothing here.\n\n"
       "At v26.01 the length is cut into nvmf_create_transport.io_unit_size "
       "pieces, one buffer each, small when the piece fits "
       "iobuf_set_options.small_bufsize (8 KiB), large otherwise. The TCP "
       "default io_unit_size is 128 KiB, so a 4 KiB read takes one small "
       "buffer and a 128 KiB read one large buffer. At v26.05 io_unit_size "
       "is gone: up to small_bufsize the request takes small buffers, above "
       "it large ones of iobuf_set_options.large_bufsize.\n\n"
       "The cache in front of the central ring is sized per poll group. At "
       "v26.01 nvmf_create_transport.buf_cache_size defaults to three "
       "quarters of nvmf_create_transport.num_shared_buffers (511 for TCP) "
       "divided by the number of poll groups. At v26.05 "
       "nvmf_create_transport.iobuf_small_cache_size and "
       "nvmf_create_transport.iobuf_large_cache_size default to half of each "
       "iobuf pool divided by the poll groups.") },

  { "nvmf_tcp.get_buffers@baremetal",
    N_("Take a transport buffer on the baremetal"),
    N_("For a read, or a write too large to travel in the capsule, "
       "nvmf_tcp_req_parse_sgl reads the command's transport SGL. With TCP "
       "it only carries a length, because the data will move in PDUs. The "
       "length is checked against nvmf_create_transport.max_io_size (128 KiB "
       "by default; more is a fatal protocol error) and "
       "spdk_nvmf_request_get_buffers takes the buffers with spdk_iobuf_get "
       "from this poll group's nvmf_TCP iobuf channel. A write that came in "
       "the capsule uses its request's own buffer and takes nothing here.\n\n"
       "The baremetal's transport was created with TCP defaults, so "
       "io_unit_size is 128 KiB at v26.01: a 4 KiB guest read takes one "
       "small buffer (it fits iobuf_set_options.small_bufsize, 8 KiB), a 128 "
       "KiB read one large buffer. 4 KiB writes fit "
       "nvmf_create_transport.in_capsule_data_size and never come here. With "
       "two poll groups, the automatic nvmf_create_transport.buf_cache_size "
       "is 511 times 3/4, divided by 2: 191 small and 191 large buffers per "
       "group, drawn from the 16384 small and 2048 large buffers set by "
       "iobuf_set_options.small_pool_count and "
       "iobuf_set_options.large_pool_count.\n\n"
       "iobuf_get_stats over five seconds of the captured load shows "
       "nvmf_TCP served only from its small cache: about 23,600 gets, main "
       "0, retry 0.") },

  { "nvmf_tcp.get_buffers@storage",
    N_("Take a transport buffer on the storage node"),
    N_("For a read, or a write too large to travel in the capsule, "
       "nvmf_tcp_req_parse_sgl reads the command's transport SGL. With TCP "
       "it only carries a length, because the data will move in PDUs. The "
       "length is checked against nvmf_create_transport.max_io_size (128 KiB "
       "by default; more is a fatal protocol error) and "
       "spdk_nvmf_request_get_buffers takes the buffers with spdk_iobuf_get "
       "from this poll group's nvmf_TCP iobuf channel. A write that came in "
       "the capsule uses its request's own buffer and takes nothing here.\n\n"
       "The storage node's transport in the captured run reports "
       "io_unit_size 8192, not the TCP default of 128 KiB. At v26.01 that "
       "changes a lot: every piece fits iobuf_set_options.small_bufsize, so "
       "the transport uses the small pool only, its large cache is sized 0, "
       "and a 128 KiB read would take sixteen 8 KiB buffers. A 4 KiB read "
       "takes one. Replica writes of 4 KiB fit "
       "nvmf_create_transport.in_capsule_data_size and take none.\n\n"
       "With a single poll group the automatic "
       "nvmf_create_transport.buf_cache_size is 511 times 3/4: 383 small "
       "buffers, from a central pool of 8192 "
       "(iobuf_set_options.small_pool_count at its default). iobuf_get_stats "
       "over five seconds of load shows about 16,000 gets, all from the "
       "cache, retry 0. At v26.05 io_unit_size no longer exists and the "
       "cache would be half the small pool, 4096 buffers, set by "
       "nvmf_create_transport.iobuf_small_cache_size.") },

  { "nvmf_tcp.need_buffer",
    N_("Wait for a transport buffer"),
    N_("When this poll group's nvmf_TCP cache and the central ring are both "
       "empty, spdk_iobuf_get returns nothing. Because the TCP transport "
       "provides a completion callback for buffer waits, "
       "nvmf_request_get_buffers hands the request's iobuf wait entry to "
       "spdk_iobuf_get at both v26.01 and v26.05. The request keeps the "
       "buffers it already has, its entry joins the thread's queue for that "
       "buffer size, iobuf_get_stats counts one retry for nvmf_TCP, and the "
       "request stays in state NEED_BUFFER.\n\n"
       "It resumes without polling. The next spdk_iobuf_put of that size on "
       "this thread, from any module, gives the buffer straight to the first "
       "waiter. nvmf_request_iobuf_get_cb then tries for the rest, and once "
       "the request has them all nvmf_tcp_req_get_buffers_done moves it to "
       "HAVE_BUFFER: a write sends its R2T, a read goes to execution. The "
       "connection keeps reading other commands meanwhile, and in-capsule "
       "writes never wait here.\n\n"
       "Only a DEBUG line, 'No available large data buffers. Queueing "
       "request', marks the event. More central buffers "
       "(iobuf_set_options.small_pool_count, "
       "iobuf_set_options.large_pool_count) or smaller caches on idle poll "
       "groups help: nvmf_create_transport.buf_cache_size at v26.01, "
       "nvmf_create_transport.iobuf_small_cache_size and "
       "nvmf_create_transport.iobuf_large_cache_size at v26.05.") },

  { "net.r2t",
    N_("The target asks for the write data"),
    N_("A write that did not fit in the capsule has only announced its "
       "length. Once its buffers are taken, the target writes a "
       "Ready-to-Transfer PDU with nvmf_tcp_send_r2t_pdu: 24 bytes naming "
       "the command id, a transfer tag, an offset and a length. SPDK asks "
       "for the whole transfer at once, offset 0 and the full request "
       "length. The transfer tag is the request's index in the queue pair "
       "plus one, which lets the target find the request when the data "
       "arrives.\n\n"
       "The request waits in AWAITING_R2T_ACK until the socket has taken the "
       "R2T, then in TRANSFERRING_HOST_TO_CONTROLLER. It moves to execution "
       "only when all the data has arrived and the R2T's own write has "
       "completed, whichever comes last.\n\n"
       "R2T limits stay out of the way. SPDK's initiator announces that it "
       "accepts one outstanding R2T per command (MAXR2T, sent zero-based as "
       "0); the target only logs the value, but it never sends more than "
       "one. The target also tells the host, in its connection response, "
       "that H2C data PDUs may carry up to nvmf_create_transport.max_io_size "
       "bytes, so any write it accepts comes back in a single H2C PDU. The "
       "cost is one extra round trip compared with in-capsule data "
       "(nvmf_create_transport.in_capsule_data_size), with the buffers idle "
       "meanwhile.") },

  { "nvme_tcp.h2c",
    N_("The host answers the R2T"),
    N_("The R2T reaches the initiator's socket and is read during a "
       "bdev_nvme_poll pass. nvme_tcp_r2t_hdr_handle finds the tcp_req by "
       "command id, checks the offset and length against the command, and "
       "counts the R2T against the limit of one outstanding R2T per command. "
       "If the command PDU's own write has not completed yet, the reply is "
       "deferred until it has.\n\n"
       "nvme_tcp_send_h2c_data then reuses the request's PDU slot for an H2C "
       "DATA PDU: a 24-byte header with the transfer tag, offset and length, "
       "followed by the data. Its length is the smaller of what the R2T "
       "asked for and the target's limit "
       "(nvmf_create_transport.max_io_size), so SPDK-to-SPDK writes go in "
       "one PDU, flagged as the last. The payload iovecs point at the "
       "caller's memory; SPDK copies nothing, the kernel does when it sends. "
       "On the baremetal that memory is the buffer the guest-facing target "
       "received the write into, shared by both RAID1 legs.\n\n"
       "The PDU is queued like any other and leaves on the next socket-group "
       "flush. When its write completes, "
       "nvme_tcp_qpair_h2c_data_send_complete sends the next piece if one is "
       "left, or marks the request's sending as done. The tcp_req is "
       "released only once the response has arrived as well.") },

  { "net.h2c_data",
    N_("The write data crosses"),
    N_("The H2C DATA PDU carries the write payload behind a 24-byte header, "
       "plus digests when they were negotiated (the captured run has none). "
       "On the target, nvmf_tcp_h2c_data_hdr_handle checks the header before "
       "reading any data: the transfer tag must name one of the connection's "
       "requests, that request must be waiting for data, the command id must "
       "match, and the offset must continue exactly where the previous data "
       "ended without running past the request's length. Any violation ends "
       "the connection with a termination PDU.\n\n"
       "It then points the PDU's data at the request's buffers with "
       "nvme_tcp_pdu_set_data_buf, so the socket read places the payload "
       "straight into the iobuf buffers taken before the R2T. There is no "
       "copy in SPDK beyond the kernel's receive. With data digests enabled, "
       "the CRC32C of the payload is checked, through the accel framework "
       "when possible, before the data is accepted.\n\n"
       "When the last byte is in, nvmf_tcp_h2c_data_payload_handle marks the "
       "request ready to execute, provided the R2T's own write has "
       "completed, and it goes on to spdk_nvmf_request_exec. On a real link "
       "the crossing costs the payload plus the header at line rate and the "
       "one-way delay; over loopback, as in the captured run, it is one "
       "kernel copy.") },

  { "nvmf_tcp.complete",
    N_("Send the data or the response"),
    N_("When the bdev I/O finishes, nvmf_tcp_req_complete moves the request "
       "from EXECUTING to EXECUTED and READY_TO_COMPLETE, and "
       "request_transfer_out advances the submission queue head reported to "
       "the host. A read that succeeded returns its data in a C2H DATA PDU "
       "built over the transport buffers; a write, or any failed command, "
       "gets a capsule response PDU with the 16-byte completion.\n\n"
       "With the TCP transport's c2h_success option on (the default), the "
       "read's data PDU is also flagged as the successful completion and no "
       "response capsule follows. With it off, the target waits for the data "
       "PDU's write to finish and then sends the response.\n\n"
       "Nothing is freed at this point: the buffers are being sent from, and "
       "every request has a single PDU slot, so it cannot start another "
       "write until the current one is done. The request stays in "
       "TRANSFERRING_CONTROLLER_TO_HOST until the socket reports the write "
       "complete. The PDU is queued with spdk_sock_writev_async and handed "
       "to the kernel when the socket group is next polled, or at once if 64 "
       "iovecs are waiting.") },

  { "nvmf_tcp.complete/read",
    N_("Send the read data"),
    N_("When the bdev read finishes, nvmf_tcp_req_complete moves the request "
       "to EXECUTED and then READY_TO_COMPLETE, and request_transfer_out "
       "advances the submission queue head it reports. For a successful "
       "read, _nvmf_tcp_send_c2h_data builds a C2H DATA PDU on the request's "
       "PDU slot: a 24-byte header with command id, offset and length, then "
       "the payload, taken from the transport buffers by reference. Without "
       "protection information, the whole read goes in one PDU.\n\n"
       "The PDU is marked last. If the TCP transport's c2h_success option is "
       "on, which is the default and what the captured run reports, and the "
       "completion carries no command-specific value (never the case for a "
       "read), the PDU is also flagged as the successful completion: the "
       "host completes the command from it and no response capsule is sent. "
       "With c2h_success off, nvmf_tcp_pdu_c2h_data_complete sends a capsule "
       "response after the data PDU's write has finished, one more PDU and a "
       "little more hold time.\n\n"
       "The buffer cannot be released yet: the socket still has to send from "
       "it. The request waits in TRANSFERRING_CONTROLLER_TO_HOST until its "
       "write completes.") },

  { "nvmf_tcp.complete/write",
    N_("Send the write's response"),
    N_("When the bdev write finishes, nvmf_tcp_req_complete moves the "
       "request to EXECUTED and then READY_TO_COMPLETE. request_transfer_out "
       "advances the submission queue head it reports to the host and, since "
       "there is no data to return, calls nvmf_tcp_send_capsule_resp_pdu: a "
       "24-byte capsule response PDU carrying the 16-byte NVMe completion "
       "with status, queue head and command id. Failed reads take this path "
       "too.\n\n"
       "The data buffer is no longer needed, whether it was the request's "
       "own in-capsule buffer or iobuf buffers filled through R2T and H2C "
       "data, but it is not released here. Every request has a single PDU "
       "slot and keeps everything until that PDU's write has completed.\n\n"
       "The response is queued with spdk_sock_writev_async. SPDK's posix "
       "socket layer hands queued PDUs to the kernel in one sendmsg call "
       "when the socket group is next polled, or at once if 64 iovecs are "
       "waiting, so responses of several requests finished in the same pass "
       "leave together.") },

  { "net.c2h_data",
    N_("Read data crosses in a C2H DATA PDU"),
    N_("The C2H DATA PDU carries the read payload behind a 24-byte header "
       "(command id, offset, length), plus digests when negotiated. With "
       "c2h_success on it is also the completion. On the receiving "
       "initiator, nvme_tcp_c2h_data_hdr_handle finds the request by command "
       "id, checks the offset and length, and only now builds the iovecs "
       "over the reader's buffer, so the socket read puts the payload "
       "directly where it belongs: on the baremetal, into the buffer the "
       "guest-facing target took for the guest's read; in the guest, into "
       "bdevperf's buffer.\n\n"
       "On the sending target the PDU was queued and went to the kernel at "
       "the next socket-group flush. The request and its buffer are freed "
       "when the write is reported complete. Over loopback, as in the "
       "captured run, that is as soon as sendmsg has copied the data. "
       "Towards a real NIC, target sockets use the kernel's zero-copy send "
       "by default, and the write completes only when the kernel reports it "
       "no longer needs the pages, after the data has left.\n\n"
       "A RAID1 read crosses this link once, from whichever replica raid1 "
       "picked.") },

  { "net.tcp_resp",
    N_("The response PDU crosses"),
    N_("A capsule response PDU is 24 bytes: an 8-byte header and the 16-byte "
       "NVMe completion. On the initiator, nvme_tcp_capsule_resp_hdr_handle "
       "looks the request up by command id, which is the index of its "
       "tcp_req, copies the completion and marks the response received. The "
       "request completes at once if its own last PDU, the command or its "
       "H2C data, has finished sending; otherwise it completes when that "
       "write does.\n\n"
       "For a RAID1 write two responses travel independently, one per "
       "replica; the guest's write completes after the second. In the "
       "captured run both replicas live on the same storage node and the "
       "same poll-group thread, so their responses are written by one core.\n\n"
       "On the target, the request and any buffers are released once the "
       "socket reports this write complete. A response that never arrives is "
       "caught by the command timeout (bdev_nvme_set_options.timeout_us, off "
       "by default) or the controller's keep-alive "
       "(bdev_nvme_set_options.keep_alive_timeout_ms, 30000 on the "
       "baremetal), after which bdev_nvme reconnects or fails the path.") },

  { "nvmf_tcp.release",
    N_("The PDU is written: the target lets go"),
    N_("Each TCP request sends through one PDU slot and keeps everything "
       "until that PDU's write completes. For a read with c2h_success that "
       "is the C2H DATA PDU; otherwise the capsule response. "
       "_req_pdu_write_done then runs the PDU's callback, which moves the "
       "request to COMPLETED and calls the state machine once more.\n\n"
       "In COMPLETED, a request that took pool buffers returns each one with "
       "spdk_iobuf_put through spdk_nvmf_request_free_buffers. A request on "
       "this thread waiting for a buffer of that size gets it first, "
       "whatever module it belongs to; otherwise it joins the nvmf_TCP "
       "cache, and a batch goes back to the central ring once the cache "
       "holds a batch more than its size. In-capsule buffers are not iobuf "
       "buffers and simply stay with their request. nvmf_tcp_req_put then "
       "returns the request to its connection's free list, sized by "
       "nvmf_create_transport.max_queue_depth, and restarts reading if the "
       "connection had paused for lack of a request.\n\n"
       "'Write complete' depends on the socket. Over loopback it means "
       "sendmsg has copied the PDU into the kernel. Towards a real NIC the "
       "target's sockets use zero-copy sends by default, and completion "
       "waits for the kernel to report the pages free. Buffer hold time "
       "therefore runs from SGL parsing, through execution, to the "
       "transmission.") },

  { "nvme_tcp.submit",
    N_("Queue the command on the TCP connection"),
    N_("nvme_tcp_qpair_submit_request takes an nvme_tcp_req from the "
       "connection's free list. There are queue size minus one of them: the "
       "queue size is the smaller of the host's I/O queue size (256 by "
       "default) and the target's, which an SPDK target sets to its "
       "nvmf_create_transport.max_queue_depth, so 127 with defaults. The "
       "request's index becomes the command id. With none free the driver "
       "returns -EAGAIN, the nvme_request waits on the qpair's queued list "
       "and queued_requests grows in bdev_nvme_get_transport_statistics. The "
       "nvme_request itself comes from a separate pool, "
       "bdev_nvme_set_options.io_queue_requests.\n\n"
       "nvme_tcp_req_init describes the data with a transport SGL that "
       "carries only the length. A write no larger than the controller's "
       "in-capsule size, derived from the target's "
       "nvmf_create_transport.in_capsule_data_size (4096 by default), is "
       "switched to in-capsule and its data appended to the command PDU. "
       "Larger writes wait for an R2T. Reads bind their buffer only when "
       "data arrives.\n\n"
       "nvme_tcp_qpair_capsule_cmd_send builds the 72-byte PDU header and "
       "queues the PDU on the socket; it leaves at the next socket-group "
       "poll, bdev_nvme_set_options.delay_cmd_submit having no effect on "
       "TCP. The tcp_req stays busy until its own write has completed and "
       "the response has arrived.") },

  { "nvme_tcp.poll",
    N_("bdev_nvme polls the TCP connections"),
    N_("bdev_nvme_poll is the per-thread poller of bdev_nvme. It calls "
       "spdk_nvme_poll_group_process_completions, which for TCP runs "
       "nvme_tcp_poll_group_process_completions. That function polls the "
       "thread's socket group once: the posix socket layer first flushes "
       "every connection's queued PDUs (commands, H2C data) to the kernel, "
       "then asks epoll, without waiting, which sockets have data.\n\n"
       "For each readable connection nvme_tcp_qpair_sock_cb calls "
       "nvme_tcp_qpair_process_completions, and nvme_tcp_read_pdu reads and "
       "handles PDUs: R2Ts get their H2C data queued, C2H data lands in the "
       "readers' buffers, responses complete requests. Connections flagged "
       "by an asynchronous write completion are processed even if nothing "
       "arrived. After each connection, the driver resubmits as many queued "
       "requests as it has just completed.\n\n"
       "So one pass both sends and receives, and a command queued in between "
       "leaves at the start of the next pass, unless 64 iovecs pile up "
       "first. The poller runs on every reactor iteration unless "
       "bdev_nvme_set_options.nvme_ioq_poll_period_us is set. On the "
       "baremetal it runs on the poll-group threads, next to the "
       "guest-facing target. bdev_nvme_get_transport_statistics counts "
       "polls, idle_polls, socket_completions and nvme_completions per poll "
       "group.") },

  { "nvme_tcp.req_put",
    N_("The tcp_req goes back first"),
    N_("A command completes on the initiator in one of two ways. A capsule "
       "response is handled by nvme_tcp_capsule_resp_hdr_handle, which copies "
       "the completion into the request. For a read with c2h_success, the "
       "last C2H DATA PDU carries the success flag, and once its payload is "
       "in, nvme_tcp_c2h_data_payload_handle builds the completion itself. "
       "Both mark the response as received.\n\n"
       "nvme_tcp_req_complete_safe only lets the request finish when its own "
       "last send (the command PDU, or its H2C data) has been reported "
       "written, the response is in, and no accel operation is pending; a "
       "fast response can thus wait for the local write completion. "
       "nvme_tcp_req_complete then copies the completion aside, takes the "
       "request off the outstanding list and returns the tcp_req to the free "
       "list with nvme_tcp_req_put before it calls nvme_complete_request. "
       "Unlike RDMA and PCIe, the transport's request is free while the "
       "layers above complete: nvme_complete_request puts the nvme_request "
       "back and runs bdev_nvme's callback, which completes the child bdev_io "
       "towards RAID1.\n\n"
       "The freed slot is used at once: after processing a connection, the "
       "driver resubmits as many requests from the qpair's queued list as "
       "completions it reaped. Queue depth towards one replica is bounded by "
       "the 127 tcp_reqs, not by bdev_nvme_set_options.io_queue_requests.") },

  { "malloc.submit",
    N_("The malloc bdev turns the I/O into a copy"),
    N_("A malloc bdev is a block device in RAM: at creation it allocates its "
       "whole size, 512 MiB in the captured run, and serves I/O by copying. "
       "bdev_malloc_submit_request dispatches a read to bdev_malloc_readv "
       "and a write to bdev_malloc_writev. Neither copies by itself. Each "
       "appends a single copy operation to the bdev_io's accel sequence with "
       "spdk_accel_append_copy, on the accel channel the malloc channel "
       "opened on this thread. For a write the source is the bdev_io's "
       "iovecs and the destination the disk region at offset times block "
       "size; for a read the other way round. A read also reverses the "
       "sequence, so that its copy runs before anything a layer above "
       "appended, such as a decryption. spdk_accel_sequence_finish then "
       "starts it.\n\n"
       "This uses one sequence and one task from the thread's accel pools "
       "(2048 of each by default), and no iobuf buffer: the captured run's "
       "iobuf_get_stats shows the accel module idle. If a pool is empty, the "
       "append returns -ENOMEM, malloc completes the bdev_io as NOMEM, and "
       "the bdev layer retries it later.\n\n"
       "On the storage node the source or destination is the nvmf_TCP "
       "request's buffer, so the lvol data moves by exactly one copy in "
       "SPDK, besides the kernel's socket copies.") },

  { "accel.copy",
    N_("The CPU copies the data"),
    N_("accel_process_sequence hands the copy to the module assigned to the "
       "copy opcode. With no hardware engine configured that is the software "
       "module, and sw_accel_submit_tasks does the work immediately, inside "
       "the submit call: _sw_accel_copy_iovs walks the source and "
       "destination iovecs together and memcpy's each overlapping piece. The "
       "reactor thread, here the storage node's single poll-group thread, is "
       "busy for the whole copy and runs nothing else meanwhile.\n\n"
       "The completion is deliberately not delivered inline. The task goes "
       "on the software channel's completion list, and the accel_comp_poll "
       "poller, registered with a zero period the first time the channel "
       "submits, completes it on the next reactor iteration. The captured "
       "run's thread_get_pollers lists accel_comp_poll on "
       "nvmf_tgt_poll_group_000, busy while the malloc module's own "
       "completion poller never was.\n\n"
       "No buffer is allocated: both sides are plain memory, so no bounce "
       "buffer is needed and accel_set_options.small_cache_size and "
       "accel_set_options.large_cache_size do not come into play. The cost "
       "is the copy itself, proportional to the I/O size and bounded by one "
       "core's memory bandwidth.") },

  { "malloc.complete",
    N_("The malloc I/O completes"),
    N_("On its next pass accel_comp_poll calls spdk_accel_task_complete. The "
       "task belongs to a sequence, so the sequence advances; with no task "
       "left, accel_sequence_complete returns the task and the sequence to "
       "the channel's pools and calls malloc_sequence_done. That clears the "
       "bdev_io's pointer to the sequence and calls malloc_done.\n\n"
       "malloc_done counts the outstanding parts of the I/O, one without "
       "separate metadata, checks protection information if the bdev has it "
       "(the captured run's malloc has none), and calls "
       "spdk_bdev_io_complete. From there the completion climbs back through "
       "the blobstore and the lvol to NVMf, all on the same thread. A failed "
       "sequence is reported as a failure: malloc_sequence_done does not "
       "pass an out-of-memory error on as NOMEM, so the bdev layer does not "
       "retry it.\n\n"
       "malloc_completion_poller, the malloc module's own poller, only "
       "completes I/O that needs no copy, such as flush, reset, zero-copy "
       "requests and immediate failures. In the captured run it was never "
       "busy, while accel_comp_poll on the same thread was.") },

  /* ------------------------------------------------------------------ */
  /* Faults: lost paths, bdev_nvme's reset and reconnect, RAID1 degraded */
  /* ------------------------------------------------------------------ */

  { "net.link_down",
    N_("A path's link goes down"),
    N_("Something between the baremetal host and one storage node stops "
       "carrying this path's packets: a cable, a switch port, the remote NIC. "
       "No SPDK code runs here, and nothing tells SPDK. The NVMe RDMA driver "
       "does not watch link state; it learns about trouble only from the "
       "completions of its own sends. On a reliable RDMA connection the "
       "sending NIC keeps every unacknowledged packet and sends it again when "
       "no acknowledgement arrives in time, so a send on a dead link is not "
       "lost at once: it is retried in hardware.\n\n"
       "How long that goes on is the fabric's rule, not SPDK code. Each try "
       "waits 4.096 µs x 2^n, where n is "
       "bdev_nvme_set_options.transport_ack_timeout, or whatever the RDMA "
       "stack chooses when it is 0, the default. The NIC makes "
       "bdev_nvme_set_options.transport_retry_count + 1 tries in all: 5 with "
       "the default of 4 (SPDK's RDMA driver caps the count at 7 and the "
       "exponent at 31). Iopath assumes n = 14 when the knob is 0: about 67 "
       "ms per try, about a third of a second before the NIC gives up.\n\n"
       "A busy path is found out by its next I/O. An idle path, such as the "
       "passive second path of each replica in raid_270, is found out by its "
       "keep-alive. The host sends one on the admin queue every half of the "
       "keep-alive timeout, so with raid_270's "
       "bdev_nvme_set_options.keep_alive_timeout_ms of 30000 a dead idle path "
       "can go unnoticed for up to 15 s plus the retransmissions. Each path "
       "in raid_270 is its own controller, so only this path's controller is "
       "affected; the other path of the same replica carries on.") },

  { "net.link_up",
    N_("The link comes back"),
    N_("Packets cross this path again. No SPDK code runs here, and no SPDK "
       "code is told. What happens next depends on how far the failure had "
       "gone.\n\n"
       "If the NIC was still retransmitting, the next try gets through: the "
       "command simply arrives late and nothing else changes. If the qpair had "
       "already failed, bdev_nvme notices the link only when it next tries to "
       "connect. In raid_270 a failed attempt is followed by another after "
       "bdev_nvme_set_options.reconnect_delay_sec (2 s), so the path returns "
       "within about that long plus one connect. If "
       "bdev_nvme_set_options.ctrlr_loss_timeout_sec had already passed, the "
       "controller was deleted, and only a new bdev_nvme_attach_controller "
       "brings it back.\n\n"
       "After a successful reconnect, I/O waiting in bdev_nvme's retry queues "
       "is not woken. Each waiting I/O takes the path at its next one-second "
       "retry. A replica that RAID1 failed out of the array while the link "
       "was down does not return to the array when its path comes back: it "
       "has to be added again and rebuilt.") },

  { "net.lost",
    N_("A command capsule is lost"),
    N_("The SEND carrying the command left the host's NIC, but nothing "
       "acknowledges it: the path is down. No SPDK code runs here. For the "
       "software the command is simply outstanding: the nvme_request and the "
       "rdma_req stay taken on the qpair, and the child bdev_io, the RAID1 "
       "I/O and the guest's request all wait. On a reliable connection the "
       "sends that follow on the same qpair wait behind this one too.\n\n"
       "The NIC retransmits on its own, 4.096 µs x 2^n apart (n from "
       "bdev_nvme_set_options.transport_ack_timeout, or the RDMA stack's "
       "choice when it is 0), bdev_nvme_set_options.transport_retry_count + 1 "
       "times in all. That rule belongs to the fabric. If the link returns "
       "before the last try, the capsule gets through and the I/O only "
       "finishes late. Otherwise the send completes with an error and the "
       "qpair fails (the next step).\n\n"
       "With bdev_nvme_set_options.timeout_us set below that detection time, "
       "the host's command timeout can fire first. raid_270 leaves timeout_us "
       "at 0, so only the transport notices.") },

  { "nvme_rdma.wc_error",
    N_("Transport error: the qpair fails"),
    N_("The NIC has run out of retransmissions. The send completes with the "
       "verbs status \"transport retry counter exceeded\" (12); the queue pair "
       "enters the error state, and everything else posted on it is flushed. "
       "SPDK's RDMA poll group finds the failed completion. "
       "nvme_rdma_log_wc_status logs an ERROR line, \"WC error, qp state ..., "
       "request ... type ..., status: (12): transport retry counter exceeded\" "
       "(the flushed ones only at debug level), and the qpair is failed and "
       "disconnected.\n\n"
       "The driver completes every command still outstanding on the qpair "
       "itself, with the status ABORTED - SQ DELETION and the do-not-retry bit "
       "clear. bdev_nvme treats that as a path problem: "
       "bdev_nvme_check_retry_io queues the I/O again with no delay and "
       "without counting it against bdev_nvme_set_options.bdev_retry_count, "
       "and the retry picks any other usable path. The poll group then reports "
       "the dead qpair to bdev_nvme_disconnected_qpair_cb, which frees it, "
       "clears this thread's cached path and asks for a failover of the "
       "controller. When the queue that failed is the admin queue, as with a "
       "lost keep-alive on an idle path, bdev_nvme_poll_adminq gets the error "
       "instead and calls bdev_nvme_failover_ctrlr.\n\n"
       "bdev_nvme hands both RDMA knobs to the driver when it connects. "
       "bdev_nvme_set_options.transport_retry_count (default 4) becomes the "
       "connection's retry count, and "
       "bdev_nvme_set_options.transport_ack_timeout (default 0, meaning leave "
       "it to the RDMA stack) is applied only when SPDK was built with support "
       "for setting it. raid_270 keeps both defaults. Note that a "
       "bdev_retry_count of 0 would turn even these aborts into failures: "
       "bdev_nvme checks the retry budget before it looks at the kind of "
       "error.") },

  { "bdev_nvme.reset_start",
    N_("bdev_nvme starts resetting the controller"),
    N_("A failover begins. In raid_270 every path is its own nvme_ctrlr with "
       "a single address, so there is no alternate address to switch to: "
       "failing over means resetting this controller in place. The controller "
       "is marked resetting and in failover, and the time is recorded in "
       "reset_start_tsc unless an earlier failed attempt already set it; "
       "bdev_nvme_set_options.fast_io_fail_timeout_sec and "
       "bdev_nvme_set_options.ctrlr_loss_timeout_sec are measured from that "
       "moment. The reset itself runs on the app thread. The controller's qpair "
       "on every thread is disconnected, so commands still outstanding on "
       "them are aborted and retried elsewhere, and the cached paths are "
       "cleared. Then the admin queue is disconnected and bdev_nvme polls a "
       "reconnect on every pass of the app thread.\n\n"
       "Meanwhile bdev_nvme_find_io_path skips this path. If the namespace "
       "has another connected path (raid_270 attaches two per replica, "
       "active-passive), I/O goes there. If not, I/O completes internally with "
       "-ENXIO and waits in the channel's retry queue, but only if the "
       "resetting controller counts as one that may come back. A resetting "
       "controller counts only when bdev_nvme_set_options.reconnect_delay_sec "
       "is non-zero. With SPDK's default of 0, I/O with no other path fails "
       "at once.\n\n"
       "The threading differs by version. At v26.01, "
       "bdev_nvme_disconnected_qpair_cb calls bdev_nvme_failover_ctrlr on the "
       "poll group's own thread; that takes nvme_ctrlr->mutex to check and "
       "set the flags and then sends the reset to the app thread. At v26.05 "
       "the controller's state belongs to the app thread: the callback only "
       "sends bdev_nvme_failover_ctrlr_async there, and the checks and the "
       "start of the reset happen on the app thread without the lock. If a "
       "reset is already running, bdev_nvme logs \"Unable to perform failover, "
       "already in progress.\" or defers the failover until the running "
       "reset ends.") },

  { "bdev_nvme.abort_retry",
    N_("Aborted by the qpair's deletion, retried"),
    N_("The command was outstanding on a qpair that is being torn down. The "
       "target never answered it: the NVMe driver completed it itself with "
       "ABORTED - SQ DELETION, freeing the rdma_req and the nvme_request. "
       "bdev_nvme_io_complete_nvme_status first rules out the cases that end "
       "the I/O: the do-not-retry bit set, an abort the host asked for, or a "
       "used-up retry budget.\n\n"
       "bdev_nvme_check_retry_io then sorts the error. A path error, an "
       "SQ-deletion abort, or a path or controller that is no longer usable "
       "all mean the same thing: the command did not fail, its path did. "
       "bdev_nvme forgets the channel's current path and, if any path may "
       "still become usable, queues the I/O for retry with zero delay, at "
       "the next pass of the retry poller. This branch does not add to the "
       "I/O's retry count, so bdev_nvme_set_options.bdev_retry_count "
       "(default 3) is not used up. Only errors the target reported for the "
       "command itself count against it, and those may be delayed by the "
       "controller's advertised retry delay. If no path may come back, the "
       "I/O completes with the abort status, which is a failure.\n\n"
       "Two cases do not retry. With bdev_retry_count 0 the budget check comes "
       "first, so even this abort fails the I/O (-1 means no limit). And a "
       "plain controller reset, as opposed to a failover (the "
       "bdev_nvme_reset_controller RPC, "
       "bdev_nvme_set_options.action_on_timeout set to reset, a reset of the "
       "bdev), marks the controller dont_retry. Its qpairs are then aborted "
       "with the "
       "do-not-retry bit set, and those commands fail instead. A failover "
       "after a lost qpair, as here, aborts without it.") },

  { "bdev_nvme.hold",
    N_("No usable path: the I/O waits"),
    N_("bdev_nvme_find_io_path found no path of this namespace with a "
       "connected qpair, so bdev_nvme_submit_request completes the I/O "
       "internally with -ENXIO. bdev_nvme_io_complete then checks the I/O's "
       "retry count against bdev_nvme_set_options.bdev_retry_count, forgets "
       "the cached path and asks any_io_path_may_become_available. A path "
       "qualifies if its qpair is connected or its controller is not failed. "
       "Being deleted, past fast_io_fail_timeout_sec, resetting with "
       "reconnect_delay_sec 0, disabled, or failed in the NVMe driver all "
       "count as failed. Resetting with a non-zero delay, or waiting for a "
       "delayed reconnect, does not. If one path qualifies, the I/O goes "
       "onto the channel's retry list for 1000 ms.\n\n"
       "When the second is up, the retry poller resubmits it from the top. No "
       "path yet means another -ENXIO and another second. These rounds never "
       "add to the retry count, so the wait has no count limit. It ends when "
       "a path reconnects, when fast_io_fail_timeout_sec marks the controller "
       "failed, or when the controller is deleted. The child bdev_io, the "
       "RAID1 I/O and the guest's request stay held all along, and a RAID1 "
       "write completes only when every leg has, so one held leg holds the "
       "guest's write.\n\n"
       "In raid_270, bdev_nvme_set_options.fast_io_fail_timeout_sec is 0, "
       "so I/O waits for the whole reconnect window: up to "
       "bdev_nvme_set_options.ctrlr_loss_timeout_sec (120 s) plus the last "
       "reconnect_delay_sec (2 s) before the controller is deleted and the I/O "
       "fails. A fast_io_fail_timeout_sec between reconnect_delay_sec and "
       "ctrlr_loss_timeout_sec bounds the wait while reconnects go on. A "
       "bdev_retry_count of 0 skips the wait altogether: -ENXIO then fails "
       "at once.") },

  { "bdev_nvme.adminq_failover",
    N_("The admin queue fails: a failover starts"),
    N_("Every controller has an admin queue, and bdev_nvme_poll_adminq polls "
       "it on the app thread every "
       "bdev_nvme_set_options.nvme_adminq_poll_period_us (10 ms by default). "
       "The poll also sends the keep-alive when one is due. When processing "
       "the admin queue returns an error, the poller has no disconnect "
       "callback waiting, so it calls bdev_nvme_failover_ctrlr: the same "
       "reset as when an I/O qpair drops.\n\n"
       "Two situations lead here in a fault. A path that carries no I/O is "
       "only found dead by its keep-alive: sent every half "
       "bdev_nvme_set_options.keep_alive_timeout_ms (15 s in raid_270), it "
       "runs out of RDMA retransmissions like any send, and the admin queue "
       "fails. That is why an idle replica can be gone for seconds before "
       "SPDK knows. And with bdev_nvme_set_options.reconnect_delay_sec 0 (the "
       "default, with ctrlr_loss_timeout_sec 0) no delay timer spaces the "
       "attempts, but the admin poller keeps running on the failed "
       "controller, finds the error again and starts another reset at its "
       "next run: attempts follow one another as fast as connects fail, "
       "while I/O to that controller fails at once.") },

  { "raid1.read_repair",
    N_("The read is written back to the replica that failed"),
    N_("A read that failed on one replica and succeeded on another leaves "
       "RAID1 with data the first replica may not have returned correctly. "
       "raid1_correct_read_error writes the good data back to that replica, "
       "from the same buffer, before the read is completed.\n\n"
       "When the replica is unreachable rather than unreadable, that write "
       "fails too, usually at once because its controller is already "
       "fast-failed or deleted. raid1_correct_read_error_completion then "
       "calls raid_bdev_fail_base_bdev: the replica leaves the array, which "
       "runs degraded, but the guest's read still completes successfully. "
       "So a fast_io_fail_timeout_sec shorter than the outage turns a "
       "transient link loss into a rebuild, for reads as well as "
       "writes.") },

  { "bdev_nvme.retry",
    N_("Retry: a path is back"),
    N_("bdev_nvme_retry_ios is the retry list's poller. It runs when the "
       "earliest entry is due, takes every I/O whose time has come off the "
       "list and resubmits it. An I/O whose remembered path is usable again "
       "goes straight to it; any other goes through bdev_nvme_submit_request, "
       "which looks for a path afresh. The poller then re-arms itself for "
       "the next entry due.\n\n"
       "This time bdev_nvme_find_io_path found a connected path, so the I/O "
       "is submitted normally and the wait is over. The reconnect does not "
       "wake the list, so the I/O resumes at its own one-second tick: the "
       "path may have been back for up to a second already. The time spent "
       "waiting is part of the guest's latency for this command.\n\n"
       "The one-second period is fixed in bdev_nvme and has no knob. What "
       "decides how long the wait lasts is how soon the path reconnects: "
       "bdev_nvme_set_options.reconnect_delay_sec between attempts (2 s in "
       "raid_270), plus the connect itself.") },

  { "bdev_nvme.io_failed",
    N_("No path will come back: the I/O fails"),
    N_("The I/O found no usable path, and waiting is no longer allowed. "
       "Either its retry budget (bdev_nvme_set_options.bdev_retry_count; 0 "
       "means none) is used up, or any_io_path_may_become_available says no. "
       "That is the case when every path's qpair is down and each controller "
       "is being deleted, has passed fast_io_fail_timeout_sec, or failed a "
       "reset with reconnect_delay_sec 0, or while the bdev itself is being "
       "reset. bdev_nvme_io_complete then completes the bdev_io as FAILED.\n\n"
       "The failure goes up to RAID1. A failed write leg makes RAID1 fail the "
       "replica's base bdev out of the array, and the write still succeeds if "
       "the other replica wrote it. A failed read is retried on the other "
       "replica. The guest sees an error only if no replica could do the "
       "work.\n\n"
       "bdev_nvme_set_options.fast_io_fail_timeout_sec is the knob that ends "
       "waiting early. It is 0 by default and in raid_270, meaning I/O waits "
       "as long as reconnects go on. When set, it is checked only when a "
       "reset attempt fails, in whole seconds since the reset began, and "
       "I/O already waiting fails at its next one-second retry. In the source "
       "at both tags nothing clears the flag it sets, not even a later "
       "successful reconnect. From then on the controller never counts as "
       "one that may come back, so in a later outage I/O with no other path "
       "fails at once instead of waiting.") },

  { "bdev_nvme.reconnect",
    N_("Another reconnect attempt"),
    N_("After a failed attempt, with bdev_nvme_set_options.reconnect_delay_sec "
       "non-zero and the loss deadline not reached, bdev_nvme disconnects the "
       "admin queue, pauses the admin-queue poller and arms a one-shot timer "
       "for reconnect_delay_sec. While it runs, the controller counts as "
       "\"delayed\", which still means it may come back, so I/O keeps waiting. "
       "When the timer fires, bdev_nvme_reconnect_delay_timer_expired marks the "
       "controller resetting again, resumes the admin poller and calls "
       "bdev_nvme_reconnect_ctrlr. That starts an asynchronous reconnect: "
       "connect the admin queue, bring the controller back to ready, set up "
       "the keep-alive. bdev_nvme_reconnect_ctrlr_poll drives it on every "
       "pass of the app thread. If it succeeds, each thread's qpair is "
       "created again.\n\n"
       "Every poll also checks bdev_nvme_set_options.ctrlr_loss_timeout_sec. "
       "Once that many whole seconds have passed since the reset began, the "
       "poll fails the controller, which cuts the attempt short. How long a "
       "connect to a dead address takes to fail is up to the RDMA connection "
       "manager. SPDK asks it to resolve the address and the route within 2 s "
       "each, but stops waiting for any connection-manager event after "
       "bdev_nvme_set_options.rdma_cm_event_timeout_ms (when 0, the driver's "
       "own 1000 ms).\n\n"
       "In raid_270 attempts come every 2 s plus one failed connect (Iopath "
       "takes 1 s for that), so about 40 are made in the 120 s before the "
       "controller is given up. The version difference is only in locking: "
       "at v26.01 the timer takes nvme_ctrlr->mutex to change the flags; at "
       "v26.05 it runs on the app thread, which owns them, and takes a "
       "reference on the controller instead.") },

  { "bdev_nvme.reset_failed",
    N_("The reset failed"),
    N_("The reconnect did not complete: the connect failed, or the qpairs "
       "could not be created again. bdev_nvme_reset_ctrlr_complete runs on "
       "the app thread. A controller with an alternate address would try that "
       "one now; raid_270's controllers each have one address. So bdev_nvme "
       "logs the ERROR \"Resetting controller failed.\" and compares the whole "
       "seconds since the reset began with "
       "bdev_nvme_set_options.fast_io_fail_timeout_sec. If that is non-zero "
       "and reached, the controller is marked fast_io_fail_timedout, and I/O "
       "waiting for it fails at its next retry. The resetting flag is "
       "cleared.\n\n"
       "bdev_nvme_check_op_after_reset then picks what comes next. With "
       "bdev_nvme_set_options.reconnect_delay_sec 0, nothing is scheduled: "
       "the controller stays failed, and I/O that needs it fails at once. "
       "Otherwise, if bdev_nvme_set_options.ctrlr_loss_timeout_sec is positive "
       "and that many whole seconds have passed, the controller is deleted. "
       "Otherwise a delayed reconnect is set up. Because the seconds are "
       "truncated, 119.9 s counts as 119. At v26.01 a destruct requested "
       "during the reset is finished first; v26.05 handles that through the "
       "controller's reference count.\n\n"
       "With reconnect_delay_sec 0 no timed retry follows, but the admin-queue "
       "poller is not paused in that case. Polling the failed admin queue "
       "returns an error, and bdev_nvme_poll_adminq answers an error with "
       "bdev_nvme_failover_ctrlr, so in SPDK a new attempt starts about one "
       "bdev_nvme_set_options.nvme_adminq_poll_period_us (10 ms by default) "
       "after the last one failed. Whatever the "
       "values, bdev_nvme_check_io_error_resiliency_params enforces these "
       "rules: reconnect_delay_sec must be non-zero when "
       "ctrlr_loss_timeout_sec is; it may not exceed ctrlr_loss_timeout_sec "
       "or a non-zero fast_io_fail_timeout_sec; fast_io_fail_timeout_sec may "
       "not exceed ctrlr_loss_timeout_sec; and with ctrlr_loss_timeout_sec 0 "
       "both others must be 0. raid_270's 2, 120 and 0 pass.") },

  { "bdev_nvme.reset_ok",
    N_("The reset succeeded"),
    N_("The reconnect poll came back successful: the admin queue is "
       "connected and the controller ready. bdev_nvme checks which namespaces "
       "are still active, creates and connects this controller's qpair again "
       "on every thread that has a channel, and then runs "
       "bdev_nvme_reset_ctrlr_complete with success. It logs the NOTICE "
       "\"Resetting controller successful.\" and sets reset_start_tsc back to "
       "0, so the next failure starts a new fast_io_fail and ctrlr_loss "
       "window. It also clears the resetting flag and completes any resets "
       "that were waiting for this one.\n\n"
       "I/O is not pushed. Each I/O waiting in a retry queue finds the path at "
       "its next one-second retry, and commands that were aborted have already "
       "been retried elsewhere or are waiting the same way. New I/O uses the "
       "path as soon as bdev_nvme_find_io_path sees its connected qpair.\n\n"
       "The reconnect also started a new association on the target: the "
       "storage node's keep-alive timer starts from scratch, and the host "
       "sends its first keep-alive at once, then one every half KATO. A "
       "replica that RAID1 failed out of the array while the path was down "
       "stays out: reconnecting the controller does not re-add the base "
       "bdev.") },

  { "bdev_nvme.ctrlr_loss",
    N_("Controller lost: bdev_nvme deletes it"),
    N_("bdev_nvme_check_ctrlr_loss_timeout compares the whole seconds since "
       "the reset began with bdev_nvme_set_options.ctrlr_loss_timeout_sec "
       "(0 and -1 never expire; -1 means reconnect for ever). It is consulted "
       "when an attempt fails and while an attempt is being polled, never "
       "during the wait between attempts. When it expires, bdev_nvme stops "
       "reconnecting and destroys the controller on the app thread. At v26.01 "
       "that is bdev_nvme_delete_ctrlr, which marks the controller under "
       "nvme_ctrlr->mutex and then depopulates it. At v26.05 it is "
       "bdev_nvme_start_ctrlr_destruct, which runs on the app thread, "
       "asserts that, and needs no lock.\n\n"
       "Depopulating removes the controller's namespace from its NVMe bdev, "
       "and the matching path disappears from every channel. If another "
       "path of the namespace remains, here the replica's other controller, "
       "the bdev lives on with it. If this was the last, the bdev is "
       "unregistered, and RAID1 receives the hot-remove. An I/O waiting in a "
       "retry queue finds the path gone at its next retry. It waits on only "
       "if another path may still come back, and fails otherwise.\n\n"
       "Because the deadline is not checked between attempts, the deletion "
       "lands at the first attempt that starts or fails after it: with "
       "raid_270's reconnect_delay_sec of 2 s, no more than about 2 s after "
       "120 s. A deleted controller never comes back by itself; it takes a "
       "new bdev_nvme_attach_controller.") },

  { "raid.fail_base",
    N_("RAID1 fails a replica out of the array"),
    N_("raid_bdev_fail_base_bdev is called from a completion: a failed "
       "write leg, a failed attempt to rewrite a bad read, or a read that no "
       "other replica could serve. It sends the work to the app thread, where "
       "_raid_bdev_fail_base_bdev acts once per base bdev. It logs the NOTICE "
       "\"Failing base bdev in slot N ('name') of raid bdev 'name'\" and starts "
       "removing that base bdev.\n\n"
       "RAID1 needs only one working base bdev, so with two replicas the array "
       "stays online, degraded. The removal quiesces the RAID bdev: new I/O "
       "is held and I/O in flight drains. If the array has a superblock, the "
       "slot is recorded there as failed. The base bdev then gets a reset, "
       "every channel drops its handle on the slot, and the array is "
       "unquiesced. From then on, writes skip the slot and reads go to the "
       "remaining replica. Had this been the last working base bdev, the RAID "
       "bdev would have been taken down instead.\n\n"
       "The reset sent to the failed base bdev reaches bdev_nvme. It resets "
       "the replica's controllers, or joins a reset already running, or starts "
       "a delayed reconnect at once. While it runs, I/O for that bdev that "
       "finds no path fails instead of waiting. Nothing returns the replica "
       "to the array by itself: it has to be added again and rebuilt from the "
       "survivor before the array is redundant again.") },

  { "raid.remove_base",
    N_("A replica's bdev disappears: RAID1 runs degraded"),
    N_("This is not an I/O error: the base bdev itself went away. Here "
       "bdev_nvme deleted the last controller behind the replica's namespace "
       "(ctrlr_loss_timeout_sec), and with its last path gone the NVMe bdev "
       "was unregistered. The bdev layer tells every open descriptor, and "
       "RAID's raid_bdev_event_base_bdev handles SPDK_BDEV_EVENT_REMOVE by "
       "calling raid_bdev_remove_base_bdev.\n\n"
       "The removal is the same sequence as when a replica is failed: quiesce "
       "the array, record the slot in the superblock (as missing rather than "
       "failed), reset the base bdev, drop the slot from every channel, "
       "unquiesce. There is no \"Failing base bdev\" message. RAID1 stays "
       "online as long as one base bdev remains.\n\n"
       "In raid_270 this comes about 120 s "
       "(bdev_nvme_set_options.ctrlr_loss_timeout_sec) after both paths of a "
       "replica were lost. Writes held in bdev_nvme's retry queues for that "
       "replica fail, and the RAID1 writes they belong to still succeed "
       "through the surviving replica. "
       "Bringing the replica back means attaching its controllers again, "
       "adding it to the array and rebuilding it.") },

  { "raid1.write_skip",
    N_("The missing replica is skipped"),
    N_("raid1_submit_write_request starts every write with the default status "
       "FAILED and one part to complete per slot. For each slot it asks this "
       "thread's RAID channel for the base bdev's channel. A slot whose base "
       "bdev was removed has none, so the write counts that part as done and "
       "failed at once and moves on.\n\n"
       "Because the default status is already FAILED, a failed part changes "
       "nothing, while any part that succeeds sets the result to success. So "
       "the write succeeds if at least one remaining replica writes it, and "
       "fails only if none does.\n\n"
       "Every such write makes the missing replica more out of date. Until it "
       "is added back and rebuilt, the array has a single copy of the data "
       "and no redundancy.") },

  { "raid1.write_leg_failed",
    N_("A replica's write failed"),
    N_("The child write to this replica completed unsuccessfully. Here "
       "bdev_nvme failed it because no path to the replica will come back. "
       "raid1_write_bdev_io_completion looks up the base bdev in this "
       "channel and calls raid_bdev_fail_base_bdev, so the replica is taken "
       "out of the array on the app thread. It then frees the child bdev_io "
       "and counts the part as failed.\n\n"
       "A RAID1 write starts with the default status FAILED, and any leg that "
       "succeeds turns it into success. The guest's write therefore succeeds "
       "if the other replica has it, and fails only if every leg failed. "
       "The parent completes only when all of its legs have, so it was held "
       "as long as this leg waited in bdev_nvme.\n\n"
       "Failing the replica out matters for correctness. It missed this "
       "write, and reading from it later would return stale data. From now "
       "on RAID1 neither reads from it nor writes to it, until it is added "
       "back and rebuilt.") },

  { "raid1.read_other",
    N_("The read failed: RAID1 reads the other replica"),
    N_("raid1_read_bdev_io_completion got a failed read. It resets the count "
       "of slots to try and calls raid1_read_other_base_bdev. That walks the "
       "slots, skips the one that failed and any without a channel on this "
       "thread, and sends the same read to the next. The replica that failed "
       "is not taken out yet.\n\n"
       "If the other read succeeds, raid1_correct_read_error writes the data "
       "back to the replica that failed, to repair it. If that write fails, "
       "or cannot be submitted, the replica is failed out of the array; "
       "either way the guest's read completes successfully with the good "
       "data. If no other replica could serve the read, the original replica "
       "is failed out and the read completes as FAILED.\n\n"
       "When the read failed because the replica is unreachable, as here, "
       "the repair write fails as well, so the replica ends up failed out "
       "after all, one round trip to the other replica later.") },

  { "nvmf.keep_alive_timeout",
    N_("The storage node drops the host: keep-alive timeout"),
    N_("On the storage node's target, each controller has a keep-alive "
       "timeout (KATO) agreed at connect. The target takes the host's value, "
       "rounds it up to its granularity (10 s by default) and raises it to "
       "its minimum (10 s by default). The host reads the result back and "
       "uses it. nvmf_ctrlr_keep_alive_poll runs every KATO. It compares "
       "the time of the last Keep Alive command received with KATO; I/O "
       "commands do not count, only keep-alives.\n\n"
       "When KATO has passed, the target logs the NOTICE \"Disconnecting host "
       "... from subsystem ... due to keep alive timeout.\", sets the "
       "controller fatal status bit and disconnects every qpair of that "
       "controller on all poll groups. The association is over. The host "
       "sees its qpairs and admin queue disconnected and bdev_nvme starts a "
       "failover; the reconnect creates a new controller on the target.\n\n"
       "The host side is in lib/nvme. Each time bdev_nvme polls the admin "
       "queue (every bdev_nvme_set_options.nvme_adminq_poll_period_us, 10 ms "
       "by default) a Keep Alive goes out once half of KATO has passed since "
       "the last. raid_270 sets bdev_nvme_set_options.keep_alive_timeout_ms to "
       "30000: a 30 s KATO and a keep-alive every 15 s. Since the target only "
       "checks every 30 s, the drop comes between 30 and 60 s after the last "
       "keep-alive that arrived. SPDK's default is 10000; 0 turns keep-alive "
       "off.") },

  { "nvme.timeout",
    N_("The command timed out"),
    N_("This step exists only when bdev_nvme_set_options.timeout_us is "
       "non-zero; the default is 0, no timer. bdev_nvme then registers "
       "timeout_cb with the NVMe driver (admin commands use timeout_admin_us, "
       "or the same value). The driver checks outstanding commands as it "
       "polls, and calls timeout_cb once for a command outstanding longer "
       "than that. timeout_cb logs the WARNING \"Warning: Detected a timeout. "
       "ctrlr:%p,qpair:%p,cid:%u\".\n\n"
       "For an I/O queue it first reads the controller status register; on a "
       "fabric that is a Property Get over the admin queue. If the status shows "
       "a fatal error, or cannot be read, it logs \"... reset required\" and "
       "resets the controller whatever the action. Otherwise "
       "bdev_nvme_set_options.action_on_timeout decides. With none, only a "
       "debug message. With abort, it sends an NVMe Abort for the command "
       "(unless the controller is unavailable). If the target aborts it, the "
       "command completes as "
       "ABORTED - BY REQUEST, which bdev_nvme does not retry, so the bdev_io "
       "fails and RAID1 fails the replica out. If the Abort cannot be sent, "
       "it resets instead. With reset, bdev_nvme_reset_ctrlr runs, which "
       "marks the controller dont_retry: the commands that reset aborts "
       "carry the do-not-retry bit and fail too.\n\n"
       "At v26.01 the callback resets through bdev_nvme_reset_ctrlr directly "
       "and takes nvme_ctrlr->mutex to check availability. At v26.05 it sends "
       "bdev_nvme_reset_ctrlr_async to the app thread and takes no lock. "
       "raid_270 leaves timeout_us at 0, so a command that never completes is "
       "never timed out by the host.") },

  { "media.stall",
    N_("The SSD stalls"),
    N_("No SPDK function is involved. The storage node's SSD has stopped "
       "completing commands, because of firmware, a long internal pause or a "
       "failing device. The command sits in the drive. The storage node's "
       "poller finds no completion entry, and everything above holds its "
       "resources: the storage node's request and buffers, the baremetal's "
       "nvme_request and rdma_req, the child bdev_io, the RAID1 I/O and the "
       "guest's request.\n\n"
       "Nothing on the path fails. The RDMA connection is healthy, so no "
       "retransmission runs out. The target answers keep-alives on its admin "
       "path without touching the SSD, so no keep-alive timeout fires either. "
       "The only host-side limit is bdev_nvme_set_options.timeout_us on the "
       "baremetal, with bdev_nvme_set_options.action_on_timeout saying what "
       "to do. The storage node's own bdev_nvme can time out its local SSD in "
       "the same way if it is configured to.\n\n"
       "In raid_270 timeout_us is 0, so the command simply waits until the "
       "drive answers. A RAID1 write waits for its slowest leg, so the guest's "
       "write stalls with it. Reads behave better: RAID1 sends each read to "
       "the replica with the fewest read blocks outstanding on the channel, "
       "so reads stuck on the stalled replica push new reads to the other "
       "one.") },

  { NULL, NULL, NULL }
};

static gpointer
build_index (gpointer data G_GNUC_UNUSED)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (const IopExplanation *e = explanations; e->key != NULL; e++)
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

const IopExplanation *
iop_explanation_all (void)
{
  return explanations;
}
