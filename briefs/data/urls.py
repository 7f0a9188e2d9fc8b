from django.urls import path

from briefs.data import views

app_name = "data"

urlpatterns = [
    path("data/", views.index, name="index"),
    *[
        path(f"data/{f.name}.{fmt}", views.export_view(f.name, fmt), name=f"{f.name}_{fmt}")
        for f in views.FILES
        for fmt in ("csv", "json")
    ],
]
