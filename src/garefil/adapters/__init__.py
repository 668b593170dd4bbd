"""Adapters: one per outside library, each implementing a core port."""
