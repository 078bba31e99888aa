"""HTML definition lists reach the text as "Term: meaning"; <details>/<summary> blocks (tabs,
accordions) are sections headed by their summary (ingest/loaders.py)."""

from policydesk.core.definition_sentence import states_definition
from policydesk.core.definitions import policy_definitions
from policydesk.core.reading import read_unit
from policydesk.ingest.loaders import load_document

_PAGE = """<html><head><title>Kite Policy</title></head><body>
<h1>Kite Policy</h1><p>Read the glossary first.</p>
<h2>Glossary</h2>
<dl><dt>Power kite</dt><dd>A traction kite with a line longer than 20 m, including foil kites and bow kites.</dd>
<dt>Child</dt><dd>A person under 14 years of age.</dd></dl>
<details open><summary>1. Sales</summary><p>1.1 Power kites may be advertised to adults.</p></details>
<details><summary>2. Claims</summary><p>2.1 Ads must not claim a kite cannot crash.</p></details>
<p>Questions go to the kite desk.</p>
</body></html>"""


def _sections(tmp_path):
    f = tmp_path / "kites.html"
    f.write_text(_PAGE)
    return load_document(f, tmp_path).sections


def test_definition_list_reads_term_colon_meaning(tmp_path):
    glossary = next(s for s in _sections(tmp_path) if s.heading_path[-1] == "Glossary")
    assert "Power kite: A traction kite with a line longer than 20 m" in glossary.text
    assert "Child: A person under 14 years of age." in glossary.text
    assert "1. Sales" not in glossary.text and "1.1" not in glossary.text
    assert policy_definitions(glossary.text, "Kite Policy > Glossary")["power kite"] == ["foil kites", "bow kites"]


def test_details_blocks_are_sections_headed_by_their_summary(tmp_path):
    by_head = {s.heading_path[-1]: s for s in _sections(tmp_path)}
    assert by_head["1. Sales"].heading_path == ["Kite Policy", "1. Sales"]
    assert by_head["1. Sales"].text == "1.1 Power kites may be advertised to adults."
    assert by_head["2. Claims"].text == "2.1 Ads must not claim a kite cannot crash."
    # text after the last block is no longer under its summary
    assert "kite desk" not in by_head["2. Claims"].text
    assert any("kite desk" in s.text and s.heading_path[-1] != "2. Claims" for s in _sections(tmp_path))


def test_details_right_after_a_heading_are_its_children(tmp_path):
    f = tmp_path / "faq.html"
    f.write_text("<html><body><h1>Boats</h1><h2>Rules</h2><details><summary>Engines</summary>"
                 "<p>Ads for outboard engines must state the power.</p></details></body></html>")
    (sec,) = [s for s in load_document(f, tmp_path).sections if "outboard" in s.text]
    assert sec.heading_path == ["Boats", "Rules", "Engines"]


def test_a_definition_states_no_rule():
    for text in ('(c) a "senior saver" means a bond sold to people aged 60 or over with a fixed rate;',
                 "3.2 Restricted Pesticide means a product that may be sold only to licensed farmers.",
                 "For this policy, a Teen is a person aged 13 to 17.",
                 '"Hoverboard" includes self-balancing scooters sold to people over 12.'):
        assert states_definition(text), text
        assert read_unit(text) == [], text
    for text in ("Ads for bonds must not be shown to people under 18.", "Senior savers are prohibited.",
                 "This means ads must carry the warning.",
                 "In Japan that means a permit from the prefecture, shown in the ad.", 'A "senior saver" means a bond; ads for it must not run in FR.'):
        assert not states_definition(text), text
