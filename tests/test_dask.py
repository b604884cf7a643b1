"""normalize.dask on a real distributed cluster: two worker processes on this machine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from normalize import Normalizer

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")

TEXTS = [f"{i}: haftal met Hifter; HAFTAL left" if i % 2 else f"{i}: clean" for i in range(40)]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_fix_bag_matches_the_local_engine(client: object) -> None:
    import dask.bag as db

    from normalize.dask import fix_bag

    normalizer = Normalizer()
    bag = db.from_sequence(TEXTS, npartitions=4)
    results = fix_bag(bag, normalizer).compute()
    assert results == [normalizer.fix(t) for t in TEXTS]
    who = client.run(lambda: 1)  # type: ignore[attr-defined]
    assert len(who) == 2  # really two worker processes


def test_fix_records_adds_the_change_log(client: object) -> None:
    import dask.bag as db

    from normalize.dask import fix_records

    records = [{"id": i, "doc": {"text": t}} for i, t in enumerate(TEXTS)]
    out = fix_records(db.from_sequence(records, npartitions=3), ["doc.text"]).compute()
    assert [r["id"] for r in out] == list(range(40))
    assert out[1]["doc"]["text"] == "1: Haftar met Hifter; HAFTAR left"
    assert out[1]["_normalize"]["applied"] == 2
    assert records[1]["doc"]["text"].startswith("1: haftal")  # inputs untouched


def test_fix_column(client: object) -> None:
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")

    from normalize.dask import fix_column

    frame = dd.from_pandas(pd.DataFrame({"id": range(40), "text": TEXTS}), npartitions=2)
    frame["text"] = fix_column(frame, "text")
    got = frame.compute()
    assert list(got["id"]) == list(range(40))
    assert got["text"].iloc[1] == "1: Haftar met Hifter; HAFTAR left"
