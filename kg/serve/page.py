"""The HTML query page of `kg serve`: a form for SPARQL, saved queries with their parameters,
and the results. Everything shown is escaped; the page has no scripts and loads nothing."""

from __future__ import annotations

import html

from kg import __version__
from kg.serve.endpoint import Endpoint, Response
from kg.store.oxigraph import Results
from kg.store.queries import saved_queries

PAGE_ROWS = 500  # rows the HTML page shows

PAGE_CSS = """
body{font:15px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:80em;padding:0 1em;color:#222}
textarea{width:100%;font:13px monospace}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
.err{color:#a00;white-space:pre-wrap}
pre{background:#f6f6f6;padding:.5em;overflow:auto}
fieldset{margin:1em 0}
"""
EXAMPLE_QUERY = """SELECT ?speaker ?text WHERE {
  ?st a <https://w3id.org/kg-aigeo/ont#Statement> ;
      <https://w3id.org/kg-aigeo/ont#speaker>/<http://www.w3.org/2004/02/skos/core#prefLabel> ?speaker ;
      <https://w3id.org/kg-aigeo/ont#states>/<https://schema.org/text> ?text .
} LIMIT 20"""


def _results_html(results: Results) -> str:
    esc = html.escape
    if results.boolean is not None:
        return f"<p>Answer: <b>{'true' if results.boolean else 'false'}</b></p>"
    if results.triples is not None:
        return f"<pre>{esc(results.triples)}</pre>"
    head = "".join(f"<th>{esc(v)}</th>" for v in results.variables)
    rows = []
    for row in results.rows[:PAGE_ROWS]:
        rows.append(
            "<tr>" + "".join(f"<td>{esc(c.value) if c else ''}</td>" for c in row) + "</tr>"
        )
    more = len(results.rows) - PAGE_ROWS
    note = f"<p>{len(results.rows)} rows" + (f", first {PAGE_ROWS} shown" if more > 0 else "")
    return f"{note}</p><table><tr>{head}</tr>{''.join(rows)}</table>"


def page(endpoint: Endpoint, args: dict[str, str]) -> Response:
    """The query page, with the results of whatever the form sent (run like any query: in a
    worker, under the endpoint's limits)."""
    esc = html.escape
    queries = saved_queries()
    chosen = queries.get(args.get("saved", ""))
    sparql = args.get("query", "")
    answer: Results | str | None = None
    if chosen and "run" in args:
        values = {p.name: args.get(p.name, "") for p in chosen.params}
        answer = endpoint.results(saved=chosen.name, params=values)
    elif sparql.strip():
        answer = endpoint.results(sparql)
    if isinstance(answer, str):
        output = f'<p class="err">{esc(answer)}</p>'
    elif answer is not None:
        output = _results_html(answer)
    else:
        output = ""

    options = ['<option value="">(choose)</option>'] + [
        f'<option value="{esc(q.name)}"{" selected" if chosen and q.name == chosen.name else ""}>'
        f"{esc(q.name)}</option>"
        for q in queries.values()
    ]
    saved_form = ""
    if chosen:
        fields = "".join(
            f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(args.get(p.name, ""))}"'
            f' title="{esc(p.help)}"></label> '
            for p in chosen.params
        )
        saved_form = (
            f'<form method="get" action="/"><input type="hidden" name="saved" '
            f'value="{esc(chosen.name)}"><input type="hidden" name="run" value="1">'
            f"<p>{esc(chosen.description)}</p>{fields}<button>Run {esc(chosen.name)}</button>"
            f"</form><details><summary>SPARQL</summary><pre>{esc(chosen.sparql)}</pre></details>"
        )
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>{PAGE_CSS}</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol at <code>/sparql</code>; saved queries at <code>/queries</code>.
Queries run over the union of the article graphs.</p>
<fieldset><legend>Saved query</legend>
<form method="get" action="/"><select name="saved">{"".join(options)}</select>
<button>Choose</button></form>{saved_form}</fieldset>
<fieldset><legend>SPARQL</legend>
<form method="get" action="/"><textarea name="query" rows="10">{esc(sparql or EXAMPLE_QUERY)}</textarea>
<button>Run</button></form></fieldset>
{output}
<footer><small>kg {esc(__version__)}</small></footer>
</body></html>"""
    return Response(200, "text/html; charset=utf-8", body.encode("utf-8"))
