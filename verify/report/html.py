"""The HTML report: ``html/index.html``, one page per note (claims table and dependency graph), one page
per claim (math, quote, verdict, findings, evidence, plots, replay), plots as SVG files.

Pages open offline in a plain browser: math is MathML, converted by latex2mathml from the LaTeX of
each checked SymPy relation, its hypotheses and definitions, the hand typesetting (labelled "not
checked") and the ``$...$`` spans of findings and summaries, then checked against an allowlist of
MathML elements and attributes, since the LaTeX may come from a plugin; no JavaScript, no network, relative links only. Templates autoescape: titles,
quotes and findings are data, never markup. Output is deterministic like the Markdown reports.
"""
from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from markupsafe import Markup

from ..core.model import KINDS, Verdict
from ..core.notetext import MATH as NOTE_MATH
from ..core.text import Text
from .document import ClaimReport, EvaluationReport, Formula, Report, dumps
from .graph import WEAK, note_graph_svg, weak_dependencies
from .plots import PLOT_HEIGHT, PLOT_WIDTH, caption, plot_files
from .notes import note_texts
from .summary import Fix, glossary, hypotheses_met, summaries, wrong_box

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML_NS)
MATHML_TAGS = frozenset("""math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mstyle mover
    munder munderover mtable mtr mtd mlabeledtr mpadded mphantom menclose merror mmultiscripts mprescripts none
    semantics""".split())
MATHML_ATTRIBUTES = frozenset("""display mathvariant mathcolor stretchy fence form separator lspace rspace minsize maxsize
    movablelimits largeop accent accentunder linethickness columnalign rowalign columnspacing rowspacing
    columnlines rowlines frame width height depth displaystyle scriptlevel notation align symmetric""".split())
# macros latex2mathml does not know, rewritten to ones it does
MACROS = [(r"\dfrac", r"\frac"), (r"\operatorname*", r"\operatorname"), (r"\bigl", r"\big"), (r"\bigr", r"\big"),
          (r"\Bigl", r"\Big"), (r"\Bigr", r"\Big"), (r"\biggl", r"\bigg"), (r"\biggr", r"\bigg"),
          (r"\displaylimits", r"\limits"), (r"\lvert", "|"), (r"\rvert", "|"), (r"\mid", "|"),
          (r"\coloneqq", ":="), (r"\eqqcolon", "=:")]


class MathError(ValueError):
    """LaTeX that latex2mathml cannot turn into safe, complete MathML."""


def _preprocess(latex: str) -> str:
    for old, new in MACROS:
        latex = re.sub(re.escape(old) + r"(?![A-Za-z])", lambda _m, new=new: new, latex)
    return re.sub(r"\\tag\{[^{}]*\}", "", latex)


def _sanitize(element: ET.Element) -> None:
    """Refuse anything but MathML elements and presentation attributes, and unknown macros (which
    latex2mathml passes through as text starting with a backslash)."""
    for e in element.iter():
        ns, _, tag = e.tag.rpartition("}")
        if ns.lstrip("{") != MATHML_NS or tag not in MATHML_TAGS:
            raise MathError(f"unexpected element {e.tag!r}")
        for attr in list(e.attrib):
            if attr not in MATHML_ATTRIBUTES:
                raise MathError(f"unexpected attribute {attr!r}")
        if (e.text or "").lstrip().startswith("\\"):
            raise MathError(f"unknown macro {e.text.strip()}")


@functools.lru_cache(maxsize=4096)
def to_mathml(latex: str, display: str = "block") -> str:
    """MathML for ``latex``; raises :class:`MathError` when the conversion fails or is not clean."""
    from latex2mathml.converter import convert
    try:
        text = convert(_preprocess(latex), display=display)
        root = ET.fromstring(text)
    except Exception as exc:
        raise MathError(f"{type(exc).__name__}: {exc}") from None
    _sanitize(root)
    return ET.tostring(root, encoding="unicode")


def math_markup(latex: str, display: str = "block") -> Markup:
    """Rendered math, or the LaTeX source in a <code> element when it cannot be converted."""
    try:
        return Markup(to_mathml(latex, display))
    except MathError:
        return Markup('<code class="latex">{}</code>').format(latex)


