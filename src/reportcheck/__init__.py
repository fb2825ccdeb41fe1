"""reportcheck: check the figures in narrative reports before they are published as data."""

__version__ = "0.1.0"
