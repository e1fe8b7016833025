// The part of plotly.js that the renderer uses; the dist bundle ships no typings of its own.
declare module 'plotly.js-cartesian-dist-min' {
  export type Datum = number | string | null;
  export interface Trace {
    type?: string;
    [key: string]: unknown;
  }
  export interface Layout {
    [key: string]: unknown;
  }
  export interface Config {
    [key: string]: unknown;
  }
  export interface PlotlyHTMLElement extends HTMLElement {
    data?: Trace[];
    layout?: Layout;
    on(event: string, handler: (event: unknown) => void): void;
    removeAllListeners?(event: string): void;
  }
  export function react(root: HTMLElement, data: Trace[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
  export function purge(root: HTMLElement): void;
  export function restyle(root: HTMLElement, update: Record<string, unknown>, traces?: number | number[]): Promise<PlotlyHTMLElement>;
  export function relayout(root: HTMLElement, update: Record<string, unknown>): Promise<PlotlyHTMLElement>;
  export const Fx: { hover(root: HTMLElement, points: unknown, subplots?: unknown): void; unhover(root: HTMLElement): void };
}
