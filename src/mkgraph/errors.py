"""The project's own error for bad input: the CLI turns it into one line and exit code 2."""


class InputError(Exception):
    """Bad input from the user: a file, a parameter or a value that cannot be used.

    The message names the file or parameter and what is wrong, in one line.
    """

    def __init__(self, where: str, what: str):
        self.where = where
        self.what = what
        super().__init__(f"{where}: {what}")
