"""Near-duplicate and negated claims through the MinHash-LSH index (no store, no spaCy)."""

from __future__ import annotations

from kg.links.similarity import ClaimIndex, ClaimText, compare, find_links, prepare

CLAIMS = {
    "p": "us sanctions have held back the ascend chip production",
    "q": "us sanctions have not held back the ascend chip production",
    "r": "the updated controls would close loopholes that allowed advanced chips to reach china",
    "s": "the updated export controls will close loopholes that allowed advanced chips to reach china",
    "t": "the controls",
    "u": "cloud rental prices for accelerators fell sharply in the second quarter",
}


def index() -> ClaimIndex:
    idx = ClaimIndex()
    for iri, text in CLAIMS.items():
        idx.add(ClaimText(iri, text))
    return idx


def test_links_same_and_contradicting_claims_only() -> None:
    found = {(link.a, link.b, link.kind) for link in find_links(index())}
    assert found == {("p", "q", "contradicts"), ("r", "s", "same")}


def test_candidates_come_from_buckets_not_all_pairs() -> None:
    idx = index()
    assert idx.candidates("u") == set()
    assert "s" in idx.candidates("r")


def test_touched_claims_only() -> None:
    found = find_links(index(), touched=["r"])
    assert {(link.a, link.b) for link in found} == {("r", "s")}


def test_different_subjects_are_not_linked() -> None:
    idx = ClaimIndex()
    idx.add(ClaimText("a", CLAIMS["r"], frozenset({"x"})))
    idx.add(ClaimText("b", CLAIMS["s"], frozenset({"y"})))
    assert find_links(idx) == set()


def test_negation_is_detected() -> None:
    assert prepare(ClaimText("q", CLAIMS["q"])).negated
    assert not prepare(ClaimText("p", CLAIMS["p"])).negated
    assert prepare(ClaimText("n", "they didn't comply")).negated


def test_batch_signatures_equal_single_ones() -> None:
    from kg.links.similarity import signature, signatures

    sets = [prepare(ClaimText(k, v)).tokens for k, v in CLAIMS.items()] + [frozenset()]
    batch = signatures(sets, chunk=3)
    for row, tokens in zip(batch, sets, strict=True):
        assert (row == signature(tokens)).all()


# --- frames (issue 15) ----------------------------------------------------------------------

CUT = "rule||cut|cut|0|shipment||{pol}|actual|{neg}"


def framed(iri: str, text: str, key: str | None, about: frozenset[str] = frozenset()) -> ClaimText:
    return ClaimText(iri, text, about, frozenset([key] if key else []))


def test_a_negation_only_the_frame_shows_is_a_contradiction() -> None:
    x = framed("a", "the export rules have cut shipments", CUT.format(pol="positive", neg=""))
    y = framed(
        "b",
        "the export rules have failed to cut shipments",
        CUT.format(pol="negative", neg="failed to"),
    )
    link = compare(prepare(x), prepare(y))
    assert link is not None and link.kind == "contradicts" and link.reason == "words+frame"
    assert "failed to" in link.explanation
    # without frames, the same words read as the same claim: frames decide
    plain = compare(prepare(framed("a", x.text, None)), prepare(framed("b", y.text, None)))
    assert plain is not None and plain.kind == "same" and plain.reason == "words"


def test_frames_link_claims_worded_differently() -> None:
    x = framed(
        "a",
        "the licence regime has cut chip shipments to china",
        CUT.format(pol="positive", neg=""),
    )
    y = framed(
        "b",
        "beijing says the rules failed to cut chip shipments",
        CUT.format(pol="negative", neg="failed to"),
    )
    link = compare(prepare(x), prepare(y))
    assert link is not None and (link.kind, link.reason) == ("contradicts", "frame")
    assert compare(prepare(y), prepare(x)) == link  # the same link whichever side asks
    # other numbers: other claims, however alike their frames
    n1 = framed("c", "the rules cut shipments by 30 percent", CUT.format(pol="positive", neg=""))
    n2 = framed("d", "the rules cut shipments by 10 percent", CUT.format(pol="positive", neg=""))
    assert compare(prepare(n1), prepare(n2)) is None
    # claims about different actors are never linked
    u = framed("e", x.text, CUT.format(pol="positive", neg=""), frozenset({"us"}))
    v = framed("f", y.text, CUT.format(pol="negative", neg="failed to"), frozenset({"eu"}))
    assert compare(prepare(u), prepare(v)) is None


