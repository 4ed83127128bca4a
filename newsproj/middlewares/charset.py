"""Text repair: the encoding of an HTML response is decided from its bytes, not only its declaration, and
control characters are removed before any parser sees them.

Scrapy trusts the Content-Type header, then ``<meta charset>``, then guesses. Sites lie: Windows-1252 bytes
declared UTF-8 become U+FFFD, UTF-8 bytes declared ISO-8859-1 become "Ã©". Valid UTF-8 with non-ASCII bytes
is practically never legacy text, so: bytes that decode strictly as UTF-8 are UTF-8 whatever the
declaration; bytes that do not, under a UTF-8 declaration, use the page's own legacy ``<meta>`` declaration if
it has one, else Windows-1252 (the superset of ISO-8859-1 browsers use); a server's default ISO-8859-1 (or
Windows-1252, ASCII) header gives way to the page's own ``<meta>`` naming another legacy encoding (a windows-1251
portal behind Apache's ``AddDefaultCharset``); bytes with no declaration at all
are UTF-8 when they decode as such, else Windows-1252 (Scrapy's guess can land on another code page). Each
repair is counted under ``newsproj/guard/charset_repaired/<declared>-><used>``.

C0 control characters (other than tab and line breaks) and DEL are removed from the bytes of HTML in any
ASCII-compatible encoding: lxml and trafilatura drop a whole document over one of them
(``newsproj/guard/control_chars_removed``).
"""

from __future__ import annotations

import codecs
import logging
from typing import TYPE_CHECKING

from scrapy.http import TextResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

from .redact import redact

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

FALLBACK = "cp1252"
# C0 controls except tab, LF and CR, and DEL; deleted with bytes.translate (a C loop, ~5x a regex sub).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _name(encoding: str | None) -> str | None:
    if not encoding:
        return None
    resolved = resolve_encoding(encoding)
    if not resolved:
        return None
    return codecs.lookup(resolved).name


def _meta_name(body: bytes) -> str | None:
    """The codec of the page's own ``<meta>`` declaration, when it is one a page can be written in: a text encoding
    that reads ASCII as ASCII (the declaration itself was read so). A lying or hostile ``<meta charset="zlib">``,
    "base64" or an EBCDIC code page is no declaration (decoding with it raises, or turns the whole page to noise)."""
    name = _name(html_body_declared_encoding(body))
    if not name:
        return None
    try:
        if b"<meta charset=>".decode(name) != "<meta charset=>":
            return None
        bytes(range(0x80, 0x100)).decode(name, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    return name


def decide_encoding(body: bytes, used: str | None, declared: bool = True) -> str | None:
    """The encoding ``body`` should be decoded with when it differs from ``used`` (what Scrapy would
    use: the declared encoding, or its guess when ``declared`` is false), else None."""
    if read_bom(body)[0] or body.isascii():
        return None
    used_name = _name(used)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        if not declared:
            return FALLBACK if used_name != FALLBACK else None
        if used_name == FALLBACK:
            # a server's default (Apache's AddDefaultCharset ISO-8859-1) against the page's own legacy <meta>:
            # the author's declaration of their own bytes wins (a windows-1251 portal served as ISO-8859-1).
            # (_name resolves as browsers do, w3lib's resolve_encoding: ISO-8859-1, Latin-1 and ASCII are cp1252)
            meta = _meta_name(body)
            if meta and meta != FALLBACK and not meta.startswith(("utf-", "utf_")):
                return meta
        if used_name not in ("utf-8", None):
            return None  # a legacy declaration on non-UTF-8 bytes: trust it
        declared = _meta_name(body)
        actual = declared if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be") else FALLBACK
        return actual if actual != used_name else None
    return "utf-8" if used_name != "utf-8" else None


class CharsetMiddleware:
    """Downloader middleware: re-decodes HTML/text responses whose declared charset the bytes contradict."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or response.status != 200:
            return response
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if ctype and "html" not in ctype and "text/plain" not in ctype:
            return response  # XML decides its own encoding from its declaration (lxml)
        used = response.encoding
        declared = bool(http_content_type_encoding(ctype) or html_body_declared_encoding(response.body))
        actual = decide_encoding(response.body, used, declared)
        body = response.body
        if (_name(actual or used) or "").startswith(("utf-16", "utf-32")):
            clean = body
        else:
            clean = body.translate(None, _CONTROL_BYTES)
        changed = len(clean) != len(body)  # translate only deletes: same length, same bytes
        if changed:
            self.stats.inc_value("newsproj/guard/control_chars_removed")
            logger.info("Removed %d control characters from %s", len(body) - len(clean), redact(response.url))
        if actual is None:
            return response.replace(body=clean) if changed else response
        label = _name(used) if declared else "undeclared"
        self.stats.inc_value(f"newsproj/guard/charset_repaired/{label or 'none'}->{actual}")
        logger.info("Charset of %s repaired: %s %s, bytes are %s", redact(response.url),
                    "declared" if declared else "guessed", used, actual)
        return response.replace(body=clean, encoding=actual)
