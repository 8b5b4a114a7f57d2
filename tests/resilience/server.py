"""gunicorn serving the app as in production, in a process group of its own so a test can kill all of it.

The server runs ``app:app`` from the project root with production settings (``APP_ENV=production``,
real CSRF protection, rate limits in memory) and the sync workers the README deploys with. It binds
port 0 and reports the port the system chose, so servers of parallel test processes never collide.
"""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")
# Settings a developer's shell may carry that must not reach the test server.
_INHERITED_SETTINGS = ("DATABASE_URL", "REDIS_URL", "JOB_QUEUE", "MAIL_SERVER", "PROXY_COUNT", "SESSION_COOKIE_SECURE")


class ServerFailed(AssertionError):
    """The server did not come up (its log says why)."""


class Gunicorn:
    """One gunicorn master and its workers on one database; start, kill, stop."""

    def __init__(self, database_url: str, log_path: Path, workers: int = 2, secret_key: str | None = None):
        self.database_url = database_url
        self.log_path = log_path
        self.workers = workers
        # The same key across restarts keeps the clients' session cookies valid, as on a real redeploy.
        self.secret_key = secret_key or uuid.uuid4().hex
        self.process: subprocess.Popen | None = None
        self.url = ""
        self._log_start = 0

    def _environment(self) -> dict:
        env = {name: value for name, value in os.environ.items() if name not in _INHERITED_SETTINGS}
        env.update(
            APP_ENV="production",
            SECRET_KEY=self.secret_key,
            PUBLIC_URL="http://127.0.0.1",
            DATABASE_URL=self.database_url,
            # Empty rather than absent, so that a .env file cannot fill them in.
            REDIS_URL="",
            MAIL_SERVER="",
            JOB_QUEUE="thread",
            RATELIMIT_NAMESPACE=f"resilience-{uuid.uuid4().hex}",
        )
        return env

    def start(self, timeout: float = 60.0) -> str:
        """Start the server and wait until it answers; return its address. Raises ServerFailed."""
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self.workers),
            "--bind",
            "127.0.0.1:0",
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
            # Its default socket lives in the home directory, shared by every server on the machine.
            "--no-control-socket",
            "app:app",
        ]
        # Only what this start writes counts: the log may hold an earlier run's address.
        self._log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
                command, cwd=ROOT, env=self._environment(), stdout=log, stderr=log, start_new_session=True
            )
        self.url = self._wait_for_address(timeout)
        self._wait_until_answering(timeout)
        return self.url

    def log(self) -> str:
        """Everything the server wrote since it was last started."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(self._log_start)
            return log.read().decode(errors="replace")

    def _wait_for_address(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = _LISTENING.findall(self.log())
            if found:
                return found[-1]
            if self.process.poll() is not None:
                raise ServerFailed(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            time.sleep(0.05)
        raise ServerFailed(f"gunicorn did not listen within {timeout} s:\n{self.log()}")

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/login", timeout=timeout) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise ServerFailed(f"gunicorn exited with {self.process.returncode}:\n{self.log()}") from None
                time.sleep(0.1)
        raise ServerFailed(f"gunicorn did not answer within {timeout} s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a power cut or the OOM killer would."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Shut down gracefully; kill the group if it takes longer than ten seconds. Safe to call twice."""
        if self.process is None:
            return
        try:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            # Workers outliving their master would keep the database open.
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
