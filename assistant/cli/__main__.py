"""`python -m assistant.cli`: the `draft` command without its console script."""

from assistant.cli import main

main()
