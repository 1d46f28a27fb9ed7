"""The JSON API: pydantic schemas validate, routes call the engine, responses serialise."""
