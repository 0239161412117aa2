#!/bin/sh
# Installs the Debian 12 packages Iopath needs to build, test and run, when
# they are missing. Safe to run again: it only installs what is absent.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

PACKAGES="meson ninja-build pkg-config gcc libc6-dev gettext
libglib2.0-dev libglib2.0-bin libjson-glib-dev
libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-good
gstreamer1.0-plugins-base-apps gstreamer1.0-tools
desktop-file-utils appstream
xvfb xauth dbus dbus-x11 python3
x11-utils xdotool
clang libclang-rt-14-dev llvm"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "error: need root or sudo to install:$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || echo "warning: apt-get update failed; trying with the package lists we have" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
