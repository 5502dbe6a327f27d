"""The entity stage's rule units, by family (importing them registers them)."""
from . import bodies, drops, edges, names, organisations, persons, places, votes  # noqa: F401
from .. import hints, naming, tagging  # noqa: F401  (option rules)
