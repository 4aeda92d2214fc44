"""The open-data API under ``/api/v1/`` (django-ninja): public reads of what the site
shows anyone, and scoped writes for integrations with a secretariat-issued token.

Reads reuse each app's selectors, so the API never shows what the public pages do not.
See docs/api.md.
"""
