"""Search-index stems worked out once per build, not once per page.

Sphinx stems every word of every page for the search index, remembering stems only
while it indexes one page (``IndexBuilder.feed``), so a word used on every page is
stemmed once per page. Snowball stemmers are pure Python; the French one costs about
twice the English one, which made stemming a visible part of a translated build. The
build's search language is registered again (``app.add_search_language``) as a subclass
that remembers each word's stem for the build: the index is the same, since a stem
depends on nothing but its word. (The same memo belongs in Sphinx's ``IndexBuilder``.)
"""

from __future__ import annotations

from importlib import import_module

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage


class _RemembersStems(SearchLanguage):
    """Marks a search language whose stems are remembered."""

    _stems: dict[str, str]


def remembering_stems(language: type[SearchLanguage]) -> type[SearchLanguage]:
    """``language`` with each word's stem worked out once per index (instance)."""
    if issubclass(language, _RemembersStems):
        return language

    class Remembering(language, _RemembersStems):  # type: ignore[valid-type,misc]
        def __init__(self, options: dict[str, str]) -> None:
            super().__init__(options)
            self._stems = {}

        def stem(self, word: str) -> str:
            stemmed = self._stems.get(word)
            if stemmed is None:
                stemmed = self._stems[word] = super().stem(word)
            return stemmed

    Remembering.__name__ = Remembering.__qualname__ = f"Remembering{language.__name__}"
    return Remembering


def _search_language(name: str) -> type[SearchLanguage] | None:
    """The class Sphinx's IndexBuilder would pick for ``name`` (``None``: none known)."""
    from sphinx.search import languages

    found = languages.get(name) or languages.get(name.partition("_")[0])
    if isinstance(found, str):
        module, _, class_name = found.rpartition(".")
        found = getattr(import_module(module), class_name)
    return found


def remember_stems(app: Sphinx) -> None:
    """Register the build's search language again, remembering its stems."""
    name = app.config.html_search_language or app.config.language or "en"
    language = _search_language(name)
    if language is not None:
        app.add_search_language(remembering_stems(language))


def setup_search(app: Sphinx) -> None:
    """Remember search stems for the whole build."""
    app.connect("builder-inited", remember_stems)
