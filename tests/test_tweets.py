"""The tweets pass: the seed pages' gold tweets, the forms on hand-written pages
(fixtures/tweets), what is not a tweet, accounting, idempotence and linear time.

Only files under fixtures/ are used.
"""

from __future__ import annotations

import json
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean.audit import unaccounted
from corpus_clean.passes import PASSES
from corpus_clean.passes.tweets import SPEC, find_tweets, formats, load_formats, tweets_pass
from corpus_clean.record import Record

from .conftest import FIXTURES, SEEDS, jsonl, seed_gold

PAGES = FIXTURES / "tweets"
GOLD_FIELDS = ("name", "handle", "when", "text", "hashtags", "mentions", "in")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def run(text: str, **fields) -> Record:
    """The pass with every form leaving the body, so the cutting is tested on all of them."""
    return tweets_pass(Record(id="doc", text=text, **fields), leave="all")


def gold_fields(tweets: list[dict]) -> list[dict]:
    return [{key: tweet[key] for key in GOLD_FIELDS} for tweet in tweets]


def check_invariants(before: Record, after: Record) -> None:
    """Every character accounted for, offsets right, and a second run changes nothing."""
    assert not unaccounted(before, after)
    for entry in after.removed[len(before.removed):]:
        assert entry["rule"].startswith("tweets.")
        assert before.text[entry["start"]:entry["start"] + len(entry["text"])] == entry["text"]
    assert tweets_pass(after, leave="all").to_json() == after.to_json()


def seed_comments_record(stem: str) -> Record:
    """The seed as the comments pass leaves it: gold body, gold comments."""
    gold = seed_gold()[stem]
    return Record(id=stem, text=gold["body"], comments=gold["comments"])


# ---------------------------------------------------------------------------------
# The seeds

def test_registered_after_encoding():
    assert list(PASSES).index("tweets") > list(PASSES).index("encoding")


def test_seed_000_body_tweets_are_the_gold():
    stem = "000_64a4db4e0102c051"
    out = run(read(SEEDS / f"{stem}.txt"))
    assert gold_fields(out.tweets) == seed_gold()[stem]["tweets"]


def test_seed_000_body_keeps_the_prose_around_the_tweets():
    out = run(read(SEEDS / "000_64a4db4e0102c051.txt"))
    assert ("the government held western arts of Aleppo city:\n\nThis continued [today](#)\n\n"
            "These attacks on the population") in out.text
    assert "Kerry nonsense [came in today](#):\n\nTranslation: Get your proxies" in out.text
    for tweet in out.tweets:
        assert tweet["text"][:40] not in out.text
    assert "@EjmAlrai" not in out.text and "mfa\\_russia" not in out.text
    assert "\n\n\n" not in out.text


def test_seed_004_comment_tweets_are_the_gold_and_stay_in_the_comments():
    stem = "004_985d9ca59b4b847a"
    before = seed_comments_record(stem)
    out = tweets_pass(before, leave="all")
    assert gold_fields(out.tweets) == seed_gold()[stem]["tweets"]
    assert [t["comment"] for t in out.tweets] == ["c17", "c18", "c18", "c19"]
    assert out.comments == before.comments and out.text == before.text and not out.removed
    check_invariants(before, out)


def test_seed_004_alone_finds_the_same_tweets_in_the_body():
    stem = "004_985d9ca59b4b847a"
    out = run(read(SEEDS / f"{stem}.txt"))
    expected = [dict(tweet, **{"in": "body"}) for tweet in seed_gold()[stem]["tweets"]]
    assert gold_fields(out.tweets) == expected
    # the list markers of the comments stay, and so does the commenter's own remark
    assert "  6.\n\n    WELL,Iran providing anti ship missiles ?" in out.text


@pytest.mark.parametrize("stem", ["001_02cc9424b17e9773", "002_b04b3d2a205fa87b", "003_4b566bdc0a9d5bab"])
def test_seed_without_tweets_is_left_alone(stem):
    text = read(SEEDS / f"{stem}.txt")
    out = run(text)
    assert out.tweets == [] and out.text == text and out.removed == []


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(PAGES.glob("*.txt")), ids=lambda p: p.name)
def test_page_invariants(path):
    before = Record(id=path.stem, text=read(path))
    check_invariants(before, tweets_pass(before, leave="all"))


def test_seed_004_comments_invariants_with_body_tweets_too():
    gold = seed_gold()["004_985d9ca59b4b847a"]
    before = Record(id="x", text=read(SEEDS / "000_64a4db4e0102c051.txt"), comments=gold["comments"])
    out = tweets_pass(before, leave="all")
    assert [t["in"] for t in out.tweets] == ["body"] * 7 + ["comments"] * 4
    check_invariants(before, out)


# ---------------------------------------------------------------------------------
# The forms, on hand-written pages

