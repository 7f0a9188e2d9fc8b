"""The admin app with our own default site (tap_cms.admin_site), as Django's admin
documentation suggests for overriding the default site."""

from django.contrib.admin.apps import AdminConfig


class DeskAdminConfig(AdminConfig):
    default_site = "tap_cms.admin_site.DeskAdminSite"

    def ready(self):
        super().ready()
        from tap_cms import checks, login_throttle  # noqa: F401  (registers them)
