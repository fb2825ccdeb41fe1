"""The tool's version, in a module of its own: every layer may name it (the JSON, SARIF and
JUnit reviews, the Data Package) without importing the package's public API."""

__version__ = "0.1.0"
