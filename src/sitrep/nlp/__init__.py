"""The spaCy pipeline: loaded once per process, with an entity ruler fed from the gazetteer."""

from .pipeline import load_nlp

__all__ = ["load_nlp"]
