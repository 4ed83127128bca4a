"""newsproj/compat.py: the only place that touches dependencies' private names, and only on the releases it was
written for. These tests fail loudly on any other release: re-read the upstream code named in the message."""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest
from scrapy.core.downloader import Downloader
from scrapy.core.engine import ExecutionEngine
from scrapy.core.scraper import Slot as ScraperSlot
from scrapy.utils.sitemap import Sitemap
from scrapy.utils.test import get_crawler

from newsproj import compat

PACKAGE = Path(compat.__file__).parent
UPSTREAM = ("scrapy", "twisted", "trafilatura", "htmldate", "courlan", "justext", "re", "sre_parse")

# sha256 of the upstream source each shim copies or overrides, as read when the shim was written (Scrapy 2.19.0).
COPIED = {
    # StatsCollector answers every name but these methods itself (Scrapy 2.19.0)
    "scrapy.statscollectors.StatsCollector.__getattribute__":
        "a21e390ac4030d4cd25491ee3ae18646300a0c1bfd8fecaefcf1303b5f0cfc90",
    # ... and its five counting methods, whose bodies compat.StatsCollector copies, warning as this wrapper does
    "scrapy.statscollectors.StatsCollector.inc_value":
        "689949ec0d68d9a77935ed0ba3c897b7094ff2c043ff1db608ebf841afc7700e",
    "scrapy.statscollectors.StatsCollector.get_value":
        "2d2647adc568fed2221e9f8e5c9a4bdfd6742b76164807512fffb1f23004f054",
    "scrapy.statscollectors.StatsCollector.set_value":
        "fb5423ee0a048b5773810cc41f6ef250b4b93c8d6555463d530064b45db97c62",
    "scrapy.statscollectors.StatsCollector.max_value":
        "d6b89057545b391f596a19360b674714ae02cc23d56afa413228dd5553a93b32",
    "scrapy.statscollectors.StatsCollector.min_value":
        "acdd5ee65ebb01ae4c94815e543cb77d089c10b28f240ab44f4dbac84dcfedb1",
    "scrapy.utils.decorators._warn_spider_arg":
        "1708aaa521186f114aac411aec1d9c5858e98cc2aa6f8191ca56077d3a5be09c",
    # stop_once_started: a stop is skipped unless the engine `running`, which start_async sets after engine_started
    "scrapy.crawler.Crawler.stop_async":
        "3f527c7d78e9c199234d3a957243fe2bd5a06e8a3d6f4b53a0c2bc8bfd25a9f1",
    "scrapy.core.engine.ExecutionEngine.start_async":
        "b1774f7089502d8b8c14f86617ad2c3f0d3252f529932cc0486a745d5db9659c",
    # (and from the spider's opening: `spider` and `_slot` set first, `_slot.closing` and `spider = None` on close)
    "scrapy.core.engine.ExecutionEngine.open_spider_async":
        "79230bb7594942378fa6d0df04e149974de3ed562bfa9fa4ba644fdce448535d",
    "scrapy.core.engine.ExecutionEngine.close_spider_async":
        "f5fb768b6a417abfb67e95644fae38d2e5d8ec4c9cd7d7326a0f7388bf983593",
    "scrapy.core.downloader.Downloader._process_queue":
        "872b81a4bbb4cb1ad45b25c6f8803344a3a18fd5743dec234733891ab94559c8",
    "scrapy.utils.sitemap.Sitemap._process_sitemap_element":
        "41ecaa078d26256bae82ea9ab5fa23349f09b87ee16fa4e3d314efc54d61fd66",
    # memoised_readability_clean wraps it: it must stay a pure function of its string (readability-lxml 0.8.4.1)
    "readability.readability.clean":
        "c4ffcabbf755c21eaa24a9ca8d7f3d4aef2c98e370315c7340bf9aa418dfbd3b",
    # text_only_readability_cleaner replaces the module's html_cleaner, which _parse looks up at each call
    "readability.readability.Document._parse":
        "dc306cfd8743ad019a98d48d6c9ff9da919f50927c59d66691655197274e2dca",
    # extract_in_place is bare_extraction less its copy, and relies on trafilatura_sequence editing its input tree
    # only by the raw-tree prunes (trafilatura 2.3.1)
    "trafilatura.core.bare_extraction":
        "2e57adb3062086f9695046cf58b1a8825143322fe74e74739791dff6d8da9fea",
    "trafilatura.core.trafilatura_sequence":
        "f03dc4d2946dacbd0e023ca1c51fdf329e0fdc0be342fd0f14924396ec646e05",
    # walked_prunes wraps it (in core, main_extractor and external): it evaluates each expression of its list on the
    # tree (callables) and deletes what it finds
    "trafilatura.htmlprocessing.prune_unwanted_nodes":
        "4731f8e24ef86449c2714a6257d2ff892ff12a6a3d544d7ca87d6536fab29915",
    # walked_bodies replaces BODY_XPATH's expressions by their first match: _extract reads only each one's first element
    "trafilatura.main_extractor._extract":
        "3e0e39ed3e03e8e473b874bc3b87ceb6a4ae3b06df10a3f9489d62bfb9dbc085",
    # no_unread_backup wraps it: the backup it returns is read only by the comparison (not fast) and forum posts
    "trafilatura.core._prepare_tree":
        "9595f0642825c2c7ca61f5f311b0070b1cfaaca7009a7d916bce8eeff9b93e34",


    # inflate_with_isal sets DECOMPRESSORS on an ArchiveIterator's reader, which _init_decomp reads at each member
    # (read_next_member) and _decompress calls, catching any exception (warcio 1.8.1)
    "warcio.archiveiterator.ArchiveIterator.__init__":
        "08a9448cda9df2d2037fc8fad6f2b9a39d80c5f5a98e6c3f7c3a105444247aa7",
    "warcio.bufferedreaders.BufferedReader._init_decomp":
        "8ea8c2e7142471bfa1b4af119702df2a8b147f16bb5f63992891b7a773b9019d",
    "warcio.bufferedreaders.BufferedReader._decompress":
        "5582af67f00915cdb5db15453a8b1d8337ed92ae76319283433bb8fcd6f682cf",
    "warcio.bufferedreaders.BufferedReader.read_next_member":
        "c0d3ed467de4c2747bcc054bb6702d31f5dd530632ffb4bd619e086a066a3b5e",
    # _IgzipMember ends a member broken part way by a non-empty unused_data, which _fillbuff and rem_length read
    "warcio.bufferedreaders.BufferedReader._fillbuff":
        "3ea7f02c61fa2b61ff0d6c134ea9a1f0dc0f5f6bf6ff726349e1d54d5e9d9ff6",
    "warcio.bufferedreaders.BufferedReader.rem_length":
        "b4af01ccd88732484f5a310aa2b1960339c4ed8e5b739a7ddff54649f2e9b04e",
    # language_identifier overrides _raw_score with visit_counts's walk in numpy (py3langid 0.4.0)
    "py3langid.langid.LanguageIdentifier._raw_score":
        "5f90f8ae3031f2772fcbdadfdc26cfdc678651d47926e49a028bd377e505d71e",
    "py3langid.langid.visit_counts":
        "219054a8b7ee140f988505f3f688c33abb604c4517df53cf5fff5898e250fd18",
    # ... and does _sparse_score's sum on its arrays, the float16 rows widened by a lookup table (py3langid 0.4.0)
    "py3langid.langid.LanguageIdentifier._sparse_score":
        "18976f40001d2a3e6f51eaa9f5c49213411d0f69241d42be88984cdb066092d9",
    # compat_redis.RedisDupeFilter replaces request_fingerprint, which request_seen asks (scrapy-redis 0.9.1), and
    # passes its constructor's arguments through
    "scrapy_redis.dupefilter.RFPDupeFilter.request_fingerprint":
        "9adda27d5520461d450fb37b08faa9543a101123bfe1d2f0e5d1204b0823d574",
    "scrapy_redis.dupefilter.RFPDupeFilter.request_seen":
        "61368d6be1777988ad69f6c38ba4c97c0452ed2f04959b9fabf5d1ab42260a7a",
    "scrapy_redis.dupefilter.RFPDupeFilter.__init__":
        "e9d7dd163ee507eac43b46b48b9d4bf7e53ad39d0f2403f205e0956e56ff70b4",
    # distributed.queue.ClaimQueue.push_unseen does request_seen's SADD (above) and PriorityQueue.push's ZADD (score
    # -priority, the request as _encode_request gives it) in one script; RedisScheduler uses it for RFPDupeFilter's
    # own request_seen only
    "scrapy_redis.queue.PriorityQueue.push":
        "ffd7ef68379bfa7630664021d7e461683a4df541976f24f499e6cc28163604b1",
    "scrapy_redis.queue.Base._encode_request":
        "6678716815a7f7b27241838996bec888dda43105204b53a48ec5cd577da1be4c",
}


