"""English left inside translated messages: found, marked lang="en", and counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes

from conftest import article, read_html
from hoc.core.mixed import (
    BRANDS,
    MIN_WORDS,
    SCREEN,
    THRESHOLD,
    MixedText,
    detector,
    sentences,
    without_names,
)
from hoc.mixed import mark_spans, prose

SEED_MIXED = (
    "**Provide a sample logistics plan for schools.** Share this sample logistics plan "
    "with schools to give them ideas of how to organize whole school participation. "
    "Il est possible d'organiser Une Heure de Code durant les cours de mathématiques, "
    "les ateliers du midi ou bien dans une salle informatique."
)


def english_of(finder: MixedText, text: str) -> list[str]:
    return [text[span.start:span.end] for span in finder.english_spans(text)]


def test_the_seeds_english_sentences_are_found_and_its_french_ones_are_not():
    found = english_of(MixedText("fr"), SEED_MIXED)
    assert len(found) == 1
    assert found[0].startswith("**Provide a sample logistics plan")
    assert found[0].endswith("whole school participation.")


@pytest.mark.parametrize("language, text", [
    ("fr", "Partagez la vidéo Hour of Code sur Facebook et sur Code.org avec vos élèves."),
    ("fr", "Rejoignez l'Hour of Code : inscrivez votre événement sur Code.org dès demain !"),
    ("fr", "Organisez un week-end de hackathon avec Code Studio et Minecraft."),
    ("fr", "Le meeting du lundi est un vrai best-of : stand-up, brainstorming et e-mail."),
    ("fr", "Téléchargez le kit sur https://hourofcode.com/files/kit.pdf avant lundi."),
    ("es", "Comparte el video de la Hora del Código en Facebook y en Code.org con tu clase."),
    ("ar", "شارك فيديو Hour of Code على Facebook مع طلابك في الفصل."),
])
def test_brand_names_loanwords_and_addresses_are_not_english(language, text):
    assert english_of(MixedText(language), text) == []


def test_a_message_left_wholly_in_english_is_all_english():
    finder = MixedText("es")
    text = "Promote on your district's homepage. Let visitors know about your events."
    assert finder.is_all_english(text)
    assert not finder.is_all_english("Promociona tu evento. Let visitors know about it now.")


def test_english_itself_and_unknown_languages_mark_nothing():
    assert MixedText("en").english_spans("Share this sample plan with every school.") == ()
    assert MixedText("tlh").english_spans("Share this sample plan with every school.") == ()


def test_a_sentence_several_messages_share_is_judged_once(monkeypatch):
    model = detector("fr")
    asked: list[str] = []

    class Counting:
        def compute_language_confidence(self, sentence, language):
            asked.append(sentence)
            return model.screen.compute_language_confidence(sentence, language)

    counting = type(model)(screen=Counting(), judge=model.judge, english=model.english)
    monkeypatch.setattr("hoc.core.mixed.detector", lambda language: counting)
    finder = MixedText("fr")
    shared = "Share this sample logistics plan with every school in your district."
    first = english_of(finder, f"Le plan est prêt pour les écoles. {shared}")
    second = english_of(finder, f"{shared} Les écoles peuvent le télécharger dès lundi.")
    assert first == second == [shared]
    assert asked.count(shared) == 1
    assert len(asked) == 3  # the shared sentence and each message's French one


def test_too_few_words_to_judge():
    # Three words of their own, brands aside: too little to tell languages apart.
    assert english_of(MixedText("fr"), "Download the Hour of Code kit.") == []


def test_sentences_and_names():
    text = "Premier point.  Second one: a clause; last… Fin"
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "Premier point.", "Second one: a clause; last…", "Fin"]
    assert "Code.org" not in without_names("Visit Code.org and example.com/page", ("Code.org",))


def _judged_sentences(language: str) -> list[str]:
    """The sentences lingua is asked about: of every msgid and msgstr of our catalogs
    (the site's and the tests' PO files), brands left out, long enough to judge."""
    import polib

    root = Path(__file__).parent.parent
    texts: list[str] = []
    for path in [*root.glob(f"locale/{language}/LC_MESSAGES/**/*.po"),
                 *root.glob("tests/**/*.po")]:
        for entry in polib.pofile(str(path)):
            texts += [entry.msgid, entry.msgstr]
    judged = []
    for text in texts:
        for span in sentences(text):
            rest = without_names(text[span.start:span.end], BRANDS)
            if len(re.findall(r"[^\W\d_]{2,}", rest)) >= MIN_WORDS:
                judged.append(rest)
    return judged


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_screen_lets_through_every_sentence_the_judge_holds_english(language):
    """The low-accuracy screen never hides an English sentence from the high-accuracy
    judge: on every sentence of our catalogs (English msgids and their translations),
    screened and unscreened verdicts agree, with a wide margin."""
    model = detector(language)
    assert model is not None
    judged = _judged_sentences(language)
    assert len(judged) > 300
    english = [sentence for sentence in judged
               if model.judge.compute_language_confidence(sentence, model.english)
               >= THRESHOLD]
    assert len(english) > 100
    screened = [model.screen.compute_language_confidence(sentence, model.english)
                for sentence in english]
    assert min(screened) > SCREEN + 0.3
    assert [s for s in judged if model.is_english(s, THRESHOLD)] == english


def test_marking_wraps_only_the_english_characters_and_leaves_code_alone():
    paragraph = nodes.paragraph("", "", nodes.strong("", "Bring kits."),
                                nodes.Text(" Use "), nodes.literal("", "hoc make"),
                                nodes.Text(" now. Fin."))
    text = prose(paragraph)
    assert text == "Bring kits. Use          now. Fin."
    english_end = text.index("now.") + len("now.")
    from hoc.core.mixed import Span

    mark_spans(paragraph, (Span(0, english_end),), "en")
    marked = [node.astext() for node in paragraph.findall(nodes.inline)
              if "language-en" in node["classes"]]
    assert marked == ["Bring kits.", " Use ", " now."]
    assert paragraph.astext() == "Bring kits. Use hoc make now. Fin."
    code = next(iter(paragraph.findall(nodes.literal)))
    assert not any(isinstance(parent, nodes.inline) for parent in [code.parent])


def test_the_shipped_french_districts_page_marks_the_seeds_english(site):
    """On the built site: the seed's English sentences are lang="en", its French is not."""
    page = article(read_html(site / "fr" / "how-to" / "districts.html"))
    marked = " ".join(" ".join(tag.get_text().split()) for tag in page.select('[lang="en"]'))
    assert "Provide a sample logistics plan for schools." in marked
    assert "More prizes for EVERY organizer." in marked
    assert "Il est possible d'organiser" not in marked
    assert "Dans chaque état" not in marked
    french = next(p for p in page.find_all(["p", "li"])
                  if "Il est possible d'organiser" in p.get_text())
    assert french.get("lang") is None


