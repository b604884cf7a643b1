"""Map a Normalizer over a Dask bag or a dataframe column (``pip install normalize[dask]``).

Dask is imported only when these functions run, so ``import normalize.dask`` is free. The
Normalizer travels to each task as its small pickled recipe, and each worker process
rebuilds it once, from its compiled-lexicon cache, and keeps it in memory for later tasks.

    from dask.distributed import Client
    import dask.bag as db
    from normalize import Normalizer
    from normalize.dask import fix_bag

    with Client():  # or the address of an existing cluster
        texts = db.read_text("articles-*.txt")
        fixed = fix_bag(texts, Normalizer()).map(lambda r: r.text)
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from normalize.batch import LOG_FIELD, Done, JsonlJob, parse_field
from normalize.engine import Normalizer
from normalize.model import Result

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe


def _fix_partition(texts: Iterable[str], normalizer: Normalizer) -> list[Result]:
    return list(normalizer.fix_many(texts))


def fix_bag(bag: dask.bag.Bag, normalizer: Normalizer | None = None) -> dask.bag.Bag:
    """A bag of strings to a bag of :class:`~normalize.Result`, partition by partition."""
    fixed: dask.bag.Bag = bag.map_partitions(  # type: ignore[no-untyped-call]
        _fix_partition, normalizer or Normalizer()
    )
    return fixed


def _fix_records(records: Iterable[dict[str, Any]], job: JsonlJob) -> list[dict[str, Any]]:
    done = Done(0)
    out = []
    for record in records:
        copy = deepcopy(record)  # never mutate the caller's objects, nested ones included
        job.fix_record_in_place(copy, done)
        out.append(copy)
    return out


def fix_records(
    bag: dask.bag.Bag,
    fields: Iterable[str],
    normalizer: Normalizer | None = None,
    *,
    log_field: str = LOG_FIELD,
) -> dask.bag.Bag:
    """A bag of dicts with the dotted ``fields`` repaired and ``log_field`` added.

    The same records ``normalize batch`` writes, as Python objects.
    """
    job = JsonlJob(normalizer or Normalizer(), tuple(map(parse_field, fields)), log_field)
    fixed: dask.bag.Bag = bag.map_partitions(_fix_records, job)  # type: ignore[no-untyped-call]
    return fixed


def _fix_series(series: Any, normalizer: Normalizer) -> Any:
    """One pandas partition (typed loosely: pandas is not a dependency of normalize)."""
    return series.map(lambda t: normalizer.fix(t).text if isinstance(t, str) else t)


def fix_column(
    frame: dask.dataframe.DataFrame, column: str, normalizer: Normalizer | None = None
) -> dask.dataframe.Series:
    """The repaired text of one string column (other values pass through unchanged).

    Assign it back to keep the frame's other columns: ``df[col] = fix_column(df, col)``.
    """
    fixed: dask.dataframe.Series = frame[column].map_partitions(
        _fix_series, normalizer or Normalizer(), meta=(column, "object")
    )
    return fixed
