"""A machine-wide copy of the ONNX export, so a new store links it instead of exporting again.

Why: every store carries its own export (`<store>/onnx/`, ~90 MB fp32 plus ~23 MB int8), which
keeps a store self-contained (copy the folder, it still answers without torch). But a machine
that builds many stores (a writer trying drafts, the test suite: ~200 stores) paid torch's import
and a fresh export each time, and the disk for every copy: CI ran out of space in /tmp. The
files are identical for one model and one set of library versions, so the first export is kept
under `Settings.cache_dir/onnx/<entry>/` and later stores hard-link its files (a copy where the
cache sits on another file system). A store still owns its files: deleting the cache, or the
store, leaves the other whole.

Nothing writes an export file in place (manifests are replaced by rename, the int8 twin is a new
file), so a link cannot change the cache behind its back. A cache entry is checked against its
own manifest's checksums before it is linked; a damaged entry is dropped and the store exports
afresh. The cache is an optimisation only: any failure to read or fill it is silent.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from policydesk.core.onnx_encoder import (
    INT8_MODEL_FILE,
    MANIFEST_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    ExportUnavailable,
    export_looks_complete,
    file_sha256,
    read_manifest,
)

CACHE_DIRNAME = "onnx"


def entry_dir(cache_dir: Path, model: str, key: str) -> Path:
    """The cache folder for one model exported under one set of versions (`key`)."""
    digest = hashlib.sha256(f"{model}\n{key}".encode("utf-8")).hexdigest()[:16]
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in model)[-60:]
    return Path(cache_dir).expanduser() / CACHE_DIRNAME / f"{safe}-{digest}"


def _sound(directory: Path, model: str) -> bool:
    """The entry is complete and its files hash to what its manifest says (a link shares the
    bytes, so a damaged entry must never be handed to a new store)."""
    if not export_looks_complete(directory, model):
        return False
    try:
        manifest = read_manifest(directory)
        if file_sha256(directory / MODEL_FILE) != manifest.model_sha256:
            return False
        twin = directory / INT8_MODEL_FILE
        if manifest.int8_sha256 is not None and (not twin.is_file() or file_sha256(twin) != manifest.int8_sha256):
            return False
    except (ExportUnavailable, OSError):
        return False
    return True


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy costs disk, not correctness
        shutil.copy2(source, target)


def _place(source: Path, directory: Path) -> None:
    """Fill `directory` from `source` through a sibling temporary folder renamed into place,
    so a crash leaves the old contents or the new, never half. The manifest is copied (it is
    the store's own record), the large files linked."""
    tmp = directory.with_name(f"{directory.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        for name in (MODEL_FILE, TOKENIZER_FILE, INT8_MODEL_FILE):
            if (source / name).is_file():
                _link_or_copy(source / name, tmp / name)
        shutil.copy2(source / MANIFEST_FILE, tmp / MANIFEST_FILE)  # written last: marks the folder complete
        if directory.exists():
            shutil.rmtree(directory)
        tmp.rename(directory)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def restore(cache_dir: Path | None, model: str, key: str, directory: Path, want_int8: bool) -> bool:
    """Give `directory` the cached export of `model`; True when it now holds one (with its int8
    twin when `want_int8` and the cache has it). A damaged entry is removed."""
    if cache_dir is None:
        return False
    entry = entry_dir(cache_dir, model, key)
    try:
        if not entry.is_dir():
            return False
        if not _sound(entry, model):
            shutil.rmtree(entry, ignore_errors=True)
            return False
        if want_int8 and read_manifest(entry).int8_sha256 is None and export_looks_complete(directory, model):
            return False  # the store's own export is as good; ingest adds the twin and publishes it
        directory.parent.mkdir(parents=True, exist_ok=True)
        _place(entry, directory)
        return True
    except (ExportUnavailable, OSError):
        return False


def publish(cache_dir: Path | None, model: str, key: str, directory: Path) -> None:
    """Keep the store's verified export for the next store, unless the cache already has one
    at least as complete (an entry gains the int8 twin when a store made one)."""
    if cache_dir is None:
        return
    entry = entry_dir(cache_dir, model, key)
    try:
        if _sound(entry, model) and (read_manifest(entry).int8_sha256 is not None or read_manifest(directory).int8_sha256 is None):
            return
        if not _sound(directory, model):
            return
        _place(directory, entry)
    except (ExportUnavailable, OSError):
        return


__all__ = ["CACHE_DIRNAME", "entry_dir", "publish", "restore"]
