import madge from 'madge';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import graph of both packages, read by madge from the sources (type-only imports left out:
// they vanish from the compiled code). Independent of the code it checks: what it finds is what
// Node loads.
const root = join(__dirname, '..', '..');
async function graph(dir: string): Promise<{ circular: string[][]; obj: Record<string, string[]> }> {
  const res = await madge(join(root, dir, 'src'), {
    fileExtensions: ['ts'],
    tsConfig: join(root, dir, 'tsconfig.json'),
    detectiveOptions: { ts: { skipTypeImports: true } },
  });
  return { circular: res.circular(), obj: res.obj() };
}

/** The folder (or top-level file) a source file belongs to. */
const part = (file: string) => (file.includes('/') ? file.split('/')[0] : file.replace(/\.ts$/, ''));

/** Pairs [from, to] of parts where a file of `from` imports a file of `to`. */
function crossings(obj: Record<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const [file, deps] of Object.entries(obj))
    for (const dep of deps) if (part(file) !== part(dep)) out.add(`${part(file)} -> ${part(dep)}`);
  return out;
}

describe('the import graph: no cycles, layers in one direction', () => {
  it('kernel-lib has no import cycle, and its layers import only downward', async () => {
    const { circular, obj } = await graph('kernel-lib');
    expect(circular).toEqual([]);
    const edges = crossings(obj);
    // The wire contract, the view model and the static backends are shared with the extension:
    // pure, they import nothing but each other (downward) and the pure portable model.
    const below: Record<string, string[]> = {
      assert: [],
      tensor: ['assert'],
      random: ['assert', 'tensor'],
      portable: [],
      contract: ['portable'],
      view: ['contract', 'portable'],
      static: ['contract', 'view', 'portable'],
      kernel: ['assert'],
      ops: ['assert', 'tensor', 'fast', 'contract'],
    };
    for (const [from, allowed] of Object.entries(below)) {
      const bad = [...edges].filter((e) => e.startsWith(`${from} -> `) && !allowed.includes(e.split(' -> ')[1]));
      expect(bad, `${from} may import only ${allowed.join(', ') || 'nothing'}`).toEqual([]);
    }
    // Nothing below the display layer reaches it or the view model, directly or through others.
    const reach = (file: string, seen = new Set<string>()): Set<string> => {
      for (const dep of obj[file] ?? []) if (!seen.has(dep)) reach(dep, seen.add(dep));
      return seen;
    };
    const lower = Object.keys(obj).filter((f) =>
      ['assert', 'tensor', 'random', 'ops', 'fast', 'nn', 'io', 'tensorOps', 'data'].includes(part(f)),
    );
    expect(lower.length).toBeGreaterThan(50);
    for (const file of lower)
      expect(
        [...reach(file)].filter((d) => ['display', 'view', 'static'].includes(part(d))),
        file,
      ).toEqual([]);
  });

  it('the extension has no import cycle and takes from the library only its contract, its view model and its static backends', async () => {
    const { circular } = await graph('jupyter-extension');
    expect(circular).toEqual([]);
    // Every module specifier of its sources, as TypeScript's pre-processor reads them.
    const dir = join(root, 'jupyter-extension', 'src');
    const specifiers = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => ts.preProcessFile(readFileSync(join(dir, f), 'utf8')).importedFiles.map((i) => i.fileName));
    const fromLibrary = specifiers.filter((s) => s === 'convlab' || s.startsWith('convlab/'));
    expect([...new Set(fromLibrary)].sort()).toEqual(['convlab/contract', 'convlab/static', 'convlab/view']);
  });
});
