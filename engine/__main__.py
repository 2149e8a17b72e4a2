"""`python -m engine` runs the same command line as `vanban`."""

import sys

from engine.cli import main

sys.exit(main())
