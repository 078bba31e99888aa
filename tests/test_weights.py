"""The answerer's tuning constants live in one frozen object (assistant/weights.py)."""

from __future__ import annotations

import dataclasses

import pytest

from policydesk.assistant.weights import WEIGHTS, Weights


def test_weights_are_frozen_and_the_confidence_model_is_read_only():
    with pytest.raises(dataclasses.FrozenInstanceError):
        WEIGHTS.approve_lead = 0.5  # type: ignore[misc]
    with pytest.raises(TypeError):
        WEIGHTS.confidence_model["intercept"] = 0.0  # type: ignore[index]


def test_every_weight_says_where_its_value_came_from():
    import inspect

    from policydesk.assistant import weights

    src = inspect.getsource(weights.Weights)
    lines = src.splitlines()
    for f in dataclasses.fields(Weights):
        i = next(n for n, line in enumerate(lines) if line.strip().startswith(f"{f.name}:"))
        # A comment on the field's line, or a comment block right above it (shared by a group).
        above = next((lines[j].strip() for j in range(i - 1, 0, -1) if lines[j].strip() and not lines[j].strip().startswith(tuple(x.name + ":" for x in dataclasses.fields(Weights)))), "")
        assert "#" in lines[i] or above.startswith("#"), f.name
