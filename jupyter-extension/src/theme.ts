/** Colours of the current JupyterLab theme, read from its CSS variables. */
export interface Theme {
  light: boolean;
  font: string;
  foreground: string;
  background: string;
  grid: string;
}

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

/** Reads the theme JupyterLab has applied (light when the page says nothing). */
export function currentTheme(): Theme {
  const light = document.body.dataset.jpThemeLight !== 'false';
  return {
    light,
    font: cssVariable('--jp-ui-font-family', 'sans-serif'),
    foreground: cssVariable('--jp-ui-font-color1', light ? '#212121' : '#e0e0e0'),
    background: cssVariable('--jp-layout-color0', light ? '#ffffff' : '#111111'),
    grid: cssVariable('--jp-border-color2', light ? '#e0e0e0' : '#424242'),
  };
}

/**
 * Calls `onChange` whenever JupyterLab switches theme (it rewrites data-jp-theme-* on <body>).
 * Returns the function that stops watching.
 */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name'] });
  return () => observer.disconnect();
}
