"""The persistent quad store (pyoxigraph), its writer lock, saved queries, result formats and
the hand-over to production stores (export, push)."""
