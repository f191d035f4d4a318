"""The boilerplate pass: the seeds' gold, our own pages, the rule files, and the
invariants (nothing lost, idempotent, linear, never raising) on generated pages.

Only files under fixtures/ are used: the seed pages with their gold
(fixtures/seeds) and pages written for this pass (fixtures/boilerplate).
"""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.audit import unaccounted
from corpus_clean.errors import UnusableInputError
from corpus_clean.markup import plain
from corpus_clean.passes import PASSES
from corpus_clean.passes.boilerplate import SPEC, boilerplate_pass, build
from corpus_clean.passes.boilerplate.rules import (builtin_site_packs, first_characters, generic_pack, parse_pack,
                                                   required_character)
from corpus_clean.record import Record

from .conftest import FIXTURES, jsonl, seed_gold, seed_pages

PAGES = FIXTURES / "boilerplate"


def run(text: str, **fields) -> Record:
    return boilerplate_pass(Record(id="doc", text=text, **fields))


def normalise(text: str) -> str:
    """Plain text, list markers and spaces as the gold and the scorer compare it."""
    text = plain(text)
    text = regex.sub(r"(?m)^[ \t]*(?:(?:[•*+\-]|\d{1,3}[.)])[ \t]+)+", "", text)
    return " ".join(text.split())


def shingle_f1(gold: str, predicted: str) -> float:
    """F1 of word 4-grams, as the evaluation scores a body."""
    def shingles(text: str) -> Counter:
        words = regex.findall(r"\w+", normalise(text))
        return Counter(tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3)))
    expected, got = shingles(gold), shingles(predicted)
    common = sum((expected & got).values())
    return 2 * common / (sum(expected.values()) + sum(got.values()))


# ---------------------------------------------------------------------------------
# The seeds against their gold

def after_upstream(raw: str, gold: dict) -> str:
    """The seed as the pass receives it in `run`: the comments and tweets passes have
    taken out the reader comments and the tweets the gold lists."""
    lines = raw.split("\n")
    normalised = [normalise(line) for line in lines]
    comments = [normalise(c["text"]) for c in gold["comments"]]
    in_thread = [i for i, text in enumerate(normalised) if text and any(text in c for c in comments)]
    taken = set(range(in_thread[0], in_thread[-1] + 1)) if in_thread else set()
    tweets = [normalise(t["text"]) for t in gold["tweets"]]
    headers = [regex.compile(rf"{regex.escape(t['name'])} @{regex.escape(t['handle'])}\b") for t in gold["tweets"]]
    for i, text in enumerate(normalised):
        if text and (any(text in t or (len(t) > 40 and t in text) for t in tweets)
                     or any(header.match(text) for header in headers)):
            taken.add(i)
    return "\n".join(line for i, line in enumerate(lines) if i not in taken)


META_KEYS = ("title", "authors", "date", "site", "original_source", "original_date", "tags", "captions")


def comparable(meta: dict) -> dict:
    """Meta without empty values (the gold writes null and [] where the pass writes nothing)."""
    out = {}
    for key in META_KEYS:
        value = meta.get(key)
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v}
        if value:
            out[key] = value
    return out


