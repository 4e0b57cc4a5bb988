"""Every Pegasus helper the pages use: rewritten to MyST, then built per country and language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import article, read_html, warnings_of
from hoc.core.conditions import (
    Both,
    Compare,
    Condition,
    ConditionError,
    Either,
    Include,
    Not,
    Text,
    Var,
    chosen_branch,
    evaluate,
    parse_condition,
    to_source,
)
from hoc.core.dates import CampaignDates, check_campaign_dates, format_campaign_date
from hoc.core.erb import rewrite
from hoc.core.erb_calls import ErbSettings
from hoc.core.share import Share, parse_share_block, share_urls

SETTINGS = ErbSettings(country="uk", host="events.example.org")


def myst(erb: str, **options: object) -> str:
    result = rewrite(erb, settings=SETTINGS, **options)  # type: ignore[arg-type]
    assert result.problems == [], result.problems
    return result.text


# -- helper calls and variables ------------------------------------------------------------

@pytest.mark.parametrize(("erb", "expected"), [
    ("Runs <%= campaign_date('short') %>.", "Runs {hoc_date}`short`."),
    ("Runs <%= campaign_date(\"full-year\") %>.", "Runs {hoc_date}`full-year`."),
    ("![map](<%= localized_image('/images/map.png') %>)", "![map](/images/map.png)"),
    ('<img src="<%= localized_image(\'/images/map.png\') %>">', '<img src="/images/map.png">'),
    ("[prizes](<%= hoc_uri('/prizes') %>)", "[prizes](/prizes)"),
    ("[learn](<%= codeorg_url('/learn') %>)", "[learn](https://code.org/learn)"),
    ('<a href="<%= resolve_url(\'/how-to/volunteers\') %>">help</a>',
     '<a href="/how-to/volunteers">help</a>'),
    ("In <%= @country %> today.", "In {hoc_setting}`country` today."),
    ("In <%= @language %> today.", "In {hoc_setting}`language` today."),
    ("On <%= request.host %>.", "On {hoc_setting}`host`."),
    ("On <%=request.site%>.", "On {hoc_setting}`host`."),
    ("[site](http://<%= request.host %>/us)", "[site](http://events.example.org/us)"),
    ('<a href="https://x.org/<%= @country %>/map">m</a>', '<a href="https://x.org/uk/map">m</a>'),
    ("Say <%= hoc_s(:motto).inspect %>.", 'Say "{hoc_s}`motto`".'),
    ("<%= hoc_s(:motto, markdown: true) %>", "{hoc_s}`motto`"),
])
def test_helpers_and_variables_become_myst(erb, expected):
    assert myst(erb + "\n") == expected + "\n"


def test_front_matter_gets_literal_values_and_keeps_quoted_keys():
    page = ('---\ntitle: <%= hoc_s(:t) %>\nsocial:\n  "og:url": "http://<%=request.host%>/x"\n'
            "---\n# H\n")
    assert myst(page) == ('---\ntitle: "{hoc_s}`t`"\nsocial:\n'
                          '  "og:url": "http://events.example.org/x"\n---\n# H\n')


@pytest.mark.parametrize(("erb", "line", "message"), [
    ("a\n\nb <%= campaign_date('weekly') %>.\n", 3, "unknown campaign_date format 'weekly'"),
    ("[x](/<%= campaign_date('short') %>)\n", 1, "campaign_date cannot stand inside a URL"),
    ("[x](/<%= @language %>/x)\n", 1, "@language differs per language"),
    ("<%= hoc_uri('/a', '/b') %>\n", 1, "hoc_uri takes one URL"),
])
def test_unconvertible_calls_are_located(erb, line, message):
    result = rewrite(erb, settings=SETTINGS)
    assert [p.line for p in result.problems] == [line]
    assert message in result.problems[0].message
    assert "<%" not in result.text


def test_default_settings_are_the_us_site():
    assert rewrite("[x](http://<%= request.host %>/<%= @country %>)\n").text == \
        "[x](http://hourofcode.com/us)\n"
    assert ErbSettings.from_config("fr", "https://example.net/sub/") == \
        ErbSettings("fr", "example.net")
    assert ErbSettings.from_config("", "") == ErbSettings()


# -- conditions ----------------------------------------------------------------------------

def test_inline_condition_keeps_every_branch_as_spans():
    erb = ("Ask <% if @country == 'us' %>here<% elsif @country=='uk' %>there<% else %>"
           "anywhere<% end %> now.\n")
    assert myst(erb) == (
        "Ask [here]{.hoc-if class=\"@country == 'us'\"}[there]{.hoc-elsif class=\"@country"
        " == 'uk'\"}[anywhere]{.hoc-else} now.\n")


def test_block_condition_keeps_lines_and_nests():
    erb = ("<% if @country == 'us' %>\n\nUS.\n\n<% if @language != 'fr' %>\nInner.\n<% end %>\n"
           "\n<% elsif %w(uk ie).include? @country %>\n\nIslands.\n\n<% else %>\n\nOthers.\n\n"
           "<% end %>\nAfter.\n")
    text = myst(erb)
    assert text == (
        ":::::{hoc-if} @country == 'us'\n\nUS.\n\n::::{hoc-if} @language != 'fr'\nInner.\n"
        "::::\n:::::\n:::::{hoc-elsif} ['uk', 'ie'].include?(@country)\n\nIslands.\n:::::\n"
        ":::::{hoc-else}\n\nOthers.\n\n:::::\nAfter.\n")
    assert len(text.splitlines()) == len(erb.splitlines())


def test_unless_and_else_without_blank_line():
    assert myst("<% unless @country == 'us' %>\nA\n<% else %>\nB\n<% end %>\n") == (
        "::::{hoc-if} !(@country == 'us')\nA\n::::\n::::{hoc-else}\nB\n::::\n")


def test_block_fence_is_longer_than_fences_inside():
    assert myst("<% if @country == 'us' %>\n:::::{note}\nN\n:::::\n<% end %>\n").startswith(
        "::::::{hoc-if}")


@pytest.mark.parametrize(("erb", "line", "message", "kept"), [
    ("x\n<% if @planet == 'mars' %>\nMars.\n<% end %>\n", 2, "unknown variable @planet",
     "Mars."),
    ("<% if @country = 'us' %>\nA.\n<% end %>\n", 1, "cannot read the condition", "A."),
    ("a\n<% if @country == 'us' %>\nOpen.\n", 2, "has no matching 'end'", "Open."),
    ("Close.\n<% end %>\n", 2, "has no matching 'if'", "Close."),
    ("<% if @country == 'us' %>\nA\n<% else %>\nB\n<% elsif @country == 'uk' %>\nC\n<% end %>\n",
     5, "follows 'else'", "C"),
    ("Start <% if @country == 'us' %>one\n\ntwo<% end %> end.\n", 1, "mixes tags", "two"),
])
def test_unreadable_conditions_keep_their_text(erb, line, message, kept):
    result = rewrite(erb)
    assert result.problems[0].line == line
    assert message in result.problems[0].message
    assert kept in result.text and "<%" not in result.text


@st.composite
def conditions(draw: st.DrawFn, depth: int = 3) -> Condition:
    variable = st.sampled_from([Var("country"), Var("language")])
    text = st.sampled_from([Text(v) for v in ("us", "uk", "fr", "en", "ca")])
    leaf = st.one_of(
        st.builds(Compare, st.sampled_from(["==", "!="]), variable, text),
        st.builds(Compare, st.sampled_from(["==", "!="]), text, variable),
        st.builds(Include, st.lists(st.sampled_from(["us", "uk", "fr"]), max_size=3)
                  .map(tuple), variable))
    if depth == 0:
        return draw(leaf)
    inner = conditions(depth - 1)
    return draw(st.one_of(leaf, st.builds(Not, inner), st.builds(Both, inner, inner),
                          st.builds(Either, inner, inner)))


def reference(condition: Condition, values: dict[str, str]) -> bool:
    """A second, independent reading: the condition as a Python expression."""
    source = to_source(condition).replace("&&", " and ").replace("||", " or ")
    source = source.replace("!=", "<>").replace("!", " not ").replace("<>", "!=")
    source = source.replace(".include?(@", " .__contains__(")
    for name, value in values.items():
        source = source.replace("@" + name, repr(value))
    source = source.replace(" .__contains__(", ".__contains__(")
    for name, value in values.items():
        source = source.replace(f".__contains__({name})", f".__contains__({value!r})")
    return bool(eval(source))  # built from our own generated tree, never from input


VALUES = st.fixed_dictionaries({"country": st.sampled_from(["us", "uk", "ca", "de"]),
                                "language": st.sampled_from(["en", "fr", "es"])})


@given(conditions(), VALUES)
def test_conditions_print_and_read_back_the_same(condition, values):
    assert parse_condition(to_source(condition)) == condition
    assert evaluate(condition, values) == reference(condition, values)


@given(conditions(), VALUES)
def test_negation_and_de_morgan(condition, values):
    assert evaluate(Not(condition), values) is not evaluate(condition, values)
    other = Compare("==", Var("country"), Text("us"))
    assert evaluate(Not(Both(condition, other)), values) == evaluate(
        Either(Not(condition), Not(other)), values)


@given(st.text(max_size=40))
def test_any_text_is_a_condition_or_a_condition_error(text):
    try:
        parsed = parse_condition(text)
    except ConditionError:
        return
    assert parse_condition(to_source(parsed)) == parsed


@given(st.lists(st.one_of(st.none(), conditions(1)), min_size=1, max_size=4), VALUES)
def test_the_first_branch_that_holds_is_chosen(branches, values):
    chosen = chosen_branch(branches, values)
    holds = [c is None or evaluate(c, values) for c in branches]
    assert chosen == (holds.index(True) if True in holds else None)


def test_condition_forms_the_pages_use():
    us = {"country": "us", "language": "en"}
    assert evaluate(parse_condition("['us', 'uk'].include?(@country)"), us)
    assert evaluate(parse_condition("!(@country == 'uk') and @language == 'en'"), us)
    assert not evaluate(parse_condition("@country != 'us' || (@language == 'fr')"), us)
    with pytest.raises(ConditionError, match="unknown variable @user"):
        parse_condition("@user == 'x'")


# -- share links ---------------------------------------------------------------------------

SHARE_BLOCK = """<%
  facebook = {:u=>"http://#{request.host}/us"}

  twitter = {:url=>"http://#{request.site}", :related=>'codeorg', :hashtags=>'',
             :text=>hoc_s(:tweet)}
  twitter[:hashtags] = 'CodeWeek' unless hoc_s(:tweet).include? '#CodeWeek'
