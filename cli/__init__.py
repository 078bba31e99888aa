"""The `policydesk` command: a thin shell that parses flags, calls a library function, renders."""
