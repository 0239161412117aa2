#!/usr/bin/env python3
# bench-startup.py: how long Iopath takes to show its window, beside GNOME Text Editor
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints figures and a verdict, asserts nothing. Both applications run in the
# same Xvfb, one after the other, interleaved (the order swapped on every
# round), so a busy machine slows both alike. The time is exec to the
# MapNotify of the first top-level window (bench/first-window.c,
# event-driven); first-window also reads how much CPU time the application's
# threads had used by then, a figure other processes disturb much less.
# Iopath also prints the draw time of its first canvas frame
# (IOPATH_BENCH_FRAMES). The goal (issue 15): the first window no slower
# than Text Editor's, the first canvas frame under 16 ms.
#
# Both get a D-Bus session bus of their own (a private dbus-daemon), as in
# any desktop session. Without one (--no-session-bus), GLib "autolaunches":
# every D-Bus user runs dbus-launch to find the X display's bus, which
# Iopath, a single-instance application, does while registering, before its
# window, and Text Editor (--standalone, so that no earlier instance takes
# the window) does off its main path.
#
#   python3 bench/bench-startup.py [--runs 7] [--build build] [--display N] [--no-session-bus]
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FRAME_BUDGET_MS = 16.0


def start_xvfb(number=None):
    if number is not None and os.path.exists(f"/tmp/.X11-unix/X{number}"):
        return None, f":{number}"       # a server already runs there: use it
    for n in ([number] if number is not None else range(140, 180)):
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
    """(wall ms, cpu ms or None, stderr), or (None, None, why)"""
    out = subprocess.run([first_window, wm_class, "30"] + cmd, env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None, None, out.stderr.strip()
    cpu = re.search(r"first-window: cpu ([0-9.]+) ms", out.stderr)
    return float(out.stdout.strip().splitlines()[-1]), float(cpu.group(1)) if cpu else None, out.stderr


def row(name, walls, cpus):
    if not walls:
        return f"  {name:18} not measured"
    cpu = f"{statistics.median(cpus):7.1f} ms" if cpus else "      -"
    return (f"  {name:18} {statistics.median(walls):7.1f} ms  ({min(walls):6.1f} - {max(walls):6.1f})"
            f"      {cpu}")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--build", default="build")
    ap.add_argument("--display", type=int, default=None,
                    help="X display number: an X server already running there, or a new Xvfb on it "
                         "(default: a new Xvfb on the first free number from :140)")
    ap.add_argument("--no-session-bus", action="store_true",
                    help="no private D-Bus session bus: GLib autolaunches one through the X display")
    args = ap.parse_args()

    first_window = os.path.join(args.build, "bench", "first-window")
    iopath = os.path.join(args.build, "src", "app", "iopath")
    for path in (first_window, iopath):
        if not os.access(path, os.X_OK):
            sys.exit(f"bench-startup: {path} is missing; build first (ninja -C {args.build})")
    editor = shutil.which("gnome-text-editor")
    if shutil.which("Xvfb") is None:
        sys.exit("bench-startup: Xvfb is missing (apt install xvfb)")

    xvfb, display = start_xvfb(args.display)
    home = tempfile.mkdtemp(prefix="iopath-bench-home-")
    env = dict(os.environ, DISPLAY=display, GSETTINGS_BACKEND="memory", HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, ".config"),
               XDG_DATA_HOME=os.path.join(home, ".local/share"),
               XDG_CACHE_HOME=os.path.join(home, ".cache"),
               GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("WAYLAND_DISPLAY", None)
    bus = None
    if not args.no_session_bus and shutil.which("dbus-daemon"):
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    iop_env = dict(env, GSETTINGS_SCHEMA_DIR=os.path.join(args.build, "src", "app"),
                   IOPATH_LOCALEDIR=os.path.join(args.build, "po"), IOPATH_BENCH_FRAMES="1",
                   FIRST_WINDOW_LINGER_MS="1000")
    apps = {
        "Iopath": ("iopath", [iopath], iop_env),
        "GNOME Text Editor": ("text-editor", [editor, "--standalone"], env) if editor else None,
    }
    walls = {name: [] for name in apps}
    cpus = {name: [] for name in apps}
    pairs = []
    frames = []
    load_before = os.getloadavg()[0]
    try:
        # one warm-up each: the first exec of a binary pays for the page cache
        for app in apps.values():
            if app:
                one_run(first_window, *app)
        for i in range(args.runs):
            order = ["Iopath", "GNOME Text Editor"]
            if i % 2:
                order.reverse()
            this = {}
            for name in order:
                if apps[name] is None:
                    continue
                wall, cpu, err = one_run(first_window, *apps[name])
                if wall is None:
                    if name == "Iopath":
                        sys.exit(f"bench-startup: Iopath did not show a window: {err}")
                    continue
                this[name] = wall
                walls[name].append(wall)
                if cpu is not None:
                    cpus[name].append(cpu)
                if name == "Iopath":
                    frames += [float(m) for m in re.findall(r"frame 1 drawn in ([0-9.]+) ms", err)]
            if len(this) == 2:
                pairs.append(this["Iopath"] / this["GNOME Text Editor"])
    finally:
        if bus is not None:
            bus.kill()
        if xvfb is not None:
            xvfb.kill()
        shutil.rmtree(home, ignore_errors=True)
    load_after = os.getloadavg()[0]

    print(f"exec to first window under Xvfb {display}, {args.runs} interleaved runs each, "
          f"{'a private session bus' if bus else 'no session bus (autolaunched)'} "
          f"(load average {load_before:.1f} before, {load_after:.1f} after, {os.cpu_count()} CPUs)")
    print(f"  {'':18} wall: median   (min - max)           CPU used by then: median")
    for name in apps:
        if apps[name] is None:
            print(f"  {name:18} not measured (gnome-text-editor is not installed)")
        else:
            print(row(name, walls[name], cpus[name]))
    ratio = None
    if pairs:
        ratio = statistics.median(pairs)
        cpu_ratio = (statistics.median(cpus["Iopath"]) / statistics.median(cpus["GNOME Text Editor"])
                     if cpus["Iopath"] and cpus["GNOME Text Editor"] else None)
        print(f"  Iopath / Text Editor: wall {ratio:.2f}x (median of the {len(pairs)} runs' ratios), "
              f"medians {statistics.median(walls['Iopath']) / statistics.median(walls['GNOME Text Editor']):.2f}x"
              + (f", CPU {cpu_ratio:.2f}x" if cpu_ratio else ""))
    frame = statistics.median(frames) if frames else None
    if frames:
        print(f"  Iopath first canvas frame: median {frame:.2f} ms, max {max(frames):.2f} ms ({len(frames)} runs)")

    if ratio is None:
        window = "first window: not compared (GNOME Text Editor was not measured)"
    elif ratio <= 1.0:
        window = f"first window no slower than GNOME Text Editor's ({ratio:.2f}x)"
    else:
        window = f"first window SLOWER than GNOME Text Editor's ({ratio:.2f}x)"
    if frame is None:
        first = "first canvas frame: not measured"
    elif frame < FRAME_BUDGET_MS:
        first = f"first canvas frame under {FRAME_BUDGET_MS:.0f} ms ({frame:.1f} ms)"
    else:
        first = f"first canvas frame OVER {FRAME_BUDGET_MS:.0f} ms ({frame:.1f} ms)"
    ok = ratio is not None and ratio <= 1.0 and frame is not None and frame < FRAME_BUDGET_MS
    print(f"Verdict: {'goal met' if ok else 'goal not met'}: {window}; {first}.")


if __name__ == "__main__":
    main()
