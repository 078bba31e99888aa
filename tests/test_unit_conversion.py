"""Units of one dimension convert when a clause's limit meets a case's number (issue 13): the one
units table in core/conditions.py reads temperatures (°C, °F, a bare "degrees" that may be
either), imperial lengths, masses and volumes, watts and speeds; "in" and an inch mark are
inches only before a word naming the dimension; °F to °C is affine, and a US/UK fluid ounce or
a bare "degrees" is an interval decided only when every reading agrees. Every sentence and
question here is invented for these tests."""

from __future__ import annotations

import pytest

from policydesk.core.casefacts import read_quantities
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import compare_limit, known_unit, parse_condition


@pytest.mark.parametrize(
    "question, expected",
    [
        ("The water temperature we recommend is 38 degrees Celsius.", [(38.0, "°C")]),
        ("Set the bath to 38°C.", [(38.0, "°C")]),
        ("Heat it to 100 degrees Fahrenheit.", [(100.0, "°F")]),
        ("Heat it to 100 °F.", [(100.0, "°F")]),
        ("Keep it at 38 degrees.", [(38.0, "degrees")]),
        ("The shells are exactly 1.75 in diameter.", [(1.75, "inches")]),
        ("The shells are 1.75 in. in diameter.", [(1.75, "inches")]),
        ('The shells are 1.75" across.', [(1.75, "inches")]),
        ("A pole 2 m long.", [(2.0, "metres")]),
        ("It weighs 5 lbs.", [(5.0, "lb")]),
        ("It weighs 12 oz.", [(12.0, "oz")]),
        ("It weighs 10 pounds.", [(10.0, "lb")]),
        ("A 16 fl. oz. bottle.", [(16.0, "fl oz")]),
        ("A 1.5 L bottle.", [(1.5, "litres")]),
        ("A 400W panel.", [(400.0, "W")]),
        ("Top speed 20 mph.", [(20.0, "miles per hour")]),
        ("Top speed 32 km/h.", [(32.0, "km per hour")]),
    ],
)
def test_question_quantities_in_more_units(question, expected):
    assert [(q.value, q.unit) for q in read_quantities(question)] == expected


@pytest.mark.parametrize(
    "question",
    [
        "We ship 5 in a box.",  # "in" the preposition
        "Scored 3 in the final.",
        'The "Save 20" deal.',  # a closing quote, not an inch mark
    ],
)
def test_in_and_a_quote_are_not_inches_without_a_dimension(question):
    assert read_quantities(question) == []


def test_pounds_are_money_unless_a_weight_is_measured():
    assert [(q.value, q.unit) for q in read_quantities("We sell it for 500 pounds.")] == [(500.0, "GBP")]
    assert [(q.value, q.unit) for q in read_quantities("A $5m long-term loan.")] == [(5e6, "USD")]  # not 5 metres


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ads can't recommend a water temperature of more than 40 degrees Celsius.", "max:40 °C"),
        ("Ads can't recommend a water temperature above 104°F.", "max:104 °F"),
        ("Shells greater than 1.75 in (44.5 mm) in diameter are not allowed.", "max:1.75 inches"),
        ('Shells greater than 1.75" in diameter are not allowed.', "max:1.75 inches"),
        ("Ads for dumbbells heavier than 50 lb are not allowed.", "max:50 lb"),
        ("Ads for bags heavier than 10 pounds are not allowed.", "max:10 lb"),
        ("Drinks sold in containers larger than 16 fl oz are not allowed.", "max:16 fl oz"),
        ("Ads for scooters with a top speed above 15 mph are not allowed.", "max:15 miles per hour"),
        ("Ads for panels rated above 400 W are not allowed.", "max:400 W"),
        ("Ads may not show bottles of more than 2 l.", "max:2 litres"),
        ("Ads can't recommend a fridge setting colder than 2 °C.", "min:2 °C"),
    ],
)
def test_policy_limits_in_more_units(sentence, expected):
    assert expected in executable_conditions(sentence, "reject")
    c = parse_condition(expected)  # the stored form parses back to the same unit
    assert known_unit(c.unit)


