"""corpus-clean: clean scraped news and blog text into JSONL.

The library API behind the ``corpus-clean`` command::

    from corpus_clean import ReadOptions, read_records, run_chain, write_jsonl

    records = read_records(["pages/"], ReadOptions())
    write_jsonl(run_chain(records, ["encoding"]), "clean.jsonl.gz")
"""

__version__ = "0.1.0"

from .errors import CorpusCleanError, ErrorPolicy  # noqa: E402
from .passes import PASSES, PassOption, PassSpec  # noqa: E402
from .pipeline import build_chain, resolve_passes, run_chain  # noqa: E402
from .readers import ReadOptions, read_records  # noqa: E402
from .record import Record  # noqa: E402
from .writer import write_jsonl  # noqa: E402

__all__ = [
    "PASSES", "CorpusCleanError", "ErrorPolicy", "PassOption", "PassSpec", "ReadOptions", "Record",
    "build_chain", "read_records", "resolve_passes", "run_chain", "write_jsonl",
]
