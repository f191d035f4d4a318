import json

import pytest

from corpus_clean.errors import CorpusCleanError
from corpus_clean.learned import RULE, learn_model, line_key, load_model, save_model
from corpus_clean.readers import read_records
from corpus_clean.record import Record

from .conftest import FIXTURES, jsonl

LEDGER = FIXTURES / "learned"
FOOTER = "The Valley Ledger is printed on recycled paper at the Millbrook press hall."
QUOTE = ('"We have waited eleven years for this, and the silt will not wait any longer," '
         "said board chair Ines Holt.")


@pytest.fixture
def model():
    return learn_model(read_records([str(LEDGER)]))


def test_a_footer_in_every_page_is_learned(model):
    assert model.documents == 5
    assert model.rule_for(FOOTER, None) == RULE
    assert model.rule_for("Letters to the editor: Valley Ledger, 4 Quay Street, Millbrook.", "any site") == RULE


def test_a_sentence_quoted_in_two_articles_is_not(model):
    assert model.rule_for(QUOTE, None) is None


def test_prose_needs_more_documents_than_short_lines():
    pages = [Record(id=str(i), text=f"Menu\n\n{QUOTE}\n\nStory {i}.") for i in range(4)]
    model = learn_model(pages)
    assert model.rule_for("Menu", None) == RULE
    assert model.rule_for(QUOTE, None) is None  # 4 < min_docs_prose
    assert learn_model(pages + [Record(id="5", text=QUOTE)]).rule_for(QUOTE, None) == RULE


def test_lines_are_compared_normalised(model):
    assert model.rule_for(f"  • *{FOOTER.upper()}*", None) == RULE


def test_a_line_repeated_within_one_document_counts_once():
    assert len(learn_model([Record(id="1", text="Share\nShare\nShare")], min_docs=2)) == 0


def test_per_site_lines_do_not_fire_on_other_sites():
    pages = [Record(id=str(i), text="Ledger footer line", meta={"site": "Ledger"}) for i in range(3)]
    pages += [Record(id=f"o{i}", text=f"Other page {i}", meta={"site": "Other"}) for i in range(3)]
    model = learn_model(pages, min_docs=3)
    assert model.rule_for("Ledger footer line", "Ledger") == RULE
    # with only three documents in all, it also reaches the corpus-wide threshold
    assert model.rule_for("Ledger footer line", "Other") == RULE
    model = learn_model(pages + [Record(id="x", text="filler")], min_docs=3)
    assert model.lines["Ledger"] == {"ledger footer line"}


def test_memory_is_bounded_and_frequent_lines_survive_pruning():
    def word(i):  # digits are normalised away, letters are not
        return "".join(chr(ord("a") + int(d)) for d in str(i))

    pages = [Record(id=str(i), text=f"Footer of the site\nunique line {word(i)}\nanother {word(i)}z")
             for i in range(5000)]
    model = learn_model(pages, max_entries=1000)
    assert model.rule_for("Footer of the site", None) == RULE
    assert len(model) == 1


def test_model_file_round_trip_and_hand_edits(model, tmp_path):
    path = tmp_path / "model.toml"
    save_model(model, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# corpus-clean learned boilerplate model")
    assert load_model(path).lines == model.lines
    path.write_text(text + '\n[[line]]\nsite = ""\ntext = "Read more at [our site](#)"\n', encoding="utf-8")
    assert load_model(path).rule_for("READ MORE AT OUR SITE", None) == RULE


def test_unreadable_model_file_names_the_fix(tmp_path):
    path = tmp_path / "model.toml"
    path.write_text("[[line]\n", encoding="utf-8")
    with pytest.raises(CorpusCleanError, match="corpus-clean learn"):
        load_model(path)


def test_learn_command_writes_the_model(invoke, tmp_path):
    out = tmp_path / "model.toml"
    result = invoke("learn", LEDGER, "-o", out)
    assert result.exit_code == 0
    assert "2 boilerplate lines learned from 5 documents" in result.stderr
    assert load_model(out).rule_for(FOOTER, None) == RULE


def test_line_key_ignores_lines_without_letters():
    assert line_key("---") == line_key("2016") == ""


def test_run_learns_the_footer_in_a_first_read_and_keeps_the_quotation(invoke, tmp_path):
    records = {r["id"]: r for r in jsonl(invoke("run", LEDGER, "--quiet").stdout)}
    for record in records.values():
        assert FOOTER not in record["text"]
        assert [e["text"] for e in record["removed"] if e["rule"] == RULE][0] == FOOTER
    for quoting in ("ledger-harbour", "ledger-market"):
        assert QUOTE in records[quoting]["text"]


def test_no_built_in_rule_knows_the_footer(invoke, tmp_path):
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    records = jsonl(invoke("run", LEDGER, "--model", empty, "--quiet").stdout)
    assert all(FOOTER in r["text"] for r in records)


def test_standard_input_is_not_read_twice(invoke):
    record = Record(id="one", text=f"Story.\n\n{FOOTER}")
    out = jsonl(invoke("run", "-", input=json.dumps(record.to_json()) + "\n").stdout)
    assert FOOTER in out[0]["text"]
