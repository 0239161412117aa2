#!/bin/sh
# Takes the screenshots in docs/screenshots from the app in the build tree,
# under a private Xvfb at 1920x1080. SPDK's sources are not set, so no SPDK
# code appears in them. Needs xvfb, xdotool and imagemagick.
# Usage: [IOPATH_SHOTS="name ..."] [IOPATH_SHOT_DISPLAY=:N] tools/take-screenshots.sh [BUILD_DIR] [OUT_DIR]
# IOPATH_SHOT_DISPLAY: take every shot on that display (an X server of at
# least 1920x1080 the caller runs) instead of starting two; each shot is the
# window's size from the screen's top left corner.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
# no session bus: another running Iopath would take the launch over (single instance)
unset DBUS_SESSION_BUS_ADDRESS
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=${2:-docs/screenshots}
DISP=:131
SMALL=:132  # a 1280x720 screen for the recording matrix
mkdir -p "$OUT"
XPID=
XPID2=
if [ -n "${IOPATH_SHOT_DISPLAY:-}" ]; then
  DISP=$IOPATH_SHOT_DISPLAY
  SMALL=$IOPATH_SHOT_DISPLAY
else
  Xvfb $DISP -screen 0 1920x1080x24 >/dev/null 2>&1 &
  XPID=$!
  Xvfb $SMALL -screen 0 1280x720x24 >/dev/null 2>&1 &
  XPID2=$!
fi
trap 'kill $XPID $XPID2 2>/dev/null || true' EXIT
sleep 1

# shot NAME SCHEME KEYS... : start the app, send keys, capture
CONF=$(mktemp -d)
trap 'kill $XPID $XPID2 2>/dev/null || true; rm -rf "$CONF"' EXIT

# SHOT_DISPLAY, SHOT_W, SHOT_H and SHOT_LANG (de) change the screen, the
# window's size and the language for one shot
shot () {
  name=$1; variant=$2; shift 2
  # IOPATH_SHOTS="name name": take only these
  case " ${IOPATH_SHOTS:-$name} " in *" $name "*) ;; *) return 0 ;; esac
  D=${SHOT_DISPLAY:-$DISP}
  # The window's size and style come from its settings, as for a user
  mkdir -p "$CONF/glib-2.0/settings"
  cat > "$CONF/glib-2.0/settings/keyfile" <<KEYS
[io/github/iopath/Iopath]
window-width=${SHOT_W:-1920}
window-height=${SHOT_H:-1080}
style-variant='$variant'
KEYS
  DISPLAY=$D XDG_CONFIG_HOME="$CONF" GSETTINGS_BACKEND=keyfile \
    GSETTINGS_SCHEMA_DIR="$BUILD/src/app" IOPATH_SPDK_DIR= IOPATH_LOCALEDIR="$BUILD/po" \
    env ${SHOT_LANG:+LANGUAGE=$SHOT_LANG LANG=de_DE.UTF-8} \
    "$BUILD/src/app/iopath" ${IOPATH_SHOT_ARGS:-} >/dev/null 2>&1 &
  APID=$!
  sleep 5
  # the main window (its title names the scenario); GDK's 1x1 helper shares the class
  WID=
  for _ in $(seq 60); do
    WID=$(DISPLAY=$D xdotool search --name "Iopath — " 2>/dev/null | head -n 1 || true)
    [ -n "$WID" ] && break
    sleep 0.5
  done
  DISPLAY=$D xdotool windowmove "$WID" 0 0 windowfocus --sync "$WID" 2>/dev/null || true
  sleep 1
  for k in "$@"; do
    case "$k" in
      click:*) xy=${k#click:}; DISPLAY=$D xdotool mousemove ${xy%,*} ${xy#*,} click 1 ;;
      move:*) xy=${k#move:}; DISPLAY=$D xdotool mousemove ${xy%,*} ${xy#*,} ;;
      sleep:*) sleep ${k#sleep:} ;;
      scroll:*) DISPLAY=$D xdotool click --repeat ${k#scroll:} 5 ;;
      *) DISPLAY=$D xdotool key "$k" ;;
    esac
    sleep 0.3
  done
  sleep 1.5
  DISPLAY=$D import -window root -crop "${SHOT_W:-1920}x${SHOT_H:-1080}+0+0" +repage "$OUT/$name.png"
  kill $APID 2>/dev/null || true
  wait $APID 2>/dev/null || true
  echo "$OUT/$name.png"
}

