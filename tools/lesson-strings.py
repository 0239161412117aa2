#!/usr/bin/env python3
# Writes src/engine/model/iop-lesson-strings.c: every text of the lessons in
# data/lessons/ as an N_() string, so xgettext puts them in po/iopath.pot and
# the app and the CLI translate them with iop_lesson_text().
#   tools/lesson-strings.py           rewrite the file
#   tools/lesson-strings.py --check   exit 1 when it is out of date
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src', 'engine', 'model', 'iop-lesson-strings.c')


def c_string(s):
    out = s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    return '"' + out + '"'


def step_text(step):
    # a step per SPDK tag: "61 (v26.01), 62 (v26.05)"
    if isinstance(step, dict):
        return ', '.join(f'{n} ({tag})' for tag, n in step.items())
    return str(step)


def texts(path):
    with open(path, encoding='utf-8') as f:
        lesson = json.load(f)
    lid = lesson['id']
    yield f'lesson {lid}: title', lesson['title']
    if lesson.get('description'):
        yield f'lesson {lid}: description', lesson['description']
    for i, ch in enumerate(lesson['chapters']):
        yield f'lesson {lid}, chapter {i + 1}: title', ch['title']
        if ch.get('intro'):
            yield f'lesson {lid}, chapter {i + 1}: introduction', ch['intro']
        for p in ch.get('pauses', []):
            yield f'lesson {lid}, chapter {i + 1}: speaker note at step {step_text(p["step"])}', p['note']


def generate():
    d = os.path.join(ROOT, 'data', 'lessons')
    lines = ['/* iop-lesson-strings.c: the texts of the lessons in data/lessons, for xgettext',
             ' *',
             ' * Written by tools/lesson-strings.py; do not edit. The lessons are data:',
             ' * their texts stay English in the files and are translated when shown.',
             ' *',
             ' * SPDX-License-Identifier: GPL-3.0-or-later',
             ' */',
             '#include "config.h"',
             '',
             '#include <glib/gi18n-lib.h>',
             '',
             '#include "iop-lesson.h"',
             '',
             'const char *const iop_lesson_strings[] = {']
    seen = set()
    for name in sorted(os.listdir(d)):
        if not name.endswith('.json'):
            continue
        for comment, s in texts(os.path.join(d, name)):
            if s in seen:
                continue
            seen.add(s)
            lines.append(f'  /* Translators: {comment} */')
            lines.append(f'  N_({c_string(s)}),')
    lines.append('  NULL')
    lines.append('};')
    return '\n'.join(lines) + '\n'


def main():
    text = generate()
    if '--check' in sys.argv:
        try:
            with open(OUT, encoding='utf-8') as f:
                old = f.read()
        except OSError:
            old = ''
        if old != text:
            print('src/engine/model/iop-lesson-strings.c is out of date: run tools/lesson-strings.py')
            return 1
        return 0
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)
    return 0


sys.exit(main())
