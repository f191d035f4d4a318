"""The help texts are complete and every command is in the README.

Walks the click command tree: every command has a description, every option and
flag says what it does, `--help` works everywhere. A pass's command is documented by
its row in the README's table of passes, any other command by a `corpus-clean NAME`
example.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from corpus_clean.cli import cli
from corpus_clean.passes import PASSES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, path: tuple[str, ...] = ()):
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


COMMANDS = list(commands(cli))


def ids(item) -> str:
    return " ".join(item[0]) or "corpus-clean"


@pytest.mark.parametrize("item", COMMANDS, ids=ids)
def test_command_has_a_description(item):
    _, command = item
    assert (command.help or "").strip(), "add a docstring"
    assert (command.get_short_help_str() or "").strip()


@pytest.mark.parametrize("item", COMMANDS, ids=ids)
def test_every_option_has_help(item):
    _, command = item
    undocumented = [p.opts[0] for p in command.params if isinstance(p, click.Option) and not (p.help or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("item", COMMANDS, ids=ids)
def test_help_works(item, invoke):
    path, _ = item
    result = invoke(*path, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout


@pytest.mark.parametrize("item", [c for c in COMMANDS if c[0]], ids=ids)
def test_command_is_in_the_readme(item):
    name = " ".join(item[0])
    if name in PASSES:
        assert f"| `{name}` |" in README, f"add a row for {name} to the table of passes in README.md"
    else:
        assert f"corpus-clean {name}" in README, f"show `corpus-clean {name}` in README.md"
