"""The self-contained interactive HTML view (pyvis stays in this package)."""
