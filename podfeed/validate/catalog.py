"""The rule catalog: every check the validator knows, as data (spec digest §5).

One row per rule: its stable ID, severity, a one-line summary, where the rule comes from, the
smallest profile that enables it, and a note where the digest was unsure or podfeed decided
something. Checks are registered against these IDs, ``podfeed rules`` prints them, and
``docs/rules.md`` is generated from them.
"""

# ruff: noqa: E501 - a data table: each summary and note stays one searchable line.
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..diagnostics import Severity

__all__ = [
    "PROFILES",
    "RULES",
    "SOURCE_URLS",
    "Rule",
    "profile_rules",
    "rule_links",
    "select_rules",
]

#: Profiles from smallest to largest; each includes the rules of the ones before it.
PROFILES: tuple[str, ...] = ("rss", "apple", "podcasting2")

#: Where the source keys used in the ``source`` column point (spec digest §0).
SOURCE_URLS: Mapping[str, str] = MappingProxyType(
    {
        "RSS2": "https://www.rssboard.org/rss-specification",
        "RSSP": "https://www.rssboard.org/rss-profile",
        "APPLE-RSS": "https://help.apple.com/itc/podcasts_connect/#/itcb54353390",
        "APPLE-REQ": "https://podcasters.apple.com/support/823-podcast-requirements",
        "APPLE-ART": "https://podcasters.apple.com/support/896-artwork-requirements",
        "APPLE-CAT": "https://podcasters.apple.com/support/1691-apple-podcasts-categories",
        "PSP1": "https://github.com/Podcast-Standards-Project/PSP-1-Podcast-RSS-Specification",
        "PN-1.0": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
        "PN-README": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/README.md",
        "PN-CHAP": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md",
        "PN-TRANS": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/transcripts/transcripts.md",
        "PN-LOC": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/location/location.md",
        "PN-LIC": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/license/license.md",
        "PN-VALUE": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/value/value.md",
        "PN-PUB": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/publishers/publishers.md",
        "PN-OTHER": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/other-recommendations.md",
        "PN-TAX": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/taxonomy.json",
        "PN-SLUGS": "https://github.com/Podcastindex-org/podcast-namespace/blob/main/serviceslugs.txt",
    }
)
_TAG_PAGE = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/{}.md"

_PROFILE_OF_PREFIX: Mapping[str, str] = MappingProxyType(
    {
        "XML": "rss",
        "RSS": "rss",
        "CHAP": "rss",
        "ITUNES": "apple",
        "PSP": "podcasting2",
        "P20": "podcasting2",
        "XF": "podcasting2",
        "INFO": "rss",
        "INTERNAL": "rss",
    }
)
# PSP-001 (atom self link) is part of the apple profile, as the issue asks ("RSS + Apple + PSP-1").
_PROFILE_OVERRIDES: Mapping[str, str] = MappingProxyType({"PSP-001": "apple"})


@dataclass(frozen=True, slots=True)
class Rule:
    """One validation rule: what is checked, how bad a violation is, and where it comes from."""

    id: str
    severity: Severity
    summary: str
    source: str
    profile: str
    note: str = ""

    @property
    def prefix(self) -> str:
        return self.id.rsplit("-", 1)[0]


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - table shorthand


def _rule(
    rule_id: str,
    severity: Severity,
    summary: str,
    source: str,
    *,
    profile: str | None = None,
    note: str = "",
) -> Rule:
    prefix = rule_id.rsplit("-", 1)[0]
    chosen = profile or _PROFILE_OVERRIDES.get(rule_id) or _PROFILE_OF_PREFIX[prefix]
    return Rule(rule_id, severity, summary, source, chosen, note)


