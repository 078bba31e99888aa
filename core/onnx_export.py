"""Write the store's ONNX export of the embedding model, once, from the torch model ingest loads.

Why here and not at query time: exporting needs torch (~7 s to import) and the weights; ingest
has both anyway, and the result (<store>/onnx/: model.onnx, tokenizer.json, manifest.json,
~90 MB for MiniLM) lets every later question skip torch. torch.onnx.export is used directly:
optimum-onnx pins transformers 4.57 while sentence-transformers 5.x here runs on transformers 5,
and the graph we need (BERT -> masked mean -> L2 norm) is small enough to wrap by hand.

The export is checked against the torch encoder on probe texts before it is published; a model
that is not transformer -> mean pooling (-> normalise) gets no export and keeps using torch.
"""

from __future__ import annotations

import shutil
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

from policydesk.core import export_cache
from policydesk.core.onnx_encoder import (
    EXPORT_DIRNAME,
    FORMAT_VERSION,
    INT8_MIN_COSINE,
    INT8_MODEL_FILE,
    MODEL_FILE,
    PROBE_MIN_COSINE,
    TOKENIZER_FILE,
    ExportManifest,
    ExportUnavailable,
    OnnxEmbedder,
    export_dir,
    export_looks_complete,
    file_sha256,
    ingest_precision,
    read_manifest,
    write_manifest,
)

OPSET = 17
# Short and long (past the 256-token limit), leading whitespace, non-ASCII: the cases where a
# tokeniser or pooling mismatch would show.
PROBE_TEXTS = [
    "Can a beer brand target 19 year olds in Singapore?",
    "  Ads for payday loans must show the APR; in GB they are restricted to verified lenders.  ",
    "Publicité pour l'alcool : interdite aux moins de 18 ans — São Paulo, Zürich, 東京.",
    " ".join(["Gambling ads may run only where the advertiser holds a licence for that market."] * 40),
]


