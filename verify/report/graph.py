"""Dependency graphs: which claims a claim rests on, and a per-note SVG picture of that.

A refuted lemma undermines every theorem that uses it, directly or through other claims; reports say
so on the theorem's page (:func:`weak_dependencies`). The SVG is laid out here, without graphviz:
claims in columns by dependency depth, coloured by verdict, each a link to its page, so it is a plain
self-contained picture that works offline.
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from ..core.model import Verdict
from .document import ClaimReport

WEAK = (Verdict.REFUTED, Verdict.GAP)        # verdicts that undermine the claims resting on them
VERDICT_COLORS = {
    Verdict.PROVED: "#2e7d32", Verdict.SUPPORTED: "#7cb342", Verdict.REFUTED: "#c62828", Verdict.GAP: "#ef6c00",
    Verdict.LOOSE: "#f9a825", Verdict.INCONCLUSIVE: "#90a4ae", Verdict.ERROR: "#6a1b9a",
}
UNKNOWN_COLOR = "#e0e0e0"


def weak_dependencies(claims: Sequence[ClaimReport]) -> dict[str, list[str]]:
    """For each claim resting on a refuted or gap claim (directly, or through its dependencies), one
    sentence per such dependency, e.g. ``depends on a.lemma, whose verdict is refuted``."""
    by_id = {c.id: c for c in claims}
    roots: dict[str, list[str]] = {}      # claim id -> weak claims it rests on, nearest first

    def weak_roots(cid: str, visiting: frozenset) -> list[str]:
        if cid in roots:
            return roots[cid]
        r = by_id.get(cid)
        if r is None or cid in visiting:
            return []
        out: list[str] = []
        for dep in r.depends_on:
            d = by_id.get(dep)
            if d is not None and d.verdict in WEAK:
                out.append(dep)
            out += weak_roots(dep, visiting | {cid})
        roots[cid] = list(dict.fromkeys(out))
        return roots[cid]

    messages = {}
    for r in claims:
        lines = []
        for dep in r.depends_on:
            d = by_id.get(dep)
            if d is None:
                continue
            if d.verdict in WEAK:
                lines.append(f"depends on {dep}, whose verdict is {d.verdict.value}"
                             + _corrected(d))
            for root in weak_roots(dep, frozenset()):
                if root in (dep, r.id):       # said above, or a cycle back to this claim
                    continue
                lines.append(f"depends on {dep}, which rests on {root} "
                             f"(verdict {by_id[root].verdict.value}{_corrected(by_id[root])})")
        if lines:
            messages[r.id] = list(dict.fromkeys(lines))
    return messages


def _corrected(c: ClaimReport) -> str:
    if c.correction_verdict is None:
        return ""
    return f"; its correction is {c.correction_verdict.value}"


# ---------------------------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------------------------

NODE_W, NODE_H, GAP_X, GAP_Y, ROWS, MARGIN = 210, 22, 60, 8, 18, 10
CHAR_W = 6.7            # width of one character of the 11px monospace labels
GRID_HEAD = 26          # room for the heading of the grid of claims without dependencies


def _depths(ids: Sequence[str], deps: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Longest dependency chain below each node (cycles are cut)."""
    depth: dict[str, int] = {}

    def visit(i: str, stack: frozenset) -> int:
        if i in depth:
            return depth[i]
        below = [visit(d, stack | {i}) for d in deps.get(i, ()) if d not in stack]
        depth[i] = 1 + max(below) if below else 0
        return depth[i]

    for i in ids:
        visit(i, frozenset())
    return depth


