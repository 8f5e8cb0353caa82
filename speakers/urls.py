app_name = "speakers"

urlpatterns = []
