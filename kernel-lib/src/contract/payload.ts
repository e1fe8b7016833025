/**
 * A matrix drawn as a heatmap: `data` holds shape[0]·shape[1] values in row-major order.
 */
export interface MatrixPayload {
  version: 1;
  kind: 'matrix';
  title: string;
  shape: [number, number];
  data: number[];
}

/** Every view the extension can draw, told apart by `kind`. */
export type Payload = MatrixPayload;
