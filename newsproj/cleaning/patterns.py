"""The chrome vocabulary (chrome.toml beside this file), compiled once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).with_name("chrome.toml")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    short_words: int
    sentence_words: int
    short: tuple[tuple[str, re.Pattern[str]], ...]
    """(group, pattern) that mark a short line as chrome."""
    any: tuple[tuple[str, re.Pattern[str]], ...]
    """(group, pattern) that mark a line of any length as chrome."""
    tail: tuple[re.Pattern[str], ...]
    """Headings ("You might also like") after which headline-like lines are chrome."""
    prune_xpath: tuple[str, ...] = ()
    """XPaths of chrome containers removed from the page before extraction ([prune] xpath)."""
    prune_tokens: frozenset[str] = frozenset()
    """Class or id tokens of chrome containers removed from the page before extraction ([prune] classes)."""


@cache
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    short: list[tuple[str, re.Pattern[str]]] = []
    anywhere: list[tuple[str, re.Pattern[str]]] = []
    tail: list[re.Pattern[str]] = []
    for group, table in data.items():
        if not isinstance(table, dict) or group == "prune":
            continue
        short += [(group, re.compile(p, re.I)) for p in table.get("short", [])]
        anywhere += [(group, re.compile(p, re.I)) for p in table.get("any", [])]
        tail += [re.compile(p, re.I) for p in table.get("tail", [])]
    return Vocabulary(
        short_words=int(data["short_words"]),
        sentence_words=int(data["sentence_words"]),
        short=tuple(short),
        any=tuple(anywhere),
        tail=tuple(tail),
        prune_xpath=tuple(data.get("prune", {}).get("xpath", [])),
        prune_tokens=frozenset(data.get("prune", {}).get("classes", [])),
    )