def _versions() -> dict[str, str]:
    out = {}
    for pkg in ("torch", "sentence-transformers", "transformers", "onnxruntime", "tokenizers"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:  # pragma: no cover
            pass
    return out


def export_embedder(embedder, directory: Path) -> ExportManifest:
    """Export `embedder` (a torch `core.embedding.Embedder`) into `directory`, verified.

    Written into a sibling temporary folder and renamed into place, so a crash leaves either
    the previous export or none, never half of one. Raises ExportUnavailable when the model
    cannot be exported faithfully."""
    import torch

    if not embedder.pools_by_mean:
        raise ExportUnavailable(f"{embedder.name!r} is not transformer -> mean pooling; no ONNX export, torch is used")
    st = embedder.model
    transformer = st[0]
    bert = transformer.auto_model
    max_len = int(st.max_seq_length)

    class Pooled(torch.nn.Module):
        """Token vectors and their masked mean, L2-normalised: sentence-transformers' own steps."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return tokens, torch.nn.functional.normalize(mean, p=2, dim=1)

    directory = Path(directory)
    tmp = directory.with_name(f"{directory.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        sample = st.tokenizer(PROBE_TEXTS[:2], padding=True, truncation=True, max_length=max_len, return_tensors="pt")
        if "token_type_ids" not in sample:
            raise ExportUnavailable(f"{embedder.name!r} takes no token type ids; no ONNX export, torch is used")
        args = (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"])
        axes = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids", "token_embeddings")}
        axes["sentence_embedding"] = {0: "batch"}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Pooled(bert).eval(),
                args,
                str(tmp / MODEL_FILE),
                dynamo=False,  # the TorchScript exporter needs no onnxscript and handles BERT well
                opset_version=OPSET,
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["token_embeddings", "sentence_embedding"],
                dynamic_axes=axes,
            )
        (tmp / TOKENIZER_FILE).write_text(st.tokenizer.backend_tokenizer.to_str(), encoding="utf-8")
        reference = embedder.encode(PROBE_TEXTS)
        write_manifest(
            tmp,
            ExportManifest(
                model=embedder.name,
                dimension=embedder.dimension,
                max_seq_length=max_len,
                model_bytes=(tmp / MODEL_FILE).stat().st_size,
                model_sha256=file_sha256(tmp / MODEL_FILE),
                probe_text=PROBE_TEXTS[0],
                probe_vector=[float(x) for x in reference[0]],
                min_probe_cosine=0.0,
                created_at=ExportManifest.now(),
                exported_with=_versions(),
            ),
        )
        check = OnnxEmbedder(tmp, embedder.name)
        worst = float(np.min(np.sum(check.encode(PROBE_TEXTS) * reference, axis=1)))
        if not worst >= PROBE_MIN_COSINE:
            raise ExportUnavailable(f"ONNX export of {embedder.name!r} differs from torch (cosine {worst:.4f}); torch is used")
        manifest = check.manifest.model_copy(update={"min_probe_cosine": round(worst, 7)})
        write_manifest(tmp, manifest)
        del check
        shutil.rmtree(directory, ignore_errors=True)
        tmp.rename(directory)
        return manifest
    except ExportUnavailable:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportUnavailable(f"ONNX export of {embedder.name!r} failed ({exc.__class__.__name__}: {exc}); torch is used") from exc


def add_int8(directory: Path) -> bool:
    """Write the export's int8 twin (`model.int8.onnx`) for ingest, checked on the probe texts.

    Per-channel int8 weights of the MatMuls only (onnxruntime dynamic quantisation): on this
    2-core Xeon with AVX-512 VNNI it encodes the benchmark corpus with 1.72x less CPU than fp32,
    at cosine 0.980 min / 0.994 mean to fp32 (256 chunks); per-tensor weights of every op, tried
    first, gave 0.927 / 0.963. Questions stay fp32 (they must match torch within 0.999). Returns
    False, leaving the fp32 export as it was, when the twin cannot be made or fails its check."""
    import logging

    manifest = read_manifest(directory)
    target = directory / INT8_MODEL_FILE
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        logging.disable(logging.WARNING)  # the quantiser logs a pre-processing hint on the root logger
        try:
            quantize_dynamic(
                str(directory / MODEL_FILE), str(target), weight_type=QuantType.QInt8,
                per_channel=True, reduce_range=False, op_types_to_quantize=["MatMul"],
            )  # fmt: skip
        finally:
            logging.disable(logging.NOTSET)
        fp32 = OnnxEmbedder(directory, manifest.model).encode(PROBE_TEXTS)
        with_int8 = manifest.model_copy(
            update={"int8_bytes": target.stat().st_size, "int8_sha256": file_sha256(target), "int8_min_probe_cosine": 0.0}
        )
        write_manifest(directory, with_int8)
        int8 = OnnxEmbedder(directory, manifest.model, precision="int8").encode(PROBE_TEXTS)
        worst = float(np.min(np.sum(int8 * fp32, axis=1)))
        if not worst >= INT8_MIN_COSINE:
            raise ExportUnavailable(f"int8 model differs from fp32 (cosine {worst:.4f})")
        write_manifest(directory, with_int8.model_copy(update={"int8_min_probe_cosine": round(worst, 7)}))
        return True
    except Exception:
        write_manifest(directory, manifest)
        target.unlink(missing_ok=True)
        return False


def ensure_export(settings) -> str | None:
    """Make sure the store has an export of the configured model (and its int8 twin when
    ingest wants int8); returns a notice when it cannot have one (the caller reports it;
    queries then use torch). Cheap when it exists; otherwise a machine-wide cached export is
    linked before torch is loaded to make one (`core/export_cache.py`), and a new one is cached."""
    from policydesk.core.embedding import get_embedder

    directory = export_dir(settings.store_dir)
    model = settings.embedding_model
    want_int8 = ingest_precision(settings) == "int8"
    if export_looks_complete(directory, model) and not (want_int8 and read_manifest(directory).int8_sha256 is None):
        return None
    key = cache_key(model)
    export_cache.restore(settings.cache_dir, model, key, directory, want_int8)
    if not export_looks_complete(directory, model):
        directory.parent.mkdir(parents=True, exist_ok=True)
        torch_embedder = get_embedder(model, settings.embedding_device, settings.embedding_batch_size)
        try:
            export_embedder(torch_embedder, directory)
        except ExportUnavailable as exc:
            return str(exc)
    if want_int8 and read_manifest(directory).int8_sha256 is None:
        add_int8(directory)  # also for an export made before int8 existed; ingest falls back to fp32 if this fails
    export_cache.publish(settings.cache_dir, model, key, directory)
    return None


def cache_key(model: str) -> str:
    """What besides the model name makes two exports interchangeable: the export's format and
    opset, the libraries that wrote and check it, and for a model given as a local folder, when
    that folder last changed."""
    local = Path(model).expanduser()
    changed = f"; modified {local.stat().st_mtime_ns}" if local.exists() else ""
    versions = "; ".join(f"{k} {v}" for k, v in sorted(_versions().items()))
    return f"format {FORMAT_VERSION}; opset {OPSET}; {versions}{changed}"


__all__ = ["EXPORT_DIRNAME", "OPSET", "PROBE_TEXTS", "add_int8", "cache_key", "ensure_export", "export_embedder"]
