"""Route modules; each exposes `router` (included by api.app)."""
