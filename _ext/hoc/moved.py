"""Links to a moved page's old address lead to the page where it is now.

Pegasus pages moved over the years and left ``.redirect`` and ``.moved`` files behind
(``resources/promote.moved`` says ``promote/resources``); older pages still link to the
old addresses (``/resources/promote#sample-emails``). ``hoc import-site`` writes those
moves to ``source/_data/redirects.yml`` (``hoc_redirects_file``), which also answers
the old URLs in the published site (:mod:`hoc.redirects`). A site link whose page does
not exist is followed through the same redirects before it is called unknown: the link
then goes to the page it moved to, with its own anchor (or the redirect's), in the
reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.environment import BuildEnvironment

from hoc.config import hoc_config, source_path
from hoc.core.madefrom import file_stamp
from hoc.core.oldurls import RedirectConfig, load_redirects

MAX_HOPS = 8
"""Redirects followed from one link at most (a loop in the file ends there)."""

_ATTRIBUTE = "_hoc_moved_pages"


@dataclass(frozen=True)
class _Loaded:
    stamp: tuple[int, ...] | None
    config: RedirectConfig


def _redirects(env: BuildEnvironment) -> RedirectConfig:
    """The site's redirects, read once per build and version of the file (kept on the
    environment; problems in the file are reported by :mod:`hoc.redirects`)."""
    path = source_path(env, hoc_config(env).redirects_file)
    stamp = tuple(file_stamp(path)) if path.is_file() else None
    loaded: _Loaded | None = getattr(env, _ATTRIBUTE, None)
    if loaded is None or loaded.stamp != stamp:
        config, _ = load_redirects(path)
        loaded = _Loaded(stamp, config)
        setattr(env, _ATTRIBUTE, loaded)
    return loaded.config


def moved_to(env: BuildEnvironment, path: str, anchor: str) -> str | None:
    """Where the old site path ``path`` moved, as a site link (``/promote/resources
    #sample-emails``) or an absolute URL; ``None`` when no redirect names it. The link's
    own anchor wins over the redirect's."""
    redirects = _redirects(env).redirects
    current = path.rstrip("/") or "/"
    fragment = anchor
    for _ in range(MAX_HOPS):
        target = redirects.get(current)
        if target is None:
            break
        if target.startswith(("http://", "https://")):
            return target
        target_path, _, target_fragment = target.partition("#")
        current = target_path.rstrip("/") or "/"
        fragment = fragment or target_fragment
    else:
        return None
    if current == (path.rstrip("/") or "/"):
        return None
    return f"{current}#{fragment}" if fragment else current
