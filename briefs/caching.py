"""What the public site caches, and clearing it when published content changes."""


def content_changed() -> None:
    """Called after a publish, re-publish or withdraw has committed."""
