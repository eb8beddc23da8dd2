"""``python -m framing.docgen [--check]``: write the generated docs, or report stale ones."""

import sys

from framing.docgen.pages import main

sys.exit(main())
