#!/usr/bin/env python3
# test-compare.py: iopath-cli compare, one I/O under two knob settings (A/B)
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import subprocess
import sys

CLI = os.environ["IOPATH_CLI"]
n = 0
failed = 0


def check(cond, desc, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {desc}")
    else:
        failed = 1
        print(f"not ok {n} - {desc}")
        for line in str(detail).splitlines()[:20]:
            print(f"# {line}")


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))


def moves(side, kind):
    return [m for m in side["objects"] if m["kind"] == kind] if side else []


# bdev_io_cache_size=2 in B: the parent and leg A take the poll group's last two
# cached bdev_io, so leg B's bdev_io comes from the mempool (bdev_channel_get_io)
r = cli("compare", "--scenario", "raid270", "--op", "write", "--size", "4096",
        "--set-b", "bdev_set_options.bdev_io_cache_size=2", "--json")
check(r.returncode == 0, "compare --json runs", r.stderr)
d = json.loads(r.stdout) if r.returncode == 0 else {}
rows = d.get("rows", [])
leg_b = [row for row in rows if row["key"] == "bdev.get_io" and "replica B" in row["title"]]
check(len(leg_b) == 1, "one aligned row for leg B's bdev_io", [r["title"] for r in rows if r["key"] == "bdev.get_io"])
if leg_b:
    row = leg_b[0]
    a = moves(row["a"], "bdev_io")
    b = moves(row["b"], "bdev_io")
    check(a and a[0]["pool"].endswith("/bdev_io.cache") and a[0]["move"] == "take",
          "A: leg B's bdev_io from the poll group's cache", a)
    check(b and b[0]["pool"] == "baremetal/bdev_io.mempool", "B: leg B's bdev_io from the mempool", b)
    check("pool" in row["differs"], "the row says the pool differs", row["differs"])
    check(d["parted_at_row"] == rows.index(row), "the runs part at leg B's bdev_io", d.get("parted_at_row"))
leg_a = [row for row in rows if row["key"] == "bdev.get_io" and "replica A" in row["title"]]
check(leg_a and "pool" not in leg_a[0]["differs"], "leg A's bdev_io comes from the cache in both", leg_a)
later = [row for row in rows if row["a"] and row["b"] and row["b"]["t_ns"] > row["a"]["t_ns"]]
check(d.get("first_later_row", -1) > d.get("parted_at_row", 0) and len(later) > 10,
      "steps after the mempool get start later in B", (d.get("first_later_row"), len(later)))
check(d["run_b"]["end_to_end_ns"] > d["run_a"]["end_to_end_ns"], "B takes longer end to end",
      (d["run_a"], d["run_b"]))
check(all(row["a_index"] == row["b_index"] for row in rows), "same steps in both runs, paired one to one")
check("0-based" in d.get("index_base", ""), "JSON says its indices are 0-based")

# the text: numbered from 1, names both pools
r = cli("compare", "--scenario", "raid270", "--op", "write", "--set-b", "bdev_set_options.bdev_io_cache_size=2")
check(r.returncode == 0 and "step 14, bdev.get_io" in r.stdout and "bdev_io mempool" in r.stdout,
      "text: the runs part at step 14 with the mempool named", r.stdout + r.stderr)

# the same settings in both runs: nothing differs
r = cli("compare", "--op", "write", "--set-b", "bdev_set_options.bdev_io_cache_size=128", "--json")
d = json.loads(r.stdout) if r.returncode == 0 else {"rows": [{"differs": ["?"]}]}
check(all(not row["differs"] for row in d["rows"]) and d["parted_at_row"] == -1,
      "B equal to A: no differences", [row for row in d["rows"] if row["differs"]][:3])

# in-capsule data off at the storage node: B takes a transport buffer A does not
r = cli("compare", "--op", "write", "--set-b", "storage:nvmf_create_transport.in_capsule_data_size=0", "--json")
check(r.returncode == 0, "compare with a storage knob", r.stderr)
if r.returncode == 0:
    d = json.loads(r.stdout)
    only_b = [row["key"] for row in d["rows"] if "only_in_b" in row["differs"]]
    check(len(only_b) > 0 and d["parted_at_row"] >= 0, "B takes steps A does not (no in-capsule data)", only_b)

# workloads: the same I/Os in both runs; with 2 cached bdev_io per thread most
# of the baremetal's bdev_io come from the mempool in B
r = cli("compare", "--workload", "--ios", "20000", "--set-b", "bdev_set_options.bdev_io_cache_size=2", "--json")
check(r.returncode == 0, "compare --workload --json runs", r.stderr)
if r.returncode == 0:
    d = json.loads(r.stdout)
    m = {x["id"] + "@" + x["label"].split(":")[0]: x for x in d["metrics"]}
    mem = m.get("bdev_io_mempool@baremetal")
    cache = m.get("bdev_io_cache@baremetal")
    check(mem is not None and mem["b"] > 10 * max(mem["a"], 1) and cache["b"] < cache["a"],
          "B takes far more bdev_io from the mempool, fewer from the cache", (mem, cache))
    iops = [x for x in d["metrics"] if x["id"] == "iops"][0]
    check(iops["a"] > 0 and iops["b"] > 0, "both runs report IOPS", iops)
    caches = [x for x in d["series"] if x["key"] == "baremetal/bdev_io.caches"]
    check(caches and caches[0]["capacity_b"] < caches[0]["capacity_a"], "the caches' capacity follows the knob", caches)
r = cli("compare", "--workload", "--ios", "5000", "--set-b", "bdev_set_options.bdev_io_cache_size=2")
check(r.returncode == 0 and "bdev_io from the mempool" in r.stdout and "IOPS" in r.stdout, "compare --workload text", r.stdout + r.stderr)
r = cli("compare", "--workload", "--qd", "0", "--set-b", "bdev_set_options.bdev_io_cache_size=2")
check(r.returncode != 0 and "--qd" in r.stderr, "compare --workload refuses --qd 0", r.stderr)

# bad input: clear message, non-zero exit
for args, frag in [
    (["compare"], "--set-b"),
    (["compare", "--set-b", "bdev_set_options.nope=1"], "run B"),
    (["compare", "--set-b", "bdev_set_options.bdev_io_cache_size=-5"], "run B"),
    (["compare", "--set-b", "bdev_set_options.bdev_io_cache_size=2", "--scenario-b", "/nonexistent.json"], "run B"),
]:
    r = cli(*args)
    check(r.returncode != 0 and frag in r.stderr and "Traceback" not in r.stderr and r.stdout == "",
          f"refused: {' '.join(args[1:]) or 'no change for B'}", r.stderr)

print(f"1..{n}")
sys.exit(failed)
