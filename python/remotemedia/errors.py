"""Exceptions a node raises to say what kind of failure it is; the bridge maps them to codes."""


class NodeError(Exception):
    """Base of the coded node errors. `code` is the RemoteMediaError code the caller sees."""

    code = "ERR_INTERNAL"


class InvalidParamError(NodeError, ValueError):
    """A param is wrong (raise it from `__init__` or `initialize`). Becomes ERR_INVALID_PARAM."""

    code = "ERR_INVALID_PARAM"


class InvalidInputError(NodeError, ValueError):
    """The input of one `process` call is wrong. Becomes ERR_INVALID_INPUT; the node lives on."""

    code = "ERR_INVALID_INPUT"


def error_code(error: BaseException) -> str:
    """The RemoteMediaError code for an exception raised by node code."""
    return error.code if isinstance(error, NodeError) else "ERR_INTERNAL"