def _source_hash(dotted: str) -> str:
    module, cls, attr = dotted.rsplit(".", 2)
    if cls.islower():  # (a module's function: "package.module.function")
        importlib.import_module(f"{module}.{cls}")
    obj = getattr(getattr(importlib.import_module(module), cls), attr)
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()


def test_installed_releases_are_those_compat_was_written_for():
    problems = compat.unexpected_versions()
    assert not problems, "\n".join(problems) + "\nre-check every shim of newsproj/compat.py, then update WRITTEN_FOR"


@pytest.mark.parametrize("dotted", sorted(COPIED))
def test_copied_upstream_code_is_unchanged(dotted):
    assert _source_hash(dotted) == COPIED[dotted], (
        f"{dotted} changed upstream: compare it with its copy or override in newsproj/compat.py, adjust the shim "
        "(or drop it if upstream fixed the problem: docs/upstream.md), then update COPIED here")


def test_scrapy_holds_what_requests_in_engine_reads():
    downloader = compat.PerSlotCapDownloader(get_crawler())
    scraper_slot = ScraperSlot(5_000_000)
    engine = SimpleNamespace(downloader=downloader, scraper=SimpleNamespace(slot=scraper_slot))
    assert compat.requests_in_engine(engine) == set()  # type: ignore[arg-type]
    assert compat.download_backlog(engine) == 0  # type: ignore[arg-type]
    scheduler = SimpleNamespace(has_pending_requests=lambda: False)
    engine = SimpleNamespace(downloader=downloader, scraper=SimpleNamespace(slot=scraper_slot),
                             _slot=SimpleNamespace(scheduler=scheduler), _start=None)
    assert compat.waits_only_on_items(engine, 0)  # type: ignore[arg-type]
    scraper_slot.itemproc_size = 2
    assert not compat.waits_only_on_items(engine, 1) and compat.waits_only_on_items(engine, 2)  # type: ignore[arg-type]
    assert "self._start" in inspect.getsource(ExecutionEngine.__init__)
    assert isinstance(downloader.active, set) and isinstance(downloader.slots, dict)
    assert hasattr(Downloader, "_wait_for_download") and hasattr(Downloader, "_latercall")
    assert hasattr(Sitemap, "_get_tag_name")


def test_news_sitemap_fields_are_kept():
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://n.example/a</loc><news:news><news:publication><news:name>N</news:name>
<news:language>en</news:language></news:publication><news:publication_date>2024-09-05</news:publication_date>
<news:title>A title</news:title></news:news></url></urlset>"""
    (entry,) = list(compat.NewsAwareSitemap(body))
    assert entry["loc"] == "https://n.example/a"
    assert entry["news_title"] == "A title" and entry["news_publication_date"] == "2024-09-05"
    assert entry["news_language"] == "en"


def test_trafilatura_keeps_format_characters_and_resets_that_cache():
    import trafilatura.meta
    import trafilatura.utils

    compat.keep_format_characters()
    compat.keep_format_characters()  # idempotent
    text = "Rosen\u00adgarten \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \x07bell"
    assert trafilatura.utils.remove_control_characters(text) == text.replace("\x07", "")
    assert trafilatura.utils.return_printables_and_spaces.cache_info().currsize > 0
    compat.reset_caches()
    assert trafilatura.utils.return_printables_and_spaces.cache_info().currsize == 0


def test_trafilatura_constants_are_found():
    assert {"nav", "aside", "footer", "form", "script"} <= set(compat.manually_cleaned())
    assert compat.PRECISION_CHROME.pattern != "(?!)", "re:test(@id|@class, ...) no longer in PRECISION_DISCARD_XPATH"
    for value in ("link", "nav link", "bottom-bar", "page-bottom"):
        assert compat.PRECISION_CHROME.search(value), value
    for value in ("links", "blink", "related-links", "pbottoms"):
        assert not compat.PRECISION_CHROME.search(value), value
    assert compat.OVERALL_DISCARD_ID.pattern != "(?!)", "re:test(@id, ...) no longer in OVERALL_DISCARD_XPATH"
    for value in ("sidebar", "cookie-banner", "related-stories", "share-tools", "akismet"):
        assert compat.OVERALL_DISCARD_ID.search(value), value
    for value in ("story-widget", "post-byline", "main-navigation", "cookie-notice"):
        assert compat.OVERALL_DISCARD_CLASS.search(value), value
    for value in ("article-body", "story", "entry-content"):
        assert not compat.OVERALL_DISCARD_ID.search(value) and not compat.OVERALL_DISCARD_CLASS.search(value), value


def test_readability_clean_is_memoised_with_the_same_results(monkeypatch):
    import readability.readability as upstream

    original = getattr(upstream.clean, "__wrapped__", upstream.clean)
    monkeypatch.setattr(upstream, "clean", original)  # (restored after the test)
    monkeypatch.setattr(compat, "_CLEAN_MEMO_CHARS", 40)
    compat.memoised_readability_clean()
    compat.memoised_readability_clean()  # idempotent
    assert upstream.clean is not original and upstream.clean.__wrapped__ is original
    texts = ["  a \n\n  b\t\tc  ", "x" + " " * 300 + "y", "plain", "  a \n\n  b\t\tc  ", "", "\u00a0 z \u00a0"]
    for text in texts * 3:  # (past the memo's bound: it starts again, the results stay the same)
        assert upstream.clean(text) == original(text)
    assert upstream.text_length(lxml.html.fromstring("<div><p> a  b </p>\n <p>c</p></div>")) == len("a b\nc")


def test_readability_clean_is_upstreams_in_one_pass(monkeypatch):
    """compat.readability_clean gives readability-lxml's clean() string for string (its source is pinned in
    COPIED), and the memo computes with it: upstream's three regex passes are not run at all."""
    import random

    import readability.readability as upstream

    original = getattr(upstream.clean, "__wrapped__", upstream.clean)
    texts = ["", " ", "  ", "plain", " a ", "a  b", "a\tb", "a\t\tb", "a \t b", "a\t \tb", "a\n b", " \n\n a \n",
             "a\r\nb", "a\xa0b", "a\xa0\xa0b", "a \xa0 b", "\u2003x\u2003", "a\x0bb\x1cc", "x" + " " * 254 + "y",
             "x" + " " * 255 + "y", "x" + " \n" * 200 + "y", "x" + "\t" * 300 + "y", "x" + "\xa0" * 256 + "y"]
    rnd = random.Random(15)
    alphabet = [" ", " ", " ", "\t", "\n", "\r", "\xa0", "\u2003", "\x0b", "\x1c", "a", "b", ","]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.choice((3, 20, 80))))
        if rnd.random() < 0.2:  # a run about pass 1's 255 characters
            text = text[:5] + rnd.choice((" ", "\t", " \n", "\xa0 ")) * rnd.randint(120, 300) + text[5:]
        texts.append(text)
    for text in texts:
        assert compat.readability_clean(text) == original(text), repr(text)

    def three_passes(text: str) -> str:
        raise AssertionError("upstream's clean() ran")

    monkeypatch.setattr(upstream, "clean", three_passes)  # (restored after the test)
    compat.memoised_readability_clean()
    assert upstream.clean("a  b\n c") == "a b\nc"


