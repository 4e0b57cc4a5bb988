extensions = ["myst_parser", "hoc"]
hoc_languages = ["en", "fr"]
hoc_translate_page = ""
smartquotes = False
exclude_patterns = ["_build", "_data", "_partials", "files"]
html_theme = "furo"
myst_enable_extensions = ["attrs_inline", "colon_fence", "deflist"]
