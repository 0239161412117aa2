#!/bin/sh
# test-cli.sh: iopath-cli from the outside: output, exit codes, bad input.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${IOPATH_CLI:?}
DATA=${IOPATH_TESTS_DIR:?}/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
fail=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

# expect CODE DESCRIPTION STDERR-FRAGMENT -- ARGS...
expect () {
  code=$1; desc=$2; frag=$3; shift 4
  "$CLI" "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  if [ "$rc" -ne "$code" ]; then
    not_ok "$desc: exit $rc, wanted $code"; sed 's/^/# /' "$TMP/err"; return
  fi
  if [ -n "$frag" ] && ! grep -qF -- "$frag" "$TMP/err"; then
    not_ok "$desc: stderr lacks '$frag'"; sed 's/^/# /' "$TMP/err"; return
  fi
  ok "$desc"
}

expect 0 "trace runs" "" -- trace --scenario raid270 --op write --size 4096
grep -q "raid1_submit_write_request" "$TMP/out" && ok "table names the RAID1 fan-out" || not_ok "table names the RAID1 fan-out"

expect 0 "trace --json" "" -- trace --scenario raid270 --op write --size 4096 --json
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["spdk_tag"] == "v26.01" and d["scenario"] == "raid270"
keys = {"index", "t_ns", "host", "leg", "core", "thread", "file", "function", "allocs", "frees", "knobs", "explanation"}
for s in d["steps"]:
    assert keys <= set(s), keys - set(s)
    assert s["host"] in ("baremetal", "network", "storage")
    assert s["leg"] in (0, 1, None)
assert {s["host"] for s in d["steps"]} == {"baremetal", "network", "storage"}
assert {s["leg"] for s in d["steps"]} == {0, 1, None}
for o in d["objects"]:
    assert {"id", "kind", "pool", "host", "alloc_step", "free_step"} <= set(o)
    assert o["free_step"] is not None and o["free_step"] >= o["alloc_step"]
assert all(s["explanation"] and len(s["explanation"]["text"]) > 200 for s in d["steps"])
PY
then ok "JSON has the documented shape"; else not_ok "JSON has the documented shape"; fi

expect 0 "v26.05" "" -- trace --spdk-version v26.05 --op read --size 128K --json
grep -q '"spdk_tag" : "v26.05"' "$TMP/out" && ok "trace says which tag it followed" || not_ok "trace says which tag it followed"

expect 0 "deprecated knob on v26.05 is reported as SPDK does" "" -- trace --spdk-version v26.05 --host storage --set nvmf_create_transport.num_shared_buffers=8192
grep -q "deprecated feature Use iobuf_large_cache_size and iobuf_small_cache_size instead to be removed in v26.09" "$TMP/out" && ok "deprecation message" || not_ok "deprecation message"

expect 0 "host prefix in --set" "" -- trace --set storage:bdev_set_options.bdev_io_cache_size=64 --json
python3 -c "
import json,sys
d=json.load(open('$TMP/out'))
s=[s for s in d['steps'] if s['host']=='storage' and s['allocs'] and s['allocs'][0]['kind']=='bdev_io'][0]
assert s['allocs'][0]['level_before']==64, s['allocs'][0]
" && ok "--set changes the storage node's cache" || not_ok "--set changes the storage node's cache"

expect 0 "knobs table" "" -- knobs --scenario raid270
grep -q "io_queue_requests" "$TMP/out" && ok "knob table lists io_queue_requests" || not_ok "knob table lists io_queue_requests"
expect 0 "knobs --json" "" -- knobs --scenario raid270 --json
python3 -c "
import json
d=json.load(open('$TMP/out'))
k=[k for k in d['knobs'] if k['id']=='bdev_set_options.bdev_io_cache_size' and k['host']=='baremetal'][0]
assert k['value']=='128' and k['default']=='256' and k['set'] is True, k
" && ok "knobs JSON: value, default, set" || not_ok "knobs JSON: value, default, set"

expect 0 "scenarios" "" -- scenarios
# the first bdev.get_io of the write: the fixture's function, line 18 highlighted
# (--step counts from 1 as people read steps; the JSON's index from 0)
GET_IO=$("$CLI" trace --scenario raid270 --op write --size 4096 --json | python3 -c "import json,sys; print([s['index'] + 1 for s in json.load(sys.stdin)['steps'] if s['key']=='bdev.get_io'][0])")
expect 0 "source from the fixture tree" "" -- source --step "$GET_IO" --spdk-dir "$IOPATH_TESTS_DIR/fixtures/spdk-engine"
grep -q "^> *18  " "$TMP/out" && ok "source highlights the line" || not_ok "source highlights the line"

expect 0 "workload" "" -- workload --scenario raid270 --qd 128 --size 4096 --rw randwrite --ios 20000 --json
python3 -c "
import json
d=json.load(open('$TMP/out'))
r=d['results']
assert r['ios']==20000 and r['iops']>0 and r['latency_p50_ns']<=r['latency_p99_ns']<=r['latency_p999_ns']
assert all(s['small_pool']['retry']==0 and s['large_pool']['retry']==0 for s in d['iobuf_stats'])
assert any(x['key']=='baremetal/qpair.slots' for x in d['series'])
" && ok "workload JSON: results, iobuf_get_stats, series" || not_ok "workload JSON: results, iobuf_get_stats, series"

expect 0 "memory" "" -- memory --scenario raid270 --host baremetal
grep -q "8 GiB" "$TMP/out" && ok "memory shows the 8 GiB pools" || not_ok "memory shows the 8 GiB pools"
expect 0 "memory --config like calc-iobuf.py" "" -- memory --config "$DATA/calc-iobuf/00-rdma-auto.json" --core-mask 0x1 --spdk-version v26.01 --json
python3 -c "
import json
d=json.load(open('$TMP/out'))
assert d['minimum_small_pool_count']==4095*3//4+256 and d['minimum_large_pool_count']==32, d
" && ok "memory --config minimums" || not_ok "memory --config minimums"

if [ -d "${IOPATH_SHARED_DIR:-}/spdk/runtime" ]; then
  expect 0 "explain --compare against the recorded run" "" -- explain "$IOPATH_SHARED_DIR/spdk/runtime" --compare --json
  python3 -c "
