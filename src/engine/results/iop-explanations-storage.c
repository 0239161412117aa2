/* iop-explanations-storage.c: the explanations of the target and storage side
 *
 * The nvmf RDMA and TCP target transports, the lvol and blobstore of the
 * storage node, the PCIe SSD and its media, and the malloc bdev with its
 * accel copy of the TCP set-up.
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

const IopExplanation iop_explanations_storage[] = {

  /* ------------------------------------------------------------------ */
  /* NVMe-oF RDMA target transport                                      */
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
       "the poll group or queue pair was created. Which poll-group thread "
       "does the work was settled when the queue pair connected: the "
       "transport gave it a poll group then, and it stays there.") },

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
       "pools. The reference deployment's iobuf_get_stats shows nvmf_RDMA served almost entirely from "
       "cache, retry 0.") },

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
       "per request, spread over its poll groups.") },

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
  /* NVMe-oF TCP target transport                                       */
  /* ------------------------------------------------------------------ */

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
       "hence two poll groups. nvmf_get_stats shows the guest's admin queue "
       "and its I/O queue pair on nvmf_tgt_poll_group_000 and an I/O queue "
       "pair that came and went on 001: bdevperf's examine opened it between "
       "the two, and the TCP transport hands every new connection to the next "
       "group in turn. The RAID1 bdev, both replica "
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
       "nvmf_create_transport.in_capsule_data_size and never come here. At "
       "v26.01, with two poll groups, the automatic "
       "nvmf_create_transport.buf_cache_size is 511 times 3/4, divided by 2: "
       "191 small and 191 large buffers per group. At v26.05 the caches "
       "default to half of each iobuf pool divided by the poll groups "
       "(nvmf_create_transport.iobuf_small_cache_size and "
       "iobuf_large_cache_size): 4096 small and 512 large per group. Either "
       "way they are drawn from the 16384 small and 2048 large buffers set by "
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

  /* ------------------------------------------------------------------ */
  /* Logical volume                                                     */
  /* ------------------------------------------------------------------ */

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
       "channel to the base bdev below. Nothing is allocated in this step.\n\n"
       "The lvol's knobs do not change the common path; they shape its "
       "exceptions. The thin_provision flag of bdev_lvol_create decides whether "
       "a first write must allocate a cluster, and the cluster_sz of "
       "bdev_lvol_create_lvstore (4 MiB by default) sets the granularity of "
       "allocation and copy-on-write.") },

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
       "calls NVMf's nvmf_bdev_ctrlr_complete_cmd, still inside the base "
       "bdev's completion: the response to the host is queued before the "
       "poller that found that completion has returned (bdev_nvme_poll on an "
       "SSD's completion entry, or the software accel module's completion "
       "poller after a malloc bdev's copy).\n\n"
       "The lvol bdev_io is not freed here; NVMf frees it once the transport "
       "has the response. bdev_get_iostat on the lvol therefore covers the "
       "lvol, the blobstore and the base bdev; the network and the transport's data "
       "transfers are outside it.") },

  /* ------------------------------------------------------------------ */
  /* Blobstore                                                          */
  /* ------------------------------------------------------------------ */

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
    N_("Send the I/O to the lvstore's base bdev"),
    N_("bs_sequence_writev_dev or bs_sequence_readv_dev passes the translated "
       "LBA range and the same iovecs to the blobstore's device: the bs_dev "
       "that wraps the bdev under the lvstore. The bs_dev calls "
       "spdk_bdev_writev_blocks_ext or spdk_bdev_readv_blocks_ext on its own "
       "channel to that bdev, which takes a second bdev_io from the thread's "
       "cache, or from the mempool when the cache is empty. The request set "
       "travels along as the completion context.\n\n"
       "If no bdev_io is available, the bs_dev itself waits with "
       "spdk_bdev_queue_io_wait and resubmits when one is freed on this "
       "thread, so the blobstore never sees the shortage.\n\n"
       "From here the path is the generic bdev path again, into the module of "
       "the base bdev: bdev_nvme towards a local PCIe SSD (an nvme_request "
       "from the qpair, a PCIe tracker), or bdev_malloc, which copies through "
       "the accel framework. On the storage node, "
       "bdev_set_options.bdev_io_cache_size therefore has to cover two bdev_io "
       "for every request in flight on a thread.") },

  { "blob.complete",
    N_("Finish the blob request"),
    N_("When the base bdev's bdev_io completes, blob_bdev's callback, "
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

  /* ------------------------------------------------------------------ */
  /* NVMe PCIe driver (storage node SSD)                                */
  /* ------------------------------------------------------------------ */

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
       "The reference deployment's storage-node thread_get_pollers shows bdev_nvme_poll active on every "
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

  /* ------------------------------------------------------------------ */
  /* The SSD media                                                      */
  /* ------------------------------------------------------------------ */

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

  /* ------------------------------------------------------------------ */
  /* malloc bdev                                                        */
  /* ------------------------------------------------------------------ */

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
  /* accel framework                                                    */
  /* ------------------------------------------------------------------ */

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

  { NULL, NULL, NULL }
};
