/* iop-explanations-host.c: the explanations of the host side
 *
 * The guest, the vfio-user target, the nvmf core (on both hosts), the bdev
 * layer and RAID1.
 *
 * Entries of one layer sit together, in the order of the path (submit,
 * completion, waits, faults). iop-explanations.c holds the lookup and says
 * how keys and variants work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "iop-explanations-private.h"

/* NVMe/TCP completes the same way on either host: one text, two keys */
#define NVMF_COMPLETE_TCP \
    N_("spdk_nvmf_request_complete runs _nvmf_request_complete on this " \
       "poll-group thread: it fills the completion's command id, sets the " \
       "retry-delay hint if the error allows a retry, removes the request " \
       "from the queue pair's outstanding list, counts it (completed_nvme_io " \
       "in nvmf_get_stats) and calls the TCP transport.\n\n" \
       "nvmf_tcp_req_complete marks the request EXECUTED and runs its state " \
       "machine into request_transfer_out. A successful read leaves as C2H " \
       "DATA PDUs that carry the data, the last one flagged as the " \
       "completion, so no response capsule follows; a write, or any failed " \
       "command, gets a capsule response PDU. Either way the PDU is only " \
       "queued on the connection's socket here: the host learns of the " \
       "completion once the socket has written it.\n\n" \
       "Back in nvmf_bdev_ctrlr_complete_cmd the namespace's bdev_io (the " \
       "RAID bdev's on the baremetal host, the lvol's on a storage node) is " \
       "freed. The tcp_req and its iobuf buffers stay taken until the write " \
       "of the last PDU has completed; only then does the request go back to " \
       "its connection.")

