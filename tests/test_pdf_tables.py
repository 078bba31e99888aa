"""A PDF table's rows are read as pipe rows (ingest/pdf_tables.py); prose stays prose; the
table-row reader binds a schedule row's rules to the codes or market column it names."""

from policydesk.ingest.loaders import _join_wrapped
from policydesk.ingest.pdf_tables import with_tables
from policydesk.ingest.pdflines import PdfLine, page_text


def _l(text, x, y, size=10.0):
    return PdfLine(text, x, y, size)


def test_country_schedule_rows_keep_their_country():
    lines = [
        _l("Schedule 2 - Country rules", 60.0, 500.0, 14.0),
        _l("Country", 70.0, 470.0),
        _l("Requirement", 150.0, 470.0),
        _l("NO", 70.0, 452.0),
        _l("Lottery ads may be shown only to users", 150.0, 452.0),
        _l("aged 20 or over.", 150.0, 440.0),
        _l("CH", 70.0, 422.0),
        _l("No lottery ads are permitted.", 150.0, 422.0),
        _l("Other markets follow section 2.", 60.0, 390.0),
    ]
    text = page_text(with_tables(lines))
    assert "| Country | Requirement |\n|---|---|" in text
    assert "| NO | Lottery ads may be shown only to users aged 20 or over. |" in text
    assert "| CH | No lottery ads are permitted. |" in text
    assert "Other markets follow section 2." in text
    joined = _join_wrapped(text.split("\n"))
    assert "| NO | Lottery ads may be shown only to users aged 20 or over. |\n| CH |" in joined


def test_prose_is_left_alone():
    lines = [
        _l("3.1 Ads for scratch cards must not", 60.0, 500.0),
        _l("target users under 18.", 60.0, 488.0),
        _l("Note:", 60.0, 470.0),
        _l("this applies everywhere.", 88.0, 470.0),
        _l("3.2 Odds must be shown.", 60.0, 452.0),
    ]
    assert [l.text for l in with_tables(lines)] == [l.text for l in lines]


# ---- the table-row reader on schedule tables as a PDF gives them (invented wording)
from policydesk.core.clause_logic import read_clause_logic  # noqa: E402
from policydesk.core.markets import cell_codes  # noqa: E402
from policydesk.core.reading import read_sentence  # noqa: E402
from policydesk.core.types import Chunk  # noqa: E402


def _chunk(text: str) -> Chunk:
    return Chunk(id="c0", text=text, source="lotto.pdf", policy_id="LOTTO", title="Lottery Ads",
                 section="Schedule 2 - Country rules", markets=[], position=0)


def test_a_label_cell_of_bare_codes_names_its_markets():
    assert cell_codes("IN") == ["IN"]
    assert cell_codes("NO") == ["NO"]
    assert cell_codes("GB, IE") == ["GB", "IE"]
    assert cell_codes("Part 1") == [] and cell_codes("XQ") == [] and cell_codes("Country") == []


def test_each_schedule_row_binds_its_country():
    text = (
        "| Country | Requirement |\n|---|---|\n"
        "| NO | Lottery ads may be shown only to users aged 20 or over. |\n"
        "| IN | No ads for lottery tickets, scratch cards, raffles or sweepstakes with a cash prize paid out by an operator are permitted. |\n"
    )
    rules = read_clause_logic(_chunk(text))
    by_market = {tuple(r.markets): r.decision for r in rules}
    assert by_market.get(("NO",)) == "restrict"
    assert by_market.get(("IN",)) == "reject"
    assert all(r.markets for r in rules)


def test_a_market_column_gives_the_row_its_markets():
    text = (
        "| Group | Markets | Effect |\n|---|---|---|\n"
        "| Group 1 | SE, FI | Lottery ads only to verified retailers. |\n"
        "| Group 2 | US, CA | Lottery ads to the general public are permitted. |\n"
    )
    rules = read_clause_logic(_chunk(text))
    assert {tuple(r.markets) for r in rules} == {("SE", "FI"), ("US", "CA")}


def test_no_x_are_permitted_prohibits_however_long_x():
    long = ("No ads for lottery tickets, scratch cards, raffles, prize draws or sweepstakes with a cash prize "
            "paid out by an operator are permitted.")
    assert read_sentence(long).decision == "reject"
    assert read_sentence("No pawned watches, rings, chains, bracelets or any other jewellery held as security by a lender may be advertised.").decision == "reject"


def test_an_age_bracket_is_no_part_of_what_a_rule_governs():
    from policydesk.core.clause_logic import prohibition_scope, rule_scope

    s = "No ads for scooters, skateboards or roller skates for children under 5 years of age are permitted."
    assert "children" not in rule_scope(s) and "age" not in rule_scope(s)
    assert {"scooters", "skateboards"} <= set(prohibition_scope(s))
    assert "children" not in prohibition_scope(s)


def test_markets_listed_in_a_named_schedule_part_are_that_rows_markets():
    from policydesk.core.clause_logic import list_markets

    table = Chunk(id="c1", text="| Part | Markets | Effect |\n|---|---|---|\n| Part 1 | SE, FI | Retail only. |\n| Part 2 | US, CA | Open sale. |\n",
                  source="lotto.pdf", policy_id="LOTTO", title="Lottery Ads", section="Schedule 3 - Lottery markets", markets=[], position=1)
    cite = Chunk(id="c2", text="2.2 In the countries listed in Schedule 3, Part 2, lottery tickets may be advertised to adults.",
                 source="lotto.pdf", policy_id="LOTTO", title="Lottery Ads", section="2. Lottery tickets", markets=[], position=0)
    refs = list_markets([table, cite])
    assert refs["SCHEDULE 3 PART 2"] == ["US", "CA"] and set(refs["SCHEDULE 3"]) == {"SE", "FI", "US", "CA"}
    rules = read_clause_logic(cite, refs)
    assert rules and all(r.markets == ["US", "CA"] for r in rules)
    assert "part" not in rules[0].scope
