"""The comments pass: threads found and rebuilt, nothing invented, every character accounted for.

Only files under fixtures/ are used: the seed pages with their gold (fixtures/seeds) and
the hand-written pages of fixtures/comments (see its README).
"""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus_clean.audit import unaccounted
from corpus_clean.markup import strip_markup
from corpus_clean.passes import PASSES
from corpus_clean.passes.comments import SPEC, comments_pass, explode_record
from corpus_clean.passes.comments.lines import Kind, read_line, read_lines
from corpus_clean.passes.comments.prescan import may_hold_thread
from corpus_clean.passes.comments.thread import find_threads, is_evidence
from corpus_clean.record import Record

from .conftest import FIXTURES, SEEDS, jsonl, seed_gold

PAGES = FIXTURES / "comments"
SEED_WITH_THREAD = "004_985d9ca59b4b847a"
COMMENT_KEYS = {"id", "parent", "depth", "number", "author", "date", "text"}


def run(text: str, **fields) -> Record:
    return comments_pass(Record(id="doc", text=text, **fields))


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def column(record: Record, key: str) -> list:
    return [c[key] for c in record.comments]


# ---------------------------------------------------------------------------------
# The seed pages

def test_seed_thread_equals_gold():
    gold = seed_gold()[SEED_WITH_THREAD]["comments"]
    text = (SEEDS / f"{SEED_WITH_THREAD}.txt").read_text(encoding="utf-8")
    out = run(text)
    keys = ("id", "parent", "depth", "number", "text")
    assert [{k: c[k] for k in keys} for c in out.comments] == [{k: c[k] for k in keys} for c in gold]
    # the thread is cut out whole; the form after it is the boilerplate pass's business
    thread_start = text.index("    • He would be right")
    assert out.text == text[:thread_start].rstrip() + "\n\n" + text[text.index("Leave a Comment"):]


@pytest.mark.parametrize("path", [p for p in sorted(SEEDS.glob("*.txt")) if p.stem != SEED_WITH_THREAD],
                         ids=lambda p: p.stem)
def test_seed_without_comments_is_left_alone(path):
    record = Record(id=path.stem, text=path.read_text(encoding="utf-8"))
    assert comments_pass(record).to_json() == record.to_json()


# ---------------------------------------------------------------------------------
# The hand-written pages

def test_wordpress_thread_with_nested_numbers_and_a_pingback():
    out = run(page("wordpress-de.txt"))
    assert column(out, "id") == ["c1", "c2", "c3", "c4"]
    assert column(out, "parent") == [None, "c1", "c2", None]
    assert column(out, "depth") == [0, 1, 2, 0]
    assert column(out, "number") == ["1", None, None, "3"]   # the pingback was number 2
    assert column(out, "author") == ["Monika", "Katrin Vogel", "Monika", "Jörg B."]
    assert column(out, "date") == ["3. März 2021 um 09:12 Uhr", "3. März 2021 um 10:40 Uhr",
                                   "3. März 2021 um 11:02 Uhr", "4. März 2021 um 18:30 Uhr"]
    assert column(out, "text") == [
        "Wie schön! Ich schreibe meiner Patentochter jeden Monat eine Postkarte.\n\nSie antwortet inzwischen sogar.",
        "Das ist eine wunderbare Idee, liebe Monika.",
        "Danke! Ein Foto der letzten Karte habe ich auf meinem Blog.",
        "Briefe schon, aber bitte ohne Porto-Erhöhung.",
    ]
    rules = Counter(e["rule"] for e in out.removed)
    assert rules["comments.heading"] == 1 and rules["comments.pingback"] == 1 and rules["comments.button"] == 3
    assert "Gedanken zu" not in out.text and "Pingback" not in out.text and "[Antworten](#)" not in out.text
    assert "### Beitragsnavigation" in out.text and "### Schreibe einen Kommentar" in out.text


def test_bulleted_thread_keeps_the_writers_list_and_pasted_tweet():
    out = run(page("says-en.txt"))
    assert column(out, "depth") == [0, 1, 2, 0, 0]
    assert column(out, "parent") == [None, "c1", "c2", None, None]
    assert column(out, "author") == ["Helen", "Sam Porter", "Helen", "Raj", "Ana"]
    assert out.comments[3]["text"] == (
        "Three things that worked for me:\n\n* wrap the pot in bubble wrap\n\n* keep it off the concrete floor"
        "\n\nSaw this tip too:\n\nGarden Notes @gardennotes 2h2 hours ago"
        "\n\nFigs in pots: mulch the top, water sparingly, wait for spring.")
    assert out.text.endswith("bring it back outside.\n\n### Leave a Reply [Cancel reply](#)\n\n"
                             "Your email address will not be published. Required fields are marked *\n")


def test_bare_indented_thread_numbers_bullets_and_a_missing_parent():
    text = page("bare-indented.txt")
    out = run(text)
    assert column(out, "depth") == [1, 2, 3, 0, 1, 2, 0]
    # the first reply's parent is on an earlier page; a reply two indents deeper attaches
    # to the nearest shallower comment
    assert column(out, "parent") == [None, "c1", "c2", None, "c4", "c5", None]
    assert column(out, "number") == [None, None, None, "1", None, None, "2"]
    assert column(out, "author") == [None] * 7
    assert out.comments[1]["text"] == ("Long overdue for you, maybe. The shops on Main Street depend on those forty "
                                       "parking spaces.\n\nThe council did not even ask the shop owners.")
    assert out.comments[5]["text"] == ("Three reasons it will be faster this time:\n\n1. The money is already in the "
                                       "budget.\n\n2. The design was approved last year.\n\n3. No land has to be bought.")
    assert out.text == text[:text.index("Related Posts")] + "Related Posts\n\nLeave a Comment\n"


def test_labels_above_dates_and_the_posts_own_byline():
    out = run(page("labels-above-dates.txt"))
    assert column(out, "author") == ["Kaffeetante", "Bernd77", "Lena_K"]
    assert column(out, "text") == ["Schon abgeholt, schmeckt gut im Kaffee.", "Top",
                                   "Bei uns war es schon um neun vergriffen.\n\nSchade."]
    assert column(out, "date") == ["12.05.2022, 10:02", "12.05.2022, 10:15", "12.05.2022, 11:48"]
    assert "[Schnäppchenfuchs](#) 12.05.2022, 09:30 Uhr" in out.text   # the post's byline stays
    assert "Kaffeetante" not in out.text and "2310" not in out.text


