"""The chrome vocabulary (chrome.toml in this package, read through ``importlib.resources`` so it loads from an
egg or zip too), compiled once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from ..compat import fails_at_start, literal_alternatives, literal_runs

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

VOCABULARY: Traversable = files(__package__ or "newsproj.cleaning") / "chrome.toml"


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
    more: tuple[re.Pattern[str], ...] = ()
    """The whole text of a link to the rest of a story ("Read more »", "Continue reading", "Weiterlesen"): chrome as
    a line of its own (the last of ``short``, group ``related``), a teaser's link in the listing verdict."""
    prune_xpath: tuple[str, ...] = ()
    """XPaths of chrome containers removed from the page before extraction ([prune] xpath)."""
    prune_tokens: frozenset[str] = frozenset()
    """Class or id tokens of chrome containers removed from the page before extraction ([prune] classes)."""
    any_literals: tuple[str | None, ...] = ()
    """Per ``any`` pattern, a lowercase ASCII text every match contains (see :func:`required_literal`), or None."""
    short_literals: tuple[str | None, ...] = ()
    """The same for the ``short`` patterns."""
    any_alternatives: tuple[tuple[str, ...] | None, ...] = ()
    """Per ``any`` pattern without a required literal, lowercase ASCII texts one of which every match contains (see
    :func:`required_alternatives`), or None."""
    short_alternatives: tuple[tuple[str, ...] | None, ...] = ()
    """The same for the ``short`` patterns."""
    any_gate: Gate | None = None
    """The ``any`` patterns' literals and alternatives found in a line by one scan (:class:`Gate`)."""
    short_gate: Gate | None = None
    """The same for the ``short`` patterns."""


@dataclass(frozen=True, slots=True)
class Gate:
    """The patterns a line may match, by the required literals (or alternatives' words) it holds, found by one scan of
    the lowercased line instead of one ``in`` test a pattern (~360 a short line).

    ``scan`` is the words as a trie, in a lookahead: at each position of the line it finds the longest word that starts
    there. Every word that starts at a position is a prefix of that longest one, so the words the line holds are the
    words among the prefixes of those found, and a pattern may match exactly where :func:`first_match`'s ``in`` tests
    would search it. A line holding none of the words is searched by the patterns that have none (``always``)."""

    scan: re.Pattern[str]
    patterns_of: dict[str, frozenset[int]]
    """A word the scan finds → the patterns (their index) whose literal or one of whose alternatives is one of its
    prefixes that are words (itself included)."""
    always: frozenset[int]
    """The patterns without a literal or alternatives: searched on every line."""


def _trie(words: list[str]) -> str:
    """A regex of ``words`` as a trie (one branch per next character, the longer words first): it matches at a
    position the longest of the words that starts there, each character tested once along the way."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        children = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not children:
            return ""
        if len(children) == 1 and "" not in node:
            return children[0]
        return "(?:" + "|".join(children) + ("|" if "" in node else "") + ")"

    return branch(root)


def literal_gate(literals: tuple[str | None, ...], alternatives: tuple[tuple[str, ...] | None, ...] = ()) -> Gate:
    """The :class:`Gate` of a pattern list's ``literals`` and ``alternatives`` (as :func:`first_match` reads them)."""
    owners: dict[str, set[int]] = {}
    always = set()
    for i, literal in enumerate(literals):
        words = (literal,) if literal is not None else (alternatives[i] if i < len(alternatives) else None)
        if not words:
            always.add(i)
        for word in words or ():
            owners.setdefault(word, set()).add(i)
    found = {word: frozenset(i for prefix in owners if word.startswith(prefix) for i in owners[prefix])
             for word in owners}
    return Gate(re.compile(f"(?=({_trie(sorted(owners))}))" if owners else "(?!)"), found, frozenset(always))


# A line without a pattern's required literal (lowercased) cannot match it: one ``in`` test instead of a
# case-insensitive regex scan of the line, for most patterns and most lines (prose is not chrome). Under re.I an
# ASCII letter also matches these four characters, which str.lower() does not map to it: with one of them in the
# line, every pattern is searched.
_UNSAFE_FOR_LITERALS = re.compile("[\u0130\u0131\u017f\u212a]")
MIN_LITERAL = 3


