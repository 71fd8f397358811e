"""``python -m govrules``: the same as the ``govrules`` command."""

import sys

from .cli import main

sys.exit(main())
