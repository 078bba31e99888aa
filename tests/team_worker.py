"""An answering process of a team deployment, driven by the tests over stdin/stdout.

It does what `policydesk ask` does for each question (the library `ask`, then the log) but
keeps the model loaded between questions and answers with several threads at once, the way
an app process serves several moderators. One JSON command a line in, one JSON reply a line out:

    {"items": [{"key": "k1", "q": "...", "market": "SG"}, ...], "threads": 4}
    -> {"results": [{"key", "verdict", "citations": [...], "error", "log_error"}, ...]}

Settings come from the environment (POLICYDESK_STORE, _CHROMA_URL, _DATABASE_URL, …).
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from policydesk.assistant.chain import ask  # noqa: E402
from policydesk.core import querylog  # noqa: E402
from policydesk.core.errors import PolicydeskError  # noqa: E402
from policydesk.core.settings import Settings  # noqa: E402
from policydesk.core.types import Filters  # noqa: E402


def one(settings: Settings, item: dict) -> dict:
    out: dict = {"key": item["key"], "q": item["q"], "error": None, "log_error": None}
    try:
        answer = ask(item["q"], filters=Filters(market=item.get("market")), settings=settings)
    except PolicydeskError as exc:
        out["error"] = str(exc)
        return out
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        out["error"] = f"UNEXPECTED {type(exc).__name__}: {exc}"
        return out
    out["verdict"] = answer.verdict
    out["citations"] = [
        {"source": c.source, "chunk_id": c.chunk_id, "version": c.version, "quote": c.quote, "clause_id": c.clause_id}
        for c in answer.citations
    ]
    try:
        querylog.log_answer(settings, answer, session_id=item["key"])
    except PolicydeskError as exc:
        out["log_error"] = str(exc)
    return out


def main() -> None:
    settings = Settings()
    from policydesk.core.embedding import embedder_for

    embedder_for(settings).encode(["warm up"])  # load the model before the test starts its clock
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        with ThreadPoolExecutor(max_workers=int(cmd.get("threads", 1))) as pool:
            results = list(pool.map(lambda it: one(settings, it), cmd["items"]))
        print(json.dumps({"results": results}), flush=True)


if __name__ == "__main__":
    main()
