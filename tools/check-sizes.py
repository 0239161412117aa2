#!/usr/bin/env python3
"""Lists the C files over the line limit and the functions over theirs.

    tools/check-sizes.py [--max-file N] [--max-function N] [--check]

A newcomer reads a file and a function whole: the project keeps files under
~1,200 lines and functions under ~150 (HACKING.md). With --check the exit
status is 1 when anything is over, for the test suite.

A function is counted from its opening brace in column 0 to the closing
brace in column 0, as GNU style writes them.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def functions(lines):
    i = 0
    while i < len(lines):
        if lines[i] == '{':
            # a function's body follows its parameter list; a brace after
            # "typedef struct", "enum" or "= " opens data, not code
            j = i - 1
            while j >= 0 and lines[j].strip() and not NAME.match(lines[j]) and not lines[j].startswith(('typedef', 'struct', 'enum', 'union', 'static const', 'const')):
                j -= 1
            if j < 0 or not NAME.match(lines[j]) or not lines[i - 1].rstrip().endswith(')'):
                k = i + 1
                while k < len(lines) and not lines[k].startswith('}'):
                    k += 1
                i = k + 1
                continue
            name = NAME.match(lines[j]).group(1)
            k = i + 1
            while k < len(lines) and lines[k] != '}':
                k += 1
            yield name, i + 1, k - i + 1
            i = k
        i += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--max-file', type=int, default=1200)
    ap.add_argument('--max-function', type=int, default=150)
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--root', default=str(ROOT / 'src'))
    args = ap.parse_args()
    over = 0
    for path in sorted(pathlib.Path(args.root).rglob('*.c')):
        lines = path.read_text(encoding='utf-8').split('\n')
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if len(lines) > args.max_file:
            print(f'{rel}: {len(lines)} lines (limit {args.max_file})')
            over += 1
        for name, line, n in functions(lines):
            if n > args.max_function:
                print(f'{rel}:{line}: {name}() is {n} lines (limit {args.max_function})')
                over += 1
    print(f'{over} over the limits')
    return 1 if args.check and over else 0


if __name__ == '__main__':
    sys.exit(main())
