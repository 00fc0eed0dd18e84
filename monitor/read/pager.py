"""Long output through a pager on a terminal, as git does; plain output everywhere else.

The text is rendered first (colour only for a terminal), then shown through click's pager
(``$PAGER``, else ``less``) when stdout is a terminal and the text is taller than it. ``LESS``
defaults to ``FRX`` as git sets it: quit if one screen, keep colours, leave the text on screen.
``--no-pager`` (monitor/cli/options.py) prints straight to the terminal.
"""

from __future__ import annotations

import io
import os
import shutil
import sys

import click

GIT_LESS = "FRX"


def colour_wanted(color: bool | None) -> bool:
    """--color/--no-color, else colour only when stdout is a terminal."""
    return sys.stdout.isatty() if color is None else color


def render(renderable: object, *, color: bool | None = None) -> str:
    """A rich renderable as text, with ANSI colours only when they are wanted."""
    from rich.console import Console

    coloured = colour_wanted(color)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=coloured,
        color_system="standard" if coloured else None,
        width=shutil.get_terminal_size().columns,
        highlight=False,
        soft_wrap=True,
    )
    console.print(renderable)
    return buffer.getvalue()


def too_tall(text: str) -> bool:
    return text.count("\n") >= shutil.get_terminal_size().lines


def show(text: str, *, use_pager: bool = True, color: bool | None = None) -> None:
    """Print ``text`` (ending in a newline), through a pager when it will not fit the terminal."""
    if use_pager and sys.stdout.isatty() and too_tall(text):
        os.environ.setdefault("LESS", GIT_LESS)
        click.echo_via_pager(text, color=colour_wanted(color))
        return
    click.echo(text, nl=False, color=colour_wanted(color))


def show_renderable(renderable: object, *, use_pager: bool = True, color: bool | None) -> None:
    show(render(renderable, color=color), use_pager=use_pager, color=color)
