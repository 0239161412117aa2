#!/usr/bin/env python3
# bench-startup.py: how long Iopath takes to show its window, beside GNOME Text Editor
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints figures, asserts nothing. Both applications run in the same Xvfb, one
# after the other, interleaved (Iopath, Text Editor, Iopath, ...), so a busy
# machine slows both alike. The time is exec to the MapNotify of the first
# top-level window (bench/first-window.c, event-driven). Iopath also prints the
# draw time of its first canvas frames (IOPATH_BENCH_FRAMES).
#
#   python3 bench/bench-startup.py [--runs 7] [--build build]
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def start_xvfb():
    for n in range(140, 180):
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-ac", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                return proc, f":{n}"
            time.sleep(0.05)
        proc.kill()
    sys.exit("bench-startup: could not start Xvfb")


def one_run(first_window, wm_class, cmd, env):
    out = subprocess.run([first_window, wm_class, "30"] + cmd, env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None, out.stderr.strip()
    return float(out.stdout.strip().splitlines()[-1]), out.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--build", default="build")
    args = ap.parse_args()

    first_window = os.path.join(args.build, "bench", "first-window")
    iopath = os.path.join(args.build, "src", "app", "iopath")
    for path in (first_window, iopath):
        if not os.access(path, os.X_OK):
            sys.exit(f"bench-startup: {path} is missing; build first (ninja -C {args.build})")
    editor = shutil.which("gnome-text-editor")
    if shutil.which("Xvfb") is None:
        sys.exit("bench-startup: Xvfb is missing (apt install xvfb)")

    xvfb, display = start_xvfb()
    home = tempfile.mkdtemp(prefix="iopath-bench-home-")
    env = dict(os.environ, DISPLAY=display, GSETTINGS_BACKEND="memory", HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, ".config"),
               XDG_DATA_HOME=os.path.join(home, ".local/share"),
               XDG_CACHE_HOME=os.path.join(home, ".cache"),
               GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("WAYLAND_DISPLAY", None)
    iop_env = dict(env, GSETTINGS_SCHEMA_DIR=os.path.join(args.build, "src", "app"),
                   IOPATH_LOCALEDIR=os.path.join(args.build, "po"), IOPATH_BENCH_FRAMES="3",
                   FIRST_WINDOW_LINGER_MS="1500")
    times = {"Iopath": [], "GNOME Text Editor": []}
    frames = []
    try:
        # one warm-up each: the first exec of a binary pays for the page cache
        one_run(first_window, "iopath", [iopath], iop_env)
        if editor:
            one_run(first_window, "text-editor", [editor, "--standalone"], env)
        for _ in range(args.runs):
            t, err = one_run(first_window, "iopath", [iopath], iop_env)
            if t is None:
                sys.exit(f"bench-startup: Iopath did not show a window: {err}")
            times["Iopath"].append(t)
            frames += [float(m) for m in re.findall(r"frame 1 drawn in ([0-9.]+) ms", err)]
            if editor:
                t, err = one_run(first_window, "text-editor", [editor, "--standalone"], env)
                if t is not None:
                    times["GNOME Text Editor"].append(t)
    finally:
        xvfb.kill()
        shutil.rmtree(home, ignore_errors=True)

    load = os.getloadavg()[0]
    print(f"exec to first window under Xvfb, {args.runs} interleaved runs each (load average {load:.1f})")
    for name, ts in times.items():
        if ts:
            print(f"  {name:18} median {statistics.median(ts):7.1f} ms   min {min(ts):7.1f}   max {max(ts):7.1f}")
        else:
            print(f"  {name:18} not measured (gnome-text-editor is not installed)")
    if times["GNOME Text Editor"]:
        ratio = statistics.median(times["Iopath"]) / statistics.median(times["GNOME Text Editor"])
        print(f"  Iopath / Text Editor: {ratio:.2f}x")
    if frames:
        print(f"  Iopath first canvas frame: median {statistics.median(frames):.2f} ms  "
              f"max {max(frames):.2f} ms  ({len(frames)} runs)")


if __name__ == "__main__":
    main()
