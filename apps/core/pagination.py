"""The API's page numbers: a number that is none is the client's mistake, said as such."""

from __future__ import annotations

from rest_framework import pagination

from apps.core import params


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's, except that ``?page=`` that is no whole number from 1 up is a 400 naming it, in
    the reader's language (DRF answers 404 "Invalid page"); a page after the last stays 404."""

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value in self.last_page_strings:
            return paginator.num_pages
        return params.positive_number(value, parameter=self.page_query_param, default=1)
