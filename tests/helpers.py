"""Small readers for the search page, shared by the search tests."""


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
