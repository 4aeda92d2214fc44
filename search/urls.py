from django.urls import path  # noqa: F401  (the search issue fills this in)

app_name = "search"
urlpatterns: list = []
