"""``python -m facilitator``: the same as the ``confessional`` command."""

import sys

from facilitator.cli import main

sys.exit(main())
