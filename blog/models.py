"""The blog: announcements and recaps."""
