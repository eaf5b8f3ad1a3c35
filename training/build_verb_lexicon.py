"""Writes the English verb lexicon the interview generator asks questions with.

From WordNet 3.0 (Debian ``wordnet-base``, ``$WORDNET_DIR`` overrides ``/usr/share/wordnet``):

- ``src/copydesk/lang/en/verbs.txt``: every one-word verb lemma of ``index.verb``, one a line;
- ``src/copydesk/lang/en/verb_forms.tsv``: ``form<TAB>lemma`` for the irregular inflections
  of ``verb.exc`` ("laid" -> "lay", "said" -> "say"), one-word lemmas only.

The generator turns a past or third-person form of the article back into the base form a
question needs ("raised" -> "How much did the committee raise?") with WordNet's own
detachment rules, checked against this list. Run it again to regenerate both files:

    python training/build_verb_lexicon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wordnet import wordnet_dir  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "copydesk" / "lang" / "en"


def main() -> int:
    folder = wordnet_dir()
    index = folder / "index.verb"
    exc = folder / "verb.exc"
    if not index.exists() or not exc.exists():
        print(f"no WordNet verb files in {folder} (apt-get install wordnet-base, or set WORDNET_DIR)")
        return 1
    lemmas = sorted(
        {
            line.split(" ", 1)[0]
            for line in index.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(" ") and "_" not in line.split(" ", 1)[0]
        }
    )
    lemma_set = set(lemmas)
    forms = []
    for line in exc.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or "_" in parts[0]:
            continue
        for lemma in parts[1:]:
            if lemma in lemma_set:
                forms.append(f"{parts[0]}\t{lemma}")
    OUT.mkdir(parents=True, exist_ok=True)
    source = (
        "WordNet 3.0 (Princeton University; licence in WORDNET_LICENSE), "
        "written by training/build_verb_lexicon.py"
    )
    (OUT / "verbs.txt").write_text(
        f"# One-word verb lemmas of {source}.\n" + "\n".join(lemmas) + "\n", encoding="utf-8"
    )
    (OUT / "verb_forms.tsv").write_text(
        f"# Irregular verb forms and their lemmas (verb.exc) of {source}.\n"
        + "\n".join(sorted(set(forms)))
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(lemmas)} verb lemmas, {len(set(forms))} irregular forms -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
