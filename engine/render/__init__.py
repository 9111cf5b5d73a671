"""Renderers of typed results: JSON (the contract), plain text and Markdown. They decide nothing."""
