"""MongoDB adapters (mongoengine). Documents stay in here; ports see domain types only."""
