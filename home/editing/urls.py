"""Admin addresses this app answers ahead of Wagtail's own, keeping Wagtail's names."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from home.editing.views import CopyPageView, CreatePageView, workflow_action

admin_urlpatterns = [
    path(
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        never_cache(require_admin_access(CreatePageView.as_view())),
    ),
    path("pages/<int:page_id>/copy/", never_cache(require_admin_access(CopyPageView.as_view()))),
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(workflow_action)),
    ),
]
