"""A policy in another language: a Spanish Markdown policy with clause markers, asked in Spanish.

The default embedding model is English-only, so the question must reach its clause through
the keyword index too: retrieved, cited, and answered with the clause's declared decision.
"""

from __future__ import annotations

import shutil

import pytest

from policydesk.assistant.chain import ask
from policydesk.core import keyword
from policydesk.ingest.pipeline import ingest_paths

CRIPTO_ES = """---
policy_id: CRIPTO-ES
title: Política de publicidad de criptoactivos
version: "1.0"
effective_date: 2025-01-15
markets: [ES]
---
# Política de publicidad de criptoactivos

Esta política regula la publicidad de criptoactivos, monederos digitales y plataformas de intercambio dirigida a usuarios residentes en España. Se aplica junto con la normativa de la Comisión Nacional del Mercado de Valores.

## Registro ante la CNMV {#CRI-1 decision=restrict markets="ES"}
Las plataformas de intercambio y los proveedores de monederos de criptomonedas solo pueden anunciarse si figuran inscritos en el registro del Banco de España y comunican la campaña a la CNMV con diez días de antelación. La pieza debe incluir la advertencia normalizada sobre el riesgo de pérdida total de la inversión.

## Promesas de rentabilidad {#CRI-2 decision=reject markets="ES"}
No se aceptan piezas que garanticen rentabilidades, que hablen de ganancias seguras o que muestren gráficos de revalorización sin advertencia. Tampoco se admiten sorteos de tokens ni lanzamientos aéreos (airdrops) como reclamo publicitario.

## Influencers y afiliados {#CRI-3 decision=restrict markets="ES"}
Los creadores de contenido que promocionen criptoactivos a cambio de una remuneración deben identificar la pieza como publicidad y conservar la documentación del acuerdo durante cinco años.
"""

CASES = [
    # (question, clause, declared decision)
    ("¿Puede anunciarse un monedero de criptomonedas que no está inscrito en el registro del Banco de España?", "CRI-1", "restrict"),
    ("¿Un influencer que cobra por promocionar criptoactivos tiene que identificar la pieza como publicidad?", "CRI-3", "restrict"),
    ("¿Podemos mostrar gráficos de revalorización sin advertencia?", "CRI-2", "reject"),
    # Cosine 0.28 with the English-only model, under the relevance floor; every word is in CRI-2.
    ("Sorteos de tokens", "CRI-2", "reject"),
]


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory, corpus_dir):
    """The Spanish policy among English ones, as a real policy folder would hold it."""
    from policydesk.core.settings import Settings

    root = tmp_path_factory.mktemp("mixed")
    for name in ("crypto-and-investment.pdf", "gambling.md", "financial-services.md", "alcohol.md"):
        shutil.copy(corpus_dir / name, root / name)
    (root / "cripto-es.md").write_text(CRIPTO_ES, encoding="utf-8")
    settings = Settings(store=tmp_path_factory.mktemp("store"))
    report = ingest_paths([root], settings)
    assert not report.failed, report.failed
    return settings


@pytest.mark.parametrize("question,clause,decision", CASES)
def test_spanish_question_cites_the_spanish_clause_and_takes_its_declared_decision(mixed_store, question, clause, decision):
    # The clauses are written for ES; a moderator in Spain asks with that market.
    ans = ask(question, filters={"market": "ES"}, settings=mixed_store)
    assert ans.citations, ans.warnings
    assert (ans.citations[0].source, ans.citations[0].clause_id) == ("cripto-es.md", clause), ans.citations
    assert ans.citations[0].quote in ans.citations[0].text
    assert (ans.verdict, ans.verdict_source) == (decision, "declared")
    # Without a market the clause is still found and cited; its ES-only marker is then not applied as declared.
    unscoped = ask(question, settings=mixed_store)
    assert (unscoped.citations[0].clause_id, unscoped.verdict) == (clause, decision)


def test_a_low_cosine_answer_says_it_rests_on_keywords(mixed_store):
    ans = ask("Sorteos de tokens", settings=mixed_store)
    assert any("keyword evidence" in w and "POLICYDESK_EMBEDDING_MODEL" in w for w in ans.warnings), ans.warnings


def test_an_english_question_off_the_corpus_still_escalates(mixed_store):
    ans = ask("Gun shop wants to advertise rifle scopes and holsters", settings=mixed_store)
    assert ans.verdict == "escalate" and not ans.citations


def test_accented_words_are_one_keyword_token():
    assert keyword.tokenize("préstamos rápidos") == keyword.tokenize("prestamos rapidos") == ["prestamo", "rapido"]
    assert keyword.tokenize("Ads must not target minors.") == ["ads", "must", "not", "target", "minor"]  # ASCII: as before
