"""tests/warm.py: a crawl forked from the warm parent is a process of its own, like ``python -m scrapy``."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from newsproj.testing.server import serve
from tests import warm
from tests.conftest import FIXTURES, ROOT, run_scrapy, start_scrapy

pytestmark = pytest.mark.skipif(bool(os.environ.get("NEWSPROJ_TEST_COLD")), reason="NEWSPROJ_TEST_COLD: no warm parent")


def test_status_output_and_working_directory(tmp_path):
    inside = run_scrapy(["settings", "--get", "BOT_NAME"])
    assert (inside.returncode, inside.stdout.strip()) == (0, "newsproj")  # the project's settings, from scrapy.cfg
    # (an in-process get_project_settings() in an earlier test sets SCRAPY_SETTINGS_MODULE in this process)
    clean = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    outside = run_scrapy(["settings", "--get", "BOT_NAME"], cwd=tmp_path, env=clean)
    assert (outside.returncode, outside.stdout.strip()) == (0, "scrapybot")  # no project there: Scrapy's default
    failed = run_scrapy(["crawl", "no-such-spider"])
    assert failed.returncode not in (0, None) and "no-such-spider" in failed.stderr  # its status and stderr


def test_environment_is_the_requests(tmp_path):
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = newsproj.settings\n")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "tests.no_such_settings_module"}
    proc = run_scrapy(["settings", "--get", "BOT_NAME"], env=env)
    assert proc.returncode != 0 and "tests.no_such_settings_module" in proc.stderr


def test_sigkill_is_seen_as_by_popen(tmp_path):
    server = serve(FIXTURES / "demo", delay=0.5)
    try:
        proc = start_scrapy(["crawl", "news", "-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
                             "-s", f"STATE_DIR={tmp_path / 'state'}", "-O", str(tmp_path / "out.jsonl"),
                             "-s", "NEWSPROJ_EXTRACT_WORKERS=0"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
        assert isinstance(proc, warm.WarmProcess)
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(0.5)
        assert proc.poll() is None
        proc.kill()
        assert proc.wait(30) == -signal.SIGKILL
    finally:
        server.stop()


def test_interpreter_settings_force_a_cold_start():
    assert warm.warm_ok(None) and warm.warm_ok(dict(os.environ))
    assert not warm.warm_ok({**os.environ, "PYTHONPATH": "/elsewhere"})


def test_the_projects_root_as_pythonpath_runs_warm_from_another_directory(tmp_path):
    """``PYTHONPATH=<root>`` with ``scrapy`` run elsewhere (tests/e2e/test_operations.py, as docs tell): forked warm,
    with the root on ``sys.path`` after the working directory, as the interpreter puts it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "newsproj.settings"}
    assert warm.warm_ok(env)
    assert not warm.warm_ok({**env, "PYTHONPATH": f"{ROOT}{os.pathsep}/elsewhere"})
    with open(tmp_path / "out", "w") as out:
        proc = start_scrapy(["settings", "--get", "BOT_NAME"], cwd=tmp_path, env=env, stdout=out,
                            stderr=subprocess.DEVNULL)
        assert isinstance(proc, warm.WarmProcess)
        assert proc.wait(60) == 0
    assert (tmp_path / "out").read_text().strip() == "newsproj"
