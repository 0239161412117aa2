#!/bin/sh
# Runs one libFuzzer harness over its seeds: run-fuzzer.sh BUILD/tests/fuzz/fuzz-NAME [libFuzzer options]
#
# New inputs are kept in the build folder (fuzz-work/NAME/corpus), crashes in
# fuzz-work/NAME/artifacts; the sources are only read. Seeds: our own
# (corpus/NAME, regressions/NAME and the folders below), and SPDK's configs
# and runtime dumps from $IOPATH_SHARED_DIR/spdk. Any crash, sanitizer report,
# GLib critical or warning, time-out (-timeout, 10 s) or memory blow-up
# (-rss_limit_mb, 2 GB) fails the run.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

bin=$1
shift
name=$(basename "$bin")
name=${name#fuzz-}
here=$(cd "$(dirname "$0")" && pwd)
root=${IOPATH_SOURCE_ROOT:-$(cd "$here/../.." && pwd)}
shared=${IOPATH_SHARED_DIR:-}
[ -n "$shared" ] || shared=$root/../shared
work=${IOPATH_FUZZ_WORK:-$(dirname "$bin")/fuzz-work}/$name

mkdir -p "$work/corpus" "$work/artifacts" "$work/seeds"
rm -f "$work/seeds"/*

runtime=$shared/spdk/runtime
configs=$shared/spdk/configs
seeds="$work/corpus $work/seeds"
add () {
  for d in "$@"; do
    [ -d "$d" ] && seeds="$seeds $d"
  done
  return 0
}
add "$here/corpus/$name" "$here/regressions/$name"

# The dictionaries of each harness, in one file (libFuzzer takes one)
dicts="json"
case $name in
  scenario) add "$root/data/scenarios"; dicts="json scenario cli" ;;
  config) add "$root/tests/data/calc-iobuf" "$configs"
          if [ -f "$runtime/baremetal.save_config.json" ]; then cp "$runtime"/*.save_config.json "$work/seeds/"; fi
          dicts="json spdk" ;;
  calc-iobuf) add "$root/tests/data/calc-iobuf" "$configs"; dicts="json spdk" ;;
  set|fault) dicts="cli" ;;
  replay)
    # Each host's trace of the write and the read run (the big run is too
    # large to mutate: libFuzzer's inputs stay small)
    for run in a_write4k_qd1 b_read4k_qd1; do
      for f in "$shared/spdk/trace/$run"/*.spdk_trace.json; do
        if [ -f "$f" ]; then cp "$f" "$work/seeds/$run-$(basename "$f")"; fi
      done
    done
    dicts="json trace" ;;
  runtime) add "$runtime"; dicts="json spdk" ;;
  runtime-hosts|compare)
    # Each host's dumps as one input, as `head` prints files
    if [ -d "$runtime" ]; then
      for host in baremetal storage small-pools; do
        for f in "$runtime/$host".*; do
          [ -f "$f" ] || continue
          printf '==> %s <==\n' "$(basename "$f")"
          cat "$f"
          echo
        done > "$work/seeds/$host"
      done
      for host in baremetal storage; do
        for f in "$runtime/$host".iobuf_get_stats.* "$runtime/$host".thread_get_*.* "$runtime/$host".framework_get_reactors.*; do
          [ -f "$f" ] || continue
          printf '==> %s <==\n' "$(basename "$f")"
          cat "$f"
          echo
        done > "$work/seeds/$host-threads"
      done
      if [ $name = compare ]; then
        # Both hosts and the guest's bdevperf log: what --compare reads
        cat "$work/seeds/baremetal-threads" "$work/seeds/storage-threads" > "$work/seeds/both-hosts"
        { printf '==> guest.bdevperf.randrw4k.log <==\n'; cat "$runtime/guest.bdevperf.randrw4k.log"; } >> "$work/seeds/both-hosts"
        rm "$work/seeds/baremetal" "$work/seeds/storage" "$work/seeds/small-pools" "$work/seeds/baremetal-threads" "$work/seeds/storage-threads"
      fi
    fi
    dicts="json spdk log" ;;
  log) for f in "$runtime"/*.log; do if [ -f "$f" ]; then cp "$f" "$work/seeds/"; fi; done
       dicts="log" ;;
  live|rates)
    # Replies as SPDK sends them for a round of attach (ids 1 to 4), and two
    # samples of that round as rates reads them
    if [ -f "$runtime/baremetal.iobuf_get_stats.randrw4k.t0.json" ]; then
      for host in baremetal storage; do
        for t in t0 t5; do
          id=0
          for m in iobuf_get_stats thread_get_stats thread_get_pollers framework_get_reactors; do
            id=$((id + 1))
            f=$runtime/$host.$m.randrw4k.json
            if [ $m = iobuf_get_stats ]; then f=$runtime/$host.$m.randrw4k.$t.json; fi
            printf '{"jsonrpc":"2.0","id":%d,"result":' $id
            cat "$f"
            printf '}\n'
            if [ $host = storage ]; then printf '\f'; fi
          done > "$work/seeds/$name-$host-$t"
          if [ $name = rates ]; then
            sep='{'
            for m in iobuf_get_stats thread_get_stats thread_get_pollers framework_get_reactors; do
              f=$runtime/$host.$m.randrw4k.json
              if [ $m = iobuf_get_stats ]; then f=$runtime/$host.$m.randrw4k.$t.json; fi
              printf '%s"%s":' "$sep" $m
              cat "$f"
              sep=','
            done > "$work/seeds/sample-$host-$t"
            printf '}\n' >> "$work/seeds/sample-$host-$t"
          fi
        done
        if [ $name = rates ]; then
          cat "$work/seeds/sample-$host-t0" "$work/seeds/sample-$host-t5" > "$work/seeds/rates-$host"
          rm "$work/seeds/sample-$host-t0" "$work/seeds/sample-$host-t5" "$work/seeds/$name-$host-t0" "$work/seeds/$name-$host-t5"
        fi
      done
    fi
    dicts="json spdk" ;;
esac
for d in $dicts; do
  cat "$here/$d.dict"
done > "$work/dict"

# Under CI (CI=true) the mutations follow a fixed seed, so a run explores the
# same inputs each time and a red CI can be replayed; long runs elsewhere
# take a fresh seed each time (README.md here)
seed=
if [ "${CI:-}" = true ]; then seed=-seed=1; fi

# shellcheck disable=SC2086
exec "$bin" $seed -dict="$work/dict" -artifact_prefix="$work/artifacts/" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@" $seeds
