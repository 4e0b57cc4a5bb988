"""Sphinx's Locale transform, doing each piece of its work once (``hoc_fast_locale``).

Sphinx's ``Locale`` (``sphinx.transforms.i18n``, Sphinx 9.0.4) replaces every
translatable node's children with its translation, parsed as a document of its own.
Its costs that grow with the page rather than with the work:

- its first phase parses every message to find section titles and drops the others;
  its second phase parses them all again. :class:`HocLocale` keeps each dropped
  parse and gives it to the second phase when the text it would parse is the same;
- each translated section title renames the targets that referred to it by searching
  the whole page (``NodeMatcher(...).findall(document)``); here the page's named targets
  are indexed once (:class:`_TargetIndex`);
- each translated message is compared with its original five times, each comparison
  two searches of both trees for one kind of reference (footnotes, named references,
  citations, cross-references), nearly always finding none; here one walk of each tree
  tells which kinds are there, and only those comparisons run;
- it makes a document of its own for every message, a bare sentence included (here
  a bare sentence is made without, :func:`hoc.fastlocale.publish_plain`);
- its second phase walks the page again for the messages the first one found
  (here it takes the first one's list, and walks only the nodes it changes), and each
  walk makes a generator per node (here :mod:`hoc.translatable` walks without).

Everything else is Sphinx's code as it is, in the same order, with the same warnings;
tests/test_fast_locale.py checks that every page of every language comes out byte for
byte as with Sphinx's own transform (``-D hoc_fast_locale=0``), and fails when Sphinx's
transform changes, so that this copy is brought in line. The fix belongs in Sphinx.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from textwrap import indent
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.transforms import Transform
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term, split_term_classifiers
from sphinx.transforms.i18n import (
    Locale,
    TranslationProgressTotaliser,
    _NodeUpdater,
    _publish_msgstr,
    parse_noqa,
)
from sphinx.util.index_entries import split_index_msg
from sphinx.util.nodes import (
    IMAGE_TYPE_NODES,
    LITERAL_TYPE_NODES,
    traverse_translatable_index,
)

from hoc.page_translation import fetched_messages
from hoc.translatable import extract_messages

SPHINX_LOCALE_DIGEST = "84cf0d2f5ca089abdfba98e10dcc8d7e48befdb899ab7e35e67ccc5dbb92b4bf"
"""sha256 of the source of Sphinx's ``Locale.apply`` and
``_NodeUpdater.update_title_mapping`` this module follows (Sphinx 9.0.4)."""


class _TargetIndex:
    """The page's targets that refer to a name (``refname``), by that name: what
    ``update_title_mapping`` renames when a section title is translated."""

    def __init__(self, document: nodes.document) -> None:
        self._by_name: dict[str, list[nodes.target]] = {}
        self.add(document)

    def add(self, tree: nodes.Node) -> None:
        for target in tree.findall(nodes.target):
            refname = target.get("refname")
            if refname is not None:
                self._by_name.setdefault(refname, []).append(target)

    def rename(self, old_name: str, new_name: str) -> None:
        for target in self._by_name.pop(old_name, []):
            # Only targets still named so: one renamed earlier is filed under its
            # new name too (Sphinx searches the page for the current name).
            if target.get("refname") == old_name:
                target["refname"] = new_name
                self._by_name.setdefault(new_name, []).append(target)


_REFERENCE_KINDS = (nodes.footnote_reference, nodes.reference, nodes.citation_reference,
                    addnodes.pending_xref)


class _Updater(_NodeUpdater):
    """Sphinx's node updater, skipping comparisons of reference kinds neither tree has
    and renaming title targets through the page's index."""

    def __init__(self, node: nodes.Element, patch: nodes.Element,
                 document: nodes.document, noqa: bool, targets: _TargetIndex) -> None:
        super().__init__(node, patch, document, noqa)
        self.targets = targets

    def _has(self, kind: type[nodes.Node], kinds: set[type[nodes.Element]]) -> bool:
        return any(issubclass(found, kind) for found in kinds)

    def update_references(self) -> None:
        """The five comparisons of Locale's second phase, those that can find
        anything: with no such reference in either tree, each one does nothing."""
        kinds: set[type[nodes.Element]] = {
            type(found) for tree in (self.node, self.patch)
            for found in tree.findall(nodes.Element)
            if isinstance(found, _REFERENCE_KINDS)}
        if self._has(nodes.footnote_reference, kinds):
            self.update_autofootnote_references()
        if self._has(nodes.reference, kinds):
            self.update_refnamed_references()
        if self._has(nodes.footnote_reference, kinds):
            self.update_refnamed_footnote_references()
        if self._has(nodes.citation_reference, kinds):
            self.update_citation_references()
        if self._has(addnodes.pending_xref, kinds):
            self.update_pending_xrefs()

    def update_title_mapping(self) -> bool:
        """Sphinx's, with the targets found through the index."""
        processed = False  # skip flag

        # update title(section) target name-id mapping
        if isinstance(self.node, nodes.title) and isinstance(self.node.parent,
                                                             nodes.section):
            section_node = self.node.parent
            new_name = nodes.fully_normalize_name(self.patch.astext())
            old_name = nodes.fully_normalize_name(self.node.astext())

            if old_name != new_name:
                # if name would be changed, replace node names and
                # document nameids mapping with new name.
                names: list[str] = section_node.setdefault("names", [])
                names.append(new_name)
                # Original section name (reference target name) should be kept to
                # refer from other nodes which is still not translated or uses
                # explicit target name.
                _id = self.document.nameids.get(old_name, None)
                explicit = self.document.nametypes.get(old_name, None)
                if _id:
                    if not explicit:
                        # _id was not duplicated: remove old_name entry from document
                        # ids database to reuse original _id.
                        self.document.nameids.pop(old_name, None)
                        self.document.nametypes.pop(old_name, None)
                        self.document.ids.pop(_id, None)
                    # re-entry with new named section node.
                    self.document.note_implicit_target(section_node)

                # replace target's refname to new target name
                self.targets.rename(old_name, new_name)

                processed = True

        return processed