# a $...$ span as pandoc reads one: no space just inside the dollars, no digit right after the closing one
MATH_SPAN = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]+?)(?<=\S)(?<!\\)\$(?![\d$])")


def text_with_math(text: str, limit: int | None = None) -> Markup:
    """Text (a finding, a summary) with its math rendered as inline MathML: the math segments of a
    :class:`verify.core.text.Text`, or the ``$...$`` spans of a plain string (a plugin's summary);
    everything else is escaped, and math that cannot be converted is shown as LaTeX source. ``limit``
    cuts the text to about that many characters (a math segment whole or not at all)."""
    if isinstance(text, Text) and text.has_math:
        text = text.truncated(limit) if limit is not None else text
        return Markup("").join(Markup.escape(p) if isinstance(p, str) else math_markup(p.latex, "inline")
                               for p in text.parts)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    parts, last = [], 0
    for m in MATH_SPAN.finditer(text):
        parts += [Markup.escape(text[last:m.start()]), math_markup(m.group(1), "inline")]
        last = m.end()
    parts.append(Markup.escape(text[last:]))
    return Markup("").join(parts)


def math_fallbacks(latex_sources: Sequence[str]) -> list[str]:
    """The LaTeX sources that would be shown as source instead of rendered math."""
    failed = []
    for latex in latex_sources:
        try:
            to_mathml(latex)
        except MathError:
            failed.append(latex)
    return failed


# ---------------------------------------------------------------------------------------------
# the annotated note: the note's own text, each claim's quote highlighted
# ---------------------------------------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_HEADING = re.compile(r"#{1,6}[ \t]+")
_NUMBERED = re.compile(r"\d+(\.\d+)*\.?[ \t]+[A-Z][^$.\n]{0,78}")      # "1.2 Kernel Regime": a heading without marks
_BULLET = re.compile(r"[ \t]*(?:[-*•▶▪◦]|\d+[.)])[ \t]+(?:▶[ \t]+)?")
# a highlight's colours (underline, tint) by verdict: the badges' colours
HIGHLIGHT = [("proved", "#2e7d32", "#e8f5e9"), ("supported", "#7cb342", "#f1f8e9"), ("refuted", "#c62828", "#ffebee"),
             ("gap", "#ef6c00", "#fff3e0"), ("loose", "#f9a825", "#fffde7"), ("inconclusive", "#90a4ae", "#eceff1"),
             ("error", "#6a1b9a", "#f3e5f5"), ("not-run", "#9e9e9e", "#f5f5f5")]
# the verdict whose colour a span quoted by several claims takes: the most severe
SEVERITY = ["error", "refuted", "gap", "loose", "inconclusive", "supported", "proved", "not run"]


@dataclass(frozen=True)
class Quoted:
    """Where a claim's quote stands in its note: ``start``/``end`` of the verbatim quote, and the span
    highlighted (widened to whole formulas where the quote starts or ends inside one)."""
    claim: str
    start: int
    end: int
    span: tuple[int, int]


def locate_quotes(text: str, quotes: Sequence[tuple[str, str]]) -> tuple[list[Quoted], list[str]]:
    """Each claim's quote in ``text`` (claims in the note's order: each quote is looked for from the
    previous one's place, as the claims' tests match them, then anywhere); returns the quotes placed and
    the ids of the claims whose quote is not in the text (or is empty)."""
    from ..core.notetext import quote_spans
    maths = [(m.start(), m.end()) for m in NOTE_MATH.finditer(text)]
    placed, missing = [], []
    written = [quote if quote in text else quote.strip() for _, quote in quotes]
    for (claim, _), span in zip(quotes, quote_spans(text, written)):
        if span is None:
            missing.append(claim)
            continue
        pos, end = span
        a, b = span
        for s, e in maths:
            if s < a < e:
                a = s
            if s < b < e:
                b = e
        placed.append(Quoted(claim, pos, end, (a, b)))
    return placed, missing


