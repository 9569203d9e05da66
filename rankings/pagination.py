"""Page size and position for API lists, validated: a bad value is a 400, a too-large page is capped."""
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class ApiPagination(LimitOffsetPagination):
    """limit/offset; limit is capped at max_limit, and a value that is not a valid whole number is a 400."""

    max_limit = 500
    max_offset = 1_000_000  # far past any real list, and within every database's integer range

    def get_limit(self, request):
        limit = self._whole_number(request, self.limit_query_param, self.default_limit)
        if limit < 1:
            raise ValidationError({"limit": [f"limit must be 1 or more (at most {self.max_limit} rows are returned)."]})
        return min(limit, self.max_limit)

    def get_offset(self, request):
        offset = self._whole_number(request, self.offset_query_param, 0)
        if not 0 <= offset <= self.max_offset:
            raise ValidationError({"offset": [f"offset must be between 0 and {self.max_offset}."]})
        return offset

    def _whole_number(self, request, name: str, default: int) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise ValidationError({name: [f"{name} must be a whole number, got {raw!r}."]}) from None

    def get_schema_operation_parameters(self, view):
        bounds = {self.limit_query_param: {"minimum": 1}, self.offset_query_param: {"minimum": 0,
                                                                                  "maximum": self.max_offset}}
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
