r"""Lark's Earley predictor and completer, giving Lark's trees and error positions without its wasted work.

Lark's predictor (``lark.parsers.earley.Parser.predict_and_complete``) predicts, for every item of a column
that expects a nonterminal ``N``, every rule of ``N``'s whole left-corner closure (``predictions[N]``),
creating one :class:`~lark.parsers.earley_common.Item` per rule and throwing it away when the column already
has it. In the LaTeX grammar (540 rules, an expression predicts over 300 of them) most items of a column
expect one of the expression levels, so almost every prediction is a duplicate: this was most of the time
of a parse. Here a column remembers the nonterminals it has predicted: once ``N`` has been predicted, every
rule of its closure is already in the column (or in the scan buffer), and so is every rule of the closure
of each nonterminal in it (a closure's closure is inside it), so predicting any of them again adds nothing
and is skipped. Held completions of empty rules are processed as before.

The completer's search for the items waiting on a completed symbol reads an index of each finished column
(expected symbol -> items, in the column's order) instead of scanning the column; the current column, which
is still growing, is scanned as before.

A prediction whose rule opens with a terminal is made only if that terminal can match: Lark would put the
item in the scan buffer, and the scanner would drop it unmatched. The scanner matches the buffer at the
column and carries the whole buffer, matched or not, past each run of ignored text (whitespace, ``\\,``,
``\\left``...) that starts there, so a terminal can match when it matches at the column or at the end of
such a run; and since an empty buffer there would end the parse earlier, the items left out are put back
when they would have been the whole buffer. The order of the items kept is Lark's, so the trees (the
ambiguities resolved alike) and the position of a syntax error are the same; only the list of expected
terminals that Lark's error message quotes is shorter (verify uses the position).
Likewise a rule opening with a nonterminal that cannot be empty is predicted only if a terminal of that
nonterminal's FIRST set matches: otherwise its item could never advance, and processing it would predict
nothing new (its nonterminal's rules are in the closure being predicted) and complete nothing.

Everything else is Lark's own code, copied from Lark 1.3.1. :func:`install` puts the methods on one parser
only, and only when Lark's code is the one this was copied from (the digests of the sources of the
predictor, the dynamic-lexer scan loop and the ordered set); otherwise the parser keeps Lark's own, which
gives the same trees, slower.
"""
from __future__ import annotations

import hashlib
import inspect
import threading
import types
from collections import deque

# sha256 of the sources this module reproduces or relies on (Lark 1.3.1): the predictor and completer, the
# dynamic lexer's parse loop (how the scanner drops and carries items), the ordered set (its dict ``d``)
_LARK_SOURCES = {"predict_and_complete": "80323b2611482a10cb9b42fbc9cc0a95a2df6edf2650f90ffb81a58d5bb7628d",
                 "xearley_parse": "4f7a8280f38dec52777b21e299f0699ce1ce75512341cdfa03b7f9f7fca98525",
                 "OrderedSet": "b92c5a03e82141811d36adc3b4c83ad9d352f916872440f34b8cf11ba62c5f3d"}


def _lark_source_digests() -> dict:
    from lark.parsers.earley import Parser
    from lark.parsers.xearley import Parser as DynamicParser
    from lark.utils import OrderedSet

    def digest(x):
        return hashlib.sha256(inspect.getsource(x).encode()).hexdigest()
    return {"predict_and_complete": digest(Parser.predict_and_complete),
            "xearley_parse": digest(DynamicParser._parse), "OrderedSet": digest(OrderedSet)}


_current = threading.local()          # the text being parsed (the dynamic lexer's stream), per thread


