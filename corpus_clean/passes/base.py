"""The one step abstraction: a pass is a pure function ``Record -> Record``.

A :class:`PassSpec` names a pass, describes it in one line, declares the options it
takes (as plain data, so the CLI can turn them into flags without the pass knowing
about click) and builds the function from those options.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..record import Record

PassFunction = Callable[[Record], Record]


@dataclass(frozen=True)
class PassOption:
    """An option a pass accepts: ``name`` is the keyword given to ``PassSpec.build``."""

    name: str
    help: str
    kind: str = "text"  # "text", "path" (an existing file), "flag", "int" or "choice"
    multiple: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()  # the values of a "choice"

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


#: Turns a finished record into the records written in its place.
Expander = Callable[[Record], list[Record]]


@dataclass(frozen=True)
class PassSpec:
    name: str
    description: str
    build: Callable[..., PassFunction]
    options: tuple[PassOption, ...] = field(default_factory=tuple)
    #: For a pass that learns from the corpus: builds the value of its ``model`` option
    #: from the records it would see, in a first read, when the user gave no model.
    learn: Callable[[Iterable[Record]], Any] | None = None
    #: Builds, from the same options, an :data:`Expander` applied to each record after
    #: the whole chain (e.g. one record per comment), or returns None to write records
    #: as they are. A pass maps one record to one record; this is how an option can
    #: still change the shape of the output.
    expand: Callable[..., Expander | None] | None = None

    def _own(self, options: dict[str, Any] | None) -> dict[str, Any]:
        options = options or {}
        return {o.name: options[o.name] for o in self.options if options.get(o.name) not in (None, (), [])}

    def create(self, options: dict[str, Any] | None = None) -> PassFunction:
        """Build the pass from a dict that may hold options of other passes too."""
        return self.build(**self._own(options))

    def create_expander(self, options: dict[str, Any] | None = None) -> Expander | None:
        return self.expand(**self._own(options)) if self.expand is not None else None
