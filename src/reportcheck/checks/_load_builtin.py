"""Importing this module registers every built-in check (one module per check)."""
# The imports are the registration; each module holds one check.