def test_langid_trie_depth_is_the_models():
    """The vectorised walk starts each position LANGID_TRIE_DEPTH bytes back: that must be the depth of the model's
    automaton (breadth-first from the root over all 256 bytes), or states would differ."""
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # state s moves on byte b to tk_nextmove[(tk_row[s] << 8) + b]: row tk_row[s] of this table. States share rows
    # (104,583 states, 38,346 rows): each level reads the distinct rows of its states once and marks what they reach
    # (gathering 256 moves a state and sorting them took ~2 s of CPU; this ~0.1 s, the same levels)
    table = np.asarray(model.tk_nextmove, dtype=np.int64).reshape(-1, 256)
    row_of = np.asarray(model.tk_row, dtype=np.int64)
    seen = np.zeros(len(row_of), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while True:
        reached = np.zeros(len(row_of), dtype=bool)
        reached[table[np.unique(row_of[frontier])].ravel()] = True
        found = np.flatnonzero(reached & ~seen)
        if not len(found):
            break
        seen[found] = True
        frontier, depth = found, depth + 1
    assert depth == compat.LANGID_TRIE_DEPTH


LANGID_SAMPLES = [
    "", "a", "ab", "abcde", "The", "THE COUNCIL MET ON TUESDAY",
    "The council met on Tuesday to discuss the budget for next year, and voted to raise the rates.",
    "Der Stadtrat hat am Dienstag über den Haushalt des kommenden Jahres beraten und die Gebühren erhöht.",
    "Le conseil municipal s'est réuni mardi pour discuter du budget de l'année prochaine.",
    "Городской совет во вторник обсудил бюджет на следующий год и повысил тарифы.",
    "市议会周二开会讨论明年的预算，并投票决定提高费率。",
    "مجلس المدينة اجتمع يوم الثلاثاء لمناقشة ميزانية العام المقبل",
    "Il consiglio comunale si è riunito martedì per discutere il bilancio. " * 30,
    "Kamati ya bunge ilikutana Jumanne kujadili bajeti ya mwaka ujao. 12:30 — © 2024 • ★★★",
]


def test_language_identifier_gives_upstreams_results():
    """Bit for bit: the same (language, probability) as py3langid's own walk, on text of every script and length
    (shorter than the automaton's depth too), upper case, and bytes that are no UTF-8."""
    import random

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    upstream = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ours = compat.language_identifier()
    assert type(ours)._raw_score is not LanguageIdentifier._raw_score
    rng = random.Random(7)
    noise = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(100)]
    for text in [*LANGID_SAMPLES, *(t[:n] for t in LANGID_SAMPLES for n in (3, 5, 6, 7, 40)), *noise]:
        assert ours.classify(text) == upstream.classify(text), text
        assert ours._decide(text).tobytes() == upstream._decide(text).tobytes(), text  # every language's score


def test_reset_caches_logs_no_error(caplog):
    with caplog.at_level("DEBUG"):
        compat.reset_caches()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_literal_runs():
    assert compat.literal_runs(re.compile(r"share this\s+article")) == ["share this", "article"]
    assert compat.literal_runs(re.compile(r"(?i)^share this\s+article$")) == ["", "share this", "article", ""]
    assert compat.literal_runs(re.compile(r"a|bc")) == ["", ""]  # a branch: no literal every match holds


def test_literal_alternatives():
    assert compat.literal_alternatives(re.compile(r"\b(?:getty images|picture[- ]alliance|e-?mail)\b")) == [
        ["getty images", "alliance", "mail"]]
    # in a capturing group, in a lookahead; a negative lookahead requires nothing
    assert compat.literal_alternatives(re.compile(r"^(?!.*\b(?:said|says)\b)(foo|bar)x(?=.*(?:print|share))")) == [
        ["foo", "bar"], ["print", "share"]]
    assert compat.literal_alternatives(re.compile(r"share this")) == []


def test_fails_at_start():
    assert compat.fails_at_start(re.compile(r"^(?:read also|see also)\b"))
    assert compat.fails_at_start(re.compile(r"^\[/?(?:button|caption)"))
    assert not compat.fails_at_start(re.compile(r"^\W*(?=.*\b(?:print|share)\b)"))  # a repeat: reads on
    assert not compat.fails_at_start(re.compile(r"^(?!.*\bsaid\b)(?:see|spot)"))  # a lookahead: reads on
    assert not compat.fails_at_start(re.compile(r"\b(?:getty images|imago)\b"))  # not anchored


# ---------------------------------------------------------------------------------------------- the rule itself


