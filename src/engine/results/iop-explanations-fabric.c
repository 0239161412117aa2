/* iop-explanations-fabric.c: the explanations of the fabric
 *
 * The NVMe/RDMA and NVMe/TCP initiator transports and what crosses the
 * wire (capsules, RDMA reads and writes, PDUs, lost links).
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

const IopExplanation iop_explanations_fabric[] = {

  /* ------------------------------------------------------------------ */
  /* NVMe/RDMA initiator transport                                      */
  /* ------------------------------------------------------------------ */

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

  { "nvme_rdma.wc_error",
    N_("Transport error: the qpair fails"),
    N_("The NIC has run out of retransmissions. The send completes with the "
       "verbs status \"transport retry counter exceeded\" (12); the queue pair "
       "enters the error state, and everything else posted on it is flushed. "
       "SPDK's RDMA poll group finds the failed completion. "
       "nvme_rdma_log_wc_status logs an ERROR line, \"WC error, qp state ..., "
       "request ... type ..., status: (12): transport retry counter exceeded\" "
       "(the flushed ones only at debug level), and the qpair is marked failed, "
       "so bdev_nvme stops choosing this path at once, and its disconnect "
       "begins.\n\n"
       "The disconnect waits for the RDMA connection manager's DISCONNECTED "
       "event. A peer that cannot be reached never answers, so a later poll of "
       "the same poll group gives up after "
       "bdev_nvme_set_options.rdma_cm_event_timeout_ms (0 keeps the driver's "
       "1000 ms). In that later poll the driver completes every command still "
       "outstanding on the qpair "
       "itself, with the status ABORTED - SQ DELETION and the do-not-retry bit "
       "clear. bdev_nvme treats that as a path problem: "
       "bdev_nvme_check_retry_io queues the I/O again with no delay and "
       "without counting it against bdev_nvme_set_options.bdev_retry_count, "
       "and the retry picks any other usable path. Right after the aborts, in the "
       "same poll, the poll group reports "
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

  /* ------------------------------------------------------------------ */
  /* NVMe/TCP initiator transport                                       */
  /* ------------------------------------------------------------------ */

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

  /* ------------------------------------------------------------------ */
  /* Network: what crosses the wire                                     */
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

  { NULL, NULL, NULL }
};
