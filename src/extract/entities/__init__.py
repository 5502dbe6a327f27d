"""People, places and organisations in Latvian text (CRF trained on FullStack-LV + lexicons).

    rec = get_recognizer()                  # loaded once per process
    res = rec.recognize(text, sentences)    # EntityResult(persons, places, organizations)

tokenise (tokenize.py) -> tag (tagging.py: CRF, crf.py + features.py) -> rule chain
(registry.py runs the registered rule units of rules/ in the order of chain.yaml) -> items
(items.py, names in the nominative: naming.py, hints.py) -> contacts (contacts.py).

Offsets of every mention index `text` (`mention.text == text[start:end]`). Contract rules
(../shared/ANNOTATION.md): a person's name inside an organisation's name is not a person; a
place inside an organisation's name is a place; `Eiropas Savienība` is an organisation,
`Eiropa` a continent; an abbreviation defined in the text (`... aģentūra (VIAA)`) links later
mentions to its organisation. The `corpus` profile follows FullStack-LV's conventions instead.
"""
from __future__ import annotations

from .contacts import attach_contacts
from .recogniser import MODEL_PATH, EntityRecognizer, EntityResult, get_recognizer, recognize
from .registry import Chain, registry
from .spans import Span

__all__ = ["MODEL_PATH", "Chain", "EntityRecognizer", "EntityResult", "Span", "attach_contacts",
           "get_recognizer", "recognize", "registry"]
