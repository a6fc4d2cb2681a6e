"""Tests of sitrep.state and sitrep.report (a package, so module names cannot clash)."""
