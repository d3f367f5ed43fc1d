"""Summaries of a series of editions: a delegation's own in chat (`our summary`), and the Chair's export."""