def test_author_and_date_below_the_text():
    out = run(page("author-below-fr.txt"))
    assert column(out, "author") == ["Claire M.", "Paul", "anonyme"]
    assert column(out, "depth") == [0, 1, 0]
    assert column(out, "date") == ["14 mai 2022 à 08:12", "14 mai 2022 à 09:40", "15 mai 2022 à 17:03"]
    assert out.comments[0]["text"] == "Enfin ! Le samedi matin n'était plus pareil sans le marché."
    assert "Vos réactions" not in out.text and "Le marché couvert rouvre ses portes" in out.text

    out = run(page("text-then-author-de.txt"))
    [comment] = out.comments
    assert comment["text"].startswith("[…] Heute nur ein Lied") and comment["date"] == "07.05.22 um 10:25"
    assert out.text.endswith("Heute nur ein Lied, das ich seit Tagen höre.\n\nLeider sind keine Kommentare möglich.\n")


def test_the_first_footer_comment_starts_at_a_label_shaped_like_the_others():
    # the others open with a linked name; the first one's short first line of text
    # ("Stimmt nicht ganz") is no such label, so it stays in the comment
    text = """# Kettenpflege im Winter

Salz und Matsch setzen der Kette im Winter mehr zu als jeder Schlamm im Sommer. Nach jeder Fahrt abspülen, trocken reiben und dünn nachölen: mehr braucht es nicht.

Wer mag, wechselt im Winter auf ein dickeres Öl. Wachs hält bei Nässe schlechter.

##  [3 Kommentare](#)

[Radler](#)

Stimmt nicht ganz

Mein Heißwachs hält den ganzen Winter, auch bei Salz.

[Radler](#), [26\\. Januar 2022 13:05](#)

[kettenblatt](#)

Dann fährst du nicht bei Salz. Nach zwei Wochen war meine Kette braun.

[kettenblatt](#), [26\\. Januar 2022 13:11](#)

[MiriamK](#)

Mir fehlt die Geduld für Wachs.

[MiriamK](#), [26\\. Januar 2022 14:02](#)
"""
    out = run(text)
    assert column(out, "author") == ["Radler", "kettenblatt", "MiriamK"]
    assert out.comments[0]["text"] == "Stimmt nicht ganz\n\nMein Heißwachs hält den ganzen Winter, auch bei Salz."


def test_an_article_under_a_heading_and_its_byline_is_no_comment():
    article = "\n\n".join(["Die Stadt plant eine neue Brücke über den Fluss, die im Sommer fertig sein soll."] * 8)
    text = f"### Kommentare\n\nVon Max Müller, 12.03.2020\n\n{article}\n\n### Schreibe einen Kommentar\n"
    record = Record(id="doc", text=text)
    assert comments_pass(record).to_json() == record.to_json()


#: Pages that look like they might hold comments, but hold none.
NO_COMMENTS = ["no-comments.txt", "faq-en.txt", "reader-letters-de.txt", "related-dated-authors.txt",
               "reviews-summary.txt", "quotes-interview.txt", "liveblog-de.txt", "update-timeline-en.txt",
               "changelog-en.txt", "recent-comments-de.txt", "recent-comments-en.txt"]


@pytest.mark.parametrize("name", NO_COMMENTS)
def test_lists_letters_reviews_and_quotes_are_no_comments(name):
    record = Record(id="doc", text=page(name))
    assert comments_pass(record).to_json() == record.to_json()


def wordpress(numbers_and_authors, dates, texts):
    """A WordPress thread of three: a comment, the post author's reply, a second comment."""
    return [(0, "1", numbers_and_authors[0], dates[0], texts[0]), (1, None, numbers_and_authors[1], dates[1], texts[1]),
            (0, "2", numbers_and_authors[2], dates[2], texts[2])]


