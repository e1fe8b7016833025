// The optional PyTorch CPU peer: a long-lived Python (bench/peers/torch_peer.py) driven over
// stdin/stdout in JSON lines. It times each call itself, so the pipe is outside every timing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { agreement } from '../measure.mjs';
import { decodeArray, encodeLine, findTorchPython, lineReader } from './protocol.mjs';

const SCRIPT = fileURLToPath(new URL('./torch_peer.py', import.meta.url));

/** Starts the peer when a Python with torch is found: { peer, found } with peer null otherwise. */
export async function startTorchPeer(opts) {
  const found = findTorchPython(opts);
  if (!found.available) return { peer: null, found };
  const peer = new TorchPeer(found.python);
  found.hello = await peer.call('hello');
  return { peer, found };
}

export class TorchPeer {
  constructor(python) {
    this.next = 1;
    this.waiting = new Map();
    this.stderr = '';
    this.child = spawn(python, ['-u', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on(
      'data',
      lineReader((msg) => this.answer(msg)),
    );
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (s) => (this.stderr = (this.stderr + s).slice(-4000)));
    this.child.on('exit', (code) => {
      for (const { reject } of this.waiting.values()) reject(new Error(`torch peer exited (${code}): ${this.stderr.trim()}`));
      this.waiting.clear();
    });
  }

  answer(msg) {
    const w = this.waiting.get(msg.id);
    if (w === undefined) return;
    this.waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg);
    else w.reject(new Error(`torch peer, ${w.op}: ${msg.error}`));
  }

  /** Sends { op, ...args } and resolves to the peer's reply. */
  call(op, args = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, op });
      this.child.stdin.write(encodeLine({ id, op, ...args }));
    });
  }

  close() {
    this.child.stdin.end();
  }
}

/** A bench row from a peer reply's { timing, result }, its results checked against `expected`. */
export function peerRow(workload, engine, reply, expected, tolerance) {
  const actual = Object.fromEntries(Object.entries(reply.result).map(([k, a]) => [k, decodeArray(a).data]));
  const error = agreement(actual, expected);
  const { median, min, runs } = reply.timing;
  return { workload, engine, median, min, runs: runs.length, error, tolerance, agrees: error <= tolerance, times: runs };
}
