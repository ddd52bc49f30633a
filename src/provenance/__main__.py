"""`python -m provenance` runs the `dedupe` command."""

from .cli import main

main()
