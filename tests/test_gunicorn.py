"""Two gunicorn instances started with the shipped configuration, as the systemd template unit runs
them on one machine, both serve the site, each with its own control socket."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def production_env(database, static_root):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.pop("XDG_RUNTIME_DIR", None)
    env.update(
        database.env,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="gunicorn-test-" * 5,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(static_root),
        WEB_CONCURRENCY="1",
    )
    return env


def wait_for_page(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a loopback URL
                return response.status, response.read().decode()
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture
def instances(site_root, subprocess_database, collected_static, tmp_path):
    subprocess_database.push()
    env = production_env(subprocess_database, collected_static)
    started = []
    try:
        for _ in range(2):
            port = free_port()
            # What trainings@<port>.service sets: the address, and a runtime folder of its own. A
            # short path, as systemd's /run/<name> is: a Unix socket's path is limited to ~100 bytes.
            runtime = Path(tempfile.mkdtemp(prefix=f"gu{port}-"))
            instance_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "RUNTIME_DIRECTORY": str(runtime)}
            process = subprocess.Popen(
                [BIN / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py"],
                cwd=tmp_path,  # the configuration finds the project by itself
                env=instance_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            started.append((port, runtime, process))
        yield started
    finally:
        for _, runtime, process in started:
            if process.poll() is None:
                process.terminate()
                process.communicate(timeout=30)
            shutil.rmtree(runtime, ignore_errors=True)


def test_two_instances_on_one_machine_serve_the_site_and_stop_cleanly(instances):
    for port, _, process in instances:
        status, html = wait_for_page(f"http://127.0.0.1:{port}/", process)
        assert status == 200
        assert "Trainings for organizers" in html

    for port, runtime, _ in instances:
        socket_path = runtime / f"gunicorn-127.0.0.1-{port}.ctl"
        deadline = time.monotonic() + 10
        while not socket_path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        # Each control socket answers for its own instance.
        listeners = subprocess.run(
            [BIN / "gunicornc", "--socket", socket_path, "--command", "show listeners", "--json"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert listeners.returncode == 0, listeners.stdout + listeners.stderr
        assert f"127.0.0.1:{port}" in listeners.stdout
        others = [other for other, _, _ in instances if other != port]
        assert all(f":{other}" not in listeners.stdout for other in others)

    # Stopped as systemd stops them, they finish cleanly and leave nothing behind. Both are asked
    # at once: each takes a second or two to finish.
    for _, _, process in instances:
        process.terminate()
    for _, runtime, process in instances:
        output = process.communicate(timeout=30)[0]
        assert process.returncode == 0, output
        # The access log goes to standard output, for the journal.
        assert '"GET / HTTP/1.1" 200' in output
        assert list(runtime.iterdir()) == []
