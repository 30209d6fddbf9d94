"""Briefing decks: ordered lists of charts with their settings, saved as small YAML files."""
