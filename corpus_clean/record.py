"""The one document type every reader produces, every pass transforms and the writer emits.

A record is one JSON object per line (see SPEC "The record"). Fields a pass did not
produce stay empty; fields of an input JSONL object that the record does not know are
kept in ``extra`` and written back unchanged, so corpus-clean can sit in a pipe with
other tools.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any


def count_lines(text: str) -> int:
    """Lines as ``wc -l`` counts them, plus a last line without "\\n".

    >>> count_lines(""), count_lines("a"), count_lines("a\\n"), count_lines("a\\n\\nb")
    (0, 1, 1, 3)
    """
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


#: Keys the record owns; everything else in an input object is carried in ``extra``.
RECORD_KEYS = ("id", "source", "text", "meta", "comments", "tweets", "removed")


@dataclass
class Record:
    id: str
    text: str
    source: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    comments: list[dict[str, Any]] = field(default_factory=list)
    tweets: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def remove(self, pass_name: str, rule: str, text: str, start: int | None = None, **details: Any) -> None:
        """Account for ``text`` that a pass took out of ``self.text``.

        ``start`` is the character offset of ``text`` in the text the pass received,
        so an audit can place every removal without guessing.
        """
        entry: dict[str, Any] = {"pass": pass_name, "rule": rule, "text": text}
        if start is not None:
            entry["start"] = start
        entry.update(details)
        self.removed.append(entry)

    def copy(self) -> Record:
        """A deep copy, so a pass can be a pure function of its input."""
        return copy.deepcopy(self)

    def to_json(self) -> dict[str, Any]:
        """The JSON object written for this record (empty optional fields omitted)."""
        obj: dict[str, Any] = {"id": self.id}
        if self.source:
            obj["source"] = self.source
        obj["text"] = self.text
        for key in ("meta", "comments", "tweets", "removed"):
            value = getattr(self, key)
            if value:
                obj[key] = value
        for key, value in self.extra.items():
            obj.setdefault(key, value)
        return obj

    @classmethod
    def from_json(cls, obj: dict[str, Any], *, default_id: str, text_field: str = "text",
                  id_field: str = "id") -> Record:
        """Build a record from a JSON object, keeping unknown fields.

        Raises ``ValueError`` with a message fit for the user when the object has no
        usable text.
        """
        if not isinstance(obj, dict):
            raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
        text = obj.get(text_field)
        if not isinstance(text, str):
            raise ValueError(f"no string field {text_field!r} (choose the field with --text-column)")
        raw_id = obj.get(id_field)
        record = cls(id=str(raw_id) if raw_id not in (None, "") else default_id, text=text)
        for key in ("source", "meta"):
            if isinstance(obj.get(key), dict):
                setattr(record, key, obj[key])
        for key in ("comments", "tweets", "removed"):
            if isinstance(obj.get(key), list):
                setattr(record, key, obj[key])
        consumed = {text_field, id_field, *RECORD_KEYS}
        record.extra = {k: v for k, v in obj.items() if k not in consumed}
        return record