const IopExplanation iop_explanations_host[] = {

  /* ------------------------------------------------------------------ */
  /* The guest                                                          */
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
  /* vfio-user target (baremetal)                                       */
  /* ------------------------------------------------------------------ */

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

  /* ------------------------------------------------------------------ */
  /* nvmf: the NVMe-oF target core (lib/nvmf)                           */
  /* ------------------------------------------------------------------ */

  { "nvmf.exec",
    N_("Dispatch the NVMe command"),
    N_("spdk_nvmf_request_exec is where every transport, VFIO-user, RDMA or "
       "TCP, hands a command to the NVMf core, so the same code runs on the "
       "baremetal host and on the storage node. It checks that the subsystem "
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
       "On the baremetal host the namespace's bdev is the RAID1 bdev; in "
       "raid_270 the thread is one of the three poll-group threads on cores "
       "5-7 (nvmf_set_config.poll_groups_mask 0xE0).") },

  { "nvmf.exec@storage~tcp",
    N_("Dispatch the command on the storage node (TCP)"),
    N_("The storage node runs the same NVMf core code. Here the command came "
       "as a capsule command PDU on an NVMe/TCP connection, and the "
       "namespace behind it is an lvol. spdk_nvmf_request_exec checks the "
       "subsystem and the queue pair and records the request as outstanding; "
       "nvmf_ctrlr_process_io_cmd takes the poll group's bdev channel for the "
       "lvol bdev.\n\n"
       "A write's payload is in target memory by now: either it came inside "
       "the command PDU (up to nvmf_create_transport.in_capsule_data_size) "
       "into the tcp_req's own buffer, or the target asked for it with an R2T "
       "and received it in H2C DATA PDUs into buffers from its poll-group "
       "iobuf cache. A read has its iobuf buffers too, still empty: the bdev "
       "under the lvstore will fill them.\n\n"
       "A poll-group thread both executes target requests and runs the "
       "completions of the bdev under the lvstore (bdev_nvme_poll for an NVMe "
       "SSD, the software accel module's completion poller for a malloc "
       "bdev), so the storage-side path of one request stays on one thread. "
       "The node's core mask decides how many poll groups there are; which "
       "one serves a host's connection is chosen when it connects, and "
       "nvmf_set_config.poll_groups_mask limits the cores that get one.") },

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
       "The reference deployment's storage-node framework_get_reactors shows 28 poll-group threads "
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
       "cache, or from the global mempool when the cache is empty. When "
       "neither has one it returns -ENOMEM; NVMf does not fail "
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
       "the poll-group thread's cache or, when that is empty, from the global "
       "mempool (next step). If none can be had it "
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
       "thread's cache, or from the global mempool when the cache is empty. "
       "When neither has one it returns -ENOMEM; NVMf then "
       "registers the request with spdk_bdev_queue_io_wait, counts it as "
       "pending_bdev_io in nvmf_get_stats, and resubmits the whole command when "
       "a bdev_io is freed on this thread.\n\n"
       "nvmf_bdev_ctrlr_complete_cmd, the callback given here, will run when "
       "both replicas have answered. A write takes a bdev_io for the RAID bdev, "
       "one per leg and one per split part, each from the per-thread cache of "
       "bdev_set_options.bdev_io_cache_size entries while it lasts, then from "
       "the pool of bdev_set_options.bdev_io_pool_size (128 and 1048576 in "
       "raid_270); the count for this I/O follows.") },

  { "nvmf.bdev_rw@storage",
    N_("Turn the command into an lvol I/O"),
    N_("On the storage node nvmf_bdev_ctrlr_read_cmd or "
       "nvmf_bdev_ctrlr_write_cmd performs the same translation as on the "
       "baremetal host, but the bdev is the lvol and the iovecs point at "
       "transport memory. For a write, that is the buffer the command capsule "
       "arrived in, when the data fits in "
       "nvmf_create_transport.in_capsule_data_size, or else the iobuf buffers "
       "RDMA READ (or H2C DATA on TCP) has just filled; for a read, iobuf "
       "buffers that the base bdev under the lvstore will fill (an NVMe SSD by "
       "DMA, a malloc bdev by an accel copy) and the target will then send to "
       "the baremetal host (RDMA WRITE, or C2H DATA on TCP).\n\n"
       "The call takes a bdev_io for the lvol bdev from the poll-group "
       "thread's cache, or from the global mempool when the cache is empty. If "
       "neither has one, -ENOMEM makes NVMf wait with "
       "spdk_bdev_queue_io_wait (pending_bdev_io in nvmf_get_stats) and "
       "resubmit when a bdev_io is freed on this thread. The request keeps "
       "holding its transport buffers meanwhile.\n\n"
       "The reference deployment's notes do not list the storage node's bdev options. At SPDK "
       "defaults each thread caches bdev_set_options.bdev_io_cache_size 256 "
       "from a pool of bdev_set_options.bdev_io_pool_size 65535; bdev_set_options "
       "refuses a pool smaller than the cache times (threads + 1), which "
       "raid_270's 28 poll-group threads plus app_thread comfortably meet.") },

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

  { "nvmf.complete@baremetal~tcp",
    N_("Complete the NVMf request (TCP)"),
    NVMF_COMPLETE_TCP },

  { "nvmf.complete@storage~tcp",
    N_("Complete the NVMf request (TCP)"),
    NVMF_COMPLETE_TCP },

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

  /* ------------------------------------------------------------------ */
  /* bdev layer                                                         */
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
       "On this host a guest I/O takes this one for the RAID1 bdev, one per "
       "leg it goes to for the NVMe bdevs (two for a write, one for a read), "
       "and one per part when the bdev layer splits a leg. Each comes from "
       "this thread's cache while it lasts and from the mempool after that, "
       "and goes back to the cache unless the cache is full.\n\n"
       "raid_270 sets bdev_set_options.bdev_io_cache_size to 128, half the "
       "upstream default, so each thread that opens a management channel takes "
       "128 at start: 512 for app_thread plus the three poll-group threads. "
       "That covers about 42 writes of 4 KiB (three bdev_io each) or 18 of "
       "128 KiB (seven each) in flight per thread before the mempool is used, and a mempool access costs a shared ring operation, not a wait. "
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
       "takes a second one for the base bdev under the lvstore, which carries "
       "that module's context: bdev_nvme's on an NVMe SSD, bdev_malloc's on a "
       "malloc bdev. Both come from the thread's cache while it lasts, then "
       "from the mempool. A node that serves both replicas sees this twice "
       "for one guest write, once per replica's command.\n\n"
       "The reference deployment's notes do not list this node's bdev options, so assume SPDK "
       "defaults unless your deployment says otherwise: "
       "bdev_set_options.bdev_io_cache_size 256 per thread and "
       "bdev_set_options.bdev_io_pool_size 65535. With raid_270's 28 "
       "poll-group threads and app_thread that pins about 7400 bdev_io in "
       "caches, well inside the "
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
       "within the rate limit; the reference deployment's baremetal thread_get_pollers shows many "
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
       "device layer, for the base bdev under the lvstore (in raid_270 the "
       "NVMe bdev of a local SSD). Each time "
       "bdev_io_submit stamps the submit time, checks locked ranges and "
       "splitting, and bdev_io_do_submit counts the I/O as outstanding before "
       "calling the module.\n\n"
       "The outstanding counters matter for recovery from shortages. If the "
       "blobstore runs out of request sets, or, under an NVMe base bdev, the "
       "NVMe driver out of nvme_request objects, the module completes the bdev_io with NOMEM. The "
       "bdev layer then parks it on the nomem list of that thread's shared "
       "resource and resubmits it once enough other I/O on the resource has "
       "completed, and new I/O to the same resource queues behind it.\n\n"
       "No allocation happens here. QoS limits (bdev_set_qos_limit), if set on "
       "the lvol, are applied at this point, before the blobstore sees the "
       "I/O.") },

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
       "line in the reference deployment's iobuf_get_stats reads cache=0 main=0 retry=0: on "
       "this path the bdev layer never asks iobuf for anything. The lvol on "
       "the storage node makes the same check and also finds a buffer, the "
       "transport's.\n\n"
       "The other case arises when the bdev_io has no buffer (a user that lets "
       "the bdev layer allocate, such as bdevperf) or an unaligned one. Then a "
       "buffer comes from the bdev module's per-thread iobuf cache: small if "
       "the length fits iobuf_set_options.small_bufsize, large "
       "otherwise, refilled from the central ring on a miss, with a wait if "
       "the ring is empty; unaligned memory gets a bounce buffer and a copy. "
       "That cache holds bdev_set_options.iobuf_small_cache_size small and "
       "bdev_set_options.iobuf_large_cache_size large buffers per thread (128 "
       "and 16 by default at both tags), filled when each thread creates its "
       "management channel, used or not.") },

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
       "as its callback. Every part takes a bdev_io of its own, from this "
       "thread's cache or, when that is empty, the mempool (the part's own "
       "step says which), and goes all the way down (bdev_nvme, an nvme_request, an rdma_req, a "
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
    N_("On the baremetal host this happens for each bdev_io a module "
       "completes, innermost first. bdev_nvme completes each leg's bdev_io; "
       "the RAID1 callback frees it at once, back to the poll-group thread's "
       "cache (bdev_set_options.bdev_io_cache_size 128 in raid_270), and "
       "accounts for the leg. When RAID1 has its answer it completes the RAID "
       "bdev_io, whose callback is NVMf's nvmf_bdev_ctrlr_complete_cmd: it "
       "fills the NVMe completion, completes the NVMf request, which hands the "
       "completion to the front-end transport (with VFIO-user, an entry in "
       "guest memory), and only then frees the RAID bdev_io.\n\n"
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
       "other. The base bdev's (in raid_270 the NVMe bdev) completes first; "
       "its callback belongs to "
       "blob_bdev, which calls the blobstore back. That finishes the request "
       "set and runs lvol_op_comp, which completes the lvol's bdev_io; its "
       "callback, nvmf_bdev_ctrlr_complete_cmd, fills the completion for the "
       "host, hands the request back to the transport, and frees the lvol "
       "bdev_io into the poll-group thread's cache. Only when all of that has "
       "returned does blob_bdev free the base bdev's bdev_io.\n\n"
       "A NOMEM status from the lvol (no blob request set available) is not a "
       "completion: the bdev layer puts the I/O back on the nomem list and "
       "resubmits it when enough other I/O on this thread has finished. The "
       "host sees only extra latency.\n\n"
       "The transport buffers are still held at this point. For a read the "
       "data has yet to go back to the host (RDMA WRITE, or C2H DATA PDUs over "
       "TCP); for a write the buffers "
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

  /* ------------------------------------------------------------------ */
  /* RAID bdev                                                          */
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
       "read into; with the caller's buffer already attached (the guest's "
       "pages under VFIO-user) this returns at once. Resets, flushes and unmaps take their own routes; other I/O "
       "types fail.\n\n"
       "raid_270 is a two-leg RAID1: every write becomes two NVMe-oF writes to "
       "two storage nodes, every read one. The RAID bdev has no per-I/O knob; "
       "its cost shows as an extra bdev_io per leg, drawn from the same "
       "bdev_set_options.bdev_io_cache_size, and as a slot on each leg's NVMe "
       "qpair further down.") },

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

  /* ------------------------------------------------------------------ */
  /* RAID1 module                                                       */
  /* ------------------------------------------------------------------ */

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
       "lands straight in the caller's buffer (guest memory under "
       "VFIO-user). It takes one bdev_io from the thread's cache; "
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
       "takes its own bdev_io (from the thread's cache, or the mempool when the "
       "cache is empty), and a leg the bdev layer splits takes one more per "
       "part.\n\n"
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

  { "raid1.read_complete",
    N_("Read leg done"),
    N_("raid1_read_bdev_io_completion frees the leg's bdev_io and lowers the "
       "outstanding read-block counter of the leg it used on this thread's "
       "RAID channel, the counter the next read's choice will look at. On "
       "success it completes the RAID bdev_io: the data is already in the "
       "buffer the read was given.\n\n"
       "On failure RAID1 does not give up. raid1_read_other_base_bdev tries "
       "the other leg, and if that read succeeds, raid1_correct_read_error "
       "writes the good data back to the leg that failed before completing "
       "successfully. Only when every leg fails does the guest see an error. "
       "A repaired read costs a second network round trip plus a write, which "
       "shows as an occasional slow read.\n\n"
       "The RAID bdev_io then completes towards NVMf, on the same thread.") },

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

  { NULL, NULL, NULL }
};
