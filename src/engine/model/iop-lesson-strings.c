/* iop-lesson-strings.c: the texts of the lessons in data/lessons, for xgettext
 *
 * Written by tools/lesson-strings.py; do not edit. The lessons are data:
 * their texts stay English in the files and are translated when shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "iop-lesson.h"

const char *const iop_lesson_strings[] = {
  /* Translators: lesson dying-path: title */
  N_("What a dying replica path does"),
  /* Translators: lesson dying-path: description */
  N_("Cut one path of replica B, then both, on raid_270: how the host notices, resets and reconnects, what the held write waits for, and what fast-fail trades for a shorter wait."),
  /* Translators: lesson dying-path, chapter 1: title */
  N_("One path of replica B goes dark"),
  /* Translators: lesson dying-path, chapter 1: introduction */
  N_("Replica B is reached over two paths, active-passive. Path 0 stops carrying packets just as the write is sent; nothing tells the host."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 0 (v26.01), 0 (v26.05) */
  N_("The link is gone, silently. The host will learn it from the NIC, when a send runs out of retransmissions, or from a keep-alive that gets no answer."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 20 (v26.01), 20 (v26.05) */
  N_("Replica B's capsule is lost. The NIC resends it a few times; the command stays outstanding on the host, holding its rdma_req and nvme_request."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 53 (v26.01), 53 (v26.05) */
  N_("Replica A answered long ago; its objects are already free. The RAID1 write still waits for replica B."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 56 (v26.01), 56 (v26.05) */
  N_("Detection, about a third of a second later with the model's RDMA ACK timeout: the retransmissions are used up and the NIC reports an error completion. bdev_nvme_poll reaps it, marks the queue pair failed and starts to disconnect it; the command it holds stays put for now."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 58 (v26.01), 58 (v26.05) */
  N_("A second later the disconnect stops waiting for the connection manager, which gets no answer from the dead path (rdma_cm_event_timeout_ms). Only now does the outstanding command complete as aborted by the queue's deletion. That is a path error: bdev_nvme retries the I/O at once on another path, without spending bdev_retry_count."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 60 (v26.01), 60 (v26.05) */
  N_("In the meantime the controller of path 0 is reset: its queue pairs go, a reconnect starts. The reset's start is the clock for fast_io_fail_timeout_sec and ctrlr_loss_timeout_sec."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 96 (v26.01), 97 (v26.05) */
  N_("Through path 1 the write reaches replica B: both legs are done and the RAID1 write completes normally. The array never noticed."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 104 (v26.01), 105 (v26.05) */
  N_("The guest waited about 1.3 s for a 4 KiB write: the time to detect the dead path and to finish its disconnect, not to fail over."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 105 (v26.01), 106 (v26.05) */
  N_("Path 0 still does not answer. bdev_nvme tries again every reconnect_delay_sec (2 s in raid_270)."),
  /* Translators: lesson dying-path, chapter 1: speaker note at step 186 (v26.01), 187 (v26.05) */
  N_("After ctrlr_loss_timeout_sec (120 s) bdev_nvme gives up on path 0 and deletes its controller. Replica B runs on one path from now on."),
  /* Translators: lesson dying-path, chapter 2: title */
  N_("Both paths: the write waits"),
  /* Translators: lesson dying-path, chapter 2: introduction */
  N_("Now replica B loses both paths for 30 s. raid_270 leaves fast_io_fail_timeout_sec at 0: an I/O is never failed while its controller may still come back."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 66 (v26.01), 67 (v26.05) */
  N_("The retry on path 1 is lost as well."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 67 (v26.01), 68 (v26.05) */
  N_("Path 1 reports its error too. Path 0's controller is already resetting; path 1's follows once its own disconnect has finished, a second later."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 73 (v26.01), 75 (v26.05) */
  N_("No path is connected, but one may come back, so the I/O is parked in the channel's retry queue and tried again every second. It keeps its bdev_io all the while."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 139 (v26.01), 141 (v26.05) */
  N_("30 s later the link is back and a reconnect succeeds: new admin and I/O queue pairs, and the path is usable again."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 140 (v26.01), 142 (v26.05) */
  N_("At its next retry the held write finds the path and is sent to replica B."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 178 (v26.01), 180 (v26.05) */
  N_("Both replicas have the data: the RAID1 write completes as it should, the array is whole."),
  /* Translators: lesson dying-path, chapter 2: speaker note at step 184 (v26.01), 186 (v26.05) */
  N_("The price: the guest waited 30.7 s for this write. Anything with a shorter I/O timeout in the guest would have given up first."),
  /* Translators: lesson dying-path, chapter 3: title */
  N_("fast_io_fail_timeout_sec = 5: fail fast, run degraded"),
  /* Translators: lesson dying-path, chapter 3: introduction */
  N_("The same outage with fast_io_fail_timeout_sec set to 5 on the baremetal host."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 73 (v26.01), 75 (v26.05) */
  N_("At first nothing changes: the write waits in the retry queue."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 88 (v26.01), 90 (v26.05) */
  N_("A reconnect attempt fails 7 s after the reset began. The fast-fail deadline is checked when an attempt fails, in whole seconds: 7 is past 5, so the controller is marked fast-failed."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 89 (v26.01), 91 (v26.05) */
  N_("At its next retry the write finds no path that may come back, and bdev_nvme completes it as failed."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 93 (v26.01), 95 (v26.05) */
  N_("One replica has the data, which is enough for RAID1: the guest's write succeeds, on a degraded array."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 97 (v26.01), 99 (v26.05) */
  N_("Only after the completion has gone up does app_thread get RAID1's message: it removes replica B's base bdev from the array; SPDK logs \"Failing base bdev in slot 1\"."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 98 (v26.01), 100 (v26.05) */
  N_("9.7 s instead of 30.7 s."),
  /* Translators: lesson dying-path, chapter 3: speaker note at step 128 (v26.01), 130 (v26.05) */
  N_("At 30 s the paths come back and the controllers reconnect, but replica B stays out of the array: it missed writes and needs a rebuild first. That is what fast-fail costs."),
  /* Translators: lesson small-caches: title */
  N_("What a too-small cache or pool costs"),
  /* Translators: lesson small-caches: description */
  N_("Shrink the bdev_io cache, the transport's buffer cache and the bdev_io pool of raid_270 one at a time, and see where each object comes from instead and what the write pays for it."),
  /* Translators: lesson small-caches, chapter 1: title */
  N_("Baseline: every bdev_io from the thread cache"),
  /* Translators: lesson small-caches, chapter 1: introduction */
  N_("raid_270 as deployed: 128 bdev_io cached per thread on the baremetal host. Three bdev_io per write, all from the cache."),
  /* Translators: lesson small-caches, chapter 1: speaker note at step 5 */
  N_("The parent bdev_io: the cache goes from 128 to 127. A cache hit is a list operation on this thread, no lock and no shared ring."),
  /* Translators: lesson small-caches, chapter 1: speaker note at step 13 */
  N_("Replica B's child bdev_io, the third of this write, still from the cache: 125 left."),
  /* Translators: lesson small-caches, chapter 1: speaker note at step 93 */
  N_("33.5 µs end to end. Keep this number for the chapters that follow."),
  /* Translators: lesson small-caches, chapter 2: title */
  N_("bdev_io_cache_size = 2"),
  /* Translators: lesson small-caches, chapter 2: introduction */
  N_("The same write with only two bdev_io cached per thread. SPDK still accepts it: the pool (1,048,576 here) is far larger than the caches need."),
  /* Translators: lesson small-caches, chapter 2: speaker note at step 9 */
  N_("Replica A's bdev_io takes the last cached one: the cache is empty now."),
  /* Translators: lesson small-caches, chapter 2: speaker note at step 13 */
  N_("Replica B's bdev_io comes from the global bdev_io mempool instead. bdev_channel_get_io looks at the thread's cache first and only then at the mempool, which every thread shares."),
  /* Translators: lesson small-caches, chapter 2: speaker note at step 85 */
  N_("Frees refill the cache first: replica B's bdev_io goes into the thread's cache because it had room, even though it came from the mempool."),
  /* Translators: lesson small-caches, chapter 2: speaker note at step 89 */
  N_("The parent bdev_io comes back last and finds the cache full (2 of 2), so it goes back to the mempool."),
  /* Translators: lesson small-caches, chapter 2: speaker note at step 93 */
  N_("33.6 µs: the mempool costs one shared ring operation, about a tenth of a microsecond here. A small cache costs little while the pool has objects to give."),
  /* Translators: lesson small-caches, chapter 3: title */
  N_("The transport's buffer cache at 0"),
  /* Translators: lesson small-caches, chapter 3: introduction */
  N_("An 8 KiB write needs an iobuf buffer on each storage node. Here the storage node's NVMf transport keeps no buffers per poll group."),
  /* Translators: lesson small-caches, chapter 3: speaker note at step 23 */
  N_("The poll group's cache is empty, so spdk_iobuf_get goes to the central ring and takes a batch; the iobuf statistics count it as main instead of cache."),
  /* Translators: lesson small-caches, chapter 3: speaker note at step 97 */
  N_("39.9 µs, the same as with the cache: one trip to the ring is cheap. Caches matter when many poll groups go to the central ring at once, and what a thread has cached is its own: a busy neighbour cannot take it."),
  /* Translators: lesson small-caches, chapter 4: title */
  N_("Out of bdev_io: the io_wait path"),
  /* Translators: lesson small-caches, chapter 4: introduction */
  N_("Now the pool itself is too small: 10 bdev_io in all, 2 cached per thread, and two writes already in flight on the queue pair. Running out of bdev_io is the io_wait path; it is not NOMEM, where a module below completes an existing bdev_io as NOMEM and the bdev layer retries it later."),
  /* Translators: lesson small-caches, chapter 4: speaker note at step 5 */
  N_("Cache empty, mempool empty: NVMf cannot get a bdev_io, so it registers the request with spdk_bdev_queue_io_wait and returns. Nothing polls for it; a free on this thread will call it back."),
  /* Translators: lesson small-caches, chapter 4: speaker note at step 6 */
  N_("About 27 µs later one of the writes ahead completes and frees its bdev_io into this thread's cache; spdk_bdev_free_io hands it to the waiting request at once."),
  /* Translators: lesson small-caches, chapter 4: speaker note at step 10 */
  N_("It happens again one layer down: RAID1 needs a bdev_io per leg and queues itself the same way."),
  /* Translators: lesson small-caches, chapter 4: speaker note at step 15 */
  N_("And again for replica B. Each wait lasts until someone else's I/O finishes."),
  /* Translators: lesson small-caches, chapter 4: speaker note at step 96 */
  N_("91.1 µs, against 37.6 µs for the same write behind the same two writes with raid_270's pools. Nothing failed and nothing was logged: an exhausted pool only shows as latency."),
  /* Translators: lesson write-memory: title */
  N_("Where a 4 KiB write's memory comes from"),
  /* Translators: lesson write-memory: description */
  N_("Follow every object one guest write takes on raid_270: which pool or cache it comes from, which ones the data never needs, and when each goes back."),
  /* Translators: lesson write-memory, chapter 1: title */
  N_("A 4 KiB write, object by object"),
  /* Translators: lesson write-memory, chapter 1: introduction */
  N_("One 4 KiB write from the VM, on raid_270 at SPDK v26.01. Watch the pool gauges: every object this write takes comes from a per-thread cache or a per-queue array, and each goes back when the write is done."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 2 */
  N_("The first object is a VFIO-user request from the submission queue's own array. The 4 KiB payload is not copied: the request's iovec points at the guest's pages, so the baremetal host takes no data buffer at all."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 5 */
  N_("The RAID1 bdev's bdev_io comes from this poll group thread's bdev_io cache. raid_270 sizes that cache at 128; only when it is empty would the thread go to the shared bdev_io mempool."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 9 */
  N_("RAID1 writes to every replica, and each child write needs a bdev_io of its own, from the same thread cache. One guest write costs three bdev_io on this host: the parent and one per leg."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 11 */
  N_("The NVMe driver builds the command in an nvme_request taken from the queue pair's free list. Those are allocated when the queue pair is created, so taking one is only a list operation."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 12 */
  N_("The RDMA request also belongs to the queue pair. 4 KiB fits the target's in-capsule data size (4096 by default), so the payload rides in the same SEND as the command: no memory key, no RDMA READ later."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 19 */
  N_("On storage node A the poll group reaps the RECV and takes an nvmf_rdma_request from the shared receive queue's pool."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 20 */
  N_("In-capsule data: the payload is already in the receive buffer, so the target takes no iobuf buffer and the request can execute at once."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 25 */
  N_("The storage node has its own bdev_io caches (256 per thread, SPDK's default). The lvol's bdev_io comes first, the NVMe bdev's one follows a few steps later."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 40 */
  N_("The PCIe queue pair holds the command in a tracker, again from a per-queue free list. The SSD moves the data by DMA straight from the receive buffer."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 48 */
  N_("Frees start at the bottom. The nvme_request goes back to its queue pair before the completion callback runs, so the layers above may reuse it at once."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 63 */
  N_("The storage node's bdev_io go back into the thread's cache: the cache has room, so nothing touches the mempool."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 79 */
  N_("On the baremetal host the RDMA request is the last of the leg's objects to go back, after every completion callback above it has returned."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 88 */
  N_("The completion is written straight into the guest's completion queue, and the VFIO-user request returns to its array."),
  /* Translators: lesson write-memory, chapter 1: speaker note at step 91 */
  N_("The target frees its request only when the NIC confirms the response SEND. It held no transport buffer: in-capsule data needed none."),
  /* Translators: lesson write-memory, chapter 2: title */
  N_("8 KiB: too big for the capsule"),
  /* Translators: lesson write-memory, chapter 2: introduction */
  N_("The same write at 8 KiB. The capsule holds only 4 KiB of data, so the storage node must fetch the payload itself, into a buffer of its own."),
  /* Translators: lesson write-memory, chapter 2: speaker note at step 12 */
  N_("The host sends keyed SGL descriptors instead of the data: each names a memory region the target may read remotely."),
  /* Translators: lesson write-memory, chapter 2: speaker note at step 21 */
  N_("One work request per descriptor. The first is built into the request; the others come from the transport's data work request pool."),
  /* Translators: lesson write-memory, chapter 2: speaker note at step 23 */
  N_("Now the target needs memory for the payload: one 8 KiB small iobuf buffer from the poll group's transport cache. At v26.01 that cache is three quarters of num_shared_buffers divided by the poll groups: 109 here."),
  /* Translators: lesson write-memory, chapter 2: speaker note at step 25 */
  N_("The target pulls the payload with RDMA READ from the guest's pages on the host. The host's CPU does nothing for it."),
  /* Translators: lesson write-memory, chapter 2: speaker note at step 95 */
  N_("When the response is acknowledged, the buffer goes back to the poll group's cache (or straight to a request waiting for one on this thread), then the extra work request, then the request itself."),
  /* Translators: lesson write-memory, chapter 3: title */
  N_("The same 8 KiB write at v26.05"),
  /* Translators: lesson write-memory, chapter 3: introduction */
  N_("Same write, SPDK v26.05. The objects are the same; the transport's buffer cache is sized differently."),
  /* Translators: lesson write-memory, chapter 3: speaker note at step 23 */
  N_("At v26.05 the poll group cache follows the iobuf pool instead: half of small_pool_count divided by the poll groups, 292 buffers here instead of 109. num_shared_buffers and buf_cache_size are deprecated at this release."),
  /* Translators: lesson write-memory, chapter 3: speaker note at step 95 */
  N_("The buffer still goes back when the response SEND completes, to the same cache."),
  NULL
};
