#!/usr/bin/env python3
# test-flatpak.py: the Flatpak manifest is valid JSON, names the project's app
# ID, command and SPDK tag, keeps to a plain GUI app's permissions, and its
# meson module's options are ones this project's meson accepts.
# SPDX-License-Identifier: GPL-3.0-or-later
import json, os, re, subprocess, sys, tempfile

root = os.environ["IOPATH_SOURCE_ROOT"]
n = 0
failed = False

def check(ok, what):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what))
    failed |= not ok

meson = open(os.path.join(root, "meson.build")).read()
app_id = re.search(r"app_id = '([^']+)'", meson).group(1)
tag = re.search(r"spdk_tags = \['([^']+)'", meson).group(1)
path = os.path.join(root, "flatpak", app_id + ".json")
check(os.path.exists(path), "the manifest is flatpak/%s.json" % app_id)
m = json.load(open(path))
check(m.get("id") == app_id, "its id is the project's app ID")
check(m.get("command") == "iopath", "its command is iopath")
check(m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk", "it builds on the GNOME runtime")
check(sorted(m.get("finish-args", [])) == sorted(["--device=dri", "--share=ipc", "--socket=fallback-x11", "--socket=wayland"]),
      "finish-args are a plain GUI app's, no filesystem access")
mods = m.get("modules", [])
spdk = [x for x in mods if x.get("name") == "spdk-sources"]
check(len(spdk) == 1 and spdk[0]["sources"][0].get("tag") == tag, "the SPDK sources module pins tag %s" % tag)
app = mods[-1] if mods else {}
check(app.get("name") == "iopath" and app.get("buildsystem") == "meson", "the app module, last, builds with meson")
opts = app.get("config-opts", [])
check(any(o == "-Dbundled_spdk_dir=/app/share/iopath/spdk-%s" % tag for o in opts), "the app is told where the bundled sources are")
# The options are accepted by this project's meson
with tempfile.TemporaryDirectory() as d:
    args = [o for o in opts if o != "-Dapp=true"] + ["-Dapp=false"]
    r = subprocess.run(["meson", "setup", d + "/b", root] + args, capture_output=True, text=True)
    check(r.returncode == 0, "meson setup accepts the module's config-opts" + ("" if r.returncode == 0 else ": " + r.stdout[-300:] + r.stderr[-300:]))
print("1..%d" % n)
sys.exit(1 if failed else 0)
