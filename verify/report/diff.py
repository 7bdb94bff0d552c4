"""``python -m verify diff OLD NEW``: what changed between two reports.

OLD and NEW are ``results.json`` files or report folders holding one. The comparison reads the JSON as
it is (any schema that has claim ids and verdicts), so reports written by another version of verify
compare too. It lists what the results depend on (package versions, the engine's source digest, seed
and budget) where it differs, claims added and removed, verdicts that moved (a statement's and a
correction's), and findings that changed: the counterexample, flagged instance or worst configuration
of a check that does not hold."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

__all__ = ["ReportDiff", "load_results", "compare"]

FOUND = ("counterexample", "instance", "point")        # evidence entries naming where a check failed


def load_results(path: str | Path) -> dict:
    """The parsed ``results.json`` at ``path`` (a file, or a folder holding one); ValueError saying what
    is wrong otherwise."""
    p = Path(path)
    if p.is_dir():
        p = p / "results.json"
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no results.json there") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{p}: not a readable results.json ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list) or not all(
            isinstance(c, dict) and isinstance(c.get("id"), str) for c in data["claims"]):
        raise ValueError(f"{p}: not a verify results.json (no list of claims with ids)")
    return data


def _correction_verdict(claim: Mapping) -> str | None:
    c = claim.get("correction")
    return c.get("verdict") if isinstance(c, Mapping) else None


def _found(checks) -> dict[str, Any]:
    """check name -> where it failed, for the checks that do not hold."""
    out = {}
    for ch in checks or ():
        if not isinstance(ch, Mapping) or ch.get("outcome") in ("holds", None):
            continue
        ev = ch.get("evidence") if isinstance(ch.get("evidence"), Mapping) else {}
        where = {k: ev[k] for k in FOUND if k in ev}
        search = ev.get("configuration_search")
        if isinstance(search, Mapping) and "worst_configuration" in search:
            where["worst_configuration"] = search["worst_configuration"]
        out[str(ch.get("check"))] = {"outcome": ch.get("outcome"), **where}
    return out


@dataclass
class ReportDiff:
    context: list[tuple[str, Any, Any]] = field(default_factory=list)      # (what, old, new)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)   # (id, target, old, new)
    findings: list[tuple[str, str, str, Any, Any]] = field(default_factory=list)       # (id, target, check, old, new)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.findings)

    def lines(self) -> list[str]:
        out = [f"{what}: {old} -> {new}" for what, old, new in self.context]
        if self.empty:
            return out + ["no claim added or removed, no verdict moved, no finding changed"]
        if self.moved:
            out += ["", f"verdicts moved ({len(self.moved)}):"]
            out += [f"  {cid}{'' if t == 'statement' else ' (correction)'}: {old} -> {new}" for cid, t, old, new in self.moved]
        if self.added:
            out += ["", f"claims added ({len(self.added)}): " + ", ".join(self.added)]
        if self.removed:
            out += ["", f"claims removed ({len(self.removed)}): " + ", ".join(self.removed)]
        if self.findings:
            out += ["", f"findings changed ({len(self.findings)}):"]
            for cid, t, check, old, new in self.findings:
                out.append(f"  {cid}{'' if t == 'statement' else ' (correction)'}, {check}: "
                           f"{_short(old)} -> {_short(new)}")
        return out


def _short(v: Any, limit: int = 120) -> str:
    text = "none" if v is None else json.dumps(v, sort_keys=True, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def compare(old: Mapping, new: Mapping) -> ReportDiff:
    """The differences between two parsed results.json documents, claims in NEW's order (removed ones in
    OLD's)."""
    d = ReportDiff()
    for key in ("seed", "budget", "schema"):
        if old.get(key) != new.get(key):
            d.context.append((key, old.get(key), new.get(key)))
    eo, en = old.get("environment") or {}, new.get("environment") or {}
    if eo.get("python") != en.get("python"):
        d.context.append(("python", eo.get("python"), en.get("python")))
    for name in sorted(set(eo.get("packages", {})) | set(en.get("packages", {}))):
        a, b = eo.get("packages", {}).get(name), en.get("packages", {}).get(name)
        if a != b:
            d.context.append((name, a, b))
    if eo.get("engine") != en.get("engine"):
        d.context.append(("engine source", eo.get("engine"), en.get("engine")))
    before = {c["id"]: c for c in old["claims"]}
    after = {c["id"]: c for c in new["claims"]}
    d.added = [i for i in after if i not in before]
    d.removed = [i for i in before if i not in after]
    for cid, c in after.items():
        if cid not in before:
            continue
        b = before[cid]
        for target, vo, vn in (("statement", b.get("verdict"), c.get("verdict")),
                               ("correction", _correction_verdict(b), _correction_verdict(c))):
            if vo != vn:
                d.moved.append((cid, target, vo, vn))
        for target, co, cn in (("statement", b.get("checks"), c.get("checks")),
                               ("correction", (b.get("correction") or {}).get("checks"),
                                (c.get("correction") or {}).get("checks"))):
            fo, fn = _found(co), _found(cn)
            for check in list(dict.fromkeys([*fn, *fo])):
                if fo.get(check) != fn.get(check):
                    d.findings.append((cid, target, check, fo.get(check), fn.get(check)))
    return d
