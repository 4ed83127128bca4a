"""Build fixtures/faulty (the mixed fault site's good articles and homepage) and fixtures/broken (pages with
wrong charsets, truncated, binary, hostile markup). Regenerate with ``python tools/build_faulty.py``; never
hand-edit the output. The misbehaving routes themselves live in tests/servers.py (FaultSite)."""

from __future__ import annotations

import json
import random
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAULTY = ROOT / "fixtures" / "faulty"
BROKEN = ROOT / "fixtures" / "broken"

PEOPLE = ["Mayor Ines Albrecht", "councillor Tomás Ruiz", "engineer Priya Natarajan", "historian Olav Berg",
          "librarian Maeve O'Connell", "baker Hélène Moreau", "curator Kenji Watanabe", "ferry captain Ada Novak",
          "shopkeeper Yusuf Demir", "teacher Grace Mbeki", "planner Lars Eriksen", "volunteer Sofia Rossi"]
VERBS = ["said", "told reporters", "explained at a packed meeting", "wrote in a statement",
         "confirmed on Tuesday", "argued during the debate", "noted in an interview", "added later"]
CLAUSES = [
    "the work had taken far longer than anyone in the district expected",
    "residents deserved a clear timetable and honest figures on the cost",
    "the old arrangement could not survive another winter of storms",
    "volunteers had carried most of the burden for almost a decade",
    "the next phase would depend on a grant that has not yet been approved",
    "traffic on the eastern approach had doubled since the spring",
    "the plans were drawn up after three rounds of public consultation",
    "the archive held letters that nobody had read for over a century",
    "prices for flour and butter had risen sharply over the summer",
    "families from the outer villages would benefit the most",
    "inspectors found no structural damage beneath the new surface",
    "the committee would publish its full report before the end of the month",
    "local schools had already booked every available visit until December",
    "the original design from 1911 was restored wherever it was possible",
    "a second survey of the riverbank is planned for the autumn",
    "the night buses would run every twenty minutes at weekends",
    "several shop owners had asked for longer loading hours in the mornings",
    "the museum expects more than forty thousand visitors in its first year",
]


def paragraphs(seed: int, count: int = 6) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sentences = []
        for _ in range(3):
            sentences.append(f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} that {rng.choice(CLAUSES)}.")
        sentences[0] = sentences[0][0].upper() + sentences[0][1:]
        out.append(" ".join(sentences))
    return out


ARTICLES = [
    # (path, headline, date, route) — route says how FaultSite serves it (static: a plain file)
    ("/news/2024/05/01/harbour-bridge-reopens.html", "Harbour bridge reopens after two years of repairs",
     "2024-05-01", "static"),
    ("/news/2024/05/02/library-extends-opening-hours.html", "City library extends its opening hours",
     "2024-05-02", "static"),
    ("/flaky/2024/05/03/council-approves-budget.html", "Council approves next year's budget", "2024-05-03",
     "fails twice with 503, then answers"),
    ("/flaky/2024/05/04/rail-line-extension-confirmed.html", "Rail line extension confirmed", "2024-05-04",
     "429 with Retry-After: 1 once, then answers"),
    ("/slow/2024/05/05/river-festival-returns.html", "River festival returns this summer", "2024-05-05",
     "answers after 1 s"),
    ("/news/2024/05/06/market-hall-renovated.html", "Market hall renovated in original style", "2024-05-06",
     "only reachable through a 301 → 302 → 307 redirect chain"),
    ("/charset/2024/05/07/cafe-owners-celebrate.html", "Café owners celebrate a record season", "2024-05-07",
     "Windows-1252 bytes declared UTF-8"),
    ("/charset/2024/05/08/naive-art-exhibition.html", "Naïve art exhibition opens at the museum", "2024-05-08",
     "UTF-8 bytes declared ISO-8859-1"),
    ("/charset/2024/05/09/cooperative-bakery-opens.html", "Coöperative bakery opens its doors", "2024-05-09",
     "Windows-1252 bytes, no charset anywhere"),
    ("/broken/2024/05/10/storm-damage-assessed.html", "Storm damage assessed along the coast", "2024-05-10",
     "truncated HTML (cut mid-tag, no closing tags)"),
    ("/news/2024/05/11/ferry-timetable-changes.html", "Ferry timetable changes next month", "2024-05-11",
     "hostile markup: inline scripts, styles, event handlers, control characters"),
    ("/news/2024/05/12/long-read-city-history.html", "A long read on the city's history", "2024-05-12",
     "over DOWNLOAD_WARNSIZE in the fault test (padding comment)"),
]
ACCENTS = ("The café on the quay served crème brûlée to a naïve critic — “a triumph”, he said, "
           "and the owners’ façade was repainted for the occasion.")


