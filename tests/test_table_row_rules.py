"""Rules in a table (session 20): an HTML table reaches the table reader as pipe rows, a row's
verdict mark is its decision where its cells state none, a market cell of "all markets
except …" refuses the row's thing there, and a row's rules decide only cases about the thing
its label names. Invented wording, real loader and readers."""

from pathlib import Path

from policydesk.assistant.table_row import named_rows, other_row
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.table_rows import link_rows, mark_decision, refused_markets, verdict_mark
from policydesk.core.types import Chunk, Rule
from policydesk.ingest.loaders import load_document

HTML = """<html><head><title>Garden Equipment Ads</title></head><body>
<h1>Garden Equipment Ads</h1>
<h2>What may run</h2>
<p>Look the item up below.</p>
<table>
<thead><tr><th>Item</th><th>Allowed?</th><th>Conditions</th><th>Markets</th></tr></thead>
<tbody>
<tr><td>Petrol hedge trimmers</td><td>Yes, with conditions</td><td>Ads must show protective gloves.</td><td>All markets, except not in NL or BE</td></tr>
<tr><td>Hedge trimmer blades and covers</td><td>Yes</td><td>No additional conditions.</td><td>All markets</td></tr>
<tr><td>Robotic lawn mowers for slopes</td><td>Case by case</td><td>Send to the equipment desk.</td><td>Decided by the desk</td></tr>
</tbody>
</table>
<table><tr><td><p>Layout cell: ads must not show children operating machinery.</p></td></tr></table>
</body></html>
"""


def _chunk(text: str, section: str = "What may run", position: int = 0) -> Chunk:
    return Chunk(id=f"c{position}", text=text, source="garden.html", policy_id="GARDEN", title="Garden Equipment Ads",
                 section=section, markets=[], position=position)


def test_an_html_table_is_read_as_pipe_rows(tmp_path: Path):
    path = tmp_path / "garden.html"
    path.write_text(HTML)
    doc = load_document(path)
    text = next(s.text for s in doc.sections if s.heading_path[-1] == "What may run")
    lines = text.split("\n")
    assert lines[1] == "| Item | Allowed? | Conditions | Markets |"
    assert lines[2] == "|---|---|---|---|"
    assert lines[4].startswith("| Hedge trimmer blades and covers | Yes | No additional conditions. |")
    # A one-cell layout table is prose, not a row whose first cell is a label.
    assert lines[-1] == "Layout cell: ads must not show children operating machinery."


def test_a_cell_spanning_rows_is_repeated_in_each(tmp_path: Path):
    path = tmp_path / "spans.html"
    path.write_text(
        "<html><body><h1>T</h1><table><tr><th>Thing</th><th>Rule</th></tr>"
        "<tr><td rowspan='2'>Leaf blowers</td><td>Audience 18+.</td></tr>"
        "<tr><td>Must state the noise level.</td></tr></table></body></html>"
    )
    text = load_document(path).sections[0].text
    assert "| Leaf blowers | Audience 18+. |" in text and "| Leaf blowers | Must state the noise level. |" in text


def test_verdict_marks_decide_for_their_row():
    assert verdict_mark("Yes, with conditions") and mark_decision("Yes, with conditions") == "restrict"
    assert mark_decision("Yes") == "approve" and mark_decision("Not allowed.") == "reject"
    assert mark_decision("Case by case") == "escalate" and mark_decision("n/a") is None
    assert mark_decision("Ads must show gloves.") is None


def test_a_market_cell_of_all_but_some_refuses_those():
    assert refused_markets("All markets, except not in NL or BE") == ["NL", "BE"]
    assert refused_markets("Everywhere except France") == ["FR"]
    assert refused_markets("All markets") == [] and refused_markets("Only in US and CA") == []
    assert refused_markets("All markets except where local law forbids it") == []


