"""Word lists the extraction patterns use (lemmas, lowercase)."""

from __future__ import annotations

REPORT_VERBS = frozenset(
    [
        "say",
        "tell",
        "argue",
        "warn",
        "claim",
        "deny",
        "insist",
        "acknowledge",
        "predict",
        "promise",
        "accuse",
        "announce",
        "add",
        "note",
        "state",
        "assert",
        "contend",
        "maintain",
        "explain",
        "suggest",
        "believe",
        "think",
        "write",
        "report",
        "confirm",
        "allege",
        "stress",
        "emphasize",
        "emphasise",
        "caution",
        "observe",
        "declare",
        "reiterate",
        "concede",
        "admit",
        "estimate",
        "expect",
        "forecast",
        "fear",
        "complain",
        "counter",
        "respond",
        "reply",
        "indicate",
        "dispute",
        "reject",
        "dismiss",
        "question",
        "ask",
        "wonder",
        "doubt",
        "testify",
        "vow",
        "pledge",
        "hope",
        "recall",
        "remark",
        "disclose",
        "reveal",
        "signal",
        "conclude",
        "find",
        "show",
        "predict",
        "tweet",
        "post",
        "agree",
        "repeat",
        "insist",
        "boast",
        "lament",
        "worry",
        "charge",
    ]
)
DENY_VERBS = frozenset(["deny", "dispute", "reject", "dismiss", "refute", "rebut"])
QUESTION_VERBS = frozenset(["question", "ask", "wonder", "doubt"])
PREDICT_VERBS = frozenset(["predict", "forecast", "expect", "project", "anticipate"])
HEDGE_VERBS = frozenset(["suggest", "believe", "think", "estimate", "hope", "fear", "speculate"])
HEDGE_WORDS = frozenset(
    [
        "may",
        "might",
        "could",
        "possibly",
        "perhaps",
        "reportedly",
        "likely",
        "unlikely",
        "probably",
        "apparently",
        "allegedly",
        "seemingly",
        "arguably",
        "potentially",
    ]
)
REPORT_NOUNS = frozenset(
    [
        "claim",
        "statement",
        "view",
        "argument",
        "assertion",
        "warning",
        "belief",
        "suggestion",
        "prediction",
        "promise",
        "allegation",
        "contention",
        "insistence",
        "assessment",
        "conclusion",
        "position",
        "assurance",
        "estimate",
    ]
)
#: verbs of saying and thinking whose clausal complement ("that ...") is the claim
CLAUSE_VERBS = REPORT_VERBS | frozenset(
    [
        "know", "learn", "hear", "feel", "understand", "realize", "recognize", "assume",
        "suspect", "guess", "decide", "demand", "propose", "recommend", "urge", "imply",
        "prove", "point", "remind", "inform", "assure", "guarantee", "joke", "quip", "brag",
        "recount", "describe", "answer", "retort", "proclaim", "swear", "threaten", "hint",
        "calculate", "project", "determine", "rule", "blame", "mean", "see", "insinuate",
        "speculate", "predict", "acknowledge", "concede", "contend", "warn", "muse",
        "announce", "clarify", "emphasise", "underscore", "highlight", "mention", "comment",
        "reason", "posit", "surmise", "figure", "conclude", "agree", "notice", "discover",
        "convince", "persuade", "seem", "appear", "hold", "complain", "grumble",
    ]
)
#: verbs whose "to"-infinitive complement is the claim (an intention or a demand)
XCOMP_VERBS = frozenset(
    [
        "promise", "pledge", "vow", "threaten", "plan", "want", "hope", "intend", "refuse",
        "decline", "agree", "offer", "urge", "ask", "call", "encourage", "push", "seek",
        "aim", "expect", "decide", "propose", "demand", "pressure", "tell", "warn", "order",
        "instruct", "invite", "swear", "wish", "prefer", "plead", "beg", "press", "vote",
        "appeal", "challenge", "dare", "claim", "pretend", "seem", "appear",
    ]
)
#: verbs whose direct object is what is claimed, wanted or judged ("cited the report")
OBJECT_VERBS = frozenset(
    [
        "cite", "mention", "propose", "unveil", "criticize", "criticise", "attack", "support",
        "endorse", "back", "oppose", "reject", "deny", "dispute", "praise", "defend",
        "announce", "call", "describe", "question", "discuss", "address", "promise", "want",
        "prefer", "favor", "favour", "urge", "blame", "accuse", "condemn", "slam", "blast",
        "laud", "tout", "highlight", "acknowledge", "admit", "predict", "recommend",
        "suggest", "demand", "embrace", "echo", "dismiss", "lay", "release", "outline",
        "repeat", "reiterate", "rate", "tweet", "post", "push", "pledge", "vow", "emphasize",
        "stress", "note", "reference", "invoke", "characterize", "label", "dub", "brand",
        "promote", "advocate", "champion", "applaud", "welcome", "decry", "denounce",
        "lament", "show", "find", "reveal", "confirm", "report", "claim", "allege", "know",
        "expect", "fear", "hail", "mock", "ridicule", "deride", "disparage", "insult",
        "bash", "knock", "fault", "credit", "thank", "commend", "congratulate", "celebrate",
        "rebuke", "chide", "scold", "lambaste", "excoriate", "pan", "target", "assail",
        "question", "challenge", "contest", "rebut", "refute", "answer", "pitch", "float",
        "offer", "detail", "explain", "present", "argue", "raise", "express", "voice",
        "declare", "predict", "forecast", "estimate", "list", "recall", "remember", "like",
        "love", "hate", "dislike", "decline", "refuse", "ask", "request", "seek", "tell",
        "dislike", "regret", "concede", "emphasise", "brag", "boast", "joke", "quote",
        "envision", "imagine", "consider", "weigh", "debate", "reaffirm", "compare", "liken",
        "examine", "document", "accept", "ignore", "despise", "admire", "chastise", "bemoan",
        "illustrate", "investigate", "judge", "propound", "understate", "overstate",
        "exaggerate", "downplay", "extol", "hype", "frame", "portray", "paint", "depict",
        "cast", "view", "regard", "deem", "interpret", "characterise", "recognize",
        "recognise", "trumpet", "chant", "shout", "yell", "scream", "exclaim", "type", "text",
        "publish", "print", "broadcast", "air", "approve", "disapprove", "veto", "sign",
        "champion", "spurn", "snub", "scorn", "renounce", "repudiate", "disavow", "retract",
        "recant", "concede", "grant", "affirm", "uphold", "overturn", "overrule", "rule",
    ]
)
#: verbs whose content follows "to" ("referred to the report", "responded to the critics")
TO_VERBS = frozenset(
    ["refer", "point", "allude", "respond", "react", "object", "attest", "admit", "testify",
     "link", "compare", "liken", "reply", "speak", "talk", "write", "appeal"]
)
#: verbs whose direct object, when a person or a body, is the hearer, not the content
HEARER_VERBS = frozenset(
    ["tell", "ask", "accuse", "urge", "warn", "thank", "remind", "inform", "assure", "press",
     "invite", "encourage", "congratulate"]
)
#: prepositions whose object is the topic or content of a verb of saying ("warned of")
CONTENT_PREPS = frozenset(["about", "of", "on", "for", "against", "over", "that"])
#: verbs that take their content through one of CONTENT_PREPS
PREP_VERBS = frozenset(
    [
        "talk", "speak", "worry", "warn", "call", "argue", "complain", "comment", "rail",
        "push", "advocate", "boast", "brag", "ask", "accuse", "testify", "write", "tweet",
        "joke", "lie", "rant", "campaign", "press", "caution", "think", "hear", "know",
        "learn", "care", "agree", "disagree", "insist", "vote", "lobby", "plead", "appeal",
        "express", "fret", "muse", "reflect", "weigh", "opine", "harp", "dwell", "focus",
        "criticize", "attack", "question", "pepper", "grill", "quiz", "press", "pray",
        "hope", "wish", "dream", "fight", "clash", "spar", "feud", "inquire", "report",
        "release", "brief", "elaborate", "expound", "remark", "comment", "reminisce",
        "hammer", "blame", "praise", "credit", "fault", "slam", "blast", "laud",
    ]
)
#: verbs that take a "that"-clause without attributing it to their subject
NOT_CUE_VERBS = frozenset(
    ["be", "mean", "ensure", "make", "require", "ask", "cause", "so", "insure", "provide",
     "order", "stipulate", "happen", "turn", "seem", "appear", "matter", "help"]
)
#: every verb that can cue an attribution
CUE_VERBS = CLAUSE_VERBS | XCOMP_VERBS | OBJECT_VERBS | PREP_VERBS | TO_VERBS
#: nouns that carry an attribution ("a report that ...", "questions about ...")
CUE_NOUNS = REPORT_NOUNS | frozenset(
    [
        "report", "question", "remark", "comment", "allegation", "accusation", "charge",
        "criticism", "concern", "worry", "fear", "hope", "demand", "call", "plan",
        "proposal", "pledge", "vow", "message", "announcement", "testimony", "speech",
        "interview", "tweet", "post", "letter", "memo", "suggestion", "admission",
        "acknowledgment", "acknowledgement", "denial", "insistence", "complaint",
        "agreement", "decision", "ruling", "finding", "poll", "survey", "study",
        "analysis", "forecast", "projection", "rumor", "rumour", "speculation", "doubt",
        "praise", "endorsement", "support", "opposition", "attack", "defense", "defence",
        "explanation", "answer", "reply", "response", "idea", "notion", "theory", "sense",
        "impression", "perception", "suspicion", "expectation", "promise", "threat",
        "commitment", "request", "recommendation", "advice", "opinion", "judgment",
        "verdict", "story", "rhetoric", "stance", "line", "argument", "case", "pitch",
        "narrative", "accusation", "vision", "agenda", "platform", "rant", "tirade", "screed",
        "diatribe", "broadside", "dig", "jab", "swipe", "critique", "rebuke", "condemnation",
        "ultimatum", "plea", "appeal", "outlook", "adulation", "admiration", "disdain",
        "contempt", "skepticism", "scepticism", "opposition", "objection", "reaction",
        "determination", "intention", "intent", "desire", "wish", "push", "bid", "campaign",
        "obsession", "assertion", "insinuation", "implication", "characterization",
        "description", "portrayal", "depiction", "account", "version", "recollection",
        "memory", "argument", "observation", "point", "warning", "caution", "advice", "praise",
    ]
)
#: adjectives of attitude whose complement is what someone holds ("critical of", "sure that")
CUE_ADJECTIVES = frozenset(
    [
        "critical", "concerned", "worried", "sure", "certain", "confident", "convinced",
        "skeptical", "sceptical", "optimistic", "pessimistic", "hopeful", "supportive", "proud",
        "afraid", "aware", "adamant", "passionate", "angry", "upset", "furious", "happy",
        "pleased", "unhappy", "disappointed", "frustrated", "fearful", "doubtful", "coy",
        "vocal", "outspoken", "wary", "dismissive", "opposed", "eager", "keen", "determined",
        "unwilling", "reluctant", "insistent", "emphatic", "clear", "unequivocal", "candid",
        "enthusiastic", "excited", "nervous", "anxious", "uneasy", "suspicious", "cautious",
        "bullish", "bearish", "positive", "negative", "sanguine", "alarmed", "troubled",
    ]
)
SPEECH_NOUNS = frozenset(
    ["warning", "remark", "comment", "words", "statement", "message", "response", "view"]
)

