"""`python -m garefil` runs the command line."""

import sys

try:
    from garefil.cli.process import main
except KeyboardInterrupt:  # Ctrl-C during this very import: said as any other at start-up
    from garefil.cli.process import interrupted

    interrupted(sys.argv[1:], started=False)

main()
