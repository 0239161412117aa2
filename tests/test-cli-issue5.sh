#!/bin/sh
# test-cli-issue5.sh: iopath-cli config, explain and attach from the outside.
# SPDK's files come from IOPATH_SHARED_DIR; those checks skip without it.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${IOPATH_CLI:?}
SHARED=${IOPATH_SHARED_DIR:-}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
fail=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

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

check () { if "$@"; then ok "$DESC"; else not_ok "$DESC"; fi; }

# --- command line ----------------------------------------------------------
expect 2 "config without a command" "import or export" -- config
expect 2 "config import without a file" "needs the config file" -- config import
expect 2 "config with an unknown command" "unknown config command" -- config frobnicate
expect 2 "config import with a bad host" "" -- config import x.json --host moon
expect 2 "config export with a bad format" "json or rpc" -- config export --format yaml
expect 2 "explain without a path" "at least one" -- explain
expect 2 "explain with an unknown option" "" -- explain --nope x
expect 2 "attach with a bad interval" "--interval" -- attach --interval 0
expect 2 "attach with an argument" "unexpected argument" -- attach now
expect 1 "config import of a missing file" "No such file" -- config import /nonexistent.json
expect 1 "explain of a missing file" "no such file" -- explain /nonexistent.json
expect 1 "export with a bad --set" "" -- config export --set iobuf_set_options.small_pool_count=1
expect 1 "attach to nobody" "cannot reach SPDK" -- attach --socket "$TMP/none.sock" --interval 0.05 --count 1

