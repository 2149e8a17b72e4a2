"""`python -m engine` runs the same command line as `vanban`."""

import sys

from engine.cli import main

if __name__ == "__main__":  # not when a worker process started by 'spawn' imports this module again
    sys.exit(main())