def _private_uses(path: Path) -> list[str]:
    """Private names of upstream packages used in one module: imported, reached through an imported module, called
    on ``super()``, or overridden in a subclass of an upstream class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upstream_names: dict[str, str] = {}  # local name → dotted upstream origin
    found = []

    def is_upstream(module: str) -> bool:
        return module.split(".")[0] in UPSTREAM

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_upstream(alias.name):
                    upstream_names[(alias.asname or alias.name).split(".")[0]] = alias.name
                    if any(part.startswith("_") for part in alias.name.split(".")):
                        found.append(f"{path.name}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and is_upstream(node.module):
            for alias in node.names:
                upstream_names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                dotted = f"{node.module}.{alias.name}"
                if any(part.startswith("_") and not part.startswith("__") for part in dotted.split(".")):
                    found.append(f"{path.name}:{node.lineno}: from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            base = node.value
            if isinstance(base, ast.Name) and base.id in upstream_names:
                found.append(f"{path.name}:{node.lineno}: {base.id}.{node.attr}")
            if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id == "super":
                found.append(f"{path.name}:{node.lineno}: super().{node.attr}")
        if isinstance(node, ast.ClassDef):
            bases = [upstream_names[b.id] for b in node.bases if isinstance(b, ast.Name) and b.id in upstream_names]
            for base_name in bases:
                module, _, attr = base_name.rpartition(".")
                base_cls = getattr(importlib.import_module(module), attr, None)
                for item in node.body:
                    if (isinstance(item, ast.FunctionDef) and item.name.startswith("_")
                            and not item.name.startswith("__") and hasattr(base_cls, item.name)):
                        found.append(f"{path.name}:{item.lineno}: overrides {base_name}.{item.name}")
                for sub in ast.walk(node):  # self._name where _name is the upstream class's
                    if (isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self"
                            and sub.attr.startswith("_") and not sub.attr.startswith("__")
                            and hasattr(base_cls, sub.attr)):
                        found.append(f"{path.name}:{sub.lineno}: self.{sub.attr} of {base_name}")
        if isinstance(node, ast.Assign):  # monkeypatching an upstream module
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id in upstream_names:
                    found.append(f"{path.name}:{node.lineno}: {target.value.id}.{target.attr} = ...")
    return found


def test_no_private_upstream_names_outside_compat():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "compat.py":
            found += [f"{path.relative_to(PACKAGE.parent)}: {hit}" for hit in _private_uses(path)]
    assert found == [], "private upstream names outside newsproj/compat.py:\n" + "\n".join(found)


def test_the_check_finds_private_uses(tmp_path):
    """The check above can fail: each kind of private use it looks for is found in a sample."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import re._parser\n"
        "from twisted.web._newclient import ResponseFailed\n"
        "from scrapy.utils.defer import _schedule_coro\n"
        "import trafilatura.utils as tu\n"
        "from scrapy.core.downloader import Downloader\n"
        "tu.name = 1\n"
        "class D(Downloader):\n"
        "    def _process_queue(self, slot):\n"
        "        self._latercall(slot)\n"
        "        return super()._latercall(slot)\n",
        encoding="utf-8",
    )
    hits = _private_uses(sample)
    assert len(hits) == 7, hits
    assert _private_uses(PACKAGE / "compat.py"), "compat.py itself holds the private uses"


def test_the_test_schedulers_xdist_override_still_overrides_something():
    """tests/conftest.py's scheduler overrides pytest-xdist's private ``LoadScopeScheduling._split_scope`` (the
    workaround of docs/upstream.md §7, written for pytest-xdist 3.8). Renamed upstream, the override would do
    nothing and each crawl-once module would crawl once per worker, silently: fail here instead."""
    xdist_scheduler = pytest.importorskip("xdist.scheduler")
    from importlib.metadata import version

    assert version("pytest-xdist").startswith("3."), (
        "pytest-xdist changed major release: re-read LoadScopeScheduling and docs/upstream.md §7, then adjust "
        "tests/conftest.py's pytest_xdist_make_scheduler")
    assert callable(getattr(xdist_scheduler.LoadScopeScheduling, "_split_scope", None)), (
        "pytest-xdist no longer has LoadScopeScheduling._split_scope: tests/conftest.py's scheduler overrides nothing")


def test_the_test_schedulers_units_name_tests_that_exist():
    """tests/conftest.py's work units (``work_unit``): a module it groups that is renamed, or a test name it keys on
    that changes, would silently be handed out one test at a time again (each worker extracting the same pages,
    starting its own forkserver): every module and test-name prefix it names is a collected test's."""
    from tests.conftest import CRAWL_ONCE, IN_PROCESS_POOL, ONE_CASE, ROOT, work_unit

    for module in (*CRAWL_ONCE, *ONE_CASE, *IN_PROCESS_POOL):
        assert (ROOT / module).is_file(), module
    for module, prefixes in (*ONE_CASE.items(), *IN_PROCESS_POOL.items()):
        source = (ROOT / module).read_text(encoding="utf-8")
        for prefix in prefixes:
            name, _, param = prefix.partition("[")
            assert not name or f"def {name}(" in source, (module, prefix)
            assert not param or f'"{param.rstrip("]")}"' in source, (module, prefix)  # a parametrize id
    case = "tests/test_site_fixtures.py::test_field[nrk/2024-08-05:articleBody]"
    assert work_unit(case) == work_unit("tests/test_site_fixtures.py::test_every_expectation_can_fail[nrk/2024-08-05]")
    assert work_unit(case) != work_unit("tests/test_site_fixtures.py::test_field[nrk/2024-08-06:articleBody]")
    assert work_unit("tests/test_extractor.py::test_x") == work_unit("tests/test_extraction_limits.py::test_y")
    assert work_unit("tests/test_extraction_verdict.py::test_extractor_counts_each_outcome_under_its_reason[pool]") \
        == work_unit("tests/test_extractor.py::test_x")
    assert work_unit("tests/test_extraction_verdict.py::test_other") == "tests/test_extraction_verdict.py::test_other"


def test_extract_in_place_logs_a_failed_run(monkeypatch, caplog):
    """trafilatura failing on a page (a TypeError or ValueError in its sequence) is None, as bare_extraction's, and a
    warning naming the page, as bare_extraction logs it; never silent."""
    import trafilatura.core
    from trafilatura.settings import Extractor

    def failing(*args, **kwargs):
        raise TypeError("unsupported operand")

    monkeypatch.setattr(trafilatura.core, "trafilatura_sequence", failing)
    options = Extractor(output_format="python", precision=True, fast=True, url="https://example.com/a")
    tree = lxml.html.fromstring("<html><body><p>Some text of the page.</p></body></html>")
    with caplog.at_level("WARNING", logger="newsproj.compat"):
        assert compat.extract_in_place(tree, options) is None
    assert [r.getMessage() for r in caplog.records] == [
        "trafilatura discarded https://example.com/a: TypeError: unsupported operand"]


@pytest.mark.parametrize("precision", [True, False])
def test_extract_in_place_gives_bare_extractions_text(precision):
    """The same text as bare_extraction with the same options, from the tree itself (which keeps its elements but
    the pruned containers); options the shim does not mirror go through bare_extraction."""
    import copy

    import trafilatura
    from trafilatura.settings import Extractor

    words = "the council met on tuesday and voted on the budget for the coming year after a long debate"
    tree = lxml.html.fromstring(
        "<html><body><article><h1>Budget</h1>" + "".join(f"<p>{i} {words}.</p>" for i in range(8)) + "</article>"
        "<aside>Sidebar</aside><div id='comments'><p>A comment on it, with words.</p></div></body></html>")
    options = Extractor(output_format="python", precision=precision, fast=precision, comments=False, dedup=False)
    expected = trafilatura.bare_extraction(copy.deepcopy(tree), options=options, prune_xpath=["//aside"]).text
    assert compat.extract_in_place(tree, options, ("//aside",)) == expected
    assert tree.find(".//aside") is None and tree.find(".//article") is not None
    with_metadata = Extractor(output_format="python", precision=precision, with_metadata=True)
    assert compat.extract_in_place(copy.deepcopy(tree), with_metadata) == trafilatura.bare_extraction(
        copy.deepcopy(tree), options=with_metadata).text
    assert compat.extract_in_place(lxml.html.fromstring("<html><body><div> </div></body></html>"), options) is None
    assert compat.forum_thread_page(lxml.html.fromstring(
        "<html><head><script type='application/ld+json'>{\"@type\": \"DiscussionForumPosting\"}</script></head>"
        "<body><p>x</p></body></html>"))


