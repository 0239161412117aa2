#!/bin/sh
# test-handout.sh: iopath-cli handout: A4 landscape (or portrait), the step's
# function from an SPDK checkout (the test fixture tree, our own code) and
# only then, no word broken across lines on the title page, the outcome on
# the last page. Needs pdfinfo and pdftotext (poppler-utils).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${IOPATH_CLI:?}
FIXTURE=${IOPATH_TESTS_DIR:?}/fixtures/spdk-engine
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset IOPATH_SPDK_DIR
n=0
fail=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
run () { "$CLI" "$@" >"$TMP/out" 2>"$TMP/err"; }

if ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "1..0 # SKIP pdfinfo and pdftotext (poppler-utils) are not installed"
  exit 0
fi

# Step 6 (page 7) of the raid270 write is bdev_writev_blocks_with_md in lib/bdev/bdev.c
page=7
fn=bdev_writev_blocks_with_md
run trace --scenario raid270 --op write
# the trace table numbers steps from 1, as the app and the handout do
check "step 6 of the raid270 write runs $fn" 'grep -q "^6 .* $fn" "$TMP/out"'

run handout --scenario raid270 --op write --output "$TMP/land.pdf" --spdk-dir "$FIXTURE"
check "handout with the fixture checkout" '[ $? -eq 0 ] && grep -q "source from the SPDK checkout" "$TMP/out"'
size=$(pdfinfo "$TMP/land.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
check "landscape A4 by default ($size)" '[ "$size" = "842 595" ]'
pdftotext -f $page -l $page -layout "$TMP/land.pdf" "$TMP/step.txt"
# The fixture's body of the function: a line only it has
check "the step page has the function's source from the checkout" 'grep -q "bdev_channel_get_io(f)" "$TMP/step.txt"'
check "with the checkout's line numbers" 'grep -Eq "^ *1[0-9] +static int|^ *1[0-9] +io = bdev_channel_get_io" "$TMP/step.txt" || grep -Eq "[0-9]+ +io = bdev_channel_get_io\(f\);" "$TMP/step.txt"'
check "and says where it comes from" 'grep -q "checkout (SPDK" "$TMP/step.txt"'

run handout --scenario raid270 --op write --output "$TMP/ref.pdf"
check "handout without a checkout" '[ $? -eq 0 ]'
pdftotext -f $page -l $page -layout "$TMP/ref.pdf" "$TMP/ref.txt"
check "without a checkout: no source text" '! grep -q "bdev_channel_get_io(f)" "$TMP/ref.txt"'
check "without a checkout: the reference" 'grep -q "$fn()" "$TMP/ref.txt" && grep -q "lib/bdev/bdev.c" "$TMP/ref.txt" && grep -q "line [0-9]" "$TMP/ref.txt"'

run handout --scenario raid270 --op write --output "$TMP/bad.pdf" --spdk-dir "$TMP"
check "a folder that is no SPDK tree is refused" '[ $? -ne 0 ] && grep -q "not an SPDK source tree" "$TMP/err" && [ ! -e "$TMP/bad.pdf" ]'

run handout --scenario raid270 --op write --output "$TMP/port.pdf" --portrait --spdk-dir "$FIXTURE"
size=$(pdfinfo "$TMP/port.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
check "--portrait gives portrait A4 ($size)" '[ "$size" = "595 842" ]'
pdftotext -f $page -l $page "$TMP/port.pdf" "$TMP/pstep.txt"
check "portrait pages have the source too" 'grep -q "bdev_channel_get_io(f)" "$TMP/pstep.txt"'

# No word broken across lines on the title page: no line ends in a hyphen
# after a letter, and "NVMe-oF" stays whole
pdftotext -f 1 -l 1 "$TMP/land.pdf" "$TMP/title.txt"
check "the title page keeps NVMe-oF whole" 'tr -d "\342\201\240" <"$TMP/title.txt" | grep -q "NVMe-oF"'
check "no title-page line ends in a broken word" '! grep -Eq "[[:alnum:]]-$" "$TMP/title.txt"'
pdftotext -f 1 -l 1 "$TMP/port.pdf" "$TMP/ptitle.txt"
check "nor on the portrait title page" '! grep -Eq "[[:alnum:]]-$" "$TMP/ptitle.txt"'

# The outcome on the last page
pages=$(pdfinfo "$TMP/land.pdf" | sed -n 's/^Pages: *//p')
pdftotext -f "$pages" -l "$pages" "$TMP/land.pdf" "$TMP/last.txt"
check "the last page is the outcome" 'grep -q "Outcome: completed" "$TMP/last.txt" && grep -q "Media" "$TMP/last.txt"'
run handout --scenario raid270-outage-30s --op write --output "$TMP/outage.pdf"
pages=$(pdfinfo "$TMP/outage.pdf" | sed -n 's/^Pages: *//p')
pdftotext -f "$pages" -l "$pages" "$TMP/outage.pdf" "$TMP/olast.txt"
check "the outage's outcome page says late, with the wait" 'grep -q "completed late, waited 28.000 s for a path" "$TMP/olast.txt"'

echo "1..$n"
exit $fail
