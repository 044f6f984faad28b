"""tei-edition: raw newspaper page text to a scholarly digital edition.

The pipeline, in order (each stage a module, data flowing one way):

    text --ingest--> document model --tei--> TEI --validate--> (XSLT) HTML / print HTML --> PDF

Every output is made from the TEI alone, so an editor may correct the TEI by hand and
rebuild. The functions below are the library API; the `tei-edition` command is a thin
layer over them.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["encode", "encode_path", "validate", "build_site", "render_pdf", "build_edition",
           "__version__"]


def __getattr__(name: str):
    # Import stages lazily: `tei-edition validate` should not pay for WeasyPrint.
    if name in ("encode", "encode_path"):
        from . import encoder as module
        return getattr(module, name)
    if name == "validate":
        from .validation import validate
        return validate
    if name == "build_site":
        from .site import build_site
        return build_site
    if name == "render_pdf":
        from .pdf import render_pdf
        return render_pdf
    if name == "build_edition":
        from .build import build_edition
        return build_edition
    raise AttributeError(name)
