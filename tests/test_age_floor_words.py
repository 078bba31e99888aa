"""An audience named by a group word and its ages (session 20): "kids from 13 up" is an audience
of 13 and over, not "kids" (under 18) widened by "13+". Invented wording, core/casefacts.py."""

from policydesk.core.casefacts import read_ages


def test_from_n_up_is_a_floor():
    assert str(read_ages("Can we show it to teenagers from 14 up?")) == "14+"
    assert str(read_ages("players from age 16 upwards")) == "16+"
    assert str(read_ages("from 18 onwards")) == "18+"


def test_a_group_word_with_its_own_ages_is_those_ages():
    assert str(read_ages("We want to target kids from 13 up.")) == "13+"
    assert str(read_ages("children aged 10")) == "10"
    assert str(read_ages("children under 12")) == "under 12"
    assert str(read_ages("adults 30-45")) == "30-45"
    # a group word alone still stands for its ages
    assert str(read_ages("an ad for kids")) == "under 18"
    assert str(read_ages("aimed at teenagers")) == "13-17"
