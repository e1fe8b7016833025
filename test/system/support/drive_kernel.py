"""Drives a Jupyter kernel through steps and prints what happened as JSON (for the reliability tests).

Usage: drive_kernel.py KERNEL CWD STEPS_JSON
Each step: {"code": str, "interrupts": [seconds, ...], "restart_after": seconds, "timeout": seconds}.
For each step it reports the reply status, the stdout/stderr text, error values, the number of
display messages, the seconds until the kernel was idle again, and whether the process lives.
"""
import json
import sys
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel


def main() -> int:
    kernel, cwd, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    km, kc = start_new_kernel(kernel_name=kernel, cwd=cwd, startup_timeout=120)
    report = []
    try:
        for step in steps:
            started = time.monotonic()
            msg_id = kc.execute(step["code"])
            pending = sorted(step.get("interrupts", []))
            restart = step.get("restart_after")
            out = {"text": "", "errors": [], "displays": 0, "status": None, "seconds": None, "restarted": False}
            deadline = started + step.get("timeout", 120)
            while time.monotonic() < deadline:
                now = time.monotonic() - started
                if pending and now >= pending[0]:
                    pending.pop(0)
                    km.interrupt_kernel()
                if restart is not None and not out["restarted"] and now >= restart:
                    km.restart_kernel(now=True)
                    kc.wait_for_ready(timeout=120)
                    out["restarted"] = True
                    out["status"] = "restarted"
                    break
                try:
                    msg = kc.get_iopub_msg(timeout=0.1)
                except Empty:
                    if not km.is_alive():
                        out["status"] = "died"
                        break
                    continue
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    out["text"] += content["text"]
                elif kind == "error":
                    out["errors"].append(content.get("evalue", ""))
                elif kind in ("display_data", "update_display_data", "execute_result"):
                    out["displays"] += 1
                elif kind == "status" and content["execution_state"] == "idle":
                    while True:
                        reply = kc.get_shell_msg(timeout=30)
                        if reply["parent_header"].get("msg_id") == msg_id:
                            break
                    out["status"] = reply["content"]["status"]
                    break
            out["seconds"] = round(time.monotonic() - started, 2)
            # late output (Deno sends console output on its own thread)
            end = time.monotonic() + 0.5
            while time.monotonic() < end:
                try:
                    msg = kc.get_iopub_msg(timeout=0.1)
                except Empty:
                    continue
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                    out["text"] += msg["content"]["text"]
            out["alive"] = km.is_alive()
            report.append(out)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
