#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Re-check data/spdk-refs.json against a git mirror of SPDK.

For every reference (step key x SPDK tag) this checks, with git only:
  * the tag resolves to the commit recorded under "tags";
  * the file exists at that tag;
  * the function's definition starts at the recorded line (the line that
    begins with "FUNCTION(", SPDK style: return type on the line before);
  * the highlight string occurs on exactly one line of that function's body;
  * every name listed in "calls" is defined (a line beginning with
    "NAME(") somewhere under lib/, module/ or include/ at that tag.
It also checks the keys: every stage key of the stage table
(src/engine/results/iop-stages.c, the one place keys are defined) and every
key of the tables in docs/step-keys.md has a reference (media, media.*,
net.* and guest.* are exempt: the device, the wire and the guest VM run no
SPDK code), and every reference ("KEY", "KEY@HOST", "KEY/OP") belongs to a
key of the stage table.

Prints OK/FAIL per entry; exits 1 if anything failed, 2 on usage errors.
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_MIRROR = "/work/.mirror/spdk+spdk/repo"
DEFAULT_REFS = os.path.join(ROOT, "data", "spdk-refs.json")
DEFAULT_KEYS = os.path.join(ROOT, "docs", "step-keys.md")
DEFAULT_STAGES = os.path.join(ROOT, "src", "engine", "results", "iop-stages.c")
CALL_DIRS = ["lib", "module", "include"]


def git(mirror, *args, check=True):
    proc = subprocess.run(["git", "-C", mirror] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace")


class Mirror:
    def __init__(self, path):
        self.path = path
        self._files = {}

    def commit_of(self, tag):
        out = git(self.path, "rev-parse", "--verify", "-q", tag + "^{commit}")
        return out.strip() if out else None

    def lines(self, tag, path):
        key = (tag, path)
        if key not in self._files:
            out = git(self.path, "show", "%s:%s" % (tag, path))
            self._files[key] = None if out is None else out.split("\n")
        return self._files[key]

    def defined_names(self, tag, names):
        """Return the subset of names that have a definition line at tag."""
        found = set()
        names = sorted(set(names))
        # Batch the names into a few git grep calls.
        for i in range(0, len(names), 40):
            chunk = names[i:i + 40]
            pattern = "^(" + "|".join(re.escape(n) for n in chunk) + r")\("
            out = git(self.path, "grep", "-h", "-o", "-E", pattern, tag, "--",
                      *CALL_DIRS, check=False)
            for line in (out or "").splitlines():
                found.add(line.rstrip("("))
        return found


def function_body(lines, def_idx, func):
    """Given the 0-based index of the definition line, return (open, close)
    0-based indices of the body braces, or None."""
    if not re.match(r"^" + re.escape(func) + r"\(", lines[def_idx]):
        return None
    i = def_idx
    while i < len(lines) and not lines[i].startswith("{"):
        # A ';' ending a line before the brace means this was a prototype.
        if lines[i].rstrip().endswith(";"):
            return None
        i += 1
    if i >= len(lines):
        return None
    j = i + 1
    while j < len(lines) and not lines[j].startswith("}"):
        j += 1
    if j >= len(lines):
        return None
    return i, j


def definition_lines(lines, func):
    pat = re.compile(r"^" + re.escape(func) + r"\(")
    return [n + 1 for n, l in enumerate(lines) if pat.match(l)]


def check_ref(mirror, key, tag, ref):
    """Return a list of failure strings (empty when fine)."""
    errs = []
    for field in ("file", "function", "line", "highlight"):
        if field not in ref:
            errs.append("missing field '%s'" % field)
    if errs:
        return errs
    lines = mirror.lines(tag, ref["file"])
    if lines is None:
        return ["file %s does not exist at %s" % (ref["file"], tag)]
    func, line, hl = ref["function"], ref["line"], ref["highlight"]
    if not isinstance(line, int) or line < 1 or line > len(lines):
        return ["line %r out of range" % (line,)]
    body = function_body(lines, line - 1, func)
    if body is None:
        defs = definition_lines(lines, func)
        where = ", ".join(str(d) for d in defs) if defs else "nowhere"
        return ["%s is not defined at line %d (defined at: %s)" % (func, line, where)]
    start, end = body
    hits = [n + 1 for n in range(start + 1, end) if hl in lines[n]]
    if not hits:
        errs.append("highlight %r not found in the body of %s (lines %d-%d)"
                    % (hl, func, start + 1, end + 1))
    elif len(hits) > 1:
        errs.append("highlight %r is ambiguous in %s: lines %s"
                    % (hl, func, ", ".join(map(str, hits))))
    if "highlight_line" in ref and hits and ref["highlight_line"] != hits[0]:
        errs.append("highlight_line %r but highlight is on line %d"
                    % (ref["highlight_line"], hits[0]))
    return errs


def contract_keys(path):
    """Step keys from the tables of docs/step-keys.md."""
    keys = []
    if not os.path.exists(path):
        return keys
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\|\s*`([a-z0-9_]+\.[a-z0-9_.]+)`", line)
            if m:
                keys.append(m.group(1))
    return keys


def stage_keys(path):
    """Step keys from the stage table: [IOP_STAGE_...] = { "key", ..."""
    keys = []
    if not os.path.exists(path):
        return keys
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^\s*\[IOP_STAGE_[A-Z0-9_]+\]\s*=\s*\{\s*"([^"]+)"', line)
            if m:
                keys.append(m.group(1))
    return keys


