"""A privacy notice in the store is context, never the clause that decides an ad question.

Issue 13 measured it: with 20 website privacy policies added to the store, their sentences
("we may share your information", "does not knowingly collect data from children under 13")
answered ad questions they shared words with, as approvals or a 13+ floor. The reader tells
such data-practice statements from rules about ads (`reading.describes_data_practice`), the
catalog commit marks a document most of whose rules are data practices
(`CorpusFacts.data_practice_sources`), and the answerer cites but never decides from it.
The sentences here are written for these tests, in the styles of both kinds of document.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.corpus_facts import compute_corpus_facts
from policydesk.core.reading import describes_data_practice, read_sentence
from policydesk.core.types import Chunk

PRACTICES = [
    "We may share your personal information with our affiliates and service providers.",
    "Acme Books does not knowingly collect or solicit personal information from children under 13.",
    "The types of personal information we collect may include your name and postal address.",
    "Aggregated usage data may be shared with third-party advertisers.",
    "If you subscribe, we may sell or rent lists containing your e-mail address to partners.",
    "Our partners may place cookies on your browser to measure visits.",
]
AD_RULES = [
    "Advertisers must not collect personal information through lead forms without consent.",
    "Ads that collect health data are not allowed.",
    "You must not use customer data to target people by sexual orientation.",
    "Listings may not request payment details outside checkout.",
    "Ads for VPN services are allowed only in markets where they are legal.",
    "Landing pages that store card details must be PCI certified.",
]


@pytest.mark.parametrize("sentence", PRACTICES)
def test_data_practice_statements_are_recognised(sentence):
    assert describes_data_practice(sentence)


@pytest.mark.parametrize("sentence", AD_RULES)
def test_rules_about_ads_are_not_data_practices(sentence):
    assert not describes_data_practice(sentence)


def _doc(source: str, sentences: list[str]) -> list[Chunk]:
    chunks = [
        Chunk(id=f"{source}#{i}", text=s, source=source, title=source, section="", policy_id=source.upper(), position=i)
        for i, s in enumerate(sentences)
    ]
    for c in chunks:
        c.logic = read_clause_logic(c)
    return chunks


def test_a_privacy_notice_is_marked_and_an_ad_policy_about_data_is_not():
    notice = _doc("shop-privacy.txt", PRACTICES + ["You may opt out of marketing e-mails at any time.", "This policy may change."])
    ad_policy = _doc("personal-data-in-ads.txt", AD_RULES)
    facts = compute_corpus_facts(notice + ad_policy)
    assert facts.data_practice_sources == {"shop-privacy.txt"}
    # Stored with the catalog: a reader of the committed facts sees the same set.
    assert type(facts).from_json(facts.to_json()).data_practice_sources == {"shop-privacy.txt"}


def test_one_data_sentence_does_not_make_an_ad_policy_a_privacy_notice():
    policy = _doc(
        "lead-forms.txt",
        [
            "Lead form ads are allowed for financial products.",
            "We may share the data you enter with the advertiser who ran the form.",
            "Lead forms must not ask for passwords.",
            "Ads must link to the advertiser's privacy policy.",
            "Questions about health conditions are prohibited.",
        ],
    )
    assert compute_corpus_facts(policy).data_practice_sources == set()


def test_including_but_not_limited_to_restricts_nothing():
    # The legal list opener widens a list; read as "limited to" it made a description a restriction.
    assert read_sentence("Ads may promote kitchen appliances, including but not limited to blenders and mixers.").decision == "approve"
    assert read_sentence("Ads may promote kitchen appliances, including, without limitation, blenders.").decision == "approve"
    assert read_sentence("Ads for appliances are limited to verified retailers.").decision == "restrict"



def test_ingest_names_the_documents_it_reads_as_privacy_notices(tmp_path):
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "shop-privacy.txt").write_text("Shop privacy notice\n\n" + "\n\n".join(PRACTICES) + "\n", encoding="utf-8")
    (docs / "data-in-ads.txt").write_text("Personal data in ads\n\n" + "\n\n".join(AD_RULES) + "\n", encoding="utf-8")
    report = ingest_paths([docs], Settings(store=tmp_path / "store"))
    named = [n for n in report.notices if "privacy notices" in n]
    assert len(named) == 1 and "shop-privacy.txt" in named[0] and "data-in-ads.txt" not in named[0], report.notices
