"""Statements no computation here can test (a hardness assumption, an existence result over all
algorithms): the claim is still recorded, so the report shows it was read, and its check says why it
stays undecided. It never holds and never fails."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.model import NUMERIC, CheckResult, Context, Outcome, Statement


@dataclass
class Untestable:
    reason: str
    name: str = "not computable here"
    kind: str = NUMERIC

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        return CheckResult(check=self.name, kind=self.kind, outcome=Outcome.UNDECIDED,
                           summary=f"not tested: {self.reason}", evidence={"reason": self.reason})
