"""``hoc_s``: strings from the string table, in the page's language.

Authors write ``{hoc_s}`key``` (or ``{hoc_s}`key name=value``` to fill ``%{name}``)
inline, in link text and in a front-matter ``title``. The role leaves a placeholder
node that survives gettext extraction and the Locale transform unchanged, and is
replaced by the text after translation, so that a paragraph's msgid shows the key,
not the English text of the moment.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from hoc.core.strings import CALL, Lookup, fill_placeholders, parse_call
from hoc.state import BuildState, build_state, note_string_use
from hoc.warnings_ import HocWarning, warn


class hoc_string(nodes.Inline, nodes.TextElement):
    """A pending ``hoc_s`` call: ``key`` and ``values``; its text is the raw call."""


def hoc_s_role(name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
               options: dict[str, Any] | None = None, content: list[str] | None = None,
               ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Parse ``key name=value ...`` now, so a malformed call is reported at its line."""
    node = hoc_string(rawtext, text, call=text)
    node.line = lineno
    return [node], []


def _language_inline(lookup: Lookup, page_language: str) -> nodes.Node:
    """The text, wrapped as ``<span lang="en">`` when it fell back to another language."""
    if lookup.language == page_language:
        return nodes.Text(lookup.text)
    return nodes.inline("", lookup.text, classes=[f"language-{lookup.language}"])


def resolve_call(state: BuildState, call: str, location: Any) -> Lookup | None:
    """Look up a ``hoc_s`` call, warning (located) about anything wrong with it."""
    try:
        key, values = parse_call(call)
    except ValueError as exc:
        warn(f"malformed hoc_s call: {exc}", HocWarning.STRING, location=location)
        return None
    found = state.strings.lookup(key)
    if found is None:
        warn(f"unknown string key {key!r} (not in {state.strings_source})",
             HocWarning.STRING, location=location)
        return None
    text, missing = fill_placeholders(found.text, values)
    if missing:
        warn(f"string {key!r} needs a value for %{{{missing[0]}}}",
             HocWarning.STRING, location=location)
    return Lookup(text, found.language)


def resolve_text(state: BuildState, text: str, location: Any) -> Lookup:
    """Replace every ``{hoc_s}`...``` in a plain string (such as a front-matter title).

    The result's language is the source language when any part fell back to it.
    """
    language = state.strings.language

    def replace(match: Any) -> str:
        nonlocal language
        found = resolve_call(state, match.group(1), location)
        if found is None:
            return str(match.group(1)).split()[0] if match.group(1).strip() else ""
        if found.language != state.strings.language:
            language = found.language
        return found.text

    return Lookup(CALL.sub(replace, text), language)


def _note_call(env: BuildEnvironment, call: str) -> None:
    """Remember the key a page uses, so that editing it rebuilds the page."""
    words = call.split()
    if words:
        note_string_use(env, words[0])


def lookup_for_page(env: BuildEnvironment, call: str, location: Any) -> Lookup | None:
    """:func:`resolve_call` for the page being read, noting the key it uses."""
    _note_call(env, call)
    return resolve_call(build_state(env), call, location)


def text_for_page(env: BuildEnvironment, text: str, location: Any) -> Lookup:
    """:func:`resolve_text` for the page being read, noting the keys it uses."""
    for match in CALL.finditer(text):
        _note_call(env, match.group(1))
    return resolve_text(build_state(env), text, location)


class ResolveStrings(SphinxTransform):
    """Replace each ``hoc_string`` with its text in the build language."""

    # 30: after Sphinx's Locale transform (20), which may bring new hoc_s calls in
    # translated paragraphs, and before the doctree is pickled.
    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        calls = list(self.document.findall(hoc_string))
        if not calls:
            return
        state = build_state(self.env)
        for node in calls:
            _note_call(self.env, node["call"])
            found = resolve_call(state, node["call"], node)
            if found is None:
                replacement: nodes.Node = nodes.inline(
                    "", node["call"].split()[0] if node["call"].strip() else "",
                    classes=["hoc-missing-string"])
            else:
                replacement = _language_inline(found, state.strings.language)
            node.replace_self(replacement)


def setup_strings(app: Sphinx) -> None:
    """Register the ``hoc_s`` role, its node and the transform that resolves it."""
    app.add_node(hoc_string)
    app.add_role("hoc_s", hoc_s_role)
    app.add_transform(ResolveStrings)
