#!/bin/sh
# test-potfiles.sh: every file with marked strings is in po/POTFILES.in, and
# every file listed there exists.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=${IOPATH_SOURCE_ROOT:?}
cd "$top" || exit 1
fail=0
expected=$(./tools/list-potfiles.sh)
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | LC_ALL=C sort -u)
for f in $expected; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "not ok - $f has translatable strings but is missing from po/POTFILES.in"
    fail=1
  fi
done
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "not ok - po/POTFILES.in lists $f, which does not exist"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "ok 1 - po/POTFILES.in lists every file with translatable strings"
echo "1..1"
exit $fail
