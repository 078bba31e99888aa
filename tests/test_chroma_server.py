"""Server mode: ingest and ask against a real `chroma run` server on a free loopback port."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from policydesk.core.settings import Settings

CHROMA = Path(sys.executable).parent / "chroma"
SERVER_CORPUS = ("alcohol.md", "dating.md", "tobacco-and-vaping.txt")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """A `chroma run` process we start, stop and restart on the same port and data path."""

    def __init__(self, path: Path, port: int | None = None):
        self.path = path
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> ChromaServer:
        self.proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited: {self.proc.stderr.read().decode(errors='replace')[-1500:]}")
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"chroma run did not answer on {self.url} within {timeout}s")

    def kill(self) -> None:
        """An abrupt stop (SIGKILL), as a crashed or OOM-killed server would."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def small_corpus(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in SERVER_CORPUS:
        shutil.copy2(src / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    server = ChromaServer(tmp_path_factory.mktemp("chroma-data")).start()
    yield server
    server.stop()


@pytest.mark.chromaserver
@pytest.mark.slow
def test_ingest_and_ask_through_a_chroma_server(chroma_server, tmp_path, corpus_dir):
    import chromadb

    from policydesk.assistant.chain import ask
    from policydesk.core.store import load_catalog
    from policydesk.ingest.pipeline import ingest_paths

    corpus = small_corpus(corpus_dir, tmp_path / "corpus")
    settings = Settings(store=tmp_path / "store", chroma_url=chroma_server.url, collection="server-test")
    report = ingest_paths([corpus], settings)
    assert not report.failed and report.chunks > 0 and report.embedded == report.chunks

    # The vectors live in the server, not in an embedded store beside the catalog.
    assert not (settings.store_dir / "chroma").exists()
    remote = chromadb.HttpClient(host="127.0.0.1", port=chroma_server.port).get_collection("server-test")
    catalog = load_catalog(settings)
    assert set(remote.get(include=[])["ids"]) == set(catalog.chunks)

    answer = ask("Can alcohol ads run in Indonesia?", settings=settings)
    assert answer.citations, answer.answer
    assert answer.citations[0].source == "alcohol.md"
    assert all(c.chunk_id in catalog.chunks for c in answer.citations)

    # Re-ingest against the server is incremental too.
    again = ingest_paths([corpus], settings)
    assert again.embedded == 0 and sorted(again.unchanged) == sorted(SERVER_CORPUS)


@pytest.mark.chromaserver
def test_unreachable_server_is_a_clear_error(tmp_path, corpus_dir):
    from policydesk.core.errors import StoreUnavailableError
    from policydesk.ingest.pipeline import ingest_paths

    url = f"http://127.0.0.1:{free_port()}"
    settings = Settings(store=tmp_path / "store", chroma_url=url)
    with pytest.raises(StoreUnavailableError, match=r"127\.0\.0\.1.*(start it|running)"):
        ingest_paths([small_corpus(corpus_dir, tmp_path / "corpus")], settings)
    # Nothing was committed: the catalog does not claim chunks the server never got.
    assert not (settings.store_dir / "catalog" / "CURRENT").exists()
