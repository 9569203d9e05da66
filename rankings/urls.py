"""Page URLs. Model ids contain slashes (anthropic/claude-sonnet-4.5), hence <path:model_id>."""
from django.urls import path

from rankings import views

urlpatterns = [
    path("", views.rankings_page, name="home"),
    path("rankings/", views.rankings_page, name="rankings"),
    path("models/<path:model_id>/", views.model_page, name="model-detail"),
    path("compare/", views.compare_page, name="compare"),
    path("charts/", views.charts_page, name="charts"),
    path("methodology/", views.methodology_page, name="methodology"),
    path("sources/", views.sources_page, name="sources"),
]
