"""The administration's profile: coordinators enter it once; its people and reviewers read it."""

from django.urls import reverse

from assessments.models import AdministrationProfile


def test_coordinator_saves_the_profile_and_sees_it_after_reload(
    client, coordinator, administration
):
    client.force_login(coordinator)
    url = reverse("administration_profile", args=[administration.pk])

    response = client.post(
        url, {"staff": "1200", "it_system": "ASYCUDA World", "border_posts": "37"}
    )

    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'value="ASYCUDA World"' in page and 'value="1200"' in page
    assert "Profile saved" in page
    assert (
        AdministrationProfile.objects.get(administration=administration).updated_by == coordinator
    )


def test_a_year_out_of_range_is_refused_and_nothing_is_lost(client, coordinator, administration):
    client.force_login(coordinator)
    url = reverse("administration_profile", args=[administration.pk])

    response = client.post(url, {"figures_year": "1850", "it_system": "ASYCUDA World"})

    assert response.status_code == 400
    assert response.context["form"].has_error("figures_year", "year_out_of_range")
    assert 'value="ASYCUDA World"' in response.content.decode()
    assert not AdministrationProfile.objects.exists()


def test_an_editor_reads_the_profile_as_text_and_cannot_change_it(
    client, editor, coordinator, administration
):
    client.force_login(coordinator)
    url = reverse("administration_profile", args=[administration.pk])
    client.post(url, {"it_system": "ASYCUDA World"})
    client.force_login(editor)

    page = client.get(url).content.decode()

    assert "ASYCUDA World" in page and "<form" not in page.split("<main", 1)[-1]
    assert client.post(url, {"it_system": "Other"}).status_code == 403
