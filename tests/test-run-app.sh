#!/bin/sh
# test-run-app.sh: the README's first command, ./tools/run-app, exactly as
# written, from a clean copy of the source tree with nothing built: it sets
# up, builds and opens the window, which maps and survives resizing. Then the
# app built there, run where no settings schema can be found at all: it says
# so on stderr and opens all the same (settings in memory).
# Needs an X display (meson runs it under xvfb-run) and xwininfo (x11-utils);
# xdotool (for the resizing) is optional.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
SRC=${IOPATH_SOURCE_ROOT:?}
n=0
fail=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

if [ -z "${DISPLAY:-}" ] || ! command -v xwininfo >/dev/null 2>&1; then
  echo "1..0 # SKIP needs an X display and xwininfo (x11-utils)"
  exit 0
fi

TMP=$(mktemp -d)
app=""
stop_app () {
  if [ -n "$app" ]; then
    kill -- "-$app" 2>/dev/null
    i=0
    while kill -0 "$app" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 -- "-$app" 2>/dev/null
    app=""
  fi
}
trap 'stop_app; rm -rf "$TMP"' EXIT

# The id of the main window once it is mapped and viewable; waits up to $1
# seconds (the first run builds everything), and stops early if the app dies
wait_window () {
  i=0
  while [ $i -lt "$1" ]; do
    kill -0 "$app" 2>/dev/null || return 2
    id=$(xwininfo -root -tree 2>/dev/null | grep -F '"Iopath — ' | awk '{ print $1; exit }')
    if [ -n "$id" ] && xwininfo -id "$id" 2>/dev/null | grep -q "Map State: IsViewable"; then
      echo "$id"
      return 0
    fi
    sleep 1
    i=$((i + 1))
  done
  return 1
}

# Resizes window $1 to $2x$3 and waits until X has it at height $3 (the width
# may be clamped to the window's minimum); the app must still be there
resize () {
  xdotool windowsize "$1" "$2" "$3" || return 1
  i=0
  while [ $i -lt 100 ]; do
    kill -0 "$app" 2>/dev/null || return 2
    if xwininfo -id "$1" 2>/dev/null | grep -q "Height: $3\$"; then
      sleep 1   # a frame or two at the new size
      kill -0 "$app" 2>/dev/null && xwininfo -id "$1" | grep -q "IsViewable"
      return $?
    fi
    sleep 0.2
    i=$((i + 1))
  done
  return 1
}

# --- a clean copy: the files git knows (tracked and new), no build folder ----
mkdir "$TMP/src"
if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$SRC" && git ls-files -z --cached --others --exclude-standard |
     xargs -0 sh -c 'for f; do [ -e "$f" ] && cp -P --parents "$f" "$0"; done' "$TMP/src")
else
  (cd "$SRC" && tar --exclude='./build*' --exclude=./_build -cf - .) | (cd "$TMP/src" && tar xf -)
fi
if [ -x "$TMP/src/tools/run-app" ] && [ ! -e "$TMP/src/build" ]; then
  ok "a clean copy of the source tree, nothing built"
else
  not_ok "a clean copy of the source tree, nothing built"
fi

# --- the README's first command, as written --------------------------------
# (the environment of a new user: no schema folder of the tests' own)
cd "$TMP/src" || exit 1
env -u GSETTINGS_SCHEMA_DIR setsid ./tools/run-app >"$TMP/run-app.log" 2>&1 &
app=$!
id=$(wait_window 1500)
case $? in
  0) ok "./tools/run-app builds and the window maps" ;;
  2) not_ok "./tools/run-app builds and the window maps: it exited"; sed 's/^/# /' "$TMP/run-app.log" | tail -40 ;;
  *) not_ok "./tools/run-app builds and the window maps: no window"; sed 's/^/# /' "$TMP/run-app.log" | tail -40 ;;
esac
if grep -q "is not installed" "$TMP/run-app.log"; then
  not_ok "the settings schema is found in the build tree"; grep "is not installed" "$TMP/run-app.log" | sed 's/^/# /'
else
  ok "the settings schema is found in the build tree"
fi
if [ -z "$id" ]; then
  skip "resized to 900x600" "no window"
  skip "resized to 1280x720" "no window"
elif ! command -v xdotool >/dev/null 2>&1; then
  skip "resized to 900x600" "xdotool is not installed"
  skip "resized to 1280x720" "xdotool is not installed"
else
  resize "$id" 900 600 && ok "resized to 900x600, the window stays" || not_ok "resized to 900x600, the window stays"
  resize "$id" 1280 720 && ok "resized to 1280x720, the window stays" || not_ok "resized to 1280x720, the window stays"
fi
stop_app

# --- no schema anywhere: said on stderr, settings in memory, window up -------
if [ -x build/src/app/iopath ]; then
  mkdir -p "$TMP/empty"
  env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS=/usr/share XDG_DATA_HOME="$TMP/empty" \
    setsid ./build/src/app/iopath >"$TMP/no-schema.log" 2>&1 &
  app=$!
  if wait_window 120 >/dev/null; then
    ok "with no schema to be found, the window still maps"
  else
    not_ok "with no schema to be found, the window still maps"; sed 's/^/# /' "$TMP/no-schema.log" | tail -20
  fi
  if grep -q "settings schema io.github.iopath.Iopath is not installed: settings are kept in memory" "$TMP/no-schema.log"; then
    ok "it says on stderr that settings are kept in memory"
  elif [ -f /usr/share/glib-2.0/schemas/io.github.iopath.Iopath.gschema.xml ]; then
    skip "it says on stderr that settings are kept in memory" "Iopath's schema is installed in /usr/share"
  else
    not_ok "it says on stderr that settings are kept in memory"; sed 's/^/# /' "$TMP/no-schema.log" | tail -20
  fi
  stop_app
else
  skip "with no schema to be found, the window still maps" "the app was not built"
  skip "it says on stderr that settings are kept in memory" "the app was not built"
fi

echo "1..$n"
exit $fail
