"""Small HTTP helpers shared by the desk's replay, fault and benchmark scripts (stdlib only).
They talk only to a khabar server of ours on 127.0.0.1."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Desk:
    """A `khabar serve` process we start, kill and restart."""

    def __init__(self, binary, db, port=None, token="bench-token", log=None, extra=()):
        self.binary, self.db, self.token = binary, db, token
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "ab") if log else subprocess.DEVNULL
        self.extra = list(extra)
        self.process = None

    def start(self, timeout=60):
        """Starts the server and returns the seconds until /health answers."""
        started = time.monotonic()
        self.process = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--port", str(self.port), "--token", self.token] + self.extra,
            stdout=self.log, stderr=self.log)
        while time.monotonic() - started < timeout:
            try:
                self.get("/health", timeout=1)
                return time.monotonic() - started
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"khabar serve exited with {self.process.returncode}")
                time.sleep(0.02)
        raise RuntimeError("khabar serve did not answer /health in time")

    def wait_ready(self, timeout=600):
        """Waits until the desk has replayed its store (ingest is possible)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.get("/health")["status"] == "ok":
                return time.monotonic() - started
            time.sleep(0.05)
        raise RuntimeError("the desk did not finish its replay in time")

    def kill9(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()

    def peak_rss_kb(self):
        try:
            with open(f"/proc/{self.process.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None

    def request(self, method, path, body=None, content_type="application/json", timeout=60):
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def get(self, path, timeout=60):
        status, body = self.request("GET", path, timeout=timeout)
        if status != 200:
            raise RuntimeError(f"GET {path} → {status}: {body[:200]!r}")
        return json.loads(body)

    def post_articles(self, lines, timeout=120):
        """POSTs JSON Lines; returns the parsed answer, or raises OSError when the server is gone."""
        status, body = self.request("POST", "/api/articles", "\n".join(lines).encode(), "application/x-ndjson", timeout)
        return status, json.loads(body) if body else {}


def read_jsonl(path, limit=None):
    """Article lines of a .jsonl or .jsonl.xz file."""
    if path.endswith(".xz"):
        import lzma
        f = lzma.open(path, "rt", encoding="utf-8")
    else:
        f = open(path, encoding="utf-8")
    with f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    return lines[:limit] if limit else lines


def fresh_store(workdir, name):
    """The path of an empty store NAME in WORKDIR (made when missing; an old store removed)."""
    os.makedirs(workdir, exist_ok=True)
    db = os.path.join(workdir, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return db