def test_embeds():
    out = run(read(PAGES / "embeds.txt"))
    assert [(t["name"], t["handle"], t["when"], t["date"]) for t in out.tweets] == [
        ("Ana Ruiz", "AnaRuizMayor", "March 14, 2024", "2024-03-14"),
        ("Friends of Elm Street", "elmstreet_fr", "March 14, 2024", "2024-03-14"),
        ("Transport Authority", "CityTransit", "March 15, 2024", "2024-03-15"),
        ("Stadt Linz", "StadtLinz", "15. März 2024", "2024-03-15"),
    ]
    ruiz, elm, transit, linz = out.tweets
    assert ruiz["text"] == ("The tram is coming. Thank you to everyone who came out tonight #TramVote "
                            "https://t.co/Xk3Pq9LmZa")
    assert (ruiz["hashtags"], ruiz["urls"]) == (["TramVote"], ["https://t.co/Xk3Pq9LmZa"])
    assert ruiz["url"] == "https://twitter.com/AnaRuizMayor/status/1768123456789012345"
    assert elm["text"] == "Nine hours, and not one answer on the cost overruns.\n\nWe will be back at the next session."
    assert transit["text"] == "New route map: 14 stops, 9.2 km, first trams in 2027 pic.twitter.com/r0uteMap24"
    assert (transit["url"], transit["urls"]) == (None, ["pic.twitter.com/r0uteMap24"])
    assert linz["text"] == "Glückwunsch aus Linz! pic.twitter.com/LinzTram1"
    assert {t["in"] for t in out.tweets} == {"body"}


def test_embeds_leave_the_prose_bylines_and_quotations():
    out = run(read(PAGES / "embeds.txt"))
    assert out.text == (
        "# City council approves the new tram line after a nine-hour session\n\n"
        "By [Jane Porter](https://example.org/authors/jane-porter) @janeporter_news\n\n"
        "The council voted 31 to 14 shortly after midnight. Follow the debate under #TramVote "
        "or ask @CityCouncil for the minutes.\n\n"
        "Mayor Ana Ruiz announced the result herself:\n\n"
        "Opponents were quick to answer.\n\n"
        "The transport authority posted a map of the route:\n\n"
        "A German partner city congratulated the council:\n\n"
        "As the council's oldest member put it in her closing speech:\n\n"
        "> We do not build tramways for ourselves. We build them for the children who will ride them.\n>\n"
        "> — Councillor Margaret Hale\n\n"
        "Construction is expected to start next spring.\n")


@pytest.mark.parametrize("signature, name, handle, when, date, url", [
    ("— Ville de Paris (officiel) (@Paris) 18 novembre 2019", "Ville de Paris (officiel)", "Paris",
     "18 novembre 2019", "2019-11-18", None),
    ("— Gobierno (@gob\\_mx) [18 de noviembre de 2019](https://x.com/gob_mx/status/42)", "Gobierno", "gob_mx",
     "18 de noviembre de 2019", "2019-11-18", "https://x.com/gob_mx/status/42"),
    ("&mdash; Stadt Linz ([@StadtLinz](#)) 3. Nov. 2023", "Stadt Linz", "StadtLinz", "3. Nov. 2023", "2023-11-03", None),
    ("- Jane Doe (@jdoe) 10:02 AM - 25 Apr 2016", "Jane Doe", "jdoe", "10:02 AM - 25 Apr 2016", "2016-04-25", None),
    ("— Jane Doe (@jdoe) February 30, 2016", "Jane Doe", "jdoe", "February 30, 2016", None, None),
])
def test_embed_signature_forms(signature, name, handle, when, date, url):
    [tweet] = find_tweets(f"> Hello #world\n>\n> {signature}\n")
    assert (tweet["name"], tweet["handle"], tweet["when"], tweet["date"], tweet["url"], tweet["text"]) == (
        name, handle, when, date, url, "Hello #world")


def test_signature_residue_is_recorded_with_its_rule():
    out = run("> Nice.\n>\n> — Dele (@dele_official) [November 19, 2019](#)\n")
    assert [(e["rule"], e["text"]) for e in out.removed] == [
        ("tweets.markup", "> "), ("tweets.markup", ">"), ("tweets.markup", "> "),
        ("tweets.signature", "—"), ("tweets.signature", "(@"), ("tweets.signature", ")"),
        ("tweets.markup", "["), ("tweets.markup", "](#)")]
    assert out.text == ""


def test_pasted_timeline():
    out = run(read(PAGES / "timeline.txt"))
    assert [(t["name"], t["handle"], t["when"], t["text"], t["url"]) for t in out.tweets] == [
        ("Met Service", "MetService_IE", "5h",
         "Red warning for Cork and Kerry extended until 18:00. Gusts of 150 km/h expected on exposed coasts. "
         "#StormCiaran", None),
        ("Met Service", "MetService_IE", "2h", "Update: the warning now covers Waterford as well #StormCiaran",
         "https://twitter.com/MetService_IE/status/1719999999999999999"),
        ("Coast Guard Ireland", "IRCG", "Nov 2",
         "Do not go near the water. Waves of 12 m were recorded off Mizen Head this morning. "
         "#StormCiaran #StaySafe", "https://twitter.com/IRCG/status/1720000000000000001"),
        (None, "corkreporter", None,
         "Trees down on the Western Road, traffic diverted via Magazine Road #StormCiaran", None),
    ]
    assert out.tweets[2]["hashtags"] == ["StormCiaran", "StaySafe"]
    assert out.text == (
        "# Storm Ciarán: live updates\n\n"
        "By Sean Murphy @seanmurphy_ie\n\n"
        "Follow our live coverage with #StormCiaran and send your pictures to @IrishNewsDesk.\n\n"
        "Power cuts are spreading along the coast. The national weather service has kept its warning in place:\n\n"
        "The coast guard has asked people to stay away from the piers.\n\n"
        "Crews from ESB Networks have been out since dawn.\n\n"
        "Local reporters have been sharing what they see:\n\n"
        "Schools will stay closed tomorrow, the minister said in a statement.\n")


