"""The error tree: every error `kg` reports, each class with its own code. Library code raises
these (a specific class, never the bare base); only the CLI prints them.

A message says what went wrong; a hint says what fixes it in the library's own terms (a file,
a setting, a reader option). The command line adds the flag that fixes it, by code
(kg.cli.app.CLI_HINTS), so the library never names a command-line option. Codes are stable:
E0xx configuration and analyst decisions, E1xx input, E2xx the NLP pipeline, E3xx the store,
E4xx queries, E5xx validation, E6xx views and the HTML page, E7xx push, E8xx files written and
formats, E9xx the SPARQL endpoint.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error `kg` reports to a user (never shown as a traceback); raise a subclass."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


# --- E0xx: configuration and analyst decisions ---------------------------------------------------


class GazetteerError(KGError):
    """The gazetteer file is missing or invalid (bad TOML, an entry without id, a duplicate id)."""

    code = "E010"


class DecisionsError(KGError):
    """An analyst decisions file is invalid or cannot be written."""

    code = "E011"


class OptionError(KGError):
    """An option handed to the library has an invalid value (a date, a field name)."""

    code = "E020"


class ActorError(KGError):
    """An actor reference names no actor in the store, or several, or a merge or split makes no
    sense (the same actor twice)."""

    code = "E050"


class ArticleNotFound(KGError):
    """No stored article has the source key (or the file) given."""

    code = "E060"


# --- E1xx: input ---------------------------------------------------------------------------------


class InputError(KGError):
    """An input (an article, an RDF file, gold annotations) could not be read or has no usable
    text."""

    code = "E100"

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self.reason = reason


class EncodingError(InputError):
    """Text is not in the encoding it was read as (UTF-8 unless another is given)."""

    code = "E101"


class LanguageError(InputError):
    """Text does not look like English, the only language the extractor reads."""

    code = "E102"


class TextFieldError(InputError):
    """A JSON Lines record has no text in the field the text is read from."""

    code = "E103"


# --- E2xx: the NLP pipeline ------------------------------------------------------------------------


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""

    code = "E200"


class PatternError(KGError):
    """An extraction pattern is registered wrongly or looked up by a name nobody registered."""

    code = "E210"


class ClusterUnavailable(KGError):
    """Extraction on a Dask cluster was asked for, but the Dask client (`distributed`, the
    optional extra kg-aigeo[cluster]) is not installed."""

    code = "E220"


class ClusterError(KGError):
    """The Dask scheduler cannot be reached, or the cluster lost a batch of articles."""

    code = "E221"


# --- E3xx: the store -------------------------------------------------------------------------------


class StoreError(KGError):
    """The store could not be opened, read or written."""

    code = "E300"


class UnsafeXML(KGError):
    """An XML document declares entities that could exhaust memory or read other files."""

    code = "E310"


class StoreNotFound(StoreError):
    """There is no store at the path given (and the command only reads one)."""

    code = "E301"


class NotAStore(StoreError):
    """The path given for a store is a folder holding other files."""

    code = "E302"


class StoreBusy(StoreError):
    """Another process holds the store open for writing."""

    code = "E303"


class IngestLocked(StoreError):
    """Another ingest is writing to the store (its writer lock is taken)."""

    code = "E304"


# --- E4xx: queries ---------------------------------------------------------------------------------


class QueryError(KGError):
    """A SPARQL query or a saved query's parameters are invalid."""

    code = "E400"


class UnknownQuery(QueryError):
    """No saved query has the name given."""

    code = "E401"


class ParameterError(QueryError):
    """A saved query is missing a parameter, or was given one it does not have."""

    code = "E402"


class QueryTimeout(QueryError):
    """A query ran past the time limit of the endpoint serving it."""

    code = "E410"


class ResultTooLarge(QueryError):
    """A query returned more rows than the endpoint serving it allows."""

    code = "E411"


# --- E5xx: validation ------------------------------------------------------------------------------


class ValidationError(KGError):
    """Data does not satisfy the SHACL shapes."""

    code = "E500"


# --- E6xx: views and the HTML page -----------------------------------------------------------------


class VizError(KGError):
    """The HTML view could not be built."""

    code = "E600"


class ViewError(KGError):
    """A view's selection is empty or contradictory (no statement on the topic, dates reversed)."""

    code = "E610"


# --- E7xx: push ------------------------------------------------------------------------------------


class PushError(KGError):
    """The triplestore endpoint could not be used (a bad URL, a refused or failed request)."""

    code = "E700"

    def __init__(
        self, message: str, *, hint: str | None = None, retries: int = 0, transient: bool = False
    ) -> None:
        super().__init__(message, hint=hint)
        self.retries = retries  # retries spent before giving up
        self.transient = transient  # a failure retrying might have cured (server down, 5xx)


# --- E8xx: files written and formats ---------------------------------------------------------------


class WriteError(KGError):
    """An output file could not be written."""

    code = "E800"


class OutputRequired(KGError):
    """The format asked for is written to a file, not to standard output."""

    code = "E801"


class FormatError(KGError):
    """A file format name is unknown."""

    code = "E810"


class FormatNotDetected(FormatError):
    """The format of an RDF file cannot be told from its name."""

    code = "E811"


# --- E9xx: the SPARQL endpoint ---------------------------------------------------------------------


class ServeError(KGError):
    """The SPARQL endpoint cannot start with the configuration given."""

    code = "E900"


class UpdateNeedsToken(ServeError):
    """An endpoint that accepts SPARQL UPDATE was configured without a token."""

    code = "E901"


class ListenError(ServeError):
    """The endpoint cannot listen on the address and port given."""

    code = "E902"
