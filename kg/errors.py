"""The error tree. Library code raises these; only the CLI prints them."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error `kg` reports to a user (never shown as a traceback)."""

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


class InputError(KGError):
    """An article could not be read or has no usable text."""

    code = "E100"

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self.reason = reason


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""

    code = "E200"


class PatternError(KGError):
    """An extraction pattern is registered wrongly or looked up by a name nobody registered."""

    code = "E210"


class StoreError(KGError):
    """The store could not be opened, read or written."""

    code = "E300"


class QueryError(KGError):
    """A SPARQL query or a saved query's parameters are invalid."""

    code = "E400"


class QueryTimeout(QueryError):
    """A query ran past the time limit of the endpoint serving it."""

    code = "E410"


class ResultTooLarge(QueryError):
    """A query returned more rows than the endpoint serving it allows."""

    code = "E411"


class ValidationError(KGError):
    """Data does not satisfy the SHACL shapes."""

    code = "E500"


class VizError(KGError):
    """The HTML view could not be built."""

    code = "E600"
