from django.contrib import admin
from django.urls import include, path

from rankings import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("", include("rankings.urls")),
]