_AFTER_LOCALE: WeakKeyDictionary[nodes.document, tuple[list[tuple[nodes.Element, str]],
                                                       int]] = WeakKeyDictionary()
"""Per page: the messages phase 2 went through, and how many transforms had run."""

UNCHANGING_TRANSFORMS: set[type[Transform]] = {TranslationProgressTotaliser}
"""Transforms that may run between the Locale and the fallback marking (priorities 21
to 25) without changing which nodes are messages; one that may change them calls
:func:`forget_messages` when it does (hoc.conditions.SelectBranches)."""


def messages_after_locale(document: nodes.document) -> list[tuple[nodes.Element, str]]:
    """The page's messages as a walk now finds them (``extract_messages``), without
    the walk when the Locale's second phase went through them a moment ago and nothing
    has changed the page since."""
    handed = _AFTER_LOCALE.pop(document, None)
    if handed is not None:
        messages, ran = handed
        since = document.transformer.applied[ran + 1:]  # the Locale itself, then these
        if all(transform in UNCHANGING_TRANSFORMS for _, transform, _, _ in since):
            return messages
    return list(extract_messages(document))


def forget_messages(document: nodes.document) -> None:
    """The page's messages have changed (nodes were moved or removed)."""
    _AFTER_LOCALE.pop(document, None)


def _own(node: nodes.Element, document: nodes.document) -> None:
    """Make ``document`` the document of the nodes ``node`` was just given (rendered in
    a message's own document), so the pickled doctree does not carry that document
    (and the build environment its settings hold)."""
    for found in node.findall():
        # docutils keeps a node's own document in ``_document`` (``document`` falls
        # back to the parent's), the reference the pickle would follow.
        own = getattr(found, "_document", None)
        if own is not None and own is not document:
            found.document = document


