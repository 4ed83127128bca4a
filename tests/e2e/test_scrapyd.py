"""scrapyd for real, as docs/operations.md tells users to deploy: scrapyd (from PyPI, installed in the venv) on a free
loopback port, an egg built by ``scrapyd-deploy --build-egg``, added with ``addversion.json``, a job scheduled with
spider arguments and settings through ``schedule.json``; the job's records are checked. The package runs from inside
the egg (a zip), so its data files (site registry, chrome vocabulary) must load through importlib.resources."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import ROOT, read_jsonl
from tests.sites import serve_pages

BIN = Path(sys.executable).parent
PROJECT_FILES = ("newsproj", "scrapy.cfg", "pyproject.toml", "README.md")


def _call(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> dict:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def start_scrapyd(home: Path, attempts: int = 5) -> tuple[subprocess.Popen, str]:
    """scrapyd in ``home`` on a free loopback port: ``(process, base URL)``. The port is free when
    :func:`conftest._free_port` looks, not always when scrapyd binds it ~2 s later (more under load): another xdist
    worker's server, or a connection's ephemeral port, may take it meanwhile. scrapyd then exits with
    ``CannotListenError`` in its output, and the port answers for another server: so the server that answers must be
    this one (``daemonstatus.json``'s ``node_name``, unique to this start), and a bind failure tries another port."""
    for attempt in range(attempts):
        port = conftest._free_port()
        node = f"newsproj-test-{uuid.uuid4().hex[:12]}"
        (home / "scrapyd.conf").write_text(
            f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = eggs\nlogs_dir = logs\n"
            f"items_dir =\ndbs_dir = dbs\nmax_proc = 2\npoll_interval = 0.5\nnode_name = {node}\n", encoding="utf-8")
        out = home / f"scrapyd-{attempt}.out"
        with out.open("wb") as sink:
            proc = subprocess.Popen([str(BIN / "scrapyd"), "--nodaemon", "--pidfile="], cwd=home,
                                    stdout=sink, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                status = _call(f"{base}/daemonstatus.json")
                if status.get("status") == "ok" and status.get("node_name") == node:
                    return proc, base
            except (OSError, ValueError):  # (not listening yet, or another server's answer)
                pass
            time.sleep(0.2)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=20)
        said = out.read_text(encoding="utf-8", errors="replace")
        if "CannotListenError" not in said:
            pytest.fail(f"scrapyd did not start:\n{said[-3000:]}")
    pytest.fail(f"scrapyd did not start on a port of its own ({attempts} tries)")


@pytest.fixture
def scrapyd(tmp_path):
    if not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists():
        pytest.skip("scrapyd and scrapyd-client are not installed in the venv (make install)")
    home = tmp_path / "scrapyd"
    home.mkdir()
    proc, base = start_scrapyd(home)
    yield base, home
    proc.terminate()
    proc.wait(timeout=20)


def test_a_port_taken_before_scrapyd_binds_it_is_not_taken_for_this_tests_scrapyd(tmp_path, monkeypatch):
    """Another worker's server holds the port ``_free_port`` gave (free when looked at), and answers
    ``daemonstatus.json`` with ``ok`` as a scrapyd would: the fixture must not take it for its scrapyd (the jobs would
    go to a server that is not this test's), and it must not give up either: this scrapyd cannot bind, exits, and
    another port is tried. Before, the first answer on the port was taken for this scrapyd's."""
    if not (BIN / "scrapyd").exists():
        pytest.skip("scrapyd is not installed in the venv (make install)")
    other, _ = serve_pages({"/daemonstatus.json": ("application/json", '{"status": "ok", "node_name": "other"}')})
    try:
        taken = other.server_address[1]
        ports = iter([taken])
        real = conftest._free_port
        monkeypatch.setattr(conftest, "_free_port", lambda: next(ports, None) or real())
        (tmp_path / "scrapyd").mkdir()
        proc, base = start_scrapyd(tmp_path / "scrapyd")
        try:
            assert base != other.base
            assert proc.poll() is None
            assert _call(f"{base}/daemonstatus.json")["node_name"].startswith("newsproj-test-")
            assert "CannotListenError" in (tmp_path / "scrapyd" / "scrapyd-0.out").read_text(encoding="utf-8")
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    finally:
        other.stop()


def test_scrapyd_deploy_schedule_and_records(tmp_path, scrapyd, demo_server, demo_truth):
    base, home = scrapyd
    # scrapyd-deploy writes setup.py, build/ and *.egg-info into the project: build from a copy of it
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    egg = tmp_path / "newsproj.egg"
    built = subprocess.run([str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=project,
                           capture_output=True, text=True, timeout=180)
    assert built.returncode == 0 and egg.is_file(), built.stderr[-2000:]

    body, ctype = _multipart({"project": "newsproj", "version": "1"}, {"egg": ("newsproj.egg", egg.read_bytes())})
    added = _call(f"{base}/addversion.json", body, {"Content-Type": ctype})
    assert added["status"] == "ok" and added["spiders"] >= 1, added

    # as docs/operations.md schedules a job: absolute STATE_DIR and default feed (scrapyd's own items_dir is off)
    state, output = tmp_path / "state", tmp_path / "output"
    # _version names the version just added: scrapyd 1.6 caches addversion's `scrapy list` under that version, and
    # a schedule.json without it ran `scrapy list` again (one more cold start of scrapy and newsproj, ~2 s)
    form = [("project", "newsproj"), ("_version", "1"), ("spider", "news"), ("start_urls", f"{demo_server.base}/"),
            ("setting", "NEWSPROJ_ALLOW_PRIVATE=1"), ("setting", f"STATE_DIR={state}"),
            ("setting", f"NEWSPROJ_DEFAULT_FEED={output}/%(site)s/%(date)s/%(run_id)s.jsonl"),
            ("setting", "NEWSPROJ_EXTRACT_WORKERS=1"), ("setting", "AUTOTHROTTLE_ENABLED=0")]
    job = _call(f"{base}/schedule.json", urllib.parse.urlencode(form).encode())
    assert job["status"] == "ok", job

    # the docs' own example: -d site=NAME (the site file read from inside the egg) and an absolute JOBDIR; the
    # demo's seeds replace the site's (-a start_urls wins over a site's seeds), so nothing leaves loopback. Both
    # jobs run at once (max_proc = 2: their STATE_DIRs and sites differ), as a scrapyd runs a site's jobs.
    jobdir = tmp_path / "jobs" / "cnn"
    form = [("project", "newsproj"), ("_version", "1"), ("spider", "news"), ("site", "cnn"),
            ("start_urls", f"{demo_server.base}/"),
            ("setting", "NEWSPROJ_ALLOW_PRIVATE=1"), ("setting", f"STATE_DIR={tmp_path / 'state-cnn'}"),
            ("setting", f"JOBDIR={jobdir}"),
            ("setting", f"NEWSPROJ_DEFAULT_FEED={output}/%(site)s/%(date)s/%(run_id)s.jsonl"),
            ("setting", "NEWSPROJ_EXTRACT_WORKERS=1"), ("setting", "AUTOTHROTTLE_ENABLED=0")]
    site_job = _call(f"{base}/schedule.json", urllib.parse.urlencode(form).encode())
    assert site_job["status"] == "ok", site_job

    deadline = time.monotonic() + 180
    while True:
        jobs = _call(f"{base}/listjobs.json?project=newsproj")
        if {job["jobid"], site_job["jobid"]} <= {j["id"] for j in jobs["finished"]}:
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.5)

    log = (home / "logs" / "newsproj" / "news" / f"{job['jobid']}.log").read_text(encoding="utf-8")
    files = list(output.glob("127.0.0.1-*/*/*.jsonl"))
    assert len(files) == 1, log[-3000:]
    records = read_jsonl(files[0])
    manifest = json.loads(files[0].with_name(files[0].name.replace(".jsonl", ".manifest.json")).read_text())
    assert manifest["status"] == "ok" and manifest["output"]["records"] == len(records)
    assert "ExtractionFailed" not in log and "Traceback" not in log, log[-3000:]
    assert "Run failed a check" not in log
    assert len(records) == len(demo_truth), log[-3000:]
    by_path = {urllib.parse.urlsplit(r["url"]).path: r for r in records}
    for truth in demo_truth:
        record = by_path[truth["path"]]
        assert record["headline"] == truth["headline"]
    assert list((state / "runs").glob("*/*.json"))  # the run history went to the absolute STATE_DIR

    job = site_job
    log_file = home / "logs" / "newsproj" / "news" / f"{job['jobid']}.log"
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else "no log: refused before its log began"
    assert len(list(output.glob("cnn/*/*.jsonl"))) == 1, log[-3000:]
    (written,) = output.glob("cnn/*/*.jsonl")  # <site> is the -a site name
    assert len(read_jsonl(written)) == len(demo_truth), log[-3000:]
    assert "Traceback" not in log and "Run failed a check" not in log, log[-3000:]
    assert jobdir.is_dir() and not (jobdir / "newsproj.running").exists()  # finished: nothing left to resume
