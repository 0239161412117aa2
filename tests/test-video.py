#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`iopath-cli render --video --captions`: a WebM and its captions.

What must hold:

  - the raid270 write at 1280x720 makes a WebM that GStreamer's discoverer
    reads as playable VP9 at 1280x720, lasting the steps at the app's 1x
    (1.5 steps a second: one step's time on the guest's request, then one
    per step) and the 4 s the outcome card holds at the end, within a frame;
  - the WebVTT and the SRT have one cue per step, at that step's time in
    the video, naming the step as the caption strip does; the last cue
    lasts while the outcome card holds, to the end of the video;
  - --hold 0 ends the video with the last step's own share;
  - bad arguments (extension, folder, missing H.264 encoder, an existing
    file) are refused with a message and a non-zero exit before any work,
    and nothing of the user's is overwritten;
  - Ctrl-C midway leaves neither the video nor its temporary file.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLI = os.environ.get("IOPATH_CLI")
SPEED = 1.5
HOLD = 4.0  # the outcome card at the end (render's default --hold)
FPS = 10   # a third of the default's frames keeps the test short
results = []


def check(ok, desc, detail=""):
    results.append((bool(ok), desc, detail))


def run(*args):
    return subprocess.run([CLI, "render", *args], capture_output=True, text=True)


def n_steps():
    out = subprocess.run([CLI, "trace", "--scenario", "raid270", "--op", "write"],
                         capture_output=True, text=True, check=True).stdout
    return int(re.search(r", (\d+) steps,", out).group(1))


def discover(path):
    p = subprocess.run(["gst-discoverer-1.0", path], capture_output=True, text=True, timeout=120)
    info = {"rc": p.returncode, "text": p.stdout + p.stderr}
    m = re.search(r"Duration: (\d+):(\d+):(\d+\.\d+)", p.stdout)
    if m:
        info["duration"] = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    for key in ("Width", "Height"):
        m = re.search(r"%s: (\d+)" % key, p.stdout)
        if m:
            info[key] = int(m.group(1))
    info["vp9"] = re.search(r"video #\d+: VP9", p.stdout) is not None
    info["webm"] = re.search(r"container( #\d+)?: WebM", p.stdout) is not None
    return info


def parse_cues(path, srt):
    text = open(path, encoding="utf-8").read()
    sep = "," if srt else r"\."
    stamp = r"(\d\d):(\d\d):(\d\d)%s(\d\d\d)" % sep
    cues = []
    for m in re.finditer(r"%s --> %s\n([^\n]+)\n" % (stamp, stamp), text):
        g = [int(x) for x in m.groups()[:8]]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        cues.append((start, end, m.group(9)))
    return text, cues


def check_cues(path, srt, n, hold=HOLD):
    kind = "SRT" if srt else "VTT"
    text, cues = parse_cues(path, srt)
    if not srt:
        check(text.startswith("WEBVTT\n"), "the VTT starts with WEBVTT")
    check(len(cues) == n, "%s: one cue per step (%d cues, %d steps)" % (kind, len(cues), n))
    bad = [i for i, (s, e, _) in enumerate(cues)
           if abs(s - (i + 1) / SPEED) > 0.0011
           or abs(e - (i + 2) / SPEED - (hold if i == n - 1 else 0)) > 0.0011]
    check(not bad, "%s: cue i runs from (i + 1) / 1.5 s to (i + 2) / 1.5 s, the last %g s longer" % (kind, hold),
          "off: %s" % bad[:5])
    named = all(c[2].startswith("Step %d of %d · " % (i + 1, n)) for i, c in enumerate(cues))
    check(named, "%s: each cue names its step as the caption strip does" % kind)
    return cues


