"""Wrong entities and calques that come from Chinese names: repaired where the document
says which entity is meant, left alone where it does not (issue 13, deliver 4)."""

from __future__ import annotations

from normalize import Normalizer
from normalize.document import Document
from normalize.finders.confusion import ConfusionFinder


def _changes(shipped: Normalizer, text: str) -> tuple[list[tuple[str, str]], list[str]]:
    result = shipped.fix(text)
    applied = [(c.original, c.replacement) for c in result.applied if c.rule.startswith("context.")]
    flagged = [c.original for c in result.flagged if c.rule.startswith("context.")]
    return applied, flagged


# 巴 abbreviates Brazil and Pakistan: MT wrote Pakistan's demonym in a Brazilian story.
BRAZIL = (
    "Pakistani President Bolsonaro told reporters in Brasilia on Monday that the vaccine "
    "contracts would be reviewed. Bolsonaro has been criticised by governors."
)


def test_shared_abbreviation_is_repaired_with_the_documents_evidence(
    shipped: Normalizer,
) -> None:
    result = shipped.fix(BRAZIL)
    (change,) = [c for c in result.applied if c.rule == "context.confusion"]
    assert (change.original, change.replacement, change.entity) == (
        "Pakistani",
        "Brazilian",
        "country/br",
    )
    assert change.confidence >= 0.9
    said = " ".join(change.evidence)
    assert "巴" in said and "Bolsonaro x2" in said and "for Pakistan: none" in said


def test_a_real_article_about_pakistan_never_changes(shipped: Normalizer) -> None:
    text = (
        "Pakistani Prime Minister Imran Khan said in Islamabad that Pakistan would "
        "buy Brazilian aircraft. Pakistani officials did not comment."
    )
    # The sentence names Pakistan as written: at most a flag for a reader to look at.
    assert _changes(shipped, text)[0] == []


def test_without_evidence_for_the_sharer_nothing_changes(shipped: Normalizer) -> None:
    text = "The Pakistani delegation arrived on Monday for the talks."
    assert _changes(shipped, text) == ([], [])


def test_mixed_evidence_is_at_most_flagged(shipped: Normalizer) -> None:
    # Both countries are anchored: Brasilia and Bolsonaro, but also Islamabad.
    text = (
        "Pakistani President Bolsonaro said in Brasilia that talks with Islamabad "
        "on trade would resume. Bolsonaro did not say when."
    )
    applied, _ = _changes(shipped, text)
    assert applied == []


def test_pakistan_counts_as_context_for_afghanistan(shipped: Normalizer) -> None:
    # Issue 14: "Pakistan" said nothing about Afghanistan ("for Afghanistan: none").
    text = (
        "In Algiers, President Tebboune met the Afghan foreign minister, who had come "
        "from Pakistan. The Afghan minister also met Boukadoum in Algiers."
    )
    result = shipped.fix(text)
    assert not [c for c in result.changes if c.original == "Afghan"]
    model = next(f for f in shipped._finders if isinstance(f, ConfusionFinder)).model
    hits = model.for_document(Document(text)).hits("country/af")
    assert [h.term for h in hits if h.anchor] == ["Pakistan"]


TUNISIA = (
    "In Tunis, the Revival Movement said its leader Ghannouchi would not resign. "
    "President Saied suspended parliament, and Tunisia's largest party called it a coup."
)


def test_calque_of_a_party_is_repaired_among_its_own_places_and_people(
    shipped: Normalizer,
) -> None:
    result = shipped.fix(TUNISIA)
    (change,) = [c for c in result.applied if c.rule == "context.calque"]
    assert (change.original, change.replacement) == ("Revival Movement", "Ennahda")
    assert any(e.startswith("support: ") and "Ghannouchi x1" in e for e in change.evidence)


def test_calque_without_support_is_left_alone(shipped: Normalizer) -> None:
    text = "The Revival Movement in nineteenth-century architecture favoured Gothic arches."
    assert _changes(shipped, text) == ([], [])


def test_a_name_borrowed_from_a_party_sharing_the_chinese_word(shipped: Normalizer) -> None:
    # 复兴 is the Ba'ath of 复兴党 and the Ennahda of 复兴运动: Tunisia decides.
    text = TUNISIA.replace("Revival Movement", "Baath Movement")
    assert _changes(shipped, text)[0] == [("Baath Movement", "Ennahda")]


def test_a_borrowed_name_is_not_applied_where_its_lender_is_anchored(
    shipped: Normalizer,
) -> None:
    text = (
        "In Damascus, the Baath Movement backed Assad, while in Tunis Ghannouchi and "
        "President Saied of Tunisia disagreed."
    )
    applied, flagged = _changes(shipped, text)
    assert applied == [] and "Baath Movement" in flagged


def test_calque_of_an_outlet_cited_as_a_source(shipped: Normalizer) -> None:
    text = (
        "According to Russia Satellite News Agency, Moscow will send more troops to the "
        "border, a claim Kyiv rejected."
    )
    assert _changes(shipped, text)[0] == [("Russia Satellite News Agency", "Sputnik")]


def test_calque_of_a_union_with_its_members_named(shipped: Normalizer) -> None:
    text = (
        "Leaders of Kazakhstan, Belarus and Armenia met in Moscow for the summit of the "
        "Europe-Asia Economic Union, where Putin proposed a common market for gas."
    )
    assert _changes(shipped, text)[0] == [("Europe-Asia Economic Union", "Eurasian Economic Union")]
