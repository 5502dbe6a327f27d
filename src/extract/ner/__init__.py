"""Named-entity recognition for Latvian: tokenizer, lexicons, CRF features (see extract.entities)."""
