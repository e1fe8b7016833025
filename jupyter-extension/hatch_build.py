"""Build hook: the package ships the prebuilt labextension and never runs Node, so it refuses to
build without that output, or with an output whose version differs from the package's."""
import json
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltLabextensionHook(BuildHookInterface):
    def initialize(self, version, build_data):
        built = Path(self.root, "convlab_jupyterlab", "labextension", "package.json")
        if not built.is_file():
            raise RuntimeError(
                f"convlab-jupyterlab: the prebuilt labextension is missing, got no {built}; "
                "build it first with `npm run build` at the repository root"
            )
        built_version = json.loads(built.read_text(encoding="utf-8"))["version"]
        if built_version != self.metadata.version:
            raise RuntimeError(
                f"convlab-jupyterlab: the labextension version must equal the package version "
                f"{self.metadata.version}, got {built_version} in {built}"
            )
