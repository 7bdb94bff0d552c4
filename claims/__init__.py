"""Built-in claims: one module per note, each defining ``CLAIMS``, a list of
:class:`verify.core.model.Claim` in the note's order."""
