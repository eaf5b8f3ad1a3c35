"""Who said what: every attribution pattern of issue 2, on original fixture sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from copydesk.analyse import analyse, analyse_many
from copydesk.model import Analysis, Document, Quote, Span

pytestmark = pytest.mark.slow


def run(text: str, **kw: object) -> Analysis:
    return analyse(Document(text, **kw))  # type: ignore[arg-type]


def find(a: Analysis, fragment: str) -> Quote:
    """The quote whose content holds ``fragment`` (the shortest, if several do)."""
    text = a.document.text
    hits = [q for q in a.quotes if fragment in q.content.of(text)]
    assert hits, f"no quote holds {fragment!r}: {[q.content.of(text) for q in a.quotes]}"
    return min(hits, key=lambda q: len(q.content))


# (text, content fragment, speaker mention, resolved name, cue, kind)
PATTERNS = [
    pytest.param(
        "Harbour Minister Talia Brennock said that the new ferry terminal would open in March.",
        "the new ferry terminal would open in March",
        "Harbour Minister Talia Brennock",
        "Talia Brennock",
        "said",
        "indirect",
        id="X said that",
    ),
    pytest.param(
        "Talia Brennock said the new ferry terminal would open in March.",
        "the new ferry terminal would open in March",
        "Talia Brennock",
        "Talia Brennock",
        "said",
        "indirect",
        id="X said (no that)",
    ),
    pytest.param(
        "The ferry terminal will open in March, Talia Brennock said.",
        "The ferry terminal will open in March",
        "Talia Brennock",
        "Talia Brennock",
        "said",
        "indirect",
        id="..., X said",
    ),
    pytest.param(
        "“We will not raise the harbour fees this year,” said Talia Brennock.",
        "We will not raise the harbour fees this year",
        "Talia Brennock",
        "Talia Brennock",
        "said",
        "direct",
        id="..., said X",
    ),
    pytest.param(
        "Union leader Osric Pelham told the Valley Herald that the strike would continue until Friday.",
        "the strike would continue until Friday",
        "Union leader Osric Pelham",
        "Osric Pelham",
        "told",
        "indirect",
        id="X told NBC that",
    ),
    pytest.param(
        "Osric Pelham noted that the dockworkers had not been paid since June.",
        "the dockworkers had not been paid since June",
        "Osric Pelham",
        "Osric Pelham",
        "noted",
        "indirect",
        id="noted",
    ),
    pytest.param(
        "Osric Pelham added that talks with the port authority had stalled.",
        "talks with the port authority had stalled",
        "Osric Pelham",
        "Osric Pelham",
        "added",
        "indirect",
        id="added",
    ),
    pytest.param(
        "Osric Pelham warned that the strike could spread to the rail depots.",
        "the strike could spread to the rail depots",
        "Osric Pelham",
        "Osric Pelham",
        "warned",
        "indirect",
        id="warned",
    ),
    pytest.param(
        "The port authority denied that it had withheld any wages.",
        "it had withheld any wages",
        "The port authority",
        None,
        "denied",
        "indirect",
        id="denied",
    ),
    pytest.param(
        "Talia Brennock wrote in a letter to residents that the terminal would bring three hundred jobs.",
        "the terminal would bring three hundred jobs",
        "Talia Brennock",
        "Talia Brennock",
        "wrote",
        "indirect",
        id="wrote",
    ),
    pytest.param(
        "According to the Marlow Institute, fuel prices in the valley rose by a fifth last year.",
        "fuel prices in the valley rose by a fifth last year",
        "the Marlow Institute",
        "Marlow Institute",
        "According to",
        "indirect",
        id="according to X",
    ),
    pytest.param(
        "The Greenfield council rejected the plan, saying it would cost too much.",
        "it would cost too much",
        "The Greenfield council",
        None,
        "saying",
        "indirect",
        id="..., saying (main-clause subject)",
    ),
    pytest.param(
        'After the inspection, Mayor Ingrid Solvang said, "The bridge is safe to use."',
        "The bridge is safe to use",
        "Mayor Ingrid Solvang",
        "Ingrid Solvang",
        "said",
        "direct",
        id="straight quotes",
    ),
    pytest.param(
        "Ingrid Solvang said the old bridge “will outlast all of us.”",
        "the old bridge “will outlast",
        "Ingrid Solvang",
        "Ingrid Solvang",
        "said",
        "mixed",
        id="mixed",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "name", "cue", "kind"), PATTERNS)
def test_attribution_patterns(
    text: str, fragment: str, speaker: str, name: str | None, cue: str, kind: str
) -> None:
    a = run(text)
    q = find(a, fragment)
    assert q.speaker is not None and q.speaker.of(text) == speaker
    assert q.cue is not None and q.cue.of(text) == cue
    if name is not None:
        assert q.name == name
        assert q.actor is not None and a.actor(q.actor).name == name
    assert q.kind == kind


def test_pronoun_speaker_continues_the_previous_quote() -> None:
    text = (
        "“The reservoir is at its lowest level in twenty years,” water board chair Petra Lindqvist noted.\n"
        "Farmer Janek Ostrowski asked for emergency permits.\n"
        "“Nobody should water a lawn this summer,” she emphasized."
    )
    a = run(text)
    q = find(a, "Nobody should water a lawn")
    assert q.speaker is not None and q.speaker.of(text) == "she"
    assert q.name == "Petra Lindqvist"
    assert q.kind == "direct"
    actor = a.actor(q.actor or "")
    assert q.speaker in actor.mentions  # the resolved pronoun joins the actor's mentions


def test_he_resolves_to_the_most_recent_person() -> None:
    text = (
        "Coach Bruno Ferreira praised the young squad. "
        "He said the team would play without its captain on Sunday."
    )
    q = find(run(text), "the team would play without its captain")
    assert q.name == "Bruno Ferreira"


def test_he_after_another_quote_is_the_person_named_since() -> None:
    text = (
        "“The terminal will bring jobs back,” said Mayor Lena Holm.\n\n"
        "Opposition leader Erik Sand voted against the plan. He said the cost would rise."
    )
    assert find(run(text), "the cost would rise").name == "Erik Sand"


def test_a_name_inside_the_reported_content_is_not_its_speaker() -> None:
    text = (
        "“The terminal will bring jobs back,” said Mayor Lena Holm.\n\n"
        "Her adviser, Tomas Berg, spoke next. “Nobody thinks the plan” -- that Erik Sand opposed -- "
        "“will fail,” he said."
    )
    assert find(run(text), "will fail").name == "Tomas Berg"


def test_she_continues_the_previous_quote_with_no_one_named_since() -> None:
    text = "“The terminal will bring jobs back,” said Mayor Lena Holm. She said the cost was fair."
    assert find(run(text), "the cost was fair").name == "Lena Holm"


def test_he_does_not_continue_a_quote_by_a_woman() -> None:
    text = "“The terminal will bring jobs back,” said Mayor Lena Holm. He said the cost was fair."
    assert find(run(text), "the cost was fair").name is None


def test_an_organisation_description_is_no_person() -> None:
    text = "Mayor Lena Holm praised the plan. Work will begin in March, the council said."
    q = find(run(text), "Work will begin in March")
    assert q.speaker is not None and q.speaker.of(text) == "the council"
    assert q.name != "Lena Holm"


def test_an_organisation_description_is_the_organisation_of_that_name() -> None:
    text = (
        "The Congressional Budget Office published its forecast. Mayor Lena Holm praised it. "
        "The deficit will rise next year, the budget office said."
    )
    assert find(run(text), "The deficit will rise").name == "Congressional Budget Office"


def test_a_verb_joined_to_the_clause_of_a_quotation_does_not_report_it() -> None:
    text = 'Mayor Ada Voss said the deal would "keep fares flat until 2028" and add two evening crossings.'
    a = run(text)
    assert [(q.speaker.of(text) if q.speaker else None, q.name) for q in a.quotes] == [
        ("Mayor Ada Voss", "Ada Voss")
    ]
    assert a.actor(a.quotes[0].actor or "").aliases == ()


@pytest.mark.parametrize("dateline", ["NORBERG (Harbour Wire) - ", "NORBERG -- "])
def test_a_dateline_is_not_reported_content(dateline: str) -> None:
    text = f"{dateline}The council will approve the plan, Mayor Lena Holm said."
    q = find(run(text), "will approve the plan")
    assert q.content.of(text) == "The council will approve the plan"
    assert q.name == "Lena Holm"


def test_description_speaker_resolves_to_the_titled_person() -> None:
    text = (
        "Treasury spokesman Aldous Varga defended the budget on Monday.\n"
        "The spokesman said the deficit would shrink next year."
    )
    q = find(run(text), "the deficit would shrink next year")
    assert q.speaker is not None and q.speaker.of(text) == "The spokesman"
    assert q.name == "Aldous Varga"


def test_name_in_apposition_to_a_description_is_the_speaker() -> None:
    text = (
        "The Kestrel Rail Company reported a loss. "
        "Its finance director, Omar Lindqvist, warned that ticket prices would rise in April."
    )
    q = find(run(text), "ticket prices would rise in April")
    assert q.speaker is not None and q.speaker.of(text) == "Its finance director, Omar Lindqvist"
    assert q.name == "Omar Lindqvist"


@pytest.mark.parametrize(
    ("speaker", "name"),
    [("Biden aides", None), ("Harlow's aides", None), ("Mayor Ines Harlow", "Ines Harlow")],
)
def test_a_name_that_modifies_the_speaker_is_not_the_speaker(speaker: str, name: str | None) -> None:
    # "Biden aides said": the aides speak, not Biden.
    text = f"Mayor Ines Harlow and Joe Biden met on Friday. {speaker} said the talks would resume on Monday."
    q = find(run(text), "the talks would resume on Monday")
    assert q.speaker is not None and q.speaker.of(text) == speaker
    assert q.name == name


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "“The pumps failed at midnight. Nobody told the night shift.” "
            "Engineer Ruth Calloway said so on Monday.",
            id="next sentence",
        ),
        pytest.param(
            "“The pumps failed at midnight. Nobody told the night shift.”\n\nEngineer Ruth Calloway said.",
            id="next paragraph",
        ),
    ],
)
def test_quote_before_its_speaker(text: str) -> None:
    q = find(run(text), "Nobody told the night shift")
    assert q.name == "Ruth Calloway"
    assert q.content.of(text).startswith("“The pumps failed")


def test_multi_sentence_quote_is_one_content_span() -> None:
    text = (
        "“The pumps failed at midnight. Nobody told the night shift. We lost the east wing,” "
        "engineer Ruth Calloway said."
    )
    a = run(text)
    q = find(a, "We lost the east wing")
    assert (
        q.content.of(text)
        == "“The pumps failed at midnight. Nobody told the night shift. We lost the east wing,”"
    )
    assert len([s for s in a.sentences if s.overlaps(q.content)]) >= 3  # separate sentences, one quote


def test_quote_continues_after_its_cue() -> None:
    text = "“The pumps failed at midnight,” engineer Ruth Calloway said. “Nobody told the night shift.”"
    q = find(run(text), "The pumps failed")
    assert "Nobody told the night shift" in q.content.of(text)
    assert q.name == "Ruth Calloway"
    assert q.kind == "direct"  # the cue and speaker between its parts do not make it mixed


@pytest.mark.parametrize("cue", ["she added", "added Ruth Calloway", "Calloway said"])
def test_quote_interrupted_by_its_cue_continues_after_it(cue: str) -> None:
    text = f"Engineer Ruth Calloway spoke. “The pumps failed,” {cue}, “and nobody told the night shift.”"
    q = find(run(text), "The pumps failed")
    assert "and nobody told the night shift" in q.content.of(text)
    assert q.name == "Ruth Calloway"
    assert q.kind == "direct"


def test_a_quote_after_another_speakers_cue_does_not_join() -> None:
    text = "“The pumps failed,” Ruth Calloway said, while Omar Sato, the manager, added: “We will pay.”"
    q = find(run(text), "The pumps failed")
    assert "We will pay" not in q.content.of(text)


def test_quote_continues_across_paragraphs() -> None:
    text = (
        "Engineer Ruth Calloway said: “The pumps failed at midnight and nobody told the night shift.\n\n"
        "“By morning the east wing was under water.”\n\n"
        "The hospital has since moved its patients."
    )
    a = run(text)
    q = find(a, "The pumps failed")
    assert "By morning the east wing was under water" in q.content.of(text)
    assert q.name == "Ruth Calloway"
    assert not a.warnings


def test_unbalanced_quote_mark_is_a_warning_not_a_failure() -> None:
    text = "Ruth Calloway said “the pumps failed at midnight.\n\nThe hospital has since moved its patients."
    a = run(text)
    assert any("unbalanced quote mark at [" in w for w in a.warnings)
    assert "[19:20]" in " ".join(a.warnings)  # the offsets of the opening mark


def test_credit_line_yields_no_quotes_or_actors() -> None:
    body = "Talia Brennock said the ferry terminal would open in March.\n"
    credit = "Source: Valley Wire, said editor Mona Quist"
    text = body + credit
    a = run(text, credit_span=Span(len(body), len(text)))
    assert all(not q.content.overlaps(Span(len(body), len(text))) for q in a.quotes)
    assert "Mona Quist" not in [x.name for x in a.actors]
    assert [q.name for q in a.quotes] == ["Talia Brennock"]


def test_analyse_many_matches_analyse_and_keeps_order() -> None:
    texts = [
        "Talia Brennock said the ferry terminal would open in March.",
        "",
        "According to the Marlow Institute, fuel prices rose by a fifth.",
    ]
    docs = [Document(t, id=str(k)) for k, t in enumerate(texts)]
    many = list(analyse_many(docs, published=dt.date(2024, 5, 2)))
    assert [a.document.id for a in many] == ["0", "1", "2"]
    for d, a in zip(docs, many, strict=True):
        single = analyse(d, published=dt.date(2024, 5, 2))
        assert a.to_dict() == single.to_dict()
    assert many[1].quotes == () and many[1].sentences == ()


def test_a_that_clause_misparsed_as_a_relative_clause_is_still_reported() -> None:
    # the parser reads "the day that he was back" as a relative clause on "day"
    text = (
        "Lena Holm, a publicist for Ruth Calloway, said later in the day that he was back home resting "
        "and enjoying time with his grandchildren."
    )
    q = find(run(text), "he was back home")
    assert q.content.of(text) == "that he was back home resting and enjoying time with his grandchildren"
    assert q.cue is not None and q.cue.of(text) == "said"
    assert q.speaker is not None and q.speaker.of(text).startswith("Lena Holm")


def test_a_relative_clause_after_a_report_of_something_else_is_no_report() -> None:
    text = "Erik Sand spoke at length about the day that the bridge fell."
    assert not [q for q in run(text).quotes if q.content.of(text) == "that the bridge fell"]
