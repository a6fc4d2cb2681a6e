"""Extraction: from a parsed article to dated, sourced events."""
