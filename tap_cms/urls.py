from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from briefs.desk.profile import profile
from briefs.public.urls import entity_patterns

admin.site.site_header = "TAP CMS"
admin.site.site_title = "TAP CMS"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/profile/", admin.site.admin_view(profile), name="admin_profile"),
    path("admin/", admin.site.urls),
    path("", include("briefs.public.urls")),
    path("", include(entity_patterns)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