def test_timeline_widget_is_not_quoted_tweets():
    text = read(PAGES / "widget.txt")
    out = run(text)
    assert out.tweets == [] and out.text == text


def test_glued_tweets_split_at_the_repeated_prefix():
    text = ("MFA Russia @mfa\\_russia\n\n#Lavrov: one idea @RussiaUN#Lavrov: a second one\n\n"
            "#Lavrov: a third one\n")
    assert [t["text"] for t in find_tweets(text)] == [
        "#Lavrov: one idea @RussiaUN", "#Lavrov: a second one", "#Lavrov: a third one"]


def test_header_with_a_time_and_no_text_is_a_tweet_without_text():
    tweets = find_tweets("Jane Doe @janedoe 3h\nJohn Roe @johnroe 2h\nHello #world\n")
    assert [(t["handle"], t["text"]) for t in tweets] == [("janedoe", ""), ("johnroe", "Hello #world")]


@pytest.mark.parametrize("header, name, handle, when, date", [
    ("Elijah J. Magnier @EjmAlrai 13h13 hours ago", "Elijah J. Magnier", "EjmAlrai", "13h", None),
    ("Kyle Glen @KyleJGlen 43m43 minutes ago", "Kyle Glen", "KyleJGlen", "43m", None),
    ("Daniel Nisman @DannyNis 1h1 hour ago", "Daniel Nisman", "DannyNis", "1h", None),
    ("MFA Russia @mfa\\_russia 2h", "MFA Russia", "mfa_russia", "2h", None),
    ("tall glass of coquito 🎄 @_orabora · Apr 25", "tall glass of coquito 🎄", "_orabora", "Apr 25", None),
    ("Jane Doe @janedoe 25. Apr.", "Jane Doe", "janedoe", "25. Apr.", None),
    ("Jane Doe @janedoe Apr 25, 2016", "Jane Doe", "janedoe", "Apr 25, 2016", "2016-04-25"),
    ("Jane Doe @janedoe 2h vor 2 Stunden", "Jane Doe", "janedoe", "2h", None),
    ("  7. Jane Doe @janedoe 2h", "Jane Doe", "janedoe", "2h", None),
    ("    • **Jane Doe** [@janedoe](#) [2h](https://x.com/janedoe/status/1)", "Jane Doe", "janedoe", "2h", None),
    ("Twitter Support @Support 5m", "Twitter Support", "Support", "5m", None),
    ("Priya Raman\u200f @priya_r_92 · 5h", "Priya Raman", "priya_r_92", "5h", None),
    ("CNN ‏Verified account ‏@CNN 2h2 hours ago", "CNN", "CNN", "2h", None),
    ("Polizei Berlin @polizeiberlin · 5 Std.", "Polizei Berlin", "polizeiberlin", "5 Std.", None),
])
def test_timeline_header_forms(header, name, handle, when, date):
    [tweet] = find_tweets(f"{header}\nWhat a day.\n")
    assert (tweet["name"], tweet["handle"], tweet["when"], tweet["date"], tweet["text"]) == (
        name, handle, when, date, "What a day.")


def fields(tweets: list[dict], *keys: str) -> list[tuple]:
    return [tuple(tweet[key] for key in keys) for tweet in tweets]


