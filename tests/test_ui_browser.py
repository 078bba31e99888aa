"""A real browser against a real `policydesk ui` server: ask, see the verdict and a citation."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"policydesk ui exited with {proc.returncode}: {err[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"policydesk ui did not become healthy at {url} within {timeout}s")


@pytest.fixture
def ui_store(sample_store, tmp_path):
    """A copy of the sample store: the server writes its query log, the shared store stays read-only."""
    from policydesk.core.settings import Settings

    dest = tmp_path / "store"
    shutil.copytree(sample_store.store_dir, dest, ignore=shutil.ignore_patterns("queries.sqlite*", "ingest.lock"))
    return Settings(store=dest)


@pytest.fixture
def ui_server(ui_store, tmp_path, repo_root):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    port = _free_port()
    exe = Path(sys.executable).with_name("policydesk")
    env = {**os.environ, "POLICYDESK_RUNS_DIR": str(tmp_path / "runs"), "POLICYDESK_REVIEWER": "browser-tester"}
    proc = subprocess.Popen(
        [str(exe), "ui", "--store", str(ui_store.store_dir), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=repo_root, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_ask_in_real_browser_shows_verdict_and_citation(ui_server, ui_store, repo_root):
    from playwright.sync_api import expect, sync_playwright

    from policydesk.core import querylog

    artifacts = repo_root / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    before = querylog.count_rows(ui_store)["queries"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            # a deep link as the server's very first request still gets the app's navigation
            page.goto(ui_server + "/runs", wait_until="domcontentloaded")
            nav = page.locator("[data-testid=stSidebarNav]")
            expect(nav.get_by_text("Ask policydesk")).to_be_visible(timeout=90_000)
            expect(nav.get_by_text("Policy writer")).to_be_visible()
            page.goto(ui_server, wait_until="domcontentloaded")
            box = page.locator("[data-testid=stChatInput] textarea")
            expect(box).to_be_visible(timeout=90_000)
            box.fill("Can a casino advertise in Singapore?")
            box.press("Enter")
            # the first answer also loads the embedding model in the server
            expect(page.get_by_text("Sources", exact=True)).to_be_visible(timeout=180_000)
            answer = page.locator("[data-testid=stChatMessage]").nth(1)
            label = answer.locator(".pd-verdict-label").inner_text()
            assert label in ("APPROVE", "RESTRICT", "REJECT", "ESCALATE"), label
            source = answer.locator(".pd-verdict-source").inner_text()
            assert re.search(r"declared in the policy|inferred from the policy wording", source) or label == "ESCALATE", source
            expect(answer.locator("summary").filter(has_text="Why this verdict")).to_be_visible()
            assert answer.locator(".pd-route-label").inner_text() in ("AUTO", "REVIEW")
            # the first citation's expander (the "Why this verdict" one comes before the sources)
            expander = answer.locator("[data-testid=stExpander]").filter(has=page.locator("summary").filter(has_text=re.compile(r"\[1\] \S+\.(md|pdf|html|txt)"))).first
            expect(expander).to_be_visible()
            label = expander.locator("summary").inner_text()
            assert re.search(r"\[1\] \S+\.(md|pdf|html|txt)", label), label
            expander.locator("summary").click()
            mark = expander.locator("mark").first
            expect(mark).to_be_visible(timeout=10_000)
            assert len(mark.inner_text()) > 20
            link = expander.get_by_text("Open in the policy document")
            expect(link).to_be_visible()
            page.wait_for_timeout(500)
            page.screenshot(path=str(artifacts / "ui-chat.png"), full_page=True)

            # the citation opens the document at the cited section, in the same session
            link.click()
            expect(page.get_by_text("Cited section", exact=False)).to_be_visible(timeout=30_000)
            page.wait_for_timeout(800)
            page.screenshot(path=str(artifacts / "ui-document.png"))
        finally:
            browser.close()
    assert querylog.count_rows(ui_store)["queries"] == before + 1
