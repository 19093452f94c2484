"""Settings, app factory, API routers, domain services, storage, auth and CLI."""
