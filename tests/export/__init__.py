"""Tests of sitrep.export."""
