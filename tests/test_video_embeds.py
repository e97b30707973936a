"""Videos and recordings: only YouTube and Vimeo players, which keep their shape with a class from
static CSS rather than an inline style the Content-Security-Policy would block."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.finders import get_finders

from tests.factories.home import StandardPageFactory, VideoEmbedFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory


@pytest.mark.django_db
def test_videos_keep_their_shape_without_an_inline_style(site_root, client):
    wide = VideoEmbedFactory(video_id="wide", width=640, height=360)
    square = VideoEmbedFactory(video_id="square", width=480, height=480)
    page = StandardPageFactory(
        parent=site_root,
        slug="videos",
        body=[
            ("video", {"video": EmbedValue(wide.url), "caption": "A wide video"}),
            ("video", {"video": EmbedValue(square.url), "caption": ""}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<div class="responsive-object"><iframe width="640" height="360"' in html
    assert '<div class="responsive-object responsive-object--square"><iframe width="480"' in html
    assert "style=" not in html


@pytest.mark.django_db
def test_a_session_recording_is_shown_like_a_video_block(site_root, client):
    recording = VideoEmbedFactory(video_id="recording", width=640, height=480)
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    session = SessionPageFactory(parent=series, recording_url=recording.url)
    html = client.get(session.url).content.decode()
    player = '<div class="responsive-object responsive-object--standard"><iframe width="640" height="480"'
    assert player in html
    assert "https://www.youtube.com/embed/recording" in html
    assert "style=" not in html


@pytest.mark.django_db
def test_the_admin_takes_youtube_and_vimeo_videos_and_refuses_other_players():
    block = EmbedBlock()
    youtube = VideoEmbedFactory(video_id="accepted")
    assert block.clean(EmbedValue(youtube.url)).url == youtube.url
    # The site's policy would block any other player's frame, so the editor hears it at once.
    for url in ("https://www.dailymotion.com/video/x7tgad0", "https://example.org/recording"):
        with pytest.raises(ValidationError):
            block.clean(EmbedValue(url))


def test_only_the_two_players_are_asked_for_embeds():
    (finder,) = get_finders()
    assert finder.accept("https://www.youtube.com/watch?v=abc")
    assert finder.accept("https://youtu.be/abc")
    assert finder.accept("https://vimeo.com/123456")
    assert not finder.accept("https://www.dailymotion.com/video/x7tgad0")
    assert not finder.accept("https://twitter.com/someone/status/1")