def article_html(path: str, headline: str, date: str, body: list[str], charset: str | None = "utf-8",
                 extra_head: str = "", between: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                     "datePublished": f"{date}T08:00:00+00:00", "author": [{"@type": "Person",
                                                                            "name": "Faulty Desk"}]})
    paras = between.join(f"<p>{escape(p, quote=False)}</p>" for p in body)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head>{meta}<title>{escape(headline)}</title>\n"
            f"<script type=\"application/ld+json\">{ld}</script>{extra_head}</head>\n<body>\n"
            f"<nav><a href=\"/\">Home</a></nav>\n<article><h1>{escape(headline)}</h1>\n"
            f"<p class=\"byline\">By Faulty Desk</p>\n{paras}\n</article>\n<footer>Faulty Gazette</footer>\n"
            f"</body></html>\n")


def main() -> None:
    truth = []
    for n, (path, headline, date, route) in enumerate(ARTICLES):
        body = paragraphs(n)
        accented = "charset" in path
        if accented:
            body = [ACCENTS, *body]
        extra_head, between, charset = "", "", "utf-8"
        if "ferry-timetable" in path:
            extra_head = "<style>p{color:red}</style><script>var EVIL_HEAD = 1;</script>"
            between = ("<script>document.write('EVIL_INLINE')</script><noscript>EVIL_NOSCRIPT</noscript>"
                       "<style>.x{}</style>")
            body = [p.replace(" that ", " that \x07\x1b ", 1) if i == 1 else p for i, p in enumerate(body)]
        if "cp1252" in route or "no charset" in route:
            charset = None
        html = article_html(path, headline, date, body, charset=charset, extra_head=extra_head, between=between)
        if "ferry-timetable" in path:
            html = html.replace("<p>", '<p onclick="alert(\'EVIL_ATTR\')">', 1)
        if "long-read" in path:
            html = html.replace("</body>", "<!-- " + "padding " * 80000 + "--></body>")
        if path.startswith("/charset/"):
            encoding = "utf-8" if "UTF-8 bytes" in route else "cp1252"
            (BROKEN / f"{Path(path).stem}.html").write_bytes(html.encode(encoding))
        elif path.startswith("/broken/"):
            cut = html.index("</article>") - 40  # mid-paragraph, mid-word; no closing tags at all
            (BROKEN / "truncated.html").write_text(html[:cut], encoding="utf-8")
        elif path.startswith(("/flaky/", "/slow/")):
            (FAULTY / "_articles" / Path(path).name).write_text(html, encoding="utf-8")
        else:
            target = FAULTY / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        expected_body = [*body]
        if "ferry-timetable" in path:
            expected_body = [p.replace("\x07\x1b ", "") for p in expected_body]
        truth.append({"path": path, "headline": headline, "route": route, "first_paragraph": expected_body[0],
                      "accented": accented})
    # the page on which the crawl tests inject an extraction fault (tests/faults.py); its og:image URL, which
    # urllib cannot parse, once made extraction raise for real and must now cost only itself
    raises = article_html("/broken/x", "Extraction raises on this page", "2024-05-20", paragraphs(99),
                          extra_head='<meta property="og:image" content="http://[::1/broken.jpg">')
    (BROKEN / "extraction-raises.html").write_text(raises, encoding="utf-8")
    (BROKEN / "binary-as-html.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    (FAULTY / "truth.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in truth),
                                        encoding="utf-8")


if __name__ == "__main__":
    FAULTY.mkdir(parents=True, exist_ok=True)
    (FAULTY / "_articles").mkdir(exist_ok=True)
    BROKEN.mkdir(parents=True, exist_ok=True)
    main()
