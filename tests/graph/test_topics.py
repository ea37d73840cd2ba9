"""Topics by their words."""

from __future__ import annotations

from kg.graph.topics import topics_of


def test_topics_of() -> None:
    assert topics_of("New export controls on chips.") == [
        "export controls",
        "chips and semiconductors",
    ]
    assert topics_of("Nothing here.", "A summit on AI safety") == [
        "AI safety",
        "regulation and governance",
    ]
    assert topics_of("The fabulous banner.") == []  # words, not parts of words
