"""Session reports filed by organizers and rapporteurs (mounted at /my/reports/)."""

urlpatterns: list = []
