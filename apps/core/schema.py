"""The OpenAPI document says who may call each operation, as the views decide it.

drf-spectacular marks an operation as open to anonymous callers (``security: [{}]``) only for
DRF's own ``AllowAny`` and ``IsAuthenticatedOrReadOnly``. A permission class of ours whose reads
are public says so with ``public_read = True``, and its reads are documented as public too.
"""

from __future__ import annotations

from drf_spectacular import openapi
from rest_framework.permissions import SAFE_METHODS


class AutoSchema(openapi.AutoSchema):
    def get_auth(self) -> list[dict]:
        auths = super().get_auth()
        permissions = self.view.get_permissions()
        public = (
            self.method in SAFE_METHODS
            and permissions
            and all(getattr(permission, "public_read", False) for permission in permissions)
        )
        if public and {} not in auths:
            auths.append({})
        return auths
