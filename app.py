"""Cordial's web chat, from a checkout: `python app.py [--host H] [--port P] [--backend NAME]`.

A launcher only: the page is assistant/web/page.py, installed with the package (the installed
command is `cordial-web`)."""

from assistant.web.page import main

if __name__ == "__main__":
    main()