def _note_blocks(text: str, maths: Sequence[tuple[int, int]]) -> list[dict]:
    """The note's blocks (paragraphs between blank lines, none cut inside a formula): each a tag and the
    ranges of its content (one per list item)."""
    from ..core.notetext import sections
    headings = set()
    for pos, _ in sections(text):                              # where extract finds a section's title
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        headings.add(pos)
    inside = lambda p: any(s < p < e for s, e in maths)       # noqa: E731
    ranges, start = [], 0
    for m in _BLANK_LINE.finditer(text):
        if not inside(m.start()) and not inside(m.end() - 1):
            ranges.append((start, m.start()))
            start = m.end()
    ranges.append((start, len(text)))
    blocks = []
    for a, b in ranges:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        chunk = text[a:b]
        heading = _HEADING.match(chunk)
        if heading and "\n" not in chunk:
            level = len(chunk) - len(chunk.lstrip("#"))
            blocks.append({"tag": f"h{min(level + 1, 4)}", "items": [(a + heading.end(), b)]})
            continue
        if "\n" not in chunk and not chunk.endswith(".") and (a in headings or _NUMBERED.fullmatch(chunk)):
            blocks.append({"tag": "h4", "items": [(a, b)]})
            continue
        if any(s == a and e == b for s, e in maths) and chunk.startswith("$$"):
            blocks.append({"tag": "display", "items": [(a, b)]})
            continue
        lines, pos = [], a
        for line in chunk.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        cut = any(s < ls < e for s, e in maths for ls, _ in lines[1:])
        if _BULLET.match(chunk) and not cut:
            items = []
            for ls, le in lines:
                m = _BULLET.match(text, ls, le)
                if m is not None:
                    items.append([m.end(), le])
                else:
                    items[-1][1] = le
            blocks.append({"tag": "ul", "items": [tuple(i) for i in items]})
            continue
        blocks.append({"tag": "p", "items": [(a, b)]})
    return blocks


def annotated_text(text: str, claims: Sequence[ClaimReport]) -> tuple[list[dict], list[str]]:
    """The note's text as blocks of runs for the template, and the ids of the claims whose quote was
    not found. A run is a piece of text between two boundaries of quotes: its HTML (text escaped,
    formulas as MathML or their escaped source) and the claims quoting it (none, one, or several where
    quotes overlap: the run lists them all and takes the most severe verdict's colour)."""
    by_id = {c.id: c for c in claims}
    placed, missing = locate_quotes(text, [(c.id, c.source.quote) for c in claims])
    maths = [(m.start(), m.end(), m.group(1) if m.group(1) is not None else m.group(2), m.group(1) is not None)
             for m in NOTE_MATH.finditer(text)]
    math_at = {s: (e, latex, display) for s, e, latex, display in maths}
    info: dict[str, dict] = {}
    for q in placed:
        if q.claim not in info:
            c = by_id[q.claim]
            info[q.claim] = {"id": c.id, "title": c.title, "verdict": _verdict(c.verdict, None),
                             "finding": c.statement.first_finding, "fix": Fix.of(c) if c.flagged else None}
    cuts = sorted({p for q in placed for p in q.span} | {p for s, e, _, _ in maths for p in (s, e)})
    blocks, tips, anchored = [], 0, set()
    for block in _note_blocks(text, [(s, e) for s, e, _, _ in maths]):
        items = []
        for a, b in block["items"]:
            points = [a] + [p for p in cuts if a < p < b] + [b]
            runs: list[dict] = []
            for u, v in zip(points, points[1:]):
                over = tuple(dict.fromkeys(q.claim for q in placed if q.span[0] <= u and v <= q.span[1]))
                if u in math_at and math_at[u][0] == v:
                    _, latex, display = math_at[u]
                    piece = math_markup(latex.strip(), "block" if display else "inline")
                else:
                    piece = Markup.escape(text[u:v])
                if runs and runs[-1]["over"] == over:
                    runs[-1]["html"] += piece
                else:
                    runs.append({"over": over, "html": Markup(piece)})
            for r in runs:
                r["claims"] = [info[i] for i in r["over"]]
                r["anchors"] = [i for i in r["over"] if i not in anchored]      # where a claim's quote starts
                anchored.update(r["anchors"])
                if r["claims"]:
                    tips += 1
                    r["tip"] = f"tip-{tips}"
                    r["verdict"] = min((c["verdict"]["value"] for c in r["claims"]), key=SEVERITY.index)
            items.append(runs)
        blocks.append({"tag": block["tag"], "items": items})
    return blocks, missing