WALKED_PAGE = """<html><body><h1>Story</h1>
<div id="comments"><p>A reader's comment.</p></div><div id="commentary"><p>An analysis.</p></div>
<section class="post-comments x"><p>More comments.</p></section><div class="no-comments-here"><p>Kept?</p></div>
<ol id="comment-list"><li>one</li></ol><ul id="disqus_thread"><li>two</li></ul><ul class="Comment"><li>three</li></ul>
<p class="comment">Not a container.</p><div class="mvp-post-add-box"><h1>Next story</h1><p>Its text.</p></div>
<div class="infinite-scroll"><h1>Another story</h1></div><aside id="infinitescroll"><p>Teasers.</p></aside>
<section class="elementor-share-buttons"><a>Share</a></section><div class="elementor-share"><p>Text.</p></div>
<list id="comol"><item>x</item></list><details class="comment-form"><summary>Reply</summary></details>
<div class="story"><div id="comments-2"><div class="comment"><p>Nested.</p></div></div></div>
<div class="sidebar-wrap"><p>Side.</p></div><span id="Share-top">Share</span><div role="Navigation">Menu</div>
<p data-component="MostPopularStories">Top.</p><div data-lp-replacement-content="1">X</div><div class="cookie">OK</div>
<section class="entry-content"><p class="meta-line">By A</p></section><div class="barrel">Kept?</div>
<div style="display:none">Hidden.</div><p aria-hidden="true">Hidden too.</p><b class="comments-title">3 comments</b>
<div class="Teaser-box"><p>Teaser.</p></div><div id="TEASER">Kept: an upper-case E.</div>
<div class="wp-caption"><p>Caption.</p></div><p class="page-bottom">Bottom.</p><p class="links">Kept.</p>
<div style="border: 1px"><p>Boxed.</p></div><ul class="related"><li>Related</li></ul></body></html>"""


PRUNE_LISTS = ("RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH", "REMOVE_COMMENTS_XPATH",
               "OVERALL_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS", "TEASER_DISCARD_XPATH", "PRECISION_DISCARD_XPATH")
"""The lists of trafilatura.xpaths that trafilatura's extraction prunes by (prune_unwanted_nodes)."""


def test_trafilaturas_prunes_are_walked_with_the_same_results():
    """Each XPath of the prune lists has a walk (a later release that changed their shape fails here; ``.//header``
    needs none), and the walk finds the XPath's elements in its order, on the page as parsed and as trafilatura
    converts it: matches and near misses by tag, by attribute (case, a token inside a word) and by the XPath's later
    predicates (an infinite-scroll container holding a <h1> stays), nested matches too."""
    import trafilatura.xpaths
    from trafilatura.htmlprocessing import convert_tags, tree_cleaning
    from trafilatura.settings import Extractor

    options = Extractor(output_format="python")
    trees = [lxml.html.fromstring(WALKED_PAGE), convert_tags(tree_cleaning(lxml.html.fromstring(WALKED_PAGE), options),
                                                               options)]
    found = 0
    for xpath in (xpath for name in PRUNE_LISTS for xpath in getattr(trafilatura.xpaths, name)):
        walk = compat.TagWalk.of(xpath)
        assert walk is not None or xpath.path == ".//header", f"no walk for trafilatura's {xpath.path}"
        for tree in trees if walk is not None else ():
            assert walk(tree) == xpath(tree), xpath.path
            found += len(xpath(tree))
    assert found >= 40
    assert compat.needles("mvp-post-add-(?:box|wrap)|infinite-?scroll") == ["mvp-post-add-", "infinite"]
    assert compat.needles("^[Cc]omment(?!ary)") == ["omment"]
    assert compat.needles("^shar|bread-?crumb|^(?:jp-|dpsp-content)") == ["shar", "bread", "jp-", "dpsp-content"]
    assert compat.needles("(?i)comment") is None and compat.needles("a|b?") is None and compat.needles("[") is None
    assert compat.needles("(?i:ab)c|d") == ["c", "d"] and compat.needles("(?=.*(?:print|share))") == ["print", "share"]


def test_walks_test_their_candidates_in_python_as_the_xpath_does():
    """A walk whose XPath has no predicate after its attribute tests (all of trafilatura's walked lists but two, and
    the body XPaths) tests a candidate in Python, not through libxml2 and lxml's re:test callback (~9 µs an element):
    no XPath is evaluated on the page. Same elements: an attribute union is its first attribute in the element's
    order (``<p class="x" id="cookie">`` is not ``re:test(@id|@class, 'cookie')``), an absent one the empty string,
    translate() as XPath's (a character's first place in the source), 'i' ignores case; the generated-tree property
    check below runs every walk against libxml2."""
    import lxml.etree
    import trafilatura.xpaths

    walks = {name: [compat.TagWalk.of(xpath) for xpath in getattr(trafilatura.xpaths, name)]
             for name in ("OVERALL_DISCARD_XPATH", "TEASER_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS")}
    page = lxml.html.fromstring(
        '<div><p class="x" id="cookie">a</p><p id="cookie" class="x">b</p><div role="Navigation">c</div>'
        '<span data-lp-replacement-content="">d</span><section class="Teaser">e</section><p class="y">f</p>'
        '<div id="reply-1" class="z">g</div><div class="a" id="reply-2">h</div><p aria-hidden="true">i</p></div>')
    expected = {name: [xpath(page) for xpath in getattr(trafilatura.xpaths, name)] for name in walks}
    assert [el.text for found in expected["OVERALL_DISCARD_XPATH"] for el in found] == ["b", "c", "d", "g", "i"]
    for name, walked in walks.items():
        assert not any(isinstance(walk.exact, lxml.etree.XPath) for walk in walked), name
        assert [walk(page) for walk in walked] == expected[name], name
    extra = compat.TagWalk.of(lxml.etree.XPath(
        ".//*[re:test(@class, 'fulltext', 'i') or contains(translate(@id, 'NN', 'nx'), 'nav')]",
        namespaces={"re": "http://exslt.org/regular-expressions"}))
    page = lxml.html.fromstring('<div><p class="FullText">a</p><p id="NAV">b</p><p id="Nav">c</p></div>')
    assert [el.text for el in extra(page)] == ["a", "c"]


