"""The API's errors: one JSON shape, and a 400 for every bad query value.

Every error answers `{"detail": "<one sentence>", "errors": [{"parameter", "value",
"message"}]}`. A query value that does not parse (a date that is not YYYY-MM-DD, a
limit out of range, an unknown event type, an unknown parameter, a cursor not made
by this list) is a 400 naming the parameter and what it takes, never ninja's default
422 with pydantic's internals, never a 500. A value that parses but matches nothing
(a tag no live brief carries) is an empty list: which tags exist is not public.
"""

from ninja.errors import ValidationError

# How the values of a type are written, for the message of a value that does not parse.
_EXPECTED = {
    "date": "a date written YYYY-MM-DD, e.g. 2023-02-17",
    "int": "a whole number",
    "bool": "true or false",
}


class BadRequest(Exception):
    """A query value the API cannot take; answered as a 400."""

    def __init__(self, parameter: str, message: str, value: str | None = None):
        self.parameter, self.message, self.value = parameter, message, value
        super().__init__(f"{parameter} {message}")


def body(errors: list[dict]) -> dict:
    first = errors[0]
    return {
        "detail": f"Bad value for “{first['parameter']}”: {first['message']}",
        "errors": errors,
    }


def bad_request(request, exc: BadRequest) -> dict:
    value = exc.value if exc.value is not None else request.GET.get(exc.parameter)
    return body([{"parameter": exc.parameter, "value": value, "message": exc.message}])


def from_validation(request, exc: ValidationError) -> dict:
    """ninja's validation errors of query and path values, in our words."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("query", "params", "from") for a field of a Query schema: the last part.
        parameter = location[-1] if len(location) > 1 else "query"
        kind = error.get("type", "")
        expected = next((text for prefix, text in _EXPECTED.items() if prefix in kind), None)
        message = f"must be {expected}." if expected else _sentence(error.get("msg", ""))
        errors.append(
            {"parameter": parameter, "value": request.GET.get(parameter), "message": message}
        )
    return body(errors or [{"parameter": "query", "value": None, "message": "is not valid."}])


def _sentence(text: str) -> str:
    text = text.removeprefix("Value error, ")
    text = text[:1].lower() + text[1:]
    return text if text.endswith(".") else text + "."
