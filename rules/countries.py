"""The country table now lives in core (policydesk.core.markets), shared with ingest and the
assistant; this module keeps the rules stage's old import path working."""

from __future__ import annotations

from policydesk.core.markets import COUNTRIES, TABLE, parse_table

__all__ = ["COUNTRIES", "TABLE", "parse_table"]