def layout(ids: Sequence[str], deps: Mapping[str, Sequence[str]], node_w: float = NODE_W
           ) -> tuple[dict[str, tuple[float, float]], float | None]:
    """Top-left corner of each node, and the y of the heading of the isolated claims' grid (None when
    there are none). Claims with dependencies or dependants: one column group per depth (long layers wrap
    into several columns of at most ROWS nodes); within a layer, nodes ordered by their dependencies'
    positions (fewer crossings). Claims with neither: a compact grid below, in the note's order."""
    used = {d for i in ids for d in deps.get(i, ())}
    isolated = [i for i in ids if not deps.get(i) and i not in used]
    linked = [i for i in ids if i not in set(isolated)]
    depth = _depths(linked, deps)
    layers: dict[int, list[str]] = {}
    for i in linked:
        layers.setdefault(depth[i], []).append(i)
    order = {i: k for k, i in enumerate(ids)}
    pos: dict[str, tuple[float, float]] = {}
    x = MARGIN
    for level in sorted(layers):
        def key(i: str):
            ys = [pos[d][1] for d in deps.get(i, ()) if d in pos]
            return (sum(ys) / len(ys) if ys else 0.0, order[i])

        nodes = sorted(layers[level], key=key)
        for k, i in enumerate(nodes):
            col, row = divmod(k, ROWS)
            pos[i] = (x + col * (node_w + GAP_X / 2), MARGIN + 24 + row * (NODE_H + GAP_Y))
        x += ((len(nodes) - 1) // ROWS + 1) * (node_w + GAP_X / 2) + GAP_X / 2
    if not isolated:
        return pos, None
    top = max((y for _, y in pos.values()), default=MARGIN + 24 - NODE_H - GAP_Y) + NODE_H + GAP_Y + (GRID_HEAD if pos else 0)
    step = node_w + GAP_X / 4
    cols = max(1, min(len(isolated), max(4, int((x - MARGIN) // step))))
    for k, i in enumerate(isolated):
        row, col = divmod(k, cols)
        pos[i] = (MARGIN + col * step, top + (GRID_HEAD if not linked else 0) + row * (NODE_H + GAP_Y))
    return pos, top - 8 + (GRID_HEAD if not linked else 0)


def note_graph_svg(claims: Sequence[ClaimReport], verdict_of: Mapping[str, Verdict],
                   href: Callable[[str], str | None]) -> str:
    """The dependency graph of one note's claims as inline SVG. Dependencies in other notes appear as
    dashed nodes; an edge from a refuted or gap claim is red and thick."""
    ids = [c.id for c in claims]
    titles = {c.id: c.title for c in claims}
    deps = {c.id: list(c.depends_on) for c in claims}
    outside = [d for c in claims for d in c.depends_on if d not in titles]
    ids = ids + list(dict.fromkeys(outside))
    node_w = max(NODE_W, max((len(i) for i in ids), default=0) * CHAR_W + 14)
    pos, grid_head = layout(ids, deps, node_w)
    legend = MARGIN + sum(14 + 8 * len(v.value) + 12 for v in VERDICT_COLORS)
    width = max([legend] + [x + node_w + MARGIN for x, _ in pos.values()])
    height = max(y for _, y in pos.values()) + NODE_H + MARGIN if pos else 2 * MARGIN
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="depgraph" width="{width:.0f}" height="{height:.0f}" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="dependency graph">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker>'
             '<marker id="arrow-weak" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#c62828"/></marker></defs>']
    x = MARGIN
    for v, color in VERDICT_COLORS.items():         # legend
        parts.append(f'<rect x="{x}" y="{MARGIN}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{x + 14}" y="{MARGIN + 9}" font-size="11">{v.value}</text>')
        x += 14 + 8 * len(v.value) + 12
    if grid_head is not None:
        parts.append(f'<text x="{MARGIN}" y="{grid_head:.1f}" font-size="12" fill="#455a64">'
                     'claims with no dependencies and no dependants</text>')
    for i in ids:
        for d in deps.get(i, ()):
            if d not in pos:
                continue
            weak = verdict_of.get(d) in WEAK
            (x1, y1), (x2, y2) = pos[d], pos[i]
            x1, y1, y2 = x1 + node_w, y1 + NODE_H / 2, y2 + NODE_H / 2
            mid = (x1 + x2) / 2
            parts.append(f'<path class="edge{" weak" if weak else ""}" d="M {x1:.1f} {y1:.1f} C {mid:.1f} {y1:.1f} '
                         f'{mid:.1f} {y2:.1f} {x2:.1f} {y2:.1f}" fill="none" stroke="{"#c62828" if weak else "#777"}" '
                         f'stroke-width="{2.2 if weak else 1}" marker-end="url(#{"arrow-weak" if weak else "arrow"})"/>')
    for i in ids:
        x, y = pos[i]
        verdict = verdict_of.get(i)
        color = VERDICT_COLORS.get(verdict, UNKNOWN_COLOR)
        dark = verdict in (Verdict.PROVED, Verdict.REFUTED, Verdict.ERROR, Verdict.GAP)
        tip = f"{i}: {verdict.value if verdict else 'not run'}" + (f" — {titles[i]}" if i in titles else " (another note)")
        shown = i
        dash = "" if i in titles else ' stroke-dasharray="3 2"'
        node = (f'<g class="node"><title>{escape(tip)}</title>'
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{node_w:.0f}" height="{NODE_H}" rx="4" fill="{color}" '
                f'stroke="#333" stroke-width="0.6"{dash}/>'
                f'<text x="{x + 6:.1f}" y="{y + 15:.1f}" font-size="11" font-family="monospace" '
                f'fill="{"#fff" if dark else "#111"}">{escape(shown)}</text></g>')
        link = href(i)
        parts.append(f'<a href={quoteattr(link)}>{node}</a>' if link else node)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
