"""Generated documentation: the docs site's pages (:mod:`~framing.docgen.pages`) and the CLI and
Python API reference (:mod:`~framing.docgen.reference`). It may import anything, the CLI
included; nothing in the package imports it. Run ``python -m framing.docgen [--check]``."""
