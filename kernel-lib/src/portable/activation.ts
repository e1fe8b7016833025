// Dependency-free (no imports): the one table of activations, shared by the layers (nn), the
// portable forward pass that runs in the browser, the wire contract and the view model.

/** The activations a layer can apply to its weighted input z; 'softmax' (over the last axis) is for Dense output layers. */
export const ACTIVATION_NAMES = ['sigmoid', 'tanh', 'relu', 'linear', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** The activations that act on each number alone (all but softmax): what a convolution layer may apply. */
export const ELEMENTWISE_ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'linear'] as const;
export type ElementwiseActivation = (typeof ELEMENTWISE_ACTIVATIONS)[number];

/**
 * Each elementwise activation: f, its derivative f' (at relu's kink z = 0 we take 0, as PyTorch
 * does) and the symbol the views write in a = f(z) ('' for linear: a = z).
 *
 * @example
 * ACTIVATION.sigmoid.f(0); // 0.5
 * ACTIVATION.relu.prime(0); // 0
 */
export const ACTIVATION: Readonly<
  Record<ElementwiseActivation, { readonly symbol: string; f(z: number): number; prime(z: number): number }>
> = {
  sigmoid: { symbol: 'σ', f: sigma, prime: (z) => sigma(z) * (1 - sigma(z)) },
  tanh: { symbol: 'tanh', f: Math.tanh, prime: (z) => 1 - Math.tanh(z) ** 2 },
  relu: { symbol: 'relu', f: (z) => (z > 0 ? z : 0), prime: (z) => (z > 0 ? 1 : 0) },
  linear: { symbol: '', f: (z) => z, prime: () => 1 },
};

/** σ(z) = 1/(1+e^(−z)), evaluated as e^z/(1+e^z) for z < 0 so that e^(−z) never overflows. */
function sigma(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
