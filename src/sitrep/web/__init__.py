"""The web pages of `sitrep serve`: server-rendered HTML over sitrep.knowledge (pages.py),
with a world map of foreign forces (world.py) and a relations graph (graph.py) laid out in
Python and written as inline SVG by templates/web/_svg.html."""
