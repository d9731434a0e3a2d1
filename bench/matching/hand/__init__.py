"""The hand-written judged set, one module per field; ``bench.matching.assemble`` writes it
out as ``judged.json``."""
