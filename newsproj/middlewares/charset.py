"""Text repair: the encoding of an HTML response is decided from its bytes, not only its declaration, and
control characters are removed before any parser sees them.

Scrapy trusts the Content-Type header, then ``<meta charset>``, then guesses. Sites lie: Windows-1252 bytes
declared UTF-8 become U+FFFD, UTF-8 bytes declared ISO-8859-1 become "Ã©". Valid UTF-8 with non-ASCII bytes
is practically never legacy text, so: bytes that decode strictly as UTF-8 are UTF-8 whatever the
declaration; bytes that do not, under a UTF-8 declaration, use the page's own legacy ``<meta>`` declaration if
it has one, else are read as undeclared (below); a server's default ISO-8859-1 (or
Windows-1252, ASCII) header gives way to the page's own ``<meta>`` naming another legacy encoding (a windows-1251
portal behind Apache's ``AddDefaultCharset``), unless that encoding reads some of the bytes as C1 controls (a
Windows-1252 page's curly quotes under a template's ISO-8859-15 ``<meta>``); bytes with no declaration at all
are UTF-8 when they decode as such, else read in the web encoding they read in most plausibly (below; Scrapy's
guess can land on a non-web code page). Each repair is counted under
``newsproj/guard/charset_repaired/<declared>-><used>``.

Only the encodings of the WHATWG Encoding Standard (what browsers read pages in) are taken from a header or a
``<meta>``: a page naming ``hz``, ``unicode-escape``, ``rot13`` or another Python codec is treated as undeclared
(such codecs read ``~{`` or ``\\u0041`` in plain text as escapes: whole paragraphs turned to noise or lost), and
ASCII bytes declared in one (or in UTF-16 without a BOM, unless their zero bytes show UTF-16 text: a Cyrillic
page in UTF-16 is ASCII bytes) are read as UTF-8, and so are bytes declared UTF-8 or
undeclared that are UTF-8 but for a stray byte or two (a pasted Windows-1252 quote: one U+FFFD, as browsers show
it). Bytes that are no UTF-8 and carry no
declaration to trust — none, a UTF-8 one the bytes disprove, or a header and a ``<meta>`` naming two different
legacy encodings — are read in the web encoding charset_normalizer finds most plausible (Windows-1252 on a tie, as
browsers default to it, and over another Latin code page that reads too few of the bytes otherwise to go on; Scrapy's
own guess could name a non-web code page): a windows-1251, KOI8-R, Shift_JIS or
GB2312 page without a charset is no longer decoded as Windows-1252 into mojibake (nor lost for one character cut in
half: a CJK candidate that reads all but a few sequences is judged on the rest). When no web encoding reads the
bytes plausibly, the response is flagged ``undecodable`` (``newsproj/guard/charset_undecodable``, a log line): its
links are followed, but it gives no record (``newsproj/page/dropped/undecodable``). A legacy encoding declared once,
without contradiction, is trusted as browsers trust it; a tie (a Czech windows-1250 page without a declaration reads
as plausibly in Windows-1252) cannot be told apart from the bytes.

C0 control characters (other than tab and line breaks) and DEL are removed from the bytes of HTML in any
ASCII-compatible encoding: lxml and trafilatura drop a whole document over one of them
(``newsproj/guard/control_chars_removed``).
"""

from __future__ import annotations

import codecs
import functools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes
from scrapy.http import TextResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

from .redact import redact

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

FALLBACK = "cp1252"
UNDECODABLE = "undecodable"
"""The flag (``Response.flags``) of a response whose bytes no web encoding reads plausibly: no record is made of it."""

WEB_ENCODINGS = frozenset(codecs.lookup(name).name for name in (
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5",
    "iso8859-6", "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254",
    "cp1255", "cp1256", "cp1257", "cp1258", "gbk", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp",
    "shift_jis", "cp932", "euc_kr", "cp949",
))
"""The WHATWG Encoding Standard's encodings (https://encoding.spec.whatwg.org/#names-and-labels) as Python codecs,
with the supersets w3lib resolves their labels to (cp932, cp949, big5hkscs, gb18030); ISO-8859-1 and ASCII resolve
to cp1252 as in browsers. A declaration naming another codec is no declaration."""

_DETECTABLE = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp874",
               "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_13",
               "iso8859_15", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "gb18030", "big5", "cp932", "euc_jp",
               "cp949")
