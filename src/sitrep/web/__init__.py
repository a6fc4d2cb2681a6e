"""The web pages of `sitrep serve`: server-rendered HTML over sitrep.knowledge (pages.py),
the world map (world.py) and the relations graph (graph.py), drawn as inline SVG."""
