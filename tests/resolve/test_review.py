"""The review loop on a real store: list, suspects, merge (respected by re-ingest), split."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ActorError
from kg.pipeline import ingest
from kg.resolve.decisions import Decisions, Merge
from kg.resolve.review import list_actors, merge, split, suspects
from kg.settings import Settings
from kg.store.oxigraph import Store, open_store

A = "Trade envoy Halvard Brennick said that the tariff talks had stalled.\n"
B = "Brennick said that the tariff talks would resume in spring.\n"
C = "Brennick said that exporters should prepare for new paperwork.\n"


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def brennicks(store: Store) -> set[str]:
    return {a.id for a in list_actors(store) if "brennick" in a.id}


@pytest.mark.model
def test_merge_is_recorded_applied_and_respected_by_reingest(tmp_path: Path) -> None:
    path = tmp_path / "store"
    settings = Settings(store=path)
    a, b = write(tmp_path, "a.txt", A), write(tmp_path, "b.txt", B)
    ingest([a, b], settings)
    store = Store(path)
    try:
        assert brennicks(store) == {"person/halvard-brennick", "person/brennick"}
        pairs = {(s.a.id, s.b.id, s.reason) for s in suspects(store, settings.decisions())}
        assert any({"person/halvard-brennick", "person/brennick"} == {x, y} for x, y, _ in pairs)
        report = merge(store, "Halvard Brennick", "person/brennick", settings)
        assert report.graphs == 1 and report.decisions == (str(settings.store_decisions),)
        assert brennicks(store) == {"person/halvard-brennick"}
        merged = next(a for a in list_actors(store) if a.id == "person/halvard-brennick")
        assert "analyst decision" in {x.method for x in merged.aliases}
        assert merged.statements == 2
    finally:
        store.close()
    ingest([a, b], settings, force=True)  # re-extraction applies the recorded decision
    ingest([write(tmp_path, "c.txt", C)], settings)  # and so does a new article
    store = Store(path)
    try:
        assert brennicks(store) == {"person/halvard-brennick"}
        assert settings.decisions().target("person/brennick") is not None
        r = split(store, "person/halvard-brennick", "person/brennick", settings)
        assert set(r.reingest) == {str(b), str(tmp_path / "c.txt")}
    finally:
        store.close()
    after = settings.decisions()
    assert after.target("person/brennick") is None
    assert after.kept_apart("person/brennick", "person/halvard-brennick")
    ingest([b], settings, force=True)
    store = Store(path)
    try:
        assert "person/brennick" in brennicks(store)
        assert not any(
            {s.a.id, s.b.id} == {"person/brennick", "person/halvard-brennick"}
            for s in suspects(store, after)
        )
    finally:
        store.close()


@pytest.mark.model
def test_a_decisions_file_is_kept_in_step_and_later_ingests_apply_it(tmp_path: Path) -> None:
    """`kg merge --decisions X` then a plain `kg ingest`: the merge still applies (it was
    recorded with the store too), and X holds it for version control."""
    path, tracked = tmp_path / "store", tmp_path / "tracked.toml"
    a, b = write(tmp_path, "a.txt", A), write(tmp_path, "b.txt", B)
    ingest([a, b], Settings(store=path))
    with open_store(path) as store:
        merge(
            store,
            "Halvard Brennick",
            "person/brennick",
            Settings(store=path, decisions_file=tracked),
        )
    assert Decisions.load(tracked).target("person/brennick") is not None
    ingest([write(tmp_path, "c.txt", C)], Settings(store=path))  # no --decisions
    with open_store(path) as store:
        assert brennicks(store) == {"person/halvard-brennick"}


@pytest.mark.model
def test_ingest_with_a_decisions_file_records_it_with_the_store(tmp_path: Path) -> None:
    tracked = tmp_path / "tracked.toml"
    Decisions(
        merges=(Merge("person/brennick", "person/halvard-brennick", "Halvard Brennick", "person"),)
    ).save(tracked)
    path = tmp_path / "store"
    ingest([write(tmp_path, "b.txt", B)], Settings(store=path, decisions_file=tracked))
    ingest([write(tmp_path, "c.txt", C)], Settings(store=path))  # later, without the file
    with open_store(path) as store:
        assert brennicks(store) == {"person/halvard-brennick"}
    assert Settings(store=path).decisions().target("person/brennick") is not None


def test_unknown_actor_is_a_clear_error(golden_store: Path, tmp_path: Path) -> None:
    from kg.resolve.review import ActorError

    settings = Settings(store=tmp_path / "elsewhere", decisions_file=tmp_path / "d.toml")
    store = Store(golden_store)
    try:
        with pytest.raises(ActorError, match="no actor"):
            merge(store, "Nvidia", "Nobody Atall", settings)
        with pytest.raises(ActorError, match="no actor"):  # a typo is not recorded as a decision
            split(store, "Nvidia", "Nobody Atall", settings)
        assert not (tmp_path / "d.toml").exists() and not settings.store_decisions.exists()
    finally:
        store.close()


def test_corpus_actors_appear_once_whatever_the_surface_form(golden_store: Path) -> None:
    store = Store(golden_store)
    try:
        actors = list_actors(store)
    finally:
        store.close()
    by_id = {a.id: a for a in actors}
    forms = {x.form for x in by_id["gina-raimondo"].aliases}
    assert {"Commerce Secretary Gina Raimondo", "Raimondo"} <= forms
    assert {"China", "Beijing", "the Chinese government"} <= {
        x.form for x in by_id["china"].aliases
    }
    assert {"Nvidia", "Nvidia Corp."} <= {x.form for x in by_id["nvidia"].aliases}
    assert {"MOFCOM", "Ministry of Commerce"} <= {x.form for x in by_id["mofcom"].aliases}
    # one node per surface form: no form is resolved to two actors of the same kind (unnamed
    # sources aside: "the person" of one article is another person than in the next)
    owner: dict[tuple[str, str], str] = {}
    for a in actors:
        if a.kind == "anonymous" and "/" in a.id:
            continue
        for x in a.aliases:
            key = (x.form, a.kind)
            assert owner.setdefault(key, a.id) == a.id, (x.form, owner[key], a.id)
    assert "person/farouk" not in by_id and "organization/ministry-of-commerce" not in by_id


@pytest.mark.model
def test_suspects_leave_pronouns_and_unnamed_sources_apart(tmp_path: Path) -> None:
    texts = {
        "p.txt": "They said that the licence queue would grow. Mara Oduya said it would not.\n",
        "q.txt": "They said that the fabs would open late. Estimates suggest the fabs cost more.\n",
    }
    ingest(
        [write(tmp_path, name, text) for name, text in texts.items()],
        Settings(store=tmp_path / "store"),
    )
    store = Store(tmp_path / "store")
    try:
        actors = list_actors(store, include_anonymous=True)
        # a pronoun is a mention of someone, never an actor (issue 18), so no "they" to merge
        assert [a for a in actors if a.label.lower() == "they"] == []
        found = {(s.a.label.lower(), s.b.label.lower()) for s in suspects(store, Decisions())}
        assert ("they", "they") not in found
        estimates = [a for a in actors if a.label == "Estimates"]
        assert [a.kind for a in estimates] == ["anonymous"]
    finally:
        store.close()


def test_find_gives_the_listed_summary_without_listing_every_actor(corpus_store: Path) -> None:
    """find() looks an id (or the gazetteer's answer) up with list_actors(only=...): the same
    summary as in the full list; labels and surface forms still go through the full list."""
    from kg.resolve.gazetteer import Gazetteer
    from kg.resolve.review import find

    with open_store(corpus_store, read_only=True) as store:
        everyone = {a.id: a for a in list_actors(store, include_anonymous=True)}
        for ident in ("china", "nvidia", "gina-raimondo", next(i for i in everyone if "/" in i)):
            assert list_actors(store, only=ident) == [everyone[ident]]
            assert find(store, ident, Gazetteer.default()) == everyone[ident]
        assert list_actors(store, only="no-such-actor") == []
        assert find(store, "Secretary Raimondo", Gazetteer.default()) == everyone["gina-raimondo"]
        assert find(store, "beijing", Gazetteer.default()) == everyone["china"]
        for bad in ("a b", "a<b>", ""):
            with pytest.raises(ActorError, match="no actor"):
                find(store, bad, Gazetteer.default())
