"""SPARQL 1.1 query results as JSON, XML, CSV and TSV (the W3C result formats).

Written from `kg.store.oxigraph.Results`, so `kg query --format` and `kg serve` produce the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kg.store.oxigraph import Cell, Results

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: format name -> media type of the W3C result format
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def sparql_json(results: Results) -> dict[str, Any]:
    if results.boolean is not None:
        return {"head": {}, "boolean": results.boolean}
    bindings = []
    for row in results.rows:
        b: dict[str, Any] = {}
        for var, cell in zip(results.variables, row, strict=True):
            if cell is None:
                continue
            term: dict[str, Any] = {"type": cell.kind, "value": cell.value}
            if cell.lang:
                term["xml:lang"] = cell.lang
            elif cell.datatype and cell.kind == "literal" and cell.datatype != XSD_STRING:
                term["datatype"] = cell.datatype
            b[var] = term
        bindings.append(b)
    return {"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}}


def _xml_term(cell: Cell) -> str:
    if cell.kind == "uri":
        return f"<uri>{escape(cell.value)}</uri>"
    if cell.kind == "bnode":
        return f"<bnode>{escape(cell.value)}</bnode>"
    attr = ""
    if cell.lang:
        attr = f" xml:lang={quoteattr(cell.lang)}"
    elif cell.datatype and cell.datatype != XSD_STRING:
        attr = f" datatype={quoteattr(cell.datatype)}"
    return f"<literal{attr}>{escape(cell.value)}</literal>"


def sparql_xml(results: Results) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if results.boolean is not None:
        out += ["<head/>", f"<boolean>{'true' if results.boolean else 'false'}</boolean>"]
    else:
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in results.variables)
        )
        out.append("</head>\n<results>")
        for row in results.rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(c)}</binding>"
                for v, c in zip(results.variables, row, strict=True)
                if c is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out)


def _nt_escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _tsv_term(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.kind == "uri":
        return f"<{cell.value}>"
    if cell.kind == "bnode":
        return f"_:{cell.value}"
    text = f'"{_nt_escape(cell.value)}"'
    if cell.lang:
        return f"{text}@{cell.lang}"
    if cell.datatype and cell.datatype != XSD_STRING:
        return f"{text}^^<{cell.datatype}>"
    return text


def _csv_term(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return f"_:{cell.value}" if cell.kind == "bnode" else cell.value


def sparql_csv(results: Results) -> str:
    """CSV results: plain values (RFC 4180, CRLF line ends as the W3C note asks)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if results.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if results.boolean else "false"])
        return buf.getvalue()
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow([_csv_term(c) for c in row])
    return buf.getvalue()


def sparql_tsv(results: Results) -> str:
    """TSV results: variables with '?', terms in N-Triples/Turtle syntax."""
    if results.boolean is not None:
        return "?boolean\n" + ("true" if results.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in results.variables)]
    lines += ["\t".join(_tsv_term(c) for c in row) for row in results.rows]
    return "\n".join(lines) + "\n"


def render(results: Results, fmt: str) -> str:
    """Results in one of MEDIA_TYPES' formats."""
    if fmt == "json":
        return json.dumps(sparql_json(results), ensure_ascii=False)
    if fmt == "xml":
        return sparql_xml(results)
    if fmt == "csv":
        return sparql_csv(results)
    return sparql_tsv(results)
