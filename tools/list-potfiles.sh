#!/bin/sh
# Lists every source file that holds a string marked for translation, as
# po/POTFILES.in must. Used by the potfiles test and to refresh the list.
# SPDX-License-Identifier: GPL-3.0-or-later
cd "$(dirname "$0")/.." || exit 1
{
  grep -lE '(^|[^a-zA-Z_])(_|N_|C_|NC_|g_dngettext)[ ]?\(' src/engine/*.c src/engine/*/*.c src/cli/*.c src/app/*.c src/render/*.c 2>/dev/null
  grep -l 'translatable="yes"' ui/*.ui 2>/dev/null
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
} | grep -v -- '-stub\.c$' | LC_ALL=C sort -u