def test_row_rules_carry_their_row_and_marks_state_the_rest(tmp_path: Path):
    path = tmp_path / "garden.html"
    path.write_text(HTML)
    text = next(s.text for s in load_document(path).sections if s.heading_path[-1] == "What may run")
    rules = read_clause_logic(_chunk(text))
    refused = next(r for r in rules if r.quote.startswith("All markets, except"))
    assert refused.decision == "reject" and refused.markets == ["NL", "BE"] and refused.row == "Petrol hedge trimmers"
    # "Yes" beside no condition of its own allows the row's thing; beside conditions it adds nothing.
    allowed = [r for r in rules if r.decision == "approve" and r.row is not None]
    assert [(r.quote, r.row) for r in allowed] == [("Yes", "Hedge trimmer blades and covers")]
    assert {"blades", "covers"} <= set(allowed[0].scope)
    # "Case by case" sends the row's thing to people whatever its other cells say.
    referral = next(r for r in rules if r.decision == "escalate")
    assert referral.row == "Robotic lawn mowers for slopes"


def test_rows_of_one_table_in_several_chunks_know_each_other():
    first = _chunk("| Item | Allowed? |\n|---|---|\n| Petrol hedge trimmers | Not allowed. |", position=0)
    second = _chunk("| Hedge trimmer blades and covers | Yes |", position=1)
    other = _chunk("Ads must not show children operating machinery.", section="Imagery", position=2)
    for ch in (first, second, other):
        ch.logic = read_clause_logic(ch)
    link_rows([first, second, other])
    assert {r.row for r in first.logic + second.logic} == {"Petrol hedge trimmers", "Hedge trimmer blades and covers"}
    assert all(r.rows == ["Petrol hedge trimmers", "Hedge trimmer blades and covers"] for r in first.logic + second.logic)
    assert all(r.row is None and not r.rows for r in other.logic)


LABELS = ("Petrol hedge trimmers", "Hedge trimmer blades and covers", "Robotic lawn mowers for slopes", "Electric lawn mowers")


def test_a_compound_names_the_row_holding_its_head():
    # Head-final: a "hedge trimmer blade" is a blade, not a hedge trimmer.
    assert named_rows("Selling spare hedge trimmer blades in Belgium", LABELS) == ("Hedge trimmer blades and covers",)
    assert named_rows("Our petrol hedge trimmer for the Dutch market", LABELS) == ("Petrol hedge trimmers",)
    # Of the rows holding the head, the one holding most of the compound's words.
    assert named_rows("A cordless electric lawn mower", LABELS) == ("Electric lawn mowers",)


def test_what_a_compound_modifies_and_amounts_name_no_row():
    # "hedge trimmer repair shop": the thing is a shop; "60 covers" is an amount.
    assert named_rows("A hedge trimmer repair shop near you", LABELS) == ()
    assert named_rows("We ship 60 covers a week", LABELS) == ()
    # A verb form names no noun of a label: "mowed" is no mower.
    assert named_rows("Lawns mowed weekly", LABELS) == ()


def test_quoted_copy_names_a_row_only_when_the_case_names_none():
    question = "Garden centre promo: 'Hedge trimmer blades, half price!' OK?"
    assert named_rows(question, LABELS) == ("Hedge trimmer blades and covers",)
    question = "Our petrol hedge trimmers ad says 'Spare blades included'"
    assert named_rows(question, LABELS) == ("Petrol hedge trimmers",)


def test_the_rest_of_what_the_case_says_tells_rows_apart():
    # Both mower rows hold "mowers"; only one is "for slopes", which the case says.
    assert named_rows("Robot mowers that cope with steep slopes", LABELS) == ("Robotic lawn mowers for slopes",)


def test_a_row_rule_does_not_decide_a_case_about_another_row():
    market_rule = Rule(id="r1", quote="All markets, except not in NL or BE", decision="reject", markets=["NL", "BE"],
                       row="Petrol hedge trimmers", rows=list(LABELS))
    reason = other_row(market_rule, "Selling spare hedge trimmer blades in Belgium")
    assert reason is not None and "Hedge trimmer blades and covers" in reason
    assert other_row(market_rule, "Our petrol hedge trimmer for the Dutch market") is None
    # A case naming no row is left to the scope step; a rule outside a table is never set aside here.
    assert other_row(market_rule, "Can we advertise garden gloves?") is None
    assert other_row(Rule(id="r2", quote="Ads must show gloves.", decision="restrict"), "Spare hedge trimmer blades") is None