"""The legacy web encodings charset_normalizer chooses among for bytes that are no UTF-8 and declare nothing to
trust (single-byte code pages and the CJK multi-byte ones; ISO-2022-JP is ASCII bytes, UTF-16 needs a BOM)."""
_LATIN = frozenset(("cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_4", "iso8859_13", "iso8859_15"))
"""The Latin-script code pages beside Windows-1252: on a mostly-ASCII page (English with "£20", "naïve", "São
Paulo") their coherence differs from Windows-1252's by noise (0.826 vs 0.818 for cp1250 over "£20"), and one in six
such pages went to another code page ("Ł20", "naďve", "Săo"), where the crawl before a0abded read Windows-1252 right.
Windows-1252 gives way to them only when the bytes they read otherwise are enough to go on (:func:`_latin_evidence`)
or Windows-1252 reads the text as a mess (symbols inside words: Polish ISO-8859-2 read as Windows-1252)."""
_UTF8_MIN_RATIO = 8
_UTF8_SAMPLE = 1 << 20
_LATIN_MIN_BYTES = 5
_LATIN_MIN_DISTINCT = 3
# C0 controls except tab, LF and CR, and DEL; deleted with bytes.translate (a C loop, ~5x a regex sub).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _name(encoding: str | None) -> str | None:
    if not encoding:
        return None
    resolved = resolve_encoding(encoding)
    if not resolved:
        return None
    return codecs.lookup(resolved).name


def _web(name: str | None) -> str | None:
    """``name`` when it is an encoding a web page can be read in (:data:`WEB_ENCODINGS`), else None."""
    return name if name in WEB_ENCODINGS else None


