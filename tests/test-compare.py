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

# a run against itself: nothing differs, for every built-in scenario and op
# (the objects' moves were once sorted by their addresses, so two equal
# steps that return two objects could be told apart by chance)
r = cli("scenarios")
ids = [line.split()[0] for line in r.stdout.splitlines() if line.strip()] if r.returncode == 0 else []
check(len(ids) >= 5, "the built-in scenarios are listed", r.stderr)
for sid in ids:
    for op in ("read", "write"):
        r = cli("compare", "--scenario", sid, "--op", op, "--scenario-b", sid, "--json")
        if r.returncode == 1 and "run A: storage: There are not enough buffers" in r.stderr:
            continue   # too-many-poll-groups: SPDK refuses it at start-up, as meant
        d = json.loads(r.stdout) if r.returncode == 0 else {"parted_at_row": "?", "rows": []}
        differing = [(x["key"], x["differs"]) for x in d["rows"] if x["differs"]]
        check(r.returncode == 0 and d["parted_at_row"] == -1 and not differing,
              f"{sid} {op} against itself: nothing differs", differing[:3] or r.stderr)

# --- comparison files ------------------------------------------------------
import shutil
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = os.path.join(ROOT, "data", "comparisons", "small-bdev-io-cache.json")
tmp = tempfile.mkdtemp(prefix="iopath-compare-")


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


# the shipped file, by path and by id: the same differences as --set-b
direct = cli("compare", "--scenario", "raid270", "--op", "write", "--size", "4096",
             "--set-b", "bdev_set_options.bdev_io_cache_size=2", "--json")
for ref in (SHIPPED, "small-bdev-io-cache"):
    r = cli("compare", ref, "--json")
    check(r.returncode == 0, f"compare {os.path.basename(ref)} --json runs", r.stderr)
    if r.returncode == 0:
        d = json.loads(r.stdout)
        e = json.loads(direct.stdout)
        check(d["rows"] == e["rows"] and d["parted_at_row"] == e["parted_at_row"],
              f"{os.path.basename(ref)}: the same rows as --set-b", (d["parted_at_row"], e["parted_at_row"]))
        row = d["rows"][d["parted_at_row"]]
        check(moves(row["b"], "bdev_io")[0]["pool"] == "baremetal/bdev_io.mempool"
              and moves(row["a"], "bdev_io")[0]["pool"].endswith("/bdev_io.cache"),
              "the file: leg B's bdev_io from the mempool in B, the cache in A", row)
        check(d["comparison"]["title"].startswith("A bdev_io cache of two") and d["comparison"]["file"] == ref,
              "the JSON names the file and its title", d.get("comparison"))
r = cli("compare", SHIPPED)
check(r.returncode == 0 and r.stdout.startswith("A bdev_io cache of two") and "step 14, bdev.get_io" in r.stdout,
      "text: the title, then the runs parting at step 14", r.stdout[:400] + r.stderr)

# the shipped titles are in the source for xgettext
with open(SHIPPED, encoding="utf-8") as f:
    shipped = json.load(f)
with open(os.path.join(ROOT, "src", "engine", "model", "iop-abfile.c"), encoding="utf-8") as f:
    source = f.read()
for key in ("title", "description"):
    check(json.dumps(shipped[key], ensure_ascii=False) in source, f"the shipped {key} is marked for translation in iop-abfile.c")

# --save writes a file that runs as the command did; never over a file without --force
saved = os.path.join(tmp, "sub", "saved.json")
os.makedirs(os.path.dirname(saved))
args = ["compare", "--scenario", "raid270", "--op", "write", "--size", "4K",
        "--set-b", "storage:nvmf_create_transport.in_capsule_data_size=0",
        "--fault", "replica-b-path0-flap@1s", "--fault-until", "5s", "--json"]
r1 = cli(*args, "--save", saved)
check(r1.returncode == 0 and os.path.isfile(saved) and "saved" in r1.stderr, "--save writes the file", r1.stderr)
if os.path.isfile(saved):
    with open(saved, encoding="utf-8") as f:
        doc = json.load(f)
    check(doc["kind"] == "iopath-comparison" and doc["format"] == 1 and doc["scenario"] == "raid270"
          and doc["io"] == {"op": "write", "size": 4096}
          and doc["b"] == {"set": ["storage:nvmf_create_transport.in_capsule_data_size=0"]}
          and doc["faults"] == [{"spec": "replica-b-path0-flap@1s", "until": "5s", "period": "2s"}]
          and "a" not in doc,
          "the saved file holds the scenario, the I/O, the fault and run B's change", doc)
    r2 = cli("compare", saved, "--json")
    d1, d2 = json.loads(r1.stdout), json.loads(r2.stdout) if r2.returncode == 0 else {}
    check(r2.returncode == 0 and d1["rows"] == d2["rows"] and d1["run_b"] == d2["run_b"],
          "compare SAVED gives what the command gave", r2.stderr)
    before = open(saved, encoding="utf-8").read()
    r = cli("compare", "--set-b", "bdev_set_options.bdev_io_cache_size=2", "--save", saved)
    check(r.returncode == 1 and "already exists" in r.stderr and r.stdout == ""
          and open(saved, encoding="utf-8").read() == before,
          "--save over an existing file is refused and leaves it", r.stderr)
    r = cli("compare", "--set-b", "bdev_set_options.bdev_io_cache_size=2", "--save", saved, "--force")
    with open(saved, encoding="utf-8") as f:
        doc = json.load(f)
    check(r.returncode == 0 and doc["b"]["set"] == ["bdev_set_options.bdev_io_cache_size=2"] and "io" not in doc,
          "--save --force replaces it", r.stderr)

