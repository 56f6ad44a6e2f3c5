"""Run the reference hub with `python -m hub`."""

import sys

from hub.cli import main

sys.exit(main())
