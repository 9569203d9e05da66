from django.contrib import admin
from django.urls import include, path

from rankings import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("api/", include("rankings.api_urls")),
    path("", include("rankings.urls")),
]

# JSON errors under /api/, Django's usual error pages elsewhere.
handler404 = "rankings.api_errors.api_not_found"
handler500 = "rankings.api_errors.api_server_error"
