"""garefil: keep the thread of a support team's shared work, in Markdown notes under git."""

__version__ = "0.1.0"
