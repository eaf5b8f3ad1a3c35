"""Actors: entity mentions clustered into people and organisations, with titles and speakers."""

from __future__ import annotations

import pytest

from copydesk.analyse import analyse
from copydesk.model import Actor, Analysis, Document

pytestmark = pytest.mark.slow

ARTICLE = (
    "Norvish Prime Minister Helga Marsden is ready to reopen talks with the fishing unions, "
    "but that does not mean she will change the quota, the Chancellery said today.\n"
    "Chancellery spokesman Tomas Brevik, a former journalist, said Marsden’s offer stands until March.\n"
    "“The prime minister has never said the quota is open,” Brevik noted.\n"
    "“We will listen, and then we will decide,” he emphasized.\n"
    "Union leader Osric Pelham said the offer came too late. "
    "The spokesman said the talks would start on Monday."
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(Document(ARTICLE))


def by_name(a: Analysis, name: str) -> Actor:
    hits = [x for x in a.actors if x.name == name]
    assert hits, f"no actor {name!r}: {[x.name for x in a.actors]}"
    return hits[0]


def mention_texts(a: Analysis, actor: Actor) -> list[str]:
    return [m.of(a.document.text) for m in actor.mentions]


def test_full_name_and_surname_are_one_actor(analysis: Analysis) -> None:
    marsden = by_name(analysis, "Helga Marsden")
    assert marsden.type == "PERSON"
    texts = mention_texts(analysis, marsden)
    assert "Helga Marsden" in texts
    assert "Marsden" in texts  # the possessive "Marsden’s" is trimmed to the name
    assert "Marsden" in marsden.aliases


def test_titles_from_premodifiers_and_appositions(analysis: Analysis) -> None:
    assert any("Prime Minister" in t for t in by_name(analysis, "Helga Marsden").titles)
    brevik = by_name(analysis, "Tomas Brevik")
    assert any("spokesman" in t for t in brevik.titles)
    assert any("journalist" in t for t in brevik.titles)


def test_organisation_that_speaks(analysis: Analysis) -> None:
    chancellery = by_name(analysis, "Chancellery")
    assert chancellery.type == "ORG"
    q = next(q for q in analysis.quotes if "ready to reopen talks" in q.content.of(ARTICLE))
    assert q.actor == chancellery.id and q.name == "Chancellery"


def test_pronoun_and_description_speakers_join_the_actor(analysis: Analysis) -> None:
    brevik = by_name(analysis, "Tomas Brevik")

    def speaker_of(fragment: str) -> str | None:
        return next(q.name for q in analysis.quotes if fragment in q.content.of(ARTICLE))

    assert speaker_of("We will listen") == "Tomas Brevik"  # "he emphasized"
    assert speaker_of("the talks would start on Monday") == "Tomas Brevik"  # "The spokesman"
    texts = mention_texts(analysis, brevik)
    assert "he" in texts and "The spokesman" in texts


def test_ids_and_mentions_are_well_formed(analysis: Analysis) -> None:
    ids = [x.id for x in analysis.actors]
    assert ids == [f"a{k}" for k in range(1, len(ids) + 1)]
    first = [min(m.start for m in x.mentions) for x in analysis.actors]
    assert first == sorted(first)  # numbered in order of first mention
    for x in analysis.actors:
        assert x.mentions == tuple(sorted(x.mentions))
        for m in x.mentions:
            assert 0 <= m.start < m.end <= len(ARTICLE)
        assert x.name not in x.aliases


@pytest.mark.parametrize(
    ("text", "name", "actor_type"),
    [
        pytest.param(
            "Senator Ada Whitcombe said the vote was close. Whitcombe left early.",
            "Ada Whitcombe",
            "PERSON",
            id="title stripped",
        ),
        pytest.param(
            "Ada Whitcombe’s aides said the vote was close. Whitcombe said nothing.",
            "Ada Whitcombe",
            "PERSON",
            id="curly possessive",
        ),
        pytest.param(
            "Ada Whitcombe's aides said the vote was close. Whitcombe said nothing.",
            "Ada Whitcombe",
            "PERSON",
            id="straight possessive",
        ),
        pytest.param(
            "The Federal Bureau of Statistics said prices rose. The FBS said wages fell.",
            "Federal Bureau of Statistics",
            "ORG",
            id="acronym",
        ),
        pytest.param(
            "The U.S. said it would act. The United States said so again.",
            "United States",
            "GPE",
            id="GPE alias",
        ),
        pytest.param(
            "The council gave the contract to Bluewater Lines. Reyes warned that Bluewater could fail.",
            "Bluewater Lines",
            "ORG",
            id="first word of an organisation",
        ),
    ],
)
def test_clustering_cases(text: str, name: str, actor_type: str) -> None:
    a = analyse(Document(text))
    actor = by_name(a, name)
    assert actor.type == actor_type
    assert len(actor.mentions) == 2
    assert all(m.of(text) in (name, *actor.aliases) for m in actor.mentions)


def test_no_spacy_objects_leave_the_package(analysis: Analysis) -> None:
    import json

    json.dumps(analysis.to_dict())  # plain data all the way down
    assert Analysis.from_dict(analysis.to_dict()).to_dict() == analysis.to_dict()


def speaker_actor(a: Analysis, fragment: str) -> Actor | None:
    """The actor of the quote whose content holds ``fragment``."""
    q = next(q for q in a.quotes if fragment in q.content.of(a.document.text))
    return next((x for x in a.actors if x.id == q.actor), None)


@pytest.mark.parametrize(
    ("text", "fragment", "name", "title"),
    [
        pytest.param(
            "Elsa Morrow said the ferry was late. "
            "The district mayor, Ana Ruiz, declared that the market would move.",
            "the market would move",
            "Ana Ruiz",
            "district mayor",
            id="untagged name after a role appositive",
        ),
        pytest.param(
            "Elsa Morrow said the ferry was late. "
            "Ines Valcourt, the port's chief engineer, said the crane had failed twice.",
            "the crane had failed twice",
            "Ines Valcourt",
            "port's chief engineer",
            id="untagged name before a role appositive",
        ),
        pytest.param(
            "Elsa Morrow said the ferry was late. "
            "The parish council's chairwoman, Wenna Treloar, said the hall would reopen.",
            "the hall would reopen",
            "Wenna Treloar",
            "parish council's chairwoman",
            id="name tagged GPE after a role appositive",
        ),
    ],
)
def test_name_in_speaker_phrase_is_the_speaker(text: str, fragment: str, name: str, title: str) -> None:
    a = analyse(Document(text))
    actor = speaker_actor(a, fragment)
    assert actor is not None and actor.name == name  # never Elsa Morrow
    assert actor.type == "PERSON"
    assert title in actor.titles
    assert [m.of(text) for m in actor.mentions] == [name]


def test_bare_untagged_name_is_an_untyped_speaker() -> None:
    text = "Elsa Morrow said the ferry was late. Pavel Iskra said the dam would hold."
    a = analyse(Document(text))
    actor = speaker_actor(a, "the dam would hold")
    assert actor is not None and actor.name == "Pavel Iskra" and actor.type == "OTHER"


def test_named_group_is_not_a_description_of_a_person() -> None:
    text = (
        "Elsa Morrow said the ferry was late. "
        "The campaign group, Seal Coast Trust, claimed that the dredging would harm the seals."
    )
    a = analyse(Document(text))
    actor = speaker_actor(a, "the dredging would harm the seals")
    assert actor is not None and actor.name == "Seal Coast Trust"
    assert [m.of(text) for m in by_name(a, "Elsa Morrow").mentions] == ["Elsa Morrow"]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        pytest.param(
            "Chief executive Marta Quell said the mill would close.",
            "Marta Quell",
            "Chief executive",
            id="premodifier",
        ),
        pytest.param(
            "The union opposed the plan. Its regional secretary, Colm Duffy, said members were angry.",
            "Colm Duffy",
            "regional secretary",
            id="appositive before the name",
        ),
        pytest.param(
            "Marek Olsen, its finance director, said costs had risen.",
            "Marek Olsen",
            "finance director",
            id="appositive after the name, without the possessive pronoun",
        ),
    ],
)
def test_role_titles(text: str, name: str, title: str) -> None:
    a = analyse(Document(text))
    actor = by_name(a, name)
    assert title in actor.titles
    assert all(t in text for t in actor.titles)  # titles are text of the article


def test_untagged_full_name_keeps_its_surname_from_another_person() -> None:
    text = "Mayor Lena Ruiz said the pool would reopen. Ana Ruiz said the dam would hold."
    a = analyse(Document(text))
    actor = speaker_actor(a, "the dam would hold")
    assert actor is not None and actor.name == "Ana Ruiz"
    assert [m.of(text) for m in by_name(a, "Lena Ruiz").mentions] == ["Lena Ruiz"]
