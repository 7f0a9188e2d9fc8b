from django.urls import path

from actors import views

app_name = "actors"

urlpatterns = [
    path("actors/<str:slug>/", views.actor_detail, name="actor"),
    path("organisations/<str:slug>/", views.organisation_detail, name="organisation"),
    path("events/<str:slug>/", views.event_detail, name="event"),
]
