from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from briefs.api import api
from briefs.desk.profile import profile
from briefs.public.urls import entity_patterns

# admin.site is tap_cms.admin_site.DeskAdminSite (tap_cms.apps): the login steps of
# tap_cms.two_factor are under /admin/login/, and the profile page asks the same of its
# visitors as every admin page.
urlpatterns = [
    path("admin/profile/", admin.site.admin_view(profile), name="admin_profile"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("briefs.public.urls")),
    path("", include(entity_patterns)),
    path("", include("briefs.data.urls")),
]

if settings.DEBUG:
    # Only the public renditions, as nginx serves them; originals stay private.
    urlpatterns += static(
        f"{settings.MEDIA_URL}renditions/", document_root=settings.MEDIA_ROOT / "renditions"
    )
