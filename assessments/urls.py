from assessments.urls_lead import urlpatterns as lead_urls
from assessments.urls_review import urlpatterns as review_urls

app_name = "assessments"
urlpatterns = lead_urls + review_urls
