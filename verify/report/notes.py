"""The titles of notes: reports name a note by its title, not by its file name.

A note's title is its first non-empty line, as its author wrote it: heading marks dropped, a line in
capitals put in sentence case, and cut before a date or a "Lecturer:" / "Instructor:" / "Scribe:" field
that shares the line. The note files are looked up in ``$VERIFY_SEEDS``, ``./notes`` and the ``notes``
folder beside the ``verify`` package (a checkout); a note not found keeps its file name.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

TITLE_LIMIT = 100
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CUT = re.compile(rf"\s+(?:(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}|(?:Lecturer|Instructor|Scribe|Author)s?:).*$")


def title_of(text: str) -> str | None:
    """The title of a note's text (None for an empty text)."""
    for line in text.splitlines():
        line = " ".join(line.strip().lstrip("#").split())
        if line:
            break
    else:
        return None
    line = _CUT.sub("", line).strip(" -–—:,")
    letters = [ch for ch in line if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        line = line[0] + line[1:].lower()
    if len(line) > TITLE_LIMIT:
        line = line[:TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return line or None


def note_folders() -> list[Path]:
    """Where note files are looked up, in order."""
    folders = [Path(os.environ["VERIFY_SEEDS"])] if os.environ.get("VERIFY_SEEDS") else []
    return folders + [Path.cwd() / "notes", Path(__file__).resolve().parents[2] / "notes"]


def note_text(note: str, folders: Sequence[Path] | None = None) -> str | None:
    """The text of the note file ``note`` (a bare file name) from the first folder that has it; None if none."""
    if Path(note).name != note:          # a bare file name only: never a path out of the folders
        return None
    for folder in folders if folders is not None else note_folders():
        try:
            return (folder / note).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return None


def note_texts(notes: Iterable[str], folders: Sequence[Path] | None = None) -> dict[str, str]:
    """The text of each note whose file is found (note file name -> text)."""
    return {note: text for note in dict.fromkeys(notes) if (text := note_text(note, folders)) is not None}


def note_titles(notes: Iterable[str], folders: Sequence[Path] | None = None) -> dict[str, str]:
    """Title of each note whose file is found (note file name -> title)."""
    out = {}
    for note in dict.fromkeys(notes):
        title = title_of(text) if (text := note_text(note, folders)) is not None else None
        if title:
            out[note] = title
    return out


def titled(note: str, titles: Mapping[str, str]) -> str:
    """A note's title, or its file name."""
    return titles.get(note, note)
