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
          [ -f "$runtime/baremetal.save_config.json" ] && cp "$runtime"/*.save_config.json "$work/seeds/"
          dicts="json spdk" ;;
  calc-iobuf) add "$root/tests/data/calc-iobuf" "$configs"; dicts="json spdk" ;;
  set|fault) dicts="cli" ;;
  runtime) add "$runtime"; dicts="json spdk" ;;
  runtime-hosts)
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
    fi
    dicts="json spdk log" ;;
  log) for f in "$runtime"/*.log; do [ -f "$f" ] && cp "$f" "$work/seeds/"; done
       dicts="log" ;;
  live) add "$runtime"; dicts="json spdk" ;;
esac
for d in $dicts; do
  cat "$here/$d.dict"
done > "$work/dict"

# shellcheck disable=SC2086
exec "$bin" -dict="$work/dict" -artifact_prefix="$work/artifacts/" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@" $seeds