#: Each page of another layout: (depth, number, author, date, text) of its comments.
LAYOUTS = {
    "wordpress-twentyten-en.txt": [
        (0, "1", "Dorothy", "March 2, 2020 at 6:14 pm",
         "My grandmother's pan had a crack like that for forty years and nobody noticed until it split on the stove."),
        (1, None, "Tom Hallett", "March 2, 2020 at 7:02 pm", "Forty years is a good run. Did you keep the pieces?"),
        (2, None, "Dorothy", "March 3, 2020 at 8:40 am", "They are in the garden now, holding up a tomato plant."),
        (0, "2", "Ken W.", "March 4, 2020 at 11:15 pm",
         "A welder told me brazing only works on pans made before the 1950s. Newer iron has too much carbon.")],
    "wordpress-fr.txt": wordpress(
        ["Mathilde", "Élodie", "Jean-Luc"],
        ["2 février 2021 à 10 h 12 min", "2 février 2021 à 11 h 40 min", "3 février 2021 à 19 h 05 min"],
        ["J'ajoute toujours une cuillère de rhum dans la pâte, c'est la recette de ma mère.",
         "Bonne idée, je l'essaierai l'année prochaine !", "Et pour les crêpes salées, de la farine de sarrasin."]),
    "wordpress-es.txt": wordpress(
        ["Andrés", "Lucía", "Carmen"],
        ["15 de abril de 2021 a las 9:20", "15 de abril de 2021 a las 12:03", "18 de abril de 2021 a las 18:45"],
        ["¿Sirve también para tomates cherry? Tengo poco espacio en el balcón.",
         "Sí, incluso mejor: una maceta de veinte litros basta.",
         "Yo pongo albahaca al lado, dicen que ahuyenta los insectos."]),
    "wordpress-it.txt": wordpress(
        ["Giulia", "Marco", "Paolo"],
        ["11 marzo 2022 alle 08:15", "11 marzo 2022 alle 09:30", "12 marzo 2022 alle 21:02"],
        ["Si può usare il lievito di birra al posto del lievito madre?",
         "Sì, ma il sapore sarà meno acidulo. Usa cinque grammi per chilo di farina.",
         "Fatto ieri, crosta perfetta. Grazie!"]),
    "wordpress-nl.txt": wordpress(
        ["Pieter", "Sanne", "Ingrid"], ["5 mei 2021 om 14:22", "5 mei 2021 om 16:10", "7 mei 2021 om 09:45"],
        ["Mooie route! Bij Breukelen kun je goed koffie drinken aan het water.",
         "Dank je, die tip neem ik mee voor de volgende keer.", "Let op: het pontje bij Nigtevecht vaart niet op maandag."]),
    "wordpress-pl.txt": wordpress(
        ["Tomek", "Kasia", "Magda"], ["12 stycznia 2022 o 18:30", "12 stycznia 2022 o 20:05", "14 stycznia 2022 o 11:17"],
        ["Moja babcia dodawała jeszcze odrobinę pieprzu do farszu.", "Pieprz to podstawa, zapomniałam o nim napisać!",
         "Czy można je zamrozić przed gotowaniem?"]),
    "wordpress-pt.txt": wordpress(
        ["Rui", "Inês", "Beatriz"],
        ["8 de junho de 2021 às 19:40", "8 de junho de 2021 às 21:12", "10 de junho de 2021 às 08:05"],
        ["Fiz hoje e ficaram ótimos, só queimei um pouco o fundo.", "Experimente pôr o tabuleiro na prateleira do meio.",
         "Posso usar leite de aveia?"]),
    "disqus-en.txt": [
        (0, None, "Mark Peters", "3 hours ago", "Finally. I have been driving two hours to the lake for this."),
        (1, None, "Lisa Tran", "2 hours ago", "Same here. Twelve dollars is a fair price too."),
        (2, None, "Mark Peters", "an hour ago", "See you there on Saturday then."),
        (0, None, "Guest", "5 hours ago", "Will there be separate hours for women?"),
        (0, None, "harborwatcher", "a day ago", "Hope they thought about the smoke. The apartments on Pier 5 are very close.")],
    "blogger-en.txt": [
        (0, None, "Anonymous", "March 4, 2016 at 10:15 AM", "Mine smells like nail polish remover. Is that normal?"),
        (0, None, "Ruth", "March 4, 2016 at 11:02 AM", "Yes, that means it is hungry. Feed it more often and it will pass."),
        (0, None, "Baking with Bea", "March 6, 2016 at 8:30 PM", "Lovely bubbles! Rye flour makes it even livelier.")],
    "blogger-de.txt": [
        (0, None, "Anonym", "12. Oktober 2019 um 20:14", "Wunderschöne Bilder! Wie lange habt ihr gebraucht?"),
        (0, None, "Heike", "13. Oktober 2019 um 09:03", "Knapp sechs Stunden mit Pausen.")],
    "drupal-en.txt": [
        (0, None, "greenthumb", "Tue, 01/12/2021 - 14:32", "Compost\n\nIs there a shared compost bin, or do we bring our own?"),
        (0, None, "admin", "Tue, 01/12/2021 - 16:05", "There are two bins by the tool shed, free for all plot holders."),
        (0, None, "Maria Lopez", "Thu, 01/14/2021 - 08:47",
         "Waiting list\n\nIf all plots are taken, is there a waiting list for next year?")],
    "forum-phpbb.txt": [
        (0, None, "spokewrench", "Sun Apr 11, 2021 8:03 pm",
         "Check that the caliper is aligned. A slightly misaligned caliper squeals most when the rotor is wet."),
        (0, None, "ridgerunner", "Mon Apr 12, 2021 6:45 am", "Realigned it this morning, much better already. Thanks!"),
        (0, None, "mtb_anna", "Mon Apr 12, 2021 9:30 am",
         "Also try sintered pads. Organic pads are quieter when dry but worse in the wet.")],
    "news-relative-de.txt": [
        (0, None, "Rainer S.", "vor 3 Stunden", "Endlich! Der Bus zum Südhang ist jeden Morgen überfüllt."),
        (0, None, "Bergsträßlerin", "vor 2 Stunden",
         "Sie wohnen ja auch nicht an der Baustelle. Drei Jahre Lärm vor unserer Haustür."),
        (0, None, "Mo_Fischer", "vor 1 Stunde", "Warum nicht gleich bis zur Uni verlängern?"),
        (0, None, "K. Albrecht", "vor 45 Minuten",
         "Die Kosten wurden schon zweimal nach oben korrigiert. Mal sehen, ob 2027 realistisch ist.")],
    "news-relative-fr.txt": [
        (0, None, "Hugo L.", "il y a 2 jours", "Enfin des concerts gratuits, bravo aux organisateurs."),
        (0, None, "Sylvie", "il y a 2 jours", "Dommage que le parking soit payant cette année."),
        (0, None, "Nico75", "il y a 5 heures", "Quelqu'un sait si les chiens sont acceptés dans le parc ?")],
    "reply-buttons-no-heading.txt": [
        (0, None, "Olivia Grant", "March 12, 2023 at 9:14 am",
         "My peace lily droops every week and recovers as soon as I water it. Is that bad for it?"),
        (1, None, "Ben Hughes", "March 12, 2023 at 11:30 am", "It is fine, but it means you could water a little more often."),
        (0, None, "Priya", "March 14, 2023 at 7:52 pm", "Pothos is impossible to kill, mine survived two house moves.")],
    "jetpack-en.txt": [
        (0, "1", "Maya", "May 3, 2021 at 7:02 am", "I tried this today and my back feels better already."),
        (1, None, "Coach Dan", "May 3, 2021 at 9:40 am", "Great to hear! Keep it up for two weeks."),
        (0, "2", "Li Wei", "May 4, 2021 at 6:15 pm", "Is it fine to do this in the evening instead?")],
    "schrieb-am-de.txt": [
        (0, None, "Peter K.", "12.03.2024 um 10:15 Uhr", "Endlich wird etwas für die Anwohner getan."),
        (0, None, "Ute", "12.03.2024 um 11:02 Uhr", "Und die Pendler? Die zahlen jetzt doppelt."),
        (0, None, "Fahrradfahrer", "12.03.2024 um 12:30 Uhr", "Mehr Platz für Radwege wäre besser gewesen.")],
    "news-relative-es.txt": [
        (0, None, "lector_asiduo", "hace 3 horas", "Por fin, los domingos eran el único día que tenía libre."),
        (0, None, "María G.", "hace 2 horas", "¿Y en verano también?"),
        (0, None, "Pepe", "hace 45 minutos", "Buena noticia para los estudiantes.")],
    "numbered-hash-en.txt": [
        (0, None, "Tom", "March 3, 2023", "Mid-drive, no question. Hub motors struggle on long climbs."),
        (0, None, "Sara", "March 3, 2023", "I have a hub motor and it is fine, but my hills are short."),
        (0, None, "Ahmed", "March 4, 2023", "Check the torque figure, not the wattage.")],
    "form-before-thread-en.txt": [
        (0, None, "June", "March 3, 2023 at 9:00 am", "Mine has roots growing out of the pot, is that normal?"),
        (0, None, "Kim", "March 4, 2023 at 1:12 pm", "Yes, those are air roots. Leave them.")],
    "blogger-threaded-en.txt": [
        (0, "1", "Anonymous", "March 4, 2016 at 10:15 AM", "Mine smells like nail polish remover. Is that normal?"),
        (1, None, "Ruth", "March 4, 2016 at 11:02 AM", "Yes, that means it is hungry."),
        (0, "2", "Bea", "March 6, 2016 at 8:30 PM", "Lovely bubbles!")],
    "drupal-linked-en.txt": [
        (0, None, "greenthumb", "Tue, 01/12/2021 - 14:32", "Compost\n\nIs there a shared compost bin, or do we bring our own?"),
        (0, None, "admin", "Tue, 01/12/2021 - 16:05", "There are two bins by the tool shed, free for all plot holders.")],
    "forum-phpbb-top.txt": [
        (0, None, "spokewrench", "Sun Apr 11, 2021 8:03 pm", "Check that the caliper is aligned."),
        (0, None, "mtb_anna", "Mon Apr 12, 2021 9:30 am", "Also try sintered pads.")],
    "wordpress-avatars-en.txt": [
        (0, "1", "Nina", "June 2, 2022 at 8:10 am", "Mine always gets leggy. More light?"),
        (0, "2", "Omar", "June 3, 2022 at 6:45 pm", "Pinch off the tops and it gets bushy.")],
    "flat-mentions.txt": [
        (0, None, "Greta Lind", "10 May 2022, 08:14", "Yes please. Saturday is the only day I can go and it is always full."),
        (0, None, "Stefan", "10 May 2022, 09:02", "Then the staff lose their Sundays instead. Who pays for that?"),
        (0, None, "Amira K.", "10 May 2022, 10:47",
         "@Stefan: the proposal says staff get paid extra and it is voluntary."),
        (0, None, "Jonas", "11 May 2022, 18:30", "Open on Sunday, close on Monday. Nobody goes on Monday anyway.")],
    "wpdiscuz-de.txt": [
        (0, None, "Bibi Blue", "1 Monat her",
         "Lieber Robert, danke für die vielen Samstage. Früher war nicht alles besser, aber der Flohmarkt war es schon immer."),
        (0, None, "Nossi", "1 Monat her", "Wie so oft triffst du den Nagel auf den Kopf. Ich vermisse nur den Stand mit den "
         "alten Postkarten.\n\nLiebe Grüße,\n\nNossi"),
        (0, None, "Robert", "4 Wochen her", "Nossi : Den gibt es noch, er steht jetzt hinten bei der Treppe."),
        (0, None, "clandestine", "3 Wochen her", "Der Nachtflohmarkt ist das Beste, was dem Viertel passiert ist.")],
    "wpdiscuz-en.txt": [
        (0, None, "Mark T.", "2 years ago",
         "The ferry used to run every hour in summer. Two hours means the last boat back leaves before the fireworks."),
        (0, None, "Island Mum", "2 years ago",
         "Half the kids at the island school take the eight o'clock boat. Is that one staying?\n\nDoes anyone know?"),
        (0, None, "harbourwatcher", "1 year ago", "Crew shortage has been the excuse since 2019.")],
    "wpdiscuz-sorted-de.txt": [
        (0, None, "Nibelung", "50 Minuten 46 Sekunden her",
         "Vierzig Minuten? Bei mir sind es an manchen Tagen fünfzig, und der Bus fährt seit dem Sommer auch nicht mehr."),
        (0, None, "Bummi", "1 Stunde 51 Minuten her", "Gutachter fehlen überall. Das hätte man vor fünf Jahren wissen können."),
        (0, None, "Mayor Quimby", "12 Stunden 33 Minuten her",
         "„Gestiegene Stahlpreise“ – komisch, an wen erinnert mich das gerade?\n\nIch komm nicht drauf.")],
    "forum-posts-below-de.txt": [
        (0, None, "Trailhund", "26. Januar 2022 13:05",
         "Wachs hält bei Nässe schlechter.\n\nKann ich nicht bestätigen, mein Heißwachs hält den ganzen Winter."),
        (0, None, "kettenblatt", "26. Januar 2022 13:11",
         "Kann ich nicht bestätigen\n\nDann fährst du nicht bei Salz. Nach zwei Wochen war meine Kette braun."),
        (0, None, "Trailhund", "26. Januar 2022 13:30", "Doch, jeden Tag zur Arbeit. Aber ich wachse alle 300 km neu."),
        (0, None, "MiriamK", "26. Januar 2022 14:02", "Mir fehlt die Geduld für Wachs.")],
    "closed-thread-de.txt": [
        (0, None, "Herr Peter Lenz", "28.04.2020, 10:27 Uhr",
         "Diese Kontrollen treffen genau die Menschen, die Europa jeden Tag leben."),
        (0, None, "Frau Anke Ruf", "28.04.2020, 08:59 Uhr",
         "Ich fahre seit zwanzig Jahren über die Grenze. So etwas habe ich noch nicht erlebt."),
        (0, None, "Herr Tobias Maas", "27.04.2020, 20:10 Uhr", "Vielleicht lernt man daraus, wie wichtig offene Grenzen sind.")],
    "chrome-after-thread-de.txt": [
        (0, None, "Hannelore", "14. Oktober 2022 um 18:20 Uhr",
         "Das habe ich letztes Jahr mit einer Cocktailtomate probiert. Sie hat den Winter im Treppenhaus überlebt."),
        (0, None, "Gärtner Jo", "15. Oktober 2022 um 08:05 Uhr",
         "Bei mir sind sie immer von Läusen befallen worden. Mit Schmierseife ging es dann.")],
    "chrome-after-thread-en.txt": [
        (0, None, "Priya", "January 8, 2023 at 7:45 pm", "Made these tonight with rosemary. Gone in ten minutes."),
        (0, None, "Tom B.", "January 9, 2023 at 10:12 am", "Can I use whole wheat flour?"),
        (1, None, "Linda", "January 9, 2023 at 11:30 am", "Yes, add a spoon more water.")],
    "drupal-no-heading-en.txt": [
        (0, None, "oakreader", "Fri, 03/05/2021 - 12:40",
         "Parking\n\nWill the car park behind the library be open on Sundays too?"),
        (0, None, "librarian", "Fri, 03/05/2021 - 14:02", "Yes, the car park opens half an hour before the library."),
        (0, None, "T. Nguyen", "Sat, 03/06/2021 - 09:18", "Study rooms\n\nCan the group study rooms be booked for Sundays?")],
    "drupal-linked-no-heading-en.txt": [
        (0, None, "oakreader", "Fri, 03/05/2021 - 12:40",
         "Parking\n\nWill the car park behind the library be open on Sundays too?"),
        (0, None, "librarian", "Fri, 03/05/2021 - 14:02", "Yes, the car park opens half an hour before the library.")],
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_comment_layouts_of_other_sites_and_languages(name):
    out = run(page(name))
    assert [(c["depth"], c["number"], c["author"], c["date"], c["text"]) for c in out.comments] == LAYOUTS[name]
    # the author/date lines are recorded, and none stays behind in the body
    headers = [e["text"] for e in out.removed if e["rule"] == "comments.header"]
    assert len(headers) >= len(out.comments) and not [h for h in headers if h in out.text]


def test_what_stays_around_the_threads():
    out = run(page("forum-phpbb.txt"))   # the opening post is the topic's article
    assert "Every time I ride in the rain" in out.text and "Realigned" not in out.text
    assert [e["text"] for e in out.removed if e["rule"] == "comments.label"] == ["### Re: Squealing disc brakes after rain"] * 3
    out = run(page("drupal-en.txt"))   # the post's own byline stays; titles are the comments' first paragraphs
    assert "Submitted by [admin](#) on Mon, 01/11/2021 - 09:00" in out.text and "Compost" not in out.text
    out = run(page("flat-mentions.txt"))
    assert ("comments.header", "In reply to Greta Lind") in {(e["rule"], e["text"]) for e in out.removed}
    out = run(page("disqus-en.txt"))
    assert out.text.endswith("  • [Harbor swimming zone gets a lifeguard](#)\n\n  • [Subscribe](#)\n  • [Privacy](#)\n")
    assert ("comments.button", "[Load more comments](#)") in {(e["rule"], e["text"]) for e in out.removed}
    out = run(page("blogger-en.txt"))
    assert "[Post a Comment](#)" in out.text and "said..." not in out.text
    out = run(page("news-relative-de.txt"))
    assert "Weitere Kommentare laden" not in out.text and out.text.rstrip().endswith("[Parkgebühren steigen ab April](#)")
    # the thread ends where the site's chrome starts: a bar of links, a menu of short lines
    out = run(page("chrome-after-thread-de.txt"))
    assert out.text.endswith("Stecklinge schneiden.\n\n[Impressum](#) | [Datenschutz](#) | [Kontakt](#)\n\n"
                             "© 2022 Gartenblog Sonnenhang\n")
    out = run(page("chrome-after-thread-en.txt"))
    assert out.text.endswith("twenty minutes.\n\nHome\nRecipes\nAbout\nContact\n\nCopyright 2023 Linda's Kitchen. "
                             "All rights reserved.\n")
    # the post's own byline under the page's title opens the article, not a comment
    out = run(page("drupal-no-heading-en.txt"))
    assert "Submitted by [librarian](#) on Fri, 03/05/2021 - 10:15\n\nFrom April the central library" in out.text
    assert "The extra hours are a trial" in out.text and "Parking" not in out.text
    out = run(page("drupal-linked-no-heading-en.txt"))
    assert "From April the central library" in out.text and "Parking" not in out.text
    # vote buttons and the writer's labels above the text go with the comment
    out = run(page("wpdiscuz-de.txt"))
    assert "Daumen" not in out.text and "Gast" not in out.text and "Hinterlasse einen Kommentar" in out.text


# ---------------------------------------------------------------------------------
# Invariants, on every page

ALL_PAGES = sorted(SEEDS.glob("*.txt")) + sorted(PAGES.glob("*.txt"))


def check_invariants(record: Record, out: Record) -> None:
    assert not unaccounted(record, out), "characters disappeared"
    assert comments_pass(out).to_json() == out.to_json(), "not idempotent"
    for entry in out.removed[len(record.removed):]:
        assert entry["pass"] == "comments" and entry["rule"].startswith("comments.")
        assert record.text[entry["start"]:entry["start"] + len(entry["text"])] == entry["text"]
    new = out.comments[len(record.comments):]
    by_id = {c["id"]: c for c in out.comments}
    for comment in new:
        assert set(comment) == COMMENT_KEYS and comment["text"]
        if comment["parent"] is not None:
            assert by_id[comment["parent"]]["depth"] == comment["depth"] - 1
    assert len(by_id) == len(out.comments)


@pytest.mark.parametrize("path", ALL_PAGES, ids=lambda p: p.name)
def test_accounted_idempotent_and_pure(path):
    text = path.read_text(encoding="utf-8")
    record = Record(id=path.stem, text=text, meta={"encoding": "utf-8"})
    before = record.to_json()
    out = comments_pass(record)
    assert record.to_json() == before   # pure
    check_invariants(record, out)


def test_ids_continue_after_comments_already_there():
    earlier = {"id": "c1", "parent": None, "depth": 0, "number": None, "author": "X", "date": None, "text": "old"}
    out = run(page("says-en.txt"), comments=[earlier])
    assert column(out, "id")[:3] == ["c1", "c2", "c3"] and out.comments[2]["parent"] == "c2"


def test_empty_and_blank_texts():
    for text in ("", "\n", "   \n\n  ", "•", "  1.", "Kommentare", "Leave a Reply"):
        record = Record(id="doc", text=text)
        assert comments_pass(record).to_json() == record.to_json()


# ---------------------------------------------------------------------------------
# Lines

@pytest.mark.parametrize("line, kind, author, date", [
    ("  1. **[photobix](#)** [11\\. Dezember 2012 um 11:07](#)", Kind.META, "photobix", "11. Dezember 2012 um 11:07"),
    ("  • Auslandsoesi sagt:", Kind.META, "Auslandsoesi", None),
    ("  • **Milan Griffes** on [September 12, 2018 at 4:47 pm](#) said:", Kind.META, "Milan Griffes",
     "September 12, 2018 at 4:47 pm"),
    ("Josef Franz Lindner, [ Do 9 Apr 2020 / 08:34 ](#) [Antworten](#)", Kind.META, "Josef Franz Lindner",
     "Do 9 Apr 2020 / 08:34"),
    ("Kommentar von Mareike", Kind.META, "Mareike", None),
    ("[ August 22, 2018 at 5:57 am  ](#)", Kind.DATE, None, "August 22, 2018 at 5:57 am"),
    ("__vor 1 Stunde", Kind.DATE, None, "vor 1 Stunde"),
    ("Vor 6 Tagen veröffentlicht", Kind.DATE, None, "Vor 6 Tagen"),
    ("Gestern um 14:30", Kind.DATE, None, "Gestern um 14:30"),
    ("**Jane Doe** • 2h ago", Kind.META, "Jane Doe", "2h ago"),
    ("[Anna](#) Yesterday at 3:40 pm", Kind.META, "Anna", "Yesterday at 3:40 pm"),
    ("Heute war ich um 14:30 im Kino und es war schön.", Kind.TEXT, None, None),
    ("Kyle Glen @KyleJGlen 43m43 minutes ago", Kind.TEXT, None, None),           # a pasted tweet
    ("> Damon Otter said:", Kind.TEXT, None, None),                              # a quote
    ("[Chat mit Abgeordneten am 13.03.2016](#)", Kind.TEXT, None, None),          # a dated title
    ("Am 12. März 2020 war ich dort, es war ein schöner Tag.", Kind.TEXT, None, None),
    ("Autor: Gàbor Muniér, Datum: 03.Mär.19", Kind.TEXT, None, None),             # a post's fields
    ("[Anonymous](#) said...", Kind.META, "Anonymous", None),                      # Blogger
    ("[Anonym](#) hat gesagt…", Kind.META, "Anonym", None),
    ("Loading Facebook Comments ...", Kind.TEXT, None, None),                      # a widget, no writer
    ("Peter schrieb am 12.03.2020 um 10:15:", Kind.META, "Peter", "12.03.2020 um 10:15"),
    ("**Lisa Tran** → Mark Peters • 2 hours ago", Kind.META, "Lisa Tran", "2 hours ago"),
    ("Post by **ridgerunner** » Sun Apr 11, 2021 7:12 pm", Kind.META, "ridgerunner", "Sun Apr 11, 2021 7:12 pm"),
    ("Submitted by [admin](#) on Tue, 01/12/2021 - 16:05", Kind.META, "admin", "Tue, 01/12/2021 - 16:05"),
    ("Par Jean Dupont le 12/03/2020 à 10:15", Kind.META, "Jean Dupont", "12/03/2020 à 10:15"),
    ("**Hugo L.** · il y a 2 jours", Kind.META, "Hugo L.", "il y a 2 jours"),
    ("[2 février 2021 à 10 h 12 min](#)", Kind.DATE, None, "2 février 2021 à 10 h 12 min"),
    ("[8 de junho de 2021 às 19:40](#)", Kind.DATE, None, "8 de junho de 2021 às 19:40"),
    ("**Ken W.** says:", Kind.META, "Ken W.", None),
])
def test_author_and_date_lines(line, kind, author, date):
    read = read_line(line, 0)
    assert read.kind is kind
    if kind in (Kind.META, Kind.DATE):
        assert (read.meta.author, read.meta.date) == (author, date)


@pytest.mark.parametrize("line, kind", [
    ("###  12 Kommentare", Kind.HEADING),
    ("## Comments (1)", Kind.HEADING),
    ("##  45 Gedanken zu „Das wird man ja wohl noch sagen dürfen!“", Kind.HEADING),
    ("{ 38 comments… read them below or add one }", Kind.HEADING),
    ("### Vos réactions", Kind.HEADING),
    ("Posted in [Money](#) | [12 Comments](#)", Kind.TEXT),      # the post's own line
    ("5343 mal gelesen | 32 Kommentare", Kind.TEXT),
    ("  • [Opinions](#)", Kind.TEXT),                             # navigation
    ("Kommentar", Kind.TEXT),                                     # an opinion piece's label, a form field
    ("Hinterlasse jetzt einen Kommentar", Kind.END),
    ("### Leave a Reply [Cancel reply](#)", Kind.END),
    ("**HINWEIS:** Die Kommentarfunktion wird 2 Tage nach Veröffentlichung geschlossen.", Kind.END),
    ("Related Posts", Kind.SECTION),
    ("[Post a Comment](#)", Kind.END),
    ("In reply to Greta Lind", Kind.REPLY_TO),
    ("In reply to [Wo und wie gestorben wird](#) by Gast", Kind.REPLY_TO),
    ("### Leserbriefe", Kind.TEXT),                               # an editor's selection as often
    ("### 3 Leserbriefe", Kind.HEADING),
    ("[Load more comments](#)", Kind.ACTION),
    ("12 Gefällt mir | [Antworten](#) | [Melden](#)", Kind.ACTION),
    ("[Antwort](#) ↓", Kind.ACTION),
    ("[Liken](#)Gefällt 1 Person", Kind.ACTION),
    ("__Daumen hoch 6 __Daumen runter", Kind.ACTION),
    ("[ __](#) 43", Kind.ACTION),
    ("  2. Pingback: [Israel: Von Grabenkämpfen | Gormulus](#)", Kind.PINGBACK),
    ("Sortiert nach: neuste | älteste | beste Bewertung", Kind.HEADING),   # a thread's sort bar
    ("Newest Oldest Most Voted", Kind.HEADING),
    ("Neueste | Meistgelesen", Kind.TEXT),                              # a sidebar's tabs
    ("© 2022 Gartenblog Sonnenhang", Kind.SECTION),                       # the site's footer
    ("Copyright 2023 Linda's Kitchen. All rights reserved.", Kind.SECTION),
    ("Der Copyright-Vermerk fehlte auf dem Foto.", Kind.TEXT),
    ("Das Kommentieren dieses Artikels wurde deaktiviert.", Kind.END),
    ("…..", Kind.TEXT),
])
def test_line_kinds(line, kind):
    assert read_line(line, 0).kind is kind


def test_replies_are_marked():
    assert read_line("### Re: Squealing disc brakes after rain", 0).reply
    assert read_line("AW: Frage zur Anmeldung", 0).reply
    assert read_line("In reply to Greta Lind", 0).reply
    assert not read_line("### Compost", 0).reply and not read_line("Reading: a novel", 0).reply


def test_votes_are_marked_and_counts_are_no_replies():
    assert read_line("__Daumen hoch 6 __Daumen runter", 0).vote and read_line("+12 -1", 0).vote
    assert read_line("Vote Up 4 Vote Down", 0).vote and not read_line("12 Gefällt mir", 0).vote
    # a topic list's statistic ("Ähnliche Themen"), not a reply button
    assert not read_line("Antworten: 6", 0).reply and read_line("Antworten (3)", 0).reply


def test_reply_buttons_are_told_from_other_links():
    assert read_line("[Antworten](#)", 0).reply
    assert read_line("12.05.2022, 10:02 [Zum Antworten anmelden](#) [Zitieren](#) #", 0).reply
    assert not read_line("Veröffentlicht am [6\\. Juli 2015](#) von [Mark Hosak](#) — [Hinterlasse eine Antwort](#)",
                         0).reply


# ---------------------------------------------------------------------------------
# Generated threads: rendered the way sites print them, read back the same

NAMES = ["Anna", "Bernd Keller", "Chloé", "Dmitri", "Eva Maria", "Farid", "Lena_K", "Jörg B."]
WORDS = ("garden roses wall neighbours kindly colour lovely planted spring walked river bridge quiet "
         "evening bread baker village friends summer dinner letters").split()

#: A word as the page prints it: plain, linked, emphasised or with an escaped underscore.
printed_words = st.sampled_from(WORDS).flatmap(lambda w: st.sampled_from(
    [w, f"[{w}](#)", f"**{w}**", f"*{w}*", f"{w}\\_{w}", f"[**{w}**](#)"]))
sentences = st.lists(printed_words, min_size=3, max_size=10).map(lambda w: " ".join(w) + ".")
comment_bodies = st.lists(sentences, min_size=1, max_size=3)


def plain_text(lines: list[str]) -> str:
    """A comment's expected text: each printed line a paragraph, markup gone."""
    return "\n\n".join(strip_markup(line)[0] for line in lines)


@st.composite
def threads(draw, min_size=1):
    """Comments as (depth, author, lines): the first at the top, each at most one level
    deeper than the one before."""
    size = draw(st.integers(min_size, 12))
    depth, out = 0, []
    for n in range(size):
        depth = 0 if n == 0 else draw(st.integers(0, min(depth + 1, 5)))
        out.append((depth, draw(st.sampled_from(NAMES)), draw(comment_bodies)))
    return out


ARTICLE = "# A day by the river\n\nWe walked along the river in the evening.\n\nThe bridge was quiet.\n\n"


def numbers(thread):
    top = 0
    for depth, _, _ in thread:
        top += depth == 0
        yield str(top) if depth == 0 else None


def render_wordpress(thread) -> str:
    """German WordPress: numbered items (nested numbers 3 further in), "sagt:", date below."""
    parts = [ARTICLE, f"### {len(thread)} Kommentare\n\n"]
    counters: dict[int, int] = {}
    for n, (depth, author, lines) in enumerate(thread):
        counters[depth] = counters.get(depth, 0) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        parts.append(f"{' ' * (2 + 3 * depth)}{counters[depth]}. **[{author}](#)** sagt:\n\n"
                     f"[{n % 28 + 1}\\. März 2021 um 10:{n % 60:02d} Uhr](#)\n\n" + "\n".join(lines)
                     + "\n\n[Antworten](#) ↓\n\n")
    return "".join(parts) + "\n\n\n### Schreibe einen Kommentar [Antworten abbrechen](#)\n"


def render_bullets(thread) -> str:
    """English bullets: "**Name** says:", the date below, "Reply" under each comment."""
    parts = [ARTICLE, "## Comments\n\n"]
    for depth, author, lines in thread:
        parts.append(f"{' ' * (2 + 2 * depth)}• **{author}** says:\n\n[March 3, 2020 at 4:47 pm](#)\n\n"
                     + "\n".join(lines) + "\n\nReply\n\n")
    return "".join(parts) + "\n\n\n### Leave a Reply\n"


def render_bare(thread) -> str:
    """The seed layout: numbered top-level comments, bulleted replies, continuation lines
    indented under their marker, "Leave a Comment" after the thread."""
    parts = [ARTICLE.replace("# ", ""), "Related Posts\n\n"]
    for (depth, _, lines), number in zip(thread, numbers(thread)):
        indent = 2 + 2 * depth
        marker = f"{number}." if depth == 0 else "•"
        parts.append(f"{' ' * indent}{marker} {lines[0]}\n" + "".join(f"{' ' * (indent + 2)}{line}\n" for line in lines[1:])
                     + "\n")
    return "".join(parts) + "Leave a Comment\n"


@settings(max_examples=150, deadline=None)
@given(threads(), st.sampled_from([render_wordpress, render_bullets]))
def test_generated_threads_are_read_back(thread, render):
    out = run(render(thread))
    assert column(out, "depth") == [depth for depth, _, _ in thread]
    assert column(out, "author") == [author for _, author, _ in thread]
    assert column(out, "text") == [plain_text(lines) for _, _, lines in thread]
    assert out.text == ARTICLE + ("### Schreibe einen Kommentar [Antworten abbrechen](#)\n"
                                  if render is render_wordpress else "### Leave a Reply\n")
    if render is render_wordpress:
        assert column(out, "number") == list(numbers(thread))
    assert column(out, "date")[0] is not None


def test_a_links_line_indented_under_the_last_comment_is_its_own():
    # (found by the test below) site chrome after a thread is flush left, not indented
    # under the last comment's marker
    last = (1, "Anna", ["garden garden garden.", "[garden](#) [garden](#) [garden](#)."])
    out = run(render_bare([(0, "Anna", ["garden garden garden."])] * 3 + [last]))
    assert column(out, "text")[-1] == "garden garden garden.\n\ngarden garden garden."


@settings(max_examples=150, deadline=None)
@given(threads(min_size=3))
def test_generated_bare_threads_are_read_back(thread):
    assume(any(depth for depth, _, _ in thread))   # a bare list needs nesting to be taken for a thread
    out = run(render_bare(thread))
    assert column(out, "depth") == [depth for depth, _, _ in thread]
    assert column(out, "number") == list(numbers(thread))
    assert column(out, "text") == [plain_text(lines) for _, _, lines in thread]


#: Lines of the kinds the finder reacts to, for random pages.
LINE_POOL = [
    "", "", "", "Some article text that reads like a sentence of prose.", "Short label",
    "### 3 Kommentare", "## Comments", "Kommentare", "  1. **Anna** sagt:", "  • Bernd says:",
    "     • **[Chloé](#)** [11\\. Dezember 2012 um 12:57](#)", "[1\\. November 2023 um 11:54 Uhr](#)",
    "17.10.2019, 14:14 [Zum Antworten anmelden](#) [Zitieren](#) #", "Armanox June 28, 2015 at 10:25 pm",
    "[Antworten](#) ↓", "Reply", "[ __](#) 3", "  2. Pingback: [Other blog](#)", "Leave a Reply",
    "### Schreibe einen Kommentar", "Related Posts", "* * *", "  • [Nav link](#)",
    "    • A reply in a bare thread, long enough to be prose.", "  1. A numbered comment with some words.",
    "      1. The writer's own list item.", "Unmarked continuation line with words here.",
    "**Name** Le 14 mai 2022 à 08:12", "Kommentar von [Blog | Folge 1](#) am 07.05.22 um 10:25",
    "[Luripu](#)", "__vor 1 Stunde", "\\[escaped\\] *emphasis* and _more_ `code` <http://x.y>",
    "[a [b](#) c](#) [[[ ]]] ((( )))", "[Anonymous](#) said...", "In reply to Greta Lind", "### Re: Compost",
    "Submitted by [admin](#) on Tue, 01/12/2021 - 16:05", "**Lisa Tran** → Mark Peters • 2 hours ago",
    "### LEAVE A REPLY", "[RÉPONDRE](#)", "  1. Re: the parking", "Post by **x** » Sun Apr 11, 2021 7:12 pm",
    "She said: it works.", "10:15 Peter schrieb:", "Comments on this are welcome.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINE_POOL), st.integers(0, 12)), max_size=60))
def test_random_pages_keep_the_invariants(lines):
    record = Record(id="doc", text="\n".join(" " * indent + line for line, indent in lines))
    check_invariants(record, comments_pass(record))


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))
def test_any_text_keeps_the_invariants(text):
    record = Record(id="doc", text=text)
    check_invariants(record, comments_pass(record))


