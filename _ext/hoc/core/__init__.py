"""Sphinx-free cores: parsers and resolvers with no Sphinx import, unit-tested alone."""
