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
