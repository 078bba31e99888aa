"""PolicyQA retrieval benchmark: policydesk's retrieval against the plain LangChain recipe.

PolicyQA (SQuAD 1.1 format, website privacy policies) is an external check nobody on the
team wrote. Per its README (/work/shared/benchmarks/policyqa/README.md):

- each policy is one document: its paragraphs joined by blank lines, named by its title;
- each question is asked restricted to its own policy;
- a question is a hit at budget B when a gold answer span (lower-cased, whitespace folded)
  occurs inside the first B characters of the retrieved passages concatenated in rank order
  (blank-line separated). A character budget, not a chunk count, keeps big chunks honest.

policydesk side: every policy is written as `<title>.txt` (first line the title, then the
paragraphs) and goes through the real `ingest_paths` into a temporary store; questions go
through `HybridRetriever` with `Filters(policy_id=...)`, the policy id ingest derived from
the file name. Baseline side, in the same run: RecursiveCharacterTextSplitter(1000, 200),
the same all-MiniLM-L6-v2 (our packaged copy), langchain-chroma in a temporary directory,
dense top-k with a metadata filter on the policy.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from policydesk.core.errors import InputError
from policydesk.core.settings import Settings

BUDGETS: tuple[int, ...] = (1000, 2000, 4000)
TOP_K = 20  # enough passages to fill the largest budget with either chunker
SEPARATOR = "\n\n"
BASELINE_CHUNK, BASELINE_OVERLAP = 1000, 200

Progress = Callable[[str, int, int], None]  # (stage, done, total)

_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    return _WS.sub(" ", text.lower()).strip()


class PolicyDoc(BaseModel):
    title: str
    text: str


class QAItem(BaseModel):
    id: str
    question: str
    answers: list[str]
    policy: str  # title of its policy


class SquadSet(BaseModel):
    policies: list[PolicyDoc]
    questions: list[QAItem]


def load_squad(path: str | Path) -> SquadSet:
    """Read a SQuAD 1.1 file into policies and questions, with a clear error for anything else."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} does not exist or is not a file; pass a SQuAD 1.1 JSON file such as PolicyQA dev.json")
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text") from exc
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, list) or not data:
        raise InputError(f"{p}: expected SQuAD 1.1 JSON with a non-empty top-level `data` list of policies")
    policies, questions, titles = [], [], set()
    for i, pol in enumerate(data):
        try:
            title = str(pol["title"]).strip()
            paras = pol["paragraphs"]
            contexts = [str(par["context"]) for par in paras]
        except (KeyError, TypeError) as exc:
            raise InputError(f"{p}: data[{i}] needs `title` and `paragraphs` with a `context` each (missing {exc})") from exc
        if not title or title in titles:
            raise InputError(f"{p}: data[{i}] has an empty or repeated title {title!r}; titles name the documents")
        titles.add(title)
        policies.append(PolicyDoc(title=title, text=SEPARATOR.join(c.strip() for c in contexts)))
        for j, par in enumerate(paras):
            for k, qa in enumerate(par.get("qas", [])):
                try:
                    answers = [str(a["text"]) for a in qa["answers"] if str(a["text"]).strip()]
                    item = QAItem(id=str(qa.get("id") or f"{i}.{j}.{k}"), question=str(qa["question"]), answers=answers, policy=title)
                except (KeyError, TypeError) as exc:
                    raise InputError(f"{p}: data[{i}].paragraphs[{j}].qas[{k}] needs `question` and `answers` (missing {exc})") from exc
                if item.answers and item.question.strip():
                    questions.append(item)
    if not questions:
        raise InputError(f"{p}: no questions with answers found")
    return SquadSet(policies=policies, questions=questions)


def sample_questions(questions: Sequence[QAItem], limit: int | None, seed: int = 0) -> list[QAItem]:
    """A deterministic sample (same file, same limit, same questions), in file order."""
    if limit is None or limit >= len(questions):
        return list(questions)
    if limit <= 0:
        raise InputError(f"--limit must be a positive number of questions (got {limit})")
    keep = sorted(random.Random(seed).sample(range(len(questions)), limit))
    return [questions[i] for i in keep]


