"""Small helpers shared by tests: readers for the search page, and Wagtail's moderation workflow."""


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    """Result titles in the order shown."""
    return [result.title for result in response.context["results"]]


def sorted_titles(response):
    return sorted(titles(response))


def counts(response, param, by="label"):
    """{option label (or value): count} for one filter group, or {} when the group is absent."""
    for group in response.context["search"].groups:
        if group.param == param:
            return {getattr(option, by): option.count for option in group.options}
    return {}


def ensure_moderation():
    """Wagtail's moderation workflow on the whole page tree, as its migrations make it, put back if
    a transactional test's flush emptied it."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    root = Page.get_first_root_node()
    if not WorkflowPage.objects.filter(page=root).exists():
        workflow = Workflow.objects.create(name="Moderators approval")
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.add(Group.objects.get_or_create(name="Moderators")[0])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=root)
