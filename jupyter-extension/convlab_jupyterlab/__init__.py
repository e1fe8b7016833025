"""convlab-jupyterlab: the prebuilt JupyterLab 4 / Notebook 7 renderer for convlab outputs.

Installing the package is all it takes: the wheel puts the extension in
share/jupyter/labextensions/convlab-jupyterlab. This module only tells Jupyter's tools where the
built extension lives in a source checkout (`jupyter labextension develop`).
"""


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "convlab-jupyterlab"}]