@pytest.mark.parametrize("name", sorted(seed_gold()))
def test_seed_meta_equals_gold(name):
    gold = seed_gold()[name]
    out = run((FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8"))
    assert comparable(out.meta) == comparable(gold["meta"])


@pytest.mark.parametrize("name", sorted(seed_gold()))
def test_seed_body_matches_gold(name):
    gold = seed_gold()[name]
    out = run(after_upstream((FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8"), gold))
    assert shingle_f1(gold["body"], out.text) >= 0.99
    for paragraph in out.text.split("\n\n"):
        assert paragraph == paragraph.strip() and "\n\n" not in paragraph and not paragraph.endswith(" ")


@pytest.mark.parametrize("name", sorted(seed_gold()))
def test_seed_boilerplate_is_gone(name):
    gold = seed_gold()[name]
    out = normalise(run((FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8")).text)
    for item in gold["removed"]:
        for line in item["text"].split("\n"):
            if len(normalise(line)) > 3:
                assert normalise(line) not in out, (item["kind"], line)


def test_site_packs_name_their_rules():
    gold = seed_gold()["000_64a4db4e0102c051"]
    out = run((FIXTURES / "seeds" / "000_64a4db4e0102c051.txt").read_text(encoding="utf-8"))
    rules = {entry["text"].split("\n")[0]: entry["rule"] for entry in out.removed}
    assert rules["Global Research, April 27, 2016"] == "globalresearch.header"
    assert rules["Region: [Middle East & North Africa](#)"] == "globalresearch.tags"
    assert rules["[Become a Member of Global Research](#)"] == "globalresearch.membership"
    disclaimer = next(item["text"] for item in gold["removed"] if item["kind"] == "disclaimer")
    assert rules[disclaimer] == "globalresearch.disclaimer"


def test_southfront_appeal_and_eaworldview_headlines():
    southfront = run((FIXTURES / "seeds" / "003_4b566bdc0a9d5bab.txt").read_text(encoding="utf-8"))
    assert any(e["rule"] == "southfront.donation" and "please support the project" in e["text"]
               for e in southfront.removed)
    ea = run((FIXTURES / "seeds" / "004_985d9ca59b4b847a.txt").read_text(encoding="utf-8"))
    assert {e["text"].split("\n")[0]: e["rule"] for e in ea.removed}["A Plan to De-Escalate the Conflict"] \
        == "eaworldview.related"


def test_a_site_pack_fires_only_on_its_site():
    text = "# A title here\n\nGlobal Research, April 27, 2016\n\n" + "A long sentence of article prose here. " * 5
    assert any(e["rule"].startswith("globalresearch.") for e in run(text).removed)
    other = text.replace("Global Research, April 27, 2016", "Daily News, April 27, 2016")
    assert not any(e["rule"].startswith("globalresearch.") for e in run(other).removed)
    assert "site" not in run(other).meta


# ---------------------------------------------------------------------------------
# Pages written for the pass: what they keep, drop and lift

PAGE_EXPECTATIONS = {
    "de-lokalnachrichten": {
        "keep": ["Nach knapp zwei Jahren Bauzeit", "Wir haben aus der Katastrophe gelernt",
                 "Kosten deutlich höher als geplant", "Für den Herbst kündigte das Landesamt",
                 "Die Winzer im Tal zeigten sich erleichtert"],
        "drop": ["Zum Inhalt springen", "Wir verwenden Cookies", "Alle akzeptieren", "Mehr zum Thema",
                 "Wiederaufbau im Ahrtal", "Anzeige", "Das könnte Sie auch interessieren", "Ahr-Radweg",
                 "Schreibe einen Kommentar", "Impressum", "Alle Rechte vorbehalten", "Foto: Thomas Frey"],
        "meta": {"title": "Neue Brücke über die Ahr ist für den Verkehr freigegeben", "authors": ["Petra Lindner"],
                 "date": "2023-03-14", "captions": ["Die Einweihung der neuen Brücke am Dienstag."]},
    },
    "en-blog-post": {
        "keep": ["When I first opened the logbook", "Fog from the south at dawn", "Historians have only recently",
                 "UPDATE 14:20: The county archive"],
        "drop": ["Skip to main content", "Share on Facebook", "please consider supporting",
                 "Ellen Marsh is a freelance writer", "Related Posts", "Leave a Reply", "All rights reserved",
                 "Privacy Policy"],
        "meta": {"title": "Why the old lighthouse keepers kept logbooks", "authors": ["Ellen Marsh"],
                 "date": "2022-06-03"},
    },
    "es-noticia": {
        "keep": ["Después de tres temporadas", "Es un respiro para el comercio", "El municipio anunció"],
        "drop": ["Utilizamos cookies", "Lee también", "Noticias relacionadas", "Síguenos",
                 "Todos los derechos reservados", "Un crucero atraca"],
        "meta": {"title": "El puerto de Valparaíso recupera el tráfico de cruceros", "authors": ["Ana Ruiz"],
                 "date": "2023-04-05", "captions": ["Un crucero atraca en el muelle Prat el pasado lunes. EFE"]},
    },
    "de-pressemitteilung": {
        "keep": ["Die Wasserwacht Gunzenhausen hat am Samstag", "Der Neubau ersetzt einen Container",
                 "Mit der neuen Station sind wir", "Der Verein sucht weiterhin Freiwillige"],
        "drop": ["Diese Seite durchsucht", "Push-Benachrichtigungen", "Pressekontakt", "Seestraße 4",
                 "ist seit 1952 für die Sicherheit", "Monat auswählen", "Bitte melden Sie sich an", "Folgen Sie der"],
        "meta": {"title": "Wasserwacht eröffnet neue Rettungsstation am Altmühlsee", "date": "2023-06-12",
                 "captions": ["Die neue Station liegt direkt am Nordufer. Foto: Lena Vogt"]},
        "rules": {"Jetzt Push-Benachrichtigungen": "boilerplate.notifications", "Pressekontakt": "boilerplate.press_contact",
                  "## Über uns": "boilerplate.about_us", "Archive Monat auswählen": "boilerplate.dropdown",
                  "Bitte melden Sie sich an": "boilerplate.comment_form", "Folgen Sie der": "boilerplate.follow"},
    },
    "fr-page-association": {
        "keep": ["Le jardin partagé du quartier", "Au programme : visite guidée", "L'entrée est libre"],
        "drop": ["Aller au contenu", "Partager cet article", "À lire aussi", "Laisser un commentaire",
                 "Mentions légales"],
        "meta": {"title": "Journée portes ouvertes au jardin partagé", "date": "2021-05-12"},
    },
}


def test_every_page_has_expectations():
    assert sorted(p.stem for p in PAGES.glob("*.txt")) == sorted(PAGE_EXPECTATIONS)


@pytest.mark.parametrize("name", sorted(PAGE_EXPECTATIONS))
def test_page(name):
    expected = PAGE_EXPECTATIONS[name]
    out = run((PAGES / f"{name}.txt").read_text(encoding="utf-8"))
    for snippet in expected["keep"]:
        assert snippet in out.text
    for snippet in expected["drop"]:
        assert snippet not in out.text
    assert {key: out.meta.get(key) for key in expected["meta"]} == expected["meta"]
    assert "[" not in out.text and "](" not in out.text and "**" not in out.text
    for start, rule in expected.get("rules", {}).items():
        assert [entry["rule"] for entry in out.removed if entry["text"].startswith(start)] == [rule]


# ---------------------------------------------------------------------------------
# Behaviour by example

PROSE = ("The council approved the new budget on Tuesday after a long debate about schools, "
         "roads and the future of the harbour. ")
SUBJECTS = ["The mayor", "The opposition", "A spokesman for the port", "Local traders", "The teachers' union",
            "Residents of the old town", "The regional government", "Several councillors"]


def paragraph(number: int) -> str:
    """A paragraph of article prose, different for each number."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    return (f"{subject} said on day {number} that the plan would change how the town spends its money, "
            f"and that the vote had been closer than many in the hall expected.")


def test_markup_residue_becomes_plain_text_and_is_recorded_as_a_rewrite():
    line = f"{PROSE}See [the full report](#) by @mfa\\_russia in **bold** and *italics*."
    out = run(f"[Home](#)\n\n{line}\n")
    assert out.text == f"{PROSE}See the full report by @mfa_russia in bold and italics."
    [entry] = [e for e in out.removed if e["rule"] == "boilerplate.markup"]
    assert entry == {"pass": "boilerplate", "rule": "boilerplate.markup", "text": line, "start": 11,
                     "fixed": out.text}


def test_unescaped_markup_is_settled_so_a_second_run_changes_nothing():
    out = run(f"{PROSE}Write \\_this\\_ and \\*that\\* down.")
    assert out.text == f"{PROSE}Write this and that down."
    assert run(out.text).text == out.text


@pytest.mark.parametrize("text", ["-\xa00 0", f"{PROSE}\n\n\xa0•\xa0Menu"])
def test_a_list_marker_before_a_no_break_space_is_read_as_in_the_clean_text(text):
    # (found by the idempotence test: the clean text has a plain space after the marker)
    out = run(text)
    assert run(out.text).text == out.text


def test_paragraphs_are_separated_by_one_blank_line():
    out = run(f"{paragraph(1)}  \n\n\n\n{paragraph(2)}\n  • a kept item of the same paragraph\n\n\n{paragraph(3)}\n")
    assert out.text.split("\n\n") == [paragraph(1), f"{paragraph(2)}\n• a kept item of the same paragraph",
                                      paragraph(3)]


def test_quotes_updates_and_subheadings_stay():
    text = (f"# Title of the story\n\n{PROSE}\n\n> \u201cWe will not give up,\u201d she said at the meeting.\n\n"
            f"## What happens next\n\n{PROSE}\n\nUPDATE 1030 GMT: The vote was postponed to Friday morning.\n\n{PROSE}")
    out = run(text)
    for kept in ("We will not give up", "What happens next", "UPDATE 1030 GMT", PROSE.strip()):
        assert kept in out.text
    assert "Title of the story" not in out.text and out.meta["title"] == "Title of the story"


def test_tweet_lines_inside_the_article_are_not_boilerplate():
    text = (f"{paragraph(1)}\n\nThe minister answered within the hour:\n\nJane Doe @janedoe 13h13 hours ago\n"
            f"We will publish the figures tomorrow #budget\n\n\u2014 Jane Doe (@janedoe) April 25, 2016\n\n{paragraph(2)}")
    out = run(text)
    assert "Jane Doe @janedoe 13h13 hours ago" in out.text
    assert "\u2014 Jane Doe (@janedoe) April 25, 2016" in out.text


def test_navigation_around_the_article_goes():
    nav = "\n".join(f"  \u2022 [Section {i}](#)" for i in range(30))
    out = run(f"{nav}\n\n{paragraph(1)}\n\n{paragraph(2)}\n\n{nav}")
    assert out.text == f"{paragraph(1)}\n\n{paragraph(2)}"
    assert {e["rule"] for e in out.removed} <= {"boilerplate.header", "boilerplate.footer", "boilerplate.links"}


def test_end_marker_late_in_the_article_ends_it_an_early_one_does_not():
    teasers = "\n\n".join(f"[Related story {i}](#)\n\nA related story number {i} that is written as a full "
                          f"sentence for readers." for i in range(5))
    article = "\n\n".join(paragraph(i) for i in range(4))
    late = run(f"{article}\n\nRelated Posts\n\n{teasers}")
    assert late.text == article
    assert any(e["rule"] == "boilerplate.related" and "related story number 4" in e["text"] for e in late.removed)
    early = run(f"{paragraph(9)}\n\nRelated Posts\n\n[Another story](#)\n\n{article}")
    assert early.text == f"{paragraph(9)}\n\n{article}"


def test_teasers_under_an_end_marker_go_however_much_text_they_hold():
    # a short post, then more excerpts of other posts than it holds itself: each
    # excerpt right under its share bar, so they do not carry the article on
    bar = "[Whatsapp](#) [Facebook](#) [Pinterest](#)"
    teasers = "\n\n".join(f"{bar}\n\n{paragraph(i)}\n\n[ ](#)" for i in range(10, 16))
    out = run(f"{paragraph(1)}\n\n{bar}\n\n### You may also like...\n\n{teasers}")
    assert out.text == paragraph(1)
    # the same excerpts without their links are the article going on: in a row, or
    # each signed (letters to the editor under a heading that often opens comments)
    rest = "\n\n".join(paragraph(i) for i in range(10, 16))
    on = run(f"{paragraph(1)}\n\n### You may also like...\n\n{rest}")
    assert on.text == f"{paragraph(1)}\n\n{rest}"
    letters = "\n\n".join(f"{paragraph(i)}\n\nAnna Weber, Nordstadt" for i in range(10, 13))
    signed = run(f"{paragraph(1)}\n\n### Leserbriefe\n\n{letters}")
    assert all(paragraph(i) in signed.text for i in range(10, 13))


def test_a_phrase_keeps_its_meaning_after_an_icons_underscores():
    article = "\n\n".join(paragraph(i) for i in range(4))
    teasers = "\n\n".join(f"### [Story {i}](#)\n\nA story number {i} that is written as a full sentence "
                          f"for the readers of this page." for i in range(3))
    out = run(f"{article}\n\nRead these next __\n\n{teasers}")
    assert out.text == article
    assert any(e["rule"] == "boilerplate.related" and e["text"] == "Read these next __" for e in out.removed)


def test_a_sentence_opening_with_posted_on_is_prose():
    opening = ("[Posted on social media by the analysts at a games magazine](#), the test shows the port "
               "of the game running at an unstable rate in the browser.")
    article = "\n\n".join(paragraph(i) for i in range(4))
    out = run(f"{opening}\n\n{article}\n\nPosted in News, Games")
    assert out.text == f"{plain(opening)}\n\n{article}"


def test_the_rules_of_a_comment_section_end_the_article():
    article = "\n\n".join(paragraph(i) for i in range(4))
    rules = ("  1. We welcome reader comments on the top stories of the day, and some may be republished in print.\n"
             "  2. Please understand that comments are moderated and it is not always possible to publish all.\n"
             "  3. We ask that comments are civil and free of libellous or hateful material.")
    out = run(f"{article}\n\nHOUSE RULES\n\n{rules}")
    assert out.text == article
    assert any(e["rule"] == "boilerplate.comment_form" and e["text"] == "HOUSE RULES" for e in out.removed)


def test_a_heading_near_the_start_starts_the_article():
    article = "\n\n".join(paragraph(i) for i in range(4))
    out = run(f"Search the archive of the town council here.\n\n# The budget vote\n\n{article}")
    assert out.text == article and out.meta["title"] == "The budget vote"
    # a heading after a good deal of prose is a section of the article
    rest = "\n\n".join(paragraph(i) for i in range(10, 14))
    section = run(f"{paragraph(1)}\n\n{paragraph(2)}\n\n# What happens next\n\n{rest}")
    assert section.text == f"{paragraph(1)}\n\n{paragraph(2)}\n\nWhat happens next\n\n{rest}"


def test_a_standfirst_under_the_title_and_a_closing_sentence_join_the_article():
    article = "\n\n".join(paragraph(i) for i in range(4))
    standfirst = "Harbour traders and the port authority disagree about who pays for the new quay"
    out = run(f"[Home](#)\n\n# The budget vote\n\nMarch 14, 2023\n\n{standfirst}\n\n[](#)\n\n{article}\n\n"
              f"We will follow the story.\n\nFirst published on March 14, 2023 / 8:16 AM\n\n[Share](#)")
    assert out.text == f"{standfirst}\n\n{article}\n\nWe will follow the story."
    assert out.meta["date"] == "2023-03-14"


def test_the_list_a_last_line_announces_joins_the_article():
    article = "\n\n".join(paragraph(i) for i in range(4))
    items = "\n".join(f"{number:02d}. Candidate number {number}" for number in range(1, 13))
    out = run(f"{article}\n\nThe full list of candidates:\n\n{items}\n\n[Share](#)\n\nMenu")
    assert out.text == f"{article}\n\nThe full list of candidates:\n\n{items}"


def test_a_headline_after_other_chrome_does_not_join_the_article():
    article = "\n\n".join(paragraph(i) for i in range(4))
    headline = "Harbour traders and the port authority disagree about who pays for the new quay"
    out = run(f"Photo: The quay at dawn\n\n{headline}\n\n{article}")
    assert out.text == article


def test_a_teaser_box_late_in_the_article_does_not_end_it():
    article = "\n\n".join(paragraph(i) for i in range(5))
    rest = "\n\n".join(paragraph(i) for i in range(10, 13))
    out = run(f"{article}\n\nRelated articles\n\n  \u2022 [A story](#)\n  \u2022 [Another story](#)\n\n{rest}")
    assert out.text == f"{article}\n\n{rest}"


def test_captions_and_credits():
    text = (f"{paragraph(1)}\n\nThe new bridge at its opening.\n\nFoto: Thomas Frey/dpa\n\n{paragraph(2)}\n\n"
            f"PHOTO: The minister at the press conference in Berlin\n\n{paragraph(3)}")
    out = run(text)
    assert out.meta["captions"] == ["The new bridge at its opening.", "PHOTO: The minister at the press conference in Berlin"]
    assert "Foto:" not in out.text and "PHOTO:" not in out.text and "new bridge" not in out.text


def test_a_caption_ending_with_its_credit_in_brackets():
    caption = "Roughly 13,000 troops remain in the country after eighteen years [File: Reuters]"
    out = run(f"{paragraph(1)}\n\n{caption}\n\n{paragraph(2)}\n\n{paragraph(3)}")
    assert out.meta["captions"] == [caption] and "13,000" not in out.text


def test_form_prompts_go_prose_about_passwords_stays():
    # (rules with keywords read the lines among the article's; further out all goes anyway)
    form = ["Bitte gib eine gültige E-Mail-Adresse ein.", "Das Passwort muss mindestens 8 Zeichen lang sein.",
            "Please enter a search term.", "Veuillez saisir deux fois le même mot de passe", "Pflichtfelder *"]
    prose = ("Your password must be long and unique, the agency said on Monday, and people should never reuse "
             "the one they use for their bank.")
    paragraphs = [paragraph(1), prose, paragraph(2), paragraph(3), paragraph(4), paragraph(5)]
    out = run("\n\n".join(p for pair in zip(paragraphs, form + [""]) for p in pair).strip())
    assert out.text == "\n\n".join(paragraphs)
    assert [e["rule"] for e in out.removed] == ["boilerplate.form_field"] * len(form)


def test_repeated_paragraph_and_title_go():
    text = f"# The budget vote\n\n{PROSE}\n\n**The budget vote**\n\n{PROSE}\n\nAnother paragraph that is different. {PROSE}"
    out = run(text)
    assert out.text.count(PROSE.strip()) == 2  # the first, and the one inside another paragraph
    assert "The budget vote" not in out.text
    assert {"boilerplate.duplicate", "boilerplate.title"} <= {e["rule"] for e in out.removed}


def varied_paragraph(number: int) -> str:
    """Article prose whose runs of five words differ from one number to the next."""
    words = ["river", "bridge", "council", "budget", "school", "harbour", "market", "station", "library", "garden",
             "museum", "tower", "square", "ferry", "tram", "hall"]
    word = [words[(number * 5 + k * 3) % len(words)] for k in range(7)]
    return (f"On day {number} the {word[0]} by the {word[1]} was talked about for an hour, and the {word[2]} next "
            f"to the {word[3]} stayed shut while people from the {word[4]} asked about the {word[5]} and the {word[6]}.")


def test_the_article_run_into_one_line_is_a_duplicate():
    paragraphs = [varied_paragraph(i) for i in range(8)]
    article = "\n\n".join(paragraphs)
    copy = " ".join(paragraphs)   # the page's structured data: the whole text in one line
    for text in (f"{article}\n\n{copy}", f"{copy}\n\n{article}"):
        out = run(text)
        assert out.text == article
        assert [e["text"] for e in out.removed if e["rule"] == "boilerplate.duplicate"] == [copy]
    # a long paragraph that repeats only some of the others is the article's
    own = ("Nobody in the crowded gallery expected the treasurer to resign before lunch. Her letter blamed "
           "years of quiet pressure from two developers who wanted the old depot. Several shop owners then "
           "demanded an inquiry into every contract signed since the flood. A retired judge offered to lead it "
           "without pay, which surprised even his friends. By evening the petition had gathered four thousand "
           "names, most of them from the eastern suburbs. The newspaper will publish the full letter tomorrow, "
           "together with the replies of both developers and the mayor's office.")
    summary = " ".join(paragraphs[:3] + [own])
    assert run(f"{article}\n\n{summary}").text == f"{article}\n\n{summary}"


def test_a_page_laid_out_as_a_table_keeps_its_sentences():
    # (each description is a cell of a table: the line ends with the cell's border)
    described = [f"Choose how many minutes you want each half of match {i} to last." for i in range(8)]
    rows = "\n\n".join(f"##### Setting {i}\n\n{text}  |\n\n  • On\n  • Off" for i, text in enumerate(described))
    menu = "\n".join(f"  • [Section {i}](#)" for i in range(12))
    out = run(f"Option | Value\n---|---\n\n{rows}\n\n{menu}\n\n{paragraph(1)} {paragraph(2)}")
    assert all(f"{text} |" in out.text for text in described)


def test_existing_meta_is_kept():
    out = run(f"# A new title\n\nBy Jane Doe\n\n{PROSE}", meta={"title": "Given", "encoding": "utf-8"})
    assert out.meta["title"] == "Given" and out.meta["authors"] == ["Jane Doe"] and out.meta["encoding"] == "utf-8"


def test_page_without_prose_keeps_what_no_rule_removes():
    out = run("Opening hours\nMonday to Friday\n9 to 17\n\n[Impressum](#)")
    assert out.text == "Opening hours\nMonday to Friday\n9 to 17"


def test_empty_and_blank_pages():
    assert run("").text == ""
    assert run("\n \n\t\n").text == ""


def test_pure_function():
    record = Record(id="doc", text=f"[Home](#)\n\n{PROSE}", meta={"encoding": "utf-8"})
    before = json.dumps(record.to_json(), sort_keys=True)
    boilerplate_pass(record)
    assert json.dumps(record.to_json(), sort_keys=True) == before


# ---------------------------------------------------------------------------------
# The learned layer: a model's verdict is one more piece of evidence

class FakeModel:
    """Stands for corpus_clean.learned.LearnedModel: knows one footer line."""

    def __init__(self):
        self.asked = []

    def rule_for_plain(self, line: str, site: str | None) -> str | None:
        self.asked.append(site)
        return "boilerplate.learned" if "Harbour Ledger, since 1887" in line else None


def test_learned_lines_go_with_the_models_rule():
    model = FakeModel()
    text = f"{paragraph(1)}\n\nThe Harbour Ledger, since 1887 \u2013 read by the whole coast.\n\n{paragraph(2)}"
    out = build(model=model)(Record(id="doc", text=text, meta={"site": "ledger"}))
    assert out.text == f"{paragraph(1)}\n\n{paragraph(2)}"
    assert [e["rule"] for e in out.removed] == ["boilerplate.learned"]
    assert set(model.asked) == {"ledger"}


def test_built_in_rules_come_before_the_model():
    model = FakeModel()
    out = build(model=model)(Record(id="doc", text=f"{paragraph(1)}\n\n{paragraph(2)}\n\n"
                                                   "© 2020 Harbour Ledger, since 1887"))
    assert [e["rule"] for e in out.removed] == ["boilerplate.copyright"]


# ---------------------------------------------------------------------------------
# Rule files

USER_PACK = """
name = "ledger"
site = "The Harbour Ledger"
detect = ['Harbour Ledger']

[[rule]]
name = "motto"
phrases = ["News from the quays since 1887"]

[[rule]]
name = "edition"
where = "header"
match = 'edition of (?P<date>.+)$'
"""


def test_user_pack(tmp_path, invoke):
    pack = tmp_path / "ledger.toml"
    pack.write_text(USER_PACK, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(f"The Harbour Ledger\n\nEdition of 3 May 2021\n\n{PROSE}\n\nNews from the quays since 1887\n",
                    encoding="utf-8")
    result = invoke("boilerplate", page, "--rules", pack)
    [record] = jsonl(result.stdout)
    assert record["text"] == PROSE.strip()
    assert record["meta"]["site"] == "The Harbour Ledger" and record["meta"]["date"] == "2021-05-03"
    assert {e["rule"] for e in record["removed"]} >= {"ledger.motto", "ledger.edition"}


@pytest.mark.parametrize("text, message", [
    ("name = 'x'\n[[rule]\n", "not valid TOML"),
    ("[[rule]]\nname = 'a'\nmatch = 'b'\n", "needs name"),
    ("name = 'x'\n", "at least one \\[\\[rule\\]\\]"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nmatch = '(unclosed'\n", "bad regular expression"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nmatch = 'b'\naction = 'explode'\n", "action must be one of"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nmatch = 'b'\nwhere = 'middle'\n", "where must be one of"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nmatch = '(?P<colour>b)'\n", "unknown group"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nmatch = 'b'\ncolour = 'red'\n", "unknown key"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nkeywords = ['b']\nphrases = ['c']\n", "keywords only go with match"),
    ("name = 'x'\n[[rule]]\nname = 'a'\nmatch = 'b'\nkeywords = ['two words']\n", "single words"),
    ("name = 'x'\n[[rule]]\nname = 'a'\n", "needs match"),
])
def test_bad_rule_files_are_explained(text, message):
    with pytest.raises(UnusableInputError, match=message):
        parse_pack(text, "pack.toml")


def test_the_readme_example_pack_is_valid():
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Site packs", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    pack = parse_pack(example, "README.md")
    assert pack.applies_to("The Harbour Ledger") and [rule.name for rule in pack.rules] == [
        "ledger.motto", "ledger.edition", "ledger.appeal"]
    assert pack.match("Please support us on Patreon today", 6).rule.name == "ledger.appeal"


def test_bad_rule_file_is_a_usage_error(tmp_path, invoke):
    pack = tmp_path / "bad.toml"
    pack.write_text("name = 'x'\n", encoding="utf-8")
    result = invoke("boilerplate", FIXTURES / "seeds", "--rules", pack)
    assert result.exit_code == 2 and "bad.toml" in result.stderr


def test_pass_is_registered_after_encoding():
    assert list(PASSES)[:1] == ["encoding"] and "boilerplate" in PASSES and PASSES["boilerplate"] is SPEC
    assert {o.name for o in SPEC.options} == {"rules", "model"}


def test_run_cleans_the_seeds(invoke, tmp_path):
    out = tmp_path / "clean.jsonl"
    result = invoke("run", FIXTURES / "seeds", "--passes", "encoding,boilerplate", "-o", out)
    assert result.exit_code == 0
    records = jsonl(out.read_text(encoding="utf-8"))
    assert [r["meta"]["title"] for r in records][0].startswith("Syria: Moscow Rejects")


def test_dispatch_never_leaves_out_a_match():
    """The dispatch on first characters and required characters is sound: a line a
    pattern matches starts with one of the characters read from the pattern, and holds
    the character it requires."""
    lines = [line for path in sorted(FIXTURES.glob("*/*.txt")) if path.parent.name in ("seeds", "boilerplate", "tweets")
             for line in plain(path.read_text(encoding="utf-8")).split("\n") if line.strip()]
    lines += ["© 2020 Foo", "12 Kommentare", "(Image credit: NASA)", "Photo: AP", "1 2 3 4 next", "By Jane Doe",
              "Jane Doe @janedoe 13h13 hours ago", "Artikel gefallen? Dann teilen!", "20 Nov, 2019 05:47",
              "Dienstag, 3. März 2020", "The Guardian 12 March 2016"]
    checked = Counter()
    for pack in (generic_pack(), *builtin_site_packs()):
        for index, pattern, starts, condition in pack._patterns:
            compiled = regex.compile(pattern, regex.IGNORECASE)
            for line in lines:
                text = " ".join(line.split())
                if compiled.match(text):
                    assert starts is None or text[:1].lower() in starts, (pattern, text)
                    assert condition is None or pack._conditions[condition](text), (pattern, text)
                    checked[condition is not None] += 1
    assert checked[True] >= 5
    assert first_characters(r"(?:\d+\s+)?comments?") >= set("0123456789c")
    assert required_character(r"(?:\w+ )?(?:\d{4}|\d\d?\.\d\d)") == r"\d"
    assert required_character(r"[^@]+(?:@|\s)x") is None


# ---------------------------------------------------------------------------------
# Invariants: nothing lost, idempotent, linear, never raising

def seed_and_page_texts() -> list[tuple[str, str]]:
    paths = seed_pages() + sorted(PAGES.glob("*.txt"))
    return [(path.stem, path.read_text(encoding="utf-8")) for path in paths]


def check_invariants(text: str) -> None:
    before = Record(id="doc", text=text)
    once = boilerplate_pass(before)
    assert not unaccounted(before, once)
    end = 0
    for entry in sorted(once.removed, key=lambda e: e["start"]):
        assert entry["pass"] == "boilerplate" and entry["rule"].split(".")[0] in {
            "boilerplate", "globalresearch", "southfront", "eaworldview"}
        assert text[entry["start"]:entry["start"] + len(entry["text"])] == entry["text"] and entry["start"] >= end
        end = entry["start"] + len(entry["text"])
    # the input with each entry cut (or rewritten) is the output, up to spaces
    replayed, position = [], 0
    for entry in sorted(once.removed, key=lambda e: e["start"]):
        replayed += [text[position:entry["start"]], entry.get("fixed", "")]
        position = entry["start"] + len(entry["text"])
    replayed.append(text[position:])
    assert "".join("".join(replayed).split()) == "".join(once.text.split())
    twice = boilerplate_pass(once)
    assert twice.text == once.text
    assert twice.meta == once.meta
    assert twice.removed == once.removed


@pytest.mark.parametrize("name, text", seed_and_page_texts(), ids=lambda v: v if len(v) < 40 else "")
def test_invariants_on_real_pages(name, text):
    check_invariants(text)


@pytest.mark.parametrize("text", ["#\xa00", "#\u2009heading", ">\u3000quote", "\\# x", "*\\*x*", "__**384**"])
def test_invariants_where_spaces_or_escapes_make_new_markup(text):
    check_invariants(text)


LINE = st.one_of(
    st.just(""),
    st.sampled_from(["Home", "Impressum", "Related Posts", "Leave a Comment", "Anzeige", "Foto: dpa", "AFP",
                     "© 2020 Foo GmbH", "By Jane Doe", "Global Research, April 27, 2016", "Region: [Asia](#)",
                     "---", "* * *", "\\*\\*\\*", "__**384**", "• • •", "Screen Shot 2016-05-24 at 20.39.13",
                     "Jane Doe @janedoe 13h13 hours ago", "# A Title Here", "## Sub heading", "> quoted",
                     "  • [Nav item](#)", "  1\\. Numbered", "[](#)", "*\\*x*", "\\# not heading", "...",
                     "Archiv Januar 2020 (1) Februar 2020 (2) März 2020 (3) April (4)", PROSE, PROSE * 3,
                     "Wir verwenden Cookies. Mit der Nutzung stimmen Sie zu.", "蔡健雅出生于新加坡,现定居于台湾。"]),
    st.lists(st.sampled_from(list("ab cd.[]()#*_\\•>|-@©:0") + ["](#)", "[x](#)", "\u00a0", "\t", "Foto:", "By "]),
             max_size=30).map("".join),
    st.text(max_size=40),
)
PAGES_GENERATED = st.lists(LINE, max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(PAGES_GENERATED)
def test_invariants_on_generated_pages(text):
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))
def test_invariants_on_any_text(text):
    check_invariants(text)


PATHOLOGICAL = {
    "one huge line of links": "[a](#) " * 200_000,
    "one huge line of prose": PROSE * 20_000,
    "many short lines": "x\n" * 300_000,
    "many link lines": "  \u2022 [Section](#)\n" * 100_000,
    "emphasis soup": "*_`\\" * 200_000,
    "nested brackets": "[" * 100_000 + "](" * 100_000,
    "counted items": "Item (1) " * 100_000,
    "no spaces": "\u5b57" * 500_000,
    "markers": "\u2022 " * 100_000 + "x",
    "dates": "April 27, 2016 " * 50_000,
    "hash marks": "# a " * 300_000,
    "headings before the article": "x\n# A heading of the page\n" * 100_000 + PROSE * 5,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_inputs_finish_quickly(name):
    text = PATHOLOGICAL[name]
    start = time.perf_counter()
    out = run(text)
    assert time.perf_counter() - start < 10, name
    assert not unaccounted(Record(id="doc", text=text), out)


def test_a_tweet_left_in_the_body_is_never_boilerplate():
    # a picture-only embed at the end of a page: alone it reads as link residue after the article
    embed = "> pic.twitter.com/r0uteMap24\n>\n> — Transport Authority (@CityTransit) March 15, 2024"
    page = ("# Tram line approved\n\n" + "The council voted for the tram line after a long debate. " * 8
            + "\n\nThe transport authority posted the map:\n\n" + embed + "\n")
    chain = [PASSES[name].create() for name in ("encoding", "comments", "tweets", "boilerplate")]
    record = Record(id="tram", text=page)
    for function in chain:
        record = function(record)
    assert [t["text"] for t in record.tweets] == ["pic.twitter.com/r0uteMap24"]
    assert "pic.twitter.com/r0uteMap24" in record.text
    assert "— Transport Authority (@CityTransit) March 15, 2024" in record.text
    assert not [e for e in record.removed if e["pass"] == "boilerplate" and "r0uteMap24" in e["text"] and "fixed" not in e]