def test_the_status_page_counts_partly_translated_messages(site):
    """The shipped status page, in French: the seed's three messages that keep English
    sentences count as partly translated, in the legend, the row and the bar."""
    soup = read_html(site / "fr" / "status.html")
    legend = soup.select_one(".hoc-status-legend").get_text(" ")
    assert "en partie traduits" in legend
    french = soup.select_one('section.hoc-status-language[lang="fr"]')
    row = next(tr for tr in french.select("table.hoc-status-pages tr")
               if tr.find("code").get_text() == "how-to/districts")
    assert "3 en partie traduits" in row.get_text(" ")
    titles = [title.get_text() for title in french.select("svg title")]
    assert any(title.startswith("en partie traduits: ") for title in titles)
    assert not any(title.startswith(("translated", "partly")) for title in titles)


@pytest.mark.parametrize("text", [
    "Une phrase simple, sans rien d'autre.",
    "Avec `du code`, de l'*emphase*, du **gras** et [un lien](https://example.org).",
    "Deux lignes\nqui se suivent, 10 < 20 &amp; plus.",
    "Une image ![alt](x.png) au milieu. Puis la suite.",
])
def test_the_prose_of_a_translation_is_foreseen_from_its_tokens(text):
    """What the process checking catalogs ahead judges (hoc.mixed.prejudge) is the
    text the page shows: the whole of it, or the part before what it cannot foresee."""
    from docutils.core import publish_doctree
    from docutils.nodes import paragraph
    from myst_parser.parsers.docutils_ import Parser

    from hoc.core.guard import myst_parser
    from hoc.mixed import prose, shown_text

    rendered = publish_doctree(text, parser=Parser(),
                               settings_overrides={"report_level": 5})
    shown = prose(next(iter(rendered.findall(paragraph))))
    foreseen, whole = shown_text(text, myst_parser(frozenset()))
    assert whole == ("![" not in text)
    assert shown == foreseen if whole else shown.startswith(foreseen)


def test_a_string_table_call_is_foreseen_as_the_page_holds_it_when_marked():
    """A ``hoc_s`` call's node holds the call's text until the page is written, after
    the English left is marked: that text is the prose of its sentence."""
    from hoc.core.guard import myst_parser
    from hoc.mixed import shown_text

    parser = myst_parser(frozenset())
    assert shown_text("Voyez la chaîne {hoc_s}`greeting`. Fin.", parser) == \
        ("Voyez la chaîne greeting. Fin.", True)
    assert shown_text("Voyez {doc}`index` ici.", parser) == ("Voyez ", False)