# --- attach to a hostile SPDK (tests/fake-spdk.py) --------------------------
TESTS=${IOPATH_TESTS_DIR:-$(dirname "$0")}
fake=""
start_fake () {
  rm -f "$TMP/fake.sock"
  python3 "$TESTS/fake-spdk.py" "$TMP/fake.sock" "$1" &
  fake=$!
  i=0
  while [ ! -S "$TMP/fake.sock" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
}
stop_fake () { kill "$fake" 2>/dev/null; wait "$fake" 2>/dev/null; fake=""; }
trap 'stop_fake; rm -rf "$TMP"' EXIT

# replies 200,000 levels deep: refused before json-glib's parser recurses
start_fake deep
expect 1 "attach: a reply nested 200,000 deep is refused" "nested more than 512 levels deep" -- attach --socket "$TMP/fake.sock" --interval 0.05
DESC="attach: it says the peer never sent a usable reply"
check grep -q "never sent a usable reply" "$TMP/err"
stop_fake
# counters that go down: the target restarted; no negative rate, no "busy -"
start_fake backwards
expect 0 "attach: counters going down" "" -- attach --socket "$TMP/fake.sock" --interval 0.05 --count 3
DESC="attach: says the target restarted or its counters were reset"
check grep -q "the target restarted or its counters were reset" "$TMP/out"
DESC="attach: no negative rate or busy share"
check sh -c "! grep -q -- '-[0-9]' '$TMP/out'"
stop_fake
# counters at the ends of 64 bits, swinging between them
start_fake extreme
expect 0 "attach: counters at the ends of 64 bits" "" -- attach --socket "$TMP/fake.sock" --interval 0.05 --count 3 --json
DESC="attach --json: every rate finite and not negative"
check python3 - "$TMP/out" <<'PY'
import json, math, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for m in r["iobuf"]:
        for k in ("small", "large"):
            for f in ("cache", "main", "retry"):
                v = m[k][f]
                assert math.isfinite(v) and v >= 0, (k, f, v)
    for t in r["threads"]:
        assert t["busy_pct"] is None or 0 <= t["busy_pct"] <= 100, t
PY
stop_fake

# --- export ----------------------------------------------------------------
expect 0 "export raid270's baremetal as JSON" "-m 0xF0" -- config export --scenario raid270 --host baremetal
DESC="the JSON config is SPDK's shape, subsystems in order"
check python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
names = [s["subsystem"] for s in d["subsystems"]]
order = ["iobuf", "accel", "bdev", "nvmf"]
assert names == sorted(names, key=order.index), names
methods = [e["method"] for s in d["subsystems"] for e in s["config"]]
assert "iobuf_set_options" in methods and "nvmf_create_transport" in methods, methods
for s in d["subsystems"]:
    for e in s["config"]:
        if e["method"] == "nvmf_create_transport":
            assert e["params"]["trtype"] == "VFIOUSER"
PY
cp "$TMP/out" "$TMP/exported.json"
expect 0 "export with --set and --format rpc" "" -- config export --host storage --format rpc --set storage:iobuf_set_options.small_pool_count=32768
DESC="rpc.py commands in SPDK's order"
check python3 - "$TMP/out" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
def at(p):
    return next(i for i, l in enumerate(lines) if l.startswith(p))
assert "--small-pool-count 32768" in lines[at("scripts/rpc.py iobuf_set_options")]
assert at("scripts/rpc.py iobuf_set_options") < at("scripts/rpc.py framework_start_init")
assert any("--wait-for-rpc" in l for l in lines)
PY

# --- import ----------------------------------------------------------------
expect 0 "import the exported config" "" -- config import "$TMP/exported.json" --host baremetal
DESC="import lists what it applied"
check grep -q "nvmf_create_transport.max_queue_depth (VFIOUSER)" "$TMP/out"
expect 0 "import --json" "" -- config import "$TMP/exported.json" --host baremetal --json
DESC="import JSON has applied, unmodelled and warnings"
check python3 -c "import json,sys; d=json.load(open('$TMP/out')); assert {'applied','unmodelled','warnings'} <= set(d) and d['applied']"
printf '{"subsystems": [{"subsystem": "bdev", "config": [{"method": "bdev_set_options", "params": {"bdev_io_pool_size": true}}]}]}' > "$TMP/wrong.json"
expect 1 "import refuses a wrong type, with its JSON path" "subsystems[0].config[0].params.bdev_io_pool_size" -- config import "$TMP/wrong.json"
printf '{"subsystems": [\n  {"subsystem": "bdev",\n   "config": [}\n' > "$TMP/broken.json"
expect 1 "import refuses broken JSON, with line and column" "broken.json:3:" -- config import "$TMP/broken.json"

if [ -n "$SHARED" ] && [ -d "$SHARED/spdk/configs" ]; then
  for f in "$SHARED"/spdk/configs/*.json; do
    case $(basename "$f") in
      bad-nonarray.json) expect 1 "refuse $(basename "$f")" "'subsystems' should be an array" -- config import "$f" ;;
      bad-nonenclosed.json) expect 1 "refuse $(basename "$f")" "not enclosed in {}" -- config import "$f" ;;
      *) expect 0 "import $(basename "$f")" "" -- config import "$f" --host storage ;;
    esac
  done
  expect 0 "import the baremetal's save_config" "" -- config import "$SHARED/spdk/runtime/baremetal.save_config.json" --host baremetal
  DESC="save_config: the pool sizes the run set"
  check grep -q "iobuf_set_options.small_pool_count .*1048576 → 16384" "$TMP/out"
else
  skip "SPDK's sample configs" "IOPATH_SHARED_DIR is not set"
fi

# --- explain ---------------------------------------------------------------
if [ -n "$SHARED" ] && [ -d "$SHARED/spdk/runtime" ]; then
  expect 0 "explain the runtime folder" "" -- explain "$SHARED/spdk/runtime"
  DESC="text names the roles and where to look first"
  check sh -c "grep -q 'Roles: tcp_target nvmf_initiator' '$TMP/out' && grep -q 'Where to look first' '$TMP/out'"
  expect 0 "explain --json" "" -- explain "$SHARED"/spdk/runtime/baremetal.* --json
  DESC="explain JSON: roles, threads (lcore, pollers, period_s), findings"
  check python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["roles"] == ["tcp_target", "nvmf_initiator"], d["roles"]
t = {x["name"]: x for x in d["threads"]}
assert t["app_thread"]["lcore"] == 0 and t["nvmf_tgt_poll_group_000"]["lcore"] == 1
periods = {p["name"]: p["period_s"] for p in t["app_thread"]["timed_pollers"]}
assert abs(periods["rpc_subsystem_poll_servers"] - 0.004) < 1e-9, periods
for f in d["findings"]:
    assert f["severity"] in ("info", "notice", "warning", "error")
    assert set(f) >= {"severity", "title", "evidence", "knob"}
ids = [f["id"] for f in d["findings"]]
assert ids[0] == "where-first" and "iobuf-no-starvation" in ids, ids
PY
  expect 0 "explain the small-pools logs" "" -- explain "$SHARED"/spdk/runtime/small-pools.*
  DESC="small pools: the populate error and its knob"
  check grep -q "knob: iobuf_set_options.small_pool_count" "$TMP/out"
else
  skip "explain SPDK's runtime dumps" "IOPATH_SHARED_DIR is not set"
fi

echo "1..$n"
exit $fail
