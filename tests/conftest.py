import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_clean.cli import cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def seed_pages() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def seed_gold() -> dict[str, dict]:
    return {p.name.removesuffix(".gold.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((SEEDS / "gold").glob("*.gold.json"))}


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def invoke():
    """Run the CLI in-process; returns the click Result (stdout in .stdout, stderr in .stderr)."""

    def run(*args, input=None):
        runner = CliRunner()
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
