"""The pass registry: name -> PassSpec, in the default order of ``corpus-clean run``.

Order matters where passes interact: reader comments and pasted tweets look like
trailing boilerplate and link-heavy blocks, so they are taken out of the body before
``boilerplate`` judges what is left.
"""

from __future__ import annotations

from . import boilerplate, comments, encoding, tweets
from .base import Expander, PassFunction, PassOption, PassSpec

PASSES: dict[str, PassSpec] = {
    spec.name: spec for spec in (encoding.SPEC, comments.SPEC, tweets.SPEC, boilerplate.SPEC)
}

__all__ = ["PASSES", "Expander", "PassFunction", "PassOption", "PassSpec"]
