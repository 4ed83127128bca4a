"""middlewares/politeness.py and config.py: Retry-After parsing, settings checks, the User-Agent."""

from __future__ import annotations

from email.utils import formatdate

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from newsproj import __version__
from newsproj.middlewares.config import SETTINGS, SafetyAddon, check_settings, validate
from newsproj.middlewares.politeness import parse_retry_after


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(b"120", 120.0), ("0", 0.0), (None, None), (b"", None), (b"soon", None), (b"-5", None), (b"\xb2", None),
     ("\u0663", None)],
)
def test_parse_retry_after_seconds(value, seconds):
    assert parse_retry_after(value) == seconds


def test_parse_retry_after_http_date():
    now = 1_700_000_000.0
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now=now) == 0.0


def test_every_default_is_valid():
    settings = Settings({name: spec.default for name, spec in SETTINGS.items()})
    assert validate(settings) == []


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWSPROJ_MAX_PAGES_PER_SITE", "lots", "expected an integer ≥ 0, got 'lots'"),
        ("NEWSPROJ_MAX_LISTING_DEPTH", "-1", "expected an integer ≥ 0, got '-1'"),
        ("NEWSPROJ_BACKOFF_BASE", "fast", "expected a number ≥ 0, got 'fast'"),
        ("NEWSPROJ_ALLOW_PRIVATE", "perhaps", "expected a boolean"),
        ("NEWSPROJ_CONTACT_URL", "ftp://x", "expected an http(s) URL or mailto: address"),
        # (attack17) a number no timer takes: every page of the crawl failed with OverflowError, two tracebacks,
        # exit 3
        ("NEWSPROJ_PAGE_TIME_LIMIT", "inf", "expected a number between 0 and 86400, got 'inf'"),
        ("NEWSPROJ_PAGE_TIME_LIMIT", "1e12", "expected a number between 0 and 86400, got '1e12'"),
        ("NEWSPROJ_BACKOFF_MAX", "inf", "expected a number ≥ 0, got 'inf'"),
    ],
)
def test_bad_values_are_named(name, value, message):
    settings = Settings({name: value}, priority="cmdline")
    with pytest.raises(UsageError) as exc:
        check_settings(settings)
    assert f"setting {name}: {message}" in str(exc.value)


@pytest.mark.parametrize("value", ["1", "0", "true", "False", True, 0])
def test_booleans(value):
    assert validate(Settings({"NEWSPROJ_ALLOW_PRIVATE": value})) == []


def test_user_agent_from_contact_unless_set_explicitly():
    settings = Settings({"NEWSPROJ_CONTACT_URL": "mailto:ops@example.org", "BOT_NAME": "newsproj"})
    SafetyAddon().update_settings(settings)
    assert settings["USER_AGENT"] == f"newsproj/{__version__} (+mailto:ops@example.org)"
    explicit = Settings({"BOT_NAME": "newsproj"})
    explicit.set("USER_AGENT", "Mine/1.0", priority="cmdline")
    SafetyAddon().update_settings(explicit)
    assert explicit["USER_AGENT"] == "Mine/1.0"


def test_unknown_newsproj_setting_is_warned_about(caplog):
    settings = Settings()
    settings.set("NEWSPROJ_MAX_PAGES_PERSITE", "10", priority="cmdline")  # a typo
    with caplog.at_level("WARNING"):
        assert validate(settings) == []
    assert "Unknown setting NEWSPROJ_MAX_PAGES_PERSITE" in caplog.text