def test_a_claim_inside_a_negated_one_is_no_contradiction() -> None:
    x = framed("a", "to lift the h20 license requirement", None)
    y = framed("b", "the administration had no plan to lift the h20 license requirement", None)
    assert compare(prepare(x), prepare(y)) is None
    # but a planted negation of the same words still is one
    p = framed("p", CLAIMS["p"], None)
    q = framed("q", CLAIMS["q"], None)
    link = compare(prepare(p), prepare(q))
    assert link is not None and link.kind == "contradicts"


def test_frame_buckets_make_candidates_of_differently_worded_claims() -> None:
    idx = ClaimIndex()
    idx.add(
        framed(
            "a",
            "the licence regime has cut chip shipments to china",
            CUT.format(pol="positive", neg=""),
        )
    )
    idx.add(
        framed(
            "b",
            "beijing says the rules failed to cut chip shipments",
            CUT.format(pol="negative", neg="failed to"),
        )
    )
    assert idx.candidates("a") == {"b"}
    assert {(lk.a, lk.b, lk.kind) for lk in find_links(idx)} == {("a", "b", "contradicts")}


FUEL = "technology|{subj}|fuel|fuel|0|{obj}|ccp|{pol}|actual|{neg}"


def test_a_named_frame_needs_fewer_shared_words_for_the_same_claim_but_not_a_contradiction() -> (
    None
):
    long = "the steady stream of u.s. technology into china is fueling the ccp's military buildup, handing our rival useful weapons"
    short = "american technology is fueling the ccp's military growth and its spying"
    x = framed("a", long, FUEL.format(subj="united-states", obj="fusion", pol="positive", neg=""))
    y = framed("b", short, FUEL.format(subj="", obj="expansion", pol="positive", neg=""))
    link = compare(prepare(x), prepare(y))
    assert link is not None and (link.kind, link.reason) == ("same", "frame")
    # the subject named on one side only still shares a frame bucket with the other
    idx = ClaimIndex()
    idx.add_many([x, y])
    assert "b" in idx.candidates("a")
    # as few shared words never make a contradiction
    denied = framed("b", short, FUEL.format(subj="", obj="expansion", pol="negative", neg="not"))
    assert compare(prepare(x), prepare(denied)) is None
    # nor the same claim when no actor is named on both sides
    bare = "technology|{subj}|fuel|fuel|0|{obj}||positive|actual|"
    x2 = framed("a", long, bare.format(subj="", obj="fusion"))
    y2 = framed("b", short, bare.format(subj="", obj="expansion"))
    assert compare(prepare(x2), prepare(y2)) is None


def test_plurals_in_es_keep_their_stem() -> None:
    # "rules" is "rule" (grouped with "regime"), so the embassy's reply contradicts the secretary
    x = framed(
        "a",
        "the licence regime has cut shipments of advanced accelerators to china",
        CUT.format(pol="positive", neg="").replace("rule", "regime"),
    )
    y = framed(
        "b",
        "the embassy rejected that account: the rules have failed to cut shipments",
        CUT.format(pol="negative", neg="failed to"),
    )
    link = compare(prepare(x), prepare(y))
    assert link is not None and link.kind == "contradicts"
    assert {w for w in prepare(y).tokens if w.startswith("rul")} == {"rule"}


def test_noun_phrases_of_one_or_two_words_are_not_linked_on_words() -> None:
    for short, longer in (
        ("taxes", "his taxes"),
        ("putin", "mr. putin"),
        ("concerns", "her concerns"),
    ):
        assert compare(prepare(ClaimText("a", short)), prepare(ClaimText("b", longer))) is None
    # three content words on each side are enough
    x, y = (
        ClaimText("a", "chip exports fell sharply"),
        ClaimText("b", "chip exports fell very sharply"),
    )
    link = compare(prepare(x), prepare(y))
    assert link is not None and link.kind == "same"


# --- verdicts and coordinated predicates (issue 15, H1) -------------------------------------

FAILED = "control|us|fail|succeed|1|||positive|actual|"
WORKS = "control||work|succeed|0|||positive|actual|"


