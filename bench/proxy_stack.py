"""Two gunicorn app servers running the production settings behind Varnish
(deploy/varnish/default.vcl), every process on a free loopback port and stopped, with its workers,
by its own process group id: for bench/proxy_bench.py and tests/test_varnish.py.

The app servers share the database `DATABASE_URL` names; purges go to Varnish's purge port
(FRONTEND_CACHE_URL). Varnish runs in the foreground with its own work folder.
"""

import http.client
import json
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARNISHD = Path(os.environ.get("VARNISHD", "/usr/sbin/varnishd"))
VARNISHADM = Path(os.environ.get("VARNISHADM", "/usr/bin/varnishadm"))
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
PUBLIC_HOST = "trainings.example.org"  # the host name the shipped health probe asks for

# Run by `manage.py shell -c` once (see ProxyStack.shell): for each line of JSON on its standard
# input, a piece of code, it forks, runs the code in the child as `shell -c` would and answers one
# line of JSON on its standard output: what the code printed, and its traceback if it failed.
SHELL_SERVER = """
import io, json, os, sys, traceback
from contextlib import redirect_stdout
from django.db import connections

for line in sys.stdin:
    code = json.loads(line)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        # Anything written straight to the standard output goes to the log instead of the answers.
        os.dup2(2, 1)
        printed, failed = io.StringIO(), None
        try:
            with redirect_stdout(printed):
                exec(code, {"__name__": "__main__"})
        except BaseException:
            failed = traceback.format_exc()
        connections.close_all()
        with os.fdopen(write, "w") as answer:
            json.dump({"output": printed.getvalue(), "error": failed}, answer)
        sys.stderr.flush()
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        reply = answer.read()
    os.waitpid(child, 0)
    sys.stdout.write((reply or json.dumps({"output": "", "error": "the child died"})) + "\\n")
    sys.stdout.flush()
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process {process.args[:3]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


class ProxyStack:
    """Two app servers behind one Varnish, and ways to reach them. `database_url` defaults to a
    SQLite file in `folder`; `env` adds to or overrides the app servers' environment."""

    def __init__(self, folder, database_url=None, env=None):
        self.folder = Path(folder)
        self.processes = []
        self.shell_server = None
        self.public_port, self.purge_port = free_port(), free_port()
        self.app_ports = [free_port(), free_port()]
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "PAGE_CACHE_SECONDS")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            SECURE_SSL_REDIRECT="false",
            ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
            DATABASE_URL=database_url or f"sqlite:///{self.folder / 'site.sqlite3'}",
            # Collected here, never into the checkout's own static folder.
            STATIC_ROOT=str(self.folder / "static"),
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{self.purge_port}",
            # Pages are purged at the address visitors ask Varnish for.
            WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{self.public_port}",
        )
        self.env.update(env or {})

    def manage(self, *args):
        return self.manage_together(args)[0]

    def manage_together(self, *commands):
        """Run manage.py commands (each a tuple of arguments) side by side; their outputs in order.
        Raises when any of them fails."""
        running = [
            # This project's own manage.py.
            subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in commands
        ]
        outputs = []
        for args, process in zip(commands, running, strict=True):
            stdout, stderr = process.communicate(timeout=300)
            if process.returncode != 0:
                raise RuntimeError(f"manage.py {args[0]} failed:\n{stderr}")
            outputs.append(stdout)
        return outputs

    def shell(self, code, timeout=300):
        """Run Python code as `manage.py shell --no-imports -c code` would, in a process of its own
        with the app servers' settings, and return what it printed; raises when the code fails.

        The process is a fork of one `manage.py shell` started on the first call (SHELL_SERVER),
        which has loaded Django and the site and done nothing else: each piece of code still starts
        where a new `manage.py shell` would (no database connection, an empty local cache) without
        the seconds every new process spends loading them."""
        if self.shell_server is None:
            log = open(self.folder / "shell.out", "w")  # noqa: SIM115 - closed in stop()
            # This project's own manage.py, running the code above.
            self.shell_server = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHELL_SERVER],
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,
            )
            self.processes.append((self.shell_server, log))
        self.shell_server.stdin.write(json.dumps(code) + "\n")
        self.shell_server.stdin.flush()
        # One line answers each piece of code.
        if not select.select([self.shell_server.stdout], [], [], timeout)[0]:
            raise RuntimeError(f"manage.py shell gave no answer in {timeout} seconds")
        line = self.shell_server.stdout.readline()
        if not line:
            raise RuntimeError(f"manage.py shell stopped:\n{(self.folder / 'shell.out').read_text()}")
        answer = json.loads(line)
        if answer["error"]:
            raise RuntimeError(f"manage.py shell failed:\n{answer['error']}")
        return answer["output"]

    def start(self, args, port, name, wait=True):
        log = open(self.folder / f"{name}.out", "w")  # noqa: SIM115 - closed in stop()
        # Only gunicorn and varnishd, with arguments built here; each with its workers in a process
        # group of their own, which stop() ends.
        process = subprocess.Popen(  # noqa: S603
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append((process, log))
        if wait:
            wait_for_port(port, process)
        return process

    def start_app_servers(self, workers=2, threads=1, meanwhile=None):
        """Both app servers, started side by side, each answering once all its workers have loaded.
        With `threads` above one, each worker answers that many requests at once. `meanwhile()`,
        if given, runs while they load, before either is sent a request: the site's content can be
        built then (with `shell`) instead of before they start."""
        started = []
        for number, port in enumerate(self.app_ports, start=1):
            command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", str(workers), "--access-logfile", str(self.access_log(number))]
            # Each its own control socket: by default every gunicorn of the user shares one, so two
            # stacks running at once (parallel tests, a bench beside them) would take it from each other.
            command += ["--control-socket", str(self.folder / f"app{number}.ctl")]
            if threads > 1:
                command += ["--threads", str(threads)]
            started.append((port, self.start(command, port, f"app{number}", wait=False)))
        if meanwhile is not None:
            meanwhile()
        for port, process in started:
            wait_for_port(port, process)
            # Its workers load the site on their first request; answer the health probe at once.
            for _worker in range(workers):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/robots.txt", headers={"Host": PUBLIC_HOST})
                connection.getresponse().read()
                connection.close()

    def access_log(self, number):
        return self.folder / f"app{number}-access.log"

    def start_varnish(self):
        vcl = VCL.read_text()
        for number, port in enumerate(self.app_ports, start=1):
            vcl, replaced = re.subn(
                rf'(backend app{number} \{{\s*\.host = )"[^"]+";\s*\.port = "\d+";',
                rf'\1"127.0.0.1"; .port = "{port}";',
                vcl,
            )
            if replaced != 1:
                raise RuntimeError(f"{VCL} no longer names backend app{number} as expected")
        (self.folder / "default.vcl").write_text(vcl)
        self.varnish_dir = self.folder / "varnish"
        command = [str(VARNISHD), "-F", "-j", "none", "-n", str(self.varnish_dir)]
        command += ["-f", str(self.folder / "default.vcl"), "-s", "malloc,64m"]
        command += ["-a", f"public=127.0.0.1:{self.public_port}", "-a", f"purge=127.0.0.1:{self.purge_port}"]
        self.start(command, self.public_port, "varnish")
        deadline = time.monotonic() + 60
        while self.healthy_backends() != ["app1", "app2"]:
            if time.monotonic() > deadline:
                raise RuntimeError("the app servers never passed Varnish's health probe")
            time.sleep(0.1)

    def healthy_backends(self):
        """The app servers Varnish's health probe finds healthy, from `varnishadm backend.list`."""
        result = subprocess.run(  # noqa: S603 - Varnish's own admin tool
            [str(VARNISHADM), "-n", str(self.varnish_dir), "backend.list"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        rows = [line.split() for line in result.stdout.splitlines()]
        return sorted(
            row[0].split(".")[-1]
            for row in rows
            if len(row) > 3 and row[3] == "healthy" and row[0] != "boot.app"
        )

    def stop(self):
        """End every process started here, with its workers (or forks), at once. Nothing they hold
        needs a graceful stop, which would take seconds: a gunicorn worker notices it is asked to
        stop a second later at most, and a process with the site loaded takes about as long again
        to free its memory on the way out."""
        for process, _log in self.processes:
            # A process already waited for has left its group too; its id may be another's now.
            if process.returncode is None:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
        for process, log in self.processes:
            process.wait()
            log.close()
        if self.shell_server is not None:
            self.shell_server.stdin.close()
            self.shell_server.stdout.close()
            self.shell_server = None
        self.processes = []

    def request(self, path, method="GET", headers=None):
        """(status, headers with lower-case names, body) for one request through Varnish."""
        connection = http.client.HTTPConnection("127.0.0.1", self.public_port, timeout=30)
        try:
            connection.request(
                method, path, headers={"Host": f"127.0.0.1:{self.public_port}", **(headers or {})}
            )
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def get(self, path, **headers):
        """(headers, text) of a page that must answer 200."""
        status, response_headers, body = self.request(path, headers=headers)
        if status != 200:
            raise AssertionError(f"{path} answered {status}")
        return response_headers, body.decode()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
