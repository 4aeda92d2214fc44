"""The outcomes as open data: one JSON document per edition."""

urlpatterns: list = []
