"""Evaluation against gold annotations (PolNeAR attributions, Webis editorials)."""
