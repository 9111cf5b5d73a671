"""Reading a case or test file safely: a regular file of bounded size, UTF-8, never a FIFO or device.

The file is looked at (os.stat) before it is opened and opened without blocking, so that a FIFO
named case.yaml cannot hang the command and /dev/zero named case.yaml cannot fill memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from traslado.case import limits
from traslado.case.model import CaseError, Problem


def read_case_text(path: str | Path) -> str:
    """The text of a case or test file; CaseError naming the file for anything that is not a
    readable regular UTF-8 file of at most limits.MAX_FILE_BYTES."""
    source = str(path)
    if "\x00" in source:
        raise CaseError(source.replace("\x00", "\\x00"), [Problem("", "a file name cannot hold a NUL character")])
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise CaseError(source, [Problem("", "no such file")]) from None
    except OSError as error:
        raise CaseError(source, [Problem("", f"cannot read the file: {error.strerror}")]) from None
    _check_kind(source, info)
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise CaseError(source, [Problem("", f"cannot read the file: {error.strerror}")]) from None
    with os.fdopen(descriptor, "rb") as handle:
        _check_kind(source, os.fstat(handle.fileno()))  # the file opened is the file looked at
        data = handle.read(limits.MAX_FILE_BYTES + 1)
    if len(data) > limits.MAX_FILE_BYTES:
        raise CaseError(source, [Problem("", _too_large())])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CaseError(source, [Problem("", f"not UTF-8 text ({error.reason} at byte {error.start})")]) from None


def _check_kind(source: str, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise CaseError(source, [Problem("", "is a folder, not a case file")])
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a device or other special file"
        raise CaseError(source, [Problem("", f"is {kind}, not a regular file: a case is read from a file")])
    if info.st_size > limits.MAX_FILE_BYTES:
        raise CaseError(source, [Problem("", _too_large())])


def _too_large() -> str:
    return f"larger than {limits.MAX_FILE_BYTES // 1024} KiB: a case file is a few hundred bytes"