_TABLE: tuple[Rule, ...] = (
    _rule(
        "XML-001",
        E,
        "Document is well-formed XML 1.0 (incl. no unescaped `&`/`<` in text or attributes)",
        "RSS2; W3C SAXError",
        note="Malformed XML is a finding with line and column, not an unreadable-input error.",
    ),
    _rule(
        "XML-002",
        E,
        "Namespace-well-formed: every prefix used is declared; no duplicate attributes",
        "XML Namespaces; W3C UndeclaredPrefix",
    ),
    _rule(
        "XML-003",
        E,
        "Encoding is UTF-8 (declared or defaulted)",
        "APPLE-RSS, PSP1; W3C NotUTF8 (W, only with itunes)",
        note="A declared encoding other than UTF-8 (or a UTF-16 byte order mark) is an error, as Apple and PSP-1 require UTF-8; W3C only warns.",
    ),
    _rule(
        "XML-004",
        W,
        'XML declaration present: `<?xml version="1.0" encoding="UTF-8"?>`',
        "APPLE-REQ, PSP1",
    ),
    _rule(
        "XML-005",
        E,
        'If any `itunes:` element is present, `xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"` exactly (case-sensitive, http) on `<rss>`',
        "APPLE-RSS",
    ),
    _rule(
        "XML-006",
        E,
        "If any `podcast:` element is present, its namespace URI is `https://podcastindex.org/namespace/1.0` (alias `https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md` accepted on read → W)",
        "PN-1.0",
        note="A `podcast` prefix bound to any other URI is an error; the legacy GitHub URI is accepted with a warning (severity lowered at report time).",
    ),
    _rule(
        "XML-007",
        W,
        '`xmlns:content="http://purl.org/rss/1.0/modules/content/"` declared (Apple\'s required declaration line)',
        "APPLE-REQ",
    ),
    _rule(
        "XML-008",
        W,
        "Namespace prefixes are the conventional ones (`itunes`, `podcast`, `atom`, `content`) — readers must resolve by URI",
        "PN-1.0; W3C NonstdPrefix",
    ),
    _rule(
        "XML-009",
        W,
        "No leading/trailing whitespace in text node values",
        "APPLE-RSS, PSP1",
        note="Checked on elements holding only text (no child elements); CDATA and escaped text cannot be told apart after parsing, so both count.",
    ),
    _rule(
        "XML-010",
        E,
        "No control characters / invalid XML chars",
        "XML 1.0; W3C BadCharacters",
        note="Found by a byte scan before parsing, so the finding points at the line of the bad character instead of a generic XML-001.",
    ),
    _rule(
        "RSS-001",
        E,
        'Root element is `<rss>` with attribute `version="2.0"`',
        "RSS2; W3C MissingAttribute/InvalidRSSVersion",
    ),
    _rule(
        "RSS-002",
        E,
        "`<rss>` contains exactly one `<channel>`",
        "RSS2; W3C MissingElement/DuplicateElement",
    ),
    _rule("RSS-003", E, "channel has non-empty `<title>`", "RSS2; W3C MissingTitle, NotBlank"),
    _rule(
        "RSS-004",
        E,
        "channel has `<link>` with absolute URL (IANA scheme)",
        "RSS2; W3C MissingLink, InvalidURI",
    ),
    _rule("RSS-005", E, "channel has `<description>`", "RSS2; W3C MissingDescription"),
    _rule(
        "RSS-006",
        E,
        "channel core elements appear at most once (title, link, description, language, copyright, managingEditor, webMaster, pubDate, lastBuildDate, generator, docs, cloud, ttl, image, textInput, skipHours, skipDays)",
        "RSS2; W3C DuplicateElement",
    ),
    _rule(
        "RSS-007",
        E,
        "Each `<item>` has `<title>` or `<description>`",
        "RSS2; W3C ItemMustContainTitleOrDescription",
        note="Checked on `<item>` only: a `podcast:liveItem` has its own rules (P20-10x).",
    ),
    _rule(
        "RSS-008",
        E,
        "Item core elements at most once except `category` (title, link, description, author, comments, enclosure*, guid, pubDate, source)",
        "RSS2/RSSP; W3C DuplicateElement (*enclosure → RSS-013)",
    ),
    _rule("RSS-009", E, "`<enclosure>` has `url`, `length`, `type`", "RSS2; W3C MissingAttribute"),
    _rule(
        "RSS-010",
        E,
        "enclosure `url` is an absolute http/https URL",
        "RSS2; W3C InvalidURLAttribute",
    ),
    _rule(
        "RSS-011",
        E,
        "enclosure `length` is a non-negative base-10 integer (bytes)",
        "RSS2; W3C InvalidIntegerAttribute, InvalidNonNegativeInteger",
    ),
    _rule(
        "RSS-012",
        E,
        "enclosure `type` matches MIME `type/subtype` syntax",
        "RSS2; W3C InvalidMIMEAttribute",
    ),
    _rule("RSS-013", W, "At most one `<enclosure>` per item", "RSSP; W3C DuplicateEnclosure"),
    _rule(
        "RSS-014",
        W,
        "enclosure `length` is not `-1`/`0` placeholder (use real byte size)",
        "RSS2; W3C UseZeroForUnknown",
    ),
    _rule(
        "RSS-015",
        E,
        "`pubDate`/`lastBuildDate` (channel and item) parse as RFC 822/2822 with English names, 4-digit year",
        "RSS2, APPLE-REQ; W3C InvalidRFC2822Date",
    ),
    _rule("RSS-016", E, "day-of-week, if present, matches the date", "RFC 2822; W3C IncorrectDOW"),
    _rule(
        "RSS-017",
        W,
        "date uses strict RFC 2822 form (`Ddd, DD Mon YYYY HH:MM:SS ±HHMM`/`GMT`)",
        "W3C ProblematicalRFC822Date",
    ),
    _rule("RSS-018", W, "dates plausible (not before 1900 or far future)", "W3C ImplausibleDate"),
    _rule(
        "RSS-019",
        W,
        "Every item has a `<guid>` (Apple/PSP escalate: ITUNES-022)",
        "RSS2; W3C MissingGuid",
        note="Under the `apple` and `podcasting2` profiles the same fact is reported once, as ITUNES-022 (error).",
    ),
    _rule(
        "RSS-020",
        E,
        "`guid@isPermaLink`, if present, is exactly `true` or `false`",
        "RSS2; W3C InvalidBooleanAttribute",
    ),
    _rule(
        "RSS-021",
        E,
        "guid with isPermaLink absent/`true` is an absolute URL and not `tag:`/`urn:uuid:`",
        "RSS2; W3C InvalidHttpGUID, InvalidPermalink",
        note='A guid without `isPermaLink` counts as a permalink (RSS 2.0 default), so a bare UUID guid without `isPermaLink="false"` is reported.',
    ),
    _rule(
        "RSS-022",
        E,
        "guid values unique within the feed",
        'RSS2 ("uniquely identifies"); W3C DuplicateValue',
    ),
    _rule(
        "RSS-023",
        W,
        "non-permalink guid not a short number (<9 digits)",
        "W3C NotSufficientlyUnique",
    ),
    _rule(
        "RSS-024",
        E,
        "`<language>` value is an ISO 639 code, optional `-subtag`",
        "RSS2/APPLE-RSS; W3C InvalidLanguage",
        note="Primary subtag must be an ISO 639-1 code (case-insensitive), further subtags 2-8 alphanumerics (`en-us`, `pt-BR`, `es-419`).",
    ),
    _rule(
        "RSS-025",
        W,
        'channel has `<atom:link rel="self" type="application/rss+xml" href>` (PSP: E, see PSP-001)',
        "RSSP; W3C MissingAtomSelfLink",
        note="Under the `apple` and `podcasting2` profiles the same fact is reported once, as PSP-001 (error).",
    ),
    _rule(
        "RSS-026",
        E,
        "`<image>` (if present) has `url`, `title`, `link`; `width` ≤144, `height` ≤400 positive ints",
        "RSS2",
    ),
    _rule("RSS-027", E, "`ttl` (if present) positive integer", "RSS2; W3C InvalidPositiveInteger"),
    _rule(
        "RSS-028",
        E,
        "`managingEditor`/`webMaster`/item `author` are email addresses (`addr (Name)` allowed)",
        "RSS2; W3C InvalidContact",
        note="Hosts often write a bare name; RSS 2.0 asks for an email address, so a value without `@` is reported (as W3C does).",
    ),
    _rule(
        "RSS-029",
        E,
        "No un-namespaced elements other than RSS 2.0 ones",
        'RSS2 "Extending RSS"; W3C UndefinedElement',
        note="Only un-namespaced elements are checked; elements in any declared namespace are extensions and allowed.",
    ),
    _rule("RSS-030", W, "item `<link>`/`<comments>` absolute URLs", "RSS2; W3C InvalidURI"),
    _rule(
        "RSS-031",
        W,
        "HTML only in `description`/`content:encoded`, inside CDATA; not in titles",
        "RSS board; APPLE-RSS; W3C ContainsHTML/NotHtml",
        note="Reported for HTML tags in `title` and `itunes:title` (channel and item); whether description HTML sat in CDATA cannot be seen after parsing.",
    ),
    _rule("ITUNES-001", E, "channel `<title>` present and non-empty", "APPLE-RSS (Required)"),
    _rule("ITUNES-002", E, "channel `<description>` present and non-empty", "APPLE-RSS (Required)"),
    _rule(
        "ITUNES-003",
        E,
        "channel `<description>` ≤ 4000 bytes (UTF-8, after XML unescape)",
        "APPLE-RSS",
        note="Measured in UTF-8 bytes of the unescaped text.",
    ),
    _rule(
        "ITUNES-004",
        E,
        "channel has `<itunes:image>` with `href`; `href` absolute http(s) URL; no text content",
        "APPLE-RSS; W3C MissingAttribute, InvalidURLAttribute, UnexpectedText",
    ),
    _rule(
        "ITUNES-005",
        W,
        "artwork URL path ends in `.jpg`, `.jpeg` or `.png` (case-insensitive)",
        'APPLE-RSS ("appropriate file extensions")',
    ),
    _rule(
        "ITUNES-006",
        E,
        "(if image file available locally) artwork is JPEG/PNG matching its extension, square, 1400 ≤ side ≤ 3000 px, RGB",
        "APPLE-RSS, APPLE-ART",
        note="Needs the image bytes: checked only with `--online` (PNG/JPEG headers read directly; no image library).",
    ),
    _rule(
        "ITUNES-007",
        W,
        "(if image available) no alpha channel; 72 dpi; prefer 3000×3000",
        "APPLE-ART, APPLE-RSS",
        note="Needs the image bytes: checked only with `--online`. dpi comes from the JFIF density or PNG pHYs chunk when present.",
    ),
    _rule(
        "ITUNES-008",
        E,
        "channel `<language>` present (or `xml:lang` for W3C) and valid (RSS-024)",
        "APPLE-RSS; W3C MissingItunesElement (W)",
        note="Reports a missing `<language>`; an invalid value is reported once, as RSS-024.",
    ),
    _rule(
        "ITUNES-009", E, "≥1 channel `<itunes:category>`", "APPLE-RSS; W3C MissingItunesElement (W)"
    ),
    _rule(
        "ITUNES-010",
        E,
        "every `<itunes:category>` has `text`; top-level `text` ∈ Apple list (§3.5), exact case",
        "APPLE-RSS/CAT; W3C MissingAttribute, InvalidItunesCategory",
    ),
    _rule(
        "ITUNES-011",
        E,
        "nested `<itunes:category>` `text` ∈ subcategories of its parent; nesting depth ≤ 2",
        "APPLE-CAT; W3C InvalidItunesCategory",
    ),
    _rule(
        "ITUNES-012",
        W,
        "category is an obsolete Apple category (§3.5 obsolete list)",
        "W3C ObsoleteItunesCategory",
    ),
    _rule(
        "ITUNES-013",
        I,
        "more than one top-level category: only the first is used by Apple (info)",
        "APPLE-RSS",
        note='Info, not warning: the digest\'s own row says "(info)", Apple allows several categories (PSP-1: "listed in order of priority") and only ignores the extra ones.',
    ),
    _rule(
        "ITUNES-014",
        E,
        "channel `<itunes:explicit>` present",
        "APPLE-RSS; W3C MissingItunesElement (W)",
    ),
    _rule(
        "ITUNES-015",
        E,
        "`<itunes:explicit>` (channel/item) ∈ {`true`,`false`} (case-insensitive, no surrounding whitespace)",
        "APPLE-RSS, PSP1; W3C InvalidTrueFalse",
        note="Legacy `yes`/`no`/`clean` (older Apple specs) are errors: current Apple and PSP-1 accept only `true`/`false`.",
    ),
    _rule("ITUNES-016", W, "`<itunes:explicit>` is lower case", "APPLE-RSS examples, PSP1"),
    _rule("ITUNES-017", W, "channel `<itunes:author>` present", "APPLE-RSS (Recommended), PSP1"),
    _rule(
        "ITUNES-018",
        E,
        "`<itunes:type>` (if present) ∈ {`episodic`,`serial`}",
        "APPLE-RSS; W3C InvalidItunesChannelType",
    ),
    _rule(
        "ITUNES-019",
        E,
        "if `<itunes:type>serial`, every item has `<itunes:episode>`",
        'APPLE-RSS ("must use"), PSP1',
        note="Reported on each item of a serial show that lacks `<itunes:episode>`.",
    ),
    _rule(
        "ITUNES-020",
        E,
        "`<itunes:episode>`, `<itunes:season>` are integers > 0",
        "APPLE-RSS, PSP1; W3C InvalidPositiveInteger",
    ),
    _rule(
        "ITUNES-021",
        E,
        "`<itunes:episodeType>` (if present) ∈ {`full`,`trailer`,`bonus`}",
        "APPLE-RSS; W3C InvalidItunesEpisodeType",
    ),
    _rule(
        "ITUNES-022",
        E,
        "every item has a `<guid>`",
        "APPLE-REQ, PSP1",
        note="Replaces RSS-019 under the `apple` and `podcasting2` profiles.",
    ),
    _rule("ITUNES-023", E, "every item has `<title>` (non-empty)", "APPLE-RSS (Required)"),
    _rule(
        "ITUNES-024",
        E,
        "every item has an `<enclosure>` with url/length/type",
        "APPLE-RSS/REQ",
        note="Reports an item without `<enclosure>`; missing attributes are RSS-009.",
    ),
    _rule(
        "ITUNES-025", E, "enclosure URLs unique across items", 'APPLE-REQ ("will ignore duplicate")'
    ),
    _rule(
        "ITUNES-026",
        W,
        "enclosure `type` ∈ {`audio/x-m4a`,`audio/mpeg`,`video/quicktime`,`video/mp4`,`video/x-m4v`,`application/pdf`} and URL extension ∈ {m4a,mp3,mov,mp4,m4v,pdf} (W3C also epub)",
        "APPLE-RSS; W3C UnsupportedItunesFormat",
        note="The URL extension test also accepts `.epub` (W3C's list); the type test uses Apple's list only.",
    ),
    _rule(
        "ITUNES-027",
        W,
        "enclosure `type` consistent with URL extension (mp3↔audio/mpeg, m4a↔audio/x-m4a or audio/mp4, mp4↔video/mp4, m4v↔video/x-m4v, mov↔video/quicktime, pdf↔application/pdf)",
        "APPLE-RSS",
    ),
    _rule(
        "ITUNES-028",
        W,
        "feed/media/image URLs are ASCII (`[A-Za-z0-9]` plus URL punctuation)",
        "APPLE-REQ",
    ),
    _rule("ITUNES-029", W, "item has `<pubDate>`", "APPLE-RSS (Recommended), PSP1"),
    _rule(
        "ITUNES-030",
        W,
        "item has `<description>`; ≤ 4000 bytes (E if over)",
        "APPLE-RSS, PSP1",
        note="Missing description is a warning; a description over 4000 bytes is an error (severity raised at report time), as the digest says.",
    ),
    _rule(
        "ITUNES-031",
        W,
        "HTML in item description only inside CDATA and only `p ol ul li a` (PSP1 also `b i strong em`)",
        "APPLE-RSS, PSP1",
        note="Allowed tags are the union of Apple's and PSP-1's lists: p ol ul li a b i strong em (and br, which neither forbids and players render).",
    ),
    _rule("ITUNES-032", W, "item has `<itunes:duration>`", "APPLE-RSS (Recommended), PSP1"),
    _rule(
        "ITUNES-033",
        E,
        "`<itunes:duration>` matches `^\\d+(:[0-5][0-9](:[0-5][0-9])?)?$`",
        "W3C InvalidDuration; APPLE-RSS",
    ),
    _rule(
        "ITUNES-034",
        W,
        "`<itunes:duration>` is plain seconds",
        'APPLE-RSS ("recommended … seconds"), PSP1',
    ),
    _rule(
        "ITUNES-035",
        E,
        "item `<itunes:image>` (if present) uses `href` with absolute URL, no text",
        "APPLE-RSS; W3C MissingAttribute",
    ),
    _rule(
        "ITUNES-036",
        W,
        "`<itunes:block>`/`<itunes:complete>` value is `Yes` (others have no effect); W3C-valid set is yes/no/clean",
        "APPLE-RSS; W3C InvalidYesNoClean (E for other values)",
        note="`Yes`/`No` in any case are accepted silently (`No` is the harmless default); any other value has no effect and is reported.",
    ),
    _rule(
        "ITUNES-037", E, "`<itunes:new-feed-url>` absolute URL", "APPLE-RSS; W3C InvalidFullLink"
    ),
    _rule(
        "ITUNES-038",
        E,
        "iTunes elements not duplicated in the same parent (except `itunes:category`)",
        "W3C DuplicateElement (`noduplicates`)",
    ),
    _rule(
        "ITUNES-039",
        W,
        "text values ≤ 255 chars unless stated otherwise (title, author, itunes:title, …)",
        "APPLE-RSS, PSP1; W3C TooLong (E for author/subtitle/keywords/name)",
        note="Applied to title, itunes:title, copyright, managingEditor, webMaster, item author and category; author/subtitle/keywords/name are ITUNES-040 (error).",
    ),
    _rule(
        "ITUNES-040",
        E,
        "`<itunes:summary>` ≤ 4000 chars; `<itunes:subtitle>`/`<itunes:keywords>`/`<itunes:author>`/`<itunes:name>` ≤ 255",
        "W3C TooLong",
    ),
    _rule(
        "ITUNES-041",
        W,
        "`<itunes:summary>`/`<itunes:subtitle>`/`<itunes:keywords>` present — deprecated by Apple",
        "PN-OTHER, APPLE-RSS (absent)",
        note="Apple dropped these tags; they still work in older apps, hence only a warning.",
    ),
    _rule(
        "ITUNES-042",
        W,
        "`<itunes:keywords>` is comma-separated",
        "W3C InvalidKeywords",
        note="Reported when the value holds several whitespace-separated words and no comma.",
    ),
    _rule(
        "ITUNES-043",
        E,
        "`<itunes:owner>` (if present) contains `<itunes:email>` with a valid address",
        "W3C MissingElement, InvalidAddrSpec",
    ),
    _rule(
        "ITUNES-044",
        W,
        "channel lacks `<itunes:owner><itunes:email>` (W3C warns; Apple no longer lists it)",
        "W3C MissingItunesEmail",
    ),
    _rule(
        "ITUNES-045",
        W,
        "item/itunes titles should not contain episode/season numbers or the show title",
        "APPLE-RSS, PSP1",
        note="Heuristic: a title starting with an episode/season marker (`Episode 12`, `Ep. 3`, `#12`, `S2E3`, `12.`) or containing the show title.",
    ),
    _rule(
        "ITUNES-046",
        W,
        "`episodeType=trailer` with `<itunes:episode>` should not share its `<guid>` with the full episode",
        "APPLE-RSS",
        note="Reported when a trailer item with `<itunes:episode>` has the same guid as the full item with the same season/episode (the guid clash itself is also RSS-022).",
    ),
    _rule(
        "ITUNES-047",
        W,
        "channel title has no keyword stuffing (heuristic: > N comma-separated terms / repeated words)",
        "APPLE-RSS, PSP1",
        note="Heuristic: more than 5 comma/pipe-separated terms, or a word of 4+ letters repeated 3+ times.",
    ),
    _rule(
        "ITUNES-048",
        W,
        "feed contains ≥1 item (needed to submit)",
        "APPLE-RSS setup flow; PRX help",
    ),
    _rule(
        "PSP-001",
        E,
        '`<atom:link rel="self" href>` present; `href` absolute URL; `type="application/rss+xml"`',
        "PSP1 (Required)",
    ),
    _rule(
        "PSP-002",
        E,
        '`xmlns:podcast` and `xmlns:atom="http://www.w3.org/2005/Atom"` declared',
        "PSP1 (Required namespaces)",
        note="Checked on the declarations of `<rss>`; the legacy podcast namespace URI also counts.",
    ),
    _rule(
        "PSP-003",
        W,
        "channel has `<podcast:guid>`",
        "PSP1 (Recommended)",
        note="Same fact as P20-078; reported as PSP-003, and P20-078 only when PSP-003 is ignored.",
    ),
    _rule("PSP-004", W, "channel has `<podcast:locked>`", "PSP1 (Recommended)"),
    _rule("PSP-005", W, "item has `<link>`", "PSP1 (Recommended)"),
    _rule(
        "PSP-006",
        W,
        "item has `<podcast:transcript>`",
        "PSP1 (Recommended)",
        note="Checked on `<item>` elements.",
    ),
    _rule(
        "PSP-007",
        W,
        '`<copyright>` avoids the word "Copyright", "©" and a year',
        "PSP1",
        note="Reported for the word `Copyright`, the `©`/`(c)` sign or a four-digit year.",
    ),
    _rule(
        "PSP-008",
        W,
        "enclosure type ∈ {`audio/mpeg`,`audio/m4a`,`video/m4v`,`video/mp4`} / extension ∈ {mp3,m4a,m4v,mp4}",
        "PSP1",
    ),
    _rule(
        "P20-001",
        W,
        "Every `podcast:*` element name is a formalized tag (§1.3); unknown/proposal-only names are reported (warning, for forward compatibility)",
        "PN-1.0, PN-README",
    ),
    _rule(
        "P20-002",
        E,
        "Each `podcast:*` element appears only under an allowed parent (§1.3; item-level tags also allowed in `podcast:liveItem`)",
        'PN tag pages "Parent"',
    ),
    _rule(
        "P20-003",
        E,
        '"Single" elements occur at most once per parent: locked, chapters, season, episode, license, guid, medium, images, podroll, updateFrequency, podping, chat, publisher, integrity',
        'PN tag pages "Count"',
    ),
    _rule(
        "P20-004",
        E,
        "All attributes not marked optional/recommended are present (per-tag rows below)",
        "PN-1.0",
    ),
    _rule(
        "P20-005",
        E,
        "Any http(s) URL in a `podcast:*` attribute uses `https:` (not `http:`)",
        "PN-1.0 (MUST; debated in PR #414)",
        note="The MUST was questioned in PR #414 but stays in the spec text; podfeed keeps it an error. Other schemes (ipfs:, geo:, magnet:) are not concerned.",
    ),
    _rule(
        "P20-006",
        W,
        "128-char guidance exceeded (funding, soundbite, person, location, trailer, license, updateFrequency node values; season@name, txt@purpose, image@purpose)",
        "PN tag pages",
    ),
    _rule(
        "P20-007",
        W,
        "Deprecated `podcast:images` used (use `podcast:image`)",
        "PN-tag:images-(deprecated)",
    ),
    _rule("P20-010", E, "`podcast:locked` node value ∈ {`yes`,`no`}", "PN-tag:locked"),
    _rule("P20-011", W, "`podcast:locked@owner` (if present) is an email address", "PN-tag:locked"),
    _rule("P20-015", E, "`podcast:transcript` has `url` and `type`", "PN-tag:transcript"),
    _rule(
        "P20-016",
        W,
        'transcript `type` ∈ {`text/plain`,`text/html`,`text/vtt`,`application/json`,`application/x-subrip`}; `application/srt`/`text/srt` → W "legacy SRT MIME"',
        "PN-tag:transcript, PR #331",
    ),
    _rule("P20-017", E, "transcript `rel` (if present) = `captions`", "PN-tag:transcript"),
    _rule(
        "P20-018",
        W,
        "transcript `language` (if present) is a valid BCP 47 tag",
        "PN-tag:transcript",
    ),
    _rule(
        "P20-019",
        W,
        '`rel="captions"` used with a timed format (text/vtt, application/x-subrip, application/json)',
        'PN-tag:transcript ("time codes are assumed")',
    ),
    _rule("P20-020", E, "`podcast:funding` has `url`", "PN-tag:funding"),
    _rule("P20-021", W, "`podcast:funding` node value non-empty (label)", "PN-tag:funding; RSSB"),
    _rule("P20-025", E, "`podcast:chapters` has `url` and `type`", "PN-tag:chapters"),
    _rule(
        "P20-026",
        W,
        "chapters `type` = `application/json+chapters` (`application/json` tolerated)",
        "PN-tag:chapters, #211; RSSB",
    ),
    _rule(
        "P20-030",
        E,
        "`podcast:soundbite` has `startTime` and `duration`, both non-negative decimal seconds",
        "PN-tag:soundbite",
    ),
    _rule("P20-031", W, "soundbite `duration` between 15 and 120 s", "PN-tag:soundbite"),
    _rule(
        "P20-032", W, "soundbite `startTime + duration` ≤ episode duration (when known)", "derived"
    ),
    _rule("P20-035", E, "`podcast:person` node value non-empty", "PN-tag:person"),
    _rule(
        "P20-036",
        W,
        "person `group` ∈ taxonomy groups and `role` ∈ taxonomy roles (case-insensitive; role belongs to group; defaults cast/host)",
        "PN-tag:person, PN-TAX",
    ),
    _rule("P20-037", E, "person `img`/`href` (if present) absolute URLs", "PN-tag:person"),
    _rule("P20-040", E, "`podcast:location` node value non-empty", "PN-tag:location"),
    _rule("P20-041", E, "location `rel` (if present) ∈ {`subject`,`creator`}", "PN-tag:location"),
    _rule(
        "P20-042",
        E,
        "location `geo` (if present) is an RFC 5870 geo URI with lat ∈ [-90,90], lon ∈ [-180,180]",
        "PN-tag:location, PN-LOC",
    ),
    _rule("P20-043", E, "location `osm` (if present) matches `^[NWR][0-9]+(#[0-9]+)?$`", "PN-LOC"),
    _rule(
        "P20-044",
        E,
        "location `country` (if present) is an ISO 3166-1 alpha-2 code (W if not upper case; `UK` → E, use `GB`)",
        "PN-tag:location, PN-LOC",
        note="Error for unknown codes and for `UK`; warning (severity lowered) for a valid code in lower case.",
    ),
    _rule(
        "P20-045",
        W,
        "location has none of `geo`/`osm`/`country` (all recommended)",
        "PN-tag:location",
    ),
    _rule("P20-050", E, "`podcast:season` node value is an integer", "PN-tag:season"),
    _rule(
        "P20-051",
        W,
        "`podcast:season` agrees with `itunes:season` when both present",
        "derived (consistency)",
    ),
    _rule("P20-052", E, "`podcast:episode` node value is a decimal number", "PN-tag:episode"),
    _rule("P20-053", W, "`podcast:episode@display` ≤ 32 chars", "PN-tag:episode"),
    _rule(
        "P20-055",
        E,
        "`podcast:trailer` has `url`, `pubdate` (lower-case name) and non-empty node value",
        "PN-tag:trailer",
    ),
    _rule("P20-056", E, "trailer `pubdate` is RFC 2822", "PN-tag:trailer"),
    _rule(
        "P20-057",
        W,
        "trailer has `length` (integer bytes) and `type` (MIME)",
        "PN-tag:trailer (recommended)",
    ),
    _rule("P20-058", E, "trailer `season` (if present) is an integer", "PN-tag:trailer"),
    _rule("P20-060", E, "`podcast:license` node value non-empty", "PN-tag:license"),
    _rule(
        "P20-061",
        E,
        "license `url` present when node value ∉ {`ARR`,`CC-BY-4.0`,`CC-BY-NC-4.0`,`CC-BY-NC-ND-4.0`,`POD-V4V-1.0`} (case-insensitive)",
        "PN-tag:license, PN-LIC",
    ),
    _rule(
        "P20-065", E, "`podcast:alternateEnclosure` has `type` (MIME)", "PN-tag:alternate-enclosure"
    ),
    _rule(
        "P20-066",
        E,
        "alternateEnclosure has ≥1 `podcast:source` child",
        'PN-tag:source ("At least one … must be present")',
    ),
    _rule(
        "P20-067",
        E,
        "alternateEnclosure has ≤1 `podcast:integrity` child",
        "PN-tag:integrity (Single)",
    ),
    _rule(
        "P20-068",
        W,
        "alternateEnclosure has `length` (integer bytes)",
        "PN-tag:alternate-enclosure (recommended), #76",
    ),
    _rule(
        "P20-069",
        E,
        "alternateEnclosure `bitrate` number; `height` integer; `default` bool; `lang` BCP 47 (if present)",
        "PN-tag:alternate-enclosure",
    ),
    _rule(
        "P20-070", W, "alternateEnclosure `title`/`rel` ≤ 32 chars", "PN-tag:alternate-enclosure"
    ),
    _rule(
        "P20-071",
        E,
        "`podcast:source` has `uri` (absolute URI, any scheme); `contentType` (if present) is MIME",
        "PN-tag:source",
    ),
    _rule(
        "P20-072",
        E,
        "`podcast:integrity` has `type` ∈ {`sri`,`pgp-signature`} and non-empty `value`; `sri` value matches SRI syntax",
        "PN-tag:integrity",
    ),
    _rule("P20-075", E, "`podcast:guid` node value matches the UUID regex (§1.6)", "PN-tag:guid"),
    _rule(
        "P20-076",
        W,
        "`podcast:guid` is version 5 (version nibble `5`, RFC 4122 variant)",
        "PN-tag:guid",
    ),
    _rule(
        "P20-077",
        E,
        "`podcast:guid` ≠ the namespace UUID `ead4c236-bf58-58c6-a2c6-a6b28d128cb6`",
        "PN-tag:guid (common mistake)",
    ),
    _rule(
        "P20-078",
        W,
        "`podcast:guid` present in channel (identity)",
        "PSP1 (Recommended)",
        note="Same fact as PSP-003, which is reported instead while it is active.",
    ),
    _rule("P20-080", E, "`podcast:value` has `type` and `method`", "PN-tag:value"),
    _rule(
        "P20-081",
        E,
        "`podcast:value` has ≥1 `podcast:valueRecipient` child",
        'PN-tag:value ("one or more")',
    ),
    _rule("P20-082", E, "value `suggested` (if present) is a non-negative decimal", "PN-VALUE"),
    _rule(
        "P20-083",
        W,
        "value `type`/`method` and recipient `type` are known slugs (`lightning`; `keysend`/`lnaddress`/`amp`/`default`; `node`/`lnaddress`/`wallet`)",
        "PN-VALUE, `valueslugs.txt`",
    ),
    _rule(
        "P20-084",
        E,
        "`podcast:valueRecipient` has `type`, `address`, `split`; `split` non-negative integer",
        "PN-tag:value-recipient",
    ),
    _rule("P20-085", E, "recipient `fee` (if present) is `true`/`false`", "PN-tag:value-recipient"),
    _rule(
        "P20-086",
        W,
        "recipient has `name`; `customKey` and `customValue` both present or both absent",
        "PN-tag:value-recipient; RSSB",
    ),
    _rule("P20-087", W, "sum of non-fee `split`s > 0", "PN-VALUE (share calculation)"),
    _rule(
        "P20-088",
        W,
        '`type="node"` address is a 66-hex-char compressed pubkey; `type="lnaddress"` address looks like `user@domain`',
        "PN-tag:value-recipient",
    ),
    _rule(
        "P20-090",
        E,
        "`podcast:valueTimeSplit` has `startTime`, `duration` (non-negative seconds)",
        "PN-tag:value-time-split",
    ),
    _rule(
        "P20-091",
        E,
        "valueTimeSplit contains exactly one `podcast:remoteItem` XOR ≥1 `podcast:valueRecipient`",
        "PN-tag:value-time-split",
    ),
    _rule(
        "P20-092",
        W,
        "`remotePercentage` within 0–100 (clamped otherwise); `remoteStartTime` ≥ 0",
        "PN-tag:value-time-split",
    ),
    _rule(
        "P20-095",
        E,
        "`podcast:medium` value ∈ {podcast, music, video, film, audiobook, newsletter, blog, publisher, course} ∪ {same + `L`} ∪ {`mixed`}",
        "PN-tag:medium",
    ),
    _rule(
        "P20-096",
        W,
        "list medium (`…L`, `mixed`) feed contains `<item>`/`<podcast:liveItem>` or no `podcast:remoteItem`",
        "PN-tag:medium",
    ),
    _rule(
        "P20-097",
        E,
        "`publisher` medium feed has `podcast:guid` and ≥1 `podcast:remoteItem`",
        "PN-PUB",
    ),
    _rule(
        "P20-100",
        E,
        "`podcast:liveItem` has `status` ∈ {`pending`,`live`,`ended`} and `start` (ISO 8601)",
        "PN-tag:live-item",
    ),
    _rule(
        "P20-101",
        W,
        "liveItem has `end` (ISO 8601), and `end` ≥ `start`",
        "PN-tag:live-item (recommended)",
    ),
    _rule(
        "P20-102",
        E,
        "liveItem has ≥1 `podcast:contentLink`",
        'PN-tag:live-item ("required to be present")',
    ),
    _rule(
        "P20-103",
        W,
        "liveItem has `<enclosure>` and `<podcast:alternateEnclosure>`, `<title>`, `<guid>`",
        "PN-tag:live-item",
    ),
    _rule("P20-105", E, "`podcast:contentLink` has `href` (absolute URI)", "PN-tag:content-link"),
    _rule("P20-106", W, "contentLink node value non-empty", "PN-tag:content-link; RSSB"),
    _rule(
        "P20-110",
        E,
        "`podcast:socialInteract` has `protocol` ∈ socialprotocols list",
        "PN-tag:social-interact, PN-SLUGS",
    ),
    _rule(
        "P20-111",
        E,
        'socialInteract has `uri` unless `protocol="disabled"`; with `disabled` no other attributes/node value (W)',
        "PN-tag:social-interact",
    ),
    _rule(
        "P20-112",
        W,
        "socialInteract has `accountId` (recommended); `priority` integer; `accountUrl` URL; several tags ⇒ `priority` set",
        "PN-tag:social-interact",
    ),
    _rule("P20-115", E, "`podcast:block` node value ∈ {`yes`,`no`}", "PN-tag:block"),
    _rule("P20-116", W, "block `id` (if present) ∈ `serviceslugs.txt`", "PN-tag:block"),
    _rule(
        "P20-117",
        W,
        "at most one `podcast:block` per `id` value (incl. one without id)",
        "derived (contradictions are ambiguous)",
    ),
    _rule("P20-120", E, "`podcast:txt` node value non-empty and ≤ 4000 chars", "PN-tag:txt; RSSB"),
    _rule(
        "P20-121",
        W,
        'txt `purpose` ≤ 128 chars; if `purpose="ai-content"` node value ∈ {`true`,`false`}',
        "PN-tag:txt",
    ),
    _rule("P20-125", E, "`podcast:remoteItem` has `feedGuid` (UUID)", "PN-tag:remote-item"),
    _rule(
        "P20-126",
        W,
        "remoteItem `medium` (if present) is a valid medium; `feedUrl` absolute URL",
        "PN-tag:remote-item",
    ),
    _rule("P20-130", E, "`podcast:podroll` has ≥1 `podcast:remoteItem`", "PN-tag:podroll"),
    _rule(
        "P20-131",
        W,
        "podroll remoteItems carry `feedUrl` and `title`",
        'PN-tag:podroll ("recommended podroll entry")',
    ),
    _rule(
        "P20-135",
        E,
        "`podcast:updateFrequency` `complete` (if present) bool; `rrule` (if present) parses as RFC 5545 RECUR; `dtstart` (if present) ISO 8601",
        "PN-tag:update-frequency",
    ),
    _rule(
        "P20-136",
        E,
        "updateFrequency `rrule` containing `COUNT` ⇒ `dtstart` present",
        "PN-tag:update-frequency",
    ),
    _rule(
        "P20-137",
        E,
        "`rrule` `UNTIL` and `dtstart` use the same form (both date or both date-time)",
        "PN-tag:update-frequency",
    ),
    _rule(
        "P20-138",
        W,
        "updateFrequency has `rrule` (recommended) and a node value",
        "PN-tag:update-frequency",
    ),
    _rule(
        "P20-140",
        W,
        "`podcast:podping` has `usesPodping` ∈ {`true`,`false`}",
        "PN-tag:podping (example + global rule)",
    ),
    _rule(
        "P20-145",
        E,
        "`podcast:chat` has `server` and `protocol` ∈ {`irc`,`xmpp`,`nostr`,`matrix`}",
        "PN-tag:chat, `docs/chatprotocols.txt`",
    ),
    _rule("P20-146", W, "chat has `accountId`", "PN-tag:chat (recommended)"),
    _rule(
        "P20-150",
        E,
        '`podcast:publisher` contains exactly one `podcast:remoteItem` and it has `medium="publisher"`',
        "PN-tag:publisher",
    ),
    _rule("P20-151", W, "that remoteItem has `feedUrl`", 'PN-tag:publisher ("highly recommended")'),
    _rule("P20-155", E, "`podcast:image` has `href` (absolute URL)", "PN-tag:image"),
    _rule(
        "P20-156",
        E,
        "image `width`/`height` positive integers; `aspect-ratio` matches CSS ratio; `type` MIME (if present)",
        "PN-tag:image",
    ),
    _rule("P20-157", W, "image has `alt`, `aspect-ratio`, `width` (recommended)", "PN-tag:image"),
    _rule(
        "P20-160",
        E,
        "`podcast:images@srcset` present; each candidate = absolute URL + `<int>w`",
        "PN-tag:images-(deprecated)",
    ),
    _rule(
        "P20-165",
        W,
        "`podcast:person` in item but channel has persons: item list replaces channel list (warn if item omits all channel hosts)",
        "PN-tag:person",
    ),
    _rule("CHAP-001", E, "file parses as JSON (UTF-8) and the top level is an object", "PN-CHAP"),
    _rule("CHAP-002", E, "`version` present and a string", 'PN-CHAP ("required - string")'),
    _rule("CHAP-003", E, "`chapters` present and an array", 'PN-CHAP ("required - array")'),
    _rule(
        "CHAP-004",
        E,
        "each chapter is an object with `startTime`: number ≥ 0 (not a string, not `hh:mm:ss`)",
        'PN-CHAP ("required - float … seconds")',
    ),
    _rule(
        "CHAP-005",
        E,
        "chapters sorted by `startTime` ascending (non-decreasing)",
        'PN-CHAP ("assumed to be in ascending order")',
    ),
    _rule("CHAP-006", E, "`endTime` (if present) number and ≥ `startTime`", "PN-CHAP"),
    _rule(
        "CHAP-007",
        E,
        "optional chapter fields typed: `title` string, `img` string, `url` string, `toc` boolean, `location` object",
        "PN-CHAP",
    ),
    _rule(
        "CHAP-008",
        E,
        "`location` has `name` (string) and `geo` (RFC 5870 geo URI string); `osm` string matching OSM rule if present",
        "PN-CHAP",
    ),
    _rule(
        "CHAP-009",
        E,
        "optional root fields typed: `author`, `title`, `podcastName`, `description`, `fileName` strings; `waypoints` boolean",
        "PN-CHAP",
    ),
    _rule("CHAP-010", W, "`img`/`url` are absolute https URLs", "PN-1.0 https rule"),
    _rule(
        "CHAP-011",
        W,
        '`version` is `"1.2.0"` (current format) — required if `location`/`waypoints` used',
        "PN-CHAP (v1.2 added location/waypoints)",
        note="`version` values other than the string `1.2.0` are reported; format versions before 1.2 lack `location`/`waypoints`.",
    ),
    _rule(
        "CHAP-012",
        W,
        "unknown keys (e.g. legacy `hasArtwork`, `id`, `valueOverride`/`value`)",
        "PN-CHAP history",
    ),
    _rule("CHAP-013", W, "`startTime` (and `endTime`) ≤ episode duration when known", "derived"),
    _rule(
        "CHAP-014",
        W,
        "visible chapter (`toc` ≠ false) without `title`",
        "PN-CHAP (title optional but displayed)",
    ),
    _rule("CHAP-015", W, "two chapters with the same `startTime`", "derived"),
    _rule("CHAP-016", W, "`chapters` array empty", "derived"),
    _rule(
        "CHAP-017",
        W,
        "overlapping `endTime` of chapter *n* > `startTime` of chapter *n+1*",
        "derived (ID3 CHAP semantics, #69)",
    ),
    _rule("CHAP-018", W, "first visible chapter does not start at 0", "derived (player UX)"),
    _rule(
        "CHAP-019",
        W,
        "`waypoints: true` only meaningful with ≥2 chapters having `location`",
        "PN-CHAP",
    ),
    _rule(
        "XF-001",
        E,
        "every `podcast:chapters@url` maps to a chapters file podfeed generated/published for that item",
        "derived",
    ),
    _rule(
        "XF-002",
        E,
        "`podcast:chapters@type` equals the Content-Type the file will be served with (`application/json+chapters`)",
        "PN-CHAP",
    ),
    _rule(
        "XF-003",
        W,
        "enclosure `length` equals the media file size in bytes (when the file is local)",
        "RSS2",
        note="Needs the media size: checked with `--online` (HTTP HEAD Content-Length) or by build-feed for local files.",
    ),
    _rule(
        "XF-004",
        W,
        "`itunes:duration` equals media duration ±1 s (when measurable)",
        "APPLE-RSS",
        note="Needs the media duration; podfeed does not decode media, so this rule is reported only by tools that measure it (none yet).",
    ),
    _rule(
        "XF-005",
        E,
        "item `<guid>` stable across rebuilds (derived from front matter id, never from title/URL that may change)",
        "APPLE-RSS/REQ",
        note="Needs earlier builds: enforced by build-feed through podfeed.lock (LOCK-002/LOCK-003), not by the stand-alone validator.",
    ),
    _rule(
        "XF-006",
        E,
        "`podcast:guid` stable across rebuilds (stored, not recomputed from a changed feed URL)",
        "PN-tag:guid",
        note="Needs earlier builds: enforced by build-feed through podfeed.lock (LOCK-001), not by the stand-alone validator.",
    ),
    _rule(
        "XF-007",
        W,
        "transcript file type matches extension/content (`.vtt` starts with `WEBVTT`; `.srt` numbered cues; `.json` has `segments`)",
        "PN-TRANS",
        note="Needs the transcript file: checked with `--online` (first bytes fetched) or when build-feed hands the file over.",
    ),
    _rule(
        "INFO-001",
        I,
        "canonical podcast namespace URI: podcastparser (gPodder) only maps the legacy GitHub URI and drops `podcast:` tags",
        "peers.md §6 (podcastparser 0.6.11)",
        profile="podcasting2",
        note="Client limit, not a fault of the feed.",
    ),
    _rule(
        "INFO-002",
        I,
        "`itunes:explicit` `true`/`false` is read as unknown (`None`) by feedparser 6.0.x",
        "peers.md §6 (feedparser 6.0.14)",
        profile="apple",
        note="Client limit, not a fault of the feed; fixed on feedparser main.",
    ),
    _rule(
        "INFO-003",
        I,
        "several `podcast:transcript` in one item: feedparser keeps only the last one",
        "peers.md §6 (feedparser #301)",
        profile="podcasting2",
        note="Client limit, not a fault of the feed.",
    ),
    _rule(
        "INTERNAL-001",
        W,
        "a check failed unexpectedly on this input; the rules it covers were not fully checked",
        "podfeed",
        note="Reported instead of a traceback; please report it as a podfeed bug, with the input.",
    ),
)