class _Phase2Walk:
    """The page's messages in the order a walk of the page finds them, from the list
    phase 1's walk made: a node given new children (:meth:`renewed`) is followed by the
    messages in those, and no longer by those in the children it had."""

    def __init__(self, found: list[tuple[nodes.Element, str]]) -> None:
        self._pending = deque(found)

    def __iter__(self) -> Iterator[tuple[nodes.Element, str]]:
        while self._pending:
            yield self._pending.popleft()

    def renewed(self, node: nodes.Element) -> None:
        """``node`` has just been given new children."""
        pending = self._pending
        # A former child keeps its parent (update_leaves does not clear it).
        while pending and _descends(pending[0][0], node):
            pending.popleft()
        inside = [(found, msg) for found, msg in extract_messages(node) if found is not node]
        pending.extendleft(reversed(inside))


def _descends(node: nodes.Node, ancestor: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


class HocLocale(Locale):
    """Sphinx's ``Locale``, each parse and each search done once (see the module)."""

    def apply(self, **kwargs: Any) -> None:
        if not self.config.hoc_fast_locale:
            super().apply(**kwargs)
            return
        settings, source = self.document.settings, self.document["source"]
        msgstr = ""

        # fetch translations (those the page's parse fetched, when it did)
        merged = fetched_messages(self.document, self.env)
        if merged is None:
            return

        targets = _TargetIndex(self.document)
        # What phase 1 parsed and dropped, per node: phase 2 takes it when it would
        # parse the same text (the nodes are moved, so each parse is used once).
        dropped: dict[int, tuple[str, nodes.Element]] = {}

        from hoc.fastlocale import publish_plain  # (it registers this transform)

        def publish(text: str, node: nodes.Element) -> nodes.Element:
            # A bare text is made without a document of its own (same nodes).
            plain = publish_plain(text, source, node.line, settings, self.document)
            if plain is not None:
                return plain
            return _publish_msgstr(text, source, node.line,  # type: ignore[arg-type]
                                   config=self.config, env=self.env,
                                   registry=self.env._registry, settings=settings)

        # phase1: replace reference ids with translated names
        # The walk goes on into the children phase 1 gives a node (a translated title's),
        # so it finds what a walk after phase 1 would: phase 2 starts from the same list.
        found: list[tuple[nodes.Element, str]] = []
        for node, msg in extract_messages(self.document):
            found.append((node, msg))
            if node.get("translated"):
                continue  # translated as the page was read (hoc.page_translation)
            msgstr = merged.get(msg, "")

            # There is no point in having noqa on literal blocks because
            # they cannot contain references.  Recognizing it would just
            # completely prevent escaping the noqa.  Outside of literal
            # blocks, one can always write a backslash before the noqa mark.
            if not isinstance(node, LITERAL_TYPE_NODES):
                msgstr, _ = parse_noqa(msgstr)

            if not msgstr.strip():
                # as-of-yet untranslated
                node["translated"] = False
                continue
            if msgstr == msg:
                # identical source and translated messages
                node["translated"] = True
                continue

            # Avoid "Literal block expected; none found." warnings.
            if msgstr.strip().endswith("::"):
                msgstr += "\n\n   dummy literal"
                # dummy literal node will discard by 'patch = patch[0]'

            # literalblock need literal block notation to avoid it become
            # paragraph.
            if isinstance(node, LITERAL_TYPE_NODES):
                msgstr = "::\n\n" + indent(msgstr, " " * 3)

            patch = publish(msgstr, node)
            # FIXME: no warnings about inconsistent references in this part
            # XXX doctest and other block markup
            if not isinstance(patch, nodes.paragraph):
                dropped[id(node)] = (msgstr, patch)
                continue  # skip for now

            updater = _Updater(node, patch, self.document, noqa=False, targets=targets)
            processed = updater.update_title_mapping()

            # glossary terms update refid
            if isinstance(node, nodes.term):
                for _id in node["ids"]:
                    term, first_classifier = split_term_classifiers(msgstr)
                    patch = publish(term or "", node)
                    updater.patch = make_glossary_term(
                        self.env, patch, first_classifier, source,
                        node.line, _id, self.document)  # type: ignore[arg-type]
                    processed = True

            # update leaves with processed nodes
            if processed:
                updater.update_leaves()
                _own(node, self.document)
                targets.add(node)
                node["translated"] = True  # to avoid double translation
            else:
                node["translated"] = False
                dropped[id(node)] = (msgstr, patch)

        # phase2: translation
        # As the walk of the page goes: into the children a node is given here, not
        # into those it had (_Phase2Walk).
        walk = _Phase2Walk(found)
        after: list[tuple[nodes.Element, str]] = []  # the page's messages, translated
        for node, msg in walk:
            after.append((node, msg))
            if node.setdefault("translated", False):  # to avoid double translation
                continue  # skip if the node is already translated by phase1

            msgstr = merged.get(msg, "")
            noqa = False

            # See above.
            if not isinstance(node, LITERAL_TYPE_NODES):
                msgstr, noqa = parse_noqa(msgstr)

            if not msgstr or msgstr == msg:  # as-of-yet untranslated
                node["translated"] = False
                continue

            # update translatable nodes
            if isinstance(node, addnodes.translatable):
                node.apply_translated_message(msg, msgstr)
                continue

            # update meta nodes
            if isinstance(node, nodes.meta):
                node["content"] = msgstr
                node["translated"] = True
                continue

            if isinstance(node, nodes.image) and node.get("alt") == msg:
                node["alt"] = msgstr
                continue

            # Avoid "Literal block expected; none found." warnings.
            if msgstr.strip().endswith("::"):
                msgstr += "\n\n   dummy literal"
                # dummy literal node will discard by 'patch = patch[0]'

            # literalblock need literal block notation to avoid it become
            # paragraph.
            if isinstance(node, LITERAL_TYPE_NODES):
                msgstr = "::\n\n" + indent(msgstr, " " * 3)

            # Structural Subelements phase1
            # There is a possibility that only the title node is created.
            if isinstance(node, nodes.title):
                # This generates: <section ...><title>msgstr</title></section>
                msgstr = msgstr + "\n" + "=" * len(msgstr) * 2

            earlier = dropped.pop(id(node), None)
            patch = earlier[1] if earlier is not None and earlier[0] == msgstr \
                else publish(msgstr, node)
            # Structural Subelements phase2
            if isinstance(node, nodes.title):
                # get <title> node that placed as a first child
                patch = patch.next_node()  # type: ignore[assignment]

            # ignore unexpected markups in translation message
            unexpected: tuple[type[nodes.Element], ...] = (
                nodes.paragraph,  # expected form of translation
                nodes.title,  # generated by above "Subelements phase2"
            )

            # following types are expected if
            # config.gettext_additional_targets is configured
            unexpected += LITERAL_TYPE_NODES
            unexpected += IMAGE_TYPE_NODES

            if not isinstance(patch, unexpected):
                continue  # skip

            updater = _Updater(node, patch, self.document, noqa, targets=targets)
            updater.update_references()
            updater.update_leaves()
            _own(node, self.document)
            walk.renewed(node)

            # for highlighting that expects .rawsource and .astext() are same.
            if isinstance(node, LITERAL_TYPE_NODES):
                node.rawsource = node.astext()

            if isinstance(node, nodes.image) and node.get("alt") != msg:
                node["uri"] = patch["uri"]
                node["translated"] = False
                continue  # do not mark translated

            node["translated"] = True  # to avoid double translation

        _AFTER_LOCALE[self.document] = (after, len(self.document.transformer.applied))

        if "index" in self.config.gettext_additional_targets:
            # Extract and translate messages for index entries.
            for node, entries in traverse_translatable_index(self.document):
                new_entries: list[tuple[str, str, str, str, str | None]] = []
                for entry_type, value, target_id, main, _category_key in entries:
                    msg_parts = split_index_msg(entry_type, value)
                    msgstr_parts = []
                    for part in msg_parts:
                        msgstr = merged.get(part, "")
                        if not msgstr:
                            msgstr = part
                        msgstr_parts.append(msgstr)

                    new_entry = (entry_type, ";".join(msgstr_parts), target_id, main, None)
                    new_entries.append(new_entry)

                node["raw_entries"] = entries
                node["entries"] = new_entries
