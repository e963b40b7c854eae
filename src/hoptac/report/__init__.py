"""The review dossier: the data (`dossier.build`) and its Markdown, HTML and Word forms (`render`)."""

from hoptac.report.dossier import Dossier, build
from hoptac.report.render import FORMATS, render, write

__all__ = ["FORMATS", "Dossier", "build", "render", "write"]
