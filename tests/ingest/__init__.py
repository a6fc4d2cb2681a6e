"""Tests of sitrep.ingest (a package, so that module names cannot clash with other test dirs)."""
