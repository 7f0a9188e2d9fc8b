from django.urls import path

from briefs import views

app_name = "briefs"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("briefs/<str:slug>/", views.brief_detail, name="detail"),
]
