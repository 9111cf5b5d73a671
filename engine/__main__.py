"""`python -m traslado`: the same command line as the `traslado` script."""

from traslado.cli.main import main

main(prog_name="traslado")
