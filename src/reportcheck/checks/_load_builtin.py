"""Importing this module registers every built-in check (one module per check)."""
# The imports are the registration; each module holds one check.
from . import incident_counts, incident_dates, part_whole, places, statistics, totals  # noqa: F401
