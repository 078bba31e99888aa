"""Session 24 (s24-h): "say so" resolved to the condition clause it refers to; a stated length
of time in minutes or hours meets a length/duration item; a rule bound only by a modifier that
its policy also writes for another thing the case names is set aside. Invented domains."""

from policydesk.assistant.head_distinguished import set_aside_by_head
from policydesk.assistant.rule_run import RuleRun
from policydesk.core.disclosure import carried, required_items
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Rule

TOUR = ("Where a visit to the showroom is required to claim the welcome gift, the ad must say so "
        "clearly and must state the expected duration of the visit.")


def test_say_so_is_the_condition_clause():
    texts = [i.text for i in required_items(TOUR)]
    assert texts == ["a visit to the showroom is required", "the expected duration of the visit"]


def test_say_so_about_the_ad_itself_points_elsewhere():
    assert required_items("If the banner shows a sunset, the banner must say so.") == ()
    assert required_items("Where the ad shows a discount, the ad must say so.") == ()


def test_both_items_stated_meet_the_duty():
    q = ("A kitchen maker offers a free toaster to people who come to a 45-minute showroom visit. "
         "The ad says a 45-minute visit to the showroom is required to get the toaster. OK?")
    assert carried(TOUR, q)


def test_the_length_alone_does_not_say_so():
    q = "A kitchen maker's ad mentions the 45-minute showroom visit and shows the toaster. OK?"
    assert carried(TOUR, q) is None


def test_hours_are_a_length_of_time():
    rule = "Every balloon ride ad must state the length of the flight."
    assert carried(rule, "The ad states it is a 2-hour flight over the valley. OK?")
    assert carried(rule, "The ad shows the balloon and the price. OK?") is None


def _run(quote: str, scope: list[str], source: str = "kites.txt") -> RuleRun:
    rule = Rule(id=quote[:8], decision="restrict", quote=quote, scope=scope, conditions=["requires:disclosure"])
    return RuleRun(rule=rule, origin="prose", chunk=Chunk(id=quote[:8], text=quote, source=source), clause_rank=0, outcome="restrict")


LESSONS = _run('7.2 Ads for online kite lessons must include the statement "Lessons are not a safety course".', ["online", "kite", "lessons"])
BOARDS = _run('3.1 Every power kite board ad must include the statement "Use a helmet".', ["power", "kite", "board"])


def test_modifier_shared_with_another_rules_thing_sets_the_rule_aside():
    q = 'A shop sells a power kite board to adults; the ad says "Use a helmet". OK?'
    runs = set_aside_by_head([LESSONS.__class__(**{**LESSONS.__dict__}), BOARDS.__class__(**{**BOARDS.__dict__})], [], q, terms(q))
    lessons, boards = runs
    assert not lessons.applicable and lessons.out_of_scope and "lessons" in lessons.reason
    assert boards.applicable


def test_rule_kept_when_no_rule_of_its_policy_names_the_case_thing():
    q = "A club offers kite weekends by the sea. OK?"
    run = LESSONS.__class__(**{**LESSONS.__dict__})
    set_aside_by_head([run], [(BOARDS.rule, "kites.txt")], q, terms(q))
    assert run.applicable  # the policy's other rule names no thing of this case: nothing distinguishes


def test_rule_kept_when_the_case_names_its_head():
    q = "Online kite lessons for beginners, and a power kite board for sale. OK?"
    run = LESSONS.__class__(**{**LESSONS.__dict__})
    set_aside_by_head([run], [(BOARDS.rule, "kites.txt")], q, terms(q))
    assert run.applicable


def test_another_policy_does_not_distinguish():
    q = 'A shop sells a power kite board to adults. OK?'
    run = LESSONS.__class__(**{**LESSONS.__dict__})
    set_aside_by_head([run], [(BOARDS.rule, "other_policy.txt")], q, terms(q))
    assert run.applicable


def test_wording_used_in_a_derived_form():
    from policydesk.assistant.naming import uses_wording

    q = "Our climbing gym's ad says 'Try us free for a week'. OK?"
    assert uses_wording("free trial", terms(q), q)  # "try" is the verb of "trial" (WordNet)
    q2 = "Our climbing gym's ad says 'Free parking for members'. OK?"
    assert not uses_wording("free trial", terms(q2), q2)


def test_other_rule_covering_this_rules_thing_too_distinguishes_nothing():
    # "kite lessons" beside a rule on "kite shops and lessons": both cover lessons
    shops = Rule(id="s", decision="restrict", quote="2.1 Ads for kite shops and kite lessons must show an address.", scope=["kite", "shops", "lessons"])
    q = "A kite shop runs weekend lessons by the sea. OK?"
    run = LESSONS.__class__(**{**LESSONS.__dict__})
    set_aside_by_head([run], [(shops, "kites.txt")], q, terms(q))
    assert run.applicable


def test_other_thing_must_be_named_whole():
    q = "A shop sells a kite board to adults. OK?"  # "power" not named: not the other rule's thing whole
    run = LESSONS.__class__(**{**LESSONS.__dict__})
    set_aside_by_head([run], [(BOARDS.rule, "kites.txt")], q, terms(q))
    assert run.applicable


def test_a_word_that_is_the_other_rules_thing_or_a_clause_label_sets_nothing_aside():
    # "A harbour may …" uses "harbour" as its thing, not as a modifier of another thing: a rule on
    # "harbour pilots" keeps binding a case about a pilot working in a harbour; and "B.2 Norway (NO):
    # Schools …" has no head "b.2".
    from policydesk.assistant.head_distinguished import _heads
    from policydesk.core.types import Rule

    rule = Rule(id="x/p1", quote="B.2 Norway (NO): Sailing schools must be registered with the maritime authority.", decision="restrict")
    heads, _ = _heads(rule, "sailing school ad", {"sail", "school"})
    assert all(not any(ch.isdigit() for ch in h) for h in heads)
