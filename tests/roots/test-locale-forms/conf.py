# Every kind of message Sphinx's Locale transform handles: rST and MyST titles, named
# references and indirect targets, footnotes, citations, glossary terms, literal blocks,
# image alt text, index entries, lists, definition lists and tables.
extensions = ["myst_parser", "hoc"]
html_theme = "basic"
hoc_languages = ["en", "fr"]
hoc_translate_page = ""
locale_dirs = ["locale"]
gettext_compact = False
gettext_additional_targets = ["literal-block", "image", "index"]
exclude_patterns = ["_build", "_data", "locale"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["attrs_inline", "colon_fence", "deflist"]
myst_heading_anchors = 3
