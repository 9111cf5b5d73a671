"""traslado: decide and explain the transfer of a sentenced person under the encoded instruments.

Exit codes: 0 the command did its job; 2 bad input (an unreadable or invalid case, an unknown
instrument or provision), with a message naming the file and field.
"""

from __future__ import annotations

import click

# Each command by the module that defines it, imported only when that command runs (or when the help
# lists them all), so that `traslado check` does not import batch, research or the other commands.
COMMANDS = {
    "check": "traslado.cli.case_commands:check",
    "whatif": "traslado.cli.case_commands:whatif",
    "routes": "traslado.cli.case_commands:routes",
    "compare": "traslado.cli.research_commands:compare",
    "rules": "traslado.cli.research_commands:rules",
    "query": "traslado.cli.research_commands:query",
    "export": "traslado.cli.research_commands:export",
    "coverage": "traslado.cli.research_commands:coverage_command",
    "batch": "traslado.cli.batch_command:batch",
    "show": "traslado.cli.research_commands:show",
    "instruments": "traslado.cli.research_commands:instruments",
    "test": "traslado.cli.assist_commands:test_command",
    "schema": "traslado.cli.assist_commands:schema_command",
    "interview": "traslado.cli.assist_commands:interview_command",
    "readings": "traslado.cli.readings_commands:readings",
    "verify": "traslado.cli.readings_commands:verify",
}


class LazyGroup(click.Group):
    """A group that imports a command's module when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            from importlib import import_module

            module, attribute = COMMANDS[name].split(":")
            self.add_command(getattr(import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in COMMANDS:  # an unknown name: click suggests the closest among all commands
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: traslado check examples/mx-pe-eligible.yaml",
)
@click.version_option(package_name="traslado", prog_name="traslado")
def main() -> None:
    """Decide and explain the transfer of a sentenced person, article by article."""


if __name__ == "__main__":
    main()
