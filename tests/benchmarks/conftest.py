"""The benchmarks package lives at the repository root, beside the installed packages."""

from __future__ import annotations

import sys

from graphmodel.settings import REPO_ROOT

if str(REPO_ROOT) not in sys.path:
    sys.path.append(str(REPO_ROOT))
