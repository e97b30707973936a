"""gunicorn's settings for the site: `gunicorn --config deploy/gunicorn.conf.py`.

Several instances may run on one machine (deploy/systemd/trainings@.service runs one per port), so
everything an instance owns is named after its address, its control socket included: gunicorn's
default socket path is the same for every instance of a user, and the last one started would take
it over from the others.
"""

import os
import re
from pathlib import Path

wsgi_app = "config.wsgi:application"
# The project folder, whichever folder gunicorn is started from.
chdir = str(Path(__file__).resolve().parent.parent)

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
# Sync workers: one request at a time each. gunicorn's usual advice is two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout

# "-" is standard output, which systemd hands to the journal.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

instance = re.sub(r"[^A-Za-z0-9.]+", "-", bind[0]).strip("-")
proc_name = f"trainings-{instance}"

# The control socket (for `gunicornc`): in the instance's own runtime folder under systemd
# (RuntimeDirectory=), otherwise beside gunicorn's default, named after the address. Set
# GUNICORN_CONTROL_SOCKET to a path of your own, or to "off" for none.
_control = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if _control.lower() == "off":
    control_socket_disable = True
elif _control:
    control_socket = _control
else:
    _folder = os.environ.get("RUNTIME_DIRECTORY") or os.environ.get("XDG_RUNTIME_DIR") or "~/.gunicorn"
    control_socket = os.path.join(os.path.expanduser(_folder), f"gunicorn-{instance}.ctl")
