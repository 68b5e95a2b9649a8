"""Which front-matter keys feed which Episode field: the built-in aliases, as data.

The first alias present in a document wins. A ``fields`` mapping (from the caller or the
show's ``[fields]`` table) replaces the aliases of the fields it names with one key, dotted
for nested keys (``"audio.length": "podcast.bytes"``).
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["ALIASES"]

ALIASES = MappingProxyType(
    {
        "title": ("title",),
        "date": ("date", "publishedDate", "pubDate", "published", "publishDate", "Date"),
        "author": ("author", "authors", "host", "hosts"),
        # `url` is the episode page only when it does not name a media file (see podfeed.media).
        "link": ("link", "source", "permalink", "url"),
        "audio.url": (
            "audio",
            "enclosure",
            "file",
            "mp3",
            "url",
            "podcast_file",
            "podcast_link",
        ),
        "audio.length": ("length", "bytes", "podcast_bytes", "podcast_length"),
        "audio.type": ("audio_type", "mime_type", "podcast_type"),
        "duration": ("duration", "podcast_duration", "itunes_duration"),
        "number": ("episode", "number", "podcast_episode_number"),
        "season": ("season", "podcast_season"),
        "episode_type": ("episode_type", "episodeType", "podcast_episode_type"),
        "guid": ("guid", "id"),
        "image": ("image", "podcast_image", "episode_image"),
        "explicit": ("explicit",),
        "keywords": ("keywords", "tags", "category", "categories"),
        "persons": ("persons", "people", "guests", "speaker"),
        "transcripts": ("transcript", "transcripts"),
        "chapters": ("chapters", "chapter"),
        "summary": ("description", "summary", "excerpt"),
        "soundbites": ("soundbites", "soundbite"),
        "location": ("location",),
        "license": ("license",),
        "funding": ("funding",),
        "images": ("images",),
        "alternate_enclosures": (
            "alternate_enclosures",
            "alternate_enclosure",
            "alternateEnclosure",
        ),
        "values": ("value",),
        "social_interacts": ("social_interact", "socialInteract"),
        "txts": ("txt",),
        "chat": ("chat",),
        "content_links": ("content_links", "content_link", "contentLink"),
        "live": ("live",),
        "draft": ("draft",),
    }
)