def required_literal(rx: re.Pattern[str]) -> str | None:
    """The longest run of plain ASCII characters in the top-level sequence of ``rx`` (every match contains it),
    lowercased; None when it has none of ``MIN_LITERAL`` characters or more (or the pattern cannot be read)."""
    runs = literal_runs(rx)
    if not runs:
        return None
    best = max(runs, key=len)
    return best.lower() if len(best) >= MIN_LITERAL else None


def required_alternatives(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """For a pattern without a required literal whose top level holds an alternation of words
    (``\\b(?:getty images|shutterstock|imago|…)\\b``): the longest run of plain ASCII characters of each of its
    alternatives, lowercased (every match contains one of them), where each has ``MIN_LITERAL`` characters or more;
    of several alternations, the one whose shortest run is longest. None otherwise, and for a pattern that fails at a
    line's first character (``^(?:read also|see also|…)``: its search costs less than the tests of its words). (A scan
    of such a pattern at every position of a line costs ~10 µs; ``in`` tests of its words ~1 µs.)"""
    if fails_at_start(rx):
        return None
    best: tuple[str, ...] | None = None
    for runs in literal_alternatives(rx):
        if runs and min(map(len, runs)) >= MIN_LITERAL and (best is None or min(map(len, runs)) > min(map(len, best))):
            best = tuple(dict.fromkeys(run.lower() for run in runs))
    return best


def first_match(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...],
                literals: tuple[str | None, ...],
                alternatives: tuple[tuple[str, ...] | None, ...] = (), gate: Gate | None = None) -> str | None:
    """The group of the first of ``patterns`` that ``text`` matches (``rx.search``), or None. A pattern whose
    ``literals`` entry (or, where that is None, one of whose ``alternatives``) the lowercased line lacks is not
    searched. ``gate``: those literals' and alternatives' :func:`literal_gate`, which finds the ones the line holds
    in one scan (the same patterns are searched).

    (Called for every line of every body: the loop is kept to a tuple unpack and one ``in`` test a pattern.)"""
    if not literals or _UNSAFE_FOR_LITERALS.search(text):
        for group, rx in patterns:
            if rx.search(text):
                return group
        return None
    if gate is not None:
        found = gate.scan.findall(text.lower())
        for i in sorted(gate.always.union(*map(gate.patterns_of.__getitem__, found)) if found else gate.always):
            group, rx = patterns[i]
            if rx.search(text):
                return group
        return None
    low = text.lower()
    if not alternatives:
        for (group, rx), literal in zip(patterns, literals, strict=True):
            if (literal is None or literal in low) and rx.search(text):
                return group
        return None
    for (group, rx), literal, words in zip(patterns, literals, alternatives, strict=True):
        if literal is None:
            if words is not None:
                for word in words:
                    if word in low:
                        break
                else:
                    continue
        elif literal not in low:
            continue
        if rx.search(text):
            return group
    return None


@cache
def vocabulary(path: Traversable = VOCABULARY) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    short: list[tuple[str, re.Pattern[str]]] = []
    anywhere: list[tuple[str, re.Pattern[str]]] = []
    tail: list[re.Pattern[str]] = []
    more: list[tuple[str, re.Pattern[str]]] = []
    for group, table in data.items():
        if not isinstance(table, dict) or group == "prune":
            continue
        short += [(group, re.compile(p, re.I)) for p in table.get("short", [])]
        anywhere += [(group, re.compile(p, re.I)) for p in table.get("any", [])]
        tail += [re.compile(p, re.I) for p in table.get("tail", [])]
        more += [(group, re.compile(p, re.I)) for p in table.get("more", [])]
    short += more  # (last: a line another group names keeps that group's reason)
    vocab = Vocabulary(
        short_words=int(data["short_words"]),
        sentence_words=int(data["sentence_words"]),
        short=tuple(short),
        any=tuple(anywhere),
        tail=tuple(tail),
        more=tuple(rx for _, rx in more),
        prune_xpath=tuple(data.get("prune", {}).get("xpath", [])),
        prune_tokens=frozenset(data.get("prune", {}).get("classes", [])),
        any_literals=tuple(required_literal(rx) for _, rx in anywhere),
        short_literals=tuple(required_literal(rx) for _, rx in short),
        any_alternatives=tuple(None if required_literal(rx) else required_alternatives(rx) for _, rx in anywhere),
        short_alternatives=tuple(None if required_literal(rx) else required_alternatives(rx) for _, rx in short),
    )
    return replace(vocab, any_gate=literal_gate(vocab.any_literals, vocab.any_alternatives),
                   short_gate=literal_gate(vocab.short_literals, vocab.short_alternatives))

