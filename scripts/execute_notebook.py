"""Executes a notebook headless with nbclient and writes the executed copy.

Usage: execute_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS]
Exit code 0 when every cell ran without error; 1 with the failing cell's stderr otherwise.
"""
import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    notebook = nbformat.read(args.source, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=args.timeout,
        kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "tslab"),
        resources={"metadata": {"path": str(Path(args.source).parent)}},
    )
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as error:
        nbformat.write(notebook, args.target)
        print(f"execute_notebook: {args.source} failed:\n{error}", file=sys.stderr)
        return 1
    nbformat.validate(notebook)
    nbformat.write(notebook, args.target)
    print(f"execute_notebook: {args.source} ran in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
