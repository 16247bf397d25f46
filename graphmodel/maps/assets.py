"""The scripts and styles a map page inlines: vis-network as shipped in pyvis's wheel, and
this package's own map script and stylesheet. Nothing is fetched at run time."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["page_assets", "VIS_VERSION"]

VIS_VERSION = "9.1.2"
_STATIC = Path(__file__).with_name("static")


@lru_cache(maxsize=1)
def page_assets() -> dict[str, str]:
    """{vis_js, vis_css, map_js, map_css}: the text of every asset a page inlines."""
    vis = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
    return {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "map_js": (_STATIC / "map.js").read_text(encoding="utf-8"),
        "map_css": (_STATIC / "map.css").read_text(encoding="utf-8"),
    }
