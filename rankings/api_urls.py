"""URLs of the public API, included under /api/ by config/urls.py."""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from rankings import api


class ApiRouter(DefaultRouter):
    # No ".json"-style suffix routes: model ids contain dots (openai/gpt-4.1). CSV has its own URL below.
    include_format_suffixes = False


router = ApiRouter()
router.register("rankings", api.RankingViewSet, basename="api-ranking")
router.register("models", api.ModelViewSet, basename="api-model")
router.register("sources", api.SourceViewSet, basename="api-source")
# "snapshot-detail" is also what Ranking.get_absolute_url reverses.
router.register("snapshots", api.SnapshotViewSet, basename="snapshot")

urlpatterns = [
    path("rankings.csv", api.RankingCsvViewSet.as_view({"get": "list"}), {"format": "csv"}, name="api-rankings-csv"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