%>
"""


def test_share_block_and_buttons_become_one_directive():
    result = rewrite("---\nx: 1\n---\n" + SHARE_BLOCK + "\n# Title\n\n"
                     "<%= view :share_buttons, facebook:facebook, twitter:twitter %>\n",
                     settings=SETTINGS)
    assert result.problems == []
    assert result.text.endswith(
        ':::{hoc-share}\n:facebook: "http://events.example.org/us"\n'
        ':url: "http://events.example.org"\n:related: "codeorg"\n:hashtags: "CodeWeek"\n'
        ':hashtags-unless: "#CodeWeek"\n:text: "tweet"\n:::\n')
    assert result.converted["share_buttons"] == 1


def test_share_block_without_buttons_is_reported():
    result = rewrite("a\n" + SHARE_BLOCK + "Text.\n")
    assert [(p.line, "no 'view :share_buttons'" in p.message) for p in result.problems] == \
        [(2, True)]
    assert "facebook" not in result.text and "Text." in result.text


def test_other_ruby_in_a_share_block_stays_a_warning():
    block = SHARE_BLOCK.replace("hoc_s(:tweet)}", "hoc_s(:tweet).gsub(/x/, donor)}")
    result = rewrite(block + "<%= view :share_buttons, facebook:facebook, twitter:twitter %>\n")
    assert [p.line for p in result.problems] == [1, 8]
    assert "cannot be read" in result.problems[0].message
    assert "needs the facebook" in result.problems[1].message


def test_share_urls_are_encoded_and_follow_the_hashtag_rule():
    share = parse_share_block(SHARE_BLOCK[2:-3], "h.org")
    assert share == Share("http://h.org/us", "http://h.org", "codeorg", "CodeWeek",
                          "#CodeWeek", "tweet")
    facebook, twitter = share_urls(share, "Join us & code!")
    assert facebook == "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fh.org%2Fus"
    assert twitter == ("https://twitter.com/intent/tweet?url=http%3A%2F%2Fh.org&related=codeorg"
                       "&hashtags=CodeWeek&text=Join%20us%20%26%20code%21")
    assert "hashtags" not in share_urls(share, "Join #CodeWeek")[1]


# -- partials, placeholders, the record of conversions -------------------------------------

def test_missing_partial_is_reported_only_when_it_can_be_checked():
    page = "a\n<%= view :nowhere %>\nb\n"
    assert "{include} /_partials/nowhere.md" in rewrite(page).text
    result = rewrite(page, partial_exists=lambda name: name == "present")
    assert result.text == "a\n\nb\n"
    assert result.problems[0].line == 2
    assert "partial 'nowhere' not found" in result.problems[0].message


def test_placeholders_of_partial_pages():
    page = ("See {{ urls/learn }} and {{urls/how-to/events}}, from {{ campaign_date/start_short }}"
            ".\n\n{{ social_media_block }}\n\n{{ not a name }}\n")
    result = rewrite(page, placeholders=True)
    assert result.text == ("See /learn and /how-to/events, from {hoc_date}`start-short`.\n\n"
                           "{hoc_s}`social_media_block`\n\n\n")
    assert [(p.line, "cannot map the placeholder {{ not a name }}" in p.message)
            for p in result.problems] == [(5, True)]
    assert rewrite(page).text == page


def test_conversions_are_counted():
    result = rewrite("<%= hoc_s(:a) %> <%= hoc_s(:b) %> <%= @country %>\n"
                     "<% if @country == 'us' %>x<% end %>\n<%= nope(1) %>\n")
    assert result.converted == {"hoc_s": 2, "@country": 1, "if (inline)": 1}
    assert [p.line for p in result.problems] == [3]


# -- dates ---------------------------------------------------------------------------------

WEEK = CampaignDates(date(2026, 12, 7), date(2026, 12, 13))


@pytest.mark.parametrize(("name", "language", "expected"), [
    ("short", "en", "Dec 7\u2009–\u200913"),
    ("short", "fr", "7–13 déc."),
    ("start-short", "en", "Dec 7"),
    ("start-long", "fr", "7 décembre"),
    ("year", "ar", "2026"),
    ("full-year", "es", "7–13 de diciembre de 2026"),
    ("start-short", "xx-unknown", "Dec 7"),
])
def test_campaign_dates_per_language(name, language, expected):
    assert format_campaign_date(WEEK, name, language) == expected


def test_campaign_date_checks():
    with pytest.raises(ValueError, match="unknown campaign_date format"):
        format_campaign_date(WEEK, "weekly", "en")
    assert check_campaign_dates({"start": "2026-12-07", "end": "2026-12-13"}) is None
    assert "ends before" in str(check_campaign_dates({"start": "2026-12-13",
                                                      "end": "2026-12-07"}))
    assert "YYYY-MM-DD" in str(check_campaign_dates({"start": "Dec 7", "end": "2026-12-13"}))
    assert "mapping" in str(check_campaign_dates(["2026-12-07"]))


# -- builds --------------------------------------------------------------------------------

def page_of(app, name: str = "index"):
    return article(read_html(Path(app.outdir) / f"{name}.html"))


def visible(body):
    """The page as a reader without JavaScript sees it: country branches for other
    countries (and the country picker, which needs JavaScript) are ``hidden``."""
    import copy

    shown = copy.copy(body)
    for element in shown.select("[hidden]"):
        element.decompose()
    for element in shown.select(".hoc-country-branch"):
        element.unwrap()  # its text reads on with the text around it
    shown.smooth()
    return shown


def erb_warnings(app) -> list[str]:
    return [line for line in warnings_of(app).splitlines()
            if "WARNING" in line or "CRITICAL" in line or "ERROR" in line]


@pytest.mark.sphinx("html", testroot="erb", srcdir="erb-en", freshenv=True)
def test_us_english_build(app):
    app.build()
    warnings = erb_warnings(app)
    assert not [w for w in warnings if "index.md" in w or "closing.md" in w], warnings
    page = page_of(app)
    body = visible(page)
    text = body.get_text(" ", strip=True)
    assert "runs Dec 7\u2009–\u200913 and starts December 7" in text
    assert "Your country code is us on events.example.org" in text
    assert "Ask a question at the national help desk today." in text
    assert "state prizes" in text
    for other in ("kingdom", "world help desk", "islands", "everyone else", "French readers",
                  "outside the US", "<%", "hoc-if"):
        assert other not in str(body)
    # Every country's branch stays in the page for its readers, labelled and hidden.
    branches = {" ".join(tag.get_text().split()): (tag.name, tag["data-hoc-countries"],
                                                    tag.has_attr("hidden"))
                for tag in page.select(".hoc-country-branch")}
    assert branches["A paragraph for the islands."] == ("div", "ie uk", True)
    assert branches["A paragraph for everyone else."] == ("div", "*", True)
    assert branches["A paragraph about state prizes."] == ("div", "us", False)
    assert branches["at the kingdom help desk"] == ("span", "uk", True)
    assert "French readers" not in str(page)  # a language branch: chosen by the build
    picker = page.find("form", class_="hoc-country-picker")
    assert [option["value"] for option in picker.find_all("option")] == [
        "ie", "uk", "us", "zz"]
    assert [option.get_text() for option in picker.find_all("option")] == [
        "Ireland", "United Kingdom", "United States", "Another country"]
    share = body.find("div", class_="hoc-share")
    links = [a["href"] for a in share.find_all("a")]
    assert links == [
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fevents.example.org%2Fus",
        "https://twitter.com/intent/tweet?url=http%3A%2F%2Fevents.example.org&related=codeorg"
        "&text=I%20am%20hosting%20a%20coding%20week%21%20%23CodingWeek"]


@pytest.mark.sphinx("html", testroot="erb", srcdir="erb-bad", freshenv=True)
def test_unconvertible_constructs_are_located_and_pages_build(app):
    app.build()
    warnings = "\n".join(erb_warnings(app))
    assert "CRITICAL" not in warnings
    assert "missing.md:8: WARNING: '<%= view :no_such_partial %>' was removed: partial " \
        "'no_such_partial' not found" in warnings
    assert "bad.md:6: WARNING: '<%= campaign_date('weekly') %>' was removed" in warnings
    assert "bad.md:6: WARNING: {hoc_date}: unknown campaign_date format 'monthly'" in warnings
    assert "bad.md:8: WARNING: cannot read the condition of '<% if @planet == 'mars' %>' " \
        "(unknown variable @planet" in warnings
    assert "bad.md:14: WARNING: {hoc-if}: cannot read the condition" in warnings
    assert "bad.md:18: WARNING: '<% if @country == 'us' %>' has no matching 'end'" in warnings
    assert "[hoc.erb]" in warnings
    missing = page_of(app, "missing").get_text(" ", strip=True)
    assert "Text before the partial. Text after the partial." in missing
    bad = page_of(app, "bad").get_text(" ", strip=True)
    for kept in ("after an unknown variable", "directive with a bad condition",
                 "of an unclosed branch"):
        assert kept in bad


@pytest.mark.sphinx("html", testroot="erb", srcdir="erb-uk", freshenv=True,
                    confoverrides={"hoc_country": "uk"})
def test_uk_build_shows_the_uk_branches(app):
    app.build()
    text = visible(page_of(app)).get_text(" ", strip=True)
    assert "Your country code is uk" in text
    assert "at the kingdom help desk" in text and "national" not in text
    assert "A paragraph for the islands." in text and "state prizes" not in text
    assert "Closing words from a partial outside the US." in text


@pytest.mark.sphinx("html", testroot="erb", srcdir="erb-fr", freshenv=True,
                    confoverrides={"language": "fr", "hoc_country": "uk"})
def test_french_build_translates_branches_dates_and_the_tweet(app):
    app.build()
    assert not [w for w in erb_warnings(app) if "index.md" in w], erb_warnings(app)
    body = page_of(app)
    text = visible(body).get_text(" ", strip=True)
    assert "runs 7–13 déc. and starts 7 décembre" in text
    assert "Posez une question au guichet du royaume aujourd’hui." in text
    assert "Un paragraphe pour les îles." in text
    assert "A paragraph only for French readers." in text
    assert "guichet national" not in text and "mondial" not in text
    twitter = body.find("a", class_="hoc-share-twitter")["href"]
    assert "text=J%E2%80%99organise%20une%20semaine%20du%20code%20%21" in twitter
    assert "hashtags=CodingWeek" in twitter  # the French text lacks the hashtag


@pytest.mark.sphinx("gettext", testroot="erb", srcdir="erb-gettext", freshenv=True)
def test_gettext_keeps_every_branch(app):
    app.build()
    pot = (Path(app.outdir) / "index.pot").read_text(encoding="utf-8")
    for text in ("A paragraph about state prizes.", "A paragraph for the islands.",
                 "A paragraph for everyone else.", "A paragraph only for French readers.",
                 "[at the national help desk]{.hoc-if class=\\\"@country == 'us'\\\"}"
                 "[at the kingdom help desk]", "[at the world help desk]{.hoc-else}",
                 "{hoc_date}`short`", "{hoc_setting}`country`", "[outside the US]"):
        assert text in pot
    assert "Facebook" not in pot


@pytest.mark.sphinx("html", testroot="erb", srcdir="erb-migrated", freshenv=True)
def test_a_migrated_page_builds_like_its_erb_page(app):
    source = Path(app.srcdir)
    settings = ErbSettings.from_config(app.config.hoc_country, app.config.hoc_base_url)
    migrated = rewrite((source / "index.md").read_text(encoding="utf-8"), settings=settings)
    assert migrated.problems == []
    (source / "migrated.md").write_text("---\norphan: true\n" + migrated.text[4:],
                                        encoding="utf-8")
    app.build()
    assert str(page_of(app, "migrated")) == str(page_of(app))


@pytest.mark.sphinx("html", testroot="erb", srcdir="erb-config", freshenv=True,
                    confoverrides={"hoc_campaign_dates": {"start": "2026-13-01", "end": "x"},
                                   "hoc_country": "United States"})
def test_bad_settings_are_config_warnings_and_defaults_apply(app):
    app.build()
    warnings = warnings_of(app)
    assert "hoc_campaign_dates has a date that is not YYYY-MM-DD" in warnings
    assert "hoc_country must be a lower-case country code" in warnings
    assert "[hoc.config]" in warnings
    text = page_of(app).get_text(" ", strip=True)
    assert "runs Dec 7\u2009–\u200913" in text and "country code is us" in text


def test_migrate_takes_the_settings_from_conf_py(tmp_path):
    from hoc.cli import main

    (tmp_path / "source").mkdir()
    (tmp_path / "conf.py").write_text('hoc_country = "ca"\n'
                                      'hoc_base_url = "https://codeweek.example.ca/"\n')
    page = tmp_path / "source" / "page.md"
    page.write_text("[home](http://<%= request.host %>/<%= @country %>) in <%= @country %>\n")
    partial = tmp_path / "source" / "list.md.partial"
    partial.write_text("Go to {{ urls/learn }}.\n")
    assert main(["migrate", str(page), str(partial)]) == 0
    assert page.read_text() == ("[home](http://codeweek.example.ca/ca) in "
                                "{hoc_setting}`country`\n")
    assert partial.read_text() == "Go to /learn.\n"


# -- anchors and column markers -----------------------------------------------------------

def test_anchors_become_targets_and_column_markers_go():
    text = ('Intro <%= hoc_s(:k) %>\n\n<a id="social"></a>\n## Social\n\n[col-33]\n\n'
            "<img src=\"/images/x.png\"/>\n\n[/col-33]\n\n<a name='old-name'></a>\nText\n")
    result = rewrite(text)
    assert result.text.splitlines() == [
        "Intro {hoc_s}`k`", "", "(social)=", "## Social", "", "", "",
        '<img src="/images/x.png"/>', "", "", "", "(old-name)=", "Text"]
    assert result.converted["anchor"] == 2
    assert result.converted["column marker"] == 2


def test_anchor_shown_as_code_is_left_alone():
    text = '```html\n<a id="x"></a>\n```\n'
    assert rewrite(text).text == text
