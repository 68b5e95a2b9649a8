"""Language codes a feed's ``<language>`` may hold: an ISO 639-1 code, optionally with subtags.

Apple asks for "ISO 639 two-letter code with some possible modifiers, such as en-us" and
rejects invalid codes. podfeed accepts a BCP 47-shaped tag whose primary subtag is a real
ISO 639-1 code (case-insensitive): ``en``, ``de-AT``, ``pt-BR``, ``zh-Hant-TW``, ``es-419``.
"""

from __future__ import annotations

import re

__all__ = ["ISO_639_1", "is_language_code"]

#: The 183 ISO 639-1 two-letter language codes.
_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu
"""
ISO_639_1: frozenset[str] = frozenset(_CODES.split())

_TAG = re.compile(r"([A-Za-z]{2})((?:-[A-Za-z0-9]{2,8})*)")


def is_language_code(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 code with optional ``-subtag`` parts."""
    match = _TAG.fullmatch(code)
    return match is not None and match.group(1).lower() in ISO_639_1
