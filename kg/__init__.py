"""kg: who claims what, about whom, on what evidence, and where it was said."""

__version__ = "0.1.0"
