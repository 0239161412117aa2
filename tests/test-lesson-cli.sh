#!/bin/sh
# test-lesson-cli.sh: iopath-cli lesson check|render|list: exit codes, messages, files.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${IOPATH_CLI:?}
LESSONS=${IOPATH_TESTS_DIR:?}/lessons
SHIPPED=${IOPATH_TESTS_DIR:?}/../data/lessons
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

for id in write-memory small-caches dying-path; do
  expect 0 "lesson check $id (built in)" "" -- lesson check "$id"
  expect 0 "lesson check $id.json (file)" "" -- lesson check "$SHIPPED/$id.json"
done
grep -q "plays as written" "$TMP/out" && ok "check says the lesson plays" || not_ok "check says the lesson plays"

expect 0 "lesson list" "" -- lesson list
[ "$(wc -l <"$TMP/out")" -eq 3 ] && ok "three lessons listed" || not_ok "three lessons listed"

expect 1 "unknown knob refused" "chapters[0].set[0]: bdev_set_options.no_such_knob=1" -- lesson check "$LESSONS/unknown-knob.json"
expect 1 "step beyond the trace refused" "chapters[0].pauses[0].step: step 5000 is beyond" -- lesson check "$LESSONS/step-beyond.json"
expect 1 "value out of range refused" "chapters[0].set[0]: " -- lesson check "$LESSONS/out-of-range.json"
expect 1 "broken JSON refused" "bad-json.json:1:" -- lesson check "$LESSONS/bad-json.json"
expect 1 "missing file refused" "no-such-file.json" -- lesson check "$TMP/no-such-file.json"
expect 1 "a folder refused" "" -- lesson check "$TMP/"
expect 1 "unknown built-in refused" "No lesson" -- lesson check no-such-lesson
expect 2 "no subcommand" "use check FILE" -- lesson
expect 2 "check without a file" "use check FILE" -- lesson check
expect 2 "render without --frames" "--frames" -- lesson render write-memory
expect 2 "bad --fps" "--fps" -- lesson render write-memory --frames "$TMP/f" --fps 0

expect 0 "lesson check --json" "" -- lesson check small-caches --json
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["id"] == "small-caches" and len(d["chapters"]) == 4
assert d["chapters"][1]["pauses"] == [9, 13, 85, 89, 93], d["chapters"][1]
PY
then ok "check --json lists chapters and pauses"; else not_ok "check --json lists chapters and pauses"; fi

# Render: frames, captions with the notes at their pauses, one chapter cue per chapter
expect 0 "lesson render" "" -- lesson render "$LESSONS/good-minimal.json" --frames "$TMP/r" --size 640x360 --fps 2 --speed 3 --hold 1
frames=$(ls "$TMP/r" | grep -c '^frame-.*\.png$')
[ "$frames" -gt 10 ] && ok "render wrote $frames frames" || not_ok "render wrote frames ($frames)"
head -1 "$TMP/r/captions.vtt" | grep -q '^WEBVTT' && ok "captions.vtt is WebVTT" || not_ok "captions.vtt is WebVTT"
grep -q -- '-->' "$TMP/r/captions.vtt" && grep -qx 'n' "$TMP/r/captions.vtt" && ok "the note is a caption" || not_ok "the note is a caption"
[ "$(grep -c -- '-->' "$TMP/r/chapters.vtt")" -eq 1 ] && grep -q 'Chapter 1: a' "$TMP/r/chapters.vtt" && ok "one chapter cue" || not_ok "one chapter cue"
# step 3 at 3 steps a second after the 1 s title hold: 00:00:02.000
grep -q '^00:00:02.000 --> 00:00:03.000' "$TMP/r/captions.vtt" && ok "the caption starts at its pause" || { not_ok "the caption starts at its pause"; sed 's/^/# /' "$TMP/r/captions.vtt"; }
sum1=$(cat "$TMP/r/frame-00001.png" | md5sum)
expect 1 "render refuses to overwrite" "nothing was written" -- lesson render "$LESSONS/good-minimal.json" --frames "$TMP/r" --size 640x360 --fps 2 --speed 3 --hold 1
[ "$(cat "$TMP/r/frame-00001.png" | md5sum)" = "$sum1" ] && ok "the frames are untouched" || not_ok "the frames are untouched"
expect 0 "render --force replaces" "" -- lesson render "$LESSONS/good-minimal.json" --frames "$TMP/r" --size 640x360 --fps 2 --speed 3 --hold 1 --force

echo "1..$n"
exit $fail
