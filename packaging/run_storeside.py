"""PyInstaller's entry script for the `storeside` program (the console script's target)."""

import sys

from app.launch import main

sys.exit(main())
