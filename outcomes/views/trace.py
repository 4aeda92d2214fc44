"""Public outcome pages: documents, message traces, forums, editions, the dashboard."""

urlpatterns: list = []
