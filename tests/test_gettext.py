"""Extraction for translators: page templates keep helper calls; strings.pot has keys."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from hoc.gettext import strings_catalog

STRINGS_ROOT = Path(__file__).parent / "roots" / "test-strings"


@pytest.mark.sphinx("gettext", testroot="strings", srcdir="strings-gettext", freshenv=True)
def test_page_templates_keep_helper_calls_not_their_english(app):
    app.build()
    pot = polib.pofile(str(Path(app.outdir) / "index.pot"))
    msgids = {entry.msgid for entry in pot}
    assert "Greeting: {hoc_s}`greeting`" in msgids
    assert "Link: [{hoc_s}`link_label`](/)" in msgids
    assert not any("Hello, organizer!" in msgid for msgid in msgids)


def test_strings_template_uses_the_key_as_context():
    catalog, problems = strings_catalog(STRINGS_ROOT / "_data" / "strings.yml",
                                        "source/_data/strings.yml")
    assert problems == []
    message = catalog.get("Over %{count} students in %{places}.", context="students")
    assert message is not None
    assert message.locations == [("source/_data/strings.yml", 4)]
    assert len(catalog) == 6