def predict_and_complete(self, i, to_scan, columns, transitives, node_cache):
    """Lark's ``predict_and_complete`` (see the module docstring for the differences)."""
    from lark.parsers.earley_common import Item

    held_completions = {}
    predicted = set()          # ids of the nonterminals already predicted in this column (closures included)
    closure_ids = self._fast_closure_ids
    predictions = self._fast_predictions        # id(nonterminal) -> [(rule, its first symbol if a terminal)]
    SymbolNode = self.SymbolNode
    stream = getattr(_current, "stream", None)
    match = self.term_matcher
    # where an item of the scan buffer can be matched: here, and after each run of ignored text from here
    reach = None               # computed at the first prediction (a column may predict nothing)
    live = {}                  # terminal name -> it matches at one of those positions
    live_first = {}            # nonterminal name -> a terminal of its FIRST set matches at one of them
    dropped = []               # rules not predicted, at a column where ignored text starts (see below)

    column = columns[i]
    in_column = column.d                  # the OrderedSet's dict: `x in column`, `column.add(x)`
    scan_next = to_scan.d
    items = deque(column)
    while items:
        item = items.pop()

        if item.is_complete:
            if item.node is None:
                label = (item.s, item.start, i)
                item.node = node_cache[label] if label in node_cache else node_cache.setdefault(label, SymbolNode(*label))
                item.node.add_family(item.s, item.rule, item.start, None, None)

            leo = transitives[item.start]
            if leo and item.rule.origin in leo:
                transitive = leo[item.s]
                if transitive.previous in transitives[transitive.column]:
                    root_transitive = transitives[transitive.column][transitive.previous]
                else:
                    root_transitive = transitive

                new_item = Item(transitive.rule, transitive.ptr, transitive.start)
                label = (root_transitive.s, root_transitive.start, i)
                new_item.node = node_cache[label] if label in node_cache else node_cache.setdefault(label, SymbolNode(*label))
                new_item.node.add_path(root_transitive, item.node)
                expect = new_item.expect
                if expect is not None and expect.is_term:
                    scan_next[new_item] = None
                elif new_item not in in_column:
                    in_column[new_item] = None
                    items.append(new_item)
            else:
                is_empty_item = item.start == i
                if is_empty_item:
                    held_completions[item.rule.origin] = item.node

                if item.start < i:
                    originators = _waiting(columns[item.start]).get(item.s, ())
                else:
                    originators = [originator for originator in columns[item.start]
                                   if originator.expect is not None and originator.expect == item.s]
                for originator in originators:
                    new_item = originator.advance()
                    label = (new_item.s, originator.start, i)
                    new_item.node = node_cache[label] if label in node_cache else node_cache.setdefault(label, SymbolNode(*label))
                    new_item.node.add_family(new_item.s, new_item.rule, i, originator.node, item.node)
                    expect = new_item.expect
                    if expect is not None and expect.is_term:
                        scan_next[new_item] = None
                    elif new_item not in in_column:
                        in_column[new_item] = None
                        items.append(new_item)

        elif not item.expect.is_term:
            new_items = []
            expect_id = id(item.expect)
            if expect_id not in predicted:
                if reach is None and stream is not None:
                    reach = _reach(self.ignore, match, stream, i)
                for rule, first, name, starts in predictions[expect_id]:
                    if reach is not None:
                        if first is not None:
                            matches = live.get(name)
                            if matches is None:
                                matches = live[name] = any(match(first, stream, j) is not None for j in reach)
                            if not matches:
                                if len(reach) > 1:
                                    dropped.append(rule)
                                continue
                        elif starts is not None:
                            matches = live_first.get(starts[0])
                            if matches is None:
                                matches = False
                                for term, term_name in starts[1]:
                                    found = live.get(term_name)
                                    if found is None:
                                        found = live[term_name] = any(match(term, stream, j) is not None for j in reach)
                                    if found:
                                        matches = True
                                        break
                                live_first[starts[0]] = matches
                            if not matches:
                                continue
                    new_items.append(Item(rule, 0, i))
                predicted.update(closure_ids[expect_id])

            if held_completions and item.expect in held_completions:
                new_item = item.advance()
                label = (new_item.s, item.start, i)
                new_item.node = node_cache[label] if label in node_cache else node_cache.setdefault(label, SymbolNode(*label))
                new_item.node.add_family(new_item.s, new_item.rule, new_item.start, item.node, held_completions[item.expect])
                new_items.append(new_item)

            for new_item in new_items:
                expect = new_item.expect
                if expect is not None and expect.is_term:
                    scan_next[new_item] = None
                elif new_item not in in_column:
                    in_column[new_item] = None
                    items.append(new_item)

    # Where ignored text starts, the scanner carries the whole buffer past it, matched or not, and a buffer
    # that is not empty there keeps the parse going: the items left out above would be carried and dropped
    # with no other effect, unless they were the whole buffer. Then they are put back, in their order.
    if dropped and not scan_next:
        for rule in dropped:
            scan_next[Item(rule, 0, i)] = None