def test_a_verdict_on_a_policy_needs_no_shared_words_but_its_subject() -> None:
    x = framed(
        "a", "us export curbs had been a flop since buyers turned to rival suppliers", FAILED
    )
    y = framed("b", "the curbs are doing their job and the loopholes must be shut", WORKS)
    link = compare(prepare(x), prepare(y))
    assert link is not None and (link.kind, link.reason) == ("contradicts", "frame")
    assert "fail" in link.explanation and "work" in link.explanation
    same = framed("c", "those curbs have failed", "control||fail|succeed|1|||positive|actual|")
    found = compare(prepare(x), prepare(same))
    assert found is not None and found.kind == "same"


def test_a_verdict_on_no_policy_or_on_two_actors_still_needs_words() -> None:
    firm = "company||fail|succeed|1|||positive|actual|"
    x = framed("a", "the firm had been a flop since buyers turned to rival suppliers", firm)
    y = framed(
        "b",
        "the company is doing its job and the loopholes must be shut",
        firm.replace("fail|succeed|1", "work|succeed|0"),
    )
    assert compare(prepare(x), prepare(y)) is None
    us = framed("c", "us export curbs had been a flop", FAILED, frozenset({"us"}))
    eu = framed("d", "the curbs are doing their job", WORKS, frozenset({"eu"}))
    assert compare(prepare(us), prepare(eu)) is None  # about different actors


OFFICERS = "bureau|bis|have|have|0|officer||positive|actual|"


def test_a_coordinated_predicate_is_compared_with_the_numbers_of_its_own_clause() -> None:
    text = (
        "the bureau spends under $ 90 million a year and has only a handful of officers "
        "abroad to check where parts end up"
    )
    spends = "bureau|bis|spend|spend|0|million||positive|actual||90"
    two = ClaimText("a", text, frozenset(), frozenset([spends, OFFICERS + "|"]))
    one = framed(
        "b", "the bureau had only a few officers abroad to check where parts went", OFFICERS
    )
    link = compare(prepare(two), prepare(one))
    assert link is not None and (link.kind, link.reason) == ("same", "frame")
    # the same claim whose officers clause states a number of its own: another claim
    counted = ClaimText("a", text, frozenset(), frozenset([OFFICERS + "|12"]))
    assert compare(prepare(counted), prepare(one)) is None


# --- product names (kg.numbers) ---------------------------------------------------------------


def test_product_and_model_names_are_names_not_numbers() -> None:
    from kg.numbers import is_name

    for name in ("h20", "h100", "r1", "v3", "gpt-4", "qwen2.5", "a800"):
        assert is_name(name), name
    for number in ("2025", "30", "q3", "fy2024", "mid-2025", "h1", "7-nanometer", "5g"):
        assert not is_name(number), number
    prep = prepare(ClaimText("a", "the a800 sold 40,000 units"))
    assert prep.numbers == {"40", "000"} and prep.names == {"a800"}


def test_a_claim_naming_the_product_is_the_claim_calling_it_the_accelerator() -> None:
    named = ClaimText("a", "the a800 ships with 80 gigabytes of memory for each board")
    called = ClaimText("b", "the accelerator ships with 80 gigabytes of memory for each board")
    link = compare(prepare(named), prepare(called))
    assert link is not None and link.kind == "same"
    # another number is still another claim
    other = ClaimText("c", "the accelerator ships with 40 gigabytes of memory for each board")
    assert compare(prepare(named), prepare(other)) is None


def test_claims_naming_different_products_are_not_linked() -> None:
    about = frozenset({"nvidia"})
    x = ClaimText("a", "nvidia may still sell the b200 accelerator to buyers in india", about)
    y = ClaimText("b", "nvidia may still sell the a800 accelerator to buyers in india", about)
    assert compare(prepare(x), prepare(y)) is None


def test_the_standard_of_a_comparison_is_not_a_name_of_the_claim() -> None:
    assert prepare(ClaimText("a", "the a800 is slower than the b200 at training")).names == {"a800"}
    assert prepare(ClaimText("a", "it trains faster than nvidia's b200")).names == frozenset()
    assert prepare(ClaimText("a", "the b200 and the a800 differ")).names == {"b200", "a800"}
