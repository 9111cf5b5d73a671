"""The command line: one module per group of commands; thin, it parses, calls the engine and renders."""