def test_embed_shapes():
    out = run(read(PAGES / "embed-shapes.txt"))
    assert fields(out.tweets, "name", "handle", "when", "date", "text", "url") == [
        ("Lviv City Council", "lviv_rada", "March 3, 2022", "2022-03-03",
         "Tonight on Rynok Square. Thank you, Lviv! #StandWithUkraine pic.twitter.com/Lv1vSqr22x",
         "https://twitter.com/lviv_rada/status/1499455218823454721"),
        # a tweet that is only a picture, a name with a flag, a linked handle
        ("Olena Kovalenko 🇺🇦", "olena_k_1987", "March 3, 2022", "2022-03-03", "pic.twitter.com/C4ndl3s0nW", None),
        # a quote tweet: the outer tweet's own text, and the tweet it quotes
        ("Andriy Sadovyi", "AndriySadovyi", "March 3, 2022", "2022-03-03",
         "Yes. We have enough generators for hospitals and schools. Homes are next.",
         "https://x.com/AndriySadovyi/status/1499470000000000000"),
        ("Tom Becker", "tombecker_dw", "March 3, 2022", "2022-03-03",
         "How long can the city keep its hospitals running? @AndriySadovyi", None),
        # a thread: three embeds of one account
        ("Energy Ministry of Ukraine", "Energy_Ukraine", "March 3, 2022", "2022-03-03",
         "1/ The grid lost 30% of its capacity after last night's strikes on two substations.", None),
        ("Energy Ministry of Ukraine", "Energy_Ukraine", "March 3, 2022", "2022-03-03",
         "2/ Repair crews are working on both sites. Scheduled outages of four hours will apply in 11 regions.", None),
        ("Energy Ministry of Ukraine", "Energy_Ukraine", "March 3, 2022", "2022-03-03",
         "3/ Check the schedule for your street: https://t.co/Gr1dSch3d1", None),
        # a signature without a date, closing its block quote
        ("Maksym Kozytskyi", "kozytskyi_maks", None, None,
         "Stay in shelters when the sirens sound. Do not film air defence at work.", None),
    ]
    assert out.tweets[1]["urls"] == ["pic.twitter.com/C4ndl3s0nW"] and out.tweets[3]["mentions"] == ["AndriySadovyi"]
    # the "Twitter" label above the first embed and the "View on Twitter" link below it go with it
    assert "Twitter\n" not in out.text and "View on Twitter" not in out.text
    assert [e["text"] for e in out.removed if e["rule"] == "tweets.label"] == ["Twitter", "View on Twitter"]
    assert out.text.endswith(
        "The regional governor's appeal was shorter:\n\n"
        "A volunteer group (Lviv Kitchen, @lvivkitchen) served soup to the marchers. \"We cooked for 2,000 people "
        "and ran out by eight,\" one of its founders said.\n\n"
        "The march ended peacefully shortly after 9 p.m.\n\n"
        "_Mark Ellis is a freelance reporter based in Lviv. Follow him on Twitter_ [_@markellis\\_news_](#) "
        "_or write to mark.ellis@example.com._\n\n"
        "### Follow us\n\n[Tweets by @LvivPost](#)\n\nFollow @LvivPost\n")
    assert out.text.startswith(read(PAGES / "embed-shapes.txt").split("The city council posted")[0])


def test_embed_labels_stay_with_the_embed_by_default():
    text = read(PAGES / "embed-shapes.txt")
    out = tweets_pass(Record(id="x", text=text))
    assert out.text == text and not out.removed and len(out.tweets) == 8


def test_skip_links_around_an_embed_are_its_labels():
    out = run(read(PAGES / "skip-links.txt"))
    assert fields(out.tweets, "name", "handle", "date") == [("Maya Lowe", "mayalowemusic", "2023-11-14")]
    assert [e["text"] for e in out.removed if e["rule"] == "tweets.label"] == [
        "Skip Twitter post by @mayalowemusic", "End of Twitter post by @mayalowemusic"]
    assert "Thursday night:\n\nAllow X content?\n\nThis article contains content provided by X." in out.text


def test_a_label_opening_the_quote_is_no_part_of_the_text():
    text = "Intro:\n\n> [Twitter](#)\n>\n> Text here [#x](#)\n>\n> — Name (@h) [May 1, 2020](#)\n\nMore.\n"
    before = Record(id="x", text=text)
    out = run(text)
    assert fields(out.tweets, "handle", "text") == [("h", "Text here #x")]
    assert [e["text"] for e in out.removed if e["rule"] == "tweets.label"] == ["Twitter"]
    assert out.text == "Intro:\n\nMore.\n"
    check_invariants(before, out)


def test_no_tweet_without_its_text():
    for text in ("> — Jane Doe (@jdoe) May 1, 2020\n", "Here is what she wrote:\n\n— Jane Doe (@jdoe) May 1, 2020\n",
                 "Twitter\n\n>\n> — Jane Doe (@jdoe) [May 1, 2020](#)\n\n[View on Twitter](#)\n"):
        out = run(text)
        assert out.tweets == [] and out.text == text


def test_consent_placeholders_hold_no_tweet():
    out = run(read(PAGES / "consent-de.txt"))
    assert fields(out.tweets, "name", "handle", "when", "date") == [
        ("Deutsche Bahn Personenverkehr", "DB_Bahn", "5. November 2023", "2023-11-05"),
        ("Polizei Frankfurt", "Polizei_Ffm", "6. Nov. 2023", "2023-11-06"),
    ]
    assert out.tweets[0]["hashtags"] == ["Bahnstreik"] and out.tweets[0]["urls"] == ["https://t.co/Bahn20Proz"]
    # the consent box and the placeholder stay for the boilerplate pass; the Instagram
    # embed, the byline with a handle, the widget link and the invitation are no tweets
    for kept in ("##  Twitter freischalten", "Inhalt laden", "Ein Beitrag geteilt von Frankfurt am Main (@frankfurt)",
                 "Von [Katrin Möller](#) @kmoeller\\_ffm", "[Tweets von @FNP\\_Zeitung](#)",
                 "Folgen Sie uns auf Twitter: @FNP\\_Zeitung", "Unter dem Hashtag #Bahnstreik"):
        assert kept in out.text
    assert "Twitter\n\n" not in out.text and "Die Bahn informierte ihre Kundinnen und Kunden am Sonntagabend auf X:\n\n" \
        "##  Twitter freischalten" in out.text


