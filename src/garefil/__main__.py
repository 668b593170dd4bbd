"""`python -m garefil` runs the command line."""

from garefil.cli.process import main

main()