# ---------------------------------------------------------------------------------------------
# page data
# ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined
    env = Environment(loader=PackageLoader("verify.report", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["math"] = math_markup
    env.filters["text_with_math"] = text_with_math
    return env


def load_renderers() -> None:
    """Import and compile what rendering uses (jinja2 and every template, latex2mathml, matplotlib for the
    plots' keys), so that the two processes of :func:`verify.report.write.render_all` share them: called
    before it forks."""
    import latex2mathml.converter  # noqa: F401
    import matplotlib  # noqa: F401
    env = environment()
    for name in env.list_templates():
        env.get_template(name)


def note_slugs(notes: Sequence[str]) -> dict[str, str]:
    """A file name for each note's page, unique and safe."""
    out, seen = {}, set()
    for note in notes:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", note).strip("._") or "note"
        slug, k = base, 2
        while slug in seen:
            slug, k = f"{base}-{k}", k + 1
        seen.add(slug)
        out[note] = slug
    return out


def _verdict(verdict: Verdict | None, expected: Verdict | None) -> dict:
    return {"value": verdict.value if verdict is not None else "not run",
            "expected": expected.value if expected is not None else None,
            "mismatch": expected is not None and expected != verdict}


# a note page's table shows a claim's checked relation when it is no longer than this (its page always does)
TABLE_LATEX_LIMIT = 400


def _formula(f: Formula) -> dict:
    return {"latex": f.latex, "hypotheses": list(f.hypotheses), "definitions": list(f.definitions),
            "typeset": f.typeset}


def _row(c: ClaimReport) -> dict:
    corr = None
    if c.correction is not None:
        corr = _verdict(c.correction_verdict, c.correction.evaluation.expected)
    latex = c.latex if len(c.latex) <= TABLE_LATEX_LIMIT else None
    return {"id": c.id, "section": c.source.section, "title": c.title, "latex": latex,
            "verdict": _verdict(c.verdict, c.expected), "correction": corr, "finding": c.statement.first_finding,
            "kind": c.kind.kind if c.kind is not None else None}


def _diagnosis(c: ClaimReport, report: Report) -> dict:
    """A claim's kind, root cause (with the claims sharing it) and proof status, for its page."""
    root = None
    if c.root_cause is not None:
        cause = next((r for r in report.root_causes_of(c.note) if r.id == c.root_cause), None)
        how = cause.how if cause is not None and cause.how != "own" else ""
        also = cause.also if cause is not None else ()
        root = {"id": c.root_cause, "self": c.root_cause == c.id, "also": list(also), "how": how if also else ""}
    return {"kind": c.kind, "root": root, "proof": c.proof.words if c.proof is not None and c.proof.words else None}


def _evaluation(e: EvaluationReport, target: str, plots: list) -> dict:
    """An evaluation for the template; its checks' plot data is appended to ``plots`` as (name, data)."""
    checks = []
    for k, c in enumerate(e.checks, 1):
        name = f"{target}-{k}" if c.plot is not None else None
        if name:
            plots.append((name, c.plot))
        checks.append({"check": c.check, "kind": str(c.kind), "outcome": c.outcome.value, "summary": c.summary,
                       "hypotheses": hypotheses_met(c.evidence),
                       "evidence": dumps(c.evidence).rstrip("\n"), "plot": name,
                       "caption": caption(c.plot) if c.plot is not None else "",
                       "plot_json": dumps(c.plot).rstrip("\n") if c.plot is not None else None})
    return {"verdict": _verdict(e.verdict, e.expected), "findings": list(e.findings), "checks": checks,
            "glossary": glossary([*e.findings, *(c.summary for c in e.checks)])}


def _box(c: ClaimReport) -> dict | None:
    """The "what is wrong / the fix" box of a flagged claim, for its page."""
    box = wrong_box(c)
    if box is None:
        return None
    return {**box.__dict__, "verdict": _verdict(box.verdict, None),
            "correction_verdict": _verdict(box.correction_verdict, None)}


def _filters(rows: Sequence[dict]) -> dict:
    """The verdicts and kinds a note's table can be filtered by (those present, in their order)."""
    verdicts = [v.value for v in Verdict if any(r["verdict"]["value"] == v.value for r in rows)]
    kinds = [k for k in KINDS if any(r["kind"] == k for r in rows)]
    if any(r["verdict"]["value"] == "not run" for r in rows):
        verdicts.append("not run")
    return {"verdicts": verdicts, "kinds": kinds}


def _counts(claims: Sequence[ClaimReport]) -> list[dict]:
    stated = Counter(c.verdict for c in claims)
    corrected = Counter(c.correction_verdict for c in claims if c.correction_verdict is not None)
    return [{"verdict": v.value, "statements": stated[v], "corrections": corrected[v]} for v in Verdict]


def render_html(report: Report, previous: Path | None = None) -> dict[str, str]:
    """Every file of the HTML report (path relative to the ``html`` folder -> text): plots and claim
    pages first, note pages, then the index. ``previous``: the HTML folder of the last report, whose
    plots are reused where their data is unchanged (drawing is most of the time this takes)."""
    return html_files(render_notes(report, list(report.notes()), previous), render_front(report))


def html_files(*parts: dict[str, str]) -> dict[str, str]:
    """The HTML report's files from its parts (:func:`render_notes` of each note, :func:`render_front`),
    which share nothing, so :func:`verify.report.write.render_all` renders them in two processes, in the
    order they are written."""
    files = {k: v for part in parts for k, v in part.items()}
    return {k: files[k] for k in sorted(files, key=_write_order)}


def render_notes(report: Report, chosen: Sequence[str], previous: Path | None = None) -> dict[str, str]:
    """The part of the HTML report that belongs to the ``chosen`` notes: their claims' plots and pages,
    their note pages, errata and annotated texts (see :func:`render_html`)."""
    env = environment()
    by_id = report.by_id()
    weak = weak_dependencies(report.claims)
    notes = {note: rows for note, rows in report.notes().items() if note in chosen}
    slugs = note_slugs(list(report.notes()))
    claims = [c for rows in notes.values() for c in rows]
    files: dict[str, str] = {}
    pages, all_plots = [], []
    for c in claims:
        plots: list = []
        statement = _evaluation(c.statement, "statement", plots)
        correction = None
        if c.correction is not None:
            correction = {"formula": _formula(c.correction.formula), "why": c.correction.why.strip(),
                          **_evaluation(c.correction.evaluation, "correction", plots)}
        all_plots += [(f"plots/{c.id}/{name}.svg", plot) for name, plot in plots]
        pages.append((c, statement, correction))
    svgs, failed = plot_files(all_plots, previous=previous)     # all at once: in parallel when there are many
    files.update(svgs)
    claim_page = env.get_template("claim.html")
    used_by: dict[str, list[str]] = {}
    for c in report.claims:
        for d in c.depends_on:
            used_by.setdefault(d, []).append(c.id)
    order = {note: [c.id for c in rows] for note, rows in notes.items()}
    texts = note_texts(list(notes))
    quoted = {note: {q.claim for q in locate_quotes(texts[note], [(c.id, c.source.quote) for c in rows])[0]}
              for note, rows in notes.items() if note in texts}
    for c, statement, correction in pages:
        prefix = f"plots/{c.id}/"
        plot_errors = {p[len(prefix):-len(".svg")]: msg for p, msg in failed.items() if p.startswith(prefix)}
        deps = [{"id": d, "verdict": _verdict(by_id[d].verdict, None)["value"] if d in by_id else "not run",
                 "linked": d in by_id,
                 "weak": d in by_id and by_id[d].verdict in WEAK} for d in c.depends_on]
        users = [{"id": u, "verdict": _verdict(by_id[u].verdict, None)["value"]} for u in used_by.get(c.id, [])]
        ids = order[c.note]
        k = ids.index(c.id)
        files[f"claims/{c.id}.html"] = claim_page.render(
            root="../", title=f"{c.id} — {c.title}", claim=c, note_page=f"../notes/{slugs[c.note]}.html",
            note_title=report.title(c.note), stated=_formula(c.formula),
            deps=deps, users=users, previous=ids[k - 1] if k > 0 else None,
            next=ids[k + 1] if k + 1 < len(ids) else None, weak=weak.get(c.id, []), plugin=c.plugin,
            error=c.error, statement=statement,
            correction=correction, plot_errors=plot_errors, replay=report.replay(c), diagnosis=_diagnosis(c, report),
            plot_size=(PLOT_WIDTH, PLOT_HEIGHT), box=_box(c),
            in_text=f"../notes/{slugs[c.note]}-annotated.html#q-{c.id}" if c.id in quoted.get(c.note, ()) else None)
    verdict_of = {c.id: c.verdict for c in report.claims}
    note_page = env.get_template("note.html")
    errata_page = env.get_template("errata.html")
    text_page = env.get_template("note_text.html")
    for info in _note_infos(report, notes, texts, slugs):
        note, title, rows, table, flagged = info["note"], info["title"], notes[info["note"]], info["rows"], info["boxes"]
        errata, annotated = f"{slugs[note]}-errata.html" if flagged else None, info["annotated_page"]
        graph = note_graph_svg(rows, verdict_of, lambda i: f"../claims/{i}.html" if i in by_id else None)
        files[f"notes/{slugs[note]}.html"] = note_page.render(
            root="../", title=title, note=note, note_title=title, counts=info["counts"], rows=table,
            graph=Markup(graph), weak=weak, summary=info["summary"], errata=f"{slugs[note]}-errata.html",
            flagged=len(flagged), filters=info["filters"], annotated=annotated)
        if flagged:
            files[f"notes/{errata}"] = errata_page.render(
                root="../", title=f"Errata: {title}", note=note, note_title=title, note_page=f"{slugs[note]}.html",
                flagged=flagged, total=len(rows), annotated=annotated)
        if annotated:
            blocks, missing = annotated_text(texts[note], rows)
            verdicts = [v for v in SEVERITY[::-1] if any(r["verdict"]["value"] == v for r in table)]
            files[f"notes/{annotated}"] = text_page.render(
                root="../", title=f"{title} (annotated)", note=note, note_title=title,
                note_page=f"{slugs[note]}.html", errata=errata, blocks=blocks, total=len(rows),
                placed=len(rows) - len(missing), missing=[by_id[i] for i in missing], verdicts=verdicts)
    return files


def _note_infos(report: Report, notes: dict[str, list[ClaimReport]], texts: dict[str, str],
                slugs: dict[str, str]) -> list[dict]:
    """What a note's page and the index show of each of ``notes``: title, counts, table rows, summary,
    filters, the flagged claims' boxes and the pages it has."""
    summary_of = {s.note: s for s in summaries(report)}
    out = []
    for note, rows in notes.items():
        table = [_row(c) for c in rows]
        boxes = [{"row": _row(c), "box": _box(c)} for c in rows if c.flagged]
        annotated = f"{slugs[note]}-annotated.html" if note in texts else None
        out.append({"note": note, "title": report.title(note), "page": f"notes/{slugs[note]}.html",
                    "errata": f"notes/{slugs[note]}-errata.html", "flagged": len(boxes), "boxes": boxes,
                    "annotated_page": annotated, "annotated": f"notes/{annotated}" if annotated else None,
                    "counts": _counts(rows), "rows": table, "summary": summary_of[note],
                    "filters": _filters(table)})
    return out


def render_front(report: Report) -> dict[str, str]:
    """The HTML report's index and style sheet (see :func:`render_html`)."""
    env = environment()
    claims = report.claims
    notes = report.notes()
    slugs = note_slugs(list(notes))
    note_info = _note_infos(report, notes, note_texts(list(notes)), slugs)
    with_expectation = [c for c in claims if c.has_expectation]
    mismatched = report.mismatched()
    files = {"index.html": env.get_template("index.html").render(
        root="", title="Claim verification report", seed=report.seed, budget=report.budget, total=len(claims),
        environment=report.environment,
        corrections=sum(c.correction_verdict is not None for c in claims), counts=_counts(claims), notes=note_info,
        met=len(with_expectation) - len(mismatched), with_expectation=len(with_expectation), mismatched=mismatched,
        plugin_errors=[str(e) for e in report.plugin_errors], weak=weak_dependencies(claims),
        diagnosis_problems=list(report.diagnosis_problems))}
    files["style.css"] = env.get_template("style.css").render(
        verdicts=[v.value for v in Verdict] + ["not-run"], kinds=list(KINDS), highlight=HIGHLIGHT)
    return files


def _write_order(path: str) -> tuple:
    """Plots, then claim pages, note pages, the style sheet, and the index last."""
    rank = {"plots": 0, "claims": 1, "notes": 2}.get(path.split("/", 1)[0], 3)
    return (rank, path == "index.html", path)
