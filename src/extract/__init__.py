"""extract: information extraction from Latvian news about EU-funded education projects."""

__version__ = "0.1.0"
PIPELINE_VERSION = "1"


def process(texts, doc_date=None, batch_size: int = 32, sentence_model: str = "bundled"):
    """Run the pipeline over plain texts; one `DocumentRecord` per text. See `extract.pipeline.process`."""
    from .pipeline import process as _process

    return _process(texts, doc_date=doc_date, batch_size=batch_size, sentence_model=sentence_model)
