"""Importing this module registers every built-in check (one module per check)."""
# The imports are the registration; each module holds one check.
from . import (  # noqa: F401
    currency,
    date_order,
    equals,
    incident_counts,
    incident_dates,
    part_whole,
    places,
    restated_dates,
    restated_sets,
    statistics,
    totals,
)