# --set goes into both runs, --scenario-b into b.scenario; a scenario file is
# named relative to the comparison's folder
scen = os.path.join(tmp, "sub", "mine.json")
shutil.copy(os.path.join(ROOT, "data", "scenarios", "spdk-defaults.json"), scen)
saved2 = os.path.join(tmp, "sub", "two.json")
r = cli("compare", "--scenario", scen, "--scenario-b", "raid270", "--op", "write",
        "--set", "bdev_set_options.bdev_io_cache_size=64", "--save", saved2)
check(r.returncode == 0, "--save with --scenario-b and --set", r.stderr)
if r.returncode == 0:
    with open(saved2, encoding="utf-8") as f:
        doc = json.load(f)
    check(doc["scenario"] == "mine.json" and doc["b"]["scenario"] == "raid270"
          and doc["a"]["set"] == ["bdev_set_options.bdev_io_cache_size=64"]
          and doc["b"]["set"] == ["bdev_set_options.bdev_io_cache_size=64"],
          "run A's scenario relative to the file, --set in both runs", doc)
    moved = os.path.join(tmp, "moved")
    shutil.copytree(os.path.dirname(saved2), moved)
    r = cli("compare", os.path.join(moved, "two.json"))
    check(r.returncode == 0 and "A: scenario mine" in r.stdout and "B: scenario raid270" in r.stdout,
          "the folder moves with its scenario", r.stdout[:300] + r.stderr)
r = cli("compare", "--first-write", "--set-b", "bdev_set_options.bdev_io_cache_size=2",
        "--save", os.path.join(tmp, "fw.json"))
check(r.returncode == 2 and "--first-write" in r.stderr and not os.path.exists(os.path.join(tmp, "fw.json")),
      "--save refuses what a file cannot hold (--first-write)", r.stderr)

# broken files: refused with the file, the place and the reason; non-zero exit, no output
GOOD_B = '"b": {"set": ["bdev_set_options.bdev_io_cache_size=2"]}'
HEAD = '"format": 1, "kind": "iopath-comparison", "scenario": "raid270"'
for name, text, place, why in [
    ("no-b", "{" + HEAD + "}", "b:", "is required"),
    ("empty-b", "{" + HEAD + ', "b": {}}', "b:", "changes nothing"),
    ("typo", "{" + HEAD + ', "titel": "x", ' + GOOD_B + "}", "titel:", "unknown member"),
    ("b-typo", "{" + HEAD + ', "b": {"sett": []}}', "b.sett:", "unknown member"),
    ("knob", "{" + HEAD + ', "b": {"set": ["bdev_set_options.nope=1"]}}', "b.set[0]:", "Unknown knob"),
    ("range", "{" + HEAD + ', "b": {"set": ["bdev_set_options.bdev_io_cache_size=-4"]}}', "b.set[0]:", "out of range"),
    ("a-knob", "{" + HEAD + ', "a": {"set": ["x.y"]}, ' + GOOD_B + "}", "a.set[0]:", "has no “=”"),
    ("size", "{" + HEAD + ', "io": {"size": 12}, ' + GOOD_B + "}", "io.size:", "out of range"),
    ("op", "{" + HEAD + ', "io": {"op": "trim"}, ' + GOOD_B + "}", "io.op:", "trim"),
    ("fault", "{" + HEAD + ', "faults": ["replica-q-down@1s"], ' + GOOD_B + "}", "faults[0]:", "is not a fault"),
    ("fault-leg", "{" + HEAD + ', "faults": ["replica-h-down@1s"], ' + GOOD_B + "}", "faults[0]:", "run A"),
    ("scenario", '{"format": 1, "kind": "iopath-comparison", "scenario": "nosuch", ' + GOOD_B + "}", "scenario:", "No scenario"),
    ("b-scenario", "{" + HEAD + ', "b": {"scenario": "nosuch.json"}}', "b.scenario:", "nosuch.json"),
    ("kind", '{"format": 1, "kind": "iopath-lesson", "scenario": "raid270", ' + GOOD_B + "}", "kind:", "iopath-comparison"),
    ("format", '{"format": 2, "kind": "iopath-comparison"}', "(top level).format:", "out of range"),
    ("json", "{" + HEAD + ", " + GOOD_B, "1:", "not valid JSON"),
    ("array", "[1, 2]", "(top level):", "a comparison is a JSON object"),
]:
    path = write(f"bad-{name}.json", text)
    r = cli("compare", path)
    where = f"{path}:{place}" if name == "json" else f"{path}: {place}"
    check(r.returncode == 1 and where in r.stderr and why in r.stderr,
          f"broken file refused ({name}): place {place} and reason", r.stderr)
    check(r.stdout == "" and "Traceback" not in r.stderr and "CRITICAL" not in r.stderr, f"broken file ({name}): nothing printed", r.stdout[:200])
for args, code, frag in [
    (["compare", "/nonexistent/x.json"], 1, "/nonexistent/x.json"),
    (["compare", "/dev/zero"], 1, "not a regular file"),
    (["compare", tmp], 1, tmp),
    (["compare", "nosuch-id"], 1, "small-bdev-io-cache"),
    (["compare", SHIPPED, "--set-b", "bdev_set_options.bdev_io_cache_size=3"], 2, "leave out"),
    (["compare", SHIPPED, "--op", "read"], 2, "leave out"),
    (["compare", SHIPPED, SHIPPED], 2, "unexpected argument"),
]:
    r = cli(*args)
    check(r.returncode == code and frag in r.stderr and r.stdout == "",
          f"refused with exit {code}: compare {' '.join(a.replace(tmp, 'TMP') for a in args[1:])}", r.stderr)

shutil.rmtree(tmp, ignore_errors=True)
print(f"1..{n}")
sys.exit(failed)
