"""policydesk: cited policy guidance for moderators, QA leads and policy writers.

The stages live in their own folders and install under this namespace:
``policydesk.core`` (types, settings, store schema), ``policydesk.ingest``,
``policydesk.assistant``, ``policydesk.evals``, ``policydesk.rules``, ``policydesk.ui``
and the ``policydesk.cli`` shell.
"""

__version__ = "0.1.0"
