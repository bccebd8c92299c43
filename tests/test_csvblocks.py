"""The block cut agrees with csv.reader wherever it answers; other blocks go to csv.reader."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from contractcalc.shell.logs.csvblocks import columns
from contractcalc.shell.logs.tables import open_table

cells = st.text(alphabet="ab,\"\r\n \x00", max_size=6)


@given(st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=8),
       st.sampled_from(["\n", "\r\n"]), st.integers(1, 4))
def test_cut_is_what_csv_reader_reads(rows, end, width) -> None:
    text = "".join(",".join(row) + end for row in rows)
    cut = columns(text, width)
    if cut is not None:
        records = list(csv.reader(io.StringIO(text, newline="")))
        assert [list(r) for r in zip(*cut, strict=True)] == records


def test_plain_and_irregular_blocks(tmp_path: Path) -> None:
    # Line 3 is blank and line 5 quoted across two lines: both blocks go to csv.reader and
    # keep their lines; CRLF line ends are cut like LF ones.
    log = tmp_path / "log.csv"
    log.write_bytes(b"system,start,end\r\na,1,2\r\n\r\nb,3,4\r\n\"c\nd\",5,6\r\ne,7,8\r\n")
    table = open_table(str(log), required=("system", "start", "end"))
    got = [(list(zip(*part.columns, strict=True)), list(part.lines))
           for part in table.column_chunks(1)]
    table.close()
    rows = [(row, line) for chunk, lines in got for row, line in zip(*(chunk, lines),
                                                                     strict=True)]
    assert rows == [(("a", "1", "2"), 2), (("", "", ""), 3), (("b", "3", "4"), 4),
                    (("c\nd", "5", "6"), 5), (("e", "7", "8"), 7)]


@given(st.lists(st.text(alphabet="ab,\n", max_size=12), min_size=1, max_size=6),
       st.integers(1, 3), st.integers(0, 9))
def test_field_limit_is_csv_readers(lines, width, limit) -> None:
    # csv.reader refuses a field longer than csv.field_size_limit(); the cut must then give the
    # block to it (None), and agree with it otherwise, whatever the limit and field lengths
    # (the window probe in _may_exceed must never miss a long field).
    text = "".join(line.replace("\n", "") + "\n" for line in lines)
    before = csv.field_size_limit(limit)
    try:
        cut = columns(text, width)
        try:
            records = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error:
            records = None
    finally:
        csv.field_size_limit(before)
    if cut is not None:
        assert records is not None
        assert [list(r) for r in zip(*cut, strict=True)] == records


def test_long_field_is_found_in_a_big_block() -> None:
    # 400 plain lines around one field of limit + 1 characters, then the same with a field of
    # exactly the limit: the first block goes to csv.reader (its error names the limit), the
    # second is cut.
    limit = csv.field_size_limit()
    for length, refused in ((limit + 1, True), (limit, False)):
        text = "a,b\n" * 200 + "x" * length + ",c\n" + "a,b\n" * 200
        assert (columns(text, 2) is None) is refused
