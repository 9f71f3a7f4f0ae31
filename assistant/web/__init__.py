"""The web chat: the Gradio page (page.py), and without Gradio its controller (session.py), state,
the writer's preparation, display formatting and the settings-file writer."""
