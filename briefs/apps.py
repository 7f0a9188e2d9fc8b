from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        # The editorial desk registers itself with the admin site.
        from briefs.desk import admin, revised, tags  # noqa: F401
        from briefs.publishing import housekeeping  # noqa: F401