import json
d=json.load(open('$TMP/out'))
rows=d['compare']['comparison']
roles=[r for r in rows if r['topic']=='roles']
assert len(roles)==2 and all(r['agrees'] for r in roles), roles
assert any(r['host']=='guest' and r['topic']=='IOPS' for r in rows)
assert all(r['agrees'] for r in rows if r['topic']=='iobuf retries')
" && ok "comparison: roles agree, no retries in either, IOPS set beside" || not_ok "comparison: roles agree, no retries in either, IOPS set beside"
else
  n=$((n + 1)); echo "ok $n - explain --compare # SKIP ../shared/spdk/runtime is not there"
fi

# Issue 14 item 9: explanation text follows the branch the model took
run_text () { "$CLI" trace --scenario raid270 --json "$@" >"$TMP/branch.json" 2>"$TMP/err"; }
run_text --op write --set bdev_set_options.bdev_io_cache_size=2
python3 -c "
import json
d=json.load(open('$TMP/branch.json'))
legb=[s for s in d['steps'] if s['key']=='bdev.get_io' and s['leg']==1 and s['host']=='baremetal'][0]
assert legb['allocs'][0]['pool'].endswith('mempool'), legb['allocs']
t=legb['explanation']['text']
assert 'came from the global mempool' in t and 'All come from the same thread' not in t, t
assert '2 from the thread\'s cache, 1 from the global mempool' in t, t
" && ok "cache=2: leg B's bdev_io explanation says mempool" || not_ok "cache=2: leg B's bdev_io explanation says mempool"
run_text --op write
python3 -c "
import json
d=json.load(open('$TMP/branch.json'))
st=[s for s in d['steps'] if s['host']=='storage']
rw=[s for s in st if s['key']=='nvmf.bdev_rw'][0]
assert 'inside the command capsule' in rw['explanation']['text'] and 'in-capsule buffer' in rw['detail'], rw
media=[s for s in st if s['key']=='media'][0]
assert 'in-capsule buffer' in media['detail'], media['detail']
top=[s for s in d['steps'] if s['key']=='raid1.write'][0]['explanation']['text']
assert 'This 4 KiB write takes 3 bdev_io' in top, top
" && ok "4K write: in-capsule text, three bdev_io" || not_ok "4K write: in-capsule text, three bdev_io"
run_text --op write --host storage --set nvmf_create_transport.in_capsule_data_size=0
python3 -c "
import json
d=json.load(open('$TMP/branch.json'))
st=[s for s in d['steps'] if s['host']=='storage']
rw=[s for s in st if s['key']=='nvmf.bdev_rw'][0]
assert 'did not fit in the capsule' in rw['explanation']['text'] and 'iobuf buffers' in rw['detail'], rw
media=[s for s in st if s['key']=='media'][0]
assert 'in-capsule' not in media['detail'], media['detail']
" && ok "in_capsule_data_size=0: buffers, not the capsule" || not_ok "in_capsule_data_size=0: buffers, not the capsule"
run_text --op read
python3 -c "
import json
d=json.load(open('$TMP/branch.json'))
rw=[s for s in d['steps'] if s['key']=='nvmf.bdev_rw' and s['host']=='baremetal'][0]
assert 'This 4 KiB read takes 2 bdev_io' in rw['explanation']['text'], rw['explanation']['text']
assert rw['explanation']['key']=='nvmf.bdev_rw/read'
" && ok "4K read: read wording, two bdev_io" || not_ok "4K read: read wording, two bdev_io"
run_text --op write --size 128K
python3 -c "
import json
d=json.load(open('$TMP/branch.json'))
t=[s for s in d['steps'] if s['key']=='raid1.write'][0]['explanation']['text']
assert 'This 128 KiB write takes 7 bdev_io' in t and 'split parts 4' in t, t
g=[s for s in d['steps'] if s['key']=='bdev.get_io' and s['host']=='storage'][0]['explanation']['text']
assert 'takes 4 bdev_io on storage node A for 2 commands' in g, g
" && ok "128K write: seven bdev_io, four on a storage node" || not_ok "128K write: seven bdev_io, four on a storage node"
run_text --scenario realrun-tcp --op write
python3 -c "
import json
d=json.load(open('$TMP/branch.json'))
t=[s for s in d['steps'] if s['key']=='blob.dev_io'][0]['explanation']['text']
assert 'malloc bdev' in t and 'PCIe SSD: bdev_nvme' not in t, t
" && ok "realrun-tcp: blob.dev_io follows the malloc base bdev" || not_ok "realrun-tcp: blob.dev_io follows the malloc base bdev"
# Second reading (fix-keys): realrun-tcp (TCP at both ends, malloc base bdev) gets
# texts of its own transport and base bdev, at both tags
for v in v26.01 v26.05; do
  for op in read write; do
    "$CLI" trace --scenario realrun-tcp --spdk-version $v --op $op --size 128K --json >"$TMP/tcp-$op-big.json" 2>"$TMP/err"
    "$CLI" trace --scenario realrun-tcp --spdk-version $v --op $op --size 4096 --json >"$TMP/tcp-$op.json" 2>"$TMP/err"
  done
  "$CLI" trace --scenario raid270 --spdk-version $v --op read --size 4096 --json >"$TMP/raid-read.json" 2>"$TMP/err"
  "$CLI" trace --scenario raid270 --spdk-version $v --op write --size 128K --json >"$TMP/raid-write-big.json" 2>"$TMP/err"
  python3 - "$TMP" $v <<'PY' && ok "$v: realrun-tcp step texts follow TCP and the malloc base bdev" || not_ok "$v: realrun-tcp step texts follow TCP and the malloc base bdev"
import json, sys
tmp, v = sys.argv[1], sys.argv[2]
def load(n): return json.load(open(f"{tmp}/{n}.json"))["steps"]
def one(steps, key, host):
    return [s for s in steps if s["key"] == key and s["host"] == host][0]
