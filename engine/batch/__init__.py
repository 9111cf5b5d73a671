"""Screening many cases: reading the input as a stream, one record per case, and the run itself."""
