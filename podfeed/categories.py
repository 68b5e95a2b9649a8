"""Apple Podcasts categories, as data (spec §3.5): 19 top-level categories, 91 subcategories.

Names are compared case-sensitively, exactly as Apple spells them. In ``podcast.toml`` a
subcategory is written ``"Parent/Sub"``. The obsolete (pre-2019) names are kept so an error
can say "obsolete" instead of "unknown" and the validator can warn about them.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "APPLE_CATEGORIES",
    "OBSOLETE_CATEGORIES",
    "is_apple_category",
    "is_obsolete_category",
    "split_category",
]

#: Top-level category → its subcategories, in Apple's order.
APPLE_CATEGORIES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "Arts": (
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ),
        "Business": (
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ),
        "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
        "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
        "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
        "Government": (),
        "History": (),
        "Health & Fitness": (
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ),
        "Kids & Family": (
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ),
        "Leisure": (
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ),
        "Music": ("Music Commentary", "Music History", "Music Interviews"),
        "News": (
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ),
        "Religion & Spirituality": (
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ),
        "Science": (
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ),
        "Society & Culture": (
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ),
        "Sports": (
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ),
        "Technology": (),
        "True Crime": (),
        "TV & Film": (
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ),
    }
)

#: Pre-2019 names Apple no longer accepts: top-level names and "Parent/Sub" pairs.
OBSOLETE_CATEGORIES: frozenset[str] = frozenset(
    {
        "Arts & Entertainment",
        "Audio Blogs",
        "Family",
        "Food",
        "Games & Hobbies",
        "Government & Organizations",
        "Health",
        "International",
        "Movies & Television",
        "News & Politics",
        "Politics",
        "Public Radio",
        "Science & Medicine",
        "Sports & Recreation",
        "Talk Radio",
        "Transportation",
        "Travel",
        "Arts/Literature",
        "Business/Management & Marketing",
        "Business/Shopping",
        "Education/Higher Education",
        "Education/K-12",
        "Education/Language Courses",
        "Education/Training",
        "Education/Education Technology",
        "Health/Self-Help",
        "Health/Fitness & Nutrition",
        "Religion & Spirituality/Other",
        "Society & Culture/History",
        "Technology/Podcasting",
        "Technology/Gadgets",
        "Technology/Software How-To",
        "Technology/Tech News",
    }
)


def split_category(name: str) -> tuple[str, str | None]:
    """``"Parent/Sub"`` → ``("Parent", "Sub")``; ``"Parent"`` → ``("Parent", None)``."""
    parent, slash, sub = name.partition("/")
    return parent, (sub if slash else None)


def is_apple_category(name: str) -> bool:
    """Whether ``name`` (``"Parent"`` or ``"Parent/Sub"``) is a current Apple category."""
    parent, sub = split_category(name)
    subs = APPLE_CATEGORIES.get(parent)
    if subs is None:
        return False
    return sub is None or sub in subs


def is_obsolete_category(name: str) -> bool:
    """Whether ``name`` is one of Apple's retired category names."""
    return name in OBSOLETE_CATEGORIES or split_category(name)[0] in OBSOLETE_CATEGORIES