def main():
    if not CLI:
        print("1..0 # SKIP IOPATH_CLI is not set")
        return 0
    if shutil.which("gst-discoverer-1.0") is None:
        print("1..0 # SKIP gst-discoverer-1.0 is not installed (Debian: gstreamer1.0-plugins-base-apps)")
        return 0
    tmp = tempfile.mkdtemp()
    try:
        body(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    for i, (ok, desc, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
        if not ok and detail:
            print("# " + detail.replace("\n", "\n# "))
    return 0 if all(ok for ok, _, _ in results) else 1


def body(tmp):
    n = n_steps()
    webm = os.path.join(tmp, "x.webm")
    vtt = os.path.join(tmp, "x.vtt")
    srt = os.path.join(tmp, "x.srt")
    t0 = time.monotonic()
    p = run("--scenario", "raid270", "--op", "write", "--video", webm, "--captions", vtt,
            "--size", "1280x720", "--fps", str(FPS))
    took = time.monotonic() - t0
    check(p.returncode == 0, "render --video x.webm --captions x.vtt (%.1f s)" % took, p.stderr[-2000:])
    check("Frame 1 of" in p.stderr and "(100 %)" in p.stderr, "progress on stderr", p.stderr[-500:])
    info = discover(webm)
    check(info["rc"] == 0, "the discoverer reads the WebM", info["text"][-1500:])
    check(info["webm"] and info["vp9"], "a WebM container with VP9 video", info["text"][-1500:])
    check(info.get("Width") == 1280 and info.get("Height") == 720, "1280x720")
    want = (n + 1) / SPEED + HOLD
    got = info.get("duration", -1)
    check(abs(got - want) <= 1.0 / FPS + 1e-3,
          "lasts the %d steps at 1x and the %g s hold: %.3f s, want %.3f s within a frame" % (n, HOLD, got, want))
    cues = check_cues(vtt, False, n)
    if cues:
        check(abs(cues[-1][1] - got) <= 1.0 / FPS + 1e-3, "the last cue ends with the video")

    # --hold 0: the last step gets its own share only (a small, fast video)
    short = os.path.join(tmp, "short.webm")
    short_vtt = os.path.join(tmp, "short.vtt")
    p = run("--scenario", "raid270", "--op", "write", "--video", short, "--captions", short_vtt,
            "--size", "640x360", "--fps", "2", "--hold", "0")
    check(p.returncode == 0, "render --hold 0", p.stderr[-2000:])
    got = discover(short).get("duration", -1)
    check(abs(got - (n + 1) / SPEED) <= 0.5 + 1e-3, "--hold 0 lasts the steps only: %.3f s" % got)
    check_cues(short_vtt, False, n, hold=0.0)
    p = run("--video", os.path.join(tmp, "h.webm"), "--hold", "61")
    check(p.returncode == 2 and "--hold" in p.stderr and not os.path.exists(os.path.join(tmp, "h.webm")),
          "--hold beyond 60 s is a usage error", p.stderr)

    p = run("--scenario", "raid270", "--op", "write", "--captions", srt)
    check(p.returncode == 0, "render --captions x.srt alone", p.stderr)
    check_cues(srt, True, n)

    # Refused before any work, nothing overwritten
    open(os.path.join(tmp, "keep.webm"), "wb").write(b"mine")
    p = run("--video", os.path.join(tmp, "keep.webm"))
    check(p.returncode == 1 and "already exists" in p.stderr, "an existing video is kept", p.stderr)
    check(open(os.path.join(tmp, "keep.webm"), "rb").read() == b"mine", "its content is untouched")
    p = run("--video", os.path.join(tmp, "x.avi"))
    check(p.returncode == 2 and ".webm" in p.stderr, "an unknown video extension is a usage error", p.stderr)
    p = run("--video", webm, "--captions", os.path.join(tmp, "x.txt"), "--force")
    check(p.returncode == 2 and ".vtt" in p.stderr, "an unknown captions extension is a usage error", p.stderr)
    p = run("--video", os.path.join(tmp, "no", "such", "x.webm"))
    check(p.returncode == 1 and "not writable" in p.stderr, "a folder that is not there is refused", p.stderr)
    p = run("--video", webm, "--output", os.path.join(tmp, "a.png"))
    check(p.returncode == 2, "--video and --output together are refused", p.stderr)
    p = run("--video", os.path.join(tmp, "x.mp4"))
    h264 = any(subprocess.run(["gst-inspect-1.0", e], capture_output=True).returncode == 0
               for e in ("x264enc", "openh264enc"))
    if h264:
        check(p.returncode == 0, "MP4 where an H.264 encoder is installed", p.stderr)
    else:
        check(p.returncode == 1 and "No H.264 encoder" in p.stderr and not os.path.exists(os.path.join(tmp, "x.mp4")),
              "MP4 without an H.264 encoder: a clear message, no file", p.stderr)

    # Ctrl-C midway: neither the video nor its temporary file stays
    out = os.path.join(tmp, "cut.webm")
    proc = subprocess.Popen([CLI, "render", "--video", out, "--size", "1280x720"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = False
    for line in proc.stderr:
        if line.startswith("Frame") and not line.startswith("Frame 1 of"):
            seen = True
            break
    temps = [f for f in os.listdir(tmp) if f.startswith(".cut.webm.")]
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=120)
    check(seen and temps, "the video is written under a temporary name (%s)" % temps)
    check(proc.returncode != 0, "Ctrl-C stops the render (exit %d)" % proc.returncode)
    left = [f for f in os.listdir(tmp) if f.startswith(".cut.webm.") or f == "cut.webm"]
    check(not left, "nothing is left after Ctrl-C", str(left))


if __name__ == "__main__":
    sys.exit(main())