# ---------------------------------------------------------------------------------
# The pre-scan: a page it rules out has no evidence line, so no thread

def has_evidence(text: str) -> bool:
    return any(map(is_evidence, read_lines(text)))


@pytest.mark.parametrize("line", [
    "### 3 Kommentare", "## COMMENTS (2)", "Vos réactions", "Dieser Artikel hat 32 Kommentare.",
    "### Leave a Reply [Cancel reply](#)", "LEAVE A COMMENT", "**HINWEIS:** Die Kommentarfunktion ist geschlossen.",
    "[Antworten](#) ↓", "[RÉPONDRE](#)", "12.05.2022, 10:02 [Zum Antworten anmelden](#)",
    "  • Anna Schneider sagt:", "[Anonymous](#) said...", "Marie dit :", "Peter schrieb am 12.03.2020 um 10:15:",
    "Kommentar von [Blog](#) am 07.05.22 um 10:25", "In reply to Greta Lind", "### Re: Compost", "  1. AW: Frage",
])
def test_prescan_finds_every_kind_of_evidence(line):
    page = f"Some article text that reads like a sentence.\n\n{line}\n\nMore text of the article here."
    assert has_evidence(page) and may_hold_thread(page)


@pytest.mark.parametrize("path", ALL_PAGES, ids=lambda p: p.name)
def test_prescan_is_exact_on_the_pages(path):
    text = path.read_text(encoding="utf-8")
    assert may_hold_thread(text) == has_evidence(text)
    if not may_hold_thread(text):
        assert find_threads(read_lines(text)) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINE_POOL), st.integers(0, 12), st.booleans()), max_size=40))
