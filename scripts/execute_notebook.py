"""Executes a notebook headless with nbclient and writes the executed copy.

Usage: execute_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS] [--kernel NAME]
--kernel runs it in another kernel than its metadata names (deno: Deno's kernel), keeping the metadata.
Exit code 0 when every cell ran without error; 1 with the failing cell's stderr otherwise.
"""
import argparse
import sys
import time
from pathlib import Path
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async


class LateOutputClient(NotebookClient):
    """Keeps the output that Deno's kernel sends after a cell's `idle` status.

    Deno forwards console output through a pipe that is read on its own thread (and sends displays
    from a task), so the last lines or views of a cell can reach iopub just after the cell reported
    `idle` (the protocol leaves such output undefined; nbclient drops it). A fixed wait loses them on
    a busy machine, so after each cell in Deno this client runs a one-line sentinel that prints a
    marker, and keeps every message of the cell that arrives before the marker has come through the
    same pipe and the sentinel is idle (then briefly more), adding them to the cell's outputs as
    JupyterLab would show them. Lines of the cell that Deno sends under the sentinel's id (those its
    pipe reader read after the sentinel began) are the cell's too.
    """

    grace = 0.1
    bound = 60.0

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if cell.cell_type != "code" or self.kernel_name != "deno":
            return cell
        marker = f"convlab-sync-{cell_index}-{time.monotonic_ns()}"
        sync = self.kc.execute(f'console.log("{marker}")', store_history=False)
        marked = idle = False
        deadline = time.monotonic() + self.bound
        while True:
            done = marked and idle
            wait = self.grace if done else max(0.01, deadline - time.monotonic())
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=wait))
            except Empty:
                if done:
                    return cell
                raise RuntimeError(f"execute_notebook: Deno did not answer the sentinel after cell {cell_index} in {self.bound} s")
            if msg["parent_header"].get("msg_id") == sync:
                kind = msg["msg_type"]
                idle |= kind == "status" and msg["content"].get("execution_state") == "idle"
                if kind != "stream":
                    continue
                # Deno names a line by the request running when its pipe is read: the cell's last
                # lines can come under the sentinel's id, before (or with) the marker. They are the cell's.
                text = msg["content"].get("text", "")
                if marker in text:
                    marked = True
                    text = "".join(line for line in text.splitlines(keepends=True) if marker not in line)
                if not text:
                    continue
                msg = {**msg, "content": {**msg["content"], "text": text}}
            if msg["msg_type"] in {"stream", "display_data", "update_display_data", "execute_result", "error"}:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--kernel", default=None)
    args = parser.parse_args()

    notebook = nbformat.read(args.source, as_version=4)
    client = LateOutputClient(
        notebook,
        timeout=args.timeout,
        kernel_name=args.kernel or notebook.metadata.get("kernelspec", {}).get("name", "tslab"),
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
    print(f"execute_notebook: {args.source} ran in {client.kernel_name} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
