#!/bin/sh
# test-lesson-cli.sh: iopath-cli lesson check|render|export|list: exit codes, messages, files.
# The video part (render --video, export) needs gst-discoverer-1.0 and an
# iopath-cli built with GStreamer; it is skipped (a line says so) without.
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

# The frames end on the chapter's outcome card, held --hold seconds: with
# --fps 2 --speed 3 --hold 1 the chapter is 1 s (title) + 97/3 s + 1 s (the
# pause) + 1/3 s + 1 s
grep -q '^00:00:00.000 --> 00:00:35.667' "$TMP/r/chapters.vtt" && ok "the chapter lasts to the end of its outcome hold" \
  || { not_ok "the chapter lasts to the end of its outcome hold"; sed 's/^/# /' "$TMP/r/chapters.vtt"; }
# a caption per step as well as the note: 98 steps, the opening and the note
[ "$(grep -c -- '-->' "$TMP/r/captions.vtt")" -eq 100 ] && ok "a caption per step, the opening and the note" \
  || not_ok "a caption per step, the opening and the note ($(grep -c -- '-->' "$TMP/r/captions.vtt"))"

# --- render --video and export -------------------------------------------
video_ok=1
if ! command -v gst-discoverer-1.0 >/dev/null 2>&1; then
  echo "# skipped the video checks: gst-discoverer-1.0 is not installed (Debian: gstreamer1.0-plugins-base-apps)"
  video_ok=0
elif "$CLI" lesson render "$LESSONS/good-minimal.json" --video "$TMP/probe.webm" --size 640x360 --fps 1 --speed 10 --hold 0 2>&1 \
     | grep -q "without GStreamer"; then
  echo "# skipped the video checks: iopath-cli was built without GStreamer"
  video_ok=0
fi

# check_video FILE.webm CHAPTERS.vtt CAPTIONS LESSON FPS SPEED HOLD: the
# codec, size and duration against the lesson's length, one chapter cue per
# chapter at its time, the chapters marked in the WebM, the notes captioned
check_video () {
  gst-discoverer-1.0 -c "$1" >"$TMP/disc" 2>&1
  python3 - "$TMP/disc" "$2" "$3" "$4" "$5" "$6" "$7" "$CLI" <<'PY'
import json, re, subprocess, sys
disc, chapters, captions, lesson, fps, speed, hold, cli = sys.argv[1:]
fps, speed, hold = float(fps), float(speed), float(hold)
text = open(disc).read()
out = []
def check(cond, desc, detail=""):
    out.append((bool(cond), desc, detail))

data = json.load(open(lesson))
steps = json.loads(subprocess.run([cli, "lesson", "check", lesson, "--json"], capture_output=True,
                                  text=True, check=True).stdout)["chapters"]
# Each chapter: its opening (the title, knob changes and intro: at least
# 1 s, --hold with an intro), the steps at SPEED, HOLD at each pause, and
# the last step's share and HOLD with the outcome card
lengths = []
for c, s in zip(data["chapters"], steps):
    opening = max(hold, 1.0) if "intro" in c else 1.0
    lengths.append(opening + (s["steps"] - 1) / speed + len(s["pauses"]) * hold + 1 / speed + hold)
total = sum(lengths)

m = re.search(r"Duration: (\d+):(\d+):(\d+\.\d+)", text)
dur = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else -1
check("VP9" in text and re.search(r"container( #\d+)?: WebM", text), "a WebM with VP9 video", text[-800:])
check("Width: 640" in text and "Height: 360" in text, "640x360")
check(abs(dur - total) <= 1 / fps + 1e-3, "lasts the lesson: %.3f s, want %.3f s within a frame" % (dur, total))

stamp = r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)"
def secs(g):
    return int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000
cues = [(secs(m.groups()[:4]), secs(m.groups()[4:8]), m.group(9))
        for m in re.finditer(r"%s --> %s\n([^\n]+)\n" % (stamp, stamp), open(chapters).read())]
check(len(cues) == len(lengths), "one chapter cue per chapter (%d, want %d)" % (len(cues), len(lengths)))
start, bad = 0.0, []
for i, ((a, b, t), L, c) in enumerate(zip(cues, lengths, data["chapters"])):
    if abs(a - start) > 0.0011 or abs(b - (start + L)) > 0.0011 or t != "Chapter %d: %s" % (i + 1, c["title"]):
        bad.append((i, a, b, t, start, start + L))
    start += L
