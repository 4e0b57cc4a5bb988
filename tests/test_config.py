"""hoc_* configuration values: wrong values warn and fall back to the default."""

from __future__ import annotations

import pytest

from conftest import warnings_of


@pytest.mark.sphinx("html", testroot="links", srcdir="config-bad", freshenv=True,
                    confoverrides={"hoc_base_url": "not a url", "hoc_language_path": "../x/",
                                   "hoc_translation_threshold": 3.0,
                                   "hoc_languages": []})
def test_bad_values_warn_and_use_defaults(app):
    warnings = warnings_of(app)
    assert "hoc_base_url must be an absolute http(s) URL or empty, not 'not a url'" in warnings
    assert "hoc_language_path must contain {lang}, not '../x/'" in warnings
    assert "hoc_translation_threshold must be a share between 0 and 1, not 3.0" in warnings
    assert "hoc_languages must be a non-empty list of language codes" in warnings
    assert "[hoc.config]" in warnings
    assert app.config.hoc_base_url == ""
    assert app.config.hoc_language_path == "../{lang}/"
    assert app.config.hoc_translation_threshold == 0.8
    assert app.config.hoc_languages == ["en"]
    app.build()


def test_a_language_code_babel_does_not_know_is_a_located_config_warning(make_app, tmp_path,
                                                                      rootdir):
    """Pegasus's own ``cn`` in ``hoc_languages``, and as the build's language: a
    ``hoc.config`` warning at conf.py's line, and the build goes on."""
    import shutil
    from pathlib import Path

    srcdir = tmp_path / "languages-cn"
    shutil.copytree(rootdir / "test-languages", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        'hoc_languages = ["en", "fr", "ar"]', 'hoc_languages = ["en", "fr", "ar", "cn"]'),
        encoding="utf-8")
    line = conf.read_text(encoding="utf-8").splitlines().index(
        'hoc_languages = ["en", "fr", "ar", "cn"]') + 1
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"language": "cn"})
    app.build()
    warnings = warnings_of(app)
    assert f"{conf}:{line}: WARNING: hoc_languages: 'cn' is not a language code babel " \
           "knows (Pegasus's 'cn' is 'zh_CN'); it is left out of the site's languages " \
           "[hoc.config]" in warnings
    assert app.config.hoc_languages == ["en", "fr", "ar"]
    assert (Path(app.outdir) / "index.html").is_file()


@pytest.mark.sphinx("html", testroot="links", srcdir="config-pegasus-languages",
                    freshenv=True, confoverrides={
                        "hoc_pegasus_languages": {"ch": "de_CH", "xx": "not-a-language"}})
def test_pegasus_language_table_entries_must_be_standard_codes(app):
    warnings = warnings_of(app)
    assert "hoc_pegasus_languages: 'xx' → 'not-a-language': the standard code must be " \
           "one babel knows" in warnings
    assert app.config.hoc_pegasus_languages == {"ch": "de_CH"}
