"""Trigger: the friend watched a video message to the end (LINE `videoPlayComplete`)."""

from pydantic import Field

from engine.events import VIDEO_COMPLETE, NormalisedEvent
from engine.nodes.base import NodeConfig, NodeSpec


class VideoViewedConfig(NodeConfig):
    tracking_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_\-.]+$",
                             description="trackingId set on the video message.")

    def summary(self) -> str:
        return f"When video “{self.tracking_id}” is watched to the end"


def match(config: VideoViewedConfig, event: NormalisedEvent) -> bool:
    return event.tracking_id == config.tracking_id


SPEC = NodeSpec(
    # How the agent's replies and workflow names call it.
    short_label="Video watched", short_label_ja="動画視聴",
    type="trigger.video_viewed", category="trigger", label="Video watched",
    label_ja="動画視聴完了",
    description="Starts when the friend finishes watching a video with this tracking id.",
    config_model=VideoViewedConfig,
    event_kind=VIDEO_COMPLETE, match=match,
)
