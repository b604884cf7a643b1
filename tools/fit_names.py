"""Fit the names scorer's logistic weights (normalize/names/weights.json) on labelled data.

Every name candidate the names finder scores is collected with its :class:`Features` (read
generically, field by field, so a new feature needs no change here) and labelled: positive
when applying it alone gives an accepted correction of a gold error span, negative
otherwise (a keep span, a trap, a wrong entity or a wrong span on an error, anything
else). The data:

- the WMT21 dev set (``--shared``/wmt-dev, read in place, never copied): odd group files
  to fit, even ones to report on;
- seed 003's gold (fit);
- the generated set of :mod:`tools.gen_readings` (odd-numbered documents fit, even report),
  with its negatives (clean text full of East Asian names written right).

The fit is a logistic regression (statsmodels' GLM, binomial) on the raw features, so each
weight reads as the shipped model's, with an L2 penalty that pulls each weight toward its
hand-set value (:func:`prior_model`): the data are few and some features never vary in them, and
a weight the data do not inform must stay where the precision rules of issue 13 put it.
The tool prints the weights and a reliability table (confidence bin of the held-out
candidates, with the precision rules of the scorer on top, against the share of them that
is right) and, with ``--write``, writes weights.json with ``"fitted": true`` and how it was
fitted in ``"about"``.

    python -m tools.fit_names [--shared ../shared] [--gen build/gen-readings] [--write]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from normalize.document import Document, article_bounds
from normalize.engine import Normalizer
from normalize.evaluate import GoldItem, parse_gold
from normalize.finders import names as names_finder
from normalize.finders.names import NamesFinder
from normalize.lexicon.loader import load_default_lexicons
from normalize.lexicon.records import Lexicon
from normalize.names import scorer
from normalize.names.scorer import Features
from normalize.text import transfer_case

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = Path(scorer.__file__).resolve().parent / "weights.json"
#: Bins of the reliability table (confidence from, to).
BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))
#: How far (standard deviations of a Gaussian prior) a weight may move from the hand-set
#: one on little data: weights the data does not inform stay where they were.
PRIOR_SD = 1.0


def feature_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Features))


@dataclass(frozen=True)
class Gold:
    """An error span: where, and what may replace it (entity id when known)."""

    start: int
    end: int
    right: tuple[str, ...]
    entity: str | None


@dataclass(frozen=True)
class Sample:
    """One scored candidate: its features, whether applying it is right, where it is from."""

    features: dict[str, float]
    label: int
    source: str  # wmt | seed | gen | negatives
    part: str  # fit | report
    what: str  # original -> replacement (entity)


# -- collecting --------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    start: int
    end: int
    original: str
    replacement: str
    entity: str
    features: Features | None


@contextmanager
def _capturing(out: list[Scored], offset: list[int]) -> Iterator[None]:
    """While active, every candidate the names finder scores is appended to ``out`` with the
    Features it was scored on (None when a rule ruled it out before the model).

    A hook kept in this tool: the finder's own ``score`` and ``_score`` are wrapped, so the
    collector sees exactly what the shipped finder computes.
    """
    last: list[Features | None] = [None]
    real_score = names_finder.score
    real_private = NamesFinder._score

    def score(features: Features) -> tuple[float, tuple[str, ...]]:
        last[0] = features
        return real_score(features)

    def private(self: NamesFinder, doc: Document, prop: Any, *args: Any) -> Any:
        last[0] = None
        result = real_private(self, doc, prop, *args)
        w = prop.window
        original = doc.text[w.start : w.end]
        out.append(
            Scored(
                w.start + offset[0],
                w.end + offset[0],
                original,
                transfer_case(original, prop.target),
                prop.entity.id,
                last[0],
            )
        )
        return result

    names_finder.score = score  # type: ignore[assignment]
    NamesFinder._score = private  # type: ignore[method-assign]
    try:
        yield
    finally:
        names_finder.score = real_score  # type: ignore[assignment]
        NamesFinder._score = real_private  # type: ignore[method-assign]


def _names_finder(normalizer: Normalizer) -> NamesFinder | None:
    return next((f for f in normalizer._finders if isinstance(f, NamesFinder)), None)


def candidates(normalizer: Normalizer, text: str) -> list[Scored]:
    """Every name candidate scored in ``text``, article by article as the engine searches
    it, with its Features (offsets into ``text``).

    Through :func:`normalize.names.candidates.candidates` (every single word and window the
    names model scores) where the engine has it; else through a hook on the names finder
    (windows only).
    """
    try:
        from normalize.names.candidates import candidates as pure
    except ImportError:
        pure = None
    out: list[Scored] = []
    offset = [0]
    finder = _names_finder(normalizer)
    for start, end in article_bounds(text):
        doc = Document(text[start:end])
        if pure is not None:
            for row in pure(doc, normalizer):
                original = doc.text[row.start : row.end]
                out.append(
                    Scored(
                        row.start + start,
                        row.end + start,
                        original,
                        row.replacement,
                        row.entity_id,
                        row.features,
                    )
                )
        elif finder is not None:
            offset[0] = start
            with _capturing(out, offset):
                finder.proposals(doc, explain=True)
    return list({(s.start, s.end, s.entity, s.replacement): s for s in out}.values())


def is_right(
    text: str, cand: Scored, golds: Sequence[Gold], accepted: Callable[[str], set[str]]
) -> bool:
    """Whether applying ``cand`` alone gives an accepted correction of a gold span."""
    for g in golds:
        if not (cand.start < g.end and cand.end > g.start):
            continue
        if g.entity is not None and g.entity != cand.entity:
            continue
        lo, hi = min(g.start, cand.start), max(g.end, cand.end)
        fixed = text[lo : cand.start] + cand.replacement + text[cand.end : hi]
        rights = set(g.right) | (accepted(g.entity) if g.entity else set())
        if any(text[lo : g.start] + r + text[g.end : hi] == fixed for r in rights):
            return True
    return False


def _samples(
    normalizer: Normalizer,
    text: str,
    golds: Sequence[Gold],
    source: str,
    part: str,
    accepted: Callable[[str], set[str]],
) -> Iterator[Sample]:
    scored = [c for c in candidates(normalizer, text) if c.features is not None]
    # (None: ruled out before the model, a given name with no office before it.)
    labels = [int(is_right(text, c, golds, accepted)) for c in scored]
    right = [(c.start, c.end) for c, y in zip(scored, labels, strict=True) if y]
    for cand, label in zip(scored, labels, strict=True):
        if any(
            s <= cand.start and cand.end <= e and e - s > cand.end - cand.start for s, e in right
        ):
            # Inside a longer right candidate: the resolver keeps the longer span first,
            # so what this one scores does not change the outcome (fitting it would teach
            # the model that a title before a given name counts against it).
            continue
        assert cand.features is not None
        feats = {f.name: float(getattr(cand.features, f.name)) for f in fields(cand.features)}
        what = f"{cand.original} -> {cand.replacement} ({cand.entity})"
        yield Sample(feats, label, source, part, what)


def _gold_file(path: Path) -> tuple[str, list[Gold]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = (path.parent / data["doc"]).read_text(encoding="utf-8")
    items: list[GoldItem] = parse_gold(data, text)
    entities = {(raw["at"], raw["wrong"]): raw.get("entity") for raw in data.get("items") or ()}
    golds = [
        Gold(i.start, i.end, i.right, entities.get((i.at, i.wrong)))
        for i in items
        if i.tier != "trap"
    ]
    return text, golds


#: Generated garbles left out of the fit (kept in the evaluation): a given name one letter
#: off beside the surname is how real spelling variants differ too (Hamid and Hamed
#: Karzai, Mohammed and Mohamed), so the generator cannot know that its garble is not a
#: real name: as positives they would teach the model that such windows are right.
NOT_FITTED = frozenset({"given"})


def _kinds(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(i.get("kind")) for i in data.get("items") or ()}


_GROUP = re.compile(r"group(\d+)")


def wmt_part(path: Path) -> str:
    """Odd group files fit, even ones report."""
    m = _GROUP.search(path.name)
    return "fit" if m and int(m.group(1)) % 2 else "report"


def collect(
    lexicon: Lexicon, shared: Path | None, gen: Path | None, log: Callable[[str], None]
) -> tuple[list[Sample], dict[str, int]]:
    normalizer = Normalizer(lexicon)
    by_entity = {e.id: e for e in lexicon.entities}

    def accepted(entity_id: str) -> set[str]:
        e = by_entity.get(entity_id)
        return set() if e is None else {f for f in e.legitimate() if f not in e.demonyms}

    samples: list[Sample] = []
    docs: dict[str, int] = {}
    if shared is not None and (shared / "wmt-dev" / "gold.jsonl").is_file():
        wmt = shared / "wmt-dev"
        errors: dict[str, list[Gold]] = {}
        with (wmt / "gold.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["type"] != "error":
                    continue
                errors.setdefault(rec["file"], []).append(
                    Gold(rec["start"], rec["end"], tuple(rec["accepted"]), rec.get("entity"))
                )
        files = sorted(p for p in wmt.glob("wmt21-*/*.txt"))
        for path in files:
            rel = str(path.relative_to(wmt))
            text = path.read_text(encoding="utf-8")
            part = wmt_part(path)
            samples.extend(_samples(normalizer, text, errors.get(rel, []), "wmt", part, accepted))
        docs["wmt"] = len(files)
        log(f"wmt: {len(files)} files")
    clean: list[tuple[str, str]] = []  # (part, text): every candidate there is wrong
    refs = None if shared is None else shared / "wmt-dev" / "references"
    if refs is not None and refs.is_dir():
        files = sorted(refs.rglob("*.txt"))
        clean += [(wmt_part(p), p.read_text(encoding="utf-8")) for p in files]
        docs["references"] = len(files)
    try:
        from tools.corpora import lee_news

        lee = lee_news()
    except Exception as exc:  # no registry: fit without it, and say so
        log(f"Lee corpus unavailable: {exc}")
    else:
        clean += [("fit" if i % 2 else "report", t) for i, t in enumerate(lee)]
        docs["lee"] = len(lee)
    if shared is not None:
        from tools.gen_readings import CLEAN_SEEDS

        for i, name in enumerate(CLEAN_SEEDS):
            path = shared / "seeds" / name
            if path.is_file():
                clean.append(("fit" if i % 2 else "report", path.read_text(encoding="utf-8")))
                docs["seeds"] = docs.get("seeds", 0) + 1
    for part, text in clean:
        samples.extend(_samples(normalizer, text, [], "clean", part, accepted))
    if shared is not None and (shared / "gold" / "seed003.yaml").is_file():
        text, golds = _gold_file(shared / "gold" / "seed003.yaml")
        samples.extend(_samples(normalizer, text, golds, "seed", "fit", accepted))
        docs["seed"] = 1
    if gen is not None and gen.is_dir():
        n = 0
        for path in sorted(gen.glob("*/*.yaml")):
            if path.parent.name == "bare" or _kinds(path) & NOT_FITTED:
                # Garbles with no evidence around them: the precision rule caps those
                # whatever the weights, and how many the set holds is the generator's
                # choice, not the world's (real windows with no evidence are mostly
                # Chinese names written right).
                continue
            text, golds = _gold_file(path)
            part = "fit" if int(path.stem) % 2 else "report"
            source = "negatives" if path.parent.name == "negatives" else "gen"
            samples.extend(_samples(normalizer, text, golds, source, part, accepted))
            n += 1
        docs["gen"] = n
        log(f"generated: {n} documents")
    return samples, docs


# -- fitting -----------------------------------------------------------------------------


def fit(
    rows: Sequence[dict[str, float]],
    labels: Sequence[int],
    names: Sequence[str],
    prior: scorer.Model | None = None,
    sd: float = PRIOR_SD,
    sample_weights: Sequence[float] | None = None,
) -> tuple[float, dict[str, float]]:
    """Logistic regression on the raw features, each weight shrunk toward ``prior``'s (a
    Gaussian prior of standard deviation ``sd``; none: toward 0), the bias as well: (bias,
    weights). A feature the data never varies keeps the prior's weight."""
    import numpy as np
    import statsmodels.api as sm

    y = np.array(labels, dtype=float)
    if len(set(labels)) < 2:
        raise ValueError("the fit needs positive and negative samples")
    x = np.array([[1.0, *(r[n] for n in names)] for r in rows], dtype=float)
    w0 = np.array(
        [0.0, *(0.0 for _ in names)]
        if prior is None
        else [prior.bias, *(prior.weights[n] for n in names)]
    )
    # The bias too: the data hold few kinds of candidates (readings, most of them), and a
    # free bias would move the confidence of every other kind with them.
    freq = np.ones(len(y)) if sample_weights is None else np.array(sample_weights, dtype=float)
    penalty = np.full(1 + len(names), 1.0 / (sd * sd * float(freq.sum())))
    glm = sm.GLM(y, x, family=sm.families.Binomial(), offset=x @ w0, freq_weights=freq)
    params = glm.fit_regularized(method="elastic_net", alpha=penalty, L1_wt=0.0).params + w0
    weights = {n: round(float(w), 3) for n, w in zip(names, params[1:], strict=True)}
    return round(float(params[0]), 3), weights


