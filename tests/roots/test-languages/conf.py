extensions = ["myst_parser", "sphinxext.opengraph", "notfound.extension", "hoc"]
hoc_languages = ["en", "fr", "ar"]
hoc_base_url = "https://hoc.example.org/"
locale_dirs = ["locale"]
gettext_compact = False
smartquotes = False
exclude_patterns = ["_build", "_data"]
html_theme = "furo"
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/search.html",
                        "sidebar/hoc-languages.html", "sidebar/navigation.html"]}
ogp_social_cards = {"enable": False}
