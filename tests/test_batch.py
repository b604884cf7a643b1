"""`normalize batch` and the streaming machinery under it."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize.batch import Batch, ordered_map, read_batches
from normalize.cli import cli

RECORDS = [
    {"id": 1, "body": {"text": "In Libya, haftal said", "lang": "en"}, "tags": ["a"], "n": 7},
    {"id": 2, "body": {"text": "Khalifa Hifter spoke"}, "title": "haftal"},
    {"id": 3, "paras": [{"t": "HAFTAL left"}, {"t": 4}], "body": {"text": None}},
    {"body": "not an object", "id": 4},
]


def jsonl(records: list[object]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["batch", *args], input=stdin, catch_exceptions=False)


def records_of(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_fields_are_repaired_and_everything_else_is_kept() -> None:
    res = invoke("--field", "body.text", "--field", "paras.t", stdin=jsonl(RECORDS))
    assert res.exit_code == 0, res.stderr
    out = records_of(res.stdout)
    assert len(out) == 4
    first = out[0]
    assert list(first) == ["id", "body", "tags", "n", "_normalize"]  # key order kept
    assert first["body"] == {"text": "In Libya, Haftar said", "lang": "en"}
    log = first["_normalize"]
    assert isinstance(log, dict) and log["applied"] == 1 and log["schema"] == 1
    assert log["changes"][0]["field"] == "body.text"
    assert log["changes"][0]["original"] == "haftal"
    assert out[1]["title"] == "haftal"  # not a chosen field
    assert out[2]["paras"] == [{"t": "HAFTAR left"}, {"t": 4}]
    assert out[2]["_normalize"]["changes"][0]["field"] == "paras[0].t"  # type: ignore[index]
    assert {k: v for k, v in out[3].items() if k != "_normalize"} == RECORDS[3]
    assert "4 records, 2 changed, 2 applied" in res.stderr


def test_a_malformed_line_stops_the_run_and_keeps_what_came_before(tmp_path: Path) -> None:
    data = jsonl(RECORDS[:2]) + b'{"id": 3, "body": \n' + jsonl(RECORDS[2:])
    out = tmp_path / "out.jsonl"
    src = tmp_path / "in.jsonl"
    src.write_bytes(data)
    res = invoke(str(src), "-o", str(out), "--field", "body.text")
    assert res.exit_code == 2
    assert f"{src}:3: malformed JSON" in res.stderr
    assert [r["id"] for r in records_of(out.read_text(encoding="utf-8"))] == [1, 2]


def test_skip_reports_counts_and_goes_on() -> None:
    data = jsonl(RECORDS[:1]) + b"[1, 2]\n\xff\xfe\n\n" + jsonl(RECORDS[1:2])
    res = invoke("--field", "body.text", "--on-error", "skip", stdin=data)
    assert res.exit_code == 0
    assert "<stdin>:2: not a JSON object" in res.stderr
    assert "<stdin>:3: not UTF-8" in res.stderr
    assert [r["id"] for r in records_of(res.stdout)] == [1, 2]  # blank line 4 is no record
    assert "2 skipped" in res.stderr


def test_usage_errors() -> None:
    assert invoke(stdin=b"{}").exit_code == 2  # no --field
    assert invoke("--text", "--field", "x", stdin=b"").exit_code == 2
    assert invoke("--field", "a..b", stdin=b"").exit_code == 2


def test_output_is_in_input_order_with_two_workers(tmp_path: Path) -> None:
    # Small batches so that the records are spread over both workers.
    many = [{"i": i, "text": f"{i} haftal" if i % 3 else "clean"} for i in range(400)]
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl(many))  # type: ignore[arg-type]
    one = invoke(str(src), "--field", "text", "-q")
    two = invoke(str(src), "--field", "text", "-q", "-j", "2", "--batch-lines", "7")
    assert two.exit_code == 0 and two.stdout == one.stdout
    assert [r["i"] for r in records_of(two.stdout)] == list(range(400))


def test_text_mode_keeps_line_endings_bom_and_bad_lines(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfhaftal said\r\nclean\n\xff odd\nHAFTAL"
    log = tmp_path / "log.jsonl"
    res = invoke("--text", "--on-error", "skip", "--log", str(log), stdin=data)
    assert res.exit_code == 0
    assert res.stdout_bytes == b"\xef\xbb\xbfHaftar said\r\nclean\n\xff odd\nHAFTAR"
    logged = records_of(log.read_text(encoding="utf-8"))
    assert [e["line"] for e in logged] == [1, 4]


def test_progress_bar_only_when_asked() -> None:
    quiet = invoke("--text", "-q", stdin=b"haftal\n")
    assert quiet.stderr == ""
    shown = invoke("--text", "-q", "--progress", stdin=b"haftal\n")
    assert "B/s" in shown.stderr or "it/s" in shown.stderr


def test_read_batches_is_lazy_and_numbers_lines() -> None:
    stream = io.BytesIO(b"".join(b"%d\n" % i for i in range(10)))
    batches = read_batches(stream, lines=4)
    first = next(batches)
    assert (first.first, len(first.lines)) == (1, 4)
    assert stream.tell() < len(stream.getvalue())  # not read to the end
    assert [b.first for b in batches] == [5, 9]


def double(batch: Batch) -> int:
    return batch.first * 2


def test_ordered_map_bounds_what_is_in_flight() -> None:
    pulled: list[int] = []

    def endless() -> Iterator[Batch]:
        for i in range(1, 10_000):  # long enough to show read-ahead, short enough to end
            pulled.append(i)
            yield Batch(i, [])

    results = ordered_map(double, endless(), workers=2, window=3)
    assert [next(results) for _ in range(5)] == [2, 4, 6, 8, 10]
    assert len(pulled) <= 5 + 3  # read ahead by the window at most, not to the end
    results.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_ordered_map_keeps_order(workers: int) -> None:
    batches = [Batch(i, []) for i in range(1, 30)]
    assert list(ordered_map(double, batches, workers=workers)) == [2 * i for i in range(1, 30)]
