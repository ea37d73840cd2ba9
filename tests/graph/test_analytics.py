"""Analytics over the corpus store: ranking, communities, timeline, Gephi export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.graph.analytics import analyse, export_graph, timeline
from kg.resolve.gazetteer import Gazetteer
from kg.store.oxigraph import Store


@pytest.fixture
def store(golden_store: Path) -> Iterator[Store]:
    s = Store(golden_store)
    yield s
    s.close()


def test_ranking_and_communities(store: Store) -> None:
    result = analyse(store, top=10)
    assert len(result.ranking) == 10
    said = [r.statements for r in result.ranking]
    assert said == sorted(said, reverse=True) and said[0] > 5
    nvidia = next(r for r in analyse(store, top=500).ranking if r.id == "nvidia")
    assert nvidia.statements > 0 and nvidia.claims_about > 0 and nvidia.centrality > 0
    assert len(result.communities) >= 2
    members = [set(c) for c in result.communities]
    assert all(a.isdisjoint(b) for i, a in enumerate(members) for b in members[i + 1 :])
    assert all(result.labels[a] for c in members for a in c)


def test_timeline_by_alias_in_date_order(store: Store) -> None:
    label, entries = timeline(store, "Secretary Raimondo", Gazetteer.default())
    assert label == "Gina Raimondo"
    dates = [e.date for e in entries]
    assert dates == sorted(dates) and len(set(dates)) == 2  # the two articles of pair A1
    assert {"predicts", "asserts"} >= {e.stance for e in entries}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_for_gephi_reads_back(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    nodes, edges = export_graph(store, out, fmt)
    g = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    assert g.number_of_nodes() == nodes > 100 and g.number_of_edges() == edges
    kinds = {d.get("type") for _, d in g.nodes(data=True)}
    assert kinds == {"actor", "claim"}


def test_cli_stats_rank_timeline_export(golden_store: Path, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    store = ["--store", str(golden_store)]
    out = runner.invoke(main, ["stats", *store, "--rank", "3", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)) == 3
    out = runner.invoke(main, ["timeline", "Raimondo", *store])
    assert out.exit_code == 0 and out.output.startswith("Gina Raimondo: ")
    out = runner.invoke(main, ["timeline", "Nobody Atall", *store])
    assert out.exit_code == 1 and out.output.startswith("Error: ")
    gexf = tmp_path / "g.gexf"
    out = runner.invoke(main, ["export", *store, "--format", "gexf", "-o", str(gexf)])
    assert out.exit_code == 0 and nx.read_gexf(gexf).number_of_nodes() > 100
    out = runner.invoke(main, ["export", *store, "--format", "graphml"])
    assert out.exit_code == 1 and "--output" in out.output


def test_cli_actors_lists_forms_and_suspects(golden_store: Path) -> None:
    import json

    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    store = ["--store", str(golden_store)]
    out = runner.invoke(main, ["actors", *store, "--format", "json"])
    assert out.exit_code == 0, out.output
    china = next(a for a in json.loads(out.output) if a["id"] == "china")
    assert {"Beijing", "China"} <= {x["form"] for x in china["aliases"]}
    out = runner.invoke(main, ["actors", *store, "--suspect", "--format", "tsv"])
    assert out.exit_code == 0 and out.output.startswith("a\tb\treason\tscore\tevidence\n")