@pytest.mark.parametrize("page, expected", [
    ("embeds-fr.txt", [("Gérald Darmanin", "GDarmanin", "2 novembre 2023", "2023-11-02"),
                       ("Météo-France", "meteofrance", "2 nov. 2023", "2023-11-02")]),
    ("embeds-ru.txt", [("Гидрометцентр России", "meteoinfo_ru", "25 ноября 2023 г.", "2023-11-25")]),
    ("embeds-ja.txt", [("気象庁", "JMA_kishou", "2023年11月25日", "2023-11-25")]),
])
def test_embeds_in_other_languages(page, expected):
    text = read(PAGES / page)
    out = run(text)
    assert fields(out.tweets, "name", "handle", "when", "date") == expected
    for tweet in out.tweets:
        assert tweet["text"] and tweet["text"] not in out.text and ">" not in tweet["text"]
    # the prose stays, the block quotes and the link below one go
    assert [line for line in out.text.split("\n") if line] == [
        line for line in text.split("\n") if line and not line.startswith(">") and line != "[Voir sur Twitter](#)"]


def test_embeds_ja_text_and_hashtags():
    [tweet] = run(read(PAGES / "embeds-ja.txt")).tweets
    assert tweet["text"] == "東京で初雪を観測しました。平年より9日早い観測です。 #初雪 pic.twitter.com/Tokyo1stSn"
    assert tweet["hashtags"] == ["初雪"]


@pytest.mark.parametrize("when, date", [
    ("3 listopada 2023", "2023-11-03"), ("3 listopada 2023 r.", "2023-11-03"), ("3 Kasım 2023", "2023-11-03"),
    ("3. listopadu 2023", "2023-11-03"), ("2023. november 3.", "2023-11-03"), ("2023년 11월 3일", "2023-11-03"),
    ("3 de novembro de 2023", "2023-11-03"), ("3 november 2023", "2023-11-03"), ("3 novembre 2023", "2023-11-03"),
    ("3 листопада 2023 р.", "2023-11-03"), ("3 Νοεμβρίου 2023", "2023-11-03"), ("3. marraskuuta 2023", "2023-11-03"),
    ("3 noiembrie 2023", "2023-11-03"), ("3 Desember 2023", "2023-12-03"), ("Nov 3, 2023", "2023-11-03"),
    ("10:02 AM · Nov 3, 2023", "2023-11-03"), ("2023年13月3日", None), ("午後4:47 - 2019年4月21日", "2019-04-21"),
    ("10:02 - 25. Apr. 2016", "2016-04-25"), ("٢٥ أبريل ٢٠١٦", "2016-04-25"), ("25 tháng 4, 2016", "2016-04-25"),
])
def test_embed_dates_in_many_languages(when, date):
    [tweet] = find_tweets(f"> Hello #world\n>\n> — Jane Doe (@jdoe) [{when}](#)\n")
    assert (tweet["when"], tweet["date"], tweet["text"]) == (when, date, "Hello #world")


def test_signature_without_a_date_only_ends_the_block_quote_of_a_tweet():
    assert fields(find_tweets("> Stay safe.\n>\n> — Jane Doe (@jdoe)\n\nMore prose.\n"), "name", "handle", "when",
                  "text") == [("Jane Doe", "jdoe", None, "Stay safe.")]
    for text in ("Stay safe.\n— Jane Doe (@jdoe)\n",  # no block quote
                 "> Stay safe.\n\n> — Jane Doe (@jdoe)\n",  # a signature alone in its quote
                 "> Stay safe. — Jane Doe (@jdoe)\n",  # glued: a quotation's attribution
                 ">\n> — Jane Doe (@jdoe)\n"):  # nothing above
        assert find_tweets(text) == []


def test_signature_below_its_block_quote():
    text = "> Stay safe tonight.\n\n— Jane Doe (@jdoe) May 3, 2023\n\nMore prose.\n"
    assert fields(find_tweets(text), "handle", "text") == [("jdoe", "Stay safe tonight.")]
    assert run(text).text == "More prose.\n"


