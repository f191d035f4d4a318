"""Random documents shaped like scraped pages, for property-based tests: lines of
prose, titles, share lines with links, bylines with emphasis, comment threads, pasted
tweets, mojibake, entities, escapes and arbitrary Unicode, with LF or CRLF endings."""

from __future__ import annotations

from hypothesis import strategies as st

PAGE_LINES = [
    "# Harbour dredging to start in May",
    "Share this on [Facebook](#) · [Twitter](#)",
    "Follow us on [Instagram](#)",
    "By **Ines Holt**, Valley Ledger",
    "The council voted on Tuesday to dredge the inner harbour.",
    "Comments",
    "1. About time. The silt has been there since the flood.",
    "  • Agreed, the boats scrape the bottom at low tide.",
    "Valley Ledger @valleyledger 2h",
    "Dredgers arrive at the quay on Monday. #harbour",
    "— Valley Ledger (@valleyledger) April 25, 2016",
    "The cafÃ© on the quay reopens: â€œat lastâ€\x9d.",
    "Tom &amp; Jerry &lt;3 &#8212; MFA Russia @mfa\\_russia",
    "zero\u200bwidth and no\u00a0break",
    "> a quoted line with _emphasis_",
    "",
    "   ",
]


def documents():
    """Documents of up to 25 lines from PAGE_LINES and random text."""
    line = st.one_of(st.sampled_from(PAGE_LINES),
                     st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=30))
    return st.builds(lambda lines, crlf, final: ("\r\n" if crlf else "\n").join(lines) + ("\n" if final else ""),
                     st.lists(line, max_size=25), st.booleans(), st.booleans())