def exempt(key):
    """Steps that run no SPDK function: the device, the wire, the guest VM."""
    return key == "media" or key.startswith(("media.", "net.", "guest."))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mirror", nargs="?", default=DEFAULT_MIRROR,
                    help="path of the SPDK git (bare) repository [%(default)s]")
    ap.add_argument("--refs", default=DEFAULT_REFS, help="[%(default)s]")
    ap.add_argument("--keys", default=DEFAULT_KEYS,
                    help="step-keys.md to check coverage against [%(default)s]")
    ap.add_argument("--stages", default=DEFAULT_STAGES,
                    help="the stage table to check keys against [%(default)s]")
    ap.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    args = ap.parse_args()

    if not os.path.isdir(args.mirror):
        print("mirror not found: %s" % args.mirror, file=sys.stderr)
        return 2
    with open(args.refs, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("format") != 1:
        print("unsupported format %r" % data.get("format"), file=sys.stderr)
        return 2

    mirror = Mirror(args.mirror)
    failures = 0
    ok = 0

    def report(good, what):
        nonlocal failures, ok
        if good:
            ok += 1
            if not args.quiet:
                print("OK   " + what)
        else:
            failures += 1
            print("FAIL " + what)

    tags = data.get("tags", {})
    for tag, info in sorted(tags.items()):
        actual = mirror.commit_of(tag)
        want = info.get("commit")
        report(actual is not None and actual == want,
               "tag %s commit %s%s" % (tag, want,
                                       "" if actual == want else " (mirror has %s)" % actual))

    calls_by_tag = {}
    refs = data.get("refs", {})
    for key in sorted(refs):
        per_tag = refs[key]
        for tag in sorted(tags):
            if tag not in per_tag:
                report(False, "%s %s: no reference for this tag" % (key, tag))
                continue
            ref = per_tag[tag]
            errs = check_ref(mirror, key, tag, ref)
            what = "%s %s %s:%s %s [%s]" % (key, tag, ref.get("file"), ref.get("line"),
                                            ref.get("function"), ref.get("highlight"))
            report(not errs, what + ("" if not errs else " -- " + "; ".join(errs)))
            for c in ref.get("calls", []):
                calls_by_tag.setdefault(tag, {}).setdefault(c, []).append(key)
        for tag in per_tag:
            if tag not in tags:
                report(False, "%s: tag %s is not listed under \"tags\"" % (key, tag))

    for tag in sorted(calls_by_tag):
        wanted = calls_by_tag[tag]
        found = mirror.defined_names(tag, wanted.keys())
        for name in sorted(wanted):
            report(name in found, "call %s %s (used by %s)%s"
                   % (tag, name, ", ".join(sorted(set(wanted[name]))),
                      "" if name in found else " -- not defined under " + "/, ".join(CALL_DIRS) + "/"))

    stages = stage_keys(args.stages)
    for k in stages:
        if exempt(k):
            continue
        covered = any(r == k or r.startswith(k + "/") or r.startswith(k + "@") for r in refs)
        report(covered, "stage key %s has a reference" % k)
    if stages:
        for r in sorted(refs):
            base = re.split(r"[@/]", r, maxsplit=1)[0]
            report(base in stages, "reference %s belongs to a stage key%s"
                   % (r, "" if base in stages else " -- %s is not in %s" % (base, os.path.relpath(args.stages, ROOT))))

    for k in contract_keys(args.keys):
        if exempt(k):
            continue
        covered = any(r == k or r.startswith(k + "/") or r.startswith(k + "@") for r in refs)
        report(covered, "contract key %s has a reference" % k)

    print("%d OK, %d FAIL" % (ok, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
