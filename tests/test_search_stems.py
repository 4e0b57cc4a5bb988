"""Search stems remembered for the build (hoc.search) are Sphinx's own stems."""

from __future__ import annotations

import pytest
from sphinx.search import SearchLanguage

from hoc.search import _search_language, remembering_stems

WORDS = ["élèves", "enseignants", "programmation", "événements", "élèves", "Écoles",
         "students", "teachers", "coding", "students", "running", "ran"]


@pytest.mark.parametrize("name", ["en", "fr", "es", "pt_BR", "de"])
def test_remembered_stems_are_the_languages_own(name):
    language = _search_language(name)
    assert language is not None and issubclass(language, SearchLanguage)
    remembering = remembering_stems(language)
    assert remembering_stems(remembering) is remembering
    theirs, ours = language({}), remembering({})
    assert [ours.stem(word) for word in WORDS] == [theirs.stem(word) for word in WORDS]
    assert set(ours._stems) == set(WORDS)  # type: ignore[attr-defined]
    assert ours.lang == theirs.lang and ours.js_stemmer_rawcode == theirs.js_stemmer_rawcode