def test_walked_prunes_are_extract_in_places_only(monkeypatch):
    """extract_in_place's runs prune by the walks; any other run of trafilatura (the bench's bare extraction) by its
    own XPaths; the text is the same."""
    import copy

    import trafilatura
    from trafilatura.settings import Extractor

    compat.walked_prunes()
    compat.walked_prunes()  # (idempotent: wrapped once)
    import trafilatura.core
    import trafilatura.external
    import trafilatura.htmlprocessing
    import trafilatura.main_extractor

    for module in (trafilatura.core, trafilatura.main_extractor, trafilatura.external):
        assert module.prune_unwanted_nodes.__wrapped__ is trafilatura.htmlprocessing.prune_unwanted_nodes
    walked = []
    call = compat.TagWalk.__call__
    monkeypatch.setattr(compat.TagWalk, "__call__", lambda self, tree: walked.append(self) or call(self, tree))
    words = "the council met on tuesday and voted on the budget for the coming year after a long debate"
    page = WALKED_PAGE.replace("<h1>Story</h1>", "<h1>Story</h1>" + "".join(f"<p>{i} {words}.</p>" for i in range(8)))
    options = Extractor(output_format="python", precision=True, fast=True, comments=False, dedup=False)
    bare = trafilatura.bare_extraction(lxml.html.fromstring(page), options=copy.copy(options)).text
    assert not walked
    assert compat.extract_in_place(lxml.html.fromstring(page), options) == bare
    assert len(walked) >= 7  # (the raw-tree prunes, then the discarded blocks, captions, teasers, precision's)
    balanced = Extractor(output_format="python", comments=False, dedup=False)
    bare = trafilatura.bare_extraction(lxml.html.fromstring(page), options=copy.copy(balanced)).text
    assert compat.extract_in_place(lxml.html.fromstring(page), balanced) == bare


BODY_PAGE = """<html><body><div class="nav"><p>Menu</p></div><main id="top"><div class="Post-Body">Kept?</div>
<section class="story-content"><div class="FullText"><p>A fulltext block.</p></div></section>
<div id="Main-Content"><p>Main content.</p></div><div class="page-Content"><p>Page content.</p></div>
<div class="main-column"><div class="post_content"><p>The post.</p></div><article role="article"><p>An article.</p>
</article></div><div class="contentBody"></div><section id="main"><p>Main.</p></section></main></body></html>"""


def test_trafilaturas_body_xpaths_give_their_first_element_by_a_walk(monkeypatch):
    """Each expression of BODY_XPATH (a later release that changed their shape fails here) has a first match, which
    finds the first element the XPath finds (the only one trafilatura reads), on the page as parsed and as trafilatura
    converts it, at each step of a page that loses its matches one by one; in extract_in_place's runs only (the XPath's
    whole list elsewhere), and the same text as bare_extraction."""
    import copy

    import trafilatura
    import trafilatura.main_extractor
    import trafilatura.xpaths
    from trafilatura.htmlprocessing import convert_tags, tree_cleaning
    from trafilatura.settings import Extractor

    compat.walked_bodies()
    compat.walked_bodies()  # (idempotent)
    replaced = trafilatura.main_extractor.BODY_XPATH
    assert [expr.xpath for expr in replaced] == trafilatura.xpaths.BODY_XPATH
    options = Extractor(output_format="python")
    page = lxml.html.fromstring(BODY_PAGE)
    trees = [page, convert_tags(tree_cleaning(copy.deepcopy(page), options), options)]
    found = 0
    for tree in trees:
        while True:
            firsts = {expr.first(tree) for expr in replaced} - {None}
            for expr in replaced:
                assert expr(tree) == expr.xpath(tree)  # (not in extract_in_place's run: the XPath itself)
                assert expr.first(tree) == next(iter(expr.xpath(tree)), None), (expr.xpath.path, found)
            if not firsts:
                break
            for el in firsts:
                el.drop_tag()
                found += 1
    assert found >= 15
    words = "the council met on tuesday and voted on the budget for the coming year after a long debate"
    story = BODY_PAGE.replace("Main.</p>", "Main.</p>" + "".join(f"<p>{i} {words}.</p>" for i in range(8)))
    walked = []
    first = compat.FirstMatch.first
    monkeypatch.setattr(compat.FirstMatch, "first", lambda self, tree: walked.append(self) or first(self, tree))
    for precision in (True, False):
        options = Extractor(output_format="python", precision=precision, fast=precision, comments=False, dedup=False)
        expected = trafilatura.bare_extraction(lxml.html.fromstring(story), options=copy.copy(options)).text
        assert not walked
        assert compat.extract_in_place(lxml.html.fromstring(story), options) == expected
        assert walked
        walked.clear()


def test_fast_runs_without_comments_make_no_backup_of_the_cleaned_tree():
    import copy

    import trafilatura.core
    from trafilatura.settings import Extractor

    compat.no_unread_backup()
    compat.no_unread_backup()  # (idempotent: wrapped once)
    prepare = trafilatura.core._prepare_tree
    original = prepare.__wrapped__
    assert getattr(original, "__wrapped__", None) is None
    tree = lxml.html.fromstring("<html><body><nav>Menu</nav><div><p>Some text of a story.</p></div></body></html>")
    fast = Extractor(output_format="python", fast=True, comments=False)
    cleaned, backup = prepare(copy.deepcopy(tree), fast, None)
    assert backup is None
    assert lxml.html.tostring(cleaned) == lxml.html.tostring(original(copy.deepcopy(tree), fast, None)[0])
    for options in (Extractor(output_format="python"), Extractor(output_format="python", fast=True, comments=True)):
        assert prepare(copy.deepcopy(tree), options, None)[1] is not None


def test_readabilitys_cleaner_leaves_javascript_attributes_and_the_text_is_the_same():
    import copy

    import readability.readability as upstream
    from readability import Document

    words = "the council met on tuesday and voted on the budget for the coming year, after a long debate"
    page = lxml.html.fromstring(
        "<html><body><div id='nav'><a href='javascript:void(0)' onclick='go()'>Menu</a></div><div class='story'>"
        + "".join(f"<p onmouseover='x()'>{i} {words}, <a href='javascript:open()'>said</a> a member.</p>"
                  for i in range(8)) + "</div></body></html>")
    original = upstream.html_cleaner
    # upstream's own cleaner, whatever ran before in this process (extraction applies the shim process-wide)
    pristine = copy.copy(original)
    pristine.javascript = True
    try:
        upstream.html_cleaner = pristine
        expected = Document(copy.deepcopy(page)).summary(html_partial=True)
        compat.text_only_readability_cleaner()
        compat.text_only_readability_cleaner()  # (idempotent)
        lean = upstream.html_cleaner
        assert lean is not pristine and not lean.javascript and lean.scripts and lean.style and lean.comments
        found = Document(copy.deepcopy(page)).summary(html_partial=True)
    finally:
        upstream.html_cleaner = original
    assert "javascript:open()" in found and "javascript:open()" not in expected
    assert lxml.html.fromstring(found).text_content() == lxml.html.fromstring(expected).text_content()


