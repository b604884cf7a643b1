"""One self-contained HTML page: each text with its changes highlighted, and summary tables.

The page needs no network and no script: the CSS is inline, links are in-page anchors only,
and every value from the text or a lexicon is escaped. Each change in the text is an element
with class ``change`` whose ``data-*`` attributes carry the report contract's fields, so a
browser test (or a script) can read them back from the DOM.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from normalize.model import Action, Change, Result
from normalize.report import LineIndex

#: Font stacks that name, after the Latin faces, the usual CJK and Arabic faces of Linux
#: (Noto), macOS and Windows: the evidence quotes source-script names (特本, عبد المجيد تبون),
#: which a browser whose default face lacks them would show as boxes.
SANS_FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", '
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "Noto Sans Arabic", "Noto Naskh Arabic", '
    '"Geeza Pro", Tahoma, sans-serif'
)
SERIF_FONTS = (
    'Georgia, "Noto Serif", "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", '
    '"Songti SC", SimSun, "Noto Naskh Arabic", "Times New Roman", serif'
)

_CSS = """
body { font: 15px/1.5 @SANS; margin: 2rem auto; max-width: 72rem; color: #222;
       padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; }
pre.text { white-space: pre-wrap; word-wrap: break-word; background: #fcfcfa;
           border: 1px solid #ddd; padding: 1rem; font: 14px/1.6 @SERIF; }
.change { border-radius: 3px; padding: 0 2px; }
.change.applied { background: #e2f5e0; }
.change.flagged { background: #fff2b3; outline: 1px dashed #c90; }
.change del { color: #a33; } .change ins { color: #161; text-decoration: none; font-weight: 600;
               margin-left: 2px; }
.change .proposal { color: #850; font-style: italic; }
.change a.ref { font: 10px sans-serif; vertical-align: super; margin-left: 1px; color: #555; }
tr.flagged td.action { color: #850; font-weight: 600; } tr.applied td.action { color: #161; }
td.evidence ul { margin: 0; padding-left: 1rem; }
.legend span { margin-right: 1rem; } .none { color: #777; }
""".replace("@SANS", SANS_FONTS).replace("@SERIF", SERIF_FONTS)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _attrs(change: Change) -> str:
    data = {
        "start": change.start,
        "end": change.end,
        "original": change.original,
        "replacement": change.replacement,
        "action": change.action.value,
        "confidence": f"{change.confidence:.4g}",
        "rule": change.rule,
        "entity": change.entity or "",
    }
    return " ".join(f'data-{k}="{_e(v)}"' for k, v in data.items())


def _title(change: Change) -> str:
    lines = [
        f"{change.action.value} {change.confidence:.2f} {change.rule}",
        change.entity or "(no entity)",
        *change.evidence,
    ]
    return _e("\n".join(lines))


def _marked_text(fid: str, text: str, changes: Sequence[Change]) -> str:
    parts: list[str] = []
    pos = 0
    for n, change in enumerate(changes, 1):
        parts.append(_e(text[pos : change.start]))
        cls = change.action.value
        if change.action is Action.APPLIED:
            inner = f"<del>{_e(change.original)}</del><ins>{_e(change.replacement)}</ins>"
        else:
            inner = (
                f"<mark>{_e(change.original)}</mark>"
                f'<span class="proposal"> \u2192 {_e(change.replacement)}?</span>'
            )
        parts.append(
            f'<span class="change {cls}" id="{fid}-c{n}" {_attrs(change)} '
            f'title="{_title(change)}">{inner}<a class="ref" href="#{fid}-d{n}">{n}</a></span>'
        )
        pos = change.end
    parts.append(_e(text[pos:]))
    return "".join(parts)


def _change_rows(fid: str, text: str, changes: Sequence[Change]) -> str:
    index = LineIndex(text)
    rows = []
    for n, c in enumerate(changes, 1):
        line, col = index.position(c.start)
        evidence = "".join(f"<li>{_e(item)}</li>" for item in c.evidence)
        rows.append(
            f'<tr class="{c.action.value}" id="{fid}-d{n}">'
            f'<td><a href="#{fid}-c{n}">{n}</a></td><td>{line}:{col}</td>'
            f"<td>{_e(c.original)}</td><td>{_e(c.replacement)}</td>"
            f'<td class="action">{c.action.value}</td><td class="num">{c.confidence:.2f}</td>'
            f"<td>{_e(c.rule)}</td><td>{_e(c.entity or '')}</td>"
            f'<td class="evidence"><ul>{evidence}</ul></td></tr>'
        )
    head = (
        "<tr><th>#</th><th>line:col</th><th>original</th><th>replacement</th><th>action</th>"
        "<th>confidence</th><th>rule</th><th>entity</th><th>evidence</th></tr>"
    )
    return f'<table class="changes"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def render_html(reports: Sequence[tuple[str, str, Result]], title: str = "normalize report") -> str:
    """One page for ``reports``: (path, original text, result) per file.

    >>> page = render_html([("a.txt", "x", Result("x"))])
    >>> page.startswith("<!DOCTYPE html>") and "http" not in page
    True
    """
    applied = sum(len(r.applied) for _, _, r in reports)
    flagged = sum(len(r.flagged) for _, _, r in reports)
    by_rule: Counter[tuple[str, str]] = Counter(
        (c.rule, c.action.value) for _, _, r in reports for c in r.changes
    )
    file_rows = "".join(
        f'<tr><td><a href="#f{i}">{_e(path)}</a></td><td class="num">{len(r.applied)}</td>'
        f'<td class="num">{len(r.flagged)}</td></tr>'
        for i, (path, _, r) in enumerate(reports, 1)
    )
    rule_rows = "".join(
        f'<tr><td>{_e(rule)}</td><td class="num">{by_rule[rule, "applied"]}</td>'
        f'<td class="num">{by_rule[rule, "flagged"]}</td></tr>'
        for rule in sorted({rule for rule, _ in by_rule})
    )
    sections = []
    for i, (path, text, result) in enumerate(reports, 1):
        fid = f"f{i}"
        body = (
            f'<pre class="text">{_marked_text(fid, text, result.changes)}</pre>'
            + _change_rows(fid, text, result.changes)
            if result.changes
            else '<p class="none">No changes.</p>'
        )
        sections.append(
            f'<section class="file" id="{fid}" data-path="{_e(path)}">'
            f"<h2>{_e(path)}</h2>{body}</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f'<p class="totals">{len(reports)} file(s), {applied} applied, {flagged} flagged.</p>'
        '<p class="legend"><span class="change applied"><del>old</del><ins>new</ins></span>'
        'applied <span class="change flagged"><mark>old</mark>'
        '<span class="proposal"> \u2192 new?</span></span>flagged for review</p>'
        '<h2 id="summary">Summary</h2>'
        '<table class="summary files"><thead><tr><th>file</th><th>applied</th><th>flagged</th>'
        f"</tr></thead><tbody>{file_rows}</tbody></table>"
        '<table class="summary rules"><thead><tr><th>rule</th><th>applied</th><th>flagged</th>'
        f"</tr></thead><tbody>{rule_rows}</tbody></table>"
        f"{''.join(sections)}</body></html>\n"
    )
