""""Ads must not show people under 25" is about the people the ad shows (`min_person_age`),
not the audience it targets (session 17: read as an audience floor, it rejected every 18+
case of its policy once a broken stated age joined the prohibition to the clauses executed)."""

from policydesk.core.clause_logic import executable_conditions


def test_showing_people_under_an_age_is_a_shown_persons_floor():
    assert executable_conditions("Ads must not show people under 25.", "reject") == ["min_person_age:25"]
    assert executable_conditions("Ads must not feature anyone under 21.", "reject") == ["min_person_age:21"]


def test_targeting_people_under_an_age_is_still_an_audience_floor():
    assert executable_conditions("Ads must not target people under 18.", "reject") == ["min_age:18"]
    assert executable_conditions("Ads must not be shown to people under 18.", "reject") == ["min_age:18"]
