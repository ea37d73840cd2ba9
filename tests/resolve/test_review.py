"""The review loop on a real store: list, suspects, merge (respected by re-ingest), split."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import ingest
from kg.resolve.decisions import Decisions
from kg.resolve.review import list_actors, merge, split, suspects
from kg.store.oxigraph import Store

pytestmark = pytest.mark.model

A = "Trade envoy Halvard Brennick said that the tariff talks had stalled.\n"
B = "Brennick said that the tariff talks would resume in spring.\n"
C = "Brennick said that exporters should prepare for new paperwork.\n"


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def brennicks(store: Store) -> set[str]:
    return {a.id for a in list_actors(store) if "brennick" in a.id}


def test_merge_is_recorded_applied_and_respected_by_reingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decisions = tmp_path / "decisions.toml"
    monkeypatch.setenv("KG_DECISIONS", str(decisions))
    path = tmp_path / "store"
    a, b = write(tmp_path, "a.txt", A), write(tmp_path, "b.txt", B)
    ingest([a, b], path)
    store = Store(path)
    try:
        assert brennicks(store) == {"person/halvard-brennick", "person/brennick"}
        pairs = {(s.a.id, s.b.id, s.reason) for s in suspects(store)}
        assert any({"person/halvard-brennick", "person/brennick"} == {x, y} for x, y, _ in pairs)
        report = merge(store, "Halvard Brennick", "person/brennick", Decisions.load())
        assert report.graphs == 1 and decisions.exists()
        assert brennicks(store) == {"person/halvard-brennick"}
        merged = next(a for a in list_actors(store) if a.id == "person/halvard-brennick")
        assert "analyst decision" in {x.method for x in merged.aliases}
        assert merged.statements == 2
    finally:
        store.close()
    ingest([a, b], path, force=True)  # re-extraction applies the recorded decision
    ingest([write(tmp_path, "c.txt", C)], path)  # and so does a new article
    store = Store(path)
    try:
        assert brennicks(store) == {"person/halvard-brennick"}
        assert Decisions.load().target("person/brennick") is not None
        r = split(store, "person/halvard-brennick", "person/brennick", Decisions.load())
        assert set(r.reingest) == {str(b), str(tmp_path / "c.txt")}
    finally:
        store.close()
    after = Decisions.load()
    assert after.target("person/brennick") is None
    assert after.kept_apart("person/brennick", "person/halvard-brennick")
    ingest([b], path, force=True)
    store = Store(path)
    try:
        assert "person/brennick" in brennicks(store)
        assert not any(
            {s.a.id, s.b.id} == {"person/brennick", "person/halvard-brennick"}
            for s in suspects(store, after)
        )
    finally:
        store.close()


def test_unknown_actor_is_a_clear_error(corpus_store: Path, tmp_path: Path) -> None:
    from kg.resolve.review import ActorError

    store = Store(corpus_store)
    try:
        with pytest.raises(ActorError, match="no actor"):
            merge(store, "Nvidia", "Nobody Atall", Decisions(path=str(tmp_path / "d.toml")))
        with pytest.raises(ActorError, match="no actor"):  # a typo is not recorded as a decision
            split(store, "Nvidia", "Nobody Atall", Decisions(path=str(tmp_path / "d.toml")))
        assert not (tmp_path / "d.toml").exists()
    finally:
        store.close()


def test_corpus_actors_appear_once_whatever_the_surface_form(corpus_store: Path) -> None:
    store = Store(corpus_store)
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
    # one node per surface form: no form is resolved to two actors of the same kind
    owner: dict[tuple[str, str], str] = {}
    for a in actors:
        for x in a.aliases:
            key = (x.form, a.kind)
            assert owner.setdefault(key, a.id) == a.id, (x.form, owner[key], a.id)
    assert "person/farouk" not in by_id and "organization/ministry-of-commerce" not in by_id


def test_suspects_leave_pronouns_and_unnamed_sources_apart(tmp_path: Path) -> None:
    texts = {
        "p.txt": "They said that the licence queue would grow. Mara Oduya said it would not.\n",
        "q.txt": "They said that the fabs would open late. Estimates suggest the fabs cost more.\n",
    }
    ingest([write(tmp_path, name, text) for name, text in texts.items()], tmp_path / "store")
    store = Store(tmp_path / "store")
    try:
        actors = list_actors(store, include_anonymous=True)
        theys = [a for a in actors if a.label.lower() == "they"]
        assert len(theys) == 2  # one per article: "they" is not an actor across articles
        found = {(s.a.label.lower(), s.b.label.lower()) for s in suspects(store)}
        assert ("they", "they") not in found
        estimates = [a for a in actors if a.label == "Estimates"]
        assert [a.kind for a in estimates] == ["anonymous"]
    finally:
        store.close()