_WALK_FRAGMENTS = ["comment", "Comment", "commentary", "comments-list", "teaser", "Teaser", "reply-", "hidden", "nav",
                   "NAV", "n-a-v", "display:none", "display: none", "share", "sh are", "s-hare", "social", "bottom",
                   "link", "border", "caption", "infinite-scroll", "infinitescroll", "mvp-post-add-box", "cookie", "x",
                   " ", "-", "respond", "main", "post-body", "articleBody", "true", "elementor-share-buttons", "ü",
                   "\u00a0", "a.b", "ab", "AB", "content", "article-body", "FullText", "fulltext", "FULLTEXT",
                   "Main-Content", "main-content", "page-Content", "story", "post", "entry", "article", "text",
                   "primary"]
_WALK_SHAPES = [  # the shapes TagWalk reads, and some it must refuse (positions, later steps, unions, deletions)
    ".//*[contains(@class, 'nav')][starts-with(@id, '')]", ".//*[contains(@class, 'a')][contains(translate(@class, 'N',"
    " 'n'), 'nav') or contains(translate(@id, 'S', 's'), 'share')]",
    ".//*[@id][re:test(@class|@id, 'share|^nav') or @style='x'][contains(@class|@style, '')]",
    ".//*[self::div][@class='ab']", ".//*[starts-with(@class, 'sh are')]", ".//*[@data-lp-replacement-content]",
    ".//*[contains(translate(@class, '-', ''), 'share')]", ".//*[contains(translate(@class, ' -', ''), 'share')]",
    ".//*[contains(translate(@class, 'AB', 'ab'), 'ab')]", ".//*[re:test(@class, 'a\\.b')]",
    ".//*[re:test(@class, 'a.b')]", ".//*[re:test(@class, '(?<=x)comment|(?=.*nav)')]",
    ".//*[re:test(@class|@id, '[Cc]omment(?!ary)')]", ".//*[re:test(@class, 'com(?:ment|mentary)s?')]",
    ".//*[re:test(@style, '\\u00fc')]", ".//*[re:test(@class, '\\x41B')]", ".//*[re:test(@class, '[x]')]",
    ".//*[@class or @id][1]", ".//*[@class][last()]", ".//*[contains(@class, 'x')][position() < 2]",
    ".//*[contains(@class, 'comment')]//*", ".//*[contains(@class, 'x')]/..",
    ".//*[contains(@class, 'comment')] | .//p", ".//*[contains(@class, 'x')]/following-sibling::*",
    ".//*[self::div or self::section][contains(@class, 'x')][not(.//h1)]",
    ".//*[@ID]", ".//*[contains(@Class, 'x')]", ".//*[self::Section][@class]",
    ".//*[re:test(@class, 'fulltext', 'i')]", ".//*[re:test(@class, 'fulltext', 'g')]",
    ".//*[contains(translate(@id, 'CM','cm'), 'main-content')]",
]
_FIRST_SHAPES = [  # the shapes FirstMatch reads, and some it must refuse (another position, a step or union after)
    "(.//*[self::div or self::main][@class='post' or re:test(@id, 'main')])[1]", ".//*[contains(@class, 'story')][1]",
    "(.//*[@role='article'])[1] | (.//main)[1]", "(.//article)[1]", "(.//*[@class])[2]", ".//*[@class][last()][1]",
    "(.//*[@class])[1]//p", "(.//*[@class])[1]|.//p", "(.//*[@class] | .//p)[1]", ".//main",
]


def test_tag_walks_find_what_their_xpaths_find_on_generated_trees():
    """Property check of TagWalk against libxml2's evaluation: random trees (HTML and plain etree: upper-case and
    namespaced tags, upper-case attribute names, nesting) whose attribute values are made of the literals the prune
    XPaths test, near misses among them ('commentary', 'n-a-v', 'sh are'); every walkable XPath of trafilatura.xpaths
    and of the shapes above must give the same elements in the same order. Shapes it cannot walk exactly (a position
    predicate, a step or union after the predicates, a translate() that deletes characters) must be refused."""
    import random

    import lxml.etree
    import trafilatura.xpaths

    tags = ["div", "section", "DIV", "aside", "p", "span", "list", "item", "article", "main", "details", "ol", "ul",
            "a", "h1", "Section", "{http://www.w3.org/1999/xhtml}div"]
    names = ["class", "id", "style", "role", "data-component", "aria-hidden", "data-lp-replacement-content",
             "itemprop", "Class", "ID"]
    xpaths = [xpath for value in vars(trafilatura.xpaths).values() if isinstance(value, list)
              for xpath in value if isinstance(xpath, lxml.etree.XPath)]
    xpaths += [lxml.etree.XPath(path, namespaces={"re": "http://exslt.org/regular-expressions"})
               for path in _WALK_SHAPES]
    walks = [(xpath, walk) for xpath in xpaths if (walk := compat.TagWalk.of(xpath)) is not None]
    assert len(walks) >= 25
    assert [path for path in _WALK_SHAPES if compat.TagWalk.of(lxml.etree.XPath(
        path, namespaces={"re": "http://exslt.org/regular-expressions"})) is not None][-2:] == _WALK_SHAPES[-3::2]
    firsts = [(xpath, first) for xpath in trafilatura.xpaths.BODY_XPATH + [lxml.etree.XPath(
        path, namespaces={"re": "http://exslt.org/regular-expressions"}) for path in _FIRST_SHAPES]
        if (first := compat.FirstMatch.of(xpath)) is not None]
    assert [first.xpath.path for _, first in firsts][-4:] == _FIRST_SHAPES[:4]
    for seed in range(160):
        rng = random.Random(seed)
        html = seed % 2 == 0
        root = lxml.html.fromstring("<div></div>") if html else lxml.etree.Element("div")
        nodes = [root]
        for _ in range(rng.randint(1, 40)):
            tag = rng.choice([tag for tag in tags if not html or "{" not in tag])
            element = lxml.etree.SubElement(rng.choice(nodes), tag)
            element.tail = "t"
            for _ in range(rng.randint(0, 3)):
                element.set(rng.choice(names), "".join(rng.choice(_WALK_FRAGMENTS) for _ in range(rng.randint(0, 3))))
            nodes.append(element)
        for xpath, walk in walks:
            assert walk(root) == xpath(root), (seed, xpath.path)
            # (its tests alone, on the elements that hold a tested attribute: what a caller holding those runs)
            holders = [el for el in root.iterdescendants() if any(el.get(name) is not None
                                                                    for name in walk.attribute_names)]
            assert walk.among(holders) == xpath(root), (seed, xpath.path)
            # (the same, each attribute's values of the holders searched as one string)
            joined = {name: compat.JoinedValues(el.get(name) for el in holders) for name in walk.attribute_names}
            assert walk.among_joined(holders, joined) == xpath(root), (seed, xpath.path)
        for xpath, first in firsts:
            assert first.first(root) == next(iter(xpath(root)), None), (seed, xpath.path)


