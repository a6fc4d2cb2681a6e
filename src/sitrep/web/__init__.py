"""The web UI's pieces: a world map of foreign forces and a graph of relations, laid out in
Python for server-rendered pages (templates/web/_svg.html writes them as inline SVG)."""