def test_pasted_timeline_variants():
    out = run(read(PAGES / "timeline-variants.txt"))
    assert fields(out.tweets, "name", "handle", "when", "date", "text") == [
        ("City Traffic", "CityTrafficHB", "5h", None,
         "Harbour Bridge CLOSED in both directions until further notice. Use the Eastern Tunnel. #HBtraffic"),
        ("Priya Raman", "priya_r_92", "5h", None,
         "So how exactly am I supposed to get to the night shift at St Mary's? The tunnel is already backed up to "
         "the ring road #HBtraffic"),
        ("Harbour Engineers", "HB_Engineers", "May 14", None,
         "We warned about this girder in 2015 and again in 2016. Our report is public: https://t.co/HbReport16"),
        ("Harbour Engineers", "HB_Engineers", "May 14", None, "Nobody was hurt. That is the only good news tonight."),
        ("Ruth Adeyemi", "RuthAdeyemiHB", "9:12 AM · May 15, 2017", "2017-05-15",
         "The bridge will stay closed until the engineers say it is safe. Not a day less."),
    ]
    assert out.text == (
        "# The night the bridge closed: what people saw\n\n"
        "By Dana Whitfield @danawhitfield · May 14, 2017\n\n"
        "The harbour bridge was closed to traffic at 11 p.m. after inspectors found a crack in one of its main "
        "girders. Here is how the night unfolded on Twitter.\n\n"
        "The first warning came from the city's traffic account:\n\n"
        "Commuters were not amused:\n\n"
        "The engineers' union later posted its own account of the inspection:\n\n"
        "The council leader answered the next morning:\n\n"
        "Repairs are expected to take at least six weeks.\n")
    chrome = [e["text"] for e in out.removed if e["rule"] == "tweets.chrome"]
    assert chrome == ["14 replies 213 retweets 97 likes", "Reply 14 Retweet 213 Like 97 More",
                      "Replying to @CityTrafficHB", "Translate Tweet", "Show this thread", "Embed Tweet",
                      "Bridge Watch Retweeted", "1,204 Retweets 3,311 Likes"]
    header = [e["text"] for e in out.removed if e["rule"] == "tweets.header"]
    assert "\u200fVerified account \u200f@" in header and "\u200f @" in header


def test_a_stamp_under_a_tweet_is_its_time():
    text = "Ruth Adeyemi @RuthAdeyemiHB\nNot a day less.\n9:12 AM · May 15, 2017 · 1.2M Views\n"
    out = run(text)
    assert fields(out.tweets, "when", "date", "text") == [("9:12 AM · May 15, 2017", "2017-05-15", "Not a day less.")]
    assert [(e["rule"], e["text"]) for e in out.removed] == [
        ("tweets.header", "@"), ("tweets.chrome", "· 1.2M Views")]
    check_invariants(Record(id="x", text=text), out)


def test_no_tweets_on_a_page_of_other_networks():
    text = read(PAGES / "other-networks.txt")
    out = run(text)
    assert out.tweets == [] and out.text == text


# ---------------------------------------------------------------------------------
# What is not a tweet

@pytest.mark.parametrize("text", [
    "Follow the debate under #TramVote or ask @CityCouncil for the minutes.\n",
    "As @EjmAlrai wrote on Tuesday, the #Aleppo front is quiet.\n\n#Syria is not at peace.\n",
    "Natasha Turak @NatashaTurak\n\nKey Points\n\n  • Emirates has finalized a deal for 30 jets.\n",
    "[Jane Porter](#) [@janeporter](#)\n\nThe #budget vote is on Monday, @CityCouncil said.\n",
    "By Jane Porter @janeporter\n\nThe #budget vote is on Monday, @CityCouncil said.\n",
    "Great game tonight @ManUtd\n\n#MUFC all the way\n",
    "Follow @FiveThirtyEight\n\n#politics\n",
    "> We build them for the children who will ride them.\n>\n> — Councillor Margaret Hale, March 14, 2024\n",
    "Write to us at newsdesk@example.com or @example_news.\n",
    "  • RT @[janboehm](#): Der Hass bringt die Klicks für @[facebook](#), … [10 months ago](#)\n",
    "RT @visitcoast: The harbour festival has new dates! Find out what else is on along the…\n",
    "**Sonntag Sachsen** [@sonntagticker](#)\n\nTrauer um Thomas #Küttler. Der Theologe war… <https://t.co/G5>\n",
    "Sonntag Sachsen @sonntagticker\n\n#cdupt19 #leipzig @epdOst\n\nvor 17 Tagen\n",
    "Sonntag Sachsen @sonntagticker 2h\n\n#cdupt19 #leipzig @epdOst\n\nvor 17 Tagen\n",
    # a byline with a handle and a date, and the article under it
    "By Dana Whitfield @danawhitfield · May 14, 2017\n\nThe bridge closed at 11 p.m. #traffic\n",
    "Von Katrin Möller @kmoeller · 6. Nov. 2023\n\nDer Streik beginnt um 3 Uhr. #Bahnstreik\n",
    # an author box: the description names the account
    "Jane Porter @janeporter\n\nJane covers the #council for the Ledger.\n",
    "Jane Porter @janeporter\n\nReporter. Tips to @janeporter or #LedgerTips.\n",
    # other networks: Instagram, Mastodon, Bluesky, TikTok
    "> [A post shared by Maria (@maria.bakes)](#) on Oct 8, 2023 at 4:47am PDT\n",
    "> Bread day. #rye\n>\n> — Jonas (@jonas@bakers.social) October 8, 2023\n",
    "> Bread day. #rye\n>\n> — Léa (@lea.bsky.social) [October 9, 2023 at 7:02 AM](#)\n",
    "> [@breadboi](#) the crumb [#sourdough](#) [♬ original sound - breadboi](#)\n",
    # a date after a handle, not a tweet's time: an announcement, a byline over the
    # article, an author box, a signature line at the end
    "Live Q&A with Jane Doe @janedoe May 3\n\nSend your questions with #AskJane\n",
    "Jane Doe @janedoe March 3, 2020\n\n" + "The council met on Tuesday to vote on the #budget. " * 8 + "\n",
    "Jane Doe @janedoe March 3, 2020\n\nJane covers the #council for the Ledger.\n",
    "The council will vote again in May.\n\nJane Doe @janedoe March 3, 2020\n",
    # a counter line alone, and a reply line in prose
    "12 Retweets 34 Likes\n\nReplying to @CityTraffic, the mayor said the bridge would reopen.\n",
])
def test_not_a_tweet(text):
    out = run(text)
    assert out.tweets == [] and out.text == text