def test_joined_values_find_the_values_holding_a_literal_one_match_a_value():
    """A search of literals over the values joined by NUL gives the index of each value holding one (an absent value
    is empty), once however many matches it holds, ascending; literals that could match the separator are refused.
    TagWalk.among_joined gives what among gives, and falls back to it where an attribute is not held or any value
    passes (``@x``)."""
    import re

    import lxml.etree

    values = ["box factbox", None, "", "x-Box", "nobox box", "b", "ox"]
    joined = compat.JoinedValues(values)
    assert joined.holding(re.compile("box|Box")) == [0, 3, 4]
    assert joined.holding(re.compile("(?i:BOX)")) == [0, 3, 4]
    assert joined.holding(re.compile("zzz")) == []
    for bad in ("a\0b", "[^x]", "\\x00"):
        with pytest.raises(ValueError, match="separator"):
            joined.holding(re.compile(bad))
    root = lxml.html.fromstring("<div><p class='factbox'>a</p><p id='box'>b</p><p class='nav' id='infobox'>c</p>"
                                "<span class='Box'>d</span></div>")
    holders = list(root.iterdescendants())
    walk = compat.TagWalk.of(lxml.etree.XPath(".//*[contains(@class, 'box') or contains(@class, 'Box')]"))
    assert walk is not None
    by_class = {"class": compat.JoinedValues(el.get("class") for el in holders)}
    assert [el.text for el in walk.among_joined(holders, by_class)] == ["a", "d"] == [el.text for el in walk(root)]
    both = compat.TagWalk.of(lxml.etree.XPath(".//*[contains(@class, 'box') or contains(@id, 'box')]"))
    assert both is not None
    assert [el.text for el in both.among_joined(holders, by_class)] == ["a", "b", "c"]  # (no "id" held: among)


def test_a_tag_walk_of_many_attributes_reads_an_elements_attributes_once():
    """A walk testing three attributes or more reads each element's attributes in one ``items()`` call, not a
    ``get()`` for each tested name (~12 % of the walks of trafilatura's prunes); one of fewer keeps ``get()``. The
    same elements as the XPath either way."""
    import lxml.etree

    calls: list[str] = []

    class Counted(lxml.etree.ElementBase):
        def get(self, key, default=None):
            calls.append("get")
            return super().get(key, default)

        def items(self):
            calls.append("items")
            return super().items()

    parser = lxml.etree.XMLParser()
    parser.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(element=Counted))
    root = lxml.etree.fromstring("<div><p class='share-box'>a</p><p id='x' role='note'>b</p><span style='top'>c"
                                 "</span><p/></div>", parser)
    many = lxml.etree.XPath(".//*[contains(@class, 'share') or contains(@id, 'social') or contains(@style, 'top')"
                            " or contains(@role, 'note')]")
    few = lxml.etree.XPath(".//*[contains(@class, 'share') or contains(@id, 'social')]")
    for xpath, expected, items in ((many, ["a", "b", "c"], 4), (few, ["a"], 0)):
        walk = compat.TagWalk.of(xpath)
        assert walk is not None
        calls.clear()
        assert [el.text for el in walk(root)] == expected == [el.text for el in xpath(root)]
        assert calls.count("items") == items  # (once an element of the 4; the tests of a found one read it again)


def test_the_stats_collector_counts_without_an_exception_a_count():
    """Scrapy 2.19's collector raises and catches an AttributeError each time inc_value reads its dict; ours does
    not, counts the same, and still warns about a ``spider`` argument."""
    import sys
    import warnings

    from scrapy.exceptions import ScrapyDeprecationWarning

    from newsproj import settings

    crawler = get_crawler(settings_dict={"STATS_CLASS": settings.STATS_CLASS})
    stats = crawler.stats
    assert isinstance(stats, compat.StatsCollector)
    for name in ("inc_value", "set_value", "max_value", "get_value", "get_stats"):  # Scrapy's hook wraps each once
        getattr(stats, name)
    raised = []

    def trace(frame, event, arg):
        if event == "exception":
            raised.append(arg[0])
        return trace

    sys.settrace(trace)
    try:
        for _ in range(3):
            stats.inc_value("a/b")
        stats.inc_value("a/c", 5)
        stats.set_value("d", "x")
        stats.max_value("e", 4)
        value = stats.get_value("a/b")
    finally:
        sys.settrace(None)
    assert raised == []
    assert value == 3 and stats.get_stats() == {"a/b": 3, "a/c": 5, "d": "x", "e": 4}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stats.inc_value("a/b", spider=object())
    assert [w.category for w in caught] == [ScrapyDeprecationWarning]


def test_the_stats_collector_reads_its_attributes_without_a_python_hook():
    """Every count reads the collector's attributes: as any object's (no Python ``__getattribute__``, ~0.5 us a
    count), every method still warns about a ``spider`` argument, at the caller's line, and counts the same."""
    import warnings

    from scrapy.exceptions import ScrapyDeprecationWarning

    from newsproj import settings

    stats = get_crawler(settings_dict={"STATS_CLASS": settings.STATS_CLASS}).stats
    assert type(stats).__getattribute__ is object.__getattribute__
    spider = object()
    calls = [("inc_value", ("a", 2, 1)), ("max_value", ("m", 3)), ("min_value", ("n", 4)), ("set_value", ("k", "v")),
             ("get_value", ("a",)), ("get_stats", ()), ("set_stats", ({"a": 3, "m": 3, "n": 4, "k": "v"},)),
             ("clear_stats", ()), ("open_spider", ()), ("close_spider", ())]
    for name, args in calls:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            getattr(stats, name)(*args, spider=spider)
        assert [(w.category, w.filename) for w in caught] == [(ScrapyDeprecationWarning, __file__)], name
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            getattr(stats, name)(*args)
    stats.inc_value("a", 2, 1)
    stats.inc_value("a")
    stats.max_value("m", 3)
    stats.max_value("m", 1)
    stats.min_value("n", 4)
    stats.min_value("n", 9)
    assert stats.get_stats() == {"a": 4, "m": 3, "n": 4}
    assert stats.get_value("b", 7) == 7


def test_scrapy_logs_a_feed_store_error_with_the_message_the_filter_shortens(caplog):
    """``compat.OneLineStoreError`` matches Scrapy's record by its text: on a release that words it otherwise the
    traceback comes back (nothing worse); this says so at once."""
    import logging

    from scrapy.extensions.feedexport import FeedExporter

    assert f'"{compat.FEED_STORE_ERROR}"' in inspect.getsource(FeedExporter._close_slot)
    log = logging.getLogger(compat.FEED_STORE_LOGGER)
    flt = compat.OneLineStoreError()
    log.addFilter(flt)
    try:
        with caplog.at_level("DEBUG"):
            try:
                raise OSError(28, "No space left on device")
            except OSError:
                log.error(compat.FEED_STORE_ERROR, "jsonlines feed (3 items) in: file:///x", exc_info=True)
            log.info("Stored %s", "x")
    finally:
        log.removeFilter(flt)
    error = next(r for r in caplog.records if r.levelname == "ERROR")
    assert error.getMessage() == ("Error storing jsonlines feed (3 items) in: file:///x: "
                                  "OSError: [Errno 28] No space left on device")
    assert error.exc_info is None
    assert any(r.levelname == "DEBUG" and r.exc_info for r in caplog.records)  # the traceback, at DEBUG
    assert any(r.getMessage() == "Stored x" for r in caplog.records)
