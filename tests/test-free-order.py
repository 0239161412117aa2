#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The order objects are freed in, read from `iopath-cli trace --json`.

SPDK frees inside nested completions, so the order is fixed by its call
stack (lib/nvme/nvme_rdma.c nvme_rdma_req_complete: nvme_complete_request
then nvme_rdma_req_put; lib/nvmf/ctrlr_bdev.c: spdk_nvmf_request_complete
before spdk_bdev_free_io; module/blob/bdev/blob_bdev.c: the blobstore's
callback before spdk_bdev_free_io; lib/nvme/nvme_pcie_common.c: the tracker
after the request's callback). For reads and writes, 4 KiB and 128 KiB, both
supported SPDK versions:

  baremetal, per NVMe command: nvme_request < the bdev_io bdev_nvme handled
            < rdma_req; the guest's VFIO-user request < the RAID bdev_io
            < the last rdma_req
  storage, per command: nvme_request < blob request set < lvol bdev_io
            < NVMe bdev_io < PCIe tracker

and: a 4 KiB write takes no transport buffer and no RDMA READ on the storage
node; a 128 KiB write takes both.
"""

import json
import os
import subprocess
import sys

CLI = os.environ.get("IOPATH_CLI")
results = []


def check(ok, desc, detail=""):
    results.append((bool(ok), desc, detail))


def trace(version, op, size, scenario="raid270", extra=()):
    out = subprocess.run([CLI, "trace", "--scenario", scenario, "--spdk-version", version,
                          "--op", op, "--size", size, "--json"] + list(extra),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def freed(o):
    return o["free_step"] if o["free_step"] is not None else 10 ** 9


def baremetal_orders(d, tag, op):
    objs = [o for o in d["objects"] if o["host"] == "baremetal"]
    legs = sorted({o["leg"] for o in objs if o["leg"] is not None})
    ok = True
    why = []
    n_cmds = 0
    for leg in legs:
        mine = sorted((o for o in objs if o["leg"] == leg), key=lambda o: o["alloc_step"])
        for n in (o for o in mine if o["kind"] == "nvme_request"):
            bio = [o for o in mine if o["kind"] == "bdev_io" and o["alloc_step"] < n["alloc_step"]][-1]
            rdma = [o for o in mine if o["kind"] == "rdma_req" and o["alloc_step"] > n["alloc_step"]][0]
            n_cmds += 1
            if not freed(n) < freed(bio) < freed(rdma):
                ok = False
                why.append("leg %d: nvme_request %d, bdev_io %d, rdma_req %d freed at %s, %s, %s"
                           % (leg, n["id"], bio["id"], rdma["id"], n["free_step"], bio["free_step"], rdma["free_step"]))
    check(ok and n_cmds >= (2 if op == "write" else 1), "%s: baremetal frees nvme_request, its bdev_io, then its rdma_req (%d commands)" % (tag, n_cmds),
          "; ".join(why))

    raid = [o for o in objs if o["leg"] is None and o["kind"] == "bdev_io"]
    vfu = [o for o in objs if o["kind"] == "nvmf_vfio_user_req"]
    rdmas = [o for o in objs if o["kind"] == "rdma_req"]
    check(len(raid) == 1 and len(vfu) == 1, "%s: one RAID bdev_io and one VFIO-user request" % tag)
    if raid and vfu and rdmas:
        check(freed(vfu[0]) < freed(raid[0]),
              "%s: the guest's completion is posted (VFIO-user request freed) before the RAID bdev_io is freed" % tag,
              "vfu %s, raid %s" % (vfu[0]["free_step"], raid[0]["free_step"]))
        check(max(freed(o) for o in rdmas) > freed(raid[0]),
              "%s: the last rdma_req is freed after the RAID bdev_io" % tag,
              "last rdma_req %s, raid %s" % (max(freed(o) for o in rdmas), raid[0]["free_step"]))


def storage_orders(d, tag):
    objs = sorted((o for o in d["objects"] if o["host"] == "storage"), key=lambda o: o["alloc_step"])
    groups = []
    for o in objs:
        if o["kind"] == "bdev_io" and "lvol" in o["label"]:
            groups.append({"lvol": o, "node": o["node"], "leg": o["leg"]})
        elif groups:
            g = next((g for g in reversed(groups) if g["node"] == o["node"] and g["leg"] == o["leg"]), None)
            if g is None:
                continue
            if o["kind"] == "bs_request_set":
                g["set"] = o
            elif o["kind"] == "bdev_io":
                g["dev"] = o
            elif o["kind"] in ("nvme_request", "nvme_tracker"):
                g[o["kind"]] = o
    ok = len(groups) >= 1
    why = []
    for g in groups:
        chain = [g.get(k) for k in ("nvme_request", "set", "lvol", "dev", "nvme_tracker")]
        if None in chain:
            ok = False
            why.append("node %s: incomplete chain %s" % (g["node"], [c and c["id"] for c in chain]))
            continue
        steps = [freed(c) for c in chain]
        if steps != sorted(steps) or len(set(steps)) != len(steps):
            ok = False
            why.append("node %s: freed at %s" % (g["node"], steps))
    check(ok, "%s: storage frees nvme_request, request set, lvol bdev_io, NVMe bdev_io, tracker (%d commands)"
          % (tag, len(groups)), "; ".join(why))


def buffers(d, tag, op, size):
    storage_bufs = [o for o in d["objects"] if o["host"] == "storage" and o["kind"] == "iobuf buffer"]
    rdma_read = [s for s in d["steps"] if s["key"] == "net.rdma_read"]
    get_buffers = [s for s in d["steps"] if s["key"] in ("nvmf_rdma.get_buffers", "nvmf_tcp.get_buffers")
                   and s["host"] == "storage"]
    if op == "write" and size == "4K":
        check(not storage_bufs and not rdma_read and not get_buffers,
              "%s: the 4 KiB write rides in the capsule: no transport buffer, no RDMA READ" % tag)
        check(any(s["key"] == "nvmf_rdma.in_capsule" for s in d["steps"]),
              "%s: the target takes the in-capsule branch" % tag)
    if op == "write" and size == "128K":
        check(storage_bufs and rdma_read and get_buffers,
              "%s: the 128 KiB write takes transport buffers and is fetched by RDMA READ" % tag)


def release_order(d, tag):
    """_nvmf_rdma_request_free (lib/nvmf/rdma.c 1995 / 2019): the buffers
    (spdk_nvmf_request_free_buffers), the extra work requests
    (nvmf_rdma_request_free_data), then the request to its free queue."""
    order = {"iobuf buffer": 0, "rdma_data_wr": 1, "nvmf_rdma_request": 2}
    rel = [s for s in d["steps"] if s["key"] == "nvmf_rdma.release"]
    ok = bool(rel)
    for s in rel:
        kinds = [order[f["kind"]] for f in s["frees"] if f["kind"] in order]
        ok = ok and kinds == sorted(kinds) and kinds[-1] == 2
    check(ok, "%s: the RDMA target frees buffers, then data work requests, then the request" % tag)


def pending_line(version):
    """v26.01 NEED_BUFFER (rdma.c 2261-2264): only the head of
    pending_buf_queue reaches parse_sgl, which takes the work requests
    (fill_iovs_multi_sgl 1779) and gives them back with the buffers when
    these are missing (1786): a request never holds work requests while it
    waits for buffers. At v26.05 the NEED_DATA_WR state takes them first,
    at the head of the queue, and the request keeps them while it waits on
    pending_iobuf_queue (rdma.c 2281-2296): only the pool is checked there."""
    d = trace(version, "read", "128K", "spdk-defaults", ["--inflight", "130"])
    tag = "%s spdk-defaults read 128K inflight 130" % version
    steps = d["steps"]
    bad = []
    n = 0
    for leg in sorted({s["leg"] for s in steps if s["key"] == "nvmf_rdma.data_wrs"}):
        mine = [s for s in steps if s["leg"] == leg and s["host"] == "storage"]
        taken = [s["index"] for s in mine if s["key"] == "nvmf_rdma.data_wrs" and s["allocs"]]
        waits = [s["index"] for s in mine if s["key"] == "nvmf_rdma.need_buffer"]
        n += len(taken)
        if taken and waits and min(taken) < max(waits):
            bad.append("leg %d: work requests at step %d, still waiting at %d" % (leg, min(taken), max(waits)))
    if version == "v26.01":
        check(n > 0 and not bad, "%s: work requests are taken only once the buffers are there" % tag, "; ".join(bad))
        inline = [s for s in steps if s["key"] == "nvmf_rdma.need_buffer" and s["title"] == "Waits in line for buffers"]
        check(inline and all(s["highlight"] == "&rdma_req->req != STAILQ_FIRST(&rgroup->group.pending_buf_queue)"
                             for s in inline),
              "%s: a request waiting in line highlights the in-line test (rdma.c 2261)" % tag,
              ", ".join(sorted({s["highlight"] or "-" for s in inline})))
    wrs = [a for s in steps for a in s["allocs"] if a["kind"] == "rdma_data_wr"]
    check(wrs and all(a.get("pool") and a.get("level_before") is not None for a in wrs),
          "%s: data_wr_pool is a followed pool (levels)" % tag)


def tcp_pools(version):
    """tcp_reqs belong to a connection (lib/nvmf/tcp.c nvmf_tcp_qpair_init_mem_resource,
    1369 / 1348), nvme_tcp_req to the host's qpair: one pool key each."""
    for op in ("write", "read"):
        d = trace(version, op, "4K", "realrun-tcp")
        tag = "%s realrun-tcp %s 4K" % (version, op)
        keys = [p["key"] for p in d["pools"]]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        check(not dup, "%s: every pool key is unique" % tag, ", ".join(dup))
        tgt = [o for o in d["objects"] if o["kind"] == "nvmf_tcp_req" and o["host"] == "storage"]
        check(tgt and all("/tqpair" in o["pool"] and o["pool"].endswith("/tcp_reqs") for o in tgt)
              and len({o["pool"] for o in tgt}) == len({o["leg"] for o in tgt}),
              "%s: the target's tcp_reqs are keyed per connection" % tag, ", ".join(o["pool"] or "-" for o in tgt))
        ini = [o for o in d["objects"] if o["host"] == "baremetal" and o["kind"] in ("nvme_tcp_req", "rdma_req", "tcp_req")]
        check(ini and all(o["pool"] and o["pool"].endswith("/tcp_reqs") for o in ini),
              "%s: the initiator's TCP requests are not called rdma_reqs" % tag, ", ".join("%s:%s" % (o["kind"], o["pool"]) for o in ini))


def malloc_accel(version):
    """bdev_malloc_writev/readv -> spdk_accel_append_copy: accel_sequence_get,
    then accel_sequence_get_task (lib/accel/accel.c 1083, 1138, 1156);
    accel_sequence_complete gives back the task, then the sequence (1838 / 1887)."""
    for op in ("write", "read"):
        d = trace(version, op, "4K", "realrun-tcp")
        tag = "%s realrun-tcp %s 4K" % (version, op)
        sub = [s for s in d["steps"] if s["key"] == "malloc.submit"]
        done = [s for s in d["steps"] if s["key"] == "malloc.complete"]
        check(sub and all([a["kind"] for a in s["allocs"]] == ["accel_sequence", "accel_task"] for s in sub),
              "%s: malloc.submit takes an accel sequence, then a task" % tag)
        check(done and all([f["kind"] for f in s["frees"]] == ["accel_task", "accel_sequence"] for s in done),
              "%s: malloc.complete gives back the task, then the sequence" % tag)
        check(done and all("malloc_sequence_done, which calls malloc_done" in s["detail"] for s in done),
              "%s: malloc.complete's callback is malloc_sequence_done, then malloc_done" % tag)
        check(sub and all("task_count" in s["detail"] and "sequence_count" in s["detail"] for s in sub),
              "%s: malloc.submit names what sizes the accel pools" % tag)
        check(sub and all(s["function"] in ("bdev_malloc_writev", "bdev_malloc_readv") for s in sub),
              "%s: malloc.submit cites the read or write function" % tag)


def main():
    if not CLI:
        print("1..0 # SKIP IOPATH_CLI not set")
        return 0
    for version in ("v26.01", "v26.05"):
        for op in ("write", "read"):
            for size in ("4K", "128K"):
                tag = "%s %s %s" % (version, op, size)
                d = trace(version, op, size)
                baremetal_orders(d, tag, op)
                storage_orders(d, tag)
                buffers(d, tag, op, size)
                release_order(d, tag)
        pending_line(version)
        tcp_pools(version)
        malloc_accel(version)
    print("1..%d" % len(results))
    failed = 0
    for i, (ok, desc, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
        if not ok:
            failed += 1
            if detail:
                print("# " + detail)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
