#!/usr/bin/env python3
# The golden corpus: what the engine says, over the shipped scenarios, both
# SPDK versions, reads and writes, 4 KiB and 128 KiB, with and without
# faults, as `trace --json`, `workload --json` and `memory --json` print it.
#
#   tools/golden.py --cli build/src/cli/iopath-cli --write tests/golden/corpus.json.xz
#   tools/golden.py --cli build/src/cli/iopath-cli --check tests/golden/corpus.json.xz
#
# --check prints one line per case that differs (and the first differing
# field), then "N cases, N differ"; it exits 1 when any differs. A change to
# the engine that is meant to change its output regenerates the corpus with
# --write in the same commit, and says why in docs/engine-changes.md.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import json
import lzma
import subprocess
import sys

SCENARIOS = [
    "raid270", "spdk-defaults", "large-pool-128k", "shared-storage-node",
    "realrun-tcp", "too-many-poll-groups", "raid270-outage-30s",
    "raid270-outage-fast-fail", "raid270-flapping-path",
]
VERSIONS = ["v26.01", "v26.05"]


def cases():
    for s in SCENARIOS:
        for v in VERSIONS:
            for op in ("write", "read"):
                for size in ("4096", "131072"):
                    yield (f"trace/{s}/{v}/{op}/{size}",
                           ["trace", "--scenario", s, "--spdk-version", v, "--op", op, "--size", size, "--json"])
    faults = [
        ("b-path0-down", ["--fault", "replica-b-path0-down@5ms"]),
        ("b-down-2s", ["--fault", "replica-b-down@1ms", "--fault-until", "2s"]),
        ("b-stall", ["--fault", "replica-b-stall@2ms", "--fault-until", "10ms"]),
        ("b-keepalive", ["--fault", "replica-b-keepalive-lost@1s"]),
        ("a-down-ff", ["--fault", "replica-a-down@1ms", "--fault-until", "8s",
                       "--set", "bdev_nvme_set_options.fast_io_fail_timeout_sec=5"]),
    ]
    for name, args in faults:
        for v in VERSIONS:
            for op in ("write", "read"):
                yield (f"trace/raid270+{name}/{v}/{op}/4096",
                       ["trace", "--scenario", "raid270", "--spdk-version", v, "--op", op, "--size", "4096", "--json"] + args)
    for v in VERSIONS:
        yield (f"trace/raid270+inflight127/{v}/write/4096",
               ["trace", "--scenario", "raid270", "--spdk-version", v, "--op", "write", "--inflight", "127", "--json"])
        yield (f"trace/raid270+first-write/{v}/write/4096",
               ["trace", "--scenario", "raid270", "--spdk-version", v, "--op", "write", "--first-write", "--json"])
        yield (f"trace/spdk-defaults+inflight200/{v}/read/131072",
               ["trace", "--scenario", "spdk-defaults", "--spdk-version", v, "--op", "read", "--size", "131072",
                "--inflight", "200", "--json"])
    for s in SCENARIOS:
        faulted = s.startswith("raid270-")
        for v in VERSIONS:
            for rw, size in (("randwrite", "4096"), ("randread", "131072"), ("randrw", "4096")):
                args = ["workload", "--scenario", s, "--spdk-version", v, "--rw", rw, "--size", size, "--json"]
                # small enough to stay clear of the v26.01 RDMA buffer livelock at QD 128 (issue 12)
                args += ["--qd", "4", "--qpairs", "1"] if faulted else ["--qd", "16", "--qpairs", "1", "--ios", "3000"]
                yield (f"workload/{s}/{v}/{rw}/{size}", args)
            for host in ("baremetal", "storage"):
                yield (f"memory/{s}/{v}/{host}",
                       ["memory", "--scenario", s, "--spdk-version", v, "--host", host, "--json"])


def run(cli, args):
    p = subprocess.run([cli] + args, capture_output=True, text=True)
    out = p.stdout
    try:
        out = json.loads(out)
    except ValueError:
        pass
    return {"exit": p.returncode, "stdout": out, "stderr": p.stderr}


def first_difference(a, b, path=""):
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in list(a.keys()) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'corpus' if k in a else 'now'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if a != b:
        sa, sb = repr(a), repr(b)
        return f"{path}: {sa[:80]} vs {sb[:80]}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write")
    g.add_argument("--check")
    ap.add_argument("--only", help="run the cases whose name contains this")
    a = ap.parse_args()

    if a.write:
        corpus = {name: run(a.cli, args) for name, args in cases()}
        with lzma.open(a.write, "wt", preset=9) as f:
            json.dump(corpus, f, indent=0, sort_keys=True, ensure_ascii=False)
        print(f"{len(corpus)} cases written to {a.write}")
        return 0

    with lzma.open(a.check, "rt") as f:
        corpus = json.load(f)
    n = bad = 0
    names = set()
    for name, args in cases():
        names.add(name)
        if a.only and a.only not in name:
            continue
        n += 1
        now = run(a.cli, args)
        want = corpus.get(name)
        if want is None:
            print(f"DIFF {name}: not in the corpus")
            bad += 1
            continue
        d = first_difference(want, now)
        if d:
            print(f"DIFF {name}: {d}")
            bad += 1
    for name in sorted(set(corpus) - names):
        print(f"DIFF {name}: in the corpus, no longer run")
        bad += 1
    print(f"{n} cases, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
