#!/usr/bin/env python3
"""Slow readers of segments for bench/hostile.sh (Python: Node cannot set SO_RCVBUF).

COUNT connections from SOURCE (127.0.0.2) to 127.0.0.1:<port>, each with a RCVBUF-byte receive
buffer, opened first and then each asking once for a path (round-robin over the paths given), all
requests in one go so that many join a fetch still in flight. Then every TICK_MS each reads at most
BYTES bytes, for DURATION s; prints {"held": {...}}; waits for "release" on stdin; reads what is
left at full speed for at most DRAIN s and prints {"done": {...}}: per connection, whether it got its
whole body, the server closed it first, or it is still hanging (neither).

Usage: slow-readers.py <port> <path> [<path> ...]
"""
import json
import os
import re
import selectors
import socket
import sys
import time

PORT = int(sys.argv[1])
PATHS = sys.argv[2:]
SOURCE = os.environ.get("SOURCE", "127.0.0.2")
COUNT = int(os.environ.get("COUNT", "200"))
RCVBUF = int(os.environ.get("RCVBUF", "4096"))
BYTES = int(os.environ.get("BYTES", "256"))
TICK_MS = int(os.environ.get("TICK_MS", "100"))
DURATION = float(os.environ.get("DURATION", "60"))
DRAIN = float(os.environ.get("DRAIN", "60"))
LENGTH = re.compile(rb"(?im)^content-length:\s*(\d+)\s*$")


class Reader:
    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF)  # before connect: the window is small from the start
        self.sock.bind((SOURCE, 0))
        self.sock.connect(("127.0.0.1", PORT))
        self.head = b""
        self.status = None
        self.length = None
        self.body = 0
        self.closed = False  # by the server, before the whole body

    def complete(self):
        return self.length is not None and self.body >= self.length

    def done(self):
        return self.complete() or self.closed

    def read(self, n):
        """One non-blocking read of at most n bytes: "data", "empty" (nothing there now) or "end"."""
        try:
            data = self.sock.recv(n)
        except BlockingIOError:
            return "empty"
        except OSError:
            self.closed = not self.complete()
            return "end"
        if not data:
            self.closed = not self.complete()
            return "end"
        if self.length is None:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end >= 0:
                self.status = int(self.head[9:12])
                m = LENGTH.search(self.head[:end])
                self.length = int(m.group(1)) if m else 1 << 62
                self.body = len(self.head) - end - 4
        else:
            self.body += len(data)
        return "data"


def summary(readers):
    return {
        "readers": len(readers),
        "complete": sum(r.complete() for r in readers),
        "closedEarly": sum(r.closed for r in readers),
        "hanging": sum(not r.done() for r in readers),
        "bodyBytes": sum(r.body for r in readers),
        "statuses": sorted({r.status for r in readers if r.status is not None}),
    }


def main():
    readers = [Reader(PATHS[i % len(PATHS)]) for i in range(COUNT)]
    for r in readers:
        r.sock.sendall(f"GET {r.path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nConnection: close\r\n\r\n".encode())
        r.sock.setblocking(False)
    end = time.monotonic() + DURATION
    tick = TICK_MS / 1000
    next_tick = time.monotonic()
    while time.monotonic() < end:
        for r in readers:
            if not r.done():
                r.read(BYTES)
        next_tick += tick
        time.sleep(max(0.0, next_tick - time.monotonic()))
    print(json.dumps({"held": summary(readers)}), flush=True)
    for line in sys.stdin:
        if line.strip() == "release":
            break
    sel = selectors.DefaultSelector()
    for r in readers:
        if not r.done():
            sel.register(r.sock, selectors.EVENT_READ, r)
    drain_end = time.monotonic() + DRAIN
    while sel.get_map() and time.monotonic() < drain_end:
        for key, _ in sel.select(timeout=max(0.01, drain_end - time.monotonic())):
            r = key.data
            while not r.done() and r.read(65536) == "data":
                pass
            if r.done():
                sel.unregister(r.sock)
    out = summary(readers)
    for r in readers:
        r.sock.close()
    print(json.dumps({"done": out}), flush=True)


if __name__ == "__main__":
    main()