#: Every rule, by ID, in catalog order.
RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _TABLE})


def profile_rules(profile: str) -> frozenset[str]:
    """The IDs enabled by ``profile`` (which includes the rules of the smaller profiles)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}")
    allowed = set(PROFILES[: PROFILES.index(profile) + 1])
    return frozenset(rule.id for rule in RULES.values() if rule.profile in allowed)


def _matches(rule_id: str, patterns: Iterable[str]) -> bool:
    # Like ruff: "P20" selects every P20-*, "ITUNES-03" selects ITUNES-030..039, a full ID one rule.
    return any(rule_id.startswith(p.strip().upper()) for p in patterns if p.strip())


def select_rules(
    profile: str,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> frozenset[str]:
    """Active rule IDs: the profile's rules (or, with ``select``, the selected ones of all
    rules), minus the ignored ones."""
    chosen = list(select or ())
    if chosen:
        active = {rid for rid in RULES if _matches(rid, chosen)}
    else:
        active = set(profile_rules(profile))
    ignored = list(ignore or ())
    return frozenset(rid for rid in active if not _matches(rid, ignored))


def rule_links(rule: Rule) -> tuple[str, ...]:
    """URLs for the source keys named in ``rule.source`` (tag pages and §0 sources)."""
    links: list[str] = []
    for part in rule.source.replace(";", ",").split(","):
        key = part.strip().split(" ")[0]
        if key.startswith("PN-tag:"):
            links.append(_TAG_PAGE.format(key.removeprefix("PN-tag:")))
        elif key in SOURCE_URLS:
            links.append(SOURCE_URLS[key])
    return tuple(dict.fromkeys(links))
