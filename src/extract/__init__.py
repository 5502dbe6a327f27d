"""extract: information extraction from Latvian news about EU-funded education projects."""

__version__ = "0.1.0"
PIPELINE_VERSION = "1"
