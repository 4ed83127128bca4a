"""MinHash signatures of word shingles and an LSH index over them, for DedupPipeline's near-duplicates.

The signatures are datasketch's (2.x ``MinHash``: scheme ``affine32``, seed 1, ``sha1_hash32``), bit for bit, so
signatures an earlier run stored (``STATE_DIR``, Redis) keep matching; the index bands them as datasketch's
``MinHashLSH`` does (the same ``(bands, rows)`` for a threshold, the same candidates). What differs is the cost
in the crawl process: the SHA-1 digests of a body's shingles are taken in one pass and read as one array (no
Python call and ``struct.unpack`` a shingle), and datasketch itself is not imported (it imports scipy for its
band optimisation: ~0.4 s of a crawl's CPU). ``tests/test_pipelines_dedup.py`` checks both against datasketch.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable

import numpy as np

SEED = 1
"""datasketch's default seed: the permutations every signature uses."""

CHUNK = 4096
"""Shingles hashed through the permutations at once (a (CHUNK, permutations) uint32 array: 2 MB at 128)."""

_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def shingles(text: str, size: int) -> list[bytes]:
    """The body's word ``size``-grams, case folded, UTF-8, repeats included (a signature is a minimum: a repeat
    changes nothing, and dropping repeats costs more than hashing them); a text of ``size`` words or fewer is one.
    Words are split on any Unicode white space, then joined and encoded once: a UTF-8 word holds no byte 0x20."""
    return folded_shingles(" ".join(text.casefold().split()).encode("utf-8"), size)


def folded_shingles(folded: bytes, size: int) -> list[bytes]:
    """:func:`shingles` of a text already folded: white space single, case folded, UTF-8
    (``state.ledger.folded_body``, which the content fingerprint is taken of too)."""
    words = folded.split(b" ")
    if len(words) <= size:
        return [b" ".join(words)]
    return list(map(b" ".join, zip(*(words[k:] for k in range(size)), strict=False)))


@functools.cache
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations ``h -> a * h + b mod 2**32`` (odd ``a``), drawn as it draws them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def signature(values: Iterable[bytes], num_perm: int) -> np.ndarray:
    """The MinHash of a set of byte strings: ``num_perm`` uint32 values (datasketch's ``hashvalues``)."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(value).digest() for value in values])
    # sha1_hash32: the digest's first 4 bytes, little-endian; a digest is 20 bytes, 5 uint32s
    hashed = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32).reshape(-1, 1)
    a, b = permutations(num_perm)
    result = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(hashed), CHUNK):
        hv = hashed[start : start + CHUNK]
        s1, m1, s2, m2, s3 = _FMIX  # MurmurHash3's finalizer, as datasketch pre-mixes
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        permuted = np.multiply(hv, a)  # (shingles, permutations), then permuted in place: one array, not two
        np.add(permuted, b, out=permuted)
        np.minimum(result, permuted.min(axis=0), out=result)
    return result


def jaccard(one: np.ndarray, other: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal values."""
    return float(np.count_nonzero(one == other)) / len(one)


@functools.cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch ``MinHashLSH``'s ``(b, r)``: the bands and rows a band that minimise the mean of the false
    positive and the false negative probability over the Jaccard similarities below and above ``threshold``.
    The integrands are polynomials of degree ``b * r <= num_perm``, so a Gauss-Legendre rule of
    ``num_perm // 2 + 1`` points integrates them exactly (datasketch asks scipy's ``quad``: the same optimum)."""
    nodes, weights = np.polynomial.legendre.leggauss(max(8, num_perm // 2 + 1))

    def integral(low: float, high: float, b: int, r: int, positive: bool) -> float:
        s = (high - low) / 2 * nodes + (high + low) / 2
        collide = 1 - (1 - s ** float(r)) ** float(b)
        return float((high - low) / 2 * np.dot(weights, collide if positive else 1 - collide))

    best, found = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = 0.5 * integral(0.0, threshold, b, r, True) + 0.5 * integral(threshold, 1.0, b, r, False)
            if error < best:
                best, found = error, (b, r)
    return found


class LSH:
    """Keys (canonical URLs) by the bands of their signatures: a query finds every key that shares a band."""

    def __init__(self, threshold: float, num_perm: int):
        self.b, self.r = bands(threshold, num_perm)
        self.tables: list[dict[bytes, set[str]]] = [{} for _ in range(self.b)]
        self.keys: dict[str, list[bytes]] = {}

    def _bands(self, sig: np.ndarray) -> list[bytes]:
        raw, step = sig.tobytes(), 4 * self.r
        return [raw[i * step : (i + 1) * step] for i in range(self.b)]

    def insert(self, key: str, sig: np.ndarray) -> None:
        if key in self.keys:
            self.remove(key)
        self.keys[key] = found = self._bands(sig)
        for band, table in zip(found, self.tables, strict=True):
            table.setdefault(band, set()).add(key)

    def remove(self, key: str) -> None:
        for band, table in zip(self.keys.pop(key), self.tables, strict=True):
            keys = table[band]
            keys.discard(key)
            if not keys:
                del table[band]

    def query(self, sig: np.ndarray) -> list[str]:
        found: set[str] = set()
        for band, table in zip(self._bands(sig), self.tables, strict=True):
            keys = table.get(band)
            if keys:
                found |= keys
        return sorted(found)
