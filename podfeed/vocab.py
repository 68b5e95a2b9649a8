"""Controlled vocabularies of the Podcasting 2.0 namespace, as data: the show config and the
validator's P20-* checks read the same lists.

Sources: the podcast-namespace repository (taxonomy.json, serviceslugs.txt, socialprotocols.txt,
docs/chatprotocols.txt, valueslugs.txt, licenses.json) as summarized in the spec digest §1.4–§1.5,
plus ISO 3166-1 for ``podcast:location@country``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "CHAT_PROTOCOLS",
    "COUNTRY_CODES",
    "INTEGRITY_TYPES",
    "KNOWN_LICENSES",
    "LEGACY_SRT_TYPES",
    "LIST_MEDIUMS",
    "LIVE_STATUSES",
    "LOCATION_RELS",
    "MEDIUMS",
    "PERSON_DEFAULT_GROUP",
    "PERSON_DEFAULT_ROLE",
    "PERSON_TAXONOMY",
    "RECUR_FREQUENCIES",
    "SERVICE_SLUGS",
    "SOCIAL_PROTOCOLS",
    "TIMED_TRANSCRIPT_TYPES",
    "TRANSCRIPT_TYPES",
    "VALUE_METHODS",
    "VALUE_RECIPIENT_TYPES",
    "VALUE_TYPES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: taxonomy.json, keyed by lower-cased group, values lower-cased roles (matching is
#: case-insensitive). The published file spells "Translater" (sic): both spellings are accepted.
PERSON_TAXONOMY: Mapping[str, frozenset[str]] = {
    "creative direction": frozenset(
        {
            "director",
            "assistant director",
            "executive producer",
            "senior producer",
            "producer",
            "associate producer",
            "development producer",
            "creative director",
        }
    ),
    "cast": frozenset(
        {
            "host",
            "co-host",
            "guest host",
            "guest",
            "voice actor",
            "narrator",
            "announcer",
            "reporter",
        }
    ),
    "writing": frozenset(
        {
            "author",
            "editorial director",
            "co-writer",
            "writer",
            "songwriter",
            "guest writer",
            "story editor",
            "managing editor",
            "script editor",
            "script coordinator",
            "researcher",
            "editor",
            "fact checker",
            "translator",
            "translater",
            "transcriber",
            "logger",
        }
    ),
    "audio production": frozenset(
        {
            "studio coordinator",
            "technical director",
            "technical manager",
            "audio engineer",
            "remote recording engineer",
            "post production engineer",
        }
    ),
    "audio post-production": frozenset(
        {
            "audio editor",
            "sound designer",
            "foley artist",
            "composer",
            "theme music",
            "music production",
            "music contributor",
        }
    ),
    "administration": frozenset(
        {
            "production coordinator",
            "booking coordinator",
            "production assistant",
            "content manager",
            "marketing manager",
            "sales representative",
            "sales manager",
        }
    ),
    "visuals": frozenset({"graphic designer", "cover art designer"}),
    "community": frozenset({"social media manager"}),
    "misc.": frozenset({"consultant", "intern"}),
    "video production": frozenset(
        {
            "camera operator",
            "lighting designer",
            "camera grip",
            "assistant camera",
        }
    ),
    "video post-production": frozenset({"editor", "assistant editor"}),
}
PERSON_DEFAULT_GROUP = "cast"
PERSON_DEFAULT_ROLE = "host"

#: serviceslugs.txt: platforms a ``podcast:block@id`` may name.
SERVICE_SLUGS = _words("""
    acast amazon anchor apple audible audioboom backtracks bitcoin blubrry buzzsprout captivate
    castos castopod facebook fireside fyyd google gpodder hypercatcher kasts libsyn mastodon
    megafono megaphone omnystudio overcast paypal pinecast podbean podcastaddict podcastguru
    podcastindex podcasts podchaser podcloud podfriend podiant podigee podnews podomatic podserve
    podverse redcircle relay resonaterecordings rss shoutengine simplecast slack soundcloud spotify
    spreaker tiktok transistor twitter whooshkaa youtube zencast
""")

#: socialprotocols.txt and docs/chatprotocols.txt.
SOCIAL_PROTOCOLS = _words("disabled activitypub twitter lightning atproto hive matrix nostr")
CHAT_PROTOCOLS = _words("irc xmpp nostr matrix")

#: podcast:medium: each base medium, its list variant (suffix L), and the list-only "mixed".
_BASE_MEDIUMS = (
    "podcast",
    "music",
    "video",
    "film",
    "audiobook",
    "newsletter",
    "blog",
    "publisher",
    "course",
)
MEDIUMS: frozenset[str] = frozenset(
    (*_BASE_MEDIUMS, *(medium + "L" for medium in _BASE_MEDIUMS), "mixed")
)

#: List mediums hold podcast:remoteItem entries, not episodes.
LIST_MEDIUMS: frozenset[str] = frozenset(m for m in MEDIUMS if m.endswith("L")) | {"mixed"}

#: licenses.json short names (compared case-insensitively); others need a ``url``.
KNOWN_LICENSES = _words("arr cc-by-4.0 cc-by-nc-4.0 cc-by-nc-nd-4.0 pod-v4v-1.0")

#: valueslugs.txt split by the attribute they fill; "default" is the spec's fallback method.
VALUE_TYPES = _words("lightning bitcoin")
VALUE_METHODS = _words("keysend lnaddress amp default")
VALUE_RECIPIENT_TYPES = _words("node lnaddress wallet")

#: Transcript MIME types the tag page documents; the legacy SRT spellings predate PR #331.
TRANSCRIPT_TYPES = _words("text/plain text/html text/vtt application/json application/x-subrip")
LEGACY_SRT_TYPES = _words("application/srt text/srt")
#: Formats that carry time codes, so ``rel="captions"`` makes sense.
TIMED_TRANSCRIPT_TYPES = _words(
    "text/vtt application/x-subrip application/json application/srt text/srt"
)

INTEGRITY_TYPES = _words("sri pgp-signature")
LIVE_STATUSES = _words("pending live ended")
LOCATION_RELS = _words("subject creator")

#: RFC 5545 §3.3.10 FREQ values.
RECUR_FREQUENCIES = _words("SECONDLY MINUTELY HOURLY DAILY WEEKLY MONTHLY YEARLY")

#: ISO 3166-1 alpha-2 officially assigned codes (249). "UK" is only exceptionally reserved.
COUNTRY_CODES = _words("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
    BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET
    FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
    HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT
    JE JM JO JP
    KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    NA NC NE NF NG NI NL NO NP NR NU NZ
    OM
    PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA
    RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
    TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
    UA UG UM US UY UZ
    VA VC VE VG VI VN VU
    WF WS
    YE YT
    ZA ZM ZW
""")
