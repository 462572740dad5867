"""govscan's HTTP scan service and reviewer page: a thin layer over :class:`scanner.Scanner`.

``service.app.create_app`` builds the FastAPI app; ``scanner serve`` (``service.cli``) runs it with
uvicorn. This package's top level imports nothing heavy: the ``scanner`` CLI imports
``service.cli`` for every command.
"""
