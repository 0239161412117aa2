#!/usr/bin/env python3
# check-knob-schema.py: every knob Iopath shows, against SPDK's RPC schema of
# each supported version
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For v26.01 and v26.05 it lists the knobs with `iopath-cli knobs --json
# --spdk-version TAG` and reads SPDK's own schema (schema-TAG.json in the
# shared SPDK directory, schema/schema.json at that tag). Per knob it checks:
#   - the method and the parameter exist under that name;
#   - the knob is deprecated exactly where the schema marks it deprecated;
#   - the value type fits (boolean, integer, string or enum);
#   - the knob's range stays inside the schema's sized integer type
#     (uint8, uint16, int32, uint32, uint64), and inside a "Range A-B" the
#     description gives;
#   - an enum knob's default is one of the schema's names for it;
#   - the knob's default equals the default the description states
#     ("Default: N", "default is 10s"), unless EXPLAINED says why not.
# It prints one line per finding and a count, and exits 1 on any mismatch.
# Knob defaults and names come from the running CLI, so the check follows the
# knob table (src/engine/model/iop-knobs.c).

import argparse
import json
import os
import re
import subprocess
import sys

VERSIONS = ("v26.01", "v26.05")

INT_RANGES = {
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
    "int32": (-2**31, 2**31 - 1),
    "int64": (-2**63, 2**63 - 1),
}

# Where the schema's prose default differs from what SPDK's code does, and why
EXPLAINED = {
    ("bdev_nvme_set_options", "io_queue_requests"):
        "the RPC's default is 0 (g_opts, module/bdev/nvme/bdev_nvme.c); 512 is "
        "the driver's own count, which SPDK takes when it is larger",
}

# Where the schema's prose range is narrower than what SPDK's decoder takes
RANGE_EXPLAINED = {
    ("bdev_nvme_set_options", "transport_ack_timeout"):
        "the schema says 0-31, but the decoder is uint8 (module/bdev/nvme/"
        "bdev_nvme_rpc.c) and both NVMe drivers lower a value over 31 to 31 "
        "with a notice (lib/nvme/nvme_rdma.c, nvme_tcp.c)",
}

# Knobs whose maximum is SPDK's "all ones" (UINT32_MAX) meaning "computed"
AUTO = 4294967295


def knob_rows(cli, version):
    out = subprocess.run([cli, "knobs", "--json", "--spdk-version", version],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["knobs"]


def schema_params(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    params = {}
    for m in doc["methods"]:
        for p in m.get("params") or []:
            params[(m["name"], p["name"])] = p
    enums = {e["name"]: [f["name"] for f in e.get("fields", [])] for e in doc.get("enums", [])}
    return params, enums


def stated_default(desc):
    """The default a schema description states, as a string, or None."""
    m = re.search(r"[Dd]efault\s*:\s*`?(true|false|-?\d+)`?", desc)
    if m:
        return m.group(1)
    m = re.search(r"default is (\d+)\s*(ms|s)\b", desc)
    if m:
        n = int(m.group(1))
        return str(n * 1000 if m.group(2) == "s" else n)
    return None


def stated_range(desc):
    m = re.search(r"Range (-?\d+)\s*-\s*(-?\d+)", desc)
    return (int(m.group(1)), int(m.group(2))) if m else None


def knob_default_text(k):
    d = k["default"]
    if k["type"] == "boolean":
        return d
    if d == "auto":
        return str(AUTO)
    return d


def check_version(cli, schema_dir, version, findings):
    params, enums = schema_params(os.path.join(schema_dir, "schema-%s.json" % version))
    seen = set()
    checked = 0
    for k in knob_rows(cli, version):
        key = (k["method"], k["param"], k["trtype"])
        if key in seen or k["method"] == "spdk_tgt":
            continue
        seen.add(key)
        checked += 1
        where = "%s %s%s" % (version, k["id"], " (%s)" % k["trtype"] if k["trtype"] else "")
        p = params.get((k["method"], k["param"]))
        if p is None:
            findings.append("%s: not in SPDK's schema" % where)
            continue
        if bool(p.get("deprecated", False)) != bool(k["deprecated"]):
            findings.append("%s: deprecated %s here, %s in the schema"
                            % (where, k["deprecated"], p.get("deprecated", False)))
        t = p["type"]
        if k["type"] == "boolean":
            ok = t == "boolean"
        elif k["type"] == "integer":
            ok = t == "number" or t in INT_RANGES
        else:
            ok = t in ("string", "enum")
        if not ok:
            findings.append("%s: type %s here, %s in the schema" % (where, k["type"], t))
        if k["type"] == "integer" and t in INT_RANGES:
            lo, hi = INT_RANGES[t]
            if k["min"] < lo or (k["max"] > hi and k["max"] != AUTO):
                findings.append("%s: range %d..%d exceeds the schema's %s (%d..%d)"
                                % (where, k["min"], k["max"], t, lo, hi))
        rng = stated_range(p.get("description", ""))
        if rng and k["type"] == "integer" and (k["min"] < rng[0] or k["max"] > rng[1]) \
                and (k["method"], k["param"]) not in RANGE_EXPLAINED:
            findings.append("%s: range %d..%d exceeds the schema's stated %d-%d"
                            % (where, k["min"], k["max"], rng[0], rng[1]))
        if t == "enum" and p.get("class") in enums and k["default"] not in enums[p["class"]]:
            findings.append("%s: default %s is not one of the schema's %s"
                            % (where, k["default"], enums[p["class"]]))
        sd = stated_default(p.get("description", ""))
        if sd is not None and sd != knob_default_text(k) \
                and (k["method"], k["param"]) not in EXPLAINED:
            findings.append("%s: default %s here, the schema says %s"
                            % (where, k["default"], sd))
    return checked


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--schema-dir", default=None,
                    help="directory with schema-v26.01.json and schema-v26.05.json "
                         "(default: $IOPATH_SHARED_DIR/spdk/schema)")
    args = ap.parse_args()
    schema_dir = args.schema_dir
    if schema_dir is None:
        shared = os.environ.get("IOPATH_SHARED_DIR", "")
        schema_dir = os.path.join(shared, "spdk", "schema")
    if not all(os.path.exists(os.path.join(schema_dir, "schema-%s.json" % v)) for v in VERSIONS):
        print("SKIP: SPDK's schema is not in %s" % schema_dir)
        return 77
    findings = []
    total = 0
    for v in VERSIONS:
        total += check_version(args.cli, schema_dir, v, findings)
    for f in findings:
        print("MISMATCH " + f)
    for (m, p), why in sorted(list(EXPLAINED.items()) + list(RANGE_EXPLAINED.items())):
        print("explained %s.%s: %s" % (m, p, why))
    print("%d knob definitions x versions checked against SPDK's schema, %d mismatches"
          % (total, len(findings)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
