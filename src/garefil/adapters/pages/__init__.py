"""Renderers of core values into pages: the sommaire in Markdown and the HTML site."""
