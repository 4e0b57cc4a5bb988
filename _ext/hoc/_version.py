"""The version of the hoc extension (kept apart so every module can import it)."""

__version__ = "0.1.0"
