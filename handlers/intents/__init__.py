"""Natural requests → the command words the router already knows (engine.py); rules per feature."""
