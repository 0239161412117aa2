#!/usr/bin/env python3
"""audit-coverage.py: every step key and every knob has its row in docs/audit.md

SPDX-License-Identifier: GPL-3.0-or-later

Issue 14's rule: a step or knob is added together with its second reading.
This lists, for each stage key of src/engine/results/iop-stages.c and each
knob id of src/engine/model/iop-knobs.c, the audit sections whose tables
have a row for it, and fails (with --check) when one has none.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stage_keys():
    text = (ROOT / "src/engine/results/iop-stages.c").read_text()
    return sorted(set(re.findall(r'\[IOP_STAGE_\w+\]\s*=\s*\{\s*"([a-z_0-9]+\.[a-z_0-9]+)"', text)))


def knob_ids():
    text = (ROOT / "src/engine/model/iop-knobs.c").read_text()
    return sorted(set(re.findall(r'\{\s*"([a-z_]+\.[a-z_0-9]+)",\s*"', text)))


def audit_rows():
    """(section heading, row text) for every table row of docs/audit.md"""
    section, rows = "", []
    for line in (ROOT / "docs/audit.md").read_text().splitlines():
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        elif line.startswith("|") and not re.match(r"^\|\s*-", line):
            rows.append((section, line))
    return rows


def covered(name, rows):
    pat = re.compile(r"(?<![\w.])" + re.escape(name) + r"(?![\w])")
    return sorted({sec for sec, row in rows if pat.search(row)})


def main():
    check = "--check" in sys.argv
    rows = audit_rows()
    missing = []
    for kind, names in (("step key", stage_keys()), ("knob", knob_ids())):
        n_ok = 0
        for name in names:
            secs = covered(name, rows)
            if secs:
                n_ok += 1
                if "--verbose" in sys.argv:
                    print(f"{kind:8} {name:55} {len(secs)} section(s): {secs[-1][:60]}")
            else:
                missing.append(f"{kind} {name}")
        print(f"{kind}s: {n_ok} of {len(names)} have a row in docs/audit.md")
    for m in missing:
        print(f"MISSING: {m} has no row in any table of docs/audit.md")
    if check and missing:
        sys.exit(1)


if __name__ == "__main__":
    main()
