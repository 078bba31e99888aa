"""A negated compound names only itself (core/terms.py): "non-locking" names no locking, so a
clause about locking blades is not named by a non-locking knife; the negated word counts only
inside its compound. Invented wording (a kite-shop policy), the real reader."""

from policydesk.core.terms import subject_terms, terms


def test_a_non_compound_names_only_itself():
    t = terms("a non-motorised kite buggy")
    assert "nonmotoris" in t or any(w.startswith("nonmotor") for w in t)
    assert not any(w.startswith("motor") for w in t)
    assert "buggi" in t or any(w.startswith("bugg") for w in t)
    # the plain word still counts where the text also says it plainly
    assert any(w.startswith("motor") for w in terms("non-motorised and motorised buggies"))
    assert not any(w.startswith("motor") for w in subject_terms("a non-motorised kite buggy"))
