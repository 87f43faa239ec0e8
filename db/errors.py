"""Errors a user can cause. Each carries an i18n key and parameters, so the UI can say it
in the user's language (``dashboard.i18n.error_text``); ``str()`` gives a plain English-ish
form for logs and tests."""


class OpsError(Exception):
    """Base of every error the UI shows to the user instead of a traceback."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{key}({detail})" if detail else key)


class ValidationError(OpsError):
    """Input that breaks a rule of the domain (wrong tier, duplicate name, over capacity...).

    ``row_errors`` optionally lists per-row problems of a grid save:
    ``[(row_label, key, params), ...]``.
    """

    def __init__(self, key: str, row_errors: list | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.row_errors = row_errors or []


class ConflictError(OpsError):
    """Someone else changed the same record since it was read."""


class AccessDenied(OpsError):
    """The signed-in user may not make this change."""


class DatabaseBusy(OpsError):
    """Another writer (an import, another lead's save) held the database longer than a
    write waits for its turn; nothing was written."""
