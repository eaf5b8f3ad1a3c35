"""A small reader of the WordNet 3.0 database files (``index.*`` and ``data.*``).

WordNet 3.0 is installed offline by Debian's ``wordnet-base`` package under
``/usr/share/wordnet`` (``$WORDNET_DIR`` overrides the folder). NLTK's reader needs a
``lexnames`` file that the package lacks; the format is simple enough to read directly
(``man 5 wndb``):

- ``index.POS``: ``lemma pos synset_cnt p_cnt [ptr_symbol ...] sense_cnt tagsense_cnt
  synset_offset ...``, senses most frequent first;
- ``data.POS``: ``offset lex_filenum ss_type w_cnt word lex_id [word lex_id ...] p_cnt
  [ptr_symbol offset pos source/target ...] [frames] | gloss``, where ``w_cnt`` and
  ``source/target`` are hexadecimal and a lexical pointer (an antonym) names its source and
  target word by position.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. (Licence: see
``src/copydesk/lang/en/WORDNET_LICENSE``.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
"""Part of speech letters and the file suffix of each (adjective satellites ``s`` live in ``adj``)."""


def wordnet_dir() -> Path:
    """The folder holding the WordNet database files."""
    return Path(os.environ.get("WORDNET_DIR", "/usr/share/wordnet"))


@dataclass(frozen=True)
class Pointer:
    """One relation of a synset: ``symbol`` as in ``wndb(5)`` ("!" antonym, "@" hypernym,
    "~" hyponym, "&" similar to, ...), the target synset, and for a lexical pointer the source
    and target word numbers (1-based; 0 for a relation between whole synsets)."""

    symbol: str
    target: tuple[str, int]
    source_word: int
    target_word: int


@dataclass(frozen=True)
class Synset:
    """One synset: its key ``(pos, offset)``, lexicographer file number, words and pointers."""

    key: tuple[str, int]
    lex_filenum: int
    words: tuple[str, ...]
    pointers: tuple[Pointer, ...]
    gloss: str

    def related(self, *symbols: str) -> list[tuple[str, int]]:
        """The synsets this one points to with any of ``symbols`` (whole-synset pointers)."""
        return [p.target for p in self.pointers if p.symbol in symbols and p.source_word == 0]


def _parse_data_line(pos: str, line: str) -> Synset:
    head, _, gloss = line.partition(" | ")
    f = head.split()
    offset, lex_filenum, ss_type = int(f[0]), int(f[1]), f[2]
    n_words = int(f[3], 16)
    words = tuple(f[4 + 2 * i].lower() for i in range(n_words))
    at = 4 + 2 * n_words
    n_ptrs = int(f[at])
    pointers = []
    for i in range(n_ptrs):
        symbol, target, tpos, st = f[at + 1 + 4 * i : at + 5 + 4 * i]
        tpos = "a" if tpos == "s" else tpos
        pointers.append(Pointer(symbol, (tpos, int(target)), int(st[:2], 16), int(st[2:], 16)))
    key_pos = "a" if ss_type == "s" else ss_type
    assert key_pos == pos, (pos, ss_type)
    return Synset((pos, offset), lex_filenum, words, tuple(pointers), gloss.strip())


class WordNet:
    """The whole database, read once into memory (about 10 s and 300 MB for all four parts)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or wordnet_dir()
        if not (self.folder / "index.noun").exists():
            raise FileNotFoundError(
                f"no WordNet database in {self.folder} (apt-get install wordnet-base, or set WORDNET_DIR)"
            )

    @cached_property
    def synsets(self) -> dict[tuple[str, int], Synset]:
        out: dict[tuple[str, int], Synset] = {}
        for pos, suffix in POS_FILES.items():
            with open(self.folder / f"data.{suffix}", encoding="utf-8") as f:
                for line in f:
                    if not line.startswith("  "):
                        s = _parse_data_line(pos, line)
                        out[s.key] = s
        return out

    @cached_property
    def index(self) -> dict[tuple[str, str], tuple[tuple[str, int], ...]]:
        """``(lemma, pos)`` -> its synsets, most frequent sense first."""
        out: dict[tuple[str, str], tuple[tuple[str, int], ...]] = {}
        for pos, suffix in POS_FILES.items():
            with open(self.folder / f"index.{suffix}", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    fields = line.split()
                    n_senses = int(fields[2])
                    out[(fields[0], pos)] = tuple((pos, int(o)) for o in fields[-n_senses:])
        return out

    def senses(self, lemma: str, pos: str) -> list[Synset]:
        """The synsets of a lemma (spaces as underscores), most frequent first."""
        return [self.synsets[k] for k in self.index.get((lemma.lower().replace(" ", "_"), pos), ())]

    def antonym_pairs(self) -> Iterator[tuple[str, str, str]]:
        """Every direct antonym pair ``(pos, word, antonym)`` WordNet records, each way."""
        for s in self.synsets.values():
            for p in s.pointers:
                if p.symbol == "!" and p.source_word and p.target_word:
                    other = self.synsets[p.target]
                    yield s.key[0], s.words[p.source_word - 1], other.words[p.target_word - 1]

    def hypernyms(self, key: tuple[str, int]) -> list[tuple[str, int]]:
        """The direct hypernyms of a synset (instance hypernyms included)."""
        return self.synsets[key].related("@", "@i")

    def hyponyms(self, key: tuple[str, int]) -> list[tuple[str, int]]:
        """The direct hyponyms of a synset (instances included)."""
        return self.synsets[key].related("~", "~i")

    def co_hyponyms(self, key: tuple[str, int]) -> list[tuple[str, int]]:
        """The synsets that share a direct hypernym with this one ("lawyer" and "doctor" under
        "professional"), the synset itself left out."""
        out: dict[tuple[str, int], None] = {}
        for h in self.hypernyms(key):
            for k in self.hyponyms(h):
                if k != key:
                    out[k] = None
        return list(out)
