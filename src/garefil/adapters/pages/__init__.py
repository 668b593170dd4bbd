"""Renderers of core values into pages: the HTML site (and the Markdown pages)."""
