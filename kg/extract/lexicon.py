"""Word lists the extraction patterns use (lemmas, lowercase)."""

from __future__ import annotations

REPORT_VERBS = frozenset(
    """say tell argue warn claim deny insist acknowledge predict promise accuse announce add note
    state assert contend maintain explain suggest believe think write report confirm allege stress
    emphasize emphasise caution observe declare reiterate concede admit estimate expect forecast
    fear complain counter respond reply indicate dispute reject dismiss question ask wonder doubt
    testify vow pledge hope recall remark disclose reveal signal conclude find show predict tweet
    post agree repeat insist boast lament worry charge""".split()
)
DENY_VERBS = frozenset("deny dispute reject dismiss refute rebut".split())
QUESTION_VERBS = frozenset("question ask wonder doubt".split())
PREDICT_VERBS = frozenset("predict forecast expect project anticipate".split())
HEDGE_VERBS = frozenset("suggest believe think estimate hope fear speculate".split())
HEDGE_WORDS = frozenset(
    """may might could possibly perhaps reportedly likely unlikely probably apparently allegedly
    seemingly arguably potentially""".split()
)
REPORT_NOUNS = frozenset(
    """claim statement view argument assertion warning belief suggestion prediction promise
    allegation contention insistence assessment conclusion position assurance estimate""".split()
)
SPEECH_NOUNS = frozenset("warning remark comment words statement message response view".split())

#: heads of noun phrases that describe people, used for groups and anonymous sources
PEOPLE_NOUNS = frozenset(
    """official source person people insider analyst expert executive diplomat researcher lawmaker
    aide employee observer critic engineer investor spokesperson spokesman spokeswoman representative
    economist scientist developer adviser advisor manager negotiator regulator legislator staffer
    academic scholar banker trader supplier customer participant member leader""".split()
)
ANONYMOUS_MARKERS = frozenset(
    "familiar briefed anonymous anonymity unnamed unidentified authorized authorised".split()
)
#: officials speak for the organisation named in front of them ("Chinese officials" -> China)
SPOKES_NOUNS = frozenset(
    "official spokesperson spokesman spokeswoman representative diplomat ministry".split()
)

#: nominal references resolved to the last actor of a compatible kind
NOMINAL_KINDS: dict[str, tuple[str, ...]] = {
    "company": ("company", "organization"),
    "firm": ("company", "organization"),
    "lab": ("company", "organization"),
    "startup": ("company", "organization"),
    "chipmaker": ("company",),
    "group": ("company", "organization"),
    "ministry": ("government_body",),
    "department": ("government_body",),
    "agency": ("government_body",),
    "bureau": ("government_body",),
    "administration": ("government_body", "state"),
    "commission": ("government_body", "international_body"),
    "institute": ("government_body", "organization"),
    "office": ("government_body",),
    "government": ("state", "government_body"),
    "country": ("state",),
    "bloc": ("international_body",),
}
PERSON_PRONOUNS = frozenset("he she him her".split())

STAT_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY"})
DOC_NOUNS = frozenset(
    """report rule study paper filing regulation act law order directive guidance memo survey
    document notice letter bill framework strategy assessment analysis white-paper dataset
    testimony statute treaty agreement measure""".split()
)
EVENT_NOUNS = frozenset(
    """ban release launch hearing summit sanction restriction crackdown announcement visit meeting
    talk deal attack raid seizure listing designation embargo investigation probe shutdown
    rollout debut unveiling curb control""".split()
)
EXAMPLE_CUES = frozenset({"like", "including"})
