"""Prompt templates: YAML files in prompts/ loaded into strict models and LangChain templates."""

from assistant.prompting.templates import PromptFile, load_prompt, prompt_names, render

__all__ = ["PromptFile", "load_prompt", "prompt_names", "render"]
