"""Actor identity without spaCy: the gazetteer, names outside it, in-article aliases, analyst
decisions and the review loop (`kg actors`, `kg merge`, `kg split`)."""
