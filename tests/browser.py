"""Headless Chromium for the page tests, driven over the DevTools protocol on a pipe.

The pages are loaded as shipped (their Content-Security-Policy forbids any script of their own); a
probe script is evaluated in the page by the protocol, and measures what only a browser can tell: a
header that stays put after scrolling, rows laid out as cards, cells that do not overflow. The window
size is set by device-metrics emulation, because a headless window will not shrink below 500 px and a
phone is narrower. Screenshots and a PDF come from the same session. No dependency: the protocol is
JSON messages separated by NUL bytes on file descriptors 3 (to the browser) and 4 (from it).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

DESKTOP = (1366, 900)
PHONE = (390, 844)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


def chromium_or_skip() -> str:
    """The browser, or a skip that says why. .ci/run sets TRASLADO_REQUIRE_BROWSER, and there a missing
    browser fails instead: the page tests must never pass by not running."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    message = "Chromium is not installed (apt-get install chromium): the pages were not checked in a browser"
    if os.environ.get("TRASLADO_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


class Chromium:
    """One headless browser with a fresh profile, and one page in it."""

    def __init__(self, executable: str, timeout: float = 60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="traslado-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def descriptors() -> None:  # in the child: the protocol's fixed descriptors 3 and 4
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)  # neither is 3 or 4 now
            os.dup2(reading, 3)  # inheritable, unlike the originals
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=descriptors,
            close_fds=False,  # our pipe ends are close-on-exec; only 3 and 4 are inherited
            env={**os.environ, "HOME": self.profile},
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict] = []
        target = next(t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Runtime.enable", session=True)
        self.send("Log.enable", session=True)

    # -- the protocol
    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = False, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event: str) -> dict:
        for i, seen in enumerate(self.events):
            if seen.get("method") == event:
                return self.events.pop(i)
        while True:
            reply = self._read()
            if reply.get("method") == event:
                return reply
            self.events.append(reply)

    # -- what the tests do
    def open(self, path: Path, size: tuple[int, int], mobile: bool = False) -> None:
        width, height = size
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.events.clear()
        self.send("Page.navigate", session=True, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, script: str):
        """A function body run in the page; its return value, as JSON data."""
        reply = self.send(
            "Runtime.evaluate",
            session=True,
            expression=f"(function(){{{script}}})()",
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in reply:
            raise AssertionError(f"probe failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, out: Path) -> Path:
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        out.write_bytes(base64.b64decode(data))
        return out

    def pdf(self, out: Path) -> bytes:
        data = self.send("Page.printToPDF", session=True, preferCSSPageSize=True, printBackground=False)["data"]
        out.write_bytes(base64.b64decode(data))
        return out.read_bytes()

    def console_errors(self) -> list[dict]:
        """Messages the page raised: a violated Content-Security-Policy, a resource it tried to load."""
        kinds = ("Runtime.exceptionThrown", "Log.entryAdded")
        return [e for e in self.events if e.get("method") in kinds]

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, ConnectionError, RuntimeError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)
