"""`python -m garefil` runs the command line."""

from garefil.cli.app import main

main()
