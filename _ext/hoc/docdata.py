"""Data our extension keeps on the environment per document.

Each kind lives in one ``env`` attribute (docname → value) and must be forgotten when a
page is read again and merged back from parallel readers, like Sphinx's own collectors
do; this base class does both, so each feature only says what it keeps.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector


class DocDataCollector(EnvironmentCollector):
    """Purges and merges ``env.<attribute>``; subclasses may also collect in
    :meth:`process_doc` (the default collects nothing: data noted while transforming)."""

    attribute: ClassVar[str]

    @classmethod
    def data(cls, env: BuildEnvironment) -> dict[str, Any]:
        """``env.<attribute>``, created on first use."""
        if not hasattr(env, cls.attribute):
            setattr(env, cls.attribute, {})
        kept: dict[str, Any] = getattr(env, cls.attribute)
        return kept

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.data(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str],
                    other: BuildEnvironment) -> None:
        theirs = self.data(other)
        ours = self.data(env)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Nothing to collect from the finished doctree by default."""