def text(s): return s["explanation"]["text"]
rd, wr, wrb = load("tcp-read"), load("tcp-write"), load("tcp-write-big")
# buffer size: the class's, not io_unit_size (128 KiB on the baremetal host)
gb = one(rd, "nvmf_tcp.get_buffers", "baremetal")
assert "1 × 8 KiB small buffer" in gb["detail"], gb["detail"]
for steps in (rd, wr):
    ex = one(steps, "nvmf.exec", "storage")
    assert ex["explanation"]["key"] == "nvmf.exec@storage~tcp", ex["explanation"]
    assert "RDMA transport" not in text(ex) and "SSD will fill" not in text(ex) and "malloc bdev" in text(ex), text(ex)
    assert "VFIO-user target here" not in text(one(steps, "nvmf.exec", "baremetal"))
    for h in ("baremetal", "storage"):
        c = one(steps, "nvmf.complete", h)
        assert c["explanation"]["key"] == f"nvmf.complete@{h}~tcp" and "C2H" in text(c), c["explanation"]
        assert "VFIO-user, and its completion" not in text(c) and "pending RDMA write" not in text(c)
    lc = one(steps, "lvol.complete", "storage")
    assert "malloc bdev's completion" in lc["detail"] and "SSD" not in lc["detail"], lc["detail"]
    assert "bdev_nvme_poll has left" not in text(lc), text(lc)
    ls = one(steps, "lvol.submit", "storage")
    assert "channel to the NVMe bdev" not in text(ls) and "base bdev is a malloc bdev" in text(ls), text(ls)
    bs = [s for s in steps if s["key"] == "bdev.submit" and s["host"] == "storage"]
    assert all("for the NVMe bdev under" not in text(s) and "malloc bdev" in text(s) for s in bs)
    bc = one(steps, "bdev.complete", "storage")
    assert "The NVMe bdev's completes first" not in text(bc) and "malloc bdev" in text(bc), text(bc)
    ns = one(steps, "nvme.ns_cmd", "baremetal")
    assert "is the RDMA queue" not in text(ns) and "NVMe/TCP initiator always reports 16" in text(ns), text(ns)
# bdev.get_buf: each host's own iobuf_large_cache_size (16 on the storage node)
g = one(rd, "bdev.get_buf", "storage")
assert "(32 here" not in text(g) and "128 small buffers (1 MiB) and 16 large ones" in text(g), text(g)
rc = one(rd, "raid1.read_complete", "baremetal")
assert "guest's pages" not in text(rc) and "C2H DATA PDUs, which the NVMe/TCP initiator" in text(rc), text(rc)
for k in ("raid.submit", "raid1.read"):
    t = text(one(rd, k, "baremetal"))
    assert "guest's pages already" not in t and "lands in guest memory" not in t, t
