"""The RDF layer: the vocabulary and IRI scheme, the mapping of extractions to named graphs, SHACL."""
