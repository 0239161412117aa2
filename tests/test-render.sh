#!/bin/sh
# test-render.sh: iopath-cli render: one step as PNG, SVG and PDF, a frame
# sequence, and files that are never overwritten without --force.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${IOPATH_CLI:?}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
fail=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

# png_size FILE: "WIDTH HEIGHT" from the IHDR chunk
png_size () {
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

run () { "$CLI" "$@" >"$TMP/out" 2>"$TMP/err"; }

# One step, three formats
run render --scenario raid270 --op write --step 10 --output "$TMP/s10.png" --size 1920x1080
check "PNG of raid270 step 10" '[ $? -eq 0 ] && [ -s "$TMP/s10.png" ]'
check "PNG is 1920x1080" '[ "$(png_size "$TMP/s10.png")" = "1920 1080" ]'
check "PNG signature" '[ "$(od -An -c -j1 -N3 "$TMP/s10.png" | tr -d " ")" = "PNG" ]'

run render --scenario raid270 --op write --step 10 --output "$TMP/s10.svg" --size 1920x1080
check "SVG of raid270 step 10" '[ $? -eq 0 ] && grep -q "<svg" "$TMP/s10.svg"'
check "SVG is 1920x1080 px" 'grep -q "width=\"1920px\" height=\"1080px\"" "$TMP/s10.svg"'
check "SVG is vector (paths, no embedded picture of the scene)" 'grep -q "<path" "$TMP/s10.svg" && ! grep -q "<image" "$TMP/s10.svg"'

run render --scenario raid270 --op write --step 10 --output "$TMP/s10.pdf" --size 1920x1080 --dark
check "PDF of raid270 step 10" '[ $? -eq 0 ] && [ "$(head -c 5 "$TMP/s10.pdf")" = "%PDF-" ]'
check "PDF page is 1920x1080" 'grep -aq "MediaBox \[ *0 0 1920 1080 *\]" "$TMP/s10.pdf"'

run render --step 1 --output "$TMP/s0.png" --size 1280x720
check "a 1280x720 picture" '[ "$(png_size "$TMP/s0.png")" = "1280 720" ]'
check "another step draws another picture" '! cmp -s "$TMP/s0.png" "$TMP/s10.png"'

# A 3-second frame sequence at 30 fps
run render --scenario raid270 --op write --frames "$TMP/frames" --fps 30 --duration 3 --size 1280x720
check "frame sequence written" '[ $? -eq 0 ]'
count=$(ls "$TMP/frames" | grep -c '^frame-[0-9]\{5\}\.png$')
check "90 frames for 3 s at 30 fps (got $count)" '[ "$count" -eq 90 ]'
check "frames numbered from 00001" '[ -f "$TMP/frames/frame-00001.png" ] && [ -f "$TMP/frames/frame-00090.png" ]'
check "frames are 1280x720" '[ "$(png_size "$TMP/frames/frame-00045.png")" = "1280 720" ]'
distinct=$(for f in "$TMP"/frames/frame-*.png; do cksum < "$f"; done | sort -u | wc -l)
check "every frame differs from the others as the token moves ($distinct distinct)" '[ "$distinct" -eq 90 ]'
check "the last frame is not the first" '! cmp -s "$TMP/frames/frame-00001.png" "$TMP/frames/frame-00090.png"'
check "the output tells how to make a video" 'grep -q "ffmpeg -framerate 30" "$TMP/out"'

# The handout: a title page, a page per step, the outcome
run handout --scenario raid270 --op write --output "$TMP/handout.pdf"
check "handout PDF written" '[ $? -eq 0 ] && [ "$(head -c 5 "$TMP/handout.pdf")" = "%PDF-" ]'
pages=$(grep -ac "/Type /Page[^s]" "$TMP/handout.pdf")
steps=$("$CLI" trace --scenario raid270 --op write | sed -n 's/.*, \([0-9][0-9]*\) steps,.*/\1/p' | head -n 1)
check "one page per step plus a title and an outcome page ($pages pages, $steps steps)" '[ "$pages" -eq $((steps + 2)) ]'
run handout --output "$TMP/title.png"
check "the title page as PNG" '[ $? -eq 0 ] && [ "$(png_size "$TMP/title.png")" = "1684 1190" ]'
run handout --step 11 --output "$TMP/p11.png"
check "a step page as PNG differs from the title" '[ $? -eq 0 ] && ! cmp -s "$TMP/title.png" "$TMP/p11.png"'
run handout --output "$TMP/handout.pdf"
check "the handout is not overwritten without --force" '[ $? -eq 1 ] && grep -q "already exists" "$TMP/err"'
run handout --output "$TMP/handout.txt"
check "a handout must be a PDF" '[ $? -eq 1 ] && grep -q "must end in .pdf" "$TMP/err"'

# Never overwrite without --force; nothing half-written left behind
cp "$TMP/s10.png" "$TMP/keep.png"
run render --step 3 --output "$TMP/s10.png"
check "refuses to replace a file" '[ $? -eq 1 ] && grep -q "already exists" "$TMP/err"'
check "the file is untouched" 'cmp -s "$TMP/s10.png" "$TMP/keep.png"'
run render --step 3 --output "$TMP/s10.png" --force
check "--force replaces it" '[ $? -eq 0 ] && ! cmp -s "$TMP/s10.png" "$TMP/keep.png"'
run render --frames "$TMP/frames" --duration 1
check "refuses a folder that holds frames" '[ $? -eq 1 ] && grep -q "already holds frames" "$TMP/err"'
check "no temporary files are left" '[ -z "$(ls -A "$TMP" | grep "^\.")" ] && [ -z "$(ls -A "$TMP/frames" | grep "^\.")" ]'

# Bad input
run render --output "$TMP/x.jpg"
check "unknown format refused" '[ $? -eq 1 ] && grep -q ".png, .svg or .pdf" "$TMP/err"'
run render --step 999 --output "$TMP/x.png"
check "step out of range refused" '[ $? -eq 2 ] && grep -q -- "--step must be" "$TMP/err"'
run render --output "$TMP/x.png" --size 99999x2
check "absurd size refused" '[ $? -eq 2 ] && grep -q "WIDTHxHEIGHT" "$TMP/err"'
run render --output "$TMP/x.png" --size 639x360
check "a picture narrower than 640 refused" '[ $? -eq 2 ] && grep -q "too small: pictures are at least 640x360" "$TMP/err"'
run render --output "$TMP/x.png" --size 640x359
check "a picture lower than 360 refused" '[ $? -eq 2 ] && grep -q "too small" "$TMP/err"'
run render --output "$TMP/x.png" --size 0x0
check "a picture of 0x0 refused" '[ $? -eq 2 ] && grep -q "WIDTHxHEIGHT" "$TMP/err"'
run render --step 3 --output "$TMP/min.png" --size 640x360
check "the smallest picture, 640x360" '[ $? -eq 0 ] && [ "$(png_size "$TMP/min.png")" = "640 360" ]'
rm -f "$TMP/min.png"
run render --frames "$TMP/f2" --fps 0
check "fps 0 refused" '[ $? -eq 2 ] && grep -q -- "--fps" "$TMP/err"'
run render
check "render without --output or --frames" '[ $? -eq 2 ] && grep -q "needs --output" "$TMP/err"'
run render --output /nonexistent-dir/x.png
check "unwritable folder refused" '[ $? -eq 1 ] && grep -q "Cannot write" "$TMP/err"'
check "nothing written for refused input" '[ ! -e "$TMP/x.png" ] && [ ! -e "$TMP/x.jpg" ] && [ ! -d "$TMP/f2" ]'

# A folder where a later frame exists: refused before anything is written,
# naming the file (it used to write frame 1, then fail)
mkdir "$TMP/f3"
echo keep >"$TMP/f3/frame-00002.png"
run render --frames "$TMP/f3" --duration 1
check "a later frame in the way is refused" '[ $? -eq 1 ] && grep -q "frame-00002.png exists" "$TMP/err"'
check "...and nothing was written" '[ "$(ls -A "$TMP/f3")" = "frame-00002.png" ] && [ "$(cat "$TMP/f3/frame-00002.png")" = keep ]'

# A tiny --speed makes more frames than an unsigned int holds: refused like 1e-7
for sp in 1e-7 1.58e-08 1e-300; do
  run render --frames "$TMP/f4" --speed $sp
  check "--speed $sp refused (too many frames)" '[ $? -eq 2 ] && grep -q "at most 100000" "$TMP/err" && [ ! -e "$TMP/f4" ]'
done

# Steps count from 1, as the app shows them: 0 and below are refused
run render --step -1 --output "$TMP/neg.png"
check "a negative --step is refused" '[ $? -eq 2 ] && grep -q "counts from 1" "$TMP/err" && [ ! -e "$TMP/neg.png" ]'
run render --step 0 --output "$TMP/neg.png"
check "--step 0 is refused" '[ $? -eq 2 ] && grep -q "counts from 1" "$TMP/err" && [ ! -e "$TMP/neg.png" ]'
# One numbering: render --step 14 is "Step 14" (the painter's badge is the same s + 1)
run render --step 14 --output "$TMP/s14.png" --size 1280x720
check "render --step 14 says step 14" '[ $? -eq 0 ] && grep -q "step 14 of" "$TMP/out"'
run handout --step -2 --output "$TMP/neg.png"
check "a negative handout page is refused" '[ $? -eq 2 ] && grep -q "not a page" "$TMP/err" && [ ! -e "$TMP/neg.png" ]'

# Stopped by a signal mid-way: the temporary file in progress is removed
# (SIGKILL cannot be caught; see iop-export.c). A background job of sh
# ignores SIGINT, so TERM and HUP stand for Ctrl-C here.
# Under nohup (SIGHUP ignored, and inherited so) render rightly keeps
# ignoring it: the HUP case is then skipped, as it says
hup_ignored=no
if [ -r /proc/$$/status ]; then
  ign=$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status)
  [ $(( 0x${ign:-0} & 1 )) -ne 0 ] && hup_ignored=yes
