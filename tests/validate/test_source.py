"""Reading untrusted input: safe parsing, size limits, clear errors for unreadable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from podfeed.errors import SourceError
from podfeed.validate import source, validate_feed

from .conftest import Route, Server

VALID = Path(__file__).parent.parent / "data" / "valid" / "minimal.xml"


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    feed = (
        VALID.read_bytes()
        .replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + f'<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'.encode(),
        )
        .replace(b"<language>en-gb</language>", b"<language>&leak;</language>")
    )
    report = validate_feed(feed)
    # RSS-024 quotes the value it read: the reference, never the file's content.
    [language] = [f for f in report if f.rule == "RSS-024"]
    assert "&leak;" in language.message
    assert all("TOP-SECRET-VALUE" not in f.message for f in report)


def _entity_bomb(levels: int, where: str) -> bytes:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(levels)
    )
    top = chr(97 + levels)
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        f"<title>x</title><{where}>&{top};</{where}></channel></rss>"
    ).encode()


def test_billion_laughs_is_refused_by_the_parser() -> None:
    report = validate_feed(_entity_bomb(8, "description"), profile="rss")
    [finding] = report.findings
    assert finding.rule == "XML-001"
    assert "amplification" in finding.message


def test_small_internal_entities_stay_unexpanded() -> None:
    report = validate_feed(_entity_bomb(2, "language"), profile="rss")
    [language] = [f for f in report if f.rule == "RSS-024"]
    assert "'&c;'" in language.message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"   \n\t", "is empty"),
        (b"hello, I am not a feed", "is not XML"),
        (
            b"<!DOCTYPE html>\n<html><head><title>Shop</title></head><body></body></html>",
            "HTML page",
        ),
        (b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>Cut', "truncated"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b"<rss><channel><title>caf\xe9</title></channel></rss>",
            "not valid UTF-8",
        ),
    ],
    ids=["empty", "blank", "text", "html", "truncated", "latin1-bytes"],
)
def test_unreadable_input_raises_source_error_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        validate_feed(data)
    assert reason in caught.value.message
    assert caught.value.exit_code == 2


def test_malformed_xml_is_a_finding_with_line_and_column() -> None:
    report = validate_feed(
        b'<rss version="2.0">\n<channel>\n<title>Tea & cake</title></channel></rss>'
    )
    [finding] = [f for f in report if f.rule == "XML-001"]
    assert (finding.line, finding.column) == (3, 13)
    assert not report.ok


def test_declared_latin1_is_read_and_reported_as_xml_003() -> None:
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<rss version="2.0"><channel><title>Café</title></channel></rss>'
    )
    report = validate_feed(feed.encode("iso-8859-1"), profile="rss")
    assert [f.line for f in report if f.rule == "XML-003"] == [1]


def test_size_limit_applies_to_files_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(VALID.read_bytes())
    with pytest.raises(SourceError, match="limit"):
        validate_feed(path, max_bytes=100)
    with pytest.raises(SourceError, match="limit"):
        validate_feed(VALID.read_bytes(), max_bytes=100)
    assert validate_feed(path).ok


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        validate_feed(tmp_path / "nope.xml")
    with pytest.raises(SourceError, match="folder"):
        validate_feed(tmp_path)


def test_feed_over_http(http_server: Server) -> None:
    http_server.routes["/feed.xml"] = Route(
        body=VALID.read_bytes(), headers={"Content-Type": "application/rss+xml"}
    )
    report = validate_feed(http_server.url("/feed.xml"))
    assert report.ok
    assert report.source == http_server.url("/feed.xml")


def test_http_error_status(http_server: Server) -> None:
    with pytest.raises(SourceError, match="HTTP 404"):
        validate_feed(http_server.url("/missing.xml"))


def test_redirects_are_followed_and_capped(http_server: Server) -> None:
    http_server.routes["/old"] = Route(301, headers={"Location": "/feed.xml"})
    http_server.routes["/feed.xml"] = Route(body=VALID.read_bytes())
    assert validate_feed(http_server.url("/old")).ok
    for n in range(7):
        http_server.routes[f"/loop{n}"] = Route(302, headers={"Location": f"/loop{n + 1}"})
    with pytest.raises(SourceError, match="redirects"):
        validate_feed(http_server.url("/loop0"))


def test_download_size_limit(http_server: Server) -> None:
    http_server.routes["/big.xml"] = Route(body=VALID.read_bytes())
    with pytest.raises(SourceError, match="limit"):
        validate_feed(http_server.url("/big.xml"), max_bytes=200)


def test_timeout(http_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # A short client timeout (a setting, not a fake transport) against a server that stalls.
    import httpx

    monkeypatch.setattr(source, "TIMEOUT", httpx.Timeout(0.2))
    http_server.routes["/slow.xml"] = Route(body=VALID.read_bytes(), delay=1.0)
    with pytest.raises(SourceError, match="timed out"):
        validate_feed(http_server.url("/slow.xml"))


def test_unreachable_host() -> None:
    with pytest.raises(SourceError, match="cannot fetch"):
        validate_feed("http://127.0.0.1:9/feed.xml")
