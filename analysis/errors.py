"""The one exception family users see: printed as a single line by the CLI."""


class AnalysisError(ValueError):
    """A user-facing failure (bad input, missing model): message says what and where."""
