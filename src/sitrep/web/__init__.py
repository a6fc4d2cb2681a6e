<<<<<<< HEAD
"""The web pages of `sitrep serve`: server-rendered HTML over sitrep.knowledge (pages.py),
the world map (world.py) and the relations graph (graph.py), drawn as inline SVG."""
=======
"""The web UI's pieces: a world map of foreign forces and a graph of relations, laid out in
Python for server-rendered pages (templates/web/_svg.html writes them as inline SVG)."""
>>>>>>> webviz