def _reach(ignore, match, stream, i) -> tuple:
    """The positions where an item in the scan buffer at ``i`` is matched: ``i``, and the end of each
    ignored match from a position of these (the scanner carries the buffer there)."""
    out, todo = [i], [i]
    while todo:
        j = todo.pop()
        for x in ignore:
            m = match(x, stream, j)
            if m and m.end() not in out:
                out.append(m.end())
                todo.append(m.end())
    return tuple(out)


def _waiting(column) -> dict:
    """A finished column's items by the symbol they expect, each list in the column's order (kept on the
    column: a column before the current one never changes)."""
    index = getattr(column, "_by_expect", None)
    if index is None:
        index = {}
        for item in column:
            if item.expect is not None:
                index.setdefault(item.expect, []).append(item)
        column._by_expect = index
    return index


def install(lark_instance) -> bool:
    """Give ``lark_instance``'s Earley parser (dynamic lexer) this predictor and completer; False (nothing
    changed) when the installed Lark's code is not the one reproduced here, or the parser is of another kind."""
    from lark.parsers.xearley import Parser as DynamicParser
    from lark.utils import OrderedSet
    parser = getattr(getattr(lark_instance, "parser", None), "parser", None)
    if (not isinstance(parser, DynamicParser) or parser.Set is not OrderedSet or parser.complete_lex
            or _lark_source_digests() != _LARK_SOURCES):
        return False
    # every nonterminal object of the grammar's rules, by id; for each, the ids of every nonterminal object
    # (equal ones included) whose rules its prediction adds
    symbols = {id(sym): sym for rule in parser.parser_conf.rules for sym in (rule.origin, *rule.expansion)
               if not sym.is_term}
    by_name: dict = {}
    for sym in symbols.values():
        by_name.setdefault(sym.name, set()).add(id(sym))
    predictions = {k: parser.predictions[sym] for k, sym in symbols.items() if sym in parser.predictions}
    parser._fast_closure_ids = {
        k: frozenset(j for name in {r.origin.name for r in rules} for j in by_name.get(name, ()))
        for k, rules in predictions.items()}
    def entry(rule):
        """(rule, its first symbol if a terminal, that terminal's name, (name, FIRST terminals) of its first
        symbol if a nonterminal that cannot be empty)."""
        first = rule.expansion[0] if rule.expansion else None
        if first is not None and first.is_term:
            return rule, first, str(first.name), None
        if first is None or first in parser.NULLABLE or first not in parser.FIRST:
            return rule, None, None, None
        return rule, None, None, (str(first.name), tuple((t, str(t.name)) for t in parser.FIRST[first]))
    entries = {id(r): entry(r) for r in parser.parser_conf.rules}
    parser._fast_predictions = {k: [entries[id(r)] for r in rules] for k, rules in predictions.items()}
    parse = parser._parse

    def _parse(stream, columns, to_scan, start_symbol=None):
        before, _current.stream = getattr(_current, "stream", None), stream
        try:
            return parse(stream, columns, to_scan, start_symbol)
        finally:
            _current.stream = before

    parser._parse = _parse
    parser.predict_and_complete = types.MethodType(predict_and_complete, parser)
    return True
