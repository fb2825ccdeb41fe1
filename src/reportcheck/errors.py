"""Errors that reach the user as one line and exit code 2."""


class InputError(Exception):
    """Bad input: missing, empty, binary or undecodable file, malformed rule file.

    The message is the whole line the user sees (without the "check-report: " prefix), so it
    names the file (and line, for rule files) and says what to do.
    """