def hits(pieces: Sequence[str], answers: Sequence[str], budgets: Sequence[int] = BUDGETS) -> dict[int, bool]:
    """For each budget B: is some folded gold answer inside the first B characters of the context?"""
    context = SEPARATOR.join(pieces)
    gold = [fold(a) for a in answers if a.strip()]
    return {b: any(g in fold(context[:b]) for g in gold) for b in budgets}


def safe_filename(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", title).strip("._") or "policy"


# --------------------------------------------------------------------------- pipelines


class PolicydeskPipeline:
    """Ingest through the real pipeline into a temporary store; retrieve with HybridRetriever."""

    name = "policydesk"

    def __init__(self, settings: Settings, workdir: Path, k: int = TOP_K, packing: bool = False):
        self.settings = settings.model_copy(update={"store": workdir / "store", "chroma_url": None})
        self.docs_dir = workdir / "docs"
        self.k = k
        self.packing = packing
        self.policy_ids: dict[str, str] = {}

    def index(self, policies: Sequence[PolicyDoc], progress: Progress | None = None) -> None:
        from policydesk.core.store import load_catalog
        from policydesk.ingest.pipeline import ingest_paths

        self.docs_dir.mkdir(parents=True, exist_ok=True)
        source_of: dict[str, str] = {}
        used: set[str] = set()
        for pol in policies:
            name = safe_filename(pol.title)
            while name.lower() in used:
                name += "_"
            used.add(name.lower())
            (self.docs_dir / f"{name}.txt").write_text(f"{pol.title}\n\n{pol.text}\n", encoding="utf-8")
            source_of[pol.title] = f"{name}.txt"
        report = ingest_paths([self.docs_dir], self.settings, progress=(lambda s, d, t: progress(f"policydesk {s}", d, t)) if progress else None)
        if report.failed:
            raise InputError(f"policydesk ingest failed for {len(report.failed)} policies: {report.failed[:3]}")
        docs = load_catalog(self.settings).documents
        self.policy_ids = {title: docs[src].policy_id for title, src in source_of.items()}

    def retriever(self):
        from policydesk.assistant.retrieve import HybridRetriever

        return HybridRetriever(self.settings)

    def context(self, item: QAItem, retriever=None) -> list[str]:
        from policydesk.core.types import Filters

        retriever = retriever or self.retriever()
        found = retriever.retrieve(item.question, Filters(policy_id=self.policy_ids[item.policy]), self.k)
        if not self.packing:
            return [sc.chunk.text for sc in found]
        # Opt-in: what the answerer would read if the chain packed sentences (assistant.packing).
        from policydesk.assistant.packing import POOL, pack_sentences
        from policydesk.core.embedding import embedder_for

        from policydesk.assistant.sentence_vectors import SENTENCES
        from policydesk.core.sentence_store import sentence_store

        embedder = embedder_for(self.settings)
        pool = found[:POOL]
        vectors = SENTENCES.get_many([sc.chunk for sc in pool], embedder, sentence_store(self.settings))
        packed = pack_sentences(
            item.question, pool, lambda texts: embedder.encode(texts, threads=1), embedder.encode_query(item.question), vectors
        )
        return [p.text for p in packed] + [sc.chunk.text for sc in found[POOL:]]


class LangChainBaseline:
    """The plain recipe: recursive 1000/200 splits, same model, Chroma, dense top-k per policy."""

    name = "langchain_baseline"

    def __init__(self, settings: Settings, workdir: Path, k: int = TOP_K):
        self.settings = settings
        self.dir = workdir / "baseline-chroma"
        self.k = k
        self.store = None

    def index(self, policies: Sequence[PolicyDoc], progress: Progress | None = None) -> None:
        import chromadb
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from policydesk.core.embedding import LangChainEmbeddings, embedder_for

        splitter = RecursiveCharacterTextSplitter(chunk_size=BASELINE_CHUNK, chunk_overlap=BASELINE_OVERLAP)
        client = chromadb.PersistentClient(path=str(self.dir), settings=chromadb.config.Settings(anonymized_telemetry=False))
        self.store = Chroma(
            collection_name="policyqa_baseline",
            embedding_function=LangChainEmbeddings(embedder_for(self.settings)),
            client=client,
        )
        for i, pol in enumerate(policies):
            pieces = splitter.split_text(pol.text)
            self.store.add_texts(pieces, metadatas=[{"policy": pol.title}] * len(pieces))
            if progress:
                progress("baseline index", i + 1, len(policies))

    def context(self, item: QAItem, retriever=None) -> list[str]:
        docs = self.store.similarity_search(item.question, k=self.k, filter={"policy": item.policy})
        return [d.page_content for d in docs]


# --------------------------------------------------------------------------- run


class PipelineScore(BaseModel):
    hits: dict[int, int] = Field(default_factory=dict)  # budget -> questions hit
    index_seconds: float = 0.0
    query_seconds: float = 0.0

    def rates(self, n: int) -> dict[str, float]:
        return {f"hit@{b}": (h / n if n else 0.0) for b, h in sorted(self.hits.items())}


class PolicyQAResult(BaseModel):
    policydesk: dict[str, float]
    langchain_baseline: dict[str, float]
    n_questions: int
    seconds: float
    n_policies: int = 0
    limit: int | None = None
    ratio_hit2000: float | None = None
    packing: bool = False  # True: policydesk side read through assistant.packing (not the chain's default)
    timing: dict[str, dict[str, float]] = Field(default_factory=dict)

    def to_json(self) -> dict:
        """The `--out` document: the contract keys first, extras after."""
        return self.model_dump(mode="json")


def run_policyqa(
    path: str | Path,
    settings: Settings,
    limit: int | None = None,
    progress: Progress | None = None,
    budgets: Sequence[int] = BUDGETS,
    k: int = TOP_K,
    workdir: Path | None = None,
    packing: bool = False,
) -> PolicyQAResult:
    """Index the policies the sampled questions need with both pipelines and score hit@B."""
    t0 = time.perf_counter()
    squad = load_squad(path)
    questions = sample_questions(squad.questions, limit)
    needed = {q.policy for q in questions}
    policies = [p for p in squad.policies if p.title in needed]
    with tempfile.TemporaryDirectory(prefix="policyqa-", dir=workdir) as tmp:
        tmpdir = Path(tmp)
        pipelines = [PolicydeskPipeline(settings, tmpdir / "policydesk", k, packing), LangChainBaseline(settings, tmpdir / "baseline", k)]
        scores = {}
        for pipe in pipelines:
            s = PipelineScore(hits={b: 0 for b in budgets})
            t = time.perf_counter()
            pipe.index(policies, progress)
            s.index_seconds = time.perf_counter() - t
            t = time.perf_counter()
            retriever = pipe.retriever() if hasattr(pipe, "retriever") else None
            for i, q in enumerate(questions):
                for b, hit in hits(pipe.context(q, retriever), q.answers, budgets).items():
                    s.hits[b] += hit
                if progress:
                    progress(f"{pipe.name} questions", i + 1, len(questions))
            s.query_seconds = time.perf_counter() - t
            scores[pipe.name] = s
        _release_chroma(pipelines)
    n = len(questions)
    pd_rates, lc_rates = scores["policydesk"].rates(n), scores["langchain_baseline"].rates(n)
    base2000 = lc_rates.get("hit@2000")
    return PolicyQAResult(
        policydesk=pd_rates,
        langchain_baseline=lc_rates,
        n_questions=n,
        seconds=round(time.perf_counter() - t0, 2),
        n_policies=len(policies),
        limit=limit,
        packing=packing,
        ratio_hit2000=(pd_rates["hit@2000"] / base2000) if base2000 and "hit@2000" in pd_rates else None,
        timing={name: {"index_seconds": round(s.index_seconds, 2), "query_seconds": round(s.query_seconds, 2)} for name, s in scores.items()},
    )


def _release_chroma(pipelines) -> None:
    """Drop cached embedded-Chroma clients of the temporary store before its directory goes."""
    from policydesk.core.store import forget_client

    for pipe in pipelines:
        if isinstance(pipe, PolicydeskPipeline):
            forget_client(pipe.settings)
