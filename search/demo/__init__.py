"""Demo content for a fresh site: the published programs as data, generated images, and a loader."""
