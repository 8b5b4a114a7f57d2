"""What a failure means for the person waiting: the database cannot be reached, the disk is full, or a bug.

Two failures are about the service, not about the request, and are told apart from bugs here:

- ``UNAVAILABLE``: the database cannot be reached (PostgreSQL stopped or restarting, a connection
  cut, too many connections; an SQLite file that cannot be opened or stays locked). It passes.
- ``DISK_FULL``: a write found no space (SQLite "database or disk is full", PostgreSQL
  "could not extend file" (DiskFull), an OSError ENOSPC). The write did not happen.

Anything else is a bug (an SQL error included: SQLite reports a missing table as an
OperationalError too) and stays a 500 with its traceback. ``describe`` gives one short line for
the log: the driver's reason, never a statement or its parameters, so never entry text.
"""

import errno
import os
import sqlite3

from sqlalchemy import exc

UNAVAILABLE = "unavailable"
DISK_FULL = "disk full"

# PostgreSQL's SQLSTATEs that mean the server cannot serve this connection: connection
# exceptions (class 08), shutting down or starting up (57P01-57P03), too many connections.
_POSTGRESQL_UNREACHABLE = ("57P01", "57P02", "57P03", "53300")
_POSTGRESQL_DISK_FULL = "53100"
# SQLite's primary result codes for a file that cannot be used right now.
_SQLITE_UNREACHABLE = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_NOTADB)


def _chain(error: BaseException):
    """The error and the errors it was raised from or while handling, once each."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _sqlstate(driver_error) -> str | None:
    """PostgreSQL's SQLSTATE of a driver error (psycopg 3 or psycopg2), or None."""
    return getattr(driver_error, "sqlstate", None) or getattr(driver_error, "pgcode", None)


def _sqlite_code(driver_error) -> int | None:
    """SQLite's primary result code of a driver error, or None."""
    code = getattr(driver_error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _disk_full(driver_error) -> bool:
    if isinstance(driver_error, sqlite3.Error):
        return _sqlite_code(driver_error) == sqlite3.SQLITE_FULL
    text = str(driver_error)
    return _sqlstate(driver_error) == _POSTGRESQL_DISK_FULL or "could not extend file" in text


def _unreachable(error: exc.DBAPIError) -> bool:
    driver_error = error.orig
    if isinstance(error, exc.InterfaceError) or error.connection_invalidated:
        return True
    if not isinstance(error, exc.OperationalError):
        return False
    if isinstance(driver_error, sqlite3.Error):
        return _sqlite_code(driver_error) in _SQLITE_UNREACHABLE
    state = _sqlstate(driver_error)
    # No SQLSTATE: the driver itself failed to connect, or found the connection closed.
    return state is None or state.startswith("08") or state in _POSTGRESQL_UNREACHABLE


def classify(error: BaseException) -> str | None:
    """``UNAVAILABLE``, ``DISK_FULL``, or None for any other failure (a bug)."""
    for found in _chain(error):
        if isinstance(found, OSError) and found.errno == errno.ENOSPC:
            return DISK_FULL
        if isinstance(found, exc.DisconnectionError):
            return UNAVAILABLE
        if isinstance(found, exc.DBAPIError):
            if _disk_full(found.orig):
                return DISK_FULL
            if _unreachable(found):
                return UNAVAILABLE
    return None


def describe(error: BaseException) -> str:
    """One short line saying what failed: the driver's error class and the first line of its
    reason (a DBAPI error's statement and parameters are left out)."""
    for found in _chain(error):
        if isinstance(found, OSError) and found.errno is not None:
            return f"{type(found).__name__}: {os.strerror(found.errno)}"
        if isinstance(found, exc.DBAPIError) and found.orig is not None:
            reason = str(found.orig).strip().splitlines()
            return f"{type(found.orig).__name__}: {reason[0][:200] if reason else 'no reason given'}"
    return type(error).__name__