# ---------------------------------------------------------------------------------
# Options, the CLI, the formats as data

def test_by_default_embeds_stay_in_the_text_and_pasted_tweets_leave():
    embeds = read(PAGES / "embeds.txt")
    out = tweets_pass(Record(id="x", text=embeds))
    assert out.text == embeds and not out.removed
    assert out.tweets == run(embeds).tweets
    pasted = read(SEEDS / "000_64a4db4e0102c051.txt")
    assert tweets_pass(Record(id="doc", text=pasted)).to_json() == run(pasted).to_json()


@pytest.mark.parametrize("leave", ["pasted", "none"])
def test_tweets_that_stay_are_recorded_once_however_often_the_pass_runs(leave):
    for page in (PAGES / "embeds.txt", SEEDS / "000_64a4db4e0102c051.txt"):
        stay = SPEC.create({"tweets_leave": leave})
        out = stay(Record(id="x", text=read(page)))
        assert stay(out).to_json() == out.to_json()
        assert [t["text"] for t in out.tweets] == [t["text"] for t in run(read(page)).tweets]


def test_leave_none_records_them_and_leaves_the_text():
    text = read(SEEDS / "000_64a4db4e0102c051.txt")
    out = SPEC.create({"tweets_leave": "none"})(Record(id="x", text=text))
    assert out.text == text and not out.removed
    assert out.tweets == run(text).tweets


def test_cli_pass_reads_jsonl_and_writes_tweets(invoke):
    raw = invoke("read", SEEDS / "000_64a4db4e0102c051.txt").stdout
    [record] = jsonl(invoke("tweets", input=raw).stdout)
    assert [t["handle"] for t in record["tweets"]] == ["EjmAlrai"] * 3 + ["mfa_russia"] * 4
    [kept] = jsonl(invoke("tweets", "--tweets-leave", "none", input=raw).stdout)
    assert kept["text"] == json.loads(raw)["text"] and len(kept["tweets"]) == 7


def test_run_chain_records_tweets(invoke):
    records = jsonl(invoke("run", SEEDS, "--passes", "encoding,tweets").stdout)
    assert [len(r.get("tweets", [])) for r in records] == [7, 0, 0, 0, 4]


def test_formats_are_extendable_data():
    with (Path(__file__).resolve().parent.parent / "corpus_clean" / "data" / "tweets.toml").open("rb") as f:
        data = tomllib.load(f)
    data["timeline"]["spelled_ages"].append(r"\d+ timmar sedan")
    extended = load_formats(data)
    assert extended.header_line.fullmatch("Jane Doe @janedoe 2h2 timmar sedan")
    assert not formats().header_line.fullmatch("Jane Doe @janedoe 2h2 timmar sedan")


# ---------------------------------------------------------------------------------
# Generated pages: accounting, offsets, idempotence

LINES = [
    "Elijah J. Magnier @EjmAlrai 13h13 hours ago  ", "MFA Russia @mfa\\_russia", "Jane Doe @jdoe · Apr 25",
    "  6. Kyle Glen @KyleJGlen 43m43 minutes ago", "    • Dan Nis @DannyNis 1h1 hour ago",
    "**Sonntag Sachsen** [@sonntagticker](#)", "By Jane Porter @janeporter", "Great game @ManUtd",
    "#Lavrov: Splitting Syria @mod\\_russia @RussiaUN#Lavrov: US has not", "#Lavrov: more",
    "17 killed in #Aleppo today. #Syria.", "Rebels fell on all streets, trapped n sewage",
    "This continued [today](#)", "Intro to a tweet:", "Trauer um #Küttler. Der Theologe war… <https://t.co/G5>",
    "vor 3 Tagen", "3 days ago", "https://twitter.com/EjmAlrai/status/123", "<https://x.com/jdoe/status/9>",
    "> Senate resolves to:", "> Observe a minute [#silence](#) <https://t.co/XPx>", ">", "> ",
    "> — The Nigerian Senate (@NGRSenate) [October 9, 2018](#)", "— Dele (@dele_official) November 19, 2019",
    "Nice pic.twitter.com/abc— Stadt Linz (@StadtLinz) 15. März 2024", "> — Councillor Hale, March 14, 2024",
    "RT @corkreporter: Trees down #StormCiaran", "  • RT @[x](#): cut… [10 months ago](#)",
    "Write to @example_news or news@example.com.", "  • [Follow @FiveThirtyEight](#)", "", "", "",
    "Plain prose with *emphasis* and a [link](http://example.com).", "- a list item", "@", "(@", "RT @",
    "— (@a) May 1, 2020", "A @b 1h", "x", "#", "…",
    "Priya Raman\u200f @priya_r_92 · 5h", "CNN ‏Verified account ‏@CNN 2h2 hours ago", "Replying to @CityTrafficHB",
    "14 replies 213 retweets 97 likes", "Translate Tweet", "Bridge Watch Retweeted", "9:12 AM · May 15, 2017",
    "> > Inner #text", "> > — Inner (@inner) May 1, 2020", "> — Jane Doe (@jdoe)", "> — Jane (@j) 2023年11月3日",
    "Twitter", "> [Twitter](#)", "[View on Twitter](#)", "By Dana Whitfield @danawhitfield · May 14, 2017",
    "Jane covers @jdoe",
]


