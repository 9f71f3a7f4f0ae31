"""The eval suite's data: cases/*.yaml, baseline/<backend>.json and checks.py (the `python`
assertion's functions). Installed as the data package `assistant._evals` (pyproject.toml maps
this folder there); read through `assistant.resources.evals()`."""