def test_prescan_is_exact_on_random_pages(lines):
    text = "\n".join(" " * indent + (line.upper() if upper else line) for line, indent, upper in lines)
    assert may_hold_thread(text) == has_evidence(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))
def test_prescan_never_rules_out_evidence(text):
    assert may_hold_thread(text) or not has_evidence(text)


# ---------------------------------------------------------------------------------
# Pathological inputs: linear time (budgets far above what linear code takes here)

def timed(text: str, budget: float) -> Record:
    started = time.perf_counter()
    out = run(text)
    assert time.perf_counter() - started < budget
    return out


def test_ten_thousand_comments():
    thread = [(n % 2, NAMES[n % len(NAMES)], ["Comment body number one here."]) for n in range(10_000)]
    out = timed(render_bullets(thread), budget=15)
    assert len(out.comments) == 10_000 and column(out, "depth")[:4] == [0, 1, 0, 1]


def test_fifty_levels_deep():
    thread = [(depth, "Anna", ["A reply that goes one level deeper."]) for depth in range(50)] * 20
    out = timed(render_bullets(thread), budget=15)
    assert max(column(out, "depth")) == 49 and out.comments[49]["parent"] == "c49"
    out = timed(render_bare(thread), budget=15)
    assert max(column(out, "depth")) == 49


