from kg.evaluate.match import PRF, admissible, match_spans, overlap


def test_overlap_and_half_of_shorter_rule() -> None:
    assert overlap((0, 10), (5, 20)) == 5
    assert overlap((0, 10), (10, 20)) == 0
    assert admissible((0, 10), (5, 100))  # covers half of the shorter one
    assert not admissible((0, 10), (6, 100))
    assert not admissible((0, 0), (0, 10))


def test_matching_is_one_to_one_and_maximal() -> None:
    # prediction 0 could take either gold; the maximum matching gives gold 0 to prediction 1
    predicted = [(0, 20), (0, 8)]
    gold = [(0, 8), (12, 20)]
    assert match_spans(predicted, gold) == [(0, 1), (1, 0)]
    # one long prediction cannot match two gold spans
    assert len(match_spans([(0, 100)], [(0, 10), (20, 30)])) == 1


def test_prf() -> None:
    m = PRF()
    m.add(3, 4, 6)
    assert (m.precision, m.recall) == (0.75, 0.5)
    assert abs(m.f1 - 0.6) < 1e-9
    assert PRF().f1 == 0.0
