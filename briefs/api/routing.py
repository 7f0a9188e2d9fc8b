"""Every endpoint answers GET and HEAD, as Django's own views do; the schema lists GET.

django-ninja answers HEAD with a 405 unless the operation names it, and an operation
with two methods appears twice in the OpenAPI document (with one operation id), so
HEAD is a second operation on the same path, left out of the schema."""

from ninja import Router


def read(router: Router, path: str, **options):
    """`router.get(path, **options)`, answering HEAD too."""

    def register(view):
        router.add_api_operation(
            path, ["HEAD"], view, response=options.get("response"), include_in_schema=False
        )
        return router.get(path, **options)(view)

    return register