RIGHT10="Right Right Right Right Right Right Right Right Right Right"
R4="Right Right Right Right"
R8="$R4 $R4"
# Step 1; the RAID1 write's two tokens crossing the network (step 15); the
# blobstore mapping replica A's write (step 29); presentation mode there
shot start-light light
shot start-dark dark
# shellcheck disable=SC2086
shot midflight-light light $RIGHT10 $R4
# shellcheck disable=SC2086
shot midflight-dark dark $RIGHT10 $R4
# shellcheck disable=SC2086
shot blobstore-light light $RIGHT10 $RIGHT10 $R8
# shellcheck disable=SC2086
shot blobstore-dark dark $RIGHT10 $RIGHT10 $R8
# shellcheck disable=SC2086
shot presentation-light light $RIGHT10 $RIGHT10 $R8 F11
# shellcheck disable=SC2086
shot presentation-dark dark $RIGHT10 $RIGHT10 $R8 F11
# The other views
shot memory-light light alt+2 sleep:1
shot workload-dark dark alt+3 sleep:1 click:1566,195 move:1900,1000 sleep:6
IOPATH_SHOT_ARGS="${IOPATH_RUNTIME_DIR:-../shared/spdk/runtime}" shot runtime-light light sleep:2
# Faults: the seed's values through a 30 s outage of replica B, mid-way
# (held write, broken links, countdowns); the degraded array after
# ctrlr_loss_timeout_sec; the outage in the workload view
L10="Left Left Left Left Left Left Left Left Left Left"
IOPATH_SHOT_ARGS=data/scenarios/raid270-outage-30s.json shot outage-midway-light light End $L10 $L10 $L10 $L10 $L10 $L10
IOPATH_SHOT_ARGS=data/scenarios/raid270-outage-30s.json shot outage-midway-dark dark End $L10 $L10 $L10 $L10 $L10 $L10
IOPATH_SHOT_ARGS=data/scenarios/raid270-outage-fast-fail.json shot degraded-light light End $L10 $L10
IOPATH_SHOT_ARGS=data/scenarios/raid270-outage-30s.json shot outage-objects-light light End $L10 $L10 $L10 $L10 $L10 $L10 click:1613,504 sleep:1
IOPATH_SHOT_ARGS=data/scenarios/raid270-outage-30s.json shot outage-workload-dark dark alt+3 sleep:1 click:1566,195 move:1900,1000 sleep:20

# The recording matrix (issue 15): 1280x720 and 1920x1080, the window and
# presentation mode, English and German, light and dark, at step 15 (the
# write's two tokens on the network); names carry the size
for size in 1280x720 1920x1080; do
  for lang in en de; do
    for scheme in light dark; do
      for mode in window presentation; do
        keys="$RIGHT10 $R4"
        [ $mode = presentation ] && keys="$keys F11 move:5,5 sleep:3"
        if [ $size = 1280x720 ]; then sd=$SMALL; w=1280; h=720; else sd=$DISP; w=1920; h=1080; fi
        l=; [ $lang = de ] && l=de
        # shellcheck disable=SC2086
        SHOT_DISPLAY=$sd SHOT_W=$w SHOT_H=$h SHOT_LANG=$l shot "$mode-$size-$lang-$scheme" $scheme $keys
      done
    done
  done
done
# A/B comparison (issue 17): the shipped comparison file, bdev_io_cache_size 2
# against the scenario's 128, opened as `iopath FILE.json` (toast gone after 4 s)
IOPATH_SHOT_ARGS="data/comparisons/small-bdev-io-cache.json" shot compare-1920x1080-light light sleep:4
IOPATH_SHOT_ARGS="data/comparisons/small-bdev-io-cache.json" shot compare-1920x1080-dark dark sleep:4
# The Workload view comparing A and B: Compare on (the header's toggle), Run,
# the playback 16 s in; then scrolled down to the pools and queues
WAB="--set bdev_set_options.bdev_io_cache_size=2 --view workload"
IOPATH_SHOT_ARGS="$WAB" shot workload-ab-1920x1080-light light sleep:2 click:186,28 sleep:2 click:1566,233 move:1900,1000 sleep:16
IOPATH_SHOT_ARGS="$WAB" shot workload-ab-1920x1080-dark dark sleep:2 click:186,28 sleep:2 click:1566,233 move:1900,1000 sleep:16
IOPATH_SHOT_ARGS="$WAB" shot workload-ab-pools-1920x1080-light light sleep:2 click:186,28 sleep:2 click:1566,233 move:1000,700 sleep:16 scroll:9 sleep:1
