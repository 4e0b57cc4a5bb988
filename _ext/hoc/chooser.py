"""The root page of the published site: choose a language.

``_build/html/index.html`` lists every language by its own name (from CLDR via babel)
and sends a browser that has not chosen yet to the language it prefers.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from hoc.core.languages import direction, native_name


def render_chooser(languages: list[str], title: str) -> str:
    """The chooser page; the first language is the default for unknown preferences."""
    items = "\n".join(
        f'      <li><a href="{html.escape(lang)}/index.html" hreflang="{html.escape(lang)}" '
        f'lang="{html.escape(lang)}" dir="{direction(lang)}">'
        f"{html.escape(native_name(lang))}</a></li>"
        for lang in languages
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{html.escape(code)}" '
        f'href="{html.escape(lang)}/index.html">'
        for code, lang in [*((lang, lang) for lang in languages), ("x-default", languages[0])]
    )
    script = (
        "const langs = " + json.dumps(languages) + ";\n"
        "    const wanted = (navigator.languages || [navigator.language || ''])\n"
        "      .map((l) => l.toLowerCase().split('-')[0]).find((l) => langs.includes(l));\n"
        "    if (!new URLSearchParams(location.search).has('choose')) {\n"
        "      location.replace((wanted || langs[0]) + '/index.html');\n"
        "    }"
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(languages[0])}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(title)}</title>
{alternates}
  <style>
    body {{ font-family: system-ui, sans-serif; margin: 0; display: grid;
           place-items: center; min-height: 100vh; background: #f7f7f9; color: #222; }}
    main {{ text-align: center; padding: 2rem; }}
    ul {{ list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem;
          justify-content: center; }}
    a {{ display: block; padding: 0.8rem 1.6rem; border-radius: 0.5rem; background: #fff;
         border: 1px solid #ccd; color: #0a58ca; text-decoration: none; font-size: 1.2rem; }}
    a:hover, a:focus {{ border-color: #0a58ca; }}
  </style>
  <script>
    {script}
  </script>
</head>
<body>
  <main>
    <h1>{html.escape(title)}</h1>
    <ul>
{items}
    </ul>
  </main>
</body>
</html>
"""


def write_chooser(outdir: Path, languages: list[str], title: str) -> Path:
    """Write ``outdir/index.html`` and return its path."""
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / "index.html"
    path.write_text(render_chooser(languages, title), encoding="utf-8")
    return path
