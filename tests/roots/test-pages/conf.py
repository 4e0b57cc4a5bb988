extensions = ["myst_parser", "hoc"]
hoc_languages = ["en", "fr"]
locale_dirs = ["locale"]
gettext_compact = False
smartquotes = False
exclude_patterns = ["_build", "_data"]
html_theme = "furo"
hoc_translate_page = ""
