"""make serve: a live preview that rebuilds when a page, the string table or a PO changes."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import polib
import pytest

from conftest import PROJECT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
        except (OSError, http.client.HTTPException):
            page = ""  # not serving yet, or the page was cut short as it was rewritten
        if text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds}s")


@pytest.fixture
def preview(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.mo", "__pycache__", ".pytest_cache", "build"))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "hoc.cli", "--project", str(root), "serve", "--lang", "fr",
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield root, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
    # Stopping `hoc serve` stops the server itself: nothing is left listening.
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_preview_reloads_on_po_and_string_table_edits(preview):
    root, url = preview
    page = f"{url}/how-to/districts.html"
    wait_for(page, "Recrutez des écoles.")
    po = root / "locale" / "fr" / "LC_MESSAGES" / "how-to" / "districts.po"
    catalog = polib.pofile(str(po))
    entry = next(e for e in catalog if e.msgid.startswith("**Recruit schools.**"))
    entry.msgstr = entry.msgstr.replace("Recrutez des écoles.", "Mobilisez les écoles.")
    catalog.save()
    wait_for(page, "Mobilisez les écoles.")
    strings = root / "locale" / "fr" / "LC_MESSAGES" / "strings.po"
    catalog = polib.pofile(str(strings))
    next(e for e in catalog if e.msgctxt == "nav_how_to_events").msgstr = "Événements !"
    catalog.save()
    wait_for(page, "Événements !")
