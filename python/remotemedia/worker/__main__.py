"""`python -m remotemedia.worker`: the process the Node.js bridge spawns (one per pool slot)."""

from __future__ import annotations

import argparse
import os
import platform
import signal
import socket
import sys
import threading
import time

from ..discovery import discover_nodes
from ..registry import default_registry
from .server import WorkerServer

BUILTIN_MODULES = ["remotemedia.nodes"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m remotemedia.worker")
    parser.add_argument("--fd", type=int, help="connected Unix stream socket inherited as this fd")
    parser.add_argument("--socket", help="path of a listening Unix socket to connect to instead")
    parser.add_argument("--module", action="append", default=[], help="module/package with nodes")
    parser.add_argument("--path", action="append", default=[], help="folder scanned for nodes")
    parser.add_argument("--include", action="append", default=[], help="module name pattern")
    parser.add_argument("--exclude", action="append", default=[], help="module name pattern")
    parser.add_argument("--no-builtins", action="store_true", help="skip remotemedia.nodes")
    return parser.parse_args(argv)


def connect(args: argparse.Namespace) -> socket.socket:
    if args.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(args.socket)
        return sock
    if args.fd is None:
        raise SystemExit("remotemedia.worker: pass --fd N or --socket PATH")
    return socket.socket(fileno=args.fd)


def die_with_parent() -> None:
    """Never outlive the host: the kernel signal on Linux, a parent-pid poll everywhere."""
    parent = os.getppid()
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C in a terminal reaches the whole process group; the host decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    builtins = discover_nodes([] if args.no_builtins else BUILTIN_MODULES)
    found = discover_nodes(args.module + args.path, args.include, args.exclude)
    hello = {
        "pid": os.getpid(),
        "python": platform.python_version(),
        "nodes": [spec.metadata() for spec in default_registry.specs()],
        "failures": [
            {"module": f.module, "type": f.error_type, "message": f.message}
            for f in builtins.failures + found.failures
        ],
    }
    with connect(args) as sock:
        return WorkerServer(sock, default_registry, hello).serve()


if __name__ == "__main__":
    sys.exit(main())