#: heads of noun phrases that describe people, used for groups and anonymous sources
PEOPLE_NOUNS = frozenset(
    [
        "official",
        "source",
        "person",
        "people",
        "insider",
        "analyst",
        "expert",
        "executive",
        "diplomat",
        "researcher",
        "lawmaker",
        "aide",
        "employee",
        "observer",
        "critic",
        "engineer",
        "investor",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "representative",
        "economist",
        "scientist",
        "developer",
        "adviser",
        "advisor",
        "manager",
        "negotiator",
        "regulator",
        "legislator",
        "staffer",
        "academic",
        "scholar",
        "banker",
        "trader",
        "supplier",
        "customer",
        "participant",
        "member",
        "leader",
    ]
)
ANONYMOUS_MARKERS = frozenset(
    [
        "familiar",
        "briefed",
        "anonymous",
        "anonymity",
        "unnamed",
        "unidentified",
        "authorized",
        "authorised",
    ]
)
#: officials speak for the organisation named in front of them ("Chinese officials" -> China)
SPOKES_NOUNS = frozenset(
    [
        "official",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "representative",
        "diplomat",
        "ministry",
    ]
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
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
#: nouns for one person's role: an unnamed claimer "the senator" is a person
ROLE_NOUNS = frozenset(
    [
        "candidate", "nominee", "president", "senator", "governor", "mayor", "chief",
        "director", "secretary", "judge", "justice", "attorney", "lawyer", "doctor",
        "physician", "professor", "resident", "protester", "activist", "writer", "author",
        "narrator", "host", "moderator", "reporter", "journalist", "commentator", "pundit",
        "strategist", "pollster", "operative", "surrogate", "ally", "rival", "opponent",
        "friend", "wife", "husband", "mother", "father", "son", "daughter", "woman", "man",
        "student", "teacher", "parent", "worker", "owner", "chairman", "chairwoman", "chair",
        "founder", "citizen", "officer", "prosecutor", "investigator", "congressman",
        "congresswoman", "democrat", "republican", "conservative", "liberal", "progressive",
        "campaigner", "advocate", "organizer", "minister", "respondent", "american",
        "incumbent", "challenger", "voter", "supporter", "chancellor", "premier", "king",
        "queen", "prince", "ambassador", "envoy", "general", "commander", "ceo", "head",
    ]
)
#: nouns for documents, media and bodies that "say" things ("the report found that ...")
MEDIA_NOUNS = frozenset(
    [
        "report", "poll", "survey", "study", "ad", "advertisement", "video", "article", "tweet",
        "statement", "letter", "memo", "campaign", "committee", "court", "newspaper", "paper",
        "network", "website", "site", "panel", "board", "council", "party", "team", "caucus",
        "union", "coalition", "organization", "organisation", "foundation", "center", "centre",
        "film", "book", "analysis", "data", "record", "filing", "document", "email", "post",
        "editorial", "story", "piece", "show", "spot", "clip", "footage", "message", "police",
        "senate", "house", "congress", "legislature", "parliament", "cabinet", "audience",
        "crowd", "public", "majority", "minority", "percent", "people", "family", "jury",
        "bank", "regime", "military", "army", "state", "nation", "city", "county", "school",
        "university", "college", "staff", "voice",
    ]
)
#: nouns that can stand for a claimer when no actor is recognised
SOURCE_NOUNS = PEOPLE_NOUNS | ROLE_NOUNS | MEDIA_NOUNS | frozenset(NOMINAL_KINDS)
#: the kind of actor an unresolved pronoun claimer stands for
PRONOUN_KINDS = {
    "he": "person",
    "she": "person",
    "i": "person",
    "we": "group",
    "they": "group",
    "it": "organization",
    "you": "person",
    "one": "person",
    "everyone": "group",
    "everybody": "group",
    "all": "group",
    "both": "group",
    "each": "person",
    "many": "group",
    "some": "group",
    "others": "group",
}
#: subject words that never name a claimer
NOT_CLAIMERS = frozenset(["this", "that", "there", "what", "which", "none", "nothing"])
#: people nouns that, unnamed, make an anonymous source ("sources said", "a source close to")
ANONYMOUS_HEADS = frozenset(["source", "insider", "person", "official", "aide"])

STAT_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY"})
DOC_NOUNS = frozenset(
    [
        "report",
        "rule",
        "study",
        "paper",
        "filing",
        "regulation",
        "act",
        "law",
        "order",
        "directive",
        "guidance",
        "memo",
        "survey",
        "document",
        "notice",
        "letter",
        "bill",
        "framework",
        "strategy",
        "assessment",
        "analysis",
        "white-paper",
        "dataset",
        "testimony",
        "statute",
        "treaty",
        "agreement",
        "measure",
    ]
)
EVENT_NOUNS = frozenset(
    [
        "ban",
        "release",
        "launch",
        "hearing",
        "summit",
        "sanction",
        "restriction",
        "crackdown",
        "announcement",
        "visit",
        "meeting",
        "talk",
        "deal",
        "attack",
        "raid",
        "seizure",
        "listing",
        "designation",
        "embargo",
        "investigation",
        "probe",
        "shutdown",
        "rollout",
        "debut",
        "unveiling",
        "curb",
        "control",
    ]
)
EXAMPLE_CUES = frozenset({"like", "including"})
