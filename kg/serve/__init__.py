"""`kg serve`: a local SPARQL 1.1 endpoint over the store, meant to be left running.

endpoint.py answers requests over a store (limits, SERVICE check, updates, status),
workers.py runs each query in a worker process it can kill, guard.py finds SERVICE and LOAD,
http.py parses requests under limits and checks the Host header, page.py is the HTML page.
"""