def prior_model(path: Path = WEIGHTS) -> scorer.Model:
    """The weights the fit starts from and shrinks toward: the hand-set ones (weights.json
    when it is not fitted, else the ``prior`` it was fitted from); a feature they do not
    weigh yet starts at 0."""
    data = json.loads(path.read_text("utf-8"))
    src = data["prior"] if data.get("fitted") else data
    weights = {n: float(src["weights"].get(n, 0.0)) for n in feature_names()}
    return scorer.Model(float(src["bias"]), weights, False)


def confidence(features: dict[str, float], m: scorer.Model) -> float:
    """The scorer's confidence for ``features`` under model ``m``, its precision rules (no
    evidence, pinyin) included."""
    capped = getattr(scorer, "confidence", None)
    if capped is not None:  # the engine's own: the model, then the precision rules
        return float(capped(Features(**features), m))
    real = scorer.model
    scorer.model = lambda: m  # type: ignore[assignment]
    try:
        return scorer.score(Features(**features))[0]
    finally:
        scorer.model = real  # type: ignore[assignment]


def reliability(samples: Iterable[Sample], m: scorer.Model) -> list[tuple[str, int, int, float]]:
    """(bin, candidates, right ones, observed precision) per confidence bin."""
    counts = {b: [0, 0] for b in BINS}
    for s in samples:
        conf = confidence(s.features, m)
        for lo, hi in BINS:
            if lo <= conf < hi or (hi == 1.0 and conf >= 1.0):
                counts[(lo, hi)][0] += 1
                counts[(lo, hi)][1] += s.label
                break
    return [
        (f"{lo:.1f}-{hi:.1f}", n, k, (k / n) if n else math.nan)
        for (lo, hi), (n, k) in counts.items()
    ]