def test_temperatures_convert_affinely():
    assert compare_limit("max", 40, "°C", 38, "°C") is True
    assert compare_limit("max", 40, "°C", 104, "°F") is True  # exactly 40 °C
    assert compare_limit("max", 40, "°C", 105, "°F") is False  # 40.6 °C (a ratio would say 58 °C)
    assert compare_limit("max", 104, "°F", 38, "°C") is True
    assert compare_limit("min", 50, "°F", 5, "°C") is False  # 41 °F
    # A bare "degrees" is either scale: decided only when both agree.
    assert compare_limit("max", 40, "°C", 38, "degrees") is True
    assert compare_limit("max", 40, "°C", 104, "degrees") is None
    assert compare_limit("max", 40, "°C", 200, "degrees") is False  # 93 °C at the least


def test_lengths_masses_volumes_power_and_speeds_convert():
    assert compare_limit("max", 1.75, "inches", 45, "mm") is False  # 44.45 mm
    assert compare_limit("max", 1.75, "inches", 44, "mm") is True
    assert compare_limit("max", 23, "kg", 50, "lb") is True  # 22.7 kg
    assert compare_limit("max", 20, "kg", 50, "lb") is False
    assert compare_limit("max", 400, "W", 0.5, "kW") is False
    assert compare_limit("max", 25, "km per hour", 20, "miles per hour") is False  # 32 km/h
    assert compare_limit("max", 25, "miles per hour", 30, "km per hour") is True
    # A US fluid ounce is 29.6 ml, a UK one 28.4 ml: 16 fl oz is 455-473 ml.
    assert compare_limit("max", 16, "fl oz", 500, "ml") is False
    assert compare_limit("max", 16, "fl oz", 450, "ml") is True
    assert compare_limit("max", 16, "fl oz", 460, "ml") is None
    # Never across dimensions.
    assert compare_limit("max", 40, "°C", 38, "kg") is None
    assert compare_limit("max", 10, "lb", 10, "GBP") is None


POLICY = """# Leisure Equipment Policy

## Hot tubs

Ads for hot tubs can't recommend a water temperature of more than 40 degrees Celsius.

## Kettlebells

Ads for kettlebells heavier than 20 kg are not allowed.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp("units")
    (root / "policies").mkdir()
    (root / "policies" / "leisure.md").write_text(POLICY)
    settings = Settings(store=root / "store")
    report = ingest_paths([root / "policies"], settings)
    assert not report.failed, report.failed
    return settings


@pytest.mark.parametrize(
    "question, verdict",
    [
        ("Our hot tub ad recommends a water temperature of 38 degrees Celsius. OK?", "approve"),
        ("Our hot tub ad recommends a water temperature of 104°F. OK?", "approve"),
        ("Our hot tub ad recommends a water temperature of 106 °F. OK?", "reject"),
        ("Our hot tub ad recommends a water temperature of 42°C. OK?", "reject"),
        ("Ad for our kettlebells, the heaviest weighs 35 lb. OK?", "approve"),
        ("Ad for our kettlebells, the heaviest weighs 50 pounds. OK?", "reject"),
    ],
)
def test_a_stored_policy_decides_by_converting_units(store, question, verdict):
    from policydesk.assistant.chain import ask
    from policydesk.core.types import Filters

    a = ask(question, filters=Filters(), settings=store)
    assert a.verdict == verdict, (a.verdict, a.answer)


def test_a_temperature_below_zero_keeps_its_sign():
    assert [(q.value, q.unit) for q in read_quantities("Store it at -18°C, or minus 5 degrees C.")] == [(-18.0, "°C"), (-5.0, "°C")]
    assert [(q.value, q.unit) for q in read_quantities("It runs from -5 to 10 °C.")] == [(-5.0, "°C"), (10.0, "°C")]
    assert [(q.value, q.unit) for q in read_quantities("It works at 20-30 °C.")] == [(20.0, "°C"), (30.0, "°C")]  # a range's dash
    assert compare_limit("min", 0, "°C", -18, "°C") is False
    assert compare_limit("max", 0, "°F", -18, "°C") is True  # -0.4 °F
    # A policy's negative limit is not read as a positive one.
    assert not [c for c in executable_conditions("Ads may not recommend storing vaccines below -20 °C.", "reject") if "20" in c]