def test_a_five_megabyte_comment():
    line = "Dieser Kommentar ist sehr lang und hat [Links](#), **Betonung** und Zahlen wie 11.12.2012. "
    body = line * (5_000_000 // len(line))
    out = timed(render_wordpress([(0, "Anna", [body])]), budget=15)
    [comment] = out.comments
    assert len(comment["text"]) > 4_000_000
    lines = "\n".join(["Eine Zeile des langen Kommentars vom 11.12.2012 mit [Link](#)."] * 80_000)
    [comment] = timed(render_wordpress([(0, "Anna", [lines])]), budget=30).comments
    assert comment["text"].count("\n\n") == 80_000 - 1


@pytest.mark.parametrize("text", [
    "[" * 1_000_000, "<http:" * 200_000, "### Kommentare\n\n" * 50_000, "Leave a Reply\n" * 50_000,
    "  1. Anna sagt:\n\n" * 50_000, "".join(" " * (n % 300) + "• a reply\n\n" for n in range(50_000)),
    "11. Dezember 2012\n" * 50_000, "1" * 5_000_000,
    "Anna sagt: " * 400_000, "Anna sagt:\n" * 200_000, "a:" * 2_000_000, "Re: " * 1_000_000,
    "[Antworten](#)\n" * 200_000, "comment " * 600_000, "10:15 " * 800_000,
], ids=["brackets", "autolinks", "headings", "forms", "headers", "indents", "dates", "digits", "says-one-line",
        "says-lines", "colons", "subjects", "buttons", "keys", "times"])
def test_pathological_pages(text):
    check_invariants(Record(id="doc", text=text), timed(text, budget=15))


# ---------------------------------------------------------------------------------
# The spec, the registry, --explode and the command line

def test_spec_and_registry_order():
    assert SPEC.name == "comments" and PASSES["comments"] is SPEC
    names = list(PASSES)
    assert names.index("comments") == names.index("encoding") + 1
    assert [o.flag for o in SPEC.options] == ["--explode"]
    assert SPEC.create_expander({}) is None and SPEC.create_expander({"explode": True}) is explode_record


def test_explode_record():
    article = run(page("says-en.txt"))
    article.id = "figs"
    article.source = {"path": "figs.txt", "index": 0}
    records = explode_record(article)
    assert records[0].id == "figs" and records[0].comments == [] and records[0].text == article.text
    assert [r.id for r in records[1:]] == [f"figs/c{n}" for n in range(1, 6)]
    third = records[3].to_json()
    assert third == {"id": "figs/c3", "source": {"path": "figs.txt", "index": 0},
                     "text": "A Brown Turkey, three years old now.", "article": "figs", "parent": "figs/c2",
                     "depth": 2, "number": None, "author": "Helen", "date": "November 3, 2020 at 6:47 pm"}


def test_cli_comments_on_files_and_through_a_pipe(invoke):
    [record] = jsonl(invoke("comments", PAGES / "wordpress-de.txt").stdout)
    assert record["id"] == "wordpress-de" and len(record["comments"]) == 4
    raw = invoke("read", *sorted(PAGES.glob("*.txt"))).stdout
    records = jsonl(invoke("comments", input=raw).stdout)
    expected = {name.removesuffix(".txt"): len(comments) for name, comments in LAYOUTS.items()}
    expected |= {name.removesuffix(".txt"): 0 for name in NO_COMMENTS}
    expected |= {"author-below-fr": 3, "bare-indented": 7, "labels-above-dates": 3, "says-en": 5,
                 "text-then-author-de": 1, "wordpress-de": 4}
    assert {r["id"]: len(r.get("comments", [])) for r in records} == expected


def test_cli_explode(invoke):
    records = jsonl(invoke("comments", "--explode", PAGES / "bare-indented.txt", PAGES / "no-comments.txt").stdout)
    assert [r["id"] for r in records] == ["bare-indented"] + [f"bare-indented/c{n}" for n in range(1, 8)] + ["no-comments"]
    assert "comments" not in records[0]
    assert [r["parent"] for r in records[1:8]] == [None, "bare-indented/c1", "bare-indented/c2", None,
                                                   "bare-indented/c4", "bare-indented/c5", None]
    assert {r["article"] for r in records[1:8]} == {"bare-indented"}


def test_cli_run_explode_in_order_with_jobs(invoke):
    serial = invoke("run", PAGES, "--explode", "--quiet").stdout
    parallel = invoke("run", PAGES, "--explode", "--jobs", "2", "--quiet").stdout
    assert serial == parallel
    ids = [r["id"] for r in jsonl(serial)]
    assert ids.index("says-en/c5") == ids.index("says-en") + 5
    assert json.loads(invoke("run", PAGES / "says-en.txt").stdout)["comments"][3]["author"] == "Raj"
