"""fixtures/demo is what tools/build_demo.py makes of the data under tools/demo/: the committed site, its truth and
its data never drift apart (a change to one without rebuilding fails here)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build_demo():
    spec = importlib.util.spec_from_file_location("build_demo", ROOT / "tools" / "build_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_demo"] = module  # dataclasses look their module up while the file runs
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["build_demo"]
    return module


def test_committed_demo_site_is_the_generated_one(build_demo, capsys):
    assert build_demo.main(["--check"]) == 0, capsys.readouterr().err + "\nrun: python tools/build_demo.py"


def test_check_finds_a_changed_and_an_extra_file(build_demo, tmp_path, capsys):
    site = tmp_path / "demo"
    shutil.copytree(ROOT / "fixtures" / "demo", site)
    assert build_demo.main(["--check", "--out", str(site)]) == 0
    (site / "truth.jsonl").write_text("{}\n", encoding="utf-8")
    (site / "stray.html").write_text("<p>x</p>", encoding="utf-8")
    assert build_demo.main(["--check", "--out", str(site)]) == 1
    err = capsys.readouterr().err
    assert "differs: truth.jsonl" in err and "not generated: stray.html" in err


def test_every_article_file_is_on_the_site(build_demo):
    files = sorted((ROOT / "tools" / "demo" / "articles").glob("*.md"))
    assert len(build_demo.ARTICLES) + 1 == len(files)  # the private article is not listed
    assert len({a.slug for a in build_demo.ARTICLES}) == len(build_demo.ARTICLES)
