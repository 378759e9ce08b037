"""The API's page numbers: a number that is none is the client's mistake, said as such."""

from __future__ import annotations

from rest_framework import pagination

from apps.core import params


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's, except that ``?page=`` that is no whole number from 1 up is a 400 naming it, in
    the reader's language (DRF answers 404 "Invalid page"); a page after the last stays 404.

    ``?page_size=`` chooses how many items a page holds, from 1 to ``max_page_size``; any other
    value is a 400 too (DRF would quietly use the default, and a client would never know)."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        return params.positive_number(
            request.query_params.get(self.page_size_query_param),
            parameter=self.page_size_query_param,
            default=self.page_size,
            maximum=self.max_page_size,
        )

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value in self.last_page_strings:
            return paginator.num_pages
        return params.positive_number(value, parameter=self.page_query_param, default=1)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Items per page, from 1 to {self.max_page_size} (default {self.page_size})."
                )
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters
