"""Plugin folders with modules that exit at import or declare a node type twice: each one is
reported as a failure, and the worker still starts and serves the rest."""

import socket
import subprocess
import sys
from pathlib import Path

from remotemedia import NodeRegistry, discover_nodes
from remotemedia.protocol import recv_frame

UNRULY = str(Path(__file__).parent / "fixtures" / "unruly")


def test_discovery_reports_a_module_that_exits_and_a_duplicate_type():
    registry = NodeRegistry()
    result = discover_nodes([UNRULY], registry=registry)
    assert registry.names() == ["Twin", "WellBehaved"]
    assert registry.get("Twin").cls.__name__ == "TwinA"
    failures = {f.module: f for f in result.failures}
    assert sorted(failures) == ["script_at_import", "twin_b"]
    assert failures["script_at_import"].error_type == "SystemExit"
    assert "usage: script_at_import.py" in failures["script_at_import"].message
    assert failures["twin_b"].error_type == "ValueError"
    assert "'Twin' is already registered" in failures["twin_b"].message


def test_the_worker_starts_and_lists_them_in_its_handshake():
    host, child = socket.socketpair()
    fd = str(child.fileno())
    proc = subprocess.Popen(
        [sys.executable, "-m", "remotemedia.worker", "--fd", fd, "--no-builtins", "--path", UNRULY],
        pass_fds=[child.fileno()],
    )
    child.close()
    host.settimeout(20)
    try:
        frame = recv_frame(host)
        assert frame is not None, f"the worker exited with {proc.wait(timeout=10)}"
        hello = frame[0]
        assert [n["type"] for n in hello["nodes"]] == ["Twin", "WellBehaved"]
        assert sorted(f["module"] for f in hello["failures"]) == ["script_at_import", "twin_b"]
    finally:
        host.close()
        assert proc.wait(timeout=10) == 0