fi
for sig in TERM HUP; do
  if [ $sig = HUP ] && [ $hup_ignored = yes ]; then
    n=$((n + 1)); echo "ok $n - render stopped by SIGHUP # SKIP SIGHUP is ignored here (nohup)"
    n=$((n + 1)); echo "ok $n - render stopped by SIGHUP leaves no temporary file # SKIP SIGHUP is ignored here (nohup)"
    continue
  fi
  d="$TMP/killed-$sig"
  "$CLI" render --frames "$d" --fps 30 >/dev/null 2>&1 &
  pid=$!
  i=0
  # wait until the first frame is out, at most 60 s of polls: from then on
  # render is nearly always inside a frame (its temporary file). Waiting to
  # see the temporary file itself could miss it for a minute on a busy
  # machine, where it lives a few milliseconds between two polls.
  while [ $i -lt 600 ] && [ ! -e "$d/frame-00001.png" ]; do sleep 0.1; i=$((i + 1)); done
  kill -$sig $pid
  { wait $pid; } 2>/dev/null
  rc=$?
  check "render stopped by SIG$sig exits by that signal" '[ $rc -gt 128 ]'
  check "render stopped by SIG$sig leaves no temporary file" '[ -d "$d" ] && [ -z "$(ls -A "$d" | grep "^\.")" ]'
done

echo "1..$n"
exit $fail
