"""The prompt files, one <task>.yaml each. Installed as the data package `assistant._prompts`
(pyproject.toml maps this folder there); read through `assistant.resources.prompts()`."""
