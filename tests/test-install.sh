#!/bin/sh
# test-install.sh: meson install into a temporary DESTDIR puts every file
# where the freedesktop standards expect it, and the installed CLI runs from
# its install prefix.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BUILD=${IOPATH_BUILD_ROOT:?}
PREFIX=${IOPATH_PREFIX:?}
APP_ID=${IOPATH_APP_ID:?}
WITH_APP=${IOPATH_WITH_APP:-false}
DEST=$(mktemp -d)
trap 'rm -rf "$DEST"' EXIT
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
has () { if [ -e "$DEST$PREFIX/$1" ]; then ok "installs $1"; else not_ok "installs $1"; fi; }

if meson install -C "$BUILD" --destdir "$DEST" --no-rebuild --quiet >"$DEST.log" 2>&1; then
  ok "meson install --destdir"
else
  not_ok "meson install --destdir"; sed 's/^/# /' "$DEST.log"
fi
rm -f "$DEST.log"

has bin/iopath-cli
has share/iopath/scenarios/raid270.json
has share/iopath/scenarios/realrun-tcp.json
has share/iopath/comparisons/small-bdev-io-cache.json
if [ "$WITH_APP" = "true" ]; then
  has bin/iopath
  has share/applications/$APP_ID.desktop
  has share/metainfo/$APP_ID.metainfo.xml
  has share/glib-2.0/schemas/$APP_ID.gschema.xml
  has share/icons/hicolor/scalable/apps/$APP_ID.svg
  has share/icons/hicolor/symbolic/apps/$APP_ID-symbolic.svg
  if grep -qx de "${IOPATH_SOURCE_ROOT:?}/po/LINGUAS" 2>/dev/null; then
    has share/locale/de/LC_MESSAGES/iopath.mo
  fi
fi

# The installed CLI runs from its prefix, with nothing of the build tree
out=$(env -i PATH=/usr/bin:/bin HOME="$DEST" "$DEST$PREFIX/bin/iopath-cli" trace --scenario raid270 --json 2>&1)
if printf '%s' "$out" | grep -q '"spdk_tag" : "v26.01"'; then ok "the installed iopath-cli traces raid270"; else not_ok "the installed iopath-cli traces raid270"; printf '%s\n' "$out" | head -5 | sed 's/^/# /'; fi
out=$(env -i PATH=/usr/bin:/bin HOME="$DEST" "$DEST$PREFIX/bin/iopath-cli" trace --scenario "$DEST$PREFIX/share/iopath/scenarios/spdk-defaults.json" 2>&1)
if printf '%s' "$out" | grep -q "Scenario spdk-defaults"; then ok "the installed scenario files load"; else not_ok "the installed scenario files load"; fi
out=$(env -i PATH=/usr/bin:/bin HOME="$DEST" "$DEST$PREFIX/bin/iopath-cli" compare "$DEST$PREFIX/share/iopath/comparisons/small-bdev-io-cache.json" 2>&1)
if printf '%s' "$out" | grep -q "bdev_io mempool"; then ok "the installed comparison file runs"; else not_ok "the installed comparison file runs"; printf '%s\n' "$out" | head -5 | sed 's/^/# /'; fi

echo "1..$n"
exit $fail
