"""The traslado command line: parse, call the engine, render."""
