"""Baselines that newsproj does not depend on (newspaper4k), each run in a subprocess by the interpreter of their
own venv: ``.venv-baselines/`` (``BENCH_BASELINES_VENV`` elsewhere), made on demand from ``bench/baselines.lock``
(pinned, hash-checked; ``make baselines-lock`` re-pins it from ``bench/baselines.in``) and made again when the lock
changes. Nothing of it enters ``requirements.lock``, ``.venv`` or the product's imports.

When the venv cannot be made (no network to PyPI, say), :func:`python` raises :class:`Unavailable` with one line
that says why, and the bench leaves the baseline's column out: it is never guessed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCK = Path(__file__).resolve().parent / "baselines.lock"
NEWSPAPER4K = Path(__file__).resolve().parent / "baseline_newspaper4k.py"
INSTALL_TIMEOUT = 900
"""Seconds for making the venv (pip's own network timeouts are shorter: ``--timeout 60 --retries 2``)."""
PAGE_SECONDS = 20
"""A baseline run is given this many seconds a page (plus a minute) before it is stopped and left out."""


MARK = ".bench-baselines"
"""A file in a venv this module made (written before the install: a venv left half-made is still known as its own);
a directory without it, or the stamp, is never removed to make the venv."""


class Unavailable(RuntimeError):
    """A baseline that cannot be run here; its message is the one line the bench prints."""


def venv_dir() -> Path:
    return Path(os.environ.get("BENCH_BASELINES_VENV") or ROOT / ".venv-baselines")


def _lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def python(venv: Path | None = None) -> Path:
    """The baseline venv's interpreter, made first when missing or made from another lock."""
    venv = venv or venv_dir()
    bin_python = venv / "bin" / "python"
    stamp = venv / ".installed"
    digest = _lock_digest()
    if bin_python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
        return bin_python
    if venv.exists() and any(venv.iterdir()) and not (venv / MARK).exists() and not stamp.exists():
        # (BENCH_BASELINES_VENV=.venv, or any directory of someone's: never removed to make room)
        raise Unavailable(f"baseline venv {venv} is a directory this bench did not make: not replaced (remove it, "
                          "or point BENCH_BASELINES_VENV elsewhere)")
    shutil.rmtree(venv, ignore_errors=True)
    # The venv gets no pip of its own (ensurepip: ~3 s of CPU); this interpreter's pip installs into it (--python)
    steps = [[sys.executable, "-m", "venv", "--without-pip", str(venv)],
             [sys.executable, "-m", "pip", "--python", str(bin_python), "install", "--quiet",
              "--disable-pip-version-check", "--require-hashes", "--no-deps", "--timeout", "60", "--retries", "2",
              "-r", str(LOCK)]]
    for n, step in enumerate(steps):
        if n:
            (venv / MARK).write_text("made by bench/baselines.py\n", encoding="utf-8")
        try:
            proc = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            shutil.rmtree(venv, ignore_errors=True)
            raise Unavailable(f"baseline venv {venv} could not be made ({type(exc).__name__})") from exc
        if proc.returncode:
            shutil.rmtree(venv, ignore_errors=True)
            last = next((line.strip() for line in reversed(proc.stderr.splitlines())
                         if line.strip() and "is ignored" not in line), f"exit status {proc.returncode}")
            raise Unavailable(f"baseline venv {venv} could not be made from {LOCK.name}: {last[:200]}")
    stamp.write_text(digest + "\n", encoding="utf-8")
    return bin_python


def run_newspaper4k(jobs: list[dict[str, str]], out: Path) -> dict[str, Any]:
    """newspaper4k over ``jobs`` (``{"url", "path"}``: a corpus page, ``.html.gz``) in a subprocess of its venv;
    its records are written to ``out``; returns its summary (version, pages, records, errors, network attempts)."""
    bin_python = python()
    job_file = out.with_suffix(".jobs.jsonl")
    job_file.write_text("".join(json.dumps(job) + "\n" for job in jobs), encoding="utf-8")
    # -I: none of this project's paths or PYTHON* variables; -W ignore: nltk's "NLP features unavailable",
    # dateutil's unknown time zone names
    try:
        proc = subprocess.run([str(bin_python), "-I", "-W", "ignore", str(NEWSPAPER4K), str(job_file), str(out)],
                              capture_output=True, text=True, timeout=60 + PAGE_SECONDS * len(jobs))
    except subprocess.TimeoutExpired as exc:
        raise Unavailable(f"newspaper4k did not finish {len(jobs)} pages in {exc.timeout:.0f} s") from exc
    lines = proc.stdout.strip().splitlines()
    if proc.returncode or not lines:
        tail = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        raise Unavailable(f"newspaper4k failed: {tail[:200]}")
    summary: dict[str, Any] = json.loads(lines[-1])
    return summary
