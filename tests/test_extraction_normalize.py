import pytest

from newsproj.extraction.normalize import author_names, bcp47, clean_text, iso_date, word_count, zoneless


@pytest.mark.parametrize(
    ("raw", "tz", "expected"),
    [
        ("2024-09-05T09:30:00+02:00", None, "2024-09-05T09:30:00+02:00"),
        ("2024-09-05T07:30:00Z", None, "2024-09-05T07:30:00+00:00"),
        ("2024-09-05", None, "2024-09-05"),
        ("2024-09-05T09:30:00", None, "2024-09-05T09:30:00"),
        ("2024-09-05T09:30:00", "Europe/Berlin", "2024-09-05T09:30:00+02:00"),
        ("Thu, 05 Sep 2024 10:00:00 +0200", None, "2024-09-05T10:00:00+02:00"),
        ("September 5, 2024", None, "2024-09-05"),
        ("not a date", None, None),
        ("", None, None),
        (None, None, None),
        ("0001-01-01T00:00:00", None, None),
        # a zone abbreviation dateutil does not know: no UnknownTimezoneWarning (an error here), the site's zone
        ("Fri Apr 28 19:20:36 CEST 2023", "Europe/Berlin", "2023-04-28T19:20:36+02:00"),
        ("Fri Apr 28 19:20:36 CEST 2023", None, "2023-04-28T19:20:36"),
        # one form per kind: to the second (microseconds cut), the offset kept; a day stays a day
        ("2024-09-05T09:30:00.123456+02:00", None, "2024-09-05T09:30:00+02:00"),
        ("2024-09-05T09:30:00.5Z", None, "2024-09-05T09:30:00+00:00"),
        ("2024-09-05T09:30+02:00", None, "2024-09-05T09:30:00+02:00"),
        ("2024-09-05T09:30:00.999", None, "2024-09-05T09:30:00"),
        # a day with its zone is that day: no time of day (Python 3.11's fromisoformat read "+02:00" as 02:00)
        ("2024-09-05+02:00", None, "2024-09-05"),
        ("2024-09-05-05", "Europe/Berlin", "2024-09-05"),
        ("2024-09-05Z", None, "2024-09-05"),
        (" 2024-09-05 ", None, "2024-09-05"),
        ("2024-02-30", None, None),
    ],
)
def test_iso_date_never_invents(raw, tz, expected):
    assert iso_date(raw, tz) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-05T09:30:00", True),
        ("2024-09-05T09:30:00+02:00", False),
        ("2024-09-05", False),
        (None, False),
    ],
)
def test_zoneless_names_a_time_without_offset(value, expected):
    assert zoneless(value) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en", "en"), ("en_US", "en-US"), ("EN-us", "en-US"), ("de-DE,de;q=0.9", "de-DE"), ("pt-BR", "pt-BR"),
     ("", None), ("und", None), (None, None), ("zh-Hans", "zh"), ("eng", "en"), ("ger", "de"), ("kr", None),
     ("utf-8", None), ("nb-NO", "no-NO"), ("nn", "no")],
)
def test_bcp47(raw, expected):
    assert bcp47(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Sertac Aktan"], ["Sertac Aktan"]),
        (["By Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
        (["Jane Doe, John Roe"], ["Jane Doe", "John Roe"]),
        (["Jane Doe, Staff Writer"], ["Jane Doe"]),
        (["Jane Doe", "jane doe"], ["Jane Doe"]),
        (["Jane Doe (jane.doe@example.com)"], ["Jane Doe"]),
        (["Jane Doe https://twitter.com/jd"], ["Jane Doe"]),
        (["Associated Press"], ["Associated Press"]),
        (["Von Max Mustermann und Erika Muster"], ["Max Mustermann", "Erika Muster"]),
        (["Jane Doe - Reuters"], ["Jane Doe"]),
        (["Jane Doe (AP)"], ["Jane Doe"]),
        (["Felix Schröder, Jörg Soldwisch, dpa"], ["Felix Schröder", "Jörg Soldwisch", "dpa"]),
        (["Elena Oberholzer (obe.)", "Oliver Maksan (oma"], ["Elena Oberholzer", "Oliver Maksan"]),
        (["Povilas Aleksandravičius", "Lrt.lt"], ["Povilas Aleksandravičius"]),
        (["Povilas Aleksandravičius", "Mykolo Romerio universiteto Žmogaus ir visuomenės studijų fakulteto "
          "profesorius"], ["Povilas Aleksandravičius"]),
        (["By, Jane Doe"], ["Jane Doe"]),
        (["", None, "   "], []),
        # a role of several words, the employer in a role, a name's place or paper, the story's editor, a read time
        (["Jane Doe, Chief Political Correspondent"], ["Jane Doe"]),
        (["Jane Doe, AP Science Writer"], ["Jane Doe"]),
        (["By Jane Doe in London"], ["Jane Doe"]),
        (["Jane Doe for The Daily Planet"], ["Jane Doe"]),
        (["Reporting by Jane Doe; Editing by John Roe"], ["Jane Doe"]),
        (["Words by Jane Doe", "Additional reporting by John Roe"], ["Jane Doe", "John Roe"]),
        (["Jane Doe · 5 min read"], ["Jane Doe"]),
        # a name that holds "in" or "for" in lower case stays whole
        (["Anna in den Bosch"], ["Anna in den Bosch"]),
        # (review) a place after the first name of two is not the end of the byline: the second author stays
        (["By John Smith in Kyiv and Jane Doe in London"], ["John Smith", "Jane Doe"]),
        (["John Smith in Kyiv & Jane Doe"], ["John Smith", "Jane Doe"]),
        # the employer in a role before the name ("AP Science Writer Seth Borenstein" left "AP Seth Borenstein")
        (["By AP Science Writer Seth Borenstein"], ["Seth Borenstein"]),
        (["Reuters Chief Correspondent Jane Doe"], ["Jane Doe"]),
        (["Ria Patel, Staff Writer"], ["Ria Patel"]),  # (a first name that is an agency's too: "RIA")
        # (review) a role alone before the place names no one ("Staff in London" was an author)
        (["Story by Staff in London"], []),
        (["By Our Correspondent in Paris"], []),
        (["Center for Drug Evaluation"], ["Center for Drug Evaluation"]),
        # the agency after a name without a separator, or as whom the author writes for, or in a role
        (["By JEFFREY McMURRAY Associated Press"], ["JEFFREY McMURRAY"]),
        (["By Rae Dillon, For The Associated Press"], ["Rae Dillon", "Associated Press"]),
        (["By Ahmed Haj, Associated Press Writer"], ["Ahmed Haj"]),
        (["The Associated Press"], ["The Associated Press"]),
        (["Jane Doe and The Associated Press"], ["Jane Doe", "The Associated Press"]),
        # "News" in another language is a section's label in an author <meta>, no one's name; a desk named after it,
        # or a name that holds the word, stays
        (["Nachrichten"], []),
        (["Noticias", "Jane Doe"], ["Jane Doe"]),
        (["Redaktion Nachrichten"], ["Redaktion Nachrichten"]),
        (["Erika Nieuwsma"], ["Erika Nieuwsma"]),
        # "By" in Thai and Hebrew (probe17: "โดย สมชาย ใจดี" was the author's name); "by" inside a Thai word stays
        (["โดย สมชาย ใจดี"], ["สมชาย ใจดี"]),
        (["מאת נועה לוי"], ["נועה לוי"]),
        (["โดยสมชาย"], ["โดยสมชาย"]),
        # a role that names no one, then where it files from: no author (probe17: "London", "রাজশাহী" were)
        (["Staff Reporter, London"], []),
        (["Our Correspondent, Karachi"], []),
        (["নিজস্ব প্রতিবেদক, রাজশাহী"], []),
        # a role that names no one, then a full name: the name (fields19: "Staff Writer, Jane Doe" named nobody)
        (["Staff Writer, Jane Doe"], ["Jane Doe"]),
        (["By Staff Writer, Jane Doe, London"], ["Jane Doe"]),
        (["Our Correspondent, Jane Doe and John Roe"], ["Jane Doe", "John Roe"]),
        # a full name, then the one word of the place the story is filed from after a comma (fields18: "London" was a
        # second author); an agency or its initials there, or a second full name, stay
        (["By Jane Doe, London"], ["Jane Doe"]),
        (["Jane Doe, Frankfurt"], ["Jane Doe"]),
        (["Jane Doe, Reuters"], ["Jane Doe", "Reuters"]),
        (["Jane Doe, CNN"], ["Jane Doe", "CNN"]),
        (["Jane Doe, John Roe"], ["Jane Doe", "John Roe"]),
    ],
)
def test_author_names(raw, expected):
    assert author_names(raw) == expected


def test_author_names_long_hostile_byline_is_linear():
    # a role-word byline repeated to a page's length: one pass, no name, well under a second
    from tests.hostile import finished

    raw = ["Nachrichten, " * 20_000 + "Nachrichten"]
    assert finished(author_names, raw) == []  # within the hostile-input CPU budget, in a child killed if it hangs


def test_clean_text_strips_controls_and_folds_spaces():
    assert clean_text("a\x00b\u00a0 c\x07") == "a b c"
    assert clean_text(" \t ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        (None, 0),
        ("three short words", 3),
        ("気象庁は13日、午後9時19分ごろ", 9),  # 11 Han/Kana characters → 6 words, plus "13", "9", "19"
        ("장동혁 국민의힘 대표가", 3),  # Hangul is written with spaces
        ("新华社北京4月24日电", 6),
        # Thai: four code points a word, its vowel and tone marks included (probe17: two a word made a byline line,
        # "โดย สมชาย ใจดี 16 มีนาคม 2567 เวลา 10:30 น.", a paragraph of 15 words)
        ("โดย สมชาย ใจดี", 3),  # 12 code points
        ("โดย สมชาย ใจดี 16 มีนาคม 2567 เวลา 10:30 น.", 10),  # 23 code points → 6, plus "16", "2567", "10:30", "."
    ],
)
def test_word_count_counts_unspaced_scripts(text, expected):
    assert word_count(text) == expected


def test_clean_text_keeps_format_characters_and_drops_controls():
    assert clean_text("Brenn\u00adpunkt") == "Brenn\u00adpunkt"  # soft hyphen, as published
    assert clean_text("क्\u200dष") == "क्\u200dष"  # zero-width joiner inside a Devanagari cluster
    assert clean_text("a\x07b\ufeff") == "a b"


def test_folded_key_is_the_text_key_of_a_casefolded_text():
    from newsproj.text import folded_key, text_key

    for text in ("Die Straße, 2024!", "İstanbul'da ŞEHİR", "  spaced   out  ", "ΣΊΣΥΦΟΣ", ""):
        assert folded_key(text.casefold()) == text_key(text)
