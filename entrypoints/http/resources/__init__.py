"""flask-smorest blueprints: parse, build a command, hand it to the bus, serialise."""
