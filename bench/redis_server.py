"""A throwaway redis-server on a free loopback port, for the cluster's tests and benchmark.

One helper for both (tests import bench already): the server keeps nothing on disk (no RDB
snapshot, no append-only file), listens on 127.0.0.1 only, and is stopped when the block ends.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

STARTUP_SECONDS = 10.0


def redis_server_binary(install: bool = False) -> str | None:
    """Where redis-server is; with ``install``, apt-get installs Debian's when it is missing."""
    if install and not shutil.which("redis-server") and shutil.which("apt-get"):
        subprocess.run(
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
            "apt-get install -y -qq redis-server",
            shell=True,
            capture_output=True,
            timeout=300,
        )
    return shutil.which("redis-server")


def free_loopback_port() -> int:
    """A port nobody listens on now (the kernel's pick), for a server started next."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def redis_server(root: Path, binary: str) -> Iterator[str]:
    """Run ``binary`` in ``root`` until the block ends; yields its URL once it answers PING."""
    port = free_loopback_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=root,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}") from None
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait(10)
