"""Analyst gold: reading the format, scoring by hand-built extractions, the CLI, agreement with
the reference scorer, and floors on the corpus gold and the dev set."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.evaluate.analyst import evaluate_analyst, extract_gold, score, stance_right
from kg.evaluate.analyst_gold import AnalystGold, GoldClaim, read_gold
from kg.evaluate.analyst_report import AnalystReport, format_report
from kg.model import Actor, Article, Claim, Evidence, Extraction, Mention, Span
from kg.settings import Settings
from tests.helpers import paths
from tests.helpers.paths import CORPUS, need_shared

CORPUS_GOLD = CORPUS / "gold"

# Written for these tests; the gold below indexes this text.
TEXT = (
    "The ministry said that the new rules would not hurt trade. "
    "Officials announced a review of the licences. "
    "Maria Lopez argued that exports will fall next year. "
    "He added that the figures showed a drop of 12 percent.\n"
)
GOLD = {
    "file": "note.md",
    "claims": [
        {
            "text": "the new rules would not hurt trade",
            "speaker": "Ministry of Trade",
            "speaker_aliases": ["The ministry"],
            "kind": "reported",
            "stance": "asserts",
            "optional": False,
        },
        {
            "text": "exports will fall next year",
            "speaker": "Maria Lopez",
            "speaker_aliases": ["Maria Lopez"],
            "kind": "reported",
            "stance": "predicts",
            "optional": False,
        },
        {
            "text": "the figures showed a drop of 12 percent",
            "speaker": "Maria Lopez",
            "speaker_aliases": [],
            "kind": "reported",
            "stance": "asserts",
            "optional": True,
        },
    ],
    "not_claims": ["Officials announced a review of the licences"],
    "actors": [
        {"name": "Ministry of Trade", "kind": "government body", "aliases": ["The ministry"]},
        {"name": "Maria Lopez", "kind": "person", "aliases": ["Maria Lopez"]},
    ],
    "not_actors": ["Officials"],
    "evidence": [
        {
            "text": "a drop of 12 percent",
            "kind": "statistic",
            "supports": "exports will fall next year",
        }
    ],
}


def _span(part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return Span(start, start + len(part), part)


def _mention(actor: str, part: str) -> Mention:
    s = _span(part)
    return Mention(actor, s.start, s.end, part)


def _claim(
    cid: str,
    part: str,
    speaker: str | None,
    claimer: str | None,
    stance: str = "asserts",
    proposition: str | None = None,
    evidence: tuple[str, ...] = (),
) -> Claim:
    span = _span(part)
    return Claim(
        id=cid,
        span=span,
        proposition=proposition or part,
        attribution="reported",
        speaker=speaker,
        claimer=_mention(speaker, claimer) if speaker and claimer else None,
        cue=None,
        sentence=span,
        stance=stance,
        evidence=evidence,
    )


def _extraction() -> Extraction:
    """What a run might predict on TEXT: right and wrong items of every kind."""
    article = Article(key="note", text=TEXT, sha256="0" * 64, source="note.md")
    actors = (
        Actor("min", "Ministry of Trade", "government_body"),
        Actor("lopez", "Maria Lopez", "person"),
        Actor("off", "Officials", "anonymous"),  # a not_actor
        Actor("he", "He", "person"),  # a pronoun
        Actor("lopez2", "Lopez", "person"),  # right by its mention, and splits Maria Lopez
    )
    mentions = (
        _mention("min", "The ministry"),
        _mention("lopez", "Maria Lopez"),
        _mention("off", "Officials"),
        _mention("he", "He"),
        _mention("lopez2", "Maria Lopez"),
    )
    claims = (
        # matched, speaker right, `denies` of the de-negated proposition reads right
        _claim(
            "c1",
            "the new rules would not hurt trade",
            "min",
            "The ministry",
            stance="denies",
            proposition="the new rules would hurt trade",
            evidence=("e2",),
        ),
        # matched, speaker right, stance wrong (gold predicts)
        _claim("c2", "exports will fall next year", "lopez", "Maria Lopez", evidence=("e1",)),
        _claim("c3", "a review of the licences", "off", "Officials"),  # on a not_claim
        _claim("c4", "the figures showed a drop of 12 percent", "he", "He"),  # optional gold
        _claim("c5", "Maria Lopez argued", None, None),  # matches nothing
    )
    evidence = (
        Evidence("e1", "statistic", _span("a drop of 12 percent")),
        Evidence("e2", "example", _span("12 percent")),  # loses the gold item to e1
    )
    return Extraction(article, actors, mentions, claims, evidence)


def _write_gold(root: Path, *, text_above: bool = False) -> Path:
    gold_dir = root / "gold" if text_above else root
    gold_dir.mkdir(parents=True, exist_ok=True)
    (root / "note.md").write_text(TEXT, encoding="utf-8")
    (gold_dir / "note.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return gold_dir


def test_scores_every_measure_on_a_written_example(tmp_path: Path) -> None:
    gold = read_gold(_write_gold(tmp_path))
    report = score(gold, {"note.md": _extraction()})
    d = report.as_dict()
    assert (d["predicted_claims"], d["predicted_on_optional"]) == (5, 1)
    assert d["claim"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "true_positives": 2,
        "predicted": 4,
        "gold": 2,
    }
    assert d["end_to_end"]["true_positives"] == 2 and d["speaker_accuracy"] == 1.0
    assert (d["stance_right"], d["reversed_readings"]) == (1, 0)
    assert d["not_claims_hit"] == 1
    assert d["actors"] == {
        "precision": 0.6,
        "right": 3,
        "predicted": 5,
        "kind_accuracy": 1.0,
        "kind_right": 3,
        "split": 1,
        "gold_found": 2,
        "gold": 2,
    }
    assert (d["evidence"]["true_positives"], d["evidence"]["predicted"]) == (1, 2)
    assert d["evidence"]["span_only"] == 1
    assert d["evidence_links"] == {
        "precision": 0.5,
        "recall": 1.0,
        "right": 1,
        "predicted": 2,
        "reached": 1,
        "supported_gold": 1,
    }
    assert d["pairs"]["scored"] is False
    whats = {(f.what, f.text) for f in report.findings}
    assert ("NOT-CLAIM", "a review of the licences") in whats
    assert ("FALSE-POS", "Maria Lopez argued") in whats
    assert ("STANCE", "exports will fall next year") in whats
    assert ("ACTOR-WRONG", "Officials") in whats and ("ACTOR-WRONG", "He") in whats
    assert ("ACTOR-SPLIT", "Maria Lopez") in whats
    text = format_report(report, details=True)
    assert "end-to-end claim+speaker  P 0.500  R 1.000  F1 0.667" in text
    assert "not scored: 0 pairs" in text and "NOT-CLAIM" in text


def test_speaker_needs_a_name_not_a_pronoun(tmp_path: Path) -> None:
    gold = read_gold(_write_gold(tmp_path))
    x = _extraction()
    # the same claim credited to an actor called "He": no speaker
    wrong = replace(x.claims[1], speaker="he", claimer=None)
    x2 = Extraction(x.article, x.actors, x.mentions, (x.claims[0], wrong), x.evidence)
    report = score(gold, {"note.md": x2})
    assert (report.matched, report.speaker_right) == (2, 1)


def test_a_missing_extraction_misses_everything(tmp_path: Path) -> None:
    report = score(read_gold(_write_gold(tmp_path)), {})
    assert (report.missing, report.gold_claims, report.predicted) == (1, 2, 0)
    assert report.claims.recall == 0.0 and report.actors_gold == 2


@pytest.mark.parametrize(
    ("gold_text", "gold_stance", "said", "proposition", "expected"),
    [
        ("it would not hurt trade", "asserts", "asserts", None, (True, False)),
        ("it would not hurt trade", "asserts", "denies", "it would hurt trade", (True, False)),
        ("it would not hurt trade", "asserts", "denies", "it would not hurt trade", (False, True)),
        ("it would hurt trade", "denies", "asserts", "it would not hurt trade", (True, False)),
        ("it would hurt trade", "predicts", "asserts", None, (False, False)),
    ],
)
def test_stance_reads_with_the_text(
    gold_text: str,
    gold_stance: str,
    said: str,
    proposition: str | None,
    expected: tuple[bool, bool],
) -> None:
    gold = GoldClaim(gold_text, (0, len(gold_text)), "X", (), "reported", gold_stance)
    span = Span(0, len(gold_text), gold_text)
    claim = Claim("c", span, proposition or gold_text, "reported", None, None, None, span, said)
    assert stance_right(claim, gold) == expected


def test_text_may_sit_in_the_folder_above(tmp_path: Path) -> None:
    gold = read_gold(_write_gold(tmp_path, text_above=True))
    assert [d.name for d in gold.documents] == ["note.md"]
    assert gold.documents[0].path == tmp_path / "note.md"
    assert gold.documents[0].claims[0].span == (
        TEXT.index("the new rules"),
        TEXT.index("the new rules") + len("the new rules would not hurt trade"),
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"claims": [{**GOLD["claims"][0], "text": "not in the note"}]}, "claim text is not in"),
        ({"claims": [{**GOLD["claims"][0], "stance": "claims"}]}, "stance 'claims'"),
        ({"actors": [{"name": "X", "kind": "city", "aliases": []}]}, "actor kind 'city'"),
        ({"evidence": [{"text": "12 percent", "kind": "figure", "supports": None}]}, "figure"),
        ({"claims": [{"text": "exports will fall next year"}]}, "missing 'speaker'"),
        ({"file": "other.md"}, "no article other.md"),
    ],
)
def test_malformed_gold_is_a_clear_error(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    root = _write_gold(tmp_path)
    (root / "note.gold.json").write_text(json.dumps(GOLD | change), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        read_gold(root)


def test_a_folder_without_gold_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \*\.gold\.json files"):
        read_gold(tmp_path)
    with pytest.raises(InputError, match="not a folder"):
        read_gold(tmp_path / "nowhere")


def test_kg_eval_rejects_store_without_gold_analyst(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "--gold", str(tmp_path), "--store", str(tmp_path)])
    assert result.exit_code == 2 and "--store and --details go with --gold-analyst" in result.output


@pytest.mark.model
def test_kg_eval_gold_analyst_command(tmp_path: Path) -> None:
    root = _write_gold(tmp_path, text_above=True)
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "--gold-analyst", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["articles"] == 1 and d["gold_claims"] == 2 and "findings" not in d
    details = runner.invoke(
        main, ["eval", "--gold-analyst", str(root), "--format", "json", "--details"]
    )
    assert isinstance(json.loads(details.output)["findings"], list)
    text = runner.invoke(main, ["eval", "--gold-analyst", str(root)])
    assert "end-to-end claim+speaker" in text.output and "not_claims hit" in text.output
    bad = runner.invoke(main, ["eval", "--gold-analyst", str(tmp_path / "nowhere")])
    assert bad.exit_code == 1 and bad.output.startswith("Error:")


# --- the reference scorer gives the same figures -------------------------------------------------

FIGURES = {
    # name: (regex over score_analyst.py's output, groups -> report values)
    "claims": (r"claims P ([\d.]+) R ([\d.]+) F1 ([\d.]+) \((\d+) matched of (\d+) scored"),
    "speaker": (r"speaker accuracy on matched claims ([\d.]+) \((\d+)/(\d+)\)"),
    "e2e": (r"end-to-end \(claim \+ speaker\) P ([\d.]+) R ([\d.]+) F1 ([\d.]+) \((\d+) right\)"),
    "stance": (r"stance accuracy on matched claims ([\d.]+) \((\d+)/\d+; (\d+) reversed"),
    "not_claims": (r"not_claims hit (\d+)"),
    "actors": (
        r"actors P ([\d.]+) \((\d+)/(\d+) predicted actors right\); kind accuracy ([\d.]+) "
        r"\((\d+)/\d+\); split gold actors (\d+); gold actors found (\d+)/(\d+)"
    ),
    "evidence": (r"evidence with kind P ([\d.]+) R ([\d.]+) F1 ([\d.]+) \((\d+) right of (\d+)"),
    "links": (r"evidence links P ([\d.]+) \((\d+)/(\d+)\) R ([\d.]+) \((\d+)/(\d+)\)"),
    "pairs": (r"pairs same_claim (\d+)/(\d+), contradicts (\d+)/(\d+)"),
}


def _ours(r: AnalystReport) -> dict[str, tuple[float, ...]]:
    c, e, ev = r.claims, r.end_to_end, r.evidence
    return {
        "claims": (c.precision, c.recall, c.f1, c.true_positives, c.predicted),
        "speaker": (r.speaker_accuracy, r.speaker_right, r.matched),
        "e2e": (e.precision, e.recall, e.f1, e.true_positives),
        "stance": (r.stance_accuracy, r.stance_right, r.reversed),
        "not_claims": (r.not_claim_hits,),
        "actors": (
            r.actor_precision,
            r.actors_right,
            r.actors_predicted,
            r.kind_accuracy,
            r.kinds_right,
            r.splits,
            r.actors_found,
            r.actors_gold,
        ),
        "evidence": (ev.precision, ev.recall, ev.f1, ev.true_positives, ev.predicted),
        "links": (
            r.link_precision,
            r.links_right,
            r.links,
            r.link_recall,
            r.links_reached,
            r.evidence_supported,
        ),
        "pairs": (
            r.pairs_found["same_claim"],
            r.pairs_total["same_claim"],
            r.pairs_found["contradicts"],
            r.pairs_total["contradicts"],
        ),
    }


def _reference(gold_dir: Path, extractions: dict[str, Extraction], store: Path, tmp: Path) -> str:
    """Run score_analyst.py on `kg extract` JSON Lines written from the same extractions."""
    from kg.jsonout import extraction_to_dict

    script = need_shared(paths.SHARED.parent / "tools" / "score_analyst.py")
    pred = tmp / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps(extraction_to_dict(x)) + "\n" for x in extractions.values()),
        encoding="utf-8",
    )
    env = dict(os.environ)  # the script shells out to `kg query`: this environment's kg
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    run = subprocess.run(
        [sys.executable, str(script), str(gold_dir), str(pred), "--store", str(store)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return run.stdout


def _assert_agree(reference: str, report: AnalystReport) -> None:
    ours = _ours(report)
    for name, pattern in FIGURES.items():
        m = re.search(pattern, reference)
        assert m, f"{name}: not in the reference output:\n{reference}"
        theirs = tuple(float(g) for g in m.groups())
        assert len(theirs) == len(ours[name]), name
        for mine, ref in zip(ours[name], theirs, strict=True):
            assert abs(mine - ref) <= 0.005, f"{name}: kg {ours[name]} vs reference {theirs}"


def _corpus_beside_gold(tmp: Path) -> Path:
    """The reference scorer wants NAME.md beside NAME.gold.json: a copy of the corpus so laid out."""
    out = tmp / "corpus-gold"
    out.mkdir()
    for f in CORPUS_GOLD.iterdir():
        shutil.copy(f, out / f.name)
        if f.name.endswith(".gold.json"):
            name = f.name[: -len(".gold.json")] + ".md"
            shutil.copy(CORPUS / name, out / name)
    return out


@pytest.fixture(scope="module")
def corpus_gold() -> AnalystGold:
    return read_gold(CORPUS_GOLD)


@pytest.fixture(scope="module")
def corpus_extractions(corpus_gold: AnalystGold, corpus_store: Path) -> dict[str, Extraction]:
    return extract_gold(corpus_gold, Settings(store=corpus_store))


@pytest.fixture(scope="module")
def dev_gold() -> AnalystGold:
    return read_gold(need_shared(paths.SHARED / "analyst-gold" / "dev"))


@pytest.fixture(scope="module")
def dev_extractions(dev_gold: AnalystGold, dev_store: Path) -> dict[str, Extraction]:
    return extract_gold(dev_gold, Settings(store=dev_store))


@pytest.fixture(scope="module")
def dev_store(dev_gold: AnalystGold, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import ingest

    path = tmp_path_factory.mktemp("analyst-dev") / "store"
    report = ingest([dev_gold.root], Settings(store=path))
    assert report.ok, report.failed
    return path


def _score_with_store(gold: AnalystGold, xs: dict[str, Extraction], store: Path) -> AnalystReport:
    from kg.store.oxigraph import open_store

    with open_store(store, create=False) as s:
        return score(gold, xs, s)


@pytest.mark.shared_data
@pytest.mark.model
def test_agrees_with_the_reference_scorer_on_the_dev_set(
    dev_gold: AnalystGold, dev_extractions: dict[str, Extraction], dev_store: Path, tmp_path: Path
) -> None:
    report = _score_with_store(dev_gold, dev_extractions, dev_store)
    # issue 15: the pairs kg finds with its own claims (were 0/9 and 0/5): a chip sale judged
    # alike in two releases, technology said to fuel one adversary's military in two hearings
    # (frames), a rule praised by one and faulted twice by another (evaluations)
    assert report.pairs_found["same_claim"] >= 2 and report.pairs_found["contradicts"] >= 2
    _assert_agree(_reference(dev_gold.root, dev_extractions, dev_store, tmp_path), report)


@pytest.mark.shared_data
@pytest.mark.model
def test_agrees_with_the_reference_scorer_on_the_corpus(
    corpus_gold: AnalystGold,
    corpus_extractions: dict[str, Extraction],
    corpus_store: Path,
    tmp_path: Path,
) -> None:
    report = _score_with_store(corpus_gold, corpus_extractions, corpus_store)
    assert report.pairs_found["contradicts"] > 0  # so that the pairs comparison means something
    reference = _reference(
        _corpus_beside_gold(tmp_path), corpus_extractions, corpus_store, tmp_path
    )
    _assert_agree(reference, report)


# --- floors --------------------------------------------------------------------------------------


@pytest.mark.model
def test_corpus_gold_figures_do_not_slide_back(
    corpus_gold: AnalystGold, corpus_extractions: dict[str, Extraction], corpus_store: Path
) -> None:
    r = _score_with_store(corpus_gold, corpus_extractions, corpus_store)
    assert (r.articles, r.gold_claims, r.optional_claims) == (18, 311, 58)
    # floors a little under the figures reached (README, `kg eval --gold-analyst`): e2e F1 0.935,
    # claim P 0.938 R 0.977, speaker 0.977, stance 0.984 (0 reversed; 0.911 before the stance
    # followed the modality of the content's own predicate), not_claims hit 9 (13 before
    # indirect questions and open questions stopped being claims),
    # actors P 0.989, kind 0.982, split 8 (issue 18), pairs 7/7 and 5/5;
    # evidence (issue 19; were F1 0.108, link P 0.017): see the evidence floors
    assert r.end_to_end.f1 >= 0.92
    assert r.claims.precision >= 0.925 and r.claims.recall >= 0.96
    assert r.speaker_accuracy >= 0.96
    assert r.stance_accuracy >= 0.97 and r.reversed == 0
    assert r.not_claim_hits <= 10
    assert r.actor_precision >= 0.97 and r.kind_accuracy >= 0.95 and r.splits <= 9
    # evidence (issue 19): F1 0.667 (P 0.667 R 0.667), link P 0.900 (9/10; issue 15)
    assert r.evidence.f1 >= 0.64 and r.evidence.precision >= 0.64
    assert r.link_precision >= 0.85
    assert r.pairs_found["same_claim"] == 7 and r.pairs_found["contradicts"] == 5


@pytest.mark.shared_data
@pytest.mark.model
def test_dev_set_figures_do_not_slide_back(
    dev_gold: AnalystGold, dev_extractions: dict[str, Extraction]
) -> None:
    r = score(dev_gold, dev_extractions)
    assert (r.articles, r.gold_claims, r.optional_claims) == (18, 118, 28)
    # floors a little under the figures reached (issue 14: baseline e2e F1 0.260): e2e F1 0.909,
    # claim P 0.947 R 0.907, speaker 0.981, stance 0.991 (0 reversed), not_claims hit 3,
    # actors (issue 18) P 0.982, kind 0.988, split 0;
    # evidence (issue 19; were F1 0.094, link P 0.032): see the evidence floors
    assert r.end_to_end.f1 >= 0.895
    assert r.claims.precision >= 0.93 and r.claims.recall >= 0.89
    assert r.speaker_accuracy >= 0.96
    assert r.stance_accuracy >= 0.96 and r.reversed == 0
    assert r.not_claim_hits <= 4
    assert r.actor_precision >= 0.96 and r.kind_accuracy >= 0.95 and r.splits <= 1
    # evidence (issue 19): F1 0.667 (P 0.750 R 0.600), link P 1.000 (9/9), R 0.474 (9/19):
    # 0.778 (7/9) after statements and speeches came to speak in their issuer's voice, until
    # evidence offered for evidence joined its claim and a quoted unit stopped backing a claim
    # of its own quotation
    assert r.evidence.f1 >= 0.64 and r.evidence.precision >= 0.70
    assert r.link_precision >= 0.85 and r.links_right >= 9


@pytest.mark.model
def test_evaluate_analyst_runs_end_to_end_with_a_store(corpus_store: Path) -> None:
    report = evaluate_analyst(CORPUS_GOLD, Settings(store=corpus_store), pairs=True)
    assert report.pairs_scored and report.pairs_total == {"same_claim": 7, "contradicts": 5}
    assert report.contradiction_rows > 0
