"""Item pipelines: one concern each, thin adapters over the pure packages. Order: 100 → 400."""
