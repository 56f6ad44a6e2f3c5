"""PyInstaller's entry script for the `storeside-hub` program (the console script's target)."""

import sys

from hub.cli import main

sys.exit(main())