check(not bad, "each chapter cue at its chapter's time, with its title", str(bad))

# the chapters as Matroska chapters in the WebM (GstToc)
toc = re.findall(r"chapter: start: (\d+):(\d+):(\d+\.\d+) stop: (\d+):(\d+):(\d+\.\d+)", text)
check(len(toc) == len(lengths), "the WebM marks %d chapters (want %d)" % (len(toc), len(lengths)), text[:1500])
toc_bad = [i for i, g in enumerate(toc)
           if abs(int(g[0]) * 3600 + int(g[1]) * 60 + float(g[2]) - cues[i][0]) > 0.002] if len(toc) == len(cues) else []
check(not toc_bad, "the WebM's chapters start where the WebVTT's do", str(toc_bad))
check(all(("title: Chapter %d: %s" % (i + 1, c["title"])) in text for i, c in enumerate(data["chapters"])),
      "the WebM's chapters carry their titles")

caps = open(captions).read()
notes = [p["note"] for c in data["chapters"] for p in c.get("pauses", [])]
check(all(n.split("\n")[0][:60] in caps for n in notes), "every speaker note is a caption")
check(caps.count(" --> ") >= sum(s["steps"] for s in steps), "a caption for every step")
for ok_, desc, detail in out:
    print(("ok" if ok_ else "not ok") + " - " + desc)
    if not ok_ and detail:
        print("# " + detail.replace("\n", "\n# "))
PY
}

