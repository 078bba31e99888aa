"""Errors a user can act on. Each message says what is wrong and what to do next."""


class PolicydeskError(Exception):
    """Base for errors shown to a user as one line, without a traceback."""

    exit_code = 1


class InputError(PolicydeskError):
    """The user's input (question, file, flag) is unusable."""

    exit_code = 2


class StoreEmptyError(PolicydeskError):
    """No index yet: the fix is always to ingest first."""


class StoreUnavailableError(PolicydeskError):
    """The Chroma server (or the store on disk) cannot be reached right now."""


class BackendUnavailableError(PolicydeskError):
    """The answer back end (an LLM endpoint, a model file) cannot answer at all.

    Distinct from a one-off failure: an eval stops on it rather than scoring every case as
    an error against a server that is not there.
    """


class DocumentError(PolicydeskError):
    """One document cannot be loaded; ingest reports it and carries on with the rest."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