# bdev.complete counts from the trace, not "three times for a write"
n = len([s for s in wrb if s["key"] == "bdev.complete" and s["host"] == "baremetal"])
t = text(one(wrb, "bdev.complete", "baremetal"))
assert "three times for a write" not in t and f"In this run {n} bdev_io complete on the baremetal host for this 128 KiB write" in t, t
# raid_270 keeps its VFIO-user / RDMA / NVMe story
rr, rw = load("raid-read"), load("raid-write-big")
assert one(rr, "nvmf.complete", "baremetal")["explanation"]["key"] == "nvmf.complete@baremetal"
assert one(rr, "nvmf.exec", "storage")["explanation"]["key"] == "nvmf.exec@storage"
assert "guest's own memory" in text(one(rr, "raid1.read_complete", "baremetal")) and "RDMA WRITE placed" in text(one(rr, "raid1.read_complete", "baremetal"))
assert "NVMe bdev of a local PCIe SSD" in text(one(rr, "lvol.submit", "storage"))
assert "In this run 5 bdev_io complete on the baremetal host" in text(one(rw, "bdev.complete", "baremetal")), text(one(rw, "bdev.complete", "baremetal"))
PY
done
expect 0 "spdk-defaults trace" "" -- trace --scenario spdk-defaults --op write --json
python3 -c "
import json
d=json.load(open('$TMP/out'))
k=[k for k in d['steps'][1]['knobs'] if k['id']=='nvmf_set_config.poll_groups_mask'][0]
assert k['effect'].startswith('unset:'), k
" && ok "an unset poll_groups_mask is shown as unset" || not_ok "an unset poll_groups_mask is shown as unset"
if [ -d "${IOPATH_SHARED_DIR:-}/spdk/runtime" ]; then
  mkdir -p "$TMP/rt"
  cp "$IOPATH_SHARED_DIR"/spdk/runtime/* "$TMP/rt/"
  rm -f "$TMP"/rt/baremetal.bdev_nvme_get_controllers.json "$TMP"/rt/baremetal.bdev_nvme_get_io_paths.json \
        "$TMP"/rt/baremetal.bdev_get_bdevs.json "$TMP"/rt/baremetal.save_config.json
  expect 0 "explain --compare without the initiator's dumps" "" -- explain "$TMP/rt" --compare --json
  python3 -c "
import json
d=json.load(open('$TMP/out'))
r=[r for r in d['compare']['comparison'] if r['topic']=='roles' and r['host']=='baremetal'][0]
assert r['unknown'] and 'Unknown' in r['why'], r
assert all(not r['unknown'] for r in d['compare']['comparison'] if r['topic']=='roles' and r['host']=='storage')
" && ok "compare: roles unknown when the dumps cannot tell" || not_ok "compare: roles unknown when the dumps cannot tell"
fi

# Bad input: clear message on stderr, non-zero exit
expect 2 "no command" "no command given" --
expect 2 "unknown command" "unknown command" -- frobnicate
expect 2 "unknown option" "Unknown option" -- trace --frobnicate
expect 1 "unknown scenario" "No scenario" -- trace --scenario nope
expect 1 "missing file" "No such file" -- trace --scenario /nonexistent/file.json
expect 1 "broken JSON" "not valid JSON" -- trace --scenario "$DATA/broken-json.json"
expect 1 "wrong types" "takes a whole number" -- trace --scenario "$DATA/wrong-types.json"
expect 1 "bad op" "Unknown operation" -- trace --op erase
expect 1 "bad size" "whole number" -- trace --size huge
expect 1 "absurd size" "out of range" -- trace --size 99G
expect 1 "size above max_io_size" "max_io_size" -- trace --size 1M
expect 1 "bad version" "Unsupported SPDK version" -- trace --spdk-version v19.01
expect 1 "unknown knob" "Unknown knob" -- trace --set bdev_set_options.nope=1
expect 1 "absurd knob value" "out of range" -- trace --set iobuf_set_options.small_pool_count=-1
expect 1 "knob refused by SPDK" "bdev_io_pool_size must be at least" -- trace --set bdev_set_options.bdev_io_pool_size=10
expect 2 "bad host" "Unknown host" -- trace --host moon --set x=1
expect 1 "missing SPDK tree" "not an SPDK source tree" -- source --step 4 --spdk-dir /nonexistent
expect 2 "bad workload pattern" "--rw takes" -- workload --rw sideways
expect 1 "absurd workload count" "out of range" -- workload --ios 1000G
expect 2 "bad duration" "--time takes" -- workload --time forever
expect 2 "negative queue depth" "--qd and --qpairs must be at least 1" -- workload --qd -5
expect 2 "no queue pairs" "--qd and --qpairs must be at least 1" -- workload --qpairs 0
expect 2 "negative read share" "--rwmixread takes" -- workload --rw randrw --rwmixread -3
expect 1 "absurd queue depth" "queue depth of 1 to 65536" -- workload --qd 99999999 --ios 1000
expect 2 "memory --config without mask" "needs --core-mask" -- memory --config "$DATA/calc-iobuf/00-rdma-auto.json"
expect 1 "memory --config broken" "not valid JSON" -- memory --config "$DATA/broken-json.json" --core-mask 0x1
expect 2 "step out of range" "--step must be" -- source --step 999 --spdk-dir "$IOPATH_TESTS_DIR/fixtures/spdk-engine"

# Faults: good ones print the timeline and the outcome, bad ones are refused
expect 0 "trace with a replica outage" "" -- trace --fault replica-b-down@5ms --fault-until 10.005s
grep -q "Outcome: completed late" "$TMP/out" && ok "outage: the write completes late" || not_ok "outage: the write completes late"
grep -q "bdev_nvme_reset_ctrlr_complete" "$TMP/out" && ok "outage: reconnect attempts listed" || not_ok "outage: reconnect attempts listed"
expect 0 "trace with a fault, JSON" "" -- trace --op read --fault replica-a-down@5ms --set bdev_nvme_set_options.fast_io_fail_timeout_sec=5 --json
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["outcome"] == "completed-late", d["outcome"]
assert d["served_by_leg"] == 1
assert d["faults"][0]["kind"] == "replica-down" and d["faults"][0]["replica"] == "A"
assert any(s["controller"] == "reconnect-delayed" for s in d["path_states"])
assert any(l["removed"] for l in d["leg_states"] if l["leg"] == 0)
assert any(s.get("control") for s in d["steps"])
PY
then ok "fault JSON: outcome, serving leg, states"; else not_ok "fault JSON: outcome, serving leg, states"; fi
expect 0 "workload through a flapping path" "" -- workload --fault replica-b-path0-flap@100ms --fault-until 3s --fault-period 1s --qd 4 --qpairs 1
grep -q "0 I/O(s) failed" "$TMP/out" && ok "flap: nothing fails" || not_ok "flap: nothing fails"
expect 0 "workload through an outage, JSON" "" -- workload --fault replica-b-down@100ms --fault-until 2.1s --qd 4 --qpairs 1 --json
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["results"]
assert r["failed"] == 0 and r["late"] >= 4, r
keys = [e["key"] for e in r["fault_events"]]
assert "bdev_nvme.reset_start" in keys and "bdev_nvme.reset_ok" in keys, keys
assert keys.index("bdev_nvme.reset_start") < keys.index("bdev_nvme.reset_ok")
assert all(a["t_ns"] <= b["t_ns"] for a, b in zip(r["fault_events"], r["fault_events"][1:]))
PY
then ok "workload JSON: the fault's events in order, nothing failed"; else not_ok "workload JSON: the fault's events in order, nothing failed"; fi
expect 2 "fault without a time" "says no time" -- trace --fault replica-b-down
expect 2 "unknown fault" "is not a fault" -- trace --fault replica-b-sideways@1s
expect 2 "fault time before any fault" "comes after the --fault" -- trace --fault-until 5s
expect 2 "bad fault time" "is not a time" -- trace --fault replica-b-down@soon
expect 1 "replica that does not exist" "There is no replica C" -- trace --fault replica-c-down@1s
expect 1 "fault that heals before it strikes" "must end after it strikes" -- trace --fault replica-b-down@2s --fault-until 1s
expect 1 "flap for ever" "needs an end" -- workload --fault replica-b-path0-flap@1s
expect 1 "faults on a TCP fabric are refused" "Faults are modelled on NVMe-oF RDMA paths" -- trace --scenario realrun-tcp --fault replica-b-down@1s
expect 2 "--fault-period on a fault that does not flap" "applies to a flapping path" -- trace --fault replica-b-down@5ms --fault-period 1s
expect 2 "a hex time is not a time" "“0x10ms” is not a time" -- trace --fault replica-b-down@0x10ms
expect 2 "a hex float period is not a time" "is not a time" -- workload --fault replica-b-path0-flap@1s --fault-until 3s --fault-period 0x1p1s
printf '{"format": 1, "id": "p", "hosts": {"baremetal": {}, "storage": {}}, "faults": [{"kind": "replica-down", "replica": "B", "at": "5ms", "period": "1s"}]}' >"$TMP/period.json"
expect 1 "a period on a fault that does not flap, in a scenario" "Only a flapping path" -- trace --scenario "$TMP/period.json"
expect 1 "SPDK's own reconnect check" "reconnect_delay_sec can't be 0 if ctrlr_loss_timeout_sec is not 0." -- trace --set bdev_nvme_set_options.reconnect_delay_sec=0

# --- hostile files: bounded before anything parses them ----------------------
# 200,000 levels of nesting used to run json-glib's parser out of stack
python3 -c 'import sys; sys.stdout.write("[" * 200000 + "]" * 200000)' >"$TMP/deep.json"
python3 -c 'import sys; sys.stdout.write("{\"subsystems\": " + "[" * 200000)' >"$TMP/deep-config.json"
python3 -c 'import sys; sys.stdout.write("{\"format\": 1, \"id\": \"d\", \"hosts\": " + "[" * 200000)' >"$TMP/deep-scenario.json"
expect 1 "explain: deep nesting refused" "deep.json:1:513: nested more than 512 levels deep" -- explain "$TMP/deep.json"
expect 1 "config import: deep nesting refused" "deep-config.json:1:527: nested more than 512 levels deep" -- config import "$TMP/deep-config.json"
for c in trace knobs workload memory render handout; do
  out=""
  case $c in render) out="--output $TMP/deep.png" ;; handout) out="--output $TMP/deep.pdf" ;; esac
  # shellcheck disable=SC2086
  expect 1 "$c --scenario: deep nesting refused" "deep-scenario.json:1:546: nested more than 512 levels deep" -- $c --scenario "$TMP/deep-scenario.json" $out
done
expect 1 "config export --scenario: deep nesting refused" "nested more than 512 levels deep" -- config export --scenario "$TMP/deep-scenario.json"
expect 1 "memory --config: deep nesting refused" "deep-config.json:1:527: nested more than 512 levels deep" -- memory --config "$TMP/deep-config.json" --core-mask 0x1
[ ! -e "$TMP/deep.png" ] && [ ! -e "$TMP/deep.pdf" ] && ok "nothing written for a refused scenario" || not_ok "nothing written for a refused scenario"

# Files that are not regular files: refused at once (/dev/zero used to be
# read until memory ran out, a FIFO to block for ever)
mkfifo "$TMP/fifo.json"
for f in /dev/zero "$TMP/fifo.json"; do
  expect 1 "explain $f refused" "is not a regular file" -- explain "$f"
  expect 1 "config import $f refused" "is not a regular file" -- config import "$f"
  expect 1 "trace --scenario $f refused" "is not a regular file" -- trace --scenario "$f"
  expect 1 "memory --config $f refused" "is not a regular file" -- memory --config "$f" --core-mask 0x1
done
expect 1 "a folder as a scenario" "is a folder, not a file" -- trace --scenario "$TMP/"
expect 1 "a folder as a config" "is a folder, not a file" -- config import "$TMP"
expect 1 "a folder as memory --config" "is a folder, not a file" -- memory --config "$TMP" --core-mask 0x1

# Integers json-glib 1.6 would wrap, wherever they hide
printf '{"format": 1, "id": "w", "topology": {"guest_queue_depth": -18446744073709551488}, "hosts": {"baremetal": {}, "storage": {}}}' >"$TMP/wrapped.json"
expect 1 "a wrapped queue depth is refused, not read as 128" "wrapped.json:1:60: the number -18446744073709551488 does not fit in 64 bits" -- trace --scenario "$TMP/wrapped.json"
printf '{"subsystems": [{"subsystem": "iobuf", "config": [{"method": "iobuf_set_options", "params": {"x": "a\nb", "small_pool_count": 18446744073709551744}}]}]}' >"$TMP/wrapped-config.json"
expect 1 "a wrapped pool count after a line break in a string is refused" "wrapped-config.json:2:25: the number 18446744073709551744 does not fit in 64 bits" -- config import "$TMP/wrapped-config.json"
printf '{"subsystems": [{"subsystem": "bdev", "config": [{"method": "bdev_set_options", "params": {"x": "a\nb", "iobuf_small_cache_size": 18446744073709551744, "iobuf_large_cache_size": 16}}]}]}' >"$TMP/wrapped-cache.json"
expect 1 "memory --config refuses a wrapped cache size" "does not fit in 64 bits" -- memory --config "$TMP/wrapped-cache.json" --core-mask 0x1

# --- hostile command lines: each refused with a message and exit 1 or 2 -----
expect 1 "a negative --inflight is refused, not ignored" "--inflight takes 0 to 65536" -- trace --inflight -5
expect 2 "--core-mask -1 is not a mask (strtoull took it as 64 cores)" "--core-mask takes a mask" -- memory --config "$DATA/minimal.json" --core-mask -1
expect 2 "--core-mask beyond 64 bits" "--core-mask takes a mask" -- memory --config "$DATA/minimal.json" --core-mask 0xFFFFFFFFFFFFFFFFF
expect 2 "attach --interval nan" "--interval must be between" -- attach --interval nan
expect 2 "attach --timeout nan" "--timeout must be between" -- attach --timeout nan
expect 2 "render --output ''" "--output needs a file name" -- render --output ""
expect 2 "render --frames ''" "--frames needs a folder name" -- render --frames ""
expect 2 "handout --output ''" "handout needs --output" -- handout --output ""
expect 1 "explain ''" "An empty name is not a file or folder name" -- explain ""
expect 1 "config import ''" "An empty name is not a file name" -- config import ""
expect 2 "--fault ''" "is not a fault" -- trace --fault ""
expect 2 "--step that is not a number" "--step takes a whole number" -- source --step 2147483648
expect 2 "source without --step" "source needs --step" -- source
expect 2 "source --step 0 is no step (they count from 1)" "--step must be between 1 and" -- source --step 0 --spdk-dir "$IOPATH_TESTS_DIR/fixtures/spdk-engine"
# One numbering for people: the table's first step is 1, the JSON's index 0
"$CLI" trace --scenario raid270 --op write >"$TMP/table" 2>/dev/null
awk '$1 ~ /^[0-9]+$/ { print $1; exit }' "$TMP/table" | grep -qx 1 && ok "the trace table numbers steps from 1" || not_ok "the trace table numbers steps from 1"
expect 2 "no command names them all" "attach, replay or calibrate" --
expect 1 "a scenario that is a folder" "is a folder, not a file" -- knobs --scenario "$DATA"
ln -s /nonexistent/iopath.json "$TMP/dangling.json"
expect 1 "a dangling link as a scenario" "No such file" -- trace --scenario "$TMP/dangling.json"
for bad in 0x0 x 1920x 1920x1080x3 " 1920x1080" -1920x1080 1e3x1e3 99999x2; do
  expect 2 "render --size '$bad'" "--size takes WIDTHxHEIGHT" -- render --output "$TMP/never.png" --size "$bad"
done
for bad in nan inf 0 -1 101; do
  expect 2 "render --speed $bad" "--speed takes" -- render --frames "$TMP/never" --speed "$bad"
done
for bad in nan inf 0.5 121; do
  expect 2 "render --fps $bad" "--fps takes 1 to 120" -- render --frames "$TMP/never" --fps "$bad"
done
for bad in nan -1 3601; do
  expect 2 "render --duration $bad" "--duration takes" -- render --frames "$TMP/never" --duration "$bad"
done
[ ! -e "$TMP/never.png" ] && [ ! -e "$TMP/never" ] && ok "nothing written for a refused render" || not_ok "nothing written for a refused render"

# SPDK's own limits (lib/nvmf/transport.c spdk_nvmf_transport_create, both tags)
for v in v26.01 v26.05; do
  expect 1 "$v: max_io_size not a power of two: SPDK refuses the transport" "must be a power of 2 and be greater than or equal 8KB" -- trace --spdk-version $v --set nvmf_create_transport.max_io_size=12288
  expect 1 "$v: max_io_size under 8 KiB is out of SPDK's range" "between 8192 and" -- trace --spdk-version $v --set nvmf_create_transport.max_io_size=4096
  expect 0 "$v: max_aq_depth under 32 is raised, with SPDK's message" "" -- trace --spdk-version $v --set nvmf_create_transport.max_aq_depth=8 --json
  grep -q "max_aq_depth 8 is less than minimum defined by NVMf spec, use min value" "$TMP/out" && ok "$v: max_aq_depth message" || not_ok "$v: max_aq_depth message"
done
# bdev_io_cache_size 0 is accepted by SPDK: every bdev_io comes from the mempool
expect 0 "bdev_io_cache_size 0 runs" "" -- workload --set bdev_set_options.bdev_io_cache_size=0 --ios 3000 --json
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
bm = [h for h in d['hosts'] if h['host'] == 'baremetal'][0]
assert bm['bdev_io_from_cache'] == 0 and bm['bdev_io_from_mempool'] > 0, bm
" "$TMP/out" && ok "cache 0: the baremetal's bdev_io all from the mempool" || not_ok "cache 0: the baremetal's bdev_io all from the mempool"

# io_unit_size: refused at 0 at v26.01 (SPDK's message); ignored at v26.05,
# where nvmf_rdma_opts_init and nvmf_tcp_opts_init no longer set it (default
# 0) but nvmf_vfio_user_opts_init still does (131072, lib/nvmf/vfio_user.c:5214)
expect 1 "v26.01: io_unit_size 0 refused as SPDK does" "io_unit_size cannot be 0" -- trace --spdk-version v26.01 --set nvmf_create_transport.io_unit_size=0
expect 0 "v26.05: knobs --json" "" -- knobs --spdk-version v26.05 --json
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
k = [x for x in d['knobs'] if x['id'] == 'nvmf_create_transport.io_unit_size']
want = {'RDMA': '0', 'TCP': '0', 'VFIOUSER': '131072'}
assert k and all(x['default'] == want[x['trtype']] and x['deprecated'] for x in k), k
" "$TMP/out" && ok "v26.05: io_unit_size deprecated, default 0 for RDMA, 131072 for VFIO-user" || not_ok "v26.05: io_unit_size deprecated, default 0 for RDMA, 131072 for VFIO-user"

# The knob audit at both tags (docs/audit.md, "Knobs at v26.01 and v26.05"):
# each limit below is SPDK's, with SPDK's message
expect 1 "VFIO-user refuses more than 511 I/O qpairs per controller" "Invalid max_qpairs_per_ctrlr=513, supported max_qpairs_per_ctrlr=512" -- trace --set baremetal:nvmf_create_transport.max_io_qpairs_per_ctrlr=512
expect 0 "VFIO-user takes 511 I/O qpairs per controller" "" -- trace --set baremetal:nvmf_create_transport.max_io_qpairs_per_ctrlr=511
expect 1 "max_io_qpairs_per_ctrlr: 65535 would wrap SPDK's 16-bit count" "between 1 and 65534" -- trace --set storage:nvmf_create_transport.max_io_qpairs_per_ctrlr=65535
expect 1 "rdma_cm_event_timeout_ms is a 16-bit number in SPDK" "between 0 and 65535" -- trace --set bdev_nvme_set_options.rdma_cm_event_timeout_ms=70000
expect 0 "reconnect_delay_sec takes SPDK's uint32 range" "" -- knobs --set bdev_nvme_set_options.ctrlr_loss_timeout_sec=-1 --set bdev_nvme_set_options.reconnect_delay_sec=3000000000
for v in v26.01 v26.05; do
  expect 0 "$v: RDMA in_capsule_data_size 0 is raised to 256" "" -- trace --spdk-version $v --set storage:nvmf_create_transport.in_capsule_data_size=0 --json
  grep -q "In capsule data size is set to 256, this is minimum size required to support msdbd=16" "$TMP/out" && ok "$v: RDMA ICD message" || not_ok "$v: RDMA ICD message"
  expect 0 "$v: data_wr_pool_size under 32 x cores is raised" "" -- trace --spdk-version $v --set storage:nvmf_create_transport.data_wr_pool_size=16 --json
  grep -q "data_wr_pool_size is changed to 896 to guarantee enough cache for handling at least one IO in each core" "$TMP/out" && ok "$v: data_wr_pool_size notice (28 cores)" || not_ok "$v: data_wr_pool_size notice (28 cores)"
  expect 1 "$v: a poll group on a core outside the reactor mask is refused" "Poll groups cpumask 0x1e0 is out of range" -- trace --spdk-version $v --set baremetal:nvmf_set_config.poll_groups_mask=0x1E0
done
expect 1 "v26.05: RDMA refuses more than 16 large buffers per I/O" "Unsupported max_io_size specified, 4194304 bytes" -- trace --spdk-version v26.05 --set storage:nvmf_create_transport.max_io_size=4194304
expect 0 "v26.01: RDMA takes 4 MiB with 16 x 256 KiB units" "" -- trace --spdk-version v26.01 --set storage:iobuf_set_options.large_bufsize=262144 --set storage:nvmf_create_transport.io_unit_size=262144 --set storage:nvmf_create_transport.max_io_size=4194304
expect 1 "v26.01: TCP refuses more than 16 io units per I/O" "Unsupported IO Unit size specified, 4096 bytes" -- trace --scenario realrun-tcp --spdk-version v26.01 --set storage:nvmf_create_transport.io_unit_size=4096
expect 0 "v26.01: TCP lowers io_unit_size to max_io_size" "" -- trace --scenario realrun-tcp --spdk-version v26.01 --set storage:nvmf_create_transport.io_unit_size=131072 --set storage:nvmf_create_transport.max_io_size=65536 --json
grep -q "TCP param io_unit_size 131072 can't be larger than max_io_size 65536. Using max_io_size as io_unit_size" "$TMP/out" && ok "v26.01: TCP io_unit_size message" || not_ok "v26.01: TCP io_unit_size message"

# Issue 14 (i14-memory): the memory view counts what SPDK allocates, at both tags
for v in v26.01 v26.05; do
  expect 0 "$v: memory --json" "" -- memory --spdk-version $v --json
  python3 - "$TMP/out" <<'PY' && ok "$v: memory: 16 qpairs, SRQ pools, 29 local qpairs, no 128/127 warning" || not_ok "$v: memory: 16 qpairs, SRQ pools, 29 local qpairs, no 128/127 warning"
import json, sys
d = json.load(open(sys.argv[1]))
bm, st = d["hosts"][0], d["hosts"][1]
line = lambda h, item: [l for l in h["lines"] if l["item"] == item][0]
scal = lambda h, thing: [r for r in h["scaling"] if r["thing"] == thing][0]
# (3 poll groups + app_thread, RAID's base-bdev channels) x 4 controllers
assert scal(bm, "NVMe I/O qpairs and io_paths")["count"] == 16
assert line(bm, "nvme_request objects")["count"] == 16 * 512
# the default shared receive queue: each poll group's pool of max_srq_depth
assert line(st, "RDMA target requests (SRQ pools)")["count"] == 28 * 4096
assert not any(l["item"] == "RDMA target requests" and "max_queue_depth" in l["formula"] for l in st["lines"])
assert scal(st, "Incoming RDMA qpairs")["count"] == 8
assert scal(st, "Local NVMe I/O qpairs")["count"] == 29
# a guest queue holds max_queue_depth - 1 commands: no impossible shortage
for h in d["hosts"]:
    for r in h["in_flight"]:
        assert r["demand"] <= r["supply"], r
assert not any(c["level"] == "warning" for c in d["checks"]), d["checks"]
assert "127 there" not in (d["first_bottleneck"] or "")
PY
done
expect 0 "no_srq: memory --json" "" -- memory --host storage --set nvmf_create_transport.no_srq=true --json
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
st = d['hosts'][0]
l = [l for l in st['lines'] if l['item'] == 'RDMA target requests (per qpair, no_srq)'][0]
assert l['count'] == 8 * 128, l
r = [r for r in st['in_flight'] if r['hop'] == 'transport requests per qpair'][0]
assert (r['demand'], r['supply']) == (127, 128), r
" "$TMP/out" && ok "no_srq: max_queue_depth requests per incoming qpair" || not_ok "no_srq: max_queue_depth requests per incoming qpair"

# fix-memtext M12: the memory view follows the host's transport and backend
for v in v26.01 v26.05; do
  expect 0 "$v: realrun-tcp memory --json" "" -- memory --scenario realrun-tcp --spdk-version $v --json
  python3 - "$TMP/out" <<'PY' && ok "$v: realrun-tcp memory: no PCIe, NVMe-SSD, RDMA or VFIO-user lines on a TCP/malloc run" || not_ok "$v: realrun-tcp memory: no PCIe, NVMe-SSD, RDMA or VFIO-user lines on a TCP/malloc run"
import json, sys
d = json.load(open(sys.argv[1]))
bm, st = d["hosts"][0], d["hosts"][1]
def texts(h):
    for l in h["lines"]:
        yield l["item"]; yield l["formula"]
    for r in h["scaling"]:
        yield r["thing"]; yield r["cost"]; yield r["how"]
    for r in h["in_flight"]:
        yield r["hop"]; yield r["formula"]
for t in texts(st):
    for bad in ("PCIe", "Local NVMe", "NVMe bdev", "RDMA", "vfio-user", "VFIO-user", "bdev_nvme_poll"):
        assert bad not in t, (bad, t)
for t in texts(bm):
    for bad in ("RDMA", "vfio-user", "VFIO-user", "guest memory", "PCIe"):
        assert bad not in t, (bad, t)
poll = [r for r in st["scaling"] if r["thing"] == "Pollers on the data path"][0]
assert "nvmf_TCP" in poll["cost"] and "malloc_completion_poller" in poll["cost"], poll
assert any(r["hop"] == "bdev_io (lvol + malloc bdev)" for r in st["in_flight"])
assert any(r["hop"].startswith("nvmf_TCP transport buffers") for r in bm["in_flight"]), bm["in_flight"]
assert any(l["item"] == "TCP target requests (guest queue pairs)" for l in bm["lines"])
PY
done
expect 0 "raid270 memory keeps its figures" "" -- memory --json
python3 - "$TMP/out" <<'PY' && ok "raid270 memory: VFIO-user, RDMA and NVMe lines and figures stay; 256 wanted, 254 queued" || not_ok "raid270 memory: VFIO-user, RDMA and NVMe lines and figures stay; 256 wanted, 254 queued"
import json, sys
d = json.load(open(sys.argv[1]))
bm, st = d["hosts"][0], d["hosts"][1]
assert [l for l in bm["lines"] if l["item"] == "VFIO-user requests"][0]["count"] == 256
assert [r for r in bm["in_flight"] if r["hop"] == "transport buffers (VFIO-user)"][0]["demand"] == 0
assert [r for r in st["scaling"] if r["thing"] == "Local NVMe I/O qpairs"][0]["count"] == 29
poll = [r for r in st["scaling"] if r["thing"] == "Pollers on the data path"][0]
assert poll["count"] == 57 and "nvmf_RDMA + bdev_nvme_poll" in poll["cost"], poll
assert any(r["hop"] == "bdev_io (lvol + NVMe bdev)" for r in st["in_flight"])
assert any(r["hop"] == "nvmf_RDMA transport buffers (small)" for r in st["in_flight"])
g = [r for r in bm["in_flight"] if r["hop"] == "guest commands (VFIO-user requests)"][0]
assert (g["demand"], g["supply"], g["waiting_upstream"]) == (254, 254, 2), g
assert "256 wanted, 254 can be queued; 2 wait in the guest's driver" in d["first_bottleneck"], d["first_bottleneck"]
PY

# fix-memtext T10: VFIO-user placement at v26.01 is round robin with the admin queue first
expect 0 "v26.01: trace --json (placement)" "" -- trace --spdk-version v26.01 --json
python3 -c "
import json, sys
s = [s for s in json.load(open(sys.argv[1]))['steps'] if s['key'] == 'vfu.poll'][0]
assert (s['thread'], s['core']) == ('nvmf_tgt_poll_group_001', 6), (s['thread'], s['core'])
assert 'admin queue took the first turn' in s['knobs'][0]['effect'], s['knobs']
" "$TMP/out" && ok "v26.01: guest I/O queue pair 1 on nvmf_tgt_poll_group_001 (core 6), after the admin queue" || not_ok "v26.01: guest I/O queue pair 1 on nvmf_tgt_poll_group_001 (core 6), after the admin queue"
expect 0 "v26.05: trace --json (placement)" "" -- trace --spdk-version v26.05 --json
python3 -c "
import json, sys
s = [s for s in json.load(open(sys.argv[1]))['steps'] if s['key'] == 'vfu.poll'][0]
assert (s['thread'], s['core']) == ('nvmf_tgt_poll_group_000', 5), (s['thread'], s['core'])
" "$TMP/out" && ok "v26.05: guest I/O queue pair 1 on nvmf_tgt_poll_group_000 (fewest I/O qpairs)" || not_ok "v26.05: guest I/O queue pair 1 on nvmf_tgt_poll_group_000 (fewest I/O qpairs)"
# placement: each storage node's RDMA target places the baremetal's I/O qpairs in
# connect order (examine's, app_thread's, each poll group's), admin queues apart
expect 0 "raid270: trace --json (storage placement)" "" -- trace --scenario raid270 --op write --json
python3 -c "
import json, sys
steps = [s for s in json.load(open(sys.argv[1]))['steps'] if s['key'] == 'nvmf_rdma.recv']
assert sorted((s['node'], s['thread'], s['core']) for s in steps) == [(0, 'nvmf_tgt_poll_group_005', 10), (1, 'nvmf_tgt_poll_group_005', 10)], steps
assert all('nvmf_tgt_poll_group_005 (core 10)' in s['explanation']['text'] and 'was number 6.' in s['explanation']['text'] for s in steps)
" "$TMP/out" && ok "raid270: both storage nodes serve the guest's write on nvmf_tgt_poll_group_005 (core 10)" || not_ok "raid270: both storage nodes serve the guest's write on nvmf_tgt_poll_group_005 (core 10)"
# fix-memtext T5/T6, M5/M9: storage texts follow the base bdev; SRQ per RDMA device
expect 0 "realrun-tcp: trace --json (storage texts)" "" -- trace --scenario realrun-tcp --json
python3 -c "
import json, sys
steps = json.load(open(sys.argv[1]))['steps']
g = [s for s in steps if s['key'] == 'bdev.get_io' and s['host'] == 'storage'][0]['explanation']['text']
assert 'for the NVMe bdev under the lvstore' not in g and 'With 28 poll-group' not in g, g
assert 'bdev_malloc' in g and 'serves every replica (2), so the guest' in g and '4 bdev_io here in all' in g, g
r = [s for s in steps if s['key'] == 'nvmf.bdev_rw' and s['host'] == 'storage'][0]['explanation']['text']
assert 'SSD will fill by DMA' not in r and 'C2H DATA on TCP' in r, r
" "$TMP/out" && ok "realrun-tcp: bdev.get_io and nvmf.bdev_rw on storage name the base bdev and transport; node count covers both replicas" || not_ok "realrun-tcp: bdev.get_io and nvmf.bdev_rw on storage name the base bdev and transport; node count covers both replicas"
expect 0 "max_srq_depth knob text" "" -- knobs --host storage --json
grep -q "one queue per RDMA device" "$TMP/out" && ok "max_srq_depth: one SRQ per poll group and RDMA device" || not_ok "max_srq_depth: one SRQ per poll group and RDMA device"
expect 0 "memory: SRQ formula" "" -- memory --host storage
grep -q "max_srq_depth (capped by the device's max_srq_wr) × poll groups × RDMA devices (1 assumed)" "$TMP/out" && ok "memory: SRQ pools per poll group and RDMA device, capped by max_srq_wr" || not_ok "memory: SRQ pools per poll group and RDMA device, capped by max_srq_wr"

# Issue 14 (i14-memory): RAID1 read errors, multipath deprecation, knob texts
expect 0 "fast-fail read: trace --json" "" -- trace --scenario raid270-outage-fast-fail --op read --inflight 1 --json
python3 - "$TMP/out" <<'PY' && ok "read repair: issue and completion cite their own functions, the base bdev fails on app_thread" || not_ok "read repair: issue and completion cite their own functions, the base bdev fails on app_thread"
import json, sys
d = json.load(open(sys.argv[1]))
rr = [s for s in d["steps"] if s["key"] == "raid1.read_repair"]
assert [s["function"] for s in rr] == ["raid1_correct_read_error", "raid1_correct_read_error_completion"], [s["function"] for s in rr]
fb = [s for s in d["steps"] if s["key"] == "raid.fail_base"]
assert fb and all(s["thread"] == "app_thread" for s in fb), fb
texts = " ".join(s["detail"] + " " + s["explanation"]["text"] for s in d["steps"])
assert "RAID1 fails that leg" not in texts and "finally fails marks its replica failed" not in texts
PY
for v in v26.01 v26.05; do
  expect 0 "$v: trace for the multipath policy" "" -- trace --spdk-version $v --op write --size 4K --json
  python3 - "$TMP/out" $v <<'PY' && ok "$v: bdev_nvme_set_multipath_policy deprecated at v26.05 only" || not_ok "$v: bdev_nvme_set_multipath_policy deprecated at v26.05 only"
import json, sys
d = json.load(open(sys.argv[1]))
sub = [s for s in d["steps"] if s["key"] == "bdev_nvme.submit" and s["host"] == "baremetal"]
said = ["bdev_nvme_set_multipath_policy" in s["detail"] and "deprecated" in s["detail"] for s in sub]
assert sub and all(x == (sys.argv[2] == "v26.05") for x in said), said
PY
done
expect 0 "knobs --json" "" -- knobs --json
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
k = {x['id']: x for x in d['knobs']}
t = k['bdev_nvme_set_options.ctrlr_loss_timeout_sec']['description']
assert 'never reconnects' not in t and 'resets the controller on every failure' in t, t
t = [x for x in d['knobs'] if x['id'] == 'nvmf_create_transport.max_queue_depth'][0]['description']
assert 'max_srq_depth' in t and 'max_queue_depth - 1' in t, t
" "$TMP/out" && ok "knob texts: ctrlr_loss_timeout_sec 0 still resets, max_queue_depth names the SRQ" || not_ok "knob texts: ctrlr_loss_timeout_sec 0 still resets, max_queue_depth names the SRQ"

# A single keyed SGL moves with the WR built into the request; data_wr_pool
# serves only the further descriptors (rdma.c nvmf_rdma_request_fill_iovs /
# nvmf_request_alloc_wrs). The guest's 128 KiB is 32 PRP pages, split into two
# parts of 16 descriptors: 15 extra WRs each.
for v in v26.01 v26.05; do
  for sz in 4K 128K; do
    expect 0 "$v: read $sz --json" "" -- trace --spdk-version $v --op read --size $sz --json
    python3 - "$TMP/out" $sz <<'PY' && ok "$v: read $sz: data_wr_pool only for extra descriptors" || not_ok "$v: read $sz: data_wr_pool only for extra descriptors"
import json, sys
d = json.load(open(sys.argv[1]))
wrs = [a["count"] for s in d["steps"] for a in s["allocs"] if a["kind"] == "rdma_data_wr"]
assert wrs == ([] if sys.argv[2] == "4K" else [15, 15]), wrs
PY
  done
done

echo "1..$n"
exit $fail