def table(rows: Sequence[tuple[str, int, int, float]]) -> str:
    out = ["| confidence | candidates | right | observed precision |", "|---|---|---|---|"]
    for name, n, k, p in rows:
        out.append(f"| {name} | {n} | {k} | {'-' if math.isnan(p) else f'{p:.2f}'} |")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared"
    parser.add_argument("--shared", type=Path, default=default if default.is_dir() else None)
    parser.add_argument("--gen", type=Path, default=ROOT / "build" / "gen-readings")
    parser.add_argument("--seed", type=int, default=13, help="seed of a generated set made here")
    parser.add_argument("--sd", type=float, default=PRIOR_SD, help="prior standard deviation")
    parser.add_argument(
        "--gen-weight",
        type=float,
        default=1.0,
        help="weight of each generated candidate against a real one (the generated set's "
        "mix of garbles and evidence is the generator's choice)",
    )
    parser.add_argument("--write", action="store_true", help="write weights.json")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr)

    if not args.gen.is_dir():
        from tools.gen_readings import generate

        generate(args.gen, seed=args.seed, shared=args.shared)
    lexicon = load_default_lexicons()
    samples, docs = collect(lexicon, args.shared, args.gen, log)
    names = feature_names()
    train = [s for s in samples if s.part == "fit"]
    held = [s for s in samples if s.part == "report"]
    prior = prior_model()
    rows = [s.features for s in train]
    freq = [args.gen_weight if s.source in {"gen", "negatives"} else 1.0 for s in train]
    bias, weights = fit(rows, [s.label for s in train], names, prior, args.sd, freq)
    fitted = scorer.Model(bias, weights, True)
    print(f"candidates: fit {len(train)} ({sum(s.label for s in train)} right), "
          f"report {len(held)} ({sum(s.label for s in held)} right)")  # fmt: skip
    for src in sorted({s.source for s in samples}):
        part = [s for s in samples if s.source == src]
        print(f"  {src:10} {len(part):5} candidates, {sum(s.label for s in part):4} right")
    print(f"bias {prior.bias:+.2f} -> {bias:+.3f}")
    for n in names:
        print(f"  {n:14} {prior.weights[n]:+.2f} -> {weights[n]:+.3f}")
    real = [s for s in held if s.source in {"wmt", "clean", "seed"}]
    for what, part in (("all held-out", held), ("held-out real text only", real)):
        for name, m in (("hand-set", prior), ("fitted", fitted)):
            print(f"\nreliability, {what} ({len(part)} candidates), {name} weights:")
            print(table(reliability(part, m)))
    if args.write:
        import statsmodels

        sizes = {
            src: {
                "fit": sum(1 for s in train if s.source == src),
                "report": sum(1 for s in held if s.source == src),
            }
            for src in sorted({s.source for s in samples})
        }
        about = (
            "Logistic weights of the names scorer (normalize/names/scorer.py): confidence = "
            "1 / (1 + exp(-(bias + sum(weight * feature)))), then the scorer's precision rules. "
            f"Fitted by tools/fit_names.py on {datetime.date.today().isoformat()} with "
            f"statsmodels {statsmodels.__version__} GLM Binomial, L2 toward the hand-set weights "
            f"(prior sd {args.sd}, generated candidates weighted {args.gen_weight}), over "
            f"{len(train)} candidates ({sum(s.label for s in train)} right); held out "
            f"{len(held)}. Split: WMT21 dev odd group files fit, even report; seed 003 fit; "
            "generated set (tools/gen_readings.py) odd documents fit, even report. "
            f"Documents: {json.dumps(docs)}; candidates per source: {json.dumps(sizes)}."
        )
        data = {
            "about": about,
            "fitted": True,
            "bias": bias,
            "weights": weights,
            "prior": {"bias": prior.bias, "weights": prior.weights},
        }
        WEIGHTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"\nwrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
