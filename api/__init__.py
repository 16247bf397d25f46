"""The HTTP service: FastAPI app, routes and pages."""

from api.app import create_app

__all__ = ["create_app"]
