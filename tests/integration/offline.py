"""Run svsna with the network cut: a new network namespace where Linux allows one,
and in every Python process a socket guard that refuses and records any attempt.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

GUARD = textwrap.dedent(
    '''
    """Refuse and record every network connection (installed by the svsna tests)."""
    import os
    import socket

    _LOG = os.environ["SVSNA_NETWORK_LOG"]


    def _refuse(what, *args, **kwargs):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {what} {args!r}\\n")
        raise OSError(f"network blocked by the svsna tests ({what})")


    _connect = socket.socket.connect


    def _guarded_connect(self, address, *args):
        if self.family == socket.AF_UNIX:
            return _connect(self, address, *args)
        return _refuse("connect", address)


    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = lambda self, address: _refuse("connect_ex", address)
    socket.getaddrinfo = lambda *args, **kwargs: _refuse("getaddrinfo", *args)
    socket.create_connection = lambda *args, **kwargs: _refuse("create_connection", *args)
    '''
)


@functools.cache
def _namespace_prefix() -> tuple[str, ...]:
    """``unshare -rn`` when this machine lets us make a network namespace, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    return (unshare, "-rn") if probe.returncode == 0 else ()


def run_offline(
    args: list[str], *, guard_dir: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``python *args`` without a network; return it and any connection it tried."""
    guard_dir.mkdir(parents=True, exist_ok=True)
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = guard_dir / "network.log"
    log.write_text("", encoding="utf-8")
    environment = {
        **os.environ,
        **(env or {}),
        "PYTHONPATH": str(guard_dir),
        "SVSNA_NETWORK_LOG": str(log),
        "COLUMNS": "200",
    }
    result = subprocess.run(
        [*_namespace_prefix(), sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    return result, log.read_text(encoding="utf-8").splitlines()