@st.composite
def pages(draw) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(LINES), st.text(alphabet="@#>(—) \n:_\\[]*…aA1", max_size=12)),
                          max_size=30))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_generated_pages_keep_the_invariants(text):
    before = Record(id="doc", text=text)
    after = tweets_pass(before, leave="all")
    check_invariants(before, after)
    if "\n\n\n" not in text:
        assert "\n\n\n" not in after.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pages(), max_size=4))
def test_generated_comments_keep_the_invariants(texts):
    before = Record(id="doc", text="", comments=[{"id": f"c{n}", "text": t} for n, t in enumerate(texts)])
    after = tweets_pass(before, leave="all")
    assert after.comments == before.comments and {t["in"] for t in after.tweets} <= {"comments"}
    check_invariants(before, after)


# ---------------------------------------------------------------------------------
# Linear time

PATHOLOGICAL = {
    "a million @ signs": "@" * 1_000_000,
    "a million handles, one a line": "@a\n" * 1_000_000,
    "a million handles after words": "x @a " * 1_000_000,
    "a 5 MB line of hashtags": " ".join(f"#tag{n}" for n in range(600_000)),
    "a million (@": "(@" * 1_000_000,
    "a 2 MB line of dashes and a signature": "— " * 1_000_000 + "(@a) April 25, 2016",
    "a million quote lines over a signature": "> line\n" * 1_000_000 + "> — A (@a) April 1, 2020\n",
    "a header over a million blank lines": "Jane Doe @janedoe\n" + "\n" * 1_000_000 + "#x\n",
    "10,000 headers": "Jane Doe @janedoe 2h\n#x\n" * 10_000,
    "10,000 signatures": "> text\n> — Jane Doe (@janedoe) April 25, 2016\n" * 10_000,
    "10,000 retweets": "RT @janedoe: #text\n" * 10_000,
    "lines cut short with …": ("Jane Doe @janedoe 2h\n" + "a…" * 290 + "\n") * 2_000,
    "10,000 signatures without a date in one quote": "> text #x\n> — Jane Doe (@janedoe)\n" * 10_000,
    "a header over 100,000 chrome lines": "Jane Doe @janedoe 2h\n#x\n" + "Translate Tweet\n12 Likes\n" * 50_000,
    "a quote 100,000 deep": ">" * 100_000 + " text\n" + ">" * 100_000 + " — A (@a) May 1, 2020\n",
    "10,000 quoted tweets in one tweet": "> > t\n> > — A (@a) May 1, 2020\n> u\n" * 10_000 + "> — B (@b) May 1, 2020\n",
    "30,000 numbered headers": "  6. Jane Doe @janedoe 2h\n" * 30_000,
    "a header over a 250 kB line of counters": "Jane Doe @janedoe 2h\n#x\n" + "Reply 1 Retweet 2 Like 3 " * 10_000,
    "a 250 kB label over an embed": "Skip Twitter post by " * 12_000 + "\n> t\n> — A (@a) May 1, 2020\n",
    "10,000 labels around embeds": "Twitter\n\n> t\n> — A (@a) May 1, 2020\n\nView on Twitter\n" * 10_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_in_linear_time(name):
    text = PATHOLOGICAL[name]
    start = time.perf_counter()
    run(text)
    assert time.perf_counter() - start < 5.0


def test_many_comments_quoting_tweets_in_linear_time():
    comments = [{"id": f"c{n}", "text": f"Look:\n\nJane Doe @janedoe{n} 2h\n\nThe ferry number {n} is late again."}
                for n in range(3_000)]
    start = time.perf_counter()
    out = tweets_pass(Record(id="doc", text="An article.", comments=comments))
    assert time.perf_counter() - start < 5.0
    assert [t["handle"] for t in out.tweets] == [f"janedoe{n}" for n in range(3_000)]