def _meta_name(body: bytes) -> str | None:
    """The codec of the page's own ``<meta>`` declaration, when it is one a page can be written in: a text encoding
    that reads ASCII as ASCII (the declaration itself was read so). A lying or hostile ``<meta charset="zlib">``,
    "base64" or an EBCDIC code page is no declaration (decoding with it raises, or turns the whole page to noise)."""
    name = _web(_name(html_body_declared_encoding(body)))
    if not name:
        return None
    try:
        if b"<meta charset=>".decode(name) != "<meta charset=>":
            return None
        bytes(range(0x80, 0x100)).decode(name, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    return name


@dataclass(frozen=True, slots=True)
class Decision:
    encoding: str | None
    """The encoding to decode with when it differs from the one Scrapy would use, else None."""
    undecodable: bool = False
    """No web encoding reads the bytes plausibly: whatever they are decoded with is no text to keep."""


def detect(body: bytes) -> tuple[str | None, bool]:
    """The web encoding that reads ``body`` (no UTF-8, no declaration to trust) most plausibly, and whether any
    does: charset_normalizer's best among :data:`_DETECTABLE` (it decodes each and scores the text's mess, then its
    letters' fit to a language), Windows-1252 when it ties with the best (an English, French or Spanish page reads
    the same or as well in windows-1250), counting every codec of a match (façade reads the same in windows-1250:
    one match), and when the best is another Latin code page without enough bytes read otherwise
    (:func:`_latin_evidence`). Bounded by the body's size: charset_normalizer decodes it once per
    candidate and scores a few chunks of it (measured: 8 ms of CPU for a 300 KB windows-1251 page, 0.1-1.7 s
    for 16 MiB, ``DOWNLOAD_MAXSIZE``, the most for English prose with one byte past ASCII; 3 ms for 4 MB of
    noise, which no candidate decodes far)."""
    matches = list(from_bytes(body, cp_isolation=list(_DETECTABLE), preemptive_behaviour=False))
    if not matches:
        return _nearly(body)
    best = matches[0]
    weak = best.encoding in _LATIN and not _latin_evidence(body, best.encoding)
    for match in matches:  # (a match stands for every codec that decodes the bytes to the same text)
        if (FALLBACK in match.could_be_from_charset and match.chaos <= best.chaos
                and (weak or match.coherence >= best.coherence)):
            return FALLBACK, True
    return _name(best.encoding) or FALLBACK, True


_MULTIBYTE = ("gb18030", "big5", "cp932", "euc_jp", "cp949")


def _nearly(body: bytes) -> tuple[str, bool]:
    """:func:`detect` when no candidate decodes ``body`` whole: a CJK page with a character cut in half (an excerpt,
    a CMS truncating bytes), which browsers show with one U+FFFD. A multi-byte candidate with at most one invalid
    sequence per 20 characters (in the first :data:`_UTF8_SAMPLE` bytes) is judged again on its repaired bytes;
    noise, which every candidate reads with far more, stays undecodable."""
    sample = body[:_UTF8_SAMPLE]
    repaired = []
    for codec in _MULTIBYTE:
        text = sample.decode(codec, "replace")
        bad = text.count("\ufffd")
        if bad and bad * 20 <= len(text) - len(text.encode("ascii", "ignore")):
            repaired.append((codec, text.replace("\ufffd", "").encode(codec)))
    best: tuple[float, str] | None = None
    for codec, clean in repaired:
        for match in from_bytes(clean, cp_isolation=[codec], preemptive_behaviour=False):
            if best is None or match.chaos < best[0]:
                best = (match.chaos, codec)
    return (_name(best[1]) or FALLBACK, True) if best else (FALLBACK, False)


@functools.cache
def _same_as_fallback(encoding: str) -> tuple[bytes, bytes]:
    """The bytes ``encoding`` reads as Windows-1252 does (ASCII and the shared letters), and the others."""
    same = bytes(b for b in range(256)
                 if bytes((b,)).decode(encoding, "replace") == bytes((b,)).decode(FALLBACK, "replace"))
    return same, bytes(b for b in range(0x80, 0x100) if b not in same)


def _latin_evidence(body: bytes, encoding: str) -> bool:
    """Whether ``body`` has enough bytes that ``encoding`` reads otherwise than Windows-1252 (at least
    :data:`_LATIN_MIN_BYTES` of them, :data:`_LATIN_MIN_DISTINCT` distinct) for the choice to rest on them: a Czech,
    Polish or Turkish story has (7-22 of 3-4), an English one with "São Paulo", "façade" and "Málaga" has not (≤ 3 of
    ≤ 3). Two C scans of the body, and one more per distinct byte value."""
    same, other = _same_as_fallback(encoding)
    differing = body.translate(None, same)
    if len(differing) < _LATIN_MIN_BYTES:
        return False
    distinct = 0
    for value in other:
        if bytes((value,)) in differing:
            distinct += 1
            if distinct >= _LATIN_MIN_DISTINCT:
                return True
    return False


def decide_encoding(body: bytes, used: str | None, declared: bool = True) -> str | None:
    """The encoding ``body`` should be decoded with when it differs from ``used`` (what Scrapy would
    use: the declared encoding, or its guess when ``declared`` is false), else None."""
    return decide(body, used, declared).encoding


def decide(body: bytes, used: str | None, declared: bool = True, header: str | None = None) -> Decision:
    """:func:`decide_encoding`, and whether the bytes are text at all. ``header`` is the Content-Type header's
    charset, when it has one (a ``<meta>`` that contradicts it makes neither trustworthy)."""
    if read_bom(body)[0]:
        return Decision(None)
    used_name = _name(used)
    if not _web(used_name):  # a non-web codec named by the header or the <meta> (or guessed): no declaration
        declared = False
    if body.isascii():
        web = _web(used_name)  # (ISO-2022-JP is ASCII bytes too; UTF-16 without a BOM reads ASCII as noise)
        if web is not None and web.startswith("utf-16"):
            return Decision(_utf16_order(body) or "utf-8")
        return Decision(None if web is not None else "utf-8")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decision("utf-8" if used_name != "utf-8" else None)
    if (used_name == "utf-8" or not declared) and _mostly_utf8(body):
        # a UTF-8 page with a stray byte (a pasted Windows-1252 quote, a sequence cut in half): browsers show it
        # with one U+FFFD; read as a whole in a legacy code page it was mojibake, or no record (undecodable)
        return Decision("utf-8" if used_name != "utf-8" else None)
    header_name = _web(_name(header)) if header else None
    if not declared:
        return _detected(body, used_name)
    if used_name == FALLBACK:
        # a server's default (Apache's AddDefaultCharset ISO-8859-1) against the page's own legacy <meta>:
        # the author's declaration of their own bytes wins (a windows-1251 portal served as ISO-8859-1).
        # (_name resolves as browsers do, w3lib's resolve_encoding: ISO-8859-1, Latin-1 and ASCII are cp1252)
        meta = _meta_name(body)
        if meta and meta != FALLBACK and not meta.startswith(("utf-", "utf_")) and not _reads_controls(body, meta):
            return Decision(meta)
    if used_name not in ("utf-8", None):
        meta = _meta_name(body)
        if header_name == used_name and meta and meta != used_name and not meta.startswith(("utf-", "utf_")):
            # a header and a <meta> naming two legacy encodings: the bytes decide between the two (browsers take
            # the header, and show mojibake when it is the one that lies)
            return _between(body, used_name, meta)
        return Decision(None)  # a legacy declaration on non-UTF-8 bytes: trust it
    meta = _meta_name(body)
    if meta and meta not in ("utf-8", "utf-16-le", "utf-16-be"):
        return Decision(meta if meta != used_name else None)
    return _detected(body, used_name)  # declared UTF-8, and the bytes say otherwise: as if undeclared


def _utf16_order(body: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``body`` (ASCII bytes, declared UTF-16, no BOM) is UTF-16 text, by where
    its zero bytes are: the markup's ASCII characters (and a text's spaces and punctuation) have a zero high byte,
    so a quarter of the code units or more have it at odd (LE) or even (BE) offsets, and few at the others; else
    None (ASCII HTML has no zero bytes: a page declaring UTF-16 in ASCII). A Russian UTF-16LE page is ASCII bytes
    too (U+0400-U+047F are 0x00-0x7F pairs, "М" is 1C 04): it was read as UTF-8, its controls removed, and its
    text exported as ">AA88. !53>4=O" (browsers take the header's UTF-16, little-endian without a BOM). Two C
    scans of the body."""
    if len(body) < 2:
        return None
    even, odd = body[0::2].count(0), body[1::2].count(0)
    units = len(body) // 2
    if max(even, odd) * 4 < units or min(even, odd) * 4 > max(even, odd):
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


@functools.cache
def _c1_bytes(encoding: str) -> bytes:
    """The bytes ``encoding`` reads as C1 controls (U+0080-U+009F; every ISO-8859 code page) where Windows-1252 has
    punctuation (curly quotes, dashes, €, …)."""
    return bytes(b for b in range(0x80, 0xA0) if "\x80" <= bytes((b,)).decode(encoding, "replace") <= "\x9f")


def _reads_controls(body: bytes, encoding: str) -> bool:
    """Whether ``encoding`` reads some byte of ``body`` as a C1 control: no text is written so, so a ``<meta>``
    naming it is not the page's encoding (a Windows-1252 page's curly quotes under a template's ISO-8859-15 <meta>,
    served as ISO-8859-1: browsers take the header). One C scan of the body."""
    controls = _c1_bytes(encoding)
    return bool(controls) and len(body.translate(None, controls)) != len(body)


def _mostly_utf8(body: bytes) -> bool:
    """Whether the non-ASCII bytes of ``body`` are UTF-8 but for a few: at least :data:`_UTF8_MIN_RATIO` characters
    read as UTF-8 for each invalid sequence. Legacy text reads as UTF-8 by chance far less (measured on stories in 14
    legacy encodings: at most 0.8 to 1, Greek in EUC-JP; Russian in windows-1251 none). Judged on the first
    :data:`_UTF8_SAMPLE` bytes (a C decode: 16 MiB of noise cost 0.25 s of CPU and a 32 MB string whole)."""
    body = body[:_UTF8_SAMPLE]
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good >= _UTF8_MIN_RATIO * max(bad, 1)


def _detected(body: bytes, used_name: str | None) -> Decision:
    actual, plausible = detect(body)
    return Decision(actual if actual != used_name else None, undecodable=not plausible)


def _between(body: bytes, header: str, meta: str) -> Decision:
    matches = list(from_bytes(body, cp_isolation=[header, meta], preemptive_behaviour=False))
    if not matches:
        return Decision(None, undecodable=True)
    best = _name(matches[0].encoding)
    if best != meta or any(_name(m.encoding) == header and m.chaos <= matches[0].chaos
                           and m.coherence >= matches[0].coherence for m in matches):
        return Decision(None)  # the header reads them as well: the header, as browsers do
    return Decision(meta)


class CharsetMiddleware:
    """Downloader middleware: re-decodes HTML/text responses whose declared charset the bytes contradict."""

    def __init__(self, stats: StatsCollector | None = None):
        self.stats = stats  # None: one page outside a crawl (``scrapy extract FILE``), nothing to count

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or response.status != 200:
            return response
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if ctype and "html" not in ctype and "text/plain" not in ctype:
            return response  # XML decides its own encoding from its declaration (lxml)
        used = response.encoding
        header = http_content_type_encoding(ctype)
        declared = bool(header or html_body_declared_encoding(response.body))
        decision = decide(response.body, used, declared, header)
        actual = decision.encoding
        body = response.body
        if (_name(actual or used) or "").startswith(("utf-16", "utf-32")):
            clean = body
        else:
            clean = body.translate(None, _CONTROL_BYTES)
        changed = len(clean) != len(body)  # translate only deletes: same length, same bytes
        if changed:
            self._count("newsproj/guard/control_chars_removed")
            logger.info("Removed %d control characters from %s", len(body) - len(clean), redact(response.url))
        flags = response.flags
        if decision.undecodable:
            flags = [*flags, UNDECODABLE]
            self._count("newsproj/guard/charset_undecodable")
            logger.warning("No web encoding reads %s plausibly (declared %s): its links are followed, no record is "
                           "made of it", redact(response.url), used if declared else "nothing")
        if actual is None:
            return response.replace(body=clean, flags=flags) if changed or decision.undecodable else response
        label = _name(used) if declared else "undeclared"
        self._count(f"newsproj/guard/charset_repaired/{label or 'none'}->{actual}")
        logger.info("Charset of %s repaired: %s %s, bytes are %s", redact(response.url),
                    "declared" if declared else "guessed", used, actual)
        return response.replace(body=clean, encoding=actual, flags=flags)