if [ "$video_ok" -eq 1 ]; then
  # A shipped lesson at a small size and 2 frames a second stays quick
  V="$TMP/v"; mkdir -p "$V"
  expect 0 "lesson render write-memory --video" "" -- lesson render write-memory --video "$V/wm.webm" \
    --captions "$V/wm.vtt" --chapters "$V/wm-chapters.vtt" --size 640x360 --fps 2
  grep -q "3 chapters (marked in the file)" "$TMP/out" && ok "render says the chapters are marked" || not_ok "render says the chapters are marked"
  check_video "$V/wm.webm" "$V/wm-chapters.vtt" "$V/wm.vtt" "$SHIPPED/write-memory.json" 2 1.5 4 >"$TMP/checks"
  while read -r line; do
    case "$line" in
      ok*) ok "${line#ok - }" ;;
      "not ok"*) not_ok "${line#not ok - }" ;;
      *) echo "$line" ;;
    esac
  done <"$TMP/checks"

  # SRT captions; --hold changes the length
  expect 0 "render --captions x.srt alone" "" -- lesson render "$LESSONS/good-minimal.json" --captions "$V/m.srt" --speed 3 --hold 2
  grep -q '^00:00:02,000 --> 00:00:04,000' "$V/m.srt" && ok "SRT: the note holds 2 s at its pause" || { not_ok "SRT: the note holds 2 s at its pause"; head -30 "$V/m.srt" | sed 's/^/# /'; }

  # Bad arguments: a clear message, exit 2 (1 for files), nothing written
  expect 2 "render --video x.avi" ".webm" -- lesson render write-memory --video "$V/x.avi"
  expect 2 "render --chapters x.srt" "must end in .vtt" -- lesson render write-memory --video "$V/y.webm" --chapters "$V/y.srt"
  expect 2 "the same file twice" "named twice" -- lesson render write-memory --video "$V/y.webm" --captions "$V/y.vtt" --chapters "$V/y.vtt"
  expect 2 "--fps 2.5 for a video" "whole number" -- lesson render write-memory --video "$V/y.webm" --fps 2.5
  expect 2 "an odd size for a video" "even" -- lesson render write-memory --video "$V/y.webm" --size 641x360
  expect 2 "--frames and --video together" "render needs" -- lesson render write-memory --video "$V/y.webm" --frames "$V/f"
  expect 1 "a video into a missing folder" "not writable" -- lesson render write-memory --video "$V/no/such/y.webm"
  sum=$(md5sum <"$V/wm.webm")
  expect 1 "render --video keeps an existing file" "already exists" -- lesson render write-memory --video "$V/wm.webm" --size 640x360 --fps 2
  [ "$(md5sum <"$V/wm.webm")" = "$sum" ] && ok "the existing video is untouched" || not_ok "the existing video is untouched"
  [ -z "$(ls "$V" | grep '^y\.')" ] && ok "no file of a refused render" || not_ok "no file of a refused render: $(ls "$V")"

  # Export: the four files in one go
  E="$TMP/export"
  expect 0 "lesson export good-minimal" "" -- lesson export "$LESSONS/good-minimal.json" --dir "$E" --size 640x360 --fps 2 --speed 3 --hold 1
  for f in t.webm t.vtt t-chapters.vtt t-handout.pdf; do
    [ -s "$E/$f" ] && ok "export wrote $f" || not_ok "export wrote $f"
  done
  head -c 4 "$E/t-handout.pdf" | grep -q '%PDF' && ok "the handout is a PDF" || not_ok "the handout is a PDF"
  if command -v pdfinfo >/dev/null 2>&1; then
    # the lesson's title, the chapter's page, its one pause, its outcome
    [ "$(pdfinfo "$E/t-handout.pdf" | sed -n 's/^Pages: *//p')" = 4 ] && ok "the handout has 4 pages" || not_ok "the handout has 4 pages"
  fi
  cmp -s "$E/t-chapters.vtt" "$TMP/r/chapters.vtt" && ok "export's chapters are render's" || not_ok "export's chapters are render's"
  [ -z "$(ls -A "$E" | grep '^\.')" ] && ok "no temporary files after export" || not_ok "no temporary files after export"
  sum=$(md5sum <"$E/t.vtt")
  expect 1 "export keeps existing files" "already exists" -- lesson export "$LESSONS/good-minimal.json" --dir "$E" --size 640x360 --fps 2
  [ "$(md5sum <"$E/t.vtt")" = "$sum" ] && ok "the exported files are untouched" || not_ok "the exported files are untouched"
  expect 0 "export --force replaces them" "" -- lesson export "$LESSONS/good-minimal.json" --dir "$E" --size 640x360 --fps 2 --speed 3 --hold 1 --force
  expect 2 "export without --dir" "--dir" -- lesson export write-memory
  expect 2 "export with --video" "names its files itself" -- lesson export write-memory --dir "$E" --video "$E/x.webm"
  : >"$TMP/a-file"
  expect 1 "export into a file" "is not a folder" -- lesson export write-memory --dir "$TMP/a-file"
  expect 1 "export of a broken lesson" "step 5000 is beyond" -- lesson export "$LESSONS/step-beyond.json" --dir "$TMP/broken"
  [ ! -e "$TMP/broken" ] && ok "nothing of a broken lesson, not even its folder" || not_ok "nothing of a broken lesson: $(ls -A "$TMP/broken")"
  chmod a-w "$TMP/a-file"; mkdir -p "$TMP/ro"; chmod a-w "$TMP/ro"
  if [ -w "$TMP/ro" ]; then
    echo "# skipped the read-only folder check: running as a user that writes anyway (root)"
  else
    expect 1 "export into a read-only folder" "not writable" -- lesson export write-memory --dir "$TMP/ro/sub"
  fi

  # Ctrl-C midway: neither the video nor its temporary file stays (a
  # background job of sh ignores SIGINT, so python starts it)
  C="$TMP/cut"; mkdir -p "$C"
  python3 - "$CLI" "$C" <<'PY' >"$TMP/checks"
import os, signal, subprocess, sys, time
cli, d = sys.argv[1:]
proc = subprocess.Popen([cli, "lesson", "render", "write-memory", "--video", os.path.join(d, "cut.webm"),
                         "--size", "1280x720"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seen = False
for line in proc.stderr:
    if line.startswith("Frame"):
        seen = True
        break
temps = [f for f in os.listdir(d) if f.startswith(".cut.webm.")]
proc.send_signal(signal.SIGINT)
proc.wait(timeout=120)
print(("ok" if seen and temps else "not ok") + " - the video is written under a temporary name (%s)" % temps)
print(("ok" if proc.returncode != 0 else "not ok") + " - Ctrl-C stops the render (exit %d)" % proc.returncode)
left = os.listdir(d)
print(("ok" if not left else "not ok") + " - nothing is left after Ctrl-C %s" % left)
PY
  while read -r line; do
    case "$line" in
      ok*) ok "${line#ok - }" ;;
      "not ok"*) not_ok "${line#not ok - }" ;;
    esac
  done <"$TMP/checks"
fi

echo "1..$n"
exit $fail
