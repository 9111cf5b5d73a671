"""traslado: decide and explain the transfer of a sentenced person under the encoded instruments.

Exit codes: 0 the command did its job; 2 bad input (an unreadable or invalid case, an unknown
instrument or provision), with a message naming the file and field.
"""

from __future__ import annotations

import click
from traslado.cli import assist_commands, batch_command, case_commands, readings_commands, research_commands


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: traslado check examples/mx-pe-eligible.yaml",
)
@click.version_option(package_name="traslado", prog_name="traslado")
def main() -> None:
    """Decide and explain the transfer of a sentenced person, article by article."""


for command in (
    case_commands.check,
    case_commands.whatif,
    case_commands.routes,
    research_commands.compare,
    research_commands.rules,
    research_commands.query,
    research_commands.export,
    research_commands.coverage_command,
    batch_command.batch,
    research_commands.show,
    research_commands.instruments,
    assist_commands.test_command,
    assist_commands.schema_command,
    assist_commands.interview_command,
    readings_commands.readings,
    readings_commands.verify,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
