#!/usr/bin/env python3
# fake-spdk.py: a hostile SPDK on a Unix socket, for the CLI tests of attach.
# Usage: fake-spdk.py SOCKET MODE; serves until killed. Modes:
#   deep       every result is [[[... 200,000 levels deep
#   backwards  counters that go down between samples (a restarted target)
#   extreme    counters at the ends of 64 bits, swinging between them
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import socket
import sys

path, mode = sys.argv[1], sys.argv[2]
INT64_MAX = 2**63 - 1
INT64_MIN = -2**63


def result(method, k):
    if mode == "deep":
        return "[" * 200000 + "]" * 200000
    if mode == "backwards":
        cache, main, busy, idle = 10**9 - k * 1000, 10**9 - k * 10, 10**9 - k * 250, 10**9 + k * 750
    else:
        big = INT64_MAX if k % 2 == 0 else INT64_MIN
        cache = main = busy = idle = big
    if method == "iobuf_get_stats":
        pool = {"cache": cache, "main": main, "retry": main}
        return json.dumps([{"module": "nvmf_RDMA", "small_pool": pool, "large_pool": pool}])
    if method == "thread_get_stats":
        return json.dumps({"tick_rate": 1000, "threads": [
            {"name": "app_thread", "id": 1, "cpumask": "1", "busy": busy, "idle": idle}]})
    if method == "thread_get_pollers":
        return json.dumps({"tick_rate": 1000, "threads": [
            {"name": "app_thread", "id": 1, "active_pollers": [], "paused_pollers": [],
             "timed_pollers": [{"name": "p", "id": 1, "state": "waiting", "run_count": busy,
                                "busy_count": busy, "period_ticks": 4}]}]})
    if method == "framework_get_reactors":
        return json.dumps({"tick_rate": 1000, "reactors": [
            {"lcore": 0, "busy": busy, "idle": idle,
             "lw_threads": [{"name": "app_thread", "id": 1, "cpumask": "1", "elapsed": busy}]}]})
    return "[]"


srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
if os.path.exists(path):
    os.unlink(path)
srv.bind(path)
srv.listen(4)
rounds = 0
decoder = json.JSONDecoder()
while True:
    conn, _ = srv.accept()
    buf = ""
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            buf += data.decode()
            while True:
                buf = buf.lstrip()
                try:
                    req, end = decoder.raw_decode(buf)
                except ValueError:
                    break
                buf = buf[end:]
                if req.get("method") == "iobuf_get_stats":
                    rounds += 1
                reply = '{"jsonrpc":"2.0","id":%d,"result":%s}\n' % (req["id"], result(req["method"], rounds))
                conn.sendall(reply.encode())
    except OSError:
        pass
    conn.close()
