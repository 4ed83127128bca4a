"""middlewares/redact.py: credentials out of URLs and log lines."""

from __future__ import annotations

import logging

import pytest

from newsproj.middlewares.redact import RedactingFilter, redact, strip_credentials


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Crawled (200) <GET http://user:pa55@127.0.0.1:8000/x>", "Crawled (200) <GET http://***@127.0.0.1:8000/x>"),
        ("proxy https://bob:s3cr%40t@proxy.example:3128 failed", "proxy https://***@proxy.example:3128 failed"),
        ("redis://:hunter2@10.0.0.1:6379/0", "redis://***@10.0.0.1:6379/0"),
        ("headers {b'Cookie': [b'session=abc'], b'Accept': [b'*/*']}",
         "headers {b'Cookie': ***, b'Accept': [b'*/*']}"),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: ***"),
        ("http://h/x?token=abc&page=2", "http://h/x?token=***&page=2"),
        ("http://127.0.0.1:8000/news/2024/05/01/a.html", "http://127.0.0.1:8000/news/2024/05/01/a.html"),
        ("mailto:ops@example.org", "mailto:ops@example.org"),
    ],
)
def test_redact(text, clean):
    assert redact(text) == clean


def test_strip_credentials():
    assert strip_credentials("http://u:p%40ss@127.0.0.1:81/a?b=1") == ("http://127.0.0.1:81/a?b=1", ("u", "p@ss"))
    assert strip_credentials("https://h.example/a") == ("https://h.example/a", None)
    assert strip_credentials("http://u@[::1]/")[0] == "http://[::1]/"


def test_filter_rewrites_message_args_and_traceback():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Error downloading %s", ("http://a:b@h/x",), None)
    try:
        raise ValueError("bad url http://a:secret@h/y")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "Error downloading http://***@h/x"
    assert "secret" not in record.exc_text and "http://***@h/y" in record.exc_text
