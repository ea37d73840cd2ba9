"""`kg serve`: a local SPARQL 1.1 endpoint over the store."""
